// The contract check itself: the Prism router in front of the store (tests/support/prism.mjs)
// notices a request or an answer that breaks BigCommerce's spec, so the other tests' silence
// means something. These requests are sent to the router directly, as a faulty edge would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStore } from "../../edge/local-store/server.mjs";
import { startContractRouter } from "../support/prism.mjs";
import { STORE_HASH, STORE_TOKEN } from "../support/edge.mjs";

let store;
let router;
before(async () => {
  store = await startStore({ accessToken: STORE_TOKEN, seed: true });
  router = await startContractRouter(store);
});
after(async () => {
  await router?.close();
  await store?.close();
});

const send = (method, path, body, headers = {}) =>
  fetch(`${router.url}/stores/${STORE_HASH}${path}`, {
    method,
    headers: { "x-auth-token": STORE_TOKEN, accept: "application/json", ...(body ? { "content-type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });

function takeViolations() {
  const found = router.violations.splice(0);
  return found;
}

test("valid calls of each spec pass without violations", async () => {
  for (const path of ["/v3/customers?limit=2&include=addresses", "/v3/customers/subscribers?limit=2", "/v2/customers?limit=2", "/v2/customer_groups"]) {
    const r = await send("GET", path);
    assert.equal(r.status, 200, `${path}: ${await r.text()}`);
  }
  const created = await send("POST", "/v3/customers/subscribers", { email: "contract.ok@example.com" });
  assert.equal(created.status, 200);
  assert.deepEqual(takeViolations(), []);
  assert.ok(router.counts.validated >= 5);
});

test("a request that breaks the spec is refused by prism, never forwarded, and recorded", async () => {
  const before = store.stats.total;
  const r = await send("POST", "/v3/customers", [{ email: 42, first_name: "A", last_name: "B" }]);
  assert.equal(r.status, 422);
  assert.equal(store.stats.total, before, "nothing reached the store");
  const found = takeViolations();
  assert.ok(found.some((v) => v.startsWith("POST /v3/customers [customers.v3.yml]: request.body.0.email")), found.join("\n"));
});

test("a missing X-Auth-Token and a path outside the spec are violations", async () => {
  await send("GET", "/v3/customers", undefined, { "x-auth-token": "" }).then((r) => r.text());
  await send("GET", "/v3/customers/no-such-endpoint").then((r) => r.text());
  const found = takeViolations();
  assert.equal(found.length, 2, found.join("\n"));
  assert.ok(found[0].includes("X-Auth-Token") || found[0].includes("401") || found[0].includes("UNAUTHORIZED"), found[0]);
  assert.ok(found[1].includes("NO_PATH_MATCHED"), found[1]);
});

test("an answer that breaks the spec is recorded as a response violation", async () => {
  const [first] = store.state.customers.values();
  first.channel_ids = "all"; // the schema says array
  const r = await send("GET", `/v3/customers?id:in=${first.id}`);
  assert.equal(r.status, 500, "prism --errors replaces the answer");
  first.channel_ids = null;
  const found = takeViolations();
  assert.ok(found.some((v) => v.includes("response.body.data.0.channel_ids")), found.join("\n"));
});
