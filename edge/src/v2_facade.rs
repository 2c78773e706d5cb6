//! The V2 compatibility facade (`EDGE_V2_MODE=facade`): BigCommerce marks every V2 customer and
//! address operation deprecated (`customers.v2.yml`, SUMMARY §5), so the edge answers
//! `/v2/customers…` itself, through V3 calls (`customers.v3.yml`), translating requests and
//! answers with `core::mapping` (SUMMARY §8). A legacy V2 client only changes its base URL.
//! Customer groups have no V3 equivalent and stay V2 ([`crate::v2`] passes them through).
//!
//! Pure and replayable: [`next`] gets the parsed [`FacadeRequest`] and the answers of the calls
//! made so far and says which V3 call to make next or what to answer; the glue loops. Every
//! operation is a short straight-line function over a [`Calls`] cursor, so a step that needs
//! an earlier answer (the id of a created customer) just reads it.
//!
//! What the facade does (the README's "V2 compatibility facade" table lists every field):
//! - **Answers** are V2's: bare arrays and objects, RFC 2822 dates, `store_credit` as a
//!   four-decimal string, `addresses` as a `{url, resource}` link (the URL on the edge),
//!   `{count}`, 204 for deletes, and errors as V2's array `[{status, message, details?}]`: 400
//!   for invalid or missing fields (one item per problem, naming the field), 404 for unknown
//!   ids, 409 for a duplicate email. Failures that are the edge's own (auth, rate limits,
//!   BigCommerce down) keep the edge's problem shape and status.
//! - **Filters** V3 can apply go to V3 (`email`, `company`, `phone`, `customer_group_id` as
//!   `:in`; dates as `date_created:min` etc.; both names as `name:in`); `first_name` or
//!   `last_name` alone narrows with `name:like`. Filters V3 lacks (`min_id`, `max_id`,
//!   `store_credit`, `tax_exempt_category`, and the exact first/last name) are applied here:
//!   the edge reads every V3 page of the narrowed list (at most [`MAX_SCAN_PAGES`] of 250), then
//!   filters and pages. More matches than that is a 400 naming the filter.
//! - **Writes** are validated with `core` (`v2.customers.*`, `v2.addresses.*`), mapped, and any
//!   V2 field V3 cannot hold is a 400 naming it, never dropped: `registration_ip_address`
//!   (unless it equals the stored value on update), fields `core` does not know, a
//!   `store_credit` with more precision than V3's float. `_authentication.password_confirmation`
//!   is checked against `password` and then has nothing left to carry.
//! - V2 404s V3 does not give (an unknown customer on update, delete and address calls; V3
//!   deletes of unknown ids are 204) come from a read first. A duplicate email is looked up
//!   before create and update (409), as V3's 422 text for it is not specified.

use crate::params::Params;
use crate::problem::Problem;
use crate::route::{Method, Route};
use crate::upstream::{failure_problem, CallResult, Reply};
use bc_customers_core::mapping::{
    v2_to_v3_address, v2_to_v3_customer, v3_to_v2_address, v3_to_v2_customer, MapError,
};
use bc_customers_core::query::{
    percent_encode, AddressQuery, CustomerInclude, CustomerQuery, DateFilter, Rfc2822Date, V3Date,
    MAX_LIMIT,
};
use bc_customers_core::request::{v3, RequestDescriptor};
use bc_customers_core::upstream::parse_error_for;
use bc_customers_core::{Issue, Operation};
use serde_json::{json, Map, Value};

/// Most V3 pages (of 250) read to apply a filter V3 does not have.
pub const MAX_SCAN_PAGES: u32 = 20;
/// Most upstream calls one facade request makes (a bound for the glue's loop).
pub const MAX_CALLS: usize = MAX_SCAN_PAGES as usize + 4;
const DEFAULT_LIMIT: u32 = 50;
const NOT_FOUND: &str = "The requested resource was not found.";

/// True for the routes the facade answers (customer groups stay V2).
pub fn serves(route: Route) -> bool {
    matches!(
        route,
        Route::V2Customers
            | Route::V2CustomersCount
            | Route::V2Customer(_)
            | Route::V2CustomerAddresses(_)
            | Route::V2CustomerAddressesCount(_)
            | Route::V2CustomerAddress(..)
    )
}

/// A V2 request, parsed and validated, ready to be served through V3.
#[derive(Clone, PartialEq)]
pub struct FacadeRequest {
    op: Op,
    /// The edge's origin, for the `addresses.url` links.
    origin: String,
}

impl std::fmt::Debug for FacadeRequest {
    // Bodies and filters are customer data: show only the operation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FacadeRequest")
            .field("op", &self.op.name())
            .finish_non_exhaustive()
    }
}

#[derive(Clone, PartialEq)]
enum Op {
    ListCustomers(CustomerFilter, Page),
    CountCustomers(CustomerFilter),
    GetCustomer(u64),
    CreateCustomer(Value),
    UpdateCustomer(u64, CustomerUpdate),
    DeleteCustomer(u64),
    ListAddresses(u64, Page),
    CountAddresses(u64),
    GetAddress(u64, u64),
    CreateAddress(u64, Value),
    UpdateAddress(u64, u64, Value),
    DeleteAddress(u64, u64),
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::ListCustomers(..) => "list_customers",
            Op::CountCustomers(..) => "count_customers",
            Op::GetCustomer(..) => "get_customer",
            Op::CreateCustomer(..) => "create_customer",
            Op::UpdateCustomer(..) => "update_customer",
            Op::DeleteCustomer(..) => "delete_customer",
            Op::ListAddresses(..) => "list_addresses",
            Op::CountAddresses(..) => "count_addresses",
            Op::GetAddress(..) => "get_address",
            Op::CreateAddress(..) => "create_address",
            Op::UpdateAddress(..) => "update_address",
            Op::DeleteAddress(..) => "delete_address",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Page {
    page: u32,
    limit: u32,
}

#[derive(Clone, PartialEq)]
struct CustomerUpdate {
    /// The V3 fields to write (no `id`).
    v3: Map<String, Value>,
    /// `registration_ip_address` as sent: accepted only when it is the stored value.
    registration_ip: Option<Value>,
    /// The new email, for the duplicate check.
    email: Option<String>,
}

/// The V2 customer filters: what V3 applies, and what the edge applies afterwards.
#[derive(Clone, PartialEq, Default)]
struct CustomerFilter {
    v3: CustomerQuery,
    first_name: Option<String>,
    last_name: Option<String>,
    tax_exempt_category: Option<String>,
    store_credit: Option<f64>,
    min_id: Option<u64>,
    max_id: Option<u64>,
    /// The V2 names of the filters the edge applies, for the "too many matches" error.
    edge_side: Vec<&'static str>,
}

impl CustomerFilter {
    fn needs_scan(&self) -> bool {
        !self.edge_side.is_empty()
    }

