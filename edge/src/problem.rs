//! JSON error bodies the edge answers with. One shape for every error:
//! `{"status": 422, "code": "validation_failed", "title": "...", "issues": [{path, code, message}]}`.
//!
//! The `code` is the contract (clients branch on it); titles and messages may change. Bodies
//! never echo a rejected value, a header, a token or a key: only paths, codes and fixed text.

use bc_customers_core::Issue;
use serde_json::{json, Value};

/// An error answer: HTTP status, JSON body, and extra response headers (`Allow`,
/// `Retry-After`, `WWW-Authenticate`).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// HTTP status code.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
    /// Extra response headers.
    pub headers: Vec<(String, String)>,
}

impl Problem {
    /// A problem with a stable code and a short title, and optionally issues.
    pub fn new(status: u16, code: &str, title: &str, issues: &[Issue]) -> Problem {
        Problem {
            status,
            body: json!({"status": status, "code": code, "title": title, "issues": issues}),
            headers: Vec::new(),
        }
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Problem {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The stable code of this problem.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// 422 with the issues found by `core`.
    pub fn invalid(issues: &[Issue]) -> Problem {
        Problem::new(422, "validation_failed", "the request is not valid", issues)
    }

    /// 401: no credentials, or credentials that do not check out.
    pub fn unauthorized(code: &str, title: &str) -> Problem {
        Problem::new(401, code, title, &[]).with_header("WWW-Authenticate", "Bearer")
    }

    /// 403: the caller is known but may not do this.
    pub fn forbidden(code: &str, title: &str) -> Problem {
        Problem::new(403, code, title, &[])
    }

    /// 404 for a path the edge does not serve.
    pub fn not_found() -> Problem {
        Problem::new(404, "not_found", "no such route", &[])
    }

    /// 405 with the `Allow` header.
    pub fn method_not_allowed(allow: &str) -> Problem {
        Problem::new(
            405,
            "method_not_allowed",
            "this route does not accept that method",
            &[],
        )
        .with_header("Allow", allow)
    }

    /// 413: the body is larger than `EDGE_MAX_BODY_BYTES`.
    pub fn too_large(max: usize) -> Problem {
        Problem::new(
            413,
            "payload_too_large",
            &format!("request bodies are limited to {max} bytes"),
            &[],
        )
    }

    /// 415: a write without `Content-Type: application/json`.
    pub fn unsupported_media_type() -> Problem {
        Problem::new(
            415,
            "unsupported_media_type",
            "send the body as `Content-Type: application/json`",
            &[],
        )
    }

    /// 429 with `Retry-After` in seconds.
    pub fn rate_limited(code: &str, title: &str, retry_after_s: u64) -> Problem {
        Problem::new(429, code, title, &[]).with_header("Retry-After", retry_after_s.to_string())
    }
}
