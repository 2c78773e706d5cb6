//! Customer attributes (`/v3/customers/attributes`, `shared/reference/bigcommerce/customers.v3.yml`,
//! schemas `attribute_Post` and `attribute_Put`): the store-wide *definitions* (name and type)
//! whose per-customer values live in [`crate::v3::attribute_values`].
//!
//! Endpoints: `POST /customers/attributes` (array of `{name, type}`) and
//! `PUT /customers/attributes` (array of `{id, name}`). V2 has no attributes at all.
//!
//! Decisions (SUMMARY.md §4.7, §12 item 14):
//! - A store holds at most 50 attributes, so one call can never create or rename more than 50:
//!   larger batches are `too_many_items`. Batches must not be empty.
//! - The type cannot change after creation (delete and recreate instead): `type` on update is a
//!   `read_only` warning and is not forwarded.

use crate::schema::{string, ArrayRule, EnumRule, Field, ObjectRule, Schema, ID};
use crate::v3::DATE_TIME;

/// Most attributes a store can have, hence most one call can create or update.
pub const MAX_ATTRIBUTES_PER_STORE: u64 = 50;

/// The attribute types BigCommerce knows.
pub const ATTRIBUTE_TYPES: &[&str] = &["string", "number", "date"];

static NAME: Schema = string(Some(1), Some(255));
static TYPE: Schema = Schema::Enum(EnumRule {
    values: ATTRIBUTE_TYPES,
});

/// `attribute_Post`: one item of `POST /v3/customers/attributes`.
pub static ATTRIBUTE_CREATE: Schema = Schema::Object(ObjectRule {
    name: "AttributeCreate",
    fields: &[
        Field::required("name", &NAME),
        Field::required("type", &TYPE),
        Field::read_only("id", &ID),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
    ],
    additional: true,
    rules: &[],
});

/// `attribute_Put`: one item of `PUT /v3/customers/attributes`.
pub static ATTRIBUTE_UPDATE: Schema = Schema::Object(ObjectRule {
    name: "AttributeUpdate",
    fields: &[
        Field::required("id", &ID),
        Field::required("name", &NAME),
        Field::read_only("type", &TYPE),
        Field::read_only("date_created", &DATE_TIME),
        Field::read_only("date_modified", &DATE_TIME),
    ],
    additional: true,
    rules: &[],
});

/// Body of `POST /v3/customers/attributes`: 1 to 50 [`ATTRIBUTE_CREATE`].
pub static ATTRIBUTES_CREATE: Schema = Schema::Array(ArrayRule {
    items: &ATTRIBUTE_CREATE,
    min: Some(1),
    max: Some(MAX_ATTRIBUTES_PER_STORE),
    unique: false,
});

/// Body of `PUT /v3/customers/attributes`: 1 to 50 [`ATTRIBUTE_UPDATE`].
pub static ATTRIBUTES_UPDATE: Schema = Schema::Array(ArrayRule {
    items: &ATTRIBUTE_UPDATE,
    min: Some(1),
    max: Some(MAX_ATTRIBUTES_PER_STORE),
    unique: false,
});
