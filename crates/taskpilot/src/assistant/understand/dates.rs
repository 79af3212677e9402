//! Dates and times as people write them ("tomorrow", "next Friday", "Dec
//! 5th", "in 2 weeks", "at 5:30 pm", "noon"), read from a run of word keys
//! and resolved against the user's clock.
//!
//! Each phrase is read on its own here; `schedule.rs` combines a date with
//! a time ("Friday" + "at 10"). The rules, where people differ:
//!
//! - A weekday name ("Friday", "on Friday", "next Friday") is the first such
//!   day *after* today, so on a Friday it means a week from today (today
//!   would have been said "today"); "this Friday" includes today.
//! - "this weekend" is the coming Saturday (today on a Saturday or Sunday);
//!   "next weekend" the Saturday of next week.
//! - "next week" is the Monday of next week, "next month" the 1st of next
//!   month, "next year" 1 January; "end of the month" its last day, "end of
//!   the week" this week's Friday.
//! - A day without a year that has already passed this year ("Jan 3" in
//!   November) is next year's; "the 5th" is the next 5th of a month.
//! - "at 5" without am/pm: hours 1 to 7 are read as afternoon (17:00; few
//!   tasks are meant for 5 a.m.), 8 to 11 as morning; "tonight at 9" and
//!   "Friday evening at 7" are read as evening. "07:00", "5am" and "17:00"
//!   are taken as written.
//! - Parts of the day: morning 09:00, afternoon 15:00, evening 18:00,
//!   tonight / at night 20:00, noon 12:00, midnight 00:00 (the start of
//!   the day named, so a bare "midnight" is the coming one).

use chrono::{
    Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday,
};

use super::Clock;

/// Words that may stand before a date or time ("due on Friday", "at 5pm").
const PREPOSITIONS: &[&str] = &[
    "on", "by", "due", "for", "at", "before", "until", "till", "around", "starting", "from",
];
/// Prepositions after which a bare number is an hour ("at 10", "by 5").
const HOUR_PREPOSITIONS: &[&str] = &["at", "by", "around", "before", "until", "till"];

/// A part of the day, with the time it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub fn time(self) -> NaiveTime {
        let hour = match self {
            PartOfDay::Morning => 9,
            PartOfDay::Afternoon => 15,
            PartOfDay::Evening => 18,
            PartOfDay::Night => 20,
        };
        NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)
    }

    pub fn from_key(key: &str) -> Option<PartOfDay> {
        match key {
            "morning" => Some(PartOfDay::Morning),
            "afternoon" => Some(PartOfDay::Afternoon),
            "evening" => Some(PartOfDay::Evening),
            "night" | "tonight" => Some(PartOfDay::Night),
            _ => None,
        }
    }
}

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ClockTime {
    pub time: NaiveTime,
    /// Written without am/pm as an hour from 1 to 11 ("at 5", "5:30"), so
    /// it may mean the afternoon.
    pub bare: bool,
}

impl ClockTime {
    /// The time meant, given the part of the day the message names.
    pub fn resolve(self, part: Option<PartOfDay>) -> NaiveTime {
        if !self.bare {
            return self.time;
        }
        let afternoon = match part {
            Some(PartOfDay::Morning) => false,
            Some(_) => true,
            None => self.time.hour() <= 7,
        };
        if afternoon {
            self.time + Duration::hours(12)
        } else {
            self.time
        }
    }
}

/// One date or time phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Piece {
    /// "tomorrow", "Dec 5".
    Day(NaiveDate),
    /// "tonight", "Friday morning".
    DayPart(NaiveDate, PartOfDay),
    /// "in the morning".
    Part(PartOfDay),
    /// "at 5pm", "noon".
    Time(ClockTime),
    /// "in an hour", "2026-12-05T15:00".
    Instant(NaiveDateTime),
}

/// The date or time phrase `keys` start with, if any, and how many words it
/// takes (prepositions included).
pub(super) fn piece(keys: &[&str], clock: &Clock) -> Option<(usize, Piece)> {
    let skipped = keys
        .iter()
        .take(2)
        .take_while(|k| PREPOSITIONS.contains(k))
        .count();
    let preposition = skipped.checked_sub(1).and_then(|at| keys.get(at)).copied();
    let rest = &keys[skipped..];
    let (len, piece) = offset(rest, clock)
        .or_else(|| calendar_date(rest, clock.today()))
        .or_else(|| named_day(rest, clock.today(), preposition.is_some()))
        .or_else(|| time_of_day(rest, preposition))?;
    Some((skipped + len, piece))
}

