// The package's JavaScript face over the wasm exports: Standard Schema objects, validateJson.
// Nothing here throws on bad input: problems come back as issues.
import * as raw from "./bc_customers.js";

const VENDOR = "bc-customers";

function issuesOf(list) {
  return list.map(({ path, code, message }) => ({ message, path, code }));
}

/** Validates a JSON text body; returns `{ value }` or `{ issues }` (Standard Schema result). */
export function validateJson(operationId, text) {
  if (typeof text !== "string") {
    return { issues: [{ message: "expected a JSON string", path: [], code: "invalid_type" }] };
  }
  const out = raw.validateJsonRaw(String(operationId), text);
  if (out.errors.length) return { issues: issuesOf(out.errors) };
  return { value: JSON.parse(out.body) };
}

/** Validates a JavaScript value; same result shape as `validateJson`. */
export function validate(operationId, value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    return { issues: [{ message: "value cannot be converted to JSON", path: [], code: "invalid_value" }] };
  }
  if (text === undefined) {
    return { issues: [{ message: "expected a JSON value", path: [], code: "invalid_type" }] };
  }
  return validateJson(operationId, text);
}

function standardSchema(operationId) {
  return {
    operationId,
    "~standard": {
      version: 1,
      vendor: VENDOR,
      validate: (value) => validate(operationId, value),
    },
  };
}

// Kept in step with core's operation registry by tests/node (no wasm call at load time, so
// this module may evaluate before the wasm is instantiated).
const OPERATION_IDS = [
  "v3.customers.create",
  "v3.customers.update",
  "v3.addresses.create",
  "v3.addresses.update",
  "v3.attributes.create",
  "v3.attributes.update",
  "v3.attribute_values.upsert",
  "v3.form_field_values.upsert",
  "v3.consent.update",
  "v3.settings.update",
  "v3.channel_settings.update",
  "v3.credentials.validate",
  "v3.subscribers.create",
  "v3.subscribers.update",
  "v2.customers.create",
  "v2.customers.update",
  "v2.addresses.create",
  "v2.addresses.update",
  "v2.customer_groups.create",
  "v2.customer_groups.update",
];

/** Standard Schema v1 objects keyed by operation id. */
export const schemas = Object.freeze(
  Object.fromEntries(OPERATION_IDS.map((id) => [id, standardSchema(id)])),
);

/** The operation ids the wasm module knows (for checking the list above). */
export function operationIds() {
  return raw.operationIds();
}

export const subscriberCreate = schemas["v3.subscribers.create"];
export const subscriberUpdate = schemas["v3.subscribers.update"];
