//! The spec's own request examples (tests/fixtures/{v3,v2}/examples, named
//! `<operation id>.<example name>.json`) must all be accepted, and the table of cases
//! (tests/fixtures/{v3,v2}/cases) must give exactly the listed error and warning codes.

use bc_customers_core::{Operation, Report};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `v3.customers.create.example-1.json` -> the operation `v3.customers.create`.
fn operation_of(path: &Path) -> Operation {
    let name = path.file_name().unwrap().to_str().unwrap();
    let parts: Vec<&str> = name.split('.').collect();
    let id = parts[..3].join(".");
    Operation::from_id(&id).unwrap_or_else(|| panic!("{name}: no operation `{id}`"))
}

fn pairs(issues: &[bc_customers_core::Issue]) -> Vec<(String, String)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.clone()))
        .collect()
}

fn expected(case: &Value, key: &str) -> Vec<(String, String)> {
    case[key]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|p| {
                    (
                        p[0].as_str().unwrap().to_string(),
                        p[1].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_spec_example_is_accepted() {
    let mut seen = 0;
    for version in ["v3", "v2"] {
        for path in json_files(&fixtures().join(version).join("examples")) {
            let op = operation_of(&path);
            let report: Report = op.validate(&read(&path));
            assert!(report.is_valid(), "{}: {:?}", path.display(), report.errors);
            seen += 1;
        }
    }
    assert!(seen >= 25, "only {seen} examples found");
}

#[test]
fn every_write_operation_has_a_spec_example_or_case() {
    let mut covered = std::collections::HashSet::new();
    for version in ["v3", "v2"] {
        for path in json_files(&fixtures().join(version).join("examples")) {
            covered.insert(operation_of(&path).id());
        }
    }
    let missing: Vec<&str> = Operation::ALL
        .iter()
        .map(|op| op.id())
        .filter(|id| !covered.contains(id) && !id.starts_with("v3.subscribers"))
        .collect();
    assert!(missing.is_empty(), "no example for {missing:?}");
}

#[test]
fn cases_give_exactly_the_listed_codes() {
    for version in ["v3", "v2"] {
        for path in json_files(&fixtures().join(version).join("cases")) {
            let case = read(&path);
            let id = case["operation"].as_str().unwrap();
            let op = Operation::from_id(id).unwrap();
            let report = op.validate(&case["body"]);
            assert_eq!(
                pairs(&report.errors),
                expected(&case, "errors"),
                "errors of {}",
                path.display()
            );
            assert_eq!(
                pairs(&report.warnings),
                expected(&case, "warnings"),
                "warnings of {}",
                path.display()
            );
        }
    }
}

#[test]
fn prepared_examples_never_forward_read_only_fields() {
    let path = fixtures().join("v3/examples/v3.customers.update.example-1.json");
    let prepared = Operation::V3CustomersUpdate.prepare(read(&path)).unwrap();
    let item = &prepared.body[0];
    assert!(item.get("registration_ip_address").is_none());
    assert!(item.get("origin_channel_id").is_none());
    assert_eq!(item["id"], 1);
    let path = fixtures().join("v2/examples/v2.addresses.update.inline-example.json");
    let prepared = Operation::V2AddressesUpdate.prepare(read(&path)).unwrap();
    assert!(prepared.body.get("country_iso2").is_none());
    assert!(prepared.body.get("id").is_none());
}

#[test]
fn upstream_error_fixtures_give_the_listed_paths() {
    let dir = fixtures().join("upstream");
    let mut seen = 0;
    for path in json_files(&dir) {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let fixture = read(&path);
        if name.starts_with("error.") {
            let status = fixture["status"].as_u64().unwrap() as u16;
            let body = serde_json::to_vec(&fixture["body"]).unwrap();
            let issues = bc_customers_core::upstream::parse_error(status, &body);
            assert_eq!(pairs(&issues), expected(&fixture, "issues"), "{name}");
            for issue in &issues {
                assert!(!issue.message.ends_with('.'), "{name}: {}", issue.message);
                assert!(!issue.message.is_empty(), "{name}");
            }
        } else if name.starts_with("envelope.") {
            let body = serde_json::to_vec(&fixture).unwrap();
            let envelope = bc_customers_core::upstream::parse_envelope(&body)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(envelope.data, fixture["data"], "{name}");
            let meta = &fixture["meta"];
            assert_eq!(
                envelope.meta.pagination.is_some(),
                meta.get("pagination").is_some(),
                "{name}"
            );
            assert_eq!(
                envelope.meta.cursor_pagination.is_some(),
                meta.get("cursor_pagination").is_some(),
                "{name}"
            );
        }
        seen += 1;
    }
    assert!(seen >= 10);
}
