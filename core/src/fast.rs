//! The one-pass check behind [`Operation::is_clean_json`]: reads JSON text with the schema in
//! hand and answers only "clean" (valid, no warning, forwarded unchanged) or "look closer".
//!
//! Most bodies a validator sees are clean, and for those the full path (parse into a tape, then
//! walk the tape) does twice the work: every key is read, stored, and matched again. This check
//! reads each value once, where its schema is known, and checks leaves with the same functions
//! the walker uses. It gives up ([`Slow`]) at anything that would need a closer look to report
//! on or to decide exactly as the full path does: any error or warning, escapes in strings,
//! repeated keys, unique-item arrays of more than one item, floats where a bound applies, rules
//! it cannot run itself. Giving up is always safe: the caller then takes the full path, which
//! decides and reports. So the only contract is one-way: "clean" here implies an empty report
//! there, which the property tests and the `validate_json` fuzz target check.
//!
//! Object rules (e.g. state and postal code for an address's country) run on the entries read
//! when they have a form for them ([`Flat`]); others on a flat object built from the entries, or,
//! when an entry was not a scalar, on the object's text parsed for them. Body rules run only
//! when they have an [`ItemStrings`] form.

use crate::json::{self, Flat, Scalar, Tape, MAX_DEPTH};
use crate::ops::{BodyRule, ItemStrings};
use crate::schema::{find_field, str_ok, Access, ArrayRule, Ctx, NumRule, ObjectRule, Schema};
use std::cell::Cell;

/// The check gave up: take the full path.
pub(crate) struct Slow;

type Step<T> = Result<T, Slow>;

/// Whether `text` is surely a clean body for `schema` and `rules` (see the module docs).
pub(crate) fn is_clean(schema: &Schema, rules: &[BodyRule], text: &str) -> bool {
    // The body rules' one-pass forms; one collected field at most.
    let mut forms = rules.iter().map(|r| r.items);
    let collect: Option<ItemStrings> = match (forms.next(), forms.next()) {
        (None, _) => None,
        (Some(Some(form)), None) => Some(form),
        _ => return false,
    };
    let scratch = SCRATCH.take();
    let mut walker = Walker {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        root_is_array: false,
        collect: collect.map(|c| c.field),
        collected: json::recycle(scratch.collected),
        entries: json::recycle(scratch.entries),
        tape: scratch.tape.recycle(),
        orders: scratch.orders,
    };
    walker.skip_whitespace();
    walker.root_is_array = walker.peek() == Some(b'[');
    let clean = walker.value(schema).is_ok() && {
        walker.skip_whitespace();
        walker.pos == walker.bytes.len() && collect.is_none_or(|c| (c.accept)(&walker.collected))
    };
    SCRATCH.set(Scratch {
        collected: json::recycle(walker.collected),
        entries: json::recycle(walker.entries),
        tape: walker.tape.recycle(),
        orders: walker.orders,
    });
    clean
}

/// What a check leaves for the next one on the same thread: the key orders it learned (a batch
/// often follows another of the same shape) and its buffers, emptied.
#[derive(Default)]
struct Scratch {
    collected: Vec<&'static str>,
    entries: Vec<(&'static str, Scalar<'static>)>,
    tape: Tape<'static>,
    orders: Vec<(*const ObjectRule, Vec<u8>)>,
}

thread_local! {
    static SCRATCH: Cell<Scratch> = Cell::default();
}

struct Walker<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Containers open around the current position.
    depth: usize,
    root_is_array: bool,
    /// The field whose string values are collected from the items of a top-level array.
    collect: Option<&'static str>,
    collected: Vec<&'a str>,
    /// Entries of the objects with rules being read (a stack: inner objects truncate back).
    entries: Vec<(&'a str, Scalar<'a>)>,
    /// Where the objects rules read are built (one at a time).
    tape: Tape<'a>,
    /// Per object schema, the field that followed each field last time (see [`Walker::key`]),
    /// kept from one check to the next.
    orders: Vec<(*const ObjectRule, Vec<u8>)>,
}

/// Deepest nesting this check follows; deeper (legal up to [`MAX_DEPTH`]) takes the full path.
const DEPTH: usize = 64;
const _: () = assert!(DEPTH < MAX_DEPTH);

