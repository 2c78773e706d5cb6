//! Query strings for list and delete filters, from a plain object keyed by BigCommerce's own
//! parameter names (`{"id:in": [1, 2], "date_created:min": "2024-01-01", "limit": 50}`).
//!
//! The object fills core's typed query (so the same checks apply as in Rust), and core renders
//! it: list values comma-separated, every item percent-encoded on its own. Unknown parameters
//! are issues, never passed through.

use crate::{js_issues, to_json, JsIssue};
use bc_customers_core::issue::push_key;
use bc_customers_core::query::{
    AddressQuery, AttributeQuery, AttributeType, AttributeValueQuery, CustomerGroupQuery,
    CustomerInclude, CustomerQuery, CustomerSort, DateFilter, FormFieldType, FormFieldValueQuery,
    Rfc2822Date, SubscriberDeleteFilter, SubscriberQuery, V2CustomerQuery, V3Date,
};
use bc_customers_core::Issue;
use serde::Serialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

/// The resources a query can be built for.
pub const QUERY_RESOURCES: &[&str] = &[
    "v3.customers",
    "v3.customers.delete",
    "v3.addresses",
    "v3.addresses.delete",
    "v3.attributes",
    "v3.attribute_values",
    "v3.form_field_values",
    "v3.subscribers",
    "v3.subscribers.delete",
    "v2.customers",
    "v2.customer_groups",
];

#[derive(Serialize)]
#[serde(untagged)]
enum Outcome {
    Query { query: String },
    Issues { issues: Vec<JsIssue> },
}

/// Reads one parameter value, recording an issue (and returning `None`) when it has the wrong
/// type. Never echoes the value.
struct Reader {
    issues: Vec<Issue>,
}

impl Reader {
    fn bad(&mut self, key: &str, what: &str) {
        let mut path = String::new();
        push_key(&mut path, key);
        self.issues.push(Issue::new(
            path,
            "invalid_parameter",
            format!("expected {what}"),
        ));
    }

    fn text(&mut self, key: &str, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.bad(key, "a string");
                None
            }
        }
    }

    fn texts(&mut self, key: &str, v: &Value) -> Vec<String> {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::String(s) => out.push(s.clone()),
                _ => {
                    self.bad(key, "a string or a list of strings");
                    return vec![];
                }
            }
        }
        out
    }

    fn id(&mut self, key: &str, v: &Value) -> Option<u64> {
        match v.as_u64() {
            Some(n) => Some(n),
            None => {
                self.bad(key, "a non-negative integer");
                None
            }
        }
    }

    fn ids(&mut self, key: &str, v: &Value) -> Vec<u64> {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.as_u64() {
                Some(n) => out.push(n),
                None => {
                    self.bad(key, "an integer or a list of integers");
                    return vec![];
                }
            }
        }
        out
    }

    fn small(&mut self, key: &str, v: &Value) -> Option<u32> {
        match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.bad(key, "a non-negative integer");
                None
            }
        }
    }

    fn flag(&mut self, key: &str, v: &Value) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.bad(key, "a boolean");
                None
            }
        }
    }

    fn v3_date(&mut self, key: &str, v: &Value) -> Option<V3Date> {
        match v.as_str().and_then(V3Date::parse) {
            Some(d) => Some(d),
            None => {
                self.bad(key, "a date such as `2024-05-14` or `2024-05-14T09:34:00Z`");
                None
            }
        }
    }

    fn rfc2822(&mut self, key: &str, v: &Value) -> Option<Rfc2822Date> {
        let parsed = match v {
            Value::String(s) => Rfc2822Date::parse(s),
            Value::Number(n) => n.as_i64().map(Rfc2822Date::from_unix),
            _ => None,
        };
        if parsed.is_none() {
            self.bad(
                key,
                "an RFC 2822 date such as `Tue, 14 May 2024 09:34:00 +0000` or Unix seconds",
            );
        }
        parsed
    }

    /// Sets `field`, `field:min` or `field:max` of a date filter; false when `key` is not one.
    fn date_filter(&mut self, base: &str, key: &str, v: &Value, f: &mut DateFilter) -> bool {
        let Some(rest) = key.strip_prefix(base) else {
            return false;
        };
        let slot = match rest {
            "" => &mut f.on,
            ":min" => &mut f.min,
            ":max" => &mut f.max,
            _ => return false,
        };
        *slot = self.v3_date(key, v);
        true
    }

    fn unknown(&mut self, resource: &str, key: &str) {
        let mut path = String::new();
        push_key(&mut path, key);
        self.issues.push(Issue::new(
            path,
            "unknown_parameter",
            format!("`{resource}` does not accept this parameter"),
        ));
    }
}

