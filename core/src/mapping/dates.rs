//! Dates: V2 bodies use RFC 2822 (`Wed, 10 Jan 2018 21:02:23 +0000`), V3 bodies use
//! ISO 8601 / RFC 3339 (`2018-01-10T21:02:23Z`). See SUMMARY §3.5.
//!
//! Conversion works on the written fields, not on an instant, so the UTC offset survives both
//! ways: `+0000` and `-0000` become `Z`, any other offset `+0200` becomes `+02:00` (and back).
//! V2 keeps whole seconds only: a non-zero fraction of a second is truncated and reported.

use crate::schema::{days_from_civil, days_in_month};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// A calendar date and wall-clock time with its UTC offset, as written in a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, 0..=9999.
    pub year: i64,
    /// Month, 1..=12.
    pub month: i64,
    /// Day of the month, 1..=31.
    pub day: i64,
    /// Hour, 0..=23.
    pub hour: i64,
    /// Minute, 0..=59.
    pub minute: i64,
    /// Second, 0..=60 (60 is a leap second).
    pub second: i64,
    /// Offset from UTC in minutes, -1439..=1439.
    pub offset_minutes: i64,
}

impl DateTime {
    /// Seconds since the Unix epoch of this instant.
    pub fn unix_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + self.hour * 3600
            + self.minute * 60
            + self.second
            - self.offset_minutes * 60
    }

    /// Renders RFC 2822 the way V2 writes it: `Wed, 10 Jan 2018 21:02:23 +0000`.
    pub fn to_rfc2822(&self) -> String {
        let weekday = WEEKDAYS[weekday(self.year, self.month, self.day)];
        let month = MONTHS[(self.month - 1).clamp(0, 11) as usize];
        let (sign, off) = sign_abs(self.offset_minutes);
        format!(
            "{weekday}, {:02} {month} {:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
            self.day,
            self.year,
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }

    /// Renders RFC 3339 the way V3 writes it: `2018-01-10T21:02:23Z`, or `+02:00` style for
    /// other offsets.
    pub fn to_rfc3339(&self) -> String {
        let mut s = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        );
        if self.offset_minutes == 0 {
            s.push('Z');
        } else {
            let (sign, off) = sign_abs(self.offset_minutes);
            s.push_str(&format!("{sign}{:02}:{:02}", off / 60, off % 60));
        }
        s
    }
}

fn sign_abs(offset: i64) -> (char, i64) {
    if offset < 0 {
        ('-', -offset)
    } else {
        ('+', offset)
    }
}

/// Day of the week, 0 = Sunday.
fn weekday(y: i64, m: i64, d: i64) -> usize {
    (days_from_civil(y, m, d) + 4).rem_euclid(7) as usize
}

fn digits(s: &str, min: usize, max: usize) -> Option<i64> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn valid(dt: DateTime) -> Option<DateTime> {
    let ok = (0..=9999).contains(&dt.year)
        && (1..=12).contains(&dt.month)
        && dt.day >= 1
        && dt.day <= days_in_month(dt.year, dt.month)
        && (0..=23).contains(&dt.hour)
        && (0..=59).contains(&dt.minute)
        && (0..=60).contains(&dt.second)
        && dt.offset_minutes.abs() < 24 * 60;
    ok.then_some(dt)
}

