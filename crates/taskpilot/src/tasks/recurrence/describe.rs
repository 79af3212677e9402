//! The rule in English, for a person reading a widget.

use chrono::Weekday;

use super::expand::Scope;
use super::{DayRule, End, Frequency, Recurrence, Until};

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ORDINAL_WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];

impl Recurrence {
    /// English a person reads in a widget: "every day", "every 2 weeks on
    /// Monday and Wednesday", "every weekday", "every month on the last
    /// Friday", "every year in March", "every year on 1 June", "every year
    /// on the fourth Thursday of November", "…, 5 times", "…, until 31 Dec
    /// 2026".
    ///
    /// What the rule leaves to the first occurrence (the weekday of a plain
    /// "every week") is not said: the task's due date shows it.
    pub fn describe(&self) -> String {
        let mut text = self.pattern();
        match self.end {
            End::Never => {}
            End::Count(1) => text += ", once",
            End::Count(count) => text += &format!(", {count} times"),
            End::Until(Until::Date(date)) => {
                text += &format!(", until {}", date.format("%-d %b %Y"))
            }
            End::Until(Until::Floating(at)) => {
                text += &format!(", until {}", at.format("%-d %b %Y %H:%M"));
            }
            End::Until(Until::Utc(at)) => {
                text += &format!(", until {} UTC", at.format("%-d %b %Y %H:%M"));
            }
        }
        text
    }

    /// Which days, without when the series ends.
    fn pattern(&self) -> String {
        if let Some(same_days) = self.plainer_equivalent() {
            return same_days.pattern();
        }
        let months = self.month_names();
        match self.frequency {
            Frequency::Daily => {
                // With INTERVAL 1, only no day parts or BYMONTH alone get here.
                let mut conditions = Vec::new();
                if !self.by_month_day.is_empty() {
                    let days: Vec<String> =
                        self.by_month_day.iter().map(|&d| month_day(d)).collect();
                    conditions.push(or_list(&days));
                }
                if self.is_weekdays() {
                    conditions.push("a weekday".to_string());
                } else if !self.by_day.is_empty() {
                    let days: Vec<String> = self.by_day.iter().map(day_rule_singular).collect();
                    conditions.push(or_list(&days));
                }
                let mut text = self.every() + &in_list(&months);
                if !conditions.is_empty() {
                    text += &format!(", if it is {}", conditions.join(" and "));
                }
                text
            }
            Frequency::Weekly => {
                let days = if self.interval == 1 && self.is_weekdays() {
                    "every weekday".to_string()
                } else if self.by_day.is_empty() {
                    self.every()
                } else {
                    let days: Vec<String> = self
                        .by_day
                        .iter()
                        .map(|d| weekday_name(d.weekday).to_string())
                        .collect();
                    format!("{} on {}", self.every(), list(&days))
                };
                days + &in_list(&months)
            }
            Frequency::Monthly => {
                let (days, condition) = self.days_of_month();
                self.every() + &days + &in_list(&months) + &condition
            }
            Frequency::Yearly => self.every() + &self.days_of_year(&months),
        }
    }

    /// The same rule in another frequency when, with INTERVAL 1, that has
    /// the same dates and reads better: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" is
    /// "every weekday", "FREQ=MONTHLY;BYMONTH=6;BYMONTHDAY=1" "every year on
    /// 1 June".
    fn plainer_equivalent(&self) -> Option<Recurrence> {
        if self.interval != 1 {
            return None;
        }
        let plain_days = self.by_day.iter().all(|d| d.ordinal.is_none());
        let frequency = match self.frequency {
            // BYMONTHDAY expands a monthly or yearly rule and BYDAY limits it,
            // as in a daily one.
            Frequency::Daily if !self.by_month_day.is_empty() => {
                if self.by_month.is_empty() {
                    Frequency::Monthly
                } else {
                    Frequency::Yearly
                }
            }
            // BYDAY expands a weekly rule, and BYMONTH limits both.
            Frequency::Daily if !self.by_day.is_empty() => Frequency::Weekly,
            // Each month of BYMONTH, every year.
            Frequency::Monthly if !self.by_month.is_empty() => Frequency::Yearly,
            // Without BYMONTH a yearly rule's days are those of every month
            // (BYMONTHDAY) or every week (plain BYDAY).
            Frequency::Yearly if self.by_month.is_empty() && plain_days => {
                match (self.by_month_day.is_empty(), self.by_day.is_empty()) {
                    (false, _) => Frequency::Monthly,
                    (true, false) => Frequency::Weekly,
                    (true, true) => return None,
                }
            }
            _ => return None,
        };
        Some(Recurrence {
            frequency,
            ..self.clone()
        })
    }

