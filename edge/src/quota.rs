//! The store's API quota as one client across every location, as pure decisions: the token
//! bucket, the bounded priority queue and its admission, and the settings. The glue
//! (`quota_do.rs`, `coalesce_do.rs`, `worker_glue.rs`) does the waiting and the IO.
//!
//! BigCommerce meters each store, not each app, in fixed windows (150 requests per 30 s on
//! Standard and Plus, 450 on Pro, more on Enterprise:
//! <https://docs.bigcommerce.com/developer/docs/overview/api-fundamentals/rate-limits>), and every
//! answer says the quota (`X-Rate-Limit-Requests-Quota`), how many requests are left
//! (`X-Rate-Limit-Requests-Left`) and when the window ends (`X-Rate-Limit-Time-Reset-Ms`). One
//! [`Meter`] per store lives in the `Quota` Durable Object:
//!
//! - **Bucket.** `capacity = quota × (1 − reserved share)` tokens per window; the rest of the
//!   quota is left to the store's other apps. A token is one upstream call.
//! - **Resync.** After every call the edge reports the answer's headers ([`Meter::report`]):
//!   the bucket never holds more than `left − reserve`, and the window end follows the store's.
//!   A report from a later store window than ours starts that window at once. A 429 empties the
//!   bucket until the store says the window ends.
//! - **Learning the quota.** The bucket starts from `EDGE_QUOTA_PER_WINDOW` and takes the store's
//!   quota from the first answer. The calls already granted in the window count against the new
//!   capacity: a larger quota adds its extra tokens to the current window, a smaller one leaves
//!   only what it still allows.
//! - **Queue.** A call without a token waits, at most `max_wait_ms`, in a queue of at most
//!   `queue_max`; when the queue is full, or the wait runs out, the caller gets 429 with
//!   `Retry-After` (the time to the next window) instead of BigCommerce answering 429.
//! - **Priority.** Shoppers (`/me`, sign-ups) are served before back-office callers, and
//!   back-office calls never take the last `shopper headroom` tokens of a window, so a shopper who
//!   arrives while a batch is running is served at once rather than at the next window.
//!
//! Invariants (property-tested below over any sequence of acquires, reports, 429s, other apps'
//! calls and window ends, with the store's quota from a tenth to 10,000 times the configured one):
//!
//! 1. The headroom is smaller than the capacity, and the bucket never holds more than the
//!    capacity minus the calls granted in the window.
//! 2. A server caller with nobody ahead of it gets a token if and only if the bucket holds more
//!    than the headroom.
//! 3. Learning a larger quota never leaves any caller fewer tokens than before (unless the store
//!    says it has fewer left).
//! 4. Learning a smaller quota takes effect at once: the bucket never holds more than the new
//!    capacity minus the calls already granted.
//! 5. Within each of the store's windows, the edge makes no more calls than the store's quota
//!    minus the reserved share.

use crate::auth::Grant;
use crate::problem::Problem;
use bc_customers_core::rate_limit::RateLimitState;
use bc_customers_core::Issue;
use serde::{Deserialize, Serialize};

/// Whether upstream calls go through the Durable Objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuotaMode {
    /// Every isolate calls BigCommerce on its own and reacts to 429s after the fact.
    #[default]
    Off,
    /// Calls are metered by the store's `Quota` object and cache misses coalesced by `Coalescer`.
    Do,
}

/// Who is waiting for the call; lower is served first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// A shopper (`/me`, sign-up): someone is looking at a page.
    Shopper,
    /// A server caller (back office, batch fan-out).
    Batch,
}

impl Priority {
    /// Shoppers and anonymous sign-ups go first; server callers after them.
    pub fn of(grant: &Grant) -> Priority {
        match grant {
            Grant::Own(_) | Grant::Signup => Priority::Shopper,
            Grant::Full => Priority::Batch,
        }
    }
}

