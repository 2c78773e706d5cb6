//! `POST /signup`: the storefront's anonymous account sign-up (the demo page at `/` uses it).
//! The edge's own route over BigCommerce's V3 `POST /customers` (`customers.v3.yml`,
//! SUMMARY §4.2, §4.5); V2 has no anonymous equivalent.
//!
//! - Body: **one** V3 customer object (not an array), validated by `core` with
//!   `v3.customers.create` as a one-element array. Issue paths are relative to that object
//!   (`addresses[0].city`, not `[0].addresses[0].city`) so a form can put them under its inputs;
//!   BigCommerce's own refusals (e.g. email in use) are answered the same way.
//! - Only fields a visitor may choose are accepted ([`VISITOR_FIELDS`]; in `authentication` only
//!   `new_password`). Anything else — customer group, store credit, channels, notes, tax exempt
//!   category, attributes, forced password reset, account notifications, ids — is 422
//!   `not_allowed`, never silently dropped, so a misuse is seen.
//! - Forwarded as a one-element array; the answer is `201 {data: {id, email, first_name,
//!   last_name}, meta: {}}`: the created customer's public fields only, never the rest of
//!   BigCommerce's record.
//! - Anonymous callers are rate limited per client IP like newsletter sign-ups
//!   ([`crate::signup_limit`], a separate budget); server callers may use it too (same body
//!   rules, no limit); logged-in shoppers already have an account (403).

use crate::plan::{built, invalid, parse_body, prepare, Family, Input, Plan, Shape};
use crate::problem::Problem;
use crate::upstream::Reply;
use bc_customers_core::issue::push_key;
use bc_customers_core::request::v3;
use bc_customers_core::{Issue, Operation};
use serde_json::{json, Map, Value};

/// Top-level customer fields a visitor may set when signing up.
pub const VISITOR_FIELDS: &[&str] = &[
    "email",
    "first_name",
    "last_name",
    "company",
    "phone",
    "addresses",
    "authentication",
    "accepts_product_review_abandoned_cart_emails",
    "form_fields",
];

/// `authentication` fields a visitor may set.
pub const VISITOR_AUTHENTICATION_FIELDS: &[&str] = &["new_password"];

/// Customer fields answered to the visitor.
pub const PUBLIC_FIELDS: &[&str] = &["id", "email", "first_name", "last_name"];

/// Plans `POST /signup`.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    let body = parse_body(input.body)?;
    let Value::Object(fields) = body else {
        return Err(invalid(vec![Issue::new(
            "",
            "invalid_type",
            "expected one customer as a JSON object",
        )]));
    };
    let issues = not_allowed(&fields);
    if !issues.is_empty() {
        return Err(invalid(issues));
    }
    let (body, warnings) = prepare(
        Operation::V3CustomersCreate,
        Value::Array(vec![Value::Object(fields)]),
    )
    .map_err(relative_problem)?;
    let items = match body {
        Value::Array(a) => a,
        other => vec![other],
    };
    let warnings = warnings.into_iter().map(relative_issue).collect();
    Ok(
        Plan::single(built(v3::create_customers(items))?, Family::Customers)
            .with_shape(Shape::PublicCustomer)
            .with_warnings(warnings),
    )
}

/// One `not_allowed` issue per field a visitor may not set.
pub fn not_allowed(fields: &Map<String, Value>) -> Vec<Issue> {
    let mut issues = Vec::new();
    let refuse = |issues: &mut Vec<Issue>, path: String| {
        issues.push(Issue::new(
            path,
            "not_allowed",
            "this field cannot be set when signing up",
        ))
    };
    for (key, value) in fields {
        let mut path = String::new();
        push_key(&mut path, key);
        if !VISITOR_FIELDS.contains(&key.as_str()) {
            refuse(&mut issues, path);
        } else if key == "authentication" {
            // Other types are reported by core.
            if let Value::Object(auth) = value {
                for k in auth.keys() {
                    if !VISITOR_AUTHENTICATION_FIELDS.contains(&k.as_str()) {
                        let mut p = path.clone();
                        push_key(&mut p, k);
                        refuse(&mut issues, p);
                    }
                }
            }
        }
    }
    issues
}

/// An issue path of the one-element array made relative to its only element.
fn relative_path(path: &str) -> String {
    match path.strip_prefix("[0]") {
        Some(rest) => rest.trim_start_matches('.').to_string(),
        None => path.to_string(),
    }
}

fn relative_issue(mut issue: Issue) -> Issue {
    issue.path = relative_path(&issue.path);
    issue
}

fn relative_problem(mut p: Problem) -> Problem {
    if let Some(issues) = p.body["issues"].as_array_mut() {
        for i in issues {
            if let Some(path) = i["path"].as_str() {
                i["path"] = Value::String(relative_path(path));
            }
        }
    }
    p
}

