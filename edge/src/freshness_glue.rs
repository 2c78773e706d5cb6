//! Runtime side of [`crate::freshness`]: the isolate memo of the store's global generations,
//! calls to the `Generations` Durable Object (binding `GENERATIONS`), and the webhook and purge
//! routes. Nothing here logs.

use crate::auth::{identify, Caller};
use crate::config::Config;
use crate::freshness::{
    authenticate_webhook, memo_is_fresh, parse_webhook, purge_families, BumpAnswer, BumpRequest,
    FamilyGenerations, FreshnessConfig, WebhookEffect, MAX_WEBHOOK_BYTES, PURGE_PATH, WEBHOOK_PATH,
    WEBHOOK_SECRET_HEADER,
};
use crate::plan::Family;
use crate::problem::Problem;
use crate::upstream::Reply;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use worker::{Date, Env, Headers, Method, Request, RequestInit, Result};

/// The Durable Object namespace binding.
const BINDING: &str = "GENERATIONS";

thread_local! {
    /// `(store hash, taken at ms, generations)`: the isolate's memo.
    static MEMO: RefCell<Option<(String, u64, FamilyGenerations)>> = const { RefCell::new(None) };
    /// The settings, read once per isolate (its vars and secrets never change).
    static SETTINGS: RefCell<Option<std::result::Result<Rc<FreshnessConfig>, Problem>>> =
        const { RefCell::new(None) };
}

fn lookup(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
}

fn settings(env: &Env) -> std::result::Result<Rc<FreshnessConfig>, Problem> {
    SETTINGS.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| FreshnessConfig::from_lookup(|n| lookup(env, n)).map(Rc::new))
            .clone()
    })
}

fn now_ms() -> u64 {
    Date::now().as_millis()
}

/// Keeps the newest knowledge: generations only grow, so the elementwise maximum of two
/// snapshots is at least as fresh as the later one.
fn remember(store_hash: &str, taken_at: u64, g: FamilyGenerations) {
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let merged = match m.as_ref() {
            Some((h, t, old)) if h == store_hash => (
                taken_at.max(*t),
                FamilyGenerations {
                    customers: g.customers.max(old.customers),
                    subscribers: g.subscribers.max(old.subscribers),
                    customer_groups: g.customer_groups.max(old.customer_groups),
                },
            ),
            _ => (taken_at, g),
        };
        *m = Some((store_hash.to_string(), merged.0, merged.1));
    });
}

fn stub(env: &Env, store_hash: &str) -> Result<worker::Stub> {
    env.durable_object(BINDING)?
        .id_from_name(store_hash)?
        .get_stub()
}

async fn fetch_generations(env: &Env, store_hash: &str) -> Result<FamilyGenerations> {
    let mut resp = stub(env, store_hash)?
        .fetch_with_str("https://generations/")
        .await?;
    if resp.status_code() != 200 {
        return Err(worker::Error::RustError("generations unavailable".into()));
    }
    resp.json().await
}

/// The store's global generations: from the memo while it is fresh, else from the Durable
/// Object. `None` if the object cannot be reached (the caller then bypasses the cache).
pub async fn global_generations(env: &Env, store_hash: &str) -> Option<FamilyGenerations> {
    let memo_ms = settings(env).ok()?.memo_ms;
    let now = now_ms();
    let memo = MEMO.with(|m| m.borrow().clone());
    if let Some((h, taken_at, g)) = memo {
        if h == store_hash && memo_is_fresh(taken_at, now, memo_ms) {
            return Some(g);
        }
    }
    let g = fetch_generations(env, store_hash).await.ok()?;
    remember(store_hash, now, g);
    Some(g)
}

/// Moves families on in the Durable Object (skipped as a duplicate if `event` was seen) and
/// refreshes this isolate's memo with the answer.
pub async fn bump(
    env: &Env,
    store_hash: &str,
    families: &[Family],
    event: Option<String>,
) -> Result<BumpAnswer> {
    let body = BumpRequest {
        families: families.iter().map(|f| f.as_str().to_string()).collect(),
        event,
    };
    let headers = Headers::new();
    headers.set("Content-Type", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(serde_json::to_string(&body)?.into()));
    let taken_at = now_ms();
    let req = Request::new_with_init("https://generations/bump", &init)?;
    let mut resp = stub(env, store_hash)?.fetch_with_request(req).await?;
    if resp.status_code() != 200 {
        return Err(worker::Error::RustError("bump failed".into()));
    }
    let answer: BumpAnswer = resp.json().await?;
    remember(store_hash, taken_at, answer.generations);
    Ok(answer)
}

