// V2 Customers, Customer Addresses and Customer Groups (paths below
// /stores/{hash}/v2). Same records as V3, translated to V2 field names.

import { checkState, countryCode, stateRequired } from "./countries.mjs";
import {
  dateMatcher, fail, isObject, isPositiveInt, json, lower, noContent, paginate, parseDateFilter, rfc2822, sqlDate,
  str, v2Error,
} from "./http.mjs";

const MAX_LIMIT = 250;
const NOT_FOUND = "The requested resource was not found.";

// Built lazily: some handlers below are `const` arrow functions.
let routeTable = null;
const routes = () => (routeTable ??= [
  [/^\/customers$/, { GET: listCustomers, POST: createCustomer, DELETE: deleteAllCustomers }],
  [/^\/customers\/count$/, { GET: countCustomers }],
  [/^\/customers\/(\d+)$/, { GET: getCustomer, PUT: updateCustomer, DELETE: deleteCustomer }],
  [/^\/customers\/(\d+)\/validate$/, { POST: validatePassword }],
  [/^\/customers\/(\d+)\/addresses$/, { GET: listAddresses, POST: createAddress, DELETE: deleteAllAddresses }],
  [/^\/customers\/(\d+)\/addresses\/count$/, { GET: countAddresses }],
  [/^\/customers\/(\d+)\/addresses\/(\d+)$/, { GET: getAddress, PUT: updateAddress, DELETE: deleteAddress }],
  [/^\/customer_groups$/, { GET: listGroups, POST: createGroup }],
  [/^\/customer_groups\/count$/, { GET: countGroups }],
  [/^\/customer_groups\/(\d+)$/, { GET: getGroup, PUT: updateGroup, DELETE: deleteGroup }],
]);

/** Handle one V2 request. ctx = {method, path, query, body, store, apiBase}. */
export function handleV2(ctx) {
  for (const [pattern, methods] of routes()) {
    const m = pattern.exec(ctx.path);
    if (!m) continue;
    const handler = methods[ctx.method];
    if (!handler) return v2Error(405, "The requested method is not supported for this resource.");
    return handler({ ...ctx, params: m.slice(1).map(Number) });
  }
  return v2Error(404, NOT_FOUND);
}

const notFound = () => v2Error(404, NOT_FOUND);
const invalidField = (field, reason) => fail(v2Error(400, `The field '${field}' is invalid.`, { invalid_reason: reason }));
const missingField = (field) => fail(v2Error(400, `The required field '${field}' was not supplied.`));

function pageParams(q) {
  const page = q.get("page") ?? "1";
  const limit = q.get("limit") ?? "50";
  if (!isPositiveInt(page)) invalidField("page", "page must be a positive integer.");
  if (!isPositiveInt(limit)) invalidField("limit", "limit must be a positive integer.");
  return { page: Number(page), limit: Math.min(Number(limit), MAX_LIMIT) };
}

/** V2 lists are bare arrays, offset-paginated. */
function pageOf(list, q) {
  const { page, limit } = pageParams(q);
  return paginate(list, page, limit).slice;
}

function requireObject(body) {
  if (!isObject(body)) fail(v2Error(400, "The request body must be a JSON object."));
}

function optionalString(body, field) {
  if (body[field] !== undefined && body[field] !== null && typeof body[field] !== "string") invalidField(field, `${field} must be a string.`);
}

// ---------------------------------------------------------------------------
// Customers

function customerOut(store, c, apiBase) {
  return {
    id: c.id,
    company: c.company,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    phone: c.phone,
    form_fields: c.form_fields.map((f) => ({ name: f.name, value: Array.isArray(f.value) ? f.value.join(",") : String(f.value) })),
    date_created: rfc2822(c.date_created),
    date_modified: rfc2822(c.date_modified),
    store_credit: store.storeCredit(c).toFixed(4),
    registration_ip_address: c.registration_ip_address,
    customer_group_id: c.customer_group_id,
    notes: c.notes,
    tax_exempt_category: c.tax_exempt_category,
    reset_pass_on_login: c.force_password_reset,
    accepts_marketing: c.accepts_product_review_abandoned_cart_emails,
    addresses: { url: `${apiBase}/customers/${c.id}/addresses`, resource: `/customers/${c.id}/addresses` },
  };
}

