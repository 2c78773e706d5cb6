//! `v3.form_field_values.upsert`, `v3.consent.update`, `v3.settings.update`,
//! `v3.channel_settings.update`, `v3.credentials.validate`.

mod common;
use bc_customers_core::Operation;
use common::*;
use serde_json::json;

#[test]
fn form_field_values_belong_to_a_customer_or_an_address() {
    let op = Operation::V3FormFieldValuesUpsert;
    assert!(errors(
        op,
        json!([
            {"customer_id": 12, "name": "Sales Rep", "value": "Miss Moneypenny"},
            {"address_id": 3, "name": "Colours", "value": ["red", "blue"]},
            {"address_id": 3, "name": "Floor", "value": 4}
        ])
    )
    .is_empty());
    assert_eq!(
        errors(
            op,
            json!([
                {"name": "a", "value": "b"},
                {"customer_id": 1, "address_id": 2, "name": "a", "value": "b"},
                {"customer_id": 1, "value": [1, 2]}
            ])
        ),
        pairs(&[
            ("[0].customer_id", "required"),
            ("[1].address_id", "conflicting_fields"),
            ("[2].name", "required"),
            ("[2].value", "invalid_type"),
        ])
    );
    assert_eq!(errors(op, json!([])), pairs(&[("", "too_few_items")]));
}

#[test]
fn consent_categories_are_known_distinct_and_not_contradictory() {
    let op = Operation::V3ConsentUpdate;
    assert!(errors(
        op,
        json!({"allow": ["essential", "analytics"], "deny": ["targeting"]})
    )
    .is_empty());
    assert!(errors(op, json!({})).is_empty());
    assert_eq!(
        errors(
            op,
            json!({"allow": ["essential", "essential", "marketing"], "deny": ["functional", "essential"]})
        ),
        pairs(&[
            ("allow[1]", "duplicate_item"),
            ("allow[2]", "invalid_enum"),
            ("deny[1]", "consent_conflict"),
        ])
    );
    assert_eq!(errors(op, json!([])), pairs(&[("", "invalid_type")]));
}

#[test]
fn global_settings_types() {
    let op = Operation::V3SettingsUpdate;
    assert_eq!(
        errors(
            op,
            json!({
                "privacy_settings": {"ask_shopper_for_tracking_consent": "true", "policy_url": null},
                "customer_group_settings": {"guest_customer_group_id": -1, "default_customer_group_id": 0}
            })
        ),
        pairs(&[
            (
                "customer_group_settings.guest_customer_group_id",
                "too_small"
            ),
            (
                "privacy_settings.ask_shopper_for_tracking_consent",
                "invalid_type"
            ),
            ("privacy_settings.policy_url", "invalid_type"),
        ])
    );
    let report = op.validate(
        &json!({"privacy_settings": {"ask_shopper_for_tracking_consent_on_checkout": true}}),
    );
    assert!(report.is_valid());
    assert_eq!(report.warnings[0].code, "unknown_field");
}

#[test]
fn channel_settings_accept_null_to_inherit() {
    let op = Operation::V3ChannelSettingsUpdate;
    assert!(errors(
        op,
        json!({
            "privacy_settings": {"ask_shopper_for_tracking_consent": null, "policy_url": null},
            "customer_group_settings": null,
            "allow_global_logins": null
        })
    )
    .is_empty());
    assert_eq!(
        errors(
            op,
            json!({"allow_global_logins": "yes", "customer_group_settings": {"default_customer_group_id": 1.5}})
        ),
        pairs(&[
            ("allow_global_logins", "invalid_type"),
            (
                "customer_group_settings.default_customer_group_id",
                "invalid_type"
            ),
        ])
    );
}

#[test]
fn credentials_need_email_and_password() {
    let op = Operation::V3CredentialsValidate;
    assert!(errors(op, json!({"email": "foo@bar.com", "password": "password"})).is_empty());
    assert_eq!(
        errors(op, json!({"email": "", "channel_id": 0})),
        pairs(&[
            ("channel_id", "too_small"),
            ("email", "too_short"),
            ("password", "required"),
        ])
    );
    let secret = "hunter2-secret";
    let report = op.validate(&json!({"email": secret, "password": 7}));
    for issue in &report.errors {
        assert!(!issue.message.contains(secret));
    }
}