    /// "every day", "every 3 weeks".
    fn every(&self) -> String {
        let unit = match self.frequency {
            Frequency::Daily => "day",
            Frequency::Weekly => "week",
            Frequency::Monthly => "month",
            Frequency::Yearly => "year",
        };
        match self.interval {
            1 => format!("every {unit}"),
            n => format!("every {n} {unit}s"),
        }
    }

    /// Whether BYDAY is exactly Monday to Friday.
    fn is_weekdays(&self) -> bool {
        let weekdays = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        self.by_day.iter().all(|d| d.ordinal.is_none())
            && self.by_day.iter().map(|d| d.weekday).eq(weekdays)
    }

    fn month_names(&self) -> Vec<String> {
        self.by_month
            .iter()
            .map(|&m| month_name(m).to_string())
            .collect()
    }

    /// " on the 1st and the last day", " on the last Friday", " on the
    /// 13th" with ", if it is a Friday"; empty when the first occurrence
    /// decides the day.
    fn days_of_month(&self) -> (String, String) {
        let month_days: Vec<String> = self.by_month_day.iter().map(|&d| month_day(d)).collect();
        let weekdays: Vec<String> = self.by_day.iter().map(day_rule).collect();
        match (month_days.is_empty(), weekdays.is_empty()) {
            (true, true) => (String::new(), String::new()),
            (false, true) => (format!(" on {}", list(&month_days)), String::new()),
            (true, false) => (format!(" on {}", list(&weekdays)), String::new()),
            (false, false) => (
                format!(" on {}", list(&month_days)),
                // "if it is the last Friday or Saturdays" would read badly.
                format!(", if it is {}", self.weekday_condition()),
            ),
        }
    }

    /// " in March", " on 1 June", " on the 1st and the 15th of June and
    /// July", " on the fourth Thursday of November", " on the first Monday
    /// of the year", " on the 13th of every month, if it is the first Friday
    /// of the year".
    fn days_of_year(&self, months: &[String]) -> String {
        let of_months = if months.is_empty() {
            "every month".to_string()
        } else {
            list(months)
        };
        let of_year =
            self.position_scope() == Scope::Year && self.by_day.iter().any(|d| d.ordinal.is_some());
        match (self.by_month_day.as_slice(), self.by_day.is_empty()) {
            ([], true) => in_list(months),
            ([], false) => {
                let days: Vec<String> = self.by_day.iter().map(day_rule).collect();
                let all_positions = self.by_day.iter().all(|d| d.ordinal.is_some());
                match (months.is_empty(), all_positions) {
                    (true, _) if of_year => format!(" on {} of the year", list(&days)),
                    (true, _) => format!(" on {}", list(&days)),
                    (false, true) => format!(" on {} of {of_months}", list(&days)),
                    (false, false) => format!(" on {} in {of_months}", list(&days)),
                }
            }
            (month_days, no_weekdays) => {
                let mut text = match (month_days, months) {
                    ([day], [month]) if *day > 0 => format!(" on {day} {month}"),
                    _ => {
                        let days: Vec<String> = month_days.iter().map(|&d| month_day(d)).collect();
                        format!(" on {} of {of_months}", list(&days))
                    }
                };
                if !no_weekdays {
                    text += &format!(", if it is {}", self.weekday_condition());
                    if of_year {
                        text += " of the year";
                    }
                }
                text
            }
        }
    }

