// The clean check for JavaScript values: core's schema table (schema-table.js, generated from
// core/src/table.rs) compiled into closures that say whether a value is surely valid, without
// warnings, and forwarded as it is, and return the copy JSON would carry (`undefined` means
// "not sure": the caller then writes the value as JSON and lets the wasm module decide and
// report). It only answers where JavaScript can decide exactly as the Rust walker would: any
// doubt (a problem, a format or rule it does not mirror, anything JSON.stringify would change,
// non-ASCII emails, strings with edge whitespace where a rule trims) is "not sure". The package's
// tests compare it with the wasm path on generated values.

/** Charge per value against the body size limit, on top of 6 per string character (`\u0000`). */
const NODE_COST = 32;

/** Whether a UTF-16 unit is whitespace to JavaScript's `trim` or Rust's `char::is_whitespace`. */
const isSpace = (c) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
/** Whitespace at either end (where Rust's `trim` would change the string). */
const edgeSpace = (s) => s !== "" && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)));
/** Whether every UTF-16 unit is ASCII. */
function isAscii(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
/** Any surrogate: such strings are left to the wasm (lone ones are refused by serde_json). */
function hasSurrogate(s) {
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
}

// RFC 5321 atext, by UTF-16 unit (ASCII only).
const ATEXT = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~") ATEXT[c.charCodeAt(0)] = 1;
const alnum = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** core's `is_ascii_email` (non-ASCII text: false, which callers read as "not sure"). */
function asciiEmail(s) {
  const at = s.lastIndexOf("@");
  const n = s.length;
  if (at <= 0 || at > 64 || n - at - 1 > 253) return false;
  let part = 0;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (part === 0) return false;
      part = 0;
    } else if (c < 128 && ATEXT[c]) part++;
    else return false;
  }
  if (part === 0) return false;
  // Labels of letters, digits and inner hyphens, at most 63 long; at least two; the last one
  // at least two long and not all digits.
  let labels = 0;
  let start = at + 1;
  for (let i = start; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (len === 0 || len > 63 || s.charCodeAt(start) === 45 || s.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === n) {
        let digits = true;
        for (let k = start; k < n; k++) digits &&= s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57;
        return labels >= 2 && len >= 2 && !digits;
      }
      start = i + 1;
    } else if (!(alnum(c) || c === 45)) return false;
  }
  return false;
}

/** core's `looks_like_state_code` for a string without edge whitespace: 2 or 3 of `A`-`Z`. */
function stateCode(s) {
  if (s.length < 2 || s.length > 3) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 65 || s.charCodeAt(i) > 90) return false;
  return true;
}

/**
 * Compiles the table. `countries` is the package's country list (`{code, requiresState,
 * requiresPostalCode}`). Returns `check(index, value, maxLength)`: the JSON copy of a clean
 * value, or `undefined`.
 */
