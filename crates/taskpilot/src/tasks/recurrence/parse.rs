//! Reading and writing the RRULE text.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::{DayRule, End, Frequency, Recurrence, Until};
use crate::tasks::FieldError;
use crate::tasks::field_error::quoted;

/// The parts this subset understands, in canonical order.
const SUPPORTED_PARTS: &str = "FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL";

/// RFC 5545 parts that exist but that this subset does not implement.
const UNSUPPORTED_PARTS: [&str; 6] = [
    "BYSETPOS",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
    "BYYEARDAY",
    "BYWEEKNO",
];

const WEEKDAY_CODES: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

const INTERVALS: std::ops::RangeInclusive<u16> = 1..=999;
const COUNTS: std::ops::RangeInclusive<u16> = 1..=1000;

impl Recurrence {
    /// Case-insensitive, optional "RRULE:" prefix, parts in any order,
    /// surrounding whitespace ok. field "recurrence".
    pub fn parse(input: &str) -> Result<Recurrence, FieldError> {
        let text = input.trim().to_ascii_uppercase();
        let text = text.strip_prefix("RRULE:").unwrap_or(&text);
        let parts = split_parts(text)?;
        let part = |name: &str| parts.get(name).copied();

        let frequency = parse_frequency(part("FREQ"))?;
        if let Some(start) = part("WKST")
            && start != "MO"
        {
            return Err(invalid(format!(
                "WKST={start} is not supported; weeks start on Monday"
            )));
        }
        let interval = match part("INTERVAL") {
            None => 1,
            Some(value) => parse_number(value, INTERVALS)
                .ok_or_else(|| invalid("INTERVAL must be a whole number from 1 to 999"))?,
        };
        let by_day = part("BYDAY").map(parse_by_day).transpose()?;
        let by_month_day = part("BYMONTHDAY").map(parse_by_month_day).transpose()?;
        let by_month = part("BYMONTH").map(parse_by_month).transpose()?;
        let (by_day, by_month_day, by_month) = (
            by_day.unwrap_or_default(),
            by_month_day.unwrap_or_default(),
            by_month.unwrap_or_default(),
        );
        check_day_parts(frequency, &by_day, &by_month_day, &by_month)?;
        let end = match (part("COUNT"), part("UNTIL")) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "use COUNT or UNTIL, not both (RFC 5545 forbids it)",
                ));
            }
            (Some(value), None) => End::Count(
                parse_number(value, COUNTS)
                    .ok_or_else(|| invalid("COUNT must be a whole number from 1 to 1000"))?,
            ),
            (None, Some(value)) => End::Until(parse_until(value)?),
            (None, None) => End::Never,
        };

        Ok(Recurrence {
            frequency,
            interval,
            by_day,
            by_month_day,
            by_month,
            end,
        })
    }

    /// Canonical text, parts in a fixed order: FREQ, INTERVAL (only if >1),
    /// BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL. e.g.
    /// "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE". Display does the same.
    /// parse(to_string()) == self.
    pub fn to_rrule(&self) -> String {
        let frequency = match self.frequency {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        };
        let mut parts = vec![format!("FREQ={frequency}")];
        if self.interval > 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            parts.push(format!("BYDAY={}", join(&self.by_day, day_code)));
        }
        if !self.by_month_day.is_empty() {
            parts.push(format!(
                "BYMONTHDAY={}",
                join(&self.by_month_day, i8::to_string)
            ));
        }
        if !self.by_month.is_empty() {
            parts.push(format!("BYMONTH={}", join(&self.by_month, u32::to_string)));
        }
        match self.end {
            End::Never => {}
            End::Count(count) => parts.push(format!("COUNT={count}")),
            End::Until(Until::Date(date)) => parts.push(format!("UNTIL={}", date.format("%Y%m%d"))),
            End::Until(Until::Floating(at)) => {
                parts.push(format!("UNTIL={}", at.format("%Y%m%dT%H%M%S")));
            }
            End::Until(Until::Utc(at)) => {
                parts.push(format!("UNTIL={}", at.format("%Y%m%dT%H%M%SZ")));
            }
        }
        parts.join(";")
    }
}

fn invalid(message: impl Into<String>) -> FieldError {
    FieldError::new("recurrence", message)
}

