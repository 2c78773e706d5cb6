// The npm package in a Vite app, unchanged: a tiny two-page app imports `bc-customers` and
// `bc-customers/validate` from its node_modules (a copy of wasm-pkg/pkg, as an install from a
// tarball or the registry leaves it); Vite resolves the `browser` export condition and ships each
// wasm module as an asset from its `new URL("./x.wasm", import.meta.url)`. The built app is served
// statically and run in headless Chromium, then the same pages through Vite's dev server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, createServer } from "vite";
import { serveStatic } from "../support/static.mjs";
import { launchBrowser } from "../support/browser.mjs";

const PKG = fileURLToPath(new URL("../../wasm-pkg/pkg", import.meta.url));

const page = (script) =>
  `<!doctype html><html><body><pre id="out"></pre><script type="module" src="./${script}"></script></body></html>\n`;
const MAIN = `import { schemas, customerCreate, validateJson } from "bc-customers";
import { validate, countries } from "bc-customers/validate";
const jane = { email: "jane@example.com", first_name: "Jane", last_name: "Doe" };
document.getElementById("out").textContent = JSON.stringify({
  valid: customerCreate["~standard"].validate([jane]),
  invalid: schemas["v3.customers.create"]["~standard"].validate([{ ...jane, email: "jane(at)example.com" }]),
  json: validateJson("v3.customers.create", JSON.stringify([jane, { ...jane, email: "JANE@example.com" }])),
  lite: validate("v3.subscribers.create", { email: "nope", consents: ["spam"] }),
  us: countries().find((c) => c.code === "US"),
});
`;
const LITE = `import { customerCreate } from "bc-customers/validate";
const v = (c) => customerCreate["~standard"].validate([c]);
document.getElementById("out").textContent = JSON.stringify({
  valid: v({ email: "jane@example.com", first_name: "Jane", last_name: "Doe" }),
  invalid: v({ email: "jane(at)example.com", first_name: "Jane", last_name: "Doe" }),
});
`;

let dir, browser;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "bc-vite-"));
  await cp(PKG, join(dir, "node_modules/bc-customers"), { recursive: true, filter: (src) => !src.endsWith(".inputs") });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  await writeFile(join(dir, "index.html"), page("main.js"));
  await writeFile(join(dir, "main.js"), MAIN);
  await writeFile(join(dir, "validate.html"), page("validate.js"));
  await writeFile(join(dir, "validate.js"), LITE);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const config = () => ({
  root: dir, configFile: false, logLevel: "silent",
  build: { rolldownOptions: { input: { main: join(dir, "index.html"), validate: join(dir, "validate.html") } } },
});

// Loads a page, waits for its results, and returns them with what it fetched (path -> bytes).
async function run(url) {
  const { page } = browser;
  const errors = [];
  const loaded = new Map();
  let failed;
  const pageFailed = new Promise((_, reject) => (failed = reject));
  pageFailed.catch(() => {});
  const onError = (e) => {
    errors.push(e);
    failed(e); // e.g. the wasm did not load: say so now rather than time out
  };
  const bodies = [];
  const onResponse = (r) => {
    const path = new URL(r.url()).pathname;
    bodies.push(r.body().then((b) => loaded.set(path, b), () => loaded.set(path, Buffer.alloc(0)))); // redirects and the like
  };
  page.on("pageerror", onError);
  page.on("response", onResponse);
  try {
    await page.goto(url);
    await Promise.race([pageFailed, page.waitForFunction(() => document.getElementById("out").textContent !== "", null, { timeout: 10_000 })]);
    const out = JSON.parse(await page.textContent("#out"));
    assert.deepEqual(errors, []);
    await Promise.all(bodies);
    return { out, loaded };
  } finally {
    page.off("pageerror", onError);
    page.off("response", onResponse);
  }
}

const jane = { email: "jane@example.com", first_name: "Jane", last_name: "Doe" };
const badEmail = { message: "is not an email address BigCommerce accepts", path: [0, "email"], code: "invalid_email" };

function checkMain(out) {
  assert.deepEqual(out.valid, { value: [jane] });
  assert.deepEqual(out.invalid, { issues: [badEmail] });
  assert.deepEqual(out.json.issues.map((i) => [i.path, i.code]), [[[1, "email"], "duplicate_email"]]);
  assert.deepEqual(out.lite.issues.map((i) => [i.path, i.code]), [[["consents", 0], "invalid_enum"], [["email"], "invalid_email"]]);
  assert.deepEqual(out.us, { code: "US", name: "United States", requiresState: true, requiresPostalCode: true });
}
function checkLite(out) {
  assert.deepEqual(out, { valid: { value: [jane] }, invalid: { issues: [badEmail] } });
}
const wasmOf = (loaded) => [...loaded.keys()].filter((p) => p.endsWith(".wasm")).map((p) => p.split("/").pop()).sort();

test("vite build: both entries work from the bundle, each wasm shipped as an asset", async (t) => {
  await build(config());
  const dist = join(dir, "dist");
  const assets = await readdir(join(dist, "assets"));
  const wasm = assets.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 2, `two wasm assets in ${assets}`);
  for (const m of ["bc_customers", "bc_customers_validate"]) {
    const f = wasm.find((f) => f.startsWith(`${m}_bg-`));
    assert.ok(f, `${m}_bg-<hash>.wasm in ${assets}`);
    assert.deepEqual(await readFile(join(dist, "assets", f)), await readFile(join(PKG, `${m}_bg.wasm`)));
  }
  const js = (await Promise.all(assets.filter((f) => f.endsWith(".js")).map((f) => readFile(join(dist, "assets", f), "utf8")))).join("\n");
  assert.doesNotMatch(js, /readFileSync|node:fs/, "the browser entries, not the Node ones");

  const site = await serveStatic({ "/": dist });
  try {
    const main = await run(`${site.url}/`);
    checkMain(main.out);
    assert.deepEqual(wasmOf(main.loaded).map((f) => f.replace(/-[\w-]+\.wasm$/, "")), ["bc_customers_bg", "bc_customers_validate_bg"]);

    // The validate entry alone: only the small wasm, and little JavaScript around it.
    const lite = await run(`${site.url}/validate.html`);
    checkLite(lite.out);
    assert.deepEqual(wasmOf(lite.loaded).map((f) => f.replace(/-[\w-]+\.wasm$/, "")), ["bc_customers_validate_bg"]);
    const gz = (pred) => [...lite.loaded].filter(([p]) => pred(p)).reduce((n, [, b]) => n + gzipSync(b, { level: 9 }).length, 0);
    const total = gz(() => true);
    const script = gz((p) => p.endsWith(".js"));
    t.diagnostic(`validate page: ${total} bytes gzip in all, ${script} of them JavaScript`);
    assert.ok(total < 120_000, `the validate page loads ${total} bytes gzip`);
    assert.ok(script < 8_000, `the validate page loads ${script} bytes of JavaScript gzip`);
  } finally {
    await site.close();
  }
});

test("vite dev server: the same pages work unbundled", async () => {
  const server = await createServer({ ...config(), server: { host: "127.0.0.1", port: 0, hmr: false } });
  try {
    await server.listen();
    const base = server.resolvedUrls.local[0].replace(/\/$/, "");
    const main = await run(`${base}/`);
    checkMain(main.out);
    assert.equal(wasmOf(main.loaded).length, 2);
    checkLite((await run(`${base}/validate.html`)).out);
  } finally {
    await server.close();
  }
});
