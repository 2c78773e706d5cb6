// Cache freshness across locations (README "Cache freshness"): two locations with their own
// Cache API namespaces and isolates over one `Generations` Durable Object. A write at one
// location, a webhook for a change made outside the edge, or a purge is never served stale at
// the other after the memo bound (EDGE_GENERATION_MEMO_MS, 1 000 ms here); forged webhooks are
// refused, duplicates change nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startLocations, bcEvent, sleep, WEBHOOK_SECRET } from "../support/locations.mjs";
import { API_KEY, shopperToken } from "../support/edge.mjs";
import { registerWebhooks, SCOPES } from "../../scripts/register-webhooks.mjs";
import { STORE_HASH, STORE_TOKEN } from "../support/edge.mjs";

const MEMO_MS = 1000;
let edge;
before(async () => {
  edge = await startLocations({ bindings: { EDGE_GENERATION_MEMO_MS: String(MEMO_MS) } });
});
after(async () => edge?.close());

/** Reads `path` at `at` until cached (a memo may expire between two reads: up to 3 reads). */
async function cached(at, path, token) {
  let r;
  for (let i = 0; i < 3 && r?.cache !== "HIT"; i++) r = await edge.get(at, path, token);
  assert.equal(r.cache, "HIT", `${path} is cached at ${at}`);
  return r;
}

/** Waits out the memo bound: every location then knows every bump made so far. */
const settle = () => sleep(MEMO_MS + 50);

const company = (r) => (Array.isArray(r.body?.data) ? r.body.data[0]?.company : r.body?.company);

test("a write at location A is not served stale at location B after the memo bound", async () => {
  const path = "/v3/customers?id:in=2";
  await cached("a", path);
  const before = await cached("b", path);
  const w = await edge.call("a", "PUT", "/v3/customers", { token: API_KEY, body: [{ id: 2, company: "Written At A" }] });
  assert.equal(w.status, 200, w.text);
  const atA = await edge.get("a", path);
  assert.equal(atA.cache, "MISS", "the writing location misses at once");
  assert.equal(company(atA), "Written At A");
  // Within the bound B may still answer from cache (if its memo predates the write), and then
  // only with what it had; on a slow machine the memo may already have expired.
  const early = await edge.get("b", path);
  if (early.cache === "HIT") assert.equal(company(early), company(before));
  else assert.equal(company(early), "Written At A");
  await settle();
  const late = await edge.get("b", path);
  assert.equal(late.cache, "MISS", "after the bound B asks the Durable Object and misses");
  assert.equal(company(late), "Written At A");
  assert.equal((await edge.get("b", path)).cache, "HIT", "and caches again");
});

test("a webhook for a change made outside the edge invalidates both locations", async () => {
  const v3 = "/v3/customers?id:in=1&include=addresses";
  const v2 = "/v2/customers/1";
  for (const at of ["a", "b"]) {
    await cached(at, v3);
    await cached(at, v2);
  }
  await edge.storeWrite("PUT", "/v3/customers", [{ id: 1, company: "Changed In Control Panel" }]);
  assert.notEqual(company(await edge.get("a", v2)), "Changed In Control Panel", "the edge cannot know before the webhook");
  const hook = await edge.webhook("a", bcEvent("store/customer/updated", { type: "customer", id: 1 }));
  assert.deepEqual([hook.status, hook.body], [200, { status: "applied", families: ["customers"] }]);
  await settle();
  for (const at of ["a", "b"]) {
    for (const path of [v3, v2]) {
      const r = await edge.get(at, path);
      assert.equal(r.cache, "MISS", `${path} at ${at}`);
      assert.equal(company(r), "Changed In Control Panel", `${path} at ${at}`);
    }
  }

  // An address added at checkout, webhook delivered to the other location.
  await cached("a", v3);
  const shopper = shopperToken(1);
  await cached("a", "/me/addresses", shopper);
  const [addr] = (await edge.storeWrite("POST", "/v3/customers/addresses", [{
    customer_id: 1, first_name: "Jane", last_name: "Doe", address1: "1 Checkout Way", city: "Austin",
    state_or_province: "Texas", postal_code: "78701", country_code: "US",
  }])).data;
  const h2 = await edge.webhook("b", bcEvent("store/customer/address/created", { type: "customer", id: addr.id, address: { customer_id: 1 } }));
  assert.equal(h2.body.status, "applied");
  await settle();
  const r = await edge.get("a", v3);
  assert.equal(r.cache, "MISS");
  assert.ok(r.body.data[0].addresses.some((a) => a.id === addr.id));
  const mine = await edge.get("a", "/me/addresses", shopper);
  assert.equal(mine.cache, "MISS");
  assert.ok(mine.body.data.some((a) => a.id === addr.id), "the shopper's own view is fresh too");
});

