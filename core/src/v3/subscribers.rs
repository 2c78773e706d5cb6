//! Subscribers: BigCommerce's newsletter and abandoned-cart consents
//! (`/v3/customers/subscribers`, `shared/reference/bigcommerce/subscribers.v3.yml`).
//!
//! V3 only: V2 has no subscriber resource, and a subscriber need not be a customer. Create takes
//! a single object (not an array, unlike V3 customers); update is `PUT /customers/subscribers/{id}`.
//!
//! Decisions where the spec is loose (SUMMARY.md §12, items 32 and 35):
//! - `email` is only `x-required: post` and has no format or length: we require it on create,
//!   check it is an address BigCommerce would accept, and cap it at 255 characters like customer
//!   emails on update.
//! - `source` is documented as `storefront | order | custom` but typed as a free string: we keep it
//!   free (up to 255 characters), as the live API does.
//! - The spec sets no `additionalProperties`, so unknown fields are warnings, not errors.

use crate::schema::{
    formatted, integer, string, ArrayRule, EnumRule, Field, Format, ObjectRule, Schema, ID,
};

/// The consent kinds a subscriber can hold.
pub const CONSENTS: &[&str] = &["marketing_newsletter", "abandoned_cart"];

static EMAIL: Schema = formatted(Format::Email, Some(3), Some(255));
static NAME: Schema = string(None, Some(255));
static SOURCE: Schema = string(None, Some(255));
static ORDER_ID: Schema = Schema::Nullable(&ID);
static CHANNEL_ID: Schema = ID;
static CONSENT: Schema = Schema::Enum(EnumRule { values: CONSENTS });
static CONSENT_LIST: Schema = Schema::Array(ArrayRule {
    items: &CONSENT,
    min: None,
    max: None,
    unique: true,
});
static SUBSCRIBER_ID: Schema = integer(Some(1), None);
static DATE: Schema = formatted(Format::DateTime, None, None);

/// `subscriber_Post`: body of `POST /v3/customers/subscribers`.
pub static SUBSCRIBER_CREATE: Schema = Schema::Object(ObjectRule {
    name: "SubscriberCreate",
    fields: &[
        Field::required("email", &EMAIL),
        Field::optional("first_name", &NAME),
        Field::optional("last_name", &NAME),
        Field::optional("source", &SOURCE),
        Field::optional("order_id", &ORDER_ID),
        Field::optional("channel_id", &CHANNEL_ID),
        Field::optional("consents", &CONSENT_LIST),
        Field::read_only("id", &SUBSCRIBER_ID),
        Field::read_only("date_created", &DATE),
        Field::read_only("date_modified", &DATE),
    ],
    additional: true,
    rules: &[],
});

/// `subscriber_Put`: body of `PUT /v3/customers/subscribers/{subscriber_id}`.
pub static SUBSCRIBER_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "SubscriberUpdate",
    fields: &[
        Field::optional("email", &EMAIL),
        Field::optional("first_name", &NAME),
        Field::optional("last_name", &NAME),
        Field::optional("source", &SOURCE),
        Field::optional("order_id", &ORDER_ID),
        Field::optional("channel_id", &CHANNEL_ID),
        Field::optional("consents", &CONSENT_LIST),
        Field::read_only("id", &SUBSCRIBER_ID),
        Field::read_only("date_created", &DATE),
        Field::read_only("date_modified", &DATE),
    ],
    additional: true,
    rules: &[],
});

#[cfg(test)]
mod tests {
    use crate::ops::Operation;
    use serde_json::json;

    fn codes(op: Operation, v: serde_json::Value) -> Vec<(String, String)> {
        op.validate(&v)
            .errors
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    }

    #[test]
    fn create_accepts_the_spec_example() {
        let example = json!({
            "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
            "source": "storefront", "order_id": 1, "channel_id": 1,
            "consents": ["marketing_newsletter"]
        });
        assert!(codes(Operation::V3SubscribersCreate, example).is_empty());
    }

    #[test]
    fn create_requires_a_real_email_and_known_consents() {
        let got = codes(
            Operation::V3SubscribersCreate,
            json!({"first_name": 5, "consents": ["spam", "abandoned_cart", "abandoned_cart"], "order_id": 0}),
        );
        assert_eq!(
            got,
            [
                ("consents[0]", "invalid_enum"),
                ("consents[2]", "duplicate_item"),
                ("email", "required"),
                ("first_name", "invalid_type"),
                ("order_id", "too_small"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        let got = codes(
            Operation::V3SubscribersCreate,
            json!({"email": "not-an-email"}),
        );
        assert_eq!(got[0].1, "invalid_email");
    }

    #[test]
    fn update_needs_no_email_but_checks_it_when_given() {
        assert!(codes(Operation::V3SubscribersUpdate, json!({"consents": []})).is_empty());
        assert_eq!(
            codes(Operation::V3SubscribersUpdate, json!({"email": "x"}))[0].1,
            "too_short"
        );
    }
}
