//! Cache freshness across locations: the store-wide generations held by the `Generations`
//! Durable Object, the isolate memo that keeps them off the hit path, BigCommerce webhooks that
//! bump them for changes made outside the edge, and the purge route. Pure decisions only; the IO
//! is in `freshness_glue` and `generations_do` (wasm32).
//!
//! **Why.** The Cache API is local to one location, so the per-location generations of
//! [`crate::cache`] cannot tell other locations about a write, and nothing in the edge hears of
//! changes made in the control panel, at checkout or by other apps. Every data key therefore
//! also carries the family's *global* generation, kept by one Durable Object per store
//! (`idFromName(store_hash)`); a bump there (a write through the edge, a webhook, a purge) moves
//! every location's keys to new, empty entries.
//!
//! **Hit path.** Each isolate memoizes the global generations for at most
//! `EDGE_GENERATION_MEMO_MS` (default 5 000 ms), measured from *before* the Durable Object was
//! asked, so a memo never reflects a state older than that. While the memo is fresh a hit costs
//! no extra round trip; otherwise one `GET` to the object refreshes all families at once. If the
//! object cannot be reached, the request bypasses the cache (never stale, only slower).
//!
//! **Staleness bound.** An answer served from cache at any location reflects a state no older
//! than `memo + delivery` before the read, where `memo` is `EDGE_GENERATION_MEMO_MS` and
//! `delivery` is 0 for writes through the edge (the bump completes before the write answers)
//! and BigCommerce's webhook delivery delay for changes made elsewhere. Changes BigCommerce
//! sends no webhook for (see [`known_gaps`]) are bounded by `EDGE_CACHE_TTL_SECONDS`.
//!
//! **Webhooks.** `POST /webhooks/bigcommerce` with the envelope of
//! `../shared/reference/bigcommerce/webhooks/callbacks/*.yml`
//! (`{scope, store_id, data, hash, created_at, producer}`), authenticated by the secret header
//! [`WEBHOOK_SECRET_HEADER`] that `scripts/register-webhooks.mjs` configures on each hook,
//! compared in constant time with the `BC_WEBHOOK_SECRET` secret.
//! Deliveries are deduplicated by [`WebhookEvent::dedupe_key`] in the Durable Object for
//! [`DEDUPE_WINDOW_DAYS`] days; a duplicate answers 200 and bumps nothing.

use crate::auth::constant_time_eq;
use crate::plan::Family;
use crate::problem::Problem;
use bc_customers_core::Issue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The path BigCommerce delivers webhooks to.
pub const WEBHOOK_PATH: &str = "/webhooks/bigcommerce";
/// The path of the management purge route.
pub const PURGE_PATH: &str = "/admin/purge";
/// The custom header carrying the webhook secret (set in the hook's `headers` at registration).
pub const WEBHOOK_SECRET_HEADER: &str = "X-Edge-Webhook-Secret";
/// Largest webhook body accepted (BigCommerce's envelopes are a few hundred bytes).
pub const MAX_WEBHOOK_BYTES: usize = 64 * 1024;
/// Default isolate memo age of the global generations, in milliseconds.
pub const DEFAULT_MEMO_MS: u64 = 5_000;
/// Largest memo age accepted: beyond this the TTL is the better bound anyway.
pub const MAX_MEMO_MS: u64 = 60_000;
/// How long a delivered event is remembered, in days (BigCommerce retries for about 48 hours).
pub const DEDUPE_WINDOW_DAYS: u64 = 3;

/// The scopes the edge subscribes to (`scripts/register-webhooks.mjs` registers these).
pub const WEBHOOK_SCOPES: [&str; 3] = [
    "store/customer/*",
    "store/customer/address/*",
    "store/subscriber/*",
];

/// Changes BigCommerce sends no webhook for (SUMMARY.md §7): the cache TTL bounds them.
pub fn known_gaps() -> &'static [&'static str] {
    &[
        "attribute values changed through the API (store/customer/updated fires only for control-panel edits)",
        "form-field values",
        "attribute definitions",
        "customer groups",
        "metafields, consent and customer settings",
    ]
}

/// Settings of this feature, read like [`crate::config::Config`] from vars and secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct FreshnessConfig {
    /// `BC_WEBHOOK_SECRET`: the value of [`WEBHOOK_SECRET_HEADER`]; webhooks are refused
    /// (503) while it is unset.
    pub webhook_secret: Option<String>,
    /// `EDGE_GENERATION_MEMO_MS`: isolate memo age of the global generations.
    pub memo_ms: u64,
}

