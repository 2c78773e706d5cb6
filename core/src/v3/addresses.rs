//! Customer addresses (`/v3/customers/addresses`, `shared/reference/bigcommerce/customers.v3.yml`,
//! schemas `address_Post`, `address_Put`, `customerAddresses_CustomerPost`).
//!
//! Endpoints: `POST /customers/addresses` (array of new addresses, each naming its
//! `customer_id`), `PUT /customers/addresses` (array, each naming the address `id`), and the
//! `addresses` array embedded in `POST /customers` (at most 10 per customer).
//!
//! V2 differs (`/v2/customers/{id}/addresses`, see [`crate::v2::addresses`]): one address per
//! request, `street_1`/`street_2`/`zip`/`state` instead of `address1`/`address2`/`postal_code`/
//! `state_or_province`, a full country *name* instead of `country_code`, `phone` and `state`
//! always required. V3 requires state and postal code only for countries that need them.
//!
//! Decisions where the spec is loose or contradicts itself (SUMMARY.md §12, items 17 and 19):
//! - `address_Post` lists `state_or_province` and `postal_code` as required, while its own field
//!   descriptions and the embedded-address schema say "required for countries that need" them: we
//!   follow the field descriptions (the live behaviour) for both, with [`STATE_REQUIRED`] and
//!   [`NO_POSTAL_CODE`] deciding which countries need them.
//! - A state or province given as a code (`CA`, `NSW`: two or three capital letters) is rejected
//!   with `state_code_not_accepted`, for every country: the spec says codes are not accepted.
//! - A blank (`""` or spaces) state or postal code where one is needed counts as missing
//!   (`required`), also on update.
//! - On update nothing is required except `id`: when `country_code` changes without a state or
//!   postal code, the stored ones may still be right, so only blank values are reported.
//! - `country_code` must be an assigned ISO 3166-1 alpha-2 code in upper case (the spec only
//!   says "2 characters"; its example placeholder `st` is not accepted).
//! - `customer_id` cannot move an address to another customer: it is read-only on update.
//! - Batches must hold at least one address (an empty batch is an upstream 422 at best); the
//!   spec documents no maximum, so none is enforced.

use crate::json::{Flat, Json, Object, Scalar};
use crate::schema::{
    formatted, string, ArrayRule, Ctx, EnumRule, Field, Format, ObjectRule, Rule, Schema, ID,
};
use crate::v3::{DATE_TIME, FORM_FIELDS};

/// Countries whose addresses BigCommerce only accepts with a state or province (given as the
/// full name). These are the countries for which BigCommerce ships a subdivision list that its
/// checkout makes mandatory and where the subdivision is part of every postal address.
pub const STATE_REQUIRED: &[&str] = &["AR", "AU", "BR", "CA", "CN", "IN", "JP", "MX", "MY", "US"];

/// Countries without a postal-code system (after the list address-form libraries share); for
/// every other assigned country a postal code is required.
pub const NO_POSTAL_CODE: &[&str] = &[
    "AE", "AG", "AO", "AW", "BF", "BI", "BJ", "BO", "BS", "BW", "BZ", "CD", "CF", "CG", "CI", "CK",
    "CM", "DJ", "DM", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "IE", "JM", "KI", "KM",
    "KN", "KP", "LC", "ML", "MO", "MR", "MS", "MW", "NR", "NU", "QA", "RW", "SB", "SC", "SL", "SO",
    "SR", "ST", "SY", "TF", "TG", "TK", "TL", "TO", "TT", "TV", "TZ", "UG", "VU", "YE", "ZW",
];

/// Whether addresses in this country (alpha-2 code) need a state or province.
pub fn requires_state(country_code: &str) -> bool {
    crate::country::in_code_list(STATE_REQUIRED, country_code)
}

/// Whether addresses in this country (alpha-2 code) need a postal code. Unknown codes need
/// nothing (the code itself is reported instead).
pub fn requires_postal_code(country_code: &str) -> bool {
    crate::country::name_of(country_code).is_some()
        && !crate::country::in_code_list(NO_POSTAL_CODE, country_code)
}

/// Whether a state value looks like a subdivision code (`CA`, `NSW`) rather than a name.
pub fn looks_like_state_code(state: &str) -> bool {
    let s = trimmed(state);
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// `s.trim()`, without decoding characters when `s` starts and ends with visible ASCII (on the
/// hot path of every address).
fn trimmed(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(b'!'..=b'~'), Some(b'!'..=b'~')) => s,
        _ => s.trim(),
    }
}

