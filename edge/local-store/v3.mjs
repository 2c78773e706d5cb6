// V3 Customers + Subscribers API (paths below /stores/{hash}/v3).

import { checkState, countryName, postalRequired, stateRequired } from "./countries.mjs";
import {
  CUSTOMERS_STATUS_TYPE, csv, dateMatcher, fail, has, isObject, isPositiveInt, isoDate, json, lower, noContent,
  paginate, parseDateFilter, str, v3Error, v3NotFound,
} from "./http.mjs";
import { handleHooks } from "./hooks.mjs";

const MAX_BATCH = 10;
const MAX_ATTRIBUTES = 50;
const MAX_VALUES_PER_CUSTOMER = 50;
const MAX_LIMIT = 250; // [inference] SUMMARY §3.3 — no documented max for V3
const TOO_LARGE = "The request payload is too large. The maximum number of items allowed in the array is 10.";
const CUSTOMER_INCLUDES = new Set(["addresses", "storecredit", "attributes", "formfields", "shopper_profile_id", "segment_ids"]);
const SORTS = new Set(["date_created:asc", "date_created:desc", "last_name:asc", "last_name:desc", "date_modified:asc", "date_modified:desc"]);
const CONSENT = new Set(["essential", "functional", "analytics", "targeting"]);
const SUBSCRIBER_CONSENTS = new Set(["marketing_newsletter", "abandoned_cart"]);

const ok = (data, meta = {}) => json(200, { data, meta });
const invalid = (title, errors = {}) => v3Error(422, title, errors);
const customersInvalid = (title, errors) => v3Error(422, title, errors, CUSTOMERS_STATUS_TYPE);

// ---------------------------------------------------------------------------
// Routing

// Built lazily: some handlers below are `const` arrow functions.
let routeTable = null;
const routes = () => (routeTable ??= [
  [/^\/customers$/, { GET: listCustomers, POST: createCustomers, PUT: updateCustomers, DELETE: deleteCustomers }],
  [/^\/customers\/addresses$/, { GET: listAddresses, POST: createAddresses, PUT: updateAddresses, DELETE: deleteAddresses }],
  [/^\/customers\/attributes$/, { GET: listAttributes, POST: createAttributes, PUT: updateAttributes, DELETE: deleteAttributes }],
  [/^\/customers\/attribute-values$/, { GET: listAttributeValues, PUT: upsertAttributeValues, DELETE: deleteAttributeValues }],
  [/^\/customers\/form-field-values$/, { GET: listFormFieldValues, PUT: upsertFormFieldValues }],
  [/^\/customers\/settings$/, { GET: getSettings, PUT: putSettings }],
  [/^\/customers\/settings\/channels\/(\d+)$/, { GET: getChannelSettings, PUT: putChannelSettings }],
  [/^\/customers\/validate-credentials$/, { POST: validateCredentials }],
  [/^\/customers\/subscribers$/, { GET: listSubscribers, POST: createSubscriber, DELETE: deleteSubscribers }],
  [/^\/customers\/subscribers\/(\d+)$/, { GET: getSubscriber, PUT: updateSubscriber, DELETE: deleteSubscriber }],
  [/^\/customers\/(\d+)\/consent$/, { GET: getConsent, PUT: putConsent }],
  [/^\/hooks(?:\/(\d+))?$/, hooksMethods],
]);

// The webhooks API answers every method itself (see hooks.mjs).
const hooksHandler = (ctx) => handleHooks(ctx, Number.isNaN(ctx.params[0]) ? undefined : ctx.params[0]);
const hooksMethods = { GET: hooksHandler, POST: hooksHandler, PUT: hooksHandler, DELETE: hooksHandler };

/** Handle one V3 request. ctx = {method, path, query, body, store}. */
export function handleV3(ctx) {
  for (const [pattern, methods] of routes()) {
    const m = pattern.exec(ctx.path);
    if (!m) continue;
    const handler = methods[ctx.method];
    if (!handler) return v3Error(405, "Method Not Allowed");
    return handler({ ...ctx, params: m.slice(1).map(Number) });
  }
  return v3NotFound("Route not found", ctx.path);
}

// ---------------------------------------------------------------------------
// Query helpers

function pageParams(q) {
  const page = q.get("page") ?? "1";
  const limit = q.get("limit") ?? "50";
  if (!isPositiveInt(page)) fail(invalid("Invalid page parameter", { page: "page must be a positive integer" }));
  if (!isPositiveInt(limit)) fail(invalid("Invalid limit parameter", { limit: "limit must be a positive integer" }));
  return { page: Number(page), limit: Math.min(Number(limit), MAX_LIMIT) };
}

function intList(q, key) {
  const raw = q.get(key);
  if (raw == null) return null;
  const items = csv(raw);
  if (!items.every((v) => /^\d+$/.test(v))) fail(invalid(`Invalid filter ${key}`, { [key]: `${key} must be a list of integers` }));
  return new Set(items.map(Number));
}

function strList(q, key) {
  const raw = q.get(key);
  return raw == null ? null : csv(raw).map((v) => v.toLowerCase());
}

/** Predicates for date_created / date_modified (exact, :min, :max). */
function dateFilters(q, fields = ["date_created", "date_modified"]) {
  const preds = [];
  for (const field of fields) {
    for (const [suffix, kind] of [["", "eq"], [":min", "min"], [":max", "max"]]) {
      const key = field + suffix;
      const raw = q.get(key);
      if (raw == null) continue;
      const parsed = parseDateFilter(raw);
      if (!parsed) fail(invalid(`Invalid filter ${key}`, { [key]: `${key} must be a date (e.g. 2024-05-14 or 2024-05-14T09:34:00)` }));
      const match = dateMatcher(kind, parsed);
      preds.push((r) => match(r[field]));
    }
  }
  return preds;
}

// Cursors: opaque base64url JSON, e.g. {"id":204} -> eyJpZCI6MjA0fQ (the spec's example).
const encodeCursor = (key) => Buffer.from(JSON.stringify(key)).toString("base64url");

function decodeCursor(raw, needsK) {
  let key;
  try {
    key = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    key = null;
  }
  if (!isObject(key) || !Number.isInteger(key.id) || (needsK && !has(key, "k"))) {
    fail(invalid("Invalid cursor", { cursor: "The provided cursor is invalid." }));
  }
  return key;
}

