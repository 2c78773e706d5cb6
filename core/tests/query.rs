//! Query building and the strict V3 customer query parser.

use bc_customers_core::query::*;
use proptest::prelude::*;

#[test]
fn colon_keys_stay_and_csv_items_are_encoded_one_by_one() {
    let q = CustomerQuery::new()
        .id_in([1, 2, 3])
        .company_in(["Acme, Inc.", "B&B"])
        .name_in(["james moriarty"]);
    assert_eq!(
        q.to_query_string().unwrap(),
        "id:in=1,2,3&name:in=james%20moriarty&company:in=Acme%2C%20Inc.,B%26B"
    );
}

#[test]
fn plus_space_and_unicode_are_encoded() {
    assert_eq!(percent_encode("a+b c"), "a%2Bb%20c");
    assert_eq!(percent_encode("é"), "%C3%A9");
    assert_eq!(percent_encode("A-z_0.9~"), "A-z_0.9~");
    assert_eq!(percent_encode("=&?#/%"), "%3D%26%3F%23%2F%25");
}

#[test]
fn every_customer_parameter_renders() {
    let q = CustomerQuery {
        id_in: vec![7],
        email_in: vec!["a@b.co".into()],
        name_in: vec!["a b".into()],
        name_like: vec!["an".into()],
        company_in: vec!["c".into()],
        customer_group_id_in: vec![2],
        phone_in: vec!["+1 555".into()],
        registration_ip_address_in: vec!["10.0.0.1".into()],
        date_created: DateFilter {
            on: V3Date::parse("2024-05-14"),
            min: V3Date::parse("2024-05-01T00:00:00"),
            max: V3Date::parse("2024-06-01T00:00:00Z"),
        },
        date_modified: DateFilter::since(V3Date::parse("2024-01-01").unwrap()),
        include: CustomerInclude::ALL.to_vec(),
        sort: Some(CustomerSort::DateModifiedDesc),
        page: Some(2),
        limit: Some(250),
        before: None,
        after: Some("eyJpZCI6MjA0fQ".into()),
    };
    let s = q.to_query_string().unwrap();
    assert_eq!(
        s,
        "id:in=7&email:in=a%40b.co&name:in=a%20b&name:like=an&company:in=c&customer_group_id:in=2\
         &phone:in=%2B1%20555&registration_ip_address:in=10.0.0.1&date_created=2024-05-14\
         &date_created:min=2024-05-01T00%3A00%3A00&date_created:max=2024-06-01T00%3A00%3A00Z\
         &date_modified:min=2024-01-01\
         &include=addresses,storecredit,attributes,formfields,shopper_profile_id,segment_ids\
         &sort=date_modified:desc&page=2&limit=250&after=eyJpZCI6MjA0fQ"
    );
    // What we render, we parse back to the same query.
    assert_eq!(parse_v3_customer_query(&s).unwrap(), q);
}

#[test]
fn cursors_are_mutually_exclusive() {
    let q = CustomerQuery::new().before("a").after("b");
    let issues = q.to_query_string().unwrap_err();
    assert_eq!(issues[0].code, "conflicting_parameters");
    let issues = parse_v3_customer_query("before=a&after=b").unwrap_err();
    assert_eq!(issues[0].code, "conflicting_parameters");
}

#[test]
fn limits_and_pages_are_bounded() {
    for q in [
        CustomerQuery::new().limit(0),
        CustomerQuery::new().limit(251),
        CustomerQuery::new().page(0),
    ] {
        assert_eq!(
            q.to_query_string().unwrap_err()[0].code,
            "invalid_parameter"
        );
    }
}

#[test]
fn empty_list_items_are_refused() {
    let issues = CustomerQuery::new()
        .email_in(["a@b.co", ""])
        .to_query_string()
        .unwrap_err();
    assert_eq!(issues[0].path, "email:in[1]");
    assert_eq!(issues[0].code, "invalid_parameter");
}

#[test]
fn include_is_deduplicated() {
    let q = CustomerQuery::new()
        .include(CustomerInclude::Addresses)
        .include(CustomerInclude::Addresses);
    assert_eq!(q.to_query_string().unwrap(), "include=addresses");
}

#[test]
fn parser_refuses_unknown_parameters() {
    let issues = parse_v3_customer_query("email:in=a%40b.co&id:not_in=1&X=1").unwrap_err();
    let codes: Vec<_> = issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("id:not_in", "unknown_parameter"),
            ("X", "unknown_parameter")
        ]
    );
}