/// Which keys hold the country, state and postal code (V3 and V2 name them differently).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionKeys {
    pub state: &'static str,
    pub postal: &'static str,
    /// The schema already rejects an empty state (`too_short`), so the rule need not.
    pub state_schema_rejects_empty: bool,
}

/// The country-dependent checks shared by V3 and V2 addresses. `country` is the alpha-2 code
/// when it is known; `partial` is true for updates, where absent fields are kept as stored.
/// `state` and `postal` are the values of `keys.state` and `keys.postal`: absent, or present
/// with their string when they are one.
pub(crate) fn check_region(
    [state, postal]: [Option<Option<&str>>; 2],
    ctx: &mut Ctx,
    country: Option<&str>,
    keys: RegionKeys,
    partial: bool,
) {
    if let Some(s) = state.flatten() {
        if looks_like_state_code(s) {
            ctx.at_key(keys.state, |ctx| {
                ctx.error(
                    "state_code_not_accepted",
                    "must be the full state or province name, not its code",
                )
            });
        }
    }
    let Some(country) = country else { return };
    let blank_or_missing = |v: Option<Option<&str>>| match v {
        None => !partial,
        Some(v) => v.is_some_and(|s| trimmed(s).is_empty()),
    };
    let state_reported = keys.state_schema_rejects_empty && state.flatten() == Some("");
    if requires_state(country) && blank_or_missing(state) && !state_reported {
        ctx.at_key(keys.state, |ctx| {
            ctx.error(
                "required",
                "is required for addresses in this country, as the full name",
            )
        });
    }
    if requires_postal_code(country) && blank_or_missing(postal) {
        ctx.at_key(keys.postal, |ctx| {
            ctx.error("required", "is required for addresses in this country")
        });
    }
}

/// The checks of [`check_region`] for a V3 address, given the values at [`V3_REGION`] (absent,
/// or present with their string when they are one).
fn v3_region([state, postal, code]: [Option<Option<&str>>; 3], ctx: &mut Ctx, partial: bool) {
    let country = code
        .flatten()
        .filter(|c| crate::country::name_of(c).is_some());
    check_region([state, postal], ctx, country, V3_KEYS, partial);
}

/// The keys [`v3_region`] reads.
const V3_REGION: [&str; 3] = [V3_KEYS.state, V3_KEYS.postal, "country_code"];

fn v3_region_of(map: Object<'_>, ctx: &mut Ctx, partial: bool) {
    v3_region(
        map.get_many(V3_REGION).map(|v| v.map(Json::as_str)),
        ctx,
        partial,
    );
}

fn v3_region_of_flat(map: Flat<'_, '_>, ctx: &mut Ctx, partial: bool) {
    v3_region(
        map.get_many(V3_REGION).map(|v| v.map(Scalar::as_str)),
        ctx,
        partial,
    );
}

const V3_KEYS: RegionKeys = RegionKeys {
    state: "state_or_province",
    postal: "postal_code",
    state_schema_rejects_empty: false,
};

/// Rule: state and postal code as the address's country needs them (create).
pub fn region_rule(map: Object<'_>, ctx: &mut Ctx) {
    v3_region_of(map, ctx, false);
}

fn region_rule_flat(map: Flat<'_, '_>, ctx: &mut Ctx) {
    v3_region_of_flat(map, ctx, false);
}

/// [`region_rule`] with its form for the clean check.
const REGION_RULE: Rule = Rule::new("region_rule", region_rule).with_flat(region_rule_flat);

/// Rule: state and postal code as the address's country needs them (update: absent is kept).
pub fn region_rule_update(map: Object<'_>, ctx: &mut Ctx) {
    v3_region_of(map, ctx, true);
}

fn region_rule_update_flat(map: Flat<'_, '_>, ctx: &mut Ctx) {
    v3_region_of_flat(map, ctx, true);
}

/// [`region_rule_update`] with its form for the clean check.
const REGION_RULE_UPDATE: Rule =
    Rule::new("region_rule_update", region_rule_update).with_flat(region_rule_update_flat);

pub(crate) static NAME: Schema = string(Some(1), Some(255));
pub(crate) static COMPANY: Schema = string(None, Some(255));
pub(crate) static LINE: Schema = string(None, None);
pub(crate) static CITY: Schema = string(None, Some(100));
pub(crate) static STATE: Schema = string(None, Some(100));
pub(crate) static POSTAL_CODE: Schema = string(None, Some(30));
pub(crate) static COUNTRY_CODE: Schema = formatted(Format::CountryCode, Some(2), Some(2));
pub(crate) static COUNTRY_NAME: Schema = string(None, None);
pub(crate) static PHONE: Schema = string(None, Some(50));

