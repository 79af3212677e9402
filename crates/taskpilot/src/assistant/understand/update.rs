//! Changing a task: "rename task 2 to call dad", "set task 4 to high
//! priority", "move task 4 to next week", "clear the due date of task 4",
//! "tag task 3 with #home", "task 4 is urgent"; and "edit task 3", which
//! asks for the edit form.
//!
//! This file knows the shapes of those sentences (verb, task, value);
//! `values.rs` reads the value.

use super::values::{CONNECTORS, PARTS, Part, cleared, part, titled, value};
use super::words::{Message, Span};
use super::{Clock, Command, TaskRef, Update, refs, tags};
use crate::tasks::Priority;

/// Connectors that may follow a title (not a number): "move buy milk to
/// Friday". Without one, "make dinner tonight" would read as moving a task
/// called "dinner".
const TITLE_CONNECTORS: &[&str] = &["to", "as", "until", "till", "back to", "forward to"];
/// After a verb that only moves dates, "for" connects a title too:
/// "reschedule buy milk for Friday".
const MOVE_CONNECTORS: &[&str] = &[
    "to",
    "until",
    "till",
    "for",
    "back to",
    "forward to",
    "back until",
];
/// Verbs that set a value: "set task 4 to high priority".
const SET_VERBS: &[&str] = &[
    "set", "make", "mark", "change", "update", "turn", "flag", "switch", "put", "modify", "edit",
];
/// Verbs that move a due date: "push task 4 to tomorrow".
const MOVE_VERBS: &[&str] = &[
    "move",
    "push",
    "reschedule",
    "postpone",
    "defer",
    "delay",
    "snooze",
    "shift",
    "bump",
    "put off",
    "push back",
    "move back",
    "bring forward",
    "pull forward",
    "schedule",
];
/// Verbs that take a part of a task away: "clear the due date of task 4".
const CLEAR_VERBS: &[&str] = &[
    "clear",
    "remove",
    "delete",
    "drop",
    "unset",
    "erase",
    "get rid of",
    "take off",
    "reset",
    "stop",
    "cancel",
    "turn off",
    "disable",
    "end",
];
/// Words between a part of a task and the task: "the due date *of* task 4".
const OF: &[&str] = &["of", "from", "on", "for", "in"];

/// A change to one task, or the edit form.
pub(super) fn recognize(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    let change = clear_part(message, span, clock)
        .or_else(|| tag(message, span, clock))
        .or_else(|| rename(message, span))
        .or_else(|| part_first(message, span, clock))
        .or_else(|| task_then_part(message, span, clock))
        .or_else(|| verb_then_value(message, span, clock))
        .or_else(|| prioritize(message, span, clock))
        .or_else(|| task_is(message, span, clock))
        .or_else(|| number_then_value(message, span, clock));
    match change {
        Some((task, change)) => Some(Command::Update { task, change }),
        None => edit(message, span, clock),
    }
}

/// "clear the due date of task 4", "stop repeating task 4", "unschedule
/// task 4", "remove the priority from task 4".
fn clear_part(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let task = |rest| refs::one_object(message, rest, clock, false);
    if let Some(rest) = message.after_any(span, &["unschedule"]) {
        return Some((task(rest)?, cleared(Part::Due)));
    }
    if let Some(rest) = message.after_any(
        span,
        &[
            "stop repeating",
            "stop recurring",
            "don't repeat",
            "do not repeat",
            "never repeat",
        ],
    ) {
        return Some((task(rest)?, cleared(Part::Recurrence)));
    }
    let rest = message.after_any(span, CLEAR_VERBS)?;
    // "clear the due date of task 4", "clear due date task 4".
    if let Some((part, after)) = part(message, rest) {
        let after = message.after_any(after, OF).unwrap_or(after);
        return Some((task(after)?, cleared(part).into_non_empty()?));
    }
    // "clear task 4 due date", "stop task 4 repeating".
    PARTS.iter().find_map(|(part, names)| {
        let before = message.before_any(rest, names)?;
        let before = message.before_any(before, &["'s"]).unwrap_or(before);
        Some((task(before)?, cleared(*part).into_non_empty()?))
    })
}

/// "tag task 3 with #home", "tag task 3 #home #work", "tag buy milk as
/// errands".
fn tag(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let with_tags = |task: TaskRef, tags_add: Vec<String>| {
        Some((
            task,
            Update {
                tags_add,
                ..Update::default()
            },
        ))
    };
    let rest = message.after_any(span, &["tag", "label"])?;
    // "… with home", "… as home and work".
    for (at, len) in message.find_any(rest, &["with", "as"]).into_iter().rev() {
        if let Some(task) = refs::one_object(message, rest.until(at), clock, false)
            && let Some(tags) = tag_list(message, rest.from(at + len), false)
        {
            return with_tags(task, tags);
        }
    }
    // "… #home #work".
    for cut in rest.from + 1..rest.to {
        if let Some(tags) = tag_list(message, rest.from(cut), true)
            && let Some(task) = refs::one_object(message, rest.until(cut), clock, false)
        {
            return with_tags(task, tags);
        }
    }
    // "tag task 3 home".
    let (task, after) = refs::leading_id(message, rest, true)?;
    with_tags(task, tag_list(message, after, false)?)
}

