//! Property tests: whatever is typed, understanding does not panic, gives
//! the same answer twice, and never dates a new task in the past.

use chrono::{Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::{Clock, Command, When, understand};

/// Words that trip parsers: dates, times, numbers, verbs, punctuation.
const WORDS: &[&str] = &[
    "add",
    "remind",
    "me",
    "to",
    "task",
    "tasks",
    "#5",
    "5",
    "0",
    "31",
    "99999999999999999999",
    "at",
    "on",
    "by",
    "due",
    "in",
    "the",
    "a",
    "an",
    "of",
    "every",
    "other",
    "next",
    "this",
    "today",
    "tonight",
    "tomorrow",
    "friday",
    "fri",
    "sun",
    "weekend",
    "week",
    "month",
    "year",
    "days",
    "hours",
    "dec",
    "december",
    "feb",
    "29th",
    "30",
    "1st",
    "5pm",
    "12am",
    "13pm",
    "5:30",
    "24:00",
    "noon",
    "midnight",
    "morning",
    "evening",
    "high",
    "priority",
    "p1",
    "!high",
    "urgent",
    "asap",
    "#work",
    "#",
    "tagged",
    "done",
    "complete",
    "mark",
    "as",
    "not",
    "undo",
    "delete",
    "remove",
    "rename",
    "set",
    "move",
    "push",
    "is",
    "and",
    ",",
    ":",
    "\"",
    "'",
    "(",
    ")",
    "-",
    "…",
    "é",
    "İ",
    "’",
    "note:",
    "what's",
    "show",
    "list",
    "find",
    "search",
    "edit",
    "help",
    "last",
    "day",
    "weekday",
    "monthly",
    "daily",
];

fn clock_at(minutes: u32, days: u64) -> Clock {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let now = start
        .and_then(|s| s.checked_add_days(Days::new(days)))
        .map(|s| s + chrono::Duration::minutes(i64::from(minutes)));
    Clock {
        now: now.unwrap_or(NaiveDateTime::MIN),
    }
}

fn messages() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(proptest::sample::select(WORDS), 0..12)
            .prop_map(|words| words.join(" ")),
    ]
}

proptest! {
    #[test]
    fn never_panics_and_answers_the_same_twice(
        text in messages(),
        minutes in 0u32..1440,
        days in 0u64..3000,
    ) {
        let clock = clock_at(minutes, days);
        let command = understand(&text, &clock);
        prop_assert_eq!(&command, &understand(&text, &clock));
        if let Some((_, args)) = command.tool_call() {
            prop_assert!(args.is_object());
        }
    }

    #[test]
    fn a_new_task_is_never_due_in_the_past(
        words in proptest::collection::vec(proptest::sample::select(WORDS), 0..12),
        minutes in 0u32..1440,
        days in 0u64..3000,
    ) {
        let clock = clock_at(minutes, days);
        let text = format!("add {}", words.join(" "));
        if let Command::Add(task) = understand(&text, &clock) {
            match task.due {
                Some(When::Date(day)) => prop_assert!(day >= clock.today(), "{text}: {day}"),
                // "in an hour" is later today; "5pm" after 17:00 is tomorrow.
                Some(When::At(at)) => prop_assert!(at.date() >= clock.today(), "{text}: {at}"),
                None => {}
            }
            if let Some(remind_at) = task.remind_at {
                prop_assert_eq!(task.due, Some(When::At(remind_at)));
            }
        }
    }
}
