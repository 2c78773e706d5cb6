//! `bc-customers` for JavaScript: thin `wasm-bindgen` functions over `bc-customers-core`.
//!
//! Every export takes strings (JSON text where the input is structured) and returns plain data,
//! mostly JSON text that the hand-written `npm/api.js` parses: one `JSON.parse` in JavaScript is
//! much cheaper than building objects across the boundary one property at a time. Nothing here
//! panics or throws on bad input; problems come back as issues `{path, code, message}` with
//! `path` an array of keys and indexes (Standard Schema), and messages never hold the value.
//! The one exception to "strings in": validation bodies may instead be written by JavaScript
//! into an input buffer in the module's memory (`inputBuffer`, `validateInput`), which is
//! cheaper than the generated glue's copy of a string.
//!
//! The functions compile natively too, so they are unit tested with `cargo test`.

use bc_customers_core::issue::{segments, Segment};
use bc_customers_core::schema::strip_read_only;
use bc_customers_core::{Issue, Operation};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[cfg(feature = "tools")]
mod batch;
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "tools")]
mod jwt;
#[cfg(feature = "tools")]
mod mapping;
#[cfg(feature = "tools")]
mod query;

/// An issue as JavaScript sees it: `path` is an array of keys and indexes (Standard Schema).
#[derive(Serialize)]
pub(crate) struct JsIssue {
    message: String,
    path: Vec<Segment>,
    code: String,
}

impl From<Issue> for JsIssue {
    fn from(i: Issue) -> Self {
        JsIssue {
            path: segments(&i.path),
            code: i.code,
            message: i.message,
        }
    }
}

pub(crate) fn js_issues(list: Vec<Issue>) -> Vec<JsIssue> {
    list.into_iter().map(Into::into).collect()
}

/// Serialises an outcome; our own types always serialise, the fallback is for the impossible.
pub(crate) fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| {
        r#"{"errors":[{"message":"internal error","path":[],"code":"internal"}]}"#.to_string()
    })
}

#[derive(Serialize)]
struct Outcome {
    errors: Vec<JsIssue>,
    warnings: Vec<JsIssue>,
    /// The body to forward (read-only fields removed), only when it differs from the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<Value>,
}

fn unknown_operation() -> Outcome {
    Outcome {
        errors: vec![Issue::new("", "unknown_operation", "no operation has this id").into()],
        warnings: vec![],
        body: None,
    }
}

/// Validates `text` (a JSON body) for the operation at `index` in `Operation::ALL`.
///
/// Returns `undefined` when the body is valid, has no warnings and is forwarded unchanged (the
/// fast, common case: nothing is serialised back). Otherwise JSON text of
/// `{errors, warnings, body?}`, where `body` is the cleaned body when read-only fields were
/// removed from a valid one.
#[wasm_bindgen(js_name = validateRaw)]
pub fn validate_raw(index: u32, text: &str) -> Option<String> {
    let Some(op) = Operation::ALL.get(index as usize).copied() else {
        return Some(to_json(&unknown_operation()));
    };
    // Most bodies are clean: one pass says so without building anything.
    if op.is_clean_json(text) {
        return None;
    }
    // Read straight from the text: no `serde_json::Value` unless read-only fields must go.
    let doc = match bc_customers_core::json::parse(text) {
        Ok(doc) => doc,
        Err(issue) => {
            return Some(to_json(&Outcome {
                errors: vec![issue.into()],
                warnings: vec![],
                body: None,
            }))
        }
    };
    let report = op.validate_document(doc.root());
    if report.errors.is_empty() && report.warnings.is_empty() {
        return None;
    }
    let body = if report.errors.is_empty() && report.warnings.iter().any(|w| w.code == "read_only")
    {
        let mut value = doc.root().to_value();
        strip_read_only(op.schema(), &mut value);
        Some(value)
    } else {
        None
    };
    Some(to_json(&Outcome {
        errors: js_issues(report.errors),
        warnings: js_issues(report.warnings),
        body,
    }))
}

thread_local! {
    /// Where JavaScript writes a body before `validateInput` (see [`input_buffer`]).
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes room for `capacity` bytes of input and returns their address in the module's memory
/// ([`wasm_memory`]). JavaScript encodes a body straight into it with `TextEncoder.encodeInto`
/// and then calls `validateInput`: the generated glue for `&str` copies ASCII text one character
/// at a time, which cost about a third of validating a batch. The buffer is kept for the next
/// call (callers only use it for bodies of moderate size).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        // Grown, never cleared: only the bytes JavaScript writes next are read.
        if input.len() < capacity {
            input.resize(capacity, 0);
        }
        input.as_mut_ptr()
    })
}

