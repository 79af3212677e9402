//! The dates a rule produces, one period (day, week, month, year) at a time.
//!
//! Hand-written for the supported subset rather than delegated to the `rrule`
//! crate (see docs/decisions/0007-recurrence.md): with periods numbered from
//! the series' first one, the next occurrence can be found by jumping to the
//! period of interest instead of walking the series from its start.
//!
//! Within a period the day parts expand or limit as RFC 5545 section 3.3.10
//! tabulates (see [`Recurrence`]): a part finer than the period picks days in
//! it, one as coarse or coarser only filters them.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::{DayRule, Frequency, Recurrence};

/// The last year a series reaches, like due dates.
const LAST_YEAR: i32 = 9999;

/// Most periods one walk expands. Legitimate rules produce far more often
/// (the rarest, like "Friday the 13th", about once in seven months, so even
/// COUNT=1000 fits); a rule that can never match ("the 31st, if it is the
/// first Monday") ends here instead of scanning to the year 9999. A daily
/// rule limited to a few days a year ("FREQ=DAILY;BYMONTH=12;BYMONTHDAY=25")
/// reaches it after about 27 years: with COUNT, such a series ends there;
/// the same days as a yearly rule do not.
pub(super) const MAX_PERIODS: u32 = 10_000;

/// All months, for a yearly rule whose BYMONTHDAY or BYDAY picks days of
/// every month.
const ALL_MONTHS: [u32; 12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/// What a `BYDAY` position counts in: the month (MONTHLY, YEARLY with
/// BYMONTH) or the year (YEARLY without BYMONTH).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Month,
    Year,
}

/// The dates of a rule on or after `not_before`, in order.
///
/// Period 0 is the one containing `anchor` (its day, its Monday-based week,
/// its month or its year), and `anchor` supplies what the rule leaves out
/// (the weekday, day of month, month). Only every `step`-th period produces
/// dates (INTERVAL).
pub(super) struct Dates<'a> {
    rule: &'a Recurrence,
    anchor: NaiveDate,
    step: u32,
    next_period: u32,
    not_before: NaiveDate,
    pending: std::vec::IntoIter<NaiveDate>,
    periods_left: u32,
}

impl<'a> Dates<'a> {
    /// The dates from `anchor`'s period on, every `step` periods.
    pub(super) fn new(
        rule: &'a Recurrence,
        anchor: NaiveDate,
        step: u32,
        not_before: NaiveDate,
    ) -> Self {
        Dates {
            rule,
            anchor,
            step,
            next_period: 0,
            not_before,
            pending: Vec::new().into_iter(),
            periods_left: MAX_PERIODS,
        }
    }

    /// The same dates, but skipping straight to the last producing period
    /// that starts on or before `not_before`: a daily series started years ago
    /// costs no more than one started yesterday.
    pub(super) fn skipping_to(
        rule: &'a Recurrence,
        anchor: NaiveDate,
        step: u32,
        not_before: NaiveDate,
    ) -> Self {
        let period = period_containing(rule.frequency, anchor, not_before);
        Dates {
            next_period: period - period % step.max(1),
            ..Dates::new(rule, anchor, step, not_before)
        }
    }
}

impl Iterator for Dates<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        loop {
            if let Some(date) = self.pending.next() {
                return Some(date);
            }
            if self.periods_left == 0 {
                return None;
            }
            self.periods_left -= 1;
            let Some(dates) = dates_in_period(self.rule, self.anchor, self.next_period) else {
                // Past the last year: the series has nothing more.
                self.periods_left = 0;
                return None;
            };
            self.next_period = self.next_period.saturating_add(self.step);
            let not_before = self.not_before;
            self.pending = dates
                .into_iter()
                .filter(|&date| date >= not_before)
                .collect::<Vec<_>>()
                .into_iter();
        }
    }
}

