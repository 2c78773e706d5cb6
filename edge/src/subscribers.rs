//! `/v3/customers/subscribers` and `/v3/customers/subscribers/{id}` (BigCommerce
//! "Subscribers", `subscribers.v3.yml`, SUMMARY §6): newsletter sign-ups, independent of
//! customers. No V2 counterpart.
//!
//! - `GET` list: `email`, `first_name`, `last_name`, `source`, `order_id`, date filters, `id`,
//!   `id:in`, paging. Shoppers: `email` forced to their own.
//! - `POST`: one subscriber validated by `core` (`v3.subscribers.create`); anonymous visitors
//!   may call it (rate limited per IP); a shopper only for their own email.
//! - `DELETE` list: needs at least one of the filters BigCommerce honours on delete; **without
//!   one BigCommerce deletes every subscriber**, so the edge refuses (422 `empty_filter`).
//! - `/{id}`: `GET`, `PUT` (`v3.subscribers.update`), `DELETE`; server callers only.

use crate::auth::Grant;
use crate::params::Params;
use crate::plan::{built, invalid, not_yours, parse_body, prepare, Family, Input, Plan};
use crate::problem::Problem;
use crate::route::{Method, Route};
use bc_customers_core::query::{SubscriberDeleteFilter, SubscriberQuery};
use bc_customers_core::request::v3;
use bc_customers_core::Operation;

/// Plans a subscriber request.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let fam = Family::Subscribers;
    if let Route::V3Subscriber(id) = input.route {
        return Ok(match input.method {
            Method::Get => Plan::single(v3::get_subscriber(id), fam),
            Method::Put => {
                let (body, w) = prepare(Operation::V3SubscribersUpdate, parse_body(input.body)?)?;
                Plan::single(v3::update_subscriber(id, body), fam).with_warnings(w)
            }
            _ => Plan::single(v3::delete_subscriber(id), fam),
        });
    }
    match input.method {
        Method::Get => {
            let mut p = Params::parse(
                input.query,
                &[
                    "email",
                    "first_name",
                    "last_name",
                    "source",
                    "order_id",
                    "date_created",
                    "date_created:min",
                    "date_created:max",
                    "date_modified",
                    "date_modified:min",
                    "date_modified:max",
                    "id",
                    "id:in",
                    "page",
                    "limit",
                ],
            );
            let mut q = SubscriberQuery {
                email: p.string("email"),
                first_name: p.string("first_name"),
                last_name: p.string("last_name"),
                source: p.string("source"),
                order_id: p.id("order_id"),
                date_created: p.date_filter("date_created"),
                date_modified: p.date_filter("date_modified"),
                id: p.id("id"),
                id_in: p.ids("id:in"),
                page: p.page(),
                limit: p.limit(),
            };
            p.finish().map_err(invalid)?;
            if let Grant::Own(shopper) = input.grant {
                match &q.email {
                    Some(e) if !e.trim().eq_ignore_ascii_case(&shopper.email) => {
                        return Err(not_yours())
                    }
                    _ => q.email = Some(shopper.email.clone()),
                }
            }
            Ok(Plan::single(built(v3::list_subscribers(&q))?, fam))
        }
        Method::Post => {
            let (body, w) = prepare(Operation::V3SubscribersCreate, parse_body(input.body)?)?;
            if let Grant::Own(shopper) = input.grant {
                let email = body.get("email").and_then(|e| e.as_str()).unwrap_or("");
                if !email.trim().eq_ignore_ascii_case(&shopper.email) {
                    return Err(not_yours());
                }
            }
            Ok(Plan::single(v3::create_subscriber(body), fam).with_warnings(w))
        }
        _ => {
            let mut p = Params::parse(
                input.query,
                &[
                    "email",
                    "first_name",
                    "last_name",
                    "source",
                    "order_id",
                    "date_created",
                    "date_modified",
                ],
            );
            let f = SubscriberDeleteFilter {
                email: p.string("email"),
                first_name: p.string("first_name"),
                last_name: p.string("last_name"),
                source: p.string("source"),
                order_id: p.id("order_id"),
                date_created: p.date("date_created"),
                date_modified: p.date("date_modified"),
            };
            p.finish().map_err(invalid)?;
            Ok(Plan::single(built(v3::delete_subscribers(&f))?, fam))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(method: Method, query: &str, body: Option<&str>) -> Result<Plan, Problem> {
        plan(Input {
            route: Route::V3Subscribers,
            method,
            query,
            body,
            grant: &Grant::Signup,
        })
    }

    #[test]
    fn invalid_bodies_are_rejected_with_issues_and_no_values() {
        let p = run(Method::Post, "", Some(r#"{"email":"jane(at)example.com"}"#)).unwrap_err();
        assert_eq!(p.status, 422);
        assert_eq!(p.body["issues"][0]["code"], "invalid_email");
        assert!(!p.body.to_string().contains("jane(at)"));
    }

    #[test]
    fn valid_bodies_are_forwarded_without_read_only_fields() {
        let p = run(
            Method::Post,
            "",
            Some(r#"{"email":"jane@example.com","id":7}"#),
        )
        .unwrap();
        assert_eq!(
            p.requests()[0].body,
            Some(serde_json::json!({"email": "jane@example.com"}))
        );
        assert_eq!(p.warnings[0].code, "read_only");
    }

    #[test]
    fn delete_without_a_filter_is_refused_and_id_in_is_not_a_delete_filter() {
        assert_eq!(
            run(Method::Delete, "", None).unwrap_err().body["issues"][0]["code"],
            "empty_filter"
        );
        // BigCommerce ignores `id:in` on delete and would delete everything.
        assert_eq!(
            run(Method::Delete, "id:in=1", None).unwrap_err().body["issues"][0]["code"],
            "unknown_parameter"
        );
        assert_eq!(
            run(Method::Delete, "order_id=12", None).unwrap().requests()[0].query,
            "order_id=12"
        );
    }
}
