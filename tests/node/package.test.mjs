// The built npm package (wasm-pkg/pkg) imported by Node, as a user would: every export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { inspect } from "node:util";
import * as pkg from "../../wasm-pkg/pkg/index.node.mjs";
import * as lite from "../../wasm-pkg/pkg/validate.node.mjs";

const codes = (r) => r.issues.map((i) => [i.path.join("."), i.code]);
const jane = { email: "jane@example.com", first_name: "Jane", last_name: "Doe" };
const address = { first_name: "Jane", last_name: "Doe", address1: "1 Main St", city: "Austin", country_code: "US", state_or_province: "Texas", postal_code: "78701" };

test("subscriber create: invalid email gives an issue at [email] and never the value", () => {
  const r = pkg.validate("v3.subscribers.create", { email: "jane(at)example.com", consents: ["spam"] });
  assert.deepEqual(codes(r), [["consents.0", "invalid_enum"], ["email", "invalid_email"]]);
  assert.deepEqual(r.issues[0].path, ["consents", 0]);
  assert.deepEqual(Object.keys(r.issues[0]), ["message", "path", "code"]);
  assert.ok(!JSON.stringify(r).includes("jane(at)"));
});

test("a valid body comes back without read-only fields; an unchanged one as a copy", () => {
  const r = pkg.schemas["v3.subscribers.create"]["~standard"].validate({ email: "jane@example.com", id: 4 });
  assert.deepEqual({ ...r }, { value: { email: "jane@example.com" } });
  const input = [{ ...jane, addresses: [address] }];
  const ok = pkg.customerCreate["~standard"].validate(input);
  assert.equal(ok.issues, undefined);
  assert.deepEqual(ok.value, input);
  assert.notEqual(ok.value, input);
  assert.equal(ok.value, ok.value, "the lazily parsed value is parsed once");
});

test("every operation of the issue has a Standard Schema and a named export", () => {
  const required = ["v3.customers.create", "v3.customers.update", "v3.addresses.create", "v3.addresses.update",
    "v3.attributes.create", "v3.attribute_values.upsert", "v3.form_field_values.upsert", "v3.subscribers.create",
    "v3.subscribers.update", "v2.customers.create", "v2.customers.update", "v2.addresses.create", "v2.customer_groups.create"];
  for (const id of required) {
    const s = pkg.schemas[id]["~standard"];
    assert.equal(s.version, 1);
    assert.equal(s.vendor, "bc-customers");
    assert.ok(s.validate({}).issues || s.validate({}).value !== undefined, id);
  }
  for (const [id, name] of Object.entries(pkg.OPERATIONS)) {
    assert.equal(pkg[name], pkg.schemas[id], name);
    assert.equal(lite[name].operationId, id, name);
  }
  assert.equal(pkg.customerCreate.operationId, "v3.customers.create");
  assert.equal(pkg.v2CustomerGroupCreate.operationId, "v2.customer_groups.create");
});

test("the JS operation list matches the wasm registry, in both modules", () => {
  assert.deepEqual(Object.keys(pkg.schemas).sort(), pkg.operationIds().sort());
  assert.deepEqual(Object.keys(lite.schemas).sort(), lite.operationIds().sort());
});

test("validateJson: same results as validate, malformed JSON is an issue with a path", () => {
  const body = JSON.stringify([{ ...jane, email: "nope" }, jane]);
  assert.deepEqual(pkg.validateJson("v3.customers.create", body), pkg.validate("v3.customers.create", JSON.parse(body)));
  const r = pkg.validateJson("v3.subscribers.create", '{"email": "a@b.co", "consents": [1,}');
  assert.equal(r.issues[0].code, "invalid_json");
  assert.deepEqual(r.issues[0].path, ["consents", 1]);
  assert.equal(pkg.validateJson("v3.subscribers.create", { email: "a@b.co" }).issues[0].code, "invalid_type");
  assert.equal(pkg.validateJson("nope", "{}").issues[0].code, "unknown_operation");
  // A valid result prints its value (it is parsed only when read).
  for (const api of [pkg, lite]) {
    const ok = api.validateJson("v3.subscribers.create", '{"email": "zoe@example.com"}');
    assert.match(inspect(ok), /value: \{ email: 'zoe@example\.com' \}/);
    assert.equal(JSON.stringify(ok), '{"value":{"email":"zoe@example.com"}}');
  }
});

