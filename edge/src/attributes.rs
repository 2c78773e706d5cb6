//! `/v3/customers/attributes` (BigCommerce "Customer Attributes": the definitions, at most 50
//! per store; `customers.v3.yml`, SUMMARY §4.7). Server callers only.
//!
//! - `GET`: `name`, `name:like`, `type`, date filters, paging.
//! - `POST` (`{name, type}`) and `PUT` (`{id, name}`): arrays validated by `core`, sent as one
//!   call (no per-call cap is documented).
//! - `DELETE`: only with `id:in` (also removes the values from every customer).
//!
//! No V2 counterpart.

use crate::params::Params;
use crate::plan::{built, delete_by_ids, invalid, parse_body, prepare, Family, Input, Plan};
use crate::problem::Problem;
use crate::route::Method;
use bc_customers_core::query::{AttributeQuery, AttributeType};
use bc_customers_core::request::v3;
use bc_customers_core::{Issue, Operation};
use serde_json::Value;

fn array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => vec![other],
    }
}

/// Plans a `/v3/customers/attributes` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    match input.method {
        Method::Get => {
            let mut p = Params::parse(
                input.query,
                &[
                    "name",
                    "name:like",
                    "type",
                    "date_created",
                    "date_created:min",
                    "date_created:max",
                    "date_modified",
                    "date_modified:min",
                    "date_modified:max",
                    "page",
                    "limit",
                ],
            );
            let kind = p.string("type");
            let attribute_type = match kind.as_deref() {
                None => None,
                Some("string") => Some(AttributeType::String),
                Some("number") => Some(AttributeType::Number),
                Some("date") => Some(AttributeType::Date),
                Some(_) => {
                    return Err(invalid(vec![Issue::new(
                        "type",
                        "invalid_parameter",
                        "expected `string`, `number` or `date`",
                    )]))
                }
            };
            let q = AttributeQuery {
                name: p.string("name"),
                name_like: p.string("name:like"),
                attribute_type,
                date_created: p.date_filter("date_created"),
                date_modified: p.date_filter("date_modified"),
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(
                built(v3::list_attributes(&q))?,
                Family::Customers,
            ))
        }
        Method::Post | Method::Put => {
            let create = input.method == Method::Post;
            let op = if create {
                Operation::V3AttributesCreate
            } else {
                Operation::V3AttributesUpdate
            };
            let (body, warnings) = prepare(op, parse_body(input.body)?)?;
            let req = if create {
                v3::create_attributes(array(body))
            } else {
                v3::update_attributes(array(body))
            };
            Ok(Plan::single(built(req)?, Family::Customers).with_warnings(warnings))
        }
        _ => delete_by_ids(input.query, v3::delete_attributes),
    }
}
