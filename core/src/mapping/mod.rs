//! V2 <-> V3 mapping of customers and addresses.
//!
//! BigCommerce serves customers through two APIs: V2 (`/v2/customers`, deprecated, one
//! customer per call, RFC 2822 dates, country names) and V3 (`/v3/customers`, batches,
//! ISO 8601 dates, ISO country codes, attributes and channels). The field tables are in
//! `../shared/reference/bigcommerce/SUMMARY.md` §8; the contracts are `customers.v2.yml` and
//! `customers.v3.yml` beside it.
//!
//! Each function takes the JSON of one customer or address and returns [`Mapped`]: the value
//! in the other API's shape, plus `lost`, the paths (in the source value, syntax of
//! [`crate::issue`]) of everything that could not be carried over in full. Nothing is
//! dropped silently. Input that cannot be mapped at all gives a [`MapError`] listing every
//! problem found, as [`Issue`]s whose messages never contain the rejected value.
//!
//! # Where V2 and V3 differ, and what this module does
//!
//! Customers:
//! - `id`, `email`, `first_name`, `last_name`, `company`, `phone`, `notes`,
//!   `tax_exempt_category`, `customer_group_id`, `registration_ip_address`: same name, copied
//!   as they are (type and length checks belong to validation, not to mapping).
//! - `date_created`, `date_modified`: RFC 2822 <-> RFC 3339, see [`dates`]. The offset is kept
//!   (`+0000` <-> `Z`, `+0200` <-> `+02:00`), so no instant or offset is lost; `-0000` is read
//!   as UTC. V2 also accepts an RFC 3339 date as input (seen in old V2 examples) and passes it
//!   on unchanged. V3 -> V2 drops a non-zero fraction of a second and reports the field lost.
//!   An unparseable date is the error `invalid_date`; `null` stays `null`.
//! - `store_credit` (decimal string, `"12.5000"`; numbers accepted) <-> `store_credit_amounts`
//!   (`[{amount}]`). V2 -> V3 gives one amount; when the decimal has more digits than an `f64`
//!   holds, the rounded amount is carried and `store_credit` is reported lost. A non-decimal
//!   string is the error `invalid_decimal`. V3 -> V2 formats one amount with four decimals as
//!   V2 does (an amount that needs more than four decimals is rounded and
//!   `store_credit_amounts[0].amount` reported). With zero or several amounts there is no
//!   faithful single V2 value (V3 has no currency, so summing could mix currencies): nothing is
//!   written and `store_credit_amounts` (empty list) or every `store_credit_amounts[i]` is
//!   reported lost.
//! - `accepts_marketing` <-> `accepts_product_review_abandoned_cart_emails` (renamed; V2 cannot
//!   write it, the V2 request builder strips read-only fields).
//! - Passwords: `_authentication.password` <-> `authentication.new_password`;
//!   `_authentication.force_reset` and `reset_pass_on_login` -> `authentication.force_password_reset`
//!   (both present and different is the error `conflicting_fields`);
//!   `_authentication.password_confirmation` has no V3 home: it is reported lost, and when it
//!   differs from `password` the mapping fails with `password_mismatch`, because V2 would have
//!   refused it. V3 -> V2 writes `force_password_reset` as `reset_pass_on_login` (writable in
//!   V2 and present in its responses) and `new_password` as `_authentication.password`; an
//!   empty `authentication: {}` becomes `_authentication: {}`. So a V2 `force_reset` comes back
//!   as `reset_pass_on_login`: same meaning, normalised form. `null` objects count as absent.
//! - `form_fields`: V2 values are `string | null`, V3 values `string | number | string[]`.
//!   V2 -> V3 drops an entry whose value is `null` and reports `form_fields[i].value`. V3 -> V2
//!   writes numbers, booleans and lists as their JSON text (`2.5`, `["a","b"]`) and reports
//!   `form_fields[i].value`; `customer_id` on V3 response items is reported lost.
//! - `addresses`: V2 holds a link (`{url, resource}`), V3 the addresses themselves; neither can
//!   become the other, so `addresses` is reported lost both ways (map each V3 address with
//!   [`v3_to_v2_address`]).
//! - V3-only fields `attributes`, `attribute_count`, `address_count`, `channel_ids`,
//!   `origin_channel_id`, `trigger_account_created_notification` (and Beta fields such as
//!   `shopper_profile_id`, `segment_ids`) are reported lost going to V2, whatever their value.
//! - Any field this module does not know is reported lost (it may be a new BigCommerce field,
//!   but guessing its counterpart would be worse).
//!
//! Addresses:
//! - `street_1`/`street_2` <-> `address1`/`address2`, `zip` <-> `postal_code`.
//! - `state` <-> `state_or_province`: V2's "no state" `" "` <-> V3's `""`; anything else copied.
//! - Country: V2 `country` (name) and `country_iso2` (read-only code) <-> V3 `country_code`
//!   (writable code) and `country` (read-only name). V2 -> V3: `country_iso2` wins when
//!   present; otherwise the name is looked up with [`crate::country::code_of`] (aliases
//!   accepted) and an unknown name is the error `unknown_country`. The V2 name goes to V3
//!   `country` only when `country_iso2` was present (a V2 response gives a V3 response); if that
//!   name is a known country other than `country_iso2`, the table name of the code is written
//!   and `country` is reported lost. V3 -> V2: `country_code` must be an assigned code
//!   (`unknown_country` otherwise, case-insensitive); V2 `country` is V3's `country` when
//!   present and consistent, else the table name ([`crate::country::name_of`]); V2
//!   `country_iso2` is written only when V3 `country` was present (again response to
//!   response). So aliases such as `USA` come back as the table name `United States`.
//! - `phone` is required by V2: V3 -> V2 without a phone (absent or `null`) is the error
//!   `missing_phone`.
//! - `form_fields` (V3 only) is reported lost going to V2.
//! - `id`, `customer_id`, `first_name`, `last_name`, `company`, `city`, `address_type`: copied.
//!
//! A V2 value in normal form (RFC 2822 dates as V2 writes them, four-decimal `store_credit`,
//! table country names, `reset_pass_on_login` rather than `_authentication.force_reset`, no
//! lossy field) comes back unchanged from V2 -> V3 -> V2; a property test checks this.
//!
//! Error codes: `not_an_object`, `invalid_type`, `invalid_date`, `invalid_decimal`,
//! `unknown_country`, `missing_phone`, `conflicting_fields`, `password_mismatch`.
//! [`MapError::code`] is the code of the first issue.
//!
//! ```
//! use bc_customers_core::mapping::{v2_to_v3_customer, v3_to_v2_customer};
//! use serde_json::json;
//!
//! let v2 = json!({
//!     "id": 1, "email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
//!     "date_created": "Wed, 10 Jan 2018 21:02:23 +0000", "store_credit": "12.5000",
//!     "accepts_marketing": true,
//!     "_authentication": {"password": "s3cret", "password_confirmation": "s3cret"}
//! });
//! let v3 = v2_to_v3_customer(v2).unwrap();
//! assert_eq!(v3.value["date_created"], "2018-01-10T21:02:23Z");
//! assert_eq!(v3.value["store_credit_amounts"], json!([{"amount": 12.5}]));
//! assert_eq!(v3.value["accepts_product_review_abandoned_cart_emails"], true);
//! assert_eq!(v3.value["authentication"], json!({"new_password": "s3cret"}));
//! assert_eq!(v3.lost, ["_authentication.password_confirmation"]);
//!
//! let back = v3_to_v2_customer(json!({"id": 1, "channel_ids": [1, 2],
//!     "store_credit_amounts": [{"amount": 1}, {"amount": 2}]})).unwrap();
//! assert_eq!(back.value, json!({"id": 1}));
//! assert_eq!(back.lost, ["channel_ids", "store_credit_amounts[0]", "store_credit_amounts[1]"]);
//! ```

