//! `Due`: when a task is due, read and written in the user's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use super::{FieldError, TimeZone};

/// The key that sorts tasks with no due date after all others.
pub const NO_DUE_SORT_KEY: &str = "~";

/// Earliest and latest years a due date may have: wide enough for any real
/// plan, narrow enough that date arithmetic and four-digit years never break.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// The forms `Due::parse` accepts, for its error messages.
const ACCEPTED_FORMS: &str = "use a date like 2026-11-24, a local time like 2026-11-24T17:00, \
     or a time with an offset like 2026-11-24T17:00:00+01:00";

/// When a task is due: a whole day, or an instant.
///
/// A day ("pay rent on the 1st") has no time and no zone: it is due all that
/// day wherever the user is. An instant ("call at 17:00") is stored in UTC
/// and shown in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Due some time on this calendar day.
    Date(NaiveDate),
    /// Due at this instant.
    At(DateTime<Utc>),
}

impl Due {
    /// Accepts "YYYY-MM-DD" (a day), RFC 3339 with an offset or Z
    /// ("2026-11-24T17:00:00+01:00"), or a local date-time without offset
    /// ("2026-11-24T17:00" or with ":SS", also with a space instead of 'T')
    /// read in `tz`. Years 1900..=9999. `field` is the request field being
    /// parsed ("due", "due_before", ...), for the error.
    ///
    /// Fractions of a second are dropped: [`Due::to_wire`] shows seconds, and
    /// two dues that print the same should be equal.
    pub fn parse(input: &str, tz: TimeZone, field: &'static str) -> Result<Due, FieldError> {
        let input = input.trim();
        let refuse = || FieldError::new(field, format!("not a date or time; {ACCEPTED_FORMS}"));

        // chrono's `%Y` also takes five-digit and signed years; demanding the
        // exact shape keeps "20261-01-01" from being read as a date.
        let has_date_shape = input.len() >= 10
            && input.is_char_boundary(10)
            && input[..10].bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !has_date_shape {
            return Err(refuse());
        }

        let check_year = |year: i32| {
            if YEARS.contains(&year) {
                Ok(())
            } else {
                Err(FieldError::new(
                    field,
                    format!(
                        "years from {} to {} are accepted",
                        YEARS.start(),
                        YEARS.end()
                    ),
                ))
            }
        };
        if input.len() == 10 {
            let date = NaiveDate::parse_from_str(input, "%Y-%m-%d").map_err(|_| refuse())?;
            check_year(date.year())?;
            Ok(Due::Date(date))
        } else if let Ok(at) = DateTime::parse_from_rfc3339(input) {
            // The year as written, before converting to UTC can move it.
            check_year(at.year())?;
            let at = at.with_timezone(&Utc);
            Ok(Due::At(at.with_nanosecond(0).unwrap_or(at)))
        } else {
            let local = parse_local(input).ok_or_else(refuse)?;
            check_year(local.year())?;
            Ok(Due::At(tz.resolve(local)))
        }
    }

    /// The day the task is due on the user's calendar.
    pub fn date_in(&self, tz: TimeZone) -> NaiveDate {
        match *self {
            Due::Date(date) => date,
            Due::At(at) => tz.today(at),
        }
    }

