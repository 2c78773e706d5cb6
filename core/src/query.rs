//! Typed query strings for BigCommerce's list and delete filters, and a strict parser for the
//! V3 customer list query that the edge accepts from callers.
//!
//! BigCommerce's filter syntax ([`SUMMARY.md` §3.4](../../../shared/reference/bigcommerce/SUMMARY.md)):
//! `field=value`, `field:min` / `field:max`, `field:like`, and `field:in=a,b,c` where the list is
//! one comma-separated value (`style: form, explode: false`), never repeated keys. Keys are written
//! as-is (the colon in `id:in` stays a colon); every value item is percent-encoded on its own, so
//! a comma *inside* an item becomes `%2C` while the separators stay literal commas.
//!
//! - V3 customers (`GET /v3/customers`): [`CustomerQuery`], parsed from caller input by
//!   [`parse_v3_customer_query`].
//! - V3 addresses, attributes, attribute values, form-field values: [`AddressQuery`],
//!   [`AttributeQuery`], [`AttributeValueQuery`], [`FormFieldValueQuery`].
//! - V3 subscribers (`subscribers.v3.yml`): [`SubscriberQuery`] for lists and the separate
//!   [`SubscriberDeleteFilter`] for deletes (BigCommerce deletes *every* subscriber when the
//!   filter is empty, so an empty one is refused; see [`crate::request`]).
//! - V2 customers (`customers.v2.yml`): [`V2CustomerQuery`] with `min_`/`max_` filters and
//!   RFC 2822 dates ([`Rfc2822Date`]); V2 customer groups: [`CustomerGroupQuery`].
//!
//! Every `to_query_string` returns the query without the leading `?`, or the list of problems
//! (codes `conflicting_parameters`, `invalid_parameter`); nothing here panics on any input.

use crate::issue::{push_index, push_key, Issue};
use std::fmt::Write as _;

/// The largest `limit` accepted. BigCommerce documents 250 for V2 lists and for product lists;
/// the customer specs state no maximum, so we use the same practical cap.
pub const MAX_LIMIT: u32 = 250;