/// "in 3 days", "in an hour", "2 weeks from now".
fn offset(keys: &[&str], clock: &Clock) -> Option<(usize, Piece)> {
    let (amount, unit, len) = match keys {
        ["in", "half", "an", "hour", ..] => (30, "minutes", 4),
        ["in", rest @ ..] => {
            let (amount, used) = amount(rest)?;
            (amount, *rest.get(used)?, used + 2)
        }
        _ => {
            let (amount, used) = amount(keys)?;
            let unit = *keys.get(used)?;
            match keys.get(used + 1..used + 3) {
                Some(["from", "now" | "today"]) => (amount, unit, used + 3),
                _ => return None,
            }
        }
    };
    let today = clock.today();
    // A minute is the finest a task time shows.
    let now = clock.now.with_second(0)?.with_nanosecond(0)?;
    let piece = match unit {
        "minute" | "minutes" | "min" | "mins" => {
            Piece::Instant(now.checked_add_signed(Duration::minutes(i64::from(amount)))?)
        }
        "hour" | "hours" | "hr" | "hrs" => {
            Piece::Instant(now.checked_add_signed(Duration::hours(i64::from(amount)))?)
        }
        "day" | "days" => Piece::Day(today.checked_add_days(Days::new(amount.into()))?),
        "week" | "weeks" | "wk" | "wks" => {
            Piece::Day(today.checked_add_days(Days::new(u64::from(amount) * 7))?)
        }
        "month" | "months" => Piece::Day(today.checked_add_months(Months::new(amount))?),
        "year" | "years" => {
            Piece::Day(today.checked_add_months(Months::new(amount.checked_mul(12)?))?)
        }
        _ => return None,
    };
    Some((len, piece))
}

/// A small count at the start of `keys` ("3", "three", "a", "a couple of")
/// and how many words it takes.
pub(super) fn amount(keys: &[&str]) -> Option<(u32, usize)> {
    match keys {
        ["a" | "an", "couple", "of", ..] => Some((2, 3)),
        ["a" | "an" | "one", ..] => Some((1, 1)),
        ["couple", "of", ..] => Some((2, 2)),
        [word, ..] => number(word).map(|n| (n, 1)),
        [] => None,
    }
}

/// A whole number from 1 to 999, in digits or as a word.
pub(super) fn number(key: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if let Some(at) = WORDS.iter().position(|w| *w == key) {
        return u32::try_from(at + 1).ok();
    }
    if key.is_empty() || key.len() > 3 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse().ok().filter(|n| *n >= 1)
}

