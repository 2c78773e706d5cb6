//! Customer form-field values (`/v3/customers/form-field-values`,
//! `shared/reference/bigcommerce/customers.v3.yml`, schema `formFieldValue_Full`): values of the
//! custom fields of the account sign-up and address forms.
//!
//! Endpoint: `PUT /customers/form-field-values` (**deprecated** by BigCommerce in favour of
//! `form_fields` on customer and address updates), an array whose items belong either to a
//! customer (`customer_id`) or to an address (`address_id`). V2 returns form fields read-only and
//! cannot write them.
//!
//! Decisions:
//! - The spec's `oneOf` of the two item shapes is one object here with a rule: exactly one of
//!   `customer_id` and `address_id` (`required` at `customer_id` when neither, `conflicting_fields`
//!   at `address_id` when both), so problems are reported per field rather than as "matches
//!   neither alternative".
//! - Form-field names must not be empty. Batches must not be empty.

use crate::json::Object;
use crate::schema::{string, ArrayRule, Ctx, Field, ObjectRule, Rule, Schema, ID};
use crate::v3::FORM_FIELD_VALUE_VALUE;

static NAME: Schema = string(Some(1), None);

/// Rule: an item belongs to exactly one customer or one address.
pub fn owner_rule(map: Object<'_>, ctx: &mut Ctx) {
    match (
        map.contains_key("customer_id"),
        map.contains_key("address_id"),
    ) {
        (false, false) => ctx.at_key("customer_id", |ctx| {
            ctx.error(
                "required",
                "either `customer_id` or `address_id` is required",
            )
        }),
        (true, true) => ctx.at_key("address_id", |ctx| {
            ctx.error(
                "conflicting_fields",
                "give either `customer_id` or `address_id`, not both",
            )
        }),
        _ => {}
    }
}

/// `formFieldValue_Customer` | `formFieldValue_Address`: one item of
/// `PUT /v3/customers/form-field-values`.
pub static FORM_FIELD_VALUE_UPSERT: Schema = Schema::Object(ObjectRule {
    name: "FormFieldValueUpsert",
    fields: &[
        Field::required("name", &NAME),
        Field::required("value", &FORM_FIELD_VALUE_VALUE),
        Field::optional("customer_id", &ID),
        Field::optional("address_id", &ID),
    ],
    additional: true,
    rules: &[Rule::new("owner_rule", owner_rule)],
});

/// Body of `PUT /v3/customers/form-field-values`: a non-empty array of
/// [`FORM_FIELD_VALUE_UPSERT`].
pub static FORM_FIELD_VALUES_UPSERT: Schema = Schema::Array(ArrayRule {
    items: &FORM_FIELD_VALUE_UPSERT,
    min: Some(1),
    max: None,
    unique: false,
});
