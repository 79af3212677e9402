//! Which task a message means: "task 5", "#5", "5", "3, 4 and 5", or a
//! title ("buy milk", "the dentist task"). Titles are left for the
//! assistant to match against the user's tasks.

use super::recurrence;
use super::schedule::Schedule;
use super::words::{Message, Reading, Span, tidy, trim_words};
use super::{Clock, TaskRef};

/// Words around numbers that only say "these are task numbers".
const ID_WORDS: &[&str] = &[
    "task", "tasks", "todo", "todos", "item", "items", "number", "numbers", "no", "nos", "nr",
    "id", "ids", "#", "and", "&", "plus", "the",
];

/// References that need the conversation to resolve ("it", "all of them"),
/// which this understanding does not have: better not understood than
/// applied to the wrong tasks.
const VAGUE: &[&str] = &[
    "it",
    "this",
    "that",
    "them",
    "these",
    "those",
    "him",
    "her",
    "me",
    "you",
    "us",
    "it all",
    "this one",
    "that one",
    "the last one",
    "the first one",
    "the first task",
    "the last task",
    "everything",
    "all",
    "all of them",
    "them all",
    "every task",
    "each task",
    "the task",
    "task",
    "tasks",
    "a task",
];

/// Words a title does not start with: what begins with them is a question
/// ("what is due today") or a fragment ("done and dusted"), not a task.
const NOT_A_TITLE_START: &[&str] = &[
    "what", "what's", "which", "who", "when", "where", "why", "how", "is", "are", "do", "does",
    "can", "could", "should", "would", "will", "any", "anything", "and", "or", "but",
];

/// The tasks `text` names: numbers ("tasks 3, 4 and 5") or one title.
pub(super) fn task_refs(text: &str) -> Option<Vec<TaskRef>> {
    if let Some(ids) = ids(text) {
        return Some(ids.into_iter().map(TaskRef::Id).collect());
    }
    title(text).map(|t| vec![TaskRef::Title(t)])
}

