// Package vs native differential: the raw exports of the npm package's wasm modules (what
// `api.js` and `validation.js` call) are fed seeded random inputs under Node, and the same
// inputs go to the native build of the same Rust functions (`wasm-pkg/examples/oracle.rs`,
// one process reading JSON lines). Every answer must be byte-identical, no call may throw or
// trap, and the public API over the same inputs may only throw `BcCustomersError`.
//
//   DIFF_SEED=123 DIFF_ITERATIONS=3000 node --test tests/node/differential.test.mjs
//
// The seed is printed; a failure names the entry point, the iteration and the input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pkg from "../../wasm-pkg/pkg/index.node.mjs";
import * as full from "../../wasm-pkg/pkg/bc_customers.js"; // instantiated by index.node.mjs
import "../../wasm-pkg/pkg/load-validate.node.mjs";
import * as small from "../../wasm-pkg/pkg/bc_customers_validate.js";
import * as lite from "../../wasm-pkg/pkg/validate.node.mjs";
import TABLE from "../../wasm-pkg/pkg/schema-table.js";
import { mulberry32 } from "../support/random.mjs";

const SEED = Number(process.env.DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const N = Number(process.env.DIFF_ITERATIONS ?? 3000);
console.log(`differential: seed ${SEED}, ${N} iterations per entry point (replay with DIFF_SEED=${SEED})`);

// ---- the native oracle --------------------------------------------------------------------

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const at = (p) => join(ROOT, p);
const ORACLE = process.env.BC_ORACLE ?? at("target/debug/examples/oracle");

function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const d of dirs) if (existsSync(at(d))) walk(at(d));
  return newest;
}

function oracleBinary() {
  if (process.env.BC_ORACLE) return ORACLE;
  // Built by `cargo test` (examples); (re)built here when missing or older than its sources.
  const stale = !existsSync(ORACLE) || statSync(ORACLE).mtimeMs < newestMtime([...SOURCES, "wasm-pkg/examples/oracle.rs"]);
  if (stale) execFileSync("cargo", ["build", "--quiet", "-p", "bc-customers-wasm", "--example", "oracle"], { stdio: "inherit", cwd: ROOT });
  return ORACLE;
}

// Both sides must come from the same sources (`scripts/test.sh` builds the package first). A
// package older than its sources is the likeliest cause of a difference: say so.
const SOURCES = ["core/src", "wasm-pkg/src"];
const PKG_STAMP = "wasm-pkg/pkg/.inputs";
const staleNote = () =>
  existsSync(at(PKG_STAMP)) && newestMtime(SOURCES) > statSync(at(PKG_STAMP)).mtimeMs
    ? "\n  NOTE: core/src or wasm-pkg/src changed after wasm-pkg/pkg was built; run `bash scripts/build.sh pkg` and retry before reading these as bugs"
    : "";

/** Runs every call natively: one result per call (a string, null, or an oracle error). */
function native(calls) {
  const input = calls.map((c) => JSON.stringify(c)).join("\n") + "\n";
  const r = spawnSync(oracleBinary(), [], { input, maxBuffer: 1 << 30, encoding: "utf8" });
  assert.equal(r.status, 0, `oracle exited with ${r.status} ${r.signal ?? ""}: ${r.stderr}`);
  const lines = r.stdout.split("\n").filter((l) => l.length);
  assert.equal(lines.length, calls.length, "one oracle answer per call");
  return lines.map((l) => JSON.parse(l));
}

// ---- seeded randomness --------------------------------------------------------------------

/** A generator per entry point, so adding one does not change the inputs of the others. */
const rngFor = (name) => {
  let h = SEED;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const rand = mulberry32(h);
  const int = (n) => Math.floor(rand() * n);
  const pick = (list) => list[int(list.length)];
  return { rand, int, pick, chance: (p) => rand() < p };
};