#[test]
fn parser_refuses_smuggled_parameters_in_encoded_keys() {
    // `%26` is an encoded `&`: it must not split into a second parameter.
    let issues = parse_v3_customer_query("limit%3D5%26store_hash=x").unwrap_err();
    assert_eq!(issues[0].code, "unknown_parameter");
    // An encoded `&` inside a value stays inside that value.
    let q = parse_v3_customer_query("email:in=a%26limit%3D5").unwrap();
    assert_eq!(q.email_in, ["a&limit=5"]);
    assert_eq!(q.limit, None);
    assert_eq!(q.to_query_string().unwrap(), "email:in=a%26limit%3D5");
}

#[test]
fn parser_reports_invalid_values_without_echoing_them() {
    let cases = [
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("limit=251", "limit"),
        ("limit=-1", "limit"),
        ("limit=+5", "limit"),
        ("page=0", "page"),
        ("sort=email:asc", "sort"),
        ("include=addresses,secrets", "include[1]"),
        ("id:in=1,x", "id:in[1]"),
        ("id:in=0", "id:in[0]"),
        ("customer_group_id:in=1.5", "customer_group_id:in[0]"),
        ("date_created=yesterday", "date_created"),
        ("date_modified:max=2024-13-01", "date_modified:max"),
        ("email:in=", "email:in"),
        ("email:in=a,,b", "email:in[1]"),
        ("email:in=%zz", "email:in[0]"),
        ("after=", "after"),
    ];
    for (query, path) in cases {
        let issues = parse_v3_customer_query(query).unwrap_err();
        assert_eq!(issues.len(), 1, "{query}");
        assert_eq!(issues[0].path, path, "{query}");
        assert_eq!(issues[0].code, "invalid_parameter", "{query}");
        let value = query.split_once('=').unwrap().1;
        if value.len() > 2 {
            assert!(!issues[0].message.contains(value), "{query}");
        }
    }
}

#[test]
fn parser_refuses_repeated_keys() {
    let issues = parse_v3_customer_query("email:in=a&email:in=b").unwrap_err();
    assert_eq!(issues[0].code, "duplicate_parameter");
}

#[test]
fn parser_decodes_plus_as_space_and_keeps_encoded_commas_in_items() {
    let q =
        parse_v3_customer_query("?name:in=james+moriarty&company:in=Acme%2C+Inc.,Other").unwrap();
    assert_eq!(q.name_in, ["james moriarty"]);
    assert_eq!(q.company_in, ["Acme, Inc.", "Other"]);
}

#[test]
fn parser_accepts_empty_and_stray_ampersands() {
    assert_eq!(
        parse_v3_customer_query("").unwrap(),
        CustomerQuery::default()
    );
    assert_eq!(
        parse_v3_customer_query("?").unwrap(),
        CustomerQuery::default()
    );
    assert_eq!(
        parse_v3_customer_query("&&limit=5&").unwrap().limit,
        Some(5)
    );
}

