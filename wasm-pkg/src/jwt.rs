//! Customer Login URLs and Current Customer token checks for JavaScript servers (Node,
//! Workers). The client secret never belongs in a browser; `api.js` says so too.

use crate::to_json;
use bc_customers_core::jwt::{
    customer_login_token, customer_login_url, verify_current_customer, CustomerLoginClaims,
    JwtError, VerifyOptions,
};
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
struct Failure {
    error: ErrorBody,
}

#[derive(Serialize)]
struct ErrorBody {
    code: &'static str,
    message: String,
}

fn failure(code: &'static str, message: impl Into<String>) -> String {
    to_json(&Failure {
        error: ErrorBody {
            code,
            message: message.into(),
        },
    })
}

fn jwt_failure(e: JwtError) -> String {
    // Display is "code: message"; keep the message part.
    let text = e.to_string();
    let message = text
        .split_once(": ")
        .map(|(_, m)| m.to_string())
        .unwrap_or(text);
    failure(e.code(), message)
}

/// Option readers: `Err(name)` names the option that has the wrong type.
fn opt_str<'a>(
    m: &'a Map<String, Value>,
    key: &'static str,
) -> Result<Option<&'a str>, &'static str> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(key),
    }
}

fn req_str<'a>(m: &'a Map<String, Value>, key: &'static str) -> Result<&'a str, &'static str> {
    opt_str(m, key)?.ok_or(key)
}

fn opt_u64(m: &Map<String, Value>, key: &'static str) -> Result<Option<u64>, &'static str> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or(key),
    }
}

fn opt_i64(m: &Map<String, Value>, key: &'static str) -> Result<Option<i64>, &'static str> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or(key),
    }
}

fn options(text: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(failure("invalid_options", "expected an options object")),
    }
}

fn bad_option(name: &str) -> String {
    failure(
        "invalid_options",
        format!("option `{name}` is missing or has the wrong type"),
    )
}

#[derive(Serialize)]
struct LoginUrl {
    url: String,
    token: String,
}

