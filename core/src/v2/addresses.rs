//! Customer addresses, V2 (`/v2/customers/{customer_id}/addresses`,
//! `shared/reference/bigcommerce/customers.v2.yml`, schema `customerAddress_Base` and the inline
//! schema of the update; deprecated by BigCommerce in favour of [`crate::v3::addresses`]).
//!
//! Endpoints: `POST /customers/{customer_id}/addresses` and
//! `PUT /customers/{customer_id}/addresses/{customer_address_id}`, one address each.
//!
//! Where V3 differs: V3 says `address1`/`address2`/`postal_code`/`state_or_province` for V2's
//! `street_1`/`street_2`/`zip`/`state`, takes an ISO `country_code` where V2 takes the full
//! English country `name` (V2's `country_iso2` is read-only), makes `phone` optional, and requires
//! state and postal code only for countries that need them.
//!
//! Decisions (SUMMARY.md §5.2):
//! - The update schema marks the same eight fields required as the create schema
//!   (`first_name`, `last_name`, `phone`, `street_1`, `city`, `state`, `zip`, `country`): we
//!   follow it, so a V2 address update is a full replacement.
//! - `state` cannot be `null` or empty; a single space stands for "no state", which is accepted
//!   only where the country needs no state ([`crate::v3::addresses::STATE_REQUIRED`]). A state
//!   given as a code (`CA`) is `state_code_not_accepted`. `zip` may be blank only for countries
//!   without postal codes.
//! - `country` must be a full name: two or three capital letters (`US`, `UK`, `USA`) are
//!   `invalid_country_name`. A name that is not the ISO short name BigCommerce lists
//!   (`South Korea` for `Korea, Republic of`, or an unknown name) is only an
//!   `unknown_country_name` warning, since BigCommerce's list may differ from ours; an everyday
//!   alias still selects the country for the state and zip checks, an unknown name skips them.

use crate::json::{Json, Object};
use crate::schema::{Ctx, EnumRule, Field, ObjectRule, Rule, Schema, ID};
use crate::v2::{REQUIRED_TEXT, TEXT};
use crate::v3::addresses::{check_region, RegionKeys, ADDRESS_TYPES};

/// The alpha-2 code of a full English country name as BigCommerce lists it (case-insensitive),
/// e.g. `United States` or `Korea, Republic of`; everyday aliases (`South Korea`) are not
/// names V2 accepts, so they give `None` here (see [`crate::country::code_of`] for those).
///
/// ```
/// use bc_customers_core::v2::addresses::code_of_country_name;
/// assert_eq!(code_of_country_name("united states"), Some("US"));
/// assert_eq!(code_of_country_name("Atlantis"), None);
/// ```
pub fn code_of_country_name(name: &str) -> Option<&'static str> {
    let name = name.trim();
    crate::country::all()
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|(code, _)| *code)
}

/// Two or three capital letters: a country code (`US`, `UK`, `USA`), not a name.
fn looks_like_country_code(s: &str) -> bool {
    let s = s.trim();
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Rule: `country` is a full name, and `state`/`zip` fit what that country needs.
pub fn country_rule(map: Object<'_>, ctx: &mut Ctx) {
    let keys = RegionKeys {
        state: "state",
        postal: "zip",
        state_schema_rejects_empty: true,
    };
    let [country, state, zip] = map.get_many(["country", keys.state, keys.postal]);
    let mut code = None;
    if let Some(country) = country.and_then(Json::as_str) {
        if looks_like_country_code(country) {
            ctx.at_key("country", |ctx| {
                ctx.error(
                    "invalid_country_name",
                    "must be the full English country name, e.g. `United States`, not a code",
                )
            });
        } else if !country.trim().is_empty() {
            code = code_of_country_name(country);
            if code.is_none() {
                // An everyday alias still tells us the country for the state and zip checks.
                code = crate::country::code_of(country);
                ctx.at_key("country", |ctx| {
                    ctx.warn(
                        "unknown_country_name",
                        "is not a country name as BigCommerce lists it; BigCommerce may reject it",
                    )
                });
            }
        }
    }
    check_region(
        [state, zip].map(|v| v.map(Json::as_str)),
        ctx,
        code,
        keys,
        false,
    );
}

static ADDRESS_TYPE: Schema = Schema::Enum(EnumRule {
    values: ADDRESS_TYPES,
});

const FIELDS: &[Field] = &[
    Field::optional("customer_id", &ID),
    Field::required("first_name", &REQUIRED_TEXT),
    Field::required("last_name", &REQUIRED_TEXT),
    Field::optional("company", &TEXT),
    Field::required("street_1", &REQUIRED_TEXT),
    Field::optional("street_2", &TEXT),
    Field::required("city", &REQUIRED_TEXT),
    Field::required("state", &REQUIRED_TEXT),
    Field::required("zip", &TEXT),
    Field::required("country", &REQUIRED_TEXT),
    Field::required("phone", &REQUIRED_TEXT),
    Field::optional("address_type", &ADDRESS_TYPE),
    Field::read_only("id", &ID),
    Field::read_only("country_iso2", &TEXT),
];

/// `customerAddress_Base`: body of `POST /v2/customers/{customer_id}/addresses`.
pub static V2_ADDRESS_CREATE: Schema = Schema::Object(ObjectRule {
    name: "V2AddressCreate",
    fields: FIELDS,
    additional: true,
    rules: &[Rule::new("country_rule", country_rule)],
});

/// Body of `PUT /v2/customers/{customer_id}/addresses/{customer_address_id}` (same fields and
/// requirements as create).
pub static V2_ADDRESS_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "V2AddressUpdate",
    fields: FIELDS,
    additional: true,
    rules: &[Rule::new("country_rule", country_rule)],
});