const UNICODE = ["é", "ß", "✓", "😀", "👩‍👩‍👧", "\u0301", "\u200b", "\u202e", "\u2028", "\u0000", "\u001f", "\ufeff", "中文", "עברית", "\ud83d", "\udc00", "Ａ", "ǅ", "İ", "\\", "\"", "<script>", "%00", "'--"];
const EMAILS = ["jane@example.com", "a@b.co", "no-at-sign", "@example.com", "jane@", "j..d@example.com", "jane@exa mple.com", "JANE@EXAMPLE.COM", "jané@exämple.com", "x@y", "a@b.c", "\"quoted\"@example.com", "jane+tag@example.co.uk", "a@-b.com", "a@b-.com"];

function randomString(r) {
  switch (r.int(7)) {
    case 0: return "";
    case 1: return r.pick(EMAILS);
    case 2: return Array.from({ length: 1 + r.int(8) }, () => r.pick(UNICODE)).join("");
    case 3: return "x".repeat(r.pick([99, 100, 101, 249, 250, 251, 255, 256, 1000, 5000]));
    case 4: return r.pick(["2024-01-01", "2024-01-01T10:00:00Z", "Wed, 10 Jan 2018 21:02:23 +0000", "1700000000", "yesterday", "2024-13-45", "0000-00-00"]);
    case 5: return r.pick(["US", "us", "GB", "XX", "United States", "California", "CA", "TX", "Texas", "residential", "commercial", "storefront", "true", "null", "0", "-1", "1.5"]);
    default: return `s${r.int(1000)}${r.chance(0.3) ? r.pick(UNICODE) : ""}`;
  }
}

const NUMBERS = [0, 1, -1, 2, 10, 11, 250, 251, 1.5, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e-7, 123456789];

function randomScalar(r) {
  switch (r.int(5)) {
    case 0: return null;
    case 1: return r.chance(0.5);
    case 2: return r.pick(NUMBERS);
    default: return randomString(r);
  }
}

function randomValue(r, depth = 0) {
  if (depth > 3 || r.chance(0.6)) return randomScalar(r);
  if (r.chance(0.5)) return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
  const o = {};
  for (let i = r.int(4); i > 0; i--) o[r.chance(0.5) ? randomString(r) : r.pick(KEYS)] = randomValue(r, depth + 1);
  return o;
}

const KEYS = ["id", "email", "first_name", "last_name", "company", "phone", "notes", "addresses", "address1", "address2", "city", "country_code",
  "state_or_province", "postal_code", "address_type", "customer_id", "attribute_id", "value", "name", "type", "form_fields", "authentication",
  "new_password", "force_password_reset", "customer_group_id", "store_credit_amounts", "amount", "channel_ids", "origin_channel_id", "attributes",
  "consents", "allow", "deny", "source", "order_id", "store_credit", "registration_ip_address", "_authentication", "password",
  "password_confirmation", "street_1", "street_2", "zip", "state", "country", "country_iso2", "is_default", "category_access", "discount_rules",
  "__proto__", "constructor", "date_created", "date_modified", "accepts_product_review_abandoned_cart_emails", "tax_exempt_category"];

function nest(value, depth, r) {
  let v = value;
  for (let i = 0; i < depth; i++) v = r.chance(0.5) ? [v] : { [r.pick(KEYS)]: v };
  return v;
}

/**
 * `change` applied at a random place of `v`, on copies: from each container, walks into a random
 * child with probability `walk`, at most `maxDepth` levels deep.
 */
function atRandomPlace(v, r, change, walk, maxDepth, depth = 0) {
  if (v !== null && typeof v === "object" && depth < maxDepth && r.chance(walk)) {
    const keys = Object.keys(v);
    if (keys.length) {
      const k = r.pick(keys);
      const copy = Array.isArray(v) ? [...v] : { ...v };
      copy[k] = atRandomPlace(v[k], r, change, walk, maxDepth, depth + 1);
      return copy;
    }
  }
  return change(v);
}

/** One structural mutation of a JSON value (returns the new value), most often in a child. */
const mutate = (v, r) => atRandomPlace(v, r, (x) => mutateHere(x, r), 0.6, 8);

