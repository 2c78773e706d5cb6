//! What the golden-file tests share.

use std::path::Path;

/// Compares the committed file `npm/<file>` with `want`, or writes `want` there when
/// `UPDATE_GOLDEN` is set. `what` says what the file is generated from, `test` which test
/// regenerates it.
pub fn check_golden(file: &str, want: &str, what: &str, test: &str) {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("npm").join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, want).unwrap_or_else(|e| panic!("write npm/{file}: {e}"));
        return;
    }
    let have = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        have == want,
        "wasm-pkg/npm/{file} is out of date with {what}: run \
         `UPDATE_GOLDEN=1 cargo test -p bc-customers-wasm --test {test}` and review the diff"
    );
}