function customerFilter(q) {
  const preds = [];
  for (const key of ["first_name", "last_name", "company", "email", "phone", "tax_exempt_category"]) {
    const v = q.get(key);
    if (v != null) preds.push((c) => lower(c[key]) === v.toLowerCase());
  }
  for (const [key, test] of [
    ["customer_group_id", (c, n) => c.customer_group_id === n],
    ["min_id", (c, n) => c.id >= n],
    ["max_id", (c, n) => c.id <= n],
  ]) {
    const v = q.get(key);
    if (v == null) continue;
    if (!/^\d+$/.test(v)) invalidField(key, `${key} must be an integer.`);
    preds.push((c) => test(c, Number(v)));
  }
  const credit = q.get("store_credit");
  if (credit != null) {
    if (Number.isNaN(Number(credit))) invalidField("store_credit", "store_credit must be a number.");
    preds.push((c) => Math.abs(c.store_credit_amounts.reduce((s, x) => s + x.amount, 0) - Number(credit)) < 0.00005);
  }
  for (const [key, field, kind] of [
    ["min_date_created", "date_created", "min"], ["max_date_created", "date_created", "max"],
    ["min_date_modified", "date_modified", "min"], ["max_date_modified", "date_modified", "max"],
  ]) {
    const v = q.get(key);
    if (v == null) continue;
    const parsed = parseDateFilter(v);
    if (!parsed) invalidField(key, `${key} must be a date, e.g. 'Wed, 10 Jan 2018 21:02:23 +0000'.`);
    const match = dateMatcher(kind, parsed);
    preds.push((c) => match(c[field]));
  }
  return preds;
}

const filteredCustomers = (store, q) => {
  const preds = customerFilter(q);
  return [...store.customers.values()].filter((c) => preds.every((p) => p(c))).sort((a, b) => a.id - b.id);
};

function listCustomers({ query: q, store, apiBase }) {
  return json(200, pageOf(filteredCustomers(store, q), q).map((c) => customerOut(store, c, apiBase)));
}

const countCustomers = ({ query: q, store }) => json(200, { count: filteredCustomers(store, q).length });

/** Translate + validate a V2 customer body into V3-named store fields. */
function customerFields(store, body, { post, id }) {
  requireObject(body);
  const fields = {};
  for (const key of ["first_name", "last_name", "email"]) {
    if (post && (typeof body[key] !== "string" || body[key].trim() === "")) missingField(key);
    if (!post && body[key] !== undefined && (typeof body[key] !== "string" || body[key].trim() === "")) invalidField(key, `${key} cannot be blank.`);
    if (body[key] !== undefined) fields[key] = body[key];
  }
  for (const key of ["company", "phone", "notes", "tax_exempt_category", "registration_ip_address"]) {
    optionalString(body, key);
    if (body[key] !== undefined && body[key] !== null) fields[key] = body[key];
  }
  if (fields.email !== undefined) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.trim())) invalidField("email", "The email address is not valid.");
    if (store.findCustomerByEmail(fields.email, id)) {
      fail(v2Error(409, `The field 'email' is invalid.`, { conflict_reason: `Email address '${fields.email.trim()}' is already in use.` }));
    }
  }
  if (body.customer_group_id !== undefined) {
    const g = body.customer_group_id;
    if (!Number.isInteger(g) || g < 0 || (g !== 0 && !store.groups.has(g))) invalidField("customer_group_id", "The customer group does not exist.");
    fields.customer_group_id = g;
  }
  if (body.store_credit !== undefined && body.store_credit !== null) {
    const n = Number(body.store_credit);
    if ((typeof body.store_credit !== "string" && typeof body.store_credit !== "number") || Number.isNaN(n) || n < 0) {
      invalidField("store_credit", "store_credit must be a non-negative decimal.");
    }
    fields.store_credit_amounts = [{ amount: n }];
  }
  const auth = body._authentication;
  if (auth !== undefined) {
    if (!isObject(auth)) invalidField("_authentication", "_authentication must be an object.");
    if (auth.password !== undefined) {
      if (typeof auth.password !== "string" || auth.password === "") invalidField("_authentication.password", "password must be a non-empty string.");
      if (auth.password_confirmation !== undefined && auth.password_confirmation !== auth.password) {
        invalidField("_authentication.password_confirmation", "password_confirmation does not match password.");
      }
      fields.password = auth.password;
    }
    if (auth.force_reset !== undefined) {
      if (typeof auth.force_reset !== "boolean") invalidField("_authentication.force_reset", "force_reset must be a boolean.");
      fields.force_password_reset = auth.force_reset;
    }
  }
  return fields;
}

