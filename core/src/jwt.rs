//! The two JWT flows of BigCommerce's customer APIs, HS256 only, with the clock passed in.
//!
//! - **Customer Login (SSO)** (`customer_login.yml`, SUMMARY §9): the app signs a token with its
//!   client secret and sends the shopper's browser to
//!   `https://{storefront}/login/token/{jwt}`. The token is single use and only accepted for about
//!   30 s, so build it just in time: [`customer_login_token`], [`customer_login_url`]. The
//!   `redirect_to` claim must be a path on the storefront (open-redirect guard).
//! - **Current Customer** (`current_customer.yml`, SUMMARY §10): storefront JavaScript fetches
//!   `/customer/current.jwt?app_client_id=…` and hands the token to the app's server, which
//!   checks it with [`verify_current_customer`] before trusting `customer.id`. Only `HS256` is
//!   accepted (no `none`, no other algorithm), the signature is compared in constant time, and
//!   audience, issuer, operation, expiry, issue time and store are all checked.
//!
//! Errors carry stable codes ([`JwtError::code`]) and never any token content.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::Sha256;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// The largest leeway (clock skew) accepted, in seconds.
pub const MAX_LEEWAY_S: u64 = 300;
/// Tokens longer than this are rejected before any decoding.
pub const MAX_TOKEN_LEN: usize = 8 * 1024;

/// Why a token could not be built or was rejected. [`JwtError::code`] is the stable contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JwtError {
    /// Not three base64url parts of JSON objects, or a claim has the wrong type.
    Malformed,
    /// The header's `alg` is not exactly `HS256`.
    UnsupportedAlg,
    /// The signature does not match.
    BadSignature,
    /// `exp` is in the past beyond the leeway.
    Expired,
    /// `iat` (or `nbf`) is in the future beyond the leeway.
    NotYetValid,
    /// `aud` is not the expected client id.
    WrongAudience,
    /// `iss` is not `bc/apps`.
    WrongIssuer,
    /// `operation` is not the expected one.
    WrongOperation,
    /// `sub` or `store_hash` is not the expected store.
    WrongStore,
    /// A required claim is absent.
    MissingClaim,
    /// The client secret is empty.
    InvalidKey,
    /// A claim to sign is empty or unusable (client id, store hash, jti).
    InvalidClaims,
    /// `redirect_to` is not a relative path starting with a single `/`.
    InvalidRedirect,
    /// The storefront URL is not `https://…` (or `http://localhost…`).
    InvalidStorefrontUrl,
}

impl JwtError {
    /// The stable snake_case code.
    ///
    /// ```
    /// use bc_customers_core::jwt::JwtError;
    /// assert_eq!(JwtError::BadSignature.code(), "bad_signature");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            JwtError::Malformed => "malformed",
            JwtError::UnsupportedAlg => "unsupported_alg",
            JwtError::BadSignature => "bad_signature",
            JwtError::Expired => "expired",
            JwtError::NotYetValid => "not_yet_valid",
            JwtError::WrongAudience => "wrong_audience",
            JwtError::WrongIssuer => "wrong_issuer",
            JwtError::WrongOperation => "wrong_operation",
            JwtError::WrongStore => "wrong_store",
            JwtError::MissingClaim => "missing_claim",
            JwtError::InvalidKey => "invalid_key",
            JwtError::InvalidClaims => "invalid_claims",
            JwtError::InvalidRedirect => "invalid_redirect",
            JwtError::InvalidStorefrontUrl => "invalid_storefront_url",
        }
    }

    fn message(&self) -> &'static str {
        match self {
            JwtError::Malformed => "token is not a well-formed JWT",
            JwtError::UnsupportedAlg => "only `HS256` tokens are accepted",
            JwtError::BadSignature => "signature does not match",
            JwtError::Expired => "token has expired",
            JwtError::NotYetValid => "token is issued in the future",
            JwtError::WrongAudience => "token is for another app",
            JwtError::WrongIssuer => "token is not issued by BigCommerce apps",
            JwtError::WrongOperation => "token is for another operation",
            JwtError::WrongStore => "token is for another store",
            JwtError::MissingClaim => "a required claim is missing",
            JwtError::InvalidKey => "client secret must not be empty",
            JwtError::InvalidClaims => "client id, store hash and jti must not be empty",
            JwtError::InvalidRedirect => "`redirect_to` must be a path starting with `/`",
            JwtError::InvalidStorefrontUrl => {
                "storefront URL must start with `https://` (or `http://localhost`)"
            }
        }
    }
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for JwtError {}

