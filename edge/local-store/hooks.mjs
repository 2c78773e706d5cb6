// V3 webhooks API (paths below /stores/{hash}/v3/hooks), minimal: enough for
// scripts/register-webhooks.mjs. Hooks are stored, never delivered (tests post BigCommerce-shaped
// events to the edge themselves). Kept on the Store instance, so /__control/reset empties them.

import { isObject, json, v3Error, v3NotFound } from "./http.mjs";

const ok = (data, meta = {}) => json(200, { data, meta });
const list = (store) => (store.hooks ??= { seq: 0, byId: new Map() });

// BigCommerce accepts only https destinations; plain http is allowed here for loopback hosts.
function destinationOk(d) {
  try {
    const u = new URL(d);
    return u.protocol === "https:" || (u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname));
  } catch {
    return false;
  }
}

function check(body, partial) {
  if (!isObject(body)) return { body: "must be an object" };
  const errors = {};
  if (!partial || body.scope !== undefined) {
    if (typeof body.scope !== "string" || !body.scope.startsWith("store/")) errors.scope = "scope must be a store/... event";
  }
  if (!partial || body.destination !== undefined) {
    if (typeof body.destination !== "string" || !destinationOk(body.destination)) errors.destination = "destination must be an https URL";
  }
  if (body.headers !== undefined && (!isObject(body.headers) || Object.values(body.headers).some((v) => typeof v !== "string"))) {
    errors.headers = "headers must be an object of strings";
  }
  if (body.is_active !== undefined && typeof body.is_active !== "boolean") errors.is_active = "is_active must be a boolean";
  return errors;
}

export function handleHooks(ctx, id) {
  const hooks = list(ctx.store);
  const now = Math.floor(ctx.store.now() / 1000);
  const storeHash = ctx.apiBase.split("/stores/")[1]?.split("/")[0];
  if (id === undefined) {
    if (ctx.method === "GET") {
      const all = [...hooks.byId.values()];
      return ok(all, { pagination: { total: all.length, count: all.length, per_page: 50, current_page: 1, total_pages: 1 } });
    }
    if (ctx.method !== "POST") return v3Error(405, "Method Not Allowed");
    const errors = check(ctx.body, false);
    if (Object.keys(errors).length) return v3Error(422, "Input is invalid", errors);
    const hook = {
      id: ++hooks.seq, client_id: "local-store", store_hash: storeHash, scope: ctx.body.scope,
      destination: ctx.body.destination, headers: ctx.body.headers ?? null,
      is_active: ctx.body.is_active ?? true, created_at: now, updated_at: now,
    };
    hooks.byId.set(hook.id, hook);
    return ok(hook);
  }
  const hook = hooks.byId.get(id);
  if (!hook) return v3NotFound("Webhook not found", ctx.path);
  if (ctx.method === "GET") return ok(hook);
  if (ctx.method === "DELETE") {
    hooks.byId.delete(id);
    return ok(hook);
  }
  if (ctx.method !== "PUT") return v3Error(405, "Method Not Allowed");
  const errors = check(ctx.body, true);
  if (Object.keys(errors).length) return v3Error(422, "Input is invalid", errors);
  for (const k of ["scope", "destination", "headers", "is_active"]) if (ctx.body[k] !== undefined) hook[k] = ctx.body[k];
  hook.updated_at = now;
  return ok(hook);
}