/// Shapes BigCommerce's answer to the create (already turned into the edge's reply): a success
/// becomes `201 {data: {public fields}, meta: {}}`; a refusal keeps its status with issue paths
/// relative to the one customer.
pub fn public_reply(reply: Reply) -> Reply {
    let parsed = reply
        .body
        .as_deref()
        .and_then(|b| serde_json::from_str::<Value>(b).ok());
    if !(200..300).contains(&reply.status) {
        let Some(mut body) = parsed else {
            return reply;
        };
        if let Some(issues) = body["issues"].as_array_mut() {
            for i in issues {
                if let Some(path) = i["path"].as_str() {
                    i["path"] = Value::String(relative_path(path));
                }
            }
        }
        return Reply {
            body: Some(body.to_string()),
            ..reply
        };
    }
    let created = parsed
        .as_ref()
        .and_then(|v| v["data"].as_array())
        .and_then(|a| a.first())
        .and_then(Value::as_object);
    let Some(created) = created else {
        return Reply::problem(&Problem::new(
            502,
            "upstream_invalid_response",
            "BigCommerce did not answer with the created customer",
            &[],
        ));
    };
    let public: Map<String, Value> = PUBLIC_FIELDS
        .iter()
        .filter_map(|&k| created.get(k).map(|v| (k.to_string(), v.clone())))
        .collect();
    Reply {
        status: 201,
        body: Some(json!({"data": public, "meta": {}}).to_string()),
        headers: Vec::new(),
        storable: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Grant;
    use crate::route::{Method, Route};

    fn run(body: &str) -> Result<Plan, Problem> {
        plan(Input {
            route: Route::Signup,
            method: Method::Post,
            query: "",
            body: Some(body),
            grant: &Grant::Signup,
        })
    }

    const JANE: &str = r#"{"email": "jane@example.com", "first_name": "Jane", "last_name": "Doe",
        "addresses": [{"first_name": "Jane", "last_name": "Doe", "address1": "1 Main St",
        "city": "Austin", "state_or_province": "Texas", "postal_code": "78701",
        "country_code": "US"}], "authentication": {"new_password": "c0rrect-Horse-battery"}}"#;

    #[test]
    fn one_customer_is_forwarded_as_a_one_element_array() {
        let p = run(JANE).unwrap();
        let r = p.requests()[0];
        assert_eq!(r.path, "/v3/customers");
        let body = r.body.as_ref().unwrap();
        assert_eq!(body.as_array().unwrap().len(), 1);
        assert_eq!(body[0]["email"], "jane@example.com");
        assert_eq!(p.shape, Shape::PublicCustomer);
        assert_eq!(p.family, Family::Customers);
    }

    #[test]
    fn issue_paths_are_relative_to_the_customer_and_hold_no_value() {
        let e = run(
            r#"{"email": "jane(at)example.com", "first_name": "Jane", "last_name": "Doe",
            "addresses": [{"first_name": "Jane", "last_name": "Doe", "address1": "1 Main St",
            "city": "", "country_code": "US", "state_or_province": "Texas"}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.status, 422);
        let paths: Vec<&str> = e.body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["path"].as_str().unwrap())
            .collect();
        assert!(paths.contains(&"email"), "{paths:?}");
        assert!(paths.contains(&"addresses[0].postal_code"), "{paths:?}");
        assert!(!e.body.to_string().contains("jane(at)"));
    }

    #[test]
    fn privileged_fields_are_not_allowed() {
        let e = run(r#"{"email": "a@example.com", "first_name": "A", "last_name": "B",
            "customer_group_id": 3, "store_credit_amounts": [{"amount": 100}], "channel_ids": [1],
            "origin_channel_id": 1, "notes": "vip", "tax_exempt_category": "A", "attributes": [],
            "trigger_account_created_notification": true, "id": 5,
            "authentication": {"force_password_reset": true, "new_password": "c0rrect-Horse-battery"}}"#)
        .unwrap_err();
        assert_eq!(e.status, 422);
        let mut found: Vec<(String, String)> = e.body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["path"].as_str().unwrap().to_string(),
                    i["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        found.sort();
        let mut want: Vec<(String, String)> = [
            "attributes",
            "authentication.force_password_reset",
            "channel_ids",
            "customer_group_id",
            "id",
            "notes",
            "origin_channel_id",
            "store_credit_amounts",
            "tax_exempt_category",
            "trigger_account_created_notification",
        ]
        .iter()
        .map(|p| (p.to_string(), "not_allowed".to_string()))
        .collect();
        want.sort();
        assert_eq!(found, want);
    }

    #[test]
    fn arrays_and_non_objects_are_refused() {
        for body in [r#"[{"email": "a@example.com"}]"#, "3", r#""x""#] {
            let e = run(body).unwrap_err();
            assert_eq!(
                (e.status, e.body["issues"][0]["code"].as_str()),
                (422, Some("invalid_type"))
            );
        }
        assert_eq!(
            run("{").unwrap_err().body["issues"][0]["code"],
            "invalid_json"
        );
    }

    #[test]
    fn the_answer_holds_only_public_fields() {
        let upstream = json!({"data": [{"id": 7, "email": "jane@example.com", "first_name": "Jane",
            "last_name": "Doe", "customer_group_id": 0, "notes": "", "registration_ip_address": "1.2.3.4",
            "addresses": [{"id": 1}], "store_credit_amounts": [{"amount": 0}]}], "meta": {}});
        let r = public_reply(Reply::json(200, &upstream));
        assert_eq!(r.status, 201);
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"data": {"id": 7, "email": "jane@example.com", "first_name": "Jane",
                "last_name": "Doe"}, "meta": {}})
        );
        let empty = public_reply(Reply::json(200, &json!({"data": []})));
        assert_eq!(empty.status, 502);
    }

    #[test]
    fn upstream_refusals_keep_their_status_with_relative_paths() {
        let p = Problem::new(
            422,
            "upstream_rejected",
            "BigCommerce refused the request",
            &[Issue::new("[0].email", "duplicate", "email in use")],
        );
        let r = public_reply(Reply::problem(&p));
        assert_eq!(r.status, 422);
        let body: Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["issues"][0]["path"], "email");
    }
}