    fn keeps(&self, c: &Value) -> bool {
        let text = |k: &str| {
            c.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase()
        };
        let same = |want: &Option<String>, k: &str| {
            want.as_ref().is_none_or(|w| w.to_lowercase() == text(k))
        };
        let id = c.get("id").and_then(Value::as_u64).unwrap_or(0);
        same(&self.first_name, "first_name")
            && same(&self.last_name, "last_name")
            && same(&self.tax_exempt_category, "tax_exempt_category")
            && self.min_id.is_none_or(|m| id >= m)
            && self.max_id.is_none_or(|m| id <= m)
            && self
                .store_credit
                .is_none_or(|want| (store_credit_sum(c) - want).abs() < 0.000_05)
    }
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Make this V3 call and call [`next`] again with its result appended.
    Call(RequestDescriptor),
    /// Answer the caller.
    Reply(Reply),
}

/// A V2 error answer: `[{status, message, details?}]`.
pub fn v2_error(status: u16, items: Vec<(String, Option<Value>)>) -> Reply {
    let body: Vec<Value> = items
        .into_iter()
        .map(|(message, details)| {
            let mut item = json!({"status": status, "message": message});
            if let Some(d) = details {
                item["details"] = d;
            }
            item
        })
        .collect();
    Reply::json(status, &Value::Array(body))
}

fn not_found() -> Reply {
    v2_error(404, vec![(NOT_FOUND.into(), None)])
}

fn invalid_field(field: &str, reason: &str) -> (String, Option<Value>) {
    (
        format!("The field '{field}' is invalid."),
        Some(json!({ "invalid_reason": reason })),
    )
}

/// One V2 400 item per field (its first issue): `required` as V2 words it, others as invalid.
fn issues_to_v2(issues: &[Issue]) -> Reply {
    let mut seen: Vec<&str> = Vec::new();
    let items = issues
        .iter()
        .filter(|i| {
            let first = !seen.contains(&i.path.as_str());
            seen.push(&i.path);
            first
        })
        .map(|i| {
            let field = if i.path.is_empty() { "body" } else { &i.path };
            if i.code == "required" {
                (
                    format!("The required field '{field}' was not supplied."),
                    None,
                )
            } else {
                invalid_field(field, &i.message)
            }
        })
        .collect();
    v2_error(400, items)
}

fn cannot_hold(fields: &[String]) -> Reply {
    v2_error(
        400,
        fields
            .iter()
            .map(|f| {
                invalid_field(
                    f,
                    "V3 cannot hold this field, so the V3-backed V2 facade cannot store it",
                )
            })
            .collect(),
    )
}

/// Parses a V2 request the facade serves; a request it refuses is answered at once.
/// `origin` is the edge's own origin (for `addresses.url`).
pub fn parse(
    route: Route,
    method: Method,
    query: &str,
    body: Option<&str>,
    origin: &str,
) -> Result<FacadeRequest, Reply> {
    let no_query = |query: &str| {
        Params::parse(query, &[])
            .finish()
            .map_err(|i| issues_to_v2(&i))
    };
    let op = match (route, method) {
        (Route::V2Customers, Method::Get) => {
            let (filter, page) = customer_filter(query, true)?;
            Op::ListCustomers(
                filter,
                page.unwrap_or(Page {
                    page: 1,
                    limit: DEFAULT_LIMIT,
                }),
            )
        }
        (Route::V2CustomersCount, Method::Get) => {
            Op::CountCustomers(customer_filter(query, false)?.0)
        }
        (Route::V2Customer(id), Method::Get) => {
            no_query(query)?;
            Op::GetCustomer(id)
        }
        (Route::V2Customers, Method::Post) => {
            no_query(query)?;
            Op::CreateCustomer(customer_create(body)?)
        }
        (Route::V2Customer(id), Method::Put) => {
            no_query(query)?;
            Op::UpdateCustomer(id, customer_update(body)?)
        }
        (Route::V2Customer(id), Method::Delete) => {
            no_query(query)?;
            Op::DeleteCustomer(id)
        }
        (Route::V2CustomerAddresses(id), Method::Get) => {
            let mut p = Params::parse(query, &["page", "limit"]);
            let mut issues = Vec::new();
            let page = paging(&mut p, &mut issues);
            if let Err(mut more) = p.finish() {
                issues.append(&mut more);
            }
            if !issues.is_empty() {
                return Err(issues_to_v2(&issues));
            }
            Op::ListAddresses(id, page)
        }
        (Route::V2CustomerAddressesCount(id), Method::Get) => {
            no_query(query)?;
            Op::CountAddresses(id)
        }
        (Route::V2CustomerAddresses(id), Method::Post) => {
            no_query(query)?;
            Op::CreateAddress(id, address_body(Operation::V2AddressesCreate, id, body)?)
        }
        (Route::V2CustomerAddress(id, aid), Method::Get) => {
            no_query(query)?;
            Op::GetAddress(id, aid)
        }
        (Route::V2CustomerAddress(id, aid), Method::Put) => {
            no_query(query)?;
            Op::UpdateAddress(
                id,
                aid,
                address_body(Operation::V2AddressesUpdate, id, body)?,
            )
        }
        (Route::V2CustomerAddress(id, aid), Method::Delete) => {
            no_query(query)?;
            Op::DeleteAddress(id, aid)
        }
        // Delete-everything calls stay refused, as in passthrough mode (see `crate::v2`).
        (Route::V2Customers | Route::V2CustomerAddresses(_), Method::Delete) => {
            return Err(Reply::problem(&Problem::invalid(&[Issue::new(
                "",
                "empty_filter",
                "this V2 call deletes every record and takes no filter; delete by id instead",
            )])))
        }
        _ => {
            return Err(Reply::problem(&Problem::method_not_allowed(
                &route.allow_header(),
            )))
        }
    };
    Ok(FacadeRequest {
        op,
        origin: origin.trim_end_matches('/').to_string(),
    })
}

impl FacadeRequest {
    /// True for requests that change something (their family's cache is invalidated).
    pub fn is_write(&self) -> bool {
        matches!(
            self.op,
            Op::CreateCustomer(_)
                | Op::UpdateCustomer(..)
                | Op::DeleteCustomer(_)
                | Op::CreateAddress(..)
                | Op::UpdateAddress(..)
                | Op::DeleteAddress(..)
        )
    }