/// The number of the period containing `date`, counting `anchor`'s as 0
/// (0 as well for dates before it).
fn period_containing(frequency: Frequency, anchor: NaiveDate, date: NaiveDate) -> u32 {
    let periods = match frequency {
        Frequency::Daily => (date - anchor).num_days(),
        Frequency::Weekly => (monday_of(date) - monday_of(anchor)).num_days() / 7,
        Frequency::Monthly => {
            i64::from(date.year() - anchor.year()) * 12 + i64::from(date.month())
                - i64::from(anchor.month())
        }
        Frequency::Yearly => i64::from(date.year() - anchor.year()),
    };
    u32::try_from(periods.max(0)).unwrap_or(u32::MAX)
}

/// The rule's dates in period number `period`, in order; `None` once the
/// period starts after [`LAST_YEAR`].
fn dates_in_period(rule: &Recurrence, anchor: NaiveDate, period: u32) -> Option<Vec<NaiveDate>> {
    let after_last_year = |start: NaiveDate| start.year() > LAST_YEAR;
    let mut dates: Vec<NaiveDate> = match rule.frequency {
        Frequency::Daily => {
            let day = anchor.checked_add_days(Days::new(period.into()))?;
            if after_last_year(day) {
                return None;
            }
            // Every day part only limits a daily rule.
            let kept = rule.in_months(day)
                && rule.on_month_days(day)
                && rule.on_weekdays(day, Scope::Month);
            if kept { vec![day] } else { Vec::new() }
        }
        Frequency::Weekly => {
            let monday = monday_of(anchor).checked_add_days(Days::new(u64::from(period) * 7))?;
            if after_last_year(monday) {
                return None;
            }
            weekdays(rule, anchor)
                .filter_map(|weekday| {
                    monday.checked_add_days(Days::new(weekday.num_days_from_monday().into()))
                })
                // A week can straddle two months, one of them not in BYMONTH.
                .filter(|&date| rule.in_months(date))
                .collect()
        }
        Frequency::Monthly => {
            let first = anchor
                .with_day(1)?
                .checked_add_months(Months::new(period))?;
            if after_last_year(first) {
                return None;
            }
            if rule.in_months(first) {
                month_dates(rule, anchor, first, Scope::Month)
            } else {
                Vec::new()
            }
        }
        Frequency::Yearly => {
            let year = anchor.year().checked_add(i32::try_from(period).ok()?)?;
            if year > LAST_YEAR {
                return None;
            }
            let months: &[u32] = if !rule.by_month.is_empty() {
                &rule.by_month
            } else if rule.by_month_day.is_empty() && rule.by_day.is_empty() {
                &[anchor.month()]
            } else {
                &ALL_MONTHS
            };
            let scope = rule.position_scope();
            months
                .iter()
                .filter_map(|&month| NaiveDate::from_ymd_opt(year, month, 1))
                .flat_map(|first| month_dates(rule, anchor, first, scope))
                .collect()
        }
    };
    // A week can straddle the end of the last year.
    dates.retain(|date| date.year() <= LAST_YEAR);
    dates.sort_unstable();
    dates.dedup();
    Some(dates)
}

/// The weekdays of a weekly rule: BYDAY, or the anchor's weekday.
fn weekdays(rule: &Recurrence, anchor: NaiveDate) -> impl Iterator<Item = Weekday> + '_ {
    let implied = rule.by_day.is_empty().then(|| anchor.weekday());
    implied
        .into_iter()
        .chain(rule.by_day.iter().map(|day| day.weekday))
}

/// A monthly rule's days in the month starting at `first`, also a yearly
/// rule's in each of its months; BYDAY positions count in `scope`.
fn month_dates(
    rule: &Recurrence,
    anchor: NaiveDate,
    first: NaiveDate,
    scope: Scope,
) -> Vec<NaiveDate> {
    let length = days_in_month(first);
    let on_day = |day: u32| {
        (1..=length)
            .contains(&day)
            .then(|| first + Days::new((day - 1).into()))
    };
    if !rule.by_month_day.is_empty() {
        // BYMONTHDAY picks the days; BYDAY, if present, only filters them.
        rule.by_month_day
            .iter()
            .filter_map(|&day| on_day(month_day_number(day, length)?))
            .filter(|&date| rule.on_weekdays(date, scope))
            .collect()
    } else if !rule.by_day.is_empty() {
        (1..=length)
            .filter_map(on_day)
            .filter(|&date| rule.on_weekdays(date, scope))
            .collect()
    } else {
        on_day(anchor.day()).into_iter().collect()
    }
}