/// `EDGE_QUOTA_*` settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuotaSettings {
    /// `EDGE_QUOTA_MODE`: `off` (default) or `do`.
    pub mode: QuotaMode,
    /// `EDGE_QUOTA_RESERVED_SHARE`: share of the store's quota left to other apps (default 0.2).
    pub reserved_share: f64,
    /// `EDGE_QUOTA_SHOPPER_HEADROOM`: share of the bucket only shoppers may take (default 0.25).
    pub shopper_headroom: f64,
    /// `EDGE_QUOTA_QUEUE_MAX`: calls that may wait for a token (default 200).
    pub queue_max: usize,
    /// `EDGE_QUOTA_MAX_WAIT_MS`: longest wait for a token (default 30 000).
    pub max_wait_ms: u64,
    /// `EDGE_QUOTA_PER_WINDOW`: the store's quota until BigCommerce reports it (default 150).
    pub quota: u64,
    /// `EDGE_QUOTA_WINDOW_MS`: the window until BigCommerce reports it (default 30 000).
    pub window_ms: u64,
}

impl Default for QuotaSettings {
    fn default() -> Self {
        QuotaSettings {
            mode: QuotaMode::Off,
            reserved_share: 0.2,
            shopper_headroom: 0.25,
            queue_max: 200,
            max_wait_ms: 30_000,
            quota: 150,
            window_ms: 30_000,
        }
    }
}

impl QuotaSettings {
    /// Reads the settings; a malformed one is named (never echoed) in a 500 problem.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<QuotaSettings, Problem> {
        let get = |n: &str| {
            get(n)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let d = QuotaSettings::default();
        let mut issues = Vec::new();
        let mut bad = |name: &str, rule: &str| {
            issues.push(Issue::new(name, "invalid_setting", rule.to_string()));
        };
        let mode = match get("EDGE_QUOTA_MODE").as_deref() {
            None | Some("off") => QuotaMode::Off,
            Some("do") => QuotaMode::Do,
            Some(_) => {
                bad("EDGE_QUOTA_MODE", "must be `off` or `do`");
                d.mode
            }
        };
        let mut share = |name: &str, default: f64| match get(name) {
            None => default,
            Some(v) => match v.parse::<f64>() {
                Ok(x) if (0.0..1.0).contains(&x) => x,
                _ => {
                    bad(name, "must be a number from 0 to below 1");
                    default
                }
            },
        };
        let reserved_share = share("EDGE_QUOTA_RESERVED_SHARE", d.reserved_share);
        let shopper_headroom = share("EDGE_QUOTA_SHOPPER_HEADROOM", d.shopper_headroom);
        let mut number = |name: &str, default: u64, min: u64, max: u64| match get(name) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    bad(name, &format!("must be an integer from {min} to {max}"));
                    default
                }
            },
        };
        let queue_max = number("EDGE_QUOTA_QUEUE_MAX", d.queue_max as u64, 0, 100_000) as usize;
        let max_wait_ms = number("EDGE_QUOTA_MAX_WAIT_MS", d.max_wait_ms, 0, 300_000);
        let quota = number("EDGE_QUOTA_PER_WINDOW", d.quota, 1, 1_000_000);
        let window_ms = number("EDGE_QUOTA_WINDOW_MS", d.window_ms, 100, 3_600_000);
        if !issues.is_empty() {
            return Err(Problem::new(
                500,
                "edge_misconfigured",
                "the edge is not configured correctly",
                &issues,
            ));
        }
        Ok(QuotaSettings {
            mode,
            reserved_share,
            shopper_headroom,
            queue_max,
            max_wait_ms,
            quota,
            window_ms,
        })
    }
}

