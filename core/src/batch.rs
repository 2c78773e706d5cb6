//! Batch planning: turn any number of records into the V3 calls BigCommerce accepts, and merge
//! the answers back onto the caller's records.
//!
//! BigCommerce's batch endpoints (SUMMARY §2, §4.2, §4.3, §4.6, §4.8):
//!
//! | kind | call | per call | concurrent calls |
//! |---|---|---|---|
//! | [`BatchKind::CustomerCreate`] | `POST /v3/customers` | 10 records (413 above) | 3 |
//! | [`BatchKind::CustomerUpdate`] | `PUT /v3/customers` | 10 records (413 above) | 3 |
//! | [`BatchKind::AttributeValueUpsert`] | `PUT /v3/customers/attribute-values` | 10 distinct customers | 3 |
//! | [`BatchKind::AddressCreate`] | `POST /v3/customers/addresses` | 10 records (no cap documented) | 10 |
//! | [`BatchKind::AddressUpdate`] | `PUT /v3/customers/addresses` | 10 records (no cap documented) | 3 |
//!
//! V3 `POST /customers` states no concurrency limit; we use 3 like its `PUT`.
//!
//! [`plan_customer_batches`] keeps the caller's order, and leaves out (with an issue at the
//! record's path) what would make a whole call fail or be ambiguous: a second record with the
//! same email (case-insensitive, trimmed: `duplicate_email`), the same id (`duplicate_id`), the
//! same customer and attribute (`duplicate_attribute_value`), the same address content
//! (`duplicate_address`), or a record that is not an object (`invalid_type`). The first record of
//! each group is kept. Each [`PlannedCall`] maps body positions back to input indexes.
//!
//! [`merge_results`] takes each call's status and parsed body and reports one
//! [`RecordResult`] per input record. Address responses leave out addresses BigCommerce skipped
//! as duplicates of existing ones, so they are matched by content (the uniqueness key of §4.6),
//! never by position; a record that is missing from a successful address answer is reported as
//! `skipped_duplicate` (a warning). A failed call (413, 422, 429, 5xx…) fails every record it
//! carried.

use crate::issue::{push_index, push_key, Issue, Report};
use crate::request::{batch_unchecked, Method, RequestDescriptor};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Records per call for every kind (and distinct customers per call for attribute values).
pub const MAX_PER_CALL: usize = 10;

/// What is being written in bulk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatchKind {
    /// `POST /v3/customers` (`customer_Post` records).
    CustomerCreate,
    /// `PUT /v3/customers` (`customer_Put` records, each with `id`).
    CustomerUpdate,
    /// `PUT /v3/customers/attribute-values` (`{attribute_id, value, customer_id}` records).
    AttributeValueUpsert,
    /// `POST /v3/customers/addresses` (`address_Post` records, each with `customer_id`).
    AddressCreate,
    /// `PUT /v3/customers/addresses` (`address_Put` records, each with `id`).
    AddressUpdate,
}

impl BatchKind {
    /// How many calls of this kind may run at once (SUMMARY §2).
    ///
    /// ```
    /// use bc_customers_core::batch::BatchKind;
    /// assert_eq!(BatchKind::CustomerUpdate.concurrency(), 3);
    /// assert_eq!(BatchKind::AddressCreate.concurrency(), 10);
    /// ```
    pub fn concurrency(self) -> usize {
        match self {
            BatchKind::AddressCreate => 10,
            _ => 3,
        }
    }

    /// The method and path of the calls.
    pub fn endpoint(self) -> (Method, &'static str) {
        match self {
            BatchKind::CustomerCreate => (Method::Post, "/v3/customers"),
            BatchKind::CustomerUpdate => (Method::Put, "/v3/customers"),
            BatchKind::AttributeValueUpsert => (Method::Put, "/v3/customers/attribute-values"),
            BatchKind::AddressCreate => (Method::Post, "/v3/customers/addresses"),
            BatchKind::AddressUpdate => (Method::Put, "/v3/customers/addresses"),
        }
    }
}

/// One call of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCall {
    /// What to send; the body is a JSON array of the records.
    pub request: RequestDescriptor,
    /// `indexes[k]` is the caller's input index of body item `k`.
    pub indexes: Vec<usize>,
}

