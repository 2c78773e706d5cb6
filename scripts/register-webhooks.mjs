#!/usr/bin/env node
// Registers (or updates) the BigCommerce webhooks the edge listens to, so that changes made
// outside the edge (control panel, checkout, other apps) invalidate its cache everywhere.
//
//   BC_STORE_HASH=... BC_ACCESS_TOKEN=... BC_WEBHOOK_SECRET=... \
//     node scripts/register-webhooks.mjs --edge-url https://bc-customers-edge.example.workers.dev
//
// For each scope (store/customer/*, store/customer/address/*, store/subscriber/*) it creates a
// hook with destination `${edge-url}/webhooks/bigcommerce` and the custom header
// `X-Edge-Webhook-Secret: $BC_WEBHOOK_SECRET` (the edge's `BC_WEBHOOK_SECRET` secret must hold
// the same value), or updates the existing hook for that scope and destination (re-running is
// safe; use it to rotate the secret). `--api-base` (or BC_API_BASE) defaults to
// https://api.bigcommerce.com. The token and the secret are read from the environment only and
// never printed.
import { pathToFileURL } from "node:url";

export const WEBHOOK_PATH = "/webhooks/bigcommerce";
export const SECRET_HEADER = "X-Edge-Webhook-Secret";
export const SCOPES = ["store/customer/*", "store/customer/address/*", "store/subscriber/*"];

/** Registers the hooks; answers [{scope, id, action: "created" | "updated"}]. */
export async function registerWebhooks({ apiBase = "https://api.bigcommerce.com", storeHash, token, edgeUrl, secret, fetchImpl = fetch }) {
  for (const [name, v] of Object.entries({ storeHash, token, edgeUrl, secret })) {
    if (!v) throw new Error(`missing ${name}`);
  }
  if (secret.length < 16) throw new Error("the webhook secret must be at least 16 characters");
  const destination = new URL(WEBHOOK_PATH, edgeUrl).toString();
  const base = `${apiBase.replace(/\/+$/, "")}/stores/${storeHash}/v3/hooks`;
  const headers = { "x-auth-token": token, accept: "application/json", "content-type": "application/json" };
  const call = async (method, url, body) => {
    const r = await fetchImpl(url, { method, headers, body: body && JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${url.replace(token, "***")} answered ${r.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  };
  const existing = [];
  for (let page = 1; page <= 20; page++) {
    const r = await call("GET", `${base}?page=${page}&limit=250`);
    existing.push(...(r?.data ?? []));
    const p = r?.meta?.pagination;
    if (!p || p.current_page >= p.total_pages) break;
  }
  const results = [];
  for (const scope of SCOPES) {
    const body = { scope, destination, is_active: true, headers: { [SECRET_HEADER]: secret } };
    const found = existing.find((h) => h.scope === scope && h.destination === destination);
    if (found) {
      const r = await call("PUT", `${base}/${found.id}`, body);
      results.push({ scope, id: r.data.id, action: "updated" });
    } else {
      const r = await call("POST", base, body);
      results.push({ scope, id: r.data.id, action: "created" });
    }
  }
  return results;
}

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const results = await registerWebhooks({
      apiBase: arg("api-base") ?? process.env.BC_API_BASE ?? undefined,
      storeHash: arg("store-hash") ?? process.env.BC_STORE_HASH,
      token: process.env.BC_ACCESS_TOKEN,
      edgeUrl: arg("edge-url") ?? process.env.EDGE_URL,
      secret: process.env.BC_WEBHOOK_SECRET,
    });
    for (const r of results) console.log(`${r.action} hook ${r.id} for ${r.scope}`);
  } catch (e) {
    console.error(`register-webhooks: ${e.message}`);
    process.exit(1);
  }
}