test("validateReport gives warnings; duplicate emails in one batch are errors", () => {
  const rep = pkg.validateReport("v3.customers.create", [{ ...jane, id: 3, favourite_colour: "red" }]);
  assert.deepEqual(rep.errors, []);
  assert.deepEqual(rep.warnings.map((w) => [w.path.join("."), w.code]), [["0.favourite_colour", "unknown_field"], ["0.id", "read_only"]]);
  assert.deepEqual(rep.value, [{ ...jane, favourite_colour: "red" }]);
  const dup = pkg.validate("v3.customers.create", [jane, { ...jane, email: "JANE@example.com" }]);
  assert.deepEqual(codes(dup), [["1.email", "duplicate_email"]]);
  assert.deepEqual(pkg.validateJsonReport("v3.subscribers.create", "1").errors.map((e) => e.code), ["invalid_type"]);
});

test("objects the JavaScript check reads give the results their JSON gives", () => {
  const address = { first_name: "J", last_name: "D", address1: "1 Main St", city: "Austin", country_code: "US", state_or_province: "Texas", postal_code: "78701" };
  const customer = (extra = {}, a = {}) => ({ email: "jane@example.com", first_name: "Jane", last_name: "Doe", addresses: [{ ...address, ...a }], ...extra });
  const cases = [
    [customer()],
    [customer({}, { state_or_province: "TX" })],
    [customer({}, { state_or_province: undefined })],
    [customer({}, { state_or_province: " Texas" })],
    [customer({}, { country_code: "GB", state_or_province: undefined, postal_code: "" })],
    [customer({}, { country_code: "IE", state_or_province: undefined, postal_code: undefined })],
    [customer({}, { country_code: "XX" })],
    [customer(), customer({ email: "JANE@example.com" })],
    [customer({ email: "ZOË@exämple.de" }), customer({ email: "zoë@exämple.de" })],
    [customer({ email: "jane@example.com " })],
    [customer({ customer_group_id: -0, notes: "x".repeat(5000), company: undefined })],
    [customer({ customer_group_id: 2 ** 53 })],
    [customer({ id: 5 })],
    [customer({ first_name: "" })],
  ];
  for (const body of cases) {
    const got = pkg.validate("v3.customers.create", body);
    const want = pkg.validateJson("v3.customers.create", JSON.stringify(body));
    assert.deepEqual(JSON.parse(JSON.stringify(got)), JSON.parse(JSON.stringify(want)), JSON.stringify(body));
    assert.deepEqual(pkg.validateReport("v3.customers.create", body), pkg.validateJsonReport("v3.customers.create", JSON.stringify(body)));
  }
  // The first case is clean: answered by the check, with a copy (not the input itself).
  const body = cases[0];
  const result = pkg.validate("v3.customers.create", body);
  assert.ok(Object.keys(result).includes("value"));
  assert.notEqual(result.value, body);
  assert.deepEqual(result.value, body);
});

test("countries say which need a state", () => {
  const us = pkg.countries().find((c) => c.code === "US");
  assert.deepEqual(us, { code: "US", name: "United States", requiresState: true, requiresPostalCode: true });
  assert.equal(pkg.countries(), lite.countries().length && pkg.countries());
});