/**
 * Offset + cursor pagination per SUMMARY §3.3: first page (no cursor, page 1)
 * carries both `pagination` and `cursor_pagination`, later pages only
 * `pagination`, before/after requests only `cursor_pagination`.
 * `sorted` is already ordered by `cmp(keyOf(a), keyOf(b))`.
 */
function cursorCollection(sorted, q, keyOf, cmp, needsK = false) {
  const { page, limit } = pageParams(q);
  const after = q.get("after");
  const before = q.get("before");
  if (after != null && before != null) {
    fail(invalid("Invalid cursor parameters", { cursor: "The 'before' and 'after' parameters cannot be combined." }));
  }
  if (after == null && before == null) {
    const { slice, pagination } = paginate(sorted, page, limit);
    const meta = { pagination };
    if (page === 1) {
      meta.cursor_pagination = cursorMeta(slice, limit, keyOf, false, sorted.length > slice.length, `?limit=${limit}`);
    }
    return { slice, meta };
  }
  const cursor = decodeCursor(after ?? before, needsK);
  let slice;
  let hasPrev;
  let hasNext;
  if (after != null) {
    const rest = sorted.filter((r) => cmp(keyOf(r), cursor) > 0);
    slice = rest.slice(0, limit);
    hasNext = rest.length > limit;
    hasPrev = rest.length < sorted.length;
  } else {
    const head = sorted.filter((r) => cmp(keyOf(r), cursor) < 0);
    slice = head.slice(Math.max(0, head.length - limit));
    hasPrev = head.length > limit;
    hasNext = head.length < sorted.length;
  }
  const current = after != null ? `?limit=${limit}&after=${encodeURIComponent(after)}` : `?limit=${limit}&before=${encodeURIComponent(before)}`;
  return { slice, meta: { cursor_pagination: cursorMeta(slice, limit, keyOf, hasPrev, hasNext, current) } };
}

function cursorMeta(slice, limit, keyOf, hasPrev, hasNext, current) {
  const meta = { count: slice.length, per_page: limit };
  const links = { current };
  if (slice.length) {
    meta.start_cursor = encodeCursor(keyOf(slice[0]));
    meta.end_cursor = encodeCursor(keyOf(slice[slice.length - 1]));
    if (hasPrev) links.previous = `?limit=${limit}&before=${encodeURIComponent(meta.start_cursor)}`;
    if (hasNext) links.next = `?limit=${limit}&after=${encodeURIComponent(meta.end_cursor)}`;
  }
  meta.links = links;
  return meta;
}

const byId = (a, b) => a.id - b.id;

// ---------------------------------------------------------------------------
// Body validation helpers

function requireArray(body, title) {
  if (!Array.isArray(body)) fail(invalid(title, { body: "The request body must be a JSON array." }));
  if (body.length === 0) fail(invalid(title, { body: "The request body must contain at least one item." }));
}

function tooLarge(body) {
  if (Array.isArray(body) && body.length > MAX_BATCH) fail(v3Error(413, TOO_LARGE));
}

/** Validate an optional/required string with length bounds; records errors[key]. */
function checkString(errors, key, value, { required = false, min = 0, max = Infinity } = {}) {
  if (value === undefined || value === null) {
    if (required) errors[key] = `${key.split(".").pop()} is required.`;
    return;
  }
  if (typeof value !== "string") {
    errors[key] = `${key.split(".").pop()} must be a string.`;
    return;
  }
  if (required && value.trim() === "" && min > 0) errors[key] = `${key.split(".").pop()} is required.`;
  else if (value.length < min || value.length > max) {
    errors[key] = `${key.split(".").pop()} must be between ${min} and ${max} characters.`;
  }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkFormFields(errors, prefix, list) {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    errors[prefix] = "form_fields must be an array.";
    return;
  }
  list.forEach((f, i) => {
    const okValue = typeof f?.value === "string" || typeof f?.value === "number" ||
      (Array.isArray(f?.value) && f.value.every((v) => typeof v === "string"));
    if (!isObject(f) || typeof f.name !== "string" || f.name === "" || !okValue) {
      errors[`${prefix}.${i}`] = "Each form field needs a name and a string, number or string array value.";
    }
  });
}

/**
 * Validate address fields (V3 names). mode: "embedded" (customer POST),
 * "post" (POST /customers/addresses) or "put" (all optional).
 */
function checkAddress(errors, prefix, a, mode) {
  if (!isObject(a)) {
    errors[prefix] = "Address must be an object.";
    return;
  }
  const req = mode !== "put";
  checkString(errors, `${prefix}.first_name`, a.first_name, { required: req, min: 1, max: 255 });
  checkString(errors, `${prefix}.last_name`, a.last_name, { required: req, min: 1, max: 255 });
  checkString(errors, `${prefix}.company`, a.company, { max: 255 });
  checkString(errors, `${prefix}.address1`, a.address1, { required: req, min: 1 });
  checkString(errors, `${prefix}.address2`, a.address2);
  checkString(errors, `${prefix}.city`, a.city, { required: req, min: 1, max: 100 });
  checkString(errors, `${prefix}.phone`, a.phone, { max: 50 });
  checkString(errors, `${prefix}.state_or_province`, a.state_or_province, { required: mode === "post", max: 100 });
  checkString(errors, `${prefix}.postal_code`, a.postal_code, { required: mode === "post", max: 30 });
  if (a.country_code !== undefined || req) {
    if (typeof a.country_code !== "string" || a.country_code.length !== 2 || !countryName(a.country_code)) {
      errors[`${prefix}.country_code`] = "country_code must be a valid ISO 3166-1 alpha-2 code.";
    }
  }
  if (a.address_type !== undefined && !["residential", "commercial"].includes(a.address_type)) {
    errors[`${prefix}.address_type`] = "address_type must be residential or commercial.";
  }
  if (req && a.customer_id !== undefined && !Number.isInteger(a.customer_id)) {
    errors[`${prefix}.customer_id`] = "customer_id must be an integer.";
  }
  checkFormFields(errors, `${prefix}.form_fields`, a.form_fields);
}

