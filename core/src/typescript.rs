//! TypeScript declarations for every operation's body, generated from the same static
//! [`Schema`]s the validator walks, so the npm package's types can never drift from its rules.
//!
//! Each [`ObjectRule`] becomes an `interface` named [`ObjectRule::name`]; fields carry their
//! constraints (lengths, formats, ranges) as JSDoc; read-only fields are optional and marked
//! (they are accepted with a `read_only` warning and not sent). `OperationBodies` maps every
//! operation id to its body type. The npm package's golden `index.d.ts` is this text plus the
//! hand-written function signatures (`wasm-pkg/types/api.d.ts`); `wasm-pkg`'s tests compare it.
//!
//! ```
//! let ts = bc_customers_core::typescript::declarations().unwrap();
//! assert!(ts.contains("export interface SubscriberCreate {"));
//! assert!(ts.contains("\"v3.customers.create\": CustomerCreate[];"));
//! ```

use crate::schema::{Access, Format, ObjectRule, Schema};
use crate::Operation;
use std::fmt::Write as _;

/// The declarations, or the name of an object type declared twice with different fields
/// (each [`ObjectRule::name`] must name one shape).
pub fn declarations() -> Result<String, String> {
    let mut objects: Vec<&'static ObjectRule> = Vec::new();
    let mut bodies = String::new();
    for op in Operation::ALL {
        let ty = type_of(op.schema(), &mut objects)?;
        let _ = writeln!(bodies, "  \"{}\": {ty};", op.id());
    }
    let mut out = String::new();
    // `type_of` may add nested objects while an object is written; index until the end.
    let mut i = 0;
    while i < objects.len() {
        let rule = objects[i];
        write_object(rule, &mut objects, &mut out)?;
        i += 1;
    }
    out.push_str(
        "/** The body of each operation, by operation id. */\nexport interface OperationBodies {\n",
    );
    out.push_str(&bodies);
    out.push_str("}\n");
    Ok(out)
}

fn write_object(
    rule: &'static ObjectRule,
    objects: &mut Vec<&'static ObjectRule>,
    out: &mut String,
) -> Result<(), String> {
    if rule.additional {
        let _ = writeln!(
            out,
            "/** Other fields are accepted with an `unknown_field` warning and forwarded. */"
        );
    } else {
        let _ = writeln!(out, "/** Other fields are rejected (`unknown_field`). */");
    }
    let _ = writeln!(out, "export interface {} {{", rule.name);
    for field in rule.fields {
        let ty = type_of(field.schema, objects)?;
        let mut notes = Vec::new();
        constraints(field.schema, &mut notes);
        if field.access == Access::ReadOnly {
            notes.insert(
                0,
                "Read-only: accepted with a `read_only` warning, never sent.".into(),
            );
        }
        if !notes.is_empty() {
            let _ = writeln!(out, "  /** {} */", notes.join(" "));
        }
        let optional = if field.required { "" } else { "?" };
        let _ = writeln!(out, "  {}{optional}: {ty};", property_name(field.name));
    }
    out.push_str("}\n\n");
    Ok(())
}

fn property_name(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap_or_default()
    }
}

fn register(
    rule: &'static ObjectRule,
    objects: &mut Vec<&'static ObjectRule>,
) -> Result<(), String> {
    match objects.iter().find(|o| o.name == rule.name) {
        Some(known) if std::ptr::eq(*known, rule) => Ok(()),
        Some(_) => Err(format!(
            "two different object schemas are both named `{}`",
            rule.name
        )),
        None => {
            objects.push(rule);
            Ok(())
        }
    }
}

fn type_of(
    schema: &'static Schema,
    objects: &mut Vec<&'static ObjectRule>,
) -> Result<String, String> {
    Ok(match schema {
        Schema::String(_) => "string".into(),
        Schema::Integer(_) | Schema::Number(_) => "number".into(),
        Schema::Boolean => "boolean".into(),
        Schema::Enum(rule) => rule
            .values
            .iter()
            .map(|v| serde_json::to_string(v).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" | "),
        Schema::Array(rule) => {
            let item = type_of(rule.items, objects)?;
            if item.contains(' ') {
                format!("({item})[]")
            } else {
                format!("{item}[]")
            }
        }
        Schema::Object(rule) => {
            register(rule, objects)?;
            rule.name.to_string()
        }
        Schema::Nullable(inner) => format!("{} | null", type_of(inner, objects)?),
        Schema::OneOf(alternatives) => {
            let mut parts = Vec::new();
            for alt in alternatives.iter() {
                parts.push(type_of(alt, objects)?);
            }
            parts.join(" | ")
        }
        Schema::Any => "unknown".into(),
    })
}

/// Human notes on what the validator checks beyond the TypeScript type.
fn constraints(schema: &Schema, notes: &mut Vec<String>) {
    match schema {
        Schema::String(rule) => {
            match (rule.min, rule.max) {
                (Some(a), Some(b)) if a == b => notes.push(format!("Exactly {a} characters.")),
                (Some(a), Some(b)) => notes.push(format!("{a} to {b} characters.")),
                (Some(a), None) => notes.push(format!("At least {a} character{}.", s(a))),
                (None, Some(b)) => notes.push(format!("At most {b} characters.")),
                (None, None) => {}
            }
            match rule.format {
                Format::Plain => {}
                Format::Email => notes.push("An email address.".into()),
                Format::CountryCode => {
                    notes.push("An ISO 3166-1 alpha-2 country code, e.g. `US`.".into())
                }
                Format::DateTime => {
                    notes.push("An ISO 8601 date-time, e.g. `2018-11-13T21:42:06Z`.".into())
                }
                Format::Decimal => {
                    notes.push("A decimal number as a string, e.g. `10.5000`.".into())
                }
            }
        }
        Schema::Integer(rule) => {
            notes.push(range("An integer", rule.min, rule.max));
        }
        Schema::Number(rule) if rule.min.is_some() || rule.max.is_some() => {
            notes.push(range("A number", rule.min, rule.max));
        }
        Schema::Array(rule) => {
            match (rule.min, rule.max) {
                (Some(a), Some(b)) => notes.push(format!("{a} to {b} items.")),
                (Some(a), None) => notes.push(format!("At least {a} item{}.", s(a))),
                (None, Some(b)) => notes.push(format!("At most {b} item{}.", s(b))),
                (None, None) => {}
            }
            if rule.unique {
                notes.push("Items must be distinct.".into());
            }
        }
        Schema::Nullable(inner) => constraints(inner, notes),
        _ => {}
    }
}

fn s(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn range<T: std::fmt::Display>(what: &str, min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{what} from {a} to {b}."),
        (Some(a), None) => format!("{what}, at least {a}."),
        (None, Some(b)) => format!("{what}, at most {b}."),
        (None, None) => format!("{what}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_body_type_and_names_are_unique() {
        let ts = declarations().unwrap();
        for op in Operation::ALL {
            assert!(ts.contains(&format!("  \"{}\": ", op.id())), "{}", op.id());
        }
        let mut names: Vec<&str> = ts
            .lines()
            .filter_map(|l| l.strip_prefix("export interface "))
            .collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn fields_carry_types_optionality_and_notes() {
        let ts = declarations().unwrap();
        let start = ts.find("export interface CustomerCreate {").unwrap();
        let body = &ts[start..start + ts[start..].find("\n}\n").unwrap()];
        assert!(body.contains("  /** 3 to 250 characters. An email address. */\n  email: string;"));
        assert!(body.contains("  addresses?: CustomerCreateAddress[];"));
        assert!(body.contains("  channel_ids?: number[] | null;"));
        assert!(body.contains("Read-only"));
    }
}
