//! The one-pass check (`Operation::is_clean_json`) may only say "clean" when the full walk
//! reports nothing at all: checked on the spec's examples, on generated valid batches, and on
//! the same batches with one random defect each. It must also actually say "clean" for clean
//! bodies, or the fast path would silently be gone.

mod common;

use bc_customers_core::{Operation, Report};
use common::report_via_value as full_walk;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::Path;

fn is_empty(report: &Report) -> bool {
    report.errors.is_empty() && report.warnings.is_empty()
}

/// "clean" implies an empty report, for every operation.
fn assert_sound(text: &str) {
    for &op in Operation::ALL {
        if op.is_clean_json(text) {
            let report = full_walk(op, text);
            assert!(
                is_empty(&report),
                "{} said clean: {text}\n{report:?}",
                op.id()
            );
        }
    }
}

#[test]
fn spec_examples_that_are_clean_are_seen_as_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut clean = 0;
    for dir in ["v3/examples", "v2/examples"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            assert_sound(&text);
            let Some(op) = Operation::ALL
                .iter()
                .find(|op| name.starts_with(&format!("{}.", op.id())))
            else {
                continue;
            };
            // Examples without floats or escapes that the full walk passes without a word
            // (attribute values always take the full walk: their limits count per customer).
            if op.id() != "v3.attribute_values.upsert"
                && is_empty(&full_walk(*op, &text))
                && !text.contains('\\')
                && !text.contains('.')
            {
                assert!(
                    op.is_clean_json(&text),
                    "{name} is clean but not seen as clean"
                );
                clean += 1;
            }
        }
    }
    assert!(clean >= 5, "only {clean} clean examples");
}