/** Country-dependent state/postal checks once the final country is known. */
function checkAddressRegion(errors, prefix, rec) {
  if (stateRequired(rec.country_code) && rec.state_or_province.trim() === "") {
    errors[`${prefix}.state_or_province`] = `state_or_province is required for ${rec.country}.`;
  } else {
    const st = checkState(rec.country_code, rec.state_or_province);
    if (!st.ok) errors[`${prefix}.state_or_province`] = `'${rec.state_or_province}' is not a valid state for ${rec.country}; use the full name.`;
    else rec.state_or_province = st.value;
  }
  if (postalRequired(rec.country_code) && rec.postal_code.trim() === "") {
    errors[`${prefix}.postal_code`] = `postal_code is required for ${rec.country}.`;
  }
}

function checkAttributeValue(attribute, value) {
  if (typeof value !== "string") return "value must be a string.";
  if (value.length > 255) return "value must be at most 255 characters.";
  if (attribute.type === "number" && value !== "" && !/^-?\d+(\.\d+)?$/.test(value)) return `Attribute ${attribute.id} expects a number.`;
  if (attribute.type === "date" && value !== "" && !parseDateFilter(value)) return `Attribute ${attribute.id} expects a date.`;
  return null;
}

// ---------------------------------------------------------------------------
// Output shapes

function addressOut(a, withFormFields) {
  const out = {
    id: a.id, customer_id: a.customer_id, first_name: a.first_name, last_name: a.last_name, company: a.company,
    address1: a.address1, address2: a.address2, city: a.city, state_or_province: a.state_or_province,
    postal_code: a.postal_code, country: a.country, country_code: a.country_code, phone: a.phone,
    address_type: a.address_type,
  };
  if (withFormFields) out.form_fields = a.form_fields.map((f) => ({ name: f.name, value: f.value }));
  return out;
}

const attributeValueOut = (v) => ({
  id: v.id, customer_id: v.customer_id, attribute_id: v.attribute_id, attribute_value: v.attribute_value,
  date_created: isoDate(v.date_created), date_modified: isoDate(v.date_modified),
});

const ALL_INCLUDES = new Set(["addresses", "storecredit", "attributes", "formfields"]);

function customerOut(store, c, include) {
  const addresses = store.addressesOf(c.id);
  const values = store.attributeValuesOf(c.id);
  const out = {
    id: c.id,
    authentication: { force_password_reset: c.force_password_reset },
    company: c.company,
    customer_group_id: c.customer_group_id,
    email: c.email,
    first_name: c.first_name,
    last_name: c.last_name,
    notes: c.notes,
    phone: c.phone,
    registration_ip_address: c.registration_ip_address,
    tax_exempt_category: c.tax_exempt_category,
    date_created: isoDate(c.date_created),
    date_modified: isoDate(c.date_modified),
    accepts_product_review_abandoned_cart_emails: c.accepts_product_review_abandoned_cart_emails,
    origin_channel_id: c.origin_channel_id,
    // null (global access) is left out: the response schema types it as an array, not nullable
    ...(c.channel_ids ? { channel_ids: c.channel_ids } : {}),
    address_count: addresses.length,
    attribute_count: values.length,
  };
  const ff = include.has("formfields");
  if (include.has("addresses")) out.addresses = addresses.map((a) => addressOut(a, ff));
  if (include.has("storecredit")) out.store_credit_amounts = c.store_credit_amounts.map((s) => ({ amount: s.amount }));
  if (include.has("attributes")) out.attributes = values.map(attributeValueOut);
  if (ff) out.form_fields = c.form_fields.map((f) => ({ name: f.name, value: f.value, customer_id: c.id }));
  return out;
}

// ---------------------------------------------------------------------------
// /customers

function customerSorter(sort) {
  if (!sort) return { keyOf: (c) => ({ id: c.id }), cmp: (a, b) => a.id - b.id, needsK: false };
  const [field, dir] = sort.split(":");
  const sign = dir === "desc" ? -1 : 1;
  const keyOf = field === "last_name"
    ? (c) => ({ id: c.id, k: c.last_name.toLowerCase() })
    : (c) => ({ id: c.id, k: Math.floor(c[field] / 1000) });
  const cmp = (a, b) => sign * (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id - b.id);
  return { keyOf, cmp, needsK: true };
}

function listCustomers({ query: q, store }) {
  const include = new Set(q.get("include") == null ? [] : csv(q.get("include")));
  for (const inc of include) {
    if (!CUSTOMER_INCLUDES.has(inc)) fail(invalid("Invalid include", { include: `Unknown include '${inc}'.` }));
  }
  const sort = q.get("sort");
  if (sort != null && !SORTS.has(sort)) fail(invalid("Invalid sort", { sort: `Unsupported sort '${sort}'.` }));

  const ids = intList(q, "id:in");
  const groups = intList(q, "customer_group_id:in");
  const emails = strList(q, "email:in");
  const names = strList(q, "name:in");
  const likes = strList(q, "name:like");
  const companies = strList(q, "company:in");
  const phones = strList(q, "phone:in");
  const ips = strList(q, "registration_ip_address:in");
  const preds = dateFilters(q);
  const fullName = (c) => `${c.first_name} ${c.last_name}`.toLowerCase();

  let list = [...store.customers.values()].filter((c) =>
    (!ids || ids.has(c.id)) &&
    (!groups || groups.has(c.customer_group_id)) &&
    (!emails || emails.includes(c.email.toLowerCase())) &&
    (!names || names.includes(fullName(c))) &&
    (!likes || likes.some((s) => fullName(c).includes(s) || `${c.first_name}${c.last_name}`.toLowerCase().includes(s))) &&
    (!companies || companies.includes(c.company.toLowerCase())) &&
    (!phones || phones.includes(c.phone.toLowerCase())) &&
    (!ips || ips.includes(c.registration_ip_address.toLowerCase())) &&
    preds.every((p) => p(c)));

  const { keyOf, cmp, needsK } = customerSorter(sort);
  list = list.sort((a, b) => cmp(keyOf(a), keyOf(b)));
  const { slice, meta } = cursorCollection(list, q, keyOf, cmp, needsK);
  return ok(slice.map((c) => customerOut(store, c, include)), meta);
}

