// Who may call what: every route x every caller kind, CORS, the front door's statuses, and
// configuration errors. Every answer is scanned for secrets by tests/support/edge.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, shopperToken, API_KEY, ALLOWED_ORIGIN } from "../support/edge.mjs";
import { Miniflare } from "miniflare";

let edge;
before(async () => {
  edge = await startEdge({ store: { seed: true } });
});
after(async () => edge?.close());

// route, methods (ids point at records that do not exist, so nothing seeded is deleted)
const ROUTES = [
  ["/v3/customers", ["GET", "POST", "PUT", "DELETE"]],
  ["/v3/customers/addresses", ["GET", "POST", "PUT", "DELETE"]],
  ["/v3/customers/attributes", ["GET", "POST", "PUT", "DELETE"]],
  ["/v3/customers/attribute-values", ["GET", "PUT", "DELETE"]],
  ["/v3/customers/form-field-values", ["GET", "PUT"]],
  ["/v3/customers/subscribers", ["GET", "POST", "DELETE"]],
  ["/v3/customers/subscribers/999", ["GET", "PUT", "DELETE"]],
  ["/v2/customers", ["GET", "POST", "DELETE"]],
  ["/v2/customers/999", ["GET", "PUT", "DELETE"]],
  ["/v2/customers/999/addresses", ["GET", "POST", "DELETE"]],
  ["/v2/customer_groups", ["GET", "POST"]],
  ["/login", ["POST"]],
  ["/me", ["GET", "PUT"]],
  ["/me/addresses", ["GET", "POST"]],
  ["/signup", ["POST"]],
];
const SHOPPER_ALLOWED = new Set([
  "GET /v3/customers", "GET /v3/customers/addresses", "POST /v3/customers/addresses",
  "GET /v3/customers/attribute-values", "PUT /v3/customers/attribute-values",
  "GET /v3/customers/subscribers", "POST /v3/customers/subscribers",
  "GET /me", "PUT /me", "GET /me/addresses", "POST /me/addresses",
]);

test("auth matrix: every route x server key, shopper, anonymous, wrong key, forged token", async () => {
  const shopper = shopperToken(2);
  const forged = shopperToken(2, { secret: "not-the-client-secret" });
  for (const [path, methods] of ROUTES) {
    for (const method of methods) {
      const body = method === "POST" || method === "PUT" ? "{}" : undefined;
      const name = `${method} ${path.replace("999", "{id}")}`;
      const server = await edge.call(method, path, { body, token: API_KEY });
      if (path.startsWith("/me")) assert.equal(server.status, 403, name);
      else assert.ok(![401, 403].includes(server.status), `${name} server: ${server.status}`);

      const sh = await edge.call(method, path, { body, token: shopper });
      if (SHOPPER_ALLOWED.has(name)) assert.ok(![401, 403].includes(sh.status), `${name} shopper: ${sh.status}`);
      else assert.equal(sh.status, 403, `${name} shopper`);

      const anon = await edge.call(method, path, { body });
      if (name === "POST /v3/customers/subscribers" || name === "POST /signup") assert.equal(anon.status, 422, name);
      else assert.equal(anon.status, 401, `${name} anonymous`);

      const wrong = await edge.call(method, path, { body, token: "server-key-aaaaaaaaaaaaaaaX" });
      assert.equal(wrong.status, 401, `${name} wrong key`);
      assert.equal(wrong.body.code, "invalid_api_key");
      const bad = await edge.call(method, path, { body, token: forged });
      assert.equal(bad.status, 401, `${name} forged token`);
      assert.equal(bad.body.issues[0].code, "bad_signature");
      for (const r of [anon, wrong, bad]) assert.equal(r.calls, 0, `${name}: refused requests make no upstream call`);
    }
  }
});

test("an expired shopper token is 401 expired", async () => {
  const now = Math.floor(Date.now() / 1000);
  const r = await edge.call("GET", "/me", { token: shopperToken(2, { now: now - 2000, exp: now - 1000 }) });
  assert.equal(r.status, 401);
  assert.equal(r.body.issues[0].code, "expired");
});