/// Percent-encodes one query value or value item (RFC 3986): everything except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` (UTF-8 bytes, upper-case hex), so spaces are
/// `%20`, `+` is `%2B` and `,` is `%2C`.
///
/// ```
/// use bc_customers_core::query::percent_encode;
/// assert_eq!(percent_encode("a+b c,d@e.co"), "a%2Bb%20c%2Cd%40e.co");
/// assert_eq!(percent_encode("Zoë"), "Zo%C3%AB");
/// ```
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Decodes one percent-encoded query component. `+` means a space (as
/// `application/x-www-form-urlencoded` and the browser's `URLSearchParams` write it, which
/// encode a real plus as `%2B`). Returns `None` for a broken escape or bytes that are not UTF-8.
///
/// ```
/// use bc_customers_core::query::percent_decode;
/// assert_eq!(percent_decode("a%2Bb+c%2Cd").as_deref(), Some("a+b c,d"));
/// assert_eq!(percent_decode("%zz"), None);
/// ```
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = hex_value(*bytes.get(i + 1)?)?;
                let lo = hex_value(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A date or date-time accepted by V3 date filters: `2024-05-14`, `2024-05-14T09:34:00`, with
/// optional fractional seconds and an optional zone (`Z`, `+02:00`).
///
/// ```
/// use bc_customers_core::query::V3Date;
/// assert!(V3Date::parse("2024-05-14").is_some());
/// assert!(V3Date::parse("2024-05-14T09:34:00Z").is_some());
/// assert!(V3Date::parse("2024-02-30").is_none());
/// assert!(V3Date::parse("yesterday").is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct V3Date(String);

impl V3Date {
    /// Checks and wraps a V3 filter date; `None` when it is not one.
    pub fn parse(s: &str) -> Option<V3Date> {
        if is_v3_date(s) {
            Some(V3Date(s.to_string()))
        } else {
            None
        }
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn digits(s: &[u8], n: usize) -> Option<u32> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        s[..n]
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0')),
    )
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_v3_date(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(y), Some(m), Some(d)) = (
        digits(b, 4),
        b.get(5..).and_then(|r| digits(r, 2)),
        b.get(8..).and_then(|r| digits(r, 2)),
    ) else {
        return false;
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return false;
    }
    let rest = &b[10..];
    if rest.is_empty() {
        return true;
    }
    if rest[0] != b'T' && rest[0] != b't' {
        return false;
    }
    let t = &rest[1..];
    let (Some(hh), Some(mm)) = (digits(t, 2), t.get(3..).and_then(|r| digits(r, 2))) else {
        return false;
    };
    if t.get(2) != Some(&b':') || hh > 23 || mm > 59 {
        return false;
    }
    let mut i = 5;
    if t.get(i) == Some(&b':') {
        match t.get(i + 1..).and_then(|r| digits(r, 2)) {
            Some(ss) if ss <= 60 => i += 3,
            _ => return false,
        }
        if t.get(i) == Some(&b'.') {
            let n = t[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            i += 1 + n;
        }
    }
    match &t[i..] {
        [] | [b'Z'] | [b'z'] => true,
        [sign, zone @ ..] if *sign == b'+' || *sign == b'-' => {
            zone.len() == 5
                && zone[2] == b':'
                && digits(zone, 2).is_some_and(|h| h <= 23)
                && digits(&zone[3..], 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// An RFC 2822 date as V2 filters take it, e.g. `Wed, 10 Jan 2018 21:02:23 +0000`.
///
/// ```
/// use bc_customers_core::query::Rfc2822Date;
/// let d = Rfc2822Date::from_unix(1_515_618_143);
/// assert_eq!(d.as_str(), "Wed, 10 Jan 2018 21:02:23 +0000");
/// assert_eq!(Rfc2822Date::parse("Wed, 10 Jan 2018 21:02:23 +0000"), Some(d));
/// assert_eq!(Rfc2822Date::parse("2018-01-10"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rfc2822Date(String);

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Rfc2822Date {
    /// Checks and wraps `Ddd, DD Mon YYYY HH:MM:SS +ZZZZ` (day may have one digit); `None`
    /// otherwise.
    pub fn parse(s: &str) -> Option<Rfc2822Date> {
        let mut parts = s.split(' ');
        let weekday = parts.next()?.strip_suffix(',')?;
        let (day, month, year, time, zone) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        if parts.next().is_some() || !WEEKDAYS.contains(&weekday) {
            return None;
        }
        let month_no = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
        let year_no = (year.len() == 4).then(|| digits(year.as_bytes(), 4))??;
        let day_no = match day.len() {
            1 | 2 => digits(day.as_bytes(), day.len())?,
            _ => return None,
        };
        if day_no == 0 || day_no > days_in_month(year_no, month_no) {
            return None;
        }
        let t = time.as_bytes();
        let ok_time = t.len() == 8
            && t[2] == b':'
            && t[5] == b':'
            && digits(t, 2).is_some_and(|h| h <= 23)
            && digits(&t[3..], 2).is_some_and(|m| m <= 59)
            && digits(&t[6..], 2).is_some_and(|s| s <= 60);
        let z = zone.as_bytes();
        let ok_zone =
            z.len() == 5 && (z[0] == b'+' || z[0] == b'-') && digits(&z[1..], 4).is_some();
        (ok_time && ok_zone).then(|| Rfc2822Date(s.to_string()))
    }

    /// Formats a UNIX time (seconds, UTC) the way V2 writes dates.
    pub fn from_unix(secs: i64) -> Rfc2822Date {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        // 1970-01-01 was a Thursday (index 3 from Monday).
        let weekday = WEEKDAYS[(days + 3).rem_euclid(7) as usize];
        let month = MONTHS[(m - 1).clamp(0, 11) as usize];
        Rfc2822Date(format!(
            "{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} +0000",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        ))
    }

    /// The date as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A V3 date filter: exact (`field=`), from (`field:min=`) and until (`field:max=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateFilter {
    /// `field=` (that day or instant).
    pub on: Option<V3Date>,
    /// `field:min=` (on or after).
    pub min: Option<V3Date>,
    /// `field:max=` (on or before).
    pub max: Option<V3Date>,
}

impl DateFilter {
    fn is_empty(&self) -> bool {
        self.on.is_none() && self.min.is_none() && self.max.is_none()
    }

    fn write(&self, w: &mut Writer, key: &'static str, min: &'static str, max: &'static str) {
        w.opt(key, self.on.as_ref().map(V3Date::as_str));
        w.opt(min, self.min.as_ref().map(V3Date::as_str));
        w.opt(max, self.max.as_ref().map(V3Date::as_str));
    }
}

// ---------------------------------------------------------------------------------------------
// Writer

/// Accumulates `key=value` pairs and the problems found on the way.
#[derive(Default)]
struct Writer {
    out: String,
    issues: Vec<Issue>,
}

impl Writer {
    fn key(&mut self, key: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(key);
        self.out.push('=');
    }

    fn one(&mut self, key: &'static str, value: &str) {
        if value.is_empty() {
            self.issue(key, None, "invalid_parameter", "value must not be empty");
        }
        self.key(key);
        self.out.push_str(&percent_encode(value));
    }

    fn opt(&mut self, key: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.one(key, v);
        }
    }

    fn num(&mut self, key: &'static str, value: Option<u64>) {
        if let Some(v) = value {
            self.key(key);
            let _ = write!(self.out, "{v}");
        }
    }

    fn flag(&mut self, key: &'static str, value: Option<bool>) {
        if let Some(v) = value {
            self.key(key);
            self.out.push_str(if v { "true" } else { "false" });
        }
    }

    fn csv<S: AsRef<str>>(&mut self, key: &'static str, items: &[S]) {
        if items.is_empty() {
            return;
        }
        self.key(key);
        for (i, item) in items.iter().enumerate() {
            let item = item.as_ref();
            if item.is_empty() {
                self.issue(
                    key,
                    Some(i),
                    "invalid_parameter",
                    "list items must not be empty",
                );
            }
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&percent_encode(item));
        }
    }

    fn ids(&mut self, key: &'static str, ids: &[u64]) {
        if ids.is_empty() {
            return;
        }
        self.key(key);
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let _ = write!(self.out, "{id}");
        }
    }

    fn paging(&mut self, page: Option<u32>, limit: Option<u32>) {
        if page == Some(0) {
            self.issue("page", None, "invalid_parameter", "`page` starts at 1");
        }
        if let Some(l) = limit {
            if l == 0 || l > MAX_LIMIT {
                self.issue(
                    "limit",
                    None,
                    "invalid_parameter",
                    "`limit` must be between 1 and 250",
                );
            }
        }
        self.num("page", page.map(u64::from));
        self.num("limit", limit.map(u64::from));
    }

    fn cursors(&mut self, before: &Option<String>, after: &Option<String>) {
        if before.is_some() && after.is_some() {
            self.issue(
                "",
                None,
                "conflicting_parameters",
                "`before` and `after` cannot be combined",
            );
        }
        self.opt("before", before.as_deref());
        self.opt("after", after.as_deref());
    }

    fn issue(&mut self, key: &str, index: Option<usize>, code: &str, message: &str) {
        let mut path = String::new();
        if !key.is_empty() {
            push_key(&mut path, key);
        }
        if let Some(i) = index {
            push_index(&mut path, i);
        }
        self.issues.push(Issue::new(path, code, message));
    }

    fn finish(self) -> Result<String, Vec<Issue>> {
        if self.issues.is_empty() {
            Ok(self.out)
        } else {
            Err(self.issues)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// V3 customers

/// Sub-resources `GET /v3/customers` can embed (`include=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerInclude {
    /// `addresses`
    Addresses,
    /// `storecredit`
    StoreCredit,
    /// `attributes` (customer and address attributes)
    Attributes,
    /// `formfields` (customer and address form fields)
    FormFields,
    /// `shopper_profile_id` (beta)
    ShopperProfileId,
    /// `segment_ids` (beta)
    SegmentIds,
}

impl CustomerInclude {
    /// Every value, in the spec's order.
    pub const ALL: [CustomerInclude; 6] = [
        CustomerInclude::Addresses,
        CustomerInclude::StoreCredit,
        CustomerInclude::Attributes,
        CustomerInclude::FormFields,
        CustomerInclude::ShopperProfileId,
        CustomerInclude::SegmentIds,
    ];

    /// The value as BigCommerce spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerInclude::Addresses => "addresses",
            CustomerInclude::StoreCredit => "storecredit",
            CustomerInclude::Attributes => "attributes",
            CustomerInclude::FormFields => "formfields",
            CustomerInclude::ShopperProfileId => "shopper_profile_id",
            CustomerInclude::SegmentIds => "segment_ids",
        }
    }

    /// Looks a value up by its spelling.
    pub fn from_name(s: &str) -> Option<CustomerInclude> {
        Self::ALL.into_iter().find(|i| i.as_str() == s)
    }
}

/// Orders `GET /v3/customers` accepts (`sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CustomerSort {
    /// `date_created:asc`
    DateCreatedAsc,
    /// `date_created:desc`
    DateCreatedDesc,
    /// `last_name:asc`
    LastNameAsc,
    /// `last_name:desc`
    LastNameDesc,
    /// `date_modified:asc`
    DateModifiedAsc,
    /// `date_modified:desc`
    DateModifiedDesc,
}

impl CustomerSort {
    /// Every value, in the spec's order.
    pub const ALL: [CustomerSort; 6] = [
        CustomerSort::DateCreatedAsc,
        CustomerSort::DateCreatedDesc,
        CustomerSort::LastNameAsc,
        CustomerSort::LastNameDesc,
        CustomerSort::DateModifiedAsc,
        CustomerSort::DateModifiedDesc,
    ];

    /// The value as BigCommerce spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CustomerSort::DateCreatedAsc => "date_created:asc",
            CustomerSort::DateCreatedDesc => "date_created:desc",
            CustomerSort::LastNameAsc => "last_name:asc",
            CustomerSort::LastNameDesc => "last_name:desc",
            CustomerSort::DateModifiedAsc => "date_modified:asc",
            CustomerSort::DateModifiedDesc => "date_modified:desc",
        }
    }

    /// Looks a value up by its spelling.
    pub fn from_name(s: &str) -> Option<CustomerSort> {
        Self::ALL.into_iter().find(|i| i.as_str() == s)
    }
}

/// The query of `GET /v3/customers` (SUMMARY §4.1). Build it with the chained setters or fill the
/// public fields; [`CustomerQuery::to_query_string`] checks and renders it.
///
/// ```
/// use bc_customers_core::query::{CustomerInclude, CustomerQuery, CustomerSort};
/// let q = CustomerQuery::new()
///     .email_in(["a+b@example.com", "c@example.com"])
///     .name_like(["van der"])
///     .include(CustomerInclude::Addresses)
///     .include(CustomerInclude::Attributes)
///     .sort(CustomerSort::LastNameAsc)
///     .limit(50);
/// assert_eq!(
///     q.to_query_string().unwrap(),
///     "email:in=a%2Bb%40example.com,c%40example.com&name:like=van%20der\
///      &include=addresses,attributes&sort=last_name:asc&limit=50"
/// );
/// let both = CustomerQuery::new().after("eyJpZCI6MjA0fQ").before("aWQ6Nw==");
/// assert_eq!(both.to_query_string().unwrap_err()[0].code, "conflicting_parameters");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    /// `id:in`
    pub id_in: Vec<u64>,
    /// `email:in`
    pub email_in: Vec<String>,
    /// `name:in` (first and last name joined by a space, e.g. `james moriarty`)
    pub name_in: Vec<String>,
    /// `name:like` (substring of first + last name)
    pub name_like: Vec<String>,
    /// `company:in`
    pub company_in: Vec<String>,
    /// `customer_group_id:in`
    pub customer_group_id_in: Vec<u64>,
    /// `phone:in`
    pub phone_in: Vec<String>,
    /// `registration_ip_address:in` (the spec types the items as integers; they are IP strings)
    pub registration_ip_address_in: Vec<String>,
    /// `date_created`, `date_created:min`, `date_created:max`
    pub date_created: DateFilter,
    /// `date_modified`, `date_modified:min`, `date_modified:max`
    pub date_modified: DateFilter,
    /// `include` (rendered in the order given, without repeats)
    pub include: Vec<CustomerInclude>,
    /// `sort`
    pub sort: Option<CustomerSort>,
    /// `page` (1-based; BigCommerce ignores it when a cursor is given)
    pub page: Option<u32>,
    /// `limit` (1..=250)
    pub limit: Option<u32>,
    /// `before` cursor (a `start_cursor`); cannot be combined with `after`
    pub before: Option<String>,
    /// `after` cursor (an `end_cursor`); cannot be combined with `before`
    pub after: Option<String>,
}