    /// A text key that sorts dues in time order for the user: "YYYY-MM-DD"
    /// for a day, "YYYY-MM-DDTHH:MM:SS" local wall clock for an instant. A
    /// day sorts before the timed tasks of that day (a prefix sorts first),
    /// and timed tasks by their local time.
    pub fn sort_key(&self, tz: TimeZone) -> String {
        match *self {
            Due::Date(date) => date.format("%Y-%m-%d").to_string(),
            Due::At(at) => tz.local(at).format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// The due as the API sends it: "YYYY-MM-DD" for a day, RFC 3339 in the
    /// user's offset, to the second, for an instant
    /// ("2026-11-24T17:00:00+01:00"; UTC shows "+00:00", never "Z", so every
    /// instant has the same shape).
    pub fn to_wire(&self, tz: TimeZone) -> String {
        match *self {
            Due::Date(date) => date.format("%Y-%m-%d").to_string(),
            Due::At(at) => at
                .with_timezone(&tz.tz())
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
        }
    }

    /// Whether the task is late at `now`: a day once that day is over in
    /// `tz`, an instant once it has passed.
    pub fn is_overdue(&self, now: DateTime<Utc>, tz: TimeZone) -> bool {
        match *self {
            Due::Date(date) => tz.today(now) > date,
            Due::At(at) => now > at,
        }
    }

    /// The instant, for a due with a time.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        match *self {
            Due::Date(_) => None,
            Due::At(at) => Some(at),
        }
    }
}

