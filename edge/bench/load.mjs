#!/usr/bin/env node
// A bounded mixed-load run against the edge: the local store (seeded, in this process) and the
// Rust Worker (edge/build) in workerd via Miniflare, both on 127.0.0.1. A Node load client in a
// worker thread keeps a fixed number of requests in flight for a fixed time:
//
//   70 %  cache hits    GET /v3/customers?limit=5&page=P, P in 1..20, all cached before the run
//   20 %  cache misses  GET /v3/customers?limit=5&page=N with N unique per request
//   10 %  writes        POST /v3/customers/subscribers, valid body, unique email (validated,
//                       created upstream, invalidates the subscribers family; the customer
//                       reads above stay cached)
//
//   node edge/bench/load.mjs                 # 60 s, 8 in flight
//   LOAD_SECONDS=10 LOAD_CONCURRENCY=16 LOAD_QUOTA_MODE=do EDGE_BUILD_DIR=/tmp/copy node edge/bench/load.mjs
//   LOAD_STORE_QUOTA=150 ...   # the store's quota per 30 s (default unlimited): 429s, exit 1
//
// Reports throughput, p50/p90/p99/max latency (overall and per kind), counts by status, and
// exits non-zero on any unexpected answer: a status other than 200, a network error or timeout,
// a hit that is not X-Cache HIT, a miss that is not MISS, or a write that the store does not hold
// exactly once afterwards. Not part of the test suite (it takes a minute and loads the machine).
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import http from "node:http";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const KEY = "load-key-0123456789abcdef";
const TOKEN = "load-store-token";
const HASH = "localstore";
const HIT_PAGES = 20;
const MIX = [["hit", 0.7], ["miss", 0.2], ["write", 0.1]];

// ---- the load client (worker thread) ------------------------------------------------------------