test("subscriber webhooks invalidate subscribers and leave other families cached", async () => {
  await settle();
  await cached("a", "/v3/customers/subscribers");
  await cached("a", "/v2/customer_groups");
  await cached("b", "/v3/customers?id:in=3");
  const created = await edge.storeWrite("POST", "/v3/customers/subscribers", { email: "outside.sub@example.com" });
  const h = await edge.webhook("b", bcEvent("store/subscriber/created", { type: "subscriber", id: created.data.id }));
  assert.deepEqual(h.body, { status: "applied", families: ["subscribers"] });
  await settle();
  const subs = await edge.get("a", "/v3/customers/subscribers");
  assert.equal(subs.cache, "MISS");
  assert.ok(subs.body.data.some((s) => s.email === "outside.sub@example.com"));
  assert.equal((await edge.get("a", "/v2/customer_groups")).cache, "HIT");
  assert.equal((await edge.get("b", "/v3/customers?id:in=3")).cache, "HIT");
});

test("forged webhooks are refused and invalidate nothing", async () => {
  const path = "/v3/customers?id:in=4";
  await cached("a", path);
  const event = bcEvent("store/customer/deleted", { type: "customer", id: 4 });
  const none = await edge.webhook("a", event, { secret: null });
  assert.deepEqual([none.status, none.body.code], [401, "invalid_webhook_secret"]);
  const wrong = await edge.webhook("a", event, { secret: `${WEBHOOK_SECRET}x` });
  assert.deepEqual([wrong.status, wrong.body.code], [401, "invalid_webhook_secret"]);
  const get = await edge.call("a", "GET", "/webhooks/bigcommerce");
  assert.equal(get.status, 405);
  assert.equal((await edge.get("a", path)).cache, "HIT", "still cached: nothing was bumped");
  const bad = await edge.call("a", "POST", "/webhooks/bigcommerce", { body: "not json", headers: { "x-edge-webhook-secret": WEBHOOK_SECRET, "content-type": "application/json" } });
  assert.deepEqual([bad.status, bad.body.code], [400, "invalid_webhook"]);
  const other = await edge.webhook("a", { ...event, producer: "stores/someoneelse" });
  assert.deepEqual(other.body, { status: "ignored", reason: "other_store" });
  const order = await edge.webhook("a", bcEvent("store/order/created", { type: "order", id: 1 }));
  assert.deepEqual(order.body, { status: "ignored", reason: "scope_not_cached" });
  assert.equal((await edge.get("a", path)).cache, "HIT");
});

test("a duplicate delivery (to either location) is harmless: nothing is invalidated twice", async () => {
  const path = "/v3/customers?id:in=5";
  const event = bcEvent("store/customer/updated", { type: "customer", id: 5 });
  await cached("a", path);
  assert.equal((await edge.webhook("a", event)).body.status, "applied");
  await settle(); // both locations now use the generation of the first delivery
  await cached("a", path);
  await cached("b", path);
  for (const at of ["a", "b"]) {
    const again = await edge.webhook(at, event);
    assert.deepEqual([again.status, again.body.status], [200, "duplicate"], `redelivery to ${at}`);
  }
  await settle();
  assert.equal((await edge.get("a", path)).cache, "HIT");
  assert.equal((await edge.get("b", path)).cache, "HIT");
  // The same customer updated again later is a new event, not a duplicate.
  const later = bcEvent("store/customer/updated", { type: "customer", id: 5 }, { hash: event.hash, created_at: event.created_at + 1 });
  assert.equal((await edge.webhook("b", later)).body.status, "applied");
});

