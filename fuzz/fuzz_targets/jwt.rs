//! The Current Customer verifier on arbitrary tokens: never panics, never accepts a token it
//! did not see signed with the secret.
#![no_main]
use bc_customers_core::jwt::{verify_current_customer, VerifyOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let options = VerifyOptions {
        client_secret: "fuzz-secret",
        client_id: "fuzz-client",
        store_hash: Some("store"),
        now: 1_700_000_000,
        leeway_s: 30,
    };
    // A random input cannot carry a valid HMAC-SHA256 signature.
    assert!(verify_current_customer(&token, &options).is_err());
});
