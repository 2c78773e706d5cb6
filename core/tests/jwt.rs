//! Customer Login and Current Customer JWTs, checked against vectors computed independently
//! with Python's `hmac`/`hashlib`/`base64`.

use bc_customers_core::jwt::{
    customer_login_token, customer_login_url, sign_claims, verify_current_customer,
    CustomerLoginClaims, JwtError, VerifyOptions,
};
use proptest::prelude::*;
use serde_json::json;

/// Python: HS256 over `{"alg":"HS256","typ":"JWT"}` and the compact Current Customer payload
/// (customer 4927, group "6", iat 1560892211, exp 1560893111, aud `test-client-id`,
/// store `abc123`), key `test-client-secret`.
const CURRENT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjdXN0b21lciI6eyJpZCI6NDkyNywiZW1haWwiOiJqb2huLmRvZUBnbWFpbC5jb20iLCJncm91cF9pZCI6IjYifSwiaXNzIjoiYmMvYXBwcyIsInN1YiI6ImFiYzEyMyIsImlhdCI6MTU2MDg5MjIxMSwiZXhwIjoxNTYwODkzMTExLCJ2ZXJzaW9uIjoxLCJhdWQiOiJ0ZXN0LWNsaWVudC1pZCIsImFwcGxpY2F0aW9uX2lkIjoidGVzdC1hcHAtaWQiLCJzdG9yZV9oYXNoIjoiYWJjMTIzIiwib3BlcmF0aW9uIjoiY3VycmVudF9jdXN0b21lciJ9.O0JdaIbzlLYM7auNpoh5krC4i0CEKqVBFo8V9mlO2NY";
/// Same payload, header `alg: HS384` (signed with SHA-256 anyway).
const HS384: &str = "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJjdXN0b21lciI6eyJpZCI6NDkyNywiZW1haWwiOiJqb2huLmRvZUBnbWFpbC5jb20iLCJncm91cF9pZCI6IjYifSwiaXNzIjoiYmMvYXBwcyIsInN1YiI6ImFiYzEyMyIsImlhdCI6MTU2MDg5MjIxMSwiZXhwIjoxNTYwODkzMTExLCJ2ZXJzaW9uIjoxLCJhdWQiOiJ0ZXN0LWNsaWVudC1pZCIsImFwcGxpY2F0aW9uX2lkIjoidGVzdC1hcHAtaWQiLCJzdG9yZV9oYXNoIjoiYWJjMTIzIiwib3BlcmF0aW9uIjoiY3VycmVudF9jdXN0b21lciJ9.edqS8AzTkhz_5lzwdKrNOUHHQXdQllmRD4l8MsRwiX4";
/// Same payload, `alg: none`, empty signature.
const NONE: &str = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJjdXN0b21lciI6eyJpZCI6NDkyNywiZW1haWwiOiJqb2huLmRvZUBnbWFpbC5jb20iLCJncm91cF9pZCI6IjYifSwiaXNzIjoiYmMvYXBwcyIsInN1YiI6ImFiYzEyMyIsImlhdCI6MTU2MDg5MjIxMSwiZXhwIjoxNTYwODkzMTExLCJ2ZXJzaW9uIjoxLCJhdWQiOiJ0ZXN0LWNsaWVudC1pZCIsImFwcGxpY2F0aW9uX2lkIjoidGVzdC1hcHAtaWQiLCJzdG9yZV9oYXNoIjoiYWJjMTIzIiwib3BlcmF0aW9uIjoiY3VycmVudF9jdXN0b21lciJ9.";
/// Python: the login payload `{iss, iat, jti, operation, store_hash, customer_id, redirect_to,
/// channel_id}` in that order, key `login-secret`.
const LOGIN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjbGllbnQtaWQiLCJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjVmMGM5YzFlLTlkNGItNGQ1ZS04ZjJhLTNjN2IxYTJkNGU2ZiIsIm9wZXJhdGlvbiI6ImN1c3RvbWVyX2xvZ2luIiwic3RvcmVfaGFzaCI6ImFiYzEyMyIsImN1c3RvbWVyX2lkIjo0MiwicmVkaXJlY3RfdG8iOiIvYWNjb3VudC5waHAiLCJjaGFubmVsX2lkIjoyfQ.FQCSc0X4iCylk13BeIf0ERacu7TpAFU_RCxW2G_8IW4";

