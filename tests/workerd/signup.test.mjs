// POST /signup (anonymous account sign-up) through the Rust Worker running in workerd.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, shopperToken, API_KEY, ALLOWED_ORIGIN } from "../support/edge.mjs";

let edge;
before(async () => {
  edge = await startEdge();
});
after(async () => edge?.close());

const jane = (email = "jane@example.com") => ({
  email, first_name: "Jane", last_name: "Doe", phone: "555-0100",
  addresses: [{ first_name: "Jane", last_name: "Doe", address1: "1 Main St", city: "Austin", state_or_province: "Texas", postal_code: "78701", country_code: "US" }],
  authentication: { new_password: "c0rrect-Horse-battery" },
});

const customers = async (email) => (await edge.storeGet(`/v3/customers?email:in=${encodeURIComponent(email)}&include=addresses`)).data;

test("a valid sign-up creates one customer and answers only its public fields", async () => {
  const r = await edge.call("POST", "/signup", { body: jane(), headers: { origin: ALLOWED_ORIGIN } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.calls, 1);
  assert.equal(r.headers.get("access-control-allow-origin"), ALLOWED_ORIGIN);
  assert.deepEqual(Object.keys(r.body.data).sort(), ["email", "first_name", "id", "last_name"]);
  assert.equal(r.body.data.email, "jane@example.com");
  assert.ok(!r.text.includes("555-0100") && !r.text.includes("Austin"), "nothing else is echoed");
  const list = await customers("jane@example.com");
  assert.equal(list.length, 1);
  assert.equal(list[0].id, r.body.data.id);
  assert.equal(list[0].addresses[0].city, "Austin");
});

test("invalid fields are 422 with paths relative to the customer, and nothing is sent", async () => {
  const body = jane("jane(at)example.com");
  delete body.addresses[0].postal_code;
  const r = await edge.call("POST", "/signup", { body });
  assert.equal(r.status, 422);
  assert.equal(r.calls, 0);
  assert.deepEqual(r.body.issues.map((i) => i.path).sort(), ["addresses[0].postal_code", "email"]);
  assert.ok(!r.text.includes("jane(at)"));
  assert.equal((await customers("jane(at)example.com")).length, 0);
});

test("fields a visitor may not set are 422 not_allowed", async () => {
  const body = { ...jane("grp@example.com"), customer_group_id: 1, store_credit_amounts: [{ amount: 50 }], notes: "vip", authentication: { new_password: "c0rrect-Horse-battery", force_password_reset: true } };
  const r = await edge.call("POST", "/signup", { body });
  assert.equal(r.status, 422);
  assert.deepEqual(
    r.body.issues.map((i) => [i.path, i.code]).sort(),
    [["authentication.force_password_reset", "not_allowed"], ["customer_group_id", "not_allowed"], ["notes", "not_allowed"], ["store_credit_amounts", "not_allowed"]],
  );
  assert.equal(r.calls, 0);
  assert.equal((await customers("grp@example.com")).length, 0);
});

test("an array body is refused: the route takes one customer", async () => {
  const r = await edge.call("POST", "/signup", { body: [jane("arr@example.com")] });
  assert.equal(r.status, 422);
  assert.equal(r.body.issues[0].code, "invalid_type");
});

test("an email already in use is BigCommerce's refusal, with the path of the field", async () => {
  const first = await edge.call("POST", "/signup", { body: jane("twice@example.com") });
  assert.equal(first.status, 201, first.text);
  const again = await edge.call("POST", "/signup", { body: jane("twice@example.com") });
  assert.ok(again.status >= 400 && again.status < 500, again.text);
  assert.ok(again.body.issues.length > 0, again.text);
  for (const i of again.body.issues) assert.ok(!String(i.path).startsWith("[0]"), i.path);
  assert.ok(!again.text.includes("twice@example.com"), "the email is not echoed");
  assert.equal((await customers("twice@example.com")).length, 1);
});

test("shoppers are refused, server callers may sign customers up", async () => {
  assert.equal((await edge.call("POST", "/signup", { body: jane("s1@example.com"), token: shopperToken(1) })).status, 403);
  const server = await edge.call("POST", "/signup", { body: jane("s2@example.com"), token: API_KEY });
  assert.equal(server.status, 201, server.text);
});

test("anonymous sign-ups are rate limited per client IP, apart from newsletter sign-ups", async () => {
  const limited = await startEdge({ bindings: { EDGE_SIGNUP_PER_MINUTE: "1" } });
  try {
    const ip = { "cf-connecting-ip": "203.0.113.9" };
    assert.equal((await limited.call("POST", "/signup", { body: jane("r1@example.com"), headers: ip })).status, 201);
    const second = await limited.call("POST", "/signup", { body: jane("r2@example.com"), headers: ip });
    assert.equal(second.status, 429);
    assert.equal(second.body.code, "signup_rate_limited");
    assert.equal(second.calls, 0);
    const sub = await limited.call("POST", "/v3/customers/subscribers", { body: { email: "r1@example.com" }, headers: ip });
    assert.equal(sub.status, 200, "the newsletter budget is separate");
    assert.equal((await limited.call("POST", "/signup", { body: jane("r3@example.com"), headers: { "cf-connecting-ip": "203.0.113.10" } })).status, 201);
  } finally {
    await limited.close();
  }
});
