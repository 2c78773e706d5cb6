// POST /v3/customers/subscribers through the Rust Worker running in workerd.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, STORE_TOKEN } from "../support/edge.mjs";

let edge;
before(async () => {
  edge = await startEdge();
});
after(async () => edge?.close());

const post = (body) =>
  edge.fetch("/v3/customers/subscribers", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

test("an invalid subscriber gets 422 with the issue list and nothing reaches the store", async () => {
  const res = await post({ email: "jane(at)example.com", consents: ["spam"] });
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.deepEqual(
    body.issues.map((i) => [i.path, i.code]),
    [["consents[0]", "invalid_enum"], ["email", "invalid_email"]],
  );
  assert.ok(!JSON.stringify(body).includes("jane(at)"));
  const list = await fetch(`${edge.store.url}/stores/localstore/v3/customers/subscribers`, {
    headers: { "x-auth-token": STORE_TOKEN },
  }).then((r) => r.json());
  assert.equal(list.data.length, 0);
});

test("a valid subscriber is forwarded with the store token and created upstream", async () => {
  const res = await post({ email: "jane@example.com", first_name: "Jane", consents: ["marketing_newsletter"] });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.ok(!text.includes(STORE_TOKEN));
  const body = JSON.parse(text);
  assert.equal(body.data.email, "jane@example.com");
  assert.ok(body.data.id > 0);
  const list = await fetch(`${edge.store.url}/stores/localstore/v3/customers/subscribers`, {
    headers: { "x-auth-token": STORE_TOKEN },
  }).then((r) => r.json());
  assert.deepEqual(list.data.map((s) => s.email), ["jane@example.com"]);
});

test("malformed JSON is a 422 invalid_json, not a crash", async () => {
  const res = await post('{"email": ');
  assert.equal(res.status, 422);
  assert.equal((await res.json()).issues[0].code, "invalid_json");
});
