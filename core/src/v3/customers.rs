//! Customers (`/v3/customers`, `shared/reference/bigcommerce/customers.v3.yml`, schemas
//! `customer_Post` and `customer_Put`).
//!
//! Endpoints: `POST /customers` and `PUT /customers`, each a JSON array of at most 10 customers
//! (BigCommerce answers 413 above that). Create may embed up to 10 `addresses` and 10
//! `attributes` per customer; update cannot touch those sub-resources (use
//! [`crate::v3::addresses`] and [`crate::v3::attribute_values`]).
//!
//! V2 differs (`/v2/customers`, see [`crate::v2::customers`]): one customer per request, id in the
//! path, password under `_authentication` (with a confirmation field), `store_credit` as one
//! decimal string instead of `store_credit_amounts`, no channels, no attributes, and
//! `accepts_marketing` read-only where V3 writes `accepts_product_review_abandoned_cart_emails`.
//!
//! Decisions where the spec contradicts itself or says too little (SUMMARY.md §12, items 1–3,
//! 14, 15, 20):
//! - `email` is at most 250 characters on create (`customer_Post`, tightened on purpose in
//!   2024-12) and 255 on update (`customer_Put`, never changed): each write follows its own
//!   schema. Both must be an address BigCommerce would accept, and one batch must not hold the
//!   same email twice (case-insensitive, `duplicate_email` on the later item).
//! - `registration_ip_address` and `origin_channel_id` are listed in `customer_Put` but the text
//!   calls them read-only: on update both are `read_only` warnings and are not forwarded.
//!   `registration_ip_address` cannot be set through V3 at all, so it is read-only on create too.
//! - "Sub-resource updates are not supported": `addresses` and `attributes` on update are
//!   `read_only` warnings and are dropped; `form_fields`, `authentication`,
//!   `store_credit_amounts` and `channel_ids` are accepted as the schema says.
//! - `channel_ids`: `null` or absent means global access; an empty array is rejected
//!   (`too_few_items`), on create as the text says and on update too, since it would leave the
//!   customer unable to log in anywhere.
//! - `customer_group_id` accepts `0` (the spec's examples use it for "no group").
//! - `store_credit_amounts[].amount` is required in each item (an item without an amount means
//!   nothing); the spec types it as a float and so do we.
//! - Embedded `attributes[]` require `attribute_id` and `attribute_value` (the operation's text
//!   lists both as required; the schema does not).
//! - `shopper_profile_id` and `segment_ids` appear in response examples only: read-only.
//! - Form-field names must not be empty (no field has an empty name).
//! - Response-only fields (`id` on create, `date_created`, `date_modified`, `address_count`,
//!   `attribute_count`) are accepted with a `read_only` warning and not forwarded.

use crate::json::Json;
use crate::ops::{BodyRule, ItemStrings};
use crate::schema::{
    formatted, integer, string, ArrayRule, Ctx, Field, Format, NumRule, ObjectRule, Schema, ID,
};
use crate::v3::addresses::CUSTOMER_CREATE_ADDRESS;
use crate::v3::{DATE_TIME, FORM_FIELDS};

/// Most customers one `POST`/`PUT /v3/customers` accepts.
pub const MAX_CUSTOMERS_PER_CALL: u64 = 10;

static EMAIL_CREATE: Schema = formatted(Format::Email, Some(3), Some(250));
static EMAIL_UPDATE: Schema = formatted(Format::Email, Some(3), Some(255));
static PERSON_NAME: Schema = string(Some(1), Some(100));
static COMPANY: Schema = string(None, Some(255));
static PHONE: Schema = string(None, Some(50));
static NOTES: Schema = string(None, None);
static TAX_EXEMPT_CATEGORY: Schema = string(None, Some(255));
static CUSTOMER_GROUP_ID: Schema = integer(Some(0), Some(i32::MAX as i64));
static IP_ADDRESS: Schema = string(None, Some(30));
static COUNT: Schema = integer(Some(0), Some(i32::MAX as i64));
static FLAG: Schema = Schema::Boolean;
static TEXT: Schema = string(None, None);
static TEXT_LIST: Schema = Schema::Array(ArrayRule {
    items: &TEXT,
    min: None,
    max: None,
    unique: false,
});
static PASSWORD: Schema = string(None, None);
static ATTRIBUTE_VALUE: Schema = string(None, Some(255));
static AMOUNT: Schema = Schema::Number(NumRule {
    min: None,
    max: None,
});
static CHANNEL_ID_LIST: Schema = Schema::Array(ArrayRule {
    items: &ID,
    min: Some(1),
    max: None,
    unique: false,
});
static CHANNEL_IDS: Schema = Schema::Nullable(&CHANNEL_ID_LIST);
static ADDRESS_LIST: Schema = Schema::Array(ArrayRule {
    items: &CUSTOMER_CREATE_ADDRESS,
    min: None,
    max: Some(10),
    unique: false,
});
static ANY: Schema = Schema::Any;