/// "FREQ=DAILY;COUNT=3" into its parts by name, refusing parts this subset
/// does not implement and parts given twice.
fn split_parts(text: &str) -> Result<BTreeMap<&str, &str>, FieldError> {
    let mut parts = BTreeMap::new();
    // Empty parts (a trailing ';') carry no meaning; tolerate them.
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| invalid(format!("{} is not a NAME=VALUE part", quoted(part))))?;
        let (name, value) = (name.trim(), value.trim());
        if UNSUPPORTED_PARTS.contains(&name) {
            return Err(invalid(format!(
                "{name} is not supported; a recurrence can use {SUPPORTED_PARTS}"
            )));
        }
        if !SUPPORTED_PARTS.split(", ").any(|known| known == name) && name != "WKST" {
            return Err(invalid(format!(
                "{} is not a recurrence rule part; a recurrence can use {SUPPORTED_PARTS}",
                quoted(name)
            )));
        }
        if parts.insert(name, value).is_some() {
            return Err(invalid(format!("{name} is given twice")));
        }
    }
    Ok(parts)
}

fn parse_frequency(value: Option<&str>) -> Result<Frequency, FieldError> {
    match value {
        Some("DAILY") => Ok(Frequency::Daily),
        Some("WEEKLY") => Ok(Frequency::Weekly),
        Some("MONTHLY") => Ok(Frequency::Monthly),
        Some("YEARLY") => Ok(Frequency::Yearly),
        Some(value @ ("HOURLY" | "MINUTELY" | "SECONDLY")) => Err(invalid(format!(
            "FREQ={value} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY"
        ))),
        Some(_) => Err(invalid("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")),
        None => Err(invalid(
            "a recurrence needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)",
        )),
    }
}

/// A whole number in `range`; `None` for anything else.
fn parse_number<T: std::str::FromStr + PartialOrd>(
    value: &str,
    range: std::ops::RangeInclusive<T>,
) -> Option<T> {
    // `str::parse` takes a leading '+'; RRULE numbers here are plain digits.
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|n| range.contains(n))
}

/// "3", "+3" or "-3": a position counted from the start or (negative) the
/// end, 1..=`max` either way.
fn parse_signed(value: &str, max: i8) -> Option<i8> {
    let (negative, digits) = match value.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let n: i8 = parse_number(digits, 1..=max)?;
    Some(if negative { -n } else { n })
}

/// The comma-separated values of a list part, each through `parse_one`,
/// sorted by `sort_key` and without duplicates.
fn parse_list<T: Copy + PartialEq, K: Ord>(
    value: &str,
    parse_one: impl Fn(&str) -> Option<T>,
    sort_key: impl Fn(&T) -> K,
    message: &str,
) -> Result<Vec<T>, FieldError> {
    let mut items = value
        .split(',')
        .map(|item| parse_one(item.trim()))
        .collect::<Option<Vec<T>>>()
        .ok_or_else(|| invalid(message))?;
    items.sort_by_key(sort_key);
    items.dedup();
    Ok(items)
}

fn parse_by_day(value: &str) -> Result<Vec<DayRule>, FieldError> {
    parse_list(
        value,
        parse_day_rule,
        |day| {
            (
                day.weekday.num_days_from_monday(),
                ordinal_order(day.ordinal),
            )
        },
        "BYDAY takes days MO, TU, WE, TH, FR, SA, SU, in a monthly or yearly rule optionally \
         with a position (1MO is the first Monday, -1FR the last Friday)",
    )
}

/// "MO", "1MO", "+2TU", "-1FR".
fn parse_day_rule(item: &str) -> Option<DayRule> {
    let split = item.len().checked_sub(2)?;
    let (position, code) = (item.get(..split)?, item.get(split..)?);
    let weekday = WEEKDAY_CODES
        .iter()
        .find(|(name, _)| *name == code)
        .map(|&(_, weekday)| weekday)?;
    // Up to the 53rd of a year; `check_day_parts` narrows it where the
    // position counts within a month.
    let ordinal = match position {
        "" => None,
        position => Some(parse_signed(position, 53)?),
    };
    Some(DayRule { ordinal, weekday })
}

fn parse_by_month_day(value: &str) -> Result<Vec<i8>, FieldError> {
    parse_list(
        value,
        |item| parse_signed(item, 31),
        |&day| month_day_order(day),
        "BYMONTHDAY takes days from 1 to 31, or from -1 (the last day) to -31",
    )
}

fn parse_by_month(value: &str) -> Result<Vec<u32>, FieldError> {
    parse_list(
        value,
        |item| parse_number(item, 1..=12),
        |&month| month,
        "BYMONTH takes months from 1 to 12",
    )
}

