//! The `Generations` Durable Object: one per store (`idFromName(store_hash)`), holding the
//! store's global cache generations and the webhook deliveries seen in the last
//! [`DEDUPE_WINDOW_DAYS`] days. See [`crate::freshness`].
//!
//! - `GET /` answers the [`FamilyGenerations`] as JSON.
//! - `POST /bump` with a [`BumpRequest`] answers a [`BumpAnswer`].
//!
//! Storage: `gens` (the generations) and `ev:{day}:{key}` per remembered event. The object's
//! input gate keeps a read-modify-write free of interleaving; the output gate holds the answer
//! until the write is durable, so a caller that got an answer can rely on the bump.

use crate::freshness::{
    event_day, event_storage_key, family_from_str, BumpAnswer, BumpRequest, FamilyGenerations,
    DEDUPE_WINDOW_DAYS,
};
use std::cell::{Cell, RefCell};
use worker::{durable_object, Date, Env, ListOptions, Method, Request, Response, Result, State};

const GENERATIONS_KEY: &str = "gens";

/// The Durable Object class exported to the runtime as `Generations`.
#[durable_object(fetch)]
pub struct Generations {
    state: State,
    loaded: RefCell<Option<FamilyGenerations>>,
    pruned_day: Cell<u64>,
}

impl Generations {
    async fn current(&self) -> Result<FamilyGenerations> {
        if let Some(g) = *self.loaded.borrow() {
            return Ok(g);
        }
        let g = self
            .state
            .storage()
            .get::<FamilyGenerations>(GENERATIONS_KEY)
            .await?
            .unwrap_or_default();
        *self.loaded.borrow_mut() = Some(g);
        Ok(g)
    }

    async fn seen(&self, event: &str, today: u64) -> Result<bool> {
        let storage = self.state.storage();
        for day in today.saturating_sub(DEDUPE_WINDOW_DAYS - 1)..=today {
            if storage
                .get::<u64>(&event_storage_key(day, event))
                .await?
                .is_some()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Drops remembered events older than the window, at most once a day per instance.
    async fn prune(&self, today: u64) -> Result<()> {
        if self.pruned_day.get() == today {
            return Ok(());
        }
        self.pruned_day.set(today);
        let end = event_storage_key(today.saturating_sub(DEDUPE_WINDOW_DAYS - 1), "");
        let storage = self.state.storage();
        let old = storage
            .list_with_options(ListOptions::new().start("ev:").end(&end).limit(1000))
            .await?;
        let keys: Vec<String> = old
            .keys()
            .into_iter()
            .filter_map(|k| k.ok().and_then(|k| k.as_string()))
            .collect();
        if !keys.is_empty() {
            storage.delete_multiple(keys).await?;
        }
        Ok(())
    }

    async fn bump(&self, req: BumpRequest) -> Result<BumpAnswer> {
        let now = Date::now().as_millis();
        let today = event_day(now);
        let mut generations = self.current().await?;
        if let Some(event) = &req.event {
            if self.seen(event, today).await? {
                return Ok(BumpAnswer {
                    generations,
                    duplicate: true,
                });
            }
        }
        let families: Vec<_> = req
            .families
            .iter()
            .filter_map(|f| family_from_str(f))
            .collect();
        generations.bump(&families, now);
        let storage = self.state.storage();
        storage.put(GENERATIONS_KEY, generations).await?;
        *self.loaded.borrow_mut() = Some(generations);
        if let Some(event) = &req.event {
            storage.put(&event_storage_key(today, event), now).await?;
        }
        let _ = self.prune(today).await;
        Ok(BumpAnswer {
            generations,
            duplicate: false,
        })
    }
}

impl worker::DurableObject for Generations {
    fn new(state: State, _env: Env) -> Self {
        Self {
            state,
            loaded: RefCell::new(None),
            pruned_day: Cell::new(0),
        }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        match (req.method(), req.path().as_str()) {
            (Method::Get, "/") => Response::from_json(&self.current().await?),
            (Method::Post, "/bump") => {
                let body: BumpRequest = match req.json().await {
                    Ok(b) => b,
                    Err(_) => return Response::error("bad bump request", 400),
                };
                Response::from_json(&self.bump(body).await?)
            }
            _ => Response::error("not found", 404),
        }
    }
}