/// The calls to make for one batch, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPlan {
    /// What is written.
    pub kind: BatchKind,
    /// How many of [`BatchPlan::calls`] may be in flight at once.
    pub concurrency: usize,
    /// The calls, in input order.
    pub calls: Vec<PlannedCall>,
    /// Records left out, with the reason (path `[i]…` of the caller's input).
    pub issues: Vec<Issue>,
    /// How many records the caller gave.
    pub input_len: usize,
}

impl BatchPlan {
    /// Input indexes that were left out of every call.
    pub fn left_out(&self) -> Vec<usize> {
        let mut sent = vec![false; self.input_len];
        for c in &self.calls {
            for &i in &c.indexes {
                if let Some(s) = sent.get_mut(i) {
                    *s = true;
                }
            }
        }
        (0..self.input_len).filter(|&i| !sent[i]).collect()
    }
}

/// Plans customer creates. Same as `plan_customer_batches(BatchKind::CustomerCreate, records)`.
///
/// ```
/// use bc_customers_core::batch::plan_customer_creates;
/// use serde_json::json;
/// let records: Vec<_> = (0..23)
///     .map(|i| json!({"email": format!("c{i}@example.com"), "first_name": "A", "last_name": "B"}))
///     .chain([json!({"email": " C0@Example.com ", "first_name": "A", "last_name": "B"})])
///     .collect();
/// let plan = plan_customer_creates(records);
/// assert_eq!(plan.calls.len(), 3);
/// assert_eq!(plan.calls[2].indexes, (20..23).collect::<Vec<_>>());
/// assert_eq!(plan.concurrency, 3);
/// assert_eq!((plan.issues[0].path.as_str(), plan.issues[0].code.as_str()), ("[23].email", "duplicate_email"));
/// ```
pub fn plan_customer_creates(records: Vec<Value>) -> BatchPlan {
    plan_customer_batches(BatchKind::CustomerCreate, records)
}

/// Plans customer updates (duplicate ids and duplicate emails are left out).
pub fn plan_customer_updates(records: Vec<Value>) -> BatchPlan {
    plan_customer_batches(BatchKind::CustomerUpdate, records)
}

/// Plans attribute-value upserts (at most 10 distinct customers per call).
pub fn plan_attribute_value_upserts(records: Vec<Value>) -> BatchPlan {
    plan_customer_batches(BatchKind::AttributeValueUpsert, records)
}

/// Plans address creates (identical addresses in the input are left out).
pub fn plan_address_creates(records: Vec<Value>) -> BatchPlan {
    plan_customer_batches(BatchKind::AddressCreate, records)
}

/// Plans address updates (duplicate ids are left out).
pub fn plan_address_updates(records: Vec<Value>) -> BatchPlan {
    plan_customer_batches(BatchKind::AddressUpdate, records)
}

