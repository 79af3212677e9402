//! What a message asks for, once understood: one [`Command`] and its parts.
//!
//! Task references stay unresolved ([`TaskRef::Title`] is whatever the user
//! wrote) because only the assistant, with the store at hand, can tell which
//! task "the dentist one" is, or ask when several match. Dates, on the other
//! hand, are resolved here, against the user's local clock.

use chrono::{NaiveDate, NaiveDateTime};

use crate::tasks::Priority;

/// The user's local date and time (already in their time zone), against
/// which "tomorrow" and "at 5pm" are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: NaiveDateTime,
}

impl Clock {
    /// The user's calendar day.
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// A task as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskRef {
    /// "task 5", "#5", "5".
    Id(i64),
    /// "buy milk", "the dentist task" (as "dentist"): matched against titles
    /// by the assistant.
    Title(String),
}

/// When a task is due, on the user's local calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Some time that day.
    Date(NaiveDate),
    /// At that local time.
    At(NaiveDateTime),
}

/// A task to add, as far as the message describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTask {
    /// Empty when the message named none ("add"): the assistant asks.
    pub title: String,
    pub description: Option<String>,
    pub priority: Option<Priority>,
    pub due: Option<When>,
    /// Set by "remind me to … at <time>": the due time.
    pub remind_at: Option<NaiveDateTime>,
    /// Without the leading `#`, as written.
    pub tags: Vec<String>,
    /// An RRULE body such as "FREQ=WEEKLY;BYDAY=MO".
    pub recurrence: Option<String>,
}

/// Which tasks a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    All,
    Pending,
    Completed,
}

/// Which due dates a listing shows (the same windows the task tools offer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueFilter {
    Today,
    Overdue,
    /// Today and the six days after.
    Week,
    /// Tasks without a due date.
    None,
}

/// The filters of a listing; `None` everywhere lists everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub due: Option<DueFilter>,
    pub priority: Option<Priority>,
    pub tag: Option<String>,
}

/// What to change in one task; a field left `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    pub title: Option<String>,
    pub priority: Option<Priority>,
    /// `Some(None)` clears the due date.
    pub due: Option<Option<When>>,
    /// Tags to add, without the leading `#`.
    pub tags_add: Vec<String>,
    /// `Some(None)` stops the task repeating.
    pub recurrence: Option<Option<String>>,
}

impl Update {
    /// True when the update would change nothing.
    pub fn is_empty(&self) -> bool {
        *self == Update::default()
    }
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Add(NewTask),
    List(ListFilter),
    Search {
        query: String,
    },
    Show(TaskRef),
    /// Never empty.
    Complete(Vec<TaskRef>),
    /// Never empty.
    Uncomplete(Vec<TaskRef>),
    /// Never empty.
    Delete(Vec<TaskRef>),
    Update {
        task: TaskRef,
        change: Update,
    },
    /// "edit task 3": the assistant shows an edit form.
    Edit(TaskRef),
    /// "what's due?": today's and overdue tasks at a glance.
    Summary,
    /// "help", "what can you do".
    Help,
    /// Anything else; the assistant answers with what it can do.
    NotUnderstood,
}