/// Validates the first `len` bytes of the input buffer (see [`input_buffer`]) as
/// [`validate_raw`] validates text. Bytes that are not UTF-8 (which `encodeInto` never writes)
/// are an `invalid_json` issue.
#[wasm_bindgen(js_name = validateInput)]
pub fn validate_input(index: u32, len: usize) -> Option<String> {
    with_input(len, |bytes| match std::str::from_utf8(bytes) {
        Ok(text) => validate_raw(index, text),
        Err(_) => Some(to_json(&Outcome {
            errors: vec![Issue::new("", "invalid_json", "malformed JSON: not UTF-8").into()],
            warnings: vec![],
            body: None,
        })),
    })
}

/// Runs `f` on the first `len` bytes of the input buffer (none when `len` is beyond it: never
/// out of bounds).
fn with_input<R>(len: usize, f: impl FnOnce(&[u8]) -> R) -> R {
    INPUT.with(|input| f(input.borrow().get(..len).unwrap_or_default()))
}

thread_local! {
    /// The UTF-8 form of the last Latin-1 input (see [`validate_latin1`]), kept for the next.
    static LATIN1_TEXT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Validates the first `len` bytes of the input buffer (see [`input_buffer`]) read as Latin-1,
/// one byte per character from U+0000 to U+00FF, as [`validate_raw`] validates text. Node
/// writes a string with no character above U+00FF this way in about a twentieth of the time its
/// UTF-8 encoder takes (4 KB bodies); the copy into UTF-8 here costs much less than that.
#[wasm_bindgen(js_name = validateLatin1)]
pub fn validate_latin1(index: u32, len: usize) -> Option<String> {
    with_input(len, |latin1| {
        LATIN1_TEXT.with(|text| {
            let mut text = text.borrow_mut();
            text.clear();
            bc_customers_core::json::latin1_to_utf8(latin1, &mut text);
            // Always UTF-8: the fallback is never taken.
            validate_raw(index, std::str::from_utf8(&text).unwrap_or_default())
        })
    })
}

/// The module's `WebAssembly.Memory`, for writing input (see [`input_buffer`]).
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Validates a JSON text body for an operation id. Always returns JSON text of
/// `{errors, warnings, body?}` (kept for callers of the first release; `validateRaw` is faster).
/// Not in the validation-only module, whose JavaScript never calls it.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = validateJsonRaw)]
pub fn validate_json_raw(operation: &str, text: &str) -> String {
    match Operation::ALL.iter().position(|op| op.id() == operation) {
        Some(i) => validate_raw(i as u32, text)
            .unwrap_or_else(|| r#"{"errors":[],"warnings":[]}"#.to_string()),
        None => to_json(&unknown_operation()),
    }
}

/// The ids of every operation that can be validated, e.g. `v3.subscribers.create`, in the
/// order `validateRaw` indexes them (the package's JavaScript lists them, in that order, as
/// `OPERATIONS`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = operationIds)]
pub fn operation_ids() -> Vec<String> {
    Operation::ALL
        .iter()
        .map(|op| op.id().to_string())
        .collect()
}

#[derive(Serialize)]
struct Country {
    code: &'static str,
    name: &'static str,
    #[serde(rename = "requiresState")]
    requires_state: bool,
    #[serde(rename = "requiresPostalCode")]
    requires_postal_code: bool,
}

/// JSON text of every assigned country `{code, name, requiresState, requiresPostalCode}`, in
/// the order of core's table, for address forms (country select, state and postal code hints).
#[wasm_bindgen(js_name = countriesRaw)]
pub fn countries_raw() -> String {
    use bc_customers_core::v3::addresses::{requires_postal_code, requires_state};
    let list: Vec<Country> = bc_customers_core::country::all()
        .iter()
        .map(|&(code, name)| Country {
            code,
            name,
            requires_state: requires_state(code),
            requires_postal_code: requires_postal_code(code),
        })
        .collect();
    to_json(&list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(id: &str) -> u32 {
        Operation::ALL.iter().position(|o| o.id() == id).unwrap() as u32
    }

    #[test]
    fn valid_unchanged_body_returns_nothing() {
        let i = index("v3.subscribers.create");
        assert_eq!(validate_raw(i, r#"{"email":"jane@example.com"}"#), None);
    }

    #[test]
    fn read_only_fields_are_stripped_and_warned() {
        let i = index("v3.subscribers.create");
        let out: Value = serde_json::from_str(
            &validate_raw(i, r#"{"email":"jane@example.com","id":4}"#).unwrap(),
        )
        .unwrap();
        assert_eq!(
            out["body"],
            serde_json::json!({"email": "jane@example.com"})
        );
        assert_eq!(out["warnings"][0]["code"], "read_only");
        assert_eq!(out["warnings"][0]["path"], serde_json::json!(["id"]));
    }

    #[test]
    fn errors_have_array_paths_and_no_value() {
        let i = index("v3.customers.create");
        let text = r#"[{"email":"secret-value","first_name":"","last_name":"B"}]"#;
        let out = validate_raw(i, text).unwrap();
        assert!(!out.contains("secret-value"));
        let out: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["errors"][0]["path"], serde_json::json!([0, "email"]));
        assert!(out.get("body").is_none());
    }

    #[test]
    #[cfg(feature = "tools")]
    fn unknown_operation_and_malformed_json_are_issues() {
        let out: Value = serde_json::from_str(&validate_json_raw("nope", "{}")).unwrap();
        assert_eq!(out["errors"][0]["code"], "unknown_operation");
        let out: Value = serde_json::from_str(&validate_raw(99, "{}").unwrap()).unwrap();
        assert_eq!(out["errors"][0]["code"], "unknown_operation");
        let out: Value =
            serde_json::from_str(&validate_raw(index("v3.subscribers.create"), "{").unwrap())
                .unwrap();
        assert_eq!(out["errors"][0]["code"], "invalid_json");
    }

    #[test]
    fn input_buffer_validates_like_text() {
        let i = index("v3.subscribers.create");
        for text in [
            r#"{"email":"jane@example.com"}"#,
            r#"{"email":"no"}"#,
            "{",
            "[1] x",
        ] {
            let at = input_buffer(text.len() * 3);
            assert!(!at.is_null());
            INPUT.with(|input| input.borrow_mut()[..text.len()].copy_from_slice(text.as_bytes()));
            assert_eq!(
                validate_input(i, text.len()),
                validate_raw(i, text),
                "{text}"
            );
        }
        input_buffer(4);
        INPUT.with(|input| input.borrow_mut()[..4].copy_from_slice(&[b'"', 0xff, 0xfe, b'"']));
        let out: Value = serde_json::from_str(&validate_input(i, 4).unwrap()).unwrap();
        assert_eq!(out["errors"][0]["code"], "invalid_json");
        // A length beyond the buffer is read as empty input, never out of bounds.
        let out: Value = serde_json::from_str(&validate_input(i, usize::MAX).unwrap()).unwrap();
        assert_eq!(out["errors"][0]["code"], "invalid_json");
    }

    #[test]
    fn latin1_input_validates_like_its_text() {
        let i = index("v3.customers.create");
        for text in [
            r#"[{"email":"zoe@example.com","first_name":"Zoë","last_name":"Müller"}]"#,
            r#"[{"email":"zoe@example.com","first_name":"","last_name":"García"}]"#,
            r#"[{"email":"zoë@example.com","first_name":"Zoë","last_name":"Ø"}]"#,
            "[{\"email\":\"a@example.com\",\"first_name\":\"\u{ff}\u{80}\",\"last_name\":\"x\"}]",
            "{",
            "",
        ] {
            let latin1: Vec<u8> = text.chars().map(|c| c as u8).collect();
            input_buffer(latin1.len());
            INPUT.with(|input| input.borrow_mut()[..latin1.len()].copy_from_slice(&latin1));
            assert_eq!(
                validate_latin1(i, latin1.len()),
                validate_raw(i, text),
                "{text}"
            );
        }
        // A length beyond the buffer is read as empty input, never out of bounds.
        let out: Value = serde_json::from_str(&validate_latin1(i, usize::MAX).unwrap()).unwrap();
        assert_eq!(out["errors"][0]["code"], "invalid_json");
    }

    #[test]
    fn countries_say_which_need_a_state() {
        let list: Vec<Value> = serde_json::from_str(&countries_raw()).unwrap();
        let us = list.iter().find(|c| c["code"] == "US").unwrap();
        assert_eq!(us["requiresState"], true);
        assert!(list.len() > 200);
    }
}
