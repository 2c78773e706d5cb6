// The full package over the wasm module: validation, V2<->V3 mapping, batch planning, query
// strings, the JWT helpers and the edge client (`EdgeClient`). Validation never throws; mapping
// and JWT functions throw a `BcCustomersError` with a stable `code` (and `issues` for mapping)
// as documented; `EdgeClient` calls never reject.
import * as raw from "./bc_customers.js";
import { bindValidation, toJsonText, MAX_BODY_LENGTH, OPERATIONS } from "./validation.js";
import { cleanChecker } from "./clean.js";
import TABLE from "./schema-table.js";

export { MAX_BODY_LENGTH, OPERATIONS };

/** Browser client for the edge (Rust, gloo-net): validates before sending, never rejects. */
export { EdgeClient } from "./bc_customers.js";

export const {
  schemas, validate, validateJson, validateReport, validateJsonReport, countries, operationIds,
  customerCreate, customerUpdate, addressCreate, addressUpdate, attributeCreate, attributeUpdate,
  attributeValueUpsert, formFieldValueUpsert, consentUpdate, settingsUpdate, channelSettingsUpdate,
  credentialsValidate, subscriberCreate, subscriberUpdate, v2CustomerCreate, v2CustomerUpdate,
  v2AddressCreate, v2AddressUpdate, v2CustomerGroupCreate, v2CustomerGroupUpdate,
} = bindValidation(raw, (countryList) => cleanChecker(TABLE, countryList));

/** An error with a stable `code` (the contract) and, for mapping, the `issues` found. */
export class BcCustomersError extends Error {
  constructor(code, message, issues = []) {
    super(message);
    this.name = "BcCustomersError";
    this.code = code;
    this.issues = issues;
  }
}

function textOrThrow(value, code) {
  const text = toJsonText(value);
  if (typeof text !== "string") throw new BcCustomersError(code, "value cannot be written as JSON", text.issues);
  if (text.length > MAX_BODY_LENGTH) throw new BcCustomersError(code, "value is too large");
  return text;
}

function mapWith(direction, value) {
  const out = JSON.parse(raw.mapRaw(direction, textOrThrow(value, "not_an_object")));
  if (out.ok) return out.ok;
  const first = out.err.issues[0];
  throw new BcCustomersError(out.err.code, `cannot map value: ${first ? first.message : out.err.code}`, out.err.issues);
}

/** V2 customer -> V3 customer: `{ value, lost }`; throws `BcCustomersError` when it cannot be mapped. */
export const v2ToV3Customer = (customer) => mapWith("v2_to_v3_customer", customer);
/** V3 customer -> V2 customer: `{ value, lost }`; throws `BcCustomersError` when it cannot be mapped. */
export const v3ToV2Customer = (customer) => mapWith("v3_to_v2_customer", customer);
/** V2 address -> V3 address: `{ value, lost }`; throws `BcCustomersError` when it cannot be mapped. */
export const v2ToV3Address = (address) => mapWith("v2_to_v3_address", address);
/** V3 address -> V2 address: `{ value, lost }`; throws `BcCustomersError` when it cannot be mapped. */
export const v3ToV2Address = (address) => mapWith("v3_to_v2_address", address);

/**
 * Splits records into the V3 calls BigCommerce accepts (10 per call), keeping input order;
 * duplicates and non-objects are left out with an issue. Never throws.
 */
export function planCustomerBatches(records, { operation = "v3.customers.create" } = {}) {
  const text = toJsonText(records);
  const op = String(operation);
  if (typeof text !== "string") return { operation: op, concurrency: 1, calls: [], issues: text.issues, leftOut: [] };
  return JSON.parse(raw.planRaw(op, text));
}

/** The query string (without `?`) for a list or delete filter: `{ query }` or `{ issues }`. Never throws. */
export function buildQuery(resource, params = {}) {
  const text = toJsonText(params ?? {});
  if (typeof text !== "string") return { issues: text.issues };
  return JSON.parse(raw.buildQueryRaw(String(resource), text));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function jwtResult(json) {
  const out = JSON.parse(json);
  if (out.error) throw new BcCustomersError(out.error.code, out.error.message);
  return out;
}

// Reads the caller's options (getters, proxies...) without letting anything escape uncoded.
function optionsText(given, read) {
  let options;
  try {
    // Not a plain object (a string would spread into one key per character): refuse early.
    if (given !== undefined && (typeof given !== "object" || given === null || Array.isArray(given))) throw 0;
    options = read(given ?? {});
  } catch {
    throw new BcCustomersError("invalid_options", "expected an options object");
  }
  const text = toJsonText(options);
  if (typeof text !== "string" || text[0] !== "{" || text.length > MAX_BODY_LENGTH) throw new BcCustomersError("invalid_options", "expected an options object");
  return text;
}

/**
 * A Customer Login URL (`{storefrontUrl}/login/token/{jwt}`) for a server (Node, Workers).
 * The client secret never belongs in a browser. Throws `BcCustomersError` with a `code`.
 */
export function createCustomerLoginUrl(options) {
  const text = optionsText(options, (o) => ({
    ...o,
    now: o.now ?? nowSeconds(),
    jti: o.jti ?? globalThis.crypto?.randomUUID?.(),
  }));
  return jwtResult(raw.loginUrlRaw(text)).url;
}

/**
 * Verifies a Current Customer JWT (HS256, signed with the app's client secret) on a server.
 * Returns `{ customer: { id, email, groupId }, claims }`; throws `BcCustomersError` with a
 * stable `code` (`malformed`, `bad_signature`, `expired`, `wrong_audience`, ...) on any failure.
 */
export function verifyCurrentCustomerToken(token, options) {
  if (typeof token !== "string") throw new BcCustomersError("malformed", "token is not a well-formed JWT");
  const text = optionsText(options, (o) => ({ ...o, now: o.now ?? nowSeconds() }));
  return jwtResult(raw.verifyRaw(token, text));
}
