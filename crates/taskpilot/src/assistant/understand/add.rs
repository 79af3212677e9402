//! Adding a task: "add buy milk tomorrow at 5pm, high priority #errands",
//! "remind me to call mom on Friday at 10", "todo: x", "I need to x", and
//! a to-do said without any verb but with a date or a repeat ("water the
//! plants every Monday").
//!
//! Whatever is understood (tags, priority, repeat, due) is cut out of the
//! text; what is left is the title.

use super::words::{Message, Reading, Span, trim_words};
use super::{Clock, Command, NewTask, When, priority, recurrence, schedule, tags};
use crate::tasks::Priority;

/// Openings that mean "add a task".
const ADD: &[&str] = &[
    "add",
    "add task",
    "add a task",
    "add new task",
    "add a new task",
    "add todo",
    "add a todo",
    "add item",
    "add an item",
    "new task",
    "new todo",
    "a new task",
    "create",
    "create task",
    "create a task",
    "create new task",
    "create a new task",
    "create todo",
    "create a todo",
    "make a task",
    "make a new task",
    "make a todo",
    "put",
    "i need to",
    "i have to",
    "i must",
    "i should",
    "i've got to",
    "i got to",
    "i gotta",
    "need to",
    "have to",
    "gotta",
    "must",
    "don't forget to",
    "do not forget to",
    "don't let me forget to",
    "don't forget",
    "remember to",
    "note to self",
    "todo",
    "to do",
];
/// Openings that also ask for a reminder at the due time.
const REMIND: &[&str] = &[
    "remind me to",
    "remind me",
    "remind me about",
    "remind me of",
    "remind me that i need to",
    "remind me that i have to",
    "set a reminder to",
    "set a reminder for",
    "set reminder to",
    "set a reminder",
    "add reminder",
    "add reminder to",
    "add a reminder",
    "add a reminder to",
    "create a reminder",
    "create a reminder to",
];
/// Endings that only say where the task goes.
const TO_THE_LIST: &[&str] = &[
    "to my list",
    "to the list",
    "to my tasks",
    "to the tasks",
    "to my todo list",
    "to the todo list",
    "to my to do list",
    "to my todos",
    "to my task list",
    "to the task list",
    "to list",
    "to tasks",
    "as a task",
    "as a todo",
    "as a new task",
    "on my list",
    "on the list",
];
/// Words that introduce a description: "note: ask about fees".
const DESCRIPTION_WORDS: &[&str] = &["note", "notes", "description", "desc", "details"];
/// Words left dangling once a phrase after them was understood.
const DANGLING_START: &[&str] = &["to", "that", "about", "and", "called", "named", "titled"];
const DANGLING_END: &[&str] = &[
    "on", "at", "by", "due", "and", "every", "with", "starting", "from", "to",
];

/// "add …", "todo: …", "remind me to …".
pub(super) fn recognize(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    if let Some(rest) = message.after_any(span, REMIND) {
        return Some(Command::Add(new_task(message, rest, clock, true)));
    }
    // "task: milk", "new: milk". (A bare "todo" or "todo list" never gets
    // here: it asked for the list.)
    if matches!(message.key(span.from), "task" | "new") && message.trailing(span.from).contains(':')
    {
        return Some(Command::Add(new_task(
            message,
            span.from(span.from + 1),
            clock,
            false,
        )));
    }
    let rest = message.after_any(span, ADD)?;
    // "put" only means add with "… on my list".
    if message.key(span.from) == "put" && message.before_any(rest, TO_THE_LIST).is_none() {
        return None;
    }
    Some(Command::Add(new_task(message, rest, clock, false)))
}

