// In-memory state shared by the V2 and V3 APIs. Records are stored with V3
// field names; v2.mjs translates on the way in and out.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { countryName } from "./countries.mjs";
import { lower, str } from "./http.mjs";

const DEFAULT_SETTINGS = () => ({
  privacy_settings: { ask_shopper_for_tracking_consent: false, policy_url: "" },
  customer_group_settings: { guest_customer_group_id: 0, default_customer_group_id: 0 },
});

export class Store {
  constructor({ clock = Date.now } = {}) {
    this.clock = clock;
    this.reset();
  }

  /** Empty every collection and restart id sequences at 1. */
  reset() {
    this.customers = new Map();
    this.addresses = new Map();
    this.attributes = new Map();
    this.attributeValues = new Map();
    this.consents = new Map(); // customer_id -> {allow, deny}
    this.subscribers = new Map();
    this.groups = new Map();
    this.settings = DEFAULT_SETTINGS();
    this.channelSettings = new Map(); // channel_id -> override object
    this.seq = { customer: 0, address: 0, attribute: 0, attributeValue: 0, subscriber: 0, group: 0, formField: 0 };
  }

  now() {
    return this.clock();
  }

  nextId(kind) {
    this.seq[kind] += 1;
    return this.seq[kind];
  }

  // ---- customers ---------------------------------------------------------

  findCustomerByEmail(email, exceptId = null) {
    const wanted = lower(email).trim();
    for (const c of this.customers.values()) {
      if (c.id !== exceptId && c.email.toLowerCase() === wanted) return c;
    }
    return null;
  }

  /** Group new customers land in when none is given: the `is_default` group, else 0. */
  defaultGroupId() {
    for (const g of this.groups.values()) if (g.is_default) return g.id;
    return 0;
  }

  /** Create a customer from already validated V3-named fields. */
  createCustomer(fields) {
    const ts = this.now();
    const c = {
      id: this.nextId("customer"),
      email: str(fields.email).trim(),
      first_name: str(fields.first_name),
      last_name: str(fields.last_name),
      company: str(fields.company),
      phone: str(fields.phone),
      registration_ip_address: str(fields.registration_ip_address),
      notes: str(fields.notes),
      tax_exempt_category: str(fields.tax_exempt_category),
      customer_group_id: fields.customer_group_id ?? this.defaultGroupId(),
      date_created: ts,
      date_modified: ts,
      force_password_reset: Boolean(fields.force_password_reset),
      password_hash: null,
      accepts_product_review_abandoned_cart_emails: Boolean(fields.accepts_product_review_abandoned_cart_emails),
      origin_channel_id: fields.origin_channel_id ?? 1,
      channel_ids: fields.channel_ids ?? null,
      store_credit_amounts: (fields.store_credit_amounts ?? []).map((s) => ({ amount: Number(s.amount) })),
      form_fields: [],
    };
    if (fields.password) this.setPassword(c, fields.password);
    this.setFormFields(c, fields.form_fields ?? []);
    this.customers.set(c.id, c);
    return c;
  }

  /** Apply already validated V3-named fields to a customer. */
  updateCustomer(c, fields) {
    for (const key of ["email", "first_name", "last_name", "company", "phone", "notes", "tax_exempt_category",
      "registration_ip_address", "customer_group_id", "accepts_product_review_abandoned_cart_emails", "channel_ids",
      "force_password_reset"]) {
      if (fields[key] !== undefined) c[key] = key === "email" ? str(fields[key]).trim() : fields[key];
    }
    if (fields.store_credit_amounts !== undefined) {
      c.store_credit_amounts = fields.store_credit_amounts.map((s) => ({ amount: Number(s.amount) }));
    }
    if (fields.password) this.setPassword(c, fields.password);
    if (fields.form_fields) this.setFormFields(c, fields.form_fields);
    c.date_modified = this.now();
    return c;
  }

  deleteCustomer(id) {
    if (!this.customers.delete(id)) return false;
    for (const a of [...this.addresses.values()]) if (a.customer_id === id) this.addresses.delete(a.id);
    for (const v of [...this.attributeValues.values()]) if (v.customer_id === id) this.attributeValues.delete(v.id);
    this.consents.delete(id);
    return true;
  }

  storeCredit(c) {
    return c.store_credit_amounts.reduce((sum, s) => sum + (Number(s.amount) || 0), 0);
  }

  setPassword(c, password) {
    const salt = randomBytes(8).toString("hex");
    c.password_hash = `${salt}:${createHash("sha256").update(`${salt}:${password}`).digest("hex")}`;
  }

  checkPassword(c, password) {
    if (!c.password_hash || typeof password !== "string") return false;
    const [salt, digest] = c.password_hash.split(":");
    const actual = Buffer.from(createHash("sha256").update(`${salt}:${password}`).digest("hex"));
    return timingSafeEqual(actual, Buffer.from(digest));
  }

  /** Upsert form field values by name on a customer or address record. */
  setFormFields(record, fields) {
    for (const f of fields) {
      const existing = record.form_fields.find((x) => x.name === f.name);
      if (existing) existing.value = f.value;
      else record.form_fields.push({ name: f.name, value: f.value, seq: this.nextId("formField") });
    }
  }

