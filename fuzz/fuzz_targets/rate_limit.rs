//! Rate-limit headers of any content: parsing never panics and any wait decided stays within
//! the policy's bound, whatever the server claims.
#![no_main]
use bc_customers_core::rate_limit::{decide_retry, Outcome, RateLimitState, RetryDecision, RetryPolicy};
use bc_customers_core::request::Method;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let headers: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|line| line.split_once(':'))
        .collect();
    let state = RateLimitState::from_headers(&headers);
    let _ = (state.server_wait_ms(), state.is_exhausted());
    let policy = RetryPolicy::default();
    let outcome = match selector % 4 {
        0 => Outcome::Status(429),
        1 => Outcome::Status(500),
        2 => Outcome::Timeout,
        _ => Outcome::Status(200),
    };
    let method = if selector & 0x10 == 0 { Method::Get } else { Method::Post };
    let creates = selector & 0x20 != 0;
    let attempt = u32::from(selector >> 6);
    if let RetryDecision::RetryAfterMs(ms) = decide_retry(method, creates, outcome, &headers, attempt, &policy) {
        assert!(ms <= policy.max_wait_ms);
    }
});