fn strings<I, S>(items: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    items.into_iter().map(Into::into).collect()
}

impl CustomerQuery {
    /// An empty query (every customer, BigCommerce's default page).
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds to `id:in`.
    pub fn id_in(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.id_in.extend(ids);
        self
    }
    /// Adds to `email:in`.
    pub fn email_in<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.email_in.extend(strings(v));
        self
    }
    /// Adds to `name:in`.
    pub fn name_in<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.name_in.extend(strings(v));
        self
    }
    /// Adds to `name:like`.
    pub fn name_like<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.name_like.extend(strings(v));
        self
    }
    /// Adds to `company:in`.
    pub fn company_in<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.company_in.extend(strings(v));
        self
    }
    /// Adds to `customer_group_id:in`.
    pub fn customer_group_id_in(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
        self.customer_group_id_in.extend(ids);
        self
    }
    /// Adds to `phone:in`.
    pub fn phone_in<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.phone_in.extend(strings(v));
        self
    }
    /// Adds to `registration_ip_address:in`.
    pub fn registration_ip_address_in<S: Into<String>>(
        mut self,
        v: impl IntoIterator<Item = S>,
    ) -> Self {
        self.registration_ip_address_in.extend(strings(v));
        self
    }
    /// Sets the `date_created` filters.
    pub fn date_created(mut self, filter: DateFilter) -> Self {
        self.date_created = filter;
        self
    }
    /// Sets the `date_modified` filters.
    pub fn date_modified(mut self, filter: DateFilter) -> Self {
        self.date_modified = filter;
        self
    }
    /// Adds one `include` value.
    pub fn include(mut self, what: CustomerInclude) -> Self {
        self.include.push(what);
        self
    }
    /// Sets `sort`.
    pub fn sort(mut self, sort: CustomerSort) -> Self {
        self.sort = Some(sort);
        self
    }
    /// Sets `page`.
    pub fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }
    /// Sets `limit`.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// Sets the `before` cursor.
    pub fn before(mut self, cursor: impl Into<String>) -> Self {
        self.before = Some(cursor.into());
        self
    }
    /// Sets the `after` cursor.
    pub fn after(mut self, cursor: impl Into<String>) -> Self {
        self.after = Some(cursor.into());
        self
    }

    /// Checks the query and renders it (no leading `?`).
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.ids("id:in", &self.id_in);
        w.csv("email:in", &self.email_in);
        w.csv("name:in", &self.name_in);
        w.csv("name:like", &self.name_like);
        w.csv("company:in", &self.company_in);
        w.ids("customer_group_id:in", &self.customer_group_id_in);
        w.csv("phone:in", &self.phone_in);
        w.csv(
            "registration_ip_address:in",
            &self.registration_ip_address_in,
        );
        self.date_created.write(
            &mut w,
            "date_created",
            "date_created:min",
            "date_created:max",
        );
        self.date_modified.write(
            &mut w,
            "date_modified",
            "date_modified:min",
            "date_modified:max",
        );
        let mut include: Vec<&str> = Vec::new();
        for i in &self.include {
            if !include.contains(&i.as_str()) {
                include.push(i.as_str());
            }
        }
        w.csv("include", &include);
        if let Some(sort) = self.sort {
            // A fixed value; the colon is written as BigCommerce documents it.
            w.key("sort");
            w.out.push_str(sort.as_str());
        }
        w.paging(self.page, self.limit);
        w.cursors(&self.before, &self.after);
        w.finish()
    }
}