fn mac(secret: &[u8]) -> Result<HmacSha256, JwtError> {
    if secret.is_empty() {
        return Err(JwtError::InvalidKey);
    }
    HmacSha256::new_from_slice(secret).map_err(|_| JwtError::InvalidKey)
}

/// Signs `payload` as a compact HS256 JWT with header `{"alg":"HS256","typ":"JWT"}`.
fn sign_hs256(payload: &impl Serialize, secret: &[u8]) -> Result<String, JwtError> {
    let mut m = mac(secret)?;
    let payload = serde_json::to_vec(payload).map_err(|_| JwtError::InvalidClaims)?;
    let mut token = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(payload));
    m.update(token.as_bytes());
    let sig = m.finalize().into_bytes();
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(sig));
    Ok(token)
}

// ---------------------------------------------------------------------------------------------
// Customer Login

/// What a Customer Login token says. `issued_at` (`iat`) and `jti` come from the caller: this
/// crate has no clock and no randomness (use a fresh UUID for `jti`).
#[derive(Clone, PartialEq, Eq)]
pub struct CustomerLoginClaims {
    /// The API account's client id (`iss`).
    pub client_id: String,
    /// The store (`store_hash`).
    pub store_hash: String,
    /// The customer to log in (`customer_id`).
    pub customer_id: u64,
    /// Now, in UNIX seconds (`iat`); BigCommerce accepts the token for about 30 s.
    pub issued_at: i64,
    /// A value unique to this token (`jti`).
    pub jti: String,
    /// Where to land after login, a path like `/account.php` (`redirect_to`).
    pub redirect_to: Option<String>,
    /// The shopper's IP; login is refused from any other (`request_ip`).
    pub request_ip: Option<String>,
    /// The storefront channel (`channel_id`, default 1).
    pub channel_id: Option<u64>,
    /// Use the persistent cart (`enable_persistent_cart`).
    pub enable_persistent_cart: Option<bool>,
}

impl fmt::Debug for CustomerLoginClaims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomerLoginClaims")
            .field("client_id", &self.client_id)
            .field("store_hash", &self.store_hash)
            .field("customer_id", &self.customer_id)
            .field("issued_at", &self.issued_at)
            .field("jti", &"<redacted>")
            .field(
                "redirect_to",
                &self.redirect_to.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "request_ip",
                &self.request_ip.as_ref().map(|_| "<redacted>"),
            )
            .field("channel_id", &self.channel_id)
            .field("enable_persistent_cart", &self.enable_persistent_cart)
            .finish()
    }
}

#[derive(Serialize)]
struct LoginPayload<'a> {
    iss: &'a str,
    iat: i64,
    jti: &'a str,
    operation: &'static str,
    store_hash: &'a str,
    customer_id: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_ip: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_persistent_cart: Option<bool>,
}

