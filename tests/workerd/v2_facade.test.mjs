// The V2 compatibility facade (EDGE_V2_MODE=facade, edge/src/v2_facade.rs) as a V2 contract
// suite: every scenario runs the same V2 requests against (a) the local store's V2 API directly
// and (b) the edge in facade mode, backed by the local store's V3 API, each on a freshly seeded
// store. Statuses must be equal and bodies equal field by field once ids, timestamps and the
// host of `addresses.url` are normalised; V2 error items must agree on status and message
// (their `details` on keys: reasons are free text). Then the behaviours that differ on purpose
// (see the README's "V2 compatibility facade") and caching in facade mode.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, API_KEY, STORE_TOKEN, STORE_HASH } from "../support/edge.mjs";
import { startStore } from "../../edge/local-store/server.mjs";

let edge; // facade mode, cache off: the stores are reset between scenarios behind its back
let cachedEdge; // facade mode with the cache on
let direct; // the reference: the local store's own V2 API

before(async () => {
  edge = await startEdge({ bindings: { EDGE_V2_MODE: "facade", EDGE_CACHE_TTL_SECONDS: "0" }, store: { seed: true } });
  cachedEdge = await startEdge({ bindings: { EDGE_V2_MODE: "facade" }, store: { seed: true } });
  direct = await startStore({ accessToken: STORE_TOKEN, seed: true });
});
after(async () => {
  await edge?.close();
  await cachedEdge?.close();
  await direct?.close();
});