function mutateHere(v, r) {
  switch (r.int(12)) {
    case 0: { // drop a field
      if (v && typeof v === "object" && !Array.isArray(v)) {
        const copy = { ...v };
        delete copy[r.pick(Object.keys(copy).concat(["none"]))];
        return copy;
      }
      return undefined;
    }
    case 1: { // rename a field
      if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length) {
        const copy = {};
        const target = r.pick(Object.keys(v));
        const suffix = r.pick(["_", "X", " ", "é", "\u0000", ""]);
        for (const [k, x] of Object.entries(v)) copy[k === target ? (suffix ? k + suffix : k.toUpperCase()) : k] = x;
        return copy;
      }
      return v;
    }
    case 2: return randomScalar(r); // wrong type
    case 3: return Array.isArray(v) ? v.concat(v.slice(0, 1 + r.int(12))) : [v]; // more items / wrap
    case 4: return randomString(r); // long or unicode strings
    case 5: return nest(v, r.pick([2, 10, 40, 100, 127, 128, 129, 200, 500, 2000]), r); // deep nesting
    case 6: return r.pick(NUMBERS);
    case 7: return Array.isArray(v) ? [] : {};
    case 8: { // add a field
      if (v && typeof v === "object" && !Array.isArray(v)) return { ...v, [r.pick(KEYS)]: randomValue(r) };
      return v;
    }
    case 9: return typeof v === "string" ? v + r.pick(UNICODE) : typeof v === "number" ? String(v) : v;
    case 10: return Array.isArray(v) ? Array.from({ length: r.pick([0, 9, 10, 11, 21, 101]) }, () => v[0]) : v;
    default: return randomValue(r);
  }
}

/** Text-level damage after serialisation: truncation, stray bytes, duplicate keys, padding. */
function damageText(text, r) {
  switch (r.int(8)) {
    case 0: return text.slice(0, r.int(text.length + 1));
    case 1: { const i = r.int(text.length + 1); return text.slice(0, i) + r.pick(["\"", "{", "]", ",", "\\", "\u0000", "😀", "NaN", "1e999", "-", "tru"]) + text.slice(i); }
    case 2: return text.replace(/"([a-z_]+)":/, (m) => `${m}1,${m}`);
    case 3: return r.pick(["\ufeff", " \n\t", "", "\u00a0"]) + text + r.pick(["", " ", "\n", "x", "{}", "]"]);
    case 4: return text.replace(/\d/, r.pick(["1e400", "-0", "00", "0x1", "1.", ".5", "99999999999999999999999"]));
    case 5: return text.replace(/"[^"]*"/, r.pick(["\"\\ud800\"", "\"\\u0000\"", "\"\\x\"", "\"\t\"", "'single'"]));
    default: return text;
  }
}

const wellFormed = (s) => (typeof s === "string" ? s.toWellFormed() : s);
const textOf = (value) => JSON.stringify(value) ?? "null";

// ---- fixtures -----------------------------------------------------------------------------

function fixtureBodies() {
  const byOp = new Map();
  const add = (op, body) => {
    if (!byOp.has(op)) byOp.set(op, []);
    byOp.get(op).push(body);
  };
  for (const v of ["v2", "v3"]) {
    for (const f of readdirSync(at(`tests/fixtures/${v}/examples`))) {
      const op = f.split(".").slice(0, 3).join(".");
      add(op, JSON.parse(readFileSync(at(`tests/fixtures/${v}/examples/${f}`), "utf8")));
    }
    for (const f of readdirSync(at(`tests/fixtures/${v}/cases`))) {
      const c = JSON.parse(readFileSync(at(`tests/fixtures/${v}/cases/${f}`), "utf8"));
      if (c.operation && c.body !== undefined) add(c.operation, c.body);
    }
  }
  add("v3.subscribers.create", { email: "jane@example.com", first_name: "Jane", last_name: "Doe", source: "storefront", order_id: 1, consents: ["marketing_newsletter"] });
  add("v3.subscribers.update", { id: 1, first_name: "Jane", consents: [] });
  add("v3.credentials.validate", { email: "jane@example.com", password: "s3cret!", channel_id: 1 });
  return byOp;
}

