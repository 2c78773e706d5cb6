//! Parsing BigCommerce's envelopes and error bodies.

use bc_customers_core::upstream::{key_path, parse_envelope, parse_error, parse_error_for};
use serde_json::json;

fn pairs(issues: &[bc_customers_core::Issue]) -> Vec<(String, String)> {
    issues
        .iter()
        .map(|i| (i.path.clone(), i.code.clone()))
        .collect()
}

#[test]
fn cursor_and_offset_pagination_are_typed() {
    let body = br#"{"data":[{"id":1}],"meta":{"pagination":{"total":36,"count":36,"per_page":50,"current_page":1,"total_pages":1,"links":{"current":"?page=1&limit=50"}},"cursor_pagination":{"count":36,"per_page":50,"start_cursor":"eyJpZCI6MjA0fQ","end_cursor":"aWQ6Nw==","links":{"next":"?after=aWQ6Nw%3D%3D"}}}}"#;
    let e = parse_envelope(body).unwrap();
    let p = e.meta.pagination.unwrap();
    assert_eq!(
        (p.total, p.per_page, p.current_page),
        (Some(36), Some(50), Some(1))
    );
    assert!(!p.has_next_page());
    let c = e.meta.cursor_pagination.unwrap();
    assert_eq!(c.end_cursor.as_deref(), Some("aWQ6Nw=="));
    assert_eq!(c.links.next.as_deref(), Some("?after=aWQ6Nw%3D%3D"));
}

#[test]
fn single_objects_and_odd_meta() {
    let e = parse_envelope(br#"{"data":{"is_valid":true},"meta":{}}"#).unwrap();
    assert_eq!(e.data, json!({"is_valid": true}));
    assert!(e.meta.pagination.is_none());
    // A pagination block of the wrong shape is dropped, not fatal.
    let e = parse_envelope(br#"{"data":[],"meta":{"pagination":{"total":"many"}}}"#).unwrap();
    assert!(e.meta.pagination.is_none());
    let e = parse_envelope(br#"{"data":[]}"#).unwrap();
    assert!(e.meta.pagination.is_none());
}

#[test]
fn bodies_that_are_not_envelopes() {
    for body in [
        &b"[]"[..],
        b"{\"meta\":{}}",
        b"not json",
        b"",
        b"{\"allow\":[]}",
    ] {
        assert_eq!(
            parse_envelope(body).unwrap_err().code,
            "upstream_invalid_body"
        );
    }
}

#[test]
fn v3_error_keys_become_paths() {
    let body = br#"{"status":422,"title":"Update failed.","type":"t","errors":{"0.email":"Email in use.","[1].first_name":"Too long.","addresses.0.city":"Required.",".customer_update":"Error updating customers"}}"#;
    let issues = parse_error(422, body);
    let mut got = pairs(&issues);
    got.sort();
    let want: Vec<(String, String)> = [
        ("", "upstream_422"),
        ("[0].email", "upstream_422"),
        ("[1].first_name", "upstream_422"),
        ("addresses[0].city", "upstream_422"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(key_path("3"), "[3]");
}

#[test]
fn http_status_decides_the_code() {
    let issues = parse_error(409, br#"{"status":409,"title":"Subscriber with this email already exists","type":"t","errors":{}}"#);
    assert_eq!(
        pairs(&issues),
        [("".to_string(), "upstream_409".to_string())]
    );
    assert_eq!(
        issues[0].message,
        "subscriber with this email already exists"
    );
}

#[test]
fn v2_error_lists() {
    let issues = parse_error(
        400,
        br#"[{"status":400,"message":"The field 'zip' is invalid."},{"status":400,"message":"The field 'country' is invalid."}]"#,
    );
    assert_eq!(issues.len(), 2);
    assert!(issues
        .iter()
        .all(|i| i.code == "upstream_400" && i.path.is_empty()));
    assert_eq!(issues[0].message, "the field 'zip' is invalid");
}

#[test]
fn request_values_and_emails_are_redacted() {
    let request = json!({"email": "someone@shop.example", "first_name": "Zebulon", "address_type": "residential"});
    let body = br#"{"status":409,"title":"Conflict","type":"t","errors":{"email":"Customer Zebulon already uses someone@shop.example (residential)"}}"#;
    let issues = parse_error_for(409, body, &request);
    let m = &issues[0].message;
    assert!(!m.contains("Zebulon") && !m.contains("someone@"), "{m}");
    assert!(m.contains("residential"), "{m}");
    let issues = parse_error(
        422,
        br#"[{"status":422,"message":"Email <x.y@z.co> rejected"}]"#,
    );
    assert!(
        !issues[0].message.contains("x.y@z.co"),
        "{}",
        issues[0].message
    );
}

#[test]
fn long_messages_are_bounded() {
    let long = "x".repeat(10_000);
    let body = serde_json::to_vec(&json!({"status": 500, "title": long})).unwrap();
    let issues = parse_error(500, &body);
    assert!(issues[0].message.chars().count() <= 500);
}
