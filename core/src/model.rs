//! Serde types for the customer and address payloads of both APIs.
//!
//! - V3 ([`Customer`], [`Address`]): `customer_Full` plus the create/update-only fields of
//!   `customer_Post`/`customer_Put`, and `address_Full` with its create fields
//!   (`shared/reference/bigcommerce/customers.v3.yml`, SUMMARY §4.5).
//! - V2 ([`V2Customer`], [`V2Address`]): `customer_Full`/`customer_Put` with the write-only
//!   `_authentication` object, and `customerAddress_Full`
//!   (`shared/reference/bigcommerce/customers.v2.yml`, SUMMARY §5).
//!
//! Every field is optional (the same type serves create, update and response bodies) and is
//! left out when serialising `None`. Fields this crate does not know are kept in `extra`, so a
//! value read and written back loses nothing, and new BigCommerce fields pass through.
//!
//! `Debug` never prints personal data: it shows ids, counts and the names of unknown fields
//! only, so a customer can be logged safely.
//!
//! ```
//! use bc_customers_core::model::Customer;
//! let c: Customer = serde_json::from_value(serde_json::json!({
//!     "id": 7, "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
//!     "shopper_profile_id": "a1b2"
//! })).unwrap();
//! assert_eq!(c.id, Some(7));
//! assert!(c.extra.contains_key("shopper_profile_id"));
//! let shown = format!("{c:?}");
//! assert!(!shown.contains("jane"));
//! assert!(!shown.contains("Doe"));
//! ```

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// Fields of a payload that this crate does not model, kept as they came.
pub type Extra = Map<String, Value>;

/// A V3 customer (`customer_Full`, `customer_Post`, `customer_Put`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Customer id; required on update, read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Email address, unique per store (3..250 on create, ..255 on update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name (1..100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (1..100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Company (..255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Phone (..50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Store-owner notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Tax-exempt category code (..255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exempt_category: Option<String>,
    /// Customer group id (groups are managed through V2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_group_id: Option<i64>,
    /// IP address at registration (..30); read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_ip_address: Option<String>,
    /// Creation time, ISO 8601; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Last modification time, ISO 8601; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// Number of addresses; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_count: Option<i64>,
    /// Number of attribute values; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_count: Option<i64>,
    /// Password settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
    /// Addresses (create, or responses with `include=addresses`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Address>>,
    /// Attribute values (create, or responses with `include=attributes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<AttributeValue>>,
    /// Form-field values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_fields: Option<Vec<FormField>>,
    /// Store credit (responses with `include=storecredit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_credit_amounts: Option<Vec<StoreCreditAmount>>,
    /// Accepts product-review and abandoned-cart emails (not the newsletter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_product_review_abandoned_cart_emails: Option<bool>,
    /// Channel the customer was created on; immutable after create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_channel_id: Option<i64>,
    /// Channels the customer can log in to; absent means global access; never `[]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_ids: Option<Vec<i64>>,
    /// Send the welcome email on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_account_created_notification: Option<bool>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// V3 `authentication`: password settings of a customer.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Authentication {
    /// Force a password reset at the next login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_password_reset: Option<bool>,
    /// New password; write-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// V3 attribute value embedded in a customer (`{attribute_id, attribute_value}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AttributeValue {
    /// Id of the attribute definition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_id: Option<i64>,
    /// The value, always a string whatever the attribute type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_value: Option<String>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// V3 form-field value (`{name, value}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormField {
    /// Form-field name as defined in the control panel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value: text, number or list of choices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<FormFieldValue>,
    /// Fields not modelled here (e.g. `customer_id` in responses), kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A V3 form-field value: `string | number | string[]`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FormFieldValue {
    /// Text, date or single choice.
    Text(String),
    /// A number field.
    Number(f64),
    /// Checkboxes: the chosen options.
    List(Vec<String>),
}

impl fmt::Debug for FormFieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormFieldValue::Text(_) => f.write_str("Text(..)"),
            FormFieldValue::Number(_) => f.write_str("Number(..)"),
            FormFieldValue::List(l) => write!(f, "List({} items)", l.len()),
        }
    }
}

