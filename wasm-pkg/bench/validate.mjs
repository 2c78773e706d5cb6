// Benchmark: bc-customers vs ajv (schema converted from customers.v3.yml) vs a hand-written
// zod 4 schema, side by side in one run on the same generated data.
//
//   bash scripts/build.sh pkg && node wasm-pkg/bench/validate.mjs
//
// (a) one customer (a one-element `POST /v3/customers` body) as a JS object: ops/s
// (b) 10,000 customers as 1,000 JSON request bodies of 10: customers/s; ajv and zod get
//     `JSON.parse` first, bc-customers gets the strings through `validateJson`
// (c) gzip size of what each ships (minified bundle for ajv and zod, wasm + JS for ours)
// Not a timed test: numbers depend on the machine. Rounds are interleaved; the median is shown.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import Ajv from "ajv";
import * as z from "zod";
import * as bc from "../pkg/index.node.mjs";
import { customerCreateJsonSchema } from "./openapi-schema.mjs";

// ---- data ------------------------------------------------------------------------------------
const FIRST = ["Jane", "John", "Zoë", "Ana", "Li", "Omar", "Ingrid", "Kwame"];
const LAST = ["Doe", "Smith", "García", "Nguyen", "Okafor", "Müller", "Rossi", "Kowalski"];
const PLACES = [["US", "Texas", "Austin", "78701"], ["CA", "Ontario", "Toronto", "M5V 2T6"], ["GB", "", "London", "SW1A 1AA"], ["DE", "", "Berlin", "10115"], ["AU", "New South Wales", "Sydney", "2000"]];
function customer(i) {
  const [cc, state, city, zip] = PLACES[i % PLACES.length];
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i >> 3) % LAST.length];
  const c = {
    email: `${first.toLowerCase().replace("ë", "e")}.${i}@example.com`,
    first_name: first,
    last_name: last,
    company: i % 3 ? "" : "Acme Ltd",
    phone: `+1 555 01${String(i % 100).padStart(2, "0")}`,
    customer_group_id: i % 4,
    accepts_product_review_abandoned_cart_emails: i % 2 === 0,
    addresses: [{ first_name: first, last_name: last, address1: `${i} Main Street`, city, country_code: cc, postal_code: zip, address_type: "residential" }],
  };
  if (state) c.addresses[0].state_or_province = state;
  if (i % 5 === 0) c.form_fields = [{ name: "How did you hear about us?", value: "friend" }];
  return c;
}
const customers = Array.from({ length: 10_000 }, (_, i) => customer(i));
const bodies = Array.from({ length: 1_000 }, (_, i) => JSON.stringify(customers.slice(i * 10, i * 10 + 10)));

// ---- validators ------------------------------------------------------------------------------
const ajv = new Ajv({ allErrors: true, strict: false });
for (const f of ["int32", "int64", "float", "double", "date-time", "email"]) ajv.addFormat(f, true);
const ajvValidate = ajv.compile(customerCreateJsonSchema());

const formField = z.object({ name: z.string().min(1), value: z.union([z.string(), z.number(), z.array(z.string())]) });
const zAddress = z.object({
  first_name: z.string().min(1).max(255), last_name: z.string().min(1).max(255), company: z.string().max(255).optional(),
  address1: z.string(), address2: z.string().optional(), city: z.string().max(100), state_or_province: z.string().max(100).optional(),
  postal_code: z.string().max(30).optional(), country_code: z.string().length(2), phone: z.string().max(50).optional(),
  address_type: z.enum(["residential", "commercial"]).optional(), form_fields: z.array(formField).optional(),
});
const zCustomer = z.object({
  email: z.email().min(3).max(250), first_name: z.string().min(1).max(100), last_name: z.string().min(1).max(100),
  company: z.string().max(255).optional(), phone: z.string().max(50).optional(), notes: z.string().optional(),
  tax_exempt_category: z.string().max(255).optional(), customer_group_id: z.int().min(0).optional(),
  addresses: z.array(zAddress).max(10).optional(),
  attributes: z.array(z.object({ attribute_id: z.int().min(1), attribute_value: z.string().max(255) })).max(10).optional(),
  authentication: z.object({ force_password_reset: z.boolean().optional(), new_password: z.string().optional() }).optional(),
  accepts_product_review_abandoned_cart_emails: z.boolean().optional(),
  store_credit_amounts: z.array(z.object({ amount: z.number() })).optional(),
  origin_channel_id: z.int().min(1).optional(), channel_ids: z.array(z.int().min(1)).min(1).nullable().optional(),
  form_fields: z.array(formField).optional(), trigger_account_created_notification: z.boolean().optional(),
});
const zBody = z.array(zCustomer).min(1).max(10);

// Sanity: all three accept the data and reject a bad body.
for (const [name, ok] of [
  ["bc-customers", (b) => !bc.validate("v3.customers.create", b).issues],
  ["ajv", (b) => ajvValidate(b)],
  ["zod", (b) => zBody.safeParse(b).success],
]) {
  if (!customers.slice(0, 200).every((c) => ok([c]))) throw new Error(`${name} rejects the generated data`);
  if (ok([{ email: 5 }])) throw new Error(`${name} accepts a bad body`);
}

