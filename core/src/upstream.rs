//! Reading BigCommerce's answers: V3 `{data, meta}` envelopes with their pagination, and error
//! bodies of every documented shape turned into the project's [`Issue`] list, so a 422 from
//! BigCommerce reads like one of our own validation reports.
//!
//! Shapes handled (SUMMARY.md §3.2, §3.3):
//! - V3 collections: `{data: [...], meta: {pagination?, cursor_pagination?}}`; single objects:
//!   `{data: {...}, meta: {}}`.
//! - V3 errors: `{status, title, type, instance?, errors: {<key>: <text>}}` (one issue per key; the
//!   key becomes the path when it looks like a field path or an item index, e.g. `0.email` ->
//!   `[0].email`, `1` -> `[1]`; operation tags such as `.customer_create` give an empty path),
//!   `{status, title, type, detail}`, `{status, title, type, instance}` (404), and metafield batch
//!   results `{data, errors: [Error...], meta}`.
//! - V2 errors: a JSON array `[{status, message}]`, `{errors: [{status, title, type}]}` (customer
//!   groups) and `{status, message}` (207).
//!
//! Every issue's code is `upstream_<http status>` (e.g. `upstream_422`). Messages are
//! BigCommerce's own text, normalised to our style (lower-case start, no trailing period), with
//! anything that looks like an email address replaced by `[redacted]`; [`parse_error_for`] also
//! redacts every string the request carried, since BigCommerce sometimes quotes the rejected
//! value. Any bytes are accepted: a body that is not JSON gives one issue describing the status.

use crate::issue::{push_index, push_key, Issue};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Links of an offset-paginated collection (query strings such as `?page=2&limit=50`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaginationLinks {
    /// The previous page, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// This page.
    #[serde(default)]
    pub current: Option<String>,
    /// The next page, if any.
    #[serde(default)]
    pub next: Option<String>,
}

/// `meta.pagination`: offset pagination of a V3 collection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// Items in the whole result set.
    #[serde(default)]
    pub total: Option<u64>,
    /// Items in this page.
    #[serde(default)]
    pub count: Option<u64>,
    /// Page size (the `limit`).
    #[serde(default)]
    pub per_page: Option<u64>,
    /// This page's number, from 1.
    #[serde(default)]
    pub current_page: Option<u64>,
    /// Number of pages.
    #[serde(default)]
    pub total_pages: Option<u64>,
    /// Links to neighbouring pages.
    #[serde(default)]
    pub links: PaginationLinks,
}

impl Pagination {
    /// Whether a page follows this one.
    pub fn has_next_page(&self) -> bool {
        match (self.current_page, self.total_pages) {
            (Some(current), Some(total)) => current < total,
            _ => self.links.next.as_deref().is_some_and(|l| !l.is_empty()),
        }
    }
}

/// `meta.cursor_pagination`: cursor pagination of a V3 collection (`GET /customers`, form-field
/// values, metafields). Pass `end_cursor` as `after` for the next page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorPagination {
    /// Items in this page.
    #[serde(default)]
    pub count: Option<u64>,
    /// Page size (the `limit`).
    #[serde(default)]
    pub per_page: Option<u64>,
    /// Cursor of the first item of this page (`before` for the previous page).
    #[serde(default)]
    pub start_cursor: Option<String>,
    /// Cursor of the last item of this page (`after` for the next page).
    #[serde(default)]
    pub end_cursor: Option<String>,
    /// Links to neighbouring pages.
    #[serde(default)]
    pub links: PaginationLinks,
}

/// `meta` of a V3 answer. The first page of a cursor-capable collection carries both kinds,
/// later offset pages only `pagination`, and pages fetched with `before`/`after` only
/// `cursor_pagination`; single objects carry neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Offset pagination, when present.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// Cursor pagination, when present.
    #[serde(default)]
    pub cursor_pagination: Option<CursorPagination>,
}

/// A V3 answer: `data` (one object or a list) and its `meta`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// The payload.
    pub data: Value,
    /// Pagination, when the payload is a collection.
    #[serde(default)]
    pub meta: Meta,
}

/// Parses a V3 `{data, meta}` answer. Pagination fields of an unexpected type are dropped
/// rather than failing the whole answer.
///
/// ```
/// use bc_customers_core::upstream::parse_envelope;
/// let body = br#"{"data": [], "meta": {"pagination": {"total": 0, "current_page": 1, "total_pages": 1}}}"#;
/// let envelope = parse_envelope(body).unwrap();
/// assert!(!envelope.meta.pagination.unwrap().has_next_page());
/// ```
pub fn parse_envelope(body: &[u8]) -> Result<Envelope, Issue> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        Issue::new(
            "",
            "upstream_invalid_body",
            "bigcommerce's answer is not valid JSON",
        )
    })?;
    let Value::Object(mut map) = value else {
        return Err(not_an_envelope());
    };
    let Some(data) = map.remove("data") else {
        return Err(not_an_envelope());
    };
    let meta = match map.get("meta") {
        Some(Value::Object(meta)) => Meta {
            pagination: meta
                .get("pagination")
                .and_then(|p| serde_json::from_value(p.clone()).ok()),
            cursor_pagination: meta
                .get("cursor_pagination")
                .and_then(|p| serde_json::from_value(p.clone()).ok()),
        },
        _ => Meta::default(),
    };
    Ok(Envelope { data, meta })
}

