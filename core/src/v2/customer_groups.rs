//! Customer groups (`/v2/customer_groups`, `shared/reference/bigcommerce/customers.v2.yml`, schema
//! `customerGroup_Post_Put`): named groups with category access and discount rules that
//! customers (V2 `customer_group_id`, V3 `customer_group_id`) belong to.
//!
//! Endpoints: `POST /customer_groups` and `PUT /customer_groups/{customer_group_id}`. There is no
//! V3 equivalent: V3 customers only carry the id of a group managed here.
//!
//! Decisions (SUMMARY.md §5.3, §12 item 29):
//! - `category_access.type` is required when `category_access` is sent; `categories` is
//!   `required` with `specific` and `categories_not_allowed` with `all` or `none`.
//! - Discount rules: `price_list` must be the only rule (`price_list_not_exclusive` on the list);
//!   at most one `all` rule (`duplicate_all_rule` on the later ones). Per type, the fields that
//!   type needs are `required` and the ones of other types are `field_not_allowed`: `price_list`
//!   needs `price_list_id` (the spec's `required: [price_list]` is a typo for it), `category`
//!   needs `method`, `amount`, `category_id`; `product` needs `method`, `amount`, `product_id`;
//!   `all` needs `method` and `amount` (the schema requires only `type`, but an `all` discount
//!   without an amount means nothing).
//! - `amount` is a decimal string (`"5.0000"`); the text also allows numbers, but strings keep
//!   money exact.
//! - On update every field is optional, and `discount_rules` replaces the whole set.
//! - Read-only: `id`, `date_created`, `date_modified`.

use crate::json::{Json, Object};
use crate::schema::{
    formatted, ArrayRule, Ctx, EnumRule, Field, Format, ObjectRule, Rule, Schema, ID,
};
use crate::v2::{REQUIRED_TEXT, TEXT};

/// Category access levels.
pub const CATEGORY_ACCESS_TYPES: &[&str] = &["all", "specific", "none"];
/// Discount rule kinds.
pub const DISCOUNT_RULE_TYPES: &[&str] = &["price_list", "all", "category", "product"];
/// Discount methods.
pub const DISCOUNT_METHODS: &[&str] = &["percent", "fixed", "price"];

static FLAG: Schema = Schema::Boolean;
static ACCESS_TYPE: Schema = Schema::Enum(EnumRule {
    values: CATEGORY_ACCESS_TYPES,
});
static CATEGORY_IDS: Schema = Schema::Array(ArrayRule {
    items: &ID,
    min: None,
    max: None,
    unique: true,
});
static RULE_TYPE: Schema = Schema::Enum(EnumRule {
    values: DISCOUNT_RULE_TYPES,
});
static METHOD: Schema = Schema::Enum(EnumRule {
    values: DISCOUNT_METHODS,
});
static AMOUNT: Schema = formatted(Format::Decimal, None, None);

/// Rule: `categories` goes with `specific` access, and only with it.
pub fn categories_rule(map: Object<'_>, ctx: &mut Ctx) {
    let Some(kind) = map
        .get("type")
        .and_then(Json::as_str)
        .filter(|k| CATEGORY_ACCESS_TYPES.contains(k))
    else {
        return;
    };
    let has = map.contains_key("categories");
    if kind == "specific" && !has {
        ctx.at_key("categories", |ctx| {
            ctx.error("required", "is required when `type` is `specific`")
        });
    } else if kind != "specific" && has {
        ctx.at_key("categories", |ctx| {
            ctx.error(
                "categories_not_allowed",
                "may only be given when `type` is `specific`",
            )
        });
    }
}

/// `categoryAccessLevel_Full`: which categories the group's members may see.
pub static V2_CATEGORY_ACCESS: Schema = Schema::Object(ObjectRule {
    name: "V2CategoryAccess",
    fields: &[
        Field::required("type", &ACCESS_TYPE),
        Field::optional("categories", &CATEGORY_IDS),
    ],
    additional: true,
    rules: &[Rule::new("categories_rule", categories_rule)],
});

const RULE_FIELDS: &[&str] = &[
    "method",
    "amount",
    "category_id",
    "product_id",
    "price_list_id",
];

