//! How often a task repeats, as people say it ("every Monday and Thursday",
//! "every 2 weeks", "every 1st of the month", "daily"), turned into the
//! RRULE body the task domain stores.
//!
//! The rule text is passed through the domain's own parser, so it comes out
//! in the canonical form (`Recurrence::to_rrule`) and the first due is the
//! domain's own answer (`Recurrence::first_on_or_after`), not a second
//! implementation of the calendar.

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::When;
use super::dates::{self, PartOfDay};
use crate::tasks::{Due, Recurrence, TimeZone};

/// A repeat phrase: the rule, and the part of the day "every morning" names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Repeat {
    /// Canonical RRULE body, e.g. "FREQ=WEEKLY;BYDAY=MO,TH".
    pub rule: String,
    pub part: Option<PartOfDay>,
}

/// The rule's parts before they become text.
#[derive(Debug, Default)]
struct Rule {
    frequency: &'static str,
    interval: u32,
    by_day: Vec<String>,
    by_month_day: Option<i32>,
}

impl Rule {
    fn every(frequency: &'static str, interval: u32) -> Rule {
        Rule {
            frequency,
            interval,
            ..Rule::default()
        }
    }

    fn on_days(mut self, days: &[Weekday]) -> Rule {
        self.by_day = days.iter().map(|d| day_code(*d).to_string()).collect();
        self
    }

    /// The canonical RRULE body, or None if the domain refuses it.
    fn text(&self) -> Option<String> {
        let mut text = format!("FREQ={}", self.frequency);
        if self.interval > 1 {
            text += &format!(";INTERVAL={}", self.interval);
        }
        if !self.by_day.is_empty() {
            text += &format!(";BYDAY={}", self.by_day.join(","));
        }
        if let Some(day) = self.by_month_day {
            text += &format!(";BYMONTHDAY={day}");
        }
        Recurrence::parse(&text).ok().map(|r| r.to_rrule())
    }
}

/// The repeat phrase `keys` start with, and how many words it takes.
pub(super) fn repeat(keys: &[&str]) -> Option<(usize, Repeat)> {
    // "repeat every Monday", "recurring weekly".
    let lead = usize::from(keys.first().is_some_and(|k| {
        matches!(
            *k,
            "repeat" | "repeats" | "repeating" | "recurring" | "recur" | "recurs"
        )
    }));
    let (mut len, rule, mut part) = phrase(&keys[lead..])?;
    // "every Sunday evening".
    if part.is_none()
        && let Some(named) = keys.get(lead + len).and_then(|k| PartOfDay::from_key(k))
    {
        part = Some(named);
        len += 1;
    }
    let rule = rule.text()?;
    Some((lead + len, Repeat { rule, part }))
}

fn phrase(keys: &[&str]) -> Option<(usize, Rule, Option<PartOfDay>)> {
    let plain = |len, rule| Some((len, rule, None));
    match keys {
        ["daily" | "everyday", ..] => plain(1, Rule::every("DAILY", 1)),
        ["weekly", rest @ ..] => with_days(1, Rule::every("WEEKLY", 1), rest),
        ["biweekly" | "fortnightly", rest @ ..] => with_days(1, Rule::every("WEEKLY", 2), rest),
        ["monthly", rest @ ..] => with_month_day(1, Rule::every("MONTHLY", 1), rest),
        ["quarterly", ..] => plain(1, Rule::every("MONTHLY", 3)),
        ["yearly" | "annually", ..] => plain(1, Rule::every("YEARLY", 1)),
        ["once", "a", unit, ..] => {
            let frequency = frequency(unit)?;
            plain(3, Rule::every(frequency, 1))
        }
        ["on", "weekdays", ..] => plain(2, weekdays()),
        ["weekdays", ..] => plain(1, weekdays()),
        ["on", "weekends", ..] => plain(2, Rule::every("WEEKLY", 1).on_days(&WEEKEND)),
        ["weekends", ..] => plain(1, Rule::every("WEEKLY", 1).on_days(&WEEKEND)),
        ["on", rest @ ..] if plural_day(rest.first()?).is_some() => {
            let (days, len) = day_list(rest)?;
            plain(1 + len, Rule::every("WEEKLY", 1).on_days(&days))
        }
        [first, ..] if plural_day(first).is_some() => {
            let (days, len) = day_list(keys)?;
            plain(len, Rule::every("WEEKLY", 1).on_days(&days))
        }
        ["on", "the", rest @ ..] | ["the" | "on", rest @ ..] | rest @ [_, "of", ..] => {
            // "(on) (the) 1st of every month", "the last day of each month".
            let lead = keys.len() - rest.len();
            let (len, day) = match rest {
                ["last", "day", "of", "every" | "each", "month", ..] => (5, -1),
                [day, "of", "every" | "each", "month", ..] => {
                    (4, i32::try_from(dates::day_of_month(day)?).ok()?)
                }
                _ => return None,
            };
            plain(lead + len, month_day_rule(day))
        }
        ["every" | "each", rest @ ..] => every(rest).map(|(len, rule, part)| (1 + len, rule, part)),
        _ => None,
    }
}

