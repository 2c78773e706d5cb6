//! Executing a plan against BigCommerce, as pure decisions: the retry policy, how each upstream
//! answer (or timeout) becomes the edge's answer, and how a batch's calls merge into one
//! answer. The glue does the fetches, waits and timeouts and calls these functions.
//!
//! Retries (`core::rate_limit::decide_retry_for`): a 429 waits as the headers say (the longer
//! of `X-Retry-After` and `X-Rate-Limit-Time-Reset-Ms`, at most `EDGE_MAX_RETRY_WAIT_MS`;
//! longer waits are not attempted and the caller gets 429 with `Retry-After`); 5xx, timeouts and
//! network errors are retried with backoff only when repeating is safe. A `POST` that creates
//! records is retried after a 429 (BigCommerce did not process it) but never after an
//! ambiguous failure, so a create is never sent twice blindly.
//!
//! Answers: 2xx bodies must be JSON with a JSON content type (else 502
//! `upstream_invalid_response`); 401/403 mean the edge's own token was refused (502
//! `upstream_auth_failed`, the caller cannot fix it); other 4xx keep their status with
//! BigCommerce's error turned into issues by `core::upstream` (values redacted); 5xx are 502
//! `upstream_error`, timeouts 504 `upstream_timeout`.

use crate::plan::{reindex, Shape};
use crate::problem::Problem;
use bc_customers_core::batch::{merge_results, BatchPlan, CallOutcome, RecordOutcome};
use bc_customers_core::rate_limit::{Outcome, RateLimitState, RetryPolicy};
use bc_customers_core::request::RequestDescriptor;
use bc_customers_core::upstream::parse_error_for;
use bc_customers_core::Issue;
use serde_json::{json, Value};

/// What BigCommerce answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`, if any.
    pub content_type: Option<String>,
    /// Whether the answer carried `Set-Cookie` (never cached).
    pub set_cookie: bool,
    /// The rate-limit headers (`X-Rate-Limit-*`, `X-Retry-After`).
    pub rate_headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// The result of one upstream attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum CallResult {
    /// An answer.
    Answer(Answer),
    /// No answer within `EDGE_UPSTREAM_TIMEOUT_MS`.
    Timeout,
    /// The connection failed.
    NetworkError,
}

impl CallResult {
    /// As `core::rate_limit` sees it.
    pub fn outcome(&self) -> Outcome {
        match self {
            CallResult::Answer(a) => Outcome::Status(a.status),
            CallResult::Timeout => Outcome::Timeout,
            CallResult::NetworkError => Outcome::NetworkError,
        }
    }

    /// The rate-limit headers (empty without an answer).
    pub fn rate_headers(&self) -> &[(String, String)] {
        match self {
            CallResult::Answer(a) => &a.rate_headers,
            _ => &[],
        }
    }
}

/// True for the headers the retry logic reads.
pub fn is_rate_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("x-rate-limit-") || n == "x-retry-after"
}

/// The edge's retry policy: 3 attempts, waits up to `max_wait_ms`, backoff from 250 ms.
pub fn retry_policy(max_wait_ms: u64) -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        max_wait_ms,
        base_backoff_ms: 250,
    }
}

/// The edge's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON text, or `None` for an empty body (204).
    pub body: Option<String>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// May be stored in the cache (for a cacheable read).
    pub storable: bool,
}

impl Reply {
    /// A problem as a reply.
    pub fn problem(p: &Problem) -> Reply {
        Reply {
            status: p.status,
            body: Some(p.body.to_string()),
            headers: p.headers.clone(),
            storable: false,
        }
    }

    /// A JSON value as a 200 reply (not storable).
    pub fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            body: Some(v.to_string()),
            headers: Vec::new(),
            storable: false,
        }
    }
}

/// A JSON content type (`application/json`, `application/problem+json`, ...).
pub(crate) fn is_json_type(ct: Option<&str>) -> bool {
    ct.map(|c| c.to_ascii_lowercase())
        .is_some_and(|c| c.starts_with("application/json") || c.contains("+json"))
}

