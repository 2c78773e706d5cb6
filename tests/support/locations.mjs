// Two edge "locations" over one Durable Object namespace, for the cache-freshness tests: one
// Miniflare runs the built Worker twice, as workers `a` and `b` (separate isolates, so separate
// generation memos). Worker `a` hosts the `Generations` Durable Object; `b` binds the same
// namespace through `scriptName: "a"`, as every location shares one object in production.
// Each location gets its own Cache API namespace: Miniflare backs `caches.default` of every
// worker with one store, so a small entry module (below) swaps `caches.default` for
// `caches.open("location-…")` before handing the request to the Worker. Keys and URLs are the
// same in both locations, as they are in production.
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { startStore } from "../../edge/local-store/server.mjs";
import { STORE_TOKEN, CLIENT_ID, CLIENT_SECRET, API_KEY, OTHER_API_KEY, STORE_HASH, SECRETS } from "./edge.mjs";

// EDGE_BUILD_DIR: another build of the Worker (default edge/build).
const BUILD = process.env.EDGE_BUILD_DIR ?? "edge/build";
export const WEBHOOK_SECRET = "webhook-secret-never-in-responses";
export const SECRET_HEADER = "x-edge-webhook-secret";

const locationEntry = (name) => `
import Edge, { Generations, Quota, Coalescer } from "./worker.mjs";
export { Generations, Quota, Coalescer };
let cache;
export default {
  async fetch(request, env, ctx) {
    cache ??= await caches.open(${JSON.stringify(`location-${name}`)});
    Object.defineProperty(caches, "default", { value: cache, configurable: true });
    return new Edge(ctx, env).fetch(request);
  },
};
`;

/**
 * Starts the store and locations `a` and `b`; `bindings` apply to both, `perLocation.a|b` to one.
 * `unreachable: true` leaves `b` without its Durable Object binding (as if it could not reach it).
 */
export async function startLocations({ bindings = {}, perLocation = {}, store: storeOptions = {}, unreachable = false } = {}) {
  const store = await startStore({ accessToken: STORE_TOKEN, seed: true, ...storeOptions });
  const common = {
    modules: true,
    modulesRoot: BUILD,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    bindings: {
      BC_API_BASE: store.url,
      BC_STORE_HASH: STORE_HASH,
      BC_ACCESS_TOKEN: STORE_TOKEN,
      BC_CLIENT_ID: CLIENT_ID,
      BC_CLIENT_SECRET: CLIENT_SECRET,
      EDGE_API_KEYS: `${API_KEY},${OTHER_API_KEY}`,
      BC_WEBHOOK_SECRET: WEBHOOK_SECRET,
      EDGE_CACHE_TTL_SECONDS: "60",
      EDGE_GENERATION_MEMO_MS: "1000",
      EDGE_UPSTREAM_TIMEOUT_MS: "3000",
      EDGE_SIGNUP_PER_MINUTE: "1000",
      ...bindings,
    },
  };
  const mf = new Miniflare({
    workers: ["a", "b"].map((name) => ({
      ...common,
      bindings: { ...common.bindings, ...perLocation[name] },
      name,
      script: locationEntry(name),
      scriptPath: `${BUILD}/location-${name}.mjs`,
      durableObjects: name === "a"
        ? {
          GENERATIONS: { className: "Generations", useSQLite: true },
          QUOTA: { className: "Quota", useSQLite: true }, // used with EDGE_QUOTA_MODE=do only
          COALESCER: { className: "Coalescer", useSQLite: true },
        }
        : unreachable ? {} : {
          GENERATIONS: { className: "Generations", scriptName: "a", useSQLite: true },
          QUOTA: { className: "Quota", scriptName: "a", useSQLite: true },
          COALESCER: { className: "Coalescer", scriptName: "a", useSQLite: true },
        },
    })),
  });
  await mf.ready;
  const workers = { a: await mf.getWorker("a"), b: await mf.getWorker("b") };
  const secrets = [...SECRETS, WEBHOOK_SECRET];

  /** A request at a location: {status, body, text, calls, cache}; answers are scanned for secrets. */
  async function call(at, method, path, { body, token, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
    const res = await workers[at].fetch(new URL(path, "http://edge.test"), {
      method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked in the answer to ${method} ${path}`);
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch {}
    return { status: res.status, body: json, text, calls: Number(res.headers.get("x-upstream-calls")), cache: res.headers.get("x-cache") };
  }

  return {
    store,
    call,
    get: (at, path, token = API_KEY) => call(at, "GET", path, { token }),
    /** Changes the store directly, as the control panel or another app would. */
    async storeWrite(method, path, body) {
      const r = await fetch(`${store.url}/stores/${STORE_HASH}${path}`, {
        method, headers: { "x-auth-token": STORE_TOKEN, accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body),
      });
      assert.ok(r.ok, `store ${method} ${path} answered ${r.status}`);
      return r.json();
    },
    /** Delivers a webhook to a location as BigCommerce would (with the secret unless told). */
    webhook(at, event, { secret = WEBHOOK_SECRET } = {}) {
      const headers = secret === null ? {} : { [SECRET_HEADER]: secret };
      return call(at, "POST", "/webhooks/bigcommerce", { body: event, headers });
    },
    async close() {
      await mf.dispose();
      await store.close();
    },
  };
}

let hashes = 0;
/** A webhook envelope as BigCommerce sends it (webhooks/callbacks/*.yml). */
export function bcEvent(scope, data, { hash = `h${++hashes}`, created_at = Math.floor(Date.now() / 1000) } = {}) {
  return { scope, store_id: "1001", data, hash, created_at, producer: `stores/${STORE_HASH}` };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
