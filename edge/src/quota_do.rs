//! The `Quota` Durable Object: one per store (`idFromName(store_hash)`), holding the store's
//! [`Meter`] (token bucket and priority queue, see [`crate::quota`]).
//!
//! - `POST /acquire` with an [`AcquireRequest`]: answers [`AcquireAnswer`] `granted: true` as
//!   soon as a token is the caller's, or `granted: false` with the wait when the queue is full
//!   or the wait runs out. The request is held open while it waits.
//! - `POST /report` with a [`ReportRequest`]: resyncs the bucket; 204.
//! - `GET /`: `{capacity, tokens, queued}` (no customer data), for operators and tests.
//!
//! The state is in memory only: timers do not close the input gate, so waiting requests
//! interleave, and nothing is awaited while the meter is borrowed. If the object is evicted it
//! starts again with the configured quota and relearns the store's from the next report; the
//! reserved share absorbs the difference.

use crate::quota::{AcquireAnswer, AcquireRequest, Meter, Poll, ReportRequest};
use crate::quota_glue::settings;
use serde_json::json;
use std::cell::RefCell;
use std::time::Duration;
use worker::{durable_object, Date, Delay, Env, Method, Request, Response, Result, State};

/// Longest sleep between two looks at the bucket: a report can move the window end.
const MAX_NAP_MS: u64 = 200;

/// The Durable Object class exported to the runtime as `Quota`.
#[durable_object(fetch)]
pub struct Quota {
    env: Env,
    meter: RefCell<Option<Meter>>,
}

impl Quota {
    fn with_meter<T>(&self, f: impl FnOnce(&mut Meter) -> T) -> T {
        let mut m = self.meter.borrow_mut();
        let meter = m.get_or_insert_with(|| Meter::new(settings(&self.env)));
        f(meter)
    }

    async fn acquire(&self, req: AcquireRequest) -> AcquireAnswer {
        let mut poll = self.with_meter(|m| m.acquire(req.priority, Date::now().as_millis()));
        loop {
            match poll {
                Poll::Granted => {
                    return AcquireAnswer {
                        granted: true,
                        retry_after_ms: 0,
                    }
                }
                Poll::Refused { retry_after_ms } => {
                    return AcquireAnswer {
                        granted: false,
                        retry_after_ms,
                    }
                }
                Poll::Wait { ticket, until_ms } => {
                    let now = Date::now().as_millis();
                    let nap = until_ms.saturating_sub(now).clamp(1, MAX_NAP_MS);
                    Delay::from(Duration::from_millis(nap)).await;
                    poll = self.with_meter(|m| m.poll(ticket, Date::now().as_millis()));
                }
            }
        }
    }
}

impl worker::DurableObject for Quota {
    fn new(_state: State, env: Env) -> Self {
        Self {
            env,
            meter: RefCell::new(None),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        match (req.method(), req.path().as_str()) {
            (Method::Post, "/acquire") => {
                let Ok(body) = req.json::<AcquireRequest>().await else {
                    return Response::error("bad acquire request", 400);
                };
                Response::from_json(&self.acquire(body).await)
            }
            (Method::Post, "/report") => {
                let Ok(body) = req.json::<ReportRequest>().await else {
                    return Response::error("bad report", 400);
                };
                self.with_meter(|m| m.report(body.status, &body.headers, Date::now().as_millis()));
                Ok(Response::empty()?.with_status(204))
            }
            (Method::Get, "/") => Response::from_json(&self.with_meter(
                |m| json!({"capacity": m.capacity(), "tokens": m.tokens(), "queued": m.queued()}),
            )),
            _ => Response::error("not found", 404),
        }
    }
}
