//! A small, static description of BigCommerce's request schemas and the walker that checks a
//! JSON value against one, reporting every problem at once.
//!
//! Each resource module (`v3::customers`, `v2::addresses`, ...) declares its payloads as
//! `static` [`Schema`] values transcribed from the official OpenAPI files, plus [`Rule`]s for what
//! the prose says and the schema misses. The walker never stops at the first problem, never
//! recurses deeper than the schema itself (so hostile nesting cannot exhaust the stack), and
//! never puts a rejected value into a message.
//!
//! Primitive checks delegate to the `validator` crate where it has one (string length counted in
//! Unicode scalar values, numeric ranges); formats BigCommerce needs and `validator` lacks
//! (country codes, decimals, RFC 3339 dates) are our own, written without a regex engine to keep
//! the WebAssembly build small.

use crate::issue::{push_index, push_key, Issue, Report};
use crate::json::{Array, Flat, Json, Object};
use serde_json::Value;
use validator::{ValidateLength, ValidateRange};

/// A JSON schema node, as far as BigCommerce's customer APIs need one.
#[derive(Debug)]
pub enum Schema {
    /// A JSON string.
    String(StrRule),
    /// A JSON integer within a range.
    Integer(IntRule),
    /// Any JSON number within a range.
    Number(NumRule),
    /// `true` or `false`.
    Boolean,
    /// A string from a fixed list.
    Enum(EnumRule),
    /// A JSON array.
    Array(ArrayRule),
    /// A JSON object with known fields.
    Object(ObjectRule),
    /// The inner schema, or `null`.
    Nullable(&'static Schema),
    /// The first alternative that accepts the value (e.g. form-field values: string, number or
    /// list of strings).
    OneOf(&'static [&'static Schema]),
    /// Anything (not checked).
    Any,
}

/// Constraints on a string.
#[derive(Debug)]
pub struct StrRule {
    /// Minimum length in Unicode characters.
    pub min: Option<u64>,
    /// Maximum length in Unicode characters.
    pub max: Option<u64>,
    /// A format the content must follow.
    pub format: Format,
}

/// String formats BigCommerce constrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Any string.
    Plain,
    /// An email address BigCommerce would accept (see [`is_email`]).
    Email,
    /// An ISO 3166-1 alpha-2 country code that is actually assigned (see [`crate::country`]).
    CountryCode,
    /// An RFC 3339 / ISO 8601 date-time, e.g. `2018-11-13T21:42:06Z`.
    DateTime,
    /// A decimal number written as a string, e.g. V2 `store_credit` `"10.5000"`.
    Decimal,
}

/// Constraints on an integer.
#[derive(Debug)]
pub struct IntRule {
    /// Smallest accepted value.
    pub min: Option<i64>,
    /// Largest accepted value.
    pub max: Option<i64>,
}

/// Constraints on a number.
#[derive(Debug)]
pub struct NumRule {
    /// Smallest accepted value.
    pub min: Option<f64>,
    /// Largest accepted value.
    pub max: Option<f64>,
}

/// A closed list of accepted strings.
#[derive(Debug)]
pub struct EnumRule {
    /// The accepted values.
    pub values: &'static [&'static str],
}

/// Constraints on an array.
#[derive(Debug)]
pub struct ArrayRule {
    /// Schema of every item.
    pub items: &'static Schema,
    /// Minimum number of items.
    pub min: Option<u64>,
    /// Maximum number of items (BigCommerce answers 413 for batches above their limit).
    pub max: Option<u64>,
    /// Items must be distinct.
    pub unique: bool,
}

/// How a field may be used in a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Sent and returned.
    ReadWrite,
    /// Returned only: accepted on a write (GET, edit, PUT back is common), reported as a
    /// `read_only` warning and never forwarded upstream.
    ReadOnly,
}

/// One property of an object.
#[derive(Debug)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// Its schema.
    pub schema: &'static Schema,
    /// Must be present.
    pub required: bool,
    /// Read-write or read-only.
    pub access: Access,
}