/// The combinations RFC 5545 forbids: BYMONTHDAY in a weekly rule, BYDAY
/// positions outside monthly and yearly rules, and positions past the fifth
/// where they count within a month.
fn check_day_parts(
    frequency: Frequency,
    by_day: &[DayRule],
    by_month_day: &[i8],
    by_month: &[u32],
) -> Result<(), FieldError> {
    if frequency == Frequency::Weekly && !by_month_day.is_empty() {
        return Err(invalid(
            "BYMONTHDAY does not work with FREQ=WEEKLY (RFC 5545 forbids it); \
             use FREQ=MONTHLY for days of the month",
        ));
    }
    let Some(widest) = by_day
        .iter()
        .filter_map(|day| day.ordinal)
        .map(i8::unsigned_abs)
        .max()
    else {
        return Ok(());
    };
    match frequency {
        Frequency::Daily | Frequency::Weekly => Err(invalid(
            "BYDAY positions like 1MO work only with FREQ=MONTHLY or FREQ=YEARLY; \
             a daily or weekly rule takes plain days like MO,WE",
        )),
        Frequency::Monthly if widest > 5 => Err(invalid(
            "BYDAY positions in a monthly rule go from 1 to 5 or -1 to -5 \
             (1MO is the first Monday of the month)",
        )),
        Frequency::Yearly if widest > 5 && !by_month.is_empty() => Err(invalid(
            "BYDAY positions in a yearly rule with BYMONTH count within the month, \
             from 1 to 5 or -1 to -5 (without BYMONTH they count within the year, up to 53)",
        )),
        _ => Ok(()),
    }
}

