//! Which route a request is for: the method and path parsed into a typed [`Route`], with ids
//! parsed as positive integers, so nothing a caller puts in the path can reach the upstream
//! path. Upstream paths are built by `core::request` from these ids, never from the caller's
//! text. Unknown paths are 404, known paths with another method 405 (with `Allow`).
//!
//! Paths mirror BigCommerce's (`/v3/customers`, `/v2/customers/{id}`), so existing clients only
//! change the base URL; `/login`, `/me…` and `/signup` are the edge's own.

use crate::problem::Problem;

/// An HTTP method the edge knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET` (and `HEAD`, answered as `GET`)
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `OPTIONS` (CORS preflight)
    Options,
}

impl Method {
    /// Parses a method name; `HEAD` counts as `GET`. Unknown methods are `None`.
    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "GET" | "HEAD" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            "OPTIONS" => Some(Method::Options),
            _ => None,
        }
    }

    /// The method as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
        }
    }

    /// True for methods that change something upstream.
    pub fn is_write(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Delete)
    }
}

/// A route the edge serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/v3/customers`
    V3Customers,
    /// `/v3/customers/addresses`
    V3Addresses,
    /// `/v3/customers/attributes`
    V3Attributes,
    /// `/v3/customers/attribute-values`
    V3AttributeValues,
    /// `/v3/customers/form-field-values`
    V3FormFieldValues,
    /// `/v3/customers/subscribers`
    V3Subscribers,
    /// `/v3/customers/subscribers/{id}`
    V3Subscriber(u64),
    /// `/v2/customers`
    V2Customers,
    /// `/v2/customers/{id}`
    V2Customer(u64),
    /// `/v2/customers/{id}/addresses`
    V2CustomerAddresses(u64),
    /// `/v2/customers/count`
    V2CustomersCount,
    /// `/v2/customers/{id}/addresses/count`
    V2CustomerAddressesCount(u64),
    /// `/v2/customers/{id}/addresses/{address_id}`
    V2CustomerAddress(u64, u64),
    /// `/v2/customer_groups`
    V2CustomerGroups,
    /// `/login`: a Customer Login (SSO) URL for server callers
    Login,
    /// `/me`: the logged-in shopper's own customer record
    Me,
    /// `/me/addresses`: the logged-in shopper's addresses
    MeAddresses,
    /// `/signup`: an anonymous storefront account sign-up (see `crate::signup`)
    Signup,
}

impl Route {
    /// Every route, with a representative id, for tables and tests.
    pub const ALL: [Route; 18] = [
        Route::V3Customers,
        Route::V3Addresses,
        Route::V3Attributes,
        Route::V3AttributeValues,
        Route::V3FormFieldValues,
        Route::V3Subscribers,
        Route::V3Subscriber(1),
        Route::V2Customers,
        Route::V2Customer(1),
        Route::V2CustomerAddresses(1),
        Route::V2CustomersCount,
        Route::V2CustomerAddressesCount(1),
        Route::V2CustomerAddress(1, 2),
        Route::V2CustomerGroups,
        Route::Login,
        Route::Me,
        Route::MeAddresses,
        Route::Signup,
    ];

    /// The methods this route answers (besides `OPTIONS`).
    pub fn methods(self) -> &'static [Method] {
        use Method::*;
        match self {
            Route::V3Customers | Route::V3Addresses | Route::V3Attributes => {
                &[Get, Post, Put, Delete]
            }
            Route::V3AttributeValues => &[Get, Put, Delete],
            Route::V3FormFieldValues => &[Get, Put],
            Route::V3Subscribers => &[Get, Post, Delete],
            Route::V3Subscriber(_) | Route::V2Customer(_) | Route::V2CustomerAddress(..) => {
                &[Get, Put, Delete]
            }
            Route::V2CustomersCount | Route::V2CustomerAddressesCount(_) => &[Get],
            Route::V2Customers | Route::V2CustomerAddresses(_) => &[Get, Post, Delete],
            Route::V2CustomerGroups => &[Get, Post],
            Route::Login | Route::Signup => &[Post],
            Route::Me => &[Get, Put],
            Route::MeAddresses => &[Get, Post],
        }
    }

    /// The `Allow` header value.
    pub fn allow_header(self) -> String {
        let mut names: Vec<&str> = self.methods().iter().map(|m| m.as_str()).collect();
        names.push("OPTIONS");
        names.join(", ")
    }

    /// The route's path with its ids, as the edge serves it.
    pub fn path(self) -> String {
        match self {
            Route::V3Customers => "/v3/customers".into(),
            Route::V3Addresses => "/v3/customers/addresses".into(),
            Route::V3Attributes => "/v3/customers/attributes".into(),
            Route::V3AttributeValues => "/v3/customers/attribute-values".into(),
            Route::V3FormFieldValues => "/v3/customers/form-field-values".into(),
            Route::V3Subscribers => "/v3/customers/subscribers".into(),
            Route::V3Subscriber(id) => format!("/v3/customers/subscribers/{id}"),
            Route::V2Customers => "/v2/customers".into(),
            Route::V2Customer(id) => format!("/v2/customers/{id}"),
            Route::V2CustomerAddresses(id) => format!("/v2/customers/{id}/addresses"),
            Route::V2CustomersCount => "/v2/customers/count".into(),
            Route::V2CustomerAddressesCount(id) => format!("/v2/customers/{id}/addresses/count"),
            Route::V2CustomerAddress(id, aid) => format!("/v2/customers/{id}/addresses/{aid}"),
            Route::V2CustomerGroups => "/v2/customer_groups".into(),
            Route::Login => "/login".into(),
            Route::Me => "/me".into(),
            Route::MeAddresses => "/me/addresses".into(),
            Route::Signup => "/signup".into(),
        }
    }
}

