//! The one error shape used everywhere: `{path, code, message}`.
//!
//! `path` locates the problem inside the payload (`[3].addresses[0].postal_code`), `code` is a
//! stable snake_case string (the contract; tests assert codes, never messages), and `message` is
//! a human sentence that never contains the rejected value, because that value is personal data.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem found in a payload, a query or an upstream answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Issue {
    /// Where the problem is, e.g. `[0].addresses[1].postal_code`; empty for the whole value.
    pub path: String,
    /// Stable snake_case code, e.g. `too_long`, `required`, `invalid_country_code`.
    pub code: String,
    /// Human-readable explanation; never contains the rejected value.
    pub message: String,
}

impl Issue {
    /// Builds an issue from its three parts.
    pub fn new(
        path: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Issue {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{}: {}: {}", self.path, self.code, self.message)
        }
    }
}

/// The outcome of validating one payload: errors block the request, warnings do not
/// (for example read-only fields that were accepted but will not be forwarded).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Problems that make the payload unacceptable to BigCommerce.
    pub errors: Vec<Issue>,
    /// Problems that were tolerated, e.g. read-only fields that will be stripped.
    pub warnings: Vec<Issue>,
}

impl Report {
    /// True when there are no errors (warnings do not count).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// Sorts both lists by path, then code, and removes exact duplicates, so that output is
    /// deterministic whatever order the rules ran in.
    pub fn finish(mut self) -> Self {
        for list in [&mut self.errors, &mut self.warnings] {
            list.sort_unstable_by(|a, b| path_order(&a.path, &b.path).then_with(|| a.cmp(b)));
            list.dedup();
        }
        self
    }
}

/// Orders paths so that `[2]` comes before `[10]` and a parent before its children.
fn path_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (sa, sb) = (segments(a), segments(b));
    sa.cmp(&sb)
}

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Segment {
    /// An array index.
    Index(usize),
    /// An object key.
    Key(String),
}

/// Splits a rendered path back into its segments (keys and indexes), e.g. for Standard Schema
/// issue paths in JavaScript.
///
/// ```
/// use bc_customers_core::issue::{segments, Segment};
/// assert_eq!(
///     segments("[0].addresses[1].postal_code"),
///     vec![
///         Segment::Index(0),
///         Segment::Key("addresses".into()),
///         Segment::Index(1),
///         Segment::Key("postal_code".into()),
///     ]
/// );
/// ```
pub fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => i += 1,
            b'[' => {
                let rest = &path[i + 1..];
                if rest.starts_with('"') {
                    // A quoted key: JSON string syntax up to the closing `"]`.
                    let mut j = 1;
                    let rb = rest.as_bytes();
                    while j < rb.len() && !(rb[j] == b'"' && rb[j - 1] != b'\\') {
                        j += 1;
                    }
                    let quoted = &rest[..(j + 1).min(rest.len())];
                    let key: String =
                        serde_json::from_str(quoted).unwrap_or_else(|_| quoted.to_string());
                    out.push(Segment::Key(key));
                    i += 1 + j + 2;
                } else {
                    let end = rest.find(']').unwrap_or(rest.len());
                    match rest[..end].parse() {
                        Ok(n) => out.push(Segment::Index(n)),
                        Err(_) => out.push(Segment::Key(rest[..end].to_string())),
                    }
                    i += 1 + end + 1;
                }
            }
            _ => {
                let rest = &path[i..];
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                out.push(Segment::Key(rest[..end].to_string()));
                i += end;
            }
        }
    }
    out
}

/// Appends a key to a rendered path, quoting keys that are not plain identifiers so that the
/// path stays unambiguous (`a["odd.key"]`).
pub fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b':');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

/// Appends an array index to a rendered path.
pub fn push_index(path: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(path, "[{index}]");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_and_parse_back() {
        let mut p = String::new();
        push_index(&mut p, 3);
        push_key(&mut p, "addresses");
        push_index(&mut p, 0);
        push_key(&mut p, "odd.key\"x");
        assert_eq!(p, r#"[3].addresses[0]["odd.key\"x"]"#);
        assert_eq!(
            segments(&p),
            vec![
                Segment::Index(3),
                Segment::Key("addresses".into()),
                Segment::Index(0),
                Segment::Key("odd.key\"x".into())
            ]
        );
    }

    #[test]
    fn finish_sorts_numerically_and_dedups() {
        let r = Report {
            errors: vec![
                Issue::new("[10].email", "required", "m"),
                Issue::new("[2].email", "required", "m"),
                Issue::new("[2].email", "required", "m"),
            ],
            warnings: vec![],
        }
        .finish();
        let paths: Vec<_> = r.errors.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["[2].email", "[10].email"]);
    }
}