/// A to-do said without "add", recognised by its date or repeat: "water
/// the plants every Monday", "call mom tomorrow at 5". Tried last, after
/// every other command; questions and commands are never to-dos.
pub(super) fn implied(message: &Message, span: Span, clock: &Clock) -> Option<Command> {
    const NOT_A_TODO: &[&str] = &[
        "what", "what's", "which", "who", "when", "where", "why", "how", "is", "are", "am", "do",
        "does", "did", "can", "could", "should", "would", "will", "any", "anything", "show",
        "list", "tell", "give", "i", "i'm", "my", "me", "it", "there", "yes", "no", "ok", "okay",
        "thanks",
    ];
    if NOT_A_TODO.contains(&message.key(span.from))
        || !super::refs::describes_new_task(message, span, clock)
    {
        return None;
    }
    let task = new_task(message, span, clock, false);
    (!task.title.is_empty()).then_some(Command::Add(task))
}

/// The task `span` describes. With `remind`, a due time is also the
/// reminder time.
fn new_task(message: &Message, span: Span, clock: &Clock, remind: bool) -> NewTask {
    let span = message.before_any(span, TO_THE_LIST).unwrap_or(span);
    let (span, description) = split_description(message, span);
    let mut reading = Reading::new(message, span);

    let tags = take_tags(message, &mut reading);
    let explicit = reading.take_all(|keys, _| priority::phrase(keys));
    let repeat = reading
        .take_all(|keys, _| recurrence::repeat(keys))
        .into_iter()
        .next();
    let schedule = schedule::Schedule::take(&mut reading, clock);
    // Last, so "asap" at the end of "fix the bug asap tomorrow" is at the
    // end once "tomorrow" is read.
    let priority = explicit
        .into_iter()
        .next()
        .or_else(|| take_urgency_marker(message, &mut reading));

    let due = match &repeat {
        // The first occurrence, unless the message names a day.
        Some(repeat) if !schedule.has_day() => {
            let time = schedule
                .time_of_day()
                .or_else(|| repeat.part.map(|p| p.time()));
            let from = match time {
                Some(time) if time <= clock.now.time() => clock.today().succ_opt(),
                _ => Some(clock.today()),
            };
            from.and_then(|from| recurrence::first_due(&repeat.rule, from, time))
        }
        _ => schedule.when(clock),
    };
    let remind_at = match due {
        Some(When::At(at)) if remind => Some(at),
        _ => None,
    };
    NewTask {
        title: trim_words(&reading.leftover(), DANGLING_START, DANGLING_END),
        description,
        priority,
        due,
        remind_at,
        tags,
        recurrence: repeat.map(|r| r.rule),
    }
}

/// "call the bank, note: ask about fees": the words before the note, and
/// the note.
fn split_description(message: &Message, span: Span) -> (Span, Option<String>) {
    for at in span.from..span.to {
        if DESCRIPTION_WORDS.contains(&message.key(at)) && message.trailing(at).contains(':') {
            let note = super::words::tidy(message.text(span.from(at + 1)));
            return (span.until(at), (!note.is_empty()).then_some(note));
        }
    }
    (span, None)
}

/// "#errands", "tagged work".
fn take_tags(message: &Message, reading: &mut Reading) -> Vec<String> {
    let original = |at: usize| message.text(Span::new(at, at + 1));
    let mut found: Vec<String> = Vec::new();
    for tag in reading.take_all(|keys, at| {
        if let Some(tag) = tags::hashtag(original(at)) {
            return Some((1, tag.to_string()));
        }
        let lead = tags::tag_lead(keys);
        let tag = tags::tag_word(original(at + lead)).filter(|_| lead > 0 && keys.len() > lead)?;
        Some((lead + 1, tag.to_string()))
    }) {
        if !found.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            found.push(tag);
        }
    }
    found
}

/// "urgent" or "asap" where it stands apart from the title: first or last,
/// or set off by punctuation.
fn take_urgency_marker(message: &Message, reading: &mut Reading) -> Option<Priority> {
    let (first, last) = reading.unread_bounds()?;
    let markers = reading.take_all(|keys, at| {
        let stands_apart = at == first
            || at == last
            || message.trailing(at).contains([',', ':', '!', ')', ';'])
            || message.leading(at).contains('(')
            || (at > 0 && message.trailing(at - 1).contains([',', ';']));
        let priority = priority::marker(keys.first()?).filter(|_| stands_apart)?;
        Some((1, priority))
    });
    markers.into_iter().next()
}
