//! The golden `wasm-pkg/npm/index.d.ts`: payload types generated from core's schemas
//! (`bc_customers_core::typescript`) followed by the hand-written `wasm-pkg/types/api.d.ts`.
//! Fails when either changed without regenerating:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test typescript
//! ```

mod common;

use std::path::Path;

const HEADER: &str = "\
// TypeScript declarations of the `bc-customers` npm package.
// Generated: payload types from bc-customers-core's schemas, then wasm-pkg/types/api.d.ts.
// Regenerate with `UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test typescript`.

";

fn render() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let payloads =
        bc_customers_core::typescript::declarations().expect("schemas name each shape once");
    let api = std::fs::read_to_string(root.join("types/api.d.ts")).expect("types/api.d.ts");
    format!("{HEADER}{payloads}\n{api}")
}

#[test]
fn golden_index_d_ts_is_up_to_date() {
    common::check_golden(
        "index.d.ts",
        &render(),
        "core's schemas or types/api.d.ts",
        "typescript",
    );
}
