//! Request descriptors: what to send to BigCommerce (method, path, query, JSON body), built
//! here and executed by someone else (the edge, a job runner), so this crate does no IO.
//!
//! Paths are relative to `https://api.bigcommerce.com/stores/{store_hash}` and start with the
//! API version (`/v3/customers`, `/v2/customers/7/addresses`). Path ids are integers, so nothing
//! a caller passes can change the path. Queries come from the typed builders in
//! [`crate::query`].
//!
//! Three BigCommerce calls delete everything when they get no filter (SUMMARY §11):
//! V3 `DELETE /customers/subscribers`, V2 `DELETE /customers` and V2
//! `DELETE /customers/{id}/addresses`. They cannot be built by accident: the ordinary delete
//! constructors take a filter and refuse an empty one (code `empty_filter`), and the
//! delete-everything calls have their own names ending in `_unfiltered`.
//!
//! Batch bodies are checked for size where BigCommerce documents a cap (10 customers per V3
//! `POST`/`PUT /customers`, 413 above that; 10 distinct customers per attribute-value upsert);
//! an empty batch is refused everywhere (code `empty_batch`). Bodies are otherwise forwarded as
//! given: validate them with [`crate::Operation`] first.
//!
//! Reference: `shared/reference/bigcommerce/customers.v3.yml`, `customers.v2.yml`,
//! `subscribers.v3.yml`.

use crate::issue::Issue;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One call to make: method, path (relative to `/stores/{store_hash}`), query string (without
/// `?`, possibly empty) and JSON body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestDescriptor {
    /// The HTTP method.
    pub method: Method,
    /// The path, e.g. `/v3/customers`.
    pub path: String,
    /// The query string without the leading `?`; empty for none.
    pub query: String,
    /// The JSON body, if any.
    pub body: Option<Value>,
}

impl RequestDescriptor {
    fn new(method: Method, path: impl Into<String>) -> Self {
        RequestDescriptor {
            method,
            path: path.into(),
            query: String::new(),
            body: None,
        }
    }

    fn with_query(mut self, query: String) -> Self {
        self.query = query;
        self
    }

    fn with_body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// The path followed by `?query` when there is one.
    ///
    /// ```
    /// use bc_customers_core::request::v3;
    /// let r = v3::delete_customers(&[1, 2]).unwrap();
    /// assert_eq!(r.path_and_query(), "/v3/customers?id:in=1,2");
    /// ```
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// True when this request may create records, so that repeating it after an ambiguous
    /// failure (timeout, 5xx) could create them twice. Every `POST` counts, except the two
    /// password checks, which create nothing.
    pub fn creates_records(&self) -> bool {
        self.method == Method::Post
            && self.path != "/v3/customers/validate-credentials"
            && !(self.path.starts_with("/v2/customers/") && self.path.ends_with("/validate"))
    }
}

/// Largest number of items in one V3 `POST`/`PUT /customers` body (413 above it).
pub const MAX_CUSTOMERS_PER_CALL: usize = 10;
/// Largest number of distinct customers in one `PUT /customers/attribute-values` body.
pub const MAX_ATTRIBUTE_VALUE_CUSTOMERS_PER_CALL: usize = 10;

fn batch(
    method: Method,
    path: &str,
    items: Vec<Value>,
    max: Option<usize>,
) -> Result<RequestDescriptor, Vec<Issue>> {
    if items.is_empty() {
        return Err(vec![Issue::new(
            "",
            "empty_batch",
            "a batch needs at least one item",
        )]);
    }
    if let Some(max) = max {
        if items.len() > max {
            return Err(vec![Issue::new(
                "",
                "too_many_items",
                format!("BigCommerce accepts at most {max} items per call; plan batches with `crate::batch`"),
            )]);
        }
    }
    Ok(batch_unchecked(method, path, items))
}

