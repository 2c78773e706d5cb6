//! What the edge will do for an admitted request: a [`Plan`] of upstream calls built from
//! `core`'s request descriptors (one call, or a batch planned by `core::batch`), the cache
//! family the route belongs to, and how to shape the answer. Also the body helpers every
//! resource module shares: parse, validate with `core::Operation`, per-record validation for
//! batches larger than BigCommerce takes in one call.

use crate::auth::Grant;
use crate::problem::Problem;
use crate::route::{Method, Route};
use bc_customers_core::batch::BatchPlan;
use bc_customers_core::issue::push_index;
use bc_customers_core::request::RequestDescriptor;
use bc_customers_core::{Issue, Operation};
use serde_json::Value;

/// Groups of cached reads that one write can change. A write bumps its family's generation,
/// which is part of every cache key of that family (see [`crate::cache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Customers and everything embedded in or hanging off them (addresses, attributes,
    /// attribute values, form-field values), V2 and V3, and `/me`.
    Customers,
    /// Newsletter subscribers.
    Subscribers,
    /// V2 customer groups.
    CustomerGroups,
}

impl Family {
    /// The family's name in cache keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Customers => "customers",
            Family::Subscribers => "subscribers",
            Family::CustomerGroups => "customer_groups",
        }
    }

    /// The family a route reads and writes.
    pub fn of(route: Route) -> Family {
        match route {
            Route::V3Subscribers | Route::V3Subscriber(_) => Family::Subscribers,
            Route::V2CustomerGroups => Family::CustomerGroups,
            _ => Family::Customers,
        }
    }
}

/// How to turn a successful upstream answer into the edge's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Forward BigCommerce's body unchanged.
    PassThrough,
    /// `{data: [x, …]}` becomes `{data: x, meta: {}}`; an empty list is 404 (`/me`).
    FirstItem,
    /// A created customer's public fields only, 201 (`/signup`, see `crate::signup`).
    PublicCustomer,
}

/// The upstream work.
#[derive(Debug, Clone, PartialEq)]
pub enum Exec {
    /// One call.
    Single(RequestDescriptor),
    /// Calls planned by `core::batch`, merged into one answer.
    Batch(BatchPlan),
}

/// A planned request.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The upstream work.
    pub exec: Exec,
    /// The cache family.
    pub family: Family,
    /// How to shape a successful answer.
    pub shape: Shape,
    /// Tolerated problems found by `core` (e.g. read-only fields dropped).
    pub warnings: Vec<Issue>,
}

impl Plan {
    /// One call, answered as BigCommerce answers.
    pub fn single(request: RequestDescriptor, family: Family) -> Plan {
        Plan {
            exec: Exec::Single(request),
            family,
            shape: Shape::PassThrough,
            warnings: Vec::new(),
        }
    }

    /// With warnings.
    pub fn with_warnings(mut self, warnings: Vec<Issue>) -> Plan {
        self.warnings = warnings;
        self
    }

    /// With a shape.
    pub fn with_shape(mut self, shape: Shape) -> Plan {
        self.shape = shape;
        self
    }

    /// True for a single `GET`: the only plans whose answer may be cached.
    pub fn is_cacheable_read(&self) -> bool {
        matches!(&self.exec, Exec::Single(r) if r.method == bc_customers_core::request::Method::Get)
    }

    /// The requests this plan sends (one per batch call).
    pub fn requests(&self) -> Vec<&RequestDescriptor> {
        match &self.exec {
            Exec::Single(r) => vec![r],
            Exec::Batch(p) => p.calls.iter().map(|c| &c.request).collect(),
        }
    }
}

/// What a route handler gets.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The route.
    pub route: Route,
    /// The method (never `OPTIONS` here).
    pub method: Method,
    /// The raw query string (without `?`).
    pub query: &'a str,
    /// The body text of a write.
    pub body: Option<&'a str>,
    /// What the caller may do.
    pub grant: &'a Grant,
}

/// Plans any admitted request by handing it to its resource module.
pub fn plan(input: Input<'_>) -> Result<Plan, Problem> {
    match input.route {
        Route::V3Customers => crate::customers::plan(input),
        Route::V3Addresses => crate::addresses::plan(input),
        Route::V3Attributes => crate::attributes::plan(input),
        Route::V3AttributeValues => crate::attribute_values::plan(input),
        Route::V3FormFieldValues => crate::form_field_values::plan(input),
        Route::V3Subscribers | Route::V3Subscriber(_) => crate::subscribers::plan(input),
        Route::V2Customers
        | Route::V2Customer(_)
        | Route::V2CustomerAddresses(_)
        | Route::V2CustomersCount
        | Route::V2CustomerAddressesCount(_)
        | Route::V2CustomerAddress(..)
        | Route::V2CustomerGroups => crate::v2::plan(input),
        Route::Me | Route::MeAddresses => crate::me::plan(input),
        Route::Signup => crate::signup::plan(input),
        // Answered without an upstream call, see `crate::login`.
        Route::Login => Err(Problem::not_found()),
    }
}

/// 422 from a list of issues.
pub fn invalid(issues: Vec<Issue>) -> Problem {
    Problem::invalid(&issues)
}

/// The JSON body of a write; a missing or malformed body is 422 `invalid_json`.
pub fn parse_body(body: Option<&str>) -> Result<Value, Problem> {
    let text = body.unwrap_or("");
    if text.trim().is_empty() {
        return Err(invalid(vec![Issue::new(
            "",
            "invalid_json",
            "a JSON body is required",
        )]));
    }
    bc_customers_core::ops::parse_json(text).map_err(|i| invalid(vec![i]))
}