/// Parses a caller's query string for `GET /v3/customers`, accepting only the parameters that
/// endpoint documents, so that nothing else can be smuggled upstream. A leading `?` is allowed;
/// values are percent-decoded (`+` is a space); list values are split on literal commas *before*
/// decoding, so `%2C` stays inside an item.
///
/// Codes: `unknown_parameter`, `invalid_parameter` (bad encoding, empty value, bad number, date,
/// `include` or `sort` value), `duplicate_parameter`, `conflicting_parameters` (`before` with
/// `after`). Paths name the parameter (and the list item, `email:in[2]`); values are never echoed.
///
/// ```
/// use bc_customers_core::query::{parse_v3_customer_query, CustomerInclude};
/// let q = parse_v3_customer_query("?email:in=a%2Bb%40example.com,c%40example.com&include=addresses").unwrap();
/// assert_eq!(q.email_in, ["a+b@example.com", "c@example.com"]);
/// assert_eq!(q.include, [CustomerInclude::Addresses]);
/// assert_eq!(q.to_query_string().unwrap(), "email:in=a%2Bb%40example.com,c%40example.com&include=addresses");
///
/// let issues = parse_v3_customer_query("limit=10&store_hash=abc").unwrap_err();
/// assert_eq!(issues[0].code, "unknown_parameter");
/// ```
pub fn parse_v3_customer_query(query: &str) -> Result<CustomerQuery, Vec<Issue>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut q = CustomerQuery::default();
    let mut issues = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(key) = percent_decode(raw_key) else {
            issues.push(Issue::new(
                "",
                "invalid_parameter",
                "malformed parameter name encoding",
            ));
            continue;
        };
        let mut path = String::new();
        push_key(&mut path, &key);
        if !is_customer_param(&key) {
            issues.push(Issue::new(
                path,
                "unknown_parameter",
                "`GET /v3/customers` does not accept this parameter",
            ));
            continue;
        }
        if seen.contains(&key) {
            issues.push(Issue::new(
                path,
                "duplicate_parameter",
                "parameter given more than once; give a list as one comma-separated value",
            ));
            continue;
        }
        seen.push(key.clone());
        let mut p = Parse {
            path: &path,
            issues: &mut issues,
        };
        match key.as_str() {
            "id:in" => q.id_in = p.id_list(raw_value),
            "email:in" => q.email_in = p.list(raw_value),
            "name:in" => q.name_in = p.list(raw_value),
            "name:like" => q.name_like = p.list(raw_value),
            "company:in" => q.company_in = p.list(raw_value),
            "customer_group_id:in" => q.customer_group_id_in = p.id_list(raw_value),
            "phone:in" => q.phone_in = p.list(raw_value),
            "registration_ip_address:in" => q.registration_ip_address_in = p.list(raw_value),
            "date_created" => q.date_created.on = p.date(raw_value),
            "date_created:min" => q.date_created.min = p.date(raw_value),
            "date_created:max" => q.date_created.max = p.date(raw_value),
            "date_modified" => q.date_modified.on = p.date(raw_value),
            "date_modified:min" => q.date_modified.min = p.date(raw_value),
            "date_modified:max" => q.date_modified.max = p.date(raw_value),
            "include" => {
                let items = p.list(raw_value);
                for (i, item) in items.iter().enumerate() {
                    match CustomerInclude::from_name(item) {
                        Some(inc) => q.include.push(inc),
                        None => p.item_issue(i, "unknown `include` value"),
                    }
                }
            }
            "sort" => {
                if let Some(v) = p.single(raw_value) {
                    q.sort = CustomerSort::from_name(&v);
                    if q.sort.is_none() {
                        p.issue("unknown `sort` value");
                    }
                }
            }
            "page" => q.page = p.number(raw_value, 1, u32::MAX),
            "limit" => q.limit = p.number(raw_value, 1, MAX_LIMIT),
            "before" => q.before = p.single(raw_value),
            "after" => q.after = p.single(raw_value),
            _ => {}
        }
    }
    if q.before.is_some() && q.after.is_some() {
        issues.push(Issue::new(
            "",
            "conflicting_parameters",
            "`before` and `after` cannot be combined",
        ));
    }
    if issues.is_empty() {
        Ok(q)
    } else {
        Err(issues)
    }
}

