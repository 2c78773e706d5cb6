//! `v3.addresses.create` / `v3.addresses.update`: codes and paths, never message text.

mod common;
use bc_customers_core::v3::addresses::{
    looks_like_state_code, requires_postal_code, requires_state, NO_POSTAL_CODE, STATE_REQUIRED,
};
use bc_customers_core::Operation;
use common::*;
use serde_json::{json, Value};

const CREATE: Operation = Operation::V3AddressesCreate;
const UPDATE: Operation = Operation::V3AddressesUpdate;

fn us_address() -> Value {
    json!({
        "customer_id": 1, "first_name": "John", "last_name": "Doe", "address1": "111 E West Street",
        "city": "Akron", "state_or_province": "Ohio", "postal_code": "44325", "country_code": "US"
    })
}

#[test]
fn create_requires_the_core_fields() {
    assert_eq!(
        errors(CREATE, json!([{}])),
        pairs(&[
            ("[0].address1", "required"),
            ("[0].city", "required"),
            ("[0].country_code", "required"),
            ("[0].customer_id", "required"),
            ("[0].first_name", "required"),
            ("[0].last_name", "required"),
        ])
    );
    assert_eq!(errors(CREATE, json!([])), pairs(&[("", "too_few_items")]));
}

#[test]
fn us_addresses_need_a_full_state_name_and_a_postal_code() {
    let mut a = us_address();
    a.as_object_mut().unwrap().remove("state_or_province");
    a.as_object_mut().unwrap().remove("postal_code");
    assert_eq!(
        errors(CREATE, json!([a])),
        pairs(&[
            ("[0].postal_code", "required"),
            ("[0].state_or_province", "required"),
        ])
    );
    for code in ["OH", "CA", "NSW"] {
        let mut a = us_address();
        a["state_or_province"] = json!(code);
        assert_eq!(
            errors(CREATE, json!([a])),
            pairs(&[("[0].state_or_province", "state_code_not_accepted")]),
            "{code}"
        );
    }
    let mut a = us_address();
    a["state_or_province"] = json!("  ");
    a["postal_code"] = json!("");
    assert_eq!(
        errors(CREATE, json!([a])),
        pairs(&[
            ("[0].postal_code", "required"),
            ("[0].state_or_province", "required"),
        ])
    );
}

#[test]
fn countries_without_states_only_need_a_postal_code() {
    let a = json!({"customer_id": 1, "first_name": "A", "last_name": "B", "address1": "10 Downing St", "city": "London", "country_code": "GB"});
    assert_eq!(
        errors(CREATE, json!([a.clone()])),
        pairs(&[("[0].postal_code", "required")])
    );
    let mut a = a;
    a["postal_code"] = json!("SW1A 2AA");
    assert!(errors(CREATE, json!([a])).is_empty());
}

#[test]
fn other_countries_follow_their_own_needs() {
    let base = json!({"customer_id": 1, "first_name": "A", "last_name": "B", "address1": "1 Road", "city": "Town"});
    let with = |country: &str| {
        let mut a = base.clone();
        a["country_code"] = json!(country);
        a
    };
    // Canada and Australia need a state; Hong Kong has no postal codes; Germany needs only a
    // postal code.
    assert_eq!(
        errors(
            CREATE,
            json!([with("CA"), with("AU"), with("HK"), with("DE")])
        ),
        pairs(&[
            ("[0].postal_code", "required"),
            ("[0].state_or_province", "required"),
            ("[1].postal_code", "required"),
            ("[1].state_or_province", "required"),
            ("[3].postal_code", "required"),
        ])
    );
    let mut au = with("AU");
    au["state_or_province"] = json!("NSW");
    au["postal_code"] = json!("2000");
    assert_eq!(
        errors(CREATE, json!([au])),
        pairs(&[("[0].state_or_province", "state_code_not_accepted")])
    );
}

#[test]
fn country_lists_only_name_assigned_codes() {
    for c in STATE_REQUIRED.iter().chain(NO_POSTAL_CODE) {
        assert!(bc_customers_core::country::name_of(c).is_some(), "{c}");
    }
}

