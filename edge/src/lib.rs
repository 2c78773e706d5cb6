//! The bc-customers edge: a Cloudflare Worker in front of BigCommerce's customer APIs.
//!
//! Everything that decides something (configuration, routing, validation outcomes, error bodies)
//! is a plain function in this crate, compiled and tested natively; `worker_glue` is the thin
//! layer that does IO inside the Workers runtime.
#![forbid(unsafe_code)]

pub mod config;
pub mod problem;
pub mod subscribers;

#[cfg(target_arch = "wasm32")]
mod worker_glue;
