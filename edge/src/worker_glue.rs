//! The only code that touches the Workers runtime: read the request's parts, call the pure
//! functions, do the upstream fetches (with timeouts, retries and bounded concurrency), use the
//! Cache API, write the response. Nothing here logs; no secret or customer data is ever
//! written to a response except the upstream data the caller is allowed to see.

use crate::admit::{admit, Door, Incoming};
use crate::auth::Grant;
use crate::cache::{self, CacheMode};
use crate::config::Config;
use crate::cors::{self, Cors};
use crate::plan::{self, Exec, Input};
use crate::problem::Problem;
use crate::quota::{Priority, QuotaSettings};
use crate::quota_glue::Metering;
use crate::route::Route;
use crate::signup_limit::SignupLimiter;
use crate::upstream::{
    batch_reply, is_rate_header, retry_policy, single_reply, Answer, CallResult, Reply,
};
use bc_customers_core::rate_limit::{decide_retry_for, RetryDecision};
use bc_customers_core::request::{Method as UpMethod, RequestDescriptor};
use futures_util::future::{join_all, select, Either};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;
use worker::{
    event, AbortController, Cache, Context, Date, Delay, Env, Fetch, Headers, Request, RequestInit,
    Response, Result,
};

thread_local! {
    static SIGNUPS: RefCell<SignupLimiter> = RefCell::new(SignupLimiter::default());
    /// Vars do not change within an isolate: the quota settings are read once, so a cache hit
    /// pays nothing for them.
    static QUOTA_SETTINGS: RefCell<Option<std::result::Result<QuotaSettings, Problem>>> =
        const { RefCell::new(None) };
    /// The same for the configuration: an isolate's vars and secrets are fixed for its life (a
    /// new deployment or secret gets new isolates), so they are read and checked once.
    static CONFIG: RefCell<Option<std::result::Result<Rc<Config>, Problem>>> =
        const { RefCell::new(None) };
    /// The location generation each generation key had when this isolate last read it: only a
    /// guess to look the data entry up early (see `cached_read`), never trusted on its own.
    static LOCAL_GENERATIONS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

fn config(env: &Env) -> std::result::Result<Rc<Config>, Problem> {
    CONFIG.with(|c| {
        c.borrow_mut()
            .get_or_insert_with(|| Config::from_lookup(|name| lookup(env, name)).map(Rc::new))
            .clone()
    })
}

fn quota_settings(env: &Env) -> std::result::Result<QuotaSettings, Problem> {
    QUOTA_SETTINGS.with(|q| {
        q.borrow_mut()
            .get_or_insert_with(|| QuotaSettings::from_lookup(|name| lookup(env, name)))
            .clone()
    })
}

fn lookup(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
}

fn now_ms() -> u64 {
    Date::now().as_millis()
}

fn random_id() -> String {
    use worker::js_sys::{global, Function, Reflect};
    use worker::wasm_bindgen::JsCast;
    let uuid = (|| {
        let crypto = Reflect::get(&global(), &"crypto".into()).ok()?;
        let f = Reflect::get(&crypto, &"randomUUID".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        f.call0(&crypto).ok()?.as_string()
    })();
    uuid.unwrap_or_else(|| {
        format!(
            "{:x}-{:x}",
            now_ms(),
            (worker::js_sys::Math::random() * 1e15) as u64
        )
    })
}

/// What the handler produced, before headers common to every answer are added.
struct Out {
    reply: Reply,
    cors: Cors,
    x_cache: Option<&'static str>,
    /// A cache hit, answered with its stored body as it is (streamed, never copied into wasm).
    cached: Option<Response>,
}

#[event(fetch)]
async fn fetch(mut req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let calls = Cell::new(0u32);
    let out = handle(&mut req, &env, &calls).await;
    respond(out, calls.get())
}

fn respond(out: Out, calls: u32) -> Result<Response> {
    let headers = Headers::new();
    if out.reply.body.is_some() || out.cached.is_some() {
        headers.set("Content-Type", "application/json; charset=utf-8")?;
    }
    headers.set("Cache-Control", "private, no-store")?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("X-Upstream-Calls", &calls.to_string())?;
    if let Some(x) = out.x_cache {
        headers.set("X-Cache", x)?;
    }
    for (k, v) in cors::response_headers(&out.cors)
        .into_iter()
        .chain(out.reply.headers)
    {
        headers.set(&k, &v)?;
    }
    let resp = match (out.cached, out.reply.body) {
        (Some(hit), _) => Response::from_body(hit.into_parts().1)?,
        (None, Some(b)) => Response::ok(b)?,
        (None, None) => Response::empty()?,
    };
    Ok(resp.with_status(out.reply.status).with_headers(headers))
}

fn problem_out(p: &Problem, cors: Cors) -> Out {
    Out {
        reply: Reply::problem(p),
        cors,
        x_cache: None,
        cached: None,
    }
}

async fn handle(req: &mut Request, env: &Env, calls: &Cell<u32>) -> Out {
    let config = match config(env) {
        Ok(c) => c,
        Err(p) => return problem_out(&p, Cors::NoOrigin),
    };
    let quota = match quota_settings(env) {
        Ok(q) => q,
        Err(p) => return problem_out(&p, Cors::NoOrigin),
    };
    let Ok(url) = req.url() else {
        return problem_out(&Problem::not_found(), Cors::NoOrigin);
    };
    // Webhooks and purges (crate::freshness): server to server, outside the API routes.
    if let Some(reply) = crate::freshness_glue::route(req, env, &config, url.path()).await {
        return Out {
            reply,
            cors: Cors::NoOrigin,
            x_cache: None,
            cached: None,
        };
    }
    let h = req.headers().clone();
    let method_name = req.method().to_string();
    let get = |name: &str| h.get(name).ok().flatten();
    let (origin, authorization, content_type, content_length) = (
        get("Origin"),
        get("Authorization"),
        get("Content-Type"),
        get("Content-Length"),
    );
    let self_origin = url.origin().ascii_serialization();
    let incoming = Incoming {
        method: &method_name,
        path: url.path(),
        self_origin: &self_origin,
        origin: origin.as_deref(),
        authorization: authorization.as_deref(),
        content_type: content_type.as_deref(),
        content_length: content_length.as_deref(),
    };
    let now = now_ms();
    let (cors, door) = admit(&incoming, &config, (now / 1000) as i64);
    let admitted = match door {
        Err(p) => return problem_out(&p, cors),
        Ok(Door::Preflight(headers)) => {
            return Out {
                reply: Reply {
                    status: 204,
                    body: None,
                    headers,
                    storable: false,
                },
                cors: Cors::NoOrigin,
                x_cache: None,
                cached: None,
            }
        }
        Ok(Door::Admit(a)) => a,
    };
    let priority = Priority::of(&admitted.grant);
    let metering = Metering::new(env, &config, quota.mode, priority);
    if admitted.grant == Grant::Signup {
        let ip = get("CF-Connecting-IP").unwrap_or_else(|| "unknown".into());
        // Account and newsletter sign-ups have separate budgets (the demo page sends both).
        let key = format!("{}|{ip}", admitted.route.path());
        let verdict = SIGNUPS.with(|l| l.borrow_mut().check(&key, now, config.signup_per_minute));
        if let Err(wait) = verdict {
            let p = Problem::rate_limited(
                "signup_rate_limited",
                "too many sign-ups from this address; retry later",
                wait,
            );
            return problem_out(&p, cors);
        }
    }
    let body = if admitted.needs_body {
        match req.text().await {
            Ok(t) if t.len() <= config.max_body_bytes => Some(t),
            Ok(_) => return problem_out(&Problem::too_large(config.max_body_bytes), cors),
            Err(_) => {
                return problem_out(
                    &Problem::invalid(&[bc_customers_core::Issue::new(
                        "",
                        "invalid_json",
                        "the body could not be read",
                    )]),
                    cors,
                )
            }
        }
    } else {
        None
    };
    if admitted.route == Route::Login {
        return match crate::login::login(
            body.as_deref(),
            &config,
            (now / 1000) as i64,
            &random_id(),
        ) {
            Ok(v) => Out {
                reply: Reply::json(200, &v),
                cors,
                x_cache: None,
                cached: None,
            },
            Err(p) => problem_out(&p, cors),
        };
    }
    if config.v2_mode == crate::config::V2Mode::Facade && crate::v2_facade::serves(admitted.route) {
        let mode = cache::cache_mode(
            get("Cache-Control").as_deref(),
            get("Pragma").as_deref(),
            config.cache_ttl_s,
        );
        let query = url.query().unwrap_or("");
        let (reply, x_cache) = v2_facade(
            env,
            &config,
            &self_origin,
            &admitted,
            query,
            body.as_deref(),
            mode,
            calls,
            metering.as_ref(),
        )
        .await;
        return Out {
            reply,
            cors,
            x_cache,
            cached: None,
        };
    }
    let input = Input {
        route: admitted.route,
        method: admitted.method,
        query: url.query().unwrap_or(""),
        body: body.as_deref(),
        grant: &admitted.grant,
    };
    let plan = match plan::plan(input) {
        Ok(p) => p,
        Err(p) => return problem_out(&p, cors),
    };

    // Cached read?
    let scope = cache::scope(&admitted.caller);
    let mode = cache::cache_mode(
        get("Cache-Control").as_deref(),
        get("Pragma").as_deref(),
        config.cache_ttl_s,
    );
    let store = Cache::default();
    let mut data_key = None;
    if let (true, Some(scope), Exec::Single(r)) = (plan.is_cacheable_read(), &scope, &plan.exec) {
        let at = CacheSlot {
            origin: &self_origin,
            config: &config,
            family: plan.family,
            scope,
            edge_path: &admitted.route.path(),
            upstream: &r.path_and_query(),
        };
        let (key, hit) = cached_read(&store, env, &at, mode).await;
        if let Some(hit) = hit {
            let reply = Reply {
                status: hit.status_code(),
                body: None,
                headers: Vec::new(),
                storable: false,
            };
            return Out {
                reply,
                cors,
                x_cache: Some("HIT"),
                cached: Some(hit),
            };
        }
        data_key = key;
    }

    // Upstream.
    // A cache miss goes through its key's Coalescer: one call for every location.
    let shared = match (&plan.exec, &metering, data_key.as_deref(), mode) {
        (Exec::Single(r), Some(_), Some(key), CacheMode::Use) if plan.is_cacheable_read() => {
            crate::quota_glue::coalesced(env, key, r, priority).await
        }
        _ => None,
    };
    let reply = match &plan.exec {
        Exec::Single(r) => {
            let result = match shared {
                Some((result, n)) => {
                    calls.set(calls.get() + n);
                    result
                }
                None => call_with_retries(&config, r, calls, metering.as_ref()).await,
            };
            single_reply(r, &result, plan.shape)
        }
        Exec::Batch(b) => {
            let mut results = Vec::with_capacity(b.calls.len());
            for wave in b.calls.chunks(b.concurrency.max(1)) {
                let wave = wave
                    .iter()
                    .map(|c| call_with_retries(&config, &c.request, calls, metering.as_ref()));
                results.extend(join_all(wave).await);
            }
            batch_reply(b, &results)
        }
    };

    // A write that reached BigCommerce (even if it failed ambiguously) invalidates its family.
    if admitted.method.is_write() && calls.get() > 0 {
        bump_generation(&store, &self_origin, &config, plan.family).await;
        if config.cache_ttl_s > 0 {
            let _ =
                crate::freshness_glue::bump(env, &config.store_hash, &[plan.family], None).await;
        }
    }
    let x_cache = if plan.is_cacheable_read() && scope.is_some() {
        if let (Some(key), true) = (data_key, reply.storable) {
            if let Some(body) = &reply.body {
                let _ = put(&store, &key, reply.status, body, config.cache_ttl_s).await;
            }
        }
        Some(if mode == CacheMode::Use {
            "MISS"
        } else {
            "BYPASS"
        })
    } else {
        None
    };
    Out {
        reply,
        cors,
        x_cache,
        cached: None,
    }
}

/// `EDGE_V2_MODE=facade`: a V2 customer or address request answered through V3 calls by the
/// pure `crate::v2_facade`; reads cached and writes invalidating in the customers family.
#[allow(clippy::too_many_arguments)]
async fn v2_facade(
    env: &Env,
    config: &Config,
    origin: &str,
    admitted: &crate::admit::Admitted,
    query: &str,
    body: Option<&str>,
    mode: CacheMode,
    calls: &Cell<u32>,
    metering: Option<&Metering>,
) -> (Reply, Option<&'static str>) {
    use crate::v2_facade::{parse, Next, Session};
    let request = match parse(admitted.route, admitted.method, query, body, origin) {
        Ok(r) => r,
        Err(reply) => return (reply, None),
    };
    let family = plan::Family::Customers;
    let store = Cache::default();
    let scope = cache::scope(&admitted.caller);
    let part = request.cache_part();
    let mut key = None;
    if let (Some(part), Some(scope)) = (&part, &scope) {
        let at = CacheSlot {
            origin,
            config,
            family,
            scope,
            edge_path: &admitted.route.path(),
            upstream: part,
        };
        let (k, hit) = cached_read(&store, env, &at, mode).await;
        if let Some(mut hit) = hit {
            let status = hit.status_code();
            if let Ok(text) = hit.text().await {
                let reply = Reply {
                    status,
                    body: Some(text),
                    headers: Vec::new(),
                    storable: false,
                };
                return (reply, Some("HIT"));
            }
        }
        key = k;
    }
    let write = request.is_write();
    let mut session = Session::new(request);
    let reply = loop {
        match session.next() {
            Next::Call(r) => session.record(call_with_retries(config, &r, calls, metering).await),
            Next::Reply(reply) => break reply,
        }
    };
    if write && calls.get() > 0 {
        bump_generation(&store, origin, config, family).await;
        if config.cache_ttl_s > 0 {
            let _ = crate::freshness_glue::bump(env, &config.store_hash, &[family], None).await;
        }
    }
    if let (Some(k), true, Some(b)) = (&key, reply.storable, &reply.body) {
        let _ = put(&store, k, reply.status, b, config.cache_ttl_s).await;
    }
    let x_cache = (part.is_some() && scope.is_some()).then_some(if mode == CacheMode::Use {
        "MISS"
    } else {
        "BYPASS"
    });
    (reply, x_cache)
}

async fn put(store: &Cache, key: &str, status: u16, body: &str, ttl_s: u64) -> Result<()> {
    let headers = Headers::new();
    headers.set("Content-Type", "application/json; charset=utf-8")?;
    headers.set("Cache-Control", &format!("max-age={ttl_s}"))?;
    let resp = Response::ok(body.to_string())?
        .with_status(status)
        .with_headers(headers);
    store.put(key, resp).await
}

/// Where a cacheable read lives: everything its data key is made of but the generation.
struct CacheSlot<'a> {
    origin: &'a str,
    config: &'a Config,
    family: plan::Family,
    scope: &'a str,
    edge_path: &'a str,
    upstream: &'a str,
}

impl CacheSlot<'_> {
    fn generation_key(&self) -> String {
        cache::generation_key(self.origin, &self.config.store_hash, self.family)
    }

    fn data_key(&self, local: &str, global: u64) -> String {
        cache::data_key(
            self.origin,
            &self.config.store_hash,
            self.scope,
            self.family,
            &crate::freshness::combined_generation(local, global),
            self.edge_path,
            self.upstream,
        )
    }
}

