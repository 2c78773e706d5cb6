//! Validating JSON text (read by `core::json` without a `serde_json::Value`) gives exactly the
//! report of parsing the text with serde_json and validating the `Value`: for every operation,
//! on the spec fixtures, on random bodies (repeated keys, escapes, odd numbers, whitespace) and
//! on random damage to valid text.

mod common;

use bc_customers_core::Operation;
use common::report_via_value as via_value;
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

fn assert_same(text: &str) {
    for &op in Operation::ALL {
        assert_eq!(
            op.validate_json(text),
            via_value(op, text),
            "{} on {text}",
            op.id()
        );
    }
}

#[test]
fn fixtures_give_the_same_reports() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut seen = 0;
    for dir in ["v3/examples", "v3/cases", "v2/examples", "v2/cases"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_same(&text);
            let value: Value = serde_json::from_str(&text).unwrap();
            if let Some(body) = value.get("body") {
                assert_same(&body.to_string());
                assert_same(&serde_json::to_string_pretty(body).unwrap());
                assert_same(&format!("[{body}]"));
            }
            seen += 1;
        }
    }
    assert!(seen >= 40, "only {seen} fixtures");
}

#[test]
fn edge_cases_give_the_same_reports() {
    for text in [
        // Numbers as serde_json classifies them.
        r#"{"email": "a@b.co", "id": 1.0}"#,
        r#"[{"id": -0, "email": "a@b.co"}]"#,
        r#"[{"id": 18446744073709551615}]"#,
        r#"[{"id": 18446744073709551616}]"#,
        r#"[{"id": -9223372036854775809}]"#,
        r#"[{"id": 1e2}]"#,
        r#"[{"customer_group_id": 0E0}]"#,
        r#"[{"store_credit_amounts": [{"amount": 1e308}, {"amount": -1.5E-7}]}]"#,
        r#"[{"store_credit_amounts": [{"amount": 1e400}]}]"#,
        // Repeated keys: the last wins.
        r#"[{"email": 5, "email": "a@b.co", "first_name": "A", "last_name": "B"}]"#,
        r#"[{"email": "a@b.co", "email": 5, "first_name": "A", "last_name": "B"}]"#,
        r#"{"allow": ["analytics"], "deny": ["analytics"], "deny": ["targeting"]}"#,
        r#"{"_authentication": {"password": "x", "password_confirmation": "y", "password_confirmation": "x"}}"#,
        r#"[{"x": 1, "x": 2, "x": 3}]"#,
        // Unique lists of objects (duplicate_item compares like serde_json).
        r#"{"allow": [{"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "a": 2}, {"a": 2}]}"#,
        r#"{"category_access": {"type": "specific", "categories": [1, 1.0, 1, [1], [1]]}}"#,
        // Escapes, in keys too.
        r#"{"em\u0061il": "a\u0040b.co"}"#,
        r#"{"email": "\ud83d\ude00@b.co"}"#,
        r#"{"email": "lone \ud800"}"#,
        // Malformed, including trailing characters.
        r#"[{"email": "a@b.co"}, {"addresses": [{"city": }]}]"#,
        r#"{"email": "a@b.co"} x"#,
        r#"[1] ]"#,
        "",
        "   ",
        "\u{feff}{}",
    ] {
        assert_same(text);
    }
}

#[test]
fn deep_nesting_gives_the_same_reports() {
    for depth in [126, 127, 128, 129, 1000] {
        assert_same(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
        assert_same(&format!(
            "{}1{}",
            "{\"a\":".repeat(depth),
            "}".repeat(depth)
        ));
        assert_same(&format!(
            "[{{\"addresses\":{}{}}}]",
            "[".repeat(depth),
            "]".repeat(depth)
        ));
    }
}

/// A JSON tree whose objects may repeat keys (which a `Value` cannot hold).
#[derive(Debug, Clone)]
enum Tree {
    Leaf(Value),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

/// Written out with some strings escaped as `\uXXXX` and some whitespace.
fn write(tree: &Tree, escape: bool, spaced: bool, out: &mut String) {
    let gap = if spaced { " \n\t" } else { "" };
    match tree {
        Tree::Leaf(Value::String(s)) => write_str(s, escape, out),
        Tree::Leaf(v) => out.push_str(&v.to_string()),
        Tree::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                write(item, escape, spaced, out);
            }
            out.push_str(gap);
            out.push(']');
        }
        Tree::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                write_str(k, escape, out);
                out.push_str(gap);
                out.push(':');
                write(v, escape, spaced, out);
            }
            out.push('}');
        }
    }
}

