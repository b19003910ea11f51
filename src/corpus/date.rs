//! Publication dates as the sources write them (`2022-01-13`,
//! `2022-01-13T10:05:00Z`, `2022-01-13 10:05`, RFC 2822 in feeds), read to
//! seconds since the epoch, UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Seconds since the epoch of a date written in one of the usual ways.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim().trim_matches('"');
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.timestamp());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.and_utc().timestamp());
        }
    }
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_forms() {
        assert_eq!(parse_date("2022-01-13"), Some(1642032000));
        assert_eq!(parse_date("2022-01-13T10:05:00Z"), Some(1642068300));
        assert_eq!(parse_date("2022-01-13T12:05:00+02:00"), Some(1642068300));
        assert_eq!(parse_date("2022-01-13 10:05"), Some(1642068300));
        assert_eq!(
            parse_date("Thu, 13 Jan 2022 10:05:00 GMT"),
            Some(1642068300)
        );
        assert_eq!(parse_date("أمس"), None);
        assert_eq!(parse_date(""), None);
    }
}