  // ---- addresses ---------------------------------------------------------

  addressesOf(customerId) {
    return [...this.addresses.values()].filter((a) => a.customer_id === customerId).sort((a, b) => a.id - b.id);
  }

  /** The V3 uniqueness key (SUMMARY §4.6): all core fields + customer_id. */
  addressKey(a) {
    return JSON.stringify([a.customer_id, a.first_name, a.last_name, a.company, a.phone, a.address_type, a.address1,
      a.address2, a.city, a.country_code, a.state_or_province, a.postal_code].map((v) => str(v)));
  }

  findDuplicateAddress(candidate, exceptId = null) {
    const key = this.addressKey(candidate);
    for (const a of this.addresses.values()) {
      if (a.id !== exceptId && this.addressKey(a) === key) return a;
    }
    return null;
  }

  /** Normalise address fields (V3 names) into a record shape without an id. */
  addressRecord(fields) {
    const code = str(fields.country_code).toUpperCase();
    return {
      customer_id: fields.customer_id,
      first_name: str(fields.first_name),
      last_name: str(fields.last_name),
      company: str(fields.company),
      address1: str(fields.address1),
      address2: str(fields.address2),
      city: str(fields.city),
      state_or_province: str(fields.state_or_province),
      postal_code: str(fields.postal_code),
      country_code: code,
      country: countryName(code) ?? "",
      phone: str(fields.phone),
      address_type: fields.address_type || "residential",
      form_fields: [],
    };
  }

  /** Insert a normalised address record unless it duplicates one; returns it or null. */
  insertAddress(record, formFields = []) {
    if (this.findDuplicateAddress(record)) return null;
    const a = { id: this.nextId("address"), ...record, form_fields: [] };
    this.setFormFields(a, formFields);
    this.addresses.set(a.id, a);
    return a;
  }

  // ---- attributes --------------------------------------------------------

  attributeValuesOf(customerId) {
    return [...this.attributeValues.values()].filter((v) => v.customer_id === customerId).sort((a, b) => a.id - b.id);
  }

  findAttributeValue(customerId, attributeId) {
    for (const v of this.attributeValues.values()) {
      if (v.customer_id === customerId && v.attribute_id === attributeId) return v;
    }
    return null;
  }

  upsertAttributeValue(customerId, attributeId, value) {
    const ts = this.now();
    const existing = this.findAttributeValue(customerId, attributeId);
    if (existing) {
      existing.attribute_value = value;
      existing.date_modified = ts;
      return existing;
    }
    const v = { id: this.nextId("attributeValue"), attribute_id: attributeId, attribute_value: value,
      customer_id: customerId, date_created: ts, date_modified: ts };
    this.attributeValues.set(v.id, v);
    return v;
  }

  // ---- seed data -----------------------------------------------------------

  /** A few demo records so a developer sees data immediately. */
  seed() {
    const ts = this.now();
    const group = { id: this.nextId("group"), name: "Wholesale", is_default: false, category_access: { type: "all" },
      discount_rules: [{ type: "all", method: "percent", amount: "10.0000" }], date_created: ts, date_modified: ts,
      is_group_for_guests: false };
    this.groups.set(group.id, group);
    const shoe = { id: this.nextId("attribute"), name: "Shoe size", type: "number", date_created: ts, date_modified: ts };
    this.attributes.set(shoe.id, shoe);

    const jane = this.createCustomer({ email: "jane.doe@example.com", first_name: "Jane", last_name: "Doe",
      company: "Acme Corp", phone: "555-123-4567", customer_group_id: group.id,
      store_credit_amounts: [{ amount: 25 }], form_fields: [{ name: "shirt_size", value: "Large" }] });
    this.insertAddress(this.addressRecord({ customer_id: jane.id, first_name: "Jane", last_name: "Doe",
      company: "Acme Corp", address1: "123 Main Street", city: "Austin", state_or_province: "Texas",
      postal_code: "78701", country_code: "US", phone: "555-123-4567", address_type: "commercial" }));
    this.upsertAttributeValue(jane.id, shoe.id, "38");

    const john = this.createCustomer({ email: "john.smith@example.com", first_name: "John", last_name: "Smith",
      phone: "+44 20 7946 0000", customer_group_id: 0 });
    this.insertAddress(this.addressRecord({ customer_id: john.id, first_name: "John", last_name: "Smith",
      address1: "10 Downing Street", city: "London", postal_code: "SW1A 2AA", country_code: "GB",
      phone: "+44 20 7946 0000" }));

    this.createCustomer({ email: "erika.mustermann@example.com", first_name: "Erika", last_name: "Mustermann",
      company: "Beispiel GmbH", customer_group_id: 0, accepts_product_review_abandoned_cart_emails: true });

    for (const [email, first_name, last_name, source] of [
      ["jane.doe@example.com", "Jane", "Doe", "storefront"],
      ["newsletter.fan@example.com", "Nia", "Fan", "custom"],
    ]) {
      const s = { id: this.nextId("subscriber"), email, first_name, last_name, source, order_id: null, channel_id: 1,
        consents: ["marketing_newsletter"], date_created: ts, date_modified: ts };
      this.subscribers.set(s.id, s);
    }
  }
}
