//! Request descriptors: paths, methods, queries, bodies, and the guards on destructive calls.

use bc_customers_core::query::{
    CustomerGroupQuery, CustomerQuery, Paging, SubscriberDeleteFilter, SubscriberQuery,
    V2CustomerQuery,
};
use bc_customers_core::request::{v2, v3, Method, RequestDescriptor};
use serde_json::json;

fn mp(r: &RequestDescriptor) -> (Method, &str, &str) {
    (r.method, r.path.as_str(), r.query.as_str())
}

#[test]
fn v3_customer_calls() {
    let r = v3::list_customers(&CustomerQuery::new().email_in(["a@b.co"])).unwrap();
    assert_eq!(mp(&r), (Method::Get, "/v3/customers", "email:in=a%40b.co"));
    assert_eq!(r.body, None);
    let r = v3::create_customers(vec![json!({"email": "a@b.co"})]).unwrap();
    assert_eq!(mp(&r), (Method::Post, "/v3/customers", ""));
    assert_eq!(r.body, Some(json!([{"email": "a@b.co"}])));
    let r = v3::update_customers(vec![json!({"id": 1})]).unwrap();
    assert_eq!(mp(&r), (Method::Put, "/v3/customers", ""));
    let r = v3::delete_customers(&[3, 1]).unwrap();
    assert_eq!(mp(&r), (Method::Delete, "/v3/customers", "id:in=3,1"));
}

#[test]
fn customer_batches_are_capped_at_ten() {
    let eleven = vec![json!({}); 11];
    assert_eq!(
        v3::create_customers(eleven.clone()).unwrap_err()[0].code,
        "too_many_items"
    );
    assert_eq!(
        v3::update_customers(eleven).unwrap_err()[0].code,
        "too_many_items"
    );
    assert!(v3::create_customers(vec![json!({}); 10]).is_ok());
    assert_eq!(
        v3::create_customers(vec![]).unwrap_err()[0].code,
        "empty_batch"
    );
    assert_eq!(
        v3::create_addresses(vec![]).unwrap_err()[0].code,
        "empty_batch"
    );
}

#[test]
fn attribute_value_upserts_allow_ten_distinct_customers() {
    let ten: Vec<_> = (1..=10)
        .flat_map(|c| {
            (1..=3).map(move |a| json!({"customer_id": c, "attribute_id": a, "value": "v"}))
        })
        .collect();
    let r = v3::upsert_attribute_values(ten).unwrap();
    assert_eq!(mp(&r), (Method::Put, "/v3/customers/attribute-values", ""));
}

#[test]
fn deletes_need_a_filter() {
    for result in [
        v3::delete_customers(&[]),
        v3::delete_addresses(&[]),
        v3::delete_attributes(&[]),
        v3::delete_attribute_values(&[]),
        v3::delete_subscribers(&SubscriberDeleteFilter::default()),
    ] {
        assert_eq!(result.unwrap_err()[0].code, "empty_filter");
    }
}

#[test]
fn delete_everything_calls_are_explicit() {
    assert_eq!(
        mp(&v3::delete_all_subscribers_unfiltered()),
        (Method::Delete, "/v3/customers/subscribers", "")
    );
    assert_eq!(
        mp(&v2::delete_all_customers_unfiltered()),
        (Method::Delete, "/v2/customers", "")
    );
    assert_eq!(
        mp(&v2::delete_all_addresses_of_customer_unfiltered(9)),
        (Method::Delete, "/v2/customers/9/addresses", "")
    );
    // The ordinary deletes always name what they delete.
    assert_eq!(
        mp(&v2::delete_address(9, 4)),
        (Method::Delete, "/v2/customers/9/addresses/4", "")
    );
    let f = SubscriberDeleteFilter {
        email: Some("a@b.co".into()),
        ..Default::default()
    };
    assert_eq!(
        mp(&v3::delete_subscribers(&f).unwrap()),
        (
            Method::Delete,
            "/v3/customers/subscribers",
            "email=a%40b.co"
        )
    );
}