/// Validates one body with `op`; returns the cleaned body and warnings.
pub fn prepare(op: Operation, body: Value) -> Result<(Value, Vec<Issue>), Problem> {
    match op.prepare(body) {
        Ok(p) => Ok((p.body, p.warnings)),
        Err(report) => Err(invalid(report.errors)),
    }
}

/// Validates a batch body (a JSON array) record by record with `op`, so batches larger than one
/// BigCommerce call can be checked before `core::batch` splits them. Issue paths are the
/// caller's (`[12].email`). Returns the cleaned records and warnings.
pub fn prepare_records(op: Operation, body: Value) -> Result<(Vec<Value>, Vec<Issue>), Problem> {
    let Value::Array(items) = body else {
        // Let core report the type problem in its own words.
        return prepare(op, body).map(|(v, w)| (vec![v], w));
    };
    if items.is_empty() {
        return Err(invalid(vec![Issue::new(
            "",
            "empty_batch",
            "a batch needs at least one item",
        )]));
    }
    let mut records = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match op.prepare(Value::Array(vec![item])) {
            Ok(p) => {
                warnings.extend(p.warnings.into_iter().map(|w| reindex(w, i)));
                if let Value::Array(mut one) = p.body {
                    records.extend(one.pop());
                }
            }
            Err(report) => errors.extend(report.errors.into_iter().map(|e| reindex(e, i))),
        }
    }
    if errors.is_empty() {
        Ok((records, warnings))
    } else {
        Err(invalid(errors))
    }
}

/// Rewrites an issue path `[0]…` (from validating one record alone) to `[i]…`.
pub fn reindex(mut issue: Issue, i: usize) -> Issue {
    if let Some(rest) = issue.path.strip_prefix("[0]") {
        let mut p = String::new();
        push_index(&mut p, i);
        p.push_str(rest);
        issue.path = p;
    }
    issue
}

/// Turns `core`'s batch plan issues (duplicates in the input) into a 422: a request that
/// would be partly refused by the planner is refused whole, before anything is sent.
pub fn reject_plan_issues(plan: &BatchPlan) -> Result<(), Problem> {
    if plan.issues.is_empty() {
        Ok(())
    } else {
        Err(invalid(plan.issues.clone()))
    }
}

/// Validates each record of a batch body with `op`, plans the calls with `planner` (at most 10
/// records a call, duplicates found) and refuses the request whole if the planner found any.
pub fn batch_plan(
    op: Operation,
    body: Value,
    planner: fn(Vec<Value>) -> BatchPlan,
) -> Result<Plan, Problem> {
    let (records, warnings) = prepare_records(op, body)?;
    let batch = planner(records);
    reject_plan_issues(&batch)?;
    Ok(Plan {
        exec: Exec::Batch(batch),
        family: Family::Customers,
        shape: Shape::PassThrough,
        warnings,
    })
}

/// Plans a `DELETE ?id:in=…` built by `delete`; any other parameter, or no id, is refused.
pub fn delete_by_ids(
    query: &str,
    delete: fn(&[u64]) -> Result<RequestDescriptor, Vec<Issue>>,
) -> Result<Plan, Problem> {
    let mut p = crate::params::Params::parse(query, &["id:in"]);
    let ids = p.ids("id:in");
    p.finish().map_err(invalid)?;
    Ok(Plan::single(built(delete(&ids))?, Family::Customers))
}

/// Maps `core` request-builder issues (bad query values, empty filters) to 422.
pub fn built(r: Result<RequestDescriptor, Vec<Issue>>) -> Result<RequestDescriptor, Problem> {
    r.map_err(invalid)
}

/// 403 for a shopper touching another customer's data.
pub fn not_yours() -> Problem {
    Problem::forbidden(
        "forbidden",
        "shoppers may only read and change their own records",
    )
}

/// Checks that every record's `customer_id` is the shopper's, filling it in when absent.
pub fn own_customer_ids(records: &mut [Value], customer_id: u64) -> Result<(), Problem> {
    for r in records.iter_mut() {
        let Some(obj) = r.as_object_mut() else {
            continue;
        };
        match obj.get("customer_id") {
            None => {
                obj.insert("customer_id".into(), Value::from(customer_id));
            }
            Some(v) if v.as_u64() == Some(customer_id) => {}
            Some(_) => return Err(not_yours()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn per_record_validation_reports_caller_indexes() {
        let body = json!([
            {"email": "a@example.com", "first_name": "A", "last_name": "B"},
            {"email": "nope", "first_name": "A", "last_name": "B"}
        ]);
        let p = prepare_records(Operation::V3CustomersCreate, body).unwrap_err();
        assert_eq!(p.status, 422);
        assert_eq!(p.body["issues"][0]["path"], "[1].email");
    }

    #[test]
    fn more_than_ten_valid_records_pass_record_by_record() {
        let body: Vec<Value> = (0..23)
            .map(|i| json!({"email": format!("c{i}@example.com"), "first_name": "A", "last_name": "B"}))
            .collect();
        let (records, _) =
            prepare_records(Operation::V3CustomersCreate, Value::Array(body)).unwrap();
        assert_eq!(records.len(), 23);
    }

    #[test]
    fn empty_and_malformed_bodies_are_422() {
        assert_eq!(parse_body(None).unwrap_err().status, 422);
        assert_eq!(
            parse_body(Some("{")).unwrap_err().body["issues"][0]["code"],
            "invalid_json"
        );
        let p = prepare_records(Operation::V3CustomersCreate, json!([])).unwrap_err();
        assert_eq!(p.body["issues"][0]["code"], "empty_batch");
    }
}