fn customers(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = CustomerQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "id:in" => q.id_in = r.ids(k, v),
            "email:in" => q.email_in = r.texts(k, v),
            "name:in" => q.name_in = r.texts(k, v),
            "name:like" => q.name_like = r.texts(k, v),
            "company:in" => q.company_in = r.texts(k, v),
            "customer_group_id:in" => q.customer_group_id_in = r.ids(k, v),
            "phone:in" => q.phone_in = r.texts(k, v),
            "registration_ip_address:in" => q.registration_ip_address_in = r.texts(k, v),
            "include" => {
                for name in r.texts(k, v) {
                    match CustomerInclude::from_name(&name) {
                        Some(i) => q.include.push(i),
                        None => r.bad(k, "`addresses`, `storecredit`, `attributes`, `formfields`, `shopper_profile_id` or `segment_ids`"),
                    }
                }
            }
            "sort" => match r.text(k, v).as_deref().map(CustomerSort::from_name) {
                Some(Some(s)) => q.sort = Some(s),
                Some(None) => r.bad(k, "a sort such as `last_name:asc`"),
                None => {}
            },
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            "before" => q.before = r.text(k, v),
            "after" => q.after = r.text(k, v),
            _ if r.date_filter("date_created", k, v, &mut q.date_created) => {}
            _ if r.date_filter("date_modified", k, v, &mut q.date_modified) => {}
            _ => r.unknown("v3.customers", k),
        }
    }
    q.to_query_string()
}

/// `DELETE /v3/customers` and `DELETE /v3/customers/addresses`: `id:in` only, never empty
/// (an empty filter must not turn into "delete everything").
fn delete_by_ids(
    r: &mut Reader,
    resource: &str,
    params: &Map<String, Value>,
) -> Result<String, Vec<Issue>> {
    let mut ids = Vec::new();
    for (k, v) in params {
        match k.as_str() {
            "id:in" => ids = r.ids(k, v),
            _ => r.unknown(resource, k),
        }
    }
    if ids.is_empty() {
        return Err(vec![Issue::new(
            "id:in",
            "empty_filter",
            "a delete needs at least one id",
        )]);
    }
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    Ok(format!("id:in={}", list.join(",")))
}

fn addresses(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = AddressQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "id:in" => q.id_in = r.ids(k, v),
            "customer_id:in" => q.customer_id_in = r.ids(k, v),
            "company:in" => q.company_in = r.texts(k, v),
            "name:in" => q.name_in = r.texts(k, v),
            "include" => {
                for name in r.texts(k, v) {
                    if name == "formfields" {
                        q.include_form_fields = true;
                    } else {
                        r.bad(k, "`formfields`");
                    }
                }
            }
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ => r.unknown("v3.addresses", k),
        }
    }
    q.to_query_string()
}

fn attributes(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = AttributeQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "name" => q.name = r.text(k, v),
            "name:like" => q.name_like = r.text(k, v),
            "type" => {
                let t = r.text(k, v);
                q.attribute_type = match t.as_deref() {
                    Some("string") => Some(AttributeType::String),
                    Some("number") => Some(AttributeType::Number),
                    Some("date") => Some(AttributeType::Date),
                    Some(_) => {
                        r.bad(k, "`string`, `number` or `date`");
                        None
                    }
                    None => None,
                }
            }
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ if r.date_filter("date_created", k, v, &mut q.date_created) => {}
            _ if r.date_filter("date_modified", k, v, &mut q.date_modified) => {}
            _ => r.unknown("v3.attributes", k),
        }
    }
    q.to_query_string()
}

fn attribute_values(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = AttributeValueQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "customer_id:in" => q.customer_id_in = r.ids(k, v),
            "attribute_id:in" => q.attribute_id_in = r.ids(k, v),
            "name" => q.name = r.text(k, v),
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ if r.date_filter("date_created", k, v, &mut q.date_created) => {}
            _ if r.date_filter("date_modified", k, v, &mut q.date_modified) => {}
            _ => r.unknown("v3.attribute_values", k),
        }
    }
    q.to_query_string()
}