fn retry_after_s(a: &Answer) -> u64 {
    RateLimitState::from_headers(&a.rate_headers)
        .server_wait_ms()
        .map(|ms| ms.div_ceil(1000))
        .unwrap_or(1)
        .max(1)
}

/// Turns a final failure into the edge's problem.
pub fn failure_problem(request: &RequestDescriptor, result: &CallResult) -> Problem {
    match result {
        CallResult::Timeout => Problem::new(
            504,
            "upstream_timeout",
            if request.creates_records() {
                "BigCommerce did not answer in time; the records may have been created, check before sending again"
            } else {
                "BigCommerce did not answer in time"
            },
            &[],
        ),
        CallResult::NetworkError => Problem::new(
            502,
            "upstream_unreachable",
            // The connection may have dropped after the request was sent.
            if request.creates_records() {
                "the connection to BigCommerce failed; the records may have been created, check before sending again"
            } else {
                "BigCommerce could not be reached"
            },
            &[],
        ),
        CallResult::Answer(a) => {
            let empty = Value::Null;
            let sent = request.body.as_ref().unwrap_or(&empty);
            match a.status {
                401 | 403 => Problem::new(
                    502,
                    "upstream_auth_failed",
                    "BigCommerce refused the edge's store credentials",
                    &[],
                ),
                429 => Problem::rate_limited(
                    "upstream_rate_limited",
                    "the store's API quota is used up; retry later",
                    retry_after_s(a),
                ),
                400..=499 => Problem::new(
                    a.status,
                    if a.status == 404 {
                        "not_found"
                    } else {
                        "upstream_rejected"
                    },
                    "BigCommerce refused the request",
                    &parse_error_for(a.status, &a.body, sent),
                ),
                _ => Problem::new(
                    502,
                    "upstream_error",
                    if request.creates_records() {
                        "BigCommerce failed; the records may have been created, check before sending again"
                    } else {
                        "BigCommerce failed to answer"
                    },
                    &[],
                ),
            }
        }
    }
}

/// The edge's answer to a single call.
pub fn single_reply(request: &RequestDescriptor, result: &CallResult, shape: Shape) -> Reply {
    if shape == Shape::PublicCustomer {
        let reply = single_reply(request, result, Shape::PassThrough);
        return crate::signup::public_reply(reply);
    }
    let CallResult::Answer(a) = result else {
        return Reply::problem(&failure_problem(request, result));
    };
    if !(200..300).contains(&a.status) {
        return Reply::problem(&failure_problem(request, result));
    }
    if a.body.iter().all(u8::is_ascii_whitespace) {
        return Reply {
            status: a.status,
            body: None,
            headers: Vec::new(),
            storable: false,
        };
    }
    let invalid = || {
        Reply::problem(&Problem::new(
            502,
            "upstream_invalid_response",
            // A 2xx with a broken body: the write most likely happened.
            if request.creates_records() {
                "BigCommerce answered with something that is not JSON; the records may have been created, check before sending again"
            } else {
                "BigCommerce answered with something that is not JSON"
            },
            &[],
        ))
    };
    if !is_json_type(a.content_type.as_deref()) {
        return invalid();
    }
    let Ok(value) = serde_json::from_slice::<Value>(&a.body) else {
        return invalid();
    };
    let storable = crate::cache::is_storable(a.status, a.set_cookie);
    match shape {
        Shape::PassThrough | Shape::PublicCustomer => Reply {
            status: a.status,
            body: Some(String::from_utf8_lossy(&a.body).into_owned()),
            headers: Vec::new(),
            storable,
        },
        Shape::FirstItem => match value.get("data") {
            Some(Value::Array(items)) if !items.is_empty() => Reply {
                status: a.status,
                body: Some(json!({"data": items[0], "meta": {}}).to_string()),
                headers: Vec::new(),
                storable,
            },
            Some(Value::Array(_)) => Reply::problem(&Problem::new(
                404,
                "not_found",
                "BigCommerce has no such record",
                &[],
            )),
            _ => invalid(),
        },
    }
}