/// A cross-field rule, for what the prose says and the schema cannot (e.g. state required for
/// some countries).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// A stable name: the npm package's JavaScript mirrors some rules and finds them by it.
    pub name: &'static str,
    /// Reads the object and reports through the context.
    pub check: fn(Object<'_>, &mut Ctx),
    /// The same rule for an object of scalars as the clean check read it, when the rule has
    /// that form (it then needs no tape).
    pub(crate) flat: Option<fn(Flat<'_, '_>, &mut Ctx)>,
}

impl Rule {
    /// A rule with its name.
    pub const fn new(name: &'static str, check: fn(Object<'_>, &mut Ctx)) -> Rule {
        Rule {
            name,
            check,
            flat: None,
        }
    }

    /// The rule with its form for objects the clean check read ([`Rule::flat`]).
    pub(crate) const fn with_flat(self, flat: fn(Flat<'_, '_>, &mut Ctx)) -> Rule {
        Rule {
            name: self.name,
            check: self.check,
            flat: Some(flat),
        }
    }
}

/// Constraints on an object.
#[derive(Debug)]
pub struct ObjectRule {
    /// Name of the payload type (used for generated TypeScript types).
    pub name: &'static str,
    /// Known properties.
    pub fields: &'static [Field],
    /// Whether unknown properties are accepted (`additionalProperties`): when they are, each one
    /// is an `unknown_field` warning and is forwarded; when they are not, an `unknown_field` error.
    pub additional: bool,
    /// Cross-field rules run after the fields are checked.
    pub rules: &'static [Rule],
}

impl Field {
    /// A read-write field that may be omitted.
    pub const fn optional(name: &'static str, schema: &'static Schema) -> Field {
        Field {
            name,
            schema,
            required: false,
            access: Access::ReadWrite,
        }
    }
    /// A read-write field that must be present.
    pub const fn required(name: &'static str, schema: &'static Schema) -> Field {
        Field {
            name,
            schema,
            required: true,
            access: Access::ReadWrite,
        }
    }
    /// A field BigCommerce returns but does not accept on this write.
    pub const fn read_only(name: &'static str, schema: &'static Schema) -> Field {
        Field {
            name,
            schema,
            required: false,
            access: Access::ReadOnly,
        }
    }
}

/// A string of `min..=max` Unicode characters.
pub const fn string(min: Option<u64>, max: Option<u64>) -> Schema {
    Schema::String(StrRule {
        min,
        max,
        format: Format::Plain,
    })
}

/// A string with a format and optional length limits.
pub const fn formatted(format: Format, min: Option<u64>, max: Option<u64>) -> Schema {
    Schema::String(StrRule { min, max, format })
}

/// An integer in `min..=max`.
pub const fn integer(min: Option<i64>, max: Option<i64>) -> Schema {
    Schema::Integer(IntRule { min, max })
}

/// The 32-bit signed range that BigCommerce's `int32` ids use, positive only.
pub const ID: Schema = integer(Some(1), Some(i32::MAX as i64));

/// One step of the current path. Kept unrendered: the walker descends into thousands of
/// fields per batch and almost never reports, so the path string is only built for an issue.
#[derive(Debug)]
enum Step {
    Field(&'static str),
    Key(String),
    Index(usize),
}

/// Walks values and collects issues under a path.
#[derive(Debug, Default)]
pub struct Ctx {
    steps: Vec<Step>,
    report: Report,
    /// Only count errors (probing alternatives of a `OneOf`): no issue is built.
    probing: bool,
    probe_errors: usize,
    probe_warnings: usize,
}

impl Ctx {
    /// A fresh context at the root.
    pub fn new() -> Self {
        Ctx::default()
    }

    /// The current path, rendered (e.g. `[0].addresses[1].postal_code`).
    pub fn path(&self) -> String {
        let mut path = String::new();
        for step in &self.steps {
            match step {
                Step::Field(name) => push_key(&mut path, name),
                Step::Key(key) => push_key(&mut path, key),
                Step::Index(i) => push_index(&mut path, *i),
            }
        }
        path
    }

    /// Reports an error at the current path.
    pub fn error(&mut self, code: &str, message: impl Into<String>) {
        if self.probing {
            self.probe_errors += 1;
            return;
        }
        let issue = Issue::new(self.path(), code, message);
        self.report.errors.push(issue);
    }