    /// For a read, the normalised request as a cache-key part (digested by
    /// [`crate::cache::data_key`], so no filter value appears in a key); `None` for writes.
    pub fn cache_part(&self) -> Option<String> {
        let filter = |f: &CustomerFilter| {
            let mut s = f.v3.to_query_string().unwrap_or_default();
            for (k, v) in [
                ("first_name", f.first_name.clone()),
                ("last_name", f.last_name.clone()),
                ("tax_exempt_category", f.tax_exempt_category.clone()),
                ("store_credit", f.store_credit.map(|c| c.to_string())),
                ("min_id", f.min_id.map(|c| c.to_string())),
                ("max_id", f.max_id.map(|c| c.to_string())),
            ] {
                if let Some(v) = v {
                    s.push_str(&format!("&{k}={}", percent_encode(&v)));
                }
            }
            s
        };
        let part = match &self.op {
            Op::ListCustomers(f, p) => {
                format!("customers?{}&page={}&limit={}", filter(f), p.page, p.limit)
            }
            Op::CountCustomers(f) => format!("customers/count?{}", filter(f)),
            Op::GetCustomer(id) => format!("customers/{id}"),
            Op::ListAddresses(id, p) => {
                format!("customers/{id}/addresses?page={}&limit={}", p.page, p.limit)
            }
            Op::CountAddresses(id) => format!("customers/{id}/addresses/count"),
            Op::GetAddress(id, aid) => format!("customers/{id}/addresses/{aid}"),
            _ => return None,
        };
        Some(format!("v2-facade:{part}"))
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing V2 requests

fn bad_param(key: &str, message: &str) -> Issue {
    Issue::new(key, "invalid_parameter", message)
}

/// `page` and `limit`; V2 caps `limit` at 250 rather than refusing more (SUMMARY §3.3).
fn paging(p: &mut Params, issues: &mut Vec<Issue>) -> Page {
    let mut number = |key: &str, default: u32| match p.string(key) {
        None => default,
        Some(v) => match crate::route::parse_id(&v) {
            Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
            None => {
                issues.push(bad_param(key, "must be a positive whole number"));
                default
            }
        },
    };
    let page = number("page", 1);
    let limit = number("limit", DEFAULT_LIMIT).min(MAX_LIMIT);
    Page { page, limit }
}

/// A V2 date filter: RFC 2822 as V2 writes dates (converted), or an ISO 8601 date V3 takes.
fn v2_date(p: &mut Params, key: &str, issues: &mut Vec<Issue>) -> Option<V3Date> {
    let v = p.string(key)?;
    let converted = if Rfc2822Date::parse(&v).is_some() {
        bc_customers_core::mapping::dates::rfc2822_to_rfc3339(&v)
    } else {
        Some(v)
    };
    let d = converted.as_deref().and_then(V3Date::parse);
    if d.is_none() {
        issues.push(bad_param(
            key,
            "expected a date like `Wed, 10 Jan 2018 21:02:23 +0000` or `2018-01-10`",
        ));
    }
    d
}

fn customer_filter(query: &str, paged: bool) -> Result<(CustomerFilter, Option<Page>), Reply> {
    let mut keys = vec![
        "first_name",
        "last_name",
        "company",
        "email",
        "phone",
        "store_credit",
        "customer_group_id",
        "min_id",
        "max_id",
        "min_date_created",
        "max_date_created",
        "min_date_modified",
        "max_date_modified",
        "tax_exempt_category",
    ];
    if paged {
        keys.extend(["page", "limit"]);
    }
    let mut p = Params::parse(query, &keys);
    let mut issues = Vec::new();
    let mut f = CustomerFilter::default();
    let mut q = CustomerQuery::new();
    if let Some(v) = p.string("email") {
        q = q.email_in([v]);
    }
    if let Some(v) = p.string("company") {
        q = q.company_in([v]);
    }
    if let Some(v) = p.string("phone") {
        q = q.phone_in([v]);
    }
    if let Some(id) = customer_group_id(&mut p, &mut issues) {
        q = q.customer_group_id_in([id]);
    }
    f.first_name = p.string("first_name");
    f.last_name = p.string("last_name");
    match (&f.first_name, &f.last_name) {
        (Some(first), Some(last)) => q = q.name_in([format!("{first} {last}")]),
        (Some(one), None) | (None, Some(one)) => q = q.name_like([one.clone()]),
        (None, None) => {}
    }
    if f.first_name.is_some() {
        f.edge_side.push("first_name");
    }
    if f.last_name.is_some() {
        f.edge_side.push("last_name");
    }
    f.tax_exempt_category = p.string("tax_exempt_category");
    if f.tax_exempt_category.is_some() {
        f.edge_side.push("tax_exempt_category");
    }
    if let Some(v) = p.string("store_credit") {
        match v.parse::<f64>().ok().filter(|c| c.is_finite() && *c >= 0.0) {
            Some(c) if v.bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
                f.store_credit = Some(c);
                f.edge_side.push("store_credit");
            }
            _ => issues.push(bad_param("store_credit", "expected a decimal number")),
        }
    }
    f.min_id = p.id("min_id");
    f.max_id = p.id("max_id");
    if f.min_id.is_some() {
        f.edge_side.push("min_id");
    }
    if f.max_id.is_some() {
        f.edge_side.push("max_id");
    }
    q = q.date_created(DateFilter {
        min: v2_date(&mut p, "min_date_created", &mut issues),
        max: v2_date(&mut p, "max_date_created", &mut issues),
        ..Default::default()
    });
    q = q.date_modified(DateFilter {
        min: v2_date(&mut p, "min_date_modified", &mut issues),
        max: v2_date(&mut p, "max_date_modified", &mut issues),
        ..Default::default()
    });
    let page = paged.then(|| paging(&mut p, &mut issues));
    if let Err(mut more) = p.finish() {
        issues.append(&mut more);
    }
    if let Err(mut more) = q.to_query_string() {
        issues.append(&mut more);
    }
    if !issues.is_empty() {
        return Err(issues_to_v2(&issues));
    }
    f.v3 = q;
    Ok((f, page))
}

/// V2 `customer_group_id` filter: 0 (no group) or an id.
fn customer_group_id(p: &mut Params, issues: &mut Vec<Issue>) -> Option<u64> {
    let v = p.string("customer_group_id")?;
    match v.parse::<u64>() {
        Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) => Some(n),
        _ => {
            issues.push(bad_param("customer_group_id", "expected a whole number"));
            None
        }
    }
}

fn body_value(body: Option<&str>) -> Result<Value, Reply> {
    let text = body.unwrap_or("");
    if text.trim().is_empty() {
        return Err(v2_error(
            400,
            vec![("The request body must be a JSON object.".into(), None)],
        ));
    }
    let value = bc_customers_core::ops::parse_json(text).map_err(|i| issues_to_v2(&[i]))?;
    if !value.is_object() {
        return Err(v2_error(
            400,
            vec![("The request body must be a JSON object.".into(), None)],
        ));
    }
    Ok(value)
}

fn validated(op: Operation, body: Option<&str>) -> Result<Value, Reply> {
    op.prepare(body_value(body)?)
        .map(|p| p.body)
        .map_err(|r| issues_to_v2(&r.errors))
}

fn map_error(e: MapError) -> Reply {
    issues_to_v2(&e.issues)
}

/// The mapped V3 customer, refusing every V2 field it could not carry.
fn customer_v3(v2: Value) -> Result<Map<String, Value>, Reply> {
    let mapped = v2_to_v3_customer(v2).map_err(map_error)?;
    // Checked equal to `password` by `core`: nothing is lost by not sending it.
    let lost: Vec<String> = mapped
        .lost
        .into_iter()
        .filter(|p| p != "_authentication.password_confirmation")
        .collect();
    if !lost.is_empty() {
        return Err(cannot_hold(&lost));
    }
    match mapped.value {
        Value::Object(m) => Ok(m),
        _ => Err(v2_error(
            400,
            vec![("The request body must be a JSON object.".into(), None)],
        )),
    }
}

fn customer_create(body: Option<&str>) -> Result<Value, Reply> {
    let mut v2 = validated(Operation::V2CustomersCreate, body)?;
    if v2
        .get("registration_ip_address")
        .is_some_and(|v| !v.is_null())
    {
        return Err(v2_error(
            400,
            vec![invalid_field(
                "registration_ip_address",
                "V3 cannot set the registration IP address of a new customer",
            )],
        ));
    }
    if let Some(m) = v2.as_object_mut() {
        m.remove("registration_ip_address");
    }
    customer_v3(v2).map(Value::Object)
}

fn customer_update(body: Option<&str>) -> Result<CustomerUpdate, Reply> {
    let mut v2 = validated(Operation::V2CustomersUpdate, body)?;
    let registration_ip = v2
        .as_object_mut()
        .and_then(|m| m.remove("registration_ip_address"));
    let v3 = customer_v3(v2)?;
    let email = v3.get("email").and_then(Value::as_str).map(str::to_string);
    Ok(CustomerUpdate {
        v3,
        registration_ip,
        email,
    })
}

fn address_body(op: Operation, customer_id: u64, body: Option<&str>) -> Result<Value, Reply> {
    let v2 = validated(op, body)?;
    if let Some(id) = v2.get("customer_id") {
        if id.as_u64() != Some(customer_id) {
            return Err(v2_error(
                400,
                vec![invalid_field(
                    "customer_id",
                    "must be the customer id of the path when given",
                )],
            ));
        }
    }
    let mapped = v2_to_v3_address(v2).map_err(map_error)?;
    if !mapped.lost.is_empty() {
        return Err(cannot_hold(&mapped.lost));
    }
    let mut v3 = mapped.value;
    v3["customer_id"] = Value::from(customer_id);
    Ok(v3)
}

// ---------------------------------------------------------------------------------------------
// Running: a cursor over the answers so far

/// The answers of the calls made so far, read in order by an operation as it replays.
struct Calls<'a> {
    results: &'a [CallResult],
    /// The JSON of each 2xx answer, parsed once when recorded.
    bodies: &'a [Option<Value>],
    next: usize,
}