/// What follows "every".
fn every(keys: &[&str]) -> Option<(usize, Rule, Option<PartOfDay>)> {
    let plain = |len, rule| Some((len, rule, None));
    match keys {
        ["day", ..] => plain(1, Rule::every("DAILY", 1)),
        [part, ..] if matches!(*part, "morning" | "afternoon" | "evening" | "night") => {
            Some((1, Rule::every("DAILY", 1), PartOfDay::from_key(part)))
        }
        ["weekday" | "weekdays" | "workday" | "workdays", ..] => plain(1, weekdays()),
        ["work" | "business", "day", ..] => plain(2, weekdays()),
        ["weekend" | "weekends", ..] => plain(1, Rule::every("WEEKLY", 1).on_days(&WEEKEND)),
        ["last", "day", "of", "the" | "every" | "each", "month", ..] => {
            plain(5, month_day_rule(-1))
        }
        [ordinal, day, rest @ ..]
            if nth(ordinal).is_some() && dates::weekday(day, true).is_some() =>
        {
            // "every first Monday (of the month)".
            let n = nth(ordinal)?;
            let weekday = dates::weekday(day, true)?;
            let of_month = of_the_month(rest);
            let mut rule = Rule::every("MONTHLY", 1);
            rule.by_day = vec![format!("{n}{}", day_code(weekday))];
            plain(2 + of_month, rule)
        }
        [day, rest @ ..] if dates::is_ordinal(day) => {
            // "every 1st (of the month)".
            plain(
                1 + of_the_month(rest),
                month_day_rule(dates::day_of_month(day)?),
            )
        }
        ["other", rest @ ..] => counted(2, rest).map(|(len, rule)| (1 + len, rule, None)),
        [count, rest @ ..] if dates::number(count).is_some_and(|n| n > 1) => {
            counted(dates::number(count)?, rest).map(|(len, rule)| (1 + len, rule, None))
        }
        _ => counted(1, keys).map(|(len, rule)| (len, rule, None)),
    }
}

/// A unit repeated every `interval`: "week", "2 weeks on Monday", "Monday
/// and Thursday", "month on the 15th".
fn counted(interval: u32, keys: &[&str]) -> Option<(usize, Rule)> {
    if let Some((days, len)) = day_list(keys) {
        return Some((len, Rule::every("WEEKLY", interval).on_days(&days)));
    }
    let unit = *keys.first()?;
    let frequency = frequency(unit.strip_suffix('s').unwrap_or(unit))?;
    let rule = Rule::every(frequency, interval);
    let rest = &keys[1..];
    let found = match frequency {
        "WEEKLY" => with_days(1, rule, rest),
        "MONTHLY" => with_month_day(1, rule, rest),
        _ => Some((1, rule, None)),
    };
    found.map(|(len, rule, _)| (len, rule))
}

/// "weekly" followed perhaps by "on Monday and Friday".
fn with_days(len: usize, rule: Rule, rest: &[&str]) -> Option<(usize, Rule, Option<PartOfDay>)> {
    if let ["on", days @ ..] = rest
        && let Some((days, days_len)) = day_list(days)
    {
        return Some((len + 1 + days_len, rule.on_days(&days), None));
    }
    Some((len, rule, None))
}

/// "monthly" followed perhaps by "on the 15th" or "on the last day".
fn with_month_day(
    len: usize,
    mut rule: Rule,
    rest: &[&str],
) -> Option<(usize, Rule, Option<PartOfDay>)> {
    match rest {
        ["on", "the", "last", "day", ..] => {
            rule.by_month_day = Some(-1);
            Some((len + 4, rule, None))
        }
        ["on", "the", day, ..] if dates::day_of_month(day).is_some() => {
            rule.by_month_day = dates::day_of_month(day).and_then(|d| i32::try_from(d).ok());
            Some((len + 3, rule, None))
        }
        _ => Some((len, rule, None)),
    }
}