/// A batch body already known to be within limits (used by the batch planner).
pub(crate) fn batch_unchecked(method: Method, path: &str, items: Vec<Value>) -> RequestDescriptor {
    RequestDescriptor::new(method, path).with_body(Value::Array(items))
}

fn ids_query(key: &str, ids: &[u64]) -> Result<String, Vec<Issue>> {
    if ids.is_empty() {
        return Err(vec![crate::query::empty_filter()]);
    }
    let list: Vec<String> = ids.iter().map(u64::to_string).collect();
    Ok(format!("{key}={}", list.join(",")))
}

/// V3 calls: customers, addresses, attributes, attribute values, form-field values, consent,
/// settings, credential checks, stored instruments and subscribers.
pub mod v3 {
    use super::*;
    use crate::query::{
        AddressQuery, AttributeQuery, AttributeValueQuery, CustomerQuery, FormFieldValueQuery,
        SubscriberDeleteFilter, SubscriberQuery,
    };

    /// `GET /v3/customers` with a checked query.
    ///
    /// ```
    /// use bc_customers_core::{query::CustomerQuery, request::{v3, Method}};
    /// let r = v3::list_customers(&CustomerQuery::new().id_in([4, 5])).unwrap();
    /// assert_eq!((r.method, r.path.as_str(), r.query.as_str()), (Method::Get, "/v3/customers", "id:in=4,5"));
    /// ```
    pub fn list_customers(query: &CustomerQuery) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(RequestDescriptor::new(Method::Get, "/v3/customers")
            .with_query(query.to_query_string()?))
    }

    /// `POST /v3/customers`: 1 to 10 `customer_Post` objects.
    pub fn create_customers(customers: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(
            Method::Post,
            "/v3/customers",
            customers,
            Some(MAX_CUSTOMERS_PER_CALL),
        )
    }

    /// `PUT /v3/customers`: 1 to 10 `customer_Put` objects (each with `id`).
    pub fn update_customers(customers: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(
            Method::Put,
            "/v3/customers",
            customers,
            Some(MAX_CUSTOMERS_PER_CALL),
        )
    }

    /// `DELETE /v3/customers?id:in=…`; at least one id (BigCommerce silently deletes nothing
    /// without one, which hides bugs).
    ///
    /// ```
    /// use bc_customers_core::request::v3;
    /// assert_eq!(v3::delete_customers(&[]).unwrap_err()[0].code, "empty_filter");
    /// ```
    pub fn delete_customers(ids: &[u64]) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(RequestDescriptor::new(Method::Delete, "/v3/customers")
            .with_query(ids_query("id:in", ids)?))
    }

    /// `GET /v3/customers/addresses`.
    pub fn list_addresses(query: &AddressQuery) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Get, "/v3/customers/addresses")
                .with_query(query.to_query_string()?),
        )
    }

    /// `POST /v3/customers/addresses`: `address_Post` objects (no documented cap; the planner
    /// sends 10 per call).
    pub fn create_addresses(addresses: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(Method::Post, "/v3/customers/addresses", addresses, None)
    }

    /// `PUT /v3/customers/addresses`: `address_Put` objects (each with `id`).
    pub fn update_addresses(addresses: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(Method::Put, "/v3/customers/addresses", addresses, None)
    }

    /// `DELETE /v3/customers/addresses?id:in=…` (address ids; at least one).
    pub fn delete_addresses(ids: &[u64]) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Delete, "/v3/customers/addresses")
                .with_query(ids_query("id:in", ids)?),
        )
    }

    /// `GET /v3/customers/attributes`.
    pub fn list_attributes(query: &AttributeQuery) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Get, "/v3/customers/attributes")
                .with_query(query.to_query_string()?),
        )
    }

    /// `POST /v3/customers/attributes`: `{name, type}` objects.
    pub fn create_attributes(attributes: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(Method::Post, "/v3/customers/attributes", attributes, None)
    }

    /// `PUT /v3/customers/attributes`: `{id, name}` objects.
    pub fn update_attributes(attributes: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(Method::Put, "/v3/customers/attributes", attributes, None)
    }

    /// `DELETE /v3/customers/attributes?id:in=…` (also removes their values from customers).
    pub fn delete_attributes(ids: &[u64]) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Delete, "/v3/customers/attributes")
                .with_query(ids_query("id:in", ids)?),
        )
    }

    /// `GET /v3/customers/attribute-values`.
    pub fn list_attribute_values(
        query: &AttributeValueQuery,
    ) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Get, "/v3/customers/attribute-values")
                .with_query(query.to_query_string()?),
        )
    }

    /// `PUT /v3/customers/attribute-values` (upsert): `{attribute_id, value, customer_id}`
    /// objects for at most 10 distinct customers.
    ///
    /// ```
    /// use bc_customers_core::request::v3;
    /// use serde_json::json;
    /// let many: Vec<_> = (1..=11).map(|c| json!({"attribute_id": 1, "value": "x", "customer_id": c})).collect();
    /// assert_eq!(v3::upsert_attribute_values(many).unwrap_err()[0].code, "too_many_customers");
    /// ```
    pub fn upsert_attribute_values(values: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        let mut customers: Vec<&Value> = Vec::new();
        for v in &values {
            let c = v.get("customer_id").unwrap_or(&Value::Null);
            if !customers.contains(&c) {
                customers.push(c);
            }
        }
        if customers.len() > MAX_ATTRIBUTE_VALUE_CUSTOMERS_PER_CALL {
            return Err(vec![Issue::new(
                "",
                "too_many_customers",
                "BigCommerce accepts values for at most 10 customers per call",
            )]);
        }
        batch(Method::Put, "/v3/customers/attribute-values", values, None)
    }

    /// `DELETE /v3/customers/attribute-values?id:in=…` (attribute-value ids).
    pub fn delete_attribute_values(ids: &[u64]) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Delete, "/v3/customers/attribute-values")
                .with_query(ids_query("id:in", ids)?),
        )
    }

    /// `GET /v3/customers/form-field-values`.
    pub fn list_form_field_values(
        query: &FormFieldValueQuery,
    ) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Get, "/v3/customers/form-field-values")
                .with_query(query.to_query_string()?),
        )
    }

    /// `PUT /v3/customers/form-field-values` (deprecated by BigCommerce: prefer `form_fields`
    /// on customer and address updates).
    pub fn update_form_field_values(values: Vec<Value>) -> Result<RequestDescriptor, Vec<Issue>> {
        batch(Method::Put, "/v3/customers/form-field-values", values, None)
    }

    /// `GET /v3/customers/{customer_id}/consent`.
    pub fn get_consent(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, format!("/v3/customers/{customer_id}/consent"))
    }

    /// `PUT /v3/customers/{customer_id}/consent` with `{allow, deny}`.
    pub fn update_consent(customer_id: u64, consent: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Put, format!("/v3/customers/{customer_id}/consent"))
            .with_body(consent)
    }

    /// `GET /v3/customers/{customer_id}/stored-instruments` (payment data: never cache).
    pub fn list_stored_instruments(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Get,
            format!("/v3/customers/{customer_id}/stored-instruments"),
        )
    }

    /// `GET /v3/customers/settings` (global).
    pub fn get_settings() -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, "/v3/customers/settings")
    }

    /// `PUT /v3/customers/settings` (global).
    pub fn update_settings(settings: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Put, "/v3/customers/settings").with_body(settings)
    }

    /// `GET /v3/customers/settings/channels/{channel_id}`.
    pub fn get_channel_settings(channel_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Get,
            format!("/v3/customers/settings/channels/{channel_id}"),
        )
    }

    /// `PUT /v3/customers/settings/channels/{channel_id}` (`null` values remove overrides).
    pub fn update_channel_settings(channel_id: u64, settings: Value) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Put,
            format!("/v3/customers/settings/channels/{channel_id}"),
        )
        .with_body(settings)
    }

    /// `POST /v3/customers/validate-credentials` with `{email, password, channel_id?}`
    /// (specially rate limited; never cache).
    pub fn validate_credentials(credentials: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Post, "/v3/customers/validate-credentials")
            .with_body(credentials)
    }

    /// `GET /v3/customers/subscribers`.
    pub fn list_subscribers(query: &SubscriberQuery) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Get, "/v3/customers/subscribers")
                .with_query(query.to_query_string()?),
        )
    }

    /// `POST /v3/customers/subscribers` (one subscriber; 409 on a duplicate email).
    pub fn create_subscriber(subscriber: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Post, "/v3/customers/subscribers").with_body(subscriber)
    }

    /// `GET /v3/customers/subscribers/{subscriber_id}`.
    pub fn get_subscriber(subscriber_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Get,
            format!("/v3/customers/subscribers/{subscriber_id}"),
        )
    }

    /// `PUT /v3/customers/subscribers/{subscriber_id}`.
    pub fn update_subscriber(subscriber_id: u64, subscriber: Value) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Put,
            format!("/v3/customers/subscribers/{subscriber_id}"),
        )
        .with_body(subscriber)
    }

    /// `DELETE /v3/customers/subscribers/{subscriber_id}`.
    pub fn delete_subscriber(subscriber_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Delete,
            format!("/v3/customers/subscribers/{subscriber_id}"),
        )
    }

    /// `DELETE /v3/customers/subscribers?…` with a non-empty filter.
    ///
    /// ```
    /// use bc_customers_core::{query::SubscriberDeleteFilter, request::v3};
    /// assert_eq!(v3::delete_subscribers(&SubscriberDeleteFilter::default()).unwrap_err()[0].code, "empty_filter");
    /// let f = SubscriberDeleteFilter { order_id: Some(12), ..Default::default() };
    /// assert_eq!(v3::delete_subscribers(&f).unwrap().path_and_query(), "/v3/customers/subscribers?order_id=12");
    /// ```
    pub fn delete_subscribers(
        filter: &SubscriberDeleteFilter,
    ) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(
            RequestDescriptor::new(Method::Delete, "/v3/customers/subscribers")
                .with_query(filter.to_query_string()?),
        )
    }

    /// `DELETE /v3/customers/subscribers` with **no filter: deletes every subscriber of the
    /// store**. Only for deliberate, confirmed wipes.
    pub fn delete_all_subscribers_unfiltered() -> RequestDescriptor {
        RequestDescriptor::new(Method::Delete, "/v3/customers/subscribers")
    }
}

