//! Customers, V2 (`/v2/customers`, `shared/reference/bigcommerce/customers.v2.yml`, schemas
//! `customer_Base` and `customer_Put`; deprecated by BigCommerce in favour of
//! [`crate::v3::customers`]).
//!
//! Endpoints: `POST /customers` (one customer) and `PUT /customers/{customer_id}`.
//!
//! Where V3 differs: V3 takes batches of up to 10, limits lengths (names 100, email 250/255),
//! sets the password with `authentication.new_password` and has no confirmation field, carries
//! store credit as `store_credit_amounts: [{amount: float}]`, writes
//! `accepts_product_review_abandoned_cart_emails` (V2's `accepts_marketing` is read-only), and
//! adds channels and attributes. `registration_ip_address` is writable only here.
//!
//! Decisions (SUMMARY.md §5.1, §12 items 22 and 25):
//! - The create operation's inline schema omits `email` and types `store_credit` as an integer;
//!   we follow `customer_Base` and the text: `email` is required, `store_credit` is a decimal
//!   string (`"10.5000"`, as BigCommerce returns it; numbers are refused so money never passes
//!   through a float).
//! - `email` must be an address BigCommerce would accept, at most 255 characters (the same
//!   customer record as V3).
//! - `_authentication.password_confirmation`, when given, must equal `password`
//!   (`password_mismatch` at the confirmation; neither is ever echoed). The text says the object
//!   takes "up to two fields" but lists three: all three are accepted.
//! - Read-only (`read_only` warning, not forwarded): `id`, `date_created`, `date_modified`,
//!   `accepts_marketing`, `addresses`, `form_fields`.
//! - `customer_group_id` accepts `0` (no group).

use crate::json::Object;
use crate::schema::{formatted, integer, Ctx, Field, Format, ObjectRule, Rule, Schema, ID};
use crate::v2::{REQUIRED_TEXT, TEXT};

static EMAIL: Schema = formatted(Format::Email, Some(3), Some(255));
static STORE_CREDIT: Schema = formatted(Format::Decimal, None, None);
static GROUP_ID: Schema = integer(Some(0), Some(i32::MAX as i64));
static FLAG: Schema = Schema::Boolean;
static ANY: Schema = Schema::Any;

/// Rule: `password_confirmation` equals `password` when it is given.
pub fn passwords_match(map: Object<'_>, ctx: &mut Ctx) {
    let Some(confirmation) = map.get("password_confirmation") else {
        return;
    };
    if map.get("password") != Some(confirmation) {
        ctx.at_key("password_confirmation", |ctx| {
            ctx.error("password_mismatch", "does not match `password`")
        });
    }
}

/// `customer_Base._authentication`: password settings, never returned by BigCommerce.
pub static V2_CUSTOMER_AUTHENTICATION: Schema = Schema::Object(ObjectRule {
    name: "V2CustomerAuthentication",
    fields: &[
        Field::optional("force_reset", &FLAG),
        Field::optional("password", &REQUIRED_TEXT),
        Field::optional("password_confirmation", &TEXT),
    ],
    additional: true,
    rules: &[Rule::new("passwords_match", passwords_match)],
});

/// `customer_Base`: body of `POST /v2/customers`.
pub static V2_CUSTOMER_CREATE: Schema = Schema::Object(ObjectRule {
    name: "V2CustomerCreate",
    fields: &[
        Field::required("first_name", &REQUIRED_TEXT),
        Field::required("last_name", &REQUIRED_TEXT),
        Field::required("email", &EMAIL),
        Field::optional("company", &TEXT),
        Field::optional("phone", &TEXT),
        Field::optional("store_credit", &STORE_CREDIT),
        Field::optional("registration_ip_address", &TEXT),
        Field::optional("customer_group_id", &GROUP_ID),
        Field::optional("notes", &TEXT),
        Field::optional("tax_exempt_category", &TEXT),
        Field::optional("reset_pass_on_login", &FLAG),
        Field::optional("_authentication", &V2_CUSTOMER_AUTHENTICATION),
        Field::read_only("id", &ID),
        Field::read_only("date_created", &TEXT),
        Field::read_only("date_modified", &TEXT),
        Field::read_only("accepts_marketing", &FLAG),
        Field::read_only("addresses", &ANY),
        Field::read_only("form_fields", &ANY),
    ],
    additional: true,
    rules: &[],
});

/// `customer_Put`: body of `PUT /v2/customers/{customer_id}`.
pub static V2_CUSTOMER_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "V2CustomerUpdate",
    fields: &[
        Field::optional("first_name", &REQUIRED_TEXT),
        Field::optional("last_name", &REQUIRED_TEXT),
        Field::optional("email", &EMAIL),
        Field::optional("company", &TEXT),
        Field::optional("phone", &TEXT),
        Field::optional("store_credit", &STORE_CREDIT),
        Field::optional("registration_ip_address", &TEXT),
        Field::optional("customer_group_id", &GROUP_ID),
        Field::optional("notes", &TEXT),
        Field::optional("tax_exempt_category", &TEXT),
        Field::optional("reset_pass_on_login", &FLAG),
        Field::optional("_authentication", &V2_CUSTOMER_AUTHENTICATION),
        Field::read_only("id", &ID),
        Field::read_only("date_created", &TEXT),
        Field::read_only("date_modified", &TEXT),
        Field::read_only("accepts_marketing", &FLAG),
        Field::read_only("addresses", &ANY),
        Field::read_only("form_fields", &ANY),
    ],
    additional: true,
    rules: &[],
});