/// Plans the calls for `records` of `kind`: at most 10 records per call (10 distinct customers
/// for attribute values), input order kept, duplicates and non-objects left out with an issue.
/// Records are otherwise sent as given: validate them with [`crate::Operation`] first.
pub fn plan_customer_batches(kind: BatchKind, records: Vec<Value>) -> BatchPlan {
    let input_len = records.len();
    let mut issues = Vec::new();
    let mut seen_email: HashMap<String, usize> = HashMap::new();
    let mut seen_key: HashMap<String, usize> = HashMap::new();
    let mut calls: Vec<PlannedCall> = Vec::new();
    let mut body: Vec<Value> = Vec::with_capacity(MAX_PER_CALL);
    let mut indexes: Vec<usize> = Vec::with_capacity(MAX_PER_CALL);
    let mut customers: Vec<String> = Vec::new();
    let (method, path) = kind.endpoint();

    for (i, record) in records.into_iter().enumerate() {
        if !record.is_object() {
            issues.push(Issue::new(
                index_path(i, None),
                "invalid_type",
                "each record must be a JSON object",
            ));
            continue;
        }
        // Duplicate checks; the first record of a group wins, and only records that are sent
        // claim their email and key.
        let email = if matches!(kind, BatchKind::CustomerCreate | BatchKind::CustomerUpdate) {
            record
                .get("email")
                .and_then(Value::as_str)
                .map(normalize_email)
                .filter(|e| !e.is_empty())
        } else {
            None
        };
        let key = dedup_key(kind, &record);
        let duplicate = if let Some(&first) = key.as_ref().and_then(|k| seen_key.get(k)) {
            Some(match kind {
                BatchKind::CustomerUpdate | BatchKind::AddressUpdate => (
                    index_path(i, Some("id")),
                    "duplicate_id",
                    format!("same id as record [{first}]"),
                ),
                BatchKind::AttributeValueUpsert => (
                    index_path(i, None),
                    "duplicate_attribute_value",
                    format!("same customer and attribute as record [{first}]"),
                ),
                _ => (
                    index_path(i, None),
                    "duplicate_address",
                    format!("same address as record [{first}]; BigCommerce would skip it"),
                ),
            })
        } else if let Some(&first) = email.as_ref().and_then(|e| seen_email.get(e)) {
            Some((
                index_path(i, Some("email")),
                "duplicate_email",
                format!(
                    "same email as record [{first}] (emails are compared without case and surrounding spaces)"
                ),
            ))
        } else {
            if let Some(k) = key {
                seen_key.insert(k, i);
            }
            if let Some(e) = email {
                seen_email.insert(e, i);
            }
            None
        };
        if let Some((path, code, message)) = duplicate {
            issues.push(Issue::new(path, code, message));
            continue;
        }

        // Close the current call when this record would overflow it.
        let full = if kind == BatchKind::AttributeValueUpsert {
            let customer = scalar_key(record.get("customer_id"));
            let new_customer = !customers.contains(&customer);
            if new_customer && customers.len() == MAX_PER_CALL {
                true
            } else {
                if new_customer {
                    customers.push(customer);
                }
                false
            }
        } else {
            body.len() == MAX_PER_CALL
        };
        if full {
            calls.push(PlannedCall {
                request: batch_unchecked(method, path, std::mem::take(&mut body)),
                indexes: std::mem::take(&mut indexes),
            });
            customers.clear();
            if kind == BatchKind::AttributeValueUpsert {
                customers.push(scalar_key(record.get("customer_id")));
            }
        }
        body.push(record);
        indexes.push(i);
    }
    if !body.is_empty() {
        calls.push(PlannedCall {
            request: batch_unchecked(method, path, body),
            indexes,
        });
    }
    BatchPlan {
        kind,
        concurrency: kind.concurrency(),
        calls,
        issues,
        input_len,
    }
}

fn index_path(i: usize, key: Option<&str>) -> String {
    let mut p = String::new();
    push_index(&mut p, i);
    if let Some(k) = key {
        push_key(&mut p, k);
    }
    p
}

/// Emails are unique in BigCommerce regardless of case and surrounding spaces.
fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A scalar as a comparable string: numbers and numeric strings compare equal (`7` and `"7"`).
fn scalar_key(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(other) => other.to_string(),
    }
}

/// The fields BigCommerce treats as an address's identity (SUMMARY §4.6).
const ADDRESS_KEY_FIELDS: [&str; 12] = [
    "customer_id",
    "first_name",
    "last_name",
    "company",
    "phone",
    "address_type",
    "address1",
    "address2",
    "city",
    "country_code",
    "state_or_province",
    "postal_code",
];

/// The content key of an address: the uniqueness fields, absent = empty, and an absent
/// `address_type` as `residential` (BigCommerce's default). `fold` compares without case.
fn address_key(record: &Value, fold: bool) -> String {
    let mut key = String::new();
    for field in ADDRESS_KEY_FIELDS {
        let mut v = scalar_key(record.get(field));
        if field == "address_type" && v.is_empty() {
            v.push_str("residential");
        }
        if field == "country_code" || fold {
            v = v.to_lowercase();
        }
        key.push_str(&v);
        key.push('\u{1f}');
    }
    key
}

fn dedup_key(kind: BatchKind, record: &Value) -> Option<String> {
    match kind {
        BatchKind::CustomerCreate => None,
        BatchKind::CustomerUpdate | BatchKind::AddressUpdate => {
            let id = scalar_key(record.get("id"));
            (!id.is_empty()).then_some(id)
        }
        BatchKind::AttributeValueUpsert => Some(attribute_value_key(record)),
        BatchKind::AddressCreate => Some(address_key(record, false)),
    }
}

fn attribute_value_key(record: &Value) -> String {
    format!(
        "{}\u{1f}{}",
        scalar_key(record.get("customer_id")),
        scalar_key(record.get("attribute_id"))
    )
}

// ---------------------------------------------------------------------------------------------
// Merging