const FIXTURES = fixtureBodies();
const V3_CUSTOMER = FIXTURES.get("v3.customers.create")[0][0];
const V3_ADDRESS = V3_CUSTOMER.addresses[0];
const V2_CUSTOMER = FIXTURES.get("v2.customers.create")[0];
const V2_ADDRESS = FIXTURES.get("v2.addresses.create")[0];

// ---- the entry points -----------------------------------------------------------------------

/** Calls a raw wasm export; a throw (or a trap) becomes a recorded failure, never escapes. */
function callWasm(mod, fn, args) {
  try {
    const out = mod[fn](...args);
    return out === undefined ? null : out;
  } catch (e) {
    return { thrown: `${e?.name}: ${e?.message}` };
  }
}

/** Public API calls may only throw BcCustomersError with a string code. */
function expectNoStrayThrow(what, fn) {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof pkg.BcCustomersError && typeof e.code === "string") return null;
    return `${what}: ${e?.name}: ${e?.message}`;
  }
}

function compare(name, calls, extra = {}) {
  const started = Date.now();
  const nativeOut = native(calls.map(({ fn, args }) => ({ fn, args })));
  const failures = [];
  for (const [i, call] of calls.entries()) {
    for (const [label, mod] of [["full", full], ...(call.small ? [["validate", small]] : [])]) {
      const got = callWasm(mod, call.fn, call.args);
      const want = nativeOut[i];
      if (want && typeof want === "object" && want.oracle_error) failures.push(`#${i} oracle: ${want.oracle_error}`);
      else if (JSON.stringify(got) !== JSON.stringify(want)) {
        failures.push(`#${i} ${call.fn} (${label} module) differs from native\n    args: ${JSON.stringify(call.args).slice(0, 600)}\n    wasm:   ${JSON.stringify(got).slice(0, 600)}\n    native: ${JSON.stringify(want).slice(0, 600)}`);
      }
    }
    if (call.api) {
      const stray = expectNoStrayThrow(`#${i} ${call.fn} public API`, () => call.api(nativeOut[i]));
      if (stray) failures.push(stray);
    }
    if (failures.length >= 5) break;
  }
  assert.deepEqual(failures, [], `${name} (seed ${SEED}):\n  ${failures.join("\n  ")}${staleNote()}`);
  if (extra.check) extra.check(nativeOut);
  return Date.now() - started;
}

const OPS = full.operationIds();

test("operation ids and countries are identical", () => {
  compare("tables", [
    { fn: "operationIds", args: [] },
    { fn: "countriesRaw", args: [], small: true },
  ]);
  // The JavaScript lists the operations in the order the wasm indexes them.
  assert.deepEqual(TABLE.ops.map(([id]) => id), OPS);
  assert.deepEqual(Object.keys(pkg.OPERATIONS), OPS);
  assert.deepEqual(lite.operationIds(), OPS);
});

