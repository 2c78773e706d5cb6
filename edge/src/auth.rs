//! Who is calling and what they may do.
//!
//! Three kinds of caller ([`Caller`]):
//! - **server callers** send `Authorization: Bearer <key>`; the key is compared in constant time
//!   (SHA-256 of both sides, compared without early exit) against every key of the
//!   `EDGE_API_KEYS` secret. Full access to every BigCommerce route and `/login`.
//! - **logged-in shoppers** send `Authorization: Bearer <jwt>` with the Current Customer JWT their
//!   storefront gave them (`/customer/current.jwt?app_client_id=…`, SUMMARY §10), verified by
//!   `core::jwt::verify_current_customer` with the app's client secret, audience, store and
//!   clock. Only their own customer, addresses, attribute values and subscription.
//! - **anonymous visitors** (no `Authorization`): only `POST /v3/customers/subscribers`
//!   (newsletter sign-up) and `POST /signup` (account sign-up), rate limited per client IP
//!   elsewhere.
//!
//! [`authorize`] is the whole access table; per-resource modules then enforce the
//! [`Grant::Own`] constraints on queries and bodies (e.g. `customer_id` must be the shopper's).

use crate::config::Config;
use crate::problem::Problem;
use crate::route::{Method, Route};
use bc_customers_core::jwt::{verify_current_customer, VerifyOptions};
use bc_customers_core::Issue;
use sha2::{Digest, Sha256};

/// Allowed clock skew when checking shopper tokens.
pub const SHOPPER_TOKEN_LEEWAY_S: u64 = 60;

/// A logged-in shopper, from a verified Current Customer token.
#[derive(Clone, PartialEq, Eq)]
pub struct Shopper {
    /// `customer.id`
    pub customer_id: u64,
    /// `customer.email` (customer data: redacted from `Debug`)
    pub email: String,
}

impl std::fmt::Debug for Shopper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shopper")
            .field("customer_id", &self.customer_id)
            .field("email", &"<redacted>")
            .finish()
    }
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A server caller; `key_id` is a fingerprint of its key (never the key).
    Server {
        /// First 16 hex digits of the key's SHA-256.
        key_id: String,
    },
    /// A logged-in shopper.
    Shopper(Shopper),
    /// No credentials.
    Anonymous,
}

/// What an authorized caller may do on the route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Everything (server callers).
    Full,
    /// Only records of this shopper.
    Own(Shopper),
    /// An anonymous sign-up (newsletter or account), rate limited per IP.
    Signup,
}