fn not_an_envelope() -> Issue {
    Issue::new(
        "",
        "upstream_invalid_body",
        "bigcommerce's answer is not a `{data, meta}` envelope",
    )
}

/// Turns an error answer (any HTTP status, any bytes) into issues coded `upstream_<status>`.
/// Always returns at least one issue.
///
/// ```
/// use bc_customers_core::upstream::parse_error;
/// let body = br#"{"status": 422, "title": "Create customers failed.", "type": "/api-docs",
///                 "errors": {"0.email": "Email is invalid.", ".customer_create": "Error creating customers"}}"#;
/// let issues = parse_error(422, body);
/// assert_eq!(issues[0].path, "");
/// assert_eq!(issues[1].path, "[0].email");
/// assert!(issues.iter().all(|i| i.code == "upstream_422"));
/// ```
pub fn parse_error(status: u16, body: &[u8]) -> Vec<Issue> {
    parse_error_for(status, body, &Value::Null)
}

/// Like [`parse_error`], and also replaces with `[redacted]` every string of the request body
/// that BigCommerce's text repeats.
pub fn parse_error_for(status: u16, body: &[u8], request: &Value) -> Vec<Issue> {
    let code = format!("upstream_{status}");
    let secrets = request_strings(request);
    let mut out = Parser {
        code: &code,
        secrets: &secrets,
        issues: Vec::new(),
    };
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        out.value(&value, "", 0);
    }
    if out.issues.is_empty() {
        out.issues
            .push(Issue::new("", code.clone(), status_message(status)));
    }
    let mut issues = out.issues;
    issues.dedup();
    issues
}

struct Parser<'a> {
    code: &'a str,
    secrets: &'a [String],
    issues: Vec<Issue>,
}

/// Deeper error structures than this are summarised, not walked.
const MAX_DEPTH: usize = 4;
/// Longest message kept from BigCommerce's text.
const MAX_MESSAGE: usize = 500;

impl Parser<'_> {
    fn push(&mut self, path: &str, text: &str) {
        let message = tidy(text, self.secrets);
        if !message.is_empty() {
            self.issues
                .push(Issue::new(path, self.code.to_string(), message));
        }
    }

    /// One error object or list, found at `path` (a path prefix from an enclosing key).
    fn value(&mut self, value: &Value, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Array(items) => {
                for item in items {
                    self.value(item, path, depth + 1);
                }
            }
            Value::Object(map) => self.object(map, path, depth),
            Value::String(s) => self.push(path, s),
            _ => {}
        }
    }

    fn object(&mut self, map: &Map<String, Value>, path: &str, depth: usize) {
        let before = self.issues.len();
        match map.get("errors") {
            Some(Value::Object(errors)) => {
                for (key, text) in errors {
                    let child = join(path, &key_path(key));
                    match text {
                        Value::String(s) => self.push(&child, s),
                        Value::Array(_) | Value::Object(_) => self.value(text, &child, depth + 1),
                        _ => {}
                    }
                }
            }
            Some(Value::Array(errors)) => {
                for e in errors {
                    self.value(e, path, depth + 1);
                }
            }
            _ => {}
        }
        if self.issues.len() > before {
            return;
        }
        // No per-field errors: the summary text is the issue.
        let text = |k: &str| {
            map.get(k)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        };
        let summary = match (text("title"), text("detail"), text("message")) {
            (Some(title), Some(detail), _) => {
                Some(format!("{}: {detail}", title.trim_end_matches('.')))
            }
            (_, Some(detail), _) => Some(detail.to_string()),
            (_, _, Some(message)) => Some(message.to_string()),
            (Some(title), _, _) => Some(title.to_string()),
            _ => None,
        };
        if let Some(s) = summary {
            self.push(path, &s);
        }
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (_, true) => prefix.to_string(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        _ => format!("{prefix}.{path}"),
    }
}

/// The path an error key names: `0.email` and `[0].email` -> `[0].email`, `1` -> `[1]`,
/// `addresses.0.city` -> `addresses[0].city`. Keys that are not paths (operation tags such as
/// `.customer_create`, sentences) name the whole request: empty path.
pub fn key_path(key: &str) -> String {
    let key = key.trim();
    if key.is_empty() || key.starts_with('.') {
        return String::new();
    }
    let mut path = String::new();
    for part in key.split(['.', '[', ']']).filter(|p| !p.is_empty()) {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            match part.parse::<usize>() {
                Ok(i) => push_index(&mut path, i),
                Err(_) => return String::new(),
            }
        } else if part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b':')
        {
            push_key(&mut path, part);
        } else {
            return String::new();
        }
    }
    path
}

