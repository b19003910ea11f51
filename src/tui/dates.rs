//! Dates as the list and the reader show them, in local time: compact in
//! the list (`14:05` today, `yesterday` / `أمس`, `3 Mar` / `3 مارس` this
//! year, with the year before that), whole in the reader's meta line.

use chrono::{DateTime, Datelike, FixedOffset, Local, Offset, TimeZone};

use super::i18n::tr;

/// The time and the zone dates are shown in: the real ones, or fixed ones
/// (tests, snapshots).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    pub now: Option<i64>,
    pub zone: Option<FixedOffset>,
}

impl Clock {
    /// A clock stopped at `now`, in UTC.
    pub fn fixed_utc(now: i64) -> Clock {
        Clock {
            now: Some(now),
            zone: FixedOffset::east_opt(0),
        }
    }

    /// Seconds since the epoch.
    pub fn now(&self) -> i64 {
        self.now.unwrap_or_else(|| chrono::Utc::now().timestamp())
    }

    fn zone(&self, ts: i64) -> FixedOffset {
        self.zone.unwrap_or_else(|| local(ts))
    }

    /// [`compact`] by this clock.
    pub fn compact(&self, ts: i64) -> String {
        let now = self.now();
        compact_in(ts, now, self.zone(now))
    }

    /// [`full`] by this clock.
    pub fn full(&self, ts: i64) -> String {
        full_in(ts, self.zone(ts))
    }
}

/// The local time zone's offset at `ts`.
fn local(ts: i64) -> FixedOffset {
    Local.timestamp_opt(ts, 0).single().map_or_else(
        || FixedOffset::east_opt(0).expect("UTC"),
        |d| d.offset().fix(),
    )
}

fn at(ts: i64, zone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&zone))
}

fn day_month(d: &DateTime<FixedOffset>, with_year: bool) -> String {
    let month = tr(&format!("month-{}", d.month()), &[]);
    if with_year {
        tr(
            "date-day-month-year",
            &[
                ("day", d.day().into()),
                ("month", month.into()),
                ("year", d.year().to_string().into()),
            ],
        )
    } else {
        tr(
            "date-day-month",
            &[("day", d.day().into()), ("month", month.into())],
        )
    }
}

/// `ts` for the list, seen at `now` (seconds since the epoch).
pub fn compact(ts: i64, now: i64) -> String {
    compact_in(ts, now, local(now))
}

/// [`compact`] in the time zone `zone`.
pub fn compact_in(ts: i64, now: i64, zone: FixedOffset) -> String {
    let (Some(d), Some(n)) = (at(ts, zone), at(now, zone)) else {
        return String::new();
    };
    let (day, today) = (d.date_naive(), n.date_naive());
    if day == today {
        d.format("%H:%M").to_string()
    } else if today.pred_opt() == Some(day) {
        tr("date-yesterday", &[])
    } else {
        day_month(&d, d.year() != n.year())
    }
}

/// `ts` whole, for the reader: `13 Jan 2022, 10:00`.
pub fn full(ts: i64) -> String {
    full_in(ts, local(ts))
}

/// [`full`] in the time zone `zone`.
pub fn full_in(ts: i64, zone: FixedOffset) -> String {
    let Some(d) = at(ts, zone) else {
        return String::new();
    };
    tr(
        "date-full",
        &[
            ("day", d.day().into()),
            ("month", tr(&format!("month-{}", d.month()), &[]).into()),
            ("year", d.year().to_string().into()),
            ("time", d.format("%H:%M").to_string().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::super::i18n::{Lang, set};
    use super::*;

    /// No bidi mark may come with a date.
    fn plain(s: String) -> String {
        assert!(!s.contains(['\u{2068}', '\u{2069}']), "{s:?}");
        s
    }

    #[test]
    fn today_yesterday_this_year_and_before() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let now = 1_741_010_700; // 2025-03-03 14:05 UTC
        set(Lang::En);
        assert_eq!(plain(compact_in(now - 60, now, utc)), "14:04");
        assert_eq!(plain(compact_in(now - 86_400, now, utc)), "yesterday");
        assert_eq!(plain(compact_in(now - 20 * 86_400, now, utc)), "11 Feb");
        assert_eq!(
            plain(compact_in(now - 400 * 86_400, now, utc)),
            "28 Jan 2024"
        );
        assert_eq!(plain(full_in(now, utc)), "3 Mar 2025, 14:05");
        set(Lang::Ar);
        assert_eq!(plain(compact_in(now - 86_400, now, utc)), "أمس");
        assert_eq!(plain(compact_in(now - 20 * 86_400, now, utc)), "11 فبراير");
        // a time zone two hours east: already the next day's 01:00
        let cairo = FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            plain(compact_in(now + 9 * 3600, now + 9 * 3600, cairo)),
            "01:05"
        );
        set(Lang::En);
    }
}