/// What one planned call got back.
#[derive(Debug, Clone, PartialEq)]
pub struct CallOutcome {
    /// The HTTP status.
    pub status: u16,
    /// The parsed response body (`Value::Null` when there was none or it was not JSON).
    pub body: Value,
}

/// What happened to one input record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordOutcome {
    /// Written; the item BigCommerce returned for it.
    Done(Value),
    /// BigCommerce answered 200 but left the address out: it equals an existing address, so
    /// nothing was created or changed.
    SkippedDuplicate,
    /// The record was sent but not written; the code says why (see [`merge_results`]).
    Failed(String),
    /// The record was left out by the planner; the code is the plan issue's.
    NotSent(String),
}

/// One input record's result.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordResult {
    /// The caller's input index.
    pub index: usize,
    /// What happened.
    pub outcome: RecordOutcome,
}

/// The merged results of a plan: one [`RecordResult`] per input record, in input order, and
/// the same information as issues (`errors` for failures, `warnings` for skipped duplicates).
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResults {
    /// One result per input record, in input order.
    pub records: Vec<RecordResult>,
    /// Issues with paths `[i]` of the caller's input.
    pub report: Report,
}

/// The code for a whole call that failed with `status`.
///
/// ```
/// use bc_customers_core::batch::call_failure_code;
/// assert_eq!(call_failure_code(413), "payload_too_large");
/// assert_eq!(call_failure_code(503), "upstream_error");
/// ```
pub fn call_failure_code(status: u16) -> &'static str {
    match status {
        413 => "payload_too_large",
        422 => "upstream_rejected",
        409 => "upstream_conflict",
        429 => "rate_limited",
        500..=599 => "upstream_error",
        _ => "upstream_failed",
    }
}

/// Merges the outcomes of a plan's calls (`outcomes[k]` for `plan.calls[k]`; missing ones count
/// as not sent, code `not_sent`) into one result per input record.
///
/// Codes: `payload_too_large` (413), `upstream_rejected` (422), `upstream_conflict` (409),
/// `rate_limited` (429), `upstream_error` (5xx: the records may or may not have been written,
/// and the message says so), `upstream_failed` (other non-2xx) for every record of a failed call; `missing_from_response` for a record absent from a successful
/// customer or attribute-value answer; `skipped_duplicate` (warning) for an address absent from
/// a successful address answer; plan codes (e.g. `duplicate_email`) for records left out.
///
/// ```
/// use bc_customers_core::batch::{merge_results, plan_address_creates, CallOutcome, RecordOutcome};
/// use serde_json::json;
/// let a = json!({"customer_id": 1, "first_name": "A", "last_name": "B", "address1": "1 Main St",
///                "city": "Austin", "state_or_province": "Texas", "postal_code": "78701", "country_code": "US"});
/// let b = json!({"customer_id": 2, "first_name": "C", "last_name": "D", "address1": "2 Main St",
///                "city": "Austin", "state_or_province": "Texas", "postal_code": "78701", "country_code": "US"});
/// let plan = plan_address_creates(vec![a, b.clone()]);
/// // BigCommerce created only the second one: the first already existed.
/// let mut created = b.clone();
/// created["id"] = json!(77);
/// created["address_type"] = json!("residential");
/// let merged = merge_results(&plan, &[CallOutcome { status: 200, body: json!({"data": [created]}) }]);
/// assert_eq!(merged.records[0].outcome, RecordOutcome::SkippedDuplicate);
/// assert!(matches!(merged.records[1].outcome, RecordOutcome::Done(_)));
/// assert_eq!(merged.report.warnings[0].code, "skipped_duplicate");
/// ```
pub fn merge_results(plan: &BatchPlan, outcomes: &[CallOutcome]) -> BatchResults {
    let mut slots: Vec<Option<RecordOutcome>> = vec![None; plan.input_len];
    let mut report = Report::default();

    for issue in &plan.issues {
        if let Some(i) = leading_index(&issue.path) {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(RecordOutcome::NotSent(issue.code.clone()));
            }
        }
        report.errors.push(issue.clone());
    }

    for (k, call) in plan.calls.iter().enumerate() {
        let sent: &[Value] = match &call.request.body {
            Some(Value::Array(items)) => items,
            _ => &[],
        };
        let Some(outcome) = outcomes.get(k) else {
            for &i in &call.indexes {
                fail(
                    &mut slots,
                    &mut report,
                    i,
                    "not_sent",
                    "no outcome was given for the call that carried this record".to_string(),
                );
            }
            continue;
        };
        if !(200..300).contains(&outcome.status) {
            let code = call_failure_code(outcome.status);
            // A 4xx is a refusal: nothing was written. A 5xx (or the caller's own 502/504 for a
            // timeout, a dropped connection or a broken answer) says nothing about what
            // BigCommerce did before it failed: the records may exist.
            let message = if outcome.status >= 500 {
                format!(
                    "the call that carried this record failed ({}); its records may or may not have been written: check before sending them again",
                    outcome.status
                )
            } else {
                format!(
                    "BigCommerce answered {} to the call that carried this record; none of its records were written",
                    outcome.status
                )
            };
            for &i in &call.indexes {
                fail(&mut slots, &mut report, i, code, message.clone());
            }
            continue;
        }
        let returned: Vec<&Value> = match outcome.body.get("data") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(item @ Value::Object(_)) => vec![item],
            _ => match &outcome.body {
                Value::Array(items) => items.iter().collect(),
                _ => Vec::new(),
            },
        };
        let matched = correlate(plan.kind, sent, &returned);
        for (pos, &i) in call.indexes.iter().enumerate() {
            match matched.get(pos).copied().flatten() {
                Some(r) => {
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(RecordOutcome::Done(returned[r].clone()));
                    }
                }
                None if matches!(
                    plan.kind,
                    BatchKind::AddressCreate | BatchKind::AddressUpdate
                ) =>
                {
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(RecordOutcome::SkippedDuplicate);
                    }
                    report.warnings.push(Issue::new(
                        index_path(i, None),
                        "skipped_duplicate",
                        "BigCommerce did not write this address: it equals an address the customer already has",
                    ));
                }
                None => fail(
                    &mut slots,
                    &mut report,
                    i,
                    "missing_from_response",
                    "BigCommerce accepted the call but did not return this record".to_string(),
                ),
            }
        }
    }

    let records = slots
        .into_iter()
        .enumerate()
        .map(|(index, slot)| RecordResult {
            index,
            outcome: slot.unwrap_or_else(|| RecordOutcome::NotSent("not_planned".to_string())),
        })
        .collect();
    BatchResults {
        records,
        report: report.finish(),
    }
}

