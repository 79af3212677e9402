//! Which due a recurring task gets: when it is created, and each time it is
//! completed.

use chrono::{NaiveDate, NaiveTime};

use super::expand::Dates;
use super::{End, Recurrence, Until};
use crate::tasks::{Due, TimeZone};

impl Recurrence {
    /// The first occurrence of the series on or after `from` (used when a
    /// recurring task is created without a due date: "water the plants every
    /// Monday" is due next Monday, or today if today is a Monday). With
    /// `time_of_day` the occurrence is that wall-clock time in `tz`, else a
    /// whole day. Returns None only if the rule produces nothing (UNTIL
    /// already past).
    ///
    /// The series starts at the occurrence found, so INTERVAL counts from
    /// there ("every 2 weeks on Monday" created on a Wednesday is due in five
    /// days, not twelve), and what the rule leaves out comes from `from`
    /// ("FREQ=MONTHLY" created on the 12th repeats on the 12th). That day may
    /// not exist in the months the rule names: "FREQ=YEARLY;BYMONTH=2"
    /// created on the 30th produces nothing either, and returns None.
    pub fn first_on_or_after(
        &self,
        from: NaiveDate,
        time_of_day: Option<NaiveTime>,
        tz: TimeZone,
    ) -> Option<Due> {
        let date = Dates::new(self, from, 1, from).next()?;
        self.occurrence(date, time_of_day, tz)
    }

    /// The occurrence that replaces `current` when it is completed.
    ///
    /// The series starts at `series_start` (the due date of its first
    /// occurrence: COUNT counts from there, and it supplies what the rule
    /// leaves out); an instant series keeps its local wall-clock time in
    /// `tz`, so "every day at 09:00 Europe/Berlin" stays 09:00 across DST (a
    /// time a DST jump skips moves forward, as [`TimeZone::resolve`] does).
    ///
    /// Returns the first occurrence whose local day is after `current`'s and
    /// on or after `today` (occurrences missed while the task was overdue are
    /// skipped, but still count toward COUNT), or None when the series has
    /// ended (COUNT reached, UNTIL passed). Comparing days rather than
    /// instants means completing a task moved to later the same day never
    /// brings back that same day.
    ///
    /// The work is bounded: without COUNT the walk jumps straight to the
    /// period of `today`; with COUNT it walks at most 1000 occurrences; and a
    /// walk gives up (None) after 10 000 periods without enough occurrences.
    pub fn next_after(
        &self,
        series_start: Due,
        current: Due,
        today: NaiveDate,
        tz: TimeZone,
    ) -> Option<Due> {
        let start = series_start.date_in(tz);
        let time_of_day = series_start.at().map(|at| tz.local(at).time());
        let wanted_from = current.date_in(tz).succ_opt()?.max(today);
        let step = u32::from(self.interval);

        // The first occurrence is the series' start, even where it does not
        // match the rule (RFC 5545: DTSTART always counts as the first).
        let later_dates = |not_before| Dates::skipping_to(self, start, step, not_before);
        let date = match self.end {
            End::Count(count) => std::iter::once(start)
                .chain(later_dates(start.succ_opt()?))
                .take(count.into())
                .find(|&date| date >= wanted_from)?,
            End::Never | End::Until(_) if wanted_from <= start => start,
            End::Never | End::Until(_) => later_dates(wanted_from).next()?,
        };
        self.occurrence(date, time_of_day, tz)
    }

    /// The due of the occurrence on `date`, unless it lies after UNTIL.
    fn occurrence(
        &self,
        date: NaiveDate,
        time_of_day: Option<NaiveTime>,
        tz: TimeZone,
    ) -> Option<Due> {
        let due = match time_of_day {
            None => Due::Date(date),
            Some(time) => Due::At(tz.resolve(date.and_time(time))),
        };
        let End::Until(until) = self.end else {
            return Some(due);
        };
        let within = match (until, time_of_day, due) {
            (Until::Date(last_day), _, _) => date <= last_day,
            // A floating UNTIL is a wall-clock time: compare wall clocks, as
            // written, before a DST jump moves the occurrence.
            (Until::Floating(last), Some(time), _) => date.and_time(time) <= last,
            (Until::Floating(last), None, _) => date <= last.date(),
            (Until::Utc(last), _, Due::At(at)) => at <= last,
            (Until::Utc(last), _, Due::Date(_)) => date <= tz.today(last),
        };
        within.then_some(due)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDateTime, Utc};

