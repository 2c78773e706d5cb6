//! Batch planning and result merging.

use bc_customers_core::batch::*;
use bc_customers_core::request::Method;
use proptest::prelude::*;
use serde_json::{json, Value};

fn customer(i: usize) -> Value {
    json!({"email": format!("c{i}@example.com"), "first_name": "F", "last_name": "L"})
}

fn address(customer_id: u64, line: &str) -> Value {
    json!({"customer_id": customer_id, "first_name": "A", "last_name": "B", "address1": line,
           "city": "Austin", "state_or_province": "Texas", "postal_code": "78701", "country_code": "US"})
}

fn body(call: &PlannedCall) -> &Vec<Value> {
    call.request.body.as_ref().unwrap().as_array().unwrap()
}

#[test]
fn creates_are_split_in_tens_in_input_order() {
    let plan = plan_customer_creates((0..25).map(customer).collect());
    assert_eq!(plan.calls.len(), 3);
    assert_eq!(plan.concurrency, 3);
    assert!(plan.issues.is_empty());
    let all: Vec<usize> = plan.calls.iter().flat_map(|c| c.indexes.clone()).collect();
    assert_eq!(all, (0..25).collect::<Vec<_>>());
    for c in &plan.calls {
        assert!(body(c).len() <= 10);
        assert_eq!(body(c).len(), c.indexes.len());
        assert_eq!(
            (c.request.method, c.request.path.as_str()),
            (Method::Post, "/v3/customers")
        );
        for (k, &i) in c.indexes.iter().enumerate() {
            assert_eq!(body(c)[k], customer(i));
        }
    }
}

#[test]
fn duplicate_emails_are_left_out_with_an_issue() {
    let mut records: Vec<Value> = (0..3).map(customer).collect();
    records.push(json!({"email": "  C1@EXAMPLE.com", "first_name": "x", "last_name": "y"}));
    records.push(customer(5));
    let plan = plan_customer_creates(records);
    assert_eq!(plan.calls[0].indexes, [0, 1, 2, 4]);
    assert_eq!(plan.issues.len(), 1);
    assert_eq!(plan.issues[0].path, "[3].email");
    assert_eq!(plan.issues[0].code, "duplicate_email");
    assert!(!plan.issues[0].message.contains("example.com"));
    assert_eq!(plan.left_out(), [3]);
}

#[test]
fn non_objects_are_left_out() {
    let plan = plan_customer_creates(vec![json!("x"), customer(1), json!(null)]);
    assert_eq!(plan.calls[0].indexes, [1]);
    let codes: Vec<_> = plan
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(codes, [("[0]", "invalid_type"), ("[2]", "invalid_type")]);
}

#[test]
fn empty_input_plans_nothing() {
    let plan = plan_customer_creates(vec![]);
    assert!(plan.calls.is_empty());
    assert!(merge_results(&plan, &[]).records.is_empty());
}

#[test]
fn updates_refuse_duplicate_ids_and_emails() {
    let plan = plan_customer_updates(vec![
        json!({"id": 1, "email": "a@x.co"}),
        json!({"id": 1, "first_name": "again"}),
        json!({"id": 2, "email": "A@x.co"}),
        json!({"id": 3}),
    ]);
    assert_eq!(plan.calls[0].indexes, [0, 3]);
    assert_eq!(plan.calls[0].request.method, Method::Put);
    let codes: Vec<_> = plan
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [("[1].id", "duplicate_id"), ("[2].email", "duplicate_email")]
    );
}

#[test]
fn attribute_values_hold_at_most_ten_distinct_customers_per_call() {
    // 12 customers × 2 attributes, interleaved by customer.
    let records: Vec<Value> = (1..=12)
        .flat_map(|c| {
            (1..=2).map(move |a| json!({"customer_id": c, "attribute_id": a, "value": "v"}))
        })
        .collect();
    let plan = plan_attribute_value_upserts(records);
    assert_eq!(plan.calls.len(), 2);
    assert_eq!(plan.calls[0].indexes, (0..20).collect::<Vec<_>>());
    assert_eq!(plan.calls[1].indexes, (20..24).collect::<Vec<_>>());
    for c in &plan.calls {
        let mut customers: Vec<_> = body(c).iter().map(|v| v["customer_id"].clone()).collect();
        customers.dedup();
        assert!(customers.len() <= 10);
    }
    assert_eq!(plan.concurrency, 3);
}

#[test]
fn attribute_values_for_the_same_customer_and_attribute_are_deduplicated() {
    let plan = plan_attribute_value_upserts(vec![
        json!({"customer_id": 1, "attribute_id": 2, "value": "a"}),
        json!({"customer_id": "1", "attribute_id": 2, "value": "b"}),
    ]);
    assert_eq!(plan.calls[0].indexes, [0]);
    assert_eq!(plan.issues[0].code, "duplicate_attribute_value");
}

