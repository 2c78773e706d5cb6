// No input makes the package throw (where results are data) or trap, and after 10,000 calls
// with garbage the module still validates correctly.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as pkg from "../../wasm-pkg/pkg/index.node.mjs";

const ops = Object.keys(pkg.schemas);
const jane = { email: "jane@example.com", first_name: "Jane", last_name: "Doe" };

// A small seeded PRNG so that a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function garbage(rand, depth = 0) {
  const pick = Math.floor(rand() * 16);
  switch (depth > 4 ? pick % 9 : pick) {
    case 0: return undefined;
    case 1: return null;
    case 2: return [NaN, Infinity, -0, 1e308, -1.5, 2 ** 53 + 1][Math.floor(rand() * 6)];
    case 3: return BigInt(Math.floor(rand() * 1e6));
    case 4: return Symbol("x");
    case 5: return () => 1;
    case 6: return ["", "a@b.co", "\ud800", "x".repeat(Math.floor(rand() * 300)), "{", "[1,", "null", "é✓😀"][Math.floor(rand() * 8)];
    case 7: return rand() < 0.5;
    case 8: return Math.floor(rand() * 2 ** 32) - 2 ** 31;
    case 9: case 10: return Array.from({ length: Math.floor(rand() * 5) }, () => garbage(rand, depth + 1));
    default: {
      const keys = ["email", "first_name", "last_name", "addresses", "id", "country_code", "state_or_province", "consents", "value", "name", "__proto__", "constructor", "0"];
      const o = {};
      for (let i = Math.floor(rand() * 6); i > 0; i--) {
        Object.defineProperty(o, keys[Math.floor(rand() * keys.length)], { value: garbage(rand, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
  }
}

function nested(depth) {
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const isResult = (r) => r && typeof r === "object" && (Array.isArray(r.issues) || "value" in r);
const expectCoded = (fn) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof pkg.BcCustomersError && typeof e.code === "string", `unexpected throw: ${e}`);
  }
};

const hostile = () => {
  const cyclic = { email: "a@b.co" };
  cyclic.self = cyclic;
  const getter = { get email() { throw new Error("boom"); } };
  const toJson = { toJSON() { throw new Error("boom"); } };
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return [undefined, null, NaN, Infinity, 10n, Symbol("s"), () => 1, cyclic, getter, toJson, revoked.proxy,
    nested(200), nested(100_000), "x".repeat(5_000_000), [{ ...jane, email: "x".repeat(1_000_000) }],
    Object.create(null), new Date(0), new Map([[1, 2]]), [, , 1], { [Symbol("k")]: 1 }, new Uint8Array(4)];
};

test("validate / validateJson / reports never throw on hostile input", () => {
  for (const value of hostile()) {
    for (const op of ops) {
      assert.ok(isResult(pkg.validate(op, value)), op);
      assert.ok(Array.isArray(pkg.validateReport(op, value).errors), op);
      assert.ok(isResult(pkg.validateJson(op, value)), op);
      assert.ok(isResult(pkg.schemas[op]["~standard"].validate(value)), op);
    }
  }
  for (const text of ["", "{", "[".repeat(100_000), "\u0000", "1e999999", '"\\ud800"', "[1,2,]", "x".repeat(MAXLEN() + 1), "[".repeat(127) + "]".repeat(127), "[".repeat(5000) + "]".repeat(5000)]) {
    for (const op of ops) assert.ok(isResult(pkg.validateJson(op, text)), op);
  }
  assert.equal(pkg.validate("v3.subscribers.create", "x".repeat(MAXLEN())).issues[0].code, "too_large");
  assert.equal(pkg.validateJson("v3.customers.create", "[".repeat(100_000)).issues[0].code, "invalid_json");
  assert.equal(pkg.validate("v3.customers.create", 10n).issues[0].code, "invalid_type");
  assert.equal(pkg.validate("v3.customers.create", undefined).issues[0].code, "invalid_type");
});

function MAXLEN() {
  return pkg.MAX_BODY_LENGTH;
}

test("mapping and JWT throw only coded errors; batches and queries never throw", () => {
  for (const value of hostile()) {
    for (const fn of [pkg.v2ToV3Customer, pkg.v3ToV2Customer, pkg.v2ToV3Address, pkg.v3ToV2Address]) expectCoded(() => fn(value));
    expectCoded(() => pkg.createCustomerLoginUrl(value));
    expectCoded(() => pkg.verifyCurrentCustomerToken(value, value));
    expectCoded(() => pkg.verifyCurrentCustomerToken("a.b.c", value));
    assert.ok(Array.isArray(pkg.planCustomerBatches(value).issues));
    assert.ok(Array.isArray(pkg.planCustomerBatches([value, value], { operation: "v3.addresses.create" }).issues));
    const q = pkg.buildQuery("v3.customers", value);
    assert.ok(typeof q.query === "string" || Array.isArray(q.issues));
  }
});

test("after 10,000 calls with garbage the module still validates correctly", () => {
  const rand = rng(7);
  const batchOps = ["v3.customers.create", "v3.customers.update", "v3.attribute_values.upsert", "v3.addresses.create", "v3.addresses.update"];
  const resources = ["v3.customers", "v3.addresses", "v3.subscribers", "v3.subscribers.delete", "v2.customers", "v2.customer_groups"];
  for (let i = 0; i < 10_000; i++) {
    const value = garbage(rand);
    const op = ops[i % ops.length];
    switch (i % 8) {
      case 0: assert.ok(isResult(pkg.validate(op, value))); break;
      case 1: assert.ok(isResult(pkg.validateJson(op, (() => { try { return JSON.stringify(value) ?? "undefined"; } catch { return "{"; } })()))); break;
      case 2: assert.ok(isResult(pkg.schemas[op]["~standard"].validate([value, value]))); break;
      case 3: expectCoded(() => [pkg.v2ToV3Customer, pkg.v3ToV2Customer, pkg.v2ToV3Address, pkg.v3ToV2Address][i % 4](value)); break;
      case 4: assert.ok(Array.isArray(pkg.planCustomerBatches([value, garbage(rand)], { operation: batchOps[i % 5] }).issues)); break;
      case 5: { const q = pkg.buildQuery(resources[i % resources.length], value); assert.ok(q.query !== undefined || q.issues); break; }
      case 6: expectCoded(() => pkg.verifyCurrentCustomerToken(typeof value === "string" ? value : "a.b.c", { clientId: "c", clientSecret: "s", now: 1 })); break;
      default: assert.ok(Array.isArray(pkg.validateReport(op, value).warnings)); break;
    }
  }
  assert.deepEqual(pkg.validate("v3.customers.create", [jane]).value, [jane]);
  const bad = pkg.validate("v3.customers.create", [{ ...jane, email: "nope" }]);
  assert.deepEqual(bad.issues.map((i) => [i.path, i.code]), [[[0, "email"], "invalid_email"]]);
  assert.deepEqual(pkg.validateJson("v3.subscribers.create", '{"email":"a@b.co","id":1}').value, { email: "a@b.co" });
});
