//! Rate limits and retries, as pure functions of a response's status and headers.
//!
//! BigCommerce's quota is per store and shared by every app of that store, in windows of 30 s
//! (SUMMARY §2). Every response carries `X-Rate-Limit-Requests-Left`,
//! `X-Rate-Limit-Time-Reset-Ms` (ms until the window refreshes), `X-Rate-Limit-Time-Window-Ms`
//! and `X-Rate-Limit-Requests-Quota`; a 429 also carries `X-Retry-After` in **seconds**. What we
//! do about it:
//!
//! - 429 with headers: wait the longer of `X-Retry-After` and the reset time (the migration
//!   guide's rule), and never less than the progressive backoff for this attempt, because once
//!   limited BigCommerce keeps answering 429 until the window ends and treats clients that ignore
//!   that as abusive. If the server asks for more than [`RetryPolicy::max_wait_ms`], give up
//!   rather than retry early.
//! - 429 without any rate-limit header: platform-level overload; progressive backoff.
//! - 500/502/503/504 and timeouts: retried with backoff (a 500 can be a rate limit in disguise),
//!   but only when the request is safe to repeat ([`is_safe_to_retry`]).
//! - Anything else (2xx, other 4xx, 501, 507): final, do not retry.
//!
//! No clock and no randomness: the attempt number is passed in and the waits are deterministic;
//! add jitter in the executor if several workers share a store.

use crate::request::{Method, RequestDescriptor};

/// What the response headers say about the store's quota. Unknown or unparsable headers are
/// `None`; header names are matched case-insensitively.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimitState {
    /// `X-Rate-Limit-Requests-Left`: requests left in this window.
    pub requests_left: Option<u64>,
    /// `X-Rate-Limit-Time-Reset-Ms`: ms until the window refreshes.
    pub reset_ms: Option<u64>,
    /// `X-Rate-Limit-Requests-Quota`: requests allowed per window.
    pub quota: Option<u64>,
    /// `X-Rate-Limit-Time-Window-Ms`: window length in ms.
    pub window_ms: Option<u64>,
    /// `X-Retry-After`: seconds to wait (on a 429).
    pub retry_after_s: Option<u64>,
}

impl RateLimitState {
    /// Reads the rate-limit headers from `(name, value)` pairs.
    ///
    /// ```
    /// use bc_customers_core::rate_limit::RateLimitState;
    /// let s = RateLimitState::from_headers(&[
    ///     ("x-rate-limit-requests-left", "35"),
    ///     ("X-Rate-Limit-Time-Reset-Ms", "15000"),
    ///     ("X-RATE-LIMIT-REQUESTS-QUOTA", "150"),
    ///     ("Content-Type", "application/json"),
    /// ]);
    /// assert_eq!(s.requests_left, Some(35));
    /// assert_eq!(s.reset_ms, Some(15000));
    /// assert_eq!(s.quota, Some(150));
    /// assert_eq!(s.window_ms, None);
    /// ```
    pub fn from_headers<N: AsRef<str>, V: AsRef<str>>(headers: &[(N, V)]) -> RateLimitState {
        let mut s = RateLimitState::default();
        for (name, value) in headers {
            let name = name.as_ref().trim();
            let slot = if name.eq_ignore_ascii_case("x-rate-limit-requests-left") {
                &mut s.requests_left
            } else if name.eq_ignore_ascii_case("x-rate-limit-time-reset-ms") {
                &mut s.reset_ms
            } else if name.eq_ignore_ascii_case("x-rate-limit-requests-quota") {
                &mut s.quota
            } else if name.eq_ignore_ascii_case("x-rate-limit-time-window-ms") {
                &mut s.window_ms
            } else if name.eq_ignore_ascii_case("x-retry-after") {
                &mut s.retry_after_s
            } else {
                continue;
            };
            if let Some(n) = parse_count(value.as_ref()) {
                *slot = Some(n);
            }
        }
        s
    }

    /// True when at least one BigCommerce rate-limit header was present (a 429 without any means
    /// platform overload rather than the store's quota).
    pub fn has_headers(&self) -> bool {
        self.requests_left.is_some()
            || self.reset_ms.is_some()
            || self.quota.is_some()
            || self.window_ms.is_some()
            || self.retry_after_s.is_some()
    }

    /// The wait the server asks for: the longer of `X-Retry-After` (seconds) and
    /// `X-Rate-Limit-Time-Reset-Ms`, if either is present.
    ///
    /// ```
    /// use bc_customers_core::rate_limit::RateLimitState;
    /// let s = RateLimitState { retry_after_s: Some(2), reset_ms: Some(15000), ..Default::default() };
    /// assert_eq!(s.server_wait_ms(), Some(15000));
    /// ```
    pub fn server_wait_ms(&self) -> Option<u64> {
        let retry = self.retry_after_s.map(|s| s.saturating_mul(1000));
        match (retry, self.reset_ms) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when the window's quota is used up (`requests_left == 0`): the next request would
    /// get a 429, so wait [`RateLimitState::reset_ms`] first.
    pub fn is_exhausted(&self) -> bool {
        self.requests_left == Some(0)
    }
}

/// A non-negative whole number; tolerates surrounding spaces and a fractional part (`"1.5"`
/// rounds up, since waiting less than asked is what gets a client flagged).
fn parse_count(v: &str) -> Option<u64> {
    let v = v.trim();
    if v.is_empty() || v.len() > 20 {
        return None;
    }
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = int.parse().ok()?;
    if frac.bytes().any(|b| b != b'0') {
        n.checked_add(1)
    } else {
        Some(n)
    }
}

/// What happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// BigCommerce answered with this HTTP status.
    Status(u16),
    /// No answer in time: BigCommerce may or may not have processed the request.
    Timeout,
    /// The connection failed or broke; the request may or may not have been processed.
    NetworkError,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send the same request again after this many milliseconds.
    RetryAfterMs(u64),
    /// The outcome is final (success, a client error, or a failure that is unsafe to repeat).
    DoNotRetry,
    /// Retrying could help but the attempts or the allowed wait are used up.
    GiveUp,
}

