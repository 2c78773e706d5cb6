//! Every operation's schema as one compact JSON table, for runtimes that check values where
//! they are (the npm package checks JavaScript objects with it before it writes them as JSON).
//!
//! The table describes, it does not decide: rules appear by name only, and a reader that does
//! not know a rule, or meets anything it cannot decide exactly as [`crate::Operation::validate`]
//! would, must take the full path. Shape (each schema node an array, first the kind):
//!
//! ```text
//! {"ops": [[id, root node, [body rule names]], ...],    in Operation::ALL order
//!  "nodes": [
//!    ["s", min, max, format],        string; format: plain, email, country_code, date_time, decimal
//!    ["i", min, max], ["n", min, max], ["b"], ["*"],   integer, number, boolean, anything
//!    ["e", [values]],                 string from a list
//!    ["a", items, min, max, unique],  array (unique: 0 or 1)
//!    ["o", [[key, node, required]], additional, [rule names]],   object (read-write fields)
//!    ["?", inner], ["|", [alternatives]]   nullable, first alternative that accepts
//!  ]}
//! ```
//! Absent bounds are `null`; equal nodes appear once.

use crate::ops::Operation;
use crate::schema::{Access, Format, Schema};
use std::fmt::Write;

/// The table (see the module docs). Nodes are numbered by content, children first, so the
/// table is the same whichever build wrote it.
///
/// ```
/// let table: serde_json::Value = serde_json::from_str(&bc_customers_core::table::schema_table()).unwrap();
/// assert_eq!(table["ops"][0][0], "v3.subscribers.create");
/// ```
pub fn schema_table() -> String {
    let mut nodes: Vec<String> = Vec::new();
    let mut ops = String::new();
    for (i, op) in Operation::ALL.iter().enumerate() {
        let root = node(op.schema(), &mut nodes);
        let rules = names(op.body_rules().iter().map(|r| r.name));
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(ops, "{sep}[{},{root},{rules}]", text(op.id()));
    }
    format!(r#"{{"ops":[{ops}],"nodes":[{}]}}"#, nodes.join(","))
}

/// A JSON string.
fn text(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A JSON array of strings.
fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    format!("[{}]", list.map(text).collect::<Vec<_>>().join(","))
}

fn bound<T: ToString>(b: Option<T>) -> String {
    b.map_or_else(|| "null".to_string(), |b| b.to_string())
}

/// A float bound as JSON writes it (`std`'s float formatting is not otherwise in the module).
fn float(b: Option<f64>) -> String {
    bound(b.and_then(serde_json::Number::from_f64))
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Plain => "plain",
        Format::Email => "email",
        Format::CountryCode => "country_code",
        Format::DateTime => "date_time",
        Format::Decimal => "decimal",
    }
}

/// The index of `schema`'s node, added (after its children) unless an equal one exists.
fn node(schema: &Schema, nodes: &mut Vec<String>) -> usize {
    let json = match schema {
        Schema::String(r) => format!(
            r#"["s",{},{},"{}"]"#,
            bound(r.min),
            bound(r.max),
            format_name(r.format)
        ),
        Schema::Integer(r) => format!(r#"["i",{},{}]"#, bound(r.min), bound(r.max)),
        Schema::Number(r) => format!(r#"["n",{},{}]"#, float(r.min), float(r.max)),
        Schema::Boolean => r#"["b"]"#.to_string(),
        Schema::Any => r#"["*"]"#.to_string(),
        Schema::Enum(r) => format!(r#"["e",{}]"#, names(r.values.iter().copied())),
        Schema::Array(r) => {
            let items = node(r.items, nodes);
            let unique = u8::from(r.unique);
            format!(
                r#"["a",{items},{},{},{unique}]"#,
                bound(r.min),
                bound(r.max)
            )
        }
        Schema::Object(r) => {
            // Read-only fields are left out: a reader meets them as keys the table does not
            // list, which it must leave to the full path (they are warned about and dropped).
            let fields: Vec<String> = r
                .fields
                .iter()
                .filter(|f| f.access == Access::ReadWrite)
                .map(|f| {
                    let node = node(f.schema, nodes);
                    format!("[{},{node},{}]", text(f.name), u8::from(f.required))
                })
                .collect();
            let rules = names(r.rules.iter().map(|r| r.name));
            let additional = u8::from(r.additional);
            format!(r#"["o",[{}],{additional},{rules}]"#, fields.join(","))
        }
        Schema::Nullable(inner) => format!(r#"["?",{}]"#, node(inner, nodes)),
        Schema::OneOf(alternatives) => {
            let alts: Vec<String> = alternatives
                .iter()
                .map(|a| node(a, nodes).to_string())
                .collect();
            format!(r#"["|",[{}]]"#, alts.join(","))
        }
    };
    match nodes.iter().position(|n| *n == json) {
        Some(i) => i,
        None => {
            nodes.push(json);
            nodes.len() - 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn every_operation_with_its_schema() {
        let table: Value = serde_json::from_str(&schema_table()).unwrap();
        let ops = table["ops"].as_array().unwrap();
        assert_eq!(ops.len(), Operation::ALL.len());
        let nodes = table["nodes"].as_array().unwrap();
        let create = ops.iter().find(|o| o[0] == "v3.customers.create").unwrap();
        assert_eq!(create[2], json!(["duplicate_emails"]));
        let batch = &nodes[create[1].as_u64().unwrap() as usize];
        assert_eq!(
            (&batch[0], &batch[2], &batch[3]),
            (&json!("a"), &json!(1), &json!(10))
        );
        let customer = &nodes[batch[1].as_u64().unwrap() as usize];
        let email = customer[1]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f[0] == "email")
            .unwrap();
        assert_eq!(email[2], 1, "required");
        assert_eq!(
            nodes[email[1].as_u64().unwrap() as usize],
            json!(["s", 3, 250, "email"])
        );
        let fields = customer[1].as_array().unwrap();
        assert!(
            fields.iter().all(|f| f[0] != "id"),
            "read-only fields are left out"
        );
        // A node shared by two fields appears once.
        let field = |name: &str| {
            let fields = customer[1].as_array().unwrap();
            fields.iter().find(|f| f[0] == name).unwrap()[1].clone()
        };
        assert_eq!(field("first_name"), field("last_name"));
        assert!(nodes
            .iter()
            .any(|n| n[0] == "o" && n[3] == json!(["region_rule"])));
    }
}