/// True for a path on the same site: starts with one `/`, not `//` or `/\` (which browsers read
/// as another host), no backslashes, whitespace or control characters anywhere.
fn is_relative_path(s: &str) -> bool {
    s.starts_with('/')
        && !s.starts_with("//")
        && !s.contains('\\')
        && !s.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Builds and signs a Customer Login token (HS256 with the client secret).
///
/// ```
/// use bc_customers_core::jwt::{customer_login_token, customer_login_url, CustomerLoginClaims};
/// let claims = CustomerLoginClaims {
///     client_id: "client-id".into(),
///     store_hash: "abc123".into(),
///     customer_id: 42,
///     issued_at: 1_700_000_000,
///     jti: "5f0c9c1e-9d4b-4d5e-8f2a-3c7b1a2d4e6f".into(),
///     redirect_to: Some("/account.php".into()),
///     request_ip: None,
///     channel_id: None,
///     enable_persistent_cart: None,
/// };
/// let token = customer_login_token(&claims, "secret").unwrap();
/// assert_eq!(token.split('.').count(), 3);
/// let url = customer_login_url("https://shop.example.com/", &token).unwrap();
/// assert!(url.starts_with("https://shop.example.com/login/token/eyJ"));
///
/// let evil = CustomerLoginClaims { redirect_to: Some("//evil.example".into()), ..claims };
/// assert_eq!(customer_login_token(&evil, "secret").unwrap_err().code(), "invalid_redirect");
/// ```
pub fn customer_login_token(
    claims: &CustomerLoginClaims,
    client_secret: &str,
) -> Result<String, JwtError> {
    if client_secret.is_empty() {
        return Err(JwtError::InvalidKey);
    }
    if claims.client_id.trim().is_empty()
        || claims.store_hash.trim().is_empty()
        || claims.jti.trim().is_empty()
    {
        return Err(JwtError::InvalidClaims);
    }
    if let Some(r) = &claims.redirect_to {
        if !is_relative_path(r) {
            return Err(JwtError::InvalidRedirect);
        }
    }
    let payload = LoginPayload {
        iss: &claims.client_id,
        iat: claims.issued_at,
        jti: &claims.jti,
        operation: "customer_login",
        store_hash: &claims.store_hash,
        customer_id: claims.customer_id,
        redirect_to: claims.redirect_to.as_deref(),
        request_ip: claims.request_ip.as_deref(),
        channel_id: claims.channel_id,
        enable_persistent_cart: claims.enable_persistent_cart,
    };
    sign_hs256(&payload, client_secret.as_bytes())
}

/// `{storefront}/login/token/{token}`, with trailing slashes of the storefront trimmed. The
/// storefront must be `https://host…`, or `http://localhost…` for development; anything else
/// (other schemes, credentials in the URL, a query or fragment, whitespace) is refused.
///
/// ```
/// use bc_customers_core::jwt::customer_login_url;
/// assert_eq!(customer_login_url("https://shop.example.com//", "a.b.c").unwrap(), "https://shop.example.com/login/token/a.b.c");
/// assert_eq!(customer_login_url("http://localhost:3000", "a.b.c").unwrap(), "http://localhost:3000/login/token/a.b.c");
/// assert_eq!(customer_login_url("http://shop.example.com", "a.b.c").unwrap_err().code(), "invalid_storefront_url");
/// assert_eq!(customer_login_url("javascript:alert(1)", "a.b.c").unwrap_err().code(), "invalid_storefront_url");
/// ```
pub fn customer_login_url(storefront_url: &str, token: &str) -> Result<String, JwtError> {
    let base = storefront_url.trim_end_matches('/');
    let lower = base.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        let host_end = r.find([':', '/']).unwrap_or(r.len());
        if &r[..host_end] != "localhost" {
            return Err(JwtError::InvalidStorefrontUrl);
        }
        r
    } else {
        return Err(JwtError::InvalidStorefrontUrl);
    };
    let host_end = rest.find('/').unwrap_or(rest.len());
    let bad_char =
        |c: char| c.is_control() || c.is_whitespace() || matches!(c, '?' | '#' | '@' | '\\');
    if host_end == 0 || rest.starts_with(':') || rest.chars().any(bad_char) {
        return Err(JwtError::InvalidStorefrontUrl);
    }
    let token_ok = !token.is_empty()
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !token_ok {
        return Err(JwtError::Malformed);
    }
    Ok(format!("{base}/login/token/{token}"))
}

// ---------------------------------------------------------------------------------------------
// Current Customer

/// What the verifier expects. `now` is UNIX seconds; `leeway_s` (clock skew) is capped at
/// [`MAX_LEEWAY_S`].
#[derive(Clone, Copy)]
pub struct VerifyOptions<'a> {
    /// The app's client secret (HMAC key).
    pub client_secret: &'a str,
    /// The app's client id: the token's `aud` must equal it.
    pub client_id: &'a str,
    /// The store the token must be for (`sub` and `store_hash`), when known.
    pub store_hash: Option<&'a str>,
    /// Now, in UNIX seconds.
    pub now: i64,
    /// Allowed clock skew in seconds (at most 300).
    pub leeway_s: u64,
}

