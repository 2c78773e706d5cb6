//! `v2.customers.*`, `v2.addresses.*`, `v2.customer_groups.*`: codes and paths.

mod common;
use bc_customers_core::v2::addresses::code_of_country_name;
use bc_customers_core::Operation;
use common::*;
use serde_json::{json, Value};

#[test]
fn v2_customer_create_requirements() {
    let op = Operation::V2CustomersCreate;
    assert_eq!(
        errors(op, json!({"first_name": ""})),
        pairs(&[
            ("email", "required"),
            ("first_name", "too_short"),
            ("last_name", "required"),
        ])
    );
    assert_eq!(
        errors(
            op,
            json!({"first_name": "J", "last_name": "D", "email": "jane@localhost"})
        ),
        pairs(&[("email", "invalid_email")])
    );
    assert_eq!(errors(op, json!([])), pairs(&[("", "invalid_type")]));
}

#[test]
fn v2_store_credit_is_a_decimal_string() {
    let op = Operation::V2CustomersUpdate;
    assert!(errors(op, json!({"store_credit": "10.5000"})).is_empty());
    assert!(errors(op, json!({"store_credit": "0"})).is_empty());
    assert_eq!(
        errors(op, json!({"store_credit": "10,50"})),
        pairs(&[("store_credit", "invalid_decimal")])
    );
    assert_eq!(
        errors(op, json!({"store_credit": 10.5})),
        pairs(&[("store_credit", "invalid_type")])
    );
}

#[test]
fn v2_password_confirmation_must_match_and_is_never_echoed() {
    let op = Operation::V2CustomersUpdate;
    let body = json!({"_authentication": {"password": "Abc-123-secret", "password_confirmation": "Abc-123-secreT"}});
    let report = op.validate(&body);
    let got: Vec<_> = report
        .errors
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [("_authentication.password_confirmation", "password_mismatch")]
    );
    for issue in &report.errors {
        assert!(!issue.message.contains("Abc-123"));
    }
    assert_eq!(
        errors(
            op,
            json!({"_authentication": {"password_confirmation": "x"}})
        ),
        pairs(&[("_authentication.password_confirmation", "password_mismatch")])
    );
    assert!(errors(op, json!({"_authentication": {"password": "x", "password_confirmation": "x", "force_reset": true}})).is_empty());
    assert_eq!(
        errors(op, json!({"_authentication": {"force_reset": "true"}})),
        pairs(&[("_authentication.force_reset", "invalid_type")])
    );
}

#[test]
fn v2_accepts_marketing_and_other_response_fields_are_read_only() {
    let op = Operation::V2CustomersUpdate;
    let body = json!({"accepts_marketing": true, "id": 1, "date_created": "Thu, 11 Jan 2018 20:57:52 +0000",
        "addresses": {"url": "u", "resource": "/customers/5/addresses"}, "form_fields": [{"name": "x", "value": null}], "notes": "n"});
    assert!(errors(op, body.clone()).is_empty());
    assert_eq!(
        warnings(op, body.clone()),
        pairs(&[
            ("accepts_marketing", "read_only"),
            ("addresses", "read_only"),
            ("date_created", "read_only"),
            ("form_fields", "read_only"),
            ("id", "read_only"),
        ])
    );
    assert_eq!(op.prepare(body).unwrap().body, json!({"notes": "n"}));
}

fn v2_address() -> Value {
    json!({"first_name": "Jane", "last_name": "Doe", "phone": "123-345-7890", "street_1": "123 Main Street",
        "city": "Austin", "state": "Texas", "zip": "78726", "country": "United States"})
}

#[test]
fn v2_address_requires_eight_fields_on_create_and_update() {
    let want = pairs(&[
        ("city", "required"),
        ("country", "required"),
        ("first_name", "required"),
        ("last_name", "required"),
        ("phone", "required"),
        ("state", "required"),
        ("street_1", "required"),
        ("zip", "required"),
    ]);
    assert_eq!(errors(Operation::V2AddressesCreate, json!({})), want);
    assert_eq!(errors(Operation::V2AddressesUpdate, json!({})), want);
    assert!(errors(Operation::V2AddressesCreate, v2_address()).is_empty());
}

#[test]
fn v2_country_is_a_full_name() {
    let op = Operation::V2AddressesCreate;
    for code in ["US", "USA", "GBR", "UK"] {
        let mut a = v2_address();
        a["country"] = json!(code);
        assert_eq!(
            errors(op, a),
            pairs(&[("country", "invalid_country_name")]),
            "{code}"
        );
    }
    let mut a = v2_address();
    a["country"] = json!("united states");
    assert!(errors(op, a).is_empty());
    let mut a = v2_address();
    a["country"] = json!("Atlantis");
    assert!(errors(op, a.clone()).is_empty());
    assert_eq!(
        warnings(op, a),
        pairs(&[("country", "unknown_country_name")])
    );
    assert_eq!(code_of_country_name("United Kingdom"), Some("GB"));
    // An everyday alias is a warning, but still selects the country's rules.
    let mut a = v2_address();
    a["country"] = json!("South Korea");
    a["state"] = json!(" ");
    a["zip"] = json!(" ");
    assert_eq!(errors(op, a.clone()), pairs(&[("zip", "required")]));
    assert_eq!(
        warnings(op, a),
        pairs(&[("country", "unknown_country_name")])
    );
}

