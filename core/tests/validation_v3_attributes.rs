//! `v3.attributes.*` and `v3.attribute_values.upsert`, plus the attribute value/type check.

mod common;
use bc_customers_core::v3::attribute_values::{
    check_attribute_value, check_upsert_value_types, is_full_date, AttributeType,
};
use bc_customers_core::Operation;
use common::*;
use serde_json::{json, Value};

#[test]
fn attribute_create_needs_name_and_a_known_type() {
    let op = Operation::V3AttributesCreate;
    assert!(errors(op, json!([{"name": "Date Joined", "type": "date"}])).is_empty());
    assert_eq!(
        errors(op, json!([{"name": "", "type": "boolean"}, {}])),
        pairs(&[
            ("[0].name", "too_short"),
            ("[0].type", "invalid_enum"),
            ("[1].name", "required"),
            ("[1].type", "required"),
        ])
    );
    let many: Vec<Value> = (0..51)
        .map(|i| json!({"name": format!("a{i}"), "type": "string"}))
        .collect();
    assert_eq!(errors(op, json!(many)), pairs(&[("", "too_many_items")]));
}

#[test]
fn attribute_update_cannot_change_the_type() {
    let op = Operation::V3AttributesUpdate;
    assert_eq!(
        errors(op, json!([{"name": "x"}])),
        pairs(&[("[0].id", "required")])
    );
    let prepared = op
        .prepare(json!([{"id": 1, "name": "Joined", "type": "number"}]))
        .unwrap();
    assert_eq!(prepared.body, json!([{"id": 1, "name": "Joined"}]));
    assert_eq!(prepared.warnings[0].code, "read_only");
}

#[test]
fn attribute_value_upsert_fields() {
    let op = Operation::V3AttributeValuesUpsert;
    assert_eq!(
        errors(
            op,
            json!([{"attribute_id": 1, "attribute_value": "x", "customer_id": 2}, {"attribute_id": 1, "value": "x".repeat(256), "customer_id": 0}])
        ),
        pairs(&[
            ("[0].value", "required"),
            ("[1].customer_id", "too_small"),
            ("[1].value", "too_long"),
        ])
    );
    let report =
        op.validate(&json!([{"attribute_id": 1, "attribute_value": "x", "customer_id": 2}]));
    assert_eq!(report.warnings[0].code, "unknown_field");
    assert_eq!(report.warnings[0].path, "[0].attribute_value");
}

#[test]
fn at_most_ten_distinct_customers_per_call() {
    let op = Operation::V3AttributeValuesUpsert;
    // Many values for few customers are fine.
    let body: Vec<Value> = (0..40)
        .map(|i| json!({"attribute_id": i + 1, "value": "v", "customer_id": i % 10 + 1}))
        .collect();
    assert!(errors(op, json!(body)).is_empty());
    let body: Vec<Value> = (0..12)
        .map(|i| json!({"attribute_id": 1, "value": "v", "customer_id": i + 1}))
        .collect();
    assert_eq!(
        errors(op, json!(body)),
        pairs(&[("[10].customer_id", "too_many_customers")])
    );
}

#[test]
fn at_most_fifty_values_per_customer() {
    let op = Operation::V3AttributeValuesUpsert;
    let body: Vec<Value> = (0..52)
        .map(|i| json!({"attribute_id": i + 1, "value": "v", "customer_id": 7}))
        .collect();
    assert_eq!(
        errors(op, json!(body)),
        pairs(&[("[50].customer_id", "too_many_attribute_values")])
    );
}

#[test]
fn values_are_checked_against_known_types() {
    for (kind, ok, bad) in [
        ("number", "-12.50", "12,5"),
        ("number", "0", "1e3"),
        ("date", "2024-05-14", "14/05/2024"),
        ("date", "2024-05-14T09:34:00Z", "2024-13-01"),
    ] {
        assert!(check_attribute_value(kind, ok).is_ok(), "{kind} {ok}");
        let issue = check_attribute_value(kind, bad).unwrap_err();
        assert_eq!(issue.code, "attribute_value_type_mismatch", "{kind} {bad}");
        assert!(!issue.message.contains(bad));
    }
    assert!(check_attribute_value("string", "anything at all").is_ok());
    assert!(check_attribute_value("number", "").is_ok(), "empty clears");
    assert_eq!(
        check_attribute_value("boolean", "true").unwrap_err().code,
        "invalid_enum"
    );
    assert!(is_full_date("2024-02-29") && !is_full_date("2023-02-29"));
    assert_eq!(
        AttributeType::parse("date").map(AttributeType::as_str),
        Some("date")
    );
}

#[test]
fn upsert_bodies_are_checked_against_types_the_caller_knows() {
    let body = json!([
        {"attribute_id": 1, "value": "12", "customer_id": 1},
        {"attribute_id": 1, "value": "twelve", "customer_id": 1},
        {"attribute_id": 2, "value": "not a date", "customer_id": 1},
        {"attribute_id": 3, "value": "anything", "customer_id": 1},
        {"attribute_id": 4, "value": "unknown attribute", "customer_id": 1},
    ]);
    let types = |id: i64| match id {
        1 => Some(AttributeType::Number),
        2 => Some(AttributeType::Date),
        3 => Some(AttributeType::String),
        _ => None,
    };
    let got: Vec<(String, String)> = check_upsert_value_types(&body, types)
        .into_iter()
        .map(|i| (i.path, i.code))
        .collect();
    assert_eq!(
        got,
        pairs(&[
            ("[1].value", "attribute_value_type_mismatch"),
            ("[2].value", "attribute_value_type_mismatch"),
        ])
    );
    assert!(check_upsert_value_types(&json!({"not": "a list"}), types).is_empty());
}
