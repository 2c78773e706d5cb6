//! Strict query-string parsing for the list and delete routes whose parser `core` does not
//! provide (`core::query::parse_v3_customer_query` covers `GET /v3/customers`).
//!
//! Only the parameters a route documents are accepted (`unknown_parameter`), each once
//! (`duplicate_parameter`); values are percent-decoded and typed here, then rendered again by
//! `core::query`'s builders, so what goes upstream is always re-encoded by `core` and a caller
//! can never add a parameter or a path. Issue paths name the parameter; values are never echoed.

use bc_customers_core::issue::{push_index, push_key};
use bc_customers_core::query::{percent_decode, Rfc2822Date, V3Date, MAX_LIMIT};
use bc_customers_core::Issue;

/// A parsed query: the accepted `key=raw value` pairs and the problems found so far.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
    issues: Vec<Issue>,
}

fn key_path(key: &str) -> String {
    let mut p = String::new();
    push_key(&mut p, key);
    p
}

impl Params {
    /// Splits `query` (leading `?` allowed) and keeps the pairs whose key is in `allowed`.
    pub fn parse(query: &str, allowed: &[&str]) -> Params {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut out = Params::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(key) = percent_decode(raw_key) else {
                out.issues.push(Issue::new(
                    "",
                    "invalid_parameter",
                    "malformed parameter name encoding",
                ));
                continue;
            };
            if !allowed.contains(&key.as_str()) {
                out.issues.push(Issue::new(
                    key_path(&key),
                    "unknown_parameter",
                    "this route does not accept this parameter",
                ));
            } else if out.pairs.iter().any(|(k, _)| *k == key) {
                out.issues.push(Issue::new(
                    key_path(&key),
                    "duplicate_parameter",
                    "parameter given more than once; give a list as one comma-separated value",
                ));
            } else {
                out.pairs.push((key, raw_value.to_string()));
            }
        }
        out
    }

    /// True when no parameter was given.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    fn raw(&self, key: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    fn issue(&mut self, key: &str, index: Option<usize>, message: &str) {
        let mut path = key_path(key);
        if let Some(i) = index {
            push_index(&mut path, i);
        }
        self.issues
            .push(Issue::new(path, "invalid_parameter", message));
    }

    /// A non-empty decoded string.
    pub fn string(&mut self, key: &str) -> Option<String> {
        let raw = self.raw(key)?;
        match percent_decode(&raw) {
            Some(v) if !v.is_empty() => Some(v),
            Some(_) => {
                self.issue(key, None, "value must not be empty");
                None
            }
            None => {
                self.issue(key, None, "malformed percent-encoding");
                None
            }
        }
    }

    /// A positive integer id.
    pub fn id(&mut self, key: &str) -> Option<u64> {
        let v = self.string(key)?;
        let id = crate::route::parse_id(&v);
        if id.is_none() {
            self.issue(key, None, "expected a positive integer id");
        }
        id
    }

    /// A comma-separated list of positive integer ids (`id:in=1,2,3`).
    pub fn ids(&mut self, key: &str) -> Vec<u64> {
        let Some(raw) = self.raw(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if raw.is_empty() {
            self.issue(key, None, "value must not be empty");
        }
        for (i, item) in raw.split(',').enumerate().filter(|_| !raw.is_empty()) {
            match percent_decode(item)
                .as_deref()
                .and_then(crate::route::parse_id)
            {
                Some(id) => out.push(id),
                None => self.issue(key, Some(i), "expected a positive integer id"),
            }
        }
        out
    }

    /// A comma-separated list of non-empty strings.
    pub fn list(&mut self, key: &str) -> Vec<String> {
        let Some(raw) = self.raw(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in raw.split(',').enumerate() {
            match percent_decode(item) {
                Some(v) if !v.is_empty() => out.push(v),
                _ => self.issue(
                    key,
                    Some(i),
                    "list items must be non-empty and well encoded",
                ),
            }
        }
        out
    }

    /// `page` (from 1).
    pub fn page(&mut self) -> Option<u32> {
        self.number("page", u32::MAX)
    }

    /// `limit` (1 to 250).
    pub fn limit(&mut self) -> Option<u32> {
        self.number("limit", MAX_LIMIT)
    }

    fn number(&mut self, key: &str, max: u32) -> Option<u32> {
        let v = self.string(key)?;
        match crate::route::parse_id(&v).and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n <= max => Some(n),
            _ => {
                self.issue(key, None, "number out of range or not a whole number");
                None
            }
        }
    }

    /// A V3 date (`2024-05-14` or a date-time).
    pub fn date(&mut self, key: &str) -> Option<V3Date> {
        let v = self.string(key)?;
        let d = V3Date::parse(&v);
        if d.is_none() {
            self.issue(
                key,
                None,
                "expected a date like 2024-05-14 or 2024-05-14T09:34:00",
            );
        }
        d
    }

    /// A V3 date filter: `field`, `field:min`, `field:max`.
    pub fn date_filter(&mut self, field: &str) -> bc_customers_core::query::DateFilter {
        bc_customers_core::query::DateFilter {
            on: self.date(field),
            min: self.date(&format!("{field}:min")),
            max: self.date(&format!("{field}:max")),
        }
    }

    /// A V2 RFC 2822 date.
    pub fn rfc2822(&mut self, key: &str) -> Option<Rfc2822Date> {
        let v = self.string(key)?;
        let d = Rfc2822Date::parse(&v);
        if d.is_none() {
            self.issue(
                key,
                None,
                "expected an RFC 2822 date like `Wed, 10 Jan 2018 21:02:23 +0000`",
            );
        }
        d
    }

    /// `true` or `false`.
    pub fn flag(&mut self, key: &str) -> Option<bool> {
        match self.string(key)?.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                self.issue(key, None, "expected `true` or `false`");
                None
            }
        }
    }

    /// The problems found, if any.
    pub fn finish(self) -> Result<(), Vec<Issue>> {
        if self.issues.is_empty() {
            Ok(())
        } else {
            Err(self.issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_duplicate_parameters_are_refused_without_values() {
        let p = Params::parse("?id:in=1,2&store_hash=evil&id:in=3", &["id:in"]);
        let issues = p.finish().unwrap_err();
        let codes: Vec<_> = issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["unknown_parameter", "duplicate_parameter"]);
        assert!(!format!("{issues:?}").contains("evil"));
    }

    #[test]
    fn typed_values() {
        let mut p = Params::parse(
            "id:in=1,x&limit=251&page=2&is_default=true&name=a%26b",
            &["id:in", "limit", "page", "is_default", "name"],
        );
        assert_eq!(p.ids("id:in"), [1]);
        assert_eq!(p.limit(), None);
        assert_eq!(p.page(), Some(2));
        assert_eq!(p.flag("is_default"), Some(true));
        assert_eq!(p.string("name").as_deref(), Some("a&b"));
        let issues = p.finish().unwrap_err();
        assert_eq!(
            issues.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(),
            ["id:in[1]", "limit"]
        );
    }
}
