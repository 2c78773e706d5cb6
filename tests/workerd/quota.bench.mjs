// Measures quota and coalescing with EDGE_QUOTA_MODE=off vs do (outside the suite: ~1 min):
//   node tests/workerd/quota.bench.mjs
// 1. 200 concurrent GETs of one uncached customer: upstream calls.
// 2. The quota workload (quota.workload.mjs): 500 creates + shopper /me reads against a store
//    allowing 15 requests per 3 s: upstream calls, upstream 429s, creates, shopper latency.
// 3. The hit path: 300 sequential cache hits per mode, median and p95 latency (a hit touches no
//    Durable Object, so both should match).
import { startEdge, API_KEY } from "../support/edge.mjs";
import { workload } from "./quota.workload.mjs";

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function coalescing(mode) {
  const edge = await startEdge({ prism: false, store: { seed: true }, bindings: { EDGE_QUOTA_MODE: mode } });
  try {
    const t0 = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, () => edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY })));
    const ms = Date.now() - t0;
    return { mode, upstream: edge.store.stats.requests["GET /stores/localstore/v3/customers"] ?? 0, upstream429: edge.store.stats.rateLimited, ok: answers.filter((a) => a.status === 200).length, ms };
  } finally {
    await edge.close();
  }
}

async function hits(mode, n = 300) {
  const edge = await startEdge({ prism: false, store: { seed: true }, bindings: { EDGE_QUOTA_MODE: mode } });
  try {
    await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY });
    for (let i = 0; i < 30; i++) await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY }); // warm
    const ms = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const a = await edge.call("GET", "/v3/customers?id:in=1", { token: API_KEY });
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (a.cache !== "HIT") throw new Error(`expected a hit, got ${a.cache}`);
    }
    return { mode, median: pct(ms, 0.5).toFixed(2), p95: pct(ms, 0.95).toFixed(2) };
  } finally {
    await edge.close();
  }
}

const out = { coalescing: [], workload: [], hits: [] };
for (const mode of ["off", "do"]) out.coalescing.push(await coalescing(mode));
console.table(out.coalescing);
// EDGE_MAX_RETRY_WAIT_MS: 2 000 is the test helper's value, 5 000 the edge's default.
for (const [mode, wait] of [["off", "2000"], ["off", "5000"], ["do", "2000"]]) {
  const r = await workload(mode, { bindings: { EDGE_MAX_RETRY_WAIT_MS: wait } });
  out.workload.push({
    mode, retryWaitMs: wait, elapsedMs: r.elapsedMs, upstreamCalls: r.upstreamCalls, upstream429: r.upstream429,
    batchStatus: r.batch.status, created: r.created.present, missing: r.created.missing, duplicates: r.created.duplicates,
    shoppers: r.shoppers.length, shoppersOk: r.shoppers.filter((s) => s.status === 200).length,
    shopperMedianMs: r.shopperMedianMs, shopperMaxMs: r.shopperMaxMs,
  });
}
console.table(out.workload);
for (const mode of ["do", "off", "do", "off", "do", "off"]) out.hits.push(await hits(mode));
console.table(out.hits);