/// Looks a cacheable read up: the key to store a miss under (`None`: the cache is not used, or
/// the global generation is unknown) and the hit, if any.
///
/// The key holds this location's generation, which must be read from the Cache API on every
/// request (it is what gives every isolate of the location read-your-writes). To keep that read
/// off the critical path, the data entry for the generation this isolate saw last is looked up
/// at the same time; it is served only if the generation read back is that same one, otherwise
/// the right key is looked up next. Either way, a hit is served only under the generation read
/// during this request.
async fn cached_read(
    store: &Cache,
    env: &Env,
    at: &CacheSlot<'_>,
    mode: CacheMode,
) -> (Option<String>, Option<Response>) {
    if mode == CacheMode::Bypass {
        return (None, None);
    }
    let Some(global) = crate::freshness_glue::global_generations(env, &at.config.store_hash)
        .await
        .map(|g| g.get(at.family))
    else {
        return (None, None);
    };
    let gen_key = at.generation_key();
    let guess = LOCAL_GENERATIONS.with(|m| m.borrow().get(&gen_key).cloned());
    let (local, early) = match (mode, guess) {
        (CacheMode::Use, Some(guess)) => {
            let key = at.data_key(&guess, global);
            let (local, hit) = futures_util::future::join(
                read_generation(store, &gen_key),
                store.get(key.as_str(), false),
            )
            .await;
            let early = (local == guess).then(|| (key, hit.ok().flatten()));
            (local, early)
        }
        _ => (read_generation(store, &gen_key).await, None),
    };
    remember_local_generation(gen_key, &local);
    if let Some((key, hit)) = early {
        return (Some(key), hit);
    }
    let key = at.data_key(&local, global);
    let hit = match mode {
        CacheMode::Use => store.get(key.as_str(), false).await.ok().flatten(),
        _ => None,
    };
    (Some(key), hit)
}