/// The answer to a request for a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Poll {
    /// Call now.
    Granted,
    /// Ask again at `until_ms` (or earlier); the ticket keeps its place.
    Wait {
        /// The ticket to ask with.
        ticket: u64,
        /// When a token may be free (the window end) or the wait runs out.
        until_ms: u64,
    },
    /// Do not call; tell the caller to retry after this long.
    Refused {
        /// Until the next window.
        retry_after_ms: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ticket {
    id: u64,
    priority: Priority,
    since_ms: u64,
}

/// One store's bucket and queue (see the module docs).
#[derive(Debug, Clone)]
pub struct Meter {
    settings: QuotaSettings,
    quota: u64,
    window_ms: u64,
    tokens: u64,
    /// Tokens handed out since the current window started.
    granted: u64,
    window_end_ms: u64,
    queue: Vec<Ticket>,
    next_ticket: u64,
}

impl Meter {
    /// A full bucket sized from the settings until BigCommerce reports the real quota.
    pub fn new(settings: QuotaSettings) -> Meter {
        Meter {
            settings,
            quota: settings.quota,
            window_ms: settings.window_ms,
            tokens: 0,
            granted: 0,
            window_end_ms: 0,
            queue: Vec::new(),
            next_ticket: 1,
        }
    }

    /// Tokens per window: the store's quota minus the share reserved for other apps (at least 1).
    pub fn capacity(&self) -> u64 {
        ((self.quota as f64) * (1.0 - self.settings.reserved_share))
            .floor()
            .max(1.0) as u64
    }

    fn reserve(&self) -> u64 {
        self.quota.saturating_sub(self.capacity())
    }

    /// Tokens only shoppers may take: always fewer than the capacity, so server callers get some
    /// of every window.
    fn headroom(&self) -> u64 {
        let h = ((self.capacity() as f64) * self.settings.shopper_headroom).ceil() as u64;
        h.min(self.capacity().saturating_sub(1))
    }

    /// Tokens left in the current window.
    pub fn tokens(&self) -> u64 {
        self.tokens
    }

    /// Calls waiting for a token.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    fn roll(&mut self, now: u64) {
        if now >= self.window_end_ms {
            self.tokens = self.capacity();
            self.granted = 0;
            self.window_end_ms = now + self.window_ms;
        }
    }

    fn retry_after_ms(&self, now: u64) -> u64 {
        self.window_end_ms.saturating_sub(now).max(1)
    }

    /// Asks for a token for a new call.
    pub fn acquire(&mut self, priority: Priority, now: u64) -> Poll {
        self.roll(now);
        let id = self.next_ticket;
        self.next_ticket += 1;
        self.queue.push(Ticket {
            id,
            priority,
            since_ms: now,
        });
        match self.poll(id, now) {
            Poll::Wait { .. } if self.queue.len() > self.settings.queue_max => {
                self.queue.retain(|t| t.id != id);
                Poll::Refused {
                    retry_after_ms: self.retry_after_ms(now),
                }
            }
            p => p,
        }
    }

    /// Asks again for a waiting ticket (an unknown ticket is refused).
    pub fn poll(&mut self, ticket: u64, now: u64) -> Poll {
        self.roll(now);
        let Some(t) = self.queue.iter().find(|t| t.id == ticket).copied() else {
            return Poll::Refused {
                retry_after_ms: self.retry_after_ms(now),
            };
        };
        // Shoppers before batch callers, first come first served within each.
        let ahead = self
            .queue
            .iter()
            .filter(|o| o.priority < t.priority || (o.priority == t.priority && o.id < t.id))
            .count() as u64;
        let usable = match t.priority {
            Priority::Shopper => self.tokens,
            Priority::Batch => self.tokens.saturating_sub(self.headroom()),
        };
        if ahead < usable {
            self.tokens -= 1;
            self.granted += 1;
            self.queue.retain(|o| o.id != ticket);
            return Poll::Granted;
        }
        let deadline = t.since_ms + self.settings.max_wait_ms;
        if now >= deadline {
            self.queue.retain(|o| o.id != ticket);
            return Poll::Refused {
                retry_after_ms: self.retry_after_ms(now),
            };
        }
        Poll::Wait {
            ticket,
            until_ms: self.window_end_ms.min(deadline),
        }
    }

    /// Gives up a waiting ticket (its caller went away).
    pub fn cancel(&mut self, ticket: u64) {
        self.queue.retain(|t| t.id != ticket);
    }

    /// Learns from the headers of an upstream answer received at `now`.
    pub fn report(&mut self, status: u16, headers: &[(String, String)], now: u64) {
        let s = RateLimitState::from_headers(headers);
        self.roll(now);
        let (quota, window_ms, capacity) = (self.quota, self.window_ms, self.capacity());
        if let Some(q) = s.quota.filter(|&q| q > 0) {
            self.quota = q;
        }
        if let Some(w) = s.window_ms.filter(|&w| w > 0) {
            self.window_ms = w;
        }
        // The configured guess was wrong: the store's own window is the one to follow.
        let learned = (quota, window_ms) != (self.quota, self.window_ms);
        // The calls granted in this window count against the new capacity. A larger quota
        // adds its extra tokens now: keeping the old count while the headroom grows with the
        // new capacity left server callers nothing until the window ended (issue 22).
        let grown = self.capacity().saturating_sub(capacity);
        self.tokens = self
            .tokens
            .saturating_add(grown)
            .min(self.capacity().saturating_sub(self.granted));
        if let (Some(left), Some(reset)) = (s.requests_left, s.reset_ms) {
            let allowed = left.saturating_sub(self.reserve()).min(self.capacity());
            let end = now + reset;
            let half = self.window_ms / 2;
            if learned {
                self.window_end_ms = end;
                self.tokens = self.tokens.min(allowed);
            } else if end > self.window_end_ms + half {
                // The store is already in a later window than ours: start it now.
                self.window_end_ms = end;
                self.tokens = allowed;
                self.granted = 0;
            } else if end + half >= self.window_end_ms {
                // Same window: never hold more than the store has left; refill no earlier
                // than the store does.
                self.tokens = self.tokens.min(allowed);
                self.window_end_ms = self.window_end_ms.max(end);
            }
            // Otherwise a late answer from an earlier window: nothing to learn.
        }
        if status == 429 {
            self.tokens = 0;
            let wait = s
                .server_wait_ms()
                .unwrap_or(self.window_ms.min(1000))
                .max(1);
            self.window_end_ms = self.window_end_ms.max(now + wait);
        }
    }
}