/// Enum values and the like that are not personal data, so need not be redacted.
const HARMLESS: &[&str] = &[
    "residential",
    "commercial",
    "string",
    "number",
    "date",
    "marketing_newsletter",
    "abandoned_cart",
    "essential",
    "functional",
    "analytics",
    "targeting",
    "percent",
    "fixed",
    "price",
    "price_list",
    "all",
    "category",
    "product",
    "specific",
    "none",
    "storefront",
    "order",
    "custom",
];

/// Every string of the request worth redacting, longest first.
fn request_strings(request: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![request];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                let t = s.trim();
                if t.chars().count() >= 3 && !HARMLESS.contains(&t) {
                    out.push(t.to_string());
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.dedup();
    out
}

/// Our message style applied to BigCommerce's text: no request values or email addresses, lower
/// case start (unless an acronym), no trailing period, bounded length.
fn tidy(text: &str, secrets: &[String]) -> String {
    let mut s = text.trim().to_string();
    for secret in secrets {
        if s.contains(secret.as_str()) {
            s = s.replace(secret.as_str(), "[redacted]");
        }
    }
    let mut s = redact_emails(&s);
    if s.chars().count() > MAX_MESSAGE {
        s = s.chars().take(MAX_MESSAGE).collect();
    }
    let s = s.trim_end().trim_end_matches('.').trim_end().to_string();
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second)
            if first.is_uppercase() && !second.is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        _ => s,
    }
}

/// Replaces every whitespace-separated token that contains `@` followed by a dot.
fn redact_emails(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let looks_like_email = token
            .split_once('@')
            .is_some_and(|(_, domain)| domain.contains('.'));
        if looks_like_email {
            let trimmed = token.trim_matches(|c: char| "'\"()<>,;:".contains(c));
            out.push_str(&token.replace(trimmed, "[redacted]"));
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in s.chars() {
        if c.is_whitespace() {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// What an HTTP status means for a caller, when BigCommerce's body says nothing usable.
pub fn status_message(status: u16) -> String {
    let what = match status {
        400 => "the request was malformed",
        401 => "the access token is missing or invalid",
        403 => "the access token lacks the scope for this request, or a store limit was reached",
        404 => "the resource was not found",
        405 => "the method is not allowed on this resource",
        409 => "the request conflicts with existing data, e.g. a duplicate email",
        413 => "the request holds too many items",
        415 => "the request's content type is not JSON",
        422 => "the request data is missing fields or is invalid",
        429 => "too many requests: wait for the rate-limit window to reset",
        500..=599 => "bigcommerce failed or is unavailable: retry later",
        200..=299 => "the request was only partly successful",
        _ => "the request failed",
    };
    format!("bigcommerce answered with status {status}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(issues: &[Issue]) -> Vec<(String, String)> {
        issues
            .iter()
            .map(|i| (i.path.clone(), i.code.clone()))
            .collect()
    }

    #[test]
    fn key_paths() {
        assert_eq!(key_path("0.email"), "[0].email");
        assert_eq!(key_path("[2].addresses[0].city"), "[2].addresses[0].city");
        assert_eq!(
            key_path("addresses.1.postal_code"),
            "addresses[1].postal_code"
        );
        assert_eq!(key_path("1"), "[1]");
        assert_eq!(key_path("name"), "name");
        assert_eq!(key_path(".customer_create"), "");
        assert_eq!(key_path("some sentence"), "");
        assert_eq!(key_path("99999999999999999999999"), "");
    }

    #[test]
    fn messages_follow_our_style_and_hide_values() {
        let request = json!([{"email": "Jane.Doe@example.com", "first_name": "Jane"}]);
        let body = br#"{"status":422,"title":"t","type":"x","errors":{"0.email":"Email 'jane.doe@example.com' is in use by Jane."}}"#;
        let issues = parse_error_for(422, body, &request);
        assert_eq!(
            pairs(&issues),
            [("[0].email".into(), "upstream_422".into())]
        );
        let m = &issues[0].message;
        assert!(
            !m.contains("example.com") && !m.contains("Jane") && !m.ends_with('.'),
            "{m}"
        );
        assert!(m.starts_with("email "), "{m}");
        assert_eq!(tidy("SKU is wrong.", &[]), "SKU is wrong");
    }

    #[test]
    fn unknown_bodies_still_give_one_issue() {
        for body in [
            &b""[..],
            b"<html>",
            b"null",
            b"{}",
            b"[]",
            b"42",
            b"\xff\xfe",
        ] {
            let issues = parse_error(503, body);
            assert_eq!(pairs(&issues), [("".into(), "upstream_503".into())]);
        }
    }
}
