//! `TimeZone`: the IANA zone a user lives in, and the one place that turns
//! wall-clock times into instants.

use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone as _, Utc};
use chrono_tz::Tz;

use super::FieldError;

/// A user's time zone (an IANA name such as `Europe/Berlin`). "Today",
/// "overdue" and "every day at 09:00" all depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(Tz);

impl Default for TimeZone {
    /// UTC: the zone of a user who has not said where they live.
    fn default() -> Self {
        TimeZone(Tz::UTC)
    }
}

impl TimeZone {
    /// Parse user input for the request field `time_zone`: an IANA name in
    /// any case (`europe/berlin` is `Europe/Berlin`), or `UTC`.
    pub fn parse(name: &str) -> Result<Self, FieldError> {
        let name = name.trim();
        if let Ok(tz) = name.parse::<Tz>() {
            return Ok(TimeZone(tz));
        }
        // A linear scan of the ~600 names is microseconds; chrono-tz's
        // `case-insensitive` feature would cost a build script instead.
        chrono_tz::TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(name))
            .map(|&tz| TimeZone(tz))
            .ok_or_else(|| {
                FieldError::new(
                    "time_zone",
                    "not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC",
                )
            })
    }

    /// The canonical IANA name (`Europe/Berlin`), as stored and shown.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The chrono-tz zone, for formatting in it.
    pub fn tz(self) -> Tz {
        self.0
    }

    /// The date on the user's calendar at `now`.
    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        self.local(now).date()
    }

    /// The user's wall-clock time at the instant `at`.
    pub fn local(self, at: DateTime<Utc>) -> NaiveDateTime {
        at.with_timezone(&self.0).naive_local()
    }

    /// Wall-clock time in this zone to an instant: a time skipped by a DST
    /// jump moves forward by the jump (02:30 on a spring-forward day becomes
    /// 03:30); an ambiguous time (autumn) takes the earlier instant.
    ///
    /// Every wall-clock time must land somewhere: "every day at 02:30" still
    /// happens on the day 02:30 does not exist, and an hour late beats never.
    pub fn resolve(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(at) => at.with_timezone(&Utc),
            LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
            LocalResult::None => {
                // `local` is in a gap. Read it with the offset in force before
                // the jump: that instant falls just after the jump, where the
                // clock shows `local` moved forward by the size of the jump.
                // A day earlier is safely before the jump (gaps are at most a
                // day long, and zones do not change offset twice a day).
                let before = local
                    .checked_sub_signed(Duration::days(1))
                    .map(|earlier| self.0.offset_from_utc_datetime(&earlier).fix())
                    .unwrap_or_else(|| Utc.fix());
                let instant = local
                    .checked_sub_signed(Duration::seconds(before.local_minus_utc().into()))
                    .unwrap_or(local);
                instant.and_utc()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn parses_iana_names_in_any_case() {
        assert_eq!(zone("Europe/Berlin").name(), "Europe/Berlin");
        assert_eq!(zone("europe/berlin").name(), "Europe/Berlin");
        assert_eq!(zone(" AMERICA/NEW_YORK ").name(), "America/New_York");
        assert_eq!(zone("UTC").name(), "UTC");
        assert_eq!(zone("utc"), TimeZone::default());
        assert_eq!(zone("Europe/Berlin").tz(), Tz::Europe__Berlin);
    }

    #[test]
    fn refuses_unknown_names() {
        for name in ["", "Mars/Olympus", "CEST", "+01:00"] {
            let error = TimeZone::parse(name).unwrap_err();
            assert_eq!(error.field, "time_zone");
            assert_eq!(
                error.message,
                "not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC"
            );
        }
    }

    #[test]
    fn today_is_the_date_on_the_users_calendar() {
        let now = utc("2026-11-24T23:30:00Z");
        assert_eq!(
            TimeZone::default().today(now),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
        assert_eq!(
            zone("Europe/Berlin").today(now),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
        assert_eq!(
            zone("America/New_York").local(now),
            wall("2026-11-24 18:30")
        );
    }

    #[test]
    fn resolves_ordinary_times() {
        assert_eq!(
            zone("Europe/Berlin").resolve(wall("2026-11-24 17:00")),
            utc("2026-11-24T16:00:00Z")
        );
    }

    #[test]
    fn moves_skipped_times_forward_by_the_jump() {
        // Berlin springs forward at 02:00 on 29 March 2026: 02:30 does not exist.
        let berlin = zone("Europe/Berlin");
        let at = berlin.resolve(wall("2026-03-29 02:30"));
        assert_eq!(at, utc("2026-03-29T01:30:00Z"));
        assert_eq!(berlin.local(at), wall("2026-03-29 03:30"));

        // Lord Howe springs forward by 30 minutes at 02:00 on 4 October 2026.
        let lord_howe = zone("Australia/Lord_Howe");
        let at = lord_howe.resolve(wall("2026-10-04 02:15"));
        assert_eq!(lord_howe.local(at), wall("2026-10-04 02:45"));

        // Samoa skipped 30 December 2011 entirely.
        let apia = zone("Pacific/Apia");
        let at = apia.resolve(wall("2011-12-30 12:00"));
        assert_eq!(apia.local(at), wall("2011-12-31 12:00"));
    }

    #[test]
    fn takes_the_earlier_of_ambiguous_times() {
        // New York falls back at 02:00 on 1 November 2026: 01:30 happens twice.
        let new_york = zone("America/New_York");
        assert_eq!(
            new_york.resolve(wall("2026-11-01 01:30")),
            utc("2026-11-01T05:30:00Z")
        );
    }
}
