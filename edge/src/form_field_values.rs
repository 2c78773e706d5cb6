//! `/v3/customers/form-field-values` (BigCommerce "Customer Form Field Values", deprecated for
//! writes in favour of `form_fields` on customer and address updates; `customers.v3.yml`,
//! SUMMARY §4.9). Server callers only.
//!
//! - `GET`: `customer_id`, `address_id`, `field_name`, `field_type`, paging and cursors.
//! - `PUT`: an array of `{customer_id|address_id, name, value}` validated by `core`, one call.

use crate::params::Params;
use crate::plan::{built, invalid, parse_body, prepare, Family, Input, Plan};
use crate::problem::Problem;
use crate::route::Method;
use bc_customers_core::query::{FormFieldType, FormFieldValueQuery};
use bc_customers_core::request::v3;
use bc_customers_core::{Issue, Operation};
use serde_json::Value;

const FIELD_TYPES: [FormFieldType; 8] = [
    FormFieldType::Checkboxes,
    FormFieldType::Date,
    FormFieldType::Multiline,
    FormFieldType::Numbers,
    FormFieldType::Password,
    FormFieldType::RadioButtons,
    FormFieldType::Text,
    FormFieldType::Picklist,
];

/// Plans a `/v3/customers/form-field-values` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    match input.method {
        Method::Get => {
            let mut p = Params::parse(
                input.query,
                &[
                    "customer_id",
                    "address_id",
                    "field_name",
                    "field_type",
                    "page",
                    "limit",
                    "before",
                    "after",
                ],
            );
            let field_type = match p.string("field_type") {
                None => None,
                Some(t) => match FIELD_TYPES.into_iter().find(|f| f.as_str() == t) {
                    Some(f) => Some(f),
                    None => {
                        return Err(invalid(vec![Issue::new(
                            "field_type",
                            "invalid_parameter",
                            "unknown `field_type`",
                        )]))
                    }
                },
            };
            let q = FormFieldValueQuery {
                customer_id: p.id("customer_id"),
                address_id: p.id("address_id"),
                field_name: p.string("field_name"),
                field_type,
                page: p.page(),
                limit: p.limit(),
                before: p.string("before"),
                after: p.string("after"),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(
                built(v3::list_form_field_values(&q))?,
                Family::Customers,
            ))
        }
        _ => {
            let (body, warnings) =
                prepare(Operation::V3FormFieldValuesUpsert, parse_body(input.body)?)?;
            let items = match body {
                Value::Array(a) => a,
                other => vec![other],
            };
            Ok(Plan::single(
                built(v3::update_form_field_values(items))?,
                Family::Customers,
            )
            .with_warnings(warnings))
        }
    }
}
