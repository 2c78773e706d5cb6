//! JSON error bodies the edge answers with. One shape for every error:
//! `{"status": 422, "code": "validation_failed", "title": "...", "issues": [{path, code, message}]}`.

use bc_customers_core::Issue;
use serde_json::{json, Value};

/// An error answer: HTTP status plus JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// HTTP status code.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

impl Problem {
    /// A problem with a stable code and a short title, and optionally issues.
    pub fn new(status: u16, code: &str, title: &str, issues: &[Issue]) -> Problem {
        Problem {
            status,
            body: json!({"status": status, "code": code, "title": title, "issues": issues}),
        }
    }

    /// 422 with the issues found by `core`.
    pub fn invalid(issues: &[Issue]) -> Problem {
        Problem::new(
            422,
            "validation_failed",
            "the request body is not valid",
            issues,
        )
    }
}