/// Rule: a discount rule carries exactly the fields its `type` needs.
pub fn discount_rule_fields(map: Object<'_>, ctx: &mut Ctx) {
    let needed: &[&str] = match map.get("type").and_then(Json::as_str) {
        Some("price_list") => &["price_list_id"],
        Some("all") => &["method", "amount"],
        Some("category") => &["method", "amount", "category_id"],
        Some("product") => &["method", "amount", "product_id"],
        _ => return,
    };
    for field in RULE_FIELDS {
        let present = map.contains_key(field);
        let wanted = needed.contains(field);
        if wanted && !present {
            ctx.at_key(field, |ctx| {
                ctx.error("required", "is required for this discount rule `type`")
            });
        } else if present && !wanted {
            ctx.at_key(field, |ctx| {
                ctx.error(
                    "field_not_allowed",
                    "does not belong to a discount rule of this `type`",
                )
            });
        }
    }
}

/// One discount rule: `price_list`, `category`, `product` or store-wide `all`.
pub static V2_DISCOUNT_RULE: Schema = Schema::Object(ObjectRule {
    name: "V2DiscountRule",
    fields: &[
        Field::required("type", &RULE_TYPE),
        Field::optional("method", &METHOD),
        Field::optional("amount", &AMOUNT),
        Field::optional("category_id", &ID),
        Field::optional("product_id", &ID),
        Field::optional("price_list_id", &ID),
    ],
    additional: true,
    rules: &[Rule::new("discount_rule_fields", discount_rule_fields)],
});

static DISCOUNT_RULES: Schema = Schema::Array(ArrayRule {
    items: &V2_DISCOUNT_RULE,
    min: None,
    max: None,
    unique: false,
});

/// Rule: a `price_list` rule stands alone, and there is at most one `all` rule.
pub fn discount_rules_combination(map: Object<'_>, ctx: &mut Ctx) {
    let Some(rules) = map.get("discount_rules").and_then(Json::as_array) else {
        return;
    };
    let kinds: Vec<Option<&str>> = rules
        .iter()
        .map(|r| r.get("type").and_then(Json::as_str))
        .collect();
    ctx.at_key("discount_rules", |ctx| {
        if rules.len() > 1 && kinds.contains(&Some("price_list")) {
            ctx.error(
                "price_list_not_exclusive",
                "a `price_list` rule must be the only discount rule",
            );
        }
        let mut seen_all = false;
        for (i, k) in kinds.iter().enumerate() {
            if *k == Some("all") {
                if seen_all {
                    ctx.at_index(i, |ctx| {
                        ctx.error(
                            "duplicate_all_rule",
                            "only one `all` discount rule is allowed",
                        )
                    });
                }
                seen_all = true;
            }
        }
    });
}

/// `customerGroup_Post_Put`: body of `POST /v2/customer_groups`.
pub static V2_CUSTOMER_GROUP_CREATE: Schema = Schema::Object(ObjectRule {
    name: "V2CustomerGroupCreate",
    fields: &[
        Field::required("name", &REQUIRED_TEXT),
        Field::optional("is_default", &FLAG),
        Field::optional("category_access", &V2_CATEGORY_ACCESS),
        Field::optional("discount_rules", &DISCOUNT_RULES),
        Field::optional("is_group_for_guests", &FLAG),
        Field::read_only("id", &ID),
        Field::read_only("date_created", &TEXT),
        Field::read_only("date_modified", &TEXT),
    ],
    additional: true,
    rules: &[Rule::new(
        "discount_rules_combination",
        discount_rules_combination,
    )],
});

/// `customerGroup_Post_Put`: body of `PUT /v2/customer_groups/{customer_group_id}`.
pub static V2_CUSTOMER_GROUP_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "V2CustomerGroupUpdate",
    fields: &[
        Field::optional("name", &REQUIRED_TEXT),
        Field::optional("is_default", &FLAG),
        Field::optional("category_access", &V2_CATEGORY_ACCESS),
        Field::optional("discount_rules", &DISCOUNT_RULES),
        Field::optional("is_group_for_guests", &FLAG),
        Field::read_only("id", &ID),
        Field::read_only("date_created", &TEXT),
        Field::read_only("date_modified", &TEXT),
    ],
    additional: true,
    rules: &[Rule::new(
        "discount_rules_combination",
        discount_rules_combination,
    )],
});
