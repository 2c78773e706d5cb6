//! Customer consent (`/v3/customers/{customerId}/consent`,
//! `shared/reference/bigcommerce/customers.v3.yml`, schema `DeclareCustomerConsentRequest`):
//! which cookie and script categories a shopper allows on the storefront.
//!
//! Endpoint: `PUT /customers/{customerId}/consent` with `{allow, deny}`, each a list of distinct
//! categories. V2 has no consent resource; the storefront equivalent (`consent.sf.yml`) uses
//! numbers instead of names.
//!
//! Decisions:
//! - Both lists are optional, as in the schema.
//! - A category both allowed and denied is contradictory: `consent_conflict` at the `deny` entry.
//! - `updated_at` is response-only: a `read_only` warning.

use crate::json::{Json, Object};
use crate::schema::{ArrayRule, Ctx, EnumRule, Field, ObjectRule, Rule, Schema};
use crate::v3::DATE_TIME;

/// The consent categories.
pub const CONSENT_CATEGORIES: &[&str] = &["essential", "functional", "analytics", "targeting"];

static CATEGORY: Schema = Schema::Enum(EnumRule {
    values: CONSENT_CATEGORIES,
});
static CATEGORIES: Schema = Schema::Array(ArrayRule {
    items: &CATEGORY,
    min: None,
    max: None,
    unique: true,
});

/// Rule: no category is both allowed and denied.
pub fn allow_deny_disjoint(map: Object<'_>, ctx: &mut Ctx) {
    let (Some(allow), Some(deny)) = (
        map.get("allow").and_then(Json::as_array),
        map.get("deny").and_then(Json::as_array),
    ) else {
        return;
    };
    for (i, d) in deny.iter().enumerate() {
        if d.is_string() && allow.iter().any(|a| a == d) {
            ctx.at_key("deny", |ctx| {
                ctx.at_index(i, |ctx| {
                    ctx.error(
                        "consent_conflict",
                        "is also in `allow`: a category cannot be both allowed and denied",
                    )
                })
            });
        }
    }
}

/// `DeclareCustomerConsentRequest`: body of `PUT /v3/customers/{customerId}/consent`.
pub static CONSENT_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "ConsentUpdate",
    fields: &[
        Field::optional("allow", &CATEGORIES),
        Field::optional("deny", &CATEGORIES),
        Field::read_only("updated_at", &DATE_TIME),
    ],
    additional: true,
    rules: &[Rule::new("allow_deny_disjoint", allow_deny_disjoint)],
});