const CUSTOMER_PARAMS: &[&str] = &[
    "id:in",
    "email:in",
    "name:in",
    "name:like",
    "company:in",
    "customer_group_id:in",
    "phone:in",
    "registration_ip_address:in",
    "date_created",
    "date_created:min",
    "date_created:max",
    "date_modified",
    "date_modified:min",
    "date_modified:max",
    "include",
    "sort",
    "page",
    "limit",
    "before",
    "after",
];

fn is_customer_param(key: &str) -> bool {
    CUSTOMER_PARAMS.contains(&key)
}

struct Parse<'a> {
    path: &'a str,
    issues: &'a mut Vec<Issue>,
}

impl Parse<'_> {
    fn issue(&mut self, message: &str) {
        self.issues
            .push(Issue::new(self.path, "invalid_parameter", message));
    }

    fn item_issue(&mut self, index: usize, message: &str) {
        let mut path = self.path.to_string();
        push_index(&mut path, index);
        self.issues
            .push(Issue::new(path, "invalid_parameter", message));
    }

    fn single(&mut self, raw: &str) -> Option<String> {
        match percent_decode(raw) {
            None => {
                self.issue("malformed percent-encoding");
                None
            }
            Some(v) if v.is_empty() => {
                self.issue("value must not be empty");
                None
            }
            Some(v) => Some(v),
        }
    }

    fn list(&mut self, raw: &str) -> Vec<String> {
        if raw.is_empty() {
            self.issue("value must not be empty");
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, item) in raw.split(',').enumerate() {
            match percent_decode(item) {
                Some(v) if !v.is_empty() => out.push(v),
                Some(_) => self.item_issue(i, "list items must not be empty"),
                None => self.item_issue(i, "malformed percent-encoding"),
            }
        }
        out
    }

    fn id_list(&mut self, raw: &str) -> Vec<u64> {
        let items = self.list(raw);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.parse::<u64>() {
                Ok(n) if n > 0 && item.bytes().all(|b| b.is_ascii_digit()) => out.push(n),
                _ => self.item_issue(i, "expected a positive integer id"),
            }
        }
        out
    }

    fn number(&mut self, raw: &str, min: u32, max: u32) -> Option<u32> {
        let v = self.single(raw)?;
        match v.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) && v.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                self.issue("number out of range or not a whole number");
                None
            }
        }
    }

    fn date(&mut self, raw: &str) -> Option<V3Date> {
        let v = self.single(raw)?;
        let d = V3Date::parse(&v);
        if d.is_none() {
            self.issue("expected a date like 2024-05-14 or 2024-05-14T09:34:00");
        }
        d
    }
}

