//! `Recurrence`: repeating tasks, as a supported subset of RFC 5545 RRULE.
//!
//! - `parse.rs`: the rule text, both ways (`parse`, `to_rrule`)
//! - `describe.rs`: the rule in English
//! - `expand.rs`: the dates a rule produces, period by period
//! - `series.rs`: which due comes next (`first_on_or_after`, `next_after`)
//!
//! Occurrences are computed on the user's calendar (local dates, and one
//! wall-clock time for a timed series) and only then turned into instants
//! with [`TimeZone::resolve`](super::TimeZone::resolve): "every day at 09:00"
//! means 09:00 on the wall clock, summer and winter.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc, Weekday};

mod describe;
mod expand;
mod parse;
mod series;

#[cfg(test)]
mod properties;

/// A supported RFC 5545 RRULE: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL
/// (1..=999), COUNT (1..=1000) or UNTIL (date "YYYYMMDD" or date-time
/// "YYYYMMDDTHHMMSSZ"/floating; not both — RFC 5545 forbids it), and the
/// day parts BYMONTH (1..=12), BYMONTHDAY (1..31 and -31..-1, not in a
/// weekly rule) and BYDAY (days MO..SU; in a monthly or yearly rule also
/// positions like 1MO, -1FR). Anything else (BYSETPOS, BYHOUR, WKST other
/// than MO, SECONDLY...) is refused with a message naming the part.
///
/// The day parts act as RFC 5545 section 3.3.10 says: a part finer than the
/// frequency expands each period into several days, one as coarse or
/// coarser only limits them.
///
/// - DAILY: BYMONTH, BYMONTHDAY and BYDAY only limit ("every weekday" is
///   `FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR`).
/// - WEEKLY: BYDAY picks the days of each week, BYMONTH limits them.
/// - MONTHLY: BYMONTHDAY and BYDAY pick days of each month (both: the days
///   that match both, "the 13th, if it is a Friday"), BYMONTH limits the
///   months.
/// - YEARLY: BYMONTH picks months, BYMONTHDAY days of those months (of every
///   month without BYMONTH), and BYDAY then limits them; without BYMONTHDAY,
///   BYDAY picks days of the BYMONTH months (`BYMONTH=11;BYDAY=4TH`, the
///   fourth Thursday of November) or, without BYMONTH, of the whole year
///   (`BYDAY=1MO`, the first Monday of the year; positions up to 53).
///
/// What the rule does not name comes from the series' first occurrence, as
/// in RFC 5545: "FREQ=WEEKLY" repeats on the first occurrence's weekday,
/// "FREQ=MONTHLY" on its day of the month, "FREQ=YEARLY" on its month and day
/// ("FREQ=YEARLY;BYMONTH=3" on its day of March).
/// A month without that day (a monthly series from the 31st, BYMONTHDAY=31 in
/// April, 29 February in most years) is skipped, not moved to a nearby day.
/// Weeks start on Monday.
///
/// Value lists are kept sorted and without duplicates, so equal rules
/// compare equal and print the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    frequency: Frequency,
    /// Every how many days, weeks, months or years.
    interval: u16,
    by_day: Vec<DayRule>,
    /// 1..=31 from the start of the month, -1..=-31 from its end.
    by_month_day: Vec<i8>,
    /// 1..=12.
    by_month: Vec<u32>,
    end: End,
}

/// The unit a rule repeats in (RRULE `FREQ`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// One `BYDAY` entry: a weekday, and in a monthly or yearly rule optionally
/// which one of the month or year (1 the first, -1 the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DayRule {
    /// 1..=5 or -5..=-1 within a month, 1..=53 or -53..=-1 within a year
    /// (YEARLY without BYMONTH); `None` for every such weekday.
    ordinal: Option<i8>,
    weekday: Weekday,
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Never,
    /// After this many occurrences, the first included.
    Count(u16),
    /// After this moment, inclusive.
    Until(Until),
}

/// An RRULE `UTC` value, in the three forms RFC 5545 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Until {
    /// "20261231": through that day on the user's calendar.
    Date(NaiveDate),
    /// "20261231T170000": a wall-clock time in the user's zone.
    Floating(NaiveDateTime),
    /// "20261231T160000Z": an instant.
    Utc(DateTime<Utc>),
}

impl std::fmt::Display for Recurrence {
    /// The canonical RRULE text, as [`Recurrence::to_rrule`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rrule())
    }
}
