#!/usr/bin/env node
// Edge benchmark: the Rust Worker (edge/build) and a JavaScript Worker doing the same work
// (edge/bench/js-worker/worker.mjs) side by side in ONE workerd (one Miniflare instance with two
// workers, told apart by Host: rust.bench / js.bench), both against the same local store.
//
//   bash edge/bench/run.sh            (needs `bash scripts/build.sh edge` first)
//
// Paths (all with a server key):
//   cache hit   GET  /v3/customers?limit=5, warmed so every request is a HIT
//   cache miss  GET  /v3/customers?limit=5&page=N with N unique per request (wrk Lua): a real
//               miss (lookup, upstream call, store), not a `no-cache` bypass
//   POST        POST /v3/customers/subscribers with a valid body and a unique email: validation,
//               upstream create, cache invalidation
// Each pair runs interleaved (Rust, JS, next path ...), `wrk -t2 -c8 -d10s --latency` on
// 127.0.0.1 after a 2 s warm-up of the same script. Startup: `new Miniflare` to first answer,
// each Worker alone, median of 3. Bundle: raw and gzip (level 9, per file, summed).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { startStore } from "../local-store/server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const BUILD = resolve(ROOT, process.env.EDGE_BUILD_DIR ?? "edge/build");
const JS_WORKER = join(HERE, "js-worker/worker.mjs");
const DURATION = process.env.BENCH_DURATION ?? "10s";
const THREADS = process.env.BENCH_THREADS ?? "2";
const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? "8";
// BENCH_KINDS=hit (comma list) runs only those paths; BENCH_ROUNDS=3 repeats each pair.
const KINDS = (process.env.BENCH_KINDS ?? "hit,miss,post").split(",");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const KEY = "bench-key-0123456789abcdef";
const TOKEN = "bench-store-token";
const HASH = "localstore";

const bindings = (storeUrl) => ({
  BC_API_BASE: storeUrl,
  BC_STORE_HASH: HASH,
  BC_ACCESS_TOKEN: TOKEN,
  BC_CLIENT_ID: "bench-client",
  BC_CLIENT_SECRET: "bench-client-secret",
  EDGE_API_KEYS: KEY,
  EDGE_CACHE_TTL_SECONDS: "300",
  EDGE_UPSTREAM_TIMEOUT_MS: "5000",
  EDGE_SIGNUP_PER_MINUTE: "1000000",
});

