//! Per-IP limit on anonymous newsletter sign-ups (`POST /v3/customers/subscribers` without
//! credentials): at most `EDGE_SIGNUP_PER_MINUTE` per client IP (`CF-Connecting-IP`) in a fixed
//! one-minute window.
//!
//! Kept in the isolate's memory: each isolate counts on its own, so the effective limit across
//! a location is a small multiple of the setting and resets when an isolate is recycled. Good
//! enough to stop one client hammering the store's shared quota from one place; a global limit
//! would need a Durable Object or the Rate Limiting binding (later issue). Memory is bounded:
//! at most [`MAX_TRACKED_IPS`] addresses per window, beyond which unknown addresses share one
//! bucket.

use std::collections::HashMap;

/// Window length.
pub const WINDOW_MS: u64 = 60_000;
/// Addresses tracked per window before they share a bucket.
pub const MAX_TRACKED_IPS: usize = 10_000;

/// Fixed-window counters.
#[derive(Debug, Default)]
pub struct SignupLimiter {
    window_start: u64,
    counts: HashMap<String, u32>,
}

impl SignupLimiter {
    /// Counts one sign-up from `ip` at `now_ms`; `Err(seconds until the window ends)` when over
    /// `per_minute`.
    pub fn check(&mut self, ip: &str, now_ms: u64, per_minute: u32) -> Result<(), u64> {
        if now_ms >= self.window_start + WINDOW_MS || now_ms < self.window_start {
            self.window_start = now_ms - now_ms % WINDOW_MS;
            self.counts.clear();
        }
        let key = if self.counts.len() >= MAX_TRACKED_IPS && !self.counts.contains_key(ip) {
            "overflow"
        } else {
            ip
        };
        let n = self.counts.entry(key.to_string()).or_insert(0);
        if *n >= per_minute {
            return Err((self.window_start + WINDOW_MS - now_ms)
                .div_ceil(1000)
                .max(1));
        }
        *n += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_ip_per_window() {
        let mut l = SignupLimiter::default();
        assert!(l.check("1.1.1.1", 120_000, 2).is_ok());
        assert!(l.check("1.1.1.1", 120_001, 2).is_ok());
        assert_eq!(l.check("1.1.1.1", 150_000, 2), Err(30));
        assert!(l.check("2.2.2.2", 150_000, 2).is_ok());
        assert!(l.check("1.1.1.1", 180_000, 2).is_ok());
    }
}