/// V3 store credit entry (`{amount}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoreCreditAmount {
    /// Credit amount in the store's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A V3 customer address (`address_Full`, `address_Post`, `address_Put`, embedded addresses).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    /// Address id; required on update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Owner; required on `POST /customers/addresses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// First name (1..255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (1..255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Company (..255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// First street line (V2 `street_1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address1: Option<String>,
    /// Second street line (V2 `street_2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address2: Option<String>,
    /// City (..100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Full state name (..100), `""` when none (V2 `state`, `" "` when none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_or_province: Option<String>,
    /// Postal code (..30) (V2 `zip`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code, writable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Full country name; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Phone (..50); optional in V3, required in V2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// `residential` or `commercial` (other values are kept, not rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
    /// Address form-field values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_fields: Option<Vec<FormField>>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A V2 customer (`customer_Full`, `customer_Base`, `customer_Put`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct V2Customer {
    /// Customer id; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Write-only password settings.
    #[serde(
        rename = "_authentication",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub authentication: Option<V2Authentication>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone (some responses send it as a number; read as text).
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    /// Creation time, RFC 2822 (`Wed, 10 Jan 2018 21:02:23 +0000`); read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<String>,
    /// Last modification time, RFC 2822; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    /// Store credit as a decimal string (`"12.5000"`; numbers are read as text).
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub store_credit: Option<String>,
    /// IP address at registration (writable on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_ip_address: Option<String>,
    /// Customer group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_group_id: Option<i64>,
    /// Store-owner notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Tax-exempt category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exempt_category: Option<String>,
    /// Accepts product-review and abandoned-cart emails; read-only in V2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_marketing: Option<bool>,
    /// Link to the addresses sub-resource (not the addresses themselves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<ResourceLink>,
    /// Form-field values; read-only in V2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_fields: Option<Vec<V2FormField>>,
    /// Force a password change at the next login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_pass_on_login: Option<bool>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// V2 `_authentication`: write-only password settings.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct V2Authentication {
    /// New password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Must equal `password`; checked by BigCommerce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_confirmation: Option<String>,
    /// Force a password reset at the next login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_reset: Option<bool>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// V2 form-field value: `{name, value: string | null}`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct V2FormField {
    /// Form-field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `None`: absent; `Some(None)`: `null`; `Some(Some(..))`: a value.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Option<String>>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A V2 link to a sub-resource (`{url, resource}`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceLink {
    /// Full URL of the sub-resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Path of the sub-resource, e.g. `/customers/5/addresses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A V2 customer address (`customerAddress_Full`, `customerAddress_Base`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct V2Address {
    /// Address id; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Owner (also in the path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// First street line (V3 `address1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_1: Option<String>,
    /// Second street line (V3 `address2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Full state name; `" "` when there is none (never null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code (V3 `postal_code`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// Full English country name, writable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 code; read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_iso2: Option<String>,
    /// Phone; required in V2.
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub phone: Option<String>,
    /// `residential` or `commercial` (other values are kept, not rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_type: Option<String>,
    /// Fields not modelled here, kept as they came.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reads a field that may be JSON `null` as `Some(None)` (plain `Option` would read `None`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Reads a string, or a number as its decimal text (V2 sends `store_credit: 0`, `phone: 123`).
fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(serde_json::Number),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => None,
        Some(Raw::Text(s)) => Some(s),
        Some(Raw::Number(n)) => Some(n.to_string()),
    })
}

/// Names of unknown fields (keys only, never values).
struct Keys<'a>(&'a Extra);

impl fmt::Debug for Keys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// Shows only whether a personal field is set.
struct Set(bool);

impl fmt::Debug for Set {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "<redacted>" } else { "None" })
    }
}

fn count<T>(v: &Option<Vec<T>>) -> Option<usize> {
    v.as_ref().map(Vec::len)
}

impl fmt::Debug for Customer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Customer")
            .field("id", &self.id)
            .field("email", &Set(self.email.is_some()))
            .field("customer_group_id", &self.customer_group_id)
            .field("origin_channel_id", &self.origin_channel_id)
            .field("channel_ids", &self.channel_ids)
            .field("address_count", &self.address_count)
            .field("attribute_count", &self.attribute_count)
            .field("addresses", &self.addresses)
            .field("attributes", &count(&self.attributes))
            .field("form_fields", &count(&self.form_fields))
            .field("store_credit_amounts", &count(&self.store_credit_amounts))
            .field("authentication", &self.authentication)
            .field("extra", &Keys(&self.extra))
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Authentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authentication")
            .field("force_password_reset", &self.force_password_reset)
            .field("new_password", &Set(self.new_password.is_some()))
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for AttributeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AttributeValue")
            .field("attribute_id", &self.attribute_id)
            .field("attribute_value", &Set(self.attribute_value.is_some()))
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for FormField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Form-field names are store configuration, not personal data.
        f.debug_struct("FormField")
            .field("name", &self.name)
            .field("value", &self.value)
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for StoreCreditAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreCreditAmount")
            .field("amount", &Set(self.amount.is_some()))
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Address")
            .field("id", &self.id)
            .field("customer_id", &self.customer_id)
            .field("country_code", &self.country_code)
            .field("address_type", &self.address_type)
            .field("form_fields", &count(&self.form_fields))
            .field("extra", &Keys(&self.extra))
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for V2Customer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V2Customer")
            .field("id", &self.id)
            .field("email", &Set(self.email.is_some()))
            .field("customer_group_id", &self.customer_group_id)
            .field("authentication", &self.authentication)
            .field("form_fields", &count(&self.form_fields))
            .field("extra", &Keys(&self.extra))
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for V2Authentication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V2Authentication")
            .field("password", &Set(self.password.is_some()))
            .field(
                "password_confirmation",
                &Set(self.password_confirmation.is_some()),
            )
            .field("force_reset", &self.force_reset)
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for V2FormField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = match &self.value {
            None => "None",
            Some(None) => "null",
            Some(Some(_)) => "<redacted>",
        };
        f.debug_struct("V2FormField")
            .field("name", &self.name)
            .field("value", &format_args!("{value}"))
            .field("extra", &Keys(&self.extra))
            .finish()
    }
}

