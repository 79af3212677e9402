//! Listing: "show me my tasks", "what's pending?", "anything overdue?",
//! "list high priority tasks tagged work", and the summary ("what's due?").
//!
//! A listing is read word by word: every word must be a filter ("pending",
//! "due today", "#work", "high priority") or one of the words people wrap
//! around them ("show me all my …"). One unknown word and it is not a
//! listing, which keeps "show buy milk" for `show.rs` and "what's the
//! weather" out of everything.

use super::words::{Message, Span};
use super::{Clock, Command, DueFilter, ListFilter, Status, priority, tags};
use crate::tasks::Priority;

/// Whole messages that ask for the summary of what is due.
const SUMMARY: &[&str] = &[
    "summary",
    "a summary",
    "my summary",
    "task summary",
    "tasks summary",
    "summary of my tasks",
    "summarize",
    "summarise",
    "summarize my tasks",
    "summarise my tasks",
    "sum up",
    "overview",
    "an overview",
    "overview of my tasks",
    "an overview of my tasks",
    "status",
    "status update",
    "daily summary",
    "briefing",
    "daily briefing",
    "brief me",
    "catch me up",
    "my day",
    "plan my day",
    "how's my day",
    "how's my day looking",
    "how does my day look",
    "what's due",
    "due",
    "anything due",
    "is anything due",
    "is there anything due",
    "what's due soon",
    "anything due soon",
    "due soon",
    "what's coming up",
    "anything coming up",
    "what's upcoming",
    "coming up",
    "upcoming",
    "what's on today",
    "what's on for today",
    "what's on",
    "what's on my plate",
    "what's on my plate today",
    "what's on the agenda",
    "what's on my agenda",
    "what's on my agenda today",
    "agenda",
    "my agenda",
    "today's agenda",
    "what's next",
    "what now",
    "what should i do",
    "what should i do next",
    "what should i do today",
    "what should i work on",
    "what do i need to do",
    "what do i need to do today",
    "what needs doing",
    "what needs to be done",
    "anything due or overdue",
    "anything overdue or due",
    "is anything due or overdue",
    "what's due or overdue",
    "what's overdue or due",
    "due or overdue",
    "due and overdue",
    "what's due and overdue",
    "how am i doing",
    "where do i stand",
    "what's up",
];

/// Ways of asking that may come before a summary question.
const SUMMARY_LEADS: &[&str] = &["tell me", "show me", "give me", "let me know"];

/// "what's due?", "summary", "what's on today": today's and overdue tasks
/// at a glance.
pub(super) fn summary(message: &Message, span: Span, _clock: &Clock) -> Option<Command> {
    let span = message.after_any(span, SUMMARY_LEADS).unwrap_or(span);
    let said = message.keys(span).join(" ");
    // One spelling in the table serves "what is" and "what's" alike.
    let said = said
        .replace("what is ", "what's ")
        .replace("how is ", "how's ");
    SUMMARY.contains(&said.as_str()).then_some(Command::Summary)
}

/// A listing request, filters and all. "tasks due" without a window is the
/// summary's question.
pub(super) fn recognize(message: &Message, span: Span, _clock: &Clock) -> Option<Command> {
    let (filter, asks_due) = read_filter(message, span)?;
    if asks_due && filter == ListFilter::default() {
        return Some(Command::Summary);
    }
    Some(Command::List(filter))
}

/// Filter phrases, longest first within each kind.
const PENDING: &[&str] = &[
    "pending",
    "open",
    "incomplete",
    "unfinished",
    "outstanding",
    "remaining",
    "left",
    "not done",
    "not done yet",
    "undone",
    "active",
    "current",
    "to do",
    "still to do",
    "not completed",
    "uncompleted",
    "unchecked",
    "not finished",
];
const COMPLETED: &[&str] = &[
    "completed",
    "complete",
    "done",
    "finished",
    "closed",
    "checked off",
    "ticked off",
    "i've done",
    "i have done",
    "i did",
    "i finished",
    "i've finished",
    "i have finished",
    "i completed",
    "i've completed",
    "i have completed",
];
const ALL: &[&str] = &[
    "including completed",
    "including done",
    "including finished",
    "even completed",
    "even done",
    "done or not",
    "completed or not",
];
const TODAY: &[&str] = &["today", "today's", "for today", "due today", "on today"];
const OVERDUE: &[&str] = &[
    "overdue",
    "late",
    "past due",
    "missed",
    "that are late",
    "i missed",
    "behind on",
];
const WEEK: &[&str] = &[
    "this week",
    "this week's",
    "for this week",
    "due this week",
    "for the week",
    "the week",
    "this coming week",
    "the coming week",
    "coming week",
    "upcoming",
    "next 7 days",
    "the next 7 days",
    "next seven days",
    "the next seven days",
    "in the next 7 days",
    "in the next seven days",
];
const NO_DUE: &[&str] = &[
    "no due date",
    "no due dates",
    "with no due date",
    "with no due dates",
    "without a due date",
    "without due date",
    "without due dates",
    "without a date",
    "without dates",
    "with no date",
    "no date",
    "no dates",
    "no deadline",
    "without a deadline",
    "without deadline",
    "undated",
    "unscheduled",
    "not scheduled",
];

