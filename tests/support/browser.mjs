// Debian's Chromium driven by playwright-core, headless, with the flags this machine needs.
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function launchBrowser() {
  const dir = await mkdtemp(join(tmpdir(), "bc-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    page: await context.newPage(),
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the sign-up page and waits until its script has run. The package instantiates its wasm
 * with a top-level await, which the page's `load` event (what `goto` waits for) does not wait
 * for: the country list is filled only after it.
 */
export async function openSignup(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("country_code").options.length > 0);
}