test("front door statuses: 404, 405 with Allow, 413, 415", async () => {
  assert.equal((await edge.call("GET", "/v3/customers/validate-credentials", { token: API_KEY })).status, 404);
  assert.equal((await edge.call("GET", "/v2/customers/1%2F..%2F2", { token: API_KEY })).status, 404);
  const m = await edge.call("PATCH", "/v3/customers", { token: API_KEY });
  assert.equal(m.status, 405);
  assert.equal(m.headers.get("allow"), "GET, POST, PUT, DELETE, OPTIONS");
  const big = await edge.call("POST", "/v3/customers", { token: API_KEY, body: JSON.stringify([{ notes: "x".repeat(1_100_000) }]) });
  assert.equal(big.status, 413);
  const text = await edge.call("POST", "/v3/customers/subscribers", { body: "email=a@b.co", headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(text.status, 415);
});

test("query values cannot add parameters or paths upstream", async () => {
  const r = await edge.call("GET", "/v3/customers?id:in=1&store_hash=other", { token: API_KEY });
  assert.equal(r.status, 422);
  assert.equal(r.body.issues[0].code, "unknown_parameter");
  const e = await edge.call("GET", "/v3/customers?email:in=jane.doe%40example.com%26id:in%3D2", { token: API_KEY });
  assert.equal(e.status, 200);
  assert.equal(e.body.data.length, 0, "the encoded & stays inside the value");
  const del = await edge.call("DELETE", "/v3/customers/subscribers", { token: API_KEY });
  assert.equal(del.status, 422);
  assert.equal(del.body.issues[0].code, "empty_filter");
  assert.equal(del.calls, 0);
  const subs = await edge.storeGet("/v3/customers/subscribers");
  assert.ok(subs.data.length >= 2, "nothing was deleted");
});

test("CORS: allowed origin echoed, other origins 403, preflight answered", async () => {
  const ok = await edge.call("GET", "/v3/customers", { token: API_KEY, headers: { origin: ALLOWED_ORIGIN } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), ALLOWED_ORIGIN);
  const evil = await edge.call("POST", "/v3/customers/subscribers", { body: { email: "x@example.com" }, headers: { origin: "https://evil.example" } });
  assert.equal(evil.status, 403);
  assert.equal(evil.body.code, "origin_not_allowed");
  const pre = await edge.fetch("/v3/customers", { method: "OPTIONS", headers: { origin: ALLOWED_ORIGIN, "access-control-request-method": "PUT" } });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get("access-control-allow-methods"), /PUT/);
  assert.match(pre.headers.get("access-control-allow-headers"), /Authorization/);
  const same = await edge.call("POST", "/v3/customers/subscribers", { body: { email: "same.origin@example.com" }, headers: { origin: "http://edge.test" } });
  assert.equal(same.status, 200);
});

test("anonymous sign-ups are rate limited per client IP", async () => {
  const limited = await startEdge({ bindings: { EDGE_SIGNUP_PER_MINUTE: "2" } });
  try {
    const post = (i, ip) => limited.call("POST", "/v3/customers/subscribers", { body: { email: `s${i}@example.com` }, headers: { "cf-connecting-ip": ip } });
    assert.equal((await post(1, "203.0.113.1")).status, 200);
    assert.equal((await post(2, "203.0.113.1")).status, 200);
    const third = await post(3, "203.0.113.1");
    assert.equal(third.status, 429);
    assert.equal(third.body.code, "signup_rate_limited");
    assert.ok(Number(third.headers.get("retry-after")) >= 1);
    assert.equal(third.calls, 0);
    assert.equal((await post(4, "203.0.113.2")).status, 200, "another address is not limited");
  } finally {
    await limited.close();
  }
});

test("missing configuration is one 500 naming every missing setting, no values", async () => {
  const mf = new Miniflare({
    modules: true, modulesRoot: "edge/build", scriptPath: "edge/build/worker.mjs",
    modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2026-04-01",
    bindings: { BC_STORE_HASH: "abc", EDGE_API_KEYS: "short" },
  });
  try {
    const res = await mf.dispatchFetch("http://edge.test/v3/customers");
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.code, "edge_misconfigured");
    assert.deepEqual(body.issues.map((i) => i.path), ["BC_ACCESS_TOKEN", "BC_CLIENT_ID", "BC_CLIENT_SECRET", "EDGE_API_KEYS"]);
    assert.ok(!JSON.stringify(body).includes("short\""));
  } finally {
    await mf.dispose();
  }
});
