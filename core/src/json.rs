//! JSON as the validator reads it: a small parser from text into one flat, borrowed tape, and a
//! read-only view ([`Json`], [`Object`], [`Array`]) that the schema walker and the rules use.
//!
//! Building a `serde_json::Value` costs an allocation per string, key and map, which dominates
//! validation under WebAssembly's allocator. A [`Document`] is one `Vec` of nodes in document
//! order; strings borrow the text unless they hold escapes. A `serde_json::Value` is read
//! through the same view ([`Document::from_value`]), so there is one walker for both.
//!
//! The parser accepts exactly what `serde_json` accepts and reads the same values (integers as
//! `u64`/`i64`, everything else as `f64`, `-0` a float, a repeated key's last value wins). It
//! never recurses and stops at `serde_json`'s nesting limit. Whenever it meets something it
//! leaves to `serde_json` (malformed text, floats, which `serde_json` rounds its own way, lone
//! surrogate escapes), [`parse`] hands the text to `serde_json`, which decides and reports.

use crate::issue::Issue;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays and objects accepted: `serde_json` refuses a 128th level.
pub const MAX_DEPTH: usize = 127;

/// One node of the tape. Containers are followed by their contents (objects by key, value,
/// key, value...) and know where they end, so skipping one is O(1).
#[derive(Debug, Clone)]
enum Node<'a> {
    Null,
    Bool(bool),
    PosInt(u64),
    NegInt(i64),
    Float(f64),
    Str(Cow<'a, str>),
    /// `len` items; the next sibling is at `end`.
    Array {
        len: u32,
        end: u32,
    },
    /// `len` entries (repeated keys included); the next sibling is at `end`.
    Object {
        len: u32,
        end: u32,
    },
}

/// A parsed JSON document, borrowing from its text (or from the `Value` it was read from).
#[derive(Clone)]
pub struct Document<'a> {
    tape: Vec<Node<'a>>,
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the content: it is customer data.
        write!(f, "Document({} nodes)", self.tape.len())
    }
}

/// Parses JSON text for validation. On malformed text returns the same `invalid_json` issue as
/// [`crate::ops::parse_json`] (path where parsing failed, line and column, no content).
///
/// ```
/// use bc_customers_core::json::parse;
/// let doc = parse(r#"{"email": "jane@example.com", "id": 7}"#).unwrap();
/// let root = doc.root();
/// assert_eq!(root.get("email").and_then(|v| v.as_str()), Some("jane@example.com"));
/// assert_eq!(root.get("id").and_then(|v| v.as_i64()), Some(7));
/// assert_eq!(parse("[1,").unwrap_err().code, "invalid_json");
/// ```
pub fn parse(text: &str) -> Result<Document<'_>, Issue> {
    match Parser::new(text).document() {
        Ok(doc) => Ok(doc),
        // Malformed, or beyond what this parser reads itself: serde_json decides and reports.
        Err(GaveUp) => crate::ops::parse_json(text).map(|v| Document::from_value(&v).into_owned()),
    }
}

impl<'a> Document<'a> {
    /// Reads a `serde_json::Value` (strings are borrowed, not copied).
    pub fn from_value(value: &'a Value) -> Document<'a> {
        let mut tape = Vec::new();
        push_value(&mut tape, value);
        Document { tape }
    }

    /// The top-level value.
    pub fn root(&self) -> Json<'_> {
        Json {
            tape: &self.tape,
            at: 0,
        }
    }

    /// A copy that owns its strings.
    pub fn into_owned(self) -> Document<'static> {
        let tape = self
            .tape
            .into_iter()
            .map(|node| match node {
                Node::Null => Node::Null,
                Node::Bool(b) => Node::Bool(b),
                Node::PosInt(n) => Node::PosInt(n),
                Node::NegInt(n) => Node::NegInt(n),
                Node::Float(f) => Node::Float(f),
                Node::Str(s) => Node::Str(Cow::Owned(s.into_owned())),
                Node::Array { len, end } => Node::Array { len, end },
                Node::Object { len, end } => Node::Object { len, end },
            })
            .collect();
        Document { tape }
    }
}