/// "2026-11-24T17:00", "2026-11-24 17:00:05" and the like: a wall-clock time
/// with no offset.
fn parse_local(input: &str) -> Option<NaiveDateTime> {
    let (date, time) = (input.get(..10)?, input.get(11..)?);
    if !matches!(input.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let text = format!("{date}T{time}");
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&text, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn parse(input: &str, tz: &str) -> Due {
        Due::parse(input, zone(tz), "due").unwrap()
    }

    fn message(input: &str) -> String {
        let error = Due::parse(input, TimeZone::default(), "due_before").unwrap_err();
        assert_eq!(error.field, "due_before");
        error.message
    }

    #[test]
    fn parses_a_day() {
        assert_eq!(parse("2026-11-24", "UTC"), Due::Date(date(2026, 11, 24)));
        assert_eq!(
            parse(" 2026-11-24 ", "Asia/Tokyo"),
            Due::Date(date(2026, 11, 24))
        );
    }

    #[test]
    fn parses_rfc3339_with_an_offset_or_z() {
        let expected = Due::At(utc("2026-11-24T16:00:00Z"));
        assert_eq!(parse("2026-11-24T17:00:00+01:00", "Asia/Tokyo"), expected);
        assert_eq!(parse("2026-11-24T16:00:00Z", "UTC"), expected);
        assert_eq!(
            parse("2026-11-24T16:00:00.999Z", "UTC"),
            expected,
            "fractions of a second are dropped"
        );
    }

    #[test]
    fn parses_local_times_in_the_users_zone() {
        let expected = Due::At(utc("2026-11-24T16:00:00Z"));
        for input in [
            "2026-11-24T17:00",
            "2026-11-24T17:00:00",
            "2026-11-24 17:00",
            "2026-11-24 17:00:00",
        ] {
            assert_eq!(parse(input, "Europe/Berlin"), expected, "{input}");
        }
    }

    #[test]
    fn local_times_skipped_by_dst_move_forward() {
        let due = parse("2026-03-29T02:30", "Europe/Berlin");
        assert_eq!(due, Due::At(utc("2026-03-29T01:30:00Z")));
        assert_eq!(
            due.to_wire(zone("Europe/Berlin")),
            "2026-03-29T03:30:00+02:00"
        );
    }

    #[test]
    fn refuses_other_forms_saying_which_are_accepted() {
        let expected = "not a date or time; use a date like 2026-11-24, a local time like \
             2026-11-24T17:00, or a time with an offset like 2026-11-24T17:00:00+01:00";
        for input in [
            "",
            "tomorrow",
            "24/11/2026",
            "2026-11-31",
            "2026-11-24T25:00",
            "2026-11-24T17",
            "2026-11-24X17:00",
            "20261-01-01",
            "+2026-11-24",
            "2026-11-24T17:00:00+01",
            "2026-11-24é",
        ] {
            assert_eq!(message(input), expected, "{input}");
        }
    }

    #[test]
    fn refuses_years_outside_1900_to_9999() {
        let expected = "years from 1900 to 9999 are accepted";
        assert_eq!(message("1899-12-31"), expected);
        assert_eq!(message("0001-01-01T00:00"), expected);
        assert_eq!(message("1899-12-31T23:00:00-05:00"), expected);
        assert!(Due::parse("1900-01-01", TimeZone::default(), "due").is_ok());
        assert!(Due::parse("9999-12-31T23:59:59", TimeZone::default(), "due").is_ok());
    }

    #[test]
    fn the_date_is_the_local_day() {
        let due = Due::At(utc("2026-11-24T23:30:00Z"));
        assert_eq!(due.date_in(TimeZone::default()), date(2026, 11, 24));
        assert_eq!(due.date_in(zone("Europe/Berlin")), date(2026, 11, 25));
        assert_eq!(
            Due::Date(date(2026, 1, 2)).date_in(zone("Pacific/Kiritimati")),
            date(2026, 1, 2)
        );
    }

    #[test]
    fn sort_keys_put_days_first_then_local_times_then_no_due() {
        let berlin = zone("Europe/Berlin");
        let day = Due::Date(date(2026, 11, 24)).sort_key(berlin);
        let morning = Due::At(utc("2026-11-24T08:00:00Z")).sort_key(berlin);
        let evening = Due::At(utc("2026-11-24T20:00:00Z")).sort_key(berlin);
        let next_day = Due::Date(date(2026, 11, 25)).sort_key(berlin);
        assert_eq!(day, "2026-11-24");
        assert_eq!(morning, "2026-11-24T09:00:00");
        let mut keys = vec![
            NO_DUE_SORT_KEY.to_string(),
            next_day.clone(),
            evening.clone(),
            morning.clone(),
            day.clone(),
        ];
        keys.sort();
        assert_eq!(
            keys,
            [day, morning, evening, next_day, NO_DUE_SORT_KEY.to_string()]
        );
    }

    #[test]
    fn wire_form_uses_the_zones_offset() {
        let at = Due::At(utc("2026-11-24T16:00:00Z"));
        assert_eq!(
            at.to_wire(zone("Europe/Berlin")),
            "2026-11-24T17:00:00+01:00"
        );
        assert_eq!(at.to_wire(TimeZone::default()), "2026-11-24T16:00:00+00:00");
        assert_eq!(
            at.to_wire(zone("Asia/Kolkata")),
            "2026-11-24T21:30:00+05:30"
        );
        assert_eq!(
            Due::Date(date(2026, 11, 24)).to_wire(zone("Asia/Kolkata")),
            "2026-11-24"
        );
    }

    #[test]
    fn wire_form_parses_back_to_the_same_due() {
        let tz = zone("America/New_York");
        for due in [
            Due::Date(date(2026, 2, 28)),
            Due::At(utc("2026-11-01T05:30:00Z")),
            Due::At(utc("2026-11-01T06:30:00Z")),
        ] {
            assert_eq!(Due::parse(&due.to_wire(tz), tz, "due").unwrap(), due);
        }
    }

    #[test]
    fn a_day_is_overdue_once_it_is_over_in_the_users_zone() {
        let due = Due::Date(date(2026, 11, 24));
        let berlin = zone("Europe/Berlin");
        assert!(!due.is_overdue(utc("2026-11-24T22:59:59Z"), berlin));
        assert!(due.is_overdue(utc("2026-11-24T23:00:00Z"), berlin));
        assert!(!due.is_overdue(utc("2026-11-24T23:00:00Z"), zone("America/New_York")));
    }

    #[test]
    fn an_instant_is_overdue_once_it_has_passed() {
        let due = Due::At(utc("2026-11-24T16:00:00Z"));
        assert!(!due.is_overdue(utc("2026-11-24T16:00:00Z"), TimeZone::default()));
        assert!(due.is_overdue(utc("2026-11-24T16:00:01Z"), TimeZone::default()));
        assert_eq!(due.at(), Some(utc("2026-11-24T16:00:00Z")));
        assert_eq!(Due::Date(date(2026, 11, 24)).at(), None);
    }
}