/// "add #home to task 3", "add the tag home to the dentist task". Tried
/// before adding a task, which "add …" would otherwise be.
pub(super) fn add_tags(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    let rest = message.after_any(span, &["add"])?;
    let (to, _) = message
        .find_any(rest, &["to"])
        .into_iter()
        .find(|(at, _)| message.word(*at).is_some_and(|w| !w.quoted))?;
    let tags_span = rest.until(to);
    let named = message.after_any(
        tags_span,
        &[
            "tag",
            "tags",
            "the tag",
            "the tags",
            "label",
            "labels",
            "the label",
        ],
    );
    let tags_add = tag_list(message, named.unwrap_or(tags_span), named.is_none())?;
    // "add #errands to buy milk" adds a task; "… to task 3" tags one.
    let task = refs::one_object(message, rest.from(to + 1), clock, true)?;
    Some(Command::Update {
        task,
        change: Update {
            tags_add,
            ..Update::default()
        },
    })
}

/// Tags written one after another ("home and work", "#home #work"); with
/// `hash_only`, each must carry its `#`.
fn tag_list(message: &Message, span: Span, hash_only: bool) -> Option<Vec<String>> {
    let mut found = Vec::new();
    for at in span.from..span.to {
        if matches!(message.key(at), "and" | "&") {
            continue;
        }
        let word = message.text(Span::new(at, at + 1));
        let tag = if hash_only {
            tags::hashtag(word)
        } else {
            tags::tag_word(word)
        };
        found.push(tag?.to_string());
    }
    (!found.is_empty()).then_some(found)
}

/// "rename task 2 to call dad", "rename buy milk as buy oat milk".
fn rename(message: &Message, span: Span) -> Option<(TaskRef, Update)> {
    let rest = message.after_any(span, &["rename", "retitle", "re-title", "rename the task"])?;
    let cuts: Vec<(usize, usize)> = message
        .find_any(rest, &["to", "as"])
        .into_iter()
        .filter(|(at, _)| message.word(*at).is_some_and(|w| !w.quoted))
        .collect();
    // A number on the left settles where the title starts ("rename task 2
    // to go to the gym"); otherwise the first "to" does.
    let numbered = cuts.iter().find(|(at, _)| {
        refs::leading_id(message, rest.until(*at), true).is_some_and(|(_, after)| after.is_empty())
    });
    let Some(&(at, len)) = numbered.or(cuts.first()) else {
        // "rename task 3 \"Buy oat milk\"": after a number, the rest is the title.
        let (task, after) = refs::leading_id(message, rest, true)?;
        return Some((task, titled(message, after)?));
    };
    let task = refs::task_ref(message.text(rest.until(at)))?;
    Some((task, titled(message, rest.from(at + len))?))
}

/// "change the title of task 2 to x", "set the priority of task 4 to high",
/// "change the due date of task 4 to Friday".
fn part_first(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let rest = message.after_any(span, SET_VERBS)?;
    let (part, rest) = part(message, rest)?;
    let rest = message.after_any(rest, OF)?;
    split(message, rest, Joint::Always, |value| {
        part_value(message, part, value, clock)
    })
}

/// "change task 2 title to x", "set task 4 priority to high", "change task
/// 4 due date to Friday".
fn task_then_part(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let rest = message.after_any(span, SET_VERBS)?;
    split(message, rest, Joint::Never, |after| {
        let (part, value) = part(message, after)?;
        part_value(message, part, value, clock)
    })
}

/// The new value of `part`: any words for a title, else what `value` reads
/// ("none" clears it).
fn part_value(message: &Message, part: Part, span: Span, clock: &Clock) -> Option<Update> {
    let span = message.after_any(span, CONNECTORS).unwrap_or(span);
    if part == Part::Title {
        return titled(message, span);
    }
    if message.is_any(span, &["none", "nothing", "empty", "no"]) {
        return cleared(part).into_non_empty();
    }
    value(message, span, clock)
}

