//! `v3.customers.create` / `v3.customers.update`: codes and paths, never message text.

mod common;
use bc_customers_core::Operation;
use common::*;
use serde_json::{json, Value};

fn customer(email: &str) -> Value {
    json!({"email": email, "first_name": "Jane", "last_name": "Doe"})
}

const CREATE: Operation = Operation::V3CustomersCreate;
const UPDATE: Operation = Operation::V3CustomersUpdate;

#[test]
fn create_requires_email_and_names() {
    assert_eq!(
        errors(CREATE, json!([{}])),
        pairs(&[
            ("[0].email", "required"),
            ("[0].first_name", "required"),
            ("[0].last_name", "required"),
        ])
    );
}

#[test]
fn create_is_a_batch_of_one_to_ten() {
    assert_eq!(errors(CREATE, json!([])), pairs(&[("", "too_few_items")]));
    let eleven: Vec<Value> = (0..11)
        .map(|i| customer(&format!("c{i}@example.com")))
        .collect();
    assert_eq!(
        errors(CREATE, json!(eleven)),
        pairs(&[("", "too_many_items")])
    );
    let ten: Vec<Value> = (0..10)
        .map(|i| customer(&format!("c{i}@example.com")))
        .collect();
    assert!(errors(CREATE, json!(ten)).is_empty());
    assert_eq!(
        errors(CREATE, customer("a@example.com")),
        pairs(&[("", "invalid_type")])
    );
}

#[test]
fn email_is_250_characters_on_create_and_255_on_update() {
    // A valid address of exactly `n` characters: `a@` + dotted labels + `.com`.
    let long = |n: usize| {
        let mut domain: Vec<u8> = (0..n - 6)
            .map(|i| if i % 10 == 9 { b'.' } else { b'b' })
            .collect();
        if let Some(last) = domain.last_mut() {
            *last = b'b';
        }
        format!("a@{}.com", String::from_utf8(domain).unwrap())
    };
    assert!(errors(CREATE, json!([customer(&long(250))])).is_empty());
    assert_eq!(
        errors(CREATE, json!([customer(&long(251))])),
        pairs(&[("[0].email", "too_long")])
    );
    assert!(errors(UPDATE, json!([{"id": 1, "email": long(255)}])).is_empty());
    assert_eq!(
        errors(UPDATE, json!([{"id": 1, "email": long(256)}])),
        pairs(&[("[0].email", "too_long")])
    );
}

#[test]
fn email_must_be_one_bigcommerce_accepts() {
    for bad in [
        "jane@localhost",
        "jane..doe@example.com",
        "no-at-sign",
        "a b@example.com",
    ] {
        assert_eq!(
            errors(CREATE, json!([customer(bad)])),
            pairs(&[("[0].email", "invalid_email")]),
            "{bad}"
        );
    }
    assert_eq!(
        errors(CREATE, json!([customer("ab")])),
        pairs(&[("[0].email", "too_short")])
    );
}

#[test]
fn duplicate_emails_in_one_batch_are_reported_on_the_later_item() {
    let body = json!([
        customer("Jane@Example.com"),
        customer("other@example.com"),
        customer("jane@example.COM"),
        customer("JANE@example.com"),
    ]);
    assert_eq!(
        errors(CREATE, body),
        pairs(&[
            ("[2].email", "duplicate_email"),
            ("[3].email", "duplicate_email")
        ])
    );
    let body = json!([{"id": 1, "email": "a@example.com"}, {"id": 2, "email": "A@example.com"}]);
    assert_eq!(
        errors(UPDATE, body),
        pairs(&[("[1].email", "duplicate_email")])
    );
}

#[test]
fn names_are_1_to_100_unicode_characters() {
    let mut c = customer("a@example.com");
    c["first_name"] = json!("é".repeat(100));
    c["last_name"] = json!("");
    assert_eq!(
        errors(CREATE, json!([c.clone()])),
        pairs(&[("[0].last_name", "too_short")])
    );
    c["first_name"] = json!("é".repeat(101));
    c["last_name"] = json!("Doe");
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[("[0].first_name", "too_long")])
    );
}

