// A JavaScript Worker doing the Rust edge's work on the three benchmarked paths, for a side by
// side comparison in the same workerd (edge/bench/run.mjs). Not a product: only
//   GET  /v3/customers[?query]            server key -> scoped, generation-keyed Cache API read,
//                                         else upstream with X-Auth-Token, stored for the TTL
//   POST /v3/customers/subscribers        server key -> hand-written validation of the body
//                                         (core's subscriber rules), upstream, generation bump
// Same bindings as the Rust Worker: BC_API_BASE, BC_STORE_HASH, BC_ACCESS_TOKEN, EDGE_API_KEYS,
// EDGE_CACHE_TTL_SECONDS. Same answer headers (X-Cache, X-Upstream-Calls).
//
// What the Rust Worker does on top (so the comparison leans in JavaScript's favour): query
// parameters parsed strictly and re-rendered by `core` for every list filter, the whole route
// table and caller kinds (shoppers' JWTs, anonymous sign-ups), the cross-location generation memo
// (a Durable Object call at most once per memo period), retries and rate-limit handling.

const enc = new TextEncoder();

async function sha256Hex(text) {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(text)));
  let s = "";
  for (const b of d) s += b.toString(16).padStart(2, "0");
  return s;
}

function json(status, body, extra = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", "x-content-type-options": "nosniff", ...extra },
  });
}

const problem = (status, code, title, extra) => json(status, { status, code, title, ...extra });

// ---- auth: constant-time comparison against every configured key -------------------------------

function sameBytes(a, b) {
  const x = enc.encode(a);
  const y = enc.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

let keysMemo = null;
function apiKeys(env) {
  if (keysMemo?.raw !== env.EDGE_API_KEYS) {
    keysMemo = { raw: env.EDGE_API_KEYS, list: String(env.EDGE_API_KEYS ?? "").split(",").map((k) => k.trim()).filter(Boolean) };
  }
  return keysMemo.list;
}

/** The caller's cache scope (a fingerprint of the key, never the key), or null. */
async function serverScope(request, env) {
  const h = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) return null;
  let ok = false;
  for (const k of apiKeys(env)) ok = sameBytes(m[1], k) || ok;
  if (!ok) return null;
  return `key-${(await sha256Hex(`edge-key:${m[1]}`)).slice(0, 16)}`;
}

// ---- subscriber validation: core's `SUBSCRIBER_CREATE` rules, issues {path, code, message} -------

const ATEXT = /^[\p{L}\p{N}!#$%&'*+\-/=?^_`{|}~]+$/u;
const LABEL = /^[\p{L}\p{N}-]+$/u;

function isEmail(s) {
  const at = s.lastIndexOf("@");
  if (at < 0) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!local || [...local].length > 64 || [...domain].length > 253) return false;
  if (!local.split(".").every((p) => p && ATEXT.test(p))) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1];
  return labels.every((l) => l && [...l].length <= 63 && !l.startsWith("-") && !l.endsWith("-") && LABEL.test(l))
    && [...tld].length >= 2 && !/^\d+$/.test(tld);
}

const CONSENTS = ["marketing_newsletter", "abandoned_cart"];
const READ_ONLY = ["id", "date_created", "date_modified"];

function validateSubscriberCreate(body) {
  const issues = [];
  const add = (path, code, message) => issues.push({ path, code, message });
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    add("", "invalid_type", "expected an object");
    return issues;
  }
  const str = (name, max, required) => {
    const v = body[name];
    if (v === undefined) {
      if (required) add(name, "required", `\`${name}\` is required`);
      return;
    }
    if (typeof v !== "string") return add(name, "invalid_type", `\`${name}\` must be a string`);
    if ([...v].length > max) add(name, "too_long", `\`${name}\` must be at most ${max} characters`);
    return v;
  };
  const email = str("email", 255, true);
  if (typeof email === "string") {
    if ([...email].length < 3) add("email", "too_short", "`email` must be at least 3 characters");
    else if (!isEmail(email)) add("email", "invalid_email", "`email` is not an email address");
  }
  str("first_name", 255);
  str("last_name", 255);
  str("source", 255);
  const id = (name, nullable) => {
    const v = body[name];
    if (v === undefined || (nullable && v === null)) return;
    if (!Number.isInteger(v)) add(name, "invalid_type", `\`${name}\` must be an integer`);
    else if (v < 1 || v > 2147483647) add(name, "out_of_range", `\`${name}\` is out of range`);
  };
  id("order_id", true);
  id("channel_id", false);
  if (body.consents !== undefined) {
    if (!Array.isArray(body.consents)) add("consents", "invalid_type", "`consents` must be an array");
    else {
      const seen = new Set();
      body.consents.forEach((c, i) => {
        if (!CONSENTS.includes(c)) add(`consents[${i}]`, "invalid_enum", `must be one of ${CONSENTS.join(", ")}`);
        else if (seen.has(c)) add(`consents[${i}]`, "duplicate_item", "listed twice");
        seen.add(c);
      });
    }
  }
  for (const f of READ_ONLY) if (body[f] !== undefined) add(f, "read_only", `\`${f}\` is set by BigCommerce`);
  return issues;
}

