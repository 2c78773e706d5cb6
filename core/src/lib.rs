//! # bc-customers-core
//!
//! Everything that makes BigCommerce customer data correct, without doing any IO: payload types,
//! validation with one issue shape (`{path, code, message}`), V2<->V3 mapping, batch planning,
//! query building, request descriptors, rate-limit decisions and the two JWT flows (Customer
//! Login and Current Customer) with the clock passed in.
//!
//! The contract is BigCommerce's own OpenAPI files, kept under `shared/reference/bigcommerce/`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
mod case;
pub mod country;
mod fast;
pub mod issue;
pub mod json;
pub mod jwt;
pub mod mapping;
pub mod model;
pub mod ops;
pub mod query;
pub mod rate_limit;
pub mod request;
pub mod schema;
pub mod table;
pub mod typescript;
pub mod upstream;
pub mod v2;
pub mod v3;

pub use issue::{Issue, Report};
pub use ops::Operation;
