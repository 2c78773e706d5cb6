// Contract checks: every request the edge sends upstream, and every answer it gets back, passes
// through Prism's validation proxy (`prism proxy <spec> <upstream> --errors`, @stoplight/prism-cli)
// with BigCommerce's own OpenAPI files from ../shared/reference/bigcommerce/.
//
//   edge ──> contract router ──> prism (one per spec) ──> relay ──> local store
//
// - Prism validates paths relative to the spec's `paths` (the servers' base path
//   `/stores/{store_hash}/v3|v2` is not part of the match) and forwards to `{upstream}{path}`.
//   So the router strips `/stores/{hash}/v3|v2` and picks the prism by prefix:
//   `/v3/customers/subscribers…` -> subscribers.v3.yml, other `/v3/…` -> customers.v3.yml,
//   `/v2/…` -> customers.v2.yml. Each prism's upstream is the relay (`…/v3` or `…/v2`), which
//   puts the prefix back and forwards to the store named by the router in `x-contract-target`;
//   so one set of prisms (started once per process, ~3-9 s) serves every store in that process.
// - With `--errors`, a request violation is answered by prism itself (422 problem+json, never
//   forwarded) and a response violation replaces the store's answer (500 problem+json); both carry
//   a `type` under https://stoplight.io/prism/errors#. Warnings (e.g. a status the spec does not
//   list, such as 429) only show in the `sl-violations` header. The router records both and
//   strips the header; error-level ones are contract violations, warnings are kept for reports.
// - Requests for which the store has a matching fault queued (hang, malformed JSON, wrong content
//   type, injected statuses) go straight to the store: the fault is the point of those tests, and
//   prism would turn it into a validation error or parse failure.
// - Known defects of the official files are patched in a copy (ERRATA below, each with the
//   SUMMARY.md §12 item it comes from); the originals are never modified.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
export const SPEC_DIR = resolve(ROOT, "../shared/reference/bigcommerce");
const PRISM_BIN = join(ROOT, "node_modules/@stoplight/prism-cli/dist/index.js");
const PRISM_ERROR_TYPE = "https://stoplight.io/prism/errors#";
const TARGET_HEADER = "x-contract-target";

/** The specs, in the order the router tries them: first matching prefix of `/v3/...` or `/v2/...`. */
export const SPECS = [
  { name: "subscribers.v3", file: "subscribers.v3.yml", version: "v3", prefix: "/v3/customers/subscribers" },
  { name: "customers.v3", file: "customers.v3.yml", version: "v3", prefix: "/v3/" },
  { name: "customers.v2", file: "customers.v2.yml", version: "v2", prefix: "/v2/" },
];

/**
 * Defects of the official files that make valid BigCommerce requests fail validation. Each patch
 * changes only what the finding names.
 */
export const ERRATA = [
  {
    spec: "subscribers.v3",
    why: "SUMMARY §12.31: `id` is marked required on GET /customers/subscribers; it is an optional filter",
    apply: (doc) => {
      doc.components.parameters.IdParam.required = false;
    },
  },
  {
    spec: "customers.v2",
    why: "customerGroup_Full.discount_rules is a `oneOf` of four open array schemas that every array matches, so no answer can satisfy it; read as `anyOf`",
    apply: (doc) => {
      const rules = doc.components.schemas.customerGroup_Full.properties.discount_rules;
      rules.anyOf = rules.oneOf;
      delete rules.oneOf;
    },
  },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.unref();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Writes the spec (with its errata applied) as JSON to a cache folder; returns its path. */
function preparedSpec(spec) {
  const source = readFileSync(join(SPEC_DIR, spec.file), "utf8");
  const errata = ERRATA.filter((e) => e.spec === spec.name);
  const key = createHash("sha256").update(source).update(errata.map((e) => e.apply.toString()).join()).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), "bc-customers-contract");
  const out = join(dir, `${spec.name}.${key}.json`);
  if (!existsSync(out)) {
    const doc = yaml.load(source);
    for (const e of errata) e.apply(doc);
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${out}.${process.pid}`, JSON.stringify(doc));
    // rename is atomic: a concurrent test process never reads half a file
    renameSync(`${out}.${process.pid}`, out);
  }
  return out;
}

// Makes a prism process exit when its parent (the test process) goes away, even on SIGKILL.
const WATCHDOG = "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));process.stdin.resume();";

async function startPrism(spec, upstream) {
  const port = await freePort();
  const child = spawn(process.execPath, [
    "-e", `${WATCHDOG}require(${JSON.stringify(PRISM_BIN)})`, "_",
    "proxy", preparedSpec(spec), upstream, "--errors", "--cors=false", "-h", "127.0.0.1", "-p", String(port), "-v", "warn",
  ], { stdio: ["pipe", "pipe", "pipe"], cwd: ROOT });
  const log = [];
  const keep = (chunk) => {
    log.push(...String(chunk).split("\n").filter(Boolean));
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.once("exit", (code, signal) => { exited = { code, signal }; });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`prism (${spec.file}) exited during startup (${JSON.stringify(exited)}):\n${log.join("\n")}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`prism (${spec.file}) did not listen within 60 s:\n${log.join("\n")}`);
    }
    const up = await new Promise((ok) => {
      const sock = net.connect(port, "127.0.0.1", () => { sock.destroy(); ok(true); });
      sock.once("error", () => ok(false));
    });
    if (up) break;
    await sleep(50);
  }
  // The test process may exit while prism still runs: never let these handles keep it alive.
  for (const h of [child, child.stdin, child.stdout, child.stderr]) h.unref?.();
  return { spec, port, child, log };
}