/** Validate V3 customer fields shared by POST and PUT. */
function checkCustomerFields(store, errors, p, c, { post }) {
  if (!isObject(c)) {
    errors[p] = "Each customer must be an object.";
    return;
  }
  checkString(errors, `${p}.email`, c.email, { required: post, min: 3, max: post ? 250 : 255 });
  if (typeof c.email === "string" && !errors[`${p}.email`] && !EMAIL_RE.test(c.email.trim())) {
    errors[`${p}.email`] = "email must be a valid email address.";
  }
  checkString(errors, `${p}.first_name`, c.first_name, { required: post, min: 1, max: 100 });
  checkString(errors, `${p}.last_name`, c.last_name, { required: post, min: 1, max: 100 });
  checkString(errors, `${p}.company`, c.company, { max: 255 });
  checkString(errors, `${p}.phone`, c.phone, { max: 50 });
  checkString(errors, `${p}.notes`, c.notes);
  checkString(errors, `${p}.tax_exempt_category`, c.tax_exempt_category, { max: 255 });
  if (c.customer_group_id !== undefined) {
    if (!Number.isInteger(c.customer_group_id) || c.customer_group_id < 0) errors[`${p}.customer_group_id`] = "customer_group_id must be an integer.";
    else if (c.customer_group_id !== 0 && !store.groups.has(c.customer_group_id)) {
      errors[`${p}.customer_group_id`] = `Customer group ${c.customer_group_id} does not exist.`;
    }
  }
  if (c.channel_ids !== undefined && c.channel_ids !== null) {
    if (!Array.isArray(c.channel_ids) || c.channel_ids.length === 0 || !c.channel_ids.every(Number.isInteger)) {
      errors[`${p}.channel_ids`] = "channel_ids must be null or a non-empty array of channel ids.";
    }
  }
  if (c.origin_channel_id !== undefined && post && !Number.isInteger(c.origin_channel_id)) {
    errors[`${p}.origin_channel_id`] = "origin_channel_id must be an integer.";
  }
  if (c.accepts_product_review_abandoned_cart_emails !== undefined && typeof c.accepts_product_review_abandoned_cart_emails !== "boolean") {
    errors[`${p}.accepts_product_review_abandoned_cart_emails`] = "Must be a boolean.";
  }
  if (c.authentication !== undefined) {
    const a = c.authentication;
    if (!isObject(a) || (a.force_password_reset !== undefined && typeof a.force_password_reset !== "boolean") ||
      (a.new_password !== undefined && typeof a.new_password !== "string")) {
      errors[`${p}.authentication`] = "authentication must be {force_password_reset: boolean, new_password: string}.";
    }
  }
  if (c.store_credit_amounts !== undefined) {
    if (!Array.isArray(c.store_credit_amounts) || !c.store_credit_amounts.every((s) => isObject(s) && typeof s.amount === "number" && s.amount >= 0)) {
      errors[`${p}.store_credit_amounts`] = "store_credit_amounts must be an array of {amount: number}.";
    }
  }
  checkFormFields(errors, `${p}.form_fields`, c.form_fields);
}

function customerFields(c) {
  const f = { ...c };
  if (isObject(c.authentication)) {
    if (c.authentication.force_password_reset !== undefined) f.force_password_reset = c.authentication.force_password_reset;
    if (c.authentication.new_password) f.password = c.authentication.new_password;
  }
  delete f.registration_ip_address; // read-only through V3
  return f;
}

function createCustomers({ body, store }) {
  tooLarge(body);
  requireArray(body, "Create customers failed.");
  const errors = {};
  const seen = new Set();
  const planned = body.map((c, i) => {
    const p = String(i);
    checkCustomerFields(store, errors, p, c, { post: true });
    if (!isObject(c)) return null;
    if (typeof c.email === "string") {
      const email = c.email.trim().toLowerCase();
      if (store.findCustomerByEmail(email) || seen.has(email)) {
        errors[`${p}.email`] = `The email address ${c.email.trim()} is already in use.`;
      }
      seen.add(email);
    }
    const addresses = [];
    if (c.addresses !== undefined) {
      if (!Array.isArray(c.addresses) || c.addresses.length > 10) errors[`${p}.addresses`] = "addresses must be an array of at most 10 items.";
      else c.addresses.forEach((a, j) => {
        checkAddress(errors, `${p}.addresses.${j}`, a, "embedded");
        if (isObject(a) && !Object.keys(errors).some((k) => k.startsWith(`${p}.addresses.${j}`))) {
          const rec = store.addressRecord(a);
          checkAddressRegion(errors, `${p}.addresses.${j}`, rec);
          addresses.push({ rec, formFields: a.form_fields ?? [] });
        }
      });
    }
    const attributes = [];
    if (c.attributes !== undefined) {
      if (!Array.isArray(c.attributes) || c.attributes.length > 10) errors[`${p}.attributes`] = "attributes must be an array of at most 10 items.";
      else c.attributes.forEach((a, j) => {
        const attribute = isObject(a) ? store.attributes.get(a.attribute_id) : null;
        if (!attribute) {
          errors[`${p}.attributes.${j}.attribute_id`] = "Attribute does not exist; create it with POST /customers/attributes first.";
          return;
        }
        const problem = checkAttributeValue(attribute, a.attribute_value);
        if (problem) errors[`${p}.attributes.${j}.attribute_value`] = problem;
        else attributes.push({ attribute_id: attribute.id, value: a.attribute_value });
      });
    }
    return { fields: customerFields(c), addresses, attributes };
  });
  if (Object.keys(errors).length) fail(customersInvalid("Create customers failed.", errors));

  // All or nothing: only write once every item validated.
  const created = planned.map(({ fields, addresses, attributes }) => {
    const c = store.createCustomer(fields);
    for (const { rec, formFields } of addresses) store.insertAddress({ ...rec, customer_id: c.id }, formFields);
    for (const a of attributes) store.upsertAttributeValue(c.id, a.attribute_id, a.value);
    return c;
  });
  return ok(created.map((c) => customerOut(store, c, ALL_INCLUDES)));
}