// ---- timing ----------------------------------------------------------------------------------
function rate(fn, units, ms = 700) {
  for (let i = 0; i < 50; i++) fn(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 20; k++) fn(n++);
    now = performance.now();
  }
  return (n * units) / ((now - start) / 1000);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The ratio of two contenders measured in the same round, then the median over rounds: steadier
// than a ratio of medians on a machine whose speed drifts between rounds.
const ratioOf = (xs, ys) => median(xs.map((x, i) => x / ys[i]));

let sink = 0;
const one = {
  "bc-customers validate()": (i) => { sink ^= bc.validate("v3.customers.create", [customers[i % 10_000]]).issues ? 1 : 0; },
  "bc-customers validate() + read value": (i) => { sink ^= bc.validate("v3.customers.create", [customers[i % 10_000]]).value.length; },
  ajv: (i) => { sink ^= ajvValidate([customers[i % 10_000]]) ? 1 : 0; },
  "zod 4 safeParse": (i) => { sink ^= zBody.safeParse([customers[i % 10_000]]).success ? 1 : 0; },
};
const bulk = {
  "bc-customers validateJson": () => { for (const b of bodies) sink ^= bc.validateJson("v3.customers.create", b).issues ? 1 : 0; },
  "bc-customers validateJson + read value": () => { for (const b of bodies) sink ^= bc.validateJson("v3.customers.create", b).value.length; },
  "ajv (JSON.parse + validate)": () => { for (const b of bodies) sink ^= ajvValidate(JSON.parse(b)) ? 1 : 0; },
  "zod 4 (JSON.parse + safeParse)": () => { for (const b of bodies) sink ^= zBody.safeParse(JSON.parse(b)).success ? 1 : 0; },
};

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const results = { one: {}, bulk: {} };
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, fn] of Object.entries(one)) (results.one[name] ??= []).push(rate(fn, 1));
  for (const [name, fn] of Object.entries(bulk)) (results.bulk[name] ??= []).push(rate(fn, 10_000, 1500));
}

// ---- sizes -----------------------------------------------------------------------------------
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const esbuild = new URL("../../node_modules/.bin/esbuild", import.meta.url).pathname;
function bundle(source) {
  return execFileSync(esbuild, ["--bundle", "--minify", "--format=esm", "--platform=browser", "--loader=js", "--log-level=error"], { input: source, cwd: new URL("../..", import.meta.url).pathname });
}
const pkgDir = new URL("../pkg/", import.meta.url);
const file = (f) => readFileSync(new URL(f, pkgDir));
const validateJs = Buffer.concat(["validate.js", "validation.js", "bc_customers_validate.js", "load-validate.browser.mjs", "validate.browser.mjs"].map(file));
const fullJs = Buffer.concat(["api.js", "validation.js", "clean.js", "schema-table.js", "bc_customers.js", "load.browser.mjs", "index.browser.mjs"].map(file));
const sizes = {
  "bc-customers/validate (wasm)": [file("bc_customers_validate_bg.wasm").length, gz(file("bc_customers_validate_bg.wasm"))],
  "bc-customers/validate (JS, unminified)": [validateJs.length, gz(validateJs)],
  "bc-customers full (wasm)": [file("bc_customers_bg.wasm").length, gz(file("bc_customers_bg.wasm"))],
  "bc-customers full (JS, unminified)": [fullJs.length, gz(fullJs)],
  "ajv + compiled-at-load schema (minified bundle)": (() => { const b = bundle(`import Ajv from "ajv"; const s = ${JSON.stringify(customerCreateJsonSchema())}; export const v = new Ajv({strict:false}).compile(s);`); return [b.length, gz(b)]; })(),
  "zod 4 + schema (minified bundle)": (() => { const b = bundle(`import * as z from "zod"; export const s = z.array(z.object({ email: z.email().min(3).max(250), first_name: z.string().min(1).max(100), addresses: z.array(z.object({ country_code: z.string().length(2), address_type: z.enum(["residential", "commercial"]) })) })).min(1).max(10);`); return [b.length, gz(b)]; })(),
};

// ---- report ----------------------------------------------------------------------------------
const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`node ${process.version}, ${ROUNDS} rounds, median\n`);
console.log("(a) one customer object, ops/s");
for (const [name, xs] of Object.entries(results.one)) console.log(`  ${name.padEnd(42)} ${fmt(median(xs)).padStart(12)}`);
console.log(`  bc-customers validate() / zod: ${ratioOf(results.one["bc-customers validate()"], results.one["zod 4 safeParse"]).toFixed(2)}x (median of per-round ratios)`);
console.log("\n(b) 10,000 customers as 1,000 JSON bodies of 10, customers/s");
for (const [name, xs] of Object.entries(results.bulk)) console.log(`  ${name.padEnd(42)} ${fmt(median(xs)).padStart(12)}`);
const ratio = ratioOf(results.bulk["bc-customers validateJson"], results.bulk["ajv (JSON.parse + validate)"]);
console.log(`  bc-customers validateJson / ajv: ${ratio.toFixed(2)}x (median of per-round ratios)`);
console.log("\n(c) size, bytes raw / gzip -9");
for (const [name, [raw, gzip]] of Object.entries(sizes)) console.log(`  ${name.padEnd(48)} ${fmt(raw).padStart(9)} / ${fmt(gzip).padStart(8)}`);
if (sink === 0.5) console.log(sink);