static NULL: Value = Value::Null;

type Flow<T> = Result<T, Next>;

impl<'a> Calls<'a> {
    /// The JSON answer to `request` (`Null` for an empty 2xx), or what to do instead: make the
    /// call (not made yet), or answer with the V2 form of its failure.
    fn send(&mut self, request: RequestDescriptor) -> Flow<&'a Value> {
        let (Some(result), Some(parsed)) =
            (self.results.get(self.next), self.bodies.get(self.next))
        else {
            return Err(Next::Call(request));
        };
        self.next += 1;
        let CallResult::Answer(a) = result else {
            return Err(Next::Reply(Reply::problem(&failure_problem(
                &request, result,
            ))));
        };
        if (200..300).contains(&a.status) {
            if a.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(&NULL);
            }
            return parsed.as_ref().ok_or_else(|| Next::Reply(bad_upstream()));
        }
        let sent = request.body.clone().unwrap_or(Value::Null);
        Err(Next::Reply(match a.status {
            404 => not_found(),
            409 | 422 | 400 => upstream_refusal(&parse_error_for(a.status, &a.body, &sent)),
            _ => Reply::problem(&failure_problem(&request, result)),
        }))
    }

    /// `data` of a V3 list answer and `meta.pagination.total`.
    fn list(&mut self, request: RequestDescriptor) -> Flow<(&'a [Value], u64, u64)> {
        let v = self.send(request)?;
        let Some(items) = v.get("data").and_then(Value::as_array) else {
            return Err(Next::Reply(bad_upstream()));
        };
        let pagination = &v["meta"]["pagination"];
        let total = pagination["total"].as_u64().unwrap_or(items.len() as u64);
        let pages = pagination["total_pages"].as_u64().unwrap_or(1);
        Ok((items, total, pages))
    }
}

fn bad_upstream() -> Reply {
    Reply::problem(&Problem::new(
        502,
        "upstream_invalid_response",
        "BigCommerce answered with something the V2 facade cannot read",
        &[],
    ))
}

/// The V2 name of a V3 field in an error path (`[0].address1` -> `street_1`).
fn v2_field(v3_path: &str) -> String {
    let path = v3_path.strip_prefix("[0]").unwrap_or(v3_path);
    let path = path.strip_prefix('.').unwrap_or(path);
    let head = path.split(['.', '[']).next().unwrap_or("");
    match head {
        "address1" => "street_1".into(),
        "address2" => "street_2".into(),
        "postal_code" => "zip".into(),
        "state_or_province" => "state".into(),
        "country_code" => "country".into(),
        "store_credit_amounts" => "store_credit".into(),
        "accepts_product_review_abandoned_cart_emails" => "accepts_marketing".into(),
        "authentication" if path.contains("new_password") => "_authentication.password".into(),
        "authentication" => "_authentication.force_reset".into(),
        _ => path.to_string(),
    }
}

/// A V3 4xx refusal of a write as V2 says it: 409 for an email in use, else 400 per field.
fn upstream_refusal(issues: &[Issue]) -> Reply {
    let email_taken = issues.iter().any(|i| {
        let m = i.message.to_lowercase();
        v2_field(&i.path) == "email" && (m.contains("in use") || m.contains("exist"))
    });
    if email_taken {
        return email_conflict();
    }
    let items = issues
        .iter()
        .map(|i| match v2_field(&i.path).as_str() {
            "" => (
                "The request is invalid.".to_string(),
                Some(json!({"invalid_reason": i.message})),
            ),
            field => invalid_field(field, &i.message),
        })
        .collect();
    v2_error(400, items)
}

fn email_conflict() -> Reply {
    v2_error(
        409,
        vec![(
            "The field 'email' is invalid.".into(),
            Some(json!({"conflict_reason": "The email address is already in use."})),
        )],
    )
}

// ---------------------------------------------------------------------------------------------
// V3 answers as V2

