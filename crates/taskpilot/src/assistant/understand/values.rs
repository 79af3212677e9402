//! The value part of a change: what "high priority and due Friday", "no
//! due date" or "repeat every Monday" says to set, and the parts of a task
//! a message can name ("the due date", "the priority").

use super::schedule::Schedule;
use super::words::{Message, Reading, Span, tidy};
use super::{Clock, Update, priority, recurrence, tags};
use crate::tasks::Priority;

/// Words between a task and its new value: "set task 4 *to* high".
pub(super) const CONNECTORS: &[&str] = &[
    "to",
    "as",
    "into",
    "until",
    "till",
    "for",
    "to be",
    "back to",
    "forward to",
    "back until",
];
/// Words a value may carry besides what it sets: "high priority *and* due
/// Friday".
const VALUE_FILLERS: &[&str] = &["and", "&", "with", "a", "also", "now", "instead", "be"];

/// Values that take the due date away: "task 4 has *no due date*".
const CLEAR_DUE: &[&str] = &[
    "no due date",
    "no date",
    "no deadline",
    "no due",
    "not due",
    "unscheduled",
    "undated",
    "without a due date",
    "without due date",
    "without a date",
];
/// Values that stop a task repeating: "task 4 *no longer repeats*".
const NO_REPEAT: &[&str] = &[
    "not repeating",
    "not recurring",
    "non-recurring",
    "one-off",
    "one-time",
    "once",
    "no recurrence",
    "no repeat",
    "not repeat",
    "never repeat",
    "no longer repeats",
    "no longer repeating",
    "no longer recurring",
    "doesn't repeat",
    "does not repeat",
    "shouldn't repeat",
    "should not repeat",
];

/// A part of a task a message can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Title,
    Priority,
    Due,
    Recurrence,
}

/// How each part is named.
pub(super) const PARTS: &[(Part, &[&str])] = &[
    (
        Part::Title,
        &["the title", "title", "the name", "name", "the text"],
    ),
    (
        Part::Priority,
        &["the priority", "priority", "the prio", "prio"],
    ),
    (
        Part::Due,
        &[
            "the due date",
            "due date",
            "the due",
            "due",
            "the date",
            "date",
            "the deadline",
            "deadline",
            "the due time",
            "due time",
        ],
    ),
    (
        Part::Recurrence,
        &[
            "the recurrence",
            "recurrence",
            "the repeat",
            "repeat",
            "repeating",
            "recurring",
            "the repetition",
            "repetition",
            "the recurring",
        ],
    ),
];

/// The change that empties `part`.
pub(super) fn cleared(part: Part) -> Update {
    match part {
        Part::Due => Update {
            due: Some(None),
            ..Update::default()
        },
        Part::Recurrence => Update {
            recurrence: Some(None),
            ..Update::default()
        },
        Part::Priority => Update {
            priority: Some(Priority::None),
            ..Update::default()
        },
        // A task always has a title; nothing to clear.
        Part::Title => Update::default(),
    }
}

/// The part of a task `span` starts with, and the words after it.
pub(super) fn part(message: &Message, span: Span) -> Option<(Part, Span)> {
    PARTS
        .iter()
        .filter_map(|(part, names)| message.after_any(span, names).map(|rest| (*part, rest)))
        .max_by_key(|(_, rest)| rest.from)
}

/// A change of title to the words of `span`.
pub(super) fn titled(message: &Message, span: Span) -> Option<Update> {
    let title = tidy(message.text(span));
    (!title.is_empty()).then(|| Update {
        title: Some(title),
        ..Update::default()
    })
}

/// What a value says to set: priority, due date, repeat, tags, or clearing
/// the due date or the repeat. Every word must be understood.
pub(super) fn value(message: &Message, span: Span, clock: &Clock) -> Option<Update> {
    let span = message.after_any(span, CONNECTORS).unwrap_or(span);
    if span.is_empty() {
        return None;
    }
    if message.is_any(span, CLEAR_DUE) {
        return cleared(Part::Due).into_non_empty();
    }
    if message.is_any(span, NO_REPEAT) {
        return cleared(Part::Recurrence).into_non_empty();
    }
    let mut reading = Reading::new(message, span);
    let priorities = reading.take_all(|keys, _| {
        priority::phrase(keys)
            .or_else(|| priority::level(keys.first()?).map(|p| (1, p)))
            .or_else(|| priority::marker(keys.first()?).map(|p| (1, p)))
    });
    let repeats = reading.take_all(|keys, _| recurrence::repeat(keys));
    let schedule = Schedule::take(&mut reading, clock);
    let tags_add = reading.take_all(|_, at| {
        let tag = tags::hashtag(message.text(Span::new(at, at + 1)))?;
        Some((1, tag.to_string()))
    });
    if priorities.len() > 1
        || repeats.len() > 1
        || !reading
            .unread_keys()
            .iter()
            .all(|k| VALUE_FILLERS.contains(k))
    {
        return None;
    }
    Update {
        title: None,
        priority: priorities.into_iter().next(),
        due: schedule.when(clock).map(Some),
        tags_add,
        recurrence: repeats.into_iter().next().map(|r| Some(r.rule)),
    }
    .into_non_empty()
}

impl Update {
    /// The update, if it changes anything.
    pub(super) fn into_non_empty(self) -> Option<Update> {
        (!self.is_empty()).then_some(self)
    }
}