impl fmt::Debug for ResourceLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResourceLink")
            .field("resource", &self.resource)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for V2Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V2Address")
            .field("id", &self.id)
            .field("customer_id", &self.customer_id)
            .field("country_iso2", &self.country_iso2)
            .field("address_type", &self.address_type)
            .field("extra", &Keys(&self.extra))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v3_customer() -> Value {
        json!({
            "id": 1, "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
            "company": "Acme", "phone": "5551234", "notes": "vip", "tax_exempt_category": "E",
            "customer_group_id": 2, "registration_ip_address": "10.0.0.1",
            "date_created": "2018-01-10T21:02:23Z", "date_modified": "2018-01-10T21:02:23Z",
            "address_count": 1, "attribute_count": 1,
            "authentication": {"force_password_reset": true, "new_password": "s3cret!pw"},
            "addresses": [{"first_name": "Jane", "last_name": "Doe", "address1": "1 Main St",
                "city": "Austin", "country_code": "US", "postal_code": "78701",
                "state_or_province": "Texas", "phone": "5551234", "address_type": "residential",
                "form_fields": [{"name": "Door", "value": "blue"}]}],
            "attributes": [{"attribute_id": 3, "attribute_value": "gold"}],
            "form_fields": [
                {"name": "a", "value": "x"}, {"name": "b", "value": 2.5},
                {"name": "c", "value": ["p", "q"]}
            ],
            "store_credit_amounts": [{"amount": 12.5}],
            "accepts_product_review_abandoned_cart_emails": true,
            "origin_channel_id": 1, "channel_ids": [1, 2],
            "trigger_account_created_notification": false,
            "segment_ids": ["x"]
        })
    }

    #[test]
    fn v3_customer_round_trips_through_the_type() {
        let v = v3_customer();
        let c: Customer = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(c.channel_ids, Some(vec![1, 2]));
        assert!(matches!(
            c.form_fields.as_ref().unwrap()[2].value,
            Some(FormFieldValue::List(_))
        ));
        assert_eq!(serde_json::to_value(&c).unwrap(), v);
    }

    #[test]
    fn v2_customer_reads_numbers_as_text_and_keeps_null_form_values() {
        let v = json!({
            "id": 1, "_authentication": {"password": "pw", "password_confirmation": "pw",
                "force_reset": false},
            "phone": 1234567890, "store_credit": 0,
            "addresses": {"url": "https://x/customers/1/addresses", "resource": "/customers/1/addresses"},
            "form_fields": [{"name": "a", "value": null}, {"name": "b", "value": "x"}, {"name": "c"}],
            "reset_pass_on_login": false, "mystery": 1
        });
        let c: V2Customer = serde_json::from_value(v).unwrap();
        assert_eq!(c.phone.as_deref(), Some("1234567890"));
        assert_eq!(c.store_credit.as_deref(), Some("0"));
        let ff = c.form_fields.as_ref().unwrap();
        assert_eq!(ff[0].value, Some(None));
        assert_eq!(ff[1].value, Some(Some("x".into())));
        assert_eq!(ff[2].value, None);
        let back = serde_json::to_value(&c).unwrap();
        assert_eq!(back["form_fields"][0], json!({"name": "a", "value": null}));
        assert_eq!(back["form_fields"][2], json!({"name": "c"}));
        assert_eq!(back["mystery"], json!(1));
    }

    #[test]
    fn v2_address_round_trips() {
        let v = json!({"id": 3, "customer_id": 1, "first_name": "Jane", "last_name": "Doe",
            "company": "", "street_1": "1 Main St", "street_2": "", "city": "Austin",
            "state": "Texas", "zip": "78701", "country": "United States", "country_iso2": "US",
            "phone": "5551234", "address_type": "residential"});
        let a: V2Address = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&a).unwrap(), v);
    }

    #[test]
    fn debug_never_shows_personal_data() {
        let c: Customer = serde_json::from_value(v3_customer()).unwrap();
        let v2: V2Customer = serde_json::from_value(json!({"id": 9, "email": "jane@example.com",
            "first_name": "Jane", "_authentication": {"password": "s3cret!pw"},
            "form_fields": [{"name": "n", "value": "hidden-value"}], "phone": "5551234"}))
        .unwrap();
        let a: V2Address = serde_json::from_value(json!({"street_1": "1 Main St",
            "first_name": "Jane", "zip": "78701", "phone": "5551234", "country_iso2": "US"}))
        .unwrap();
        let shown = format!("{c:?} {c:#?} {v2:?} {a:?}");
        for secret in [
            "jane",
            "Jane",
            "Doe",
            "Acme",
            "5551234",
            "s3cret",
            "10.0.0.1",
            "Main",
            "78701",
            "gold",
            "blue",
            "hidden-value",
            "12.5",
            "vip",
            "Austin",
        ] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("id: Some(1)"));
        assert!(shown.contains("id: Some(9)"));
        assert!(shown.contains("segment_ids"));
    }
}