    /// Reports a warning at the current path.
    pub fn warn(&mut self, code: &str, message: impl Into<String>) {
        if self.probing {
            self.probe_warnings += 1;
            return;
        }
        let issue = Issue::new(self.path(), code, message);
        self.report.warnings.push(issue);
    }

    fn at<R>(&mut self, step: Step, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.steps.push(step);
        let r = f(self);
        self.steps.pop();
        r
    }

    /// Runs `f` with the path extended by an object key.
    pub fn at_key<R>(&mut self, key: &str, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.at(Step::Key(key.to_owned()), f)
    }

    /// Runs `f` with the path extended by a field name known at compile time (no allocation).
    pub fn at_field<R>(&mut self, name: &'static str, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.at(Step::Field(name), f)
    }

    /// Runs `f` with the path extended by an array index.
    pub fn at_index<R>(&mut self, index: usize, f: impl FnOnce(&mut Ctx) -> R) -> R {
        self.at(Step::Index(index), f)
    }

    /// Number of errors so far (lets a rule skip work when a field is already wrong).
    pub fn error_count(&self) -> usize {
        self.report.errors.len() + self.probe_errors
    }

    /// A context that only counts problems (no issue, path or message is built).
    pub(crate) fn probe() -> Ctx {
        Ctx {
            probing: true,
            ..Ctx::default()
        }
    }

    /// Whether nothing at all was reported: no error and no warning.
    pub(crate) fn is_clean(&self) -> bool {
        self.error_count() == 0 && self.report.warnings.is_empty() && self.probe_warnings == 0
    }