function createCustomer({ body, store, apiBase }) {
  const fields = customerFields(store, body, { post: true, id: null });
  return json(200, customerOut(store, store.createCustomer(fields), apiBase));
}

function getCustomer({ store, params: [id], apiBase }) {
  const c = store.customers.get(id);
  return c ? json(200, customerOut(store, c, apiBase)) : notFound();
}

function updateCustomer({ body, store, params: [id], apiBase }) {
  const c = store.customers.get(id);
  if (!c) return notFound();
  const fields = customerFields(store, body, { post: false, id });
  return json(200, customerOut(store, store.updateCustomer(c, fields), apiBase));
}

function deleteCustomer({ store, params: [id] }) {
  return store.deleteCustomer(id) ? noContent() : notFound();
}

/** V2 DELETE /customers deletes every customer (documented; no filters). */
function deleteAllCustomers({ store }) {
  for (const id of [...store.customers.keys()]) store.deleteCustomer(id);
  return noContent();
}

function validatePassword({ body, store, params: [id] }) {
  const c = store.customers.get(id);
  if (!c) return notFound();
  requireObject(body);
  if (typeof body.password !== "string" || body.password === "") missingField("password");
  return json(200, { success: store.checkPassword(c, body.password) });
}

// ---------------------------------------------------------------------------
// Customer addresses

// V2's state is never empty: a single space stands for "no state" (customers.v2.yml).
const addressOut = (a) => ({
  id: a.id, customer_id: a.customer_id, first_name: a.first_name, last_name: a.last_name, company: a.company,
  street_1: a.address1, street_2: a.address2, city: a.city, state: a.state_or_province || " ", zip: a.postal_code,
  country: a.country, country_iso2: a.country_code, phone: a.phone, address_type: a.address_type,
});

const REQUIRED_ADDRESS = ["first_name", "last_name", "phone", "street_1", "city", "state", "zip", "country"];

/** Translate + validate a V2 address body (POST and PUT both require the eight fields). */
function addressFields(body) {
  requireObject(body);
  for (const key of REQUIRED_ADDRESS) {
    if (typeof body[key] !== "string") missingField(key);
    if (key !== "state" && body[key].trim() === "") invalidField(key, `${key} cannot be blank.`);
  }
  for (const key of ["company", "street_2"]) optionalString(body, key);
  const code = countryCode(body.country);
  if (!code) invalidField("country", `'${body.country}' is not a known country name.`);
  const state = body.state.trim(); // V2 sends " " for "no state"
  if (stateRequired(code) && state === "") invalidField("state", "A state is required for this country.");
  const st = checkState(code, state);
  if (!st.ok) invalidField("state", "Use the full state name; abbreviations are not accepted.");
  if (body.address_type !== undefined && !["residential", "commercial"].includes(body.address_type)) {
    invalidField("address_type", "address_type must be residential or commercial.");
  }
  return {
    first_name: body.first_name, last_name: body.last_name, company: str(body.company), address1: body.street_1,
    address2: str(body.street_2), city: body.city, state_or_province: st.value, postal_code: body.zip,
    country_code: code, phone: body.phone, address_type: body.address_type,
  };
}

function customerOr404(store, id) {
  const c = store.customers.get(id);
  if (!c) fail(notFound());
  return c;
}

function listAddresses({ query: q, store, params: [cid] }) {
  customerOr404(store, cid);
  return json(200, pageOf(store.addressesOf(cid), q).map(addressOut));
}

function countAddresses({ store, params: [cid] }) {
  customerOr404(store, cid);
  return json(200, { count: store.addressesOf(cid).length });
}