// ---------------------------------------------------------------------------------------------
// V3 addresses, attributes, attribute values, form-field values

/// The query of `GET /v3/customers/addresses` (SUMMARY §4.6; offset pagination only).
///
/// ```
/// use bc_customers_core::query::AddressQuery;
/// let q = AddressQuery { customer_id_in: vec![1, 2], include_form_fields: true, ..Default::default() };
/// assert_eq!(q.to_query_string().unwrap(), "customer_id:in=1,2&include=formfields");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressQuery {
    /// `id:in` (address ids)
    pub id_in: Vec<u64>,
    /// `customer_id:in`
    pub customer_id_in: Vec<u64>,
    /// `company:in`
    pub company_in: Vec<String>,
    /// `name:in` (first and last name)
    pub name_in: Vec<String>,
    /// `include=formfields`
    pub include_form_fields: bool,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl AddressQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.ids("id:in", &self.id_in);
        w.ids("customer_id:in", &self.customer_id_in);
        w.csv("company:in", &self.company_in);
        w.csv("name:in", &self.name_in);
        if self.include_form_fields {
            w.one("include", "formfields");
        }
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// The type of a customer attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttributeType {
    /// `string`
    String,
    /// `number`
    Number,
    /// `date`
    Date,
}

impl AttributeType {
    /// The value as BigCommerce spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeType::String => "string",
            AttributeType::Number => "number",
            AttributeType::Date => "date",
        }
    }
}

/// The query of `GET /v3/customers/attributes` (SUMMARY §4.7).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeQuery {
    /// `name` (exact)
    pub name: Option<String>,
    /// `name:like`
    pub name_like: Option<String>,
    /// `type`
    pub attribute_type: Option<AttributeType>,
    /// `date_created` filters
    pub date_created: DateFilter,
    /// `date_modified` filters
    pub date_modified: DateFilter,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl AttributeQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.opt("name", self.name.as_deref());
        w.opt("name:like", self.name_like.as_deref());
        w.opt("type", self.attribute_type.map(AttributeType::as_str));
        self.date_created.write(
            &mut w,
            "date_created",
            "date_created:min",
            "date_created:max",
        );
        self.date_modified.write(
            &mut w,
            "date_modified",
            "date_modified:min",
            "date_modified:max",
        );
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// The query of `GET /v3/customers/attribute-values` (SUMMARY §4.8).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeValueQuery {
    /// `customer_id:in`
    pub customer_id_in: Vec<u64>,
    /// `attribute_id:in`
    pub attribute_id_in: Vec<u64>,
    /// `name` (the attribute's name)
    pub name: Option<String>,
    /// `date_created` filters
    pub date_created: DateFilter,
    /// `date_modified` filters
    pub date_modified: DateFilter,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl AttributeValueQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.ids("customer_id:in", &self.customer_id_in);
        w.ids("attribute_id:in", &self.attribute_id_in);
        w.opt("name", self.name.as_deref());
        self.date_created.write(
            &mut w,
            "date_created",
            "date_created:min",
            "date_created:max",
        );
        self.date_modified.write(
            &mut w,
            "date_modified",
            "date_modified:min",
            "date_modified:max",
        );
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// Form-field kinds `GET /v3/customers/form-field-values` filters on (`field_type=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormFieldType {
    /// `checkboxes`
    Checkboxes,
    /// `date`
    Date,
    /// `multiline`
    Multiline,
    /// `numbers`
    Numbers,
    /// `password`
    Password,
    /// `radiobuttons`
    RadioButtons,
    /// `text`
    Text,
    /// `picklist`
    Picklist,
}

