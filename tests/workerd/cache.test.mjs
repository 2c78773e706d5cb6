// Cached reads: MISS then HIT, scoped per key and per shopper, invalidated by every kind of
// write through the edge, bypassed by `Cache-Control: no-cache`, errors never cached.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, shopperToken, API_KEY, OTHER_API_KEY } from "../support/edge.mjs";

let edge;
before(async () => {
  edge = await startEdge({ store: { seed: true } });
});
after(async () => edge?.close());

const get = (path, token = API_KEY, headers = {}) => edge.call("GET", path, { token, headers });

async function assertInvalidatedBy(path, write) {
  await get(path);
  const hit = await get(path);
  assert.equal(hit.cache, "HIT", `${path} is cached before the write`);
  assert.equal(hit.calls, 0);
  const w = await write();
  assert.ok(w.status < 300, `write answered ${w.status}: ${w.text}`);
  const after = await get(path);
  assert.equal(after.cache, "MISS", `${path} is invalidated by the write`);
  assert.equal(after.calls, 1);
  return after;
}

test("MISS then HIT, with no upstream call on a hit", async () => {
  const a = await get("/v3/customers?include=addresses");
  assert.equal(a.status, 200);
  assert.equal(a.cache, "MISS");
  assert.equal(a.calls, 1);
  const b = await get("/v3/customers?include=addresses");
  assert.equal(b.cache, "HIT");
  assert.equal(b.calls, 0);
  assert.deepEqual(b.body, a.body);
});

test("cache entries are scoped: another key or a shopper never gets a cached answer", async () => {
  await get("/v3/customers/addresses");
  assert.equal((await get("/v3/customers/addresses")).cache, "HIT");
  assert.equal((await get("/v3/customers/addresses", OTHER_API_KEY)).cache, "MISS");
  const s1 = await get("/v3/customers/addresses", shopperToken(1));
  assert.equal(s1.cache, "MISS");
  assert.ok(s1.body.data.every((a) => a.customer_id === 1));
  const s2 = await get("/v3/customers/addresses", shopperToken(2));
  assert.equal(s2.cache, "MISS", "shopper 2 does not get shopper 1's cached addresses");
  assert.ok(s2.body.data.length > 0 && s2.body.data.every((a) => a.customer_id === 2));
  const me1 = await get("/me", shopperToken(1));
  await get("/me", shopperToken(1));
  const me2 = await get("/me", shopperToken(2));
  assert.equal(me2.cache, "MISS");
  assert.notEqual(me1.body.data.id, me2.body.data.id);
});

test("equivalent queries share an entry (normalised by core)", async () => {
  await get("/v3/customers?limit=5&include=addresses");
  const r = await get("/v3/customers?include=addresses&limit=5");
  assert.equal(r.cache, "HIT");
});

test("no-cache bypasses, errors are never cached", async () => {
  await get("/v3/customers?limit=2");
  const r = await get("/v3/customers?limit=2", API_KEY, { "cache-control": "no-cache" });
  assert.equal(r.cache, "BYPASS");
  assert.equal(r.calls, 1);
  const missing1 = await get("/v2/customers/424242");
  const missing2 = await get("/v2/customers/424242");
  assert.equal(missing1.status, 404);
  assert.equal(missing2.cache, "MISS");
  assert.equal(missing2.calls, 1);
});

test("every kind of write invalidates the reads it may change, in every scope", async () => {
  // V3 customer update -> V3 list, V2 record, /me
  const shopper = shopperToken(3);
  await get("/me", shopper);
  assert.equal((await get("/me", shopper)).cache, "HIT");
  const after = await assertInvalidatedBy("/v2/customers/3", () =>
    edge.call("PUT", "/v3/customers", { token: API_KEY, body: [{ id: 3, company: "Neue GmbH" }] }));
  assert.equal(after.body.company, "Neue GmbH");
  const me = await get("/me", shopper);
  assert.equal(me.cache, "MISS", "the shopper's /me is invalidated by a server write");
  assert.equal(me.body.data.company, "Neue GmbH");

  // V3 create -> list
  await assertInvalidatedBy("/v3/customers", () =>
    edge.call("POST", "/v3/customers", { token: API_KEY, body: [{ email: "new.one@example.com", first_name: "New", last_name: "One" }] }));
  // V3 delete -> list
  const created = await edge.storeGet("/v3/customers?email:in=new.one%40example.com");
  await assertInvalidatedBy("/v3/customers", () => edge.call("DELETE", `/v3/customers?id:in=${created.data[0].id}`, { token: API_KEY }));
  // address create -> addresses list
  await assertInvalidatedBy("/v3/customers/addresses?customer_id:in=3", () =>
    edge.call("POST", "/v3/customers/addresses", { token: API_KEY, body: [{ customer_id: 3, first_name: "E", last_name: "M", address1: "Hauptstr. 1", city: "Berlin", state_or_province: "", postal_code: "10115", country_code: "DE" }] }));
  // attribute values -> customers with include=attributes
  await assertInvalidatedBy("/v3/customers?include=attributes", () =>
    edge.call("PUT", "/v3/customers/attribute-values", { token: API_KEY, body: [{ attribute_id: 1, value: "41", customer_id: 3 }] }));
  // shopper write through /me -> server's cached V3 list
  await assertInvalidatedBy("/v3/customers?id:in=3", () => edge.call("PUT", "/me", { token: shopper, body: { first_name: "Erika-Maria" } }));
  // V2 write -> V3 list
  await assertInvalidatedBy("/v3/customers", () => edge.call("PUT", "/v2/customers/3", { token: API_KEY, body: { notes: "vip" } }));
  // subscribers
  await assertInvalidatedBy("/v3/customers/subscribers", () => edge.call("POST", "/v3/customers/subscribers", { body: { email: "cache.sub@example.com" } }));
  await assertInvalidatedBy("/v3/customers/subscribers/2", () => edge.call("PUT", "/v3/customers/subscribers/2", { token: API_KEY, body: { first_name: "Nina" } }));
  // customer groups
  await assertInvalidatedBy("/v2/customer_groups", () => edge.call("POST", "/v2/customer_groups", { token: API_KEY, body: { name: "Retail" } }));
});

test("a write to one family leaves the others cached", async () => {
  await get("/v2/customer_groups?limit=3");
  await edge.call("POST", "/v3/customers/subscribers", { body: { email: "other.family@example.com" } });
  assert.equal((await get("/v2/customer_groups?limit=3")).cache, "HIT");
});
