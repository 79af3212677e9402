//! What a tool did, as data: the assistant draws widgets from it, and
//! [`ToolOutcome::to_json`] is what a model or an MCP client reads.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::args::TaskRef;
use crate::store::Task;
use crate::tasks::{ListParams, Listing, Scope, TaskJson};

/// A batch operation on tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Complete,
    Reopen,
    Delete,
}

impl Op {
    pub fn past_tense(self) -> &'static str {
        match self {
            Op::Complete => "completed",
            Op::Reopen => "reopened",
            Op::Delete => "deleted",
        }
    }
}

/// Why one reference of a batch was not acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    /// Several tasks match: the user chooses.
    Ambiguous(Vec<Task>),
    /// Anything else, said for a person.
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reference: TaskRef,
    pub refusal: Refusal,
}

impl Failure {
    pub fn message(&self) -> String {
        match &self.refusal {
            Refusal::NotFound => format!("I can't find {}.", self.reference.describe()),
            Refusal::Ambiguous(tasks) => format!(
                "{} matches {} tasks.",
                self.reference.describe(),
                tasks.len()
            ),
            Refusal::Failed(message) => message.clone(),
        }
    }
}

/// One listing, with what produced it (to draw it again, or page on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskList {
    /// What the list shows, for its header ("Pending tasks").
    pub title: String,
    pub params: ListParams,
    pub listing: Listing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub overdue: TaskList,
    pub today: TaskList,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolOutcome {
    Added(Task),
    Listed(TaskList),
    Shown(Task),
    Updated(Task),
    /// Completed, reopened or deleted; with the next occurrences that
    /// completing repeating tasks created.
    Batch {
        op: Op,
        done: Vec<Task>,
        next: Vec<Task>,
        failed: Vec<Failure>,
    },
    /// Deleting waits for the user's Confirm button.
    ConfirmDelete {
        tasks: Vec<Task>,
        failed: Vec<Failure>,
    },
    Summary(Box<Summary>),
}

/// A task as JSON for a model or an MCP client.
pub fn task_json(task: &Task, scope: &Scope, now: DateTime<Utc>) -> Value {
    serde_json::to_value(TaskJson::new(task.clone(), scope, now)).unwrap_or(Value::Null)
}

fn tasks_json(tasks: &[Task], scope: &Scope, now: DateTime<Utc>) -> Value {
    Value::Array(tasks.iter().map(|t| task_json(t, scope, now)).collect())
}

fn failures_json(failed: &[Failure], scope: &Scope, now: DateTime<Utc>) -> Value {
    Value::Array(
        failed
            .iter()
            .map(|f| {
                let mut entry = json!({
                    "task": match &f.reference {
                        TaskRef::Id(id) => json!(id),
                        TaskRef::Title(title) => json!(title),
                    },
                    "error": f.message(),
                });
                if let Refusal::Ambiguous(candidates) = &f.refusal {
                    entry["candidates"] = tasks_json(candidates, scope, now);
                }
                entry
            })
            .collect(),
    )
}

fn list_json(list: &TaskList, scope: &Scope, now: DateTime<Utc>) -> Value {
    json!({
        "title": list.title,
        "total": list.listing.page.total,
        "tasks": tasks_json(&list.listing.page.tasks, scope, now),
        "next_cursor": list.listing.next_cursor,
    })
}

impl ToolOutcome {
    /// The structured result.
    pub fn to_json(&self, scope: &Scope, now: DateTime<Utc>) -> Value {
        match self {
            ToolOutcome::Added(task) => json!({"added": task_json(task, scope, now)}),
            ToolOutcome::Listed(list) => list_json(list, scope, now),
            ToolOutcome::Shown(task) => json!({"task": task_json(task, scope, now)}),
            ToolOutcome::Updated(task) => json!({"updated": task_json(task, scope, now)}),
            ToolOutcome::Batch {
                op,
                done,
                next,
                failed,
            } => {
                let mut result = json!({
                    op.past_tense(): tasks_json(done, scope, now),
                    "failed": failures_json(failed, scope, now),
                });
                if !next.is_empty() {
                    result["next_occurrences"] = tasks_json(next, scope, now);
                }
                result
            }
            ToolOutcome::ConfirmDelete { tasks, failed } => json!({
                "awaiting_confirmation": tasks_json(tasks, scope, now),
                "note": "Nothing is deleted yet: the user confirms with the button shown.",
                "failed": failures_json(failed, scope, now),
            }),
            ToolOutcome::Summary(summary) => json!({
                "overdue": list_json(&summary.overdue, scope, now),
                "due_today": list_json(&summary.today, scope, now),
            }),
        }
    }
}
