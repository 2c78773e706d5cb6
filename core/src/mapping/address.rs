//! Address mapping (SUMMARY §8.2); the decisions are listed in the parent module.

use super::{copy, object, rename, Ctx, MapError, Mapped};
use crate::country::{assigned_code, code_of, name_of};
use serde_json::{Map, Value};

/// Fields with the same name and meaning in both APIs.
const SAME: &[&str] = &[
    "id",
    "customer_id",
    "first_name",
    "last_name",
    "company",
    "city",
    "phone",
    "address_type",
];

/// V2's "no state" (it cannot be empty or null there).
const V2_NO_STATE: &str = " ";

/// Maps a V2 customer address (`customerAddress_Full` / `_Base`) to a V3 address.
///
/// ```
/// use bc_customers_core::mapping::v2_to_v3_address;
/// use serde_json::json;
/// let m = v2_to_v3_address(json!({
///     "first_name": "Jane", "street_1": "1 Main St", "city": "London", "state": " ",
///     "zip": "SW1A 1AA", "country": "UK", "phone": "0201234"
/// })).unwrap();
/// assert_eq!(m.value, json!({
///     "first_name": "Jane", "address1": "1 Main St", "city": "London",
///     "state_or_province": "", "postal_code": "SW1A 1AA", "country_code": "GB",
///     "phone": "0201234"
/// }));
/// assert!(m.lost.is_empty());
///
/// let err = v2_to_v3_address(json!({"country": "Atlantis"})).unwrap_err();
/// assert_eq!(err.code, "unknown_country");
/// assert_eq!(err.issues[0].path, "country");
/// ```
pub fn v2_to_v3_address(v2: Value) -> Result<Mapped, MapError> {
    let mut src = object(v2)?;
    let mut out = Map::new();
    let mut ctx = Ctx::default();
    copy(&mut src, &mut out, SAME);
    rename(&mut src, &mut out, "street_1", "address1");
    rename(&mut src, &mut out, "street_2", "address2");
    rename(&mut src, &mut out, "zip", "postal_code");
    if let Some(state) = src.remove("state") {
        let state = match state {
            Value::String(s) if s == V2_NO_STATE => Value::String(String::new()),
            other => other,
        };
        out.insert("state_or_province".into(), state);
    }
    let name = src.remove("country");
    let iso2 = src.remove("country_iso2");
    country_v2_to_v3(name, iso2, &mut out, &mut ctx);
    ctx.lose_rest("", src);
    ctx.finish(out)
}

/// Maps a V3 customer address (`address_Full`, `address_Post`, `address_Put`, or one embedded
/// in a customer) to a V2 address.
///
/// ```
/// use bc_customers_core::mapping::v3_to_v2_address;
/// use serde_json::json;
/// let m = v3_to_v2_address(json!({
///     "id": 3, "address1": "1 Main St", "state_or_province": "", "postal_code": "78701",
///     "country_code": "US", "phone": "5551234",
///     "form_fields": [{"name": "Door", "value": "blue"}]
/// })).unwrap();
/// assert_eq!(m.value, json!({
///     "id": 3, "street_1": "1 Main St", "state": " ", "zip": "78701",
///     "country": "United States", "phone": "5551234"
/// }));
/// assert_eq!(m.lost, ["form_fields"]);
///
/// let err = v3_to_v2_address(json!({"country_code": "US"})).unwrap_err();
/// assert_eq!(err.code, "missing_phone");
/// ```
pub fn v3_to_v2_address(v3: Value) -> Result<Mapped, MapError> {
    let mut src = object(v3)?;
    let mut out = Map::new();
    let mut ctx = Ctx::default();
    if src.get("phone").is_none_or(Value::is_null) {
        ctx.fail(
            "phone".into(),
            "missing_phone",
            "V2 addresses require `phone`",
        );
    }
    copy(&mut src, &mut out, SAME);
    rename(&mut src, &mut out, "address1", "street_1");
    rename(&mut src, &mut out, "address2", "street_2");
    rename(&mut src, &mut out, "postal_code", "zip");
    if let Some(state) = src.remove("state_or_province") {
        let state = match state {
            Value::String(s) if s.is_empty() => Value::String(V2_NO_STATE.into()),
            other => other,
        };
        out.insert("state".into(), state);
    }
    let code = src.remove("country_code");
    let name = src.remove("country");
    country_v3_to_v2(code, name, &mut out, &mut ctx);
    ctx.lose_rest("", src);
    ctx.finish(out)
}