fn write_str(s: &str, escape: bool, out: &mut String) {
    if escape {
        out.push('"');
        for unit in s.encode_utf16() {
            out.push_str(&format!("\\u{unit:04x}"));
        }
        out.push('"');
    } else {
        out.push_str(&Value::String(s.to_string()).to_string());
    }
}

const KEYS: &[&str] = &[
    "email",
    "first_name",
    "last_name",
    "id",
    "customer_id",
    "attribute_id",
    "attribute_value",
    "value",
    "name",
    "addresses",
    "attributes",
    "address1",
    "city",
    "country_code",
    "state_or_province",
    "postal_code",
    "country",
    "state",
    "zip",
    "street_1",
    "phone",
    "_authentication",
    "authentication",
    "password",
    "password_confirmation",
    "new_password",
    "discount_rules",
    "type",
    "method",
    "amount",
    "category_access",
    "categories",
    "allow",
    "deny",
    "form_fields",
    "channel_ids",
    "store_credit_amounts",
    "customer_group_id",
    "date_created",
    "address_id",
    "x",
    "odd.key",
];

fn arb_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-3i64..3).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![0.0, -0.0, 1.0, 0.5, 1e21, 2.5e-8]).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "US",
            "GB",
            "IE",
            "CA",
            "TX",
            "Texas",
            "California",
            "United States",
            "South Korea",
            "USA",
            "a@b.co",
            "A@B.CO ",
            "jane..doe@x.com",
            "price_list",
            "all",
            "specific",
            "none",
            "category",
            "product",
            "percent",
            "residential",
            "analytics",
            "targeting",
            "2024-05-14T09:34:00Z",
            "10.5000",
            "",
            " ",
            "é",
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn arb_tree() -> impl Strategy<Value = Tree> {
    arb_leaf()
        .prop_map(Tree::Leaf)
        .prop_recursive(5, 80, 10, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Tree::Array),
                prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(
                    |entries| Tree::Object(
                        entries
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v))
                            .collect()
                    )
                ),
            ]
        })
}

fn text_of(tree: &Tree, escape: bool, spaced: bool) -> String {
    let mut out = String::new();
    write(tree, escape, spaced, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn random_bodies_give_the_same_reports(tree in arb_tree(), escape in any::<bool>(), spaced in any::<bool>()) {
        let text = text_of(&tree, escape, spaced);
        assert_same(&text);
        // Most operations take batches: the same value as an item.
        assert_same(&format!("[{text}]"));
    }

    #[test]
    fn damaged_text_gives_the_same_reports(
        tree in arb_tree(),
        cut in any::<prop::sample::Index>(),
        insert in prop::sample::select(vec!["", ",", "]", "}", "\"", ":", "\\", "-", "0", "e", "x", " ", "\u{1}"]),
        drop in 0usize..3,
    ) {
        let text = format!("[{}]", text_of(&tree, false, false));
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let end = (at + drop).min(chars.len());
        let damaged: String = chars[..at].iter().collect::<String>() + insert + &chars[end..].iter().collect::<String>();
        assert_same(&damaged);
    }

    #[test]
    fn numbers_give_the_same_reports(
        sign in prop::sample::select(vec!["", "-"]),
        int in "(0|[1-9][0-9]{0,24})",
        frac in prop::option::of("[0-9]{1,20}"),
        exp in prop::option::of(("[eE]", prop::sample::select(vec!["", "+", "-"]), "[0-9]{1,3}")),
    ) {
        let mut n = format!("{sign}{int}");
        if let Some(f) = frac {
            n = format!("{n}.{f}");
        }
        if let Some((e, s, d)) = exp {
            n = format!("{n}{e}{s}{d}");
        }
        assert_same(&format!(r#"[{{"id": {n}, "customer_group_id": {n}, "store_credit_amounts": [{{"amount": {n}}}], "form_fields": [{{"name": "n", "value": {n}}}]}}]"#));
    }
}
