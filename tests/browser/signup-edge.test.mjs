// End to end through the real edge (issue 7): the built Worker in workerd (Miniflare, listening
// on a real port and serving the demo page and the npm package as static assets) in front of the
// local store, driven by headless Chromium. The sign-up page, then `EdgeClient` (the package's
// Rust/gloo-net browser client) against the same edge.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEdge, shopperToken } from "../support/edge.mjs";
import { launchBrowser, openSignup } from "../support/browser.mjs";

let edge, browser, base;
const sent = []; // "METHOD path" of every request the page made to the edge's API
before(async () => {
  edge = await startEdge();
  base = String(await edge.mf.ready).replace(/\/$/, ""); // Miniflare's real HTTP address
  browser = await launchBrowser();
  browser.page.on("request", (r) => {
    const u = new URL(r.url());
    if (!u.pathname.startsWith("/pkg/") && r.resourceType() !== "document" && !u.pathname.endsWith(".mjs") && u.pathname !== "/favicon.ico") {
      sent.push(`${r.method()} ${u.pathname}`);
    }
  });
});
after(async () => {
  await browser?.close();
  await edge?.close();
});

const errorText = (page, field) => page.textContent(`#${field}-error`);
const customersWith = async (email) => (await edge.storeGet(`/v3/customers?email:in=${encodeURIComponent(email)}`)).data;
const subscribersWith = async (email) => (await edge.storeGet(`/v3/customers/subscribers?email=${encodeURIComponent(email)}`)).data;

test("sign-up page through the edge: field errors, fixes, success, one customer and one subscriber", async () => {
  const { page } = browser;
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await openSignup(page, `${base}/`);
  assert.equal(await page.inputValue("#country_code"), "US");

  // Invalid values: each error under its own input.
  await page.fill("#email", "erika(at)example.com");
  await page.fill("#first_name", "E");
  await page.fill("#first_name", "");
  await page.fill("#address1", "1 Main St");
  await page.fill("#city", "Austin");
  await page.fill("#postal_code", "78701");
  await page.fill("#state_or_province", "TX");
  await page.locator("#last_name").focus();
  await page.waitForFunction(() => document.getElementById("email-error").textContent !== "");
  assert.match(await errorText(page, "email"), /email/);
  assert.match(await errorText(page, "first_name"), /empty/);
  assert.notEqual(await errorText(page, "state_or_province"), "");
  assert.equal(await errorText(page, "city"), "");
  assert.equal(await page.getAttribute("#email", "aria-invalid"), "true");

  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("fix"));
  assert.notEqual(await errorText(page, "last_name"), "");
  assert.deepEqual(sent, [], "nothing is sent while the form is invalid");

  // Fix them and submit, with newsletter consent.
  await page.fill("#email", "erika@example.com");
  await page.fill("#first_name", "Erika");
  await page.fill("#last_name", "Mustermann");
  await page.fill("#state_or_province", "Texas");
  await page.check("#consent");
  for (const f of ["email", "first_name", "last_name", "state_or_province"]) {
    await page.waitForFunction((f) => document.getElementById(`${f}-error`).textContent === "", f);
  }
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Welcome"));
  assert.match(await page.textContent("#status"), /Welcome, Erika!.*subscribed/);
  assert.deepEqual(sent, ["POST /signup", "POST /v3/customers/subscribers"]);

  const created = await customersWith("erika@example.com");
  assert.equal(created.length, 1);
  assert.equal(created[0].last_name, "Mustermann");
  assert.equal((await subscribersWith("erika@example.com")).length, 1);
  assert.deepEqual(pageErrors, []);
});

test("sign-up page through the edge: the store's refusal (email in use) shows under the email input", async () => {
  const { page } = browser;
  await openSignup(page, `${base}/`);
  await page.selectOption("#country_code", "GB");
  for (const [f, v] of [["first_name", "Erika"], ["last_name", "M"], ["email", "erika@example.com"], ["address1", "1 High St"], ["city", "London"], ["postal_code", "SW1A 1AA"]]) {
    await page.fill(`#${f}`, v);
  }
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("email-error").textContent !== "");
  assert.equal(await page.textContent("#first_name-error"), "");
  assert.doesNotMatch(await page.textContent("#status"), /Welcome/);
  assert.equal((await customersWith("erika@example.com")).length, 1, "still exactly one");
});

test("EdgeClient in Chromium: validates before sending, returns values and the edge's issues", async () => {
  const { page } = browser;
  await page.goto(`${base}/`);
  sent.length = 0;
  const out = await page.evaluate(async () => {
    const { EdgeClient } = await import("/pkg/index.browser.mjs");
    const anon = new EdgeClient("");
    const r = {};
    r.invalidSubscribe = await anon.subscribe({ email: "not-an-email" });
    r.notObject = await anon.subscribe(undefined);
    r.invalidSignUp = await anon.signUp({ email: "max@example.com", first_name: "Max" });
    r.subscribe = await anon.subscribe({ email: "max@example.com", first_name: "Max" });
    r.signUp = await anon.signUp({ email: "max@example.com", first_name: "Max", last_name: "Power" });
    r.edgeRefusal = await anon.signUp({ email: "max@example.com", first_name: "Max", last_name: "Power", customer_group_id: 2 });
    r.anonMe = await anon.getMe();
    return r;
  });
  assert.equal(out.invalidSubscribe.issues[0].code, "invalid_email");
  assert.deepEqual(out.invalidSubscribe.issues[0].path, ["email"]);
  assert.equal(out.invalidSubscribe.status, undefined);
  assert.equal(out.notObject.issues[0].code, "invalid_type");
  assert.ok(out.invalidSignUp.issues.some((i) => i.path.join(".") === "last_name"), JSON.stringify(out.invalidSignUp));
  assert.equal(out.subscribe.value.email, "max@example.com");
  assert.deepEqual(Object.keys(out.signUp.value).sort(), ["email", "first_name", "id", "last_name"]);
  assert.deepEqual(out.edgeRefusal.issues.map((i) => [i.path, i.code]), [[["customer_group_id"], "not_allowed"]]);
  assert.equal(out.edgeRefusal.status, 422);
  assert.equal(out.anonMe.issues[0].code, "http_401");
  assert.deepEqual(sent, ["POST /v3/customers/subscribers", "POST /signup", "POST /signup", "GET /me"], "invalid input sent nothing");

  // The new customer's own record with their shopper token.
  const id = out.signUp.value.id;
  const token = shopperToken(id, { email: "max@example.com" });
  const me = await page.evaluate(async (token) => {
    const { EdgeClient } = await import("/pkg/index.browser.mjs");
    const client = new EdgeClient("", { token });
    return {
      me: await client.getMe(),
      update: await client.updateMe({ company: "Power Inc" }),
      notAllowed: await client.updateMe({ customer_group_id: 2 }),
      invalid: await client.updateMe({ first_name: "x".repeat(300) }),
    };
  }, token);
  assert.equal(me.me.value.id, id);
  assert.equal(me.me.value.email, "max@example.com");
  assert.equal(me.update.value.company, "Power Inc");
  assert.equal(me.notAllowed.issues[0].code, "not_allowed");
  assert.deepEqual(me.invalid.issues[0].path, ["first_name"]);
  assert.equal(me.invalid.status, undefined, "checked before sending");
  assert.equal((await customersWith("max@example.com")).length, 1);
  assert.equal((await subscribersWith("max@example.com")).length, 1);
});