test(`validateRaw / validateJsonRaw: ${N} mutated fixture bodies over every operation id`, () => {
  const r = rngFor("validate");
  const calls = [];
  for (let i = 0; i < N; i++) {
    const index = i % OPS.length;
    const op = OPS[index];
    const bases = FIXTURES.get(op) ?? [{}];
    let body = r.pick(bases);
    for (let m = r.int(4); m > 0; m--) body = mutate(body, r);
    let text = textOf(body);
    if (r.chance(0.25)) text = damageText(text, r);
    text = wellFormed(text);
    const badIndex = r.chance(0.02);
    calls.push({ fn: "validateRaw", args: [badIndex ? r.pick([OPS.length, 999, 2 ** 32 - 1]) : index, text], small: true,
      // validateJson writes the text into the module's memory itself (Latin-1 or UTF-8 in
      // Node): its result must be what the native answer says.
      api: (want) => {
        for (const api of [pkg, lite]) {
          const out = api.validateJson(op, text);
          assert.ok(out && (out.issues || "value" in out));
          if (badIndex || typeof want !== "string" && want !== null) continue;
          const report = want === null ? null : JSON.parse(want);
          const expected = report?.errors.length ? { issues: report.errors } : { value: report?.body ?? JSON.parse(text) };
          const got = out.issues ? { issues: out.issues } : { value: out.value };
          if (JSON.stringify(got) !== JSON.stringify(expected)) {
            throw new Error(`validateJson differs from native\n    text: ${text.slice(0, 400)}\n    got: ${JSON.stringify(got).slice(0, 400)}\n    native: ${JSON.stringify(expected).slice(0, 400)}`);
          }
        }
      } });
    if (i % 5 === 0) {
      const id = r.chance(0.9) ? op : r.pick(["", "v3.customers", "V3.CUSTOMERS.CREATE", "v3.customers.create ", "nope"]);
      calls.push({ fn: "validateJsonRaw", args: [id, text] });
    }
  }
  const ms = compare("validate", calls, {
    check: (out) => {
      // The generator reaches both outcomes: valid bodies (null) and bodies with errors.
      assert.ok(out.some((o) => o === null), "some inputs were valid");
      assert.ok(out.some((o) => typeof o === "string" && o.includes('"errors":[{')), "some inputs had errors");
      const kinds = { valid: 0, invalid_json: 0, errors: 0, warnings_only: 0 };
      const codes = new Set();
      for (const o of out) {
        if (o === null) { kinds.valid++; continue; }
        const { errors, warnings } = JSON.parse(o);
        for (const e of [...errors, ...warnings]) codes.add(e.code);
        if (errors.some((e) => e.code === "invalid_json")) kinds.invalid_json++;
        else if (errors.length) kinds.errors++;
        else kinds.warnings_only++;
      }
      console.log(`validate outcomes: ${JSON.stringify(kinds)}, ${codes.size} distinct issue codes`);
      assert.ok(codes.size >= 15, `only ${codes.size} distinct issue codes reached`);
    },
  });
  console.log(`validate: ${calls.length} calls in ${ms} ms`);
});

const QUERY_RESOURCES = ["v3.customers", "v3.customers.delete", "v3.addresses", "v3.addresses.delete", "v3.attributes", "v3.attribute_values",
  "v3.form_field_values", "v3.subscribers", "v3.subscribers.delete", "v2.customers", "v2.customer_groups"];
const QUERY_KEYS = ["id", "id:in", "email", "email:in", "name", "name:in", "name:like", "company", "company:in", "phone", "phone:in",
  "customer_group_id", "customer_group_id:in", "customer_id", "customer_id:in", "attribute_id:in", "address_id", "registration_ip_address:in",
  "date_created", "date_created:min", "date_created:max", "date_modified", "date_modified:min", "date_modified:max", "min_date_created",
  "max_date_created", "min_date_modified", "max_date_modified", "min_id", "max_id", "first_name", "last_name", "store_credit",
  "tax_exempt_category", "page", "limit", "include", "sort", "after", "before", "source", "order_id", "field_name", "field_type", "type",
  "is_default", "is_group_for_guests", "bogus", "", "id:not_in", "limit "];

function queryValue(r) {
  switch (r.int(6)) {
    case 0: return Array.from({ length: r.int(5) }, () => (r.chance(0.5) ? r.pick(NUMBERS) : randomString(r)));
    case 1: return r.pick([1, 5, 50, 250, 251, 0, -1, 1.5, 2 ** 32, 2 ** 53 + 2]);
    case 2: return r.pick(["addresses", "addresses,storecredit", "formfields,attributes", "date_created:desc", "last_name:asc", "2024-01-01",
      "Wed, 10 Jan 2018 21:02:23 +0000", "eyJpZCI6MjA0fQ", "a,b", "a&b=c", "x=y", "%20", "#frag", "\n"]);
    default: return randomValue(r, 2);
  }
}