impl fmt::Debug for VerifyOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("client_secret", &"<redacted>")
            .field("client_id", &self.client_id)
            .field("store_hash", &self.store_hash)
            .field("now", &self.now)
            .field("leeway_s", &self.leeway_s)
            .finish()
    }
}

/// The shopper named by a verified Current Customer token.
#[derive(Clone, PartialEq, Eq)]
pub struct CustomerIdentity {
    /// `customer.id`
    pub id: u64,
    /// `customer.email`
    pub email: String,
    /// `customer.group_id` (a string such as `"6"` in the token, or a number); `None` when
    /// absent, `null` or empty.
    pub group_id: Option<u64>,
}

impl fmt::Debug for CustomerIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomerIdentity")
            .field("id", &self.id)
            .field("email", &"<redacted>")
            .field("group_id", &self.group_id)
            .finish()
    }
}

/// A verified Current Customer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentCustomer {
    /// The shopper.
    pub customer: CustomerIdentity,
    /// `iss` (always `bc/apps`).
    pub issuer: String,
    /// `sub` (the store hash).
    pub subject: String,
    /// `aud` (your client id).
    pub audience: String,
    /// `iat`
    pub issued_at: i64,
    /// `exp`
    pub expires_at: i64,
    /// `version`, if present.
    pub version: Option<i64>,
    /// `application_id`, if present.
    pub application_id: Option<String>,
    /// `store_hash`, if present (else `sub`).
    pub store_hash: String,
}

fn decode_json_object(part: &str) -> Result<Map<String, Value>, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed)?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(JwtError::Malformed),
    }
}

fn str_claim<'a>(claims: &'a Map<String, Value>, key: &str) -> Result<&'a str, JwtError> {
    match claims.get(key) {
        None | Some(Value::Null) => Err(JwtError::MissingClaim),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(JwtError::Malformed),
    }
}

fn int_claim(claims: &Map<String, Value>, key: &str) -> Result<i64, JwtError> {
    match claims.get(key) {
        None | Some(Value::Null) => Err(JwtError::MissingClaim),
        Some(v) => v.as_i64().ok_or(JwtError::Malformed),
    }
}

fn id_value(v: Option<&Value>) -> Result<Option<u64>, JwtError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or(JwtError::Malformed),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) if s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().map(Some).map_err(|_| JwtError::Malformed)
        }
        Some(_) => Err(JwtError::Malformed),
    }
}