/** The two sides of the contract, each with the same `call(method, path, body)`. */
const sides = {
  v2: async (method, path, body) => {
    const headers = { "x-auth-token": STORE_TOKEN, accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    const r = await fetch(`${direct.url}/stores/${STORE_HASH}/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, upstream: [] };
  },
  facade: async (method, path, body) => {
    const before = (await edge.control("stats")).requests;
    const r = await edge.call(method, `/v2${path}`, { token: API_KEY, body });
    const afterStats = (await edge.control("stats")).requests;
    // Which upstream calls the facade made: every one must be V3.
    const upstream = Object.keys(afterStats).filter((k) => afterStats[k] !== (before[k] ?? 0));
    return { status: r.status, body: r.body, upstream };
  },
};

const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/** Ids become `<id>`, V2 dates `<date>` (after checking the format), `addresses.url` its path. */
function normalise(v, key = "") {
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (v && typeof v === "object") {
    // A V2 error item: status and message must agree; details only on which keys they carry.
    if (typeof v.message === "string" && typeof v.status === "number") {
      return { status: v.status, message: v.message, details: v.details ? Object.keys(v.details).sort() : undefined };
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x, k)]));
  }
  if ((key === "id" || key === "customer_id") && typeof v === "number") return "<id>";
  if (key === "date_created" || key === "date_modified") {
    assert.match(v, RFC2822, `${key} is an RFC 2822 date`);
    return "<date>";
  }
  if (key === "url" && typeof v === "string") return v.replace(/^.*(\/v2\/customers\/)\d+(\/addresses)$/, "$1<id>$2");
  if (key === "resource" && typeof v === "string") return v.replace(/\d+/, "<id>");
  return v;
}

/** Paths where two values differ, for a readable failure. */
function differences(a, b, path = "") {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return [`${path || "."}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  if (a && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    if (Array.isArray(a) && a.length !== b.length) return [`${path}: ${a.length} items vs ${b.length}`];
    return [...keys].flatMap((k) => differences(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`));
  }
  return a === b ? [] : [`${path || "."}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/**
 * Runs `steps` on both sides against fresh stores. A step is `[method, path, body?]`; `$name` in
 * a path is replaced by the id a step marked `{save: "name"}` got on that side.
 */
async function contract(steps) {
  const results = { v2: [], facade: [] };
  for (const side of ["v2", "facade"]) {
    side === "v2" ? direct.reset({ seed: true }) : edge.store.reset({ seed: true });
    const ids = {};
    for (const [method, rawPath, body, opts = {}] of steps) {
      const path = rawPath.replace(/\$(\w+)/g, (_, n) => ids[n]);
      const r = await sides[side](method, path, body);
      if (opts.save) ids[opts.save] = r.body?.id;
      results[side].push({ step: `${method} ${rawPath}`, ...r });
    }
  }
  results.v2.forEach((expected, i) => {
    const got = results.facade[i];
    assert.equal(got.status, expected.status, `${expected.step}: status (facade body ${JSON.stringify(got.body)})`);
    const diff = differences(normalise(expected.body), normalise(got.body));
    assert.deepEqual(diff, [], `${expected.step}: bodies differ`);
    for (const u of got.upstream) assert.match(u, /^\w+ \/stores\/\w+\/v3\//, `${expected.step}: the facade called ${u}`);
  });
  return results;
}

const jane = "jane.doe@example.com";
const newCustomer = {
  first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", company: "Analytical Engines",
  phone: "555-0100", notes: "first programmer", store_credit: "10.5000", customer_group_id: 0,
  _authentication: { password: "Engine-1843", password_confirmation: "Engine-1843" },
};
const address = {
  first_name: "Ada", last_name: "Lovelace", company: "Analytical Engines", phone: "555-0100",
  street_1: "12 St James's Square", city: "London", state: " ", zip: "SW1Y 4JH", country: "United Kingdom",
  address_type: "residential",
};

test("create a customer, then read it back", async () => {
  const r = await contract([
    ["POST", "/customers", newCustomer, { save: "c" }],
    ["GET", "/customers/$c"],
    ["GET", "/customers/1"],
  ]);
  const created = r.facade[0].body;
  assert.equal(created.store_credit, "10.5000");
  assert.ok(!("_authentication" in created), "passwords are never answered");
});

test("list with V2 filters and paging", async () => {
  const date = encodeURIComponent("Wed, 10 Jan 2018 21:02:23 +0000");
  await contract([
    ["POST", "/customers", newCustomer],
    ["POST", "/customers", { first_name: "Jane", last_name: "Austen", email: "austen@example.com", tax_exempt_category: "G" }],
    ["GET", "/customers"],
    ["GET", "/customers?limit=2"],
    ["GET", "/customers?page=2&limit=2"],
    ["GET", "/customers?page=9"],
    ["GET", `/customers?email=${encodeURIComponent(jane)}`],
    ["GET", "/customers?company=Acme%20Corp"],
    ["GET", "/customers?phone=555-123-4567"],
    ["GET", "/customers?customer_group_id=0"],
    ["GET", "/customers?first_name=Jane"],
    ["GET", "/customers?first_name=jane&limit=1&page=2"],
    ["GET", "/customers?last_name=Smith"],
    ["GET", "/customers?first_name=Jane&last_name=Doe"],
    ["GET", "/customers?min_id=2"],
    ["GET", "/customers?max_id=2&min_id=2"],
    ["GET", "/customers?store_credit=25"],
    ["GET", "/customers?tax_exempt_category=G"],
    ["GET", `/customers?min_date_created=${date}`],
    ["GET", `/customers?max_date_modified=${date}`],
    ["GET", "/customers?min_id=x"],
  ]);
});

test("count, with and without filters", async () => {
  await contract([
    ["GET", "/customers/count"],
    ["GET", "/customers/count?company=Acme%20Corp"],
    ["GET", "/customers/count?min_id=2"],
    ["GET", "/customers/count?first_name=John"],
  ]);
});

test("update a customer", async () => {
  await contract([
    ["PUT", "/customers/1", { notes: "vip", phone: "555-9999", company: "Acme Inc" }],
    ["GET", "/customers/1"],
    ["PUT", "/customers/2", { email: "john.new@example.com", _authentication: { force_reset: true } }],
    ["GET", "/customers/2"],
    ["PUT", "/customers/2", { store_credit: "3.2500", customer_group_id: 1 }],
    // Read-only fields are ignored, as V2 does.
    ["PUT", "/customers/3", { id: 3, date_created: "Wed, 10 Jan 2018 21:02:23 +0000", first_name: "Erika M." }],
  ]);
});

test("addresses: create, list, get, count, update, delete", async () => {
  await contract([
    ["POST", "/customers/1/addresses", address, { save: "a" }],
    ["GET", "/customers/1/addresses"],
    ["GET", "/customers/1/addresses?limit=1&page=2"],
    ["GET", "/customers/1/addresses/$a"],
    ["GET", "/customers/1/addresses/count"],
    ["GET", "/customers/2/addresses"],
    ["PUT", "/customers/1/addresses/$a", { ...address, company: undefined, street_1: "1 Bloomsbury Square", city: "Bath" }],
    ["GET", "/customers/1/addresses/$a"],
    // The same address again: V2 answers the existing one, no copy.
    ["POST", "/customers/1/addresses", { ...address, street_1: "1 Bloomsbury Square", city: "Bath" }],
    ["GET", "/customers/1/addresses/count"],
    ["DELETE", "/customers/1/addresses/$a"],
    ["GET", "/customers/1/addresses/$a"],
    ["DELETE", "/customers/1/addresses/$a"],
    ["GET", "/customers/2/addresses/1"],
  ]);
});

test("delete a customer", async () => {
  await contract([
    ["DELETE", "/customers/3"],
    ["GET", "/customers/3"],
    ["DELETE", "/customers/3"],
    ["GET", "/customers/count"],
  ]);
});

test("errors: missing and invalid fields, duplicate email, unknown ids", async () => {
  await contract([
    ["POST", "/customers", { last_name: "X", email: "x@example.com" }],
    ["POST", "/customers", { first_name: "X", last_name: "Y", email: "not-an-email" }],
    ["POST", "/customers", { first_name: "X", last_name: "Y", email: jane }],
    ["PUT", "/customers/2", { email: jane }],
    ["POST", "/customers", { ...newCustomer, _authentication: { password: "Engine-1843", password_confirmation: "Engine-1844" } }],
    ["GET", "/customers/999"],
    ["PUT", "/customers/999", { notes: "x" }],
    ["DELETE", "/customers/999"],
    ["GET", "/customers/999/addresses"],
    ["GET", "/customers/999/addresses/count"],
    ["POST", "/customers/999/addresses", address],
    ["POST", "/customers/1/addresses", { ...address, zip: undefined }],
    ["POST", "/customers/1/addresses", { ...address, country: "Atlantis" }],
    ["GET", "/customers/1/addresses/999"],
  ]);
});

test("customer groups stay V2 in facade mode", async () => {
  edge.store.reset({ seed: true });
  const before = (await edge.control("stats")).requests;
  const r = await edge.call("GET", "/v2/customer_groups", { token: API_KEY });
  assert.equal(r.status, 200);
  assert.equal(r.body[0].name, "Wholesale");
  const stats = (await edge.control("stats")).requests;
  assert.equal(stats[`GET /stores/${STORE_HASH}/v2/customer_groups`], (before[`GET /stores/${STORE_HASH}/v2/customer_groups`] ?? 0) + 1);
});

test("V2 fields V3 cannot hold are refused by name, never dropped", async () => {
  edge.store.reset({ seed: true });
  const post = (body) => edge.call("POST", "/v2/customers", { token: API_KEY, body });
  const ip = await post({ ...newCustomer, registration_ip_address: "10.0.0.1" });
  assert.equal(ip.status, 400);
  assert.equal(ip.body[0].message, "The field 'registration_ip_address' is invalid.");
  assert.equal(ip.calls, 0);
  const unknown = await post({ ...newCustomer, loyalty_tier: "gold" });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body[0].message, "The field 'loyalty_tier' is invalid.");
  // On update, the stored value (what a read-modify-write client sends back) is accepted.
  const current = await edge.call("GET", "/v2/customers/1", { token: API_KEY });
  const same = await edge.call("PUT", "/v2/customers/1", { token: API_KEY, body: { ...current.body, notes: "x" } });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.body.notes, "x");
  const changed = await edge.call("PUT", "/v2/customers/1", { token: API_KEY, body: { registration_ip_address: "10.9.9.9" } });
  assert.equal(changed.status, 400);
  assert.equal(changed.body[0].message, "The field 'registration_ip_address' is invalid.");
  // The edge's own refusals keep the edge's shape.
  const all = await edge.call("DELETE", "/v2/customers", { token: API_KEY });
  assert.equal(all.status, 422);
  assert.equal(all.body.issues[0].code, "empty_filter");
  assert.equal((await edge.call("GET", "/v2/customers")).status, 401);
});

test("facade reads are cached per key and invalidated by facade writes", async () => {
  const get = (path) => cachedEdge.call("GET", path, { token: API_KEY });
  const a = await get("/v2/customers/1");
  assert.equal(a.cache, "MISS");
  const b = await get("/v2/customers/1");
  assert.equal(b.cache, "HIT");
  assert.equal(b.calls, 0);
  assert.deepEqual(b.body, a.body);
  const w = await cachedEdge.call("PUT", "/v2/customers/1", { token: API_KEY, body: { notes: "changed" } });
  assert.equal(w.status, 200);
  const c = await get("/v2/customers/1");
  assert.equal(c.cache, "MISS");
  assert.equal(c.body.notes, "changed");
  // A V3 write through the edge invalidates facade reads too (same family).
  await get("/v2/customers/1/addresses");
  assert.equal((await get("/v2/customers/1/addresses")).cache, "HIT");
  const v3 = await cachedEdge.call("PUT", "/v3/customers/addresses", { token: API_KEY, body: [{ id: 1, city: "Dallas" }] });
  assert.equal(v3.status, 200, v3.text);
  const d = await get("/v2/customers/1/addresses");
  assert.equal(d.cache, "MISS");
  assert.equal(d.body[0].city, "Dallas");
});