async function runLoad({ url, seconds, concurrency, warmupSeconds, tag }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const base = new URL(url);
  let counter = 0;
  const samples = { hit: [], miss: [], write: [] };
  const statuses = {};
  const unexpected = [];
  const writes = [];
  let seed = 0x9e3779b9;
  const rand = () => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return seed / 4294967296;
  };
  const pickKind = () => {
    let x = rand();
    for (const [k, p] of MIX) if ((x -= p) < 0) return k;
    return "hit";
  };

  function request(kind) {
    const n = ++counter;
    let path;
    let body;
    const headers = { authorization: `Bearer ${KEY}` };
    if (kind === "hit") path = `/v3/customers?limit=5&page=${1 + (n % HIT_PAGES)}`;
    else if (kind === "miss") path = `/v3/customers?limit=5&page=${1_000_000 + n}`;
    else {
      path = "/v3/customers/subscribers";
      body = JSON.stringify({ email: `load.${tag}.${n}@example.com`, first_name: "Load", last_name: "Run", source: "load", consents: ["marketing_newsletter"] });
      headers["content-type"] = "application/json";
    }
    return new Promise((ok) => {
      const t0 = process.hrtime.bigint();
      const req = http.request({ host: base.hostname, port: base.port, path, method: body ? "POST" : "GET", headers, agent, timeout: 30_000 }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => ok({ kind, n, ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode, cache: res.headers["x-cache"], text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", (e) => ok({ kind, n, ms: Number(process.hrtime.bigint() - t0) / 1e6, status: "error", error: e.message }));
      });
      req.on("timeout", () => req.destroy(new Error("timeout after 30 s")));
      req.on("error", (e) => ok({ kind, n, ms: Number(process.hrtime.bigint() - t0) / 1e6, status: "error", error: e.message }));
      req.end(body);
    });
  }

  const check = (r) => {
    if (r.status !== 200) return `${r.kind} #${r.n}: ${r.status} ${r.error ?? r.text.slice(0, 200)}`;
    if (r.kind === "hit" && r.cache !== "HIT") return `hit #${r.n}: X-Cache ${r.cache}`;
    if (r.kind === "miss" && r.cache !== "MISS") return `miss #${r.n}: X-Cache ${r.cache}`;
    return null;
  };

  const t0 = Date.now();
  const warmEnd = t0 + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  let measuredStart = null;
  let completed = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      const kind = pickKind();
      const r = await request(kind);
      const measuring = r.status !== undefined && Date.now() >= warmEnd;
      if (r.kind === "write" && r.status === 200) writes.push(JSON.parse(r.text).data.email);
      const problem = check(r);
      if (problem && unexpected.length < 1000) unexpected.push(problem); // warm-up included
      if (!measuring) continue;
      measuredStart ??= Date.now();
      completed++;
      samples[kind].push(r.ms);
      const key = `${kind} ${r.status}${r.kind !== "write" && r.status === 200 ? ` ${r.cache}` : ""}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  }));
  const measuredMs = Date.now() - (measuredStart ?? Date.now());
  agent.destroy();
  return { samples, statuses, unexpected, completed, measuredMs, writes };
}

if (!isMainThread) {
  runLoad(workerData).then((r) => parentPort.postMessage(r));
}

// ---- main: store + workerd, report --------------------------------------------------------------

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const summary = (xs) => {
  const s = Float64Array.from(xs).sort();
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), max: s[s.length - 1] ?? NaN };
};
const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : "?");

async function main() {
  const { Miniflare } = await import("miniflare");
  const { startStore } = await import("../local-store/server.mjs");
  const BUILD = resolve(ROOT, process.env.EDGE_BUILD_DIR ?? "edge/build");
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 8);
  const warmupSeconds = Number(process.env.LOAD_WARMUP_SECONDS ?? 3);
  const quotaMode = process.env.LOAD_QUOTA_MODE ?? "off";
  const loadStart = loadavg();
  const started = new Date();

  // LOAD_STORE_QUOTA=n: the store allows n requests per 30 s (default: unlimited).
  const quota = process.env.LOAD_STORE_QUOTA ? Number(process.env.LOAD_STORE_QUOTA) : null;
  const store = await startStore({ accessToken: TOKEN, seed: true, storeHash: HASH, quota, windowMs: 30_000 });
  const subscribersBefore = store.state.subscribers.size;
  const mf = new Miniflare({
    modules: true,
    modulesRoot: BUILD,
    scriptPath: join(BUILD, "worker.mjs"),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    durableObjects: {
      GENERATIONS: { className: "Generations", useSQLite: true },
      QUOTA: { className: "Quota", useSQLite: true },
      COALESCER: { className: "Coalescer", useSQLite: true },
    },
    bindings: {
      BC_API_BASE: store.url,
      BC_STORE_HASH: HASH,
      BC_ACCESS_TOKEN: TOKEN,
      BC_CLIENT_ID: "load-client",
      BC_CLIENT_SECRET: "load-client-secret",
      EDGE_API_KEYS: KEY,
      EDGE_CACHE_TTL_SECONDS: "300", // longer than the run: hits stay hits
      EDGE_UPSTREAM_TIMEOUT_MS: "5000",
      EDGE_QUOTA_MODE: quotaMode,
    },
    cf: false,
  });
  const url = String(await mf.ready);

  // Fill the cache for the hit pages.
  for (let p = 1; p <= HIT_PAGES; p++) {
    const r = await fetch(new URL(`/v3/customers?limit=5&page=${p}`, url), { headers: { authorization: `Bearer ${KEY}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`warming page ${p}: ${r.status}`);
  }

  process.stderr.write(`load: ${seconds} s (+${warmupSeconds} s warm-up), ${concurrency} in flight, mix ${MIX.map(([k, p]) => `${k} ${p * 100}%`).join(" / ")}, quota mode ${quotaMode}, build ${BUILD}\n`);
  const result = await new Promise((ok, fail) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { url, seconds, concurrency, warmupSeconds, tag: `${process.pid}x${Date.now()}` } });
    w.once("message", ok);
    w.once("error", fail);
  });
  await new Promise((r) => setTimeout(r, 200));

  // Every acknowledged write is in the store exactly once.
  const byEmail = new Map();
  for (const s of store.state.subscribers.values()) byEmail.set(s.email, (byEmail.get(s.email) ?? 0) + 1);
  const missing = result.writes.filter((e) => byEmail.get(e) !== 1);
  if (missing.length) result.unexpected.push(`${missing.length} acknowledged writes not in the store exactly once, e.g. ${missing[0]}`);
  const created = store.state.subscribers.size - subscribersBefore;
  const upstream = store.stats.total;

  await mf.dispose();
  await store.close();
  const loadEnd = loadavg();

  const all = summary([...result.samples.hit, ...result.samples.miss, ...result.samples.write]);
  const rps = result.completed / (result.measuredMs / 1000);
  const lines = [];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, Miniflare ${JSON.parse(readFileSync(join(ROOT, "node_modules/miniflare/package.json"), "utf8")).version}`;
  lines.push(`Date: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC. Machine: ${machine}.`);
  lines.push(`Load average (1/5/15 min): ${loadStart.map((x) => x.toFixed(2)).join(" / ")} at the start, ${loadEnd.map((x) => x.toFixed(2)).join(" / ")} at the end.`);
  lines.push(`${seconds} s measured after ${warmupSeconds} s of warm-up, ${concurrency} requests in flight (Node client in a worker thread), EDGE_QUOTA_MODE=${quotaMode}.`);
  lines.push("");
  lines.push("| kind | requests | share | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |");
  lines.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const kind of ["hit", "miss", "write"]) {
    const s = summary(result.samples[kind]);
    lines.push(`| ${kind} | ${s.n} | ${((100 * s.n) / result.completed).toFixed(1)} % | ${f(s.p50)} | ${f(s.p90)} | ${f(s.p99)} | ${f(s.max)} |`);
  }
  lines.push(`| **all** | ${all.n} | 100 % | ${f(all.p50)} | ${f(all.p90)} | ${f(all.p99)} | ${f(all.max)} |`);
  lines.push("");
  lines.push(`Throughput: ${rps.toFixed(1)} requests/s. Statuses: ${Object.entries(result.statuses).sort().map(([k, v]) => `${k}: ${v}`).join(", ")}.`);
  lines.push(`Upstream calls during the whole run (warm-up included): ${upstream}; subscribers created: ${created}, acknowledged: ${result.writes.length}.`);
  lines.push(`Unexpected answers: ${result.unexpected.length}.`);
  console.log(lines.join("\n"));
  if (result.unexpected.length) {
    console.error(`unexpected:\n  ${result.unexpected.slice(0, 20).join("\n  ")}`);
    process.exit(1);
  }
}

if (isMainThread) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