const IAT: i64 = 1_560_892_211;
const EXP: i64 = 1_560_893_111;

fn opts(now: i64) -> VerifyOptions<'static> {
    VerifyOptions {
        client_secret: "test-client-secret",
        client_id: "test-client-id",
        store_hash: Some("abc123"),
        now,
        leeway_s: 30,
    }
}

fn login_claims() -> CustomerLoginClaims {
    CustomerLoginClaims {
        client_id: "client-id".into(),
        store_hash: "abc123".into(),
        customer_id: 42,
        issued_at: 1_700_000_000,
        jti: "5f0c9c1e-9d4b-4d5e-8f2a-3c7b1a2d4e6f".into(),
        redirect_to: Some("/account.php".into()),
        request_ip: None,
        channel_id: Some(2),
        enable_persistent_cart: None,
    }
}

fn current_claims() -> serde_json::Value {
    json!({
        "customer": {"id": 4927, "email": "john.doe@gmail.com", "group_id": "6"},
        "iss": "bc/apps", "sub": "abc123", "iat": IAT, "exp": EXP, "version": 1,
        "aud": "test-client-id", "application_id": "test-app-id", "store_hash": "abc123",
        "operation": "current_customer"
    })
}

fn code(token: &str, o: &VerifyOptions) -> &'static str {
    match verify_current_customer(token, o) {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn login_token_matches_python_vector() {
    assert_eq!(
        customer_login_token(&login_claims(), "login-secret").unwrap(),
        LOGIN
    );
}

#[test]
fn login_url_appends_token_to_trimmed_storefront() {
    assert_eq!(
        customer_login_url("https://store-abc123.mybigcommerce.com/", LOGIN).unwrap(),
        format!("https://store-abc123.mybigcommerce.com/login/token/{LOGIN}")
    );
    assert!(customer_login_url("http://localhost", "a.b.c").is_ok());
    assert!(customer_login_url("http://localhost:8080/", "a.b.c").is_ok());
}

#[test]
fn login_url_refuses_unsafe_storefronts() {
    for bad in [
        "http://shop.example.com",
        "http://localhost.evil.com",
        "ftp://shop.example.com",
        "//shop.example.com",
        "https://",
        "https://user@evil.com",
        "https://shop.example.com?x=1",
        "https://shop.example.com#x",
        "https://shop .example.com",
        "javascript:alert(1)",
        "",
    ] {
        assert_eq!(
            customer_login_url(bad, "a.b.c").unwrap_err(),
            JwtError::InvalidStorefrontUrl,
            "{bad}"
        );
    }
}

#[test]
fn login_redirect_must_be_a_local_path() {
    for bad in [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "account.php",
        "",
        "/a b",
        "/a\nb",
    ] {
        let claims = CustomerLoginClaims {
            redirect_to: Some(bad.into()),
            ..login_claims()
        };
        assert_eq!(
            customer_login_token(&claims, "s").unwrap_err().code(),
            "invalid_redirect",
            "{bad:?}"
        );
    }
    for good in [
        "/",
        "/account.php",
        "/login.php?action=logout",
        "/cart.php#top",
    ] {
        let claims = CustomerLoginClaims {
            redirect_to: Some(good.into()),
            ..login_claims()
        };
        assert!(customer_login_token(&claims, "s").is_ok(), "{good}");
    }
}

#[test]
fn login_refuses_empty_secret_and_claims() {
    assert_eq!(
        customer_login_token(&login_claims(), "")
            .unwrap_err()
            .code(),
        "invalid_key"
    );
    let c = CustomerLoginClaims {
        jti: " ".into(),
        ..login_claims()
    };
    assert_eq!(
        customer_login_token(&c, "s").unwrap_err().code(),
        "invalid_claims"
    );
}

#[test]
fn login_claims_debug_hides_request_ip() {
    let c = CustomerLoginClaims {
        request_ip: Some("203.0.113.9".into()),
        ..login_claims()
    };
    assert!(!format!("{c:?}").contains("203.0.113.9"));
}

#[test]
fn current_customer_vector_verifies() {
    let who = verify_current_customer(CURRENT, &opts(IAT + 60)).unwrap();
    assert_eq!(who.customer.id, 4927);
    assert_eq!(who.customer.email, "john.doe@gmail.com");
    assert_eq!(who.customer.group_id, Some(6));
    assert_eq!(who.store_hash, "abc123");
    assert_eq!(who.audience, "test-client-id");
    assert_eq!((who.issued_at, who.expires_at), (IAT, EXP));
    assert_eq!(who.version, Some(1));
    assert!(!format!("{who:?}").contains("john.doe"));
}

#[test]
fn rejects_other_algorithms() {
    assert_eq!(code(HS384, &opts(IAT)), "unsupported_alg");
    assert_eq!(code(NONE, &opts(IAT)), "unsupported_alg");
}

#[test]
fn rejects_wrong_secret_and_tampering() {
    let o = VerifyOptions {
        client_secret: "other",
        ..opts(IAT)
    };
    assert_eq!(code(CURRENT, &o), "bad_signature");
    // Change one signature character.
    let mut t = CURRENT.to_string();
    let last = t.pop().unwrap();
    t.push(if last == 'Y' { 'Z' } else { 'Y' });
    assert!(matches!(
        code(&t, &opts(IAT)),
        "bad_signature" | "malformed"
    ));
    // Swap the payload for another one, keeping the signature.
    let forged_payload = sign_claims(
        &json!({"customer": {"id": 1}, "iss": "bc/apps", "sub": "abc123", "iat": IAT, "exp": EXP,
                 "aud": "test-client-id", "operation": "current_customer"}),
        "x",
    )
    .unwrap();
    let parts: Vec<&str> = CURRENT.split('.').collect();
    let fparts: Vec<&str> = forged_payload.split('.').collect();
    let forged = format!("{}.{}.{}", parts[0], fparts[1], parts[2]);
    assert_eq!(code(&forged, &opts(IAT)), "bad_signature");
}

#[test]
fn expiry_and_issue_time_respect_bounded_leeway() {
    assert_eq!(code(CURRENT, &opts(EXP + 30)), "ok");
    assert_eq!(code(CURRENT, &opts(EXP + 31)), "expired");
    assert_eq!(code(CURRENT, &opts(IAT - 30)), "ok");
    assert_eq!(code(CURRENT, &opts(IAT - 31)), "not_yet_valid");
    // A huge leeway is capped at 300 s.
    let o = VerifyOptions {
        leeway_s: u64::MAX,
        ..opts(EXP + 301)
    };
    assert_eq!(code(CURRENT, &o), "expired");
    let o = VerifyOptions {
        leeway_s: u64::MAX,
        ..opts(EXP + 300)
    };
    assert_eq!(code(CURRENT, &o), "ok");
}

#[test]
fn audience_and_store_must_match() {
    let o = VerifyOptions {
        client_id: "someone-else",
        ..opts(IAT)
    };
    assert_eq!(code(CURRENT, &o), "wrong_audience");
    let o = VerifyOptions {
        store_hash: Some("xyz999"),
        ..opts(IAT)
    };
    assert_eq!(code(CURRENT, &o), "wrong_store");
    let o = VerifyOptions {
        store_hash: None,
        ..opts(IAT)
    };
    assert_eq!(code(CURRENT, &o), "ok");
}

fn with(mutate: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut c = current_claims();
    mutate(&mut c);
    sign_claims(&c, "test-client-secret").unwrap()
}

#[test]
fn claims_are_checked() {
    let o = opts(IAT);
    assert_eq!(
        code(&with(|c| c["iss"] = json!("evil")), &o),
        "wrong_issuer"
    );
    assert_eq!(
        code(&with(|c| c["operation"] = json!("customer_login")), &o),
        "wrong_operation"
    );
    assert_eq!(
        code(&with(|c| c["sub"] = json!("other")), &o),
        "wrong_store"
    );
    assert_eq!(
        code(&with(|c| c["store_hash"] = json!("other")), &o),
        "wrong_store"
    );
    assert_eq!(
        code(&with(|c| c["aud"] = json!(["x", "test-client-id"])), &o),
        "ok"
    );
    assert_eq!(code(&with(|c| c["aud"] = json!(5)), &o), "malformed");
    assert_eq!(
        code(
            &with(|c| {
                c.as_object_mut().unwrap().remove("exp");
            }),
            &o
        ),
        "missing_claim"
    );
    assert_eq!(
        code(
            &with(|c| {
                c.as_object_mut().unwrap().remove("customer");
            }),
            &o
        ),
        "missing_claim"
    );
    assert_eq!(code(&with(|c| c["exp"] = json!("soon")), &o), "malformed");
    assert_eq!(
        code(&with(|c| c["nbf"] = json!(IAT + 100)), &o),
        "not_yet_valid"
    );
    assert_eq!(
        code(&with(|c| c["customer"]["id"] = json!("x")), &o),
        "malformed"
    );
}

#[test]
fn group_id_accepts_string_number_or_nothing() {
    let o = opts(IAT);
    let g = |t: &str| verify_current_customer(t, &o).unwrap().customer.group_id;
    assert_eq!(g(&with(|c| c["customer"]["group_id"] = json!(6))), Some(6));
    assert_eq!(
        g(&with(|c| c["customer"]["group_id"] = json!("12"))),
        Some(12)
    );
    assert_eq!(g(&with(|c| c["customer"]["group_id"] = json!(null))), None);
    assert_eq!(g(&with(|c| c["customer"]["group_id"] = json!(""))), None);
    assert_eq!(
        code(&with(|c| c["customer"]["group_id"] = json!("6a")), &o),
        "malformed"
    );
}

#[test]
fn malformed_shapes() {
    let o = opts(IAT);
    for t in [
        "",
        "a",
        "a.b",
        "a.b.c.d",
        "!!!.e30.e30",
        "e30.e30.e30", // `{}` header: no alg
        &format!("{CURRENT}.x"),
        &"a".repeat(10_000),
    ] {
        assert!(
            matches!(code(t, &o), "malformed" | "unsupported_alg"),
            "{t:.20}"
        );
    }
    // Padding is not base64url-no-pad.
    let padded = CURRENT.replacen('.', "=.", 1);
    assert_eq!(code(&padded, &o), "malformed");
}

#[test]
fn empty_secret_is_refused() {
    let o = VerifyOptions {
        client_secret: "",
        ..opts(IAT)
    };
    assert_eq!(code(CURRENT, &o), "invalid_key");
}

#[test]
fn error_messages_contain_no_token_content() {
    let e = verify_current_customer(
        &with(|c| c["iss"] = json!("john.doe@gmail.com")),
        &opts(IAT),
    )
    .unwrap_err();
    assert!(!e.to_string().contains("john"));
}

proptest! {
    #[test]
    fn verifier_never_panics(s in ".{0,400}") {
        let _ = verify_current_customer(&s, &opts(IAT));
    }

    #[test]
    fn verifier_never_panics_on_jwt_like_input(a in "[A-Za-z0-9_-]{0,60}", b in "[A-Za-z0-9_-]{0,120}", c in "[A-Za-z0-9_-]{0,50}") {
        let _ = verify_current_customer(&format!("{a}.{b}.{c}"), &opts(IAT));
    }

    #[test]
    fn round_trip(id in 1u64..u32::MAX as u64, group in proptest::option::of(0u64..1000), now in 0i64..2_000_000_000) {
        let claims = json!({
            "customer": {"id": id, "email": "x@example.com", "group_id": group.map(|g| g.to_string())},
            "iss": "bc/apps", "sub": "s1", "iat": now, "exp": now + 900,
            "aud": "cid", "store_hash": "s1", "operation": "current_customer"
        });
        let token = sign_claims(&claims, "k").unwrap();
        let o = VerifyOptions { client_secret: "k", client_id: "cid", store_hash: Some("s1"), now: now + 10, leeway_s: 0 };
        let who = verify_current_customer(&token, &o).unwrap();
        prop_assert_eq!(who.customer.id, id);
        prop_assert_eq!(who.customer.group_id, group);
    }

    #[test]
    fn login_url_never_panics(s in ".{0,80}") {
        let _ = customer_login_url(&s, "a.b.c");
    }
}
