//! `bc-customers` for JavaScript: thin `wasm-bindgen` functions over `bc-customers-core`.
//! Results cross the boundary as plain data; bad input is reported as issues, never thrown.
//! The Standard Schema objects and friendly names live in the hand-written `npm/api.js`.

use bc_customers_core::issue::{segments, Segment};
use bc_customers_core::{Issue, Operation};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// An issue as JavaScript sees it: `path` is an array of keys and indexes (Standard Schema).
#[derive(Serialize)]
struct JsIssue {
    path: Vec<Segment>,
    code: String,
    message: String,
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

#[derive(Serialize)]
struct Outcome {
    errors: Vec<JsIssue>,
    warnings: Vec<JsIssue>,
    /// The body to send (read-only fields removed) as JSON text, when valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or(JsValue::NULL)
}

/// Validates a JSON text body for an operation id. Returns `{errors, warnings, body?}` where
/// `body` is the JSON to forward (read-only fields removed) when there are no errors.
#[wasm_bindgen(js_name = validateJsonRaw)]
pub fn validate_json_raw(operation: &str, text: &str) -> JsValue {
    let Some(op) = Operation::from_id(operation) else {
        return to_js(&Outcome {
            errors: vec![Issue::new("", "unknown_operation", "no operation has this id").into()],
            warnings: vec![],
            body: None,
        });
    };
    let outcome = match bc_customers_core::ops::parse_json(text) {
        Err(issue) => Outcome {
            errors: vec![issue.into()],
            warnings: vec![],
            body: None,
        },
        Ok(value) => match op.prepare(value) {
            Ok(p) => Outcome {
                errors: vec![],
                warnings: p.warnings.into_iter().map(Into::into).collect(),
                body: Some(p.body.to_string()),
            },
            Err(report) => Outcome {
                errors: report.errors.into_iter().map(Into::into).collect(),
                warnings: report.warnings.into_iter().map(Into::into).collect(),
                body: None,
            },
        },
    };
    to_js(&outcome)
}

/// The ids of every operation that can be validated, e.g. `v3.subscribers.create`.
#[wasm_bindgen(js_name = operationIds)]
pub fn operation_ids() -> Vec<String> {
    Operation::ALL
        .iter()
        .map(|op| op.id().to_string())
        .collect()
}