function updateCustomers({ body, store }) {
  tooLarge(body);
  requireArray(body, "Update customers failed.");
  const errors = {};
  const emails = new Map();
  body.forEach((c, i) => {
    const p = String(i);
    if (!isObject(c) || !Number.isInteger(c.id)) {
      errors[`${p}.id`] = "id is required.";
      return;
    }
    if (!store.customers.has(c.id)) {
      errors[`${p}.id`] = `Customer ${c.id} does not exist.`;
      return;
    }
    checkCustomerFields(store, errors, p, c, { post: false });
    if (typeof c.email === "string") {
      const email = c.email.trim().toLowerCase();
      const other = store.findCustomerByEmail(email, c.id);
      if (other || (emails.has(email) && emails.get(email) !== c.id)) {
        errors[`${p}.email`] = `The email address ${c.email.trim()} is already in use.`;
      }
      emails.set(email, c.id);
    }
  });
  if (Object.keys(errors).length) fail(customersInvalid("Update customers failed.", errors));

  const updated = body.map((c) => {
    const fields = customerFields(c);
    // Sub-resources, registration_ip_address and origin_channel_id are not updatable here.
    delete fields.addresses;
    delete fields.attributes;
    delete fields.origin_channel_id;
    return store.updateCustomer(store.customers.get(c.id), fields);
  });
  return ok(updated.map((c) => customerOut(store, c, ALL_INCLUDES)));
}

function deleteCustomers({ query: q, store }) {
  const ids = intList(q, "id:in");
  if (ids) for (const id of ids) store.deleteCustomer(id); // no id:in -> 204, nothing deleted
  return noContent();
}

// ---------------------------------------------------------------------------
// /customers/addresses

function listAddresses({ query: q, store }) {
  const { page, limit } = pageParams(q);
  const include = new Set(q.get("include") == null ? [] : csv(q.get("include")));
  const ids = intList(q, "id:in");
  const customers = intList(q, "customer_id:in");
  const companies = strList(q, "company:in");
  const names = strList(q, "name:in");
  const list = [...store.addresses.values()].filter((a) =>
    (!ids || ids.has(a.id)) &&
    (!customers || customers.has(a.customer_id)) &&
    (!companies || companies.includes(a.company.toLowerCase())) &&
    (!names || names.includes(`${a.first_name} ${a.last_name}`.toLowerCase()))).sort(byId);
  const { slice, pagination } = paginate(list, page, limit);
  return ok(slice.map((a) => addressOut(a, include.has("formfields"))), { pagination });
}

/** Address POST/PUT responses omit duplicates; all-duplicates gives `{}`. */
const addressWriteResponse = (written) => (written.length ? ok(written.map((a) => addressOut(a, true))) : json(200, {}));

function createAddresses({ body, store }) {
  requireArray(body, "Create addresses failed.");
  const errors = {};
  const records = body.map((a, i) => {
    checkAddress(errors, String(i), a, "post");
    if (!isObject(a)) return null;
    if (!Number.isInteger(a.customer_id)) errors[`${i}.customer_id`] = "customer_id is required.";
    else if (!store.customers.has(a.customer_id)) errors[`${i}.customer_id`] = `Customer ${a.customer_id} does not exist.`;
    if (Object.keys(errors).some((k) => k === String(i) || k.startsWith(`${i}.`))) return null;
    const rec = store.addressRecord(a);
    checkAddressRegion(errors, String(i), rec);
    return { rec, formFields: a.form_fields ?? [] };
  });
  if (Object.keys(errors).length) fail(invalid("Create addresses failed.", errors));
  const created = [];
  for (const { rec, formFields } of records) {
    const a = store.insertAddress(rec, formFields); // null = duplicate, silently skipped
    if (a) created.push(a);
  }
  return addressWriteResponse(created);
}

const ADDRESS_FIELDS = ["first_name", "last_name", "company", "address1", "address2", "city", "state_or_province",
  "postal_code", "country_code", "phone", "address_type"];

function updateAddresses({ body, store }) {
  requireArray(body, "Update addresses failed.");
  const errors = {};
  const plans = body.map((a, i) => {
    if (!isObject(a) || !Number.isInteger(a.id)) {
      errors[`${i}.id`] = "id is required.";
      return null;
    }
    const existing = store.addresses.get(a.id);
    if (!existing) {
      errors[`${i}.id`] = `Address ${a.id} does not exist.`;
      return null;
    }
    checkAddress(errors, String(i), a, "put");
    const merged = { ...existing };
    for (const k of ADDRESS_FIELDS) if (a[k] !== undefined) merged[k] = a[k];
    const rec = store.addressRecord(merged);
    if (!Object.keys(errors).some((k) => k.startsWith(`${i}.`))) checkAddressRegion(errors, String(i), rec);
    return { existing, rec, formFields: a.form_fields ?? [] };
  });
  if (Object.keys(errors).length) fail(invalid("Update addresses failed.", errors));
  const updated = [];
  for (const { existing, rec, formFields } of plans) {
    // Becoming identical to another address is a silent no-op, omitted from the body.
    if (store.findDuplicateAddress(rec, existing.id)) continue;
    Object.assign(existing, { ...rec, form_fields: existing.form_fields });
    store.setFormFields(existing, formFields);
    updated.push(existing);
  }
  return addressWriteResponse(updated);
}

function deleteAddresses({ query: q, store }) {
  const ids = intList(q, "id:in");
  if (!ids) fail(invalid("Missing required query", { "id:in": "id:in is required." }));
  for (const id of ids) store.addresses.delete(id);
  return noContent();
}

// ---------------------------------------------------------------------------
// /customers/attributes

const attributeOut = (a) => ({
  id: a.id, name: a.name, type: a.type, date_created: isoDate(a.date_created), date_modified: isoDate(a.date_modified),
});

function listAttributes({ query: q, store }) {
  const { page, limit } = pageParams(q);
  const name = q.get("name");
  const like = q.get("name:like");
  const type = q.get("type");
  const preds = dateFilters(q);
  const list = [...store.attributes.values()].filter((a) =>
    (name == null || a.name === name) &&
    (like == null || a.name.toLowerCase().includes(like.toLowerCase())) &&
    (type == null || a.type === type) &&
    preds.every((p) => p(a))).sort(byId);
  const { slice, pagination } = paginate(list, page, limit);
  return ok(slice.map(attributeOut), { pagination });
}

