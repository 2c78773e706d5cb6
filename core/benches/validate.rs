//! Validation throughput: one customer-create body, and 10,000 customers arriving as 1,000 JSON
//! bodies of 10 (the npm package's benchmark workload, natively).
use bc_customers_core::Operation;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::{json, Value};

const PLACES: [(&str, &str, &str, &str); 5] = [
    ("US", "Texas", "Austin", "78701"),
    ("CA", "Ontario", "Toronto", "M5V 2T6"),
    ("GB", "", "London", "SW1A 1AA"),
    ("DE", "", "Berlin", "10115"),
    ("AU", "New South Wales", "Sydney", "2000"),
];

fn customer(i: usize) -> Value {
    let (cc, state, city, zip) = PLACES[i % PLACES.len()];
    let mut address = json!({
        "first_name": "Jane", "last_name": "Doe", "address1": format!("{i} Main Street"),
        "city": city, "country_code": cc, "postal_code": zip, "address_type": "residential"
    });
    if !state.is_empty() {
        address["state_or_province"] = json!(state);
    }
    let mut c = json!({
        "email": format!("jane.{i}@example.com"), "first_name": "Jane", "last_name": "Doe",
        "company": if i % 3 == 0 { "Acme Ltd" } else { "" },
        "phone": format!("+1 555 01{:02}", i % 100), "customer_group_id": i % 4,
        "accepts_product_review_abandoned_cart_emails": i % 2 == 0,
        "addresses": [address]
    });
    if i % 5 == 0 {
        c["form_fields"] = json!([{"name": "How did you hear about us?", "value": "friend"}]);
    }
    c
}

fn bench(c: &mut Criterion) {
    let one = Value::Array(vec![customer(1)]);
    let bodies_of = |n: usize| -> Vec<String> {
        (0..n / 10)
            .map(|b| Value::Array((0..10).map(|i| customer(b * 10 + i)).collect()).to_string())
            .collect()
    };
    let bodies = bodies_of(10_000);
    let bodies_100k = bodies_of(100_000);
    let op = Operation::V3CustomersCreate;
    assert!(op.validate(&one).is_valid());
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one customer (value)", |b| b.iter(|| op.validate(&one)));
    let one_text = one.to_string();
    g.bench_function("one customer (JSON text)", |b| {
        b.iter(|| op.validate_json(&one_text))
    });
    g.throughput(Throughput::Elements(10_000));
    g.sample_size(10);
    let all = |bodies: &[String]| {
        bodies
            .iter()
            .map(|t| op.validate_json(t).errors.len())
            .sum::<usize>()
    };
    g.bench_function("10k customers from 1,000 JSON bodies", |b| {
        b.iter(|| all(&bodies))
    });
    g.throughput(Throughput::Elements(100_000));
    g.bench_function("100k customers from 10,000 JSON bodies", |b| {
        b.iter(|| all(&bodies_100k))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
