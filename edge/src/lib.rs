//! The bc-customers edge: a Cloudflare Worker in front of BigCommerce's customer and subscriber
//! APIs that keeps the store's token secret, authenticates callers, validates every write with
//! `core` before forwarding, plans batches, caches reads per caller, and handles rate limits.
//!
//! Everything that decides something is a plain function in this crate, compiled and tested
//! natively: [`admit`] (CORS, [`route`], [`auth`], body type and size), [`plan`] with one module
//! per resource ([`customers`], [`addresses`], [`attributes`], [`attribute_values`],
//! [`form_field_values`], [`subscribers`], [`v2`], [`me`], [`signup`]), [`v2_facade`] (V2 served through V3), [`login`], [`cache`] (keys,
//! generations, rules), [`freshness`] (webhooks, global generations,
//! purge), [`upstream`] (retries and answers), [`quota`] (the store's quota as one client), [`signup_limit`]. `worker_glue`
//! (wasm32 only) is the thin layer that does IO inside the Workers runtime.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod addresses;
pub mod admit;
pub mod attribute_values;
pub mod attributes;
pub mod auth;
pub mod cache;
pub mod config;
pub mod cors;
pub mod customers;
pub mod form_field_values;
pub mod freshness;
pub mod login;
pub mod me;
pub mod params;
pub mod plan;
pub mod problem;
pub mod quota;
pub mod route;
pub mod signup;
pub mod signup_limit;
pub mod subscribers;
pub mod upstream;
pub mod v2;
pub mod v2_facade;

#[cfg(target_arch = "wasm32")]
mod coalesce_do;
#[cfg(target_arch = "wasm32")]
mod freshness_glue;
#[cfg(target_arch = "wasm32")]
mod generations_do;
#[cfg(target_arch = "wasm32")]
mod quota_do;
#[cfg(target_arch = "wasm32")]
mod quota_glue;
#[cfg(target_arch = "wasm32")]
mod worker_glue;