const rustWorker = (storeUrl, extra = {}) => ({
  name: "rust",
  modules: true,
  modulesRoot: BUILD,
  scriptPath: join(BUILD, "worker.mjs"),
  modulesRules: [
    { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
    { type: "CompiledWasm", include: ["**/*.wasm"] },
  ],
  compatibilityDate: "2026-04-01",
  durableObjects: { GENERATIONS: { className: "Generations", useSQLite: true } },
  bindings: bindings(storeUrl),
  ...extra,
});

const jsWorker = (storeUrl, extra = {}) => ({
  name: "js",
  modules: true,
  scriptPath: JS_WORKER,
  compatibilityDate: "2026-04-01",
  bindings: bindings(storeUrl),
  ...extra,
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startupMs(worker) {
  const t0 = performance.now();
  const mf = new Miniflare({ ...worker, cf: false });
  const url = await mf.ready;
  const r = await fetch(new URL("/v3/customers?limit=5", url), { headers: { authorization: `Bearer ${KEY}` } });
  await r.arrayBuffer();
  const ms = performance.now() - t0;
  await mf.dispose();
  if (r.status !== 200) throw new Error(`${worker.name}: first answer ${r.status}`);
  return ms;
}

function bundle(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(f);
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

// wrk runs one Lua state per thread; setup() (main state) numbers the threads so that pages and
// emails stay unique across threads, and RUN_* (prepended per run) across runs.
const THREAD_IDS = `local next_id = 0
function setup(thread) next_id = next_id + 1; thread:set("tid", next_id) end
counter = 0
`;
const LUA = {
  hit: `wrk.headers["Authorization"] = "Bearer ${KEY}"
wrk.path = "/v3/customers?limit=5"`,
  miss: `${THREAD_IDS}wrk.headers["Authorization"] = "Bearer ${KEY}"
function request()
  counter = counter + 1
  return wrk.format("GET", "/v3/customers?limit=5&page=" .. (RUN_OFFSET + (tid or 0) * 10000000 + counter))
end`,
  post: `${THREAD_IDS}wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer ${KEY}"
wrk.headers["Content-Type"] = "application/json"
function request()
  counter = counter + 1
  local body = '{"email":"bench.' .. RUN_TAG .. '.' .. (tid or 0) .. '.' .. counter .. '@example.com","first_name":"Bench","last_name":"Mark","source":"bench","consents":["marketing_newsletter"]}'
  return wrk.format(nil, "/v3/customers/subscribers", nil, body)
end`,
};

// CPU time (user + system, ms) of the workerd processes this bench started: divided by the
// requests served, it is the Workers' cost per request, much less sensitive to other load on
// the machine than requests/s. Linux only (/proc); NaN elsewhere.
function workerdCpuMs() {
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
      let stat;
      try { stat = readFileSync(`/proc/${pid}/stat`, "utf8"); } catch { continue; }
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const f = stat.slice(close + 2).split(" ");
      if (name === "workerd" && Number(f[1]) === process.pid) ticks += Number(f[11]) + Number(f[12]);
    }
  } catch { return NaN; }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

let runNo = 0;
// Asynchronous on purpose: the local store runs in this process and must keep answering.
async function wrk(url, host, kind, duration) {
  runNo++;
  const dir = mkdtempSync(join(tmpdir(), "edge-bench-"));
  const script = join(dir, `${kind}.lua`);
  // every run gets its own unique pages and emails (a new Lua state per run)
  const prelude = `RUN_OFFSET = ${runNo * 100000000}\nRUN_TAG = "r${runNo}x${process.pid}"\n`;
  writeFileSync(script, prelude + LUA[kind] + "\n");
  const args = [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${duration}`, "--latency", "--timeout", "5s", "-H", `Host: ${host}`, "-s", script, url];
  const cpuBefore = workerdCpuMs();
  const { stdout: out } = await promisify(execFile)("wrk", args, { encoding: "utf8", timeout: 60_000 });
  const cpuMs = workerdCpuMs() - cpuBefore;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const lat = (p) => /(\d+(?:\.\d+)?)(us|ms|s)\b/.exec(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const toMs = (m) => (m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const total = Number(/(\d+) requests in/.exec(out)?.[1]);
  const errors = /Socket errors:.*/.exec(out)?.[0] ?? "";
  return { rps, p50: toMs(lat(50)), p99: toMs(lat(99)), non2xx, total, errors, out, cpu: cpuMs / total };
}

async function check(url, host, kind) {
  const headers = { host, authorization: `Bearer ${KEY}` };
  const path = { hit: "/v3/customers?limit=5", miss: `/v3/customers?limit=5&page=${4e9 + Math.floor(Math.random() * 1e8)}`, post: "/v3/customers/subscribers" }[kind];
  const init = kind === "post"
    ? { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ email: `check.${host}.${Date.now()}@example.com` }) }
    : { headers };
  // Host is a forbidden header for fetch(): use a raw request
  return new Promise((ok, fail) => {
    const u = new URL(path, url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: init.method ?? "GET", headers: init.headers }, (r) => {
      let body = "";
      r.on("data", (c) => { body += c; });
      r.on("end", () => ok({ status: r.statusCode, cache: r.headers["x-cache"], body }));
    });
    req.on("error", fail);
    req.end(init.body);
  });
}

async function main() {
  if (spawnSync("wrk", ["--version"]).error) throw new Error("wrk is not installed (edge/bench/run.sh installs it)");
  statSync(join(BUILD, "index_bg.wasm"));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}, Miniflare ${JSON.parse(readFileSync(join(ROOT, "node_modules/miniflare/package.json"), "utf8")).version}, wrk ${/wrk (\S+)/.exec(spawnSync("wrk", ["--version"], { encoding: "utf8" }).stdout)?.[1] ?? "?"}`;
  const loadStart = loadavg();
  const store = await startStore({ accessToken: TOKEN, seed: true, storeHash: HASH });

  // Startup, each Worker alone (fresh Miniflare each time).
  const startup = { rust: [], js: [] };
  for (let i = 0; i < 3; i++) {
    startup.rust.push(await startupMs(rustWorker(store.url)));
    startup.js.push(await startupMs(jsWorker(store.url)));
  }

  // Both Workers in one workerd.
  const mf = new Miniflare({
    workers: [rustWorker(store.url, { routes: ["rust.bench/*"] }), jsWorker(store.url, { routes: ["js.bench/*"] })],
    cf: false,
  });
  const url = String(await mf.ready);
  const hosts = { rust: "rust.bench", js: "js.bench" };
  const expect = { hit: [200, "HIT"], miss: [200, "MISS"], post: [200, undefined] };
  for (const [name, host] of Object.entries(hosts)) {
    await check(url, host, "hit"); // fill the cache
    for (const kind of ["hit", "miss", "post"]) {
      const r = await check(url, host, kind);
      if (r.status !== expect[kind][0] || (expect[kind][1] && r.cache !== expect[kind][1])) {
        throw new Error(`${name} ${kind}: answered ${r.status} X-Cache ${r.cache}: ${r.body.slice(0, 300)}`);
      }
    }
  }

  const rows = [];
  for (const kind of KINDS) {
    for (const name of ["rust", "js"]) await wrk(url, hosts[name], kind, "2s"); // warm-up
    for (let round = 0; round < ROUNDS; round++) for (const name of ["rust", "js"]) {
      const r = await wrk(url, hosts[name], kind, DURATION);
      rows.push({ kind, name, ...r });
      if (process.env.BENCH_DEBUG) process.stderr.write(r.out);
      process.stderr.write(`${kind} ${name}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, workerd CPU ${r.cpu.toFixed(3)} ms/request, non-2xx ${r.non2xx}/${r.total} ${r.errors}\n`);
    }
  }
  await mf.dispose();
  await store.close();
  const loadEnd = loadavg();

  const rustBundle = bundle([join(BUILD, "index_bg.wasm"), join(BUILD, "index.js"), join(BUILD, "worker.mjs")]);
  const jsBundle = bundle([JS_WORKER]);
  const label = { hit: "cache hit (GET)", miss: "cache miss (GET, unique query)", post: "validated POST (subscriber)" };
  const who = { rust: "Rust", js: "JavaScript" };
  const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "?");
  const lines = [];
  lines.push(`Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Machine: ${machine}.`);
  lines.push(`Load average (1/5/15 min): ${loadStart.map((x) => x.toFixed(2)).join(" / ")} at the start, ${loadEnd.map((x) => x.toFixed(2)).join(" / ")} at the end.`);
  lines.push(`wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION} --latency on 127.0.0.1, both Workers in one workerd (one Miniflare, two workers), interleaved per path after a 2 s warm-up.`);
  lines.push("");
  lines.push("| path | Worker | requests/s | p50 (ms) | p99 (ms) | workerd CPU (ms/request) | non-2xx |");
  lines.push("|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows) lines.push(`| ${label[r.kind]} | ${who[r.name]} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.cpu, 3)} | ${r.non2xx} of ${r.total} |`);
  lines.push("");
  lines.push("| Worker | bundle raw | bundle gzip | startup (median of 3) |");
  lines.push("|---|---:|---:|---:|");
  lines.push(`| Rust (index_bg.wasm + index.js + worker.mjs) | ${kb(rustBundle.raw)} | ${kb(rustBundle.gz)} | ${fmt(median(startup.rust), 0)} ms (${startup.rust.map((x) => x.toFixed(0)).join(", ")}) |`);
  lines.push(`| JavaScript (worker.mjs) | ${kb(jsBundle.raw)} | ${kb(jsBundle.gz)} | ${fmt(median(startup.js), 0)} ms (${startup.js.map((x) => x.toFixed(0)).join(", ")}) |`);
  // With several rounds, the ratio is of the medians.
  const hitOf = (name) => median(rows.filter((r) => r.kind === "hit" && r.name === name).map((r) => r.rps));
  const hit = { rust: hitOf("rust"), js: hitOf("js") };
  const hitCpuOf = (name) => median(rows.filter((r) => r.kind === "hit" && r.name === name).map((r) => r.cpu));
  lines.push("");
  lines.push(`Cache hit, Rust / JavaScript: ${fmt(hit.rust / hit.js)}× requests/s (goal: at least 1.00×); workerd CPU per hit, JavaScript / Rust: ${fmt(hitCpuOf("js") / hitCpuOf("rust"))}× (above 1: Rust is cheaper).`);
  console.log(lines.join("\n"));
}

if (process.env.BENCH_SERVE_ONLY) { await serveOnly(); } else { await main(); }

// BENCH_SERVE_ONLY=1: start the store and both Workers, print the URL, wait (for trying by hand).
async function serveOnly() {
  const store = await startStore({ accessToken: TOKEN, seed: true, storeHash: HASH });
  const mf = new Miniflare({
    workers: [rustWorker(store.url, { routes: ["rust.bench/*"] }), jsWorker(store.url, { routes: ["js.bench/*"] })],
    cf: false,
  });
  console.log(`serving ${await mf.ready} (Host: rust.bench | js.bench), key ${KEY}, store ${store.url}`);
  process.on("SIGTERM", async () => { await mf.dispose(); await store.close(); process.exit(0); });
}
