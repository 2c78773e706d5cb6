//! Every operation's body validator, through the JSON-text fast path and the value path, which
//! must agree.
#![no_main]
use bc_customers_core::Operation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let op = Operation::ALL[selector as usize % Operation::ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let report = op.validate_json(&text);
    // Determinism: the same input gives the same report.
    assert_eq!(report, op.validate_json(&text));
    match serde_json::from_str::<serde_json::Value>(&text) {
        // The borrowed reader (core::json) must agree with serde_json: same report as
        // validating the parsed value, and malformed exactly when serde_json says so.
        Ok(value) => assert_eq!(report, op.validate(&value)),
        Err(_) => assert!(report.errors.iter().any(|i| i.code == "invalid_json")),
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(prepared) = op.prepare(value) {
            // What we forward must itself be valid.
            assert!(op.validate(&prepared.body).is_valid());
        }
    }
});