/// "20261231", "20261231T170000" or "20261231T160000Z"; years 1900..=9999
/// like due dates.
fn parse_until(value: &str) -> Result<Until, FieldError> {
    let refuse =
        || invalid("UNTIL must be a date like 20261231 or a date-time like 20261231T235959Z");
    // chrono's `%Y` would take any number of digits; the shapes are fixed.
    let shape_ok = value.bytes().enumerate().all(|(i, b)| match i {
        8 => b == b'T',
        15 => b == b'Z',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok || value.get(..4).is_some_and(|year| year < "1900") {
        return Err(refuse());
    }
    match value.len() {
        8 => NaiveDate::parse_from_str(value, "%Y%m%d").map(Until::Date),
        15 => NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map(Until::Floating),
        16 => NaiveDateTime::parse_from_str(&value[..15], "%Y%m%dT%H%M%S")
            .map(|at| Until::Utc(at.and_utc())),
        _ => return Err(refuse()),
    }
    .map_err(|_| refuse())
}

/// None first, then 1..=53, then -53..=-1: "MO,1MO,2MO,-1MO".
fn ordinal_order(ordinal: Option<i8>) -> i16 {
    match ordinal {
        None => 0,
        Some(n) if n > 0 => n.into(),
        Some(n) => 200 + i16::from(n),
    }
}

/// 1..=31, then -31..=-1, so "the last day" comes last.
fn month_day_order(day: i8) -> i16 {
    if day > 0 {
        day.into()
    } else {
        100 + i16::from(day)
    }
}

fn day_code(day: &DayRule) -> String {
    let code = WEEKDAY_CODES
        .iter()
        .find(|(_, weekday)| *weekday == day.weekday)
        .map_or("", |(code, _)| code);
    match day.ordinal {
        None => code.to_string(),
        Some(n) => format!("{n}{code}"),
    }
}

fn join<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    items.iter().map(show).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(input: &str) -> String {
        Recurrence::parse(input).unwrap().to_rrule()
    }

    fn message(input: &str) -> String {
        let error = Recurrence::parse(input).unwrap_err();
        assert_eq!(error.field, "recurrence");
        error.message
    }

    #[test]
    fn parses_each_frequency() {
        for frequency in ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] {
            assert_eq!(
                canonical(&format!("FREQ={frequency}")),
                format!("FREQ={frequency}")
            );
        }
    }

    #[test]
    fn ignores_case_prefix_whitespace_and_part_order() {
        assert_eq!(
            canonical("  rrule:byday=we,mo ; Interval=2;freq=weekly; "),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"
        );
    }

    #[test]
    fn writes_parts_in_a_fixed_order_and_lists_sorted() {
        assert_eq!(
            canonical("COUNT=5;BYMONTHDAY=-1,15,1,15;INTERVAL=1;FREQ=MONTHLY;BYDAY=-1FR,FR,1FR,MO"),
            "FREQ=MONTHLY;BYDAY=MO,FR,1FR,-1FR;BYMONTHDAY=1,15,-1;COUNT=5"
        );
        assert_eq!(
            canonical("FREQ=YEARLY;BYMONTH=12,3;UNTIL=20301231"),
            "FREQ=YEARLY;BYMONTH=3,12;UNTIL=20301231"
        );
        assert_eq!(
            canonical("FREQ=MONTHLY;BYDAY=+2TU"),
            "FREQ=MONTHLY;BYDAY=2TU"
        );
    }

    #[test]
    fn parses_the_three_forms_of_until() {
        for until in ["20261231", "20261231T170000", "20261231T160000Z"] {
            assert_eq!(
                canonical(&format!("FREQ=DAILY;UNTIL={until}")),
                format!("FREQ=DAILY;UNTIL={until}")
            );
        }
    }

    #[test]
    fn accepts_wkst_monday_only() {
        assert_eq!(canonical("FREQ=WEEKLY;WKST=MO"), "FREQ=WEEKLY");
        assert_eq!(
            message("FREQ=WEEKLY;WKST=SU"),
            "WKST=SU is not supported; weeks start on Monday"
        );
    }

    #[test]
    fn parse_reads_back_what_to_rrule_writes() {
        for input in [
            "FREQ=DAILY",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
            "FREQ=MONTHLY;BYDAY=-1FR;COUNT=12",
            "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;UNTIL=20301231T230000Z",
            "FREQ=YEARLY;INTERVAL=999;BYMONTH=2;UNTIL=99991231T235959",
            "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
            "FREQ=DAILY;BYDAY=SA;BYMONTHDAY=1,-1;BYMONTH=6,7,8",
            "FREQ=WEEKLY;BYDAY=SA;BYMONTH=6,7,8",
            "FREQ=MONTHLY;BYMONTHDAY=15;BYMONTH=1,4,7,10",
            "FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=6",
            "FREQ=YEARLY;BYDAY=4TH;BYMONTH=11;COUNT=10",
            "FREQ=YEARLY;BYDAY=MO,1MO,20MO,53MO,-53MO,-1MO",
        ] {
            let rule = Recurrence::parse(input).unwrap();
            assert_eq!(rule.to_rrule(), input);
            assert_eq!(rule.to_string(), input);
            assert_eq!(Recurrence::parse(&rule.to_string()).unwrap(), rule);
        }
    }

    #[test]
    fn refuses_missing_or_unsupported_frequencies() {
        assert_eq!(
            message(""),
            "a recurrence needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)"
        );
        assert_eq!(
            message("INTERVAL=2"),
            "a recurrence needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)"
        );
        assert_eq!(
            message("FREQ=HOURLY"),
            "FREQ=HOURLY is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY"
        );
        assert_eq!(
            message("FREQ=SECONDLY"),
            "FREQ=SECONDLY is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY"
        );
        assert_eq!(
            message("FREQ=FORTNIGHTLY"),
            "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"
        );
    }

    #[test]
    fn refuses_unsupported_and_unknown_parts_by_name() {
        for part in UNSUPPORTED_PARTS {
            assert_eq!(
                message(&format!("FREQ=MONTHLY;{part}=1")),
                format!(
                    "{part} is not supported; a recurrence can use \
                     FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL"
                )
            );
        }
        assert_eq!(
            message("FREQ=DAILY;COLOR=RED"),
            "\"COLOR\" is not a recurrence rule part; a recurrence can use \
             FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL"
        );
        assert_eq!(
            message("FREQ=DAILY;EVERYDAY"),
            "\"EVERYDAY\" is not a NAME=VALUE part"
        );
        assert_eq!(message("FREQ=DAILY;FREQ=WEEKLY"), "FREQ is given twice");
    }

    #[test]
    fn refuses_intervals_and_counts_out_of_range() {
        let interval = "INTERVAL must be a whole number from 1 to 999";
        for value in ["0", "1000", "-1", "+2", "two", ""] {
            assert_eq!(
                message(&format!("FREQ=DAILY;INTERVAL={value}")),
                interval,
                "{value}"
            );
        }
        assert_eq!(
            canonical("FREQ=DAILY;INTERVAL=999"),
            "FREQ=DAILY;INTERVAL=999"
        );

        let count = "COUNT must be a whole number from 1 to 1000";
        for value in ["0", "1001", "1.5", "99999999999"] {
            assert_eq!(
                message(&format!("FREQ=DAILY;COUNT={value}")),
                count,
                "{value}"
            );
        }
        assert_eq!(canonical("FREQ=DAILY;COUNT=1000"), "FREQ=DAILY;COUNT=1000");
    }

    #[test]
    fn refuses_count_with_until() {
        assert_eq!(
            message("FREQ=DAILY;COUNT=3;UNTIL=20261231"),
            "use COUNT or UNTIL, not both (RFC 5545 forbids it)"
        );
    }

    #[test]
    fn refuses_malformed_until() {
        let expected = "UNTIL must be a date like 20261231 or a date-time like 20261231T235959Z";
        for value in [
            "2026-12-31",
            "20261331",
            "20261231T",
            "20261231T2400000Z",
            "20261231T250000Z",
            "18991231",
            "202612310",
            "",
        ] {
            assert_eq!(
                message(&format!("FREQ=DAILY;UNTIL={value}")),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn byday_works_with_every_frequency_positions_with_monthly_and_yearly() {
        for frequency in ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] {
            let rule = format!("FREQ={frequency};BYDAY=MO,FR");
            assert_eq!(canonical(&rule), rule);
        }
        for rule in ["FREQ=DAILY;BYDAY=1MO", "FREQ=WEEKLY;BYDAY=MO,-1FR"] {
            assert_eq!(
                message(rule),
                "BYDAY positions like 1MO work only with FREQ=MONTHLY or FREQ=YEARLY; \
                 a daily or weekly rule takes plain days like MO,WE",
                "{rule}"
            );
        }
    }

    #[test]
    fn byday_positions_count_within_the_month_or_the_year() {
        assert_eq!(
            canonical("FREQ=MONTHLY;BYDAY=5FR,-5MO"),
            "FREQ=MONTHLY;BYDAY=-5MO,5FR"
        );
        assert_eq!(
            canonical("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"),
            "FREQ=YEARLY;BYDAY=4TH;BYMONTH=11"
        );
        assert_eq!(
            canonical("FREQ=YEARLY;BYDAY=53MO,-53SU,+20WE"),
            "FREQ=YEARLY;BYDAY=53MO,20WE,-53SU"
        );
        for rule in ["FREQ=MONTHLY;BYDAY=6MO", "FREQ=MONTHLY;BYDAY=MO,-6FR"] {
            assert_eq!(
                message(rule),
                "BYDAY positions in a monthly rule go from 1 to 5 or -1 to -5 \
                 (1MO is the first Monday of the month)",
                "{rule}"
            );
        }
        assert_eq!(
            message("FREQ=YEARLY;BYMONTH=11;BYDAY=6TH"),
            "BYDAY positions in a yearly rule with BYMONTH count within the month, \
             from 1 to 5 or -1 to -5 (without BYMONTH they count within the year, up to 53)"
        );
    }

    #[test]
    fn refuses_malformed_days() {
        let expected = "BYDAY takes days MO, TU, WE, TH, FR, SA, SU, in a monthly or yearly rule \
             optionally with a position (1MO is the first Monday, -1FR the last Friday)";
        for value in [
            "MONDAY", "54MO", "-54FR", "0MO", "M", "", "MO,,TU", "--1MO", "1", "+-1MO",
        ] {
            assert_eq!(
                message(&format!("FREQ=MONTHLY;BYDAY={value}")),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn bymonthday_works_with_all_but_weekly_and_in_range() {
        for frequency in ["DAILY", "MONTHLY", "YEARLY"] {
            let rule = format!("FREQ={frequency};BYMONTHDAY=1,-1");
            assert_eq!(canonical(&rule), rule);
        }
        assert_eq!(
            message("FREQ=WEEKLY;BYMONTHDAY=1"),
            "BYMONTHDAY does not work with FREQ=WEEKLY (RFC 5545 forbids it); \
             use FREQ=MONTHLY for days of the month"
        );
        let expected = "BYMONTHDAY takes days from 1 to 31, or from -1 (the last day) to -31";
        for value in ["0", "32", "-32", "x", "1,"] {
            assert_eq!(
                message(&format!("FREQ=MONTHLY;BYMONTHDAY={value}")),
                expected,
                "{value}"
            );
        }
        assert_eq!(
            canonical("FREQ=MONTHLY;BYMONTHDAY=31,-31"),
            "FREQ=MONTHLY;BYMONTHDAY=31,-31"
        );
    }

    #[test]
    fn bymonth_works_with_every_frequency_and_in_range() {
        for frequency in ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] {
            let rule = format!("FREQ={frequency};BYMONTH=6,7,8");
            assert_eq!(canonical(&rule), rule);
        }
        for value in ["0", "13", "-1", "MAR"] {
            assert_eq!(
                message(&format!("FREQ=YEARLY;BYMONTH={value}")),
                "BYMONTH takes months from 1 to 12",
                "{value}"
            );
        }
    }
}