#[test]
fn address_creates_run_ten_at_once_and_drop_identical_input() {
    let plan = plan_address_creates(vec![
        address(1, "1 Main"),
        address(1, "1 Main"),
        address(1, "2 Main"),
    ]);
    assert_eq!(plan.concurrency, 10);
    assert_eq!(plan.calls[0].indexes, [0, 2]);
    assert_eq!(plan.issues[0].code, "duplicate_address");
    let plan = plan_address_updates(vec![json!({"id": 4}), json!({"id": 4})]);
    assert_eq!(plan.concurrency, 3);
    assert_eq!(plan.issues[0].code, "duplicate_id");
}

#[test]
fn merge_maps_created_customers_back_by_email() {
    let plan = plan_customer_creates((0..12).map(customer).collect());
    // BigCommerce answers in any order; match by email, not position.
    let mut first: Vec<Value> = (0..10)
        .rev()
        .map(|i| json!({"id": 100 + i, "email": format!("C{i}@example.com")}))
        .collect();
    first.swap(0, 3);
    let outcomes = [
        CallOutcome {
            status: 200,
            body: json!({"data": first, "meta": {}}),
        },
        CallOutcome {
            status: 200,
            body: json!({"data": [{"id": 110, "email": "c10@example.com"}, {"id": 111, "email": "c11@example.com"}]}),
        },
    ];
    let merged = merge_results(&plan, &outcomes);
    assert!(merged.report.errors.is_empty());
    for r in &merged.records {
        match &r.outcome {
            RecordOutcome::Done(v) => assert_eq!(v["id"], json!(100 + r.index)),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn whole_call_failures_fail_every_record_of_that_call() {
    let plan = plan_customer_creates((0..15).map(customer).collect());
    for (status, code) in [
        (413, "payload_too_large"),
        (422, "upstream_rejected"),
        (500, "upstream_error"),
        (503, "upstream_error"),
        (429, "rate_limited"),
    ] {
        let outcomes = [
            CallOutcome {
                status,
                body: json!({"status": status, "title": "x", "errors": {".customer_create": "Error creating customers"}}),
            },
            CallOutcome {
                status: 200,
                body: json!({"data": (10..15).map(|i| json!({"id": i, "email": format!("c{i}@example.com")})).collect::<Vec<_>>()}),
            },
        ];
        let merged = merge_results(&plan, &outcomes);
        for r in &merged.records[..10] {
            assert_eq!(r.outcome, RecordOutcome::Failed(code.to_string()));
        }
        assert!(merged.records[10..]
            .iter()
            .all(|r| matches!(r.outcome, RecordOutcome::Done(_))));
        assert_eq!(merged.report.errors.len(), 10);
        assert_eq!(merged.report.errors[0].path, "[0]");
        assert_eq!(merged.report.errors[9].path, "[9]");
        assert!(!merged.report.errors[0].message.contains("Error creating"));
        // A refusal wrote nothing; a server failure (or a timeout) may have written anything.
        let message = &merged.report.errors[0].message;
        if status >= 500 {
            assert!(
                message.contains("may or may not have been written"),
                "{message}"
            );
            assert!(!message.contains("none of its records"), "{message}");
        } else {
            assert!(
                message.contains("none of its records were written"),
                "{message}"
            );
        }
    }
}

#[test]
fn missing_outcomes_and_missing_records_are_reported() {
    let plan = plan_customer_creates((0..12).map(customer).collect());
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [{"id": 1, "email": "c0@example.com"}]}),
        }],
    );
    assert!(matches!(merged.records[0].outcome, RecordOutcome::Done(_)));
    assert_eq!(
        merged.records[1].outcome,
        RecordOutcome::Failed("missing_from_response".into())
    );
    assert_eq!(
        merged.records[11].outcome,
        RecordOutcome::Failed("not_sent".into())
    );
}

#[test]
fn plan_issues_appear_in_merged_results() {
    let plan = plan_customer_creates(vec![customer(0), customer(0)]);
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [{"id": 1, "email": "c0@example.com"}]}),
        }],
    );
    assert_eq!(
        merged.records[1].outcome,
        RecordOutcome::NotSent("duplicate_email".into())
    );
    assert_eq!(merged.report.errors[0].path, "[1].email");
}