/// Builds a Customer Login URL. `text`: JSON of `{clientId, clientSecret, storeHash,
/// customerId, storefrontUrl, now, jti, redirectTo?, channelId?, requestIp?,
/// enablePersistentCart?}` (`now` in Unix seconds; `api.js` fills `now` and `jti`). Returns JSON
/// text of `{url, token}` or `{error: {code, message}}`.
#[wasm_bindgen(js_name = loginUrlRaw)]
pub fn login_url_raw(text: &str) -> String {
    let m = match options(text) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let read = || -> Result<(CustomerLoginClaims, &str, &str), &'static str> {
        let customer_id = opt_u64(&m, "customerId")?.ok_or("customerId")?;
        let enable_persistent_cart = match m.get("enablePersistentCart") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err("enablePersistentCart"),
        };
        let claims = CustomerLoginClaims {
            client_id: req_str(&m, "clientId")?.to_string(),
            store_hash: req_str(&m, "storeHash")?.to_string(),
            customer_id,
            issued_at: opt_i64(&m, "now")?.ok_or("now")?,
            jti: req_str(&m, "jti")?.to_string(),
            redirect_to: opt_str(&m, "redirectTo")?.map(str::to_string),
            request_ip: opt_str(&m, "requestIp")?.map(str::to_string),
            channel_id: opt_u64(&m, "channelId")?,
            enable_persistent_cart,
        };
        Ok((
            claims,
            req_str(&m, "clientSecret")?,
            req_str(&m, "storefrontUrl")?,
        ))
    };
    let (claims, secret, storefront) = match read() {
        Ok(x) => x,
        Err(name) => return bad_option(name),
    };
    // Check the storefront first so that no token is made for a URL that will be refused.
    if let Err(e) = customer_login_url(storefront, "x") {
        return jwt_failure(e);
    }
    let token = match customer_login_token(&claims, secret) {
        Ok(t) => t,
        Err(e) => return jwt_failure(e),
    };
    match customer_login_url(storefront, &token) {
        Ok(url) => to_json(&LoginUrl { url, token }),
        Err(e) => jwt_failure(e),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Customer {
    id: u64,
    email: String,
    group_id: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Claims {
    issuer: String,
    subject: String,
    audience: String,
    issued_at: i64,
    expires_at: i64,
    version: Option<i64>,
    application_id: Option<String>,
    store_hash: String,
}

#[derive(Serialize)]
struct Verified {
    customer: Customer,
    claims: Claims,
}

/// Verifies a Current Customer JWT. `text`: JSON of `{clientSecret, clientId, now, storeHash?,
/// leeway?}` (seconds). Returns JSON text of `{customer: {id, email, groupId}, claims}` or
/// `{error: {code, message}}`.
#[wasm_bindgen(js_name = verifyRaw)]
pub fn verify_raw(token: &str, text: &str) -> String {
    let m = match options(text) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let read = || -> Result<VerifyOptions<'_>, &'static str> {
        Ok(VerifyOptions {
            client_secret: req_str(&m, "clientSecret")?,
            client_id: req_str(&m, "clientId")?,
            store_hash: opt_str(&m, "storeHash")?,
            now: opt_i64(&m, "now")?.ok_or("now")?,
            leeway_s: opt_u64(&m, "leeway")?.unwrap_or(0),
        })
    };
    let opts = match read() {
        Ok(o) => o,
        Err(name) => return bad_option(name),
    };
    match verify_current_customer(token, &opts) {
        Ok(c) => to_json(&Verified {
            customer: Customer {
                id: c.customer.id,
                email: c.customer.email,
                group_id: c.customer.group_id,
            },
            claims: Claims {
                issuer: c.issuer,
                subject: c.subject,
                audience: c.audience,
                issued_at: c.issued_at,
                expires_at: c.expires_at,
                version: c.version,
                application_id: c.application_id,
                store_hash: c.store_hash,
            },
        }),
        Err(e) => jwt_failure(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_customers_core::jwt::sign_claims;
    use serde_json::json;

    #[test]
    fn login_url_round_trip_shape() {
        let out: Value = serde_json::from_str(&login_url_raw(
            &json!({"clientId": "c", "clientSecret": "s", "storeHash": "abc", "customerId": 42,
                    "storefrontUrl": "https://shop.example.com", "now": 1_700_000_000, "jti": "j1",
                    "redirectTo": "/account.php"})
            .to_string(),
        ))
        .unwrap();
        assert!(out["url"]
            .as_str()
            .unwrap()
            .starts_with("https://shop.example.com/login/token/eyJ"));
    }

    #[test]
    fn login_url_errors_have_codes() {
        let base = json!({"clientId": "c", "clientSecret": "s", "storeHash": "abc", "customerId": 42,
                          "storefrontUrl": "http://evil.example", "now": 1, "jti": "j"});
        let out: Value = serde_json::from_str(&login_url_raw(&base.to_string())).unwrap();
        assert_eq!(out["error"]["code"], "invalid_storefront_url");
        let out: Value = serde_json::from_str(&login_url_raw(r#"{"clientId": 5}"#)).unwrap();
        assert_eq!(out["error"]["code"], "invalid_options");
        let out: Value = serde_json::from_str(&login_url_raw("[]")).unwrap();
        assert_eq!(out["error"]["code"], "invalid_options");
    }

    #[test]
    fn verify_accepts_a_good_token_and_names_failures() {
        let claims = json!({"iss": "bc/apps", "sub": "abc", "aud": "c", "iat": 100, "exp": 1000,
            "operation": "current_customer", "store_hash": "abc",
            "customer": {"id": 7, "email": "jane@example.com", "group_id": "3"}});
        let token = sign_claims(&claims, "s").unwrap();
        let opts = json!({"clientSecret": "s", "clientId": "c", "now": 200, "storeHash": "abc"});
        let out: Value = serde_json::from_str(&verify_raw(&token, &opts.to_string())).unwrap();
        assert_eq!(
            out["customer"],
            json!({"id": 7, "email": "jane@example.com", "groupId": 3})
        );
        assert_eq!(out["claims"]["expiresAt"], 1000);
        let late = json!({"clientSecret": "s", "clientId": "c", "now": 5000});
        let out: Value = serde_json::from_str(&verify_raw(&token, &late.to_string())).unwrap();
        assert_eq!(out["error"]["code"], "expired");
        let out: Value = serde_json::from_str(&verify_raw("garbage", &opts.to_string())).unwrap();
        assert_eq!(out["error"]["code"], "malformed");
    }
}