/// The day of a month of `length` days that a BYMONTHDAY value names
/// (-1 the last); `None` when the month is too short.
fn month_day_number(day: i8, length: u32) -> Option<u32> {
    let number = if day > 0 {
        i64::from(day)
    } else {
        i64::from(length) + 1 + i64::from(day)
    };
    u32::try_from(number)
        .ok()
        .filter(|n| (1..=length).contains(n))
}

impl Recurrence {
    /// What this rule's BYDAY positions count in: the year only in a yearly
    /// rule without BYMONTH (RFC 5545: 1MO is then the year's first Monday).
    pub(super) fn position_scope(&self) -> Scope {
        if self.frequency == Frequency::Yearly && self.by_month.is_empty() {
            Scope::Year
        } else {
            Scope::Month
        }
    }

    /// Whether BYMONTH, if given, has `date`'s month.
    fn in_months(&self, date: NaiveDate) -> bool {
        self.by_month.is_empty() || self.by_month.contains(&date.month())
    }

    /// Whether BYMONTHDAY, if given, names `date`.
    fn on_month_days(&self, date: NaiveDate) -> bool {
        let length = days_in_month(date);
        self.by_month_day.is_empty()
            || self
                .by_month_day
                .iter()
                .any(|&day| month_day_number(day, length) == Some(date.day()))
    }

    /// Whether BYDAY, if given, has `date`, positions counting in `scope`.
    fn on_weekdays(&self, date: NaiveDate, scope: Scope) -> bool {
        self.by_day.is_empty() || self.by_day.iter().any(|day| day.matches(date, scope))
    }
}

impl DayRule {
    /// Whether `date` is this weekday, and if an ordinal is given, that one of
    /// its month or year (the last Friday of the month, the 20th Monday of
    /// the year).
    pub(super) fn matches(&self, date: NaiveDate, scope: Scope) -> bool {
        if date.weekday() != self.weekday {
            return false;
        }
        let Some(ordinal) = self.ordinal else {
            return true;
        };
        let (day, length) = match scope {
            Scope::Month => (date.day(), days_in_month(date)),
            Scope::Year => (date.ordinal(), days_in_year(date)),
        };
        // Days 1–7 hold the first of each weekday, 8–14 the second, ...
        let from_start = (day - 1) / 7 + 1;
        let from_end = (length - day) / 7 + 1;
        match u32::try_from(ordinal) {
            Ok(n) => from_start == n,
            Err(_) => from_end == u32::from(ordinal.unsigned_abs()),
        }
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(date.weekday().num_days_from_monday().into())
}

fn days_in_year(date: NaiveDate) -> u32 {
    if date.leap_year() { 366 } else { 365 }
}

fn days_in_month(date: NaiveDate) -> u32 {
    let first = date.with_day(1).unwrap_or(date);
    first.checked_add_months(Months::new(1)).map_or(31, |next| {
        u32::try_from((next - first).num_days()).unwrap_or(31)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rule(text: &str) -> Recurrence {
        Recurrence::parse(text).unwrap()
    }

    fn first_dates(text: &str, anchor: NaiveDate, n: usize) -> Vec<NaiveDate> {
        let rule = rule(text);
        let step = u32::from(rule.interval);
        Dates::new(&rule, anchor, step, anchor).take(n).collect()
    }

    #[test]
    fn daily_steps_by_the_interval() {
        assert_eq!(
            first_dates("FREQ=DAILY;INTERVAL=3", date(2026, 2, 26), 3),
            [date(2026, 2, 26), date(2026, 3, 1), date(2026, 3, 4)]
        );
    }

    #[test]
    fn weekly_uses_byday_or_the_anchors_weekday() {
        // 7 January 2026 is a Wednesday; its week's Monday (the 5th) is
        // before the anchor, so the first date is Friday the 9th.
        assert_eq!(
            first_dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", date(2026, 1, 7), 4),
            [
                date(2026, 1, 9),
                date(2026, 1, 19),
                date(2026, 1, 23),
                date(2026, 2, 2)
            ]
        );
        assert_eq!(
            first_dates("FREQ=WEEKLY", date(2026, 1, 7), 2),
            [date(2026, 1, 7), date(2026, 1, 14)]
        );
    }

    #[test]
    fn monthly_skips_months_without_the_day() {
        let expected = [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)];
        assert_eq!(first_dates("FREQ=MONTHLY", date(2026, 1, 31), 3), expected);
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYMONTHDAY=31", date(2026, 1, 1), 3),
            expected
        );
    }

    #[test]
    fn monthly_counts_negative_days_from_the_end() {
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYMONTHDAY=-1", date(2028, 1, 1), 3),
            [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]
        );
    }