/// `customerAuthentication_PostPut`: password settings of a customer.
pub static CUSTOMER_AUTHENTICATION: Schema = Schema::Object(ObjectRule {
    name: "CustomerAuthentication",
    fields: &[
        Field::optional("force_password_reset", &FLAG),
        Field::optional("new_password", &PASSWORD),
    ],
    additional: true,
    rules: &[],
});

/// One item of `CustomerStoredCreditAmounts`.
pub static STORE_CREDIT_AMOUNT: Schema = Schema::Object(ObjectRule {
    name: "StoreCreditAmount",
    fields: &[Field::required("amount", &AMOUNT)],
    additional: true,
    rules: &[],
});

static STORE_CREDIT_AMOUNTS: Schema = Schema::Array(ArrayRule {
    items: &STORE_CREDIT_AMOUNT,
    min: None,
    max: None,
    unique: false,
});

/// `customerAttributes_Base`: an attribute value set while creating a customer.
pub static CUSTOMER_CREATE_ATTRIBUTE: Schema = Schema::Object(ObjectRule {
    name: "CustomerCreateAttribute",
    fields: &[
        Field::required("attribute_id", &ID),
        Field::required("attribute_value", &ATTRIBUTE_VALUE),
    ],
    additional: true,
    rules: &[],
});

static ATTRIBUTE_LIST: Schema = Schema::Array(ArrayRule {
    items: &CUSTOMER_CREATE_ATTRIBUTE,
    min: None,
    max: Some(10),
    unique: false,
});

/// `customer_Post`: one item of `POST /v3/customers`.
pub static CUSTOMER_CREATE: Schema = Schema::Object(ObjectRule {
    name: "CustomerCreate",
    fields: &[
        Field::required("email", &EMAIL_CREATE),
        Field::required("first_name", &PERSON_NAME),
        Field::required("last_name", &PERSON_NAME),
        Field::optional("company", &COMPANY),
        Field::optional("phone", &PHONE),
        Field::optional("notes", &NOTES),
        Field::optional("tax_exempt_category", &TAX_EXEMPT_CATEGORY),
        Field::optional("customer_group_id", &CUSTOMER_GROUP_ID),
        Field::optional("addresses", &ADDRESS_LIST),
        Field::optional("attributes", &ATTRIBUTE_LIST),
        Field::optional("authentication", &CUSTOMER_AUTHENTICATION),
        Field::optional("accepts_product_review_abandoned_cart_emails", &FLAG),
        Field::optional("store_credit_amounts", &STORE_CREDIT_AMOUNTS),
        Field::optional("origin_channel_id", &ID),
        Field::optional("channel_ids", &CHANNEL_IDS),
        Field::optional("form_fields", &FORM_FIELDS),
        Field::optional("trigger_account_created_notification", &FLAG),
        Field::read_only("id", &ID),
        Field::read_only("registration_ip_address", &IP_ADDRESS),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
        Field::read_only("address_count", &COUNT),
        Field::read_only("attribute_count", &COUNT),
        Field::read_only("shopper_profile_id", &TEXT),
        Field::read_only("segment_ids", &TEXT_LIST),
    ],
    additional: true,
    rules: &[],
});