    /// "a Friday", "the last Friday or a Saturday".
    fn weekday_condition(&self) -> String {
        let weekdays: Vec<String> = self.by_day.iter().map(day_rule_singular).collect();
        or_list(&weekdays)
    }
}

/// " in June, July and August"; empty for no months.
fn in_list(months: &[String]) -> String {
    if months.is_empty() {
        String::new()
    } else {
        format!(" in {}", list(months))
    }
}

/// "the 1st", "the last day", "the 2nd to last day".
fn month_day(day: i8) -> String {
    match day {
        -1 => "the last day".to_string(),
        d if d < 0 => format!("the {} to last day", numbered(d.unsigned_abs())),
        d => format!("the {}", numbered(d.unsigned_abs())),
    }
}

/// "the first Monday", "the last Friday", "Mondays".
fn day_rule(day: &DayRule) -> String {
    match day.ordinal {
        None => format!("{}s", weekday_name(day.weekday)),
        Some(_) => day_rule_singular(day),
    }
}

/// "the first Monday", "a Monday".
fn day_rule_singular(day: &DayRule) -> String {
    let name = weekday_name(day.weekday);
    match day.ordinal {
        None => format!("a {name}"),
        Some(-1) => format!("the last {name}"),
        Some(n) => {
            // Words for a month's positions, numbers for a year's 20th.
            let word = ORDINAL_WORDS
                .get(usize::from(n.unsigned_abs()) - 1)
                .map_or_else(|| numbered(n.unsigned_abs()), |word| word.to_string());
            if n > 0 {
                format!("the {word} {name}")
            } else {
                format!("the {word} to last {name}")
            }
        }
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st.
fn numbered(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    joined(items, "and")
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[String]) -> String {
    joined(items, "or")
}

fn joined(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(text: &str) -> String {
        Recurrence::parse(text).unwrap().describe()
    }

    #[test]
    fn says_the_frequency_and_interval() {
        assert_eq!(describe("FREQ=DAILY"), "every day");
        assert_eq!(describe("FREQ=DAILY;INTERVAL=2"), "every 2 days");
        assert_eq!(describe("FREQ=WEEKLY"), "every week");
        assert_eq!(describe("FREQ=MONTHLY;INTERVAL=3"), "every 3 months");
        assert_eq!(describe("FREQ=YEARLY"), "every year");
    }

    #[test]
    fn names_the_weekdays() {
        assert_eq!(
            describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,MO"),
            "every 2 weeks on Monday and Wednesday"
        );
        assert_eq!(
            describe("FREQ=WEEKLY;BYDAY=SA,SU,FR"),
            "every week on Friday, Saturday and Sunday"
        );
        assert_eq!(
            describe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
            "every weekday"
        );
        assert_eq!(
            describe("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR"),
            "every 2 weeks on Monday, Tuesday, Wednesday, Thursday and Friday"
        );
    }

    #[test]
    fn names_the_days_of_the_month() {
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTHDAY=15"),
            "every month on the 15th"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTHDAY=1,-1"),
            "every month on the 1st and the last day"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTHDAY=-2"),
            "every month on the 2nd to last day"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTHDAY=2,3,11,21,22,23"),
            "every month on the 2nd, the 3rd, the 11th, the 21st, the 22nd and the 23rd"
        );
    }

    #[test]
    fn names_the_weekdays_of_the_month() {
        assert_eq!(
            describe("FREQ=MONTHLY;BYDAY=-1FR"),
            "every month on the last Friday"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYDAY=1MO,3MO"),
            "every month on the first Monday and the third Monday"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYDAY=-2TH"),
            "every month on the second to last Thursday"
        );
        assert_eq!(describe("FREQ=MONTHLY;BYDAY=TU"), "every month on Tuesdays");
        assert_eq!(
            describe("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"),
            "every month on the 13th, if it is a Friday"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYDAY=SA,-1FR;BYMONTHDAY=-1"),
            "every month on the last day, if it is the last Friday or a Saturday"
        );
    }

    #[test]
    fn names_the_months() {
        assert_eq!(describe("FREQ=YEARLY;BYMONTH=3"), "every year in March");
        assert_eq!(
            describe("FREQ=YEARLY;INTERVAL=2;BYMONTH=12,1"),
            "every 2 years in January and December"
        );
    }

    #[test]
    fn names_days_of_the_year() {
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"),
            "every year on 1 June"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
            "every year on the last day of February"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1,15"),
            "every year on the 1st and the 15th of January and July"
        );
        assert_eq!(
            describe("FREQ=YEARLY;INTERVAL=2;BYMONTHDAY=1"),
            "every 2 years on the 1st of every month"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=13;BYDAY=FR"),
            "every year on 13 June, if it is a Friday"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTHDAY=1;BYDAY=1MO"),
            "every year on the 1st of every month, if it is the first Monday of the year"
        );
    }

    #[test]
    fn names_weekdays_of_the_year() {
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"),
            "every year on the fourth Thursday of November"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYMONTH=5,9;BYDAY=-1MO,1MO"),
            "every year on the first Monday and the last Monday of May and September"
        );
        assert_eq!(
            describe("FREQ=YEARLY;INTERVAL=2;BYMONTH=2;BYDAY=MO"),
            "every 2 years on Mondays in February"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYDAY=1MO"),
            "every year on the first Monday of the year"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYDAY=20MO,-22FR"),
            "every year on the 20th Monday and the 22nd to last Friday of the year"
        );
        assert_eq!(
            describe("FREQ=YEARLY;BYDAY=SA,SU"),
            "every week on Saturday and Sunday"
        );
    }

    #[test]
    fn daily_rules_read_as_the_days_they_produce() {
        assert_eq!(describe("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"), "every weekday");
        assert_eq!(
            describe("FREQ=DAILY;BYDAY=SA,SU;COUNT=4"),
            "every week on Saturday and Sunday, 4 times"
        );
        assert_eq!(
            describe("FREQ=DAILY;BYMONTH=6,7,8"),
            "every day in June, July and August"
        );
        assert_eq!(
            describe("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYMONTH=7,8"),
            "every weekday in July and August"
        );
        assert_eq!(
            describe("FREQ=DAILY;BYMONTHDAY=1,15"),
            "every month on the 1st and the 15th"
        );
        assert_eq!(
            describe("FREQ=DAILY;BYMONTH=12;BYMONTHDAY=25"),
            "every year on 25 December"
        );
        assert_eq!(
            describe("FREQ=DAILY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR"),
            "every 2 days, if it is a weekday"
        );
        assert_eq!(
            describe("FREQ=DAILY;INTERVAL=3;BYDAY=MO,FR;BYMONTHDAY=1,-1;BYMONTH=6"),
            "every 3 days in June, if it is the 1st or the last day and a Monday or a Friday"
        );
    }

    #[test]
    fn names_the_months_a_weekly_or_monthly_rule_is_limited_to() {
        assert_eq!(
            describe("FREQ=WEEKLY;BYDAY=SA;BYMONTH=6,7,8"),
            "every week on Saturday in June, July and August"
        );
        assert_eq!(
            describe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYMONTH=12"),
            "every weekday in December"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15"),
            "every year on the 15th of January, April, July and October"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;BYMONTH=3;BYDAY=-1FR"),
            "every year on the last Friday of March"
        );
        assert_eq!(
            describe("FREQ=MONTHLY;INTERVAL=2;BYMONTH=1,7;BYMONTHDAY=13;BYDAY=FR"),
            "every 2 months on the 13th in January and July, if it is a Friday"
        );
    }

    #[test]
    fn says_when_the_series_ends() {
        assert_eq!(describe("FREQ=DAILY;COUNT=5"), "every day, 5 times");
        assert_eq!(describe("FREQ=DAILY;COUNT=1"), "every day, once");
        assert_eq!(
            describe("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231"),
            "every week on Monday, until 31 Dec 2026"
        );
        assert_eq!(
            describe("FREQ=DAILY;UNTIL=20260105T170000"),
            "every day, until 5 Jan 2026 17:00"
        );
        assert_eq!(
            describe("FREQ=DAILY;UNTIL=20260105T160000Z"),
            "every day, until 5 Jan 2026 16:00 UTC"
        );
    }
}