/** Sends `req` (already read into `body`) to `url` and resolves with {status, headers, body}. */
function forward(url, req, body, headers, signal) {
  return new Promise((ok, fail) => {
    const out = http.request(url, { method: req.method, headers, signal }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", fail);
    });
    out.on("error", fail);
    out.end(body.length ? body : undefined);
  });
}

function readAll(req) {
  return new Promise((ok, fail) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => ok(Buffer.concat(chunks)));
    req.on("error", fail);
  });
}

function requestHeaders(req, body) {
  const h = { ...req.headers };
  delete h.host;
  delete h.connection;
  delete h["transfer-encoding"];
  if (body.length) h["content-length"] = String(body.length);
  else delete h["content-length"];
  return h;
}

function reply(res, { status, headers, body }) {
  const h = { ...headers };
  for (const k of ["sl-violations", "transfer-encoding", "connection", "keep-alive"]) delete h[k];
  if (status === 204 || status === 304) delete h["content-length"];
  else h["content-length"] = String(body.length);
  res.writeHead(status, h);
  res.end(body);
}

/** The relay: prism's upstream. Puts the version prefix back and forwards to `x-contract-target`. */
async function startRelay() {
  const server = http.createServer(async (req, res) => {
    try {
      const target = req.headers[TARGET_HEADER];
      if (!target) throw new Error(`relay: no ${TARGET_HEADER} header`);
      const body = await readAll(req);
      const h = requestHeaders(req, body);
      delete h[TARGET_HEADER];
      const ac = new AbortController();
      res.on("close", () => { if (!res.writableFinished) ac.abort(); });
      reply(res, await forward(`${target}${req.url}`, req, body, h, ac.signal));
    } catch (e) {
      if (!res.headersSent) reply(res, { status: 599, headers: { "content-type": "text/plain" }, body: Buffer.from(String(e?.message ?? e)) });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  server.unref();
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** Starts the relay and the prisms (in parallel) in this process; they end with it. */
async function startGroupHere() {
  const t0 = Date.now();
  const relay = await startRelay();
  const prisms = await Promise.all(SPECS.map((s) => startPrism(s, `${relay.url}/${s.version}`)));
  process.once("exit", () => { for (const p of prisms) p.child.kill(); });
  return { prisms: prisms.map((p) => ({ name: p.spec.name, port: p.port })), startupMs: Date.now() - t0, shared: false };
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

/**
 * Under `node --test` every test file is its own process, all children of the runner. The first
 * one starts a group process for the runner's pid; the others find its state file and reuse it.
 * The group process exits (and its prisms with it) when the runner is gone.
 */
async function sharedGroupForRunner(runnerPid) {
  const dir = join(tmpdir(), "bc-customers-contract");
  mkdirSync(dir, { recursive: true });
  const key = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 12);
  const state = join(dir, `group-${runnerPid}-${key}.json`);
  const lock = `${state}.lock`;
  let fd = null;
  try {
    fd = openSync(lock, "wx");
  } catch {}
  if (fd !== null) {
    closeSync(fd);
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve-group", String(runnerPid), state], {
      detached: true, stdio: "ignore", cwd: ROOT,
    });
    child.unref();
  }
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (existsSync(state)) {
      const group = JSON.parse(readFileSync(state, "utf8"));
      if (group.error) throw new Error(`shared prism group failed to start: ${group.error}`);
      if (alive(group.pid)) return { ...group, shared: true };
      throw new Error(`shared prism group (pid ${group.pid}) is gone; remove ${state}`);
    }
    if (Date.now() > deadline) throw new Error(`no shared prism group after 90 s (lock ${lock})`);
    await sleep(100);
  }
}

let shared = null;

/**
 * The prisms and the relay: once per `node --test` run when run by it (set
 * BC_CONTRACT_SHARED=0 to start them per test process instead), else once per process.
 */
export function prismGroup() {
  const runner = process.env.NODE_TEST_CONTEXT && process.env.BC_CONTRACT_SHARED !== "0" ? process.ppid : null;
  shared ??= runner ? sharedGroupForRunner(runner) : startGroupHere();
  shared.catch(() => { shared = null; });
  return shared;
}

const STORE_PATH = /^\/stores\/([^/?]+)\/(v2|v3)(\/[^?]*)?(\?.*)?$/;

const describe = (where, v) => `${where}: ${(v.location ?? []).join(".")} ${v.message ?? v.code ?? ""}`.trim();

/**
 * A router for one store: the edge's BC_API_BASE. Every call goes through the matching prism,
 * except calls a queued store fault applies to. `violations` lists error-level findings;
 * `warnings` the rest.
 */
export async function startContractRouter(store) {
  const group = await prismGroup();
  const violations = [];
  const warnings = [];
  const counts = { validated: 0, direct: 0 };

  async function faultPending(method, versionPath) {
    const r = await fetch(`${store.url}/__control/faults`);
    const { next = [] } = await r.json();
    return next.some((f) => (!f.method || String(f.method).toUpperCase() === method) && (!f.path || f.path === versionPath));
  }

  const server = http.createServer(async (req, res) => {
    const ac = new AbortController();
    res.on("close", () => { if (!res.writableFinished) ac.abort(); });
    const m = STORE_PATH.exec(req.url);
    try {
      const body = await readAll(req);
      const headers = requestHeaders(req, body);
      if (!m) {
        violations.push(`${req.method} ${req.url}: not a BigCommerce API path`);
        return reply(res, await forward(`${store.url}${req.url}`, req, body, headers, ac.signal));
      }
      const [, hash, version, rest = "/", query = ""] = m;
      const versionPath = `/${version}${rest}`;
      if (await faultPending(req.method, versionPath)) {
        counts.direct++;
        return reply(res, await forward(`${store.url}${req.url}`, req, body, headers, ac.signal));
      }
      const spec = SPECS.find((p) => p.version === version && `${versionPath}/`.startsWith(p.prefix));
      const prism = group.prisms.find((p) => p.name === spec.name);
      counts.validated++;
      headers[TARGET_HEADER] = `${store.url}/stores/${hash}`;
      const answer = await forward(`http://127.0.0.1:${prism.port}${rest}${query}`, req, body, headers, ac.signal);
      const where = `${req.method} ${versionPath}${query} [${spec.file}]`;
      let found = [];
      try {
        found = JSON.parse(answer.headers["sl-violations"] ?? "[]");
      } catch {
        found = [{ severity: "Error", message: `unreadable sl-violations header: ${answer.headers["sl-violations"]}` }];
      }
      if (String(answer.headers["content-type"] ?? "").includes("problem+json")) {
        let problem = null;
        try { problem = JSON.parse(answer.body.toString("utf8")); } catch {}
        if (problem?.type?.startsWith(PRISM_ERROR_TYPE)) {
          const listed = problem.validation ?? [];
          if (listed.length === 0) found.push({ severity: "Error", message: `${problem.title}: ${problem.detail ?? ""}`.trim(), location: [problem.type.slice(PRISM_ERROR_TYPE.length)] });
          for (let v of listed) {
            // the 422 for a request violation lists locations without the `request` prefix
            if (!["request", "response"].includes(v.location?.[0])) v = { ...v, location: ["request", ...(v.location ?? [])] };
            if (!found.some((f) => describe("", f) === describe("", v))) found.push(v);
          }
        }
      }
      for (const v of found) (v.severity === "Error" ? violations : warnings).push(describe(where, v));
      return reply(res, answer);
    } catch (e) {
      if (ac.signal.aborted) return res.destroy();
      if (!res.headersSent) reply(res, { status: 599, headers: { "content-type": "text/plain" }, body: Buffer.from(`contract router: ${e?.message ?? e}`) });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;

  let closing = null;
  return {
    url,
    violations,
    warnings,
    counts,
    prismStartupMs: group.startupMs,
    prismShared: group.shared,
    close() {
      closing ??= new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

// `node tests/support/prism.mjs --serve-group <runnerPid> <stateFile>`: the shared group process.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === "--serve-group") {
  const runnerPid = Number(process.argv[3]);
  const state = process.argv[4];
  const write = (obj) => {
    writeFileSync(`${state}.${process.pid}`, JSON.stringify(obj));
    renameSync(`${state}.${process.pid}`, state);
  };
  const cleanup = () => {
    for (const f of [state, `${state}.lock`]) {
      try { unlinkSync(f); } catch {}
    }
  };
  // watching from the start: a runner that is gone while prism starts ends the group too
  const watch = setInterval(() => {
    if (!alive(runnerPid)) {
      clearInterval(watch);
      cleanup();
      process.exit(0);
    }
  }, 500);
  try {
    const group = await startGroupHere();
    write({ ...group, pid: process.pid });
  } catch (e) {
    write({ error: String(e?.message ?? e), pid: process.pid });
    setTimeout(() => { cleanup(); process.exit(1); }, 5_000);
  }
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { cleanup(); process.exit(0); });
}
