//! BigCommerce response envelopes and error bodies of any shape: never panic.
#![no_main]
use bc_customers_core::upstream::{parse_envelope, parse_error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&status, body)) = data.split_first() else {
        return;
    };
    let _ = parse_envelope(body);
    let issues = parse_error(400 + u16::from(status) % 200, body);
    assert!(!issues.is_empty());
});