/// Keys are per origin, store and family: a handful. The bound only guards against an isolate
/// reached under many host names.
fn remember_local_generation(key: String, generation: &str) {
    LOCAL_GENERATIONS.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= 64 && !m.contains_key(&key) {
            m.clear();
        }
        m.insert(key, generation.to_string());
    });
}

async fn read_generation(store: &Cache, key: &str) -> String {
    match store.get(key, false).await {
        Ok(Some(mut r)) => r
            .text()
            .await
            .unwrap_or_else(|_| cache::INITIAL_GENERATION.into()),
        _ => cache::INITIAL_GENERATION.into(),
    }
}

async fn bump_generation(store: &Cache, origin: &str, config: &Config, family: plan::Family) {
    if config.cache_ttl_s == 0 {
        return;
    }
    let key = cache::generation_key(origin, &config.store_hash, family);
    let current = read_generation(store, &key).await;
    let next = cache::next_generation(now_ms(), &current);
    remember_local_generation(key.clone(), &next);
    let _ = put(
        store,
        &key,
        200,
        &next,
        cache::generation_ttl_s(config.cache_ttl_s),
    )
    .await;
}

/// One upstream request with its retries; with `metering`, every attempt first waits for a
/// token from the store's `Quota` object and reports the answer's headers after.
pub(crate) async fn call_with_retries(
    config: &Config,
    request: &RequestDescriptor,
    calls: &Cell<u32>,
    metering: Option<&Metering>,
) -> CallResult {
    let policy = retry_policy(config.max_retry_wait_ms);
    let mut attempt = 1;
    loop {
        if let Some(m) = metering {
            if let Err(retry_after_ms) = m.acquire().await {
                return crate::quota_glue::refused(retry_after_ms);
            }
        }
        let result = send_once(config, request).await;
        calls.set(calls.get() + 1);
        if let Some(m) = metering {
            m.report(&result).await;
        }
        match decide_retry_for(
            request,
            result.outcome(),
            result.rate_headers(),
            attempt,
            &policy,
        ) {
            RetryDecision::RetryAfterMs(ms) => {
                Delay::from(Duration::from_millis(ms)).await;
                attempt += 1;
            }
            RetryDecision::DoNotRetry | RetryDecision::GiveUp => return result,
        }
    }
}

