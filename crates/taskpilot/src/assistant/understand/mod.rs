//! The assistant's built-in command understanding: what people type ("add
//! buy milk tomorrow at 5pm, high priority #errands", "mark buy milk as
//! done", "what's due?") turned into one [`Command`], without a language
//! model.
//!
//! Pure and deterministic: no I/O, the same message and clock always give
//! the same command, in microseconds. Dates are resolved against the
//! user's local [`Clock`]; task references are not resolved (that needs the
//! store), see [`TaskRef`].
//!
//! A message is split into words (`words.rs`) and offered to each command's
//! recogniser in turn (the order is in [`understand`]); the first that
//! reads the whole message wins. Adding cuts the phrases it understands
//! (tags, priority, repeat, due) out of the text and keeps the rest as the
//! title.

mod add;
mod command;
mod complete;
mod dates;
mod delete;
mod list;
mod priority;
mod recurrence;
mod refs;
mod schedule;
mod search;
mod show;
mod tags;
mod tool_call;
mod update;
mod values;
mod words;

#[cfg(test)]
mod phrasings;
#[cfg(test)]
mod properties;

pub use command::{Clock, Command, DueFilter, ListFilter, NewTask, Status, TaskRef, Update, When};

use words::{Message, Span};

/// Politeness and chat around a command, dropped before reading it.
const OPENINGS: &[&str] = &[
    "please",
    "kindly",
    "hey",
    "hi",
    "hello",
    "ok",
    "okay",
    "so",
    "now",
    "also",
    "and",
    "then",
    "oh",
    "um",
    "uh",
    "yo",
    "just",
    "quickly",
    "could you",
    "can you",
    "would you",
    "will you",
    "would you mind",
    "i'd like you to",
    "i want you to",
    "i would like you to",
    "i'd like to",
    "i would like to",
    "i want to",
    "let me",
    "let's",
    "let me know",
    "go ahead and",
];
const CLOSINGS: &[&str] = &[
    "please",
    "thanks",
    "thank you",
    "thank you very much",
    "thx",
    "ty",
    "cheers",
];

/// Whole messages that ask what the assistant can do.
const HELP: &[&str] = &[
    "help",
    "help me",
    "help me out",
    "i need help",
    "get help",
    "show help",
    "what can you do",
    "what can i do",
    "what can i say",
    "what can i ask",
    "what can i ask you",
    "what do you do",
    "what are you",
    "who are you",
    "what can you help with",
    "what can you help me with",
    "how can you help",
    "how can you help me",
    "how does this work",
    "how does it work",
    "how do i use this",
    "how do i use you",
    "how to use",
    "commands",
    "show commands",
    "list commands",
    "what are the commands",
    "options",
    "menu",
    "instructions",
    "usage",
    "tutorial",
    "examples",
    "show examples",
];

/// A recogniser: the command `span` of the message asks for, if it reads
/// as that kind of command.
type Recognizer = fn(&Message, Span, &Clock) -> Option<Command>;

/// Understand one message, read against the user's local `clock`.
pub fn understand(text: &str, clock: &Clock) -> Command {
    // The order settles overlaps: a listing is tried before the verbs
    // ("open tasks" is not "open task …"); "add #home to task 3" tags a
    // task before "add …" adds one; adding before changing ("remind me to
    // move the car to Friday"); reopening before completing ("mark … as not
    // done"); and a to-do said without a verb ("water the plants every
    // Monday") last of all.
    const RECOGNIZERS: [Recognizer; 12] = [
        help,
        list::summary,
        list::recognize,
        update::add_tags,
        add::recognize,
        update::recognize,
        complete::uncomplete,
        complete::complete,
        delete::recognize,
        search::recognize,
        show::recognize,
        add::implied,
    ];
    let message = Message::new(text);
    let span = without_pleasantries(&message, message.all());
    if span.is_empty() {
        return Command::NotUnderstood;
    }
    RECOGNIZERS
        .iter()
        .find_map(|recognize| recognize(&message, span, clock))
        .unwrap_or(Command::NotUnderstood)
}

/// `span` without "please", "could you", "thanks" and the like around it.
fn without_pleasantries(message: &Message, mut span: Span) -> Span {
    while let Some(rest) = message.after_any(span, OPENINGS) {
        span = rest;
    }
    while let Some(rest) = message.before_any(span, CLOSINGS) {
        span = rest;
    }
    span
}

fn help(message: &Message, span: Span, _clock: &Clock) -> Option<Command> {
    message.is_any(span, HELP).then_some(Command::Help)
}
