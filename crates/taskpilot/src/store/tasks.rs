//! The task half of the store: tasks, their tags, and the per-user settings
//! that give due dates their meaning. Values are stored close to raw (a
//! priority rank, a due sort key); `crate::tasks` owns what they mean, so
//! neither backend repeats a rule.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::DbError;

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: i64,
    /// Starts at 1 and grows with every change (optimistic concurrency).
    pub version: i64,
    pub title: String,
    pub description: Option<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    /// 0 none … 4 urgent.
    pub priority: i16,
    /// Tag names as the user first spelled them, sorted case-insensitively.
    pub tags: Vec<String>,
    /// The due sort key (`YYYY-MM-DD[THH:MM:SS]`, local), `None` without a due date.
    pub due_key: Option<String>,
    /// The due instant, when the due has a time of day.
    pub due_at: Option<DateTime<Utc>>,
    pub remind_at: Option<DateTime<Utc>>,
    /// Canonical RRULE text.
    pub recurrence: Option<String>,
    /// The due of the series' first occurrence, `YYYY-MM-DD` or RFC 3339.
    pub recurrence_start: Option<String>,
    /// The occurrence created when this one was completed.
    pub next_occurrence_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Everything written for a task; the store sets the id, the version and
/// the timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskFields {
    pub title: String,
    pub description: Option<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub priority: i16,
    /// Names; each reuses the user's existing tag with the same lower-cased
    /// name (and its spelling), or creates it.
    pub tags: Vec<String>,
    pub due_key: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub remind_at: Option<DateTime<Utc>>,
    pub recurrence: Option<String>,
    pub recurrence_start: Option<String>,
}

impl TaskFields {
    /// The stored title sort key.
    pub(super) fn title_key(&self) -> String {
        title_key(&self.title)
    }

    /// The lower-cased title and description, for `q`.
    pub(super) fn search_key(&self) -> String {
        match &self.description {
            Some(description) => format!("{}\n{}", self.title, description).to_lowercase(),
            None => self.title.to_lowercase(),
        }
    }
}

/// The task an update replaces, as the caller read it.
#[derive(Debug, Clone, Copy)]
pub struct Replacing<'a> {
    /// Its version: the update happens only if it is still the current one.
    pub version: i64,
    /// Its fields at that version (the version check makes them the ones
    /// replaced), so the store updates what it derives from them (the
    /// search words) without reading them again.
    pub fields: &'a TaskFields,
}

/// The result of a successful [`TaskStore::update_task`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub task: Task,
    /// The next occurrence, when the update created one.
    pub next: Option<Task>,
}

/// Which tasks a listing returns, in which order, from where. Built by the
/// task service from the API's parameters, already reduced to stored keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskQuery {
    /// `Some(false)`: open tasks only; `Some(true)`: done ones only.
    pub completed: Option<bool>,
    /// Any of these priority ranks (empty: any).
    pub priorities: Vec<i16>,
    /// Every one of these lower-cased tag names.
    pub tag_keys: Vec<String>,
    /// Lower-cased search text: each of its words begins a word of the
    /// title or description (see `search_words`).
    pub search: Option<String>,
    /// Due on or after this day (`YYYY-MM-DD`).
    pub due_from: Option<String>,
    /// Due before this day (`YYYY-MM-DD`).
    pub due_before: Option<String>,
    /// Only tasks without a due date.
    pub no_due: bool,
    /// Only open tasks whose due has passed.
    pub overdue: Option<Overdue>,
    pub sort: TaskSort,
    pub descending: bool,
    /// Continue after this position (from a cursor).
    pub after: Option<SortPosition>,
    /// At most this many tasks (1..=200).
    pub limit: u32,
}

impl TaskQuery {
    /// Whether the only filter is the status, so the total is the user's
    /// open or done count.
    pub fn filters_only_status(&self) -> bool {
        self.tag_keys.is_empty() && self.filters_only_status_and_tags()
    }

    /// Whether the search text is the only filter.
    pub fn filters_only_search(&self) -> bool {
        self.search.is_some()
            && self.completed.is_none()
            && TaskQuery {
                search: None,
                ..self.clone()
            }
            .filters_only_status()
    }

    /// Whether every filter is the status or a tag.
    pub fn filters_only_status_and_tags(&self) -> bool {
        self.priorities.is_empty()
            && self.search.is_none()
            && self.due_from.is_none()
            && self.due_before.is_none()
            && !self.no_due
            && self.overdue.is_none()
    }
}