async fn send_once(config: &Config, request: &RequestDescriptor) -> CallResult {
    let controller = AbortController::default();
    let signal = controller.signal();
    let exchange = async {
        let headers = Headers::new();
        headers.set("X-Auth-Token", &config.access_token).ok()?;
        headers.set("Accept", "application/json").ok()?;
        let mut init = RequestInit::new();
        init.with_method(match request.method {
            UpMethod::Get => worker::Method::Get,
            UpMethod::Post => worker::Method::Post,
            UpMethod::Put => worker::Method::Put,
            UpMethod::Delete => worker::Method::Delete,
        });
        if let Some(body) = &request.body {
            headers.set("Content-Type", "application/json").ok()?;
            init.with_body(Some(body.to_string().into()));
        }
        init.with_headers(headers);
        let url = config.upstream_url(&request.path, &request.query);
        let up = Request::new_with_init(&url, &init).ok()?;
        let mut resp = Fetch::Request(up).send_with_signal(&signal).await.ok()?;
        let status = resp.status_code();
        let rh = resp.headers();
        let rate_headers = rh.entries().filter(|(k, _)| is_rate_header(k)).collect();
        let content_type = rh.get("Content-Type").ok().flatten();
        let set_cookie = rh.has("Set-Cookie").unwrap_or(false);
        let body = resp.bytes().await.ok()?;
        Some(Answer {
            status,
            content_type,
            set_cookie,
            rate_headers,
            body,
        })
    };
    let timeout = Delay::from(Duration::from_millis(config.upstream_timeout_ms));
    futures_util::pin_mut!(exchange, timeout);
    match select(exchange, timeout).await {
        Either::Left((Some(answer), _)) => CallResult::Answer(answer),
        Either::Left((None, _)) => CallResult::NetworkError,
        Either::Right(_) => {
            controller.abort();
            CallResult::Timeout
        }
    }
}