fn store_credit_sum(c: &Value) -> f64 {
    c.get("store_credit_amounts")
        .and_then(Value::as_array)
        // A fold from +0.0: an empty f64 `sum()` is -0.0, which would print as "-0.0000".
        .map(|a| {
            a.iter()
                .filter_map(|x| x["amount"].as_f64())
                .fold(0.0, |s, x| s + x)
        })
        .unwrap_or(0.0)
}

/// A V3 customer (read with `include=storecredit,formfields`) as V2 returns it.
fn v2_customer(mut c: Value, origin: &str) -> Result<Value, Reply> {
    let id = c.get("id").and_then(Value::as_u64).unwrap_or(0);
    // V2 has one credit: none is 0, several are summed (V3 has no currency to tell apart).
    let amounts = c
        .get("store_credit_amounts")
        .and_then(Value::as_array)
        .map(Vec::len);
    if amounts != Some(1) {
        c["store_credit_amounts"] = json!([{"amount": store_credit_sum(&c)}]);
    }
    let mapped = v3_to_v2_customer(c).map_err(|_| bad_upstream())?;
    let mut v = mapped.value;
    if let Some(m) = v.as_object_mut() {
        m.remove("_authentication");
        m.insert(
            "addresses".into(),
            json!({
                "url": format!("{origin}/v2/customers/{id}/addresses"),
                "resource": format!("/customers/{id}/addresses"),
            }),
        );
    }
    Ok(v)
}

/// A V3 address as V2 returns it.
fn v2_address(mut a: Value) -> Result<Value, Reply> {
    // V2 always has a phone; V3 may not.
    if a.get("phone").is_none_or(Value::is_null) {
        a["phone"] = Value::from("");
    }
    v3_to_v2_address(a)
        .map(|m| m.value)
        .map_err(|_| bad_upstream())
}

// ---------------------------------------------------------------------------------------------
// The V3 calls

fn customer_includes(q: CustomerQuery) -> CustomerQuery {
    q.include(CustomerInclude::StoreCredit)
        .include(CustomerInclude::FormFields)
}

fn built(r: Result<RequestDescriptor, Vec<Issue>>) -> Flow<RequestDescriptor> {
    r.map_err(|i| Next::Reply(issues_to_v2(&i)))
}

fn get_customer_request(id: u64) -> Flow<RequestDescriptor> {
    built(v3::list_customers(&customer_includes(
        CustomerQuery::new().id_in([id]),
    )))
}

/// The V3 customer `id`, or V2's 404.
fn read_customer(calls: &mut Calls<'_>, id: u64) -> Flow<Value> {
    let (items, _, _) = calls.list(get_customer_request(id)?)?;
    items
        .first()
        .cloned()
        .ok_or_else(|| Next::Reply(not_found()))
}

/// 409 when another customer has `email`.
fn check_email_free(calls: &mut Calls<'_>, email: &str, except: Option<u64>) -> Flow<()> {
    let (items, _, _) = calls.list(built(v3::list_customers(
        &CustomerQuery::new().email_in([email.to_string()]),
    ))?)?;
    if items
        .iter()
        .any(|c| c.get("id").and_then(Value::as_u64) != except)
    {
        return Err(Next::Reply(email_conflict()));
    }
    Ok(())
}

/// The customer's V3 address `aid`, or V2's 404.
fn read_address(calls: &mut Calls<'_>, id: u64, aid: u64) -> Flow<Value> {
    let q = AddressQuery {
        id_in: vec![aid],
        customer_id_in: vec![id],
        ..Default::default()
    };
    let (items, _, _) = calls.list(built(v3::list_addresses(&q))?)?;
    items
        .first()
        .cloned()
        .ok_or_else(|| Next::Reply(not_found()))
}

fn ok(status: u16, v: &Value) -> Reply {
    Reply::json(status, v)
}

fn no_content() -> Reply {
    Reply {
        status: 204,
        body: None,
        headers: Vec::new(),
        storable: false,
    }
}

fn first_written(v: &Value) -> Option<Value> {
    v.get("data")?.as_array()?.first().cloned()
}

/// One facade request in progress: the request and the answers of the calls made so far.
#[derive(Debug)]
pub struct Session {
    request: FacadeRequest,
    results: Vec<CallResult>,
    bodies: Vec<Option<Value>>,
}

impl Session {
    /// A session for `request`, no call made yet.
    pub fn new(request: FacadeRequest) -> Session {
        Session {
            request,
            results: Vec::new(),
            bodies: Vec::new(),
        }
    }

    /// The request.
    pub fn request(&self) -> &FacadeRequest {
        &self.request
    }

    /// Records the result of the call [`Session::next`] asked for.
    pub fn record(&mut self, result: CallResult) {
        let parsed = match &result {
            CallResult::Answer(a) if (200..300).contains(&a.status) => {
                serde_json::from_slice(&a.body).ok()
            }
            _ => None,
        };
        self.results.push(result);
        self.bodies.push(parsed);
    }

    /// The next step: a V3 call to make (then [`Session::record`] its result), or the answer.
    pub fn next(&self) -> Next {
        if self.results.len() > MAX_CALLS {
            return Next::Reply(bad_upstream());
        }
        let mut calls = Calls {
            results: &self.results,
            bodies: &self.bodies,
            next: 0,
        };
        match run(&self.request.op, &self.request.origin, &mut calls) {
            Ok(mut reply) => {
                // Only reads of V2 data are worth keeping, and only when whole.
                reply.storable = reply.status == 200 && self.request.cache_part().is_some();
                Next::Reply(reply)
            }
            Err(next) => next,
        }
    }
}

