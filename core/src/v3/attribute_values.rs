//! Customer attribute values (`/v3/customers/attribute-values`,
//! `shared/reference/bigcommerce/customers.v3.yml`, schema `attributeValue_Base`): the value a
//! customer holds for an attribute defined in [`crate::v3::attributes`].
//!
//! Endpoint: `PUT /customers/attribute-values`, an upsert of `{attribute_id, value, customer_id,
//! id?}` items (an existing record for the customer and attribute is updated, else created).
//! Values can also be set while creating a customer (`attributes[]` with `attribute_value`).
//! V2 has no attributes.
//!
//! Decisions (SUMMARY.md §4.8, §12 items 11, 12, 14):
//! - "Limit of 10 customers per call" is read as 10 *distinct* customers (many values per
//!   customer may share one call): the item that brings in an 11th customer is
//!   `too_many_customers` at its `customer_id`.
//! - "Each customer can have up to 50 name-value pairs": one call may carry at most 50 values
//!   for one customer; the 51st is `too_many_attribute_values` at its `customer_id`.
//! - The request field is `value` (responses say `attribute_value`): sending `attribute_value`
//!   gives an `unknown_field` warning next to the missing `value`.
//! - Values are always strings, whatever the attribute type. The upsert cannot know the types;
//!   a caller that does uses [`check_attribute_value`] or [`check_upsert_value_types`]. An empty
//!   string is accepted for every type (the spec's own example sends one).
//! - Batches must not be empty.

use crate::issue::{push_index, push_key, Issue};
use crate::json::Json;
use crate::ops::BodyRule;
use crate::schema::{
    is_date_time, is_decimal, string, ArrayRule, Ctx, Field, ObjectRule, Schema, ID,
};
use crate::v3::DATE_TIME;
use serde_json::Value;

/// Most distinct customers one upsert may touch.
pub const MAX_CUSTOMERS_PER_CALL: usize = 10;

/// Most attribute values one customer can hold.
pub const MAX_VALUES_PER_CUSTOMER: usize = 50;

static VALUE: Schema = string(None, Some(255));

/// `attributeValue_Base`: one item of `PUT /v3/customers/attribute-values`.
pub static ATTRIBUTE_VALUE_UPSERT: Schema = Schema::Object(ObjectRule {
    name: "AttributeValueUpsert",
    fields: &[
        Field::optional("id", &ID),
        Field::required("attribute_id", &ID),
        Field::required("value", &VALUE),
        Field::required("customer_id", &ID),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
    ],
    additional: true,
    rules: &[],
});

/// Body of `PUT /v3/customers/attribute-values`: a non-empty array of [`ATTRIBUTE_VALUE_UPSERT`].
pub static ATTRIBUTE_VALUES_UPSERT: Schema = Schema::Array(ArrayRule {
    items: &ATTRIBUTE_VALUE_UPSERT,
    min: Some(1),
    max: None,
    unique: false,
});

/// [`customer_limits`] as a body rule (it counts per customer, so it needs the parsed body).
pub const CUSTOMER_LIMITS: BodyRule = BodyRule {
    name: "customer_limits",
    check: customer_limits,
    items: None,
};

/// Body rule: at most 10 distinct customers per call and 50 values per customer.
pub fn customer_limits(body: Json<'_>, ctx: &mut Ctx) {
    let Some(items) = body.as_array() else { return };
    // (customer id, values seen so far)
    let mut customers: Vec<(i64, usize)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(customer) = item.get("customer_id").and_then(Json::as_i64) else {
            continue;
        };
        let seen = match customers.iter_mut().find(|(c, _)| *c == customer) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                customers.push((customer, 1));
                if customers.len() == MAX_CUSTOMERS_PER_CALL + 1 {
                    report(
                        ctx,
                        i,
                        "too_many_customers",
                        "brings this call above 10 distinct customers; split the batch by customer",
                    );
                }
                1
            }
        };
        if seen == MAX_VALUES_PER_CUSTOMER + 1 {
            report(
                ctx,
                i,
                "too_many_attribute_values",
                "is a 51st value for this customer, who can hold at most 50",
            );
        }
    }
}

fn report(ctx: &mut Ctx, index: usize, code: &str, message: &str) {
    ctx.at_index(index, |ctx| {
        ctx.at_key("customer_id", |ctx| ctx.error(code, message))
    });
}