// What JSON.stringify changes or refuses, and what the clean check must not wave through.
const ODDITIES = [
  () => undefined, () => -0, () => NaN, () => Infinity, () => 10n, () => new Date(0), () => 2 ** 53, () => 1.5,
  () => ({ toJSON: () => "x" }), () => Object.assign(Object.create(null), { email: "a@b.co" }), () => [1, , 3],
  () => " padded@example.com ", () => "Zoë@exämple.de", () => "jane@example.com", () => "\uD800", () => "TX", () => "",
  () => "  ", () => "x".repeat(300), () => function f() {}, () => Symbol("s"), () => new String("s"), () => [],
];
const oddity = (v, r) => atRandomPlace(v, r, (x) => oddityHere(x, r), 0.7, 6);
function oddityHere(v, r) {
  if (v && typeof v === "object" && !Array.isArray(v) && r.chance(0.5)) return { ...v, [r.pick(Object.keys(v).concat(["email", "state_or_province", "postal_code"]))]: r.pick(ODDITIES)() };
  return r.pick(ODDITIES)();
}

test(`validate(value): ${N} mutated values agree with validating their JSON, in both entries`, () => {
  const r = rngFor("clean");
  const failures = [];
  let viaCheck = 0;
  for (let i = 0; i < N && failures.length < 5; i++) {
    const op = OPS[i % OPS.length];
    let body = r.pick(FIXTURES.get(op) ?? [{}]);
    for (let m = r.int(3); m > 0; m--) body = mutate(body, r);
    if (r.chance(0.4)) body = oddity(body, r);
    let text;
    try {
      text = JSON.stringify(body);
    } catch {
      text = undefined;
    }
    for (const api of [pkg, lite]) {
      const got = api.validate(op, body);
      // The clean check's results hold `value` themselves; the wasm path's read it lazily.
      if (Object.keys(got).includes("value")) viaCheck++;
      const want = typeof text === "string" ? api.validateJson(op, text) : { issues: [{ message: "expected a value that can be written as JSON", path: [], code: "invalid_type" }] };
      const same = got.issues
        ? JSON.stringify(got.issues) === JSON.stringify(want.issues)
        : !want.issues && JSON.stringify(got.value) === JSON.stringify(want.value) && (want.value === undefined || assert.deepStrictEqual(got.value, want.value) === undefined);
      if (!same) failures.push(`#${i} ${op}: validate ${JSON.stringify(got).slice(0, 300)} but validateJson ${JSON.stringify(want).slice(0, 300)}\n    value: ${String(text).slice(0, 400)}`);
    }
  }
  assert.deepEqual(failures, [], `seed ${SEED}:\n  ${failures.join("\n  ")}`);
  assert.ok(viaCheck > N / 20, `the clean check answered only ${viaCheck} of ${2 * N} calls`);
});

test(`buildQueryRaw: ${N} random parameter objects over every resource`, () => {
  const r = rngFor("query");
  const calls = [];
  for (let i = 0; i < N; i++) {
    const resource = r.chance(0.97) ? QUERY_RESOURCES[i % QUERY_RESOURCES.length] : r.pick(["", "v3.customer", "v4.customers"]);
    const params = {};
    for (let k = r.int(5); k > 0; k--) params[r.chance(0.9) ? r.pick(QUERY_KEYS) : randomString(r)] = queryValue(r);
    let text = textOf(r.chance(0.03) ? randomValue(r) : params);
    if (r.chance(0.1)) text = damageText(text, r);
    text = wellFormed(text);
    calls.push({ fn: "buildQueryRaw", args: [resource, text], api: () => pkg.buildQuery(resource, params) });
  }
  const ms = compare("query", calls, {
    check: (out) => assert.ok(out.some((o) => o.startsWith('{"query":"') && o.length > 12), "some queries were built"),
  });
  console.log(`query: ${calls.length} calls in ${ms} ms`);
});

const MAPPINGS = [["v2_to_v3_customer", () => V2_CUSTOMER], ["v3_to_v2_customer", () => ({ id: 1, ...V3_CUSTOMER, date_created: "2024-01-01T00:00:00Z", store_credit_amounts: [{ amount: 1.5 }] })],
  ["v2_to_v3_address", () => V2_ADDRESS], ["v3_to_v2_address", () => ({ id: 1, customer_id: 1, ...V3_ADDRESS })]];