/// `customer_Put`: one item of `PUT /v3/customers`.
pub static CUSTOMER_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "CustomerUpdate",
    fields: &[
        Field::required("id", &ID),
        Field::optional("email", &EMAIL_UPDATE),
        Field::optional("first_name", &PERSON_NAME),
        Field::optional("last_name", &PERSON_NAME),
        Field::optional("company", &COMPANY),
        Field::optional("phone", &PHONE),
        Field::optional("notes", &NOTES),
        Field::optional("tax_exempt_category", &TAX_EXEMPT_CATEGORY),
        Field::optional("customer_group_id", &CUSTOMER_GROUP_ID),
        Field::optional("authentication", &CUSTOMER_AUTHENTICATION),
        Field::optional("accepts_product_review_abandoned_cart_emails", &FLAG),
        Field::optional("store_credit_amounts", &STORE_CREDIT_AMOUNTS),
        Field::optional("channel_ids", &CHANNEL_IDS),
        Field::optional("form_fields", &FORM_FIELDS),
        Field::read_only("registration_ip_address", &IP_ADDRESS),
        Field::read_only("origin_channel_id", &ID),
        Field::read_only("addresses", &ANY),
        Field::read_only("attributes", &ANY),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
        Field::read_only("address_count", &COUNT),
        Field::read_only("attribute_count", &COUNT),
        Field::read_only("shopper_profile_id", &TEXT),
        Field::read_only("segment_ids", &TEXT_LIST),
    ],
    additional: true,
    rules: &[],
});

/// Body of `POST /v3/customers`: 1 to 10 [`CUSTOMER_CREATE`].
pub static CUSTOMERS_CREATE: Schema = Schema::Array(ArrayRule {
    items: &CUSTOMER_CREATE,
    min: Some(1),
    max: Some(MAX_CUSTOMERS_PER_CALL),
    unique: false,
});

/// Body of `PUT /v3/customers`: 1 to 10 [`CUSTOMER_UPDATE`].
pub static CUSTOMERS_UPDATE: Schema = Schema::Array(ArrayRule {
    items: &CUSTOMER_UPDATE,
    min: Some(1),
    max: Some(MAX_CUSTOMERS_PER_CALL),
    unique: false,
});

/// [`duplicate_emails`] as a body rule, with its one-pass form ([`emails_distinct`]).
pub const DUPLICATE_EMAILS: BodyRule = BodyRule {
    name: "duplicate_emails",
    check: duplicate_emails,
    items: Some(ItemStrings {
        field: "email",
        accept: emails_distinct,
    }),
};

/// Whether no two of these emails are the same as [`duplicate_emails`] compares them.
pub fn emails_distinct(emails: &[&str]) -> bool {
    repeats(emails.iter().copied().enumerate()).next().is_none()
}

/// The positions of the emails that repeat an earlier one (trimmed, compared by [`same_email`]).
fn repeats<'e, I>(emails: I) -> impl Iterator<Item = usize> + use<'e, I>
where
    I: Iterator<Item = (usize, &'e str)>,
{
    // Each email with whether it is ASCII (then compared without allocating).
    let mut seen: Vec<(&str, bool)> = Vec::new();
    emails.filter_map(move |(i, email)| {
        let email = (email.trim(), email.is_ascii());
        if seen.iter().any(|s| same_email(*s, email)) {
            Some(i)
        } else {
            seen.push(email);
            None
        }
    })
}

/// Body rule: no two customers of one batch share an email (compared case-insensitively, as
/// BigCommerce does). Reported as `duplicate_email` at the later item's `email`.
pub fn duplicate_emails(body: Json<'_>, ctx: &mut Ctx) {
    let Some(items) = body.as_array() else { return };
    let emails = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| Some((i, item.get("email")?.as_str()?)));
    for i in repeats(emails) {
        ctx.at_index(i, |ctx| {
            ctx.at_key("email", |ctx| {
                ctx.error(
                    "duplicate_email",
                    "repeats the email of an earlier customer in this batch",
                )
            })
        });
    }
}

/// Equal after lower-casing ([`crate::case`]; no allocation when both are ASCII, the usual case).
fn same_email((a, a_ascii): (&str, bool), (b, b_ascii): (&str, bool)) -> bool {
    if a_ascii && b_ascii {
        a.eq_ignore_ascii_case(b)
    } else {
        crate::case::eq_lower(a, b)
    }
}
