// Validation over a wasm module's raw exports (`validateRaw`, `countriesRaw`):
// shared by the full package (api.js) and the small `bc-customers/validate` entry.
// Nothing here throws on bad input: every problem comes back as an issue.

const VENDOR = "bc-customers";

/** Bodies larger than this many UTF-16 code units are refused before they reach the wasm. */
export const MAX_BODY_LENGTH = 8 * 1024 * 1024;

/**
 * Every operation id, with its named export, in the order the wasm modules index them. Naming
 * rule: V3 operations are the singular resource then the verb in camelCase
 * (`v3.customers.create` -> `customerCreate`, `v3.attribute_values.upsert` ->
 * `attributeValueUpsert`; `settings`, `channel_settings` and `credentials` have no singular);
 * V2 operations the same with a `v2` prefix (`v2.customer_groups.create` ->
 * `v2CustomerGroupCreate`).
 */
export const OPERATIONS = Object.freeze({
  "v3.subscribers.create": "subscriberCreate",
  "v3.subscribers.update": "subscriberUpdate",
  "v3.customers.create": "customerCreate",
  "v3.customers.update": "customerUpdate",
  "v3.addresses.create": "addressCreate",
  "v3.addresses.update": "addressUpdate",
  "v3.attributes.create": "attributeCreate",
  "v3.attributes.update": "attributeUpdate",
  "v3.attribute_values.upsert": "attributeValueUpsert",
  "v3.form_field_values.upsert": "formFieldValueUpsert",
  "v3.consent.update": "consentUpdate",
  "v3.settings.update": "settingsUpdate",
  "v3.channel_settings.update": "channelSettingsUpdate",
  "v3.credentials.validate": "credentialsValidate",
  "v2.customers.create": "v2CustomerCreate",
  "v2.customers.update": "v2CustomerUpdate",
  "v2.addresses.create": "v2AddressCreate",
  "v2.addresses.update": "v2AddressUpdate",
  "v2.customer_groups.create": "v2CustomerGroupCreate",
  "v2.customer_groups.update": "v2CustomerGroupUpdate",
});

const issue = (code, message) => ({ message, path: [], code });
const NOT_JSON = Object.freeze({ issues: [issue("invalid_type", "expected a value that can be written as JSON")] });
const NOT_TEXT = Object.freeze({ issues: [issue("invalid_type", "expected a JSON string")] });
const TOO_LARGE = Object.freeze({ issues: [issue("too_large", `body is longer than ${MAX_BODY_LENGTH} characters`)] });

/** JSON text of a JS value, or a frozen failure result (never throws: BigInt, cycles, throwing getters...). */
export function toJsonText(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch {
    return NOT_JSON;
  }
  return typeof text === "string" ? text : NOT_JSON;
}

/**
 * A valid result whose `value` is parsed from the JSON text only when first read. A class with
 * the getter on its prototype: an object literal with its own getter costs about 30 times more
 * to create, which showed in the one-object benchmark. `toJSON` and the inspect hook keep it
 * printable.
 */
class LazyResult {
  #text;
  #value;
  #parsed = false;

  constructor(text) {
    this.#text = text;
  }

  get value() {
    if (!this.#parsed) {
      this.#value = JSON.parse(this.#text);
      this.#parsed = true;
    }
    return this.#value;
  }

  toJSON() {
    return { value: this.value };
  }

  // Node's console.log and util.inspect show `{ value: ... }`, not an empty `LazyResult {}`.
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return { value: this.value };
  }
}

const lazyValue = (text) => new LazyResult(text);

const encoder = new TextEncoder();

/** Node's `Buffer`, when a Node entry provides it (see [`useNodeBuffer`]). */
let NodeBuffer;

/**
 * Called by the Node entries: there `Buffer#write` puts a body into the module's memory, as
 * Latin-1 when no character is above U+00FF (0.3 µs for a 4 KB body: about a copy) and as
 * UTF-8 otherwise (in about 60% of the time `TextEncoder#encodeInto` takes). Other runtimes
 * keep `encodeInto`: a bundler's `Buffer` polyfill would be much slower.
 */
export function useNodeBuffer(B) {
  NodeBuffer = B;
}

/** Matches a character above U+00FF: text without one can be written as Latin-1. */
const WIDE = /[^\0-\xff]/;

/**
 * Bodies up to this many UTF-16 code units are encoded straight into the wasm module's memory;
 * longer ones go through the generated glue (so the module's input buffer stays small).
 */
const DIRECT_LENGTH = 256 * 1024;

/**
 * Binds the validation API to one instantiated wasm glue module. `checkerFor(countries)`, when
 * given, makes the clean check of JavaScript values (clean.js): the full package has it, the
 * small `bc-customers/validate` entry leaves out its 3 KB gzip and always writes JSON.
 */
