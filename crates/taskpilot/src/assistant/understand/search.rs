//! Searching: "search groceries", "find dentist", "look for the tax
//! task", "do I have a task about insurance?".

use super::words::{Message, Span};
use super::{Clock, Command, list, refs};

const OPENINGS: &[&str] = &[
    "search",
    "search for",
    "search tasks",
    "search tasks for",
    "search my tasks",
    "search my tasks for",
    "search through my tasks for",
    "find",
    "find me",
    "find tasks",
    "find my tasks",
    "find tasks about",
    "find tasks with",
    "find tasks mentioning",
    "find tasks containing",
    "find tasks that mention",
    "find anything about",
    "find the task",
    "look for",
    "look for tasks about",
    "look for tasks with",
    "look up",
    "lookup",
    "tasks about",
    "tasks mentioning",
    "tasks containing",
    "tasks that mention",
    "tasks with the word",
    "anything about",
    "anything mentioning",
    "any tasks about",
    "any tasks mentioning",
    "any tasks containing",
    "any tasks with",
    "do i have a task about",
    "do i have a task for",
    "do i have a task to",
    "do i have anything about",
    "do i have any tasks about",
    "is there a task about",
    "is there a task for",
    "is there a task to",
    "are there tasks about",
    "are there any tasks about",
    "which tasks mention",
    "which task mentions",
    "which tasks are about",
    "grep",
    "where is",
    "where's",
];

/// A search for words in tasks. What reads as a listing ("find overdue
/// tasks") was already taken by `list.rs`; a bare number ("find task 5")
/// shows that task.
pub(super) fn recognize(message: &Message, span: Span, _clock: &Clock) -> Option<Command> {
    let rest = message.after_any(span, OPENINGS)?;
    if let Some(filter) = list::filter(message, rest).filter(|_| !rest.is_empty()) {
        return Some(Command::List(filter));
    }
    if let Some((task, after)) = refs::leading_id(message, rest, false)
        && after.is_empty()
    {
        return Some(Command::Show(task));
    }
    let query = refs::title(message.text(rest))?;
    Some(Command::Search { query })
}