fn frequency(unit: &str) -> Option<&'static str> {
    match unit {
        "day" => Some("DAILY"),
        "week" => Some("WEEKLY"),
        "month" => Some("MONTHLY"),
        "year" => Some("YEARLY"),
        _ => None,
    }
}

fn month_day_rule(day: impl TryInto<i32>) -> Rule {
    let mut rule = Rule::every("MONTHLY", 1);
    rule.by_month_day = day.try_into().ok();
    rule
}

/// "of the month", "of every month", "of each month": how many words.
fn of_the_month(keys: &[&str]) -> usize {
    match keys {
        ["of", "the" | "every" | "each", "month", ..] => 3,
        _ => 0,
    }
}

const WEEKEND: [Weekday; 2] = [Weekday::Sat, Weekday::Sun];

fn weekdays() -> Rule {
    Rule::every("WEEKLY", 1).on_days(&[
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ])
}

/// "first" .. "fourth", "last" as a BYDAY position.
fn nth(key: &str) -> Option<i8> {
    match key {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        "last" => Some(-1),
        _ => None,
    }
}

/// "mondays" as Monday.
fn plural_day(key: &str) -> Option<Weekday> {
    key.strip_suffix('s')
        .and_then(|day| dates::weekday(day, false))
}

/// "Monday", "mon, wed and fri", "Mondays and Thursdays": the days and how
/// many words they take.
fn day_list(keys: &[&str]) -> Option<(Vec<Weekday>, usize)> {
    let day = |key: &str| dates::weekday(key, true).or_else(|| plural_day(key));
    let mut days = vec![day(keys.first()?)?];
    let mut len = 1;
    loop {
        match keys.get(len..) {
            Some([joiner, next, ..])
                if matches!(*joiner, "and" | "&" | "or") && day(next).is_some() =>
            {
                days.extend(day(next));
                len += 2;
            }
            Some([next, ..]) if day(next).is_some() => {
                // Commas are not words: "mon, wed" is two days in a row.
                days.extend(day(next));
                len += 1;
            }
            _ => return Some((days, len)),
        }
    }
}

