//! V2 routes (`customers.v2.yml`, SUMMARY §5): `/v2/customers`, `/v2/customers/{id}`,
//! `/v2/customers/{id}/addresses[/{address_id}]`, `/v2/customers[/{id}/addresses]/count`
//! (deprecated by BigCommerce but still used) and
//! `/v2/customer_groups` (no V3 equivalent). Server callers only.
//!
//! V2 differs from V3: one record per request, ids in the path, bare arrays and objects instead
//! of `{data, meta}`, RFC 2822 dates, `min_`/`max_` filters. Writes are validated by `core`
//! (`v2.customers.create`, `v2.customers.update`, `v2.addresses.create`,
//! `v2.customer_groups.create`).
//!
//! Two V2 calls delete everything: `DELETE /v2/customers` (every customer) and
//! `DELETE /v2/customers/{id}/addresses` (every address of the customer). V2 has no filter for
//! them, so the edge always refuses them (422 `empty_filter`); delete by id instead.
//!
//! This is the `EDGE_V2_MODE=passthrough` behaviour (the default). With `facade`, customers and
//! addresses are served through V3 by [`crate::v2_facade`]; customer groups stay here.

use crate::params::Params;
use crate::plan::{built, invalid, parse_body, prepare, Family, Input, Plan};
use crate::problem::Problem;
use crate::route::{Method, Route};
use bc_customers_core::query::{CustomerGroupQuery, Paging, V2CustomerQuery};
use bc_customers_core::request::v2;
use bc_customers_core::{Issue, Operation};

fn refuse_delete_all() -> Problem {
    invalid(vec![Issue::new(
        "",
        "empty_filter",
        "this V2 call deletes every record and takes no filter; delete by id instead",
    )])
}

/// Plans a V2 request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let cust = Family::Customers;
    match (input.route, input.method) {
        (Route::V2Customers, Method::Get) => {
            let mut p = Params::parse(
                input.query,
                &[
                    "first_name",
                    "last_name",
                    "company",
                    "email",
                    "phone",
                    "store_credit",
                    "customer_group_id",
                    "min_id",
                    "max_id",
                    "min_date_created",
                    "max_date_created",
                    "min_date_modified",
                    "max_date_modified",
                    "tax_exempt_category",
                    "page",
                    "limit",
                ],
            );
            let q = V2CustomerQuery {
                first_name: p.string("first_name"),
                last_name: p.string("last_name"),
                company: p.string("company"),
                email: p.string("email"),
                phone: p.string("phone"),
                store_credit: p.string("store_credit"),
                customer_group_id: p.id("customer_group_id"),
                min_id: p.id("min_id"),
                max_id: p.id("max_id"),
                min_date_created: p.rfc2822("min_date_created"),
                max_date_created: p.rfc2822("max_date_created"),
                min_date_modified: p.rfc2822("min_date_modified"),
                max_date_modified: p.rfc2822("max_date_modified"),
                tax_exempt_category: p.string("tax_exempt_category"),
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(built(v2::list_customers(&q))?, cust))
        }
        (Route::V2Customers, Method::Post) => {
            let (body, w) = prepare(Operation::V2CustomersCreate, parse_body(input.body)?)?;
            Ok(Plan::single(v2::create_customer(body), cust).with_warnings(w))
        }
        (Route::V2Customer(id), Method::Get) => {
            no_query(input.query).map(|_| Plan::single(v2::get_customer(id), cust))
        }
        (Route::V2Customer(id), Method::Put) => {
            let (body, w) = prepare(Operation::V2CustomersUpdate, parse_body(input.body)?)?;
            Ok(Plan::single(v2::update_customer(id, body), cust).with_warnings(w))
        }
        (Route::V2Customer(id), Method::Delete) => {
            no_query(input.query).map(|_| Plan::single(v2::delete_customer(id), cust))
        }
        (Route::V2CustomerAddresses(id), Method::Get) => {
            let mut p = Params::parse(input.query, &["page", "limit"]);
            let paging = Paging {
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(built(v2::list_addresses(id, &paging))?, cust))
        }
        (Route::V2CustomerAddresses(id), Method::Post) => {
            let (body, w) = prepare(Operation::V2AddressesCreate, parse_body(input.body)?)?;
            Ok(Plan::single(v2::create_address(id, body), cust).with_warnings(w))
        }
        (Route::V2CustomersCount, Method::Get) => {
            no_query(input.query).map(|_| Plan::single(v2::count_customers(), cust))
        }
        (Route::V2CustomerAddressesCount(id), Method::Get) => {
            no_query(input.query).map(|_| Plan::single(v2::count_addresses(id), cust))
        }
        (Route::V2CustomerAddress(id, aid), Method::Get) => {
            no_query(input.query).map(|_| Plan::single(v2::get_address(id, aid), cust))
        }
        (Route::V2CustomerAddress(id, aid), Method::Put) => {
            let (body, w) = prepare(Operation::V2AddressesUpdate, parse_body(input.body)?)?;
            Ok(Plan::single(v2::update_address(id, aid, body), cust).with_warnings(w))
        }
        (Route::V2CustomerAddress(id, aid), Method::Delete) => {
            no_query(input.query).map(|_| Plan::single(v2::delete_address(id, aid), cust))
        }
        (Route::V2CustomerGroups, Method::Get) => {
            let mut p = Params::parse(
                input.query,
                &[
                    "name",
                    "name:like",
                    "is_default",
                    "is_group_for_guests",
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
            let q = CustomerGroupQuery {
                name: p.string("name"),
                name_like: p.string("name:like"),
                is_default: p.flag("is_default"),
                is_group_for_guests: p.flag("is_group_for_guests"),
                date_created: p.date_filter("date_created"),
                date_modified: p.date_filter("date_modified"),
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(
                built(v2::list_customer_groups(&q))?,
                Family::CustomerGroups,
            ))
        }
        (Route::V2CustomerGroups, Method::Post) => {
            let (body, w) = prepare(Operation::V2CustomerGroupsCreate, parse_body(input.body)?)?;
            Ok(
                Plan::single(v2::create_customer_group(body), Family::CustomerGroups)
                    .with_warnings(w),
            )
        }
        (Route::V2Customers | Route::V2CustomerAddresses(_), Method::Delete) => {
            Err(refuse_delete_all())
        }
        _ => Err(Problem::method_not_allowed(&input.route.allow_header())),
    }
}

fn no_query(query: &str) -> Result<(), Problem> {
    Params::parse(query, &[]).finish().map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;

    fn run(route: Route, method: Method, query: &str, body: Option<&str>) -> Result<Plan, Problem> {
        plan(Input {
            route,
            method,
            query,
            body,
            grant: &Grant::Full,
        })
    }

    #[test]
    fn delete_everything_calls_are_refused() {
        assert_eq!(
            run(Route::V2Customers, Method::Delete, "", None)
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            run(Route::V2CustomerAddresses(3), Method::Delete, "", None)
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            run(Route::V2Customer(3), Method::Delete, "", None)
                .unwrap()
                .requests()[0]
                .path,
            "/v2/customers/3"
        );
    }

    #[test]
    fn queries_are_typed() {
        let p = run(
            Route::V2Customers,
            Method::Get,
            "email=a%40b.co&min_id=3",
            None,
        )
        .unwrap();
        assert_eq!(p.requests()[0].query, "email=a%40b.co&min_id=3");
        assert_eq!(
            run(Route::V2Customer(3), Method::Get, "x=1", None)
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            run(Route::V2CustomerGroups, Method::Get, "is_default=yes", None)
                .unwrap_err()
                .status,
            422
        );
    }
}