impl FormFieldType {
    /// The value as BigCommerce spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            FormFieldType::Checkboxes => "checkboxes",
            FormFieldType::Date => "date",
            FormFieldType::Multiline => "multiline",
            FormFieldType::Numbers => "numbers",
            FormFieldType::Password => "password",
            FormFieldType::RadioButtons => "radiobuttons",
            FormFieldType::Text => "text",
            FormFieldType::Picklist => "picklist",
        }
    }
}

/// The query of `GET /v3/customers/form-field-values` (SUMMARY §4.9; cursor pagination).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormFieldValueQuery {
    /// `customer_id`
    pub customer_id: Option<u64>,
    /// `address_id`
    pub address_id: Option<u64>,
    /// `field_name`
    pub field_name: Option<String>,
    /// `field_type`
    pub field_type: Option<FormFieldType>,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
    /// `before` cursor; cannot be combined with `after`
    pub before: Option<String>,
    /// `after` cursor; cannot be combined with `before`
    pub after: Option<String>,
}

impl FormFieldValueQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.num("customer_id", self.customer_id);
        w.num("address_id", self.address_id);
        w.opt("field_name", self.field_name.as_deref());
        w.opt("field_type", self.field_type.map(FormFieldType::as_str));
        w.paging(self.page, self.limit);
        w.cursors(&self.before, &self.after);
        w.finish()
    }
}

// ---------------------------------------------------------------------------------------------
// V3 subscribers

/// The query of `GET /v3/customers/subscribers` (SUMMARY §6; offset pagination).
///
/// ```
/// use bc_customers_core::query::SubscriberQuery;
/// let q = SubscriberQuery { source: Some("custom".into()), id_in: vec![3, 4], ..Default::default() };
/// assert_eq!(q.to_query_string().unwrap(), "source=custom&id:in=3,4");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriberQuery {
    /// `email`
    pub email: Option<String>,
    /// `first_name`
    pub first_name: Option<String>,
    /// `last_name`
    pub last_name: Option<String>,
    /// `source` (`storefront`, `order`, `custom`, or anything else the store wrote)
    pub source: Option<String>,
    /// `order_id`
    pub order_id: Option<u64>,
    /// `date_created` filters
    pub date_created: DateFilter,
    /// `date_modified` filters
    pub date_modified: DateFilter,
    /// `id`
    pub id: Option<u64>,
    /// `id:in`
    pub id_in: Vec<u64>,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl SubscriberQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.opt("email", self.email.as_deref());
        w.opt("first_name", self.first_name.as_deref());
        w.opt("last_name", self.last_name.as_deref());
        w.opt("source", self.source.as_deref());
        w.num("order_id", self.order_id);
        self.date_created.write(
            &mut w,
            "date_created",
            "date_created:min",
            "date_created:max",
        );
        self.date_modified.write(
            &mut w,
            "date_modified",
            "date_modified:min",
            "date_modified:max",
        );
        w.num("id", self.id);
        w.ids("id:in", &self.id_in);
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// The filter of `DELETE /v3/customers/subscribers`. BigCommerce deletes **every** subscriber
/// when no filter is given, so an empty filter is an error here; the delete-everything call is
/// [`crate::request::v3::delete_all_subscribers_unfiltered`].
///
/// ```
/// use bc_customers_core::query::SubscriberDeleteFilter;
/// assert_eq!(SubscriberDeleteFilter::default().to_query_string().unwrap_err()[0].code, "empty_filter");
/// let f = SubscriberDeleteFilter { source: Some("custom".into()), ..Default::default() };
/// assert_eq!(f.to_query_string().unwrap(), "source=custom");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriberDeleteFilter {
    /// `email`
    pub email: Option<String>,
    /// `first_name`
    pub first_name: Option<String>,
    /// `last_name`
    pub last_name: Option<String>,
    /// `source`
    pub source: Option<String>,
    /// `order_id`
    pub order_id: Option<u64>,
    /// `date_created`
    pub date_created: Option<V3Date>,
    /// `date_modified`
    pub date_modified: Option<V3Date>,
}

impl SubscriberDeleteFilter {
    /// True when nothing would be filtered (the request would delete every subscriber).
    pub fn is_empty(&self) -> bool {
        self.email.is_none()
            && self.first_name.is_none()
            && self.last_name.is_none()
            && self.source.is_none()
            && self.order_id.is_none()
            && self.date_created.is_none()
            && self.date_modified.is_none()
    }

    /// Checks the filter (it must not be empty; code `empty_filter`) and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        if self.is_empty() {
            return Err(vec![empty_filter()]);
        }
        let mut w = Writer::default();
        w.opt("email", self.email.as_deref());
        w.opt("first_name", self.first_name.as_deref());
        w.opt("last_name", self.last_name.as_deref());
        w.opt("source", self.source.as_deref());
        w.num("order_id", self.order_id);
        w.opt(
            "date_created",
            self.date_created.as_ref().map(V3Date::as_str),
        );
        w.opt(
            "date_modified",
            self.date_modified.as_ref().map(V3Date::as_str),
        );
        w.finish()
    }
}