impl std::fmt::Debug for FreshnessConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FreshnessConfig")
            .field(
                "webhook_secret",
                &self.webhook_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("memo_ms", &self.memo_ms)
            .finish()
    }
}

impl FreshnessConfig {
    /// Reads `BC_WEBHOOK_SECRET` and `EDGE_GENERATION_MEMO_MS`; a malformed memo age is a 500
    /// `edge_misconfigured` problem naming it.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<FreshnessConfig, Problem> {
        let get = |n: &str| {
            get(n)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let memo_ms = match get("EDGE_GENERATION_MEMO_MS") {
            None => DEFAULT_MEMO_MS,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= MAX_MEMO_MS => n,
                _ => {
                    return Err(Problem::new(
                        500,
                        "edge_misconfigured",
                        "the edge is not configured correctly",
                        &[Issue::new(
                            "EDGE_GENERATION_MEMO_MS",
                            "invalid_setting",
                            format!("must be an integer from 0 to {MAX_MEMO_MS}"),
                        )],
                    ))
                }
            },
        };
        Ok(FreshnessConfig {
            webhook_secret: get("BC_WEBHOOK_SECRET"),
            memo_ms,
        })
    }
}

/// The global generation of each family of one store, as the Durable Object keeps them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyGenerations {
    /// [`Family::Customers`]
    pub customers: u64,
    /// [`Family::Subscribers`]
    pub subscribers: u64,
    /// [`Family::CustomerGroups`]
    pub customer_groups: u64,
}

impl FamilyGenerations {
    /// The generation of a family.
    pub fn get(&self, family: Family) -> u64 {
        match family {
            Family::Customers => self.customers,
            Family::Subscribers => self.subscribers,
            Family::CustomerGroups => self.customer_groups,
        }
    }

    /// Moves the families on. A new generation is `max(previous + 1, now_ms)`: strictly
    /// increasing, and never one an older object could have handed out, so even a reset object
    /// (storage lost) cannot bring back keys of entries still alive.
    pub fn bump(&mut self, families: &[Family], now_ms: u64) {
        for &f in families {
            let g = match f {
                Family::Customers => &mut self.customers,
                Family::Subscribers => &mut self.subscribers,
                Family::CustomerGroups => &mut self.customer_groups,
            };
            *g = (*g + 1).max(now_ms);
        }
    }
}

/// Every family, in a fixed order.
pub const ALL_FAMILIES: [Family; 3] = [
    Family::Customers,
    Family::Subscribers,
    Family::CustomerGroups,
];

/// Parses a family name as [`Family::as_str`] writes it.
pub fn family_from_str(s: &str) -> Option<Family> {
    ALL_FAMILIES.into_iter().find(|f| f.as_str() == s)
}

/// The generation put into data keys: the location's own generation (see [`crate::cache`])
/// and the store's global one. A bump of either moves the key.
pub fn combined_generation(local: &str, global: u64) -> String {
    format!("{local}.g{global:x}")
}

/// May a memo taken at `taken_at_ms` (before the Durable Object was asked) still be used at
/// `now_ms`? A clock that went backwards makes it stale.
pub fn memo_is_fresh(taken_at_ms: u64, now_ms: u64, memo_ms: u64) -> bool {
    now_ms >= taken_at_ms && now_ms - taken_at_ms < memo_ms
}

/// What the Durable Object is asked to do on `POST /bump`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BumpRequest {
    /// Families to move on.
    pub families: Vec<String>,
    /// A webhook delivery's [`WebhookEvent::dedupe_key`]: if already seen, nothing is bumped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// The Durable Object's answer to a bump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BumpAnswer {
    /// The generations after the bump.
    pub generations: FamilyGenerations,
    /// True if `event` had been seen before (nothing was bumped).
    pub duplicate: bool,
}

/// Day number (UNIX days) used to bucket remembered events.
pub fn event_day(now_ms: u64) -> u64 {
    now_ms / 86_400_000
}

/// The storage key of a remembered event in a day bucket; zero-padded so buckets sort by day.
pub fn event_storage_key(day: u64, event: &str) -> String {
    format!("ev:{day:06}:{event}")
}