function createAttributes({ body, store }) {
  requireArray(body, "Create attributes failed.");
  const errors = {};
  const names = new Set([...store.attributes.values()].map((a) => a.name.toLowerCase()));
  body.forEach((a, i) => {
    if (!isObject(a)) {
      errors[String(i)] = "Attribute must be an object.";
      return;
    }
    checkString(errors, `${i}.name`, a.name, { required: true, min: 1, max: 255 });
    if (!["string", "number", "date"].includes(a.type)) errors[`${i}.type`] = "type must be one of string, number, date.";
    if (typeof a.name === "string") {
      if (names.has(a.name.toLowerCase())) errors[`${i}.name`] = `An attribute named '${a.name}' already exists.`;
      names.add(a.name.toLowerCase());
    }
  });
  if (store.attributes.size + body.length > MAX_ATTRIBUTES) {
    errors.attributes = `A store cannot have more than ${MAX_ATTRIBUTES} customer attributes.`;
  }
  if (Object.keys(errors).length) fail(invalid("Create attributes failed.", errors));
  const ts = store.now();
  const created = body.map((a) => {
    const rec = { id: store.nextId("attribute"), name: a.name, type: a.type, date_created: ts, date_modified: ts };
    store.attributes.set(rec.id, rec);
    return rec;
  });
  return ok(created.map(attributeOut));
}

function updateAttributes({ body, store }) {
  requireArray(body, "Update attributes failed.");
  const errors = {};
  body.forEach((a, i) => {
    const existing = isObject(a) ? store.attributes.get(a.id) : null;
    if (!existing) {
      errors[`${i}.id`] = isObject(a) && Number.isInteger(a.id) ? `Attribute ${a.id} does not exist.` : "id is required.";
      return;
    }
    checkString(errors, `${i}.name`, a.name, { required: true, min: 1, max: 255 });
    if (a.type !== undefined && a.type !== existing.type) errors[`${i}.type`] = "The type of an attribute cannot be changed.";
    const clash = [...store.attributes.values()].find((x) => x.id !== a.id && typeof a.name === "string" && x.name.toLowerCase() === a.name.toLowerCase());
    if (clash) errors[`${i}.name`] = `An attribute named '${a.name}' already exists.`;
  });
  if (Object.keys(errors).length) fail(invalid("Update attributes failed.", errors));
  const ts = store.now();
  const updated = body.map((a) => Object.assign(store.attributes.get(a.id), { name: a.name, date_modified: ts }));
  return ok(updated.map(attributeOut));
}

function deleteAttributes({ query: q, store }) {
  const ids = intList(q, "id:in");
  if (!ids) fail(invalid("Missing required query", { "id:in": "id:in is required." }));
  for (const id of ids) {
    if (!store.attributes.delete(id)) continue;
    for (const v of [...store.attributeValues.values()]) if (v.attribute_id === id) store.attributeValues.delete(v.id);
  }
  return noContent();
}

// ---------------------------------------------------------------------------
// /customers/attribute-values

function listAttributeValues({ query: q, store }) {
  const { page, limit } = pageParams(q);
  const customers = intList(q, "customer_id:in");
  const attributes = intList(q, "attribute_id:in");
  const name = q.get("name");
  const preds = dateFilters(q);
  const list = [...store.attributeValues.values()].filter((v) =>
    (!customers || customers.has(v.customer_id)) &&
    (!attributes || attributes.has(v.attribute_id)) &&
    (name == null || store.attributes.get(v.attribute_id)?.name === name) &&
    preds.every((p) => p(v))).sort(byId);
  const { slice, pagination } = paginate(list, page, limit);
  return ok(slice.map(attributeValueOut), { pagination });
}

function upsertAttributeValues({ body, store }) {
  requireArray(body, "Upsert attribute values failed.");
  // "Limit of 10 customers per call" — counted as distinct customers (SUMMARY §12.12).
  if (new Set(body.map((v) => v?.customer_id)).size > MAX_BATCH) fail(v3Error(413, TOO_LARGE));
  const errors = {};
  const pending = new Map(); // customer_id -> count of new pairs in this batch
  body.forEach((v, i) => {
    if (!isObject(v)) {
      errors[String(i)] = "Attribute value must be an object.";
      return;
    }
    if (!Number.isInteger(v.customer_id) || !store.customers.has(v.customer_id)) errors[`${i}.customer_id`] = "customer_id must reference an existing customer.";
    const attribute = store.attributes.get(v.attribute_id);
    if (!attribute) errors[`${i}.attribute_id`] = "attribute_id must reference an existing attribute.";
    else {
      const problem = checkAttributeValue(attribute, v.value);
      if (problem) errors[`${i}.value`] = problem;
    }
    if (v.id !== undefined) {
      const existing = store.attributeValues.get(v.id);
      if (!existing || existing.customer_id !== v.customer_id || existing.attribute_id !== v.attribute_id) {
        errors[`${i}.id`] = `Attribute value ${v.id} does not match customer_id/attribute_id.`;
      }
    }
    if (!errors[`${i}.customer_id`] && attribute && !store.findAttributeValue(v.customer_id, v.attribute_id)) {
      const count = (pending.get(v.customer_id) ?? store.attributeValuesOf(v.customer_id).length) + 1;
      pending.set(v.customer_id, count);
      if (count > MAX_VALUES_PER_CUSTOMER) errors[`${i}.customer_id`] = `A customer can have at most ${MAX_VALUES_PER_CUSTOMER} attribute values.`;
    }
  });
  if (Object.keys(errors).length) fail(invalid("Upsert attribute values failed.", errors));
  const written = body.map((v) => store.upsertAttributeValue(v.customer_id, v.attribute_id, v.value));
  return ok(written.map(attributeValueOut));
}

function deleteAttributeValues({ query: q, store }) {
  const ids = intList(q, "id:in");
  if (!ids) fail(invalid("Missing required query", { "id:in": "id:in is required." }));
  for (const id of ids) store.attributeValues.delete(id);
  return noContent();
}

// ---------------------------------------------------------------------------
// /customers/form-field-values (deprecated upstream, still served)

const fieldType = (value) => (Array.isArray(value) ? "checkboxes" : typeof value === "number" ? "numbers" : "text");

