// Logged-in shoppers on /me, server callers on /login, and the demo page at /.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, shopperToken, API_KEY } from "../support/edge.mjs";

let edge;
before(async () => {
  edge = await startEdge({ store: { seed: true } });
});
after(async () => edge?.close());

test("GET /me answers the shopper's own record only", async () => {
  const r = await edge.call("GET", "/me?include=addresses", { token: shopperToken(1) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.data.id, 1);
  assert.equal(r.body.data.addresses[0].customer_id, 1);
  const other = await edge.call("GET", "/v3/customers?id:in=2", { token: shopperToken(1) });
  assert.equal(other.status, 403);
  const gone = await edge.call("GET", "/me", { token: shopperToken(4242) });
  assert.equal(gone.status, 404);
});

test("PUT /me changes profile fields and refuses privileged ones", async () => {
  const bad = await edge.call("PUT", "/me", { token: shopperToken(2), body: { customer_group_id: 1, first_name: "Johnny" } });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.issues.map((i) => [i.path, i.code]), [["customer_group_id", "not_allowed"]]);
  assert.equal(bad.calls, 0);
  const ok = await edge.call("PUT", "/me", { token: shopperToken(2), body: { first_name: "Johnny" } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.data.id, 2);
  assert.equal(ok.body.data.first_name, "Johnny");
});

test("GET/POST /me/addresses stay within the shopper's addresses", async () => {
  const add = await edge.call("POST", "/me/addresses", { token: shopperToken(3), body: { first_name: "Erika", last_name: "M", address1: "Unter den Linden 1", city: "Berlin", state_or_province: "", postal_code: "10117", country_code: "DE" } });
  assert.equal(add.status, 200, add.text);
  assert.equal(add.body.data[0].customer_id, 3);
  const steal = await edge.call("POST", "/me/addresses", { token: shopperToken(3), body: { customer_id: 1, first_name: "E", last_name: "M", address1: "x", city: "Berlin", state_or_province: "", postal_code: "10117", country_code: "DE" } });
  assert.equal(steal.status, 403);
  const list = await edge.call("GET", "/me/addresses", { token: shopperToken(3) });
  assert.ok(list.body.data.length === 1 && list.body.data[0].customer_id === 3);
});

test("POST /login returns a Customer Login URL signed for the customer", async () => {
  const r = await edge.call("POST", "/login", { token: API_KEY, body: { customer_id: 1, redirect_to: "/account.php" } });
  assert.equal(r.status, 200, r.text);
  const url = new URL(r.body.data.url);
  assert.equal(url.origin, "https://shop.example.com");
  const token = url.pathname.split("/").pop();
  const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
  assert.equal(claims.customer_id, 1);
  assert.equal(claims.operation, "customer_login");
  assert.ok(claims.jti.length >= 16);
  assert.equal(r.headers.get("cache-control"), "private, no-store");
  const evil = await edge.call("POST", "/login", { token: API_KEY, body: { customer_id: 1, redirect_to: "https://evil.example" } });
  assert.equal(evil.status, 422);
  assert.equal((await edge.call("POST", "/login", { token: shopperToken(1), body: { customer_id: 1 } })).status, 403);
});

test("the demo page and the npm package are served at / and /pkg/", async () => {
  const page = await edge.fetch("/");
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<form/);
  const pkg = await edge.fetch("/pkg/index.browser.mjs");
  assert.equal(pkg.status, 200);
  assert.match(pkg.headers.get("content-type"), /javascript/);
});

test("every answer in this file was scanned for secrets", () => {
  assert.ok(edge.responsesScanned > 10);
});
