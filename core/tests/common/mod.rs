//! Helpers shared by the validation test files: issues as `(path, code)` pairs, so tests assert
//! codes and paths and never message text.
#![allow(dead_code)] // each test binary uses its own subset

use bc_customers_core::Operation;
use serde_json::Value;

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