function createAddress({ body, store, params: [cid] }) {
  customerOr404(store, cid);
  const rec = store.addressRecord({ ...addressFields(body), customer_id: cid });
  // [inference] V2 duplicate behaviour is undocumented: return the existing
  // identical address instead of creating a second one (keeps the V3 invariant).
  const existing = store.findDuplicateAddress(rec);
  return json(200, addressOut(existing ?? store.insertAddress(rec)));
}

function getAddress({ store, params: [cid, aid] }) {
  const a = store.addresses.get(aid);
  return a && a.customer_id === cid ? json(200, addressOut(a)) : notFound();
}

function updateAddress({ body, store, params: [cid, aid] }) {
  const a = store.addresses.get(aid);
  if (!a || a.customer_id !== cid) return notFound();
  // The eight required fields are replaced; optional ones left out keep their value.
  const fields = addressFields(body);
  if (body.company === undefined) fields.company = a.company;
  if (body.street_2 === undefined) fields.address2 = a.address2;
  const rec = store.addressRecord({ ...fields, customer_id: cid, address_type: body.address_type ?? a.address_type });
  // Same rule as V3: becoming identical to another address changes nothing.
  if (!store.findDuplicateAddress(rec, a.id)) Object.assign(a, { ...rec, form_fields: a.form_fields });
  return json(200, addressOut(a));
}

function deleteAddress({ store, params: [cid, aid] }) {
  const a = store.addresses.get(aid);
  if (!a || a.customer_id !== cid) return notFound();
  store.addresses.delete(aid);
  return noContent();
}

/** Deletes all of the customer's addresses (documented). */
function deleteAllAddresses({ store, params: [cid] }) {
  customerOr404(store, cid);
  for (const a of store.addressesOf(cid)) store.addresses.delete(a.id);
  return noContent();
}

// ---------------------------------------------------------------------------
// Customer groups

const groupOut = (g) => ({
  id: g.id, name: g.name, is_default: g.is_default, category_access: structuredClone(g.category_access),
  discount_rules: structuredClone(g.discount_rules), date_created: sqlDate(g.date_created),
  date_modified: sqlDate(g.date_modified), is_group_for_guests: g.is_group_for_guests,
});

const boolParam = (q, key) => {
  const v = q.get(key);
  if (v == null) return null;
  if (!["true", "false", "1", "0"].includes(v)) invalidField(key, `${key} must be true or false.`);
  return v === "true" || v === "1";
};

function filteredGroups(store, q) {
  const name = q.get("name");
  const like = q.get("name:like");
  const isDefault = boolParam(q, "is_default");
  const guests = boolParam(q, "is_group_for_guests");
  const preds = [];
  for (const field of ["date_created", "date_modified"]) {
    for (const [suffix, kind] of [["", "eq"], [":min", "min"], [":max", "max"]]) {
      const v = q.get(field + suffix);
      if (v == null) continue;
      const parsed = parseDateFilter(v);
      if (!parsed) invalidField(field + suffix, "Invalid date.");
      const match = dateMatcher(kind, parsed);
      preds.push((g) => match(g[field]));
    }
  }
  return [...store.groups.values()].filter((g) =>
    (name == null || g.name === name) &&
    (like == null || g.name.toLowerCase().includes(like.toLowerCase())) &&
    (isDefault == null || g.is_default === isDefault) &&
    (guests == null || g.is_group_for_guests === guests) &&
    preds.every((p) => p(g))).sort((a, b) => a.id - b.id);
}

const listGroups = ({ query: q, store }) => json(200, pageOf(filteredGroups(store, q), q).map(groupOut));
const countGroups = ({ query: q, store }) => json(200, { count: filteredGroups(store, q).length });

function checkCategoryAccess(value) {
  if (!isObject(value) || !["all", "specific", "none"].includes(value.type)) {
    invalidField("category_access", "category_access.type must be all, specific or none.");
  }
  if (value.type === "specific") {
    if (!Array.isArray(value.categories) || !value.categories.every(Number.isInteger)) {
      invalidField("category_access", "categories must be an array of category ids.");
    }
    return { type: "specific", categories: [...value.categories] };
  }
  return { type: value.type };
}

