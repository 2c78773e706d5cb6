//! Retry decisions from status, headers and attempt number.

use bc_customers_core::rate_limit::*;
use bc_customers_core::request::{v3, Method};
use proptest::prelude::*;
use serde_json::json;

const NO_HEADERS: [(&str, &str); 0] = [];

fn p() -> RetryPolicy {
    RetryPolicy::default()
}

#[test]
fn parses_headers_case_insensitively() {
    let s = RateLimitState::from_headers(&[
        ("X-Rate-Limit-Requests-Left", " 0 "),
        ("x-rate-limit-time-reset-ms", "14250"),
        ("X-RATE-LIMIT-TIME-WINDOW-MS", "30000"),
        ("X-Rate-Limit-Requests-Quota", "150"),
        ("x-retry-after", "15"),
    ]);
    assert_eq!(
        s,
        RateLimitState {
            requests_left: Some(0),
            reset_ms: Some(14250),
            quota: Some(150),
            window_ms: Some(30000),
            retry_after_s: Some(15),
        }
    );
    assert!(s.is_exhausted());
    assert!(s.has_headers());
}

#[test]
fn garbage_headers_are_ignored() {
    let s = RateLimitState::from_headers(&[
        ("X-Rate-Limit-Requests-Left", "-1"),
        ("X-Rate-Limit-Time-Reset-Ms", "soon"),
        ("X-Retry-After", "99999999999999999999999"),
        ("X-Rate-Limit-Requests-Quota", ""),
    ]);
    assert_eq!(s, RateLimitState::default());
    assert!(!s.has_headers());
}

#[test]
fn fractional_seconds_round_up() {
    let s = RateLimitState::from_headers(&[("X-Retry-After", "1.2")]);
    assert_eq!(s.retry_after_s, Some(2));
}

#[test]
fn honours_the_longer_of_retry_after_and_reset() {
    let h = [
        ("X-Retry-After", "20"),
        ("X-Rate-Limit-Time-Reset-Ms", "15000"),
    ];
    assert_eq!(
        decide_retry(Method::Get, false, Outcome::Status(429), &h, 1, &p()),
        RetryDecision::RetryAfterMs(20_000)
    );
    let h = [
        ("X-Retry-After", "2"),
        ("X-Rate-Limit-Time-Reset-Ms", "15000"),
    ];
    assert_eq!(
        decide_retry(Method::Get, false, Outcome::Status(429), &h, 1, &p()),
        RetryDecision::RetryAfterMs(15_000)
    );
}

#[test]
fn repeated_429s_back_off_progressively() {
    let h = [("X-Rate-Limit-Time-Reset-Ms", "100")];
    let waits: Vec<_> = (1..5)
        .map(|a| decide_retry(Method::Get, false, Outcome::Status(429), &h, a, &p()))
        .collect();
    assert_eq!(
        waits,
        [1000, 2000, 4000, 8000].map(RetryDecision::RetryAfterMs)
    );
    assert_eq!(
        decide_retry(Method::Get, false, Outcome::Status(429), &h, 5, &p()),
        RetryDecision::GiveUp
    );
}

#[test]
fn a_429_without_headers_is_platform_overload_and_backs_off() {
    assert_eq!(
        decide_retry(
            Method::Get,
            false,
            Outcome::Status(429),
            &NO_HEADERS,
            2,
            &p()
        ),
        RetryDecision::RetryAfterMs(2000)
    );
}

#[test]
fn waits_longer_than_the_bound_give_up_instead_of_retrying_early() {
    let h = [("X-Retry-After", "3600")];
    assert_eq!(
        decide_retry(Method::Get, false, Outcome::Status(429), &h, 1, &p()),
        RetryDecision::GiveUp
    );
    // Backoff alone is capped, not refused.
    let policy = RetryPolicy {
        max_attempts: 50,
        ..p()
    };
    assert_eq!(
        decide_retry(
            Method::Get,
            false,
            Outcome::Status(503),
            &NO_HEADERS,
            40,
            &policy
        ),
        RetryDecision::RetryAfterMs(35_000)
    );
}

#[test]
fn a_post_that_creates_is_retried_only_after_a_429() {
    let h = [("X-Rate-Limit-Time-Reset-Ms", "5000")];
    assert_eq!(
        decide_retry(Method::Post, true, Outcome::Status(429), &h, 1, &p()),
        RetryDecision::RetryAfterMs(5000)
    );
    for outcome in [
        Outcome::Status(500),
        Outcome::Status(502),
        Outcome::Status(503),
        Outcome::Status(504),
        Outcome::Timeout,
        Outcome::NetworkError,
    ] {
        assert_eq!(
            decide_retry(Method::Post, true, outcome, &h, 1, &p()),
            RetryDecision::DoNotRetry,
            "{outcome:?}"
        );
        assert!(matches!(
            decide_retry(Method::Put, false, outcome, &h, 1, &p()),
            RetryDecision::RetryAfterMs(_)
        ));
    }
}

#[test]
fn a_500_with_an_exhausted_quota_is_treated_as_a_rate_limit() {
    let h = [
        ("X-Rate-Limit-Requests-Left", "0"),
        ("X-Rate-Limit-Time-Reset-Ms", "12000"),
    ];
    assert_eq!(
        decide_retry(Method::Delete, false, Outcome::Status(500), &h, 1, &p()),
        RetryDecision::RetryAfterMs(12_000)
    );
}

#[test]
fn final_statuses_are_not_retried() {
    for status in [200, 204, 207, 400, 401, 403, 404, 409, 413, 422, 501, 507] {
        assert_eq!(
            decide_retry(
                Method::Get,
                false,
                Outcome::Status(status),
                &NO_HEADERS,
                1,
                &p()
            ),
            RetryDecision::DoNotRetry,
            "{status}"
        );
    }
}

#[test]
fn descriptor_helper_uses_creates_records() {
    let create = v3::create_customers(vec![json!({})]).unwrap();
    assert_eq!(
        decide_retry_for(&create, Outcome::Timeout, &NO_HEADERS, 1, &p()),
        RetryDecision::DoNotRetry
    );
    let check = v3::validate_credentials(json!({}));
    assert_eq!(
        decide_retry_for(&check, Outcome::Timeout, &NO_HEADERS, 1, &p()),
        RetryDecision::RetryAfterMs(1000)
    );
}

proptest! {
    #[test]
    fn header_parsing_never_panics(headers in proptest::collection::vec((".{0,40}", ".{0,40}"), 0..8)) {
        let _ = RateLimitState::from_headers(&headers);
    }

    #[test]
    fn decisions_never_panic_and_respect_the_bound(
        status in 0u16..1000,
        left in ".{0,12}", reset in "[0-9]{0,25}", retry in "[0-9.]{0,25}",
        attempt in 0u32..100,
        post in any::<bool>(),
    ) {
        let h = [
            ("X-Rate-Limit-Requests-Left", left.as_str()),
            ("X-Rate-Limit-Time-Reset-Ms", reset.as_str()),
            ("X-Retry-After", retry.as_str()),
        ];
        let m = if post { Method::Post } else { Method::Get };
        if let RetryDecision::RetryAfterMs(ms) = decide_retry(m, post, Outcome::Status(status), &h, attempt, &p()) {
            prop_assert!(ms <= p().max_wait_ms);
        }
    }
}