/// Words wrapped around filters: verbs, "my", "tasks", question words.
const FILLERS: &[&str] = &[
    "show",
    "list",
    "display",
    "view",
    "see",
    "get",
    "give",
    "me",
    "my",
    "all",
    "the",
    "a",
    "an",
    "of",
    "tasks",
    "task",
    "todos",
    "todo",
    "items",
    "item",
    "ones",
    "what",
    "what's",
    "which",
    "are",
    "is",
    "there",
    "any",
    "anything",
    "do",
    "i",
    "have",
    "got",
    "i've",
    "still",
    "that",
    "everything",
    "on",
    "for",
    "with",
    "currently",
    "right",
    "now",
    "in",
    "find",
    "search",
    "look",
    "up",
    "at",
    "you",
    "can",
    "could",
    "to",
    "tell",
    "about",
    "does",
    "like",
    "so",
    "far",
    "entire",
    "whole",
    "full",
    "every",
    "please",
    "again",
    "and",
    "how",
    "many",
];
/// Words that make a message a listing request even without a filter.
const LIST_WORDS: &[&str] = &[
    "show",
    "list",
    "display",
    "view",
    "see",
    "tasks",
    "task",
    "todos",
    "todo",
    "items",
    "everything",
];

/// The filters `span` asks for, if every word of it is part of a listing
/// request.
pub(super) fn filter(message: &Message, span: Span) -> Option<ListFilter> {
    read_filter(message, span).map(|(filter, _)| filter)
}

/// The filters of a listing request, and whether it asked about due dates
/// without naming a window ("what tasks are due").
fn read_filter(message: &Message, span: Span) -> Option<(ListFilter, bool)> {
    let keys = message.keys(span);
    // A verb alone is a command missing its task ("complete", "done"), not
    // a request for the list.
    if let [only] = keys.as_slice()
        && matches!(
            *only,
            "complete" | "done" | "finish" | "finished" | "open" | "undone"
        )
    {
        return None;
    }
    // "complete everything" is a command, not "everything complete".
    if matches!(keys.first(), Some(&("complete" | "finish" | "close"))) {
        return None;
    }
    let mut filter = ListFilter::default();
    let mut named = false;
    let mut asks_due = false;
    let mut at = 0;
    while at < keys.len() {
        let rest = &keys[at..];
        if let Some((len, found)) = filter_phrase(message, span.from + at, rest) {
            if !found.apply(&mut filter) {
                return None;
            }
            named = true;
            at += len;
        } else if rest.first() == Some(&"due") {
            asks_due = true;
            at += 1;
        } else if rest.first().is_some_and(|k| FILLERS.contains(k)) {
            at += 1;
        } else {
            return None;
        }
    }
    // "what do I have?" asks for the list; "I have" alone does not.
    let asks_what_i_have = keys
        .iter()
        .any(|k| matches!(*k, "what" | "what's" | "which" | "anything" | "any"))
        && keys.iter().any(|k| matches!(*k, "have" | "got"));
    let listing =
        named || asks_due || asks_what_i_have || keys.iter().any(|k| LIST_WORDS.contains(k));
    listing.then_some((filter, asks_due))
}

/// One filter a phrase sets.
enum Found {
    Status(Status),
    Due(DueFilter),
    Priority(Priority),
    Tag(String),
}

impl Found {
    /// Set the filter; false if the message already set it differently
    /// ("pending done tasks").
    fn apply(self, filter: &mut ListFilter) -> bool {
        fn set<T: PartialEq>(slot: &mut Option<T>, value: T) -> bool {
            match slot {
                Some(old) => *old == value,
                None => {
                    *slot = Some(value);
                    true
                }
            }
        }
        match self {
            Found::Status(status) => set(&mut filter.status, status),
            Found::Due(due) => set(&mut filter.due, due),
            Found::Priority(priority) => set(&mut filter.priority, priority),
            Found::Tag(tag) => set(&mut filter.tag, tag),
        }
    }
}

/// The filter phrase `keys` start with (word `at` of the message).
fn filter_phrase(message: &Message, at: usize, keys: &[&str]) -> Option<(usize, Found)> {
    let here = Span::new(at, at + keys.len());
    for (phrases, found) in [
        (PENDING, Found::Status(Status::Pending)),
        (COMPLETED, Found::Status(Status::Completed)),
        (ALL, Found::Status(Status::All)),
        (TODAY, Found::Due(DueFilter::Today)),
        (OVERDUE, Found::Due(DueFilter::Overdue)),
        (WEEK, Found::Due(DueFilter::Week)),
        (NO_DUE, Found::Due(DueFilter::None)),
    ] {
        if let Some(rest) = message.after_any(here, phrases) {
            return Some((rest.from - at, found));
        }
    }
    if let Some((len, priority)) = priority::phrase(keys) {
        return Some((len, Found::Priority(priority)));
    }
    // "urgent tasks", "high ones".
    if let Some(priority) = keys
        .first()
        .and_then(|k| priority::level(k))
        .filter(|p| *p != Priority::None)
    {
        return Some((1, Found::Priority(priority)));
    }
    let original = |offset: usize| message.text(Span::new(at + offset, at + offset + 1));
    if let Some(tag) = tags::hashtag(original(0)) {
        return Some((1, Found::Tag(tag.to_string())));
    }
    let lead = tags::tag_lead(keys).max(usize::from(keys.first() == Some(&"tag")));
    if lead > 0
        && let Some(tag) = tags::tag_word(original(lead)).filter(|_| keys.len() > lead)
    {
        return Some((lead + 1, Found::Tag(tag.to_string())));
    }
    None
}