const FORM_FIELD_TYPES: &[FormFieldType] = &[
    FormFieldType::Checkboxes,
    FormFieldType::Date,
    FormFieldType::Multiline,
    FormFieldType::Numbers,
    FormFieldType::Password,
    FormFieldType::RadioButtons,
    FormFieldType::Text,
    FormFieldType::Picklist,
];

fn form_field_values(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = FormFieldValueQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "customer_id" => q.customer_id = r.id(k, v),
            "address_id" => q.address_id = r.id(k, v),
            "field_name" => q.field_name = r.text(k, v),
            "field_type" => {
                let t = r.text(k, v);
                q.field_type = t.as_deref().and_then(|t| {
                    let found = FORM_FIELD_TYPES.iter().copied().find(|f| f.as_str() == t);
                    if found.is_none() {
                        r.bad(k, "a form-field type such as `text` or `checkboxes`");
                    }
                    found
                })
            }
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            "before" => q.before = r.text(k, v),
            "after" => q.after = r.text(k, v),
            _ => r.unknown("v3.form_field_values", k),
        }
    }
    q.to_query_string()
}

fn subscribers(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = SubscriberQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "email" => q.email = r.text(k, v),
            "first_name" => q.first_name = r.text(k, v),
            "last_name" => q.last_name = r.text(k, v),
            "source" => q.source = r.text(k, v),
            "order_id" => q.order_id = r.id(k, v),
            "id" => q.id = r.id(k, v),
            "id:in" => q.id_in = r.ids(k, v),
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ if r.date_filter("date_created", k, v, &mut q.date_created) => {}
            _ if r.date_filter("date_modified", k, v, &mut q.date_modified) => {}
            _ => r.unknown("v3.subscribers", k),
        }
    }
    q.to_query_string()
}

fn subscribers_delete(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = SubscriberDeleteFilter::default();
    for (k, v) in params {
        match k.as_str() {
            "email" => q.email = r.text(k, v),
            "first_name" => q.first_name = r.text(k, v),
            "last_name" => q.last_name = r.text(k, v),
            "source" => q.source = r.text(k, v),
            "order_id" => q.order_id = r.id(k, v),
            "date_created" => q.date_created = r.v3_date(k, v),
            "date_modified" => q.date_modified = r.v3_date(k, v),
            _ => r.unknown("v3.subscribers.delete", k),
        }
    }
    q.to_query_string()
}

fn v2_customers(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = V2CustomerQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "first_name" => q.first_name = r.text(k, v),
            "last_name" => q.last_name = r.text(k, v),
            "company" => q.company = r.text(k, v),
            "email" => q.email = r.text(k, v),
            "phone" => q.phone = r.text(k, v),
            "store_credit" => q.store_credit = r.text(k, v),
            "customer_group_id" => q.customer_group_id = r.id(k, v),
            "min_id" => q.min_id = r.id(k, v),
            "max_id" => q.max_id = r.id(k, v),
            "min_date_created" => q.min_date_created = r.rfc2822(k, v),
            "max_date_created" => q.max_date_created = r.rfc2822(k, v),
            "min_date_modified" => q.min_date_modified = r.rfc2822(k, v),
            "max_date_modified" => q.max_date_modified = r.rfc2822(k, v),
            "tax_exempt_category" => q.tax_exempt_category = r.text(k, v),
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ => r.unknown("v2.customers", k),
        }
    }
    q.to_query_string()
}

fn v2_customer_groups(r: &mut Reader, params: &Map<String, Value>) -> Result<String, Vec<Issue>> {
    let mut q = CustomerGroupQuery::default();
    for (k, v) in params {
        match k.as_str() {
            "name" => q.name = r.text(k, v),
            "name:like" => q.name_like = r.text(k, v),
            "is_default" => q.is_default = r.flag(k, v),
            "is_group_for_guests" => q.is_group_for_guests = r.flag(k, v),
            "page" => q.page = r.small(k, v),
            "limit" => q.limit = r.small(k, v),
            _ if r.date_filter("date_created", k, v, &mut q.date_created) => {}
            _ if r.date_filter("date_modified", k, v, &mut q.date_modified) => {}
            _ => r.unknown("v2.customer_groups", k),
        }
    }
    q.to_query_string()
}

