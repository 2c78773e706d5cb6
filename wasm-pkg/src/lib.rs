//! `bc-customers` for JavaScript: thin `wasm-bindgen` functions over `bc-customers-core`.
//!
//! Every export takes strings (JSON text where the input is structured) and returns plain data,
//! mostly JSON text that the hand-written `npm/api.js` parses: one `JSON.parse` in JavaScript is
//! much cheaper than building objects across the boundary one property at a time. Nothing here
//! panics or throws on bad input; problems come back as issues `{path, code, message}` with
//! `path` an array of keys and indexes (Standard Schema), and messages never hold the value.
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

/// Validates `text` (a JSON body) for the operation at `index` in [`operation_ids`].
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
    let mut value = match bc_customers_core::ops::parse_json(text) {
        Ok(v) => v,
        Err(issue) => {
            return Some(to_json(&Outcome {
                errors: vec![issue.into()],
                warnings: vec![],
                body: None,
            }))
        }
    };
    let report = op.validate(&value);
    if report.errors.is_empty() && report.warnings.is_empty() {
        return None;
    }
    let body = if report.errors.is_empty() && report.warnings.iter().any(|w| w.code == "read_only")
    {
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

/// Validates a JSON text body for an operation id. Always returns JSON text of
/// `{errors, warnings, body?}` (kept for callers of the first release; `validateRaw` is faster).
#[wasm_bindgen(js_name = validateJsonRaw)]
pub fn validate_json_raw(operation: &str, text: &str) -> String {
    match Operation::ALL.iter().position(|op| op.id() == operation) {
        Some(i) => validate_raw(i as u32, text)
            .unwrap_or_else(|| r#"{"errors":[],"warnings":[]}"#.to_string()),
        None => to_json(&unknown_operation()),
    }
}

/// The ids of every operation that can be validated, e.g. `v3.subscribers.create`, in the
/// order `validateRaw` indexes them.
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
    fn countries_say_which_need_a_state() {
        let list: Vec<Value> = serde_json::from_str(&countries_raw()).unwrap();
        let us = list.iter().find(|c| c["code"] == "US").unwrap();
        assert_eq!(us["requiresState"], true);
        assert!(list.len() > 200);
    }
}