/// A country code field: `Ok(None)` when absent, null or empty; the upper-case code of an
/// assigned country; or an error already reported.
fn code_field(v: Option<Value>, path: &str, ctx: &mut Ctx) -> Result<Option<&'static str>, ()> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => match assigned_code(&s) {
            Some(code) => Ok(Some(code)),
            None => {
                ctx.fail(
                    path.into(),
                    "unknown_country",
                    "expected an assigned ISO 3166-1 alpha-2 code",
                );
                Err(())
            }
        },
        Some(_) => {
            ctx.wrong_type(path.into(), "a country code string");
            Err(())
        }
    }
}

fn country_v2_to_v3(
    name: Option<Value>,
    iso2: Option<Value>,
    out: &mut Map<String, Value>,
    ctx: &mut Ctx,
) {
    // V2 responses give `country_iso2: ""` for addresses without a country.
    let iso2 = iso2.filter(|v| v.as_str().is_none_or(|s| !s.trim().is_empty()));
    let Ok(code) = code_field(iso2, "country_iso2", ctx) else {
        return;
    };
    match (code, name) {
        (Some(code), name) => {
            out.insert("country_code".into(), Value::String(code.into()));
            match name {
                Some(Value::String(n)) => {
                    let n = match code_of(&n) {
                        Some(other) if other != code => {
                            ctx.lose("country".into());
                            name_of(code).unwrap_or(code).to_string()
                        }
                        _ => n,
                    };
                    out.insert("country".into(), Value::String(n));
                }
                Some(Value::Null) | None => {}
                Some(_) => ctx.wrong_type("country".into(), "a country name string"),
            }
        }
        (None, Some(Value::String(n))) => match code_of(&n) {
            Some(code) => {
                out.insert("country_code".into(), Value::String(code.into()));
            }
            None => ctx.fail(
                "country".into(),
                "unknown_country",
                "expected a country name such as `United States`",
            ),
        },
        (None, Some(Value::Null)) => {
            out.insert("country_code".into(), Value::Null);
        }
        (None, None) => {}
        (None, Some(_)) => ctx.wrong_type("country".into(), "a country name string"),
    }
}

fn country_v3_to_v2(
    code: Option<Value>,
    name: Option<Value>,
    out: &mut Map<String, Value>,
    ctx: &mut Ctx,
) {
    let code = match code {
        // V3 requires exactly two letters: an empty code is an unknown country, not "none".
        Some(Value::String(s)) if s.trim().is_empty() => {
            ctx.fail(
                "country_code".into(),
                "unknown_country",
                "expected an assigned ISO 3166-1 alpha-2 code",
            );
            return;
        }
        other => match code_field(other, "country_code", ctx) {
            Ok(code) => code,
            Err(()) => return,
        },
    };
    match (code, name) {
        (Some(code), Some(Value::String(n))) => {
            let n = match code_of(&n) {
                Some(other) if other != code => {
                    ctx.lose("country".into());
                    name_of(code).unwrap_or(code).to_string()
                }
                _ => n,
            };
            out.insert("country".into(), Value::String(n));
            out.insert("country_iso2".into(), Value::String(code.into()));
        }
        (Some(code), Some(Value::Null) | None) => {
            let n = name_of(code).unwrap_or(code);
            out.insert("country".into(), Value::String(n.into()));
        }
        (None, Some(Value::String(n))) => {
            if let Some(code) = code_of(&n) {
                out.insert("country_iso2".into(), Value::String(code.into()));
            }
            out.insert("country".into(), Value::String(n));
        }
        (None, Some(Value::Null)) => {
            out.insert("country".into(), Value::Null);
        }
        (None, None) => {}
        (_, Some(_)) => ctx.wrong_type("country".into(), "a country name string"),
    }
}