    /// The sorted, de-duplicated report.
    pub fn finish(self) -> Report {
        self.report.finish()
    }
}

/// The JSON type name used in messages.
pub fn type_name(v: Json<'_>) -> &'static str {
    v.type_name()
}

fn expected(ctx: &mut Ctx, want: &str, got: Json<'_>) {
    ctx.error(
        "invalid_type",
        format!("expected {want}, found {}", got.type_name()),
    );
}

/// Checks `value` against `schema`, reporting into `ctx`.
pub fn check(schema: &Schema, value: Json<'_>, ctx: &mut Ctx) {
    match schema {
        Schema::Any => {}
        Schema::Nullable(inner) => {
            if !value.is_null() {
                check(inner, value, ctx)
            }
        }
        Schema::Boolean => {
            if value.as_bool().is_none() {
                expected(ctx, "boolean", value)
            }
        }
        Schema::String(rule) => match value.as_str() {
            Some(s) => check_str(rule, s, ctx),
            None => expected(ctx, "string", value),
        },
        Schema::Enum(rule) => match value.as_str() {
            Some(s) if rule.values.iter().any(|v| crate::json::same_key(v, s)) => {}
            Some(_) => ctx.error(
                "invalid_enum",
                format!("must be one of: {}", rule.values.join(", ")),
            ),
            None => expected(ctx, "string", value),
        },
        Schema::Integer(rule) => match value.as_i64() {
            Some(n) => {
                if !n.validate_range(rule.min, rule.max, None, None) {
                    range_error(ctx, rule.min, rule.max, n < rule.min.unwrap_or(i64::MIN));
                }
            }
            None if value.as_u64().is_some() => {
                range_error(ctx, rule.min, rule.max, false);
            }
            None => expected(ctx, "integer", value),
        },
        Schema::Number(rule) => match value.as_f64() {
            Some(n) => {
                if !n.validate_range(rule.min, rule.max, None, None) {
                    range_error(ctx, rule.min, rule.max, n < rule.min.unwrap_or(f64::MIN));
                }
            }
            None => expected(ctx, "number", value),
        },
        Schema::Array(rule) => match value.as_array() {
            Some(items) => check_array(rule, items, ctx),
            None => expected(ctx, "array", value),
        },
        Schema::Object(rule) => match value.as_object() {
            Some(map) => check_object(rule, map, ctx),
            None => expected(ctx, "object", value),
        },
        Schema::OneOf(alternatives) => {
            for alt in alternatives.iter() {
                let mut probe = Ctx::probe();
                check(alt, value, &mut probe);
                if probe.error_count() == 0 {
                    return;
                }
            }
            ctx.error(
                "invalid_type",
                format!(
                    "expected one of: {}, found {}",
                    alternatives
                        .iter()
                        .map(|s| describe(s))
                        .collect::<Vec<_>>()
                        .join(", "),
                    value.type_name()
                ),
            );
        }
    }
}

/// A short description of a schema's type for messages.
pub fn describe(schema: &Schema) -> &'static str {
    match schema {
        Schema::String(_) | Schema::Enum(_) => "string",
        Schema::Integer(_) => "integer",
        Schema::Number(_) => "number",
        Schema::Boolean => "boolean",
        Schema::Array(_) => "array",
        Schema::Object(_) => "object",
        Schema::Nullable(inner) => describe(inner),
        Schema::OneOf(_) | Schema::Any => "value",
    }
}

fn range_error<T: std::fmt::Display>(ctx: &mut Ctx, min: Option<T>, max: Option<T>, low: bool) {
    match (low, min, max) {
        (true, Some(min), _) => ctx.error("too_small", format!("must be at least {min}")),
        (_, _, Some(max)) => ctx.error("too_large", format!("must be at most {max}")),
        (_, Some(min), None) => ctx.error("too_small", format!("must be at least {min}")),
        (_, None, None) => ctx.error("out_of_range", "is out of range"),
    }
}

/// Whether the length in characters is surely within limits, judging from the length in bytes
/// (one to four per character), so that most strings are never counted.
fn surely_within(rule: &StrRule, s: &str) -> bool {
    let bytes = s.len() as u64;
    rule.max.is_none_or(|max| bytes <= max)
        && rule
            .min
            .is_none_or(|min| min == 0 || (min == 1 && bytes > 0) || bytes >= min.saturating_mul(4))
}

/// Whether a string passes its rule (what [`check_str`] reports on, decided without a context).
pub(crate) fn str_ok(rule: &StrRule, s: &str) -> bool {
    length_ok(rule, s) && format_ok(rule.format, s)
}

fn length_ok(rule: &StrRule, s: &str) -> bool {
    surely_within(rule, s) || s.validate_length(rule.min, rule.max, None)
}

fn format_ok(format: Format, s: &str) -> bool {
    match format {
        Format::Plain => true,
        Format::Email => s.is_empty() || is_email(s),
        Format::CountryCode => crate::country::name_of(s).is_some(),
        Format::DateTime => is_date_time(s),
        Format::Decimal => is_decimal(s),
    }
}

#[inline(never)] // keeps `check`, which recurses, small
fn check_str(rule: &StrRule, s: &str, ctx: &mut Ctx) {
    if !length_ok(rule, s) {
        // One issue per field: a wrong length makes a format complaint noise.
        let n = s.chars().count() as u64;
        match (rule.min, rule.max) {
            (Some(min), _) if n < min => {
                if min == 1 && n == 0 {
                    ctx.error("too_short", "must not be empty")
                } else {
                    ctx.error("too_short", format!("must be at least {min} characters"))
                }
            }
            (_, Some(max)) => ctx.error("too_long", format!("must be at most {max} characters")),
            _ => {}
        }
        return;
    }
    if format_ok(rule.format, s) {
        return;
    }
    let (code, message) = match rule.format {
        Format::Plain => return,
        Format::Email => (
            "invalid_email",
            "is not an email address BigCommerce accepts",
        ),
        Format::CountryCode => (
            "invalid_country_code",
            "must be an assigned ISO 3166-1 alpha-2 country code in upper case, e.g. `US`",
        ),
        Format::DateTime => (
            "invalid_date_time",
            "must be an ISO 8601 date-time, e.g. `2018-11-13T21:42:06Z`",
        ),
        Format::Decimal => (
            "invalid_decimal",
            "must be a decimal number written as a string, e.g. `10.5000`",
        ),
    };
    ctx.error(code, message);
}

#[inline(never)] // keeps `check`, which recurses, small
fn check_array(rule: &ArrayRule, items: Array<'_>, ctx: &mut Ctx) {
    let n = items.len() as u64;
    if let Some(min) = rule.min {
        if n < min {
            ctx.error(
                "too_few_items",
                format!("must contain at least {min} item{}", plural(min)),
            );
        }
    }
    if let Some(max) = rule.max {
        if n > max {
            ctx.error(
                "too_many_items",
                format!("must contain at most {max} item{}", plural(max)),
            );
        }
    }
    for (i, item) in items.iter().enumerate() {
        ctx.at_index(i, |ctx| check(rule.items, item, ctx));
    }
    if rule.unique {
        let items: Vec<Json<'_>> = items.iter().collect();
        for (i, item) in items.iter().enumerate() {
            if items[..i].contains(item) {
                ctx.at_index(i, |ctx| {
                    ctx.error("duplicate_item", "repeats an earlier item of this list")
                });
            }
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[inline(never)] // keeps `check`, which recurses, small
fn check_object(rule: &ObjectRule, map: Object<'_>, ctx: &mut Ctx) {
    // One pass over what was sent, noting where each declared field's value is (the last one
    // when a key is repeated, as serde_json keeps it), then one over the declared fields: no
    // lookups per declared field (the hot path of every batch).
    let mut small = [0usize; 32];
    let mut large = Vec::new();
    let found: &mut [usize] = if rule.fields.len() <= small.len() {
        &mut small[..rule.fields.len()]
    } else {
        large.resize(rule.fields.len(), 0);
        &mut large
    };
    let mut next = 0;
    for (key, v) in map.iter() {
        match find_field(rule.fields, key, next) {
            // A value is never at index 0 (the document's root).
            Some(i) => {
                found[i] = v.index();
                next = i + 1;
            }
            None => ctx.at_key(key, |ctx| {
                let message = format!("is not a field of `{}`", rule.name);
                // The spec allows extra properties here: forward them, but say so, since
                // a misspelt field is the usual cause.
                if rule.additional {
                    ctx.warn("unknown_field", message)
                } else {
                    ctx.error("unknown_field", message)
                }
            }),
        }
    }
    for (field, &at) in rule.fields.iter().zip(found.iter()) {
        if at != 0 {
            ctx.at_field(field.name, |ctx| {
                if field.access == Access::ReadOnly {
                    ctx.warn(
                        "read_only",
                        "is read-only on this operation and will not be sent",
                    );
                } else {
                    check(field.schema, map.value_at(at), ctx);
                }
            });
        } else if field.required {
            ctx.at_field(field.name, |ctx| ctx.error("required", "is required"));
        }
    }
    for r in rule.rules {
        (r.check)(map, ctx);
    }
}

/// Index of the field named `key`. The search starts at `from` and wraps around: bodies mostly
/// list fields in the schema's order, so the next key is usually the next field.
pub(crate) fn find_field(fields: &[Field], key: &str, from: usize) -> Option<usize> {
    // Two plain loops (a chained iterator compiles to slower WebAssembly).
    let from = from.min(fields.len());
    let (before, after) = fields.split_at(from);
    for (i, field) in after.iter().enumerate() {
        if crate::json::same_key(field.name, key) {
            return Some(from + i);
        }
    }
    before
        .iter()
        .position(|field| crate::json::same_key(field.name, key))
}

/// Removes every read-only field (recursively, as far as the schema goes) so that what is
/// forwarded upstream is exactly what BigCommerce accepts on this write.
pub fn strip_read_only(schema: &Schema, value: &mut Value) {
    match (schema, value) {
        (Schema::Nullable(inner), v) => strip_read_only(inner, v),
        (Schema::Array(rule), Value::Array(items)) => {
            for item in items {
                strip_read_only(rule.items, item);
            }
        }
        (Schema::Object(rule), Value::Object(map)) => {
            for field in rule.fields {
                if field.access == Access::ReadOnly {
                    map.remove(field.name);
                } else if let Some(v) = map.get_mut(field.name) {
                    strip_read_only(field.schema, v);
                }
            }
        }
        _ => {}
    }
}

/// Whether a string is an email address that BigCommerce would accept: one `@`, a dot-atom local
/// part of at most 64 characters (RFC 5321 atext, no leading, trailing or doubled dots), and a
/// domain of at least two labels of letters, digits and inner hyphens, ending in a top-level label
/// of at least two letters. Non-ASCII letters are accepted in both parts (internationalized
/// addresses), quoted local parts and IP-literal domains are not.
///
/// ```
/// use bc_customers_core::schema::is_email;
/// assert!(is_email("jane.doe+news@example.co.uk"));
/// assert!(!is_email("jane@localhost"));
/// assert!(!is_email("jane..doe@example.com"));
/// ```
pub fn is_email(s: &str) -> bool {
    if s.is_ascii() {
        is_ascii_email(s.as_bytes())
    } else {
        is_unicode_email(s)
    }
}

/// Byte classes of ASCII emails ([`EMAIL_BYTES`]): a character of the local part's atoms.
const ATOM: u8 = 1;
/// ... and a character of a domain label.
const LABEL: u8 = 2;

/// The class bits of every byte (non-ASCII bytes have none).
static EMAIL_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ATOM | LABEL;
        }
        b += 1;
    }
    let specials = b"!#$%&'*+-/=?^_`{|}~";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] |= ATOM;
        i += 1;
    }
    t[b'-' as usize] |= LABEL;
    t
};