test(`mapRaw: ${N} mutated customers and addresses in the four directions`, () => {
  const r = rngFor("map");
  const calls = [];
  const api = { v2_to_v3_customer: pkg.v2ToV3Customer, v3_to_v2_customer: pkg.v3ToV2Customer, v2_to_v3_address: pkg.v2ToV3Address, v3_to_v2_address: pkg.v3ToV2Address };
  for (let i = 0; i < N; i++) {
    const [direction, base] = MAPPINGS[i % 4];
    let value = base();
    for (let m = r.int(4); m > 0; m--) value = mutate(value, r);
    let text = textOf(value);
    if (r.chance(0.1)) text = damageText(text, r);
    text = wellFormed(text);
    calls.push({ fn: "mapRaw", args: [r.chance(0.01) ? "v2_to_v4" : direction, text], api: () => api[direction](value) });
  }
  const ms = compare("map", calls, {
    check: (out) => {
      assert.ok(out.some((o) => o.startsWith('{"ok"')), "some values mapped");
      assert.ok(out.some((o) => o.startsWith('{"err"')), "some values refused");
    },
  });
  console.log(`map: ${calls.length} calls in ${ms} ms`);
});

test(`planRaw: ${Math.floor(N / 3)} random batches`, () => {
  const r = rngFor("plan");
  const ops = ["v3.customers.create", "v3.customers.update", "v3.attribute_values.upsert", "v3.addresses.create", "v3.addresses.update"];
  const calls = [];
  for (let i = 0; i < Math.floor(N / 3); i++) {
    const op = r.chance(0.98) ? ops[i % ops.length] : "v3.subscribers.create";
    const records = Array.from({ length: r.pick([0, 1, 9, 10, 11, 25]) }, (_, k) =>
      r.chance(0.1) ? randomValue(r) : { id: 1 + r.int(15), customer_id: 1 + r.int(15), attribute_id: 1 + r.int(3), email: `c${r.int(20)}@example.com`, value: `v${k}`, address1: `A${r.int(5)}` });
    let text = textOf(records);
    if (r.chance(0.05)) text = damageText(text, r);
    calls.push({ fn: "planRaw", args: [op, wellFormed(text)], api: () => pkg.planCustomerBatches(records, { operation: op }) });
  }
  const ms = compare("plan", calls);
  console.log(`plan: ${calls.length} calls in ${ms} ms`);
});

const NOW = 1_750_000_000;
const SECRET = "client-secret-for-the-differential";

function loginOptions(r) {
  const o = { clientId: "client-id", clientSecret: SECRET, storeHash: "abc123", customerId: 1 + r.int(1000), storefrontUrl: "https://shop.example.com", now: NOW, jti: "fixed-jti-0001" };
  const fields = Object.keys(o).concat(["redirectTo", "channelId", "requestIp", "enablePersistentCart"]);
  for (let m = r.int(4); m > 0; m--) {
    const k = r.pick(fields);
    switch (r.int(6)) {
      case 0: delete o[k]; break;
      case 1: o[k] = randomScalar(r); break;
      case 2: o[k] = r.pick(["https://shop.example.com/", "http://shop.example.com", "https://shop.example.com/path?x=1", "shop.example.com", "javascript:alert(1)",
        "https://user:pw@shop.example.com", "https://shop.example.com#frag", "/account.php", "//evil.example", "https://exämple.com", ""]); break;
      case 3: o[k] = r.pick([0, 1, -1, 2 ** 31, 2 ** 53, 1.5, NOW + 10 ** 9, -NOW]); break;
      case 4: o[k] = r.pick([true, false, "1.2.3.4", "::1", "not-an-ip", "/cart.php", "https://other.example/x"]); break;
      default: o[k] = randomString(r);
    }
  }
  return o;
}