fn run(op: &Op, origin: &str, calls: &mut Calls<'_>) -> Flow<Reply> {
    match op {
        Op::ListCustomers(f, page) => {
            let items = customers_matching(calls, f, Some(*page))?;
            let out = items
                .into_iter()
                .map(|c| v2_customer(c, origin))
                .collect::<Result<Vec<_>, _>>()
                .map_err(Next::Reply)?;
            Ok(ok(200, &Value::Array(out)))
        }
        Op::CountCustomers(f) => {
            let count = if f.needs_scan() {
                customers_matching(calls, f, None)?.len() as u64
            } else {
                let q = f.v3.clone().limit(1);
                calls.list(built(v3::list_customers(&q))?)?.1
            };
            Ok(ok(200, &json!({ "count": count })))
        }
        Op::GetCustomer(id) => {
            let c = read_customer(calls, *id)?;
            Ok(ok(200, &v2_customer(c, origin).map_err(Next::Reply)?))
        }
        Op::CreateCustomer(v3_body) => {
            if let Some(email) = v3_body.get("email").and_then(Value::as_str) {
                check_email_free(calls, email, None)?;
            }
            let created = calls.send(built(v3::create_customers(vec![v3_body.clone()]))?)?;
            let id = first_written(created)
                .and_then(|c| c.get("id").and_then(Value::as_u64))
                .ok_or_else(|| Next::Reply(bad_upstream()))?;
            let c = read_customer(calls, id)?;
            Ok(ok(200, &v2_customer(c, origin).map_err(Next::Reply)?))
        }
        Op::UpdateCustomer(id, u) => {
            let current = read_customer(calls, *id)?;
            if let Some(ip) = &u.registration_ip {
                let stored = current
                    .get("registration_ip_address")
                    .unwrap_or(&Value::Null);
                if !ip.is_null() && ip != stored {
                    return Ok(v2_error(
                        400,
                        vec![invalid_field(
                            "registration_ip_address",
                            "V3 cannot change the registration IP address of a customer",
                        )],
                    ));
                }
            }
            if let Some(email) = &u.email {
                check_email_free(calls, email, Some(*id))?;
            }
            if !u.v3.is_empty() {
                let mut body = u.v3.clone();
                body.insert("id".into(), Value::from(*id));
                calls.send(built(v3::update_customers(vec![Value::Object(body)]))?)?;
            }
            let c = read_customer(calls, *id)?;
            Ok(ok(200, &v2_customer(c, origin).map_err(Next::Reply)?))
        }
        Op::DeleteCustomer(id) => {
            read_customer(calls, *id)?;
            calls.send(built(v3::delete_customers(&[*id]))?)?;
            Ok(no_content())
        }
        Op::ListAddresses(id, page) => {
            read_customer(calls, *id)?;
            let q = AddressQuery {
                customer_id_in: vec![*id],
                page: Some(page.page),
                limit: Some(page.limit),
                ..Default::default()
            };
            let (items, _, _) = calls.list(built(v3::list_addresses(&q))?)?;
            let out = items
                .iter()
                .cloned()
                .map(v2_address)
                .collect::<Result<Vec<_>, _>>()
                .map_err(Next::Reply)?;
            Ok(ok(200, &Value::Array(out)))
        }
        Op::CountAddresses(id) => {
            read_customer(calls, *id)?;
            let q = AddressQuery {
                customer_id_in: vec![*id],
                limit: Some(1),
                ..Default::default()
            };
            let (_, total, _) = calls.list(built(v3::list_addresses(&q))?)?;
            Ok(ok(200, &json!({ "count": total })))
        }
        Op::GetAddress(id, aid) => {
            let a = read_address(calls, *id, *aid)?;
            Ok(ok(200, &v2_address(a).map_err(Next::Reply)?))
        }
        Op::CreateAddress(id, body) => {
            read_customer(calls, *id)?;
            let written = calls.send(built(v3::create_addresses(vec![body.clone()]))?)?;
            let a = match first_written(written) {
                Some(a) => a,
                // V3 skips an address identical to one the customer has: answer with that one.
                None => find_same_address(calls, *id, body)?,
            };
            Ok(ok(200, &v2_address(a).map_err(Next::Reply)?))
        }
        Op::UpdateAddress(id, aid, body) => {
            let before = read_address(calls, *id, *aid)?;
            let mut body = body.clone();
            body["id"] = Value::from(*aid);
            if let Some(m) = body.as_object_mut() {
                // Not writable in V3's address_Put; the path already fixes it.
                m.remove("customer_id");
            }
            let written = calls.send(built(v3::update_addresses(vec![body]))?)?;
            // V3 leaves an address that would become a duplicate unchanged and omits it.
            let a = first_written(written).unwrap_or(before);
            Ok(ok(200, &v2_address(a).map_err(Next::Reply)?))
        }
        Op::DeleteAddress(id, aid) => {
            read_address(calls, *id, *aid)?;
            calls.send(built(v3::delete_addresses(&[*aid]))?)?;
            Ok(no_content())
        }
    }
}

/// The customers matching a V2 filter: one V3 page when V3 applies every filter, else every
/// V3 page of the narrowed list filtered here (then paged here when `page` is given).
fn customers_matching(
    calls: &mut Calls<'_>,
    f: &CustomerFilter,
    page: Option<Page>,
) -> Flow<Vec<Value>> {
    let q = customer_includes(f.v3.clone());
    if !f.needs_scan() {
        let p = page.unwrap_or(Page {
            page: 1,
            limit: DEFAULT_LIMIT,
        });
        let req = built(v3::list_customers(&q.page(p.page).limit(p.limit)))?;
        return Ok(calls.list(req)?.0.to_vec());
    }
    let mut kept = Vec::new();
    let mut n = 1;
    loop {
        let req = built(v3::list_customers(&q.clone().page(n).limit(MAX_LIMIT)))?;
        let (items, _, pages) = calls.list(req)?;
        let full = items.len() as u32 >= MAX_LIMIT;
        kept.extend(items.iter().filter(|c| f.keeps(c)).cloned());
        if !full || u64::from(n) >= pages {
            break;
        }
        if n >= MAX_SCAN_PAGES {
            let reason = format!(
                "V3 cannot apply this filter; the edge filters at most {} customers; narrow the list with email, company, phone, customer_group_id or a date filter",
                MAX_SCAN_PAGES * MAX_LIMIT
            );
            return Err(Next::Reply(v2_error(
                400,
                f.edge_side
                    .iter()
                    .map(|k| invalid_field(k, &reason))
                    .collect(),
            )));
        }
        n += 1;
    }
    Ok(match page {
        None => kept,
        Some(p) => {
            let start = (p.page as usize - 1).saturating_mul(p.limit as usize);
            kept.into_iter()
                .skip(start)
                .take(p.limit as usize)
                .collect()
        }
    })
}