#[test]
fn address_duplicates_skipped_by_bigcommerce_are_matched_by_content() {
    let records = vec![
        address(1, "1 Main"),
        address(1, "2 Main"),
        address(2, "1 Main"),
    ];
    let plan = plan_address_creates(records.clone());
    // BigCommerce skipped the second (it already existed) and returned the others with ids and
    // defaults filled in, in its own order.
    let mut r2 = records[2].clone();
    r2["id"] = json!(30);
    r2["address_type"] = json!("residential");
    r2["company"] = json!("");
    r2["country"] = json!("United States");
    let mut r0 = records[0].clone();
    r0["id"] = json!(10);
    r0["phone"] = json!("");
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [r2, r0], "meta": {}}),
        }],
    );
    match (&merged.records[0].outcome, &merged.records[2].outcome) {
        (RecordOutcome::Done(a), RecordOutcome::Done(c)) => {
            assert_eq!(a["id"], 10);
            assert_eq!(c["id"], 30);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(merged.records[1].outcome, RecordOutcome::SkippedDuplicate);
    assert_eq!(merged.report.warnings.len(), 1);
    assert_eq!(merged.report.warnings[0].path, "[1]");
    assert_eq!(merged.report.warnings[0].code, "skipped_duplicate");
    assert!(merged.report.errors.is_empty());
}

#[test]
fn an_all_duplicate_address_call_may_answer_an_empty_object() {
    let plan = plan_address_creates(vec![address(1, "1 Main")]);
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({}),
        }],
    );
    assert_eq!(merged.records[0].outcome, RecordOutcome::SkippedDuplicate);
}

#[test]
fn address_matching_tolerates_case_normalisation() {
    let plan = plan_address_creates(vec![address(1, "1 main st")]);
    let mut back = address(1, "1 Main St");
    back["id"] = json!(5);
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [back]}),
        }],
    );
    assert!(matches!(merged.records[0].outcome, RecordOutcome::Done(_)));
}

#[test]
fn address_updates_omitted_from_the_answer_are_skipped_duplicates() {
    let plan = plan_address_updates(vec![
        json!({"id": 1, "city": "A"}),
        json!({"id": 2, "city": "B"}),
    ]);
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [{"id": 2, "city": "B"}]}),
        }],
    );
    assert_eq!(merged.records[0].outcome, RecordOutcome::SkippedDuplicate);
    assert!(matches!(merged.records[1].outcome, RecordOutcome::Done(_)));
}

#[test]
fn attribute_values_are_matched_by_customer_and_attribute() {
    let plan = plan_attribute_value_upserts(vec![
        json!({"customer_id": 1, "attribute_id": 2, "value": "a"}),
        json!({"customer_id": 1, "attribute_id": 3, "value": "b"}),
    ]);
    let merged = merge_results(
        &plan,
        &[CallOutcome {
            status: 200,
            body: json!({"data": [
                {"id": 9, "customer_id": 1, "attribute_id": 3, "attribute_value": "b"},
                {"id": 8, "customer_id": 1, "attribute_id": 2, "attribute_value": "a"}
            ]}),
        }],
    );
    match &merged.records[0].outcome {
        RecordOutcome::Done(v) => assert_eq!(v["id"], 8),
        other => panic!("{other:?}"),
    }
}

fn arb_record() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0u8..20).prop_map(|e| json!({"email": format!("U{e}@x.co "), "id": e, "customer_id": e % 13, "attribute_id": e % 3})),
        Just(json!(null)),
        Just(json!({})),
        ".{0,10}".prop_map(|s| json!({"email": s})),
    ]
}

proptest! {
    #[test]
    fn every_input_is_planned_once_or_reported(
        records in proptest::collection::vec(arb_record(), 0..60),
        kind in prop_oneof![
            Just(BatchKind::CustomerCreate), Just(BatchKind::CustomerUpdate),
            Just(BatchKind::AttributeValueUpsert), Just(BatchKind::AddressCreate),
            Just(BatchKind::AddressUpdate)
        ],
        statuses in proptest::collection::vec(prop_oneof![Just(200u16), Just(422), Just(500)], 0..10),
    ) {
        let n = records.len();
        let plan = plan_customer_batches(kind, records);
        let mut seen = vec![0; n];
        let mut last = None;
        for c in &plan.calls {
            prop_assert!(!c.indexes.is_empty());
            if kind != BatchKind::AttributeValueUpsert {
                prop_assert!(c.indexes.len() <= 10);
            }
            for &i in &c.indexes {
                prop_assert!(last < Some(i));
                last = Some(i);
                seen[i] += 1;
            }
        }
        prop_assert_eq!(seen.iter().filter(|&&s| s == 0).count(), plan.issues.len());
        let outcomes: Vec<_> = statuses.iter().map(|&s| CallOutcome { status: s, body: json!({"data": []}) }).collect();
        let merged = merge_results(&plan, &outcomes);
        prop_assert_eq!(merged.records.len(), n);
    }

    #[test]
    fn merge_never_panics_on_any_body(body in ".{0,60}", status in 0u16..700) {
        let plan = plan_address_creates(vec![address(1, "x"), address(2, "y")]);
        let body: Value = serde_json::from_str(&body).unwrap_or(Value::String(body));
        let _ = merge_results(&plan, &[CallOutcome { status, body }]);
    }
}