/// The two address kinds BigCommerce knows.
pub const ADDRESS_TYPES: &[&str] = &["residential", "commercial"];

pub(crate) static ADDRESS_TYPE: Schema = Schema::Enum(EnumRule {
    values: ADDRESS_TYPES,
});

/// `customerAddresses_CustomerPost`: an address inside `POST /v3/customers`.
pub static CUSTOMER_CREATE_ADDRESS: Schema = Schema::Object(ObjectRule {
    name: "CustomerCreateAddress",
    fields: &[
        Field::required("first_name", &NAME),
        Field::required("last_name", &NAME),
        Field::optional("company", &COMPANY),
        Field::required("address1", &LINE),
        Field::optional("address2", &LINE),
        Field::required("city", &CITY),
        Field::optional("state_or_province", &STATE),
        Field::optional("postal_code", &POSTAL_CODE),
        Field::required("country_code", &COUNTRY_CODE),
        Field::optional("phone", &PHONE),
        Field::optional("address_type", &ADDRESS_TYPE),
        Field::optional("form_fields", &FORM_FIELDS),
        Field::read_only("id", &ID),
        Field::read_only("customer_id", &ID),
        Field::read_only("country", &COUNTRY_NAME),
    ],
    additional: true,
    rules: &[REGION_RULE],
});

/// `address_Post`: one item of `POST /v3/customers/addresses`.
pub static ADDRESS_CREATE: Schema = Schema::Object(ObjectRule {
    name: "AddressCreate",
    fields: &[
        Field::required("customer_id", &ID),
        Field::required("first_name", &NAME),
        Field::required("last_name", &NAME),
        Field::optional("company", &COMPANY),
        Field::required("address1", &LINE),
        Field::optional("address2", &LINE),
        Field::required("city", &CITY),
        Field::optional("state_or_province", &STATE),
        Field::optional("postal_code", &POSTAL_CODE),
        Field::required("country_code", &COUNTRY_CODE),
        Field::optional("phone", &PHONE),
        Field::optional("address_type", &ADDRESS_TYPE),
        Field::optional("form_fields", &FORM_FIELDS),
        Field::read_only("id", &ID),
        Field::read_only("country", &COUNTRY_NAME),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
    ],
    additional: true,
    rules: &[REGION_RULE],
});

/// `address_Put`: one item of `PUT /v3/customers/addresses`.
pub static ADDRESS_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "AddressUpdate",
    fields: &[
        Field::required("id", &ID),
        Field::optional("first_name", &NAME),
        Field::optional("last_name", &NAME),
        Field::optional("company", &COMPANY),
        Field::optional("address1", &LINE),
        Field::optional("address2", &LINE),
        Field::optional("city", &CITY),
        Field::optional("state_or_province", &STATE),
        Field::optional("postal_code", &POSTAL_CODE),
        Field::optional("country_code", &COUNTRY_CODE),
        Field::optional("phone", &PHONE),
        Field::optional("address_type", &ADDRESS_TYPE),
        Field::optional("form_fields", &FORM_FIELDS),
        Field::read_only("customer_id", &ID),
        Field::read_only("country", &COUNTRY_NAME),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
    ],
    additional: true,
    rules: &[REGION_RULE_UPDATE],
});

/// Body of `POST /v3/customers/addresses`: a non-empty array of [`ADDRESS_CREATE`].
pub static ADDRESSES_CREATE: Schema = Schema::Array(ArrayRule {
    items: &ADDRESS_CREATE,
    min: Some(1),
    max: None,
    unique: false,
});

/// Body of `PUT /v3/customers/addresses`: a non-empty array of [`ADDRESS_UPDATE`].
pub static ADDRESSES_UPDATE: Schema = Schema::Array(ArrayRule {
    items: &ADDRESS_UPDATE,
    min: Some(1),
    max: None,
    unique: false,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_are_recognised() {
        for code in ["CA", "NSW", " TX "] {
            assert!(looks_like_state_code(code), "{code}");
        }
        for name in ["California", "Goa", "Ca", "", "N1"] {
            assert!(!looks_like_state_code(name), "{name}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trimmed_is_trim(s in "[ \t\u{a0}\u{3000}a~!]{0,3}[a-z\u{e9}]{0,3}[ \n\u{85}\u{2028}b~!]{0,3}") {
            proptest::prop_assert_eq!(trimmed(&s), s.trim());
        }
    }

    #[test]
    fn country_lists_are_sorted_alpha_2_codes() {
        for list in [STATE_REQUIRED, NO_POSTAL_CODE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(list
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
        }
        assert!(STATE_REQUIRED.iter().all(|c| !NO_POSTAL_CODE.contains(c)));
    }
}
