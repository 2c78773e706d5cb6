// The quota workload shared by quota.test.mjs (EDGE_QUOTA_MODE=do) and quota.bench.mjs (off vs
// do): against a local store allowing 15 requests per 3 s (BigCommerce's 150 per 30 s, scaled
// down 10x in time), one server caller sends 500 customer creates in one request (50 upstream
// calls, 3 at a time) while a shopper reads `/me` (no-cache, so each is an upstream call) every
// 1.2 s until the batch answers.
import { startEdge, API_KEY, shopperToken } from "../support/edge.mjs";

export const QUOTA = 15;
export const WINDOW_MS = 3_000;
/** The bound shopper requests stay under while the batch runs (EDGE_QUOTA_MODE=do). */
export const SHOPPER_LATENCY_MS = 1_000;

export async function workload(mode, { creates = 500, shopperEveryMs = 1_200, prefix = `q${Date.now()}`, bindings = {} } = {}) {
  const edge = await startEdge({
    prism: false,
    store: { seed: true },
    bindings: {
      EDGE_QUOTA_MODE: mode,
      EDGE_QUOTA_PER_WINDOW: String(QUOTA),
      EDGE_QUOTA_WINDOW_MS: String(WINDOW_MS),
      EDGE_QUOTA_MAX_WAIT_MS: "60000",
      ...bindings,
    },
  });
  try {
    edge.store.setQuota({ quota: QUOTA, windowMs: WINDOW_MS });
    const before = { total: edge.store.stats.total, limited: edge.store.stats.rateLimited };
    const records = Array.from({ length: creates }, (_, i) => ({ email: `${prefix}-${i}@example.com`, first_name: "Q", last_name: `N${i}` }));
    const started = Date.now();
    let done = false;
    const batch = edge.call("POST", "/v3/customers", { token: API_KEY, body: records }).finally(() => { done = true; });
    const shoppers = [];
    const shopperRuns = (async () => {
      while (!done) {
        const t0 = Date.now();
        shoppers.push(edge.call("GET", "/me", { token: shopperToken(1), headers: { "cache-control": "no-cache" } })
          .then((a) => ({ status: a.status, ms: Date.now() - t0, calls: a.calls })));
        await new Promise((r) => setTimeout(r, shopperEveryMs));
      }
    })();
    const b = await batch;
    await shopperRuns;
    const shopperResults = await Promise.all(shoppers);
    const elapsedMs = Date.now() - started;
    const upstreamCalls = edge.store.stats.total - before.total;
    const upstream429 = edge.store.stats.rateLimited - before.limited;
    // Count the created records in the store directly, without a quota.
    edge.store.setQuota({ quota: null });
    const emails = new Map();
    for (const c of edge.store.state.customers.values()) {
      if (c.email.startsWith(`${prefix}-`)) emails.set(c.email, (emails.get(c.email) ?? 0) + 1);
    }
    const missing = records.filter((r) => !emails.has(r.email)).length;
    const duplicates = [...emails.values()].filter((n) => n > 1).length;
    const ms = shopperResults.map((s) => s.ms).sort((x, y) => x - y);
    return {
      mode,
      elapsedMs,
      upstreamCalls,
      upstream429,
      batch: { status: b.status, success: b.body?.meta?.success ?? null, failed: b.body?.meta?.failed ?? null },
      created: { present: emails.size, missing, duplicates },
      shoppers: shopperResults,
      shopperMaxMs: ms.at(-1) ?? 0,
      shopperMedianMs: ms[Math.floor(ms.length / 2)] ?? 0,
    };
  } finally {
    await edge.close();
  }
}
