//! `/v3/customers/attribute-values` (BigCommerce "Customer Attribute Values",
//! `customers.v3.yml`, SUMMARY §4.8).
//!
//! - `GET`: `customer_id:in`, `attribute_id:in`, `name`, date filters, paging. Shoppers:
//!   `customer_id:in` forced to their own id.
//! - `PUT` (upsert, `{attribute_id, value, customer_id}`): validated by `core` record by record,
//!   split by `core::batch` into calls for at most 10 distinct customers, 3 at a time. Shoppers:
//!   every record must be theirs (`customer_id` filled in when absent).
//! - `DELETE`: only with `id:in` (attribute-value ids).
//!
//! Note BigCommerce's naming: requests say `value`, answers say `attribute_value`.

use crate::auth::Grant;
use crate::params::Params;
use crate::plan::{
    batch_plan, built, delete_by_ids, invalid, not_yours, own_customer_ids, parse_body, Family,
    Input, Plan,
};
use crate::problem::Problem;
use crate::route::Method;
use bc_customers_core::batch::plan_attribute_value_upserts;
use bc_customers_core::query::AttributeValueQuery;
use bc_customers_core::request::v3;
use bc_customers_core::Operation;

/// Plans a `/v3/customers/attribute-values` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let own = match input.grant {
        Grant::Own(s) => Some(s.customer_id),
        _ => None,
    };
    match input.method {
        Method::Get => {
            let mut p = Params::parse(
                input.query,
                &[
                    "customer_id:in",
                    "attribute_id:in",
                    "name",
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
            let mut q = AttributeValueQuery {
                customer_id_in: p.ids("customer_id:in"),
                attribute_id_in: p.ids("attribute_id:in"),
                name: p.string("name"),
                date_created: p.date_filter("date_created"),
                date_modified: p.date_filter("date_modified"),
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            if let Some(own) = own {
                if q.customer_id_in.iter().any(|&c| c != own) {
                    return Err(not_yours());
                }
                q.customer_id_in = vec![own];
            }
            Ok(Plan::single(
                built(v3::list_attribute_values(&q))?,
                Family::Customers,
            ))
        }
        Method::Put => {
            let mut body = parse_body(input.body)?;
            if let (Some(own), Some(items)) = (own, body.as_array_mut()) {
                own_customer_ids(items, own)?;
            }
            batch_plan(
                Operation::V3AttributeValuesUpsert,
                body,
                plan_attribute_value_upserts,
            )
        }
        _ => delete_by_ids(input.query, v3::delete_attribute_values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Exec;
    use serde_json::json;

    #[test]
    fn values_for_more_than_ten_customers_are_split() {
        let body: Vec<_> = (1..=25)
            .map(|c| json!({"attribute_id": 1, "value": "x", "customer_id": c}))
            .collect();
        let text = serde_json::to_string(&body).unwrap();
        let p = plan(Input {
            route: crate::route::Route::V3AttributeValues,
            method: Method::Put,
            query: "",
            body: Some(&text),
            grant: &Grant::Full,
        })
        .unwrap();
        let Exec::Batch(b) = p.exec else { panic!() };
        assert_eq!(
            b.calls.iter().map(|c| c.indexes.len()).collect::<Vec<_>>(),
            [10, 10, 5]
        );
    }
}