/// V2 calls: customers, customer addresses (both deprecated by BigCommerce) and customer groups
/// (no V3 equivalent).
pub mod v2 {
    use super::*;
    use crate::query::{CustomerGroupQuery, Paging, V2CustomerQuery};

    /// `GET /v2/customers`.
    pub fn list_customers(query: &V2CustomerQuery) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(RequestDescriptor::new(Method::Get, "/v2/customers")
            .with_query(query.to_query_string()?))
    }

    /// `GET /v2/customers/count`.
    pub fn count_customers() -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, "/v2/customers/count")
    }

    /// `POST /v2/customers` (one customer).
    pub fn create_customer(customer: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Post, "/v2/customers").with_body(customer)
    }

    /// `GET /v2/customers/{customer_id}`.
    pub fn get_customer(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, format!("/v2/customers/{customer_id}"))
    }

    /// `PUT /v2/customers/{customer_id}`.
    pub fn update_customer(customer_id: u64, customer: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Put, format!("/v2/customers/{customer_id}"))
            .with_body(customer)
    }

    /// `DELETE /v2/customers/{customer_id}`.
    pub fn delete_customer(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(Method::Delete, format!("/v2/customers/{customer_id}"))
    }

    /// `DELETE /v2/customers` with no filter: **deletes every customer of the store**. V2
    /// documents no filters for this call, so there is no filtered variant; delete by id with
    /// [`delete_customer`] or V3 [`super::v3::delete_customers`].
    pub fn delete_all_customers_unfiltered() -> RequestDescriptor {
        RequestDescriptor::new(Method::Delete, "/v2/customers")
    }

    /// `POST /v2/customers/{customer_id}/validate` with `{password}` (specially rate limited;
    /// never cache).
    pub fn validate_password(customer_id: u64, password: Value) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Post,
            format!("/v2/customers/{customer_id}/validate"),
        )
        .with_body(password)
    }

    /// `GET /v2/customers/{customer_id}/addresses`.
    pub fn list_addresses(
        customer_id: u64,
        paging: &Paging,
    ) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(RequestDescriptor::new(
            Method::Get,
            format!("/v2/customers/{customer_id}/addresses"),
        )
        .with_query(paging.to_query_string()?))
    }

    /// `GET /v2/customers/{customer_id}/addresses/count`.
    pub fn count_addresses(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Get,
            format!("/v2/customers/{customer_id}/addresses/count"),
        )
    }

    /// `POST /v2/customers/{customer_id}/addresses` (one address).
    pub fn create_address(customer_id: u64, address: Value) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Post,
            format!("/v2/customers/{customer_id}/addresses"),
        )
        .with_body(address)
    }

    /// `GET /v2/customers/{customer_id}/addresses/{address_id}`.
    pub fn get_address(customer_id: u64, address_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Get,
            format!("/v2/customers/{customer_id}/addresses/{address_id}"),
        )
    }

    /// `PUT /v2/customers/{customer_id}/addresses/{address_id}`.
    pub fn update_address(customer_id: u64, address_id: u64, address: Value) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Put,
            format!("/v2/customers/{customer_id}/addresses/{address_id}"),
        )
        .with_body(address)
    }

    /// `DELETE /v2/customers/{customer_id}/addresses/{address_id}`.
    pub fn delete_address(customer_id: u64, address_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Delete,
            format!("/v2/customers/{customer_id}/addresses/{address_id}"),
        )
    }

    /// `DELETE /v2/customers/{customer_id}/addresses`: **deletes every address of that
    /// customer**.
    pub fn delete_all_addresses_of_customer_unfiltered(customer_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(
            Method::Delete,
            format!("/v2/customers/{customer_id}/addresses"),
        )
    }

    /// `GET /v2/customer_groups`.
    pub fn list_customer_groups(
        query: &CustomerGroupQuery,
    ) -> Result<RequestDescriptor, Vec<Issue>> {
        Ok(RequestDescriptor::new(Method::Get, "/v2/customer_groups")
            .with_query(query.to_query_string()?))
    }

    /// `GET /v2/customer_groups/count`.
    pub fn count_customer_groups() -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, "/v2/customer_groups/count")
    }

    /// `POST /v2/customer_groups` (one group; 207 when created but the discount update failed).
    pub fn create_customer_group(group: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Post, "/v2/customer_groups").with_body(group)
    }

    /// `GET /v2/customer_groups/{group_id}`.
    pub fn get_customer_group(group_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(Method::Get, format!("/v2/customer_groups/{group_id}"))
    }

    /// `PUT /v2/customer_groups/{group_id}` (`discount_rules` are replaced wholesale).
    pub fn update_customer_group(group_id: u64, group: Value) -> RequestDescriptor {
        RequestDescriptor::new(Method::Put, format!("/v2/customer_groups/{group_id}"))
            .with_body(group)
    }

    /// `DELETE /v2/customer_groups/{group_id}` (members are unassigned).
    pub fn delete_customer_group(group_id: u64) -> RequestDescriptor {
        RequestDescriptor::new(Method::Delete, format!("/v2/customer_groups/{group_id}"))
    }
}
