//! Native oracle for the package-vs-native differential test (`tests/node/differential.test.mjs`).
//!
//! Reads JSON lines `{"fn": "<raw export>", "args": [...]}` on stdin and prints one JSON line
//! per input: the raw export's result exactly as the wasm module returns it to JavaScript (a
//! string, or `null` for `undefined`), or `{"oracle_error": "..."}` for a line it cannot run.
//!
//! The package's sources are compiled here as a module of this binary, because the raw exports
//! live in private modules of the library (they are only meant to be reached through
//! `wasm-bindgen`): `lib.rs` as the module `pkg`, and the tool modules again at this crate's
//! root so that they can be called. The glob import puts the crate-root helpers they use
//! (`crate::to_json`, `crate::js_issues`, `crate::JsIssue`) where they expect them.
//!
//! ```sh
//! cargo build -p bc-customers-wasm --example oracle
//! echo '{"fn":"validateJsonRaw","args":["v3.subscribers.create","{}"]}' | target/debug/examples/oracle
//! ```

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/batch.rs"]
mod batch;
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/jwt.rs"]
mod jwt;
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/mapping.rs"]
mod mapping;
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/lib.rs"]
mod pkg;
#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../src/query.rs"]
mod query;

#[allow(unused_imports)]
use pkg::*;

use serde_json::{json, Value};
use std::io::{BufRead, BufWriter, Write};

fn text(args: &[Value], i: usize) -> Result<&str, String> {
    args.get(i)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("argument {i} must be a string"))
}

fn run(line: &str) -> Result<Value, String> {
    let call: Value = serde_json::from_str(line).map_err(|e| format!("bad line: {e}"))?;
    let name = call["fn"].as_str().ok_or("missing fn")?;
    let args = call["args"].as_array().ok_or("missing args")?;
    let s = |v: String| Value::String(v);
    Ok(match name {
        "validateRaw" => {
            let index = args
                .first()
                .and_then(Value::as_u64)
                .and_then(|i| u32::try_from(i).ok())
                .ok_or("argument 0 must be a u32")?;
            pkg::validate_raw(index, text(args, 1)?).map_or(Value::Null, s)
        }
        "validateJsonRaw" => s(pkg::validate_json_raw(text(args, 0)?, text(args, 1)?)),
        "operationIds" => json!(pkg::operation_ids()),
        "countriesRaw" => s(pkg::countries_raw()),
        "planRaw" => s(batch::plan_raw(text(args, 0)?, text(args, 1)?)),
        "buildQueryRaw" => s(query::build_query_raw(text(args, 0)?, text(args, 1)?)),
        "mapRaw" => s(mapping::map_raw(text(args, 0)?, text(args, 1)?)),
        "loginUrlRaw" => s(jwt::login_url_raw(text(args, 0)?)),
        "verifyRaw" => s(jwt::verify_raw(text(args, 0)?, text(args, 1)?)),
        other => return Err(format!("unknown fn {other}")),
    })
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let result = run(&line).unwrap_or_else(|e| json!({ "oracle_error": e }));
        if writeln!(out, "{result}").is_err() {
            break;
        }
    }
    let _ = out.flush();
}
