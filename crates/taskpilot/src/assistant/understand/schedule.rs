//! When a message says a task is due: its date and time phrases, read out
//! of the words and combined ("Friday" + "at 10" is Friday 10:00).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::dates::{self, ClockTime, PartOfDay, Piece};
use super::words::{Message, Reading, Span};
use super::{Clock, When};

/// The date and time phrases of a message, the first of each kind (a
/// second date stays in the title: "move Monday's meeting to Friday" is not
/// two due dates).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Schedule {
    day: Option<NaiveDate>,
    part: Option<PartOfDay>,
    time: Option<ClockTime>,
    instant: Option<NaiveDateTime>,
}

impl Schedule {
    /// Read the date and time phrases among the unread words of `reading`,
    /// marking them read.
    pub fn take(reading: &mut Reading, clock: &Clock) -> Schedule {
        let mut schedule = Schedule::default();
        reading.take_all(|keys, _| {
            let (len, piece) = dates::piece(keys, clock)?;
            schedule.accept(piece).then_some((len, ()))
        });
        schedule
    }

    /// Whether `span` holds any date or time phrase.
    pub fn mentioned_in(message: &Message, span: Span, clock: &Clock) -> bool {
        let mut reading = Reading::new(message, span);
        !Schedule::take(&mut reading, clock).is_empty()
    }

    /// Keep `piece` if its kind is still free.
    fn accept(&mut self, piece: Piece) -> bool {
        if self.instant.is_some() {
            return false;
        }
        match piece {
            Piece::Day(day) if self.day.is_none() => self.day = Some(day),
            Piece::DayPart(day, part) if self.day.is_none() && self.part.is_none() => {
                self.day = Some(day);
                self.part = Some(part);
            }
            Piece::Part(part) if self.part.is_none() => self.part = Some(part),
            Piece::Time(time) if self.time.is_none() => self.time = Some(time),
            Piece::Instant(at) if self.is_empty() => self.instant = Some(at),
            _ => return false,
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        *self == Schedule::default()
    }

    /// Whether a day was named ("tomorrow", "in an hour"), not just a time.
    pub fn has_day(&self) -> bool {
        self.day.is_some() || self.instant.is_some()
    }

    /// The time of day named, if any ("at 5" in the evening is 17:00).
    pub fn time_of_day(&self) -> Option<NaiveTime> {
        match (self.time, self.part) {
            (Some(time), part) => Some(time.resolve(part)),
            (None, Some(part)) => Some(part.time()),
            (None, None) => None,
        }
    }

    /// The due this schedule names. A time without a day is today's if it
    /// is still ahead, else tomorrow's.
    pub fn when(&self, clock: &Clock) -> Option<When> {
        if let Some(at) = self.instant {
            return Some(When::At(at));
        }
        match (self.day, self.time_of_day()) {
            (Some(day), Some(time)) => Some(When::At(day.and_time(time))),
            (Some(day), None) => Some(When::Date(day)),
            (None, Some(time)) => Some(When::At(next_at(time, clock)?)),
            (None, None) => None,
        }
    }
}

/// The next time the clock shows `time`: today if still ahead, else
/// tomorrow.
pub(super) fn next_at(time: NaiveTime, clock: &Clock) -> Option<NaiveDateTime> {
    let today = clock.today();
    let day = if time > clock.now.time() {
        today
    } else {
        today.succ_opt()?
    };
    Some(day.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock {
            now: NaiveDate::from_ymd_opt(2026, 11, 24)
                .and_then(|d| d.and_hms_opt(14, 30, 0))
                .unwrap(),
        }
    }

    fn when(text: &str) -> (Option<When>, String) {
        let message = Message::new(text);
        let mut reading = Reading::new(&message, message.all());
        let schedule = Schedule::take(&mut reading, &clock());
        (schedule.when(&clock()), reading.leftover())
    }

    fn at(text: &str) -> String {
        match when(text).0 {
            Some(When::At(at)) => at.format("%Y-%m-%d %H:%M").to_string(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn a_date_and_a_time_make_one_moment() {
        assert_eq!(at("tomorrow at 5pm"), "2026-11-25 17:00");
        assert_eq!(at("on Friday at 10"), "2026-11-27 10:00");
        assert_eq!(at("at 10 on Friday"), "2026-11-27 10:00");
        assert_eq!(at("Dec 5 at 3pm"), "2026-12-05 15:00");
        assert_eq!(at("tomorrow morning"), "2026-11-25 09:00");
        assert_eq!(at("tonight"), "2026-11-24 20:00");
        assert_eq!(at("tonight at 9"), "2026-11-24 21:00");
        assert_eq!(at("Friday evening at 7"), "2026-11-27 19:00");
        assert_eq!(at("tomorrow morning at 7"), "2026-11-25 07:00");
    }

    #[test]
    fn a_time_alone_is_the_next_one() {
        // It is 14:30.
        assert_eq!(at("at 5pm"), "2026-11-24 17:00");
        assert_eq!(at("at 10"), "2026-11-25 10:00");
        assert_eq!(at("noon"), "2026-11-25 12:00");
        assert_eq!(at("midnight"), "2026-11-25 00:00");
        assert_eq!(at("in the morning"), "2026-11-25 09:00");
        assert_eq!(at("in the evening"), "2026-11-24 18:00");
        assert_eq!(at("at 14:30"), "2026-11-25 14:30");
        assert_eq!(at("in an hour"), "2026-11-24 15:30");
    }

    #[test]
    fn the_phrases_leave_the_title() {
        assert_eq!(
            when("call mom on Friday at 10"),
            (
                Some(When::At(
                    NaiveDate::from_ymd_opt(2026, 11, 27)
                        .and_then(|d| d.and_hms_opt(10, 0, 0))
                        .unwrap()
                )),
                "call mom".to_string()
            )
        );
        // Only the first date counts; the second stays in the title.
        let (due, rest) = when("move Monday meeting to Friday");
        assert_eq!(
            due,
            Some(When::Date(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()))
        );
        assert_eq!(rest, "move meeting to Friday");
        let (due, rest) = when("buy 5 apples at the market");
        assert_eq!((due, rest.as_str()), (None, "buy 5 apples at the market"));
    }
}