/// Compares two secrets in constant time: both are hashed, then all 32 bytes are compared
/// without an early exit, so neither content nor length leaks through timing.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (ha, hb) = (Sha256::digest(a.as_bytes()), Sha256::digest(b.as_bytes()));
    ha.iter()
        .zip(hb.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

/// A non-secret fingerprint of a key, used to scope cache entries.
pub fn key_fingerprint(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Identifies the caller from the `Authorization` header. `now_s` is UNIX seconds.
///
/// Errors (401): `invalid_authorization` (not `Bearer …`), `invalid_api_key` (not a key and not
/// a JWT), `invalid_token` (a JWT that does not verify; the issue's code says why, e.g.
/// `expired`, `bad_signature`).
pub fn identify(
    authorization: Option<&str>,
    config: &Config,
    now_s: i64,
) -> Result<Caller, Problem> {
    let Some(header) = authorization.map(str::trim).filter(|h| !h.is_empty()) else {
        return Ok(Caller::Anonymous);
    };
    let token = match header.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => {
            return Err(Problem::unauthorized(
                "invalid_authorization",
                "use `Authorization: Bearer <api key or shopper token>`",
            ))
        }
    };
    // Check every key, so timing does not tell which position matched.
    let mut matched = false;
    for key in &config.api_keys {
        matched |= constant_time_eq(token, key);
    }
    if matched {
        return Ok(Caller::Server {
            key_id: key_fingerprint(token),
        });
    }
    if token.bytes().filter(|&b| b == b'.').count() == 2 {
        let opts = VerifyOptions {
            client_secret: &config.client_secret,
            client_id: &config.client_id,
            store_hash: Some(&config.store_hash),
            now: now_s,
            leeway_s: SHOPPER_TOKEN_LEEWAY_S,
        };
        return match verify_current_customer(token, &opts) {
            Ok(current) => Ok(Caller::Shopper(Shopper {
                customer_id: current.customer.id,
                email: current.customer.email,
            })),
            Err(e) => Err(Problem {
                status: 401,
                body: serde_json::json!({
                    "status": 401,
                    "code": "invalid_token",
                    "title": "the shopper token was not accepted",
                    "issues": [Issue::new("authorization", e.code(), e.to_string())],
                }),
                headers: vec![("WWW-Authenticate".into(), "Bearer".into())],
            }),
        };
    }
    Err(Problem::unauthorized(
        "invalid_api_key",
        "the bearer credential is not a valid key or shopper token",
    ))
}

/// The access table: may `caller` use `method` on `route`?
///
/// | route | server | shopper | anonymous |
/// |---|---|---|---|
/// | `/v3/customers` | all | GET (own record) | 401 |
/// | `/v3/customers/addresses` | all | GET, POST (own) | 401 |
/// | `/v3/customers/attribute-values` | all | GET, PUT (own) | 401 |
/// | `/v3/customers/subscribers` | all | GET, POST (own email) | POST |
/// | `/v3/customers/attributes`, `/form-field-values`, `/subscribers/{id}`, V2 | all | 403 | 401 |
/// | `/login` | POST | 403 | 401 |
/// | `/me`, `/me/addresses` | 403 | all | 401 |
/// | `/signup` | POST | 403 | POST |
pub fn authorize(route: Route, method: Method, caller: &Caller) -> Result<Grant, Problem> {
    match caller {
        Caller::Server { .. } => match route {
            Route::Me | Route::MeAddresses => Err(Problem::forbidden(
                "shopper_only",
                "`/me` routes are for logged-in shoppers; use the customer routes",
            )),
            _ => Ok(Grant::Full),
        },
        Caller::Shopper(shopper) => {
            let allowed = match route {
                Route::Me | Route::MeAddresses => true,
                Route::V3Customers => method == Method::Get,
                Route::V3Addresses => matches!(method, Method::Get | Method::Post),
                Route::V3AttributeValues => matches!(method, Method::Get | Method::Put),
                Route::V3Subscribers => matches!(method, Method::Get | Method::Post),
                _ => false,
            };
            if allowed {
                Ok(Grant::Own(shopper.clone()))
            } else {
                Err(Problem::forbidden(
                    "forbidden",
                    "shoppers may only read and change their own records",
                ))
            }
        }
        Caller::Anonymous => match (route, method) {
            (Route::V3Subscribers | Route::Signup, Method::Post) => Ok(Grant::Signup),
            _ => Err(Problem::unauthorized(
                "authentication_required",
                "send `Authorization: Bearer <api key or shopper token>`",
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::test_config;
    use bc_customers_core::jwt::sign_claims;
    use serde_json::json;

    pub(crate) fn shopper_token(customer_id: u64, now: i64) -> String {
        sign_claims(
            &json!({"customer": {"id": customer_id, "email": "jane@example.com", "group_id": "1"},
                "iss": "bc/apps", "sub": "abc", "iat": now, "exp": now + 900, "version": 1,
                "aud": "client-id", "application_id": "app", "store_hash": "abc",
                "operation": "current_customer"}),
            "client-secret-value",
        )
        .unwrap()
    }

    #[test]
    fn constant_time_compare_matches_only_equal_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
        assert!(!constant_time_eq("", "a"));
    }

    #[test]
    fn identifies_each_kind_of_caller() {
        let c = test_config();
        assert_eq!(identify(None, &c, 0).unwrap(), Caller::Anonymous);
        assert!(matches!(
            identify(Some("Bearer key-bbbbbbbbbbbbbbbb"), &c, 0).unwrap(),
            Caller::Server { .. }
        ));
        let t = shopper_token(42, 1_700_000_000);
        let Caller::Shopper(s) = identify(Some(&format!("Bearer {t}")), &c, 1_700_000_100).unwrap()
        else {
            panic!()
        };
        assert_eq!(s.customer_id, 42);
        assert!(!format!("{s:?}").contains("jane"));
    }

    #[test]
    fn rejects_bad_credentials_without_echoing_them() {
        let c = test_config();
        for (h, code) in [
            ("Basic abc", "invalid_authorization"),
            ("Bearer key-aaaaaaaaaaaaaaaX", "invalid_api_key"),
            ("Bearer a.b.c", "invalid_token"),
        ] {
            let p = identify(Some(h), &c, 0).unwrap_err();
            assert_eq!((p.status, p.code()), (401, code));
            assert!(!p.body.to_string().contains("aaaa"));
        }
        let t = shopper_token(42, 1_700_000_000);
        let p = identify(Some(&format!("Bearer {t}")), &c, 1_800_000_000).unwrap_err();
        assert_eq!(p.body["issues"][0]["code"], "expired");
    }

    #[test]
    fn access_table() {
        let server = Caller::Server { key_id: "k".into() };
        let shopper = Caller::Shopper(Shopper {
            customer_id: 1,
            email: "a@b.co".into(),
        });
        for route in Route::ALL {
            for &m in route.methods() {
                let s = authorize(route, m, &server);
                assert_eq!(
                    s.is_ok(),
                    !matches!(route, Route::Me | Route::MeAddresses),
                    "{route:?}"
                );
                let a = authorize(route, m, &Caller::Anonymous);
                assert_eq!(
                    a.is_ok(),
                    matches!(route, Route::V3Subscribers | Route::Signup) && m == Method::Post
                );
                if let Err(p) = a {
                    assert_eq!(p.status, 401);
                }
                if let Err(p) = authorize(route, m, &shopper) {
                    assert_eq!(p.status, 403);
                }
            }
        }
        assert!(authorize(Route::V3Customers, Method::Delete, &shopper).is_err());
        assert!(authorize(Route::V2Customer(1), Method::Get, &shopper).is_err());
        assert!(authorize(Route::Login, Method::Post, &shopper).is_err());
        assert!(authorize(Route::Me, Method::Put, &shopper).is_ok());
        assert_eq!(
            authorize(Route::Signup, Method::Post, &shopper)
                .unwrap_err()
                .status,
            403
        );
        assert_eq!(
            authorize(Route::Signup, Method::Post, &Caller::Anonymous),
            Ok(Grant::Signup)
        );
    }
}
