//! Throughput of the V2 <-> V3 customer mapping on 10k and 100k generated customers.
//!
//! `cargo bench -p bc-customers-core --bench mapping`. Criterion reports `thrpt` in
//! customers per second (one element = one customer); a plain timed pass before it prints
//! `customers/s` directly. Cloning the input is done outside the measured part.

use bc_customers_core::mapping::{v2_to_v3_customer, v3_to_v2_customer};
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

const COUNTRIES: [&str; 4] = ["US", "GB", "DE", "AU"];
const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// A realistic V2 customer (response shape plus a password write), varied by `i`.
fn v2_customer(i: usize) -> Value {
    // 1970-01-01 was a Thursday; dates spread over ~27 years.
    let day = i % 10_000;
    let (y, m, d) = civil(day as i64);
    json!({
        "id": i + 1,
        "_authentication": {"password": format!("pw-{i}-secret")},
        "company": format!("Company {}", i % 97),
        "first_name": format!("First{i}"),
        "last_name": format!("Last{i}"),
        "email": format!("customer{i}@example.com"),
        "phone": format!("555{:07}", i),
        "date_created": format!(
            "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
            DAYS[day % 7], month_name(m), i % 24, i % 60, (i / 7) % 60
        ),
        "date_modified": format!(
            "{}, {d:02} {} {y} 12:00:00 +0000",
            DAYS[day % 7], month_name(m)
        ),
        "store_credit": format!("{}.{:04}", i % 500, i % 10_000),
        "registration_ip_address": format!("10.0.{}.{}", (i / 256) % 256, i % 256),
        "customer_group_id": i % 5,
        "notes": "",
        "tax_exempt_category": "",
        "accepts_marketing": i % 2 == 0,
        "addresses": {
            "url": format!("https://api.bigcommerce.com/stores/abc/v2/customers/{i}/addresses"),
            "resource": format!("/customers/{i}/addresses")
        },
        "form_fields": [{"name": "License ID", "value": format!("LIC{i}")}],
        "reset_pass_on_login": i % 3 == 0
    })
}

/// A realistic V3 customer (`include=addresses,storecredit,attributes,formfields`).
fn v3_customer(i: usize) -> Value {
    json!({
        "id": i + 1,
        "email": format!("customer{i}@example.com"),
        "first_name": format!("First{i}"),
        "last_name": format!("Last{i}"),
        "company": format!("Company {}", i % 97),
        "phone": format!("555{:07}", i),
        "notes": "",
        "tax_exempt_category": "",
        "customer_group_id": i % 5,
        "registration_ip_address": format!("10.0.{}.{}", (i / 256) % 256, i % 256),
        "date_created": "2018-01-10T21:02:23Z",
        "date_modified": "2022-06-16T18:39:00+00:00",
        "address_count": 1,
        "attribute_count": 1,
        "authentication": {"force_password_reset": i % 3 == 0},
        "addresses": [{
            "id": i, "customer_id": i + 1, "first_name": "A", "last_name": "B",
            "address1": "1 Main St", "city": "Austin", "postal_code": "78701",
            "state_or_province": "Texas", "country_code": COUNTRIES[i % 4], "phone": "1"
        }],
        "attributes": [{"attribute_id": 1, "attribute_value": "gold"}],
        "form_fields": [
            {"name": "License ID", "value": format!("LIC{i}")},
            {"name": "Size", "value": i % 50}
        ],
        "store_credit_amounts": [{"amount": (i % 500) as f64 + 0.25}],
        "accepts_product_review_abandoned_cart_emails": i % 2 == 0,
        "origin_channel_id": 1,
        "channel_ids": [1]
    })
}

fn month_name(m: i64) -> &'static str {
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize]
}

fn civil(days: i64) -> (i64, i64, i64) {
    bc_customers_core::schema::civil_from_days(days)
}

fn per_second(n: usize, elapsed: Duration) -> f64 {
    n as f64 / elapsed.as_secs_f64()
}

/// One plain timed pass per direction and size, printed as customers/s.
fn print_plain_rates() {
    for n in [10_000usize, 100_000] {
        let v2: Vec<Value> = (0..n).map(v2_customer).collect();
        let start = Instant::now();
        let mut lost = 0;
        for c in v2 {
            lost += v2_to_v3_customer(c).map(|m| m.lost.len()).unwrap_or(0);
        }
        let t = start.elapsed();
        println!(
            "v2->v3 {n:>6} customers: {:>12.0} customers/s ({t:.2?}, {lost} lost paths)",
            per_second(n, t)
        );
        let v3: Vec<Value> = (0..n).map(v3_customer).collect();
        let start = Instant::now();
        let mut lost = 0;
        for c in v3 {
            lost += v3_to_v2_customer(c).map(|m| m.lost.len()).unwrap_or(0);
        }
        let t = start.elapsed();
        println!(
            "v3->v2 {n:>6} customers: {:>12.0} customers/s ({t:.2?}, {lost} lost paths)",
            per_second(n, t)
        );
    }
}

fn bench_mapping(c: &mut Criterion) {
    print_plain_rates();
    let mut group = c.benchmark_group("customer_mapping");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000] {
        group.throughput(Throughput::Elements(n as u64));
        let v2: Vec<Value> = (0..n).map(v2_customer).collect();
        assert!(v2.iter().all(|c| v2_to_v3_customer(c.clone()).is_ok()));
        group.bench_with_input(BenchmarkId::new("v2_to_v3", n), &v2, |b, input| {
            b.iter_batched(
                || input.clone(),
                |batch| {
                    for c in batch {
                        black_box(v2_to_v3_customer(c).ok());
                    }
                },
                BatchSize::PerIteration,
            )
        });
        drop(v2);
        let v3: Vec<Value> = (0..n).map(v3_customer).collect();
        assert!(v3.iter().all(|c| v3_to_v2_customer(c.clone()).is_ok()));
        group.bench_with_input(BenchmarkId::new("v3_to_v2", n), &v3, |b, input| {
            b.iter_batched(
                || input.clone(),
                |batch| {
                    for c in batch {
                        black_box(v3_to_v2_customer(c).ok());
                    }
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench_mapping);
criterion_main!(benches);