// ---- cache: generation-keyed entries, as the Rust Worker keys them --------------------------------

const cacheBase = (url, env) => `${url.origin}/__js_cache/${env.BC_STORE_HASH}`;

async function generation(url, env) {
  const hit = await caches.default.match(`${cacheBase(url, env)}/gen/customers`);
  return hit ? hit.text() : "0";
}

async function bumpGeneration(url, env, ttl) {
  const next = `${Date.now().toString(36)}.${crypto.randomUUID().slice(0, 8)}`;
  await caches.default.put(`${cacheBase(url, env)}/gen/customers`,
    new Response(next, { headers: { "cache-control": `max-age=${ttl + 3600}` } }));
}

/** Fixed parameter order, so equivalent queries share an entry. */
function normalisedQuery(url) {
  const pairs = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(pairs).toString();
}

// ---- upstream -----------------------------------------------------------------------------------

async function upstream(env, method, path, body) {
  const res = await fetch(`${env.BC_API_BASE.replace(/\/$/, "")}/stores/${env.BC_STORE_HASH}${path}`, {
    method,
    headers: {
      "X-Auth-Token": env.BC_ACCESS_TOKEN,
      Accept: "application/json",
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(Number(env.EDGE_UPSTREAM_TIMEOUT_MS ?? 10000)),
  });
  const text = await res.text();
  if (!/^application\/json/i.test(res.headers.get("content-type") ?? "")) throw new Error("upstream_invalid_response");
  JSON.parse(text); // a malformed answer is never passed on or cached
  return { status: res.status, text };
}

// ---- routes -------------------------------------------------------------------------------------

async function listCustomers(request, env, url, scope) {
  const ttl = Number(env.EDGE_CACHE_TTL_SECONDS ?? 60);
  const query = normalisedQuery(url);
  const useCache = ttl > 0 && !/(^|,)\s*no-(cache|store)\s*(,|$)/i.test(request.headers.get("cache-control") ?? "");
  const gen = await generation(url, env);
  const key = `${cacheBase(url, env)}/${scope}/customers/${gen}/${await sha256Hex(`/v3/customers?${query}`)}`;
  if (useCache) {
    const hit = await caches.default.match(key);
    if (hit) {
      return new Response(hit.body, { status: hit.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "x-cache": "HIT", "x-upstream-calls": "0" } });
    }
  }
  const r = await upstream(env, "GET", `/v3/customers${query ? `?${query}` : ""}`);
  if (r.status >= 200 && r.status < 300 && ttl > 0) {
    await caches.default.put(key, new Response(r.text, { status: r.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": `max-age=${ttl}` } }));
  }
  return new Response(r.text, { status: r.status >= 500 ? 502 : r.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "x-cache": useCache ? "MISS" : "BYPASS", "x-upstream-calls": "1" } });
}

async function createSubscriber(request, env, url) {
  if (!/^application\/json/i.test(request.headers.get("content-type") ?? "")) {
    return problem(415, "unsupported_media_type", "send the body as `Content-Type: application/json`");
  }
  let body;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return problem(422, "invalid_json", "the body is not JSON");
  }
  const issues = validateSubscriberCreate(body);
  if (issues.length) return problem(422, "invalid_body", "the body breaks BigCommerce's rules", { issues });
  const r = await upstream(env, "POST", "/v3/customers/subscribers", body);
  await bumpGeneration(url, env, Number(env.EDGE_CACHE_TTL_SECONDS ?? 60));
  return new Response(r.text, { status: r.status >= 500 ? 502 : r.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "x-upstream-calls": "1" } });
}

export default {
  async fetch(request, env) {
    try {
      const url = new URL(request.url);
      const scope = await serverScope(request, env);
      if (!scope) return problem(401, "unauthorized", "send `Authorization: Bearer <key>`");
      if (url.pathname === "/v3/customers" && request.method === "GET") return await listCustomers(request, env, url, scope);
      if (url.pathname === "/v3/customers/subscribers" && request.method === "POST") return await createSubscriber(request, env, url);
      return problem(404, "not_found", "not a benchmarked route");
    } catch (e) {
      const timeout = e?.name === "TimeoutError";
      return problem(timeout ? 504 : 502, timeout ? "upstream_timeout" : "upstream_error", "the store did not answer usefully");
    }
  },
};
