// The sign-up page in headless Chromium: validates with the wasm package as the user types,
// shows each error under its input, and submits through (a fake of) the edge.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic } from "../support/static.mjs";
import { launchBrowser, openSignup } from "../support/browser.mjs";

let site, browser;
const received = { signup: [], subscribers: [] };
before(async () => {
  site = await serveStatic({ "/pkg/": "wasm-pkg/pkg", "/": "wasm-pkg/examples/signup" }, {
    "POST /signup": (body) => {
      received.signup.push(body);
      return body?.email === "taken@example.com"
        ? { status: 422, body: { status: 422, code: "validation_failed", title: "the request is not valid", issues: [{ path: "[0].email", code: "email_taken", message: "an account with this email exists" }] } }
        : { status: 200, body: { data: [{ id: 1, ...body }] } };
    },
    "POST /v3/customers/subscribers": (body) => {
      received.subscribers.push(body);
      return { status: 200, body: { data: { id: 9, ...body } } };
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const errorText = (page, field) => page.textContent(`#${field}-error`);

test("sign-up: errors appear under the right inputs, fixes clear them, submit succeeds", async () => {
  const { page } = browser;
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await openSignup(page, `${site.url}/`);
  assert.equal(await page.inputValue("#country_code"), "US");
  assert.ok((await page.locator("#country_code option").count()) > 200);

  // Invalid values.
  await page.fill("#email", "jane(at)example.com");
  await page.fill("#first_name", "J");
  await page.fill("#first_name", "");
  await page.fill("#address1", "1 Main St");
  await page.fill("#city", "Austin");
  await page.fill("#postal_code", "78701");
  await page.fill("#state_or_province", "TX"); // a code: BigCommerce wants the name
  await page.locator("#last_name").focus();
  await page.waitForFunction(() => document.getElementById("email-error").textContent !== "");
  assert.match(await errorText(page, "email"), /email/);
  assert.match(await errorText(page, "first_name"), /empty/);
  assert.notEqual(await errorText(page, "state_or_province"), "");
  assert.equal(await errorText(page, "city"), "");
  assert.equal(await page.getAttribute("#email", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#city", "aria-invalid"), "false");

  // Submitting now sends nothing and marks every missing field.
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("fix"));
  assert.notEqual(await errorText(page, "last_name"), "");
  assert.equal(received.signup.length, 0);

  // Fix them.
  await page.fill("#email", "jane@example.com");
  await page.fill("#first_name", "Jane");
  await page.fill("#last_name", "Doe");
  await page.fill("#state_or_province", "Texas");
  await page.check("#consent");
  for (const f of ["email", "first_name", "last_name", "state_or_province"]) {
    await page.waitForFunction((f) => document.getElementById(`${f}-error`).textContent === "", f);
  }
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Welcome"));
  assert.match(await page.textContent("#status"), /subscribed/);
  assert.deepEqual(received.signup.at(-1), {
    email: "jane@example.com", first_name: "Jane", last_name: "Doe",
    addresses: [{ first_name: "Jane", last_name: "Doe", address1: "1 Main St", city: "Austin", country_code: "US", state_or_province: "Texas", postal_code: "78701" }],
  });
  assert.deepEqual(received.subscribers.at(-1), { email: "jane@example.com", first_name: "Jane", last_name: "Doe", source: "storefront", consents: ["marketing_newsletter"] });
  assert.deepEqual(pageErrors, []);
});

test("sign-up: the edge's 422 issues show under the inputs they name", async () => {
  const { page } = browser;
  await openSignup(page, `${site.url}/`);
  await page.selectOption("#country_code", "GB");
  for (const [f, v] of [["first_name", "Tom"], ["last_name", "Lee"], ["email", "taken@example.com"], ["address1", "1 High St"], ["city", "London"], ["postal_code", "SW1A 1AA"]]) {
    await page.fill(`#${f}`, v);
  }
  await page.click("button[type=submit]");
  await page.waitForFunction(() => document.getElementById("email-error").textContent !== "");
  assert.match(await errorText(page, "email"), /exists/);
  assert.match(await page.textContent("#status"), /not valid/);
});
