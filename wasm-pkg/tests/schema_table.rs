//! The golden `wasm-pkg/npm/schema-table.js`: core's schema table (`bc_customers_core::table`)
//! as a JavaScript module, which the package's clean check (`npm/clean.js`) compiles. Fails when
//! core's schemas changed without regenerating:
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test schema_table
//! ```

mod common;

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
    common::check_golden(
        "schema-table.js",
        &render(),
        "core's schemas",
        "schema_table",
    );
}