/// Parses an RFC 2822 date-time (`[Wed, ]10 Jan 2018 21:02:23 +0000`).
///
/// Accepts an optional day name (which must match the date), one- or two-digit days, two- to
/// four-digit years (obsolete two-digit years: `< 50` is 20xx, else 19xx), optional seconds,
/// numeric zones and the obsolete names `UT`, `GMT`, `Z` and US `EST`..`PDT`, and a trailing
/// `(comment)`. `-0000` ("offset unknown") is read as UTC.
///
/// ```
/// use bc_customers_core::mapping::dates::parse_rfc2822;
/// let dt = parse_rfc2822("Wed, 10 Jan 2018 21:02:23 +0000").unwrap();
/// assert_eq!((dt.year, dt.month, dt.day, dt.hour), (2018, 1, 10, 21));
/// assert_eq!(dt.unix_seconds(), 1_515_618_143);
/// assert!(parse_rfc2822("Thu, 10 Jan 2018 21:02:23 +0000").is_none()); // wrong weekday
/// assert!(parse_rfc2822("2018-01-10T21:02:23Z").is_none());
/// ```
pub fn parse_rfc2822(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let (day_name, rest) = match s.split_once(',') {
        Some((name, rest)) => (Some(name.trim()), rest),
        None => (None, s),
    };
    let mut tokens: Vec<&str> = rest.split_whitespace().collect();
    // A trailing comment such as `(UTC)` carries nothing.
    while tokens
        .last()
        .is_some_and(|t| t.ends_with(')') && tokens.len() > 5)
    {
        let pos = tokens.iter().rposition(|t| t.starts_with('('))?;
        if pos < 5 {
            return None;
        }
        tokens.truncate(pos);
    }
    let [day, month, year, time, zone] = tokens.as_slice() else {
        return None;
    };
    let day = digits(day, 1, 2)?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let year = match year.len() {
        4 => digits(year, 4, 4)?,
        3 => digits(year, 3, 3)? + 1900,
        2 => {
            let y = digits(year, 2, 2)?;
            if y < 50 {
                2000 + y
            } else {
                1900 + y
            }
        }
        _ => return None,
    };
    let mut parts = time.split(':');
    let hour = digits(parts.next()?, 2, 2)?;
    let minute = digits(parts.next()?, 2, 2)?;
    let second = match parts.next() {
        Some(sec) => digits(sec, 2, 2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let offset_minutes = match zone.to_ascii_uppercase().as_str() {
        "UT" | "GMT" | "Z" => 0,
        "EDT" => -4 * 60,
        "EST" | "CDT" => -5 * 60,
        "CST" | "MDT" => -6 * 60,
        "MST" | "PDT" => -7 * 60,
        "PST" => -8 * 60,
        z => {
            let (sign, num) = match z.as_bytes().first()? {
                b'+' => (1, &z[1..]),
                b'-' => (-1, &z[1..]),
                _ => return None,
            };
            let n = digits(num, 4, 4)?;
            let (h, m) = (n / 100, n % 100);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let dt = valid(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        offset_minutes,
    })?;
    if let Some(name) = day_name {
        if !WEEKDAYS[weekday(dt.year, dt.month, dt.day)].eq_ignore_ascii_case(name) {
            return None;
        }
    }
    Some(dt)
}

/// Parses an RFC 3339 date-time (`2018-01-10T21:02:23Z`, `2022-06-16T18:39:00+00:00`,
/// `2018-01-10T21:02:23.508Z`). The second value is true when a non-zero fraction of a second
/// was present (and is not part of the result).
///
/// ```
/// use bc_customers_core::mapping::dates::parse_rfc3339;
/// let (dt, fraction) = parse_rfc3339("2011-11-20T04:16:40.508Z").unwrap();
/// assert_eq!((dt.year, dt.second, dt.offset_minutes), (2011, 40, 0));
/// assert!(fraction);
/// assert!(parse_rfc3339("2024-05-14").is_none());
/// ```
pub fn parse_rfc3339(s: &str) -> Option<(DateTime, bool)> {
    let b = s.as_bytes();
    if b.len() < 20
        || !s.is_char_boundary(19)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let field = |r: std::ops::Range<usize>| s.get(r).and_then(|p| digits(p, p.len(), p.len()));
    let mut rest = &s[19..];
    let mut fraction = false;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        fraction = frac[..n].bytes().any(|c| c != b'0');
        rest = &frac[n..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ => {
            let rb = rest.as_bytes();
            if rb.len() != 6 || rb[3] != b':' {
                return None;
            }
            let sign = match rb[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let h = digits(rest.get(1..3)?, 2, 2)?;
            let m = digits(rest.get(4..6)?, 2, 2)?;
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let dt = valid(DateTime {
        year: field(0..4)?,
        month: field(5..7)?,
        day: field(8..10)?,
        hour: field(11..13)?,
        minute: field(14..16)?,
        second: field(17..19)?,
        offset_minutes,
    })?;
    Some((dt, fraction))
}

/// Converts a V2 date (RFC 2822) to the V3 form (RFC 3339), keeping the offset.
///
/// ```
/// use bc_customers_core::mapping::dates::rfc2822_to_rfc3339;
/// assert_eq!(
///     rfc2822_to_rfc3339("Wed, 10 Jan 2018 21:02:23 +0000").as_deref(),
///     Some("2018-01-10T21:02:23Z")
/// );
/// assert_eq!(
///     rfc2822_to_rfc3339("Wed, 10 Jan 2018 23:02:23 +0200").as_deref(),
///     Some("2018-01-10T23:02:23+02:00")
/// );
/// ```
pub fn rfc2822_to_rfc3339(s: &str) -> Option<String> {
    parse_rfc2822(s).map(|dt| dt.to_rfc3339())
}

/// Converts a V3 date (RFC 3339) to the V2 form (RFC 2822), keeping the offset. The flag is
/// true when a non-zero fraction of a second had to be dropped.
///
/// ```
/// use bc_customers_core::mapping::dates::rfc3339_to_rfc2822;
/// assert_eq!(
///     rfc3339_to_rfc2822("2018-01-10T21:02:23Z"),
///     Some(("Wed, 10 Jan 2018 21:02:23 +0000".to_string(), false))
/// );
/// assert_eq!(
///     rfc3339_to_rfc2822("2018-01-10T21:02:23.5-05:00"),
///     Some(("Wed, 10 Jan 2018 21:02:23 -0500".to_string(), true))
/// );
/// ```
pub fn rfc3339_to_rfc2822(s: &str) -> Option<(String, bool)> {
    parse_rfc3339(s).map(|(dt, fraction)| (dt.to_rfc2822(), fraction))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigcommerce_examples_convert_both_ways() {
        for (v2, v3) in [
            ("Wed, 10 Jan 2018 21:02:23 +0000", "2018-01-10T21:02:23Z"),
            ("Thu, 10 May 2018 20:18:01 +0000", "2018-05-10T20:18:01Z"),
            ("Thu, 11 Jan 2018 20:57:52 +0000", "2018-01-11T20:57:52Z"),
            ("Tue, 10 Apr 2018 18:59:05 +0000", "2018-04-10T18:59:05Z"),
            ("Mon, 13 Aug 2018 18:11:41 +0000", "2018-08-13T18:11:41Z"),
            (
                "Tue, 29 Feb 2000 00:00:00 -0930",
                "2000-02-29T00:00:00-09:30",
            ),
            ("Sat, 01 Jan 0000 00:00:00 +0000", "0000-01-01T00:00:00Z"),
            (
                "Fri, 31 Dec 9999 23:59:60 +2359",
                "9999-12-31T23:59:60+23:59",
            ),
        ] {
            assert_eq!(rfc2822_to_rfc3339(v2).as_deref(), Some(v3), "{v2}");
            assert_eq!(
                rfc3339_to_rfc2822(v3),
                Some((v2.to_string(), false)),
                "{v3}"
            );
        }
    }

    #[test]
    fn rfc2822_variants_are_accepted() {
        for (v2, v3) in [
            ("10 Jan 2018 21:02:23 +0000", "2018-01-10T21:02:23Z"),
            ("Wed, 10 Jan 2018 21:02 +0000", "2018-01-10T21:02:00Z"),
            ("wed,  3 jan 2018 21:02:23 GMT", "2018-01-03T21:02:23Z"),
            ("Wed, 3 Jan 18 21:02:23 UT", "2018-01-03T21:02:23Z"),
            ("Sun, 3 Jan 99 21:02:23 EST", "1999-01-03T21:02:23-05:00"),
            ("Wed, 10 Jan 2018 21:02:23 -0000", "2018-01-10T21:02:23Z"),
            (
                "Wed, 10 Jan 2018 21:02:23 +0000 (UTC)",
                "2018-01-10T21:02:23Z",
            ),
            ("Wed,10 Jan 2018 21:02:23 PDT", "2018-01-10T21:02:23-07:00"),
        ] {
            assert_eq!(rfc2822_to_rfc3339(v2).as_deref(), Some(v3), "{v2}");
        }
    }

    #[test]
    fn invalid_dates_are_rejected() {
        for s in [
            "",
            "Wed, 10 Jan 2018",
            "Wed, 10 Jan 2018 21:02:23",
            "Wed, 30 Feb 2018 21:02:23 +0000",
            "Wed, 10 Foo 2018 21:02:23 +0000",
            "Wed, 10 Jan 2018 24:02:23 +0000",
            "Wed, 10 Jan 2018 21:02:23 +2400",
            "Wed, 10 Jan 2018 21:02:23 +000",
            "Wed, 10 Jan 2018 21:2:23 +0000",
            "Wed, 10 Jan 20180 21:02:23 +0000",
            "Xyz, 10 Jan 2018 21:02:23 +0000",
            "Wed, 10 Jan 2018 21:02:23 +0000 extra",
            "Wed, 10 Jan 2018 21:02:23 +0000 (x) y",
            "Wed, 10 Jan 2018 21:02:23:11 +0000",
            "Wed, +1 Jan 2018 21:02:23 +0000",
            "Wed, 10 Jan 2018 21:02:23 (UTC)",
        ] {
            assert_eq!(parse_rfc2822(s), None, "{s}");
        }
        for s in [
            "",
            "2018-01-10",
            "2018-01-10T21:02:23",
            "2018-01-10T21:02:23+0000",
            "2018-02-30T21:02:23Z",
            "2018-01-10T21:02:23.Z",
            "2018-01-10T21:02:2éZ",
            "2018-01-10T21:02:23+24:00",
            "+018-01-10T21:02:23Z",
            "2018-01-10T21:02:23Zjunk",
            "2018-01-10T21:02:-3Z",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s}");
        }
    }

    #[test]
    fn unix_seconds_match_the_schema_parser() {
        for s in [
            "2018-01-10T21:02:23Z",
            "1969-07-20T20:17:40-05:00",
            "2000-02-29T12:00:00+13:45",
        ] {
            let (dt, _) = parse_rfc3339(s).unwrap();
            assert_eq!(Some(dt.unix_seconds()), crate::schema::parse_date_time(s));
        }
    }
}
