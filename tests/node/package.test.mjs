// The built npm package (wasm-pkg/pkg) imported by Node, as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as pkg from "../../wasm-pkg/pkg/index.node.mjs";

const codes = (r) => r.issues.map((i) => [i.path.join("."), i.code]);

test("subscriber create: invalid email gives an issue at [email] and never the value", () => {
  const r = pkg.validate("v3.subscribers.create", { email: "jane(at)example.com", consents: ["spam"] });
  assert.deepEqual(codes(r), [["consents.0", "invalid_enum"], ["email", "invalid_email"]]);
  assert.deepEqual(r.issues[0].path, ["consents", 0]);
  assert.ok(!JSON.stringify(r).includes("jane(at)"));
});

test("subscriber create: a valid body comes back without read-only fields", () => {
  const r = pkg.schemas["v3.subscribers.create"]["~standard"].validate({ email: "jane@example.com", id: 4 });
  assert.deepEqual(r, { value: { email: "jane@example.com" } });
});

test("Standard Schema shape", () => {
  const s = pkg.subscriberCreate["~standard"];
  assert.equal(s.version, 1);
  assert.equal(s.vendor, "bc-customers");
});

test("validateJson reports malformed JSON with a path instead of throwing", () => {
  const r = pkg.validateJson("v3.subscribers.create", '{"email": "a@b.co", "consents": [1,}');
  assert.equal(r.issues[0].code, "invalid_json");
  assert.deepEqual(r.issues[0].path, ["consents", 1]);
});

test("the JS operation list matches the wasm registry", () => {
  assert.deepEqual(Object.keys(pkg.schemas).sort(), pkg.operationIds().sort());
});

test("CommonJS require works too", () => {
  const require = createRequire(import.meta.url);
  const cjs = require("../../wasm-pkg/pkg/index.cjs");
  assert.equal(cjs.validate("v3.subscribers.create", { email: "a@b.co" }).value.email, "a@b.co");
});
