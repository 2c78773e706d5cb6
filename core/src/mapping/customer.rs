//! Customer mapping (SUMMARY §8.1); the decisions are listed in the parent module.

use super::{copy, dates, index_path, key_path, object, rename, Ctx, MapError, Mapped};
use serde_json::{Map, Number, Value};

/// Fields with the same name and meaning in both APIs.
const SAME: &[&str] = &[
    "id",
    "email",
    "first_name",
    "last_name",
    "company",
    "phone",
    "notes",
    "tax_exempt_category",
    "customer_group_id",
    "registration_ip_address",
];

const DATES: &[&str] = &["date_created", "date_modified"];

/// V3 fields with no V2 counterpart.
const V3_ONLY: &[&str] = &[
    "address_count",
    "attribute_count",
    "addresses",
    "attributes",
    "origin_channel_id",
    "channel_ids",
    "trigger_account_created_notification",
];

/// Maps a V2 customer (`customer_Full` / `customer_Put`) to a V3 customer.
///
/// ```
/// use bc_customers_core::mapping::v2_to_v3_customer;
/// use serde_json::json;
/// let m = v2_to_v3_customer(json!({
///     "id": 5, "reset_pass_on_login": true,
///     "form_fields": [{"name": "License", "value": "A1"}, {"name": "Empty", "value": null}],
///     "addresses": {"url": "https://x/v2/customers/5/addresses", "resource": "/customers/5/addresses"}
/// })).unwrap();
/// assert_eq!(m.value, json!({
///     "id": 5,
///     "authentication": {"force_password_reset": true},
///     "form_fields": [{"name": "License", "value": "A1"}]
/// }));
/// assert_eq!(m.lost, ["addresses", "form_fields[1].value"]);
///
/// let err = v2_to_v3_customer(json!({"date_created": "yesterday"})).unwrap_err();
/// assert_eq!(err.code, "invalid_date");
/// assert_eq!(err.issues[0].path, "date_created");
/// ```
pub fn v2_to_v3_customer(v2: Value) -> Result<Mapped, MapError> {
    let mut src = object(v2)?;
    let mut out = Map::new();
    let mut ctx = Ctx::default();
    copy(&mut src, &mut out, SAME);
    for name in DATES {
        if let Some(v) = src.remove(*name) {
            out.insert((*name).to_string(), date_v2_to_v3(v, name, &mut ctx));
        }
    }
    if let Some(v) = src.remove("store_credit") {
        if let Some(amounts) = store_credit_to_amounts(v, &mut ctx) {
            out.insert("store_credit_amounts".into(), amounts);
        }
    }
    rename(
        &mut src,
        &mut out,
        "accepts_marketing",
        "accepts_product_review_abandoned_cart_emails",
    );
    let auth = src.remove("_authentication");
    let reset = src.remove("reset_pass_on_login");
    if let Some(a) = authentication_v2_to_v3(auth, reset, &mut ctx) {
        out.insert("authentication".into(), a);
    }
    if let Some(v) = src.remove("form_fields") {
        out.insert("form_fields".into(), form_fields_v2_to_v3(v, &mut ctx));
    }
    if src.remove("addresses").is_some() {
        ctx.lose("addresses".into());
    }
    ctx.lose_rest("", src);
    ctx.finish(out)
}

/// Maps a V3 customer (`customer_Full` / `customer_Post` / `customer_Put`) to a V2 customer.
///
/// ```
/// use bc_customers_core::mapping::v3_to_v2_customer;
/// use serde_json::json;
/// let m = v3_to_v2_customer(json!({
///     "id": 5, "date_modified": "2018-01-10T21:02:23Z",
///     "authentication": {"force_password_reset": false, "new_password": "s3cret"},
///     "store_credit_amounts": [{"amount": 12.5}],
///     "form_fields": [{"name": "Size", "value": 42}],
///     "attributes": [{"attribute_id": 1, "attribute_value": "gold"}]
/// })).unwrap();
/// assert_eq!(m.value, json!({
///     "id": 5, "date_modified": "Wed, 10 Jan 2018 21:02:23 +0000",
///     "_authentication": {"password": "s3cret"}, "reset_pass_on_login": false,
///     "store_credit": "12.5000",
///     "form_fields": [{"name": "Size", "value": "42"}]
/// }));
/// assert_eq!(m.lost, ["attributes", "form_fields[0].value"]);
/// ```
pub fn v3_to_v2_customer(v3: Value) -> Result<Mapped, MapError> {
    let mut src = object(v3)?;
    let mut out = Map::new();
    let mut ctx = Ctx::default();
    copy(&mut src, &mut out, SAME);
    for name in DATES {
        if let Some(v) = src.remove(*name) {
            out.insert((*name).to_string(), date_v3_to_v2(v, name, &mut ctx));
        }
    }
    if let Some(v) = src.remove("store_credit_amounts") {
        if let Some(credit) = amounts_to_store_credit(v, &mut ctx) {
            out.insert("store_credit".into(), credit);
        }
    }
    rename(
        &mut src,
        &mut out,
        "accepts_product_review_abandoned_cart_emails",
        "accepts_marketing",
    );
    if let Some(v) = src.remove("authentication") {
        authentication_v3_to_v2(v, &mut out, &mut ctx);
    }
    if let Some(v) = src.remove("form_fields") {
        out.insert("form_fields".into(), form_fields_v3_to_v2(v, &mut ctx));
    }
    for name in V3_ONLY {
        if src.remove(*name).is_some() {
            ctx.lose((*name).to_string());
        }
    }
    ctx.lose_rest("", src);
    ctx.finish(out)
}

