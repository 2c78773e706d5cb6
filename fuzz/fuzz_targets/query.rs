//! The V3 customer query parser the edge uses on callers' query strings: never panics, and
//! what it accepts re-encodes to a query it accepts again.
#![no_main]
use bc_customers_core::query::parse_v3_customer_query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(query) = parse_v3_customer_query(&text) {
        if let Ok(encoded) = query.to_query_string() {
            assert!(parse_v3_customer_query(&encoded).is_ok(), "re-encoded query rejected");
        }
    }
});