/// A number as `serde_json` classifies it: integers that fit `u64` (positive) or `i64`
/// (negative) are integers, everything else a float.
enum Number {
    Pos(u64),
    Neg(i64),
    /// A finite float (its value unread).
    Float,
}

/// What a checked value was: a scalar, or something rules would need parsed (a container, a
/// float).
type Read<'a> = Option<Scalar<'a>>;

impl<'a> Walker<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// Consumes `byte` after optional whitespace.
    fn expect(&mut self, byte: u8) -> Step<()> {
        self.skip_whitespace();
        if self.peek() != Some(byte) {
            return Err(Slow);
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// A string without escapes, starting at its opening quote.
    fn string(&mut self) -> Step<&'a str> {
        if self.peek() != Some(b'"') {
            return Err(Slow);
        }
        let start = self.pos + 1;
        self.pos = json::skip_plain(self.bytes, start);
        if self.peek() != Some(b'"') {
            return Err(Slow);
        }
        self.pos += 1;
        self.text.get(start..self.pos - 1).ok_or(Slow)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Step<Number> {
        let negative = self.literal(b"-");
        let int_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Slow),
        }
        let int_end = self.pos;
        let mut float = false;
        if self.literal(b".") {
            if self.digits() == 0 {
                return Err(Slow);
            }
            float = true;
        }
        // The power of ten the exponent adds, when it is positive (saturated).
        let mut exponent = 0usize;
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let negative_exponent = self.literal(b"-");
            if !negative_exponent {
                self.literal(b"+");
            }
            let digits_at = self.pos;
            if self.digits() == 0 {
                return Err(Slow);
            }
            if !negative_exponent {
                exponent = self.bytes[digits_at..self.pos]
                    .iter()
                    .fold(0usize, |e, &d| {
                        e.saturating_mul(10).saturating_add(usize::from(d - b'0'))
                    });
            }
            float = true;
        }
        if !float {
            let magnitude = self.bytes[int_start..int_end]
                .iter()
                .try_fold(0u64, |n, &d| {
                    n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                });
            match (magnitude, negative) {
                (Some(n), false) => return Ok(Number::Pos(n)),
                // `-0` is a float to `serde_json`.
                (Some(n @ 1..), true) if n <= 1 << 63 => {
                    return Ok(Number::Neg((n as i64).wrapping_neg()));
                }
                _ => {}
            }
        }
        // Its value is not read (reading it exactly as `serde_json` does would take its own
        // algorithm), only whether it surely is finite: `serde_json` refuses a float that
        // overflows, and below 10^300 none does.
        if (int_end - int_start).saturating_add(exponent) < 300 {
            Ok(Number::Float)
        } else {
            Err(Slow)
        }
    }

    /// A number checked against integer bounds, as the walker checks it.
    fn integer(&mut self, min: Option<i64>, max: Option<i64>) -> Step<Read<'a>> {
        let (n, scalar) = match self.number()? {
            Number::Pos(n) => (i64::try_from(n).map_err(|_| Slow)?, Scalar::PosInt(n)),
            Number::Neg(n) => (n, Scalar::NegInt(n)),
            Number::Float => return Err(Slow),
        };
        if min.is_none_or(|min| n >= min) && max.is_none_or(|max| n <= max) {
            Ok(Some(scalar))
        } else {
            Err(Slow)
        }
    }

    /// Checks one value against `schema`.
    fn value(&mut self, schema: &Schema) -> Step<Read<'a>> {
        self.skip_whitespace();
        match schema {
            Schema::Any => self.any(),
            Schema::Nullable(inner) => {
                if self.literal(b"null") {
                    Ok(Some(Scalar::Null))
                } else {
                    self.value(inner)
                }
            }
            Schema::Boolean => {
                if self.literal(b"true") {
                    Ok(Some(Scalar::Bool(true)))
                } else if self.literal(b"false") {
                    Ok(Some(Scalar::Bool(false)))
                } else {
                    Err(Slow)
                }
            }
            Schema::String(rule) => {
                let s = self.string()?;
                if str_ok(rule, s) {
                    Ok(Some(Scalar::Str(s)))
                } else {
                    Err(Slow)
                }
            }
            Schema::Enum(rule) => {
                let s = self.string()?;
                if rule.values.iter().any(|v| json::same_key(v, s)) {
                    Ok(Some(Scalar::Str(s)))
                } else {
                    Err(Slow)
                }
            }
            Schema::Integer(rule) => self.integer(rule.min, rule.max),
            Schema::Number(rule) => match self.number()? {
                // `serde_json` reads integers exactly, so the bounds are compared as it does.
                Number::Pos(n) if within(rule, n as f64) => Ok(Some(Scalar::PosInt(n))),
                Number::Neg(n) if within(rule, n as f64) => Ok(Some(Scalar::NegInt(n))),
                // A float's value is not read: only accepted where any number is.
                Number::Float if rule.min.is_none() && rule.max.is_none() => Ok(None),
                _ => Err(Slow),
            },
            Schema::Array(rule) => self.array(rule).map(|()| None),
            Schema::Object(rule) => self.object(rule).map(|()| None),
            Schema::OneOf(alternatives) => {
                // The first alternative that accepts the value, as the walker tries them.
                let (pos, depth, collected) = (self.pos, self.depth, self.collected.len());
                for alt in alternatives.iter() {
                    if let Ok(read) = self.value(alt) {
                        return Ok(read);
                    }
                    (self.pos, self.depth) = (pos, depth);
                    self.collected.truncate(collected);
                }
                Err(Slow)
            }
        }
    }

    fn enter(&mut self) -> Step<()> {
        self.depth += 1;
        if self.depth > DEPTH {
            return Err(Slow);
        }
        Ok(())
    }

    /// Runs `entry` for each comma-separated entry of a container up to its `close` byte (its
    /// opening byte was just read); the entry count.
    fn container(&mut self, close: u8, mut entry: impl FnMut(&mut Self) -> Step<()>) -> Step<u64> {
        self.enter()?;
        self.skip_whitespace();
        let mut n = 0;
        if !self.literal(&[close]) {
            loop {
                entry(self)?;
                n += 1;
                self.skip_whitespace();
                if self.literal(&[close]) {
                    break;
                }
                self.expect(b',')?;
            }
        }
        self.depth -= 1;
        Ok(n)
    }

    /// Runs `item` for each item of an array (the opening bracket is next); the item count.
    fn items(&mut self, item: impl FnMut(&mut Self) -> Step<()>) -> Step<u64> {
        self.expect(b'[')?;
        self.container(b']', item)
    }

    fn array(&mut self, rule: &ArrayRule) -> Step<()> {
        let n = self.items(|w| w.value(rule.items).map(|_| ()))?;
        let fits = rule.min.is_none_or(|min| n >= min) && rule.max.is_none_or(|max| n <= max);
        // Deciding whether items are distinct needs their values: left to the full path.
        if fits && !(rule.unique && n > 1) {
            Ok(())
        } else {
            Err(Slow)
        }
    }

    /// Where the field order of `rule` is kept in [`Walker::orders`].
    fn order_of(&mut self, rule: &ObjectRule) -> usize {
        match self.orders.iter().position(|(r, _)| std::ptr::eq(*r, rule)) {
            Some(at) => at,
            None => {
                self.orders
                    .push((rule, vec![u8::MAX; rule.fields.len() + 1]));
                self.orders.len() - 1
            }
        }
    }

    /// The next key (the opening quote is next) and the index of its field, which follows the
    /// field at `prev` (`fields.len()` at the start of an object). The items of a batch list
    /// their keys in the same order, so the field that followed `prev` in the previous object is
    /// tried first, against the text itself: most keys of a batch cost one comparison, and are
    /// not scanned as strings.
    fn key(&mut self, rule: &ObjectRule, order: usize, prev: usize) -> Step<(usize, &'a str)> {
        let fields = rule.fields;
        let guess = usize::from(self.orders[order].1[prev]);
        if let Some(field) = fields.get(guess) {
            // Field names hold no quote or backslash: equal bytes then a quote are that key.
            let name = field.name.as_bytes();
            let at = self.pos + 1;
            if self.peek() == Some(b'"')
                && self.bytes.get(at + name.len()) == Some(&b'"')
                && json::same_bytes(&self.bytes[at..at + name.len()], name)
            {
                self.pos = at + name.len() + 1;
                return Ok((guess, field.name));
            }
        }
        let key = self.string()?;
        let from = if prev == fields.len() { 0 } else { prev + 1 };
        let found = find_field(fields, key, from).ok_or(Slow)?;
        self.orders[order].1[prev] = found as u8;
        Ok((found, key))
    }

    fn object(&mut self, rule: &ObjectRule) -> Step<()> {
        let fields = rule.fields;
        if fields.len() > 64 {
            return Err(Slow);
        }
        // `value` skipped the whitespace before the object.
        let start = self.pos;
        self.expect(b'{')?;
        let item_of_root = self.root_is_array && self.depth == 1;
        // For the rules: the entries read, while they are all scalars.
        let has_rules = !rule.rules.is_empty();
        let first_entry = self.entries.len();
        let mut flat_ok = true;
        let mut seen = 0u64;
        let mut prev = fields.len();
        let order = self.order_of(rule);
        self.container(b'}', |w| {
            w.skip_whitespace();
            // Unknown fields are warned or refused; repeated keys need the last value.
            let (i, key) = w.key(rule, order, prev)?;
            w.expect(b':')?;
            if seen & (1 << i) != 0 || fields[i].access == Access::ReadOnly {
                return Err(Slow);
            }
            seen |= 1 << i;
            prev = i;
            let read = w.value(fields[i].schema)?;
            if item_of_root && w.collect == Some(fields[i].name) {
                if let Some(Scalar::Str(s)) = read {
                    w.collected.push(s);
                }
            }
            if has_rules && flat_ok {
                match read {
                    Some(scalar) => w.entries.push((key, scalar)),
                    None => flat_ok = false,
                }
            }
            Ok(())
        })?;
        let missing = fields
            .iter()
            .enumerate()
            .any(|(i, f)| f.required && seen & (1 << i) == 0);
        if missing {
            return Err(Slow);
        }
        if has_rules {
            let mut probe = Ctx::probe();
            let entries = &self.entries[first_entry..];
            if flat_ok && rule.rules.iter().all(|r| r.flat.is_some()) {
                // Rules with a form for the entries read run on them as they are.
                for flat in rule.rules.iter().filter_map(|r| r.flat) {
                    flat(Flat(entries), &mut probe);
                }
                self.entries.truncate(first_entry);
                return if probe.is_clean() { Ok(()) } else { Err(Slow) };
            }
            // The others read the object through the walker's view: built from the entries
            // read, or parsed from the object's text when they were not all scalars.
            let parsed;
            let map = if flat_ok {
                self.tape.flat_object(entries)
            } else {
                let text = self.text.get(start..self.pos).ok_or(Slow)?;
                parsed = json::parse(text).map_err(|_| Slow)?;
                parsed.root().as_object()
            };
            let map = map.ok_or(Slow)?;
            for r in rule.rules {
                (r.check)(map, &mut probe);
            }
            self.entries.truncate(first_entry);
            if !probe.is_clean() {
                return Err(Slow);
            }
        }
        Ok(())
    }

    /// Any JSON value, unchecked (but it must be one `serde_json` reads); its string when it
    /// was a string.
    fn any(&mut self) -> Step<Read<'a>> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'"') => self.string().map(|s| Some(Scalar::Str(s))),
            Some(b'[') => self.items(|w| w.any().map(|_| ())).map(|_| None),
            Some(b'{') => {
                self.pos += 1;
                self.container(b'}', |w| {
                    w.skip_whitespace();
                    w.string()?;
                    w.expect(b':')?;
                    w.any().map(|_| ())
                })?;
                Ok(None)
            }
            Some(b'-' | b'0'..=b'9') => Ok(match self.number()? {
                Number::Pos(n) => Some(Scalar::PosInt(n)),
                Number::Neg(n) => Some(Scalar::NegInt(n)),
                Number::Float => None,
            }),
            _ if self.literal(b"true") => Ok(Some(Scalar::Bool(true))),
            _ if self.literal(b"false") => Ok(Some(Scalar::Bool(false))),
            _ if self.literal(b"null") => Ok(Some(Scalar::Null)),
            _ => Err(Slow),
        }
    }
}

/// Whether `n` is within the rule's bounds (inclusive, as the walker compares them).
fn within(rule: &NumRule, n: f64) -> bool {
    rule.min.is_none_or(|min| n >= min) && rule.max.is_none_or(|max| n <= max)
}