impl Default for TaskQuery {
    fn default() -> Self {
        TaskQuery {
            completed: None,
            priorities: Vec::new(),
            tag_keys: Vec::new(),
            search: None,
            due_from: None,
            due_before: None,
            no_due: false,
            overdue: None,
            sort: TaskSort::Created,
            descending: false,
            after: None,
            limit: 50,
        }
    }
}

/// What "overdue" means right now for this user: a whole-day due before
/// `today` (their local day), or a timed due before `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub today: String,
    /// The day after `today`: no overdue task is due on or after it.
    pub tomorrow: String,
    pub now: DateTime<Utc>,
}

/// A listing order; every one ends with the id, so it is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskSort {
    Created,
    Updated,
    Due,
    Priority,
    Title,
}

/// A task's place in a listing order: its sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortPosition {
    pub value: SortValue,
    pub id: i64,
}

/// A sort column's value (the id alone for [`TaskSort::Created`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortValue {
    None,
    Int(i64),
    Text(String),
    Instant(DateTime<Utc>),
}

impl Task {
    /// This task's position in `sort` order, for the next page's cursor.
    pub fn position(&self, sort: TaskSort) -> SortPosition {
        let value = match sort {
            TaskSort::Created => SortValue::None,
            TaskSort::Updated => SortValue::Instant(self.updated_at),
            TaskSort::Due => SortValue::Text(
                self.due_key
                    .clone()
                    .unwrap_or_else(|| NO_DUE_KEY.to_owned()),
            ),
            TaskSort::Priority => SortValue::Int(i64::from(self.priority)),
            TaskSort::Title => SortValue::Text(title_key(&self.title)),
        };
        SortPosition { value, id: self.id }
    }
}

/// The title as sorted (Unicode lower case). One function for the stored
/// key and the cursor, so a page always continues where the last one ended.
fn title_key(title: &str) -> String {
    title.to_lowercase()
}

/// The stored `due_key` of a task without a due date: sorts after any day.
pub const NO_DUE_KEY: &str = "~";

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskPage {
    pub tasks: Vec<Task>,
    /// How many tasks match the filters, on every page.
    pub total: u64,
    /// Whether tasks follow the last one of this page.
    pub has_more: bool,
}

/// A tag and how many of the user's tasks carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagUsage {
    pub name: String,
    pub tasks: u64,
}

/// Tasks, tags and the settings that scope them; every call is for one user.
#[async_trait]
pub trait TaskStore: Send + Sync + 'static {
    /// Insert a task (version 1, created and updated `now`).
    async fn insert_task(
        &self,
        user_id: &str,
        task: &TaskFields,
        now: DateTime<Utc>,
    ) -> Result<Task, DbError>;

    async fn get_task(&self, user_id: &str, task_id: i64) -> Result<Option<Task>, DbError>;

    /// Overwrite task `task_id` with `task` if it is still as `from` says
    /// (bumping its version). With `next`, also insert that task and record
    /// it as this one's next occurrence — all in one transaction. `None`
    /// when the task does not exist for this user or its version moved on.
    async fn update_task(
        &self,
        user_id: &str,
        task_id: i64,
        from: Replacing<'_>,
        task: &TaskFields,
        next: Option<&TaskFields>,
        now: DateTime<Utc>,
    ) -> Result<Option<Updated>, DbError>;

    /// Delete task `task_id` (only at `version`, when given); whether it was.
    async fn delete_task(
        &self,
        user_id: &str,
        task_id: i64,
        version: Option<i64>,
    ) -> Result<bool, DbError>;

    /// One page of the user's tasks, and the total that match, from one snapshot.
    async fn list_tasks(&self, user_id: &str, query: &TaskQuery) -> Result<TaskPage, DbError>;

    /// The user's tags, by name (case-insensitively).
    async fn tags(&self, user_id: &str) -> Result<Vec<TagUsage>, DbError>;

    /// The user's IANA time zone, if they set one.
    async fn time_zone(&self, user_id: &str) -> Result<Option<String>, DbError>;

    /// Store the user's time zone. The local day and time of a timed due
    /// depend on it, so `rekey` gives each timed task its new `due_key`,
    /// in the same transaction.
    async fn set_time_zone(
        &self,
        user_id: &str,
        time_zone: &str,
        rekey: &(dyn Fn(DateTime<Utc>) -> String + Send + Sync),
        now: DateTime<Utc>,
    ) -> Result<(), DbError>;
}
