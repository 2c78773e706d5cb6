//! CORS: which browser origins may call the edge.
//!
//! Requests without `Origin` (servers, curl) are not browser requests and pass. A browser
//! request passes when its origin is the edge's own (the demo page at `/`) or is listed in
//! `EDGE_ALLOWED_ORIGINS` (`*` allows any); others get 403 `origin_not_allowed`, preflight
//! included. Allowed responses echo the origin (never `*`) with `Vary: Origin`; no cookies are
//! used, so `Access-Control-Allow-Credentials` is never sent.

use crate::problem::Problem;

/// The outcome of the origin check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cors {
    /// Not a cross-origin browser request (no `Origin`).
    NoOrigin,
    /// A browser origin that may call; echo it.
    Allowed(String),
}

/// Request headers a browser may send.
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type, Cache-Control";
/// Response headers a browser script may read.
pub const EXPOSE_HEADERS: &str = "X-Cache, X-Upstream-Calls, Retry-After";

/// Checks the `Origin` header against the edge's own origin and the allowed list.
///
/// ```
/// use bc_customers_edge::cors::{check_origin, Cors};
/// let allowed = vec!["https://shop.example.com".to_string()];
/// assert_eq!(check_origin(None, "https://edge.example.com", &allowed).unwrap(), Cors::NoOrigin);
/// assert!(check_origin(Some("https://SHOP.example.com"), "https://edge.example.com", &allowed).is_ok());
/// assert_eq!(check_origin(Some("https://evil.example"), "https://edge.example.com", &allowed).unwrap_err().status, 403);
/// ```
pub fn check_origin(
    origin: Option<&str>,
    self_origin: &str,
    allowed: &[String],
) -> Result<Cors, Problem> {
    let Some(origin) = origin.map(str::trim).filter(|o| !o.is_empty()) else {
        return Ok(Cors::NoOrigin);
    };
    let lower = origin.to_ascii_lowercase();
    let ok = lower == self_origin.to_ascii_lowercase()
        || allowed.iter().any(|a| a == "*" || *a == lower);
    if ok {
        Ok(Cors::Allowed(origin.to_string()))
    } else {
        Err(Problem::forbidden(
            "origin_not_allowed",
            "this browser origin may not call the edge; add it to `EDGE_ALLOWED_ORIGINS`",
        ))
    }
}

/// Headers to add to every answer for an allowed origin.
pub fn response_headers(cors: &Cors) -> Vec<(String, String)> {
    let mut h = vec![("Vary".to_string(), "Origin".to_string())];
    if let Cors::Allowed(origin) = cors {
        h.push(("Access-Control-Allow-Origin".into(), origin.clone()));
        h.push((
            "Access-Control-Expose-Headers".into(),
            EXPOSE_HEADERS.into(),
        ));
    }
    h
}

/// Headers of a successful preflight (`OPTIONS`) for a route that allows `allow` methods.
pub fn preflight_headers(cors: &Cors, allow: &str) -> Vec<(String, String)> {
    let mut h = response_headers(cors);
    h.push(("Access-Control-Allow-Methods".into(), allow.to_string()));
    h.push(("Access-Control-Allow-Headers".into(), ALLOW_HEADERS.into()));
    h.push(("Access-Control-Max-Age".into(), "600".into()));
    h.push(("Allow".into(), allow.to_string()));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_origin_and_wildcard_are_allowed() {
        assert!(check_origin(Some("http://edge.test"), "http://edge.test", &[]).is_ok());
        assert!(check_origin(Some("https://x.example"), "http://edge.test", &["*".into()]).is_ok());
        assert!(check_origin(Some("null"), "http://edge.test", &[]).is_err());
    }

    #[test]
    fn echoes_the_origin_never_a_wildcard() {
        let h = response_headers(&Cors::Allowed("https://shop.example.com".into()));
        assert!(h.contains(&(
            "Access-Control-Allow-Origin".into(),
            "https://shop.example.com".into()
        )));
        assert!(!h.iter().any(|(_, v)| v == "*"));
        assert!(!h
            .iter()
            .any(|(k, _)| k == "Access-Control-Allow-Credentials"));
    }
}