test("mapping returns value and lost paths, and throws a coded error when it cannot map", () => {
  const m = pkg.v2ToV3Customer({ id: 1, email: "a@b.co", store_credit: "12.5000", _authentication: { password: "x", password_confirmation: "x" } });
  assert.deepEqual(m.value.store_credit_amounts, [{ amount: 12.5 }]);
  assert.deepEqual(m.lost, [["_authentication", "password_confirmation"]]);
  const back = pkg.v3ToV2Customer({ id: 1, channel_ids: [1] });
  assert.deepEqual(back, { value: { id: 1 }, lost: [["channel_ids"]] });
  const v3 = pkg.v2ToV3Address({ address1: "1 Main St", zip: "78701", country: "United States", phone: "1" });
  assert.equal(v3.value.country_code, "US");
  assert.equal(pkg.v3ToV2Address({ ...address, phone: "555" }).value.zip, "78701");
  for (const [fn, input, code] of [
    [pkg.v2ToV3Address, { country: "Atlantis" }, "unknown_country"],
    [pkg.v3ToV2Address, { ...address }, "missing_phone"],
    [pkg.v2ToV3Customer, [1], "not_an_object"],
    [pkg.v2ToV3Customer, 10n, "not_an_object"],
  ]) {
    assert.throws(() => fn(input), (e) => e instanceof Error && e instanceof pkg.BcCustomersError && e.code === code && Array.isArray(e.issues));
  }
});

test("planCustomerBatches: calls of ten, input indexes, left-out records with issues", () => {
  const records = Array.from({ length: 23 }, (_, i) => ({ ...jane, email: `c${i}@example.com` }));
  records.push({ ...jane, email: " C0@Example.com " }, "not a record");
  const plan = pkg.planCustomerBatches(records, { operation: "v3.customers.create" });
  assert.equal(plan.calls.length, 3);
  assert.deepEqual(plan.calls.map((c) => [c.method, c.path, c.body.length]), [["POST", "/v3/customers", 10], ["POST", "/v3/customers", 10], ["POST", "/v3/customers", 3]]);
  assert.deepEqual(plan.calls[2].indexes, [20, 21, 22]);
  assert.deepEqual(plan.leftOut, [23, 24]);
  assert.deepEqual(plan.issues.map((i) => [i.path.join("."), i.code]), [["23.email", "duplicate_email"], ["24", "invalid_type"]]);
  assert.equal(pkg.planCustomerBatches([{ id: 1 }], { operation: "v3.customers.update" }).calls[0].method, "PUT");
  assert.equal(pkg.planCustomerBatches({}, {}).issues[0].code, "invalid_type");
  assert.equal(pkg.planCustomerBatches([], { operation: "nope" }).issues[0].code, "unknown_operation");
});

test("buildQuery: BigCommerce's filter syntax, issues for unknown or bad parameters", () => {
  assert.deepEqual(pkg.buildQuery("v3.customers", { "email:in": ["a+b@example.com", "c,d@example.com"], "id:in": [1, 2], limit: 50 }),
    { query: "id:in=1,2&email:in=a%2Bb%40example.com,c%2Cd%40example.com&limit=50" });
  assert.deepEqual(pkg.buildQuery("v3.subscribers.delete", {}).issues.map((i) => i.code), ["empty_filter"]);
  assert.deepEqual(pkg.buildQuery("v3.customers.delete", { "id:in": [4] }), { query: "id:in=4" });
  assert.deepEqual(pkg.buildQuery("v3.customers", { store_hash: "x" }).issues[0].path, ["store_hash"]);
  assert.equal(pkg.buildQuery("v3.customers", { before: "a", after: "b" }).issues[0].code, "conflicting_parameters");
  assert.equal(pkg.buildQuery("v9.nothing").issues[0].code, "unknown_resource");
});