function checkDiscountRules(rules) {
  if (!Array.isArray(rules)) invalidField("discount_rules", "discount_rules must be an array.");
  const out = rules.map((r) => {
    if (!isObject(r) || !["price_list", "all", "category", "product"].includes(r.type)) {
      invalidField("discount_rules", "type must be price_list, all, category or product.");
    }
    if (r.type === "price_list") {
      if (!Number.isInteger(r.price_list_id)) invalidField("discount_rules", "price_list rules need price_list_id.");
      return { type: "price_list", price_list_id: r.price_list_id };
    }
    if (!["percent", "fixed", "price"].includes(r.method)) invalidField("discount_rules", "method must be percent, fixed or price.");
    const amount = Number(r.amount);
    if (r.amount === undefined || r.amount === null || r.amount === "" || Number.isNaN(amount)) invalidField("discount_rules", "amount must be a decimal.");
    const rule = { type: r.type, method: r.method, amount: amount.toFixed(4) };
    if (r.type === "category") {
      if (!Number.isInteger(r.category_id)) invalidField("discount_rules", "category rules need category_id.");
      rule.category_id = r.category_id;
    }
    if (r.type === "product") {
      if (!Number.isInteger(r.product_id)) invalidField("discount_rules", "product rules need product_id.");
      rule.product_id = r.product_id;
    }
    return rule;
  });
  if (out.some((r) => r.type === "price_list") && out.length > 1) invalidField("discount_rules", "A price_list rule must be the only rule.");
  if (out.filter((r) => r.type === "all").length > 1) invalidField("discount_rules", "Only one 'all' rule is allowed.");
  return out;
}

function groupFields(store, body, { post, id }) {
  requireObject(body);
  const fields = {};
  if (post || body.name !== undefined) {
    if (typeof body.name !== "string" || body.name.trim() === "") (post ? missingField("name") : invalidField("name", "name cannot be blank."));
    const clash = [...store.groups.values()].find((g) => g.id !== id && g.name.toLowerCase() === body.name.trim().toLowerCase());
    if (clash) fail(v2Error(409, "The field 'name' is invalid.", { conflict_reason: `A customer group named '${body.name.trim()}' already exists.` }));
    fields.name = body.name.trim();
  }
  for (const key of ["is_default", "is_group_for_guests"]) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") invalidField(key, `${key} must be a boolean.`);
    fields[key] = body[key];
  }
  if (fields.is_group_for_guests && [...store.groups.values()].some((g) => g.id !== id && g.is_group_for_guests)) {
    invalidField("is_group_for_guests", "Only one customer group can be the group for guests.");
  }
  if (body.category_access !== undefined) fields.category_access = checkCategoryAccess(body.category_access);
  if (body.discount_rules !== undefined) fields.discount_rules = checkDiscountRules(body.discount_rules);
  return fields;
}

function applyGroup(store, g, fields) {
  if (fields.is_default) for (const other of store.groups.values()) other.is_default = false;
  Object.assign(g, fields, { date_modified: store.now() }); // discount_rules replaced wholesale
  return g;
}

function createGroup({ body, store }) {
  const fields = groupFields(store, body, { post: true, id: null });
  const ts = store.now();
  const g = { id: store.nextId("group"), name: "", is_default: false, category_access: { type: "all" },
    discount_rules: [], date_created: ts, date_modified: ts, is_group_for_guests: false };
  store.groups.set(g.id, applyGroup(store, g, fields));
  return json(200, groupOut(g));
}

function getGroup({ store, params: [id] }) {
  const g = store.groups.get(id);
  return g ? json(200, groupOut(g)) : notFound();
}

function updateGroup({ body, store, params: [id] }) {
  const g = store.groups.get(id);
  if (!g) return notFound();
  return json(200, groupOut(applyGroup(store, g, groupFields(store, body, { post: false, id }))));
}

/** Deleting a group unassigns its members (customer_group_id -> 0). */
function deleteGroup({ store, params: [id] }) {
  if (!store.groups.delete(id)) return notFound();
  for (const c of store.customers.values()) if (c.customer_group_id === id) c.customer_group_id = 0;
  const gs = store.settings.customer_group_settings;
  for (const key of Object.keys(gs)) if (gs[key] === id) gs[key] = 0;
  return noContent();
}