/// Is the webhook authentic? `secret` is `BC_WEBHOOK_SECRET`, `header` the received
/// [`WEBHOOK_SECRET_HEADER`]. Errors: 503 `webhooks_not_configured` (no secret set: refuse
/// rather than accept anything), 401 `invalid_webhook_secret`.
pub fn authenticate_webhook(secret: Option<&str>, header: Option<&str>) -> Result<(), Problem> {
    let Some(secret) = secret else {
        return Err(Problem::new(
            503,
            "webhooks_not_configured",
            "set the `BC_WEBHOOK_SECRET` secret to receive webhooks",
            &[],
        ));
    };
    match header {
        Some(h) if constant_time_eq(h.trim(), secret) => Ok(()),
        _ => Err(Problem::unauthorized(
            "invalid_webhook_secret",
            "the webhook secret header is missing or wrong",
        )),
    }
}

/// A BigCommerce webhook delivery (the parts the edge uses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    /// e.g. `store/customer/updated`
    pub scope: String,
    /// The store hash from `producer` (`stores/{hash}`), if present.
    pub store_hash: Option<String>,
    /// BigCommerce's `hash` of the payload.
    pub hash: Option<String>,
    /// UNIX seconds.
    pub created_at: Option<i64>,
    /// `data.id`: the customer, address or subscriber id.
    pub id: Option<u64>,
    /// The customer an event is about: `data.id` for customer events,
    /// `data.address.customer_id` for address events, `data.customer_id` for channel access.
    pub customer_id: Option<u64>,
}

/// What a webhook does to the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookEffect {
    /// Bump these families.
    Bump(Vec<Family>),
    /// Not an event the cache depends on, or another store's: answer 200, do nothing.
    Ignore(&'static str),
}

/// Parses a delivery. Errors (400 `invalid_webhook`): not JSON, not an object, no `scope`.
pub fn parse_webhook(body: &str) -> Result<WebhookEvent, Problem> {
    let bad = |msg: &str| {
        Problem::new(
            400,
            "invalid_webhook",
            "the body is not a BigCommerce webhook",
            &[Issue::new("", "invalid_webhook", msg)],
        )
    };
    let v: Value = serde_json::from_str(body).map_err(|_| bad("the body is not JSON"))?;
    let scope = v
        .get("scope")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("`scope` is missing"))?
        .to_string();
    let data = v.get("data");
    let num = |v: Option<&Value>| {
        v.and_then(|x| {
            x.as_u64()
                .or_else(|| x.as_str().and_then(|s| s.parse().ok()))
        })
    };
    let id = num(data.and_then(|d| d.get("id")));
    let customer_id = if scope.starts_with("store/customer/address/") {
        num(data
            .and_then(|d| d.get("address"))
            .and_then(|a| a.get("customer_id")))
    } else if scope.starts_with("store/customer/") {
        num(data.and_then(|d| d.get("customer_id"))).or(id)
    } else {
        None
    };
    Ok(WebhookEvent {
        store_hash: v
            .get("producer")
            .and_then(Value::as_str)
            .and_then(|p| p.strip_prefix("stores/"))
            .map(str::to_string),
        hash: v.get("hash").and_then(Value::as_str).map(str::to_string),
        created_at: v.get("created_at").and_then(Value::as_i64),
        scope,
        id,
        customer_id,
    })
}

impl WebhookEvent {
    /// Which cached reads the event may change.
    ///
    /// `store/customer/*` (including addresses, payment-instrument default and channel access)
    /// changes customer reads: V3 and V2 records and lists, embedded addresses, `/me`.
    /// `store/subscriber/*` changes subscriber reads. Other scopes and other stores are ignored.
    pub fn effect(&self, store_hash: &str) -> WebhookEffect {
        if self
            .store_hash
            .as_deref()
            .is_some_and(|h| !h.eq_ignore_ascii_case(store_hash))
        {
            return WebhookEffect::Ignore("other_store");
        }
        if self.scope.starts_with("store/customer/") {
            WebhookEffect::Bump(vec![Family::Customers])
        } else if self.scope.starts_with("store/subscriber/") {
            WebhookEffect::Bump(vec![Family::Subscribers])
        } else {
            WebhookEffect::Ignore("scope_not_cached")
        }
    }

