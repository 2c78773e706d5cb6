//! No input makes validation or the upstream parsers panic: arbitrary JSON values (deeply
//! nested, large arrays), arbitrary text and arbitrary bytes.

use bc_customers_core::upstream::{parse_envelope, parse_error, parse_error_for};
use bc_customers_core::Operation;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "US",
            "GB",
            "CA",
            "TX",
            "California",
            "United States",
            "a@b.co",
            "price_list",
            "all",
            "specific",
            "residential",
            "2024-05-14",
            "10.5000",
            "",
            " ",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(6, 96, 12, |inner| {
        let keys = prop::sample::select(vec![
            "email",
            "first_name",
            "last_name",
            "id",
            "customer_id",
            "attribute_id",
            "value",
            "addresses",
            "attributes",
            "country_code",
            "state_or_province",
            "postal_code",
            "country",
            "state",
            "zip",
            "_authentication",
            "password",
            "password_confirmation",
            "discount_rules",
            "type",
            "category_access",
            "categories",
            "allow",
            "deny",
            "form_fields",
            "name",
            "channel_ids",
            "errors",
            "data",
            "meta",
            "pagination",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..10).prop_map(|kv| Value::Object(
                kv.into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

fn nested(depth: usize, array: bool) -> Value {
    let mut v = json!("leaf");
    for _ in 0..depth {
        v = if array {
            json!([v])
        } else {
            json!({"addresses": v})
        };
    }
    v
}

fn exercise(v: &Value) {
    for op in Operation::ALL {
        let _ = op.validate(v);
        let _ = op.prepare(v.clone());
        let _ = op.validate(&json!([v]));
    }
    let bytes = serde_json::to_vec(v).unwrap();
    let _ = parse_envelope(&bytes);
    let _ = parse_error(422, &bytes);
    let _ = parse_error_for(400, &bytes, v);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_values(v in arb_json()) {
        exercise(&v);
    }

    #[test]
    fn arbitrary_text(text in ".{0,300}") {
        for op in Operation::ALL {
            let _ = op.validate_json(&text);
        }
        let _ = parse_envelope(text.as_bytes());
        let _ = parse_error(500, text.as_bytes());
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300), status in any::<u16>()) {
        let _ = parse_envelope(&bytes);
        let issues = parse_error(status, &bytes);
        prop_assert!(!issues.is_empty());
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    for array in [true, false] {
        // serde_json refuses text nested deeper than 128, so no parsed body is deeper than that.
        let v = nested(127, array);
        exercise(&v);
        // As text, past serde_json's recursion limit.
        let text = if array {
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))
        } else {
            "{\"a\":".repeat(100_000)
        };
        for op in Operation::ALL {
            let report = op.validate_json(&text);
            assert!(!report.is_valid());
        }
        let _ = parse_error(422, text.as_bytes());
        let _ = parse_envelope(text.as_bytes());
    }
}

#[test]
fn huge_arrays() {
    let item = json!({"email": "a@b.co", "first_name": "A", "last_name": "B", "attribute_id": 1, "value": "v", "customer_id": 1});
    let big = Value::Array(vec![item; 20_000]);
    for op in Operation::ALL {
        let _ = op.validate(&big);
    }
    let errors = Value::Object((0..20_000).map(|i| (i.to_string(), json!("bad"))).collect());
    let body = serde_json::to_vec(&json!({"status": 422, "errors": errors})).unwrap();
    assert_eq!(parse_error(422, &body).len(), 20_000);
}
