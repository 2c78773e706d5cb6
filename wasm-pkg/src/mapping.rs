//! V2 <-> V3 mapping of customers and addresses for JavaScript.

use crate::{js_issues, to_json, JsIssue};
use bc_customers_core::issue::{segments, Segment};
use bc_customers_core::mapping::{self, MapError, Mapped};
use bc_customers_core::Issue;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Outcome {
    Ok {
        value: Value,
        lost: Vec<Vec<Segment>>,
    },
    Err {
        code: String,
        issues: Vec<JsIssue>,
    },
}

fn outcome(r: Result<Mapped, MapError>) -> Outcome {
    match r {
        Ok(m) => Outcome::Ok {
            value: m.value,
            lost: m.lost.iter().map(|p| segments(p)).collect(),
        },
        Err(e) => Outcome::Err {
            code: e.code,
            issues: js_issues(e.issues),
        },
    }
}

/// Maps one value given as JSON text. `direction`: `v2_to_v3_customer`, `v3_to_v2_customer`,
/// `v2_to_v3_address`, `v3_to_v2_address`. Returns JSON text of `{"ok": {value, lost}}` or
/// `{"err": {code, issues}}`; `lost` paths are arrays of keys and indexes.
#[wasm_bindgen(js_name = mapRaw)]
pub fn map_raw(direction: &str, text: &str) -> String {
    let value = match bc_customers_core::ops::parse_json(text) {
        Ok(v) => v,
        Err(issue) => return err("invalid_json", issue),
    };
    let f = match direction {
        "v2_to_v3_customer" => mapping::v2_to_v3_customer,
        "v3_to_v2_customer" => mapping::v3_to_v2_customer,
        "v2_to_v3_address" => mapping::v2_to_v3_address,
        "v3_to_v2_address" => mapping::v3_to_v2_address,
        _ => {
            return err(
                "unknown_mapping",
                Issue::new("", "unknown_mapping", "no mapping has this name"),
            )
        }
    };
    to_json(&outcome(f(value)))
}

fn err(code: &str, issue: Issue) -> String {
    to_json(&Outcome::Err {
        code: code.to_string(),
        issues: js_issues(vec![issue]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lost_paths_are_segment_arrays() {
        let out: Value = serde_json::from_str(&map_raw(
            "v3_to_v2_customer",
            r#"{"id":1,"channel_ids":[1],"store_credit_amounts":[{"amount":1},{"amount":2}]}"#,
        ))
        .unwrap();
        assert_eq!(out["ok"]["value"], json!({"id": 1}));
        assert_eq!(
            out["ok"]["lost"],
            json!([
                ["channel_ids"],
                ["store_credit_amounts", 0],
                ["store_credit_amounts", 1]
            ])
        );
    }

    #[test]
    fn failures_carry_code_and_issues() {
        let out: Value =
            serde_json::from_str(&map_raw("v2_to_v3_address", r#"{"country":"Atlantis"}"#))
                .unwrap();
        assert_eq!(out["err"]["code"], "unknown_country");
        let out: Value = serde_json::from_str(&map_raw("v2_to_v3_address", "[1]")).unwrap();
        assert_eq!(out["err"]["code"], "not_an_object");
    }
}
