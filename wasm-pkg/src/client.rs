//! `EdgeClient`: a browser client for the bc-customers edge (feature `client`), over `gloo-net`.
//!
//! Each method validates its input with `core` first (the same rules the edge applies), sends
//! nothing when it is invalid, and resolves to data, never a rejection: `{value}` (the `data` of
//! the edge's answer) or `{issues}`. The edge's 422 issues come back as they are (paths turned
//! into arrays like the validators'); any other failure is one issue `http_<status>` (with
//! `status`), or `network_error` when no answer came.
//!
//! | method | edge call | validated with |
//! |---|---|---|
//! | `subscribe(body)` | `POST /v3/customers/subscribers` | `v3.subscribers.create` |
//! | `signUp(customer)` | `POST /signup` | `v3.customers.create` (one customer) |
//! | `getMe()` | `GET /me` | — |
//! | `updateMe(patch)` | `PUT /me` | `v3.customers.update` (one customer) |
//!
//! The decisions (what to send, how an answer becomes a result) are plain functions tested
//! natively; only the fetch is wasm32.

// Natively only the tests call the decisions.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use crate::{js_issues, to_json, JsIssue};
use bc_customers_core::{Issue, Operation};
use serde::Serialize;
use serde_json::Value;

/// One of the client's calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Call {
    Subscribe,
    SignUp,
    GetMe,
    UpdateMe,
}

impl Call {
    pub(crate) fn method(self) -> &'static str {
        match self {
            Call::Subscribe | Call::SignUp => "POST",
            Call::GetMe => "GET",
            Call::UpdateMe => "PUT",
        }
    }

    pub(crate) fn path(self) -> &'static str {
        match self {
            Call::Subscribe => "/v3/customers/subscribers",
            Call::SignUp => "/signup",
            Call::GetMe | Call::UpdateMe => "/me",
        }
    }
}

#[derive(Serialize)]
struct Failure {
    issues: Vec<JsIssue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
}

/// JSON text of `{issues, status?}`.
pub(crate) fn failure(issues: Vec<Issue>, status: Option<u16>) -> String {
    to_json(&Failure {
        issues: js_issues(issues),
        status,
    })
}

/// `[0].email` (from validating a one-element array) as `email`.
fn relative(mut issue: Issue) -> Issue {
    if let Some(rest) = issue.path.strip_prefix("[0]") {
        issue.path = rest.trim_start_matches('.').to_string();
    }
    issue
}

/// The body to send for `call`, given the caller's value as JSON text (`None`: not
/// representable as JSON, e.g. `undefined`); `Err` with the issues when it is invalid.
pub(crate) fn request_body(call: Call, input: Option<&str>) -> Result<Option<String>, Vec<Issue>> {
    if call == Call::GetMe {
        return Ok(None);
    }
    let Some(text) = input else {
        return Err(vec![Issue::new(
            "",
            "invalid_type",
            "expected an object that can be written as JSON",
        )]);
    };
    let value = bc_customers_core::ops::parse_json(text).map_err(|i| vec![i])?;
    if !value.is_object() {
        return Err(vec![Issue::new("", "invalid_type", "expected an object")]);
    }
    let (op, checked) = match call {
        Call::Subscribe => (Operation::V3SubscribersCreate, value.clone()),
        Call::SignUp => (
            Operation::V3CustomersCreate,
            Value::Array(vec![value.clone()]),
        ),
        _ => {
            // The edge fills in the shopper's id; validate as the update it becomes.
            let mut one = value.clone();
            if let Some(o) = one.as_object_mut() {
                o.entry("id").or_insert(Value::from(1));
            }
            (Operation::V3CustomersUpdate, Value::Array(vec![one]))
        }
    };
    match op.prepare(checked) {
        Ok(p) if call == Call::Subscribe => Ok(Some(p.body.to_string())),
        // One customer: sent as the caller wrote it (the edge wraps and checks it again).
        Ok(_) => Ok(Some(value.to_string())),
        Err(report) => Err(report.errors.into_iter().map(relative).collect()),
    }
}