/// The type of a customer attribute (`attribute_Post.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributeType {
    /// Any text.
    String,
    /// A decimal number such as `42` or `-3.5`.
    Number,
    /// An ISO 8601 date (`2024-05-14`) or date-time (`2024-05-14T09:34:00Z`).
    Date,
}

impl AttributeType {
    /// Parses BigCommerce's name of the type (`string`, `number`, `date`).
    pub fn parse(name: &str) -> Option<AttributeType> {
        match name {
            "string" => Some(AttributeType::String),
            "number" => Some(AttributeType::Number),
            "date" => Some(AttributeType::Date),
            _ => None,
        }
    }

    /// BigCommerce's name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeType::String => "string",
            AttributeType::Number => "number",
            AttributeType::Date => "date",
        }
    }

    /// Whether a value string is acceptable for an attribute of this type. Empty strings are
    /// always acceptable (they clear the value).
    ///
    /// ```
    /// use bc_customers_core::v3::attribute_values::AttributeType;
    /// assert!(AttributeType::Number.accepts("-3.5"));
    /// assert!(!AttributeType::Number.accepts("three"));
    /// assert!(AttributeType::Date.accepts("2024-02-29"));
    /// assert!(!AttributeType::Date.accepts("2023-02-29"));
    /// ```
    pub fn accepts(self, value: &str) -> bool {
        if value.is_empty() {
            return true;
        }
        match self {
            AttributeType::String => true,
            AttributeType::Number => is_decimal(value),
            AttributeType::Date => is_full_date(value) || is_date_time(value),
        }
    }
}

/// Whether a string is an ISO 8601 calendar date `YYYY-MM-DD` that exists.
pub fn is_full_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            (1..=12).contains(&m) && d >= 1 && d <= crate::schema::days_in_month(y, m)
        }
        _ => false,
    }
}

/// Checks a value against the type of its attribute, given by BigCommerce's name (`string`,
/// `number`, `date`). The issue has an empty path (the caller knows where the value is):
/// `attribute_value_type_mismatch` when the value does not fit, `invalid_enum` when the type name
/// is not one BigCommerce knows.
///
/// ```
/// use bc_customers_core::v3::attribute_values::check_attribute_value;
/// assert!(check_attribute_value("number", "12.5").is_ok());
/// assert_eq!(check_attribute_value("date", "yesterday").unwrap_err().code, "attribute_value_type_mismatch");
/// ```
pub fn check_attribute_value(attribute_type: &str, value: &str) -> Result<(), Issue> {
    let Some(kind) = AttributeType::parse(attribute_type) else {
        return Err(Issue::new(
            "",
            "invalid_enum",
            "attribute type must be one of: string, number, date",
        ));
    };
    if kind.accepts(value) {
        Ok(())
    } else {
        Err(mismatch("", kind))
    }
}

fn mismatch(path: &str, kind: AttributeType) -> Issue {
    let what = match kind {
        AttributeType::String => "a string",
        AttributeType::Number => "a decimal number such as `12.5`",
        AttributeType::Date => "an ISO 8601 date such as `2024-05-14`",
    };
    Issue::new(
        path,
        "attribute_value_type_mismatch",
        format!("does not fit the attribute's type: expected {what}"),
    )
}

/// Checks every `value` of an attribute-values upsert body against the types the caller knows
/// (`type_of(attribute_id)`; `None` skips the item). Issues are at `[i].value`.
///
/// ```
/// use bc_customers_core::v3::attribute_values::{check_upsert_value_types, AttributeType};
/// let body = serde_json::json!([{"attribute_id": 1, "value": "abc", "customer_id": 2}]);
/// let issues = check_upsert_value_types(&body, |id| (id == 1).then_some(AttributeType::Number));
/// assert_eq!(issues[0].path, "[0].value");
/// ```
pub fn check_upsert_value_types(
    body: &Value,
    type_of: impl Fn(i64) -> Option<AttributeType>,
) -> Vec<Issue> {
    let Value::Array(items) = body else {
        return Vec::new();
    };
    let mut issues = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let attribute = item.get("attribute_id").and_then(Value::as_i64);
        let value = item.get("value").and_then(Value::as_str);
        if let (Some(kind), Some(value)) = (attribute.and_then(&type_of), value) {
            if !kind.accepts(value) {
                let mut path = String::new();
                push_index(&mut path, i);
                push_key(&mut path, "value");
                issues.push(mismatch(&path, kind));
            }
        }
    }
    issues
}