test(`loginUrlRaw: ${N} option sets with a fixed now and jti`, () => {
  const r = rngFor("login");
  const calls = [];
  for (let i = 0; i < N; i++) {
    const o = loginOptions(r);
    let text = textOf(o);
    if (r.chance(0.05)) text = damageText(text, r);
    calls.push({ fn: "loginUrlRaw", args: [wellFormed(text)], api: () => pkg.createCustomerLoginUrl(o) });
  }
  const ms = compare("login", calls, {
    check: (out) => {
      assert.ok(out.some((o) => o.startsWith('{"url":"https://shop.example.com/login/token/')), "some URLs were made");
      assert.ok(out.some((o) => o.startsWith('{"error"')), "some option sets were refused");
    },
  });
  console.log(`login: ${calls.length} calls in ${ms} ms`);
});

const b64url = (v) => Buffer.from(typeof v === "string" ? v : textOf(v)).toString("base64url");

function token(r) {
  const head = { alg: "HS256", typ: "JWT" };
  let body = { customer: { id: 1 + r.int(100), email: "c@example.com", group_id: "0" }, iss: "bc/apps", sub: "abc123", iat: NOW - 10, exp: NOW + 900,
    version: 1, aud: "client-id", application_id: "app", store_hash: "abc123", operation: "current_customer" };
  for (let m = r.int(3); m > 0; m--) {
    if (r.chance(0.2)) head.alg = r.pick(["none", "HS512", "RS256", "hs256", ""]);
    else body = mutate(body, r);
  }
  if (r.chance(0.1) && body && typeof body === "object") body = { ...body, exp: r.pick([NOW - 1, NOW, NOW - 31, NOW + 1, 2 ** 53, "soon"]) };
  const h = b64url(head);
  const b = b64url(body);
  const sig = createHmac("sha256", r.chance(0.95) ? SECRET : "other-secret").update(`${h}.${b}`).digest("base64url");
  let t = `${h}.${b}.${sig}`;
  switch (r.int(8)) {
    case 0: { const i = r.int(t.length); t = t.slice(0, i) + r.pick(["A", "-", "_", "=", ".", "+", "/", "😀", " "]) + t.slice(i + 1); break; }
    case 1: t = t.slice(0, r.int(t.length)); break;
    case 2: t = r.pick([`${h}.${b}`, `${h}.${b}.`, `.${b}.${sig}`, `${h}..${sig}`, `${t}.x`, "", "a.b.c", `Bearer ${t}`, `${t}==`]); break;
    case 3: t = `${h}.${Buffer.from(textOf(body)).toString("base64")}.${sig}`; break;
    default: break;
  }
  return t;
}

test(`verifyRaw: ${N} mutated Current Customer tokens with a fixed now`, () => {
  const r = rngFor("verify");
  const calls = [];
  for (let i = 0; i < N; i++) {
    const t = wellFormed(token(r));
    const o = { clientSecret: SECRET, clientId: "client-id", now: NOW };
    if (r.chance(0.3)) o.storeHash = r.pick(["abc123", "other", ""]);
    if (r.chance(0.2)) o.leeway = r.pick([0, 30, 1e9, -1, 1.5, "30"]);
    if (r.chance(0.05)) o.now = randomScalar(r);
    const text = wellFormed(textOf(o));
    calls.push({ fn: "verifyRaw", args: [t, text], api: () => pkg.verifyCurrentCustomerToken(t, o) });
  }
  const ms = compare("verify", calls, {
    check: (out) => {
      assert.ok(out.some((o) => o.startsWith('{"customer"')), "some tokens verified");
      assert.ok(new Set(out.filter((o) => o.startsWith('{"error"')).map((o) => JSON.parse(o).error.code)).size >= 4, "several refusal codes reached");
    },
  });
  console.log(`verify: ${calls.length} calls in ${ms} ms`);
});

test("after all of that, the wasm modules still validate correctly", () => {
  const i = OPS.indexOf("v3.subscribers.create");
  for (const mod of [full, small]) {
    assert.equal(mod.validateRaw(i, '{"email":"jane@example.com"}'), undefined);
    assert.match(mod.validateRaw(i, '{"email":"nope"}'), /invalid_email/);
  }
});
