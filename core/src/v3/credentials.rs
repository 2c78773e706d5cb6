//! Credential checks (`/v3/customers/validate-credentials`,
//! `shared/reference/bigcommerce/customers.v3.yml`, schema `ValidateCustomerCredentialsObject`).
//!
//! Endpoint: `POST /customers/validate-credentials` with `{email, password, channel_id?}`;
//! BigCommerce answers `{is_valid, customer_id}` and rate-limits it specially. V2's equivalent is
//! `POST /v2/customers/{id}/validate` with only `{password}`.
//!
//! Decisions:
//! - `email` and `password` must be non-empty strings; the email is *not* checked against
//!   [`crate::schema::is_email`], since an account created long ago with an unusual address must
//!   still be able to log in (BigCommerce simply answers `is_valid: false` for unknown ones).
//! - `channel_id` is a positive int32 (channel 1 when absent).

use crate::schema::{string, Field, ObjectRule, Schema, ID};

static NON_EMPTY: Schema = string(Some(1), None);

/// `ValidateCustomerCredentialsObject`: body of `POST /v3/customers/validate-credentials`.
pub static CREDENTIALS_VALIDATE: Schema = Schema::Object(ObjectRule {
    name: "CustomerCredentials",
    fields: &[
        Field::required("email", &NON_EMPTY),
        Field::required("password", &NON_EMPTY),
        Field::optional("channel_id", &ID),
    ],
    additional: true,
    rules: &[],
});