/// Verifies a Current Customer JWT and returns the shopper it names.
///
/// Checks, in order: shape (three base64url parts, JSON objects, at most [`MAX_TOKEN_LEN`]
/// bytes), `alg` exactly `HS256`, the signature (constant time), then `iss == "bc/apps"`,
/// `aud == client_id`, `operation == "current_customer"`, `exp` not passed and `iat`/`nbf` not
/// in the future (each beyond the leeway), `sub` and `store_hash` equal to the expected store
/// when one is given, and a `customer` with an integer `id`.
///
/// ```
/// use bc_customers_core::jwt::{verify_current_customer, VerifyOptions};
/// let opts = VerifyOptions { client_secret: "s", client_id: "c", store_hash: None, now: 0, leeway_s: 30 };
/// assert_eq!(verify_current_customer("not a jwt", &opts).unwrap_err().code(), "malformed");
/// ```
pub fn verify_current_customer(
    token: &str,
    opts: &VerifyOptions<'_>,
) -> Result<CurrentCustomer, JwtError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(JwtError::Malformed);
    }
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let header = decode_json_object(h)?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(JwtError::UnsupportedAlg);
    }
    let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| JwtError::Malformed)?;
    let mut m = mac(opts.client_secret.as_bytes())?;
    m.update(&token.as_bytes()[..h.len() + 1 + p.len()]);
    // `verify_slice` compares in constant time.
    m.verify_slice(&sig).map_err(|_| JwtError::BadSignature)?;

    let claims = decode_json_object(p)?;
    if str_claim(&claims, "iss")? != "bc/apps" {
        return Err(JwtError::WrongIssuer);
    }
    let audience = match claims.get("aud") {
        None | Some(Value::Null) => return Err(JwtError::MissingClaim),
        Some(Value::String(a)) if a == opts.client_id => a.clone(),
        Some(Value::Array(list)) if list.iter().any(|a| a.as_str() == Some(opts.client_id)) => {
            opts.client_id.to_string()
        }
        Some(Value::String(_) | Value::Array(_)) => return Err(JwtError::WrongAudience),
        Some(_) => return Err(JwtError::Malformed),
    };
    if str_claim(&claims, "operation")? != "current_customer" {
        return Err(JwtError::WrongOperation);
    }
    let leeway = i64::try_from(opts.leeway_s.min(MAX_LEEWAY_S)).unwrap_or(0);
    let expires_at = int_claim(&claims, "exp")?;
    if opts.now > expires_at.saturating_add(leeway) {
        return Err(JwtError::Expired);
    }
    let issued_at = int_claim(&claims, "iat")?;
    if issued_at > opts.now.saturating_add(leeway) {
        return Err(JwtError::NotYetValid);
    }
    if let Some(nbf) = claims.get("nbf") {
        let nbf = nbf.as_i64().ok_or(JwtError::Malformed)?;
        if nbf > opts.now.saturating_add(leeway) {
            return Err(JwtError::NotYetValid);
        }
    }
    let subject = str_claim(&claims, "sub")?.to_string();
    let store_hash = match claims.get("store_hash") {
        None | Some(Value::Null) => subject.clone(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(JwtError::Malformed),
    };
    if let Some(expected) = opts.store_hash {
        if subject != expected || store_hash != expected {
            return Err(JwtError::WrongStore);
        }
    }
    let customer = match claims.get("customer") {
        None | Some(Value::Null) => return Err(JwtError::MissingClaim),
        Some(Value::Object(c)) => c,
        Some(_) => return Err(JwtError::Malformed),
    };
    let id = id_value(customer.get("id"))?.ok_or(JwtError::MissingClaim)?;
    let email = match customer.get("email") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(e)) => e.clone(),
        Some(_) => return Err(JwtError::Malformed),
    };
    let group_id = id_value(customer.get("group_id"))?;
    let version = match claims.get("version") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_i64().ok_or(JwtError::Malformed)?),
    };
    let application_id = match claims.get("application_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(a)) => Some(a.clone()),
        Some(_) => return Err(JwtError::Malformed),
    };
    Ok(CurrentCustomer {
        customer: CustomerIdentity {
            id,
            email,
            group_id,
        },
        issuer: "bc/apps".to_string(),
        subject,
        audience,
        issued_at,
        expires_at,
        version,
        application_id,
        store_hash,
    })
}

/// Signs arbitrary claims as an HS256 JWT, for tests and local tools that need to mint a
/// Current Customer token the way BigCommerce does.
///
/// ```
/// use bc_customers_core::jwt::{sign_claims, verify_current_customer, VerifyOptions};
/// let token = sign_claims(&serde_json::json!({
///     "customer": {"id": 4927, "email": "x@example.com", "group_id": "6"},
///     "iss": "bc/apps", "sub": "abc123", "iat": 1000, "exp": 1900, "version": 1,
///     "aud": "my-client", "application_id": "app", "store_hash": "abc123",
///     "operation": "current_customer"
/// }), "my-secret").unwrap();
/// let opts = VerifyOptions { client_secret: "my-secret", client_id: "my-client", store_hash: Some("abc123"), now: 1200, leeway_s: 30 };
/// let who = verify_current_customer(&token, &opts).unwrap();
/// assert_eq!((who.customer.id, who.customer.group_id), (4927, Some(6)));
/// ```
pub fn sign_claims(claims: &Value, client_secret: &str) -> Result<String, JwtError> {
    sign_hs256(claims, client_secret.as_bytes())
}