#[test]
fn country_lists_are_consistent() {
    for c in ["US", "CA", "AU", "IN", "BR", "MX"] {
        assert!(requires_state(c), "{c}");
    }
    assert!(!requires_state("GB") && !requires_state("DE"));
    assert!(requires_postal_code("US") && requires_postal_code("GB"));
    assert!(!requires_postal_code("XX"), "unknown codes need nothing");
    assert!(STATE_REQUIRED.iter().all(|c| !NO_POSTAL_CODE.contains(c)));
    assert!(looks_like_state_code("QLD") && !looks_like_state_code("Queensland"));
}

#[test]
fn country_code_must_be_an_assigned_upper_case_code() {
    for (code, want) in [
        ("us", "invalid_country_code"),
        ("st", "invalid_country_code"),
        ("ZZ", "invalid_country_code"),
        ("USA", "too_long"),
        ("U", "too_short"),
    ] {
        let mut a = us_address();
        a["country_code"] = json!(code);
        assert_eq!(
            errors(CREATE, json!([a])),
            pairs(&[("[0].country_code", want)]),
            "{code}"
        );
    }
}

#[test]
fn lengths_and_enums() {
    let mut a = us_address();
    a["first_name"] = json!("x".repeat(256));
    a["company"] = json!("x".repeat(256));
    a["city"] = json!("x".repeat(101));
    a["state_or_province"] = json!("x".repeat(101));
    a["postal_code"] = json!("1".repeat(31));
    a["phone"] = json!("1".repeat(51));
    a["address_type"] = json!("Residential");
    a["address1"] = json!("x".repeat(5000));
    assert_eq!(
        errors(CREATE, json!([a])),
        pairs(&[
            ("[0].address_type", "invalid_enum"),
            ("[0].city", "too_long"),
            ("[0].company", "too_long"),
            ("[0].first_name", "too_long"),
            ("[0].phone", "too_long"),
            ("[0].postal_code", "too_long"),
            ("[0].state_or_province", "too_long"),
        ])
    );
}

#[test]
fn read_only_fields_on_create() {
    let mut a = us_address();
    a["country"] = json!("United States");
    a["id"] = json!(3);
    let report = CREATE.validate(&json!([a.clone()]));
    assert!(report.is_valid());
    let codes: Vec<_> = report
        .warnings
        .iter()
        .map(|w| (w.path.as_str(), w.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [("[0].country", "read_only"), ("[0].id", "read_only")]
    );
    let prepared = CREATE.prepare(json!([a])).unwrap();
    assert_eq!(prepared.body, json!([us_address()]));
}

#[test]
fn update_needs_only_an_id_but_still_checks_what_is_sent() {
    assert!(errors(UPDATE, json!([{"id": 18, "first_name": "sam"}])).is_empty());
    assert_eq!(
        errors(UPDATE, json!([{"first_name": ""}])),
        pairs(&[("[0].first_name", "too_short"), ("[0].id", "required")])
    );
    // Changing the country alone keeps the stored state and postal code.
    assert!(errors(UPDATE, json!([{"id": 1, "country_code": "US"}])).is_empty());
    // Blanking them where the country needs them is an error.
    assert_eq!(
        errors(
            UPDATE,
            json!([{"id": 1, "country_code": "US", "state_or_province": "", "postal_code": " "}])
        ),
        pairs(&[
            ("[0].postal_code", "required"),
            ("[0].state_or_province", "required"),
        ])
    );
    assert_eq!(
        errors(UPDATE, json!([{"id": 1, "state_or_province": "NY"}])),
        pairs(&[("[0].state_or_province", "state_code_not_accepted")])
    );
}

#[test]
fn update_cannot_move_an_address_to_another_customer() {
    let prepared = UPDATE
        .prepare(json!([{"id": 1, "customer_id": 9, "city": "Akron"}]))
        .unwrap();
    assert_eq!(prepared.body, json!([{"id": 1, "city": "Akron"}]));
    assert_eq!(prepared.warnings[0].code, "read_only");
    assert_eq!(prepared.warnings[0].path, "[0].customer_id");
}

#[test]
fn form_fields_on_addresses() {
    let mut a = us_address();
    a["form_fields"] = json!([{"name": "gate code", "value": {"nested": true}}]);
    assert_eq!(
        errors(CREATE, json!([a])),
        pairs(&[("[0].form_fields[0].value", "invalid_type")])
    );
}