/// `POST /acquire` to the `Quota` object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AcquireRequest {
    /// Who waits.
    pub priority: Priority,
}

/// The `Quota` object's answer: a permit, or how long to wait.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct AcquireAnswer {
    /// A call may be made.
    pub granted: bool,
    /// When not granted: retry after this long.
    pub retry_after_ms: u64,
}

/// `POST /report` to the `Quota` object: an upstream answer's status and rate-limit headers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportRequest {
    /// The answer's status (0 for a timeout or network error).
    pub status: u16,
    /// Its `X-Rate-Limit-*` and `X-Retry-After` headers.
    pub headers: Vec<(String, String)>,
}

/// `POST /` to a `Coalescer` object: the upstream GET to make (never the token).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CoalesceRequest {
    /// Upstream path (`/v3/customers`).
    pub path: String,
    /// Upstream query.
    pub query: String,
    /// Priority of the first caller (the one the call is made for).
    pub priority: Priority,
}

/// A `Coalescer` object's answer: BigCommerce's answer, shared by every waiter.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SharedAnswer {
    /// `answer`, `timeout`, `network_error`, `refused`.
    pub kind: String,
    /// HTTP status of an answer.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// Whether the answer carried `Set-Cookie`.
    pub set_cookie: bool,
    /// Rate-limit headers.
    pub rate_headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
    /// Upstream calls made for this caller (the others waited for them).
    pub calls: u32,
}

impl SharedAnswer {
    /// May this answer be handed out after its flight ended, to callers that missed the cache
    /// before it was filled? Only what the edge would also cache: a 2xx JSON answer without
    /// `Set-Cookie`. A 200 with a broken body (which the edge turns into a 502) must not be.
    pub fn may_linger(&self) -> bool {
        self.kind == "answer"
            && crate::cache::is_storable(self.status, self.set_cookie)
            && crate::upstream::is_json_type(self.content_type.as_deref())
            && serde_json::from_str::<serde::de::IgnoredAny>(&self.body).is_ok()
    }
}