/// [`is_email`] for ASCII text, in one pass over the bytes (the usual case, on the hot path).
fn is_ascii_email(s: &[u8]) -> bool {
    let Some(at) = s.iter().rposition(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    // Dot-separated atoms, none empty.
    let mut part = 0;
    for &b in local {
        if b == b'.' {
            if part == 0 {
                return false;
            }
            part = 0;
        } else if EMAIL_BYTES[usize::from(b)] & ATOM != 0 {
            part += 1;
        } else {
            return false;
        }
    }
    if part == 0 {
        return false;
    }
    // Dot-separated labels of 1 to 63 characters, not starting or ending with `-`; at least
    // two; the last (the top-level domain) of two characters or more, not all digits.
    let (mut labels, mut len, mut prev, mut digits_only) = (0, 0, b'.', true);
    for &b in domain {
        if b == b'.' {
            if len == 0 || prev == b'-' {
                return false;
            }
            (labels, len, digits_only) = (labels + 1, 0, true);
        } else {
            if EMAIL_BYTES[usize::from(b)] & LABEL == 0 || (len == 0 && b == b'-') || len == 63 {
                return false;
            }
            len += 1;
            digits_only &= b.is_ascii_digit();
        }
        prev = b;
    }
    len >= 2 && prev != b'-' && labels >= 1 && !digits_only
}

fn is_unicode_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || local.chars().count() > 64 || domain.chars().count() > 253 {
        return false;
    }
    let atext = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    if !local
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(atext))
    {
        return false;
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let (mut labels, mut tld) = (0, "");
    for label in domain.split('.') {
        if !label_ok(label) {
            return false;
        }
        labels += 1;
        tld = label;
    }
    labels >= 2
        && tld.chars().count() >= 2
        && tld
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c.is_ascii_digit())
        && !tld.chars().all(|c| c.is_ascii_digit())
}

