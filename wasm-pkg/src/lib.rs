//! `bc-customers` for JavaScript: thin `wasm-bindgen` functions over `bc-customers-core`.
//! Results cross the boundary as plain data; bad input is reported, never thrown as a trap.

use bc_customers_core::{Operation, Report};
use wasm_bindgen::prelude::*;

fn to_js(report: &Report) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(report, &ser).unwrap_or(JsValue::NULL)
}

fn unknown_operation(id: &str) -> Report {
    let _ = id;
    Report {
        errors: vec![bc_customers_core::Issue::new(
            "",
            "unknown_operation",
            "no operation has this id",
        )],
        warnings: vec![],
    }
}

/// Validates a JSON string body for an operation id; returns `{errors, warnings}`.
#[wasm_bindgen(js_name = validateJsonReport)]
pub fn validate_json_report(operation: &str, text: &str) -> JsValue {
    match Operation::from_id(operation) {
        Some(op) => to_js(&op.validate_json(text)),
        None => to_js(&unknown_operation(operation)),
    }
}