fn fail(
    slots: &mut [Option<RecordOutcome>],
    report: &mut Report,
    i: usize,
    code: &str,
    message: String,
) {
    if let Some(slot) = slots.get_mut(i) {
        *slot = Some(RecordOutcome::Failed(code.to_string()));
    }
    report
        .errors
        .push(Issue::new(index_path(i, None), code, message));
}

/// The `i` of a path starting with `[i]`.
fn leading_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix('[')?;
    let end = rest.find(']')?;
    rest[..end].parse().ok()
}

/// For each sent record, the position of the returned item that belongs to it. Keys are
/// matched exactly first; addresses left over are then matched ignoring case, because
/// BigCommerce may normalise what it stores.
fn correlate(kind: BatchKind, sent: &[Value], returned: &[&Value]) -> Vec<Option<usize>> {
    let key = |v: &Value, fold: bool| -> String {
        match kind {
            BatchKind::CustomerCreate => {
                normalize_email(v.get("email").and_then(Value::as_str).unwrap_or(""))
            }
            BatchKind::CustomerUpdate | BatchKind::AddressUpdate => scalar_key(v.get("id")),
            BatchKind::AttributeValueUpsert => attribute_value_key(v),
            BatchKind::AddressCreate => address_key(v, fold),
        }
    };
    let mut out = vec![None; sent.len()];
    let mut used: HashSet<usize> = HashSet::new();
    let passes: &[bool] = if kind == BatchKind::AddressCreate {
        &[false, true]
    } else {
        &[false]
    };
    for &fold in passes {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (r, item) in returned.iter().enumerate() {
            if !used.contains(&r) {
                by_key.entry(key(item, fold)).or_default().push(r);
            }
        }
        for (s, record) in sent.iter().enumerate() {
            if out[s].is_some() {
                continue;
            }
            let k = key(record, fold);
            if k.is_empty() {
                continue;
            }
            if let Some(list) = by_key.get_mut(&k) {
                if !list.is_empty() {
                    let r = list.remove(0);
                    used.insert(r);
                    out[s] = Some(r);
                }
            }
        }
    }
    out
}
