//! `POST /login` (server callers): a Customer Login (SSO) URL for a customer, built by
//! `core::jwt` (SUMMARY §9). The token is signed with the app's client secret, is single use
//! and is accepted by the storefront for about 30 s, so callers must redirect the shopper's
//! browser to it at once; it is never cached.
//!
//! Body: `{customer_id (required), redirect_to?, channel_id?, request_ip?}`; `redirect_to` must be
//! a path on the storefront (open-redirect guard in `core`). Answer:
//! `{data: {url}, meta: {}}`. Needs `BC_STOREFRONT_URL`.

use crate::config::Config;
use crate::plan::{invalid, parse_body};
use crate::problem::Problem;
use bc_customers_core::jwt::{customer_login_token, customer_login_url, CustomerLoginClaims};
use bc_customers_core::Issue;
use serde_json::{json, Value};

/// Builds the login URL. `now_s` is UNIX seconds and `jti` a fresh unique id (the glue passes
/// `crypto.randomUUID()`).
pub fn login(body: Option<&str>, config: &Config, now_s: i64, jti: &str) -> Result<Value, Problem> {
    let Some(storefront) = config.storefront_url.as_deref() else {
        return Err(Problem::new(
            500,
            "edge_misconfigured",
            "the edge is missing required settings",
            &[Issue::new(
                "BC_STOREFRONT_URL",
                "missing_setting",
                "set `BC_STOREFRONT_URL` to use `/login`",
            )],
        ));
    };
    let body = parse_body(body)?;
    let mut issues = Vec::new();
    let Value::Object(obj) = &body else {
        return Err(invalid(vec![Issue::new(
            "",
            "invalid_type",
            "expected a JSON object",
        )]));
    };
    for key in obj.keys() {
        if !matches!(
            key.as_str(),
            "customer_id" | "redirect_to" | "channel_id" | "request_ip"
        ) {
            let mut p = String::new();
            bc_customers_core::issue::push_key(&mut p, key);
            issues.push(Issue::new(p, "unknown_field", "not a Customer Login field"));
        }
    }
    let customer_id = obj
        .get("customer_id")
        .and_then(Value::as_u64)
        .filter(|&n| n > 0);
    if customer_id.is_none() {
        issues.push(Issue::new(
            "customer_id",
            "required",
            "a positive integer customer id is required",
        ));
    }
    let text = |k: &str, issues: &mut Vec<Issue>| match obj.get(k) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() && s.len() <= 2048 => Some(s.clone()),
        Some(_) => {
            issues.push(Issue::new(k, "invalid_type", "expected a non-empty string"));
            None
        }
    };
    let redirect_to = text("redirect_to", &mut issues);
    let request_ip = text("request_ip", &mut issues);
    let channel_id = match obj.get("channel_id") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64().filter(|&n| n > 0) {
            Some(n) => Some(n),
            None => {
                issues.push(Issue::new(
                    "channel_id",
                    "invalid_type",
                    "expected a positive integer",
                ));
                None
            }
        },
    };
    if !issues.is_empty() {
        return Err(invalid(issues));
    }
    let claims = CustomerLoginClaims {
        client_id: config.client_id.clone(),
        issued_at: now_s,
        jti: jti.to_string(),
        store_hash: config.store_hash.clone(),
        customer_id: customer_id.unwrap_or_default(),
        redirect_to,
        request_ip,
        channel_id,
        enable_persistent_cart: None,
    };
    let token = customer_login_token(&claims, &config.client_secret).map_err(|e| {
        invalid(vec![Issue::new(
            if e.code() == "invalid_redirect" {
                "redirect_to"
            } else {
                ""
            },
            e.code(),
            e.to_string(),
        )])
    })?;
    let url = customer_login_url(storefront, &token).map_err(|e| {
        Problem::new(
            500,
            "edge_misconfigured",
            "the edge is missing required settings",
            &[Issue::new(
                "BC_STOREFRONT_URL",
                e.code(),
                "`BC_STOREFRONT_URL` must be an https origin",
            )],
        )
    })?;
    Ok(json!({"data": {"url": url}, "meta": {}}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::test_config;

    #[test]
    fn builds_a_login_url_and_refuses_open_redirects() {
        let mut c = test_config();
        c.storefront_url = Some("https://shop.example.com".into());
        let v = login(
            Some(r#"{"customer_id": 4, "redirect_to": "/cart.php"}"#),
            &c,
            1_700_000_000,
            "j-1",
        )
        .unwrap();
        let url = v["data"]["url"].as_str().unwrap();
        assert!(url.starts_with("https://shop.example.com/login/token/eyJ"));
        assert!(!url.contains("client-secret-value"));
        let e = login(
            Some(r#"{"customer_id": 4, "redirect_to": "//evil.example"}"#),
            &c,
            0,
            "j",
        )
        .unwrap_err();
        assert_eq!(e.body["issues"][0]["code"], "invalid_redirect");
        assert_eq!(login(Some(r#"{}"#), &c, 0, "j").unwrap_err().status, 422);
    }

    #[test]
    fn needs_a_storefront_url() {
        let e = login(Some(r#"{"customer_id": 4}"#), &test_config(), 0, "j").unwrap_err();
        assert_eq!(e.body["issues"][0]["path"], "BC_STOREFRONT_URL");
    }
}