function listFormFieldValues({ query: q, store }) {
  const customerId = q.get("customer_id");
  const addressId = q.get("address_id");
  const fieldName = q.get("field_name");
  const type = q.get("field_type");
  for (const [k, v] of [["customer_id", customerId], ["address_id", addressId]]) {
    if (v != null && !/^\d+$/.test(v)) fail(invalid(`Invalid filter ${k}`, { [k]: `${k} must be an integer.` }));
  }
  const items = [];
  for (const c of store.customers.values()) {
    for (const f of c.form_fields) items.push({ seq: f.seq, out: { customer_id: c.id, name: f.name, value: f.value } });
  }
  for (const a of store.addresses.values()) {
    for (const f of a.form_fields) items.push({ seq: f.seq, out: { address_id: a.id, name: f.name, value: f.value } });
  }
  const list = items.filter(({ out }) =>
    (customerId == null || out.customer_id === Number(customerId)) &&
    (addressId == null || out.address_id === Number(addressId)) &&
    (fieldName == null || out.name === fieldName) &&
    (type == null || fieldType(out.value) === type)).sort((a, b) => a.seq - b.seq);
  const keyOf = (item) => ({ id: item.seq });
  const { slice, meta } = cursorCollection(list, q, keyOf, (a, b) => a.id - b.id);
  return ok(slice.map((item) => item.out), meta);
}

function upsertFormFieldValues({ body, store }) {
  requireArray(body, "Update form field values failed.");
  const errors = {};
  body.forEach((f, i) => {
    checkFormFields(errors, String(i), [f]);
    if (!isObject(f)) return;
    const hasCustomer = f.customer_id !== undefined;
    const hasAddress = f.address_id !== undefined;
    if (hasCustomer === hasAddress) errors[`${i}`] = "Provide exactly one of customer_id or address_id.";
    else if (hasCustomer && !store.customers.has(f.customer_id)) errors[`${i}.customer_id`] = `Customer ${f.customer_id} does not exist.`;
    else if (hasAddress && !store.addresses.has(f.address_id)) errors[`${i}.address_id`] = `Address ${f.address_id} does not exist.`;
  });
  if (Object.keys(errors).length) fail(invalid("Update form field values failed.", errors));
  const out = body.map((f) => {
    if (f.customer_id !== undefined) {
      store.setFormFields(store.customers.get(f.customer_id), [f]);
      return { customer_id: f.customer_id, name: f.name, value: f.value };
    }
    store.setFormFields(store.addresses.get(f.address_id), [f]);
    return { address_id: f.address_id, name: f.name, value: f.value };
  });
  return ok(out);
}

// ---------------------------------------------------------------------------
// /customers/settings

function checkGroupSetting(store, errors, obj, key) {
  if (!isObject(obj) || obj[key] === undefined || obj[key] === null) return;
  if (!Number.isInteger(obj[key]) || (obj[key] !== 0 && !store.groups.has(obj[key]))) {
    errors[`customer_group_settings.${key}`] = `${key} must be 0 or an existing customer group id.`;
  }
}

function mergeSettings(store, target, body, { channel }) {
  if (!isObject(body)) fail(invalid("Invalid settings", { body: "The request body must be an object." }));
  const errors = {};
  const privacy = body.privacy_settings;
  const groups = body.customer_group_settings;
  if (privacy !== undefined && privacy !== null && !isObject(privacy)) errors.privacy_settings = "Must be an object.";
  if (groups !== undefined && groups !== null && !isObject(groups)) errors.customer_group_settings = "Must be an object.";
  if (isObject(privacy)) {
    const consent = privacy.ask_shopper_for_tracking_consent;
    if (consent !== undefined && consent !== null && typeof consent !== "boolean") errors["privacy_settings.ask_shopper_for_tracking_consent"] = "Must be a boolean.";
    if (privacy.policy_url !== undefined && privacy.policy_url !== null && typeof privacy.policy_url !== "string") errors["privacy_settings.policy_url"] = "Must be a string.";
  }
  checkGroupSetting(store, errors, groups, "guest_customer_group_id");
  checkGroupSetting(store, errors, groups, "default_customer_group_id");
  if (channel && body.allow_global_logins !== undefined && body.allow_global_logins !== null && typeof body.allow_global_logins !== "boolean") {
    errors.allow_global_logins = "Must be a boolean.";
  }
  if (Object.keys(errors).length) fail(invalid("Invalid settings", errors));
  for (const section of ["privacy_settings", "customer_group_settings"]) {
    if (isObject(body[section])) {
      for (const [k, v] of Object.entries(body[section])) if (has(target[section], k)) target[section][k] = v;
    }
  }
  if (channel && body.allow_global_logins !== undefined) target.allow_global_logins = body.allow_global_logins;
  return target;
}

const getSettings = ({ store }) => ok(store.settings);
const putSettings = ({ body, store }) => ok(mergeSettings(store, store.settings, body, { channel: false }));

function channelSettings(store, channelId) {
  if (!store.channelSettings.has(channelId)) {
    store.channelSettings.set(channelId, {
      privacy_settings: { ask_shopper_for_tracking_consent: null, policy_url: null },
      customer_group_settings: { guest_customer_group_id: null, default_customer_group_id: null },
      allow_global_logins: channelId === 1 ? true : null,
    });
  }
  return store.channelSettings.get(channelId);
}

const getChannelSettings = ({ store, params: [id] }) => ok(channelSettings(store, id));
const putChannelSettings = ({ body, store, params: [id] }) => ok(mergeSettings(store, channelSettings(store, id), body, { channel: true }));

// ---------------------------------------------------------------------------
// /customers/validate-credentials

function validateCredentials({ body, store }) {
  const errors = {};
  if (!isObject(body) || typeof body.email !== "string" || body.email === "") errors.email = "email is required.";
  if (!isObject(body) || typeof body.password !== "string" || body.password === "") errors.password = "password is required.";
  if (Object.keys(errors).length) fail(invalid("Missing Required Fields", errors));
  const c = store.findCustomerByEmail(body.email);
  const valid = Boolean(c && store.checkPassword(c, body.password));
  return json(200, { is_valid: valid, customer_id: valid ? c.id : null });
}

// ---------------------------------------------------------------------------
// /customers/{id}/consent

function consentOut(store, id) {
  const c = store.consents.get(id) ?? { allow: [], deny: [] };
  return { allow: [...c.allow], deny: [...c.deny], updated_at: isoDate(store.now()) };
}

function getConsent({ store, params: [id] }) {
  if (!store.customers.has(id)) return v3NotFound("Customer not found");
  return json(200, consentOut(store, id));
}

