//! `/v3/customers/subscribers`: newsletter sign-ups. Bodies are validated by `core` before
//! anything is forwarded; read-only fields are stripped.

use crate::problem::Problem;
use bc_customers_core::{Issue, Operation};
use serde_json::Value;

/// What to do with a subscriber create request.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateDecision {
    /// Send this body upstream; `warnings` were tolerated.
    Forward {
        /// The cleaned body.
        body: Value,
        /// Tolerated problems, e.g. read-only fields dropped.
        warnings: Vec<Issue>,
    },
    /// Answer with this problem; nothing is forwarded.
    Reject(Problem),
}

/// Decides on a `POST /v3/customers/subscribers` body given as text.
pub fn decide_create(body: &str) -> CreateDecision {
    let value = match bc_customers_core::ops::parse_json(body) {
        Ok(v) => v,
        Err(issue) => return CreateDecision::Reject(Problem::invalid(&[issue])),
    };
    match Operation::V3SubscribersCreate.prepare(value) {
        Ok(p) => CreateDecision::Forward {
            body: p.body,
            warnings: p.warnings,
        },
        Err(report) => CreateDecision::Reject(Problem::invalid(&report.errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bodies_are_rejected_with_issues_and_no_values() {
        let CreateDecision::Reject(p) = decide_create(r#"{"email":"jane(at)example.com"}"#) else {
            panic!("expected a rejection")
        };
        assert_eq!(p.status, 422);
        assert_eq!(p.body["issues"][0]["code"], "invalid_email");
        assert!(!p.body.to_string().contains("jane(at)"));
    }

    #[test]
    fn valid_bodies_are_forwarded_without_read_only_fields() {
        let CreateDecision::Forward { body, warnings } =
            decide_create(r#"{"email":"jane@example.com","id":7}"#)
        else {
            panic!("expected forwarding")
        };
        assert_eq!(body, serde_json::json!({"email": "jane@example.com"}));
        assert_eq!(warnings[0].code, "read_only");
    }
}
