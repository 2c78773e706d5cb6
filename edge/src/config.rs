//! The edge's configuration, read from Worker vars (`wrangler.toml` `[vars]`) and secrets, and
//! checked on every request (a handful of string lookups) with one clear error that names every
//! missing or malformed setting. Values are never echoed, and `Debug` redacts the secrets.
//!
//! | name | kind | meaning |
//! |---|---|---|
//! | `BC_STORE_HASH` | secret | the store |
//! | `BC_ACCESS_TOKEN` | secret | the store's API token (sent upstream only) |
//! | `BC_CLIENT_ID` | secret | app client id: `iss` of login tokens, `aud` of shopper tokens |
//! | `BC_CLIENT_SECRET` | secret | app client secret: signs login tokens, verifies shopper tokens |
//! | `EDGE_API_KEYS` | secret | comma-separated keys for server callers |
//! | `BC_API_BASE` | var | API origin (default `https://api.bigcommerce.com`) |
//! | `BC_STOREFRONT_URL` | var | storefront origin for `/login` URLs (optional) |
//! | `EDGE_CACHE_TTL_SECONDS` | var | cache TTL for GETs, `0` disables the cache (default 60) |
//! | `EDGE_ALLOWED_ORIGINS` | var | comma-separated browser origins, `*` for any (default none) |
//! | `EDGE_MAX_BODY_BYTES` | var | largest request body (default 1 MiB) |
//! | `EDGE_SIGNUP_PER_MINUTE` | var | anonymous sign-ups per client IP per minute (default 10) |
//! | `EDGE_UPSTREAM_TIMEOUT_MS` | var | per upstream call (default 10 000) |
//! | `EDGE_MAX_RETRY_WAIT_MS` | var | longest wait the edge accepts before a retry (default 5 000) |
//! | `EDGE_V2_MODE` | var | `passthrough` (default): V2 customer routes go to V2; `facade`: served through V3 ([`crate::v2_facade`]) |
//! | `EDGE_QUOTA_*` | var | quota metering and coalescing, read by [`crate::quota::QuotaSettings`] |

use crate::problem::Problem;
use bc_customers_core::Issue;

/// How the edge serves V2 customer and address routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum V2Mode {
    /// Forward to BigCommerce's V2 API ([`crate::v2`]).
    #[default]
    Passthrough,
    /// Answer through V3 calls ([`crate::v2_facade`]); customer groups still pass through.
    Facade,
}

/// Everything the edge needs to run.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// API origin, `https://api.bigcommerce.com` for a real store or the local store's URL.
    pub api_base: String,
    /// The store hash.
    pub store_hash: String,
    /// The store's API token (secret).
    pub access_token: String,
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret (secret).
    pub client_secret: String,
    /// Keys of server callers (secret).
    pub api_keys: Vec<String>,
    /// Storefront origin used by `/login`, if configured.
    pub storefront_url: Option<String>,
    /// Cache TTL in seconds; 0 disables caching.
    pub cache_ttl_s: u64,
    /// Allowed browser origins (`*` allows any).
    pub allowed_origins: Vec<String>,
    /// Largest accepted request body in bytes.
    pub max_body_bytes: usize,
    /// Anonymous sign-ups per client IP per minute.
    pub signup_per_minute: u32,
    /// Timeout of one upstream call.
    pub upstream_timeout_ms: u64,
    /// Longest wait before a retry that the edge accepts.
    pub max_retry_wait_ms: u64,
    /// How V2 customer routes are served.
    pub v2_mode: V2Mode,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets never appear in logs.
        f.debug_struct("Config")
            .field("api_base", &self.api_base)
            .field("store_hash", &self.store_hash)
            .field("access_token", &"<redacted>")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field(
                "api_keys",
                &format_args!("<{} redacted>", self.api_keys.len()),
            )
            .field("storefront_url", &self.storefront_url)
            .field("cache_ttl_s", &self.cache_ttl_s)
            .field("allowed_origins", &self.allowed_origins)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("signup_per_minute", &self.signup_per_minute)
            .field("upstream_timeout_ms", &self.upstream_timeout_ms)
            .field("max_retry_wait_ms", &self.max_retry_wait_ms)
            .field("v2_mode", &self.v2_mode)
            .finish()
    }
}