/// The edge's answer to a batch: when the plan is one call, BigCommerce's answer as for a single
/// call; otherwise one merged body
/// `{data: [written records in input order], results: [{index, status, code?}], errors, warnings,
/// meta: {total, success, failed, calls}}` with status 200 (all written), 207 (some), or the
/// common failure status when none was written (422, 429, 502/504).
pub fn batch_reply(plan: &BatchPlan, results: &[CallResult]) -> Reply {
    if plan.calls.len() == 1 && plan.issues.is_empty() {
        if let Some(r) = results.first() {
            return single_reply(&plan.calls[0].request, r, Shape::PassThrough);
        }
    }
    let mut extra: Vec<Issue> = Vec::new();
    let mut statuses: Vec<u16> = Vec::new();
    let outcomes: Vec<CallOutcome> = results
        .iter()
        .zip(&plan.calls)
        .map(|(r, call)| match r {
            CallResult::Answer(a) => {
                let body = serde_json::from_slice(&a.body).unwrap_or(Value::Null);
                let status =
                    if (200..300).contains(&a.status) && body.is_null() && !a.body.is_empty() {
                        502
                    } else {
                        a.status
                    };
                if (400..500).contains(&status) && status != 429 {
                    let sent = call.request.body.clone().unwrap_or(Value::Null);
                    for issue in parse_error_for(status, &a.body, &sent) {
                        // `[k]…` of the call's body is `[indexes[k]]…` of the caller's input.
                        if let Some(k) = leading_index(&issue.path) {
                            if let Some(&i) = call.indexes.get(k) {
                                let tail = issue.path.split_once(']').map(|(_, t)| t).unwrap_or("");
                                extra.push(reindex(
                                    Issue::new(format!("[0]{tail}"), issue.code, issue.message),
                                    i,
                                ));
                            }
                        }
                    }
                }
                statuses.push(status);
                CallOutcome { status, body }
            }
            CallResult::Timeout => {
                statuses.push(504);
                CallOutcome {
                    status: 504,
                    body: Value::Null,
                }
            }
            CallResult::NetworkError => {
                statuses.push(502);
                CallOutcome {
                    status: 502,
                    body: Value::Null,
                }
            }
        })
        .collect();
    let merged = merge_results(plan, &outcomes);
    let mut data = Vec::new();
    let mut results_out = Vec::new();
    let (mut success, mut failed) = (0, 0);
    for r in &merged.records {
        let (status, code) = match &r.outcome {
            RecordOutcome::Done(v) => {
                data.push(v.clone());
                success += 1;
                ("done", None)
            }
            RecordOutcome::SkippedDuplicate => {
                success += 1;
                ("skipped_duplicate", None)
            }
            RecordOutcome::Failed(c) => {
                failed += 1;
                ("failed", Some(c.clone()))
            }
            RecordOutcome::NotSent(c) => {
                failed += 1;
                ("not_sent", Some(c.clone()))
            }
        };
        let mut item = json!({"index": r.index, "status": status});
        if let Some(c) = code {
            item["code"] = Value::String(c);
        }
        results_out.push(item);
    }
    let mut errors = merged.report.errors;
    errors.extend(extra);
    let status = if failed == 0 {
        200
    } else if success > 0 {
        207
    } else {
        let failing: Vec<u16> = statuses
            .iter()
            .copied()
            .filter(|s| !(200..300).contains(s))
            .collect();
        match failing.first() {
            Some(&first) if failing.iter().all(|&s| s == first) && (400..500).contains(&first) => {
                first
            }
            Some(&504) if failing.iter().all(|&s| s == 504) => 504,
            _ => 502,
        }
    };
    let body = json!({
        "data": data,
        "results": results_out,
        "errors": errors,
        "warnings": merged.report.warnings,
        "meta": {"total": plan.input_len, "success": success, "failed": failed, "calls": plan.calls.len()},
    });
    Reply {
        status,
        body: Some(body.to_string()),
        headers: Vec::new(),
        storable: false,
    }
}