/// The `Coalescer` object's name for a cache key: a digest, so caller scopes in keys never
/// appear in object names.
pub fn coalescer_name(cache_key: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(cache_key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_answers_the_edge_would_cache_linger() {
        let ok = SharedAnswer {
            kind: "answer".into(),
            status: 200,
            content_type: Some("application/json; charset=utf-8".into()),
            set_cookie: false,
            rate_headers: vec![],
            body: r#"{"data":[]}"#.into(),
            calls: 1,
        };
        assert!(ok.may_linger());
        let broken = SharedAnswer {
            body: r#"{"data":["#.into(),
            ..ok.clone()
        };
        let html = SharedAnswer {
            content_type: Some("text/html".into()),
            ..ok.clone()
        };
        let cookie = SharedAnswer {
            set_cookie: true,
            ..ok.clone()
        };
        let error = SharedAnswer {
            status: 500,
            ..ok.clone()
        };
        let empty = SharedAnswer {
            status: 204,
            body: String::new(),
            ..ok.clone()
        };
        let timeout = SharedAnswer {
            kind: "timeout".into(),
            ..ok.clone()
        };
        for a in [broken, html, cookie, error, empty, timeout] {
            assert!(!a.may_linger(), "{a:?}");
        }
    }

    use super::*;

    fn meter(quota: u64, window_ms: u64) -> Meter {
        Meter::new(QuotaSettings {
            mode: QuotaMode::Do,
            quota,
            window_ms,
            queue_max: 5,
            max_wait_ms: 10_000,
            ..QuotaSettings::default()
        })
    }

    fn headers(left: u64, reset: u64, quota: u64, window: u64) -> Vec<(String, String)> {
        vec![
            ("X-Rate-Limit-Requests-Left".into(), left.to_string()),
            ("X-Rate-Limit-Time-Reset-Ms".into(), reset.to_string()),
            ("X-Rate-Limit-Requests-Quota".into(), quota.to_string()),
            ("X-Rate-Limit-Time-Window-Ms".into(), window.to_string()),
        ]
    }

    #[test]
    fn the_bucket_leaves_the_reserved_share_to_other_apps() {
        let mut m = meter(150, 30_000);
        assert_eq!(m.capacity(), 120);
        let granted = (0..200)
            .filter(|_| m.acquire(Priority::Shopper, 0) == Poll::Granted)
            .count();
        assert_eq!(granted, 120);
        let mut small = meter(15, 3_000);
        assert_eq!(small.capacity(), 12);
        small.roll(0);
        assert_eq!(small.tokens(), 12);
    }

    #[test]
    fn learning_a_larger_quota_does_not_stall_server_callers() {
        // Issue 22: configured 150 per 30 s, the store reports 10x and 10,000x that. Every
        // server call after the first answer must get a token at once, in the same window.
        for quota in [1_500, 1_500_000] {
            let mut m = meter(150, 30_000);
            assert_eq!(m.acquire(Priority::Batch, 0), Poll::Granted);
            m.report(200, &headers(quota - 1, 29_000, quota, 30_000), 1_000);
            for i in 0..200 {
                assert_eq!(
                    m.acquire(Priority::Batch, 1_000 + i),
                    Poll::Granted,
                    "quota {quota}, call {i}"
                );
            }
        }
    }

    #[test]
    fn learning_a_smaller_quota_takes_effect_at_once() {
        let mut m = meter(150, 30_000); // 120 tokens
        for _ in 0..10 {
            assert_eq!(m.acquire(Priority::Shopper, 0), Poll::Granted);
        }
        // The store's quota is 15 (12 for us): 10 are already used, so 2 are left.
        m.report(200, &headers(5, 29_000, 15, 30_000), 1_000);
        assert!(m.tokens() <= 2, "tokens {}", m.tokens());
    }

    #[test]
    fn batch_callers_leave_headroom_for_shoppers() {
        let mut m = meter(15, 3_000); // 12 tokens, 3 only for shoppers
        let batch = (0..12)
            .filter(|_| m.acquire(Priority::Batch, 0) == Poll::Granted)
            .count();
        assert_eq!(batch, 9);
        assert_eq!(m.acquire(Priority::Shopper, 10), Poll::Granted);
    }

    #[test]
    fn shoppers_are_served_before_waiting_batch_calls() {
        let mut m = meter(15, 3_000);
        m.settings.shopper_headroom = 0.0;
        for _ in 0..12 {
            assert_eq!(m.acquire(Priority::Batch, 0), Poll::Granted);
        }
        let Poll::Wait { ticket: batch, .. } = m.acquire(Priority::Batch, 1) else {
            panic!("the bucket is empty: the batch call waits")
        };
        let Poll::Wait {
            ticket: shopper,
            until_ms,
        } = m.acquire(Priority::Shopper, 2)
        else {
            panic!("the bucket is empty: the shopper waits")
        };
        assert_eq!(until_ms, 3_000);
        // The next window has one token left for us: it is the shopper's, although the
        // batch call queued first and asks first.
        m.report(200, &headers(4, 3_000, 15, 3_000), 3_000);
        assert_eq!(m.tokens(), 1);
        assert!(matches!(m.poll(batch, 3_000), Poll::Wait { .. }));
        assert_eq!(m.poll(shopper, 3_000), Poll::Granted);
    }

    #[test]
    fn a_full_queue_refuses_with_the_time_to_the_next_window() {
        let mut m = meter(15, 3_000);
        for _ in 0..12 {
            m.acquire(Priority::Shopper, 0);
        }
        for _ in 0..5 {
            assert!(matches!(m.acquire(Priority::Batch, 0), Poll::Wait { .. }));
        }
        assert_eq!(
            m.acquire(Priority::Batch, 1_000),
            Poll::Refused {
                retry_after_ms: 2_000
            }
        );
        assert_eq!(m.queued(), 5);
    }

    #[test]
    fn waits_end_at_max_wait() {
        let mut m = meter(15, 3_000);
        m.settings.max_wait_ms = 500;
        for _ in 0..12 {
            m.acquire(Priority::Shopper, 0);
        }
        let Poll::Wait { ticket, until_ms } = m.acquire(Priority::Batch, 100) else {
            panic!()
        };
        assert_eq!(until_ms, 600);
        assert!(matches!(m.poll(ticket, 600), Poll::Refused { .. }));
        assert_eq!(m.queued(), 0);
    }

    #[test]
    fn reports_never_let_the_bucket_exceed_what_the_store_has_left() {
        let mut m = meter(15, 3_000);
        m.acquire(Priority::Shopper, 0); // 11 left here
        m.report(200, &headers(5, 2_900, 15, 3_000), 100); // another app used some: 5 - 3 = 2
        assert_eq!(m.tokens(), 2);
        // The store's window ends later than we thought: refill only then.
        assert_eq!(m.window_end_ms, 3_000);
        m.report(200, &headers(4, 2_950, 15, 3_000), 200);
        assert_eq!(m.window_end_ms, 3_150);
        m.roll(3_100);
        assert_eq!(m.tokens(), 1);
        m.roll(3_150);
        assert_eq!(m.tokens(), 12);
    }

    #[test]
    fn reports_adopt_the_stores_quota_and_window() {
        let mut m = meter(150, 30_000);
        m.acquire(Priority::Batch, 0);
        m.report(200, &headers(14, 2_990, 15, 3_000), 10);
        assert_eq!(m.capacity(), 12);
        assert_eq!(m.tokens(), 11);
        // A later store window: ours rolled at 3 000, the store says 11 left.
        m.report(200, &headers(14, 2_990, 15, 3_000), 3_500);
        assert_eq!((m.tokens(), m.window_end_ms), (11, 6_500));
        // A late answer from an old window teaches nothing.
        m.report(200, &headers(2, 10, 15, 3_000), 3_600);
        assert_eq!(m.tokens(), 11);
    }

    #[test]
    fn a_429_empties_the_bucket_until_the_store_resets() {
        let mut m = meter(15, 3_000);
        m.acquire(Priority::Shopper, 0);
        let mut h = headers(0, 2_000, 15, 3_000);
        h.push(("X-Retry-After".into(), "2".into()));
        m.report(429, &h, 1_000);
        assert_eq!(m.tokens(), 0);
        assert!(matches!(
            m.acquire(Priority::Shopper, 1_500),
            Poll::Wait {
                until_ms: 3_000,
                ..
            }
        ));
    }

    #[test]
    fn settings_default_off_and_name_malformed_values() {
        let s = QuotaSettings::from_lookup(|_| None).unwrap();
        assert_eq!(s.mode, QuotaMode::Off);
        let s = QuotaSettings::from_lookup(|n| match n {
            "EDGE_QUOTA_MODE" => Some("do".into()),
            "EDGE_QUOTA_RESERVED_SHARE" => Some("0.3".into()),
            "EDGE_QUOTA_QUEUE_MAX" => Some("7".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(
            (s.mode, s.reserved_share, s.queue_max),
            (QuotaMode::Do, 0.3, 7)
        );
        let p = QuotaSettings::from_lookup(|n| match n {
            "EDGE_QUOTA_MODE" => Some("sometimes".into()),
            "EDGE_QUOTA_RESERVED_SHARE" => Some("1.5".into()),
            _ => None,
        })
        .unwrap_err();
        let text = p.body.to_string();
        assert!(text.contains("EDGE_QUOTA_MODE") && text.contains("EDGE_QUOTA_RESERVED_SHARE"));
        assert!(!text.contains("sometimes") && !text.contains("1.5"));
    }

    #[test]
    fn coalescer_names_hide_the_key() {
        let n = coalescer_name("https://edge/k?scope=key:abc");
        assert_eq!(n.len(), 64);
        assert!(!n.contains("abc"));
        assert_eq!(n, coalescer_name("https://edge/k?scope=key:abc"));
    }
}
