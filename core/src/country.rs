//! ISO 3166-1 alpha-2 country codes and the English names V2 uses. (Table filled in by the
//! mapping work.)

/// The English short name for an assigned alpha-2 code.
pub fn name_of(code: &str) -> Option<&'static str> {
    match code {
        "US" => Some("United States"),
        "GB" => Some("United Kingdom"),
        _ => None,
    }
}
