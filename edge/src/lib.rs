//! The bc-customers edge: a Cloudflare Worker in front of BigCommerce's customer APIs.
