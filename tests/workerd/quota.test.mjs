// Quota and coalescing (README "Quota and coalescing"), EDGE_QUOTA_MODE=do, in workerd.
// Prism is bypassed here: these tests measure call counts and timing, which its validation
// proxy would dominate (the contract of the same requests is checked by the other suites).
//
// Time is scaled down by 10 with the store's ratio kept: the local store allows 15 requests per
// 3 s (BigCommerce's 150 per 30 s), and the edge is told the same until the headers confirm it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startEdge, API_KEY, shopperToken } from "../support/edge.mjs";
import { startLocations } from "../support/locations.mjs";
import { workload, SHOPPER_LATENCY_MS } from "./quota.workload.mjs";

test("200 concurrent misses for one customer make exactly one upstream call", async () => {
  const edge = await startEdge({ prism: false, store: { seed: true }, bindings: { EDGE_QUOTA_MODE: "do" } });
  try {
    const before = edge.store.stats.requests["GET /stores/localstore/v3/customers"] ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY })),
    );
    const upstream = (edge.store.stats.requests["GET /stores/localstore/v3/customers"] ?? 0) - before;
    assert.equal(upstream, 1, "one upstream call for 200 concurrent identical misses");
    assert.ok(answers.every((a) => a.status === 200 && a.body.data[0].id === 1));
    assert.equal(answers.reduce((n, a) => n + a.calls, 0), 1, "X-Upstream-Calls adds up to one");
    assert.equal(new Set(answers.map((a) => a.text)).size, 1, "every caller got the same answer");
    // Another caller's scope is another key: never served someone else's answer.
    const shopper = await edge.call("GET", "/me", { token: shopperToken(1) });
    assert.equal(shopper.status, 200);
    assert.equal(shopper.calls, 1);
    // A hit touches no object and no upstream.
    const hit = await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY });
    assert.equal(hit.cache, "HIT");
    assert.equal(hit.calls, 0);
  } finally {
    await edge.close();
  }
});

test("concurrent misses in two locations (separate isolates) share one upstream call", async () => {
  const locs = await startLocations({ bindings: { EDGE_QUOTA_MODE: "do" } });
  try {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => locs.get(i % 2 ? "a" : "b", "/v3/customers?id:in=1")),
    );
    assert.equal(locs.store.stats.requests["GET /stores/localstore/v3/customers"] ?? 0, 1);
    assert.ok(answers.every((a) => a.status === 200 && a.body.data[0].id === 1));
  } finally {
    await locs.close();
  }
});

test("a 500-create batch with shoppers alongside: no upstream 429, shoppers fast, every create once", async () => {
  const r = await workload("do");
  assert.equal(r.upstream429, 0, "no upstream 429");
  assert.equal(r.batch.status, 200, `batch answered ${r.batch.status}`);
  assert.equal(r.batch.success, 500);
  assert.equal(r.created.missing, 0, "every create present");
  assert.equal(r.created.duplicates, 0, "no create twice");
  assert.ok(r.shoppers.every((s) => s.status === 200), `shopper statuses: ${r.shoppers.map((s) => s.status)}`);
  assert.ok(r.shopperMaxMs < SHOPPER_LATENCY_MS, `slowest shopper ${r.shopperMaxMs} ms >= ${SHOPPER_LATENCY_MS} ms`);
  assert.ok(r.upstreamCalls >= 50 + r.shoppers.length);
});

test("a full queue answers 429 with Retry-After and sends nothing; shoppers keep their headroom", async () => {
  // 5 per 30 s: 4 tokens for the edge (reserved share 0.2), the last one only for shoppers.
  const edge = await startEdge({
    prism: false,
    store: { seed: true, quota: 5, windowMs: 30_000 },
    bindings: { EDGE_QUOTA_MODE: "do", EDGE_QUOTA_PER_WINDOW: "5", EDGE_QUOTA_WINDOW_MS: "30000", EDGE_QUOTA_QUEUE_MAX: "0" },
  });
  try {
    const fresh = { "cache-control": "no-cache" };
    for (let i = 0; i < 3; i++) {
      assert.equal((await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY, headers: fresh })).status, 200);
    }
    const refused = await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY, headers: fresh });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, "upstream_rate_limited");
    const wait = Number(refused.headers.get("retry-after"));
    assert.ok(wait >= 1 && wait <= 30, `Retry-After ${wait}`);
    assert.equal(refused.calls, 0, "nothing was sent upstream");
    const shopper = await edge.call("GET", "/me", { token: shopperToken(1), headers: fresh });
    assert.equal(shopper.status, 200, "the shopper headroom is still there");
    assert.equal(edge.store.stats.rateLimited, 0, "BigCommerce never answered 429");
  } finally {
    await edge.close();
  }
});
