//! Caching `GET`s with the Workers Cache API: keys, invalidation and what may be stored.
//!
//! **Keys.** A cached answer is found under
//! `{edge origin}/__edge_cache/{store hash}/{scope}/{family}/{generation}/{digest}` where
//! - `scope` is the caller: `key-{fingerprint}` for a server key (a SHA-256 prefix of the key,
//!   never the key) or `customer-{id}` for a shopper, so one key's or shopper's data is never
//!   served to another (anonymous callers read nothing);
//! - `digest` is the SHA-256 of the edge route plus the upstream path and query as rendered by
//!   `core` (normalised: fixed parameter order and encoding), so equivalent queries share an
//!   entry and no customer data (emails in filters) appears in a key.
//!
//! **Invalidation: generations.** Every route belongs to a [`Family`]. A write through the edge
//! bumps its family's generation, a small cache entry under
//! `{edge origin}/__edge_cache/{store hash}/gen/{family}`; since the generation is part of every
//! data key, all reads of that family (the record, every list that may include it, `/me`, in
//! every scope) miss afterwards and the old entries age out by TTL. Generations live in the
//! Cache API itself, so every isolate of a location sees a bump at once. Other locations, and
//! changes made outside the edge, are covered by the store's *global* generation, which is part
//! of the same `generation` path segment (see [`crate::freshness`]). The generation entry
//! outlives data entries (TTL + 1 h), so a generation that expires can only fall back to
//! `0` when every entry keyed with `0` has expired too. Coarse (a write to one customer drops
//! every cached customer read) but never stale within a location.
//!
//! **Rules.** Only successful (2xx) `GET` answers without `Set-Cookie` are stored; errors never
//! are. `Cache-Control: no-cache` from the caller skips the lookup (and refreshes the entry),
//! `no-store` skips both; answers say `X-Cache: HIT|MISS|BYPASS`.

use crate::auth::Caller;
use crate::plan::Family;
use sha2::{Digest, Sha256};

/// How the caller asked us to use the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheMode {
    /// Look up, store on a miss.
    Use,
    /// `no-cache`: do not look up, store the fresh answer.
    Refresh,
    /// `no-store`, or caching disabled: neither.
    Bypass,
}

/// Reads the caller's `Cache-Control` (and `Pragma: no-cache`).
pub fn cache_mode(cache_control: Option<&str>, pragma: Option<&str>, ttl_s: u64) -> CacheMode {
    let cc = cache_control.unwrap_or("").to_ascii_lowercase();
    let has = |d: &str| cc.split(',').any(|x| x.trim() == d);
    if ttl_s == 0 || has("no-store") {
        CacheMode::Bypass
    } else if has("no-cache")
        || has("max-age=0")
        || pragma.is_some_and(|p| p.eq_ignore_ascii_case("no-cache"))
    {
        CacheMode::Refresh
    } else {
        CacheMode::Use
    }
}

/// The cache scope of a caller; `None` for anonymous callers (never cached).
pub fn scope(caller: &Caller) -> Option<String> {
    match caller {
        Caller::Server { key_id } => Some(format!("key-{key_id}")),
        Caller::Shopper(s) => Some(format!("customer-{}", s.customer_id)),
        Caller::Anonymous => None,
    }
}

fn base(origin: &str, store_hash: &str) -> String {
    format!("{}/__edge_cache/{store_hash}", origin.trim_end_matches('/'))
}

/// Where a family's generation is kept.
pub fn generation_key(origin: &str, store_hash: &str, family: Family) -> String {
    format!("{}/gen/{}", base(origin, store_hash), family.as_str())
}

/// The generation to use when none is stored.
pub const INITIAL_GENERATION: &str = "0";

/// How long a generation entry lives: longer than any data entry.
pub fn generation_ttl_s(ttl_s: u64) -> u64 {
    ttl_s + 3600
}

/// A new generation value, different from `previous` (time-based, plus a counter).
pub fn next_generation(now_ms: u64, previous: &str) -> String {
    let candidate = format!("{now_ms:x}");
    if candidate == previous {
        format!("{candidate}.1")
    } else if let Some(n) = previous
        .strip_prefix(&format!("{candidate}."))
        .and_then(|n| n.parse::<u64>().ok())
    {
        format!("{candidate}.{}", n + 1)
    } else {
        candidate
    }
}

/// The key of a cached answer.
///
/// ```
/// use bc_customers_edge::cache::data_key;
/// use bc_customers_edge::plan::Family;
/// let a = data_key("http://edge.test", "abc", "key-1", Family::Customers, "0", "/v3/customers", "/v3/customers?id:in=1");
/// let b = data_key("http://edge.test", "abc", "customer-1", Family::Customers, "0", "/v3/customers", "/v3/customers?id:in=1");
/// assert_ne!(a, b);
/// assert!(!a.contains("id:in"));
/// ```
pub fn data_key(
    origin: &str,
    store_hash: &str,
    scope: &str,
    family: Family,
    generation: &str,
    edge_path: &str,
    upstream_path_and_query: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(edge_path.as_bytes());
    h.update([0u8]);
    h.update(upstream_path_and_query.as_bytes());
    let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    // Generations are hex digits and dots; anything else is replaced, to keep keys well formed.
    let generation: String = generation
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!(
        "{}/{scope}/{}/{generation}/{digest}",
        base(origin, store_hash),
        family.as_str()
    )
}

/// May this upstream answer be stored?
pub fn is_storable(status: u16, has_set_cookie: bool) -> bool {
    (200..300).contains(&status) && status != 204 && !has_set_cookie
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Shopper;

    #[test]
    fn scopes_differ_per_key_and_per_shopper() {
        let a = scope(&Caller::Server {
            key_id: "aa".into(),
        });
        let b = scope(&Caller::Server {
            key_id: "bb".into(),
        });
        let s = scope(&Caller::Shopper(Shopper {
            customer_id: 1,
            email: String::new(),
        }));
        assert!(a != b && a != s);
        assert_eq!(scope(&Caller::Anonymous), None);
    }

    #[test]
    fn generation_is_part_of_the_key_and_always_moves_on() {
        let k = |g| {
            data_key(
                "o",
                "s",
                "key-1",
                Family::Customers,
                g,
                "/v3/customers",
                "/v3/customers",
            )
        };
        assert_ne!(k("0"), k("1"));
        let g1 = next_generation(255, "0");
        let g2 = next_generation(255, &g1);
        let g3 = next_generation(255, &g2);
        assert!(g1 != g2 && g2 != g3 && g1 != g3, "{g1} {g2} {g3}");
        assert_eq!(next_generation(256, &g3), "100");
    }

    #[test]
    fn cache_control_modes_and_storable_answers() {
        assert_eq!(cache_mode(None, None, 60), CacheMode::Use);
        assert_eq!(cache_mode(Some("No-Cache"), None, 60), CacheMode::Refresh);
        assert_eq!(cache_mode(Some("no-store"), None, 60), CacheMode::Bypass);
        assert_eq!(cache_mode(None, None, 0), CacheMode::Bypass);
        assert!(is_storable(200, false));
        assert!(!is_storable(200, true));
        assert!(!is_storable(404, false));
        assert!(!is_storable(500, false));
    }
}