fn push_value<'a>(tape: &mut Vec<Node<'a>>, value: &'a Value) {
    // Recursion as deep as the value: `Value`'s own `Drop`, `Clone` and `PartialEq` go as deep.
    let node = match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => number_node(n),
        Value::String(s) => Node::Str(Cow::Borrowed(s)),
        Value::Array(items) => {
            let at = tape.len();
            tape.push(Node::Null);
            for item in items {
                push_value(tape, item);
            }
            tape[at] = Node::Array {
                len: items.len() as u32,
                end: tape.len() as u32,
            };
            return;
        }
        Value::Object(map) => {
            let at = tape.len();
            tape.push(Node::Null);
            for (key, item) in map {
                tape.push(Node::Str(Cow::Borrowed(key)));
                push_value(tape, item);
            }
            tape[at] = Node::Object {
                len: map.len() as u32,
                end: tape.len() as u32,
            };
            return;
        }
    };
    tape.push(node);
}

/// A scalar as the one-pass check (`crate::fast`) read it, for [`Tape::flat_object`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    PosInt(u64),
    NegInt(i64),
    Str(&'a str),
}

impl<'a> Scalar<'a> {
    /// The string, when it is one.
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// An object as the one-pass check read it: its entries in order, all scalars, no key twice.
/// Rules with a form for it ([`crate::schema::Rule::flat`]) read it without a tape.
#[derive(Clone, Copy)]
pub(crate) struct Flat<'a, 'e>(pub(crate) &'e [(&'a str, Scalar<'a>)]);

impl<'a> Flat<'a, '_> {
    /// The values of several keys, as [`Object::get_many`] gives them.
    pub(crate) fn get_many<const N: usize>(self, keys: [&str; N]) -> [Option<Scalar<'a>>; N] {
        keys.map(|key| {
            self.0
                .iter()
                .find(|(k, _)| same_key(k, key))
                .map(|&(_, v)| v)
        })
    }
}

/// A reusable tape for [`Tape::flat_object`]: the one-pass check (`crate::fast`) builds one
/// object per object with rules, many per batch.
#[derive(Default)]
pub(crate) struct Tape<'a>(Vec<Node<'a>>);

/// An empty vector for another element type of the same layout (here: the same type with
/// another lifetime) that keeps `v`'s allocation: std collects a vector's own iterator in place.
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

impl<'a> Tape<'a> {
    /// This tape, emptied, for text of another lifetime (its allocation kept).
    pub(crate) fn recycle<'b>(self) -> Tape<'b> {
        Tape(recycle(self.0))
    }

    /// The object [`parse`] reads from `{"key": value, ...}` with these entries, in this order:
    /// lets object rules run without parsing text that was already read.
    pub(crate) fn flat_object(&mut self, entries: &[(&'a str, Scalar<'a>)]) -> Option<Object<'_>> {
        let tape = &mut self.0;
        tape.clear();
        tape.push(Node::Object {
            len: entries.len() as u32,
            end: (1 + 2 * entries.len()) as u32,
        });
        for &(key, value) in entries {
            tape.push(Node::Str(Cow::Borrowed(key)));
            tape.push(match value {
                Scalar::Null => Node::Null,
                Scalar::Bool(b) => Node::Bool(b),
                Scalar::PosInt(n) => Node::PosInt(n),
                Scalar::NegInt(n) => Node::NegInt(n),
                Scalar::Str(s) => Node::Str(Cow::Borrowed(s)),
            });
        }
        Json { tape, at: 0 }.as_object()
    }
}

fn number_node<'a>(n: &Number) -> Node<'a> {
    if let Some(u) = n.as_u64() {
        Node::PosInt(u)
    } else if let Some(i) = n.as_i64() {
        Node::NegInt(i)
    } else {
        Node::Float(n.as_f64().unwrap_or(0.0))
    }
}

/// A value inside a [`Document`]: a cheap, copyable handle.
#[derive(Clone, Copy)]
pub struct Json<'d> {
    tape: &'d [Node<'d>],
    at: usize,
}

impl fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The type only, never the content (customer data).
        write!(f, "Json({})", self.type_name())
    }
}

impl<'d> Json<'d> {
    fn node(self) -> &'d Node<'d> {
        &self.tape[self.at]
    }

    /// Index of the next sibling.
    fn end(self) -> usize {
        end_of(self.tape, self.at)
    }

