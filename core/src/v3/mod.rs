//! Schemas of BigCommerce's V3 customer and subscriber APIs
//! (`shared/reference/bigcommerce/customers.v3.yml`, `subscribers.v3.yml`).
//!
//! One module per resource, named as BigCommerce's reference names it. V3 writes take JSON
//! arrays (batches) for customers, addresses, attributes, attribute values and form-field values,
//! and single objects for consent, settings, credential checks and subscribers. None of the
//! request schemas sets `additionalProperties`, so unknown fields are warnings everywhere in V3
//! (JSON Schema's default is to allow them).
//!
//! Pieces several resources share (form-field values, date-times) live here.

pub mod addresses;
pub mod attribute_values;
pub mod attributes;
pub mod consent;
pub mod credentials;
pub mod customers;
pub mod form_field_values;
pub mod settings;
pub mod subscribers;

use crate::schema::{formatted, string, ArrayRule, Field, Format, NumRule, ObjectRule, Schema};

/// An ISO 8601 date-time as V3 returns it (`date_created`, `date_modified`).
pub(crate) static DATE_TIME: Schema = formatted(Format::DateTime, None, None);

static FORM_FIELD_NAME: Schema = string(Some(1), None);
static FORM_FIELD_TEXT: Schema = string(None, None);
static FORM_FIELD_NUMBER: Schema = Schema::Number(NumRule {
    min: None,
    max: None,
});
static FORM_FIELD_CHOICES: Schema = Schema::Array(ArrayRule {
    items: &FORM_FIELD_TEXT,
    min: None,
    max: None,
    unique: false,
});

/// A form-field value: a string, a number, or a list of strings (checkboxes, pick lists).
pub static FORM_FIELD_VALUE_VALUE: Schema =
    Schema::OneOf(&[&FORM_FIELD_TEXT, &FORM_FIELD_NUMBER, &FORM_FIELD_CHOICES]);

/// `formFieldValue`: one custom form-field value embedded in a customer or an address.
pub static FORM_FIELD_VALUE: Schema = Schema::Object(ObjectRule {
    name: "FormFieldValue",
    fields: &[
        Field::required("name", &FORM_FIELD_NAME),
        Field::required("value", &FORM_FIELD_VALUE_VALUE),
    ],
    additional: true,
    rules: &[],
});

/// A list of [`FORM_FIELD_VALUE`]s.
pub static FORM_FIELDS: Schema = Schema::Array(ArrayRule {
    items: &FORM_FIELD_VALUE,
    min: None,
    max: None,
    unique: false,
});