/// Builds the query string (without `?`) for `resource` (one of [`QUERY_RESOURCES`]) from JSON
/// text of an object keyed by parameter name. Returns JSON text of `{query}` or `{issues}`.
#[wasm_bindgen(js_name = buildQueryRaw)]
pub fn build_query_raw(resource: &str, text: &str) -> String {
    if !QUERY_RESOURCES.contains(&resource) {
        return issues(vec![Issue::new(
            "",
            "unknown_resource",
            "no query builder for this resource",
        )]);
    }
    let params = match bc_customers_core::ops::parse_json(text) {
        Ok(Value::Object(m)) => m,
        Ok(Value::Null) => Map::new(),
        Ok(_) => {
            return issues(vec![Issue::new(
                "",
                "invalid_type",
                "expected an object of parameters",
            )])
        }
        Err(issue) => return issues(vec![issue]),
    };
    let mut r = Reader { issues: vec![] };
    let built = match resource {
        "v3.customers" => customers(&mut r, &params),
        "v3.customers.delete" | "v3.addresses.delete" => delete_by_ids(&mut r, resource, &params),
        "v3.addresses" => addresses(&mut r, &params),
        "v3.attributes" => attributes(&mut r, &params),
        "v3.attribute_values" => attribute_values(&mut r, &params),
        "v3.form_field_values" => form_field_values(&mut r, &params),
        "v3.subscribers" => subscribers(&mut r, &params),
        "v3.subscribers.delete" => subscribers_delete(&mut r, &params),
        "v2.customers" => v2_customers(&mut r, &params),
        "v2.customer_groups" => v2_customer_groups(&mut r, &params),
        _ => {
            return issues(vec![Issue::new(
                "",
                "unknown_resource",
                "no query builder for this resource",
            )])
        }
    };
    let mut all = r.issues;
    match built {
        Ok(q) if all.is_empty() => to_json(&Outcome::Query { query: q }),
        Ok(_) => issues(all),
        Err(more) => {
            all.extend(more);
            issues(all)
        }
    }
}

fn issues(list: Vec<Issue>) -> String {
    to_json(&Outcome::Issues {
        issues: js_issues(list),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn build(resource: &str, params: Value) -> Value {
        serde_json::from_str(&build_query_raw(resource, &params.to_string())).unwrap()
    }

    #[test]
    fn customer_list() {
        let out = build(
            "v3.customers",
            json!({"email:in": ["a+b@example.com", "c@example.com"], "id:in": 7,
                   "date_created:min": "2024-01-01", "include": ["addresses"], "limit": 50}),
        );
        let q = out["query"].as_str().unwrap();
        assert!(
            q.contains("email:in=a%2Bb%40example.com,c%40example.com"),
            "{q}"
        );
        assert!(
            q.contains("id:in=7") && q.contains("date_created:min=2024-01-01"),
            "{q}"
        );
        assert!(
            q.contains("include=addresses") && q.contains("limit=50"),
            "{q}"
        );
    }

    #[test]
    fn unknown_and_wrong_parameters_are_issues() {
        let out = build("v3.customers", json!({"store_hash": "x", "limit": "ten"}));
        let codes: Vec<_> = out["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["path"][0].as_str().unwrap().to_string(),
                    i["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(codes.contains(&("store_hash".into(), "unknown_parameter".into())));
        assert!(codes.contains(&("limit".into(), "invalid_parameter".into())));
    }

    #[test]
    fn empty_deletes_are_refused() {
        assert_eq!(
            build("v3.subscribers.delete", json!({}))["issues"][0]["code"],
            "empty_filter"
        );
        assert_eq!(
            build("v3.customers.delete", json!({}))["issues"][0]["code"],
            "empty_filter"
        );
        assert_eq!(
            build("v3.customers.delete", json!({"id:in": [1, 2]}))["query"],
            "id:in=1,2"
        );
    }

    #[test]
    fn every_resource_accepts_an_empty_list_query() {
        for r in QUERY_RESOURCES.iter().filter(|r| !r.ends_with(".delete")) {
            assert_eq!(build(r, json!({}))["query"], "", "{r}");
        }
    }
}
