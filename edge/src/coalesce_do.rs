//! The `Coalescer` Durable Object: one per cache key (`idFromName(sha256(key))`, see
//! [`crate::quota::coalescer_name`]). Cache keys carry the caller's scope and the cache
//! generations, so only callers allowed to see the same answer share one object.
//!
//! `POST /` with a [`CoalesceRequest`] (path and query of an upstream GET; never the token,
//! which the object reads from its own secrets) answers a [`SharedAnswer`]. The first caller's
//! request starts the call (metered by the store's `Quota` object, with the usual retries);
//! every caller that arrives while it runs awaits the same future. A 2xx JSON answer (one the
//! edge would cache, [`SharedAnswer::may_linger`]) is also handed out for [`LINGER_MS`] (at
//! most the cache TTL) to callers that missed the cache before the first one filled it: no
//! staler than the cache, since every write changes the key.

use crate::config::Config;
use crate::quota::{CoalesceRequest, QuotaMode, SharedAnswer};
use crate::quota_glue::{lookup, to_shared, Metering};
use bc_customers_core::request::{Method as UpMethod, RequestDescriptor};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::{Cell, RefCell};
use worker::{durable_object, Date, Env, Method, Request, Response, Result, State};

/// Longest time a finished 2xx answer is handed out (never longer than the cache TTL).
pub const LINGER_MS: u64 = 10_000;

type Flight = Shared<LocalBoxFuture<'static, Option<(SharedAnswer, u64)>>>;

/// The Durable Object class exported to the runtime as `Coalescer`.
#[durable_object(fetch)]
pub struct Coalescer {
    env: Env,
    flight: RefCell<Option<Flight>>,
    /// `(handed out until, answer)`.
    done: RefCell<Option<(u64, SharedAnswer)>>,
}

async fn call(env: Env, req: CoalesceRequest) -> Option<(SharedAnswer, u64)> {
    let config = Config::from_lookup(|n| lookup(&env, n)).ok()?;
    let linger_ms = LINGER_MS.min(config.cache_ttl_s.saturating_mul(1000));
    let request = RequestDescriptor {
        method: UpMethod::Get,
        path: req.path,
        query: req.query,
        body: None,
    };
    // Objects exist only in `do` mode, so the call is always metered.
    let metering = Metering::new(&env, &config, QuotaMode::Do, req.priority);
    let calls = Cell::new(0u32);
    let result =
        crate::worker_glue::call_with_retries(&config, &request, &calls, metering.as_ref()).await;
    Some((to_shared(&result, calls.get()), linger_ms))
}

impl worker::DurableObject for Coalescer {
    fn new(_state: State, env: Env) -> Self {
        Self {
            env,
            flight: RefCell::new(None),
            done: RefCell::new(None),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        if req.method() != Method::Post {
            return Response::error("not found", 404);
        }
        let Ok(body) = req.json::<CoalesceRequest>().await else {
            return Response::error("bad coalesce request", 400);
        };
        let now = Date::now().as_millis();
        if let Some((until, answer)) = self.done.borrow().as_ref() {
            if now < *until {
                return Response::from_json(&SharedAnswer {
                    calls: 0,
                    ..answer.clone()
                });
            }
        }
        let existing = self.flight.borrow().clone();
        let (flight, first) = match existing {
            Some(f) => (f, false),
            None => {
                let f = call(self.env.clone(), body).boxed_local().shared();
                *self.flight.borrow_mut() = Some(f.clone());
                (f, true)
            }
        };
        let answer = flight.await;
        // Whoever sees the flight finished first retires it (the first caller may have gone).
        let finished = {
            let mut slot = self.flight.borrow_mut();
            let finished = slot.as_ref().is_some_and(|f| f.peek().is_some());
            if finished {
                *slot = None;
            }
            finished
        };
        if finished {
            if let Some((a, linger_ms)) = answer.as_ref().filter(|(a, _)| a.may_linger()) {
                *self.done.borrow_mut() = Some((Date::now().as_millis() + linger_ms, a.clone()));
            }
        }
        match answer.map(|(a, _)| a) {
            Some(a) if first => Response::from_json(&a),
            Some(a) => Response::from_json(&SharedAnswer { calls: 0, ..a }),
            None => Response::error("unavailable", 503),
        }
    }
}
