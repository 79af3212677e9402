//! Marking tasks done and not done: "complete task 5", "mark buy milk as
//! done", "done 5", "check off buy milk", "task 5 is done", "complete 3 and
//! 4"; "undo task 5", "reopen task 5", "mark task 5 as not done".

use super::refs;
use super::words::{Message, Span};
use super::{Clock, Command, TaskRef};

/// The ways one of the two commands is said.
struct Phrasing {
    /// "complete X".
    verbs: &'static [&'static str],
    /// Verbs that also start ordinary to-dos ("check the mail"): followed
    /// only by numbers or the word "task".
    weak_verbs: &'static [&'static str],
    /// "mark X …" / "set X …" …
    mark_verbs: &'static [&'static str],
    /// … "as done".
    mark_endings: &'static [&'static str],
    /// "X is done".
    state_endings: &'static [&'static str],
    /// "5 done": only after task numbers.
    number_endings: &'static [&'static str],
}

const COMPLETE: Phrasing = Phrasing {
    verbs: &[
        "complete",
        "finish",
        "finished",
        "completed",
        "done",
        "done with",
        "i'm done with",
        "i am done with",
        "i finished",
        "i've finished",
        "i have finished",
        "i completed",
        "i've completed",
        "i have completed",
        "i did",
        "i've done",
        "i have done",
        "check off",
        "tick off",
        "cross off",
        "mark off",
        "mark done",
        "mark complete",
        "mark completed",
        "mark finished",
        "mark as done",
        "mark as complete",
        "mark as completed",
        "mark as finished",
    ],
    weak_verbs: &["close", "check", "tick", "resolve"],
    mark_verbs: &["mark", "set", "check", "tick", "cross", "consider", "put"],
    mark_endings: &[
        "as done",
        "done",
        "as complete",
        "complete",
        "as completed",
        "completed",
        "as finished",
        "finished",
        "off",
        "off my list",
        "off the list",
        "as closed",
        "as resolved",
        "to done",
        "to complete",
        "to completed",
        "as done already",
    ],
    state_endings: &[
        "is done",
        "is finished",
        "is complete",
        "is completed",
        "are done",
        "are finished",
        "are complete",
        "are completed",
        "is all done",
        "is done now",
        "is now done",
        "has been done",
        "has been completed",
        "have been done",
        "got done",
        "was done",
    ],
    number_endings: &["done", "completed", "finished", "complete"],
};

const UNCOMPLETE: Phrasing = Phrasing {
    verbs: &[
        "uncomplete",
        "undo",
        "reopen",
        "unmark",
        "uncheck",
        "untick",
        "unfinish",
        "mark undone",
        "mark not done",
        "mark incomplete",
        "mark pending",
        "mark as not done",
        "mark as undone",
        "mark as incomplete",
        "mark as pending",
        "mark as open",
        "mark as todo",
        "mark as to do",
        "mark as not complete",
        "mark as not completed",
        "undo complete",
        "undo completing",
        "undo the completion of",
    ],
    weak_verbs: &["restore"],
    mark_verbs: &["mark", "set", "put", "move", "change", "turn"],
    mark_endings: &[
        "as not done",
        "not done",
        "as undone",
        "undone",
        "as incomplete",
        "incomplete",
        "as not complete",
        "not complete",
        "as not completed",
        "not completed",
        "as not finished",
        "not finished",
        "as unfinished",
        "unfinished",
        "as pending",
        "pending",
        "as open",
        "as open again",
        "as todo",
        "as to do",
        "as not done yet",
        "not done yet",
        "to not done",
        "to pending",
        "to open",
        "to undone",
        "to incomplete",
        "back to pending",
        "back to open",
        "back to todo",
        "as active",
    ],
    state_endings: &[
        "is not done",
        "isn't done",
        "is not done yet",
        "isn't done yet",
        "is not finished",
        "isn't finished",
        "is not complete",
        "isn't complete",
        "is not completed",
        "isn't completed",
        "is undone",
        "is incomplete",
        "is pending again",
        "is open again",
        "was not done",
        "wasn't done",
        "isn't actually done",
        "is not actually done",
        "needs reopening",
        "should be reopened",
    ],
    number_endings: &["not done", "undone", "incomplete", "not done yet"],
};

/// "complete task 5", "mark buy milk as done", "task 5 is done".
pub(super) fn complete(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    tasks(message, span, clock, &COMPLETE).map(Command::Complete)
}

/// "undo task 5", "reopen task 5", "mark task 5 as not done".
pub(super) fn uncomplete(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    tasks(message, span, clock, &UNCOMPLETE).map(Command::Uncomplete)
}

/// The tasks `span` names in one of `phrasing`'s shapes.
fn tasks(
    message: &Message,
    span: Span,
    clock: &Clock,
    phrasing: &Phrasing,
) -> Option<Vec<TaskRef>> {
    let object = |span, weak| refs::object(message, span, clock, weak);
    if let Some(rest) = message.after_any(span, phrasing.verbs)
        && let Some(found) = object(rest, false)
    {
        return Some(found);
    }
    if let Some(rest) = message.after_any(span, phrasing.weak_verbs)
        && let Some(found) = object(rest, true)
    {
        return Some(found);
    }
    if let Some(rest) = message.after_any(span, phrasing.mark_verbs)
        && let Some(rest) = message.before_any(rest, phrasing.mark_endings)
        && let Some(found) = object(rest, false)
    {
        return Some(found);
    }
    if let Some(rest) = message.before_any(span, phrasing.state_endings)
        && let Some(found) = object(rest, false)
    {
        return Some(found);
    }
    let rest = message.before_any(span, phrasing.number_endings)?;
    let found = object(rest, false)?;
    found
        .iter()
        .all(|r| matches!(r, TaskRef::Id(_)))
        .then_some(found)
}
