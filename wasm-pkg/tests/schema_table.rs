//! The golden `wasm-pkg/npm/schema-table.js`: core's schema table (`bc_customers_core::table`)
//! as a JavaScript module, which the package's clean check (`npm/clean.js`) compiles. Fails when
//! core's schemas changed without regenerating:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test schema_table
//! ```

use std::path::Path;

fn render() -> String {
    format!(
        "// Every operation's schema, for the clean check of JavaScript values (clean.js).\n\
         // Generated from bc-customers-core (core/src/table.rs): regenerate with\n\
         // `UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test schema_table`.\n\
         export default {};\n",
        bc_customers_core::table::schema_table()
    )
}

#[test]
fn golden_schema_table_is_up_to_date() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm/schema-table.js");
    let want = render();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &want).expect("write npm/schema-table.js");
        return;
    }
    let have = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        have == want,
        "wasm-pkg/npm/schema-table.js is out of date with core's schemas: run \
         `UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test schema_table` and review the diff"
    );
}
