//! Showing one task: "show task 5", "what's task 5?", "task 5", "#5",
//! "tell me about the dentist task".

use super::refs;
use super::words::{Message, Span};
use super::{Clock, Command, TaskRef};

const VERBS: &[&str] = &[
    "show",
    "show me",
    "view",
    "display",
    "describe",
    "details of",
    "details for",
    "details on",
    "details about",
    "the details of",
    "show details of",
    "show details for",
    "show me details of",
    "show me details for",
    "show me the details of",
    "show me the details for",
    "tell me about",
    "tell me more about",
    "info on",
    "info about",
    "info for",
    "information on",
    "information about",
    "look at",
    "pull up",
    "bring up",
];
/// Verbs that also start ordinary to-dos ("get milk", "see the doctor").
const WEAK_VERBS: &[&str] = &["open", "get", "see", "fetch"];
/// Questions that name a task only by number ("what's task 5?"); "what's
/// the weather" must stay not understood.
const QUESTIONS: &[&str] = &[
    "what's",
    "what is",
    "what was",
    "which is",
    "what about",
    "how about",
    "how's",
    "how is",
    "what's the status of",
    "what is the status of",
    "status of",
];
const ENDINGS: &[&str] = &["about", "details", "info", "in detail", "again"];

/// One task, by number or title.
pub(super) fn recognize(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    let span = message.before_any(span, ENDINGS).unwrap_or(span);
    // "show completed tasks from this week" asks for several: a listing
    // this understanding cannot filter, not one task.
    if message
        .keys(span)
        .iter()
        .any(|k| matches!(*k, "tasks" | "todos" | "items"))
    {
        return None;
    }
    if let Some(rest) = message.after_any(span, VERBS)
        && let Some(task) = refs::one_object(message, rest, clock, false)
    {
        return Some(Command::Show(task));
    }
    if let Some(rest) = message.after_any(span, WEAK_VERBS)
        && let Some(task) = refs::one_object(message, rest, clock, true)
    {
        return Some(Command::Show(task));
    }
    let rest = message.after_any(span, QUESTIONS).unwrap_or(span);
    // "task 5", "#5": a number said with "task" or "#", and nothing else.
    match refs::leading_id(message, rest, false)? {
        (task @ TaskRef::Id(_), after) if after.is_empty() => Some(Command::Show(task)),
        _ => None,
    }
}
