// Not part of the suite (slow, machine-dependent): node --test --test-concurrency=1 tests/workerd/freshness.bench.mjs
// Numbers for README "Cache freshness" (printed as test diagnostics; only loose sanity is
// asserted, timings depend on the machine):
// - added latency on the hit path: 200 sequential hits with the generation memo
//   (EDGE_GENERATION_MEMO_MS=5000, the default) against 200 without it (0: every hit asks the
//   Durable Object), interleaved in one run;
// - upstream calls saved: 1 000 requests over 20 customers, 5 % writes, spread over two
//   locations, against the same workload with the cache off; stale answers are counted and
//   their age checked against the bound.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { startLocations } from "../support/locations.mjs";
import { API_KEY } from "../support/edge.mjs";

const open = [];
after(async () => Promise.all(open.map((e) => e.close())));
const start = async (opts) => {
  const e = await startLocations(opts);
  open.push(e);
  return e;
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(3), p50: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3) };
};

test("hit-path latency: generation memo vs a Durable Object call per hit", async (t) => {
  const edge = await start({ perLocation: { a: { EDGE_GENERATION_MEMO_MS: "5000" }, b: { EDGE_GENERATION_MEMO_MS: "0" } } });
  const path = "/v3/customers?id:in=1";
  for (const at of ["a", "b"]) for (let i = 0; i < 20; i++) await edge.get(at, path); // warm up
  const times = { a: [], b: [] };
  for (let round = 0; round < 10; round++) {
    for (const at of ["a", "b"]) {
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const r = await edge.get(at, path);
        times[at].push(performance.now() - t0);
        assert.equal(r.cache, "HIT");
      }
    }
  }
  const memo = stats(times.a);
  const noMemo = stats(times.b);
  t.diagnostic(`hit latency ms, memo 5000 ms: ${JSON.stringify(memo)}`);
  t.diagnostic(`hit latency ms, memo 0 (DO call per hit): ${JSON.stringify(noMemo)}`);
  t.diagnostic(`added by a DO call per hit: ${(noMemo.p50 - memo.p50).toFixed(3)} ms at p50 (same process; a real DO is one network round trip away)`);
});

// 20 customers, a seeded PRNG, 5 % writes; reads alternate between V3 list and V2 record.
// BENCH_WRITE_RATE (default 0.05) changes the share of writes.
const WRITE_RATE = Number(process.env.BENCH_WRITE_RATE ?? 0.05);
async function workload(edge, { ops = 1000, customers, seed = 7 }) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const truth = new Map(); // id -> {company, writtenAt}
  let readCalls = 0, writeCalls = 0, reads = 0, writes = 0, hits = 0, stale = 0, maxStaleMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) {
    const id = customers[Math.floor(rnd() * customers.length)];
    const at = rnd() < 0.5 ? "a" : "b";
    if (rnd() < WRITE_RATE) {
      const company = `Co ${i}`;
      const r = await edge.call(at, "PUT", "/v3/customers", { token: API_KEY, body: [{ id, company }] });
      assert.equal(r.status, 200, r.text);
      truth.set(id, { company, writtenAt: performance.now() });
      writes++;
      writeCalls += r.calls;
    } else {
      const v2 = rnd() < 0.5;
      const r = await edge.get(at, v2 ? `/v2/customers/${id}` : `/v3/customers?id:in=${id}`);
      assert.equal(r.status, 200, r.text);
      const got = v2 ? r.body.company : r.body.data[0].company;
      reads++;
      readCalls += r.calls;
      if (r.cache === "HIT") hits++;
      const want = truth.get(id);
      if (want && got !== want.company) {
        stale++;
        maxStaleMs = Math.max(maxStaleMs, performance.now() - want.writtenAt);
      }
    }
  }
  return { reads, writes, readCalls, writeCalls, hits, stale, maxStaleMs: Math.round(maxStaleMs), ms: Math.round(performance.now() - t0) };
}

async function twentyCustomers(edge) {
  const created = await edge.storeWrite("POST", "/v3/customers", Array.from({ length: 10 }, (_, i) => ({ email: `load${i}@example.com`, first_name: "Load", last_name: `T${i}` })));
  const more = await edge.storeWrite("POST", "/v3/customers", Array.from({ length: 7 }, (_, i) => ({ email: `load1${i}@example.com`, first_name: "Load", last_name: `U${i}` })));
  return [1, 2, 3, ...created.data.map((c) => c.id), ...more.data.map((c) => c.id)];
}

test("read-heavy workload over two locations: upstream calls with and without the cache", async (t) => {
  const memoMs = 5000;
  const cachedEdge = await start({ bindings: { EDGE_GENERATION_MEMO_MS: String(memoMs) } });
  const customers = await twentyCustomers(cachedEdge);
  assert.equal(customers.length, 20);
  const withCache = await workload(cachedEdge, { customers });
  const plainEdge = await start({ bindings: { EDGE_CACHE_TTL_SECONDS: "0" } });
  const withoutCache = await workload(plainEdge, { customers: await twentyCustomers(plainEdge) });
  t.diagnostic(`write rate ${WRITE_RATE}; with cache (memo ${memoMs} ms): ${JSON.stringify(withCache)}`);
  t.diagnostic(`without cache: ${JSON.stringify(withoutCache)}`);
  const saved = 1 - (withCache.readCalls + withCache.writeCalls) / (withoutCache.readCalls + withoutCache.writeCalls);
  t.diagnostic(`upstream calls saved: ${(saved * 100).toFixed(1)} %`);
  assert.equal(withoutCache.readCalls, withoutCache.reads, "without cache every read is one upstream call");
  assert.ok(withCache.readCalls < withoutCache.readCalls, "the cache saves read calls");
  assert.equal(withoutCache.stale, 0);
  // Stale answers only at the location that did not write, and never older than the bound.
  assert.ok(withCache.maxStaleMs <= memoMs + 1000, `stale for ${withCache.maxStaleMs} ms`);
});