/// A positive decimal id without sign, spaces, leading zeros or encoding.
pub fn parse_id(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 19 || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse().ok()
}

/// Parses a path (without query) into a route; `None` when the edge does not serve it.
///
/// ```
/// use bc_customers_edge::route::{parse_path, Route};
/// assert_eq!(parse_path("/v2/customers/7/addresses"), Some(Route::V2CustomerAddresses(7)));
/// assert_eq!(parse_path("/v2/customers/7%2F..%2Fcustomers"), None);
/// assert_eq!(parse_path("/v3/customers/subscribers/-1"), None);
/// ```
pub fn parse_path(path: &str) -> Option<Route> {
    let rest = path.strip_prefix('/')?;
    let segs: Vec<&str> = rest.split('/').collect();
    Some(match segs.as_slice() {
        ["v3", "customers"] => Route::V3Customers,
        ["v3", "customers", "addresses"] => Route::V3Addresses,
        ["v3", "customers", "attributes"] => Route::V3Attributes,
        ["v3", "customers", "attribute-values"] => Route::V3AttributeValues,
        ["v3", "customers", "form-field-values"] => Route::V3FormFieldValues,
        ["v3", "customers", "subscribers"] => Route::V3Subscribers,
        ["v3", "customers", "subscribers", id] => Route::V3Subscriber(parse_id(id)?),
        ["v2", "customers"] => Route::V2Customers,
        ["v2", "customers", "count"] => Route::V2CustomersCount,
        ["v2", "customers", id, "addresses", "count"] => {
            Route::V2CustomerAddressesCount(parse_id(id)?)
        }
        ["v2", "customers", id, "addresses", aid] => {
            Route::V2CustomerAddress(parse_id(id)?, parse_id(aid)?)
        }
        ["v2", "customers", id] => Route::V2Customer(parse_id(id)?),
        ["v2", "customers", id, "addresses"] => Route::V2CustomerAddresses(parse_id(id)?),
        ["v2", "customer_groups"] => Route::V2CustomerGroups,
        ["login"] => Route::Login,
        ["me"] => Route::Me,
        ["me", "addresses"] => Route::MeAddresses,
        ["signup"] => Route::Signup,
        _ => return None,
    })
}

/// Resolves method and path: 404 for an unknown path, 405 (with `Allow`) for a method the
/// route does not take. `OPTIONS` is accepted on every route (CORS preflight).
pub fn resolve(method: &str, path: &str) -> Result<(Route, Method), Problem> {
    let route = parse_path(path).ok_or_else(Problem::not_found)?;
    match Method::parse(method) {
        Some(Method::Options) => Ok((route, Method::Options)),
        Some(m) if route.methods().contains(&m) => Ok((route, m)),
        _ => Err(Problem::method_not_allowed(&route.allow_header())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_path() {
        for r in Route::ALL {
            assert_eq!(parse_path(&r.path()), Some(r));
        }
    }

    #[test]
    fn ids_cannot_smuggle_paths_or_parameters() {
        for p in [
            "/v2/customers/1/../2",
            "/v2/customers/1%2F2",
            "/v2/customers/01",
            "/v2/customers/0",
            "/v2/customers/+1",
            "/v2/customers/1?x",
            "/v2/customers/99999999999999999999999",
            "/v3/customers/subscribers/1/",
            "/v3/customers/",
            "//v3/customers",
            "/v3/customers/validate-credentials",
            "/v2/customers/1/addresses/02",
            "/v2/customers/1/addresses/2/x",
            "",
        ] {
            assert_eq!(parse_path(p), None, "{p}");
        }
    }

    #[test]
    fn unknown_paths_are_404_and_wrong_methods_405_with_allow() {
        assert_eq!(resolve("GET", "/nope").unwrap_err().status, 404);
        let p = resolve("PATCH", "/v3/customers").unwrap_err();
        assert_eq!(p.status, 405);
        assert_eq!(
            p.headers[0],
            ("Allow".into(), "GET, POST, PUT, DELETE, OPTIONS".into())
        );
        assert_eq!(resolve("POST", "/v2/customers/3").unwrap_err().status, 405);
        assert_eq!(resolve("HEAD", "/me").unwrap(), (Route::Me, Method::Get));
        assert_eq!(resolve("OPTIONS", "/login").unwrap().1, Method::Options);
    }
}