/// The one task `text` names.
pub(super) fn task_ref(text: &str) -> Option<TaskRef> {
    match task_refs(text)?.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The tasks the words `span` name as the object of a verb ("complete task
/// 5", "delete the dentist task").
///
/// A title holding a date or a repeat ("finish the report by Friday") is a
/// new task being described, not a reference. After a `weak` verb, one that
/// also starts ordinary to-dos ("drop off the kids", "check the mail"), only
/// numbers or the word "task" make a reference.
pub(super) fn object(
    message: &Message,
    span: Span,
    clock: &Clock,
    weak: bool,
) -> Option<Vec<TaskRef>> {
    let refs = task_refs(message.text(span))?;
    if refs.iter().any(|r| matches!(r, TaskRef::Title(_))) {
        let says_task = message
            .keys(span)
            .iter()
            .any(|k| matches!(*k, "task" | "tasks" | "todo" | "item"));
        if (weak && !says_task) || describes_new_task(message, span, clock) {
            return None;
        }
    }
    Some(refs)
}

/// The one task the words `span` name as the object of a verb; see
/// [`object`].
pub(super) fn one_object(
    message: &Message,
    span: Span,
    clock: &Clock,
    weak: bool,
) -> Option<TaskRef> {
    match object(message, span, clock, weak)?.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Whether `span` says when or how often something is due.
pub(super) fn describes_new_task(message: &Message, span: Span, clock: &Clock) -> bool {
    let mut reading = Reading::new(message, span);
    let repeats = reading.take_all(|keys, _| recurrence::repeat(keys));
    !repeats.is_empty() || Schedule::mentioned_in(message, span, clock)
}

/// Task numbers, when `text` is nothing else: "task 5", "#5", "3, 4 and 5".
/// "buy 5 apples" is a title.
fn ids(text: &str) -> Option<Vec<i64>> {
    let lower = text.to_lowercase().replace([',', ';'], " ");
    let mut ids = Vec::new();
    for word in lower.split_whitespace() {
        let word = word.trim_end_matches(['.', ':', '?', '!']);
        if ID_WORDS.contains(&word) {
            continue;
        }
        ids.push(id(word)?);
    }
    (!ids.is_empty()).then_some(ids)
}

/// "5" or "#5" as a task id.
pub(super) fn id(word: &str) -> Option<i64> {
    let digits = word.strip_prefix('#').unwrap_or(word);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id > 0)
}

/// A task title as the user referred to it, without the words around it:
/// "the dentist task" is "dentist", "task: buy milk" and "the task called
/// buy milk" are "buy milk".
pub(super) fn title(text: &str) -> Option<String> {
    let text = tidy(text);
    let lower = text.to_lowercase();
    if VAGUE.contains(&lower.as_str()) || lower.starts_with("all ") {
        return None;
    }
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let is = |word: Option<&&str>, set: &[&str]| {
        word.is_some_and(|w| {
            let w = w.trim_end_matches(':').to_lowercase();
            set.contains(&w.as_str())
        })
    };
    if is(words.first(), NOT_A_TITLE_START) {
        return None;
    }
    // "the task called X", "task: X".
    let mut lead = usize::from(is(words.first(), &["the", "my", "a"]));
    if is(words.get(lead), &["task", "todo", "item", "reminder"]) && words.len() > lead + 1 {
        // "task 4 to high": a number and then more words is no title.
        if words.get(lead + 1).is_some_and(|w| id(w).is_some()) {
            return None;
        }
        lead += 1;
        lead += usize::from(is(words.get(lead), &["called", "named", "titled"]));
        words.drain(..lead);
    } else if words.len() > 1 && is(words.last(), &["task", "todo", "item", "one", "reminder"]) {
        // "the dentist task".
        words.pop();
        if words.len() > 1 && is(words.first(), &["the", "my"]) {
            words.remove(0);
        }
    }
    let title = trim_words(&words.join(" "), &[], &[]);
    // "0", "#0", a number too long to be an id: a mistyped number, no title.
    let numeric = title
        .trim_start_matches('#')
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace());
    (!numeric).then_some(title)
}

/// An id written at the start of `span` ("task 4", "task #4", "#4", "task
/// number 4", and with `bare` also "4"), and the words after it.
pub(super) fn leading_id(message: &Message, span: Span, bare: bool) -> Option<(TaskRef, Span)> {
    let lead = message
        .after_any(
            span,
            &["task", "todo", "item", "task number", "task no", "number"],
        )
        .unwrap_or(span);
    if lead == span && !bare && !message.key(span.from).starts_with('#') {
        return None;
    }
    if lead.is_empty() {
        return None;
    }
    let id = id(message.key(lead.from))?;
    Some((TaskRef::Id(id), lead.from(lead.from + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_ref(text: &str) -> TaskRef {
        TaskRef::Title(text.to_string())
    }

    #[test]
    fn numbers() {
        assert_eq!(task_refs("task 5"), Some(vec![TaskRef::Id(5)]));
        assert_eq!(task_refs("#5"), Some(vec![TaskRef::Id(5)]));
        assert_eq!(task_refs("5"), Some(vec![TaskRef::Id(5)]));
        assert_eq!(task_refs("task #5"), Some(vec![TaskRef::Id(5)]));
        assert_eq!(
            task_refs("tasks 3, 4 and 5"),
            Some(vec![TaskRef::Id(3), TaskRef::Id(4), TaskRef::Id(5)])
        );
        assert_eq!(
            task_refs("#3,#4 & #5"),
            Some(vec![TaskRef::Id(3), TaskRef::Id(4), TaskRef::Id(5)])
        );
    }

    #[test]
    fn titles() {
        assert_eq!(
            task_refs("buy 5 apples"),
            Some(vec![title_ref("buy 5 apples")])
        );
        assert_eq!(task_ref("Buy Milk"), Some(title_ref("Buy Milk")));
        assert_eq!(task_ref("the dentist task"), Some(title_ref("dentist")));
        assert_eq!(
            task_ref("the task called buy milk"),
            Some(title_ref("buy milk"))
        );
        assert_eq!(task_ref("task: buy milk"), Some(title_ref("buy milk")));
        assert_eq!(task_ref("“buy milk”"), Some(title_ref("buy milk")));
        assert_eq!(task_ref("the report"), Some(title_ref("the report")));
        assert_eq!(task_ref("task 4 to high"), None);
        // Titles with "and" stay whole.
        assert_eq!(
            task_refs("bread and butter"),
            Some(vec![title_ref("bread and butter")])
        );
    }

    #[test]
    fn vague_references_are_refused() {
        for text in [
            "it",
            "all",
            "all tasks",
            "everything",
            "them",
            "task",
            "",
            "what is due",
            "0",
            "#0",
        ] {
            assert_eq!(task_refs(text), None, "{text}");
        }
    }

    #[test]
    fn ids_at_the_start() {
        let message = Message::new("task 4 to high priority");
        let (id, rest) = leading_id(&message, message.all(), false).unwrap();
        assert_eq!(
            (id, message.text(rest)),
            (TaskRef::Id(4), "to high priority")
        );
        let message = Message::new("4 urgent");
        assert!(leading_id(&message, message.all(), false).is_none());
        assert!(leading_id(&message, message.all(), true).is_some());
    }
}