fn names(families: &[Family]) -> Vec<&'static str> {
    families.iter().map(|f| f.as_str()).collect()
}

fn unavailable() -> Reply {
    Reply::problem(&Problem::new(
        503,
        "generations_unavailable",
        "the cache generations could not be updated; retry",
        &[],
    ))
}

async fn read_body(req: &mut Request, max: usize) -> std::result::Result<String, Problem> {
    let declared = req
        .headers()
        .get("Content-Length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(Problem::too_large(max));
    }
    match req.text().await {
        Ok(t) if t.len() <= max => Ok(t),
        Ok(_) => Err(Problem::too_large(max)),
        Err(_) => Err(Problem::new(
            400,
            "invalid_body",
            "the body could not be read",
            &[],
        )),
    }
}

/// Serves `POST /webhooks/bigcommerce` and `POST /admin/purge`; `None` for every other path.
/// A malformed `EDGE_GENERATION_MEMO_MS` fails every request, like [`Config`] does.
pub async fn route(req: &mut Request, env: &Env, config: &Config, path: &str) -> Option<Reply> {
    let settings = match settings(env) {
        Ok(s) => s,
        Err(p) => return Some(Reply::problem(&p)),
    };
    if path != WEBHOOK_PATH && path != PURGE_PATH {
        return None;
    }
    if req.method() != Method::Post {
        return Some(Reply::problem(&Problem::method_not_allowed("POST")));
    }
    Some(if path == WEBHOOK_PATH {
        webhook(req, env, config, &settings).await
    } else {
        purge(req, env, config).await
    })
}

async fn webhook(
    req: &mut Request,
    env: &Env,
    config: &Config,
    settings: &FreshnessConfig,
) -> Reply {
    let header = req.headers().get(WEBHOOK_SECRET_HEADER).ok().flatten();
    if let Err(p) = authenticate_webhook(settings.webhook_secret.as_deref(), header.as_deref()) {
        return Reply::problem(&p);
    }
    let body = match read_body(req, MAX_WEBHOOK_BYTES).await {
        Ok(b) => b,
        Err(p) => return Reply::problem(&p),
    };
    let event = match parse_webhook(&body) {
        Ok(e) => e,
        Err(p) => return Reply::problem(&p),
    };
    match event.effect(&config.store_hash) {
        WebhookEffect::Ignore(reason) => {
            Reply::json(200, &json!({"status": "ignored", "reason": reason}))
        }
        WebhookEffect::Bump(families) => {
            match bump(env, &config.store_hash, &families, event.dedupe_key()).await {
                Ok(a) => Reply::json(
                    200,
                    &json!({
                        "status": if a.duplicate { "duplicate" } else { "applied" },
                        "families": names(&families),
                    }),
                ),
                // Not 200, so BigCommerce delivers again.
                Err(_) => unavailable(),
            }
        }
    }
}

async fn purge(req: &mut Request, env: &Env, config: &Config) -> Reply {
    let authorization = req.headers().get("Authorization").ok().flatten();
    match identify(authorization.as_deref(), config, (now_ms() / 1000) as i64) {
        Ok(Caller::Server { .. }) => {}
        Ok(Caller::Anonymous) => {
            return Reply::problem(&Problem::unauthorized(
                "missing_api_key",
                "purging needs a server key: `Authorization: Bearer <key>`",
            ))
        }
        Ok(Caller::Shopper(_)) => {
            return Reply::problem(&Problem::forbidden(
                "server_key_required",
                "only server callers may purge the cache",
            ))
        }
        Err(p) => return Reply::problem(&p),
    }
    let families = match read_body(req, 4096).await.and_then(|b| purge_families(&b)) {
        Ok(f) => f,
        Err(p) => return Reply::problem(&p),
    };
    match bump(env, &config.store_hash, &families, None).await {
        Ok(_) => Reply::json(200, &json!({"purged": names(&families)})),
        Err(_) => unavailable(),
    }
}