/// Whether a string is an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`), with a
/// real calendar date.
///
/// ```
/// use bc_customers_core::schema::is_date_time;
/// assert!(is_date_time("2018-11-13T21:42:06Z"));
/// assert!(is_date_time("2022-06-16T18:39:00+00:00"));
/// assert!(!is_date_time("2018-02-30T00:00:00Z"));
/// ```
pub fn is_date_time(s: &str) -> bool {
    parse_date_time(s).is_some()
}

/// Parses an RFC 3339 date-time into seconds since the Unix epoch (UTC).
pub fn parse_date_time(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let rb = rest.as_bytes();
            if rb.len() != 6 || !(rb[0] == b'+' || rb[0] == b'-') || rb[3] != b':' {
                return None;
            }
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            if oh > 23 || om > 59 {
                return None;
            }
            let sign = if rb[0] == b'-' { -1 } else { 1 };
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// Number of days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` for a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Whether a string is a plain decimal number: optional `-`, digits, optional fraction.
pub fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|c| c.is_ascii_digit())
        && frac.bytes().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static NAME: Schema = string(Some(1), Some(5));
    static AGE: Schema = integer(Some(0), Some(150));
    static TAGS_ITEM: Schema = string(None, None);
    static TAGS: Schema = Schema::Array(ArrayRule {
        items: &TAGS_ITEM,
        min: Some(1),
        max: Some(2),
        unique: true,
    });
    static STAMP: Schema = formatted(Format::DateTime, None, None);
    static PERSON: Schema = Schema::Object(ObjectRule {
        name: "Person",
        fields: &[
            Field::required("name", &NAME),
            Field::optional("age", &AGE),
            Field::optional("tags", &TAGS),
            Field::read_only("date_created", &STAMP),
        ],
        additional: false,
        rules: &[],
    });

    fn codes(v: Value) -> Vec<(String, String)> {
        let mut ctx = Ctx::new();
        check(
            &PERSON,
            crate::json::Document::from_value(&v).root(),
            &mut ctx,
        );
        ctx.finish()
            .errors
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    }

    #[test]
    fn reports_every_problem_at_once_sorted_by_path() {
        let got = codes(json!({"age": 200, "tags": ["a", "a", "b"], "x": 1}));
        let want = [
            ("age", "too_large"),
            ("name", "required"),
            ("tags", "too_many_items"),
            ("tags[1]", "duplicate_item"),
            ("x", "unknown_field"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(codes(json!({"name": "ééééé"})).is_empty());
        assert_eq!(codes(json!({"name": "éééééé"}))[0].1, "too_long");
        assert_eq!(codes(json!({"name": ""}))[0].1, "too_short");
    }

    #[test]
    fn read_only_fields_warn_and_are_stripped() {
        let mut v = json!({"name": "a", "date_created": "not even a date"});
        let mut ctx = Ctx::new();
        check(
            &PERSON,
            crate::json::Document::from_value(&v).root(),
            &mut ctx,
        );
        let report = ctx.finish();
        assert!(report.errors.is_empty());
        assert_eq!(report.warnings[0].code, "read_only");
        strip_read_only(&PERSON, &mut v);
        assert_eq!(v, json!({"name": "a"}));
    }

    #[test]
    fn messages_never_contain_the_value() {
        let secret = "sekrit-value-123";
        let mut ctx = Ctx::new();
        let v = json!({"name": secret, "age": secret});
        check(
            &PERSON,
            crate::json::Document::from_value(&v).root(),
            &mut ctx,
        );
        for issue in ctx.finish().errors {
            assert!(!issue.message.contains(secret), "{issue}");
        }
    }

    #[test]
    fn integers_reject_fractions_and_huge_values() {
        assert_eq!(codes(json!({"name": "a", "age": 1.5}))[0].1, "invalid_type");
        assert_eq!(
            codes(json!({"name": "a", "age": u64::MAX}))[0].1,
            "too_large"
        );
        assert_eq!(codes(json!({"name": "a", "age": -1}))[0].1, "too_small");
    }

    proptest::proptest! {
        #[test]
        fn ascii_emails_are_judged_as_unicode_ones(s in "[a.@_+!1-]{0,12}(@[a.1-]{0,10})?") {
            proptest::prop_assert_eq!(is_ascii_email(s.as_bytes()), is_unicode_email(&s));
        }

        #[test]
        fn emails_with_long_labels_or_odd_bytes_are_judged_as_unicode_ones(
            s in "[aZ9#\" (~.]{0,4}@[a-zA-Z1 _-]{0,4}\\.[a-z1-]{0,3}|[a-z~]{1,2}@[a-z]([a-z0-9-]{59,63}[a-z])?\\.[a-z1-]{1,3}"
        ) {
            proptest::prop_assert_eq!(is_ascii_email(s.as_bytes()), is_unicode_email(&s));
        }
    }

    #[test]
    fn emails() {
        for ok in ["a@b.co", "first.last+tag@sub.example.com", "x_y@exämple.de"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@.com",
            "a@b..com",
            ".a@b.com",
            "a.@b.com",
            "a b@c.com",
            "a@-b.com",
            "a@b.c",
            "a@b.123",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn date_times_round_trip_through_civil_days() {
        assert_eq!(parse_date_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_date_time("2018-01-10T21:02:23+01:00"),
            Some(1_515_618_143 - 3600)
        );
        assert!(parse_date_time("2024-02-29T00:00:00Z").is_some());
        assert!(parse_date_time("2023-02-29T00:00:00Z").is_none());
        for days in [-1000, 0, 17_000, 20_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn decimals() {
        assert!(is_decimal("10.5000") && is_decimal("0") && is_decimal("-3.1"));
        assert!(!is_decimal("1e5") && !is_decimal(".5") && !is_decimal("5.") && !is_decimal(""));
    }
}
