//! `/v3/customers` (BigCommerce "Customers", `customers.v3.yml`, SUMMARY §4.1-§4.4).
//!
//! - `GET`: the caller's query is parsed strictly by `core::query::parse_v3_customer_query`
//!   (filters, `include`, `sort`, paging, cursors) and re-rendered by `core`. Shoppers get only
//!   their own record (`id:in` forced to their id).
//! - `POST`/`PUT`: arrays of customers, each validated by `core` (`v3.customers.create` /
//!   `v3.customers.update`); any number of records, split by `core::batch` into calls of at
//!   most 10 sent at most 3 at a time.
//! - `DELETE`: only with `id:in` (BigCommerce answers 204 and deletes nothing without it; the
//!   edge refuses with 422 `empty_filter`).
//!
//! V2 differs: one customer per request with the id in the path (see [`crate::v2`]).

use crate::auth::Grant;
use crate::plan::{
    batch_plan, built, delete_by_ids, invalid, not_yours, parse_body, Family, Input, Plan,
};
use crate::problem::Problem;
use crate::route::Method;
use bc_customers_core::batch::{plan_customer_creates, plan_customer_updates};
use bc_customers_core::query::parse_v3_customer_query;
use bc_customers_core::request::v3;
use bc_customers_core::Operation;

/// Plans a `/v3/customers` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    match input.method {
        Method::Get => {
            let mut q = parse_v3_customer_query(input.query).map_err(invalid)?;
            if let Grant::Own(shopper) = input.grant {
                if q.id_in.is_empty() {
                    q.id_in = vec![shopper.customer_id];
                } else if q.id_in.iter().any(|&id| id != shopper.customer_id) {
                    return Err(not_yours());
                }
            }
            Ok(Plan::single(
                built(v3::list_customers(&q))?,
                Family::Customers,
            ))
        }
        Method::Post | Method::Put => {
            let body = parse_body(input.body)?;
            let create = input.method == Method::Post;
            let op = if create {
                Operation::V3CustomersCreate
            } else {
                Operation::V3CustomersUpdate
            };
            let planner = if create {
                plan_customer_creates
            } else {
                plan_customer_updates
            };
            batch_plan(op, body, planner)
        }
        _ => delete_by_ids(input.query, v3::delete_customers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Shopper;
    use crate::plan::Exec;
    use crate::route::Route;
    use serde_json::json;

    fn input<'a>(
        method: Method,
        query: &'a str,
        body: Option<&'a str>,
        grant: &'a Grant,
    ) -> Input<'a> {
        Input {
            route: Route::V3Customers,
            method,
            query,
            body,
            grant,
        }
    }

    #[test]
    fn list_queries_are_re_rendered_by_core_and_unknown_parameters_refused() {
        let p = plan(input(
            Method::Get,
            "include=addresses&email:in=a%2Bb%40x.co",
            None,
            &Grant::Full,
        ))
        .unwrap();
        let Exec::Single(r) = p.exec else { panic!() };
        assert_eq!(
            r.path_and_query(),
            "/v3/customers?email:in=a%2Bb%40x.co&include=addresses"
        );
        let e = plan(input(Method::Get, "id:in=1&x=/../v2", None, &Grant::Full)).unwrap_err();
        assert_eq!(e.body["issues"][0]["code"], "unknown_parameter");
    }

    #[test]
    fn shoppers_see_only_their_own_record() {
        let g = Grant::Own(Shopper {
            customer_id: 7,
            email: "a@b.co".into(),
        });
        let p = plan(input(Method::Get, "", None, &g)).unwrap();
        assert_eq!(p.requests()[0].query, "id:in=7");
        assert_eq!(
            plan(input(Method::Get, "id:in=7,8", None, &g))
                .unwrap_err()
                .status,
            403
        );
    }

    #[test]
    fn big_batches_are_split_and_duplicates_refused_before_sending() {
        let body: Vec<_> = (0..23)
            .map(|i| json!({"email": format!("c{i}@example.com"), "first_name": "A", "last_name": "B"}))
            .collect();
        let text = serde_json::to_string(&body).unwrap();
        let p = plan(input(Method::Post, "", Some(&text), &Grant::Full)).unwrap();
        let Exec::Batch(b) = &p.exec else { panic!() };
        assert_eq!((b.calls.len(), b.concurrency), (3, 3));
        let dup = json!([{"email": "a@example.com", "first_name": "A", "last_name": "B"},
                         {"email": "A@example.com", "first_name": "A", "last_name": "B"}])
        .to_string();
        let e = plan(input(Method::Post, "", Some(&dup), &Grant::Full)).unwrap_err();
        assert_eq!(e.body["issues"][0]["code"], "duplicate_email");
    }

    #[test]
    fn delete_needs_a_filter() {
        let e = plan(input(Method::Delete, "", None, &Grant::Full)).unwrap_err();
        assert_eq!(
            (e.status, e.body["issues"][0]["code"].as_str()),
            (422, Some("empty_filter"))
        );
        let p = plan(input(Method::Delete, "id:in=3,4", None, &Grant::Full)).unwrap();
        assert_eq!(p.requests()[0].path_and_query(), "/v3/customers?id:in=3,4");
        assert_eq!(
            plan(input(Method::Delete, "email:in=x", None, &Grant::Full))
                .unwrap_err()
                .status,
            422
        );
    }
}