#[test]
fn v2_state_is_never_null_and_a_space_only_where_no_state_is_needed() {
    let op = Operation::V2AddressesCreate;
    let mut a = v2_address();
    a["state"] = Value::Null;
    assert_eq!(errors(op, a), pairs(&[("state", "invalid_type")]));
    let mut a = v2_address();
    a["state"] = json!("");
    assert_eq!(errors(op, a), pairs(&[("state", "too_short")]));
    let mut a = v2_address();
    a["state"] = json!(" ");
    assert_eq!(errors(op, a), pairs(&[("state", "required")]));
    let mut a = v2_address();
    a["state"] = json!("TX");
    assert_eq!(
        errors(op, a),
        pairs(&[("state", "state_code_not_accepted")])
    );
    let mut uk = v2_address();
    uk["country"] = json!("United Kingdom");
    uk["state"] = json!(" ");
    uk["zip"] = json!("SW1A 2AA");
    assert!(errors(op, uk.clone()).is_empty());
    uk["zip"] = json!(" ");
    assert_eq!(errors(op, uk), pairs(&[("zip", "required")]));
}

#[test]
fn v2_address_read_only_fields() {
    let mut a = v2_address();
    a["country_iso2"] = json!("US");
    a["id"] = json!(3);
    let prepared = Operation::V2AddressesUpdate.prepare(a).unwrap();
    assert_eq!(prepared.body, v2_address());
    assert_eq!(prepared.warnings.len(), 2);
}

#[test]
fn customer_group_name_is_required_on_create_only() {
    assert_eq!(
        errors(
            Operation::V2CustomerGroupsCreate,
            json!({"is_default": false})
        ),
        pairs(&[("name", "required")])
    );
    assert!(errors(
        Operation::V2CustomerGroupsUpdate,
        json!({"is_default": false})
    )
    .is_empty());
    assert_eq!(
        errors(Operation::V2CustomerGroupsUpdate, json!({"name": ""})),
        pairs(&[("name", "too_short")])
    );
}

#[test]
fn category_access_categories_only_with_specific() {
    let op = Operation::V2CustomerGroupsUpdate;
    assert!(errors(op, json!({"category_access": {"type": "all"}})).is_empty());
    assert!(errors(
        op,
        json!({"category_access": {"type": "specific", "categories": [1, 2]}})
    )
    .is_empty());
    assert_eq!(
        errors(
            op,
            json!({"category_access": {"type": "none", "categories": [1]}})
        ),
        pairs(&[("category_access.categories", "categories_not_allowed")])
    );
    assert_eq!(
        errors(op, json!({"category_access": {"type": "specific"}})),
        pairs(&[("category_access.categories", "required")])
    );
    assert_eq!(
        errors(
            op,
            json!({"category_access": {"type": "some", "categories": [0, 1, 1]}})
        ),
        pairs(&[
            ("category_access.categories[0]", "too_small"),
            ("category_access.categories[2]", "duplicate_item"),
            ("category_access.type", "invalid_enum"),
        ])
    );
    assert_eq!(
        errors(op, json!({"category_access": {}})),
        pairs(&[("category_access.type", "required")])
    );
}

#[test]
fn discount_rules_fields_per_type() {
    let op = Operation::V2CustomerGroupsUpdate;
    assert_eq!(
        errors(
            op,
            json!({"discount_rules": [
                {"type": "category", "method": "percent", "amount": "5.0000"},
                {"type": "product", "method": "discount", "amount": 5, "product_id": 3, "category_id": 4},
                {"type": "price_list"},
                {"type": "all", "method": "price", "amount": "1e3"},
                {"method": "fixed"}
            ]})
        ),
        pairs(&[
            ("discount_rules", "price_list_not_exclusive"),
            ("discount_rules[0].category_id", "required"),
            ("discount_rules[1].amount", "invalid_type"),
            ("discount_rules[1].category_id", "field_not_allowed"),
            ("discount_rules[1].method", "invalid_enum"),
            ("discount_rules[2].price_list_id", "required"),
            ("discount_rules[3].amount", "invalid_decimal"),
            ("discount_rules[4].type", "required"),
        ])
    );
    assert_eq!(
        errors(
            op,
            json!({"discount_rules": [{"type": "price_list", "price_list_id": 1, "method": "percent"}]})
        ),
        pairs(&[("discount_rules[0].method", "field_not_allowed")])
    );
    assert!(errors(op, json!({"discount_rules": []})).is_empty());
}

#[test]
fn one_all_rule_at_most() {
    let op = Operation::V2CustomerGroupsCreate;
    let all = json!({"type": "all", "method": "percent", "amount": "5"});
    let cat = json!({"type": "category", "method": "fixed", "amount": "1.50", "category_id": 3});
    assert!(errors(
        op,
        json!({"name": "W", "discount_rules": [all.clone(), cat.clone(), cat.clone()]})
    )
    .is_empty());
    assert_eq!(
        errors(
            op,
            json!({"name": "W", "discount_rules": [all.clone(), cat, all.clone(), all]})
        ),
        pairs(&[
            ("discount_rules[2]", "duplicate_all_rule"),
            ("discount_rules[3]", "duplicate_all_rule"),
        ])
    );
}