    #[test]
    fn monthly_byday_with_and_without_positions() {
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYDAY=-1FR", date(2026, 1, 1), 3),
            [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
        );
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYDAY=1MO,3MO", date(2026, 1, 1), 4),
            [
                date(2026, 1, 5),
                date(2026, 1, 19),
                date(2026, 2, 2),
                date(2026, 2, 16)
            ]
        );
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYDAY=5SA", date(2026, 1, 1), 2),
            [date(2026, 1, 31), date(2026, 5, 30)],
            "months without a fifth Saturday are skipped"
        );
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYDAY=TU", date(2026, 1, 1), 5),
            [
                date(2026, 1, 6),
                date(2026, 1, 13),
                date(2026, 1, 20),
                date(2026, 1, 27),
                date(2026, 2, 3)
            ]
        );
    }

    #[test]
    fn monthly_with_both_takes_days_matching_both() {
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", date(2026, 1, 1), 3),
            [date(2026, 2, 13), date(2026, 3, 13), date(2026, 11, 13)]
        );
    }

    #[test]
    fn yearly_uses_bymonth_and_the_anchors_day() {
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTH=1,3", date(2026, 1, 15), 3),
            [date(2026, 1, 15), date(2026, 3, 15), date(2027, 1, 15)]
        );
        assert_eq!(
            first_dates("FREQ=YEARLY", date(2028, 2, 29), 3),
            [date(2028, 2, 29), date(2032, 2, 29), date(2036, 2, 29)],
            "29 February only in leap years"
        );
    }

    #[test]
    fn daily_day_parts_only_limit() {
        // 2 January 2026 is a Friday.
        assert_eq!(
            first_dates("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", date(2026, 1, 2), 7),
            [
                date(2026, 1, 2),
                date(2026, 1, 5),
                date(2026, 1, 6),
                date(2026, 1, 7),
                date(2026, 1, 8),
                date(2026, 1, 9),
                date(2026, 1, 12)
            ]
        );
        assert_eq!(
            first_dates("FREQ=DAILY;BYMONTH=6,7,8", date(2026, 8, 30), 3),
            [date(2026, 8, 30), date(2026, 8, 31), date(2027, 6, 1)]
        );
        // Every other day from 1 January, where that day is a first or a last.
        assert_eq!(
            first_dates("FREQ=DAILY;INTERVAL=2;BYMONTHDAY=1,-1", date(2026, 1, 1), 5),
            [
                date(2026, 1, 1),
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 4, 1),
                date(2026, 5, 1)
            ]
        );
    }

    #[test]
    fn weekly_bymonth_limits_each_day_of_the_week() {
        // The week of Monday 29 June ends on Saturday 4 July.
        assert_eq!(
            first_dates("FREQ=WEEKLY;BYDAY=SA;BYMONTH=6,7,8", date(2026, 5, 25), 6),
            [
                date(2026, 6, 6),
                date(2026, 6, 13),
                date(2026, 6, 20),
                date(2026, 6, 27),
                date(2026, 7, 4),
                date(2026, 7, 11)
            ]
        );
        assert_eq!(
            first_dates("FREQ=WEEKLY;BYDAY=SA;BYMONTH=6,7,8", date(2026, 8, 20), 3),
            [date(2026, 8, 22), date(2026, 8, 29), date(2027, 6, 5)]
        );
    }

    #[test]
    fn monthly_bymonth_limits_the_months() {
        assert_eq!(
            first_dates(
                "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15",
                date(2026, 2, 1),
                4
            ),
            [
                date(2026, 4, 15),
                date(2026, 7, 15),
                date(2026, 10, 15),
                date(2027, 1, 15)
            ]
        );
        assert_eq!(
            first_dates("FREQ=MONTHLY;BYMONTH=3,9;BYDAY=-1FR", date(2026, 1, 1), 3),
            [date(2026, 3, 27), date(2026, 9, 25), date(2027, 3, 26)]
        );
    }

    #[test]
    fn yearly_bymonthday_picks_days_of_the_months() {
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", date(2026, 3, 10), 2),
            [date(2026, 6, 1), date(2027, 6, 1)]
        );
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTHDAY=1", date(2026, 1, 10), 3),
            [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)],
            "without BYMONTH, every month"
        );
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTHDAY=13;BYDAY=FR", date(2026, 1, 1), 3),
            [date(2026, 2, 13), date(2026, 3, 13), date(2026, 11, 13)]
        );
    }

    #[test]
    fn yearly_byday_counts_in_the_month_with_bymonth() {
        // US Thanksgiving: the fourth Thursday of November.
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", date(2026, 1, 1), 3),
            [date(2026, 11, 26), date(2027, 11, 25), date(2028, 11, 23)]
        );
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTH=2;BYDAY=MO", date(2026, 1, 1), 5),
            [
                date(2026, 2, 2),
                date(2026, 2, 9),
                date(2026, 2, 16),
                date(2026, 2, 23),
                date(2027, 2, 1)
            ]
        );
    }

    #[test]
    fn plain_days_and_positions_together_take_both() {
        // 1 March 2026 is a Sunday, 2 March the month's first Monday.
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTH=3;BYDAY=SU,1MO", date(2026, 1, 1), 7),
            [
                date(2026, 3, 1),
                date(2026, 3, 2),
                date(2026, 3, 8),
                date(2026, 3, 15),
                date(2026, 3, 22),
                date(2026, 3, 29),
                date(2027, 3, 1)
            ]
        );
    }

    #[test]
    fn yearly_byday_counts_in_the_year_without_bymonth() {
        assert_eq!(
            first_dates("FREQ=YEARLY;BYDAY=1MO", date(2026, 1, 1), 3),
            [date(2026, 1, 5), date(2027, 1, 4), date(2028, 1, 3)]
        );
        assert_eq!(
            first_dates("FREQ=YEARLY;BYDAY=20MO,-1FR", date(2026, 1, 1), 4),
            [
                date(2026, 5, 18),
                date(2026, 12, 25),
                date(2027, 5, 17),
                date(2027, 12, 31)
            ]
        );
        assert_eq!(
            first_dates("FREQ=YEARLY;BYDAY=53MO", date(2026, 1, 1), 2),
            [date(2029, 12, 31), date(2035, 12, 31)],
            "only years with 53 Mondays"
        );
        // BYDAY limits BYMONTHDAY, its position still counting in the year:
        // a 1st that is the year's first Monday is 1 January.
        assert_eq!(
            first_dates("FREQ=YEARLY;BYMONTHDAY=1;BYDAY=1MO", date(2026, 1, 1), 2),
            [date(2029, 1, 1), date(2035, 1, 1)]
        );
    }

    #[test]
    fn stops_at_the_last_year() {
        assert_eq!(
            first_dates("FREQ=YEARLY", date(9998, 6, 1), 5),
            [date(9998, 6, 1), date(9999, 6, 1)]
        );
        assert_eq!(
            first_dates("FREQ=DAILY", date(9999, 12, 30), 5),
            [date(9999, 12, 30), date(9999, 12, 31)]
        );
    }

    #[test]
    fn rules_that_never_match_end_after_bounded_work() {
        for text in [
            "FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=1MO",
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2",
            "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31",
        ] {
            assert_eq!(first_dates(text, date(2026, 1, 1), 1), [], "{text}");
        }
    }

    #[test]
    fn a_daily_rule_a_few_days_a_year_ends_at_the_period_cap() {
        // 10 000 days from 1 January 2026 reach into 2053: 27 Christmases.
        let christmases = first_dates("FREQ=DAILY;BYMONTH=12;BYMONTHDAY=25", date(2026, 1, 1), 100);
        assert_eq!(christmases.len(), 27);
        assert_eq!(christmases.last(), Some(&date(2052, 12, 25)));
        assert_eq!(
            first_dates(
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
                date(2026, 1, 1),
                100
            )
            .len(),
            100
        );
    }

    #[test]
    fn skipping_lands_on_the_same_dates_as_walking() {
        for (text, step) in [
            ("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU", 3),
            ("FREQ=DAILY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR;BYMONTH=6,7", 3),
            ("FREQ=MONTHLY;INTERVAL=5;BYMONTH=1,4,7,10;BYMONTHDAY=15", 5),
            ("FREQ=YEARLY;INTERVAL=2;BYMONTH=11;BYDAY=4TH", 2),
        ] {
            let rule = rule(text);
            let anchor = date(2001, 5, 9);
            let not_before = date(2026, 7, 1);
            let walked: Vec<_> = Dates::new(&rule, anchor, step, anchor)
                .skip_while(|&d| d < not_before)
                .take(5)
                .collect();
            let skipped: Vec<_> = Dates::skipping_to(&rule, anchor, step, not_before)
                .take(5)
                .collect();
            assert_eq!(walked.len(), 5, "{text}");
            assert_eq!(walked, skipped, "{text}");
        }
    }

    #[test]
    fn day_rules_count_from_either_end_of_the_month() {
        let last_friday = DayRule {
            ordinal: Some(-1),
            weekday: Weekday::Fri,
        };
        assert!(last_friday.matches(date(2026, 1, 30), Scope::Month));
        assert!(!last_friday.matches(date(2026, 1, 23), Scope::Month));
        let second_to_last_friday = DayRule {
            ordinal: Some(-2),
            weekday: Weekday::Fri,
        };
        assert!(second_to_last_friday.matches(date(2026, 1, 23), Scope::Month));
        let first_monday = DayRule {
            ordinal: Some(1),
            weekday: Weekday::Mon,
        };
        assert!(first_monday.matches(date(2026, 6, 1), Scope::Month));
        assert!(!first_monday.matches(date(2026, 6, 8), Scope::Month));
        // 1 June 2026 is the 22nd Monday of the year, 29 June the 31st to last.
        let twenty_second_monday = DayRule {
            ordinal: Some(22),
            weekday: Weekday::Mon,
        };
        assert!(twenty_second_monday.matches(date(2026, 6, 1), Scope::Year));
        assert!(!twenty_second_monday.matches(date(2026, 6, 8), Scope::Year));
        let thirty_first_to_last_monday = DayRule {
            ordinal: Some(-31),
            weekday: Weekday::Mon,
        };
        assert!(thirty_first_to_last_monday.matches(date(2026, 6, 1), Scope::Year));
        assert!(!first_monday.matches(date(2026, 6, 1), Scope::Year));
    }
}