/// Shortest key accepted in `EDGE_API_KEYS`: shorter ones are guessable.
pub const MIN_API_KEY_LEN: usize = 16;

impl Config {
    /// Builds the configuration from a lookup function (Worker `env` vars and secrets).
    /// Missing or malformed settings are all named at once in a 500 problem (code
    /// `edge_misconfigured`); values are never echoed.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, Problem> {
        let mut issues = Vec::new();
        let get = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut need = |name: &str| -> String {
            get(name).unwrap_or_else(|| {
                issues.push(Issue::new(
                    name,
                    "missing_setting",
                    format!("set `{name}` as a Worker secret (or var for local development)"),
                ));
                String::new()
            })
        };
        let store_hash = need("BC_STORE_HASH");
        let access_token = need("BC_ACCESS_TOKEN");
        let client_id = need("BC_CLIENT_ID");
        let client_secret = need("BC_CLIENT_SECRET");
        let keys_raw = need("EDGE_API_KEYS");
        let api_keys: Vec<String> = keys_raw
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect();
        if !keys_raw.is_empty()
            && (api_keys.is_empty() || api_keys.iter().any(|k| k.len() < MIN_API_KEY_LEN))
        {
            issues.push(Issue::new(
                "EDGE_API_KEYS",
                "invalid_setting",
                format!("every key must be at least {MIN_API_KEY_LEN} characters"),
            ));
        }
        let mut number = |name: &str, default: u64, max: u64| -> u64 {
            match get(name) {
                None => default,
                Some(v) => match v.parse::<u64>() {
                    Ok(n) if n <= max => n,
                    _ => {
                        issues.push(Issue::new(
                            name,
                            "invalid_setting",
                            format!("`{name}` must be a whole number up to {max}"),
                        ));
                        default
                    }
                },
            }
        };
        let cache_ttl_s = number("EDGE_CACHE_TTL_SECONDS", 60, 86_400);
        let max_body_bytes = number("EDGE_MAX_BODY_BYTES", 1 << 20, 100 << 20) as usize;
        let signup_per_minute = number("EDGE_SIGNUP_PER_MINUTE", 10, 1_000_000) as u32;
        let upstream_timeout_ms = number("EDGE_UPSTREAM_TIMEOUT_MS", 10_000, 120_000).max(1);
        let max_retry_wait_ms = number("EDGE_MAX_RETRY_WAIT_MS", 5_000, 60_000);
        let api_base = get("BC_API_BASE")
            .unwrap_or_else(|| "https://api.bigcommerce.com".to_string())
            .trim_end_matches('/')
            .to_string();
        if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
            issues.push(Issue::new(
                "BC_API_BASE",
                "invalid_setting",
                "`BC_API_BASE` must be an http(s) origin",
            ));
        }
        if !store_hash.is_empty()
            && !store_hash
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            issues.push(Issue::new(
                "BC_STORE_HASH",
                "invalid_setting",
                "`BC_STORE_HASH` must be letters and digits",
            ));
        }
        let allowed_origins = get("EDGE_ALLOWED_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_ascii_lowercase())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let v2_mode = match get("EDGE_V2_MODE").as_deref() {
            None | Some("passthrough") => V2Mode::Passthrough,
            Some("facade") => V2Mode::Facade,
            Some(_) => {
                issues.push(Issue::new(
                    "EDGE_V2_MODE",
                    "invalid_setting",
                    "`EDGE_V2_MODE` must be `passthrough` or `facade`",
                ));
                V2Mode::Passthrough
            }
        };
        if !issues.is_empty() {
            return Err(Problem::new(
                500,
                "edge_misconfigured",
                "the edge is missing required settings",
                &issues,
            ));
        }
        Ok(Config {
            api_base,
            store_hash,
            access_token,
            client_id,
            client_secret,
            api_keys,
            storefront_url: get("BC_STOREFRONT_URL"),
            cache_ttl_s,
            allowed_origins,
            max_body_bytes,
            signup_per_minute,
            upstream_timeout_ms,
            max_retry_wait_ms,
            v2_mode,
        })
    }

    /// The upstream URL for a request descriptor's path (from `core::request`, ids are
    /// integers) and query (rendered by `core::query`).
    pub fn upstream_url(&self, path: &str, query: &str) -> String {
        let mut url = format!("{}/stores/{}{}", self.api_base, self.store_hash, path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }

    /// Every secret value, for redaction checks.
    pub fn secrets(&self) -> Vec<&str> {
        let mut s = vec![self.access_token.as_str(), self.client_secret.as_str()];
        s.extend(self.api_keys.iter().map(String::as_str));
        s
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn test_config() -> Config {
        Config::from_lookup(|k| match k {
            "BC_STORE_HASH" => Some("abc".into()),
            "BC_ACCESS_TOKEN" => Some("tok-secret".into()),
            "BC_CLIENT_ID" => Some("client-id".into()),
            "BC_CLIENT_SECRET" => Some("client-secret-value".into()),
            "EDGE_API_KEYS" => Some("key-aaaaaaaaaaaaaaaa, key-bbbbbbbbbbbbbbbb".into()),
            "BC_API_BASE" => Some("http://127.0.0.1:8788/".into()),
            "EDGE_ALLOWED_ORIGINS" => Some("https://shop.example.com/".into()),
            _ => None,
        })
        .unwrap()
    }

    #[test]
    fn names_every_missing_setting_without_values() {
        let err = Config::from_lookup(|_| None).unwrap_err();
        assert_eq!(err.status, 500);
        let issues = err.body["issues"].as_array().unwrap();
        let paths: Vec<_> = issues.iter().map(|i| i["path"].as_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "BC_STORE_HASH",
                "BC_ACCESS_TOKEN",
                "BC_CLIENT_ID",
                "BC_CLIENT_SECRET",
                "EDGE_API_KEYS"
            ]
        );
    }

    #[test]
    fn malformed_numbers_and_short_keys_are_named_not_echoed() {
        let err = Config::from_lookup(|k| match k {
            "EDGE_CACHE_TTL_SECONDS" => Some("soon".into()),
            "EDGE_API_KEYS" => Some("short".into()),
            _ => Some("x".into()),
        })
        .unwrap_err();
        let text = err.body.to_string();
        assert!(text.contains("EDGE_CACHE_TTL_SECONDS"));
        assert!(text.contains("EDGE_API_KEYS"));
        assert!(!text.contains("soon") && !text.contains("short\""));
    }

    #[test]
    fn v2_mode_defaults_to_passthrough_and_rejects_unknown_values() {
        assert_eq!(test_config().v2_mode, V2Mode::Passthrough);
        let with = |v: &'static str| {
            Config::from_lookup(move |k| match k {
                "EDGE_V2_MODE" => Some(v.into()),
                "EDGE_API_KEYS" => Some("key-aaaaaaaaaaaaaaaa".into()),
                "BC_STORE_HASH" | "BC_ACCESS_TOKEN" | "BC_CLIENT_ID" | "BC_CLIENT_SECRET" => {
                    Some("x".into())
                }
                _ => None,
            })
        };
        assert_eq!(with("facade").unwrap().v2_mode, V2Mode::Facade);
        assert_eq!(with("passthrough").unwrap().v2_mode, V2Mode::Passthrough);
        assert!(with("v3")
            .unwrap_err()
            .body
            .to_string()
            .contains("EDGE_V2_MODE"));
    }

    #[test]
    fn builds_upstream_urls_and_redacts_secrets() {
        let c = test_config();
        assert_eq!(
            c.upstream_url("/v3/customers/subscribers", ""),
            "http://127.0.0.1:8788/stores/abc/v3/customers/subscribers"
        );
        assert_eq!(c.api_keys.len(), 2);
        assert_eq!(c.allowed_origins, ["https://shop.example.com"]);
        let debug = format!("{c:?}");
        for s in c.secrets() {
            assert!(!debug.contains(s), "{s} leaked");
        }
    }
}