#[test]
fn other_string_and_integer_limits() {
    let mut c = customer("a@example.com");
    c["company"] = json!("x".repeat(256));
    c["phone"] = json!("1".repeat(51));
    c["tax_exempt_category"] = json!("x".repeat(256));
    c["customer_group_id"] = json!(-1);
    c["origin_channel_id"] = json!(2_147_483_648u64);
    c["notes"] = json!("x".repeat(10_000));
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[
            ("[0].company", "too_long"),
            ("[0].customer_group_id", "too_small"),
            ("[0].origin_channel_id", "too_large"),
            ("[0].phone", "too_long"),
            ("[0].tax_exempt_category", "too_long"),
        ])
    );
    let mut c = customer("a@example.com");
    c["customer_group_id"] = json!(0);
    assert!(errors(CREATE, json!([c])).is_empty());
}

#[test]
fn channel_ids_null_means_global_but_empty_is_rejected() {
    let mut c = customer("a@example.com");
    c["channel_ids"] = Value::Null;
    assert!(errors(CREATE, json!([c.clone()])).is_empty());
    c["channel_ids"] = json!([]);
    assert_eq!(
        errors(CREATE, json!([c.clone()])),
        pairs(&[("[0].channel_ids", "too_few_items")])
    );
    c["channel_ids"] = json!([1, 0]);
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[("[0].channel_ids[1]", "too_small")])
    );
    assert_eq!(
        errors(UPDATE, json!([{"id": 1, "channel_ids": []}])),
        pairs(&[("[0].channel_ids", "too_few_items")])
    );
}

#[test]
fn embedded_addresses_and_attributes_are_limited_to_ten() {
    let address = json!({"first_name": "A", "last_name": "B", "address1": "1 Main St", "city": "London", "country_code": "GB", "postal_code": "SW1A 1AA"});
    let attribute = json!({"attribute_id": 1, "attribute_value": "x"});
    let mut c = customer("a@example.com");
    c["addresses"] = json!(vec![address.clone(); 10]);
    c["attributes"] = json!(vec![attribute.clone(); 10]);
    assert!(errors(CREATE, json!([c.clone()])).is_empty());
    c["addresses"] = json!(vec![address; 11]);
    c["attributes"] = json!(vec![attribute; 11]);
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[
            ("[0].addresses", "too_many_items"),
            ("[0].attributes", "too_many_items")
        ])
    );
}

#[test]
fn embedded_address_checks_reach_deep_paths() {
    let mut c = customer("a@example.com");
    c["addresses"] = json!([
        {"first_name": "A", "last_name": "B", "address1": "1 Main St", "city": "Austin", "country_code": "US", "state_or_province": "TX", "postal_code": "78759"},
        {"first_name": "A", "last_name": "B", "address1": "1 Main St", "city": "Austin", "country_code": "us", "address_type": "home"},
    ]);
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[
            (
                "[0].addresses[0].state_or_province",
                "state_code_not_accepted"
            ),
            ("[0].addresses[1].address_type", "invalid_enum"),
            ("[0].addresses[1].country_code", "invalid_country_code"),
        ])
    );
}

#[test]
fn embedded_attributes_need_id_and_value() {
    let mut c = customer("a@example.com");
    c["attributes"] = json!([{"attribute_id": 1}, {"attribute_value": "x".repeat(256)}]);
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[
            ("[0].attributes[0].attribute_value", "required"),
            ("[0].attributes[1].attribute_id", "required"),
            ("[0].attributes[1].attribute_value", "too_long"),
        ])
    );
}