    /// The key deliveries of one event share: a digest of scope, BigCommerce's `hash`,
    /// `created_at` and the record id. `hash` alone is not enough: it digests only the payload,
    /// and two updates of one customer have the same payload. `None` without a `hash` (then
    /// every delivery bumps; a duplicate costs one extra miss per cached read, nothing worse).
    pub fn dedupe_key(&self) -> Option<String> {
        let hash = self.hash.as_deref()?;
        let mut h = Sha256::new();
        for part in [
            self.scope.as_str(),
            hash,
            &self.created_at.map(|c| c.to_string()).unwrap_or_default(),
            &self.id.map(|c| c.to_string()).unwrap_or_default(),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        Some(
            h.finalize()
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect(),
        )
    }
}

/// A `POST /admin/purge` body: `{}` purges every family of the store; `{"customer_id": n}`
/// purges what may contain that customer; `{"families": [..]}` purges those.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurgeRequest {
    /// A customer whose cached data must go.
    #[serde(default)]
    pub customer_id: Option<u64>,
    /// Family names (`customers`, `subscribers`, `customer_groups`).
    #[serde(default)]
    pub families: Option<Vec<String>>,
}

/// The families a purge bumps. Generations are per family, so a customer purge drops every
/// cached customer read (lists may contain the customer; keys do not say which).
/// Errors (422): malformed body, unknown family.
pub fn purge_families(body: &str) -> Result<Vec<Family>, Problem> {
    let req: PurgeRequest = if body.trim().is_empty() {
        PurgeRequest::default()
    } else {
        serde_json::from_str(body).map_err(|_| {
            Problem::invalid(&[Issue::new(
                "",
                "invalid_body",
                "expected {} or {\"customer_id\": n} or {\"families\": [..]}",
            )])
        })?
    };
    match (req.customer_id, req.families) {
        (Some(_), None) => Ok(vec![Family::Customers]),
        (None, None) => Ok(ALL_FAMILIES.to_vec()),
        (customer, Some(names)) => {
            let mut out = Vec::new();
            if customer.is_some() {
                out.push(Family::Customers);
            }
            for (i, n) in names.iter().enumerate() {
                match family_from_str(n) {
                    Some(f) if !out.contains(&f) => out.push(f),
                    Some(_) => {}
                    None => {
                        return Err(Problem::invalid(&[Issue::new(
                            format!("families[{i}]"),
                            "unknown_family",
                            "use customers, subscribers or customer_groups",
                        )]))
                    }
                }
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMER_UPDATED: &str = r#"{"scope":"store/customer/updated","store_id":"1001","data":{"type":"customer","id":42},"hash":"3f9ea420af83450d7ef9f78b08c8af25b2213637","created_at":1561482670,"producer":"stores/abc123"}"#;
    const ADDRESS_CREATED: &str = r#"{"scope":"store/customer/address/created","store_id":"1001","data":{"type":"customer","id":60,"address":{"customer_id":32}},"hash":"416ca9c01779515de91824aa1cef9012","created_at":1561482670,"producer":"stores/abc123"}"#;
    const SUBSCRIBER_DELETED: &str = r#"{"scope":"store/subscriber/deleted","store_id":"1001","data":{"type":"subscriber","id":7},"hash":"aa","created_at":1561482670,"producer":"stores/abc123"}"#;

    #[test]
    fn webhook_secret_is_required_and_compared() {
        assert_eq!(
            authenticate_webhook(None, Some("x")).unwrap_err().status,
            503
        );
        let e = authenticate_webhook(Some("s3cret-value"), None).unwrap_err();
        assert_eq!((e.status, e.code()), (401, "invalid_webhook_secret"));
        assert!(authenticate_webhook(Some("s3cret-value"), Some("s3cret-valuf")).is_err());
        assert!(authenticate_webhook(Some("s3cret-value"), Some("s3cret-value")).is_ok());
    }

    #[test]
    fn events_map_to_the_families_they_change() {
        let c = parse_webhook(CUSTOMER_UPDATED).unwrap();
        assert_eq!(c.customer_id, Some(42));
        assert_eq!(
            c.effect("abc123"),
            WebhookEffect::Bump(vec![Family::Customers])
        );
        let a = parse_webhook(ADDRESS_CREATED).unwrap();
        assert_eq!((a.id, a.customer_id), (Some(60), Some(32)));
        assert_eq!(
            a.effect("abc123"),
            WebhookEffect::Bump(vec![Family::Customers])
        );
        let s = parse_webhook(SUBSCRIBER_DELETED).unwrap();
        assert_eq!(
            s.effect("abc123"),
            WebhookEffect::Bump(vec![Family::Subscribers])
        );
        let access = parse_webhook(
            r#"{"scope":"store/customer/channel/login/access/updated","data":{"customer_id":9,"channel_ids":[1]}}"#,
        )
        .unwrap();
        assert_eq!(access.customer_id, Some(9));
        assert_eq!(
            access.effect("x"),
            WebhookEffect::Bump(vec![Family::Customers])
        );
        let order = parse_webhook(r#"{"scope":"store/order/created","data":{"id":1}}"#).unwrap();
        assert_eq!(order.effect("x"), WebhookEffect::Ignore("scope_not_cached"));
        assert_eq!(c.effect("other"), WebhookEffect::Ignore("other_store"));
    }

    #[test]
    fn malformed_webhooks_are_400() {
        for body in ["", "[]", "{}", "not json", r#"{"scope": 1}"#] {
            let e = parse_webhook(body).unwrap_err();
            assert_eq!((e.status, e.code()), (400, "invalid_webhook"), "{body}");
        }
    }

    #[test]
    fn duplicate_deliveries_share_a_key_and_distinct_events_do_not() {
        let a = parse_webhook(CUSTOMER_UPDATED).unwrap();
        let again = parse_webhook(CUSTOMER_UPDATED).unwrap();
        assert_eq!(a.dedupe_key(), again.dedupe_key());
        let later = parse_webhook(&CUSTOMER_UPDATED.replace("1561482670", "1561482671")).unwrap();
        assert_ne!(a.dedupe_key(), later.dedupe_key());
        let created = parse_webhook(&CUSTOMER_UPDATED.replace("updated", "created")).unwrap();
        assert_ne!(a.dedupe_key(), created.dedupe_key());
        let no_hash =
            parse_webhook(r#"{"scope":"store/customer/updated","data":{"id":1}}"#).unwrap();
        assert_eq!(no_hash.dedupe_key(), None);
    }

    #[test]
    fn generations_only_move_forward_and_survive_a_reset_object() {
        let mut g = FamilyGenerations::default();
        g.bump(&[Family::Customers], 1_000);
        assert_eq!(g.customers, 1_000);
        g.bump(&[Family::Customers], 1_000);
        assert_eq!(g.customers, 1_001);
        g.bump(&[Family::Customers], 900);
        assert_eq!(g.customers, 1_002);
        assert_eq!((g.subscribers, g.customer_groups), (0, 0));
        // A reset object (all zero) bumped later still hands out a generation never used.
        let mut fresh = FamilyGenerations::default();
        fresh.bump(&[Family::Customers], 2_000);
        assert!(fresh.customers > g.customers);
        assert_ne!(combined_generation("0", 1), combined_generation("0", 2));
        assert_ne!(combined_generation("1", 0), combined_generation("0", 0));
    }

    #[test]
    fn memo_is_fresh_only_for_its_age() {
        assert!(memo_is_fresh(1_000, 1_000, 5_000));
        assert!(memo_is_fresh(1_000, 5_999, 5_000));
        assert!(!memo_is_fresh(1_000, 6_000, 5_000));
        assert!(!memo_is_fresh(1_000, 999, 5_000), "clock went backwards");
        assert!(!memo_is_fresh(1_000, 1_000, 0), "memo 0 asks every time");
    }

    #[test]
    fn purge_bodies() {
        assert_eq!(purge_families("").unwrap(), ALL_FAMILIES.to_vec());
        assert_eq!(purge_families("{}").unwrap(), ALL_FAMILIES.to_vec());
        assert_eq!(
            purge_families(r#"{"customer_id": 5}"#).unwrap(),
            vec![Family::Customers]
        );
        assert_eq!(
            purge_families(r#"{"families": ["subscribers", "subscribers"]}"#).unwrap(),
            vec![Family::Subscribers]
        );
        assert_eq!(
            purge_families(r#"{"families": ["orders"]}"#)
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            purge_families(r#"{"everything": 1}"#).unwrap_err().status,
            422
        );
    }

    #[test]
    fn settings_have_defaults_and_bounds() {
        let c = FreshnessConfig::from_lookup(|_| None).unwrap();
        assert_eq!((c.webhook_secret, c.memo_ms), (None, DEFAULT_MEMO_MS));
        let c = FreshnessConfig::from_lookup(|n| match n {
            "EDGE_GENERATION_MEMO_MS" => Some("0".into()),
            "BC_WEBHOOK_SECRET" => Some("abc".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.memo_ms, 0);
        assert!(!format!("{c:?}").contains("abc"));
        assert!(FreshnessConfig::from_lookup(
            |n| (n == "EDGE_GENERATION_MEMO_MS").then(|| "999999".into())
        )
        .is_err());
    }

    #[test]
    fn event_keys_sort_by_day() {
        assert!(event_storage_key(9, "z") < event_storage_key(10, "a"));
        assert_eq!(event_day(86_400_000 * 3 + 5), 3);
    }
}