#[test]
fn edge_cases() {
    let op = Operation::V3CustomersCreate;
    let one =
        |extra: &str| format!(r#"[{{"email":"a@b.co","first_name":"A","last_name":"B"{extra}}}]"#);
    assert!(op.is_clean_json(&one("")));
    assert!(op.is_clean_json(&format!(" \n{} \t", one(""))));
    for (extra, why) in [
        (r#","first_name":"C""#, "repeated key"),
        (r#","id":4"#, "read-only field"),
        (r#","nickname":"x""#, "unknown field"),
        (r#","customer_group_id":1.0"#, "float for an integer"),
        (r#","customer_group_id":-0"#, "-0 is a float"),
        (r#","customer_group_id":18446744073709551616"#, "beyond u64"),
        (r#","customer_group_id":01"#, "leading zero"),
        (r#","company":"a\"b""#, "escape"),
        (r#","notes":"a	b""#, "control character"),
        (
            r#","addresses":[{"first_name":"A","last_name":"B","address1":"1","city":"X","country_code":"US","postal_code":"1"}]"#,
            "US needs a state",
        ),
    ] {
        assert!(!op.is_clean_json(&one(extra)), "{why}");
        assert_sound(&one(extra));
    }
    assert!(
        !op.is_clean_json(&format!("{} x", one(""))),
        "trailing text"
    );
    // Items that must be distinct are compared by the full walk.
    let subscriber = Operation::V3SubscribersCreate;
    assert!(subscriber.is_clean_json(r#"{"email":"a@b.co","consents":["marketing_newsletter"]}"#));
    let twice = r#"{"email":"a@b.co","consents":["marketing_newsletter","marketing_newsletter"]}"#;
    assert!(!subscriber.is_clean_json(twice));
    assert_sound(twice);
    assert!(!op.is_clean_json(r#"[{"email":"a@b.co","first_name":"A","last_name":"B"},{"email":"A@B.CO ","first_name":"A","last_name":"B"}]"#), "duplicate emails");
    assert!(op.is_clean_json(r#"[{"email":"a@b.co","first_name":"A","last_name":"B"},{"email":"c@b.co","first_name":"A","last_name":"B"}]"#));
    // Deep nesting inside a field that accepts anything: left to the full walk past 64 levels.
    let deep = |n: usize| {
        format!(
            r#"[{{"name":"n","value":{}1{}}}]"#,
            "[".repeat(n),
            "]".repeat(n)
        )
    };
    assert_sound(&deep(60));
    assert_sound(&deep(200));
}

const EMAILS: &[&str] = &[
    "jane@example.com",
    "Zoë@exämple.de",
    "o'brien+news@mail.example.co.uk",
    "x@y.io",
];
const NAMES: &[&str] = &["Jane", "Zoë", "García", "李", "O'Brien", "A"];
const PLACES: &[(&str, &str, &str)] = &[
    ("US", "Texas", "78701"),
    ("CA", "Ontario", "M5V 2T6"),
    ("GB", "", "SW1A 1AA"),
    ("DE", "", "10115"),
    ("IE", "", ""),
];

fn address(i: usize) -> Value {
    let (cc, state, zip) = PLACES[i % PLACES.len()];
    let mut a = json!({
        "first_name": NAMES[i % NAMES.len()], "last_name": NAMES[(i + 1) % NAMES.len()],
        "address1": format!("{i} Main Street"), "city": "Springfield", "country_code": cc,
        "address_type": if i % 2 == 0 { "residential" } else { "commercial" },
    });
    if !state.is_empty() {
        a["state_or_province"] = json!(state);
    }
    if !zip.is_empty() {
        a["postal_code"] = json!(zip);
    }
    a
}

fn customer(i: usize) -> Value {
    let mut c = json!({
        "email": format!("{i}.{}", EMAILS[i % EMAILS.len()]),
        "first_name": NAMES[i % NAMES.len()], "last_name": NAMES[(i + 2) % NAMES.len()],
        "customer_group_id": i % 5, "accepts_product_review_abandoned_cart_emails": i % 2 == 0,
        "addresses": (0..i % 3).map(|k| address(i + k)).collect::<Vec<_>>(),
    });
    if i % 4 == 0 {
        c["form_fields"] =
            json!([{"name": "Size", "value": ["S", "M"]}, {"name": "n", "value": 7}]);
    }
    if i % 3 == 0 {
        c["channel_ids"] = json!([1]);
    }
    c
}

/// One defect applied to a batch's text (or none), as a string edit.
fn damage(text: &str, kind: usize, at: usize) -> String {
    let edits: [(&str, &str); 12] = [
        (r#""email":""#, r#""email":" "#),
        (r#""country_code":"US""#, r#""country_code":"XX""#),
        (r#""state_or_province":"Texas","#, ""),
        (r#""customer_group_id":1"#, r#""customer_group_id":1.5"#),
        (r#""customer_group_id":2"#, r#""customer_group_id":-2"#),
        (r#""first_name":"Jane""#, r#""first_name":"""#),
        (
            r#""address_type":"commercial""#,
            r#""address_type":"office""#,
        ),
        (r#""channel_ids":[1]"#, r#""channel_ids":[]"#),
        (r#""last_name":""#, r#""id":1,"last_name":""#),
        (r#""city":"Springfield""#, r#""city":"Spring\u0066ield""#),
        (r#""value":7"#, r#""value":7e400"#),
        (r#"{"first_name""#, r#"{"first_name":"Al","first_name""#),
    ];
    let Some(&(from, to)) = edits.get(kind) else {
        return text.to_string();
    };
    // Apply the edit to the at-th occurrence (wrapping), if there is one.
    let hits: Vec<usize> = text.match_indices(from).map(|(i, _)| i).collect();
    match hits.get(at % hits.len().max(1)) {
        Some(&i) => format!("{}{to}{}", &text[..i], &text[i + from.len()..]),
        None => text.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn generated_batches_are_clean_and_defects_are_not_missed(
        start in 0usize..1000,
        n in 1usize..=10,
        kind in 0usize..16,
        at in 0usize..20,
        pretty in any::<bool>(),
    ) {
        let batch = Value::Array((start..start + n).map(customer).collect());
        let text = if pretty { serde_json::to_string_pretty(&batch).unwrap() } else { batch.to_string() };
        let op = Operation::V3CustomersCreate;
        prop_assert!(is_empty(&full_walk(op, &text)), "generator made an invalid batch");
        prop_assert!(op.is_clean_json(&text), "a clean batch was not seen as clean: {text}");
        let damaged = damage(&batch.to_string(), kind, at);
        assert_sound(&damaged);
        // Addresses alone, as `POST /v3/customers/addresses` takes them.
        let addresses = Value::Array((start..start + n).map(|i| {
            let mut a = address(i);
            a["customer_id"] = json!(i + 1);
            a
        }).collect());
        let text = addresses.to_string();
        prop_assert!(Operation::V3AddressesCreate.is_clean_json(&text), "{text}");
        assert_sound(&damage(&text, kind, at));
    }
}

/// The one-pass check matches a key against a field name byte for byte, which is only right
/// while no name holds a quote, a backslash or anything JSON would escape.
#[test]
fn field_names_are_plain() {
    use bc_customers_core::schema::Schema;
    fn walk(schema: &Schema, names: &mut Vec<&'static str>) {
        match schema {
            Schema::Object(rule) => {
                for field in rule.fields {
                    names.push(field.name);
                    walk(field.schema, names);
                }
            }
            Schema::Array(rule) => walk(rule.items, names),
            Schema::Nullable(inner) => walk(inner, names),
            Schema::OneOf(alternatives) => alternatives.iter().for_each(|a| walk(a, names)),
            _ => {}
        }
    }
    let mut names = Vec::new();
    for op in Operation::ALL {
        walk(op.schema(), &mut names);
    }
    assert!(names.len() > 100);
    for name in names {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
            "{name}"
        );
    }
}