use crate::issue::{push_index, push_key, segments, Issue};
use serde_json::{Map, Value};
use std::fmt;

mod address;
mod customer;
pub mod dates;
#[cfg(test)]
mod tests;

pub use address::{v2_to_v3_address, v3_to_v2_address};
pub use customer::{v2_to_v3_customer, v3_to_v2_customer};

/// A value mapped to the other API, with what could not be carried over. Serialises as
/// `{value, lost}` for JavaScript.
#[derive(Clone, PartialEq, serde::Serialize)]
pub struct Mapped {
    /// The value in the target API's shape.
    pub value: Value,
    /// Paths in the *source* value (e.g. `store_credit_amounts[1]`,
    /// `_authentication.password_confirmation`, `form_fields[0].value`) whose content is not,
    /// or not fully, in `value`; sorted.
    pub lost: Vec<String>,
}

impl fmt::Debug for Mapped {
    // The value is customer data: show only what was lost.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mapped")
            .field("lost", &self.lost)
            .finish_non_exhaustive()
    }
}

/// Input that cannot be mapped at all. Serialises as `{code, issues}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MapError {
    /// The code of the first issue, e.g. `unknown_country`.
    pub code: String,
    /// Every problem found, with the path in the source value.
    pub issues: Vec<Issue>,
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot map value: ")?;
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for MapError {}

