//! Schemas of BigCommerce's V2 customer API (`shared/reference/bigcommerce/customers.v2.yml`):
//! customers, customer addresses and customer groups.
//!
//! BigCommerce marks V2 customers and addresses deprecated in favour of V3
//! ([`crate::v3`]); customer groups exist only in V2. Every V2 write takes one object, with the
//! resource id in the path. V2 documents no string lengths, dates are RFC 2822 strings, money is
//! a decimal string, and countries are full English names. None of the schemas sets
//! `additionalProperties`, so unknown fields are warnings.
//!
//! Decision shared by the V2 modules: V2 documents no length limits, so none is enforced, but a
//! *required* string must not be empty.

pub mod addresses;
pub mod customer_groups;
pub mod customers;

use crate::schema::{string, Schema};

/// A non-empty string (a required V2 text field).
pub(crate) static REQUIRED_TEXT: Schema = string(Some(1), None);
/// Any string.
pub(crate) static TEXT: Schema = string(None, None);