export function cleanChecker(table, countries) {
  const codes = new Map(countries.map((c) => [c.code, c]));
  let budget = 0; // characters of JSON left before the body size limit

  const blank = (v, partial) => (v === undefined ? !partial : v === "");
  // core's `check_region` for V3 keys, on the copy; strings with edge whitespace: not sure.
  const region = (partial) => (o) => {
    const state = o.state_or_province;
    const postal = o.postal_code;
    if (typeof state === "string" && (edgeSpace(state) || stateCode(state))) return false;
    if (typeof postal === "string" && edgeSpace(postal)) return false;
    const country = codes.get(o.country_code);
    if (country === undefined) return true;
    return !(country.requiresState && blank(state, partial)) && !(country.requiresPostalCode && blank(postal, partial));
  };
  const RULES = { region_rule: region(false), region_rule_update: region(true) };
  const BODY_RULES = {
    // core's `duplicate_emails` for ASCII emails without edge whitespace (where Rust compares
    // ASCII case-insensitively, as `toLowerCase` does).
    duplicate_emails: (body) => {
      if (!Array.isArray(body)) return true;
      const seen = new Set();
      for (const item of body) {
        const email = item?.email;
        if (typeof email !== "string") continue;
        if (edgeSpace(email) || !isAscii(email)) return false;
        const key = email.toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
      }
      return true;
    },
  };

  const fns = [];
  const ref = (i) => (v) => fns[i](v);
  const compile = ([kind, a, b, c, d]) => {
    switch (kind) {
      case "s":
        return (v) => {
          if (typeof v !== "string") return;
          const n = v.length;
          budget -= NODE_COST + 6 * n;
          // Without surrogates, Rust's count of characters is the length.
          if ((b !== null && n > b) || (a !== null && n < a) || hasSurrogate(v)) return;
          if (c === "plain" || (c === "email" && (v === "" || asciiEmail(v))) || (c === "country_code" && codes.has(v))) return v;
        };
      case "i":
      case "n":
        return (v) => {
          budget -= NODE_COST;
          if (typeof v !== "number" || !Number.isFinite(v)) return;
          // Integers are compared exactly; other numbers only where nothing bounds them.
          if (Number.isSafeInteger(v) ? (a === null || v >= a) && (b === null || v <= b) : kind === "n" && a === null && b === null) return v + 0;
        };
      case "b":
        return (v) => ((budget -= NODE_COST), typeof v === "boolean" ? v : undefined);
      case "e":
        return (v) => ((budget -= NODE_COST), a.includes(v) ? v : undefined);
      case "?": {
        const inner = ref(a);
        return (v) => (v === null ? ((budget -= NODE_COST), null) : inner(v));
      }
      case "|": {
        const alts = a.map(ref);
        return (v) => {
          for (const alt of alts) {
            const r = alt(v);
            if (r !== undefined) return r;
          }
        };
      }
      case "a": {
        const item = ref(a);
        return (v) => {
          if (!Array.isArray(v) || typeof v.toJSON === "function") return;
          const n = v.length;
          if ((b !== null && n < b) || (c !== null && n > c) || (d && n > 1)) return;
          budget -= NODE_COST;
          const out = new Array(n);
          for (let i = 0; i < n; i++) {
            const r = item(v[i]);
            if (r === undefined) return;
            out[i] = r;
          }
          return out;
        };
      }
      case "o": {
        // Read-write fields only: a read-only one is a key the object does not list.
        const fields = a.map(([key, node, required]) => ({ key, check: ref(node), required }));
        const byKey = new Map(fields.map((f) => [f.key, f]));
        const rules = c.map((name) => RULES[name]);
        if (rules.includes(undefined)) return () => undefined;
        // The copy JSON would give, key by key (keys whose values JSON leaves out are skipped).
        const required = fields.filter((f) => f.required).length;
        const slowCopy = (v) => {
          const out = {};
          let seen = 0;
          for (const key of Object.keys(v)) {
            const x = v[key];
            if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
            const field = byKey.get(key);
            if (field === undefined) return;
            budget -= 6 * key.length;
            const r = field.check(x);
            if (r === undefined) return;
            out[key] = r;
            if (field.required) seen++;
          }
          return seen === required ? out : undefined;
        };
        return (v) => {
          if (v === null || typeof v !== "object" || Array.isArray(v)) return;
          const proto = Object.getPrototypeOf(v);
          if ((proto !== Object.prototype && proto !== null) || typeof v.toJSON === "function") return;
          budget -= NODE_COST;
          // The usual case: every key is a field with a JSON value. Then the copy is a spread,
          // with copies of the containers put in.
          let present = 0;
          let out;
          for (const field of fields) {
            const x = v[field.key];
            if (x === undefined) {
              if (field.required) return;
              continue;
            }
            present++;
            budget -= 6 * field.key.length;
            const r = field.check(x);
            if (r === undefined) return;
            if (!Object.is(r, x)) (out ??= { ...v })[field.key] = r;
          }
          if (Object.keys(v).length !== present) out = slowCopy(v);
          else out ??= { ...v };
          if (out === undefined) return;
          for (const rule of rules) if (!rule(out)) return;
          return out;
        };
      }
      default: // "*" (anything) and kinds this version does not know: not sure
        return () => undefined;
    }
  };
  for (const node of table.nodes) fns.push(compile(node));

  const ops = table.ops.map(([, root, bodyRules]) => {
    const rules = bodyRules.map((name) => BODY_RULES[name]);
    return rules.includes(undefined) ? undefined : { root: fns[root], rules };
  });

  return (index, value, maxLength) => {
    const op = ops[index];
    if (op === undefined) return;
    budget = maxLength;
    let out;
    try {
      out = op.root(value);
    } catch {
      return; // a getter or proxy that throws: JSON.stringify will say so
    }
    if (out === undefined || budget < 0) return;
    for (const rule of op.rules) if (!rule(out)) return;
    return out;
  };
}