fn date_v2_to_v3(v: Value, path: &str, ctx: &mut Ctx) -> Value {
    match v {
        Value::String(s) => {
            if let Some(iso) = dates::rfc2822_to_rfc3339(&s) {
                Value::String(iso)
            } else if dates::parse_rfc3339(&s).is_some() {
                Value::String(s)
            } else {
                ctx.fail(
                    path.into(),
                    "invalid_date",
                    "expected an RFC 2822 date such as `Wed, 10 Jan 2018 21:02:23 +0000`",
                );
                Value::Null
            }
        }
        Value::Null => Value::Null,
        _ => {
            ctx.wrong_type(path.into(), "a date string");
            Value::Null
        }
    }
}

fn date_v3_to_v2(v: Value, path: &str, ctx: &mut Ctx) -> Value {
    match v {
        Value::String(s) => match dates::rfc3339_to_rfc2822(&s) {
            Some((rfc2822, fraction_dropped)) => {
                if fraction_dropped {
                    ctx.lose(path.into());
                }
                Value::String(rfc2822)
            }
            None => {
                ctx.fail(
                    path.into(),
                    "invalid_date",
                    "expected an ISO 8601 date-time such as `2018-01-10T21:02:23Z`",
                );
                Value::Null
            }
        },
        Value::Null => Value::Null,
        _ => {
            ctx.wrong_type(path.into(), "a date string");
            Value::Null
        }
    }
}