export function bindValidation(raw, checkerFor) {
  let indexes; // operation id -> index in the wasm registry
  const indexOf = (id) => {
    indexes ??= new Map(Object.keys(OPERATIONS).map((op, i) => [op, i]));
    return indexes.get(id) ?? 0xffffffff;
  };
  // For JavaScript values: the JSON copy of a surely clean value, or undefined (see clean.js).
  let checker;
  function cleanCopy(operationId, value) {
    if (checkerFor === undefined) return undefined;
    checker ??= checkerFor(countries());
    let index;
    try {
      index = indexOf(String(operationId));
    } catch {
      return undefined;
    }
    return checker(index, value, MAX_BODY_LENGTH);
  }

  // The body is written into the module's input buffer (`Buffer#write` in Node, `encodeInto`
  // elsewhere): the generated glue for string arguments copies ASCII text one character at a
  // time, which was about a third of the cost of validating a batch.
  const direct = typeof raw.inputBuffer === "function";
  let memory;
  let bytes; // a view of the module's memory, renewed when the memory grows
  function validateText(index, text) {
    if (!direct || text.length > DIRECT_LENGTH) return raw.validateRaw(index, text);
    // Node writes text with no character above U+00FF as Latin-1 almost as fast as a copy,
    // and about 15 times faster than as UTF-8: the module makes the UTF-8 (`validateLatin1`).
    const latin1 = NodeBuffer !== undefined && !WIDE.test(text);
    const capacity = latin1 ? text.length : text.length * 3; // at most 3 UTF-8 bytes per unit
    const at = raw.inputBuffer(capacity);
    memory ??= raw.wasmMemory();
    if (bytes === undefined || bytes.buffer !== memory.buffer) {
      bytes = NodeBuffer ? NodeBuffer.from(memory.buffer) : new Uint8Array(memory.buffer);
    }
    if (latin1) return raw.validateLatin1(index, bytes.write(text, at, capacity, "latin1"));
    const written = NodeBuffer
      ? bytes.write(text, at, capacity)
      : encoder.encodeInto(text, bytes.subarray(at, at + capacity)).written;
    return raw.validateInput(index, written);
  }

  // -> undefined (valid, nothing to report, body unchanged) or {errors, warnings, body?}
  function run(operationId, text) {
    if (text.length > MAX_BODY_LENGTH) return { errors: TOO_LARGE.issues, warnings: [] };
    let out;
    try {
      out = validateText(indexOf(String(operationId)), text);
    } catch {
      return { errors: [issue("internal_error", "the validator failed on this input")], warnings: [] };
    }
    return out === undefined ? undefined : JSON.parse(out);
  }

  function resultOf(text, out) {
    if (out === undefined) return lazyValue(text);
    if (out.errors.length) return { issues: out.errors };
    return out.body === undefined ? lazyValue(text) : { value: out.body };
  }

  function validateJson(operationId, text) {
    if (typeof text !== "string") return NOT_TEXT;
    return resultOf(text, run(operationId, text));
  }

  function validate(operationId, value) {
    const copy = cleanCopy(operationId, value);
    if (copy !== undefined) return { value: copy };
    const text = toJsonText(value);
    if (typeof text !== "string") return text;
    return resultOf(text, run(operationId, text));
  }

  function reportOf(text, out) {
    if (out === undefined) return { errors: [], warnings: [], value: JSON.parse(text) };
    if (out.errors.length) return { errors: out.errors, warnings: out.warnings };
    return { errors: [], warnings: out.warnings, value: out.body === undefined ? JSON.parse(text) : out.body };
  }

  function validateReport(operationId, value) {
    const copy = cleanCopy(operationId, value);
    if (copy !== undefined) return { errors: [], warnings: [], value: copy };
    const text = toJsonText(value);
    if (typeof text !== "string") return { errors: text.issues, warnings: [] };
    return reportOf(text, run(operationId, text));
  }

  function validateJsonReport(operationId, text) {
    if (typeof text !== "string") return { errors: NOT_TEXT.issues, warnings: [] };
    return reportOf(text, run(operationId, text));
  }

  function standardSchema(operationId) {
    return Object.freeze({
      operationId,
      "~standard": Object.freeze({
        version: 1,
        vendor: VENDOR,
        validate: (value) => validate(operationId, value),
      }),
    });
  }

  const schemas = Object.freeze(
    Object.fromEntries(Object.keys(OPERATIONS).map((id) => [id, standardSchema(id)])),
  );

  let countryList;
  function countries() {
    countryList ??= Object.freeze(JSON.parse(raw.countriesRaw()).map(Object.freeze));
    return countryList;
  }

  const named = Object.fromEntries(Object.entries(OPERATIONS).map(([id, name]) => [name, schemas[id]]));

  return {
    schemas,
    validate,
    validateJson,
    validateReport,
    validateJsonReport,
    countries,
    operationIds: () => Object.keys(OPERATIONS),
    ...named,
  };
}