#[test]
fn v3_dates() {
    for ok in [
        "2024-05-14",
        "2024-05-14T09:34",
        "2024-05-14T09:34:00",
        "2024-05-14T09:34:00.123Z",
        "2024-05-14T09:34:00+02:00",
        "2024-02-29",
    ] {
        assert!(V3Date::parse(ok).is_some(), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "2024-5-14",
        "2024-05-14 09:34:00",
        "2024-05-14T24:00:00",
        "2024-05-14T09:34:00+0200",
        "2024-05-14T09:34:00.",
        "14/05/2024",
        "",
    ] {
        assert!(V3Date::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn rfc2822_dates_for_v2() {
    assert_eq!(
        Rfc2822Date::from_unix(0).as_str(),
        "Thu, 01 Jan 1970 00:00:00 +0000"
    );
    assert_eq!(
        Rfc2822Date::from_unix(1_709_210_096).as_str(),
        "Thu, 29 Feb 2024 12:34:56 +0000"
    );
    assert!(Rfc2822Date::parse("Wed, 10 Jan 2018 21:02:23 +0000").is_some());
    assert!(Rfc2822Date::parse("Wed, 1 Jan 2018 21:02:23 -0500").is_some());
    for bad in [
        "Wed, 10 Jan 2018 21:02:23",
        "Wed 10 Jan 2018 21:02:23 +0000",
        "Wed, 30 Feb 2018 21:02:23 +0000",
        "Xyz, 10 Jan 2018 21:02:23 +0000",
        "2018-01-10T21:02:23Z",
    ] {
        assert!(Rfc2822Date::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn v2_customer_filters() {
    let q = V2CustomerQuery {
        min_id: Some(10),
        max_id: Some(20),
        max_date_modified: Some(Rfc2822Date::from_unix(1_515_618_143)),
        store_credit: Some("10.5000".into()),
        limit: Some(250),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string().unwrap(),
        "store_credit=10.5000&min_id=10&max_id=20\
         &max_date_modified=Wed%2C%2010%20Jan%202018%2021%3A02%3A23%20%2B0000&limit=250"
    );
    let bad = V2CustomerQuery {
        store_credit: Some("ten".into()),
        ..Default::default()
    };
    assert_eq!(bad.to_query_string().unwrap_err()[0].path, "store_credit");
}

#[test]
fn subscriber_filters() {
    let q = SubscriberQuery {
        email: Some("a@b.co".into()),
        date_created: DateFilter {
            max: V3Date::parse("2024-01-01"),
            ..Default::default()
        },
        page: Some(1),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string().unwrap(),
        "email=a%40b.co&date_created:max=2024-01-01&page=1"
    );
    assert!(SubscriberDeleteFilter::default().is_empty());
    let f = SubscriberDeleteFilter {
        date_created: V3Date::parse("2024-01-01"),
        ..Default::default()
    };
    assert_eq!(f.to_query_string().unwrap(), "date_created=2024-01-01");
}

#[test]
fn address_attribute_and_form_field_filters() {
    let a = AttributeQuery {
        name_like: Some("size".into()),
        attribute_type: Some(AttributeType::Number),
        ..Default::default()
    };
    assert_eq!(a.to_query_string().unwrap(), "name:like=size&type=number");
    let v = AttributeValueQuery {
        customer_id_in: vec![1],
        attribute_id_in: vec![2, 3],
        ..Default::default()
    };
    assert_eq!(
        v.to_query_string().unwrap(),
        "customer_id:in=1&attribute_id:in=2,3"
    );
    let f = FormFieldValueQuery {
        customer_id: Some(5),
        field_type: Some(FormFieldType::Picklist),
        before: Some("x".into()),
        after: Some("y".into()),
        ..Default::default()
    };
    assert_eq!(
        f.to_query_string().unwrap_err()[0].code,
        "conflicting_parameters"
    );
    let g = CustomerGroupQuery {
        is_group_for_guests: Some(true),
        name_like: Some("VIP".into()),
        ..Default::default()
    };
    assert_eq!(
        g.to_query_string().unwrap(),
        "name:like=VIP&is_group_for_guests=true"
    );
    let ad = AddressQuery {
        name_in: vec!["a b".into()],
        ..Default::default()
    };
    assert_eq!(ad.to_query_string().unwrap(), "name:in=a%20b");
}

proptest! {
    #[test]
    fn parser_never_panics(s in ".{0,300}") {
        let _ = parse_v3_customer_query(&s);
    }

    #[test]
    fn parser_never_panics_on_query_like_input(s in "[a-z_:=&,%0-9A-F+.-]{0,200}") {
        if let Ok(q) = parse_v3_customer_query(&s) {
            // Whatever parses renders to something that parses back to the same query.
            if let Ok(rendered) = q.to_query_string() {
                prop_assert_eq!(parse_v3_customer_query(&rendered).unwrap(), q);
            }
        }
    }

    #[test]
    fn encode_decode_round_trip(s in ".{0,100}") {
        prop_assert_eq!(percent_decode(&percent_encode(&s)), Some(s));
    }

    #[test]
    fn list_values_round_trip(items in proptest::collection::vec(".{1,20}", 1..5)) {
        let q = CustomerQuery::new().email_in(items.clone());
        let s = q.to_query_string().unwrap();
        prop_assert_eq!(parse_v3_customer_query(&s).unwrap().email_in, items);
    }

    #[test]
    fn date_parsers_never_panic(s in ".{0,40}") {
        let _ = V3Date::parse(&s);
        let _ = Rfc2822Date::parse(&s);
    }
}
