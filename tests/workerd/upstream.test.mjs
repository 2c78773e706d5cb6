// Batches split by core's planner and merged per record; 429 and 5xx handling; upstream faults
// (500, hang, malformed JSON, wrong content type) become clear answers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, API_KEY } from "../support/edge.mjs";

let edge;
before(async () => {
  // A short store window, so a 429's reset time stays within what the edge waits.
  edge = await startEdge({ store: { windowMs: 1000 } });
});
after(async () => edge?.close());

const customers = (n, prefix) =>
  Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@example.com`, first_name: "Batch", last_name: `N${i}` }));
const faults = (next) => edge.control("faults", { next });
const count = async (q) => (await edge.storeGet(`/v3/customers/subscribers?${q}`)).data.length;

test("23 customers are created in 3 calls and merged against the caller's indexes", async () => {
  const r = await edge.call("POST", "/v3/customers", { token: API_KEY, body: customers(23, "fan") });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.calls, 3);
  assert.equal(r.body.meta.calls, 3);
  assert.equal(r.body.data.length, 23);
  assert.deepEqual(r.body.results.map((x) => x.index), [...Array(23).keys()]);
  assert.ok(r.body.results.every((x) => x.status === "done"));
  assert.equal(r.body.data[22].email, "fan22@example.com");
});

test("one failing call fails only its records, reported with the caller's indexes", async () => {
  const existing = customers(1, "taken")[0];
  await edge.call("POST", "/v3/customers", { token: API_KEY, body: [existing] });
  const body = customers(12, "mixed");
  body[11] = { ...existing }; // in the second call, position 1
  const r = await edge.call("POST", "/v3/customers", { token: API_KEY, body });
  assert.equal(r.status, 207, r.text);
  assert.equal(r.body.meta.success, 10);
  assert.equal(r.body.meta.failed, 2);
  assert.deepEqual(r.body.results.slice(10).map((x) => [x.index, x.status, x.code]), [[10, "failed", "upstream_rejected"], [11, "failed", "upstream_rejected"]]);
  assert.ok(r.body.errors.some((e) => e.path.startsWith("[11]")), JSON.stringify(r.body.errors));
  assert.ok(!r.text.includes("taken0@example.com"), "the rejected value is not echoed");
});

test("invalid records anywhere in a big batch: 422, nothing forwarded", async () => {
  const body = customers(15, "bad");
  body[13].email = "not-an-email";
  const r = await edge.call("POST", "/v3/customers", { token: API_KEY, body });
  assert.equal(r.status, 422);
  assert.equal(r.calls, 0);
  assert.equal(r.body.issues[0].path, "[13].email");
});

test("updates of 25 customers respect BigCommerce's 3 concurrent PUTs", async () => {
  const created = await edge.call("POST", "/v3/customers", { token: API_KEY, body: customers(25, "upd") });
  const updates = created.body.data.map((c) => ({ id: c.id, company: "Batch Co" }));
  await edge.control("latency", { latencyMs: 50 });
  try {
    const r = await edge.call("PUT", "/v3/customers", { token: API_KEY, body: updates });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.calls, 3, "no call was refused for concurrency and retried");
  } finally {
    await edge.control("latency", { latencyMs: 0 });
  }
});

test("attribute values for 12 customers are split into calls of at most 10 customers", async () => {
  const attr = await edge.call("POST", "/v3/customers/attributes", { token: API_KEY, body: [{ name: "Tier", type: "string" }] });
  const id = attr.body.data[0].id;
  const list = await edge.storeGet("/v3/customers?limit=12");
  const values = list.data.map((c) => ({ attribute_id: id, value: "gold", customer_id: c.id }));
  const r = await edge.call("PUT", "/v3/customers/attribute-values", { token: API_KEY, body: values });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.calls, 2);
  assert.equal(r.body.data.length, 12);
});

test("429: the create waits as told and is sent once more, never duplicated", async () => {
  await faults([{ method: "POST", path: "/v3/customers/subscribers", status: 429, retryAfter: 1 }]);
  const t0 = Date.now();
  const r = await edge.call("POST", "/v3/customers/subscribers", { body: { email: "retry.429@example.com" } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.calls, 2);
  assert.ok(Date.now() - t0 >= 900, "waited about X-Retry-After");
  assert.equal(await count("email=retry.429%40example.com"), 1);
});

test("500 after the store created the record: 502, the create is not repeated", async () => {
  await faults([{ method: "POST", path: "/v3/customers/subscribers", status: 500, process: true }]);
  const r = await edge.call("POST", "/v3/customers/subscribers", { body: { email: "once.only@example.com" } });
  assert.equal(r.status, 502);
  assert.equal(r.body.code, "upstream_error");
  assert.equal(r.calls, 1);
  assert.equal(await count("email=once.only%40example.com"), 1);
});

test("a hanging create is 504 and not repeated; a hanging read is retried", async () => {
  await faults([{ method: "POST", path: "/v3/customers/subscribers", hang: true }]);
  const r = await edge.call("POST", "/v3/customers/subscribers", { body: { email: "hang@example.com" } });
  assert.equal(r.status, 504);
  assert.equal(r.body.code, "upstream_timeout");
  assert.equal(r.calls, 1);
  await faults([{ method: "GET", path: "/v3/customers/subscribers", hang: true }]);
  const g = await edge.call("GET", "/v3/customers/subscribers", { token: API_KEY, headers: { "cache-control": "no-store" } });
  assert.equal(g.status, 200);
  assert.equal(g.calls, 2);
});

test("5xx on reads are retried a bounded number of times, then 502", async () => {
  await faults([{ method: "GET", path: "/v2/customers", status: 503 }]);
  const once = await edge.call("GET", "/v2/customers", { token: API_KEY });
  assert.equal(once.status, 200);
  assert.equal(once.calls, 2);
  await faults([1, 2, 3, 4].map(() => ({ method: "GET", path: "/v2/customer_groups", status: 500 })));
  const r = await edge.call("GET", "/v2/customer_groups", { token: API_KEY });
  assert.equal(r.status, 502);
  assert.equal(r.calls, 3);
  await faults([]);
});

test("malformed JSON and a wrong content type are 502 upstream_invalid_response, not cached", async () => {
  for (const [i, fault] of [{ malformed: true }, { contentType: "text/html" }].entries()) {
    await faults([{ method: "GET", path: "/v3/customers/attributes", ...fault }]);
    const path = `/v3/customers/attributes?limit=${i + 1}`;
    const r = await edge.call("GET", path, { token: API_KEY });
    assert.equal(r.status, 502, JSON.stringify(fault));
    assert.equal(r.body.code, "upstream_invalid_response");
    const again = await edge.call("GET", path, { token: API_KEY });
    assert.equal(again.status, 200);
    assert.equal(again.cache, "MISS");
  }
});

// Without the Quota object: the edge learns of the empty quota from BigCommerce's 429. With it
// (EDGE_QUOTA_MODE=do), calls queue for EDGE_QUOTA_MAX_WAIT_MS instead; quota.test.mjs covers that.
test("a quota wait longer than the edge accepts is 429 with Retry-After, without waiting", { skip: process.env.EDGE_QUOTA_MODE === "do" && "queues in do mode (see quota.test.mjs)" }, async () => {
  await edge.control("quota", { quota: 1, windowMs: 30_000 });
  try {
    await edge.call("GET", "/v3/customers?limit=1", { token: API_KEY, headers: { "cache-control": "no-store" } });
    const r = await edge.call("GET", "/v3/customers?limit=1", { token: API_KEY, headers: { "cache-control": "no-store" } });
    assert.equal(r.status, 429);
    assert.equal(r.body.code, "upstream_rate_limited");
    assert.ok(Number(r.headers.get("retry-after")) > 2);
    assert.equal(r.calls, 1);
  } finally {
    await edge.control("quota", { quota: null });
  }
});