/// The customer's address that V3 considered identical to `sent` (a create V3 skipped).
fn find_same_address(calls: &mut Calls<'_>, id: u64, sent: &Value) -> Flow<Value> {
    let q = AddressQuery {
        customer_id_in: vec![id],
        limit: Some(MAX_LIMIT),
        ..Default::default()
    };
    let (items, _, _) = calls.list(built(v3::list_addresses(&q))?)?;
    let norm = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_lowercase()
    };
    let keys = [
        "first_name",
        "last_name",
        "company",
        "address1",
        "address2",
        "city",
        "postal_code",
        "country_code",
        "phone",
    ];
    items
        .iter()
        .find(|a| {
            keys.iter()
                .all(|k| sent.get(*k).is_none() || norm(a.get(*k)) == norm(sent.get(*k)))
        })
        .cloned()
        .ok_or_else(|| {
            Next::Reply(v2_error(
                409,
                vec![("The address already exists.".into(), None)],
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upstream::Answer;

    fn answer(status: u16, body: Value) -> CallResult {
        CallResult::Answer(Answer {
            status,
            content_type: Some("application/json".into()),
            set_cookie: false,
            rate_headers: vec![],
            body: if body.is_null() {
                Vec::new()
            } else {
                body.to_string().into_bytes()
            },
        })
    }

    /// Runs `request` against `upstream` (request -> answer); returns the reply and the calls.
    fn drive(
        request: &FacadeRequest,
        mut upstream: impl FnMut(&RequestDescriptor) -> CallResult,
    ) -> (Reply, Vec<RequestDescriptor>) {
        let mut session = Session::new(request.clone());
        let mut sent = Vec::new();
        loop {
            match session.next() {
                Next::Call(r) => {
                    session.record(upstream(&r));
                    sent.push(r);
                }
                Next::Reply(reply) => return (reply, sent),
            }
        }
    }

    fn req(
        route: Route,
        method: Method,
        query: &str,
        body: Option<Value>,
    ) -> Result<FacadeRequest, Reply> {
        let text = body.map(|b| b.to_string());
        parse(
            route,
            method,
            query,
            text.as_deref(),
            "https://edge.example.com/",
        )
    }

    fn body(reply: &Reply) -> Value {
        serde_json::from_str(reply.body.as_deref().unwrap_or("null")).unwrap()
    }

    fn v3_customer(id: u64) -> Value {
        json!({
            "id": id, "email": format!("c{id}@example.com"), "first_name": "Jane", "last_name": "Doe",
            "company": "", "phone": "", "notes": "", "tax_exempt_category": "",
            "registration_ip_address": "", "customer_group_id": 0,
            "date_created": "2018-01-10T21:02:23Z", "date_modified": "2018-01-10T21:02:23Z",
            "accepts_product_review_abandoned_cart_emails": false,
            "authentication": {"force_password_reset": false},
            "store_credit_amounts": [{"amount": 12.5}], "form_fields": [],
            "channel_ids": [1], "origin_channel_id": 1, "address_count": 0, "attribute_count": 0
        })
    }

    fn page(items: Vec<Value>, total: usize, pages: usize) -> CallResult {
        answer(
            200,
            json!({"data": items, "meta": {"pagination": {"total": total, "total_pages": pages}}}),
        )
    }

    #[test]
    fn a_customer_comes_back_in_v2_shape() {
        let r = req(Route::V2Customer(7), Method::Get, "", None).unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![v3_customer(7)], 1, 1));
        assert_eq!(
            sent[0].path_and_query(),
            "/v3/customers?id:in=7&include=storecredit,formfields"
        );
        let c = body(&reply);
        assert_eq!(reply.status, 200);
        assert_eq!(c["date_created"], "Wed, 10 Jan 2018 21:02:23 +0000");
        assert_eq!(c["store_credit"], "12.5000");
        assert_eq!(c["reset_pass_on_login"], false);
        assert_eq!(c["accepts_marketing"], false);
        assert_eq!(
            c["addresses"]["url"],
            "https://edge.example.com/v2/customers/7/addresses"
        );
        assert_eq!(c["addresses"]["resource"], "/customers/7/addresses");
        for v3_only in [
            "channel_ids",
            "origin_channel_id",
            "address_count",
            "authentication",
            "_authentication",
        ] {
            assert!(c.get(v3_only).is_none(), "{v3_only}");
        }
        assert!(reply.storable);
    }

    #[test]
    fn unknown_ids_are_v2_404s_and_deletes_check_first() {
        let r = req(Route::V2Customer(9), Method::Delete, "", None).unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![], 0, 0));
        assert_eq!(reply.status, 404);
        assert_eq!(body(&reply), json!([{"status": 404, "message": NOT_FOUND}]));
        assert_eq!(sent.len(), 1, "no delete for an unknown customer");
        let r = req(Route::V2CustomerAddress(1, 2), Method::Get, "", None).unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![], 0, 0));
        assert_eq!(reply.status, 404);
        assert_eq!(
            sent[0].path_and_query(),
            "/v3/customers/addresses?id:in=2&customer_id:in=1"
        );
    }

    #[test]
    fn filters_v3_has_go_upstream_in_one_call() {
        let r = req(
            Route::V2Customers,
            Method::Get,
            "email=c1%40example.com&customer_group_id=0&min_date_created=Wed%2C%2010%20Jan%202018%2021%3A02%3A23%20%2B0000&page=2&limit=500",
            None,
        )
        .unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![v3_customer(1)], 1, 1));
        assert_eq!(sent.len(), 1);
        assert_eq!(
            sent[0].query,
            "email:in=c1%40example.com&customer_group_id:in=0&date_created:min=2018-01-10T21%3A02%3A23Z&include=storecredit,formfields&page=2&limit=250"
        );
        assert_eq!(body(&reply).as_array().unwrap().len(), 1);
    }

    #[test]
    fn filters_v3_lacks_are_applied_by_the_edge_over_every_page() {
        // first_name alone narrows with name:like, then keeps exact matches; min_id likewise.
        let r = req(
            Route::V2Customers,
            Method::Get,
            "first_name=jane&min_id=300&limit=2",
            None,
        )
        .unwrap();
        let all: Vec<Value> = (1..=400)
            .map(|i| {
                let mut c = v3_customer(i);
                if i % 2 == 0 {
                    c["first_name"] = json!("Janet");
                }
                c
            })
            .collect();
        let (reply, sent) = drive(&r, |rq| {
            let n: usize = rq
                .query
                .split("page=")
                .nth(1)
                .unwrap()
                .split('&')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            let items = all.iter().skip((n - 1) * 250).take(250).cloned().collect();
            page(items, 400, 2)
        });
        assert_eq!(sent.len(), 2);
        assert!(sent[0].query.starts_with("name:like=jane&"));
        let ids: Vec<u64> = body(&reply)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_u64().unwrap())
            .collect();
        assert_eq!(ids, [301, 303]);

        // Past the scan cap: a 400 naming the filter, not a partial answer.
        let r = req(Route::V2CustomersCount, Method::Get, "max_id=5", None).unwrap();
        let (reply, sent) = drive(&r, |_| {
            page((0..250).map(v3_customer).collect(), 100_000, 400)
        });
        assert_eq!(sent.len(), MAX_SCAN_PAGES as usize);
        assert_eq!(reply.status, 400);
        assert_eq!(body(&reply)[0]["message"], "The field 'max_id' is invalid.");
    }

    #[test]
    fn counts_read_the_v3_total() {
        let r = req(Route::V2CustomersCount, Method::Get, "company=Acme", None).unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![v3_customer(1)], 42, 42));
        assert_eq!(sent[0].query, "company:in=Acme&limit=1");
        assert_eq!(body(&reply), json!({"count": 42}));
    }

    #[test]
    fn v2_fields_v3_cannot_hold_are_400s_naming_them_before_any_call() {
        let base = json!({"first_name": "A", "last_name": "B", "email": "a@example.com"});
        let mut with_ip = base.clone();
        with_ip["registration_ip_address"] = json!("10.0.0.1");
        let e = req(Route::V2Customers, Method::Post, "", Some(with_ip)).unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(
            body(&e)[0]["message"],
            "The field 'registration_ip_address' is invalid."
        );
        let mut unknown = base.clone();
        unknown["loyalty_tier"] = json!("gold");
        let e = req(Route::V2Customers, Method::Post, "", Some(unknown)).unwrap_err();
        assert_eq!(
            body(&e)[0]["message"],
            "The field 'loyalty_tier' is invalid."
        );
        let e = req(
            Route::V2Customers,
            Method::Post,
            "",
            Some(json!({"first_name": "A", "last_name": "B"})),
        )
        .unwrap_err();
        assert_eq!(
            body(&e),
            json!([{"status": 400, "message": "The required field 'email' was not supplied."}])
        );
        let mut mismatch = base.clone();
        mismatch["_authentication"] =
            json!({"password": "s3cret-pw", "password_confirmation": "other"});
        let e = req(Route::V2Customers, Method::Post, "", Some(mismatch)).unwrap_err();
        assert_eq!(
            body(&e)[0]["message"],
            "The field '_authentication.password_confirmation' is invalid."
        );
        assert!(!e.body.as_deref().unwrap().contains("s3cret"));
    }

    #[test]
    fn create_checks_the_email_writes_v3_and_reads_back() {
        let mut v2 = json!({"first_name": "A", "last_name": "B", "email": "a@example.com", "store_credit": "5.0000",
            "_authentication": {"password": "pw-123456", "password_confirmation": "pw-123456"}, "accepts_marketing": true});
        let r = req(Route::V2Customers, Method::Post, "", Some(v2.take())).unwrap();
        let (reply, sent) = drive(&r, |rq| match (rq.method, rq.query.as_str()) {
            (bc_customers_core::request::Method::Get, q) if q.starts_with("email:in") => {
                page(vec![], 0, 0)
            }
            (bc_customers_core::request::Method::Post, _) => {
                answer(200, json!({"data": [{"id": 5}], "meta": {}}))
            }
            _ => page(vec![v3_customer(5)], 1, 1),
        });
        assert_eq!(reply.status, 200);
        assert_eq!(sent.len(), 3);
        assert_eq!(
            sent[1].body,
            Some(
                json!([{"first_name": "A", "last_name": "B", "email": "a@example.com",
                "store_credit_amounts": [{"amount": 5.0}], "authentication": {"new_password": "pw-123456"}}])
            )
        );
        assert_eq!(body(&reply)["id"], 5);

        let r = req(
            Route::V2Customers,
            Method::Post,
            "",
            Some(json!({"first_name": "A", "last_name": "B", "email": "c1@example.com"})),
        )
        .unwrap();
        let (reply, sent) = drive(&r, |_| page(vec![v3_customer(1)], 1, 1));
        assert_eq!((reply.status, sent.len()), (409, 1));
        assert_eq!(
            body(&reply)[0]["details"]["conflict_reason"],
            "The email address is already in use."
        );
    }

    #[test]
    fn v3_refusals_name_v2_fields_and_upstream_faults_stay_edge_problems() {
        let r = req(
            Route::V2CustomerAddresses(1),
            Method::Post,
            "",
            Some(json!({
            "first_name": "A", "last_name": "B", "phone": "1", "street_1": "x", "city": "Austin",
            "state": "Texas", "zip": "78701", "country": "United States"})),
        )
        .unwrap();
        let (reply, sent) = drive(&r, |rq| match rq.method {
            bc_customers_core::request::Method::Post => answer(
                422,
                json!({"status": 422, "title": "bad", "type": "t",
                "errors": {"0.address1": "address1 is too long."}}),
            ),
            _ => page(vec![v3_customer(1)], 1, 1),
        });
        assert_eq!(sent[1].body.as_ref().unwrap()[0]["country_code"], "US");
        assert_eq!(sent[1].body.as_ref().unwrap()[0]["customer_id"], 1);
        assert_eq!(reply.status, 400);
        assert_eq!(
            body(&reply)[0]["message"],
            "The field 'street_1' is invalid."
        );

        let r = req(Route::V2Customer(1), Method::Get, "", None).unwrap();
        let (reply, _) = drive(&r, |_| answer(500, json!({})));
        assert_eq!(reply.status, 502);
        assert_eq!(body(&reply)["code"], "upstream_error");
        assert!(!reply.storable);
    }

    #[test]
    fn address_updates_that_v3_skips_as_duplicates_answer_the_unchanged_address() {
        let v3_addr = json!({"id": 4, "customer_id": 1, "first_name": "A", "last_name": "B", "company": "",
            "address1": "x", "address2": "", "city": "Austin", "state_or_province": "Texas",
            "postal_code": "78701", "country": "United States", "country_code": "US", "phone": "1",
            "address_type": "residential"});
        let r = req(
            Route::V2CustomerAddress(1, 4),
            Method::Put,
            "",
            Some(json!({
            "first_name": "A", "last_name": "B", "phone": "1", "street_1": "x", "city": "Austin",
            "state": "Texas", "zip": "78701", "country": "United States"})),
        )
        .unwrap();
        let (reply, sent) = drive(&r, |rq| match rq.method {
            bc_customers_core::request::Method::Put => answer(200, json!({})),
            _ => page(vec![v3_addr.clone()], 1, 1),
        });
        assert_eq!(sent[1].body.as_ref().unwrap()[0]["id"], 4);
        assert!(sent[1].body.as_ref().unwrap()[0]
            .get("customer_id")
            .is_none());
        let a = body(&reply);
        assert_eq!(
            (
                a["street_1"].as_str(),
                a["zip"].as_str(),
                a["country_iso2"].as_str()
            ),
            (Some("x"), Some("78701"), Some("US"))
        );
    }

    #[test]
    fn queries_are_strict_and_deletes_of_everything_stay_refused() {
        let e = req(Route::V2Customers, Method::Get, "sort=id", None).unwrap_err();
        assert_eq!(e.status, 400);
        let e = req(
            Route::V2Customers,
            Method::Get,
            "min_date_created=yesterday",
            None,
        )
        .unwrap_err();
        assert_eq!(
            body(&e)[0]["message"],
            "The field 'min_date_created' is invalid."
        );
        let e = req(Route::V2Customers, Method::Delete, "", None).unwrap_err();
        assert_eq!(e.status, 422);
        assert!(req(Route::V2CustomerGroups, Method::Get, "", None).is_err());
        assert!(!serves(Route::V2CustomerGroups));
        let r = req(Route::V2CustomerAddresses(3), Method::Get, "", None).unwrap();
        assert_eq!(
            r.cache_part().as_deref(),
            Some("v2-facade:customers/3/addresses?page=1&limit=50")
        );
        assert!(!r.is_write());
        let d = req(Route::V2Customer(3), Method::Delete, "", None).unwrap();
        assert!(d.is_write() && d.cache_part().is_none());
        assert_eq!(
            format!("{d:?}"),
            "FacadeRequest { op: \"delete_customer\", .. }"
        );
    }
}