/// Bounds on retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included; after that many failures, give up.
    pub max_attempts: u32,
    /// The longest single wait we accept. If the server asks for more, give up; backoff is
    /// capped at it.
    pub max_wait_ms: u64,
    /// The first backoff step; doubled for each further attempt.
    pub base_backoff_ms: u64,
}

impl Default for RetryPolicy {
    /// 5 attempts, waits up to 35 s (one 30 s window plus slack), backoff from 1 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_wait_ms: 35_000,
            base_backoff_ms: 1_000,
        }
    }
}

impl RetryPolicy {
    /// The backoff after the `attempt`-th failed attempt (1-based): base × 2^(attempt−1),
    /// capped at `max_wait_ms`.
    ///
    /// ```
    /// use bc_customers_core::rate_limit::RetryPolicy;
    /// let p = RetryPolicy::default();
    /// assert_eq!([1, 2, 3, 4, 9].map(|a| p.backoff_ms(a)), [1000, 2000, 4000, 8000, 35000]);
    /// ```
    pub fn backoff_ms(&self, attempt: u32) -> u64 {
        let shift = attempt.saturating_sub(1).min(32);
        self.base_backoff_ms
            .saturating_mul(1u64 << shift)
            .min(self.max_wait_ms)
    }
}

/// Whether repeating a request after `outcome` cannot do harm. GET, PUT and DELETE are
/// idempotent: yes. A POST that creates records: only after a 429 (BigCommerce did not process
/// it), never after an ambiguous failure (timeout, network error, 5xx), which may have created
/// the records already. A POST that creates nothing (`creates_records == false`): yes.
///
/// ```
/// use bc_customers_core::rate_limit::{is_safe_to_retry, Outcome};
/// use bc_customers_core::request::Method;
/// assert!(is_safe_to_retry(Method::Put, true, Outcome::Timeout));
/// assert!(is_safe_to_retry(Method::Post, true, Outcome::Status(429)));
/// assert!(!is_safe_to_retry(Method::Post, true, Outcome::Status(500)));
/// assert!(!is_safe_to_retry(Method::Post, true, Outcome::Timeout));
/// ```
pub fn is_safe_to_retry(method: Method, creates_records: bool, outcome: Outcome) -> bool {
    match method {
        Method::Get | Method::Put | Method::Delete => true,
        Method::Post => !creates_records || outcome == Outcome::Status(429),
    }
}

/// Decides whether and when to retry `method` after `outcome`, given the response headers
/// (empty for a timeout) and the number of attempts made so far (1 after the first).
///
/// ```
/// use bc_customers_core::rate_limit::{decide_retry, Outcome, RetryDecision, RetryPolicy};
/// use bc_customers_core::request::Method;
/// let p = RetryPolicy::default();
/// let h = [("X-Retry-After", "2"), ("X-Rate-Limit-Time-Reset-Ms", "15000")];
/// assert_eq!(decide_retry(Method::Get, false, Outcome::Status(429), &h, 1, &p), RetryDecision::RetryAfterMs(15000));
/// assert_eq!(decide_retry(Method::Post, true, Outcome::Status(503), &h, 1, &p), RetryDecision::DoNotRetry);
/// assert_eq!(decide_retry(Method::Get, false, Outcome::Status(200), &h, 1, &p), RetryDecision::DoNotRetry);
/// let none: [(&str, &str); 0] = [];
/// assert_eq!(decide_retry(Method::Get, false, Outcome::Status(429), &none, 5, &p), RetryDecision::GiveUp);
/// ```
pub fn decide_retry<N: AsRef<str>, V: AsRef<str>>(
    method: Method,
    creates_records: bool,
    outcome: Outcome,
    headers: &[(N, V)],
    attempt: u32,
    policy: &RetryPolicy,
) -> RetryDecision {
    let retryable = match outcome {
        Outcome::Status(429) | Outcome::Timeout | Outcome::NetworkError => true,
        Outcome::Status(500 | 502 | 503 | 504) => true,
        Outcome::Status(_) => false,
    };
    if !retryable || !is_safe_to_retry(method, creates_records, outcome) {
        return RetryDecision::DoNotRetry;
    }
    if attempt >= policy.max_attempts {
        return RetryDecision::GiveUp;
    }
    let backoff = policy.backoff_ms(attempt);
    let state = RateLimitState::from_headers(headers);
    let server = match outcome {
        Outcome::Status(429) => state.server_wait_ms(),
        // A 500 that comes with an exhausted quota is a rate limit in disguise.
        Outcome::Status(500) if state.is_exhausted() => state.server_wait_ms(),
        _ => None,
    };
    match server {
        Some(wait) if wait > policy.max_wait_ms => RetryDecision::GiveUp,
        Some(wait) => RetryDecision::RetryAfterMs(wait.max(backoff)),
        None => RetryDecision::RetryAfterMs(backoff),
    }
}

/// [`decide_retry`] for a [`RequestDescriptor`], using its method and
/// [`RequestDescriptor::creates_records`].
pub fn decide_retry_for<N: AsRef<str>, V: AsRef<str>>(
    request: &RequestDescriptor,
    outcome: Outcome,
    headers: &[(N, V)],
    attempt: u32,
    policy: &RetryPolicy,
) -> RetryDecision {
    decide_retry(
        request.method,
        request.creates_records(),
        outcome,
        headers,
        attempt,
        policy,
    )
}
