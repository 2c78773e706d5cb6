// The sign-up page in headless Chromium validates with the wasm package as the user types.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic } from "../support/static.mjs";
import { launchBrowser } from "../support/browser.mjs";

let site, browser;
before(async () => {
  site = await serveStatic({ "/pkg/": "wasm-pkg/pkg", "/": "wasm-pkg/examples/signup" });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test("an invalid email shows an error under the email input, a fixed one clears it", async () => {
  const { page } = browser;
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${site.url}/`);
  await page.fill("#email", "jane(at)example.com");
  await page.locator("#first_name").focus();
  const error = page.locator("#email-error");
  await error.filter({ hasText: /email/ }).waitFor({ timeout: 10000 });
  assert.equal(await page.getAttribute("#email", "aria-invalid"), "true");
  await page.fill("#email", "jane@example.com");
  await page.waitForFunction(() => document.getElementById("email-error").textContent === "");
  assert.deepEqual(errors, []);
});
