//! Planning throughput for large customer imports.

use bc_customers_core::batch::plan_customer_creates;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use serde_json::{json, Value};

fn customers(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({
                "email": format!("Customer.{i}@Example.com"),
                "first_name": "Jane",
                "last_name": "Doe",
                "company": "Acme",
                "phone": "+1 555 0100",
                "addresses": [{"first_name": "Jane", "last_name": "Doe", "address1": "1 Main St",
                               "city": "Austin", "country_code": "US", "state_or_province": "Texas",
                               "postal_code": "78701"}]
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan_customer_creates");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let input = customers(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n}"), |b| {
            b.iter_batched(
                || input.clone(),
                plan_customer_creates,
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
