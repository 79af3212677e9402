//! Deleting tasks: "delete task 3", "remove task 3", "get rid of the dentist
//! task", "delete tasks 3 and 4", "remove buy milk from my list".

use super::refs;
use super::words::{Message, Span};
use super::{Clock, Command};

const VERBS: &[&str] = &[
    "delete",
    "remove",
    "erase",
    "trash",
    "get rid of",
    "del",
    "rm",
    "throw away",
    "throw out",
    "purge",
];
/// Verbs that also start ordinary to-dos ("drop off the kids", "cancel the
/// gym membership"): followed only by numbers or the word "task".
const WEAK_VERBS: &[&str] = &[
    "drop",
    "cancel",
    "scrap",
    "discard",
    "forget",
    "forget about",
    "ditch",
    "bin",
    "toss",
];
/// Endings that only say where the task is.
const FROM_THE_LIST: &[&str] = &[
    "from my list",
    "from the list",
    "from my tasks",
    "from the tasks",
    "from my todo list",
    "from the todo list",
    "from my to do list",
    "from my task list",
    "from the task list",
    "from my todos",
    "off my list",
    "off the list",
    "for good",
    "permanently",
    "completely",
];
/// What follows "remove" when a part of a task is meant ("remove the due
/// date from task 4"): `update.rs` reads those, and what it cannot read must
/// not delete a task.
const PARTS: &[&str] = &[
    "the due date",
    "due date",
    "the due",
    "due",
    "the date",
    "date",
    "the deadline",
    "deadline",
    "the tag",
    "tag",
    "the tags",
    "tags",
    "the label",
    "label",
    "the priority",
    "priority",
    "the recurrence",
    "recurrence",
    "the repeat",
    "repeat",
    "the reminder",
    "reminder",
    "the description",
    "description",
    "the note",
    "note",
    "the notes",
    "notes",
];

/// "delete task 3", "get rid of the dentist task".
pub(super) fn recognize(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    let (rest, weak) = match message.after_any(span, VERBS) {
        Some(rest) => (rest, false),
        None => (message.after_any(span, WEAK_VERBS)?, true),
    };
    if message.after_any(rest, PARTS).is_some() {
        return None;
    }
    let rest = message.before_any(rest, FROM_THE_LIST).unwrap_or(rest);
    refs::object(message, rest, clock, weak).map(Command::Delete)
}