/// The issue for a delete whose filter is empty.
pub(crate) fn empty_filter() -> Issue {
    Issue::new(
        "",
        "empty_filter",
        "a delete needs at least one filter; deleting everything has its own explicit call",
    )
}

// ---------------------------------------------------------------------------------------------
// V2

/// The query of V2 `GET /v2/customers` (SUMMARY §5.1). Dates are RFC 2822 ([`Rfc2822Date`]).
/// `page`/`limit` are not in the current V2 customers spec but every other V2 list takes them,
/// so they are offered (max 250).
///
/// ```
/// use bc_customers_core::query::{Rfc2822Date, V2CustomerQuery};
/// let q = V2CustomerQuery {
///     email: Some("a+b@example.com".into()),
///     min_date_created: Rfc2822Date::parse("Wed, 10 Jan 2018 21:02:23 +0000"),
///     ..Default::default()
/// };
/// assert_eq!(
///     q.to_query_string().unwrap(),
///     "email=a%2Bb%40example.com&min_date_created=Wed%2C%2010%20Jan%202018%2021%3A02%3A23%20%2B0000"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct V2CustomerQuery {
    /// `first_name`
    pub first_name: Option<String>,
    /// `last_name`
    pub last_name: Option<String>,
    /// `company`
    pub company: Option<String>,
    /// `email`
    pub email: Option<String>,
    /// `phone`
    pub phone: Option<String>,
    /// `store_credit` (a decimal string, e.g. `10.5000`)
    pub store_credit: Option<String>,
    /// `customer_group_id`
    pub customer_group_id: Option<u64>,
    /// `min_id`
    pub min_id: Option<u64>,
    /// `max_id`
    pub max_id: Option<u64>,
    /// `min_date_created`
    pub min_date_created: Option<Rfc2822Date>,
    /// `max_date_created`
    pub max_date_created: Option<Rfc2822Date>,
    /// `min_date_modified`
    pub min_date_modified: Option<Rfc2822Date>,
    /// `max_date_modified`
    pub max_date_modified: Option<Rfc2822Date>,
    /// `tax_exempt_category`
    pub tax_exempt_category: Option<String>,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl V2CustomerQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.opt("first_name", self.first_name.as_deref());
        w.opt("last_name", self.last_name.as_deref());
        w.opt("company", self.company.as_deref());
        w.opt("email", self.email.as_deref());
        w.opt("phone", self.phone.as_deref());
        if let Some(credit) = &self.store_credit {
            let (int, frac) = credit.split_once('.').unwrap_or((credit, "0"));
            let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let ok = all_digits(int) && all_digits(frac);
            if !ok {
                w.issue(
                    "store_credit",
                    None,
                    "invalid_parameter",
                    "expected a decimal number",
                );
            }
        }
        w.opt("store_credit", self.store_credit.as_deref());
        w.num("customer_group_id", self.customer_group_id);
        w.num("min_id", self.min_id);
        w.num("max_id", self.max_id);
        for (key, d) in [
            ("min_date_created", &self.min_date_created),
            ("max_date_created", &self.max_date_created),
            ("min_date_modified", &self.min_date_modified),
            ("max_date_modified", &self.max_date_modified),
        ] {
            w.opt(key, d.as_ref().map(Rfc2822Date::as_str));
        }
        w.opt("tax_exempt_category", self.tax_exempt_category.as_deref());
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// The query of V2 `GET /v2/customer_groups` (SUMMARY §5.3). The date filters take the V3
/// syntax (the spec gives no format for them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerGroupQuery {
    /// `name`
    pub name: Option<String>,
    /// `name:like`
    pub name_like: Option<String>,
    /// `is_default`
    pub is_default: Option<bool>,
    /// `is_group_for_guests`
    pub is_group_for_guests: Option<bool>,
    /// `date_created` filters
    pub date_created: DateFilter,
    /// `date_modified` filters
    pub date_modified: DateFilter,
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl CustomerGroupQuery {
    /// Checks the query and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.opt("name", self.name.as_deref());
        w.opt("name:like", self.name_like.as_deref());
        w.flag("is_default", self.is_default);
        w.flag("is_group_for_guests", self.is_group_for_guests);
        self.date_created.write(
            &mut w,
            "date_created",
            "date_created:min",
            "date_created:max",
        );
        self.date_modified.write(
            &mut w,
            "date_modified",
            "date_modified:min",
            "date_modified:max",
        );
        w.paging(self.page, self.limit);
        w.finish()
    }
}

/// Paging alone, for lists with no other filter (V2 addresses of one customer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Paging {
    /// `page`
    pub page: Option<u32>,
    /// `limit`
    pub limit: Option<u32>,
}

impl Paging {
    /// Checks the paging and renders it.
    pub fn to_query_string(&self) -> Result<String, Vec<Issue>> {
        let mut w = Writer::default();
        w.paging(self.page, self.limit);
        w.finish()
    }
}

impl DateFilter {
    /// A filter on or after `min` (`:min`).
    pub fn since(min: V3Date) -> Self {
        DateFilter {
            min: Some(min),
            ..Default::default()
        }
    }

    /// True when no bound is set.
    pub fn is_unset(&self) -> bool {
        self.is_empty()
    }
}
