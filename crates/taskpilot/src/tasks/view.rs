//! How a task is shown to clients — the REST API, the assistant's tools and
//! MCP all return these — with its dates in the user's time zone.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Priority, Recurrence, Scope, due_of};
use crate::store::Task;

/// A task, as every route returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskJson {
    /// The task's number, unique across the service; say it to the assistant ("complete task 5").
    pub id: i64,
    pub user_id: String,
    pub title: String,
    pub description: Option<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    #[schema(value_type = PriorityName)]
    pub priority: Priority,
    /// Tag names, sorted; the spelling first used for each.
    pub tags: Vec<String>,
    /// `YYYY-MM-DD` for a whole day, or a date-time with the user's UTC offset.
    #[schema(examples("2026-11-24", "2026-11-24T17:00:00+01:00"))]
    pub due: Option<String>,
    /// The local day the task is due.
    pub due_date: Option<NaiveDate>,
    /// The due instant, when the due has a time of day.
    pub due_at: Option<DateTime<Utc>>,
    /// Open, and its due day is over (or its due time has passed).
    pub overdue: bool,
    pub remind_at: Option<DateTime<Utc>>,
    /// An RFC 5545 RRULE, e.g. `FREQ=WEEKLY;BYDAY=MO`.
    pub recurrence: Option<String>,
    /// The rule in words, e.g. "every week on Monday".
    pub recurrence_text: Option<String>,
    /// The occurrence created when this one was completed.
    pub next_occurrence_id: Option<i64>,
    /// Grows with every change; send it back in `If-Match` (the `ETag`).
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl TaskJson {
    pub fn new(task: Task, scope: &Scope, now: DateTime<Utc>) -> Self {
        let tz = scope.time_zone;
        let due = due_of(&task);
        let recurrence_text = task
            .recurrence
            .as_deref()
            .and_then(|rule| Recurrence::parse(rule).ok())
            .map(|rule| rule.describe());
        TaskJson {
            id: task.id,
            user_id: scope.user_id.clone(),
            overdue: !task.completed && due.is_some_and(|d| d.is_overdue(now, tz)),
            due: due.map(|d| d.to_wire(tz)),
            due_date: due.map(|d| d.date_in(tz)),
            due_at: task.due_at,
            title: task.title,
            description: task.description,
            completed: task.completed,
            completed_at: task.completed_at,
            priority: Priority::from_rank(task.priority).unwrap_or_default(),
            tags: task.tags,
            remind_at: task.remind_at,
            recurrence: task.recurrence,
            recurrence_text,
            next_occurrence_id: task.next_occurrence_id,
            version: task.version,
            created_at: task.created_at,
            updated_at: task.updated_at,
        }
    }
}

/// A completed (or reopened) task, and the occurrence its completion created.
#[derive(Debug, Serialize, ToSchema)]
pub struct CompletionJson {
    #[serde(flatten)]
    pub task: TaskJson,
    /// The next occurrence of a repeating task, created by this completion
    /// (null when none was: not repeating, reopened, or the series ended).
    pub next_occurrence: Option<TaskJson>,
}

/// How urgent a task is (the domain's `Priority`, as the document shows it).
#[derive(ToSchema)]
#[schema(as = Priority, rename_all = "lowercase")]
#[allow(dead_code)]
pub enum PriorityName {
    None,
    Low,
    Medium,
    High,
    Urgent,
}
