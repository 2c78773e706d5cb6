//! V2<->V3 mapping on arbitrary JSON: never panics; an error always carries its issues.
#![no_main]
use bc_customers_core::mapping::{
    v2_to_v3_address, v2_to_v3_customer, v3_to_v2_address, v3_to_v2_customer,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for map in [v2_to_v3_customer, v3_to_v2_customer, v2_to_v3_address, v3_to_v2_address] {
        if let Err(e) = map(value.clone()) {
            assert!(!e.issues.is_empty());
        }
    }
});