/// The result for an answer of the edge: JSON text of `{value}` or `{issues, status?}`.
pub(crate) fn outcome(status: u16, body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    if (200..300).contains(&status) {
        let value = match parsed {
            Some(Value::Object(mut o)) if o.contains_key("data") => {
                o.remove("data").unwrap_or(Value::Null)
            }
            Some(v) => v,
            None => Value::Null,
        };
        return to_json(&serde_json::json!({ "value": value }));
    }
    let edge_issues = || -> Vec<Issue> {
        parsed
            .as_ref()
            .and_then(|v| v["issues"].as_array())
            .map(|list| {
                list.iter()
                    .map(|i| {
                        Issue::new(
                            i["path"].as_str().unwrap_or(""),
                            i["code"].as_str().unwrap_or("invalid"),
                            i["message"]
                                .as_str()
                                .unwrap_or("the edge refused this value"),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    if status == 422 {
        let issues = edge_issues();
        if !issues.is_empty() {
            return failure(issues, Some(status));
        }
    }
    let title = parsed
        .as_ref()
        .and_then(|v| v["title"].as_str())
        .unwrap_or("the edge refused the request");
    let mut issues = vec![Issue::new("", format!("http_{status}"), title)];
    issues.extend(edge_issues());
    failure(issues, Some(status))
}

#[cfg(target_arch = "wasm32")]
mod glue {
    use super::{failure, outcome, request_body, Call};
    use bc_customers_core::Issue;
    use gloo_net::http::Request;
    use wasm_bindgen::prelude::*;

    /// A client for the bc-customers edge at `baseUrl` (`""`: the page's own origin).
    #[wasm_bindgen]
    pub struct EdgeClient {
        base: String,
        token: Option<String>,
    }

    fn parse(text: &str) -> JsValue {
        js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
    }

    async fn run(base: String, token: Option<String>, call: Call, input: Option<String>) -> String {
        let body = match request_body(call, input.as_deref()) {
            Ok(b) => b,
            Err(issues) => return failure(issues, None),
        };
        let url = format!("{base}{}", call.path());
        let mut builder = match call.method() {
            "GET" => Request::get(&url),
            "PUT" => Request::put(&url),
            _ => Request::post(&url),
        }
        .header("accept", "application/json");
        if let Some(t) = &token {
            builder = builder.header("authorization", &format!("Bearer {t}"));
        }
        let request = match body {
            Some(b) => builder.header("content-type", "application/json").body(b),
            None => builder.build(),
        };
        let sent = match request {
            Ok(r) => r.send().await,
            Err(e) => Err(e),
        };
        match sent {
            Ok(resp) => {
                let text = resp.text().await.unwrap_or_default();
                outcome(resp.status(), &text)
            }
            Err(_) => failure(
                vec![Issue::new(
                    "",
                    "network_error",
                    "the edge could not be reached",
                )],
                None,
            ),
        }
    }

    fn json_text(value: &JsValue) -> Option<String> {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| JsValue::from(s).as_string())
    }

    #[wasm_bindgen]
    impl EdgeClient {
        /// `new EdgeClient(baseUrl, { token? })`; `token` is a server key or a shopper's
        /// Current Customer JWT, sent as `Authorization: Bearer`.
        #[wasm_bindgen(constructor)]
        pub fn new(base_url: &str, options: JsValue) -> EdgeClient {
            let token = js_sys::Reflect::get(&options, &JsValue::from_str("token"))
                .ok()
                .and_then(|t| t.as_string())
                .filter(|t| !t.is_empty());
            EdgeClient {
                base: base_url.trim_end_matches('/').to_string(),
                token,
            }
        }

        fn start(&self, call: Call, input: Option<String>) -> js_sys::Promise {
            let (base, token) = (self.base.clone(), self.token.clone());
            wasm_bindgen_futures::future_to_promise(async move {
                Ok(parse(&run(base, token, call, input).await))
            })
        }

        /// Newsletter sign-up.
        pub fn subscribe(&self, body: JsValue) -> js_sys::Promise {
            self.start(Call::Subscribe, json_text(&body))
        }

        /// Account sign-up (one customer).
        #[wasm_bindgen(js_name = signUp)]
        pub fn sign_up(&self, customer: JsValue) -> js_sys::Promise {
            self.start(Call::SignUp, json_text(&customer))
        }

        /// The logged-in shopper's own record.
        #[wasm_bindgen(js_name = getMe)]
        pub fn get_me(&self) -> js_sys::Promise {
            self.start(Call::GetMe, None)
        }

        /// Changes the logged-in shopper's own record.
        #[wasm_bindgen(js_name = updateMe)]
        pub fn update_me(&self, patch: JsValue) -> js_sys::Promise {
            self.start(Call::UpdateMe, json_text(&patch))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_is_issues_and_nothing_to_send() {
        let e = request_body(Call::Subscribe, Some(r#"{"email":"nope"}"#)).unwrap_err();
        assert_eq!(e[0].code, "invalid_email");
        let e = request_body(Call::SignUp, Some(r#"{"email":"a@example.com"}"#)).unwrap_err();
        assert!(e.iter().any(|i| i.path == "first_name"), "{e:?}");
        assert!(e.iter().all(|i| !i.path.starts_with('[')));
        assert_eq!(
            request_body(Call::UpdateMe, None).unwrap_err()[0].code,
            "invalid_type"
        );
        assert_eq!(
            request_body(Call::SignUp, Some("[]")).unwrap_err()[0].code,
            "invalid_type"
        );
    }

    #[test]
    fn valid_input_is_sent() {
        let b = request_body(Call::Subscribe, Some(r#"{"email":"a@example.com","id":3}"#))
            .unwrap()
            .unwrap();
        assert_eq!(b, r#"{"email":"a@example.com"}"#);
        let b = request_body(Call::UpdateMe, Some(r#"{"first_name":"J"}"#)).unwrap();
        assert_eq!(b.as_deref(), Some(r#"{"first_name":"J"}"#));
        assert_eq!(request_body(Call::GetMe, None).unwrap(), None);
    }

    #[test]
    fn answers_become_value_or_issues() {
        let ok: Value =
            serde_json::from_str(&outcome(200, r#"{"data":{"id":1},"meta":{}}"#)).unwrap();
        assert_eq!(ok, serde_json::json!({"value": {"id": 1}}));
        let bad: Value = serde_json::from_str(&outcome(
            422,
            r#"{"status":422,"code":"invalid","title":"t","issues":[{"path":"addresses[0].city","code":"too_long","message":"m"}]}"#,
        ))
        .unwrap();
        assert_eq!(
            bad["issues"][0]["path"],
            serde_json::json!(["addresses", 0, "city"])
        );
        assert_eq!(bad["issues"][0]["code"], "too_long");
        let denied: Value =
            serde_json::from_str(&outcome(401, r#"{"title":"no","code":"x"}"#)).unwrap();
        assert_eq!(denied["issues"][0]["code"], "http_401");
        assert_eq!(denied["status"], 401);
        let html: Value = serde_json::from_str(&outcome(502, "<html>")).unwrap();
        assert_eq!(html["issues"][0]["code"], "http_502");
    }
}
