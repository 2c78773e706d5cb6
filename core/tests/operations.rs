//! The operation registry is a contract with the npm package: ids, and one TypeScript type name
//! per object shape.

use bc_customers_core::schema::{Field, Schema};
use bc_customers_core::Operation;
use std::collections::HashMap;

const IDS: &[&str] = &[
    "v3.customers.create",
    "v3.customers.update",
    "v3.addresses.create",
    "v3.addresses.update",
    "v3.attributes.create",
    "v3.attributes.update",
    "v3.attribute_values.upsert",
    "v3.form_field_values.upsert",
    "v3.consent.update",
    "v3.settings.update",
    "v3.channel_settings.update",
    "v3.credentials.validate",
    "v3.subscribers.create",
    "v3.subscribers.update",
    "v2.customers.create",
    "v2.customers.update",
    "v2.addresses.create",
    "v2.addresses.update",
    "v2.customer_groups.create",
    "v2.customer_groups.update",
];

#[test]
fn every_contract_id_is_registered_once() {
    for id in IDS {
        let op = Operation::from_id(id).unwrap_or_else(|| panic!("missing {id}"));
        assert_eq!(op.id(), *id);
    }
    assert_eq!(Operation::ALL.len(), IDS.len());
}

fn collect(schema: &'static Schema, names: &mut HashMap<&'static str, usize>) {
    match schema {
        Schema::Object(rule) => {
            // Identity of the shape: the address of its field list.
            let key = rule.fields.as_ptr() as usize;
            if let Some(prev) = names.insert(rule.name, key) {
                assert_eq!(
                    prev, key,
                    "two different shapes are both called `{}`",
                    rule.name
                );
            }
            for Field { schema, .. } in rule.fields {
                collect(schema, names);
            }
        }
        Schema::Array(rule) => collect(rule.items, names),
        Schema::Nullable(inner) => collect(inner, names),
        Schema::OneOf(alts) => alts.iter().for_each(|s| collect(s, names)),
        _ => {}
    }
}

#[test]
fn type_names_are_unique_per_shape() {
    let mut names = HashMap::new();
    for op in Operation::ALL {
        collect(op.schema(), &mut names);
    }
    for name in [
        "CustomerCreate",
        "CustomerUpdate",
        "CustomerCreateAddress",
        "CustomerAuthentication",
        "StoreCreditAmount",
        "FormFieldValue",
        "AddressCreate",
        "AddressUpdate",
        "AttributeCreate",
        "AttributeUpdate",
        "AttributeValueUpsert",
        "FormFieldValueUpsert",
        "ConsentUpdate",
        "CustomerSettings",
        "ChannelCustomerSettings",
        "CustomerCredentials",
        "SubscriberCreate",
        "SubscriberUpdate",
        "V2CustomerCreate",
        "V2CustomerUpdate",
        "V2CustomerAuthentication",
        "V2AddressCreate",
        "V2AddressUpdate",
        "V2CustomerGroupCreate",
        "V2CustomerGroupUpdate",
        "V2CategoryAccess",
        "V2DiscountRule",
    ] {
        assert!(names.contains_key(name), "no type `{name}`");
    }
}