test("JWT: login URL and Current Customer verification with the clock passed in", async () => {
  const opts = { clientId: "cid", clientSecret: "secret", storeHash: "abc123", customerId: 42, storefrontUrl: "https://shop.example.com/", redirectTo: "/account.php", now: 1_700_000_000, jti: "j-1" };
  const url = pkg.createCustomerLoginUrl(opts);
  assert.match(url, /^https:\/\/shop\.example\.com\/login\/token\/eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(url.split("/").pop().split(".")[1], "base64url"));
  assert.deepEqual({ iss: claims.iss, iat: claims.iat, jti: claims.jti, customer_id: claims.customer_id, redirect_to: claims.redirect_to },
    { iss: "cid", iat: 1_700_000_000, jti: "j-1", customer_id: 42, redirect_to: "/account.php" });
  const fresh = JSON.parse(Buffer.from(pkg.createCustomerLoginUrl({ ...opts, now: undefined, jti: undefined }).split("/").pop().split(".")[1], "base64url"));
  assert.ok(Math.abs(fresh.iat - Date.now() / 1000) < 60 && fresh.jti.length >= 32);
  for (const [bad, code] of [[{ redirectTo: "//evil.example" }, "invalid_redirect"], [{ storefrontUrl: "http://shop.example.com" }, "invalid_storefront_url"], [{ clientSecret: "" }, "invalid_key"], [{ customerId: "42" }, "invalid_options"], [{ customerId: 1n }, "invalid_options"]]) {
    assert.throws(() => pkg.createCustomerLoginUrl({ ...opts, ...bad }), (e) => e.code === code, code);
  }
  // A Current Customer token signed like BigCommerce does (HS256 over the client secret).
  const { createHmac } = await import("node:crypto");
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const sign = (payload) => {
    const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
    return `${head}.${createHmac("sha256", "secret").update(head).digest("base64url")}`;
  };
  const payload = { iss: "bc/apps", sub: "abc123", aud: "cid", iat: 1000, exp: 1900, operation: "current_customer", store_hash: "abc123", customer: { id: 7, email: "jane@example.com", group_id: "2" } };
  const v = pkg.verifyCurrentCustomerToken(sign(payload), { clientSecret: "secret", clientId: "cid", storeHash: "abc123", now: 1500 });
  assert.deepEqual(v.customer, { id: 7, email: "jane@example.com", groupId: 2 });
  assert.equal(v.claims.expiresAt, 1900);
  const check = (token, o, code) => assert.throws(() => pkg.verifyCurrentCustomerToken(token, { clientSecret: "secret", clientId: "cid", now: 1500, ...o }), (e) => e instanceof pkg.BcCustomersError && e.code === code, code);
  check(sign(payload), { now: 2000 }, "expired");
  check(sign(payload), { now: 1910, leeway: 5 }, "expired");
  assert.equal(pkg.verifyCurrentCustomerToken(sign(payload), { clientSecret: "secret", clientId: "cid", now: 1910, leeway: 30 }).customer.id, 7);
  check(sign(payload), { clientSecret: "other" }, "bad_signature");
  check(sign(payload), { clientId: "other" }, "wrong_audience");
  check(sign(payload), { storeHash: "zzz" }, "wrong_store");
  check("not.a.jwt", {}, "malformed");
  check(undefined, {}, "malformed");
  // The default clock is now: this token expired long ago.
  check(sign(payload), { now: undefined }, "expired");
});

test("CommonJS require works for both entries", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("../../wasm-pkg/pkg/index.cjs");
  assert.equal(cjs.validate("v3.subscribers.create", { email: "a@b.co" }).value.email, "a@b.co");
  assert.equal(typeof cjs.v2ToV3Customer, "function");
  const liteCjs = require("../../wasm-pkg/pkg/validate.cjs");
  assert.equal(liteCjs.customerCreate["~standard"].validate([]).issues[0].code, "too_few_items");
});

test("package.json exports resolve for node import and require conditions", async () => {
  const manifest = JSON.parse(readFileSync("wasm-pkg/pkg/package.json", "utf8"));
  for (const entry of [".", "./validate"]) {
    for (const file of [manifest.exports[entry].node.import, manifest.exports[entry].node.require, manifest.exports[entry].browser, manifest.exports[entry].workerd, manifest.exports[entry].types]) {
      assert.ok(readFileSync(new URL(file, new URL("../../wasm-pkg/pkg/", import.meta.url))).length > 0, file);
    }
  }
});

test("built declarations equal the golden, and a typed usage example passes tsc", () => {
  assert.equal(readFileSync("wasm-pkg/pkg/index.d.ts", "utf8"), readFileSync("wasm-pkg/npm/index.d.ts", "utf8"), "rebuild: bash scripts/build.sh pkg");
  execFileSync("node_modules/.bin/tsc", ["-p", "wasm-pkg/examples/typed"], { stdio: "pipe", timeout: 120_000 });
});