test("purge: server keys only; a customer or the whole store, at every location", async () => {
  const none = await edge.call("a", "POST", "/admin/purge", { body: {} });
  assert.equal(none.status, 401);
  const shopper = await edge.call("a", "POST", "/admin/purge", { body: {}, token: shopperToken(1) });
  assert.equal(shopper.status, 403);
  const unknown = await edge.call("a", "POST", "/admin/purge", { body: { families: ["orders"] }, token: API_KEY });
  assert.equal(unknown.status, 422);

  await settle();
  await cached("b", "/v2/customers/3");
  await cached("b", "/v2/customer_groups");
  const one = await edge.call("a", "POST", "/admin/purge", { body: { customer_id: 3 }, token: API_KEY });
  assert.deepEqual([one.status, one.body], [200, { purged: ["customers"] }]);
  await settle();
  assert.equal((await edge.get("b", "/v2/customers/3")).cache, "MISS");
  assert.equal((await edge.get("b", "/v2/customer_groups")).cache, "HIT");

  await cached("b", "/v2/customer_groups");
  await cached("b", "/v3/customers/subscribers");
  const all = await edge.call("a", "POST", "/admin/purge", { token: API_KEY });
  assert.deepEqual(all.body, { purged: ["customers", "subscribers", "customer_groups"] });
  await settle();
  assert.equal((await edge.get("b", "/v2/customer_groups")).cache, "MISS");
  assert.equal((await edge.get("b", "/v3/customers/subscribers")).cache, "MISS");
});

test("scripts/register-webhooks.mjs registers the three scopes with the secret header, idempotently", async () => {
  const opts = { apiBase: edge.store.url, storeHash: STORE_HASH, token: STORE_TOKEN, edgeUrl: "https://edge.example.com/", secret: WEBHOOK_SECRET };
  const first = await registerWebhooks(opts);
  assert.deepEqual(first.map((r) => [r.scope, r.action]), SCOPES.map((s) => [s, "created"]));
  const second = await registerWebhooks({ ...opts, secret: `${WEBHOOK_SECRET}-rotated` });
  assert.deepEqual(second.map((r) => r.action), ["updated", "updated", "updated"]);
  const hooks = await (await fetch(`${edge.store.url}/stores/${STORE_HASH}/v3/hooks`, { headers: { "x-auth-token": STORE_TOKEN } })).json();
  assert.equal(hooks.data.length, 3);
  for (const h of hooks.data) {
    assert.equal(h.destination, "https://edge.example.com/webhooks/bigcommerce");
    assert.deepEqual(h.headers, { "X-Edge-Webhook-Secret": `${WEBHOOK_SECRET}-rotated` });
    assert.equal(h.is_active, true);
  }
  await assert.rejects(registerWebhooks({ ...opts, token: "wrong-token" }), /401/);
  await assert.rejects(registerWebhooks({ ...opts, secret: "short" }), /at least 16/);
});

test("a location that cannot reach the Durable Object never answers from cache", async () => {
  const lonely = await startLocations({ unreachable: true });
  try {
    for (let i = 0; i < 3; i++) {
      const r = await lonely.get("b", "/v3/customers?id:in=1");
      assert.deepEqual([r.status, r.calls], [200, 1], "every read goes upstream");
      assert.notEqual(r.cache, "HIT");
    }
    assert.equal((await lonely.webhook("b", bcEvent("store/customer/updated", { type: "customer", id: 1 }))).status, 503, "BigCommerce will deliver again");
    assert.equal((await lonely.call("b", "POST", "/admin/purge", { token: API_KEY })).status, 503);
    await lonely.get("a", "/v3/customers?id:in=1");
    assert.equal((await lonely.get("a", "/v3/customers?id:in=1")).cache, "HIT", "the other location is unaffected");
  } finally {
    await lonely.close();
  }
});
