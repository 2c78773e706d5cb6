//! `/v3/customers/addresses` (BigCommerce "Customer Addresses", `customers.v3.yml`,
//! SUMMARY §4.6).
//!
//! - `GET`: `id:in`, `customer_id:in`, `company:in`, `name:in`, `include=formfields`, `page`,
//!   `limit`. Shoppers: `customer_id:in` forced to their own id.
//! - `POST`/`PUT`: arrays validated by `core`, split by `core::batch` (10 per call; POST 10
//!   concurrent, PUT 3). BigCommerce leaves exact duplicates out of its answer, so results are
//!   matched by content, not position (`core::batch::merge_results`). Shoppers may only create
//!   addresses for themselves (`customer_id` is filled in or must be theirs).
//! - `DELETE`: only with `id:in`.
//!
//! V2 differs: `/v2/customers/{id}/addresses`, one address per request, `street_1`/`zip`/
//! `country` names (see [`crate::v2`]).

use crate::auth::Grant;
use crate::params::Params;
use crate::plan::{
    batch_plan, built, delete_by_ids, invalid, not_yours, own_customer_ids, parse_body, Family,
    Input, Plan,
};
use crate::problem::Problem;
use crate::route::Method;
use bc_customers_core::batch::{plan_address_creates, plan_address_updates};
use bc_customers_core::query::AddressQuery;
use bc_customers_core::request::v3;
use bc_customers_core::Operation;

/// Parses an address list query; `customer` forces `customer_id:in` (shoppers).
pub fn list_query(query: &str, customer: Option<u64>) -> Result<AddressQuery, Problem> {
    let mut p = Params::parse(
        query,
        &[
            "id:in",
            "customer_id:in",
            "company:in",
            "name:in",
            "include",
            "page",
            "limit",
        ],
    );
    let include = p.string("include");
    let mut q = AddressQuery {
        id_in: p.ids("id:in"),
        customer_id_in: p.ids("customer_id:in"),
        company_in: p.list("company:in"),
        name_in: p.list("name:in"),
        include_form_fields: include.as_deref() == Some("formfields"),
        page: p.page(),
        limit: p.limit(),
    };
    let bad_include = include.is_some() && !q.include_form_fields;
    let mut issues = p.finish().err().unwrap_or_default();
    if bad_include {
        issues.push(bc_customers_core::Issue::new(
            "include",
            "invalid_parameter",
            "only `formfields` can be included",
        ));
    }
    if !issues.is_empty() {
        return Err(invalid(issues));
    }
    if let Some(own) = customer {
        if q.customer_id_in.iter().any(|&c| c != own) {
            return Err(not_yours());
        }
        q.customer_id_in = vec![own];
    }
    Ok(q)
}

/// Plans a create of `body` (an array of `address_Post`), for one shopper when `customer` is set.
pub fn plan_create(body: Option<&str>, customer: Option<u64>) -> Result<Plan, Problem> {
    let mut body = parse_body(body)?;
    if let (Some(own), Some(items)) = (customer, body.as_array_mut()) {
        own_customer_ids(items, own)?;
    }
    batch_plan(Operation::V3AddressesCreate, body, plan_address_creates)
}

/// Plans a `/v3/customers/addresses` request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let own = match input.grant {
        Grant::Own(s) => Some(s.customer_id),
        _ => None,
    };
    match input.method {
        Method::Get => {
            let q = list_query(input.query, own)?;
            Ok(Plan::single(
                built(v3::list_addresses(&q))?,
                Family::Customers,
            ))
        }
        Method::Post => plan_create(input.body, own),
        Method::Put => batch_plan(
            Operation::V3AddressesUpdate,
            parse_body(input.body)?,
            plan_address_updates,
        ),
        _ => delete_by_ids(input.query, v3::delete_addresses),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shoppers_create_only_their_own_addresses() {
        let a = json!([{"first_name": "A", "last_name": "B", "address1": "1 Main St", "city": "Austin",
            "state_or_province": "Texas", "postal_code": "78701", "country_code": "US"}]);
        let p = plan_create(Some(&a.to_string()), Some(5)).unwrap();
        assert_eq!(p.requests()[0].body.as_ref().unwrap()[0]["customer_id"], 5);
        let mut other = a.clone();
        other[0]["customer_id"] = json!(6);
        assert_eq!(
            plan_create(Some(&other.to_string()), Some(5))
                .unwrap_err()
                .status,
            403
        );
    }

    #[test]
    fn list_query_forces_the_shoppers_id() {
        assert_eq!(list_query("", Some(5)).unwrap().customer_id_in, [5]);
        assert_eq!(
            list_query("customer_id:in=6", Some(5)).unwrap_err().status,
            403
        );
        assert_eq!(list_query("include=secrets", None).unwrap_err().status, 422);
    }
}