#[test]
fn form_fields_store_credit_and_authentication_types() {
    let mut c = customer("a@example.com");
    c["form_fields"] = json!([
        {"name": "size", "value": "L"},
        {"name": "count", "value": 12.5},
        {"name": "colours", "value": ["red", "green"]},
        {"name": "", "value": true},
        {"value": "x"},
    ]);
    c["store_credit_amounts"] = json!([{"amount": 43.15}, {"amount": "43.15"}, {}]);
    c["authentication"] = json!({"force_password_reset": "yes", "new_password": "secret"});
    assert_eq!(
        errors(CREATE, json!([c])),
        pairs(&[
            ("[0].authentication.force_password_reset", "invalid_type"),
            ("[0].form_fields[3].name", "too_short"),
            ("[0].form_fields[3].value", "invalid_type"),
            ("[0].form_fields[4].name", "required"),
            ("[0].store_credit_amounts[1].amount", "invalid_type"),
            ("[0].store_credit_amounts[2].amount", "required"),
        ])
    );
}

#[test]
fn read_only_fields_warn_and_are_not_forwarded() {
    let mut c = customer("a@example.com");
    for (k, v) in [
        ("id", json!(5)),
        ("date_created", json!("2018-11-13T21:42:06Z")),
        ("date_modified", json!("x")),
        ("address_count", json!(1)),
        ("attribute_count", json!(1)),
        ("registration_ip_address", json!("10.0.0.1")),
    ] {
        c[k] = v;
    }
    let report = CREATE.validate(&json!([c.clone()]));
    assert!(report.is_valid());
    assert_eq!(report.warnings.len(), 6);
    assert!(report.warnings.iter().all(|w| w.code == "read_only"));
    let prepared = CREATE.prepare(json!([c])).unwrap();
    assert_eq!(prepared.body, json!([customer("a@example.com")]));
}

#[test]
fn unknown_fields_are_warnings_because_the_spec_allows_them() {
    let mut c = customer("a@example.com");
    c["emial"] = json!("typo@example.com");
    assert!(errors(CREATE, json!([c.clone()])).is_empty());
    assert_eq!(
        warnings(CREATE, json!([c])),
        pairs(&[("[0].emial", "unknown_field")])
    );
}

#[test]
fn update_requires_an_id_and_nothing_else() {
    assert!(errors(UPDATE, json!([{"id": 1}])).is_empty());
    assert_eq!(
        errors(UPDATE, json!([{"first_name": "A"}, {"id": 0}, {"id": "1"}])),
        pairs(&[
            ("[0].id", "required"),
            ("[1].id", "too_small"),
            ("[2].id", "invalid_type"),
        ])
    );
    let eleven: Vec<Value> = (1..=11).map(|i| json!({"id": i})).collect();
    assert_eq!(
        errors(UPDATE, json!(eleven)),
        pairs(&[("", "too_many_items")])
    );
}

#[test]
fn update_does_not_forward_sub_resources_or_immutable_fields() {
    let body = json!([{"id": 1, "addresses": [{}], "attributes": [{}], "origin_channel_id": 2, "registration_ip_address": "1.2.3.4", "first_name": "A"}]);
    let prepared = UPDATE.prepare(body).unwrap();
    assert_eq!(prepared.body, json!([{"id": 1, "first_name": "A"}]));
    assert_eq!(prepared.warnings.len(), 4);
}

#[test]
fn messages_never_echo_the_rejected_value() {
    let secret = "Sekrit.Value@@example";
    let mut c = customer(secret);
    c["first_name"] = json!(secret.repeat(20));
    c["authentication"] = json!({"new_password": 42});
    let body = json!([c.clone(), c]);
    let report = CREATE.validate(&body);
    assert!(!report.errors.is_empty());
    for issue in report.errors.iter().chain(&report.warnings) {
        assert!(!issue.message.contains("Sekrit"), "{issue}");
        assert!(!issue.message.ends_with('.'), "{issue}");
        let first = issue.message.chars().next().unwrap();
        assert!(!first.is_uppercase(), "{issue}");
    }
}