fn day_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The first due of a series that starts `from` (today, or tomorrow when a
/// time of day has already passed today), at `time` if one was named.
pub(super) fn first_due(rule: &str, from: NaiveDate, time: Option<NaiveTime>) -> Option<When> {
    let recurrence = Recurrence::parse(rule).ok()?;
    // Local times are handled as UTC: no offset, no daylight saving, so the
    // wall-clock time comes back unchanged.
    match recurrence.first_on_or_after(from, time, TimeZone::default())? {
        Due::Date(day) => Some(When::Date(day)),
        Due::At(at) => Some(When::At(at.naive_utc())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Option<(usize, String)> {
        let keys: Vec<&str> = text.split(' ').collect();
        repeat(&keys).map(|(len, r)| (len, r.rule))
    }

    fn whole(text: &str) -> String {
        let words = text.split(' ').count();
        match rule(text) {
            Some((len, rule)) if len == words => rule,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn daily_weekly_monthly_yearly() {
        assert_eq!(whole("every day"), "FREQ=DAILY");
        assert_eq!(whole("daily"), "FREQ=DAILY");
        assert_eq!(whole("every other day"), "FREQ=DAILY;INTERVAL=2");
        assert_eq!(whole("every 3 days"), "FREQ=DAILY;INTERVAL=3");
        assert_eq!(whole("weekly"), "FREQ=WEEKLY");
        assert_eq!(whole("every week"), "FREQ=WEEKLY");
        assert_eq!(whole("every 2 weeks"), "FREQ=WEEKLY;INTERVAL=2");
        assert_eq!(whole("every two weeks"), "FREQ=WEEKLY;INTERVAL=2");
        assert_eq!(whole("biweekly"), "FREQ=WEEKLY;INTERVAL=2");
        assert_eq!(whole("every month"), "FREQ=MONTHLY");
        assert_eq!(whole("monthly"), "FREQ=MONTHLY");
        assert_eq!(whole("quarterly"), "FREQ=MONTHLY;INTERVAL=3");
        assert_eq!(whole("every year"), "FREQ=YEARLY");
        assert_eq!(whole("yearly"), "FREQ=YEARLY");
        assert_eq!(whole("annually"), "FREQ=YEARLY");
        assert_eq!(whole("once a week"), "FREQ=WEEKLY");
    }

    #[test]
    fn days_of_the_week() {
        assert_eq!(whole("every weekday"), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        assert_eq!(whole("on weekdays"), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
        assert_eq!(whole("every weekend"), "FREQ=WEEKLY;BYDAY=SA,SU");
        assert_eq!(whole("every monday"), "FREQ=WEEKLY;BYDAY=MO");
        assert_eq!(
            whole("every monday and thursday"),
            "FREQ=WEEKLY;BYDAY=MO,TH"
        );
        assert_eq!(
            whole("every thursday and monday"),
            "FREQ=WEEKLY;BYDAY=MO,TH"
        );
        assert_eq!(whole("every mon wed and fri"), "FREQ=WEEKLY;BYDAY=MO,WE,FR");
        assert_eq!(whole("mondays"), "FREQ=WEEKLY;BYDAY=MO");
        assert_eq!(whole("on tuesdays and fridays"), "FREQ=WEEKLY;BYDAY=TU,FR");
        assert_eq!(
            whole("every other monday"),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
        );
        assert_eq!(
            whole("every 2 weeks on friday"),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
        );
        assert_eq!(whole("weekly on monday"), "FREQ=WEEKLY;BYDAY=MO");
        assert_eq!(whole("repeat every sunday"), "FREQ=WEEKLY;BYDAY=SU");
        assert_eq!(whole("every sunday evening"), "FREQ=WEEKLY;BYDAY=SU");
    }

    #[test]
    fn days_of_the_month() {
        assert_eq!(whole("every 1st of the month"), "FREQ=MONTHLY;BYMONTHDAY=1");
        assert_eq!(whole("every 15th"), "FREQ=MONTHLY;BYMONTHDAY=15");
        assert_eq!(whole("the 1st of every month"), "FREQ=MONTHLY;BYMONTHDAY=1");
        assert_eq!(whole("monthly on the 15th"), "FREQ=MONTHLY;BYMONTHDAY=15");
        assert_eq!(whole("every month on the 3rd"), "FREQ=MONTHLY;BYMONTHDAY=3");
        assert_eq!(
            whole("every last day of the month"),
            "FREQ=MONTHLY;BYMONTHDAY=-1"
        );
        assert_eq!(
            whole("on the last day of every month"),
            "FREQ=MONTHLY;BYMONTHDAY=-1"
        );
        assert_eq!(
            whole("on the 15th of each month"),
            "FREQ=MONTHLY;BYMONTHDAY=15"
        );
        assert_eq!(whole("1st of every month"), "FREQ=MONTHLY;BYMONTHDAY=1");
        assert_eq!(
            whole("every first monday of the month"),
            "FREQ=MONTHLY;BYDAY=1MO"
        );
        assert_eq!(whole("every last friday"), "FREQ=MONTHLY;BYDAY=-1FR");
    }

    #[test]
    fn parts_of_the_day_repeat_daily() {
        let keys = ["every", "morning"];
        assert_eq!(
            repeat(&keys),
            Some((
                2,
                Repeat {
                    rule: "FREQ=DAILY".into(),
                    part: Some(PartOfDay::Morning)
                }
            ))
        );
    }

    #[test]
    fn not_a_repeat() {
        assert_eq!(rule("every"), None);
        assert_eq!(rule("everything"), None);
        assert_eq!(rule("every time"), None);
        assert_eq!(rule("monday"), None);
    }

    #[test]
    fn the_first_due_is_the_first_occurrence() {
        // Tuesday 24 November 2026.
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let day = |d| When::Date(NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
        assert_eq!(
            first_due("FREQ=WEEKLY;BYDAY=MO", today, None),
            Some(day(30))
        );
        assert_eq!(
            first_due("FREQ=WEEKLY;BYDAY=TU", today, None),
            Some(day(24))
        );
        assert_eq!(first_due("FREQ=DAILY", today, None), Some(day(24)));
        let nine = NaiveTime::from_hms_opt(9, 0, 0);
        assert_eq!(
            first_due("FREQ=DAILY", today, nine),
            Some(When::At(today.and_hms_opt(9, 0, 0).unwrap()))
        );
        assert_eq!(
            first_due("FREQ=MONTHLY;BYMONTHDAY=1", today, None),
            Some(When::Date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()))
        );
    }
}
