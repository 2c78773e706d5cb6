// Starts the built Worker (edge/build) inside workerd through Miniflare, pointed at a fresh
// local store on 127.0.0.1, with all upstream traffic passing through Prism's validation proxy
// against BigCommerce's spec files (see prism.mjs): a call that makes the edge send a request, or
// receive an answer, that violates the spec fails. Used by every tests/workerd test. Every
// response the tests read through `edge.fetch` is scanned for the store token, the client secret
// and the API keys.
import { createHmac } from "node:crypto";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { startStore } from "../../edge/local-store/server.mjs";
import { startContractRouter } from "./prism.mjs";

export const STORE_TOKEN = "store-token-never-in-responses";
export const CLIENT_ID = "edge-test-client-id";
export const CLIENT_SECRET = "client-secret-never-in-responses";
export const API_KEY = "server-key-aaaaaaaaaaaaaaaa";
export const OTHER_API_KEY = "server-key-bbbbbbbbbbbbbbbb";
export const STORE_HASH = "localstore";
export const ALLOWED_ORIGIN = "https://shop.example.com";
export const SECRETS = [STORE_TOKEN, CLIENT_SECRET, API_KEY, OTHER_API_KEY];

const b64url = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** A Current Customer JWT as the storefront would issue it (HS256 with the client secret). */
export function shopperToken(customerId, { email = `c${customerId}@example.com`, secret = CLIENT_SECRET, now = Math.floor(Date.now() / 1000), exp } = {}) {
  const head = b64url({ alg: "HS256", typ: "JWT" });
  const body = b64url({
    customer: { id: customerId, email, group_id: "0" },
    iss: "bc/apps", sub: STORE_HASH, iat: now, exp: exp ?? now + 900, version: 1,
    aud: CLIENT_ID, application_id: "app", store_hash: STORE_HASH, operation: "current_customer",
  });
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

// A copy of edge/build may be tested instead (e.g. while a rebuild is under way).
const BUILD = process.env.EDGE_BUILD_DIR ?? "edge/build";

export const auth = (token) => ({ authorization: `Bearer ${token}` });

/**
 * `prism: false` (or BC_CONTRACT=0 in the environment) points the edge straight at the store;
 * `upstream(store)` may supply any other `{url, close}` in between.
 */
export async function startEdge({ bindings = {}, store: storeOptions = {}, upstream, prism = process.env.BC_CONTRACT !== "0" } = {}) {
  const store = await startStore({ accessToken: STORE_TOKEN, ...storeOptions });
  const apiBase = upstream ? await upstream(store) : prism ? await startContractRouter(store) : null;
  const contract = apiBase?.violations ? apiBase : null;
  const assertContract = (seen, what) => {
    const found = contract ? contract.violations.slice(seen) : [];
    assert.ok(found.length === 0, `upstream traffic violated BigCommerce's spec (${what}):\n  ${found.join("\n  ")}`);
  };
  const mf = new Miniflare({
    modules: true,
    modulesRoot: BUILD,
    scriptPath: `${BUILD}/worker.mjs`,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    durableObjects: {
      GENERATIONS: { className: "Generations", useSQLite: true }, // cache freshness
      // quota and coalescing; used only with `bindings: {EDGE_QUOTA_MODE: "do"}` (default off)
      QUOTA: { className: "Quota", useSQLite: true },
      COALESCER: { className: "Coalescer", useSQLite: true },
    },
    assets: { directory: `${BUILD}/public`, routerConfig: { has_user_worker: true } },
    bindings: {
      BC_API_BASE: apiBase?.url ?? store.url,
      BC_STORE_HASH: STORE_HASH,
      BC_ACCESS_TOKEN: STORE_TOKEN,
      BC_CLIENT_ID: CLIENT_ID,
      BC_CLIENT_SECRET: CLIENT_SECRET,
      EDGE_API_KEYS: `${API_KEY},${OTHER_API_KEY}`,
      EDGE_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      BC_STOREFRONT_URL: "https://shop.example.com",
      EDGE_CACHE_TTL_SECONDS: "60",
      EDGE_UPSTREAM_TIMEOUT_MS: "1500",
      EDGE_MAX_RETRY_WAIT_MS: "2000",
      EDGE_SIGNUP_PER_MINUTE: "1000",
      // EDGE_QUOTA_MODE=do in the environment runs every suite with the Quota and Coalescer
      // objects (wrangler.toml's default); tests that need a mode set it themselves.
      ...(process.env.EDGE_QUOTA_MODE ? { EDGE_QUOTA_MODE: process.env.EDGE_QUOTA_MODE } : {}),
      ...bindings,
    },
  });
  await mf.ready;
  let responses = 0;
  const edge = {
    store,
    mf,
    get responsesScanned() {
      return responses;
    },
    /** The contract router (violations, warnings, counts), or null without prism. */
    contract,
    /** A request to the edge; the answer is checked for secrets and contract violations. */
    async fetch(path, init = {}) {
      const seen = contract?.violations.length ?? 0;
      const res = await mf.dispatchFetch(new URL(path, "http://edge.test"), init);
      const text = await res.clone().text();
      const headers = JSON.stringify([...res.headers]);
      for (const s of SECRETS) {
        assert.ok(!text.includes(s) && !headers.includes(s), `a secret leaked in the answer to ${init.method ?? "GET"} ${path}`);
      }
      assertContract(seen, `during ${init.method ?? "GET"} ${path}`);
      responses++;
      return res;
    },
    /** fetch + read: {status, headers, body (parsed JSON or null), text}. */
    async call(method, path, { body, token, headers = {} } = {}) {
      const h = { ...headers };
      if (token) h.authorization = `Bearer ${token}`;
      if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
      const res = await edge.fetch(path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = text ? JSON.parse(text) : null; } catch {}
      return { status: res.status, headers: res.headers, body: json, text, calls: Number(res.headers.get("x-upstream-calls")), cache: res.headers.get("x-cache") };
    },
    /** Reads the local store directly (not through the edge). */
    async storeGet(path) {
      const r = await fetch(`${store.url}/stores/${STORE_HASH}${path}`, { headers: { "x-auth-token": STORE_TOKEN, accept: "application/json" } });
      return r.json();
    },
    async control(path, body) {
      const r = await fetch(`${store.url}/__control/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return r.json();
    },
    async close() {
      await mf.dispose();
      await apiBase?.close();
      await store.close();
      if (contract && process.env.BC_CONTRACT_REPORT) {
        const uniq = [...new Set(contract.warnings)];
        console.log(`contract (prism group ${contract.prismShared ? "shared by the run" : "of this process"}, started in ${contract.prismStartupMs} ms): ${contract.counts.validated} upstream calls validated, ${contract.counts.direct} sent straight to the store (faults); ${uniq.length} distinct warnings${uniq.length ? `:\n  ${uniq.join("\n  ")}` : ""}`);
      }
      assertContract(0, "over the whole run");
    },
  };
  return edge;
}
