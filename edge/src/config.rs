//! The edge's configuration, read from Worker vars and secrets and checked once per request
//! (cheap: a handful of string lookups), with a clear error naming what is missing.

use crate::problem::Problem;

/// Where and how to reach the store.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// API origin, `https://api.bigcommerce.com` for a real store or the local store's URL.
    pub api_base: String,
    /// The store hash.
    pub store_hash: String,
    /// The store's API token (secret).
    pub access_token: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token never appears in logs.
        f.debug_struct("Config")
            .field("api_base", &self.api_base)
            .field("store_hash", &self.store_hash)
            .field("access_token", &"<redacted>")
            .finish()
    }
}

impl Config {
    /// Builds the configuration from a lookup function (Worker `env` vars and secrets).
    /// Missing settings are all named at once in a 500 problem; values are never echoed.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, Problem> {
        let mut missing = Vec::new();
        let mut need = |name: &str| -> String {
            match get(name).filter(|v| !v.trim().is_empty()) {
                Some(v) => v,
                None => {
                    missing.push(bc_customers_core::Issue::new(
                        name,
                        "missing_setting",
                        format!("set `{name}` as a Worker var or secret"),
                    ));
                    String::new()
                }
            }
        };
        let store_hash = need("BC_STORE_HASH");
        let access_token = need("BC_ACCESS_TOKEN");
        let api_base = get("BC_API_BASE")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| "https://api.bigcommerce.com".to_string());
        if !missing.is_empty() {
            return Err(Problem::new(
                500,
                "edge_misconfigured",
                "the edge is missing required settings",
                &missing,
            ));
        }
        Ok(Config {
            api_base: api_base.trim_end_matches('/').to_string(),
            store_hash,
            access_token,
        })
    }

    /// The upstream URL for an API path such as `/v3/customers/subscribers`.
    pub fn upstream_url(&self, path: &str, query: &str) -> String {
        let mut url = format!("{}/stores/{}{}", self.api_base, self.store_hash, path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_missing_setting_without_values() {
        let err = Config::from_lookup(|_| None).unwrap_err();
        assert_eq!(err.status, 500);
        let issues = err.body["issues"].as_array().unwrap();
        let paths: Vec<_> = issues.iter().map(|i| i["path"].as_str().unwrap()).collect();
        assert_eq!(paths, ["BC_STORE_HASH", "BC_ACCESS_TOKEN"]);
    }

    #[test]
    fn builds_upstream_urls_and_redacts_the_token() {
        let c = Config::from_lookup(|k| match k {
            "BC_STORE_HASH" => Some("abc".into()),
            "BC_ACCESS_TOKEN" => Some("tok-secret".into()),
            "BC_API_BASE" => Some("http://127.0.0.1:8788/".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(
            c.upstream_url("/v3/customers/subscribers", ""),
            "http://127.0.0.1:8788/stores/abc/v3/customers/subscribers"
        );
        assert!(!format!("{c:?}").contains("tok-secret"));
    }
}