    /// The JSON type name used in messages: `null`, `boolean`, `integer`, `number`, `string`,
    /// `array` or `object`.
    pub fn type_name(self) -> &'static str {
        match self.node() {
            Node::Null => "null",
            Node::Bool(_) => "boolean",
            Node::PosInt(_) | Node::NegInt(_) => "integer",
            Node::Float(_) => "number",
            Node::Str(_) => "string",
            Node::Array { .. } => "array",
            Node::Object { .. } => "object",
        }
    }

    /// Whether this is `null`.
    pub fn is_null(self) -> bool {
        matches!(self.node(), Node::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(self) -> Option<bool> {
        match self.node() {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(self) -> Option<&'d str> {
        match self.node() {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a string.
    pub fn is_string(self) -> bool {
        matches!(self.node(), Node::Str(_))
    }

    /// The integer, if this is one that fits `i64` (as `serde_json::Value::as_i64`).
    pub fn as_i64(self) -> Option<i64> {
        match *self.node() {
            Node::PosInt(n) => i64::try_from(n).ok(),
            Node::NegInt(n) => Some(n),
            _ => None,
        }
    }

    /// The integer, if this is one that fits `u64` (as `serde_json::Value::as_u64`).
    pub fn as_u64(self) -> Option<u64> {
        match *self.node() {
            Node::PosInt(n) => Some(n),
            _ => None,
        }
    }

    /// Any number as `f64` (as `serde_json::Value::as_f64`).
    pub fn as_f64(self) -> Option<f64> {
        match *self.node() {
            Node::PosInt(n) => Some(n as f64),
            Node::NegInt(n) => Some(n as f64),
            Node::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(self) -> Option<Array<'d>> {
        match *self.node() {
            Node::Array { len, .. } => Some(Array {
                tape: self.tape,
                at: self.at,
                len: len as usize,
            }),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(self) -> Option<Object<'d>> {
        match *self.node() {
            Node::Object { len, .. } => Some(Object {
                tape: self.tape,
                at: self.at,
                len: len as usize,
            }),
            _ => None,
        }
    }

    /// The value of a key, if this is an object that has it (the last one when repeated).
    pub fn get(self, key: &str) -> Option<Json<'d>> {
        self.as_object()?.get(key)
    }

    /// A `serde_json::Value` with the same content (a repeated key keeps its last value).
    pub fn to_value(self) -> Value {
        match self.node() {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::PosInt(n) => Value::from(*n),
            Node::NegInt(n) => Value::from(*n),
            Node::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Array { .. } => Value::Array(
                self.as_array()
                    .into_iter()
                    .flat_map(|a| a.iter())
                    .map(Json::to_value)
                    .collect(),
            ),
            Node::Object { .. } => {
                let mut map = Map::new();
                for (key, value) in self.as_object().into_iter().flat_map(|o| o.iter()) {
                    map.insert(key.to_owned(), value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Equality as `serde_json::Value`'s: numbers are equal only within one kind (`1 != 1.0`),
/// objects regardless of key order, with the last of repeated keys.
impl PartialEq for Json<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.node(), other.node()) {
            (Node::Null, Node::Null) => true,
            (Node::Bool(a), Node::Bool(b)) => a == b,
            (Node::PosInt(a), Node::PosInt(b)) => a == b,
            (Node::NegInt(a), Node::NegInt(b)) => a == b,
            (Node::Float(a), Node::Float(b)) => a == b,
            (Node::Str(a), Node::Str(b)) => a == b,
            (Node::Array { len: la, .. }, Node::Array { len: lb, .. }) => {
                la == lb
                    && match (self.as_array(), other.as_array()) {
                        (Some(a), Some(b)) => a.iter().zip(b.iter()).all(|(x, y)| x == y),
                        _ => false,
                    }
            }
            // Rare (objects inside unique lists, a password sent as an object): serde_json's own
            // map equality, with its handling of repeated keys, is the definition.
            (Node::Object { .. }, Node::Object { .. }) => self.to_value() == other.to_value(),
            _ => false,
        }
    }
}

/// String equality that compares length and first byte first (keys are short and mostly
/// differ there).
#[inline]
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_key`] for bytes.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.first() != b.first() {
        return false;
    }
    // Eight bytes at a time, then the rest: no call (in WebAssembly, `memcmp` is a byte loop
    // behind a call).
    let mut chunks = a.chunks_exact(8).zip(b.chunks_exact(8));
    if !chunks.all(|(x, y)| x == y) {
        return false;
    }
    let tail = a.len() - a.len() % 8;
    a[tail..].iter().zip(&b[tail..]).all(|(x, y)| x == y)
}

fn end_of(tape: &[Node<'_>], at: usize) -> usize {
    match tape[at] {
        Node::Array { end, .. } | Node::Object { end, .. } => end as usize,
        _ => at + 1,
    }
}

/// A JSON array inside a [`Document`].
#[derive(Clone, Copy)]
pub struct Array<'d> {
    tape: &'d [Node<'d>],
    at: usize,
    len: usize,
}

impl<'d> Array<'d> {
    /// Number of items.
    pub fn len(self) -> usize {
        self.len
    }

    /// Whether there are no items.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The items, in order.
    pub fn iter(self) -> Items<'d> {
        Items {
            tape: self.tape,
            next: self.at + 1,
            left: self.len,
        }
    }
}

/// Iterator over the items of an [`Array`].
#[derive(Clone)]
pub struct Items<'d> {
    tape: &'d [Node<'d>],
    next: usize,
    left: usize,
}

impl<'d> Iterator for Items<'d> {
    type Item = Json<'d>;

    fn next(&mut self) -> Option<Json<'d>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let item = Json {
            tape: self.tape,
            at: self.next,
        };
        self.next = item.end();
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// A JSON object inside a [`Document`]. Entries keep document order; a repeated key is seen
/// by [`Object::get`] with its last value, as `serde_json` keeps it.
#[derive(Clone, Copy)]
pub struct Object<'d> {
    tape: &'d [Node<'d>],
    at: usize,
    len: usize,
}

impl<'d> Object<'d> {
    /// The entries in document order, repeated keys included.
    pub fn iter(self) -> Entries<'d> {
        Entries {
            tape: self.tape,
            next: self.at + 1,
            left: self.len,
        }
    }

    /// The value of `key` (the last one when the key is repeated).
    pub fn get(self, key: &str) -> Option<Json<'d>> {
        self.iter()
            .filter(|(k, _)| same_key(k, key))
            .last()
            .map(|(_, v)| v)
    }

    /// The values of several keys in one pass (the last one of a repeated key), as
    /// [`Object::get`] gives each.
    pub fn get_many<const N: usize>(self, keys: [&str; N]) -> [Option<Json<'d>>; N] {
        let mut found = [None; N];
        for (k, v) in self.iter() {
            if let Some(i) = keys.iter().position(|key| same_key(k, key)) {
                found[i] = Some(v);
            }
        }
        found
    }

    /// Whether `key` is present.
    pub fn contains_key(self, key: &str) -> bool {
        self.iter().any(|(k, _)| same_key(k, key))
    }

    /// The value at a tape index that [`Object::iter`] gave (see [`Json::index`]).
    pub(crate) fn value_at(self, index: usize) -> Json<'d> {
        Json {
            tape: self.tape,
            at: index,
        }
    }
}

impl Json<'_> {
    /// Position of this value in its document (non-zero for anything but the root).
    pub(crate) fn index(self) -> usize {
        self.at
    }
}

/// Iterator over the entries of an [`Object`].
#[derive(Clone)]
pub struct Entries<'d> {
    tape: &'d [Node<'d>],
    next: usize,
    left: usize,
}

impl<'d> Iterator for Entries<'d> {
    type Item = (&'d str, Json<'d>);

    fn next(&mut self) -> Option<(&'d str, Json<'d>)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = match &self.tape[self.next] {
            Node::Str(s) => s.as_ref(),
            _ => "",
        };
        let value = Json {
            tape: self.tape,
            at: self.next + 1,
        };
        self.next = value.end();
        Some((key, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Entries<'_> {}

/// The fast parser met something it leaves to `serde_json`.
#[derive(Debug)]
struct GaveUp;

/// Bytes that end the plain run of a string: `"`, `\` and control characters.
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// The position of the first byte at or after `pos` that ends the plain run of a string (`"`,
/// `\\` or a control character), or the end of `bytes`.
pub(crate) fn skip_plain(bytes: &[u8], mut pos: usize) -> usize {
    // Eight bytes at a time: flag bytes equal to `"` or `\` or below 0x20 (the lowest
    // flagged byte is always a true hit).
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(chunk);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let hits = ((quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (w.wrapping_sub(ONES * 0x20) & !w))
            & HIGH;
        if hits != 0 {
            return pos + (hits.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while let Some(&b) = bytes.get(pos) {
        if STRING_STOP[b as usize] {
            return pos;
        }
        pos += 1;
    }
    pos
}

/// Appends `latin1`, text with one byte per character from U+0000 to U+00FF, to `out` as
/// UTF-8: runs of ASCII as they are, every other byte as its character's two bytes. For input
/// that JavaScript wrote as Latin-1, which is much cheaper there than writing UTF-8.
pub fn latin1_to_utf8(latin1: &[u8], out: &mut Vec<u8>) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    out.reserve(latin1.len());
    let mut pos = 0;
    while pos < latin1.len() {
        // The next byte above 0x7f, eight bytes at a time.
        let mut end = pos;
        while let Some(chunk) = latin1.get(end..end + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let high = u64::from_le_bytes(chunk) & HIGH;
            if high != 0 {
                end += (high.trailing_zeros() / 8) as usize;
                break;
            }
            end += 8;
        }
        while latin1.get(end).is_some_and(u8::is_ascii) {
            end += 1;
        }
        out.extend_from_slice(&latin1[pos..end]);
        if let Some(&b) = latin1.get(end) {
            out.extend_from_slice(&[0xc0 | b >> 6, 0x80 | (b & 0x3f)]);
        }
        pos = end + 1;
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tape: Vec<Node<'a>>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            // About one node per 8 bytes of typical request bodies.
            tape: Vec::with_capacity(text.len() / 8 + 4),
        }
    }

    fn document(mut self) -> Result<Document<'a>, GaveUp> {
        if self.bytes.len() >= u32::MAX as usize {
            return Err(GaveUp);
        }
        // The containers still open: tape index, entries so far, whether an array. Never
        // deeper than MAX_DEPTH, so the parse needs no recursion.
        let mut open: Vec<(usize, u32, bool)> = Vec::with_capacity(8);
        'value: loop {
            self.skip_whitespace();
            match self.peek() {
                Some(b'"') => {
                    let s = self.string()?;
                    self.tape.push(Node::Str(s));
                }
                Some(b'{') => {
                    self.pos += 1;
                    if open.len() == MAX_DEPTH {
                        return Err(GaveUp);
                    }
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        let end = self.tape.len() as u32 + 1;
                        self.tape.push(Node::Object { len: 0, end });
                    } else {
                        open.push((self.tape.len(), 0, false));
                        self.tape.push(Node::Object { len: 0, end: 0 });
                        self.key()?;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    if open.len() == MAX_DEPTH {
                        return Err(GaveUp);
                    }
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        let end = self.tape.len() as u32 + 1;
                        self.tape.push(Node::Array { len: 0, end });
                    } else {
                        open.push((self.tape.len(), 0, true));
                        self.tape.push(Node::Array { len: 0, end: 0 });
                        continue 'value;
                    }
                }
                Some(b't') => self.literal(b"true", Node::Bool(true))?,
                Some(b'f') => self.literal(b"false", Node::Bool(false))?,
                Some(b'n') => self.literal(b"null", Node::Null)?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err(GaveUp),
            }
            // A value is complete: go on in its container, closing containers that end here.
            loop {
                let Some((at, count, in_array)) = open.last_mut() else {
                    self.skip_whitespace();
                    return if self.pos == self.bytes.len() {
                        Ok(Document { tape: self.tape })
                    } else {
                        Err(GaveUp)
                    };
                };
                *count += 1;
                let in_array = *in_array;
                self.skip_whitespace();
                match (self.peek(), in_array) {
                    (Some(b','), true) => {
                        self.pos += 1;
                        continue 'value;
                    }
                    (Some(b','), false) => {
                        self.pos += 1;
                        self.skip_whitespace();
                        self.key()?;
                        continue 'value;
                    }
                    (Some(b']'), true) | (Some(b'}'), false) => {
                        self.pos += 1;
                        let (at, len) = (*at, *count);
                        let end = self.tape.len() as u32;
                        self.tape[at] = if in_array {
                            Node::Array { len, end }
                        } else {
                            Node::Object { len, end }
                        };
                        open.pop();
                    }
                    _ => return Err(GaveUp),
                }
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// An object key and its colon.
    fn key(&mut self) -> Result<(), GaveUp> {
        if self.peek() != Some(b'"') {
            return Err(GaveUp);
        }
        let key = self.string()?;
        self.tape.push(Node::Str(key));
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return Err(GaveUp);
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, word: &[u8], node: Node<'a>) -> Result<(), GaveUp> {
        if !self.bytes[self.pos..].starts_with(word) {
            return Err(GaveUp);
        }
        self.pos += word.len();
        self.tape.push(node);
        Ok(())
    }

    /// Advances over bytes that need no attention inside a string.
    fn skip_plain(&mut self) {
        self.pos = skip_plain(self.bytes, self.pos);
    }

    /// A string starting at its opening quote; borrowed unless it holds escapes.
    #[inline]
    fn string(&mut self) -> Result<Cow<'a, str>, GaveUp> {
        self.pos += 1;
        let start = self.pos;
        self.skip_plain();
        if self.peek() == Some(b'"') {
            let s = self.text.get(start..self.pos).ok_or(GaveUp)?;
            self.pos += 1;
            return Ok(Cow::Borrowed(s));
        }
        self.escaped_string(start)
    }

    /// The rest of a string that is not plain text (escapes, or malformed).
    #[inline(never)]
    fn escaped_string(&mut self, start: usize) -> Result<Cow<'a, str>, GaveUp> {
        match self.peek() {
            Some(b'\\') => {
                let mut out = String::from(&self.text[start..self.pos]);
                loop {
                    match self.peek() {
                        Some(b'"') => {
                            self.pos += 1;
                            return Ok(Cow::Owned(out));
                        }
                        Some(b'\\') => {
                            self.pos += 1;
                            out.push(self.escape()?);
                        }
                        Some(0x20..) => {
                            let from = self.pos;
                            self.skip_plain();
                            out.push_str(&self.text[from..self.pos]);
                        }
                        _ => return Err(GaveUp),
                    }
                }
            }
            _ => Err(GaveUp),
        }
    }

    /// The character of an escape, just after its backslash.
    fn escape(&mut self) -> Result<char, GaveUp> {
        let c = self.peek().ok_or(GaveUp)?;
        self.pos += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A surrogate pair; anything else is left to serde_json.
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(GaveUp);
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(GaveUp);
                        }
                        let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(c).ok_or(GaveUp)?
                    }
                    _ => char::from_u32(unit).ok_or(GaveUp)?,
                }
            }
            _ => return Err(GaveUp),
        })
    }

    fn hex4(&mut self) -> Result<u32, GaveUp> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or(GaveUp)?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(GaveUp)?;
            n = n * 16 + v;
        }
        self.pos += 4;
        Ok(n)
    }

    /// A number, classified as serde_json does: integers without fraction or exponent are
    /// `u64` (positive) or `i64` (negative) when they fit, `-0` is a float.
    fn number(&mut self) -> Result<(), GaveUp> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits_start = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(GaveUp),
        }
        let digits_end = self.pos;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.require_digits()?;
            float = true;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.require_digits()?;
            float = true;
        }
        let integer = if float {
            None
        } else {
            self.bytes[digits_start..digits_end]
                .iter()
                .try_fold(0u64, |n, &d| {
                    n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
                })
        };
        let node = match (integer, negative) {
            (Some(n), false) => Node::PosInt(n),
            (Some(n), true) => {
                let neg = (n as i64).wrapping_neg();
                if neg >= 0 {
                    // `-0`, or below i64::MIN: a float, as in serde_json.
                    Node::Float(-(n as f64))
                } else {
                    Node::NegInt(neg)
                }
            }
            // Fractions, exponents and integers beyond u64: serde_json's own rounding (and
            // its refusal of numbers beyond f64), so values match exactly.
            (None, _) => Node::Float(
                serde_json::from_str::<f64>(&self.text[start..self.pos]).map_err(|_| GaveUp)?,
            ),
        };
        self.tape.push(node);
        Ok(())
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn require_digits(&mut self) -> Result<(), GaveUp> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.skip_digits();
                Ok(())
            }
            _ => Err(GaveUp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The fast parser alone (no serde_json fallback), as a Value.
    fn fast(text: &str) -> Option<Value> {
        Parser::new(text)
            .document()
            .ok()
            .map(|d| d.root().to_value())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": [1, -2, 3.5, true, false, null, "x"], "b": {}, "c": []}"#,
            r#"  [ {"k" : "v"} , [ [ ] ] ]  "#,
            r#""plain""#,
            "0",
            "-0",
            "1.0",
            "1e3",
            "1E+3",
            "-1e-3",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890",
            "0.1",
            "2.2250738585072011e-308",
            "1.7976931348623157e308",
            r#""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 \u0000 end""#,
            r#""Zoë García Müller""#,
            r#"{"a": 1, "a": 2}"#,
        ] {
            let want: Value = serde_json::from_str(text).unwrap();
            assert_eq!(fast(text), Some(want), "{text}");
        }
    }

    #[test]
    fn strings_end_and_escape_at_any_offset() {
        // The eight-byte scan must stop at the exact byte, wherever it falls in a chunk.
        for n in 0..24 {
            let plain = "é".repeat(n % 3) + &"a".repeat(n);
            for tail in ["", "\\n", "\\\"", "\\u00e9x", "\u{1}"] {
                let text = format!("[\"{plain}{tail}\", \"{plain}\"]");
                let want = serde_json::from_str::<Value>(&text).ok();
                assert_eq!(fast(&text), want, "{text:?}");
            }
        }
    }

    #[test]
    fn numbers_are_classified_as_serde_json_does() {
        let kind = |t: &str| parse(t).unwrap().root().type_name();
        assert_eq!(kind("1"), "integer");
        assert_eq!(kind("-1"), "integer");
        assert_eq!(kind("1.0"), "number");
        assert_eq!(kind("1e0"), "number");
        assert_eq!(kind("-0"), "number");
        assert_eq!(kind("18446744073709551615"), "integer");
        assert_eq!(kind("18446744073709551616"), "number");
        assert_eq!(kind("-9223372036854775808"), "integer");
        assert_eq!(kind("-9223372036854775809"), "number");
    }

    #[test]
    fn leaves_everything_malformed_to_serde_json() {
        for text in [
            "",
            " ",
            "[",
            "]",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{1: 2}",
            "[1 2]",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "tru",
            "nul",
            "[true false]",
            "\"unterminated",
            "\"ctl \u{1} char\"",
            "\"bad \\x escape\"",
            "\"\\u12\"",
            "\"lone \\ud800\"",
            "\"lone \\udc00\"",
            "\"pair \\ud800\\u0041\"",
            "1e400",
            "[1] x",
            "{\"a\":1}}",
            "[1]]",
            "{\"a\":[1}",
        ] {
            assert_eq!(fast(text), None, "{text:?}");
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
            assert_eq!(parse(text).unwrap_err().code, "invalid_json", "{text:?}");
        }
    }

    #[test]
    fn nesting_stops_where_serde_json_stops() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(fast(&nested(MAX_DEPTH)).is_some());
        assert!(serde_json::from_str::<Value>(&nested(MAX_DEPTH)).is_ok());
        assert!(fast(&nested(MAX_DEPTH + 1)).is_none());
        assert!(serde_json::from_str::<Value>(&nested(MAX_DEPTH + 1)).is_err());
        // Far past the limit: a clean issue, no recursion.
        let issue = parse(&nested(100_000)).unwrap_err();
        assert_eq!(issue.code, "invalid_json");
        assert!(parse(&"{\"a\":".repeat(100_000)).is_err());
    }

    #[test]
    fn repeated_keys_keep_the_last_value() {
        let doc = parse(r#"{"a": 1, "b": 2, "a": "x"}"#).unwrap();
        let root = doc.root();
        assert_eq!(root.get("a").and_then(Json::as_str), Some("x"));
        let [a, b, c] = root.as_object().unwrap().get_many(["a", "b", "c"]);
        assert_eq!((a, b, c), (root.get("a"), root.get("b"), None));
        assert_eq!(root.as_object().unwrap().iter().count(), 3);
        assert_eq!(root.to_value(), json!({"a": "x", "b": 2}));
    }

    #[test]
    fn equality_is_serde_jsons() {
        let eq = |a: &str, b: &str| {
            let (da, db) = (parse(a).unwrap(), parse(b).unwrap());
            let want = serde_json::from_str::<Value>(a).unwrap()
                == serde_json::from_str::<Value>(b).unwrap();
            assert_eq!(da.root() == db.root(), want, "{a} vs {b}");
            want
        };
        assert!(eq("1", "1"));
        assert!(!eq("1", "1.0"));
        assert!(eq("0.0", "-0.0"));
        assert!(eq(r#"{"a":1,"b":2}"#, r#"{"b":2,"a":1}"#));
        assert!(eq(r#"{"a":1,"a":2}"#, r#"{"a":2}"#));
        assert!(!eq(r#"{"a":1,"a":2}"#, r#"{"a":1}"#));
        assert!(!eq("[1,2]", "[2,1]"));
        assert!(eq(r#"["a\u0062"]"#, r#"["ab"]"#));
    }

    #[test]
    fn values_read_through_the_same_view() {
        let v = json!({"a": [1, -1, 1.5, "s", null, true], "b": {"c": u64::MAX}});
        let doc = Document::from_value(&v);
        assert_eq!(doc.root().to_value(), v);
        let text = v.to_string();
        assert!(parse(&text).unwrap().root() == doc.root());
    }

    fn arb_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Whatever serde_json writes, the fast parser reads itself (no fallback), to the
        /// value serde_json reads (which may differ from `v` in a float's last digit:
        /// serde_json's float parsing does not round-trip).
        #[test]
        fn fast_parser_reads_what_serde_json_writes(v in arb_value()) {
            let compact = v.to_string();
            let v: Value = serde_json::from_str(&compact).unwrap();
            proptest::prop_assert_eq!(fast(&compact), Some(v.clone()));
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let reread: Value = serde_json::from_str(&pretty).unwrap();
            proptest::prop_assert_eq!(fast(&pretty), Some(reread));
            // Escapes as JavaScript's JSON.stringify never writes them, but others do.
            let compact = v.to_string();
            let v: Value = serde_json::from_str(&compact).unwrap();
            let ascii: String = compact
                .chars()
                .flat_map(|c| if c.is_ascii() { vec![c] } else {
                    let mut units = [0u16; 2];
                    c.encode_utf16(&mut units).iter().flat_map(|u| format!("\\u{u:04X}").chars().collect::<Vec<_>>()).collect()
                })
                .collect();
            // (Only valid where non-ASCII characters sit inside strings, which is always so.)
            proptest::prop_assert_eq!(fast(&ascii), Some(v));
        }

        #[test]
        fn latin1_becomes_the_same_characters_in_utf8(
            latin1 in proptest::collection::vec(proptest::prop_oneof![0u8..0x80, proptest::prelude::any::<u8>()], 0..80),
        ) {
            let mut out = b"kept".to_vec();
            latin1_to_utf8(&latin1, &mut out);
            let expected: String = latin1.iter().map(|&b| char::from(b)).collect();
            let expected = format!("kept{expected}");
            proptest::prop_assert_eq!(std::str::from_utf8(&out), Ok(expected.as_str()));
        }

        #[test]
        fn any_text_parses_like_serde_json(text in ".{0,64}") {
            let ours = parse(&text).map(|d| d.root().to_value());
            proptest::prop_assert_eq!(ours, crate::ops::parse_json(&text));
        }
    }

    #[test]
    fn recycled_vectors_keep_their_allocation() {
        let text = String::from("kept");
        let mut v: Vec<(&str, Scalar<'_>)> = Vec::with_capacity(40);
        v.push((&text, Scalar::Str(&text)));
        let v: Vec<(&'static str, Scalar<'static>)> = recycle(v);
        assert!(v.is_empty());
        assert!(v.capacity() >= 40);
    }

    #[test]
    fn debug_never_shows_content() {
        let doc = parse(r#"{"email": "secret@example.com"}"#).unwrap();
        assert!(!format!("{doc:?} {:?}", doc.root()).contains("secret"));
    }
}
