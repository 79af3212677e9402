//! The task domain: the rules a task obeys, whichever surface (assistant,
//! API, MCP) creates or changes it.
//!
//! Every parser returns a [`FieldError`] naming the request field it
//! refused, so each surface reports refusals the same way.

mod description;
mod due;
mod field_error;
mod listing;
mod priority;
mod recurrence;
mod service;
mod tag;
mod title;
mod view;
mod zone;

pub use description::{Description, MAX_DESCRIPTION_CHARS};
pub use due::{Due, NO_DUE_SORT_KEY};
pub use field_error::FieldError;
pub use listing::{DEFAULT_LIMIT, ListParams, MAX_LIMIT};
pub use priority::Priority;
pub use recurrence::Recurrence;
pub use service::{Change, Listing, Scope, TaskDraft, TaskError, TaskService, due_of};
pub use tag::{MAX_TAG_CHARS, MAX_TAGS_PER_TASK, TagName, parse_tags};
pub use title::{TaskTitle, TitleError};
pub use view::{CompletionJson, PriorityName, TaskJson};
pub use zone::TimeZone;
