//! Schemas of BigCommerce's V3 customer and subscriber APIs
//! (`shared/reference/bigcommerce/customers.v3.yml`, `subscribers.v3.yml`).

pub mod subscribers;