fn leading_index(path: &str) -> Option<usize> {
    path.strip_prefix('[')?.split_once(']')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bc_customers_core::batch::plan_customer_creates;
    use bc_customers_core::request::v3;

    fn answer(status: u16, ct: &str, body: &str) -> CallResult {
        CallResult::Answer(Answer {
            status,
            content_type: Some(ct.into()),
            set_cookie: false,
            rate_headers: vec![],
            body: body.as_bytes().to_vec(),
        })
    }

    #[test]
    fn upstream_faults_become_clear_gateway_errors() {
        let r = v3::get_subscriber(1);
        assert_eq!(
            single_reply(
                &r,
                &answer(500, "application/json", "{}"),
                Shape::PassThrough
            )
            .status,
            502
        );
        assert_eq!(
            single_reply(&r, &answer(200, "text/html", "<html>"), Shape::PassThrough).status,
            502
        );
        assert_eq!(
            single_reply(
                &r,
                &answer(200, "application/json", "{\"data\":"),
                Shape::PassThrough
            )
            .status,
            502
        );
        assert_eq!(
            single_reply(&r, &CallResult::Timeout, Shape::PassThrough).status,
            504
        );
        assert_eq!(
            single_reply(
                &r,
                &answer(401, "application/json", "{}"),
                Shape::PassThrough
            )
            .status,
            502
        );
        let ok = single_reply(
            &r,
            &answer(200, "application/json; charset=utf-8", "{\"data\":{}}"),
            Shape::PassThrough,
        );
        assert_eq!((ok.status, ok.storable), (200, true));
    }

    #[test]
    fn ambiguous_failures_of_a_create_say_the_record_may_exist() {
        let create = v3::create_subscriber(serde_json::json!({"email": "a@example.com"}));
        let read = v3::get_subscriber(1);
        let ambiguous = [
            answer(200, "application/json", "{\"data\":"),
            answer(201, "text/html", "<html>"),
            answer(500, "application/json", "{}"),
            CallResult::Timeout,
            CallResult::NetworkError,
        ];
        for result in &ambiguous {
            let text = |r: &RequestDescriptor| {
                single_reply(r, result, Shape::PassThrough)
                    .body
                    .unwrap_or_default()
            };
            assert!(
                text(&create).contains("may have been created"),
                "{result:?}"
            );
            assert!(!text(&read).contains("may have been created"), "{result:?}");
        }
        // A refusal is not ambiguous.
        let refused = single_reply(
            &create,
            &answer(422, "application/json", "{\"status\":422,\"title\":\"x\"}"),
            Shape::PassThrough,
        );
        assert!(!refused.body.unwrap_or_default().contains("may have been"));
    }

    #[test]
    fn rate_limited_answers_say_when_to_retry() {
        let r = v3::get_subscriber(1);
        let a = CallResult::Answer(Answer {
            status: 429,
            content_type: None,
            set_cookie: false,
            rate_headers: vec![("X-Retry-After".into(), "40".into())],
            body: vec![],
        });
        let reply = single_reply(&r, &a, Shape::PassThrough);
        assert_eq!(reply.status, 429);
        assert!(reply.headers.contains(&("Retry-After".into(), "40".into())));
    }

    #[test]
    fn batch_failures_are_reported_against_the_callers_indexes() {
        let records: Vec<Value> = (0..12)
            .map(|i| json!({"email": format!("c{i}@example.com"), "first_name": "A", "last_name": "B"}))
            .collect();
        let plan = plan_customer_creates(records);
        let first: Vec<Value> = (0..10)
            .map(|i| json!({"id": i + 1, "email": format!("c{i}@example.com")}))
            .collect();
        let results = vec![
            answer(
                200,
                "application/json",
                &json!({"data": first, "meta": {}}).to_string(),
            ),
            answer(
                422,
                "application/json",
                r#"{"status":422,"title":"bad","type":"t","errors":{"1.email":"taken"}}"#,
            ),
        ];
        let reply = batch_reply(&plan, &results);
        assert_eq!(reply.status, 207);
        let body: Value = serde_json::from_str(reply.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["meta"]["success"], 10);
        assert_eq!(body["results"][11]["status"], "failed");
        assert!(body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["path"] == "[11].email"));
    }
}