    use super::*;

    fn rule(text: &str) -> Recurrence {
        Recurrence::parse(text).unwrap()
    }

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn on(text: &str) -> Due {
        Due::Date(day(text))
    }

    fn at(text: &str) -> Due {
        Due::At(
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc),
        )
    }

    fn wall(due: Due, tz: TimeZone) -> NaiveDateTime {
        tz.local(due.at().unwrap())
    }

    /// Completes each occurrence on its own day and collects what follows.
    fn walk(rule: &Recurrence, start: Due, tz: TimeZone, limit: usize) -> Vec<Due> {
        let mut series = vec![start];
        while series.len() < limit {
            let current = *series.last().unwrap();
            match rule.next_after(start, current, current.date_in(tz), tz) {
                Some(next) => series.push(next),
                None => break,
            }
        }
        series
    }

    #[test]
    fn first_on_or_after_is_today_when_today_matches() {
        let monday = day("2026-03-02");
        assert_eq!(
            rule("FREQ=WEEKLY;BYDAY=MO").first_on_or_after(monday, None, TimeZone::default()),
            Some(on("2026-03-02"))
        );
        assert_eq!(
            rule("FREQ=WEEKLY;BYDAY=MO").first_on_or_after(
                day("2026-03-03"),
                None,
                TimeZone::default()
            ),
            Some(on("2026-03-09"))
        );
    }

    #[test]
    fn first_on_or_after_starts_the_interval_at_the_first_match() {
        assert_eq!(
            rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO").first_on_or_after(
                day("2026-03-04"),
                None,
                TimeZone::default()
            ),
            Some(on("2026-03-09"))
        );
        assert_eq!(
            rule("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15").first_on_or_after(
                day("2026-01-20"),
                None,
                TimeZone::default()
            ),
            Some(on("2026-02-15"))
        );
    }

    #[test]
    fn first_on_or_after_takes_missing_parts_from_the_day() {
        let tz = TimeZone::default();
        assert_eq!(
            rule("FREQ=MONTHLY").first_on_or_after(day("2026-01-12"), None, tz),
            Some(on("2026-01-12"))
        );
        assert_eq!(
            rule("FREQ=YEARLY;BYMONTH=3").first_on_or_after(day("2026-01-12"), None, tz),
            Some(on("2026-03-12"))
        );
    }

    #[test]
    fn first_on_or_after_keeps_the_time_of_day() {
        let berlin = zone("Europe/Berlin");
        let nine = NaiveTime::from_hms_opt(9, 0, 0);
        assert_eq!(
            rule("FREQ=DAILY").first_on_or_after(day("2026-07-01"), nine, berlin),
            Some(at("2026-07-01T09:00:00+02:00"))
        );
    }

    #[test]
    fn first_on_or_after_is_none_when_the_implied_day_never_exists() {
        let february = rule("FREQ=YEARLY;BYMONTH=2");
        let tz = TimeZone::default();
        assert_eq!(
            february.first_on_or_after(day("2026-03-30"), None, tz),
            None
        );
        assert_eq!(
            february.first_on_or_after(day("2026-03-28"), None, tz),
            Some(on("2027-02-28"))
        );
    }

    #[test]
    fn first_on_or_after_is_none_once_until_has_passed() {
        let tz = TimeZone::default();
        let rule = rule("FREQ=DAILY;UNTIL=20260101");
        assert_eq!(rule.first_on_or_after(day("2026-01-02"), None, tz), None);
        assert_eq!(
            rule.first_on_or_after(day("2026-01-01"), None, tz),
            Some(on("2026-01-01"))
        );
    }

    #[test]
    fn next_after_follows_the_rule() {
        let tz = TimeZone::default();
        let series = walk(
            &rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE"),
            on("2026-03-02"),
            tz,
            5,
        );
        assert_eq!(
            series,
            [
                on("2026-03-02"),
                on("2026-03-04"),
                on("2026-03-16"),
                on("2026-03-18"),
                on("2026-03-30")
            ]
        );
    }

    #[test]
    fn next_after_skips_occurrences_missed_while_overdue() {
        let tz = TimeZone::default();
        let daily = rule("FREQ=DAILY");
        assert_eq!(
            daily.next_after(on("2026-03-01"), on("2026-03-01"), day("2026-03-10"), tz),
            Some(on("2026-03-10")),
            "due today, not on the missed days"
        );
        let weekly = rule("FREQ=WEEKLY;BYDAY=FR");
        assert_eq!(
            weekly.next_after(on("2026-03-06"), on("2026-03-06"), day("2026-03-21"), tz),
            Some(on("2026-03-27"))
        );
    }

    #[test]
    fn missed_occurrences_still_count() {
        let tz = TimeZone::default();
        let five_days = rule("FREQ=DAILY;COUNT=5");
        assert_eq!(
            five_days.next_after(on("2026-03-01"), on("2026-03-01"), day("2026-03-05"), tz),
            Some(on("2026-03-05"))
        );
        assert_eq!(
            five_days.next_after(on("2026-03-01"), on("2026-03-01"), day("2026-03-06"), tz),
            None
        );
    }

    #[test]
    fn count_includes_the_first_occurrence() {
        let tz = TimeZone::default();
        let series = walk(
            &rule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3"),
            on("2026-01-30"),
            tz,
            10,
        );
        assert_eq!(
            series,
            [on("2026-01-30"), on("2026-02-27"), on("2026-03-27")]
        );
        let once = rule("FREQ=DAILY;COUNT=1");
        assert_eq!(
            once.next_after(on("2026-01-01"), on("2026-01-01"), day("2026-01-01"), tz),
            None
        );
    }

    #[test]
    fn a_start_off_the_rule_is_still_the_first_occurrence() {
        let tz = TimeZone::default();
        // 4 March 2026 is a Wednesday.
        let series = walk(
            &rule("FREQ=WEEKLY;BYDAY=FR;COUNT=3"),
            on("2026-03-04"),
            tz,
            10,
        );
        assert_eq!(
            series,
            [on("2026-03-04"), on("2026-03-06"), on("2026-03-13")]
        );
    }

    #[test]
    fn until_is_inclusive_in_each_form() {
        let tz = zone("Europe/Berlin");
        let start = at("2026-03-01T09:00:00+01:00");
        for until in ["20260303", "20260303T090000", "20260303T080000Z"] {
            let series = walk(&rule(&format!("FREQ=DAILY;UNTIL={until}")), start, tz, 10);
            assert_eq!(series.len(), 3, "{until}");
        }
        for until in ["20260302", "20260303T085959", "20260303T075959Z"] {
            let series = walk(&rule(&format!("FREQ=DAILY;UNTIL={until}")), start, tz, 10);
            assert_eq!(series.len(), 2, "{until}");
        }
        // A whole-day series ends on the day UNTIL falls on in the user's zone.
        let series = walk(
            &rule("FREQ=DAILY;UNTIL=20260302T230000Z"),
            on("2026-03-01"),
            tz,
            10,
        );
        assert_eq!(series.len(), 3, "23:00Z on the 2nd is the 3rd in Berlin");
    }

    #[test]
    fn monthly_series_from_the_31st_skips_short_months() {
        let tz = TimeZone::default();
        let series = walk(&rule("FREQ=MONTHLY"), on("2026-01-31"), tz, 4);
        assert_eq!(
            series,
            [
                on("2026-01-31"),
                on("2026-03-31"),
                on("2026-05-31"),
                on("2026-07-31")
            ]
        );
    }

    #[test]
    fn yearly_series_keeps_its_day() {
        let tz = TimeZone::default();
        let series = walk(&rule("FREQ=YEARLY;BYMONTH=3,9"), on("2026-03-15"), tz, 4);
        assert_eq!(
            series,
            [
                on("2026-03-15"),
                on("2026-09-15"),
                on("2027-03-15"),
                on("2027-09-15")
            ]
        );
    }

    #[test]
    fn daily_0230_in_berlin_across_the_spring_forward_day() {
        // Berlin skips 02:00–03:00 on 29 March 2026.
        let berlin = zone("Europe/Berlin");
        let series = walk(
            &rule("FREQ=DAILY"),
            at("2026-03-27T02:30:00+01:00"),
            berlin,
            4,
        );
        assert_eq!(
            series,
            [
                at("2026-03-27T02:30:00+01:00"),
                at("2026-03-28T02:30:00+01:00"),
                at("2026-03-29T03:30:00+02:00"),
                at("2026-03-30T02:30:00+02:00"),
            ]
        );
    }

    #[test]
    fn every_day_at_0900_in_new_york_across_the_fall_back_day() {
        // New York falls back from EDT (-04:00) to EST (-05:00) on 1 November 2026.
        let new_york = zone("America/New_York");
        let series = walk(
            &rule("FREQ=DAILY"),
            at("2026-10-31T09:00:00-04:00"),
            new_york,
            3,
        );
        assert_eq!(
            series,
            [
                at("2026-10-31T13:00:00Z"),
                at("2026-11-01T14:00:00Z"),
                at("2026-11-02T14:00:00Z"),
            ]
        );
        for due in series {
            assert_eq!(
                wall(due, new_york).time(),
                NaiveTime::from_hms_opt(9, 0, 0).unwrap()
            );
        }
    }

    #[test]
    fn completing_a_task_moved_later_in_its_day_moves_to_the_next_day() {
        let berlin = zone("Europe/Berlin");
        let start = at("2026-03-01T09:00:00+01:00");
        let moved = at("2026-03-05T20:00:00+01:00");
        assert_eq!(
            rule("FREQ=DAILY").next_after(start, moved, day("2026-03-05"), berlin),
            Some(at("2026-03-06T09:00:00+01:00"))
        );
    }

    #[test]
    fn a_daily_series_from_long_ago_is_cheap() {
        let tz = zone("Australia/Sydney");
        let start = at("1900-01-01T07:00:00+10:00");
        let current = at("2026-05-01T07:00:00+10:00");
        let begun = std::time::Instant::now();
        assert_eq!(
            rule("FREQ=DAILY").next_after(start, current, day("2026-05-01"), tz),
            Some(at("2026-05-02T07:00:00+10:00"))
        );
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=99991231").next_after(start, current, day("9999-12-31"), tz),
            Some(at("9999-12-31T07:00:00+11:00"))
        );
        assert!(begun.elapsed() < std::time::Duration::from_millis(50));
    }

    #[test]
    fn a_series_ends_at_the_last_year() {
        let tz = TimeZone::default();
        assert_eq!(
            rule("FREQ=DAILY").next_after(
                on("9999-12-30"),
                on("9999-12-31"),
                day("9999-12-31"),
                tz
            ),
            None
        );
    }

    #[test]
    fn thanksgiving_every_year() {
        let thanksgiving = rule("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH");
        let tz = zone("America/New_York");
        assert_eq!(
            thanksgiving.first_on_or_after(day("2026-01-10"), None, tz),
            Some(on("2026-11-26"))
        );
        assert_eq!(
            thanksgiving.first_on_or_after(day("2026-11-27"), None, tz),
            Some(on("2027-11-25"))
        );
        assert_eq!(
            thanksgiving.next_after(on("2026-11-26"), on("2026-11-26"), day("2026-11-26"), tz),
            Some(on("2027-11-25"))
        );
        let dinner = at("2026-11-26T16:00:00-05:00");
        assert_eq!(
            walk(&thanksgiving, dinner, tz, 3),
            [
                dinner,
                at("2027-11-25T16:00:00-05:00"),
                at("2028-11-23T16:00:00-05:00")
            ]
        );
    }

    #[test]
    fn every_year_on_1_june() {
        let tz = TimeZone::default();
        let june_first = rule("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1");
        assert_eq!(
            june_first.first_on_or_after(day("2026-03-10"), None, tz),
            Some(on("2026-06-01"))
        );
        assert_eq!(
            june_first.first_on_or_after(day("2026-06-02"), None, tz),
            Some(on("2027-06-01"))
        );
        assert_eq!(
            june_first.next_after(on("2026-06-01"), on("2026-06-01"), day("2026-06-01"), tz),
            Some(on("2027-06-01"))
        );
        // Overdue for a year and a half: the next 1 June still to come.
        assert_eq!(
            june_first.next_after(on("2026-06-01"), on("2026-06-01"), day("2027-12-01"), tz),
            Some(on("2028-06-01"))
        );
    }

    #[test]
    fn first_monday_of_the_year() {
        let tz = TimeZone::default();
        let first_monday = rule("FREQ=YEARLY;BYDAY=1MO");
        assert_eq!(
            first_monday.first_on_or_after(day("2026-01-01"), None, tz),
            Some(on("2026-01-05"))
        );
        assert_eq!(
            first_monday.first_on_or_after(day("2026-01-06"), None, tz),
            Some(on("2027-01-04"))
        );
        assert_eq!(
            first_monday.next_after(on("2027-01-04"), on("2027-01-04"), day("2027-01-04"), tz),
            Some(on("2028-01-03"))
        );
    }

    #[test]
    fn every_weekday_as_a_daily_rule() {
        let tz = TimeZone::default();
        let weekdays = rule("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR");
        // 7 March 2026 is a Saturday.
        assert_eq!(
            weekdays.first_on_or_after(day("2026-03-07"), None, tz),
            Some(on("2026-03-09"))
        );
        assert_eq!(
            weekdays.first_on_or_after(day("2026-03-06"), None, tz),
            Some(on("2026-03-06"))
        );
        assert_eq!(
            weekdays.next_after(on("2026-03-02"), on("2026-03-06"), day("2026-03-06"), tz),
            Some(on("2026-03-09")),
            "Friday's task comes back on Monday"
        );
        assert_eq!(
            weekdays.next_after(on("2026-03-02"), on("2026-03-05"), day("2026-03-08"), tz),
            Some(on("2026-03-09")),
            "done late on Sunday"
        );
        assert_eq!(
            walk(
                &rule("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=5"),
                on("2026-03-05"),
                tz,
                10
            ),
            [
                on("2026-03-05"),
                on("2026-03-06"),
                on("2026-03-09"),
                on("2026-03-10"),
                on("2026-03-11")
            ]
        );
        // A series from long ago jumps straight to this week.
        let sydney = zone("Australia/Sydney");
        assert_eq!(
            weekdays.next_after(
                at("1990-01-01T08:30:00+11:00"),
                at("2026-03-13T08:30:00+11:00"),
                day("2026-03-13"),
                sydney
            ),
            Some(at("2026-03-16T08:30:00+11:00"))
        );
    }

    #[test]
    fn bymonth_limits_daily_and_weekly_series_to_the_summer() {
        let tz = TimeZone::default();
        let summer_days = rule("FREQ=DAILY;BYMONTH=6,7,8");
        assert_eq!(
            summer_days.first_on_or_after(day("2026-03-10"), None, tz),
            Some(on("2026-06-01"))
        );
        assert_eq!(
            summer_days.next_after(on("2026-06-01"), on("2026-08-31"), day("2026-08-31"), tz),
            Some(on("2027-06-01"))
        );
        let summer_saturdays = rule("FREQ=WEEKLY;BYDAY=SA;BYMONTH=6,7,8");
        assert_eq!(
            summer_saturdays.first_on_or_after(day("2026-05-01"), None, tz),
            Some(on("2026-06-06"))
        );
        assert_eq!(
            summer_saturdays.next_after(on("2026-06-06"), on("2026-06-27"), day("2026-06-27"), tz),
            Some(on("2026-07-04")),
            "across the month within a week"
        );
        assert_eq!(
            summer_saturdays.next_after(on("2026-06-06"), on("2026-08-29"), day("2026-08-29"), tz),
            Some(on("2027-06-05"))
        );
    }

    #[test]
    fn quarterly_on_the_15th() {
        let tz = TimeZone::default();
        let quarterly = rule("FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15");
        assert_eq!(
            quarterly.first_on_or_after(day("2026-01-16"), None, tz),
            Some(on("2026-04-15"))
        );
        assert_eq!(
            quarterly.first_on_or_after(day("2026-04-15"), None, tz),
            Some(on("2026-04-15"))
        );
        assert_eq!(
            walk(&quarterly, on("2026-04-15"), tz, 4),
            [
                on("2026-04-15"),
                on("2026-07-15"),
                on("2026-10-15"),
                on("2027-01-15")
            ]
        );
    }

    #[test]
    fn a_long_count_walk_is_bounded() {
        let tz = TimeZone::default();
        let series = walk(&rule("FREQ=DAILY;COUNT=1000"), on("2026-01-01"), tz, 2000);
        assert_eq!(series.len(), 1000);
        assert_eq!(series.last(), Some(&on("2028-09-26")));
    }
}