function putConsent({ body, store, params: [id] }) {
  if (!store.customers.has(id)) return v3NotFound("Customer not found");
  const errors = {};
  for (const key of ["allow", "deny"]) {
    const list = isObject(body) ? body[key] ?? [] : null;
    if (!Array.isArray(list) || !list.every((v) => CONSENT.has(v)) || new Set(list).size !== list.length) {
      errors[key] = `${key} must be a list of unique values from: essential, functional, analytics, targeting.`;
    }
  }
  if (!Object.keys(errors).length && body.allow?.some((v) => body.deny?.includes(v))) {
    errors.deny = "A category cannot be both allowed and denied.";
  }
  if (Object.keys(errors).length) fail(invalid("Invalid consent", errors));
  store.consents.set(id, { allow: [...(body.allow ?? [])], deny: [...(body.deny ?? [])] });
  return json(200, consentOut(store, id));
}

// ---------------------------------------------------------------------------
// /customers/subscribers

const subscriberOut = (s) => ({
  id: s.id, email: s.email, first_name: s.first_name, last_name: s.last_name, source: s.source, order_id: s.order_id,
  channel_id: s.channel_id, consents: [...s.consents],
  date_modified: isoDate(s.date_modified), date_created: isoDate(s.date_created),
});

/** Subscriber filters. `deleting` restricts to the filters DELETE documents. */
function subscriberFilter(q, { deleting }) {
  const preds = [];
  for (const key of ["email", "first_name", "last_name", "source"]) {
    const v = q.get(key);
    if (v != null) preds.push((s) => lower(s[key]) === v.toLowerCase());
  }
  const orderId = q.get("order_id");
  if (orderId != null) {
    if (!/^\d+$/.test(orderId)) fail(invalid("Invalid filter order_id", { order_id: "order_id must be an integer." }));
    preds.push((s) => s.order_id === Number(orderId));
  }
  if (deleting) {
    preds.push(...dateFilters(new URLSearchParams(
      [...q].filter(([k]) => k === "date_created" || k === "date_modified"))));
  } else {
    preds.push(...dateFilters(q));
    const id = q.get("id");
    if (id != null) {
      if (!/^\d+$/.test(id)) fail(invalid("Invalid filter id", { id: "id must be an integer." }));
      preds.push((s) => s.id === Number(id));
    }
    const ids = intList(q, "id:in");
    if (ids) preds.push((s) => ids.has(s.id));
  }
  return preds;
}

function listSubscribers({ query: q, store }) {
  const { page, limit } = pageParams(q);
  const preds = subscriberFilter(q, { deleting: false });
  const list = [...store.subscribers.values()].filter((s) => preds.every((p) => p(s))).sort(byId);
  const { slice, pagination } = paginate(list, page, limit);
  return ok(slice.map(subscriberOut), { pagination });
}

function checkSubscriber(store, body, { post, id }) {
  const errors = {};
  if (!isObject(body)) fail(invalid("The subscriber was not valid.", { body: "The request body must be an object." }));
  if (post || body.email !== undefined) {
    if (typeof body.email !== "string" || body.email.trim() === "") errors.email = "email is required.";
    else if (!EMAIL_RE.test(body.email.trim())) errors.email = "email must be a valid email address.";
  }
  for (const key of ["first_name", "last_name", "source"]) checkString(errors, key, body[key], { max: 255 });
  for (const key of ["order_id", "channel_id"]) {
    const v = body[key];
    if (v !== undefined && !(v === null && key === "order_id") && !(Number.isInteger(v) && v >= 1 && v <= 2147483647)) {
      errors[key] = `${key} must be an integer between 1 and 2147483647.`;
    }
  }
  if (body.consents !== undefined && (!Array.isArray(body.consents) || !body.consents.every((v) => SUBSCRIBER_CONSENTS.has(v)))) {
    errors.consents = "consents must be a list of: marketing_newsletter, abandoned_cart.";
  }
  if (Object.keys(errors).length) fail(invalid("The subscriber was not valid.", errors));
  if (typeof body.email === "string") {
    const email = body.email.trim().toLowerCase();
    const clash = [...store.subscribers.values()].find((s) => s.id !== id && s.email.toLowerCase() === email);
    if (clash) {
      fail(json(409, { status: 409, title: "The subscriber was in conflict with another subscriber.",
        type: CUSTOMERS_STATUS_TYPE, errors: { email: `A subscriber with email ${body.email.trim()} already exists.` } }));
    }
  }
}

function createSubscriber({ body, store }) {
  checkSubscriber(store, body, { post: true, id: null });
  const ts = store.now();
  const s = {
    id: store.nextId("subscriber"), email: body.email.trim(), first_name: str(body.first_name), last_name: str(body.last_name),
    source: str(body.source), order_id: body.order_id ?? null, channel_id: body.channel_id ?? 1,
    consents: [...new Set(body.consents ?? [])], date_created: ts, date_modified: ts,
  };
  store.subscribers.set(s.id, s);
  return ok(subscriberOut(s));
}

function getSubscriber({ store, params: [id] }) {
  const s = store.subscribers.get(id);
  return s ? ok(subscriberOut(s)) : v3NotFound("Subscriber not found", `/customers/subscribers/${id}`);
}

function updateSubscriber({ body, store, params: [id] }) {
  const s = store.subscribers.get(id);
  if (!s) return v3NotFound("Subscriber not found", `/customers/subscribers/${id}`);
  checkSubscriber(store, body, { post: false, id });
  if (body.email !== undefined) s.email = body.email.trim();
  for (const key of ["first_name", "last_name", "source"]) if (body[key] !== undefined) s[key] = str(body[key]);
  for (const key of ["order_id", "channel_id"]) if (body[key] !== undefined) s[key] = body[key];
  if (body.consents !== undefined) s.consents = [...new Set(body.consents)];
  s.date_modified = store.now();
  return ok(subscriberOut(s));
}

/** Deletes every subscriber matching the documented filters — all of them when none is given. */
function deleteSubscribers({ query: q, store }) {
  const preds = subscriberFilter(q, { deleting: true });
  for (const s of [...store.subscribers.values()]) if (preds.every((p) => p(s))) store.subscribers.delete(s.id);
  return noContent();
}

function deleteSubscriber({ store, params: [id] }) {
  store.subscribers.delete(id); // spec documents only 204
  return noContent();
}
