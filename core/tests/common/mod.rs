//! Helpers shared by the validation test files: issues as `(path, code)` pairs, so tests assert
//! codes and paths and never message text.
#![allow(dead_code)] // each test binary uses its own subset

use bc_customers_core::ops::parse_json;
use bc_customers_core::{Operation, Report};
use serde_json::Value;

/// The reference report of a JSON text body: serde_json parses (reporting malformed text), then
/// the `Value` is walked (no one-pass check, no borrowed reader).
pub fn report_via_value(op: Operation, text: &str) -> Report {
    match parse_json(text) {
        Ok(v) => op.validate(&v),
        Err(issue) => Report {
            errors: vec![issue],
            warnings: vec![],
        },
    }
}

/// The errors of validating `body` as `(path, code)`.
pub fn errors(op: Operation, body: Value) -> Vec<(String, String)> {
    op.validate(&body)
        .errors
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

/// The warnings of validating `body` as `(path, code)`.
pub fn warnings(op: Operation, body: Value) -> Vec<(String, String)> {
    op.validate(&body)
        .warnings
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect()
}

/// Expected `(path, code)` pairs from string literals.
pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}