/// Collects lost paths and blocking issues while one value is mapped.
#[derive(Default)]
pub(crate) struct Ctx {
    lost: Vec<String>,
    issues: Vec<Issue>,
}

impl Ctx {
    pub(crate) fn lose(&mut self, path: String) {
        self.lost.push(path);
    }

    pub(crate) fn fail(&mut self, path: String, code: &str, message: &str) {
        self.issues.push(Issue::new(path, code, message));
    }

    pub(crate) fn wrong_type(&mut self, path: String, expected: &str) {
        let message = format!("expected {expected}");
        self.fail(path, "invalid_type", &message);
    }

    /// Reports every remaining source field as lost.
    pub(crate) fn lose_rest(&mut self, prefix: &str, rest: Map<String, Value>) {
        for key in rest.keys() {
            self.lose(key_path(prefix, key));
        }
    }

    pub(crate) fn finish(mut self, value: Map<String, Value>) -> Result<Mapped, MapError> {
        if let Some(first) = self.issues.first() {
            return Err(MapError {
                code: first.code.clone(),
                issues: self.issues,
            });
        }
        self.lost.sort_by_cached_key(|p| segments(p));
        self.lost.dedup();
        Ok(Mapped {
            value: Value::Object(value),
            lost: self.lost,
        })
    }
}

/// The top-level object of the input, or the `not_an_object` error.
pub(crate) fn object(value: Value) -> Result<Map<String, Value>, MapError> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(MapError {
            code: "not_an_object".into(),
            issues: vec![Issue::new("", "not_an_object", "expected a JSON object")],
        }),
    }
}

pub(crate) fn key_path(prefix: &str, key: &str) -> String {
    let mut p = String::with_capacity(prefix.len() + key.len() + 1);
    p.push_str(prefix);
    push_key(&mut p, key);
    p
}

pub(crate) fn index_path(prefix: &str, index: usize) -> String {
    let mut p = String::with_capacity(prefix.len() + 4);
    p.push_str(prefix);
    push_index(&mut p, index);
    p
}

/// Moves the fields of `names` from `src` to `out` unchanged.
pub(crate) fn copy(src: &mut Map<String, Value>, out: &mut Map<String, Value>, names: &[&str]) {
    for name in names {
        if let Some(v) = src.remove(*name) {
            out.insert((*name).to_string(), v);
        }
    }
}

/// Moves `from` in `src` to `to` in `out` unchanged.
pub(crate) fn rename(
    src: &mut Map<String, Value>,
    out: &mut Map<String, Value>,
    from: &str,
    to: &str,
) {
    if let Some(v) = src.remove(from) {
        out.insert(to.to_string(), v);
    }
}
