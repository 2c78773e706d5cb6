//! The front door, before any body is read: CORS, route, preflight, caller, access, and the
//! body's declared type and size. Pure: the glue passes the request's parts in.

use crate::auth::{authorize, identify, Caller, Grant};
use crate::config::Config;
use crate::cors::{check_origin, preflight_headers, Cors};
use crate::problem::Problem;
use crate::route::{resolve, Method, Route};

/// The parts of an incoming request the front door looks at.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// Method name.
    pub method: &'a str,
    /// URL path.
    pub path: &'a str,
    /// The edge's own origin (`https://edge.example.com`).
    pub self_origin: &'a str,
    /// `Origin`
    pub origin: Option<&'a str>,
    /// `Authorization`
    pub authorization: Option<&'a str>,
    /// `Content-Type`
    pub content_type: Option<&'a str>,
    /// `Content-Length`
    pub content_length: Option<&'a str>,
}

/// An admitted request.
#[derive(Debug, Clone, PartialEq)]
pub struct Admitted {
    /// The route.
    pub route: Route,
    /// The method.
    pub method: Method,
    /// Who calls.
    pub caller: Caller,
    /// What they may do.
    pub grant: Grant,
    /// Whether a body must be read.
    pub needs_body: bool,
}

/// What the front door decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Door {
    /// Go on.
    Admit(Admitted),
    /// A successful preflight: answer 204 with these headers.
    Preflight(Vec<(String, String)>),
}

/// Decides on a request; on refusal, the problem (the CORS outcome is returned either way so
/// that browsers can read errors).
pub fn admit(req: &Incoming<'_>, config: &Config, now_s: i64) -> (Cors, Result<Door, Problem>) {
    let cors = match check_origin(req.origin, req.self_origin, &config.allowed_origins) {
        Ok(c) => c,
        Err(p) => return (Cors::NoOrigin, Err(p)),
    };
    let result = (|| {
        let (route, method) = resolve(req.method, req.path)?;
        if method == Method::Options {
            return Ok(Door::Preflight(preflight_headers(
                &cors,
                &route.allow_header(),
            )));
        }
        let caller = identify(req.authorization, config, now_s)?;
        let grant = authorize(route, method, &caller)?;
        let needs_body = matches!(method, Method::Post | Method::Put);
        if needs_body {
            let json = req
                .content_type
                .map(|c| {
                    c.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase()
                })
                .is_some_and(|c| c == "application/json");
            if !json {
                return Err(Problem::unsupported_media_type());
            }
        }
        if let Some(len) = req.content_length {
            match len.trim().parse::<u64>() {
                Ok(n) if n as usize <= config.max_body_bytes => {}
                _ => return Err(Problem::too_large(config.max_body_bytes)),
            }
        }
        Ok(Door::Admit(Admitted {
            route,
            method,
            caller,
            grant,
            needs_body,
        }))
    })();
    (cors, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::tests::test_config;

    fn req<'a>(method: &'a str, path: &'a str) -> Incoming<'a> {
        Incoming {
            method,
            path,
            self_origin: "http://edge.test",
            origin: None,
            authorization: None,
            content_type: Some("application/json"),
            content_length: None,
        }
    }

    #[test]
    fn statuses_for_each_refusal() {
        let c = test_config();
        let status = |r: Incoming| admit(&r, &c, 0).1.unwrap_err().status;
        assert_eq!(status(req("GET", "/nope")), 404);
        assert_eq!(status(req("PATCH", "/v3/customers")), 405);
        assert_eq!(status(req("GET", "/v3/customers")), 401);
        assert_eq!(
            status(Incoming {
                origin: Some("https://evil.example"),
                ..req("POST", "/v3/customers/subscribers")
            }),
            403
        );
        assert_eq!(
            status(Incoming {
                content_type: Some("text/plain"),
                ..req("POST", "/v3/customers/subscribers")
            }),
            415
        );
        assert_eq!(
            status(Incoming {
                content_length: Some("99999999"),
                ..req("POST", "/v3/customers/subscribers")
            }),
            413
        );
        assert!(matches!(
            admit(&req("POST", "/v3/customers/subscribers"), &c, 0).1,
            Ok(Door::Admit(_))
        ));
    }

    #[test]
    fn preflight_for_allowed_origins_only() {
        let c = test_config();
        let r = Incoming {
            origin: Some("https://shop.example.com"),
            ..req("OPTIONS", "/v3/customers")
        };
        assert!(matches!(admit(&r, &c, 0).1, Ok(Door::Preflight(_))));
        let r = Incoming {
            origin: Some("https://evil.example"),
            ..req("OPTIONS", "/v3/customers")
        };
        assert_eq!(admit(&r, &c, 0).1.unwrap_err().status, 403);
    }
}