/// "set task 4 to high priority", "make task 4 urgent", "move task 4 to
/// next week", "change task 2 to call dad".
fn verb_then_value(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    if let Some(rest) = message.after_any(span, MOVE_VERBS) {
        return split(message, rest, Joint::Move, |after| {
            value(message, after, clock).filter(|change| change.due.is_some())
        });
    }
    let rest = message.after_any(span, SET_VERBS)?;
    if let Some(found) = split(message, rest, Joint::AfterTitles, |after| {
        value(message, after, clock)
    }) {
        return Some(found);
    }
    // "change task 2 to call dad": a new title, only where "to" follows a
    // task clearly named.
    if !matches!(message.key(span.from), "change" | "update") {
        return None;
    }
    let (to, _) = message.find_any(rest, &["to"]).into_iter().next()?;
    let task = refs::one_object(message, rest.until(to), clock, false)?;
    Some((task, titled(message, rest.from(to + 1))?))
}

/// "prioritize task 4" (high), "deprioritize task 4" (low).
fn prioritize(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let (rest, priority) = match message.after_any(span, &["prioritize", "prioritise"]) {
        Some(rest) => (rest, Priority::High),
        None => (
            message.after_any(span, &["deprioritize", "deprioritise"])?,
            Priority::Low,
        ),
    };
    let task = refs::one_object(message, rest, clock, false)?;
    Some((
        task,
        Update {
            priority: Some(priority),
            ..Update::default()
        },
    ))
}

/// "task 4 is urgent", "buy milk is due Friday", "task 4 has no due date".
fn task_is(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    message
        .find_any(
            span,
            &[
                "is",
                "are",
                "should be",
                "needs to be",
                "must be",
                "has",
                "is now",
                "should be done",
                "needs to be done",
                "must be done",
                "has to be done",
                "should be finished",
                "is due",
            ],
        )
        .into_iter()
        .find_map(|(at, len)| {
            let change = value(message, span.from(at + len), clock)?;
            let task = refs::one_object(message, span.until(at), clock, false)?;
            Some((task, change))
        })
}

/// "task 4 urgent", "#4 due Friday", "task 4 repeats weekly".
fn number_then_value(message: &Message, span: Span, clock: &Clock) -> Option<(TaskRef, Update)> {
    let (task, rest) = refs::leading_id(message, span, false)?;
    Some((task, value(message, rest, clock)?))
}

/// "edit task 3", "edit buy milk", "open task 3 for editing".
fn edit(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    let (span, editing) = match message.before_any(span, &["for editing", "in the editor"]) {
        Some(before) => (before, true),
        None => (span, false),
    };
    let verbs: &[&str] = if editing {
        &["open", "edit"]
    } else {
        &["edit", "open the editor for", "open the edit form for"]
    };
    let strong = message.after_any(span, verbs);
    let (rest, weak) = match strong {
        Some(rest) => (rest, false),
        None => (
            message.after_any(span, &["change", "update", "modify", "make changes to"])?,
            true,
        ),
    };
    refs::one_object(message, rest, clock, weak).map(Command::Edit)
}

/// Which words must stand between a task and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// A connector after a title ("move buy milk to Friday"), none needed
    /// after a number ("push task 4 tomorrow").
    AfterTitles,
    /// A connector in any case ("… of task 4 to high").
    Always,
    /// As `AfterTitles`, "for" included ("reschedule buy milk for Friday").
    Move,
    /// The value starts with its own marker ("task 2 title to x").
    Never,
}

/// Splits `span` into a task and the words after it, cutting at the first
/// place, from the left, where the words before name one task and `value`
/// understands the words after.
fn split(
    message: &Message,
    span: Span,
    joint: Joint,
    value: impl Fn(Span) -> Option<Update>,
) -> Option<(TaskRef, Update)> {
    (span.from + 1..span.to).find_map(|cut| {
        let after = span.from(cut);
        let task = refs::task_ref(message.text(span.until(cut)))?;
        let connected = message.after_any(after, CONNECTORS).is_some();
        let title_connected = message.after_any(after, TITLE_CONNECTORS).is_some();
        let move_connected = message.after_any(after, MOVE_CONNECTORS).is_some();
        if message.word(cut).is_some_and(|w| w.quoted) {
            return None;
        }
        let change = value(after)?;
        // "make buy milk high priority" needs no "to"; a date or a repeat
        // after a title does ("make dinner tonight" is a new task).
        let only_priority = change.priority.is_some()
            && Update {
                priority: None,
                ..change.clone()
            }
            .is_empty();
        let allowed = match (joint, &task) {
            (Joint::Never, _) => true,
            (Joint::Always, _) => connected,
            (Joint::AfterTitles | Joint::Move, TaskRef::Id(_)) => true,
            (Joint::Move, TaskRef::Title(_)) => move_connected,
            (Joint::AfterTitles, TaskRef::Title(_)) => title_connected || only_priority,
        };
        allowed.then_some((task, change))
    })
}