#[test]
fn v3_other_resources() {
    let cases = [
        (v3::get_consent(5), Method::Get, "/v3/customers/5/consent"),
        (
            v3::update_consent(5, json!({"allow": []})),
            Method::Put,
            "/v3/customers/5/consent",
        ),
        (
            v3::list_stored_instruments(5),
            Method::Get,
            "/v3/customers/5/stored-instruments",
        ),
        (v3::get_settings(), Method::Get, "/v3/customers/settings"),
        (
            v3::update_settings(json!({})),
            Method::Put,
            "/v3/customers/settings",
        ),
        (
            v3::get_channel_settings(2),
            Method::Get,
            "/v3/customers/settings/channels/2",
        ),
        (
            v3::update_channel_settings(2, json!({})),
            Method::Put,
            "/v3/customers/settings/channels/2",
        ),
        (
            v3::validate_credentials(json!({})),
            Method::Post,
            "/v3/customers/validate-credentials",
        ),
        (
            v3::create_subscriber(json!({})),
            Method::Post,
            "/v3/customers/subscribers",
        ),
        (
            v3::get_subscriber(8),
            Method::Get,
            "/v3/customers/subscribers/8",
        ),
        (
            v3::update_subscriber(8, json!({})),
            Method::Put,
            "/v3/customers/subscribers/8",
        ),
        (
            v3::delete_subscriber(8),
            Method::Delete,
            "/v3/customers/subscribers/8",
        ),
        (
            v3::create_addresses(vec![json!({})]).unwrap(),
            Method::Post,
            "/v3/customers/addresses",
        ),
        (
            v3::update_addresses(vec![json!({})]).unwrap(),
            Method::Put,
            "/v3/customers/addresses",
        ),
        (
            v3::create_attributes(vec![json!({})]).unwrap(),
            Method::Post,
            "/v3/customers/attributes",
        ),
        (
            v3::update_attributes(vec![json!({})]).unwrap(),
            Method::Put,
            "/v3/customers/attributes",
        ),
        (
            v3::update_form_field_values(vec![json!({})]).unwrap(),
            Method::Put,
            "/v3/customers/form-field-values",
        ),
    ];
    for (r, method, path) in cases {
        assert_eq!((r.method, r.path.as_str()), (method, path));
    }
    let r = v3::list_subscribers(&SubscriberQuery {
        id: Some(1),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(r.path_and_query(), "/v3/customers/subscribers?id=1");
}

#[test]
fn v2_resources() {
    let cases = [
        (v2::count_customers(), Method::Get, "/v2/customers/count"),
        (
            v2::create_customer(json!({})),
            Method::Post,
            "/v2/customers",
        ),
        (v2::get_customer(3), Method::Get, "/v2/customers/3"),
        (
            v2::update_customer(3, json!({})),
            Method::Put,
            "/v2/customers/3",
        ),
        (v2::delete_customer(3), Method::Delete, "/v2/customers/3"),
        (
            v2::validate_password(3, json!({})),
            Method::Post,
            "/v2/customers/3/validate",
        ),
        (
            v2::count_addresses(3),
            Method::Get,
            "/v2/customers/3/addresses/count",
        ),
        (
            v2::create_address(3, json!({})),
            Method::Post,
            "/v2/customers/3/addresses",
        ),
        (
            v2::get_address(3, 4),
            Method::Get,
            "/v2/customers/3/addresses/4",
        ),
        (
            v2::update_address(3, 4, json!({})),
            Method::Put,
            "/v2/customers/3/addresses/4",
        ),
        (
            v2::count_customer_groups(),
            Method::Get,
            "/v2/customer_groups/count",
        ),
        (
            v2::create_customer_group(json!({})),
            Method::Post,
            "/v2/customer_groups",
        ),
        (
            v2::get_customer_group(6),
            Method::Get,
            "/v2/customer_groups/6",
        ),
        (
            v2::update_customer_group(6, json!({})),
            Method::Put,
            "/v2/customer_groups/6",
        ),
        (
            v2::delete_customer_group(6),
            Method::Delete,
            "/v2/customer_groups/6",
        ),
    ];
    for (r, method, path) in cases {
        assert_eq!((r.method, r.path.as_str()), (method, path));
    }
    let r = v2::list_addresses(
        3,
        &Paging {
            page: Some(2),
            limit: Some(250),
        },
    )
    .unwrap();
    assert_eq!(
        r.path_and_query(),
        "/v2/customers/3/addresses?page=2&limit=250"
    );
    let r = v2::list_customers(&V2CustomerQuery {
        email: Some("x@y.z".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(r.path_and_query(), "/v2/customers?email=x%40y.z");
    let r = v2::list_customer_groups(&CustomerGroupQuery::default()).unwrap();
    assert_eq!(r.path_and_query(), "/v2/customer_groups");
}

#[test]
fn creates_records_marks_only_creating_posts() {
    assert!(v3::create_customers(vec![json!({})])
        .unwrap()
        .creates_records());
    assert!(v3::create_subscriber(json!({})).creates_records());
    assert!(v2::create_address(1, json!({})).creates_records());
    assert!(!v3::validate_credentials(json!({})).creates_records());
    assert!(!v2::validate_password(1, json!({})).creates_records());
    assert!(!v3::update_customers(vec![json!({})])
        .unwrap()
        .creates_records());
}

#[test]
fn descriptors_serialize_for_the_executor() {
    let r = v3::delete_customers(&[1]).unwrap();
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"method": "DELETE", "path": "/v3/customers", "query": "id:in=1", "body": null})
    );
}