/// Strips the sign, leading integer zeros and trailing fraction zeros of a plain decimal.
fn canonical_decimal(s: &str) -> String {
    let s = s.trim_start_matches(['-', '+']);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

fn is_plain_decimal(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn store_credit_to_amounts(v: Value, ctx: &mut Ctx) -> Option<Value> {
    let amount = match v {
        Value::Null => return Some(Value::Null),
        Value::Number(n) => Value::Number(n),
        Value::String(s) => {
            let parsed = if is_plain_decimal(&s) {
                s.parse::<f64>().ok().filter(|f| f.is_finite())
            } else {
                None
            };
            let Some(f) = parsed else {
                ctx.fail(
                    "store_credit".into(),
                    "invalid_decimal",
                    "expected a decimal string such as `12.5000`",
                );
                return None;
            };
            if canonical_decimal(&format!("{}", f.abs())) != canonical_decimal(&s) {
                ctx.lose("store_credit".into());
            }
            Value::Number(Number::from_f64(f)?)
        }
        _ => {
            ctx.wrong_type("store_credit".into(), "a decimal string");
            return None;
        }
    };
    let mut item = Map::new();
    item.insert("amount".into(), amount);
    Some(Value::Array(vec![Value::Object(item)]))
}

fn amounts_to_store_credit(v: Value, ctx: &mut Ctx) -> Option<Value> {
    let items = match v {
        Value::Null => return Some(Value::Null),
        Value::Array(items) => items,
        _ => {
            ctx.wrong_type("store_credit_amounts".into(), "an array");
            return None;
        }
    };
    match <[Value; 1]>::try_from(items) {
        Ok([item]) => {
            let path = index_path("store_credit_amounts", 0);
            let Value::Object(mut item) = item else {
                ctx.wrong_type(path, "an object");
                return None;
            };
            let amount = item.remove("amount");
            ctx.lose_rest(&path, item);
            match amount {
                Some(Value::Number(n)) => {
                    let f = n.as_f64().filter(|f| f.is_finite())?;
                    let text = format!("{f:.4}");
                    if text.parse::<f64>().ok() != Some(f) {
                        ctx.lose(key_path(&path, "amount"));
                    }
                    Some(Value::String(text))
                }
                Some(Value::Null) | None => {
                    ctx.lose(path);
                    None
                }
                Some(_) => {
                    ctx.wrong_type(key_path(&path, "amount"), "a number");
                    None
                }
            }
        }
        Err(items) if items.is_empty() => {
            ctx.lose("store_credit_amounts".into());
            None
        }
        Err(items) => {
            for i in 0..items.len() {
                ctx.lose(index_path("store_credit_amounts", i));
            }
            None
        }
    }
}

fn authentication_v2_to_v3(
    auth: Option<Value>,
    reset: Option<Value>,
    ctx: &mut Ctx,
) -> Option<Value> {
    let mut out = Map::new();
    let mut present = false;
    let mut force_reset = None;
    match auth {
        None | Some(Value::Null) => {}
        Some(Value::Object(mut a)) => {
            present = true;
            let password = a.remove("password");
            let confirmation = a.remove("password_confirmation");
            force_reset = a.remove("force_reset").filter(|v| !v.is_null());
            if let Some(c) = confirmation {
                if password.as_ref().is_some_and(|p| *p != c) {
                    ctx.fail(
                        "_authentication.password_confirmation".into(),
                        "password_mismatch",
                        "`password_confirmation` must equal `password`",
                    );
                }
                ctx.lose("_authentication.password_confirmation".into());
            }
            if let Some(p) = password {
                out.insert("new_password".into(), p);
            }
            ctx.lose_rest("_authentication", a);
        }
        Some(_) => ctx.wrong_type("_authentication".into(), "an object"),
    }
    let reset = reset.filter(|r| !r.is_null());
    if let (Some(f), Some(r)) = (&force_reset, &reset) {
        if f != r {
            ctx.fail(
                "reset_pass_on_login".into(),
                "conflicting_fields",
                "`reset_pass_on_login` and `_authentication.force_reset` differ",
            );
        }
    }
    if let Some(flag) = reset.or(force_reset) {
        present = true;
        out.insert("force_password_reset".into(), flag);
    }
    present.then_some(Value::Object(out))
}

fn authentication_v3_to_v2(v: Value, out: &mut Map<String, Value>, ctx: &mut Ctx) {
    match v {
        Value::Null => {}
        Value::Object(mut a) => {
            let empty = a.is_empty();
            if let Some(flag) = a.remove("force_password_reset") {
                out.insert("reset_pass_on_login".into(), flag);
            }
            let mut v2 = Map::new();
            if let Some(p) = a.remove("new_password") {
                v2.insert("password".into(), p);
            }
            if empty || !v2.is_empty() {
                out.insert("_authentication".into(), Value::Object(v2));
            }
            ctx.lose_rest("authentication", a);
        }
        _ => ctx.wrong_type("authentication".into(), "an object"),
    }
}

fn form_fields_v2_to_v3(v: Value, ctx: &mut Ctx) -> Value {
    let items = match v {
        Value::Array(items) => items,
        Value::Null => return Value::Null,
        _ => {
            ctx.wrong_type("form_fields".into(), "an array");
            return Value::Null;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let path = index_path("form_fields", i);
        let Value::Object(mut field) = item else {
            ctx.wrong_type(path, "an object");
            continue;
        };
        if field.get("value").is_some_and(Value::is_null) {
            // V3 has no empty value: the whole entry goes.
            ctx.lose(key_path(&path, "value"));
            continue;
        }
        let mut mapped = Map::new();
        copy(&mut field, &mut mapped, &["name", "value"]);
        ctx.lose_rest(&path, field);
        out.push(Value::Object(mapped));
    }
    Value::Array(out)
}

fn form_fields_v3_to_v2(v: Value, ctx: &mut Ctx) -> Value {
    let items = match v {
        Value::Array(items) => items,
        Value::Null => return Value::Null,
        _ => {
            ctx.wrong_type("form_fields".into(), "an array");
            return Value::Null;
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let path = index_path("form_fields", i);
        let Value::Object(mut field) = item else {
            ctx.wrong_type(path, "an object");
            continue;
        };
        let mut mapped = Map::new();
        copy(&mut field, &mut mapped, &["name"]);
        match field.remove("value") {
            Some(value @ (Value::String(_) | Value::Null)) => {
                mapped.insert("value".into(), value);
            }
            Some(other) => {
                ctx.lose(key_path(&path, "value"));
                mapped.insert("value".into(), Value::String(other.to_string()));
            }
            None => {}
        }
        ctx.lose_rest(&path, field);
        out.push(Value::Object(mapped));
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_decimal_compares_values_not_spelling() {
        assert_eq!(canonical_decimal("12.5000"), "12.5");
        assert_eq!(canonical_decimal("0012"), "12");
        assert_eq!(canonical_decimal("0.0000"), "0");
        assert_eq!(canonical_decimal("-3.10"), "3.1");
        assert!(is_plain_decimal("12.5000"));
        assert!(is_plain_decimal("-0"));
        for bad in [
            "", ".5", "5.", "1e3", "+1", "1.2.3", " 1", "NaN", "inf", "--1",
        ] {
            assert!(!is_plain_decimal(bad), "{bad}");
        }
    }
}
