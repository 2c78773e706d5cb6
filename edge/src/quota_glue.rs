//! Runtime side of [`crate::quota`] for a request: asking the store's `Quota` object (binding
//! `QUOTA`) for a token before each upstream call and reporting the answer's rate-limit headers
//! after it, and sending a cache miss to its `Coalescer` object (binding `COALESCER`). Only cache
//! misses and writes get here: a cache hit never calls an object. If an object cannot be
//! reached the call goes ahead unmetered (as with `EDGE_QUOTA_MODE=off`). Nothing here logs.

use crate::config::Config;
use crate::quota::{
    coalescer_name, AcquireAnswer, AcquireRequest, CoalesceRequest, Priority, QuotaMode,
    QuotaSettings, ReportRequest, SharedAnswer,
};
use crate::upstream::{Answer, CallResult};
use bc_customers_core::request::RequestDescriptor;
use serde::Serialize;
use worker::{Env, Headers, Method, Request, RequestInit, Response, Result};

const QUOTA_BINDING: &str = "QUOTA";
const COALESCER_BINDING: &str = "COALESCER";

/// Looks a setting up among the Worker's secrets and vars.
pub fn lookup(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
}

/// The quota settings (defaults for malformed values: the request path checks them first).
pub fn settings(env: &Env) -> QuotaSettings {
    QuotaSettings::from_lookup(|n| lookup(env, n)).unwrap_or_default()
}

async fn post<T: Serialize>(stub: worker::Stub, url: &str, body: &T) -> Result<Response> {
    let headers = Headers::new();
    headers.set("Content-Type", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(serde_json::to_string(body)?.into()));
    stub.fetch_with_request(Request::new_with_init(url, &init)?)
        .await
}

/// How one request's upstream calls are metered by the store's `Quota` object.
#[derive(Clone)]
pub struct Metering {
    env: Env,
    store_hash: String,
    /// Who the calls are for.
    pub priority: Priority,
}

impl Metering {
    /// `None` unless `EDGE_QUOTA_MODE=do`.
    pub fn new(env: &Env, config: &Config, mode: QuotaMode, priority: Priority) -> Option<Self> {
        (mode == QuotaMode::Do).then(|| Metering {
            env: env.clone(),
            store_hash: config.store_hash.clone(),
            priority,
        })
    }

    fn stub(&self) -> Result<worker::Stub> {
        self.env
            .durable_object(QUOTA_BINDING)?
            .id_from_name(&self.store_hash)?
            .get_stub()
    }

    /// Waits for a token; `Err(retry_after_ms)` when the object refuses (queue full, wait too
    /// long). An unreachable object lets the call go ahead.
    pub async fn acquire(&self) -> std::result::Result<(), u64> {
        let asked = async {
            let body = AcquireRequest {
                priority: self.priority,
            };
            let mut resp = post(self.stub()?, "https://quota/acquire", &body).await?;
            resp.json::<AcquireAnswer>().await
        };
        match asked.await {
            Ok(a) if !a.granted => Err(a.retry_after_ms),
            _ => Ok(()),
        }
    }

    /// Tells the object what the store said about its quota.
    pub async fn report(&self, result: &CallResult) {
        let status = match result {
            CallResult::Answer(a) => a.status,
            _ => 0,
        };
        let body = ReportRequest {
            status,
            headers: result.rate_headers().to_vec(),
        };
        if let Ok(stub) = self.stub() {
            let _ = post(stub, "https://quota/report", &body).await;
        }
    }
}

/// What the edge answers in place of a call the `Quota` object refused: a 429 with the wait.
pub fn refused(retry_after_ms: u64) -> CallResult {
    CallResult::Answer(Answer {
        status: 429,
        content_type: None,
        set_cookie: false,
        rate_headers: vec![(
            "X-Retry-After".into(),
            retry_after_ms.div_ceil(1000).max(1).to_string(),
        )],
        body: Vec::new(),
    })
}

/// The result as the `Coalescer` object hands it to every waiter.
pub fn to_shared(result: &CallResult, calls: u32) -> SharedAnswer {
    let (kind, answer) = match result {
        CallResult::Answer(a) => ("answer", Some(a)),
        CallResult::Timeout => ("timeout", None),
        CallResult::NetworkError => ("network_error", None),
    };
    SharedAnswer {
        kind: kind.into(),
        status: answer.map_or(0, |a| a.status),
        content_type: answer.and_then(|a| a.content_type.clone()),
        set_cookie: answer.is_some_and(|a| a.set_cookie),
        rate_headers: answer.map_or_else(Vec::new, |a| a.rate_headers.clone()),
        body: answer.map_or_else(String::new, |a| {
            String::from_utf8_lossy(&a.body).into_owned()
        }),
        calls,
    }
}

fn from_shared(s: SharedAnswer) -> CallResult {
    match s.kind.as_str() {
        "timeout" => CallResult::Timeout,
        "network_error" => CallResult::NetworkError,
        _ => CallResult::Answer(Answer {
            status: s.status,
            content_type: s.content_type,
            set_cookie: s.set_cookie,
            rate_headers: s.rate_headers,
            body: s.body.into_bytes(),
        }),
    }
}

/// A cache miss through the `Coalescer` object of its cache key: one upstream GET for every
/// concurrent caller of any location. `(result, upstream calls made for this caller)`, or `None`
/// if the object cannot be reached (the caller then calls upstream itself).
pub async fn coalesced(
    env: &Env,
    cache_key: &str,
    request: &RequestDescriptor,
    priority: Priority,
) -> Option<(CallResult, u32)> {
    let body = CoalesceRequest {
        path: request.path.clone(),
        query: request.query.clone(),
        priority,
    };
    let stub = env
        .durable_object(COALESCER_BINDING)
        .ok()?
        .id_from_name(&coalescer_name(cache_key))
        .ok()?
        .get_stub()
        .ok()?;
    let mut resp = post(stub, "https://coalescer/", &body).await.ok()?;
    if resp.status_code() != 200 {
        return None;
    }
    let shared: SharedAnswer = resp.json().await.ok()?;
    let calls = shared.calls;
    Some((from_shared(shared), calls))
}
