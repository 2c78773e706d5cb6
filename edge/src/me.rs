//! `/me` and `/me/addresses`: the logged-in shopper's own record, identified by their verified
//! Current Customer token (see [`crate::auth`]), never by anything in the path, query or body.
//!
//! - `GET /me` → V3 `GET /customers?id:in={own id}` (optionally `include=…`), answered as
//!   `{data: customer, meta: {}}`.
//! - `PUT /me` → V3 `PUT /customers` with `id` = own id. Only profile fields a shopper may change
//!   themselves are accepted ([`SHOPPER_EDITABLE`]); anything else (group, store credit,
//!   channels, email, password, notes…) is 422 `not_allowed`.
//! - `GET /me/addresses` → V3 `GET /customers/addresses?customer_id:in={own id}` (paging).
//! - `POST /me/addresses` → V3 `POST /customers/addresses` (an address or an array of them),
//!   `customer_id` set to the shopper's.
//!
//! Cached reads are keyed by the shopper's customer id (see [`crate::cache`]).

use crate::addresses;
use crate::auth::Grant;
use crate::plan::{built, invalid, parse_body, prepare, Family, Input, Plan, Shape};
use crate::problem::Problem;
use crate::route::{Method, Route};
use bc_customers_core::issue::push_key;
use bc_customers_core::query::{parse_v3_customer_query, CustomerQuery};
use bc_customers_core::request::v3;
use bc_customers_core::{Issue, Operation};
use serde_json::Value;

/// Customer fields a shopper may change on their own record.
pub const SHOPPER_EDITABLE: &[&str] = &[
    "first_name",
    "last_name",
    "company",
    "phone",
    "accepts_product_review_abandoned_cart_emails",
    "form_fields",
];

/// Plans a `/me` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let Grant::Own(shopper) = input.grant else {
        return Err(Problem::forbidden(
            "shopper_only",
            "`/me` routes are for logged-in shoppers",
        ));
    };
    let own = shopper.customer_id;
    match (input.route, input.method) {
        (Route::Me, Method::Get) => {
            let mut q = parse_v3_customer_query(input.query).map_err(invalid)?;
            let include = std::mem::take(&mut q.include);
            if q != CustomerQuery::default() {
                return Err(invalid(vec![Issue::new(
                    "",
                    "unknown_parameter",
                    "`/me` accepts only `include`",
                )]));
            }
            let q = CustomerQuery {
                id_in: vec![own],
                include,
                ..Default::default()
            };
            Ok(
                Plan::single(built(v3::list_customers(&q))?, Family::Customers)
                    .with_shape(Shape::FirstItem),
            )
        }
        (Route::Me, _) => {
            let body = parse_body(input.body)?;
            let Value::Object(mut fields) = body else {
                return Err(invalid(vec![Issue::new(
                    "",
                    "invalid_type",
                    "expected a JSON object",
                )]));
            };
            let mut issues = Vec::new();
            for key in fields.keys() {
                if !SHOPPER_EDITABLE.contains(&key.as_str()) {
                    let mut path = String::new();
                    push_key(&mut path, key);
                    issues.push(Issue::new(
                        path,
                        "not_allowed",
                        "shoppers cannot change this field",
                    ));
                }
            }
            if !issues.is_empty() {
                return Err(invalid(issues));
            }
            fields.insert("id".into(), Value::from(own));
            let (body, warnings) = prepare(
                Operation::V3CustomersUpdate,
                Value::Array(vec![Value::Object(fields)]),
            )
            .map_err(|mut p| {
                // Paths without the `[0]` of the one-element array the edge built.
                if let Some(issues) = p.body["issues"].as_array_mut() {
                    for i in issues {
                        if let Some(path) = i["path"].as_str() {
                            let path = path
                                .strip_prefix("[0]")
                                .unwrap_or(path)
                                .trim_start_matches('.')
                                .to_string();
                            i["path"] = Value::String(path);
                        }
                    }
                }
                p
            })?;
            let items = match body {
                Value::Array(a) => a,
                other => vec![other],
            };
            Ok(
                Plan::single(built(v3::update_customers(items))?, Family::Customers)
                    .with_shape(Shape::FirstItem)
                    .with_warnings(warnings),
            )
        }
        (Route::MeAddresses, Method::Get) => {
            let q = addresses::list_query(input.query, Some(own))?;
            Ok(Plan::single(
                built(v3::list_addresses(&q))?,
                Family::Customers,
            ))
        }
        (Route::MeAddresses, _) => {
            let body = parse_body(input.body)?;
            let body = if body.is_object() {
                Value::Array(vec![body])
            } else {
                body
            };
            addresses::plan_create(Some(&body.to_string()), Some(own))
        }
        _ => Err(Problem::not_found()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Shopper;

    fn run(route: Route, method: Method, query: &str, body: Option<&str>) -> Result<Plan, Problem> {
        let g = Grant::Own(Shopper {
            customer_id: 9,
            email: "a@b.co".into(),
        });
        plan(Input {
            route,
            method,
            query,
            body,
            grant: &g,
        })
    }

    #[test]
    fn me_reads_only_the_shoppers_record() {
        let p = run(Route::Me, Method::Get, "include=addresses", None).unwrap();
        assert_eq!(p.requests()[0].query, "id:in=9&include=addresses");
        assert_eq!(p.shape, Shape::FirstItem);
        assert_eq!(
            run(Route::Me, Method::Get, "id:in=10", None)
                .unwrap_err()
                .status,
            422
        );
    }

    #[test]
    fn shoppers_cannot_change_privileged_fields() {
        let e = run(
            Route::Me,
            Method::Put,
            "",
            Some(r#"{"customer_group_id": 3, "first_name": "J"}"#),
        )
        .unwrap_err();
        assert_eq!(e.body["issues"][0]["path"], "customer_group_id");
        assert_eq!(e.body["issues"][0]["code"], "not_allowed");
        let p = run(Route::Me, Method::Put, "", Some(r#"{"first_name": "J"}"#)).unwrap();
        assert_eq!(
            p.requests()[0].body,
            Some(serde_json::json!([{"first_name": "J", "id": 9}]))
        );
    }

    #[test]
    fn addresses_are_the_shoppers() {
        let a = r#"{"first_name": "A", "last_name": "B", "address1": "1 Main St", "city": "Austin",
            "state_or_province": "Texas", "postal_code": "78701", "country_code": "US"}"#;
        let p = run(Route::MeAddresses, Method::Post, "", Some(a)).unwrap();
        assert_eq!(p.requests()[0].body.as_ref().unwrap()[0]["customer_id"], 9);
        assert_eq!(
            run(Route::MeAddresses, Method::Get, "", None)
                .unwrap()
                .requests()[0]
                .query,
            "customer_id:in=9"
        );
    }
}
