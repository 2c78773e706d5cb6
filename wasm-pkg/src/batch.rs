//! Batch planning for JavaScript: any number of records in, the V3 calls to make out.

use crate::{js_issues, to_json, JsIssue};
use bc_customers_core::batch::{plan_customer_batches, BatchKind};
use bc_customers_core::Issue;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct Call {
    method: &'static str,
    path: String,
    body: Value,
    /// `indexes[k]` is the input index of body item `k`.
    indexes: Vec<usize>,
}

#[derive(Serialize)]
struct Plan {
    operation: &'static str,
    concurrency: usize,
    calls: Vec<Call>,
    /// Records left out, with the reason (path `[i]…` of the input).
    issues: Vec<JsIssue>,
    #[serde(rename = "leftOut")]
    left_out: Vec<usize>,
}

/// The batch kinds by operation id.
pub const BATCH_OPERATIONS: &[(&str, BatchKind)] = &[
    ("v3.customers.create", BatchKind::CustomerCreate),
    ("v3.customers.update", BatchKind::CustomerUpdate),
    (
        "v3.attribute_values.upsert",
        BatchKind::AttributeValueUpsert,
    ),
    ("v3.addresses.create", BatchKind::AddressCreate),
    ("v3.addresses.update", BatchKind::AddressUpdate),
];

fn empty(operation: &'static str, issue: Issue) -> String {
    to_json(&Plan {
        operation,
        concurrency: 1,
        calls: vec![],
        issues: js_issues(vec![issue]),
        left_out: vec![],
    })
}

/// Plans the calls for `text` (a JSON array of records) and `operation` (one of
/// [`BATCH_OPERATIONS`]). Returns JSON text of
/// `{operation, concurrency, calls: [{method, path, body, indexes}], issues, leftOut}`.
#[wasm_bindgen(js_name = planRaw)]
pub fn plan_raw(operation: &str, text: &str) -> String {
    let Some(&(id, kind)) = BATCH_OPERATIONS.iter().find(|(id, _)| *id == operation) else {
        return empty(
            "",
            Issue::new(
                "",
                "unknown_operation",
                "batches plan `v3.customers.create`, `v3.customers.update`, \
                 `v3.attribute_values.upsert`, `v3.addresses.create` or `v3.addresses.update`",
            ),
        );
    };
    let records = match bc_customers_core::ops::parse_json(text) {
        Ok(Value::Array(items)) => items,
        Ok(_) => {
            return empty(
                id,
                Issue::new("", "invalid_type", "expected an array of records"),
            )
        }
        Err(issue) => return empty(id, issue),
    };
    let plan = plan_customer_batches(kind, records);
    let left_out = plan.left_out();
    to_json(&Plan {
        operation: id,
        concurrency: plan.concurrency,
        calls: plan
            .calls
            .into_iter()
            .map(|c| Call {
                method: c.request.method.as_str(),
                path: c.request.path_and_query(),
                body: c.request.body.unwrap_or(Value::Null),
                indexes: c.indexes,
            })
            .collect(),
        issues: js_issues(plan.issues),
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_into_calls_of_ten_and_reports_duplicates() {
        let records: Vec<Value> = (0..12)
            .map(|i| json!({"email": format!("c{i}@example.com"), "first_name": "A", "last_name": "B"}))
            .chain([json!({"email": "C0@example.com", "first_name": "A", "last_name": "B"})])
            .collect();
        let out: Value = serde_json::from_str(&plan_raw(
            "v3.customers.create",
            &Value::Array(records).to_string(),
        ))
        .unwrap();
        assert_eq!(out["calls"].as_array().unwrap().len(), 2);
        assert_eq!(out["calls"][0]["method"], "POST");
        assert_eq!(out["calls"][0]["path"], "/v3/customers");
        assert_eq!(out["calls"][1]["indexes"], json!([10, 11]));
        assert_eq!(out["issues"][0]["path"], json!([12, "email"]));
        assert_eq!(out["leftOut"], json!([12]));
    }

    #[test]
    fn bad_input_is_an_issue() {
        let out: Value = serde_json::from_str(&plan_raw("v3.customers.create", "{}")).unwrap();
        assert_eq!(out["issues"][0]["code"], "invalid_type");
        let out: Value = serde_json::from_str(&plan_raw("nope", "[]")).unwrap();
        assert_eq!(out["issues"][0]["code"], "unknown_operation");
    }
}