/// "Dec 5", "December 5th, 2027", "5 December", "the 5th of December",
/// "2026-12-05", "the 5th".
fn calendar_date(keys: &[&str], today: NaiveDate) -> Option<(usize, Piece)> {
    if let Some(first) = keys.first()
        && let Some(piece) = iso(first)
    {
        return Some((1, piece));
    }
    let (month, day, len) = match keys {
        [m, "the", d, ..] if month(m).is_some() && day_of_month(d).is_some() => {
            (month(m)?, day_of_month(d)?, 3)
        }
        [m, d, ..] if month(m).is_some() && day_of_month(d).is_some() => {
            (month(m)?, day_of_month(d)?, 2)
        }
        ["the", d, "of", m, ..] if month(m).is_some() => (month(m)?, day_of_month(d)?, 4),
        [d, "of", m, ..] if month(m).is_some() => (month(m)?, day_of_month(d)?, 3),
        [d, m, ..] if month(m).is_some() && day_of_month(d).is_some() => {
            (month(m)?, day_of_month(d)?, 2)
        }
        ["the", d, ..] if is_ordinal(d) => {
            return Some((2, Piece::Day(next_day_of_month(day_of_month(d)?, today)?)));
        }
        _ => return None,
    };
    if let Some(year) = keys.get(len).and_then(|k| year(k)) {
        return Some((
            len + 1,
            Piece::Day(NaiveDate::from_ymd_opt(year, month, day)?),
        ));
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
    let date = match this_year {
        Some(date) if date >= today => date,
        // Already past (or 29 February in another year): the next one.
        _ => (1..=8).find_map(|ahead| NaiveDate::from_ymd_opt(today.year() + ahead, month, day))?,
    };
    Some((len, Piece::Day(date)))
}

/// "2026-12-05" or "2026-12-05t15:00".
fn iso(key: &str) -> Option<Piece> {
    if key.len() == 10 {
        return NaiveDate::parse_from_str(key, "%Y-%m-%d")
            .ok()
            .map(Piece::Day);
    }
    NaiveDateTime::parse_from_str(key, "%Y-%m-%dt%H:%M")
        .ok()
        .map(Piece::Instant)
}

/// "today", "tonight", "tomorrow morning", "next Friday", "this weekend",
/// "next month". Short weekday names ("fri", "sun") count only after a
/// preposition or "this"/"next", where they cannot be a word of a title.
fn named_day(keys: &[&str], today: NaiveDate, after_preposition: bool) -> Option<(usize, Piece)> {
    let after = |days: u64| today.checked_add_days(Days::new(days));
    let (len, day) = match keys {
        ["today", ..] => (1, today),
        ["tonight", ..] => return Some((1, Piece::DayPart(today, PartOfDay::Night))),
        ["this", part, ..] if PartOfDay::from_key(part).is_some() => {
            return Some((2, Piece::DayPart(today, PartOfDay::from_key(part)?)));
        }
        ["tomorrow", ..] => (1, after(1)?),
        ["the", "day", "after", "tomorrow", ..] => (4, after(2)?),
        ["day", "after", "tomorrow", ..] => (3, after(2)?),
        ["this" | "the" | "over" | "on", "weekend", ..] => (2, this_weekend(today)?),
        ["over", "the", "weekend", ..] => (3, this_weekend(today)?),
        ["weekend", ..] => (1, this_weekend(today)?),
        ["next", "weekend", ..] => (2, next_monday(today)?.checked_add_days(Days::new(5))?),
        ["next", "week", ..] => (2, next_monday(today)?),
        ["next", "month", ..] => (2, first_of_next_month(today)?),
        ["next", "year", ..] => (2, NaiveDate::from_ymd_opt(today.year() + 1, 1, 1)?),
        ["end", "of", "the", "month", ..] | ["the", "end", "of", "month", ..] => {
            (4, first_of_next_month(today)?.pred_opt()?)
        }
        ["the", "end", "of", "the", "month", ..] => (5, first_of_next_month(today)?.pred_opt()?),
        ["end", "of", "month", ..] => (3, first_of_next_month(today)?.pred_opt()?),
        ["end", "of", "the", "week", ..] => (4, on_or_after(today, Weekday::Fri)?),
        ["end", "of", "week", ..] => (3, on_or_after(today, Weekday::Fri)?),
        ["this", "coming", day, ..] if weekday(day, true).is_some() => {
            (3, after_today(today, weekday(day, true)?)?)
        }
        ["this", day, ..] if weekday(day, true).is_some() => {
            (2, on_or_after(today, weekday(day, true)?)?)
        }
        ["next" | "coming", day, ..] if weekday(day, true).is_some() => {
            (2, after_today(today, weekday(day, true)?)?)
        }
        [day, ..] if weekday(day, after_preposition).is_some() => {
            (1, after_today(today, weekday(day, after_preposition)?)?)
        }
        _ => return None,
    };
    // "tomorrow morning", "Friday evening".
    if let Some(part) = keys.get(len).and_then(|k| PartOfDay::from_key(k)) {
        return Some((len + 1, Piece::DayPart(day, part)));
    }
    Some((len, Piece::Day(day)))
}

/// "at 5pm", "5:30 pm", "17:00", "at 10", "noon", "in the morning".
fn time_of_day(keys: &[&str], preposition: Option<&str>) -> Option<(usize, Piece)> {
    let exact = |hour, minute| {
        NaiveTime::from_hms_opt(hour, minute, 0).map(|time| ClockTime { time, bare: false })
    };
    // "noon" and "midnight" need a preposition or to end the phrase, so a
    // "midnight snack" stays a snack.
    let standalone = preposition.is_some() || keys.len() == 1;
    match keys {
        ["noon" | "midday", ..] if standalone => return Some((1, Piece::Time(exact(12, 0)?))),
        ["midnight", ..] if standalone => return Some((1, Piece::Time(exact(0, 0)?))),
        ["in", "the", part, ..] if matches!(*part, "morning" | "afternoon" | "evening") => {
            return Some((3, Piece::Part(PartOfDay::from_key(part)?)));
        }
        ["night", ..] if preposition == Some("at") => {
            return Some((1, Piece::Part(PartOfDay::Night)));
        }
        _ => {}
    }
    let first = *keys.first()?;
    let next = keys.get(1).copied();
    // "5pm", "5:30pm".
    for (suffix, pm) in [("am", false), ("pm", true)] {
        if let Some(clock) = first.strip_suffix(suffix)
            && let Some(time) = meridiem_time(clock, pm)
        {
            return Some((1, Piece::Time(time)));
        }
    }
    // "5 pm", "5:30 am".
    if let Some(pm @ ("am" | "pm")) = next
        && let Some(time) = meridiem_time(first, pm == "pm")
    {
        return Some((2, Piece::Time(time)));
    }
    // "17:00", "5:30"; "5.30" only after "at", where it cannot be a version.
    let after_hour_word = preposition.is_some_and(|p| HOUR_PREPOSITIONS.contains(&p));
    let colon = first
        .split_once(':')
        .or_else(|| after_hour_word.then(|| first.split_once('.')).flatten());
    let o_clock = usize::from(next == Some("o'clock"));
    if let Some((hour, minute)) = colon {
        return Some((1 + o_clock, Piece::Time(written_time(hour, minute)?)));
    }
    // "at 10", "5 o'clock".
    if after_hour_word || o_clock == 1 {
        if next.is_some_and(|n| month(n).is_some() || is_unit(n)) {
            return None;
        }
        return Some((1 + o_clock, Piece::Time(written_time(first, "00")?)));
    }
    None
}

/// "5" / "5:30" with am or pm.
fn meridiem_time(clock: &str, pm: bool) -> Option<ClockTime> {
    let (hour, minute) = clock.split_once([':', '.']).unwrap_or((clock, "00"));
    let hour: u32 = digits(hour, 2)?;
    let minute: u32 = digits(minute, 2).filter(|_| minute.len() == 2)?;
    if !(1..=12).contains(&hour) {
        return None;
    }
    // 12am is midnight, 12pm noon.
    let hour = hour % 12 + if pm { 12 } else { 0 };
    NaiveTime::from_hms_opt(hour, minute, 0).map(|time| ClockTime { time, bare: false })
}

/// "17:00", "05:30", "5:30", "10" (hour and minute as written).
fn written_time(hour: &str, minute: &str) -> Option<ClockTime> {
    let h: u32 = digits(hour, 2)?;
    let m: u32 = digits(minute, 2).filter(|_| minute.len() == 2)?;
    let time = NaiveTime::from_hms_opt(h, m, 0)?;
    // "05:30" and "17:00" say which half of the day they mean; "5:30" does not.
    let bare = (1..=11).contains(&h) && !hour.starts_with('0');
    Some(ClockTime { time, bare })
}

/// At most `max_len` ASCII digits as a number.
fn digits(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn is_unit(key: &str) -> bool {
    matches!(
        key,
        "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
    )
}

/// A month name or its usual abbreviation ("dec", "dec.", "sept").
pub(super) fn month(key: &str) -> Option<u32> {
    const MONTHS: [(&str, &str); 12] = [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may", "may"),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    let key = if key == "sept" { "sep" } else { key };
    MONTHS
        .iter()
        .position(|(name, short)| *name == key || *short == key)
        .and_then(|at| u32::try_from(at + 1).ok())
}

/// A weekday by name; short names ("fri") only when `short_ok`.
pub(super) fn weekday(key: &str, short_ok: bool) -> Option<Weekday> {
    const DAYS: [(&str, &[&str], Weekday); 7] = [
        ("monday", &["mon"], Weekday::Mon),
        ("tuesday", &["tue", "tues"], Weekday::Tue),
        ("wednesday", &["wed"], Weekday::Wed),
        ("thursday", &["thu", "thur", "thurs"], Weekday::Thu),
        ("friday", &["fri"], Weekday::Fri),
        ("saturday", &["sat"], Weekday::Sat),
        ("sunday", &["sun"], Weekday::Sun),
    ];
    DAYS.iter()
        .find(|(name, short, _)| *name == key || (short_ok && short.contains(&key)))
        .map(|(_, _, day)| *day)
}

/// "5", "05", "5th", "1st", "22nd", "3rd" as a day of the month (1–31).
pub(super) fn day_of_month(key: &str) -> Option<u32> {
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| key.strip_suffix(suffix))
        .unwrap_or(key);
    digits(number, 2).filter(|d| (1..=31).contains(d))
}

/// "5th", "1st": a day written as an ordinal.
pub(super) fn is_ordinal(key: &str) -> bool {
    key.len() > 2 && !key.bytes().all(|b| b.is_ascii_digit()) && day_of_month(key).is_some()
}

fn year(key: &str) -> Option<i32> {
    if key.len() != 4 {
        return None;
    }
    digits(key, 4)
        .and_then(|y| i32::try_from(y).ok())
        .filter(|y| (1900..=9999).contains(y))
}

/// The first `day` after `today` (1 to 7 days ahead).
pub(super) fn after_today(today: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    on_or_after(today.succ_opt()?, day)
}

/// The first `day` on or after `from` (0 to 6 days ahead).
pub(super) fn on_or_after(from: NaiveDate, day: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + day.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from.checked_add_days(Days::new(ahead.into()))
}

fn next_monday(today: NaiveDate) -> Option<NaiveDate> {
    after_today(today, Weekday::Mon)
}

fn this_weekend(today: NaiveDate) -> Option<NaiveDate> {
    if today.weekday() == Weekday::Sun {
        return Some(today);
    }
    on_or_after(today, Weekday::Sat)
}

fn first_of_next_month(today: NaiveDate) -> Option<NaiveDate> {
    today.with_day(1)?.checked_add_months(Months::new(1))
}

/// The next date on or after `today` that is the `day`th of its month.
pub(super) fn next_day_of_month(day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    (0..=12).find_map(|ahead| {
        let month = first.checked_add_months(Months::new(ahead))?;
        month.with_day(day).filter(|date| *date >= today)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tuesday 24 November 2026, 14:30.
    fn clock() -> Clock {
        Clock {
            now: date(2026, 11, 24).and_hms_opt(14, 30, 0).unwrap(),
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn read(text: &str) -> Option<(usize, Piece)> {
        let keys: Vec<&str> = text.split(' ').collect();
        piece(&keys, &clock())
    }

    fn day(text: &str) -> NaiveDate {
        match read(text) {
            Some((_, Piece::Day(day))) => day,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn time(text: &str) -> NaiveTime {
        match read(text) {
            Some((_, Piece::Time(time))) => time.resolve(None),
            other => panic!("{text}: {other:?}"),
        }
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn relative_days() {
        assert_eq!(day("today"), date(2026, 11, 24));
        assert_eq!(day("tomorrow"), date(2026, 11, 25));
        assert_eq!(day("day after tomorrow"), date(2026, 11, 26));
        assert_eq!(day("the day after tomorrow"), date(2026, 11, 26));
        assert_eq!(day("in 3 days"), date(2026, 11, 27));
        assert_eq!(day("in two weeks"), date(2026, 12, 8));
        assert_eq!(day("in a month"), date(2026, 12, 24));
        assert_eq!(day("3 days from now"), date(2026, 11, 27));
        assert_eq!(day("next week"), date(2026, 11, 30));
        assert_eq!(day("next month"), date(2026, 12, 1));
        assert_eq!(day("next year"), date(2027, 1, 1));
        assert_eq!(day("end of the month"), date(2026, 11, 30));
        assert_eq!(day("end of the week"), date(2026, 11, 27));
    }

    #[test]
    fn weekdays_are_the_next_one_after_today() {
        assert_eq!(day("friday"), date(2026, 11, 27));
        assert_eq!(day("on friday"), date(2026, 11, 27));
        assert_eq!(day("next friday"), date(2026, 11, 27));
        assert_eq!(day("monday"), date(2026, 11, 30));
        // Today is a Tuesday: "Tuesday" is next week's, "this Tuesday" today.
        assert_eq!(day("tuesday"), date(2026, 12, 1));
        assert_eq!(day("this tuesday"), date(2026, 11, 24));
        assert_eq!(day("on fri"), date(2026, 11, 27));
        // A short name alone is not a weekday: "watch the sun".
        assert_eq!(read("sun"), None);
    }

    #[test]
    fn weekends() {
        assert_eq!(day("this weekend"), date(2026, 11, 28));
        assert_eq!(day("weekend"), date(2026, 11, 28));
        assert_eq!(day("next weekend"), date(2026, 12, 5));
        let sunday = date(2026, 11, 29);
        assert_eq!(this_weekend(sunday), Some(sunday));
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(day("dec 5"), date(2026, 12, 5));
        assert_eq!(day("5 december"), date(2026, 12, 5));
        assert_eq!(day("december 5th"), date(2026, 12, 5));
        assert_eq!(day("the 5th of december"), date(2026, 12, 5));
        assert_eq!(day("december the 5th"), date(2026, 12, 5));
        assert_eq!(day("2026-12-05"), date(2026, 12, 5));
        assert_eq!(day("dec 5 2030"), date(2030, 12, 5));
        // Past without a year: next year's. Today is not past.
        assert_eq!(day("jan 3"), date(2027, 1, 3));
        assert_eq!(day("nov 24"), date(2026, 11, 24));
        assert_eq!(day("feb 29"), date(2028, 2, 29));
        assert_eq!(day("the 5th"), date(2026, 12, 5));
        assert_eq!(day("the 30th"), date(2026, 11, 30));
        assert_eq!(read("feb 30"), None);
        assert_eq!(read("5 apples"), None);
    }

    #[test]
    fn times() {
        assert_eq!(time("at 5pm"), hm(17, 0));
        assert_eq!(time("5 pm"), hm(17, 0));
        assert_eq!(time("at 5:30 pm"), hm(17, 30));
        assert_eq!(time("5:30pm"), hm(17, 30));
        assert_eq!(time("at 17:00"), hm(17, 0));
        assert_eq!(time("at 10"), hm(10, 0));
        assert_eq!(time("at 5"), hm(17, 0));
        assert_eq!(time("at 07:00"), hm(7, 0));
        assert_eq!(time("7am"), hm(7, 0));
        assert_eq!(time("12am"), hm(0, 0));
        assert_eq!(time("12pm"), hm(12, 0));
        assert_eq!(time("noon"), hm(12, 0));
        assert_eq!(time("midnight"), hm(0, 0));
        assert_eq!(time("at 9.30"), hm(9, 30));
        assert_eq!(time("5 o'clock"), hm(17, 0));
        assert_eq!(read("13pm"), None);
        assert_eq!(read("at 25:00"), None);
        assert_eq!(read("midnight snack"), None);
        // A bare number is an hour only after "at" and the like.
        assert_eq!(read("10"), None);
        assert_eq!(read("at home"), None);
        assert_eq!(read("by 2 weeks"), None);
    }

    #[test]
    fn parts_of_the_day() {
        assert_eq!(
            read("in the morning"),
            Some((3, Piece::Part(PartOfDay::Morning)))
        );
        assert_eq!(
            read("tonight"),
            Some((1, Piece::DayPart(date(2026, 11, 24), PartOfDay::Night)))
        );
        assert_eq!(
            read("tomorrow evening"),
            Some((2, Piece::DayPart(date(2026, 11, 25), PartOfDay::Evening)))
        );
        let seven = ClockTime {
            time: hm(7, 0),
            bare: true,
        };
        assert_eq!(seven.resolve(Some(PartOfDay::Morning)), hm(7, 0));
        assert_eq!(seven.resolve(Some(PartOfDay::Night)), hm(19, 0));
        assert_eq!(PartOfDay::Evening.time(), hm(18, 0));
    }

    #[test]
    fn instants() {
        assert_eq!(
            read("in an hour"),
            Some((3, Piece::Instant(at(2026, 11, 24, 15, 30))))
        );
        assert_eq!(
            read("in 30 minutes"),
            Some((3, Piece::Instant(at(2026, 11, 24, 15, 0))))
        );
        assert_eq!(
            read("in half an hour"),
            Some((4, Piece::Instant(at(2026, 11, 24, 15, 0))))
        );
        assert_eq!(
            read("2026-12-05t15:00"),
            Some((1, Piece::Instant(at(2026, 12, 5, 15, 0))))
        );
    }

    #[test]
    fn prepositions_are_part_of_the_phrase() {
        assert_eq!(read("due on friday").map(|(len, _)| len), Some(3));
        assert_eq!(read("by tomorrow").map(|(len, _)| len), Some(2));
        assert_eq!(read("on"), None);
    }
}
