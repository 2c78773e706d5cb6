//! The only code that touches the Workers runtime: read the request, call the pure functions,
//! do the upstream fetch, write the response.

use crate::config::Config;
use crate::problem::Problem;
use crate::subscribers::{decide_create, CreateDecision};
use worker::*;

fn problem_response(p: &Problem) -> Result<Response> {
    Ok(Response::from_json(&p.body)?.with_status(p.status))
}

fn lookup(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
}

#[event(fetch)]
async fn fetch(mut req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let config = match Config::from_lookup(|name| lookup(&env, name)) {
        Ok(c) => c,
        Err(p) => return problem_response(&p),
    };
    let url = req.url()?;
    match (req.method(), url.path()) {
        (Method::Post, "/v3/customers/subscribers") => {
            let text = req.text().await?;
            match decide_create(&text) {
                CreateDecision::Reject(p) => problem_response(&p),
                CreateDecision::Forward { body, .. } => {
                    let headers = Headers::new();
                    headers.set("X-Auth-Token", &config.access_token)?;
                    headers.set("Content-Type", "application/json")?;
                    headers.set("Accept", "application/json")?;
                    let mut init = RequestInit::new();
                    init.with_method(Method::Post)
                        .with_headers(headers)
                        .with_body(Some(body.to_string().into()));
                    let upstream = Request::new_with_init(
                        &config.upstream_url("/v3/customers/subscribers", ""),
                        &init,
                    )?;
                    let mut resp = Fetch::Request(upstream).send().await?;
                    let status = resp.status_code();
                    let text = resp.text().await?;
                    let out = Response::ok(text)?.with_status(status);
                    out.headers().set("Content-Type", "application/json")?;
                    out.headers().set("X-Upstream-Calls", "1")?;
                    Ok(out)
                }
            }
        }
        _ => problem_response(&Problem::new(404, "not_found", "no such route", &[])),
    }
}
