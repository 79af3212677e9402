//! A [`Command`] as a call of the shared task tools, so the built-in
//! understanding and the LLM agent end in the very same operations.

use serde_json::{Map, Value, json};

use super::{Command, DueFilter, ListFilter, NewTask, Status, TaskRef, Update, When};
use crate::tasks::Priority;

/// How due dates and times travel in tool arguments.
const DATE_FORMAT: &str = "%Y-%m-%d";
const DATE_TIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl Command {
    /// The task tool this command calls and its arguments, or `None` for the
    /// commands the assistant answers itself (edit form, help, not
    /// understood).
    pub fn tool_call(&self) -> Option<(&'static str, Value)> {
        let call = match self {
            Command::Add(task) => ("add_task", add_arguments(task)),
            Command::List(filter) => ("list_tasks", list_arguments(filter)),
            Command::Search { query } => ("search_tasks", json!({ "query": query })),
            Command::Show(task) => ("get_task", json!({ "task": task_ref(task) })),
            Command::Complete(tasks) => ("complete_task", tasks_arguments(tasks)),
            Command::Uncomplete(tasks) => ("uncomplete_task", tasks_arguments(tasks)),
            Command::Delete(tasks) => ("delete_task", tasks_arguments(tasks)),
            Command::Update { task, change } => ("update_task", update_arguments(task, change)),
            Command::Summary => ("task_summary", json!({})),
            Command::Edit(_) | Command::Help | Command::NotUnderstood => return None,
        };
        Some(call)
    }
}

fn add_arguments(task: &NewTask) -> Value {
    let mut args = Map::new();
    args.insert("title".into(), json!(task.title));
    if let Some(description) = &task.description {
        args.insert("description".into(), json!(description));
    }
    // "No priority" is the default, so it is left out rather than sent.
    if let Some(priority) = task.priority.filter(|p| *p != Priority::None) {
        args.insert("priority".into(), json!(priority.as_str()));
    }
    if let Some(due) = task.due {
        args.insert("due".into(), when(due));
    }
    if let Some(remind_at) = task.remind_at {
        args.insert(
            "remind_at".into(),
            json!(remind_at.format(DATE_TIME_FORMAT).to_string()),
        );
    }
    if !task.tags.is_empty() {
        args.insert("tags".into(), json!(task.tags));
    }
    if let Some(rule) = &task.recurrence {
        args.insert("recurrence".into(), json!(rule));
    }
    Value::Object(args)
}

fn list_arguments(filter: &ListFilter) -> Value {
    let mut args = Map::new();
    if let Some(status) = filter.status {
        let status = match status {
            Status::All => "all",
            Status::Pending => "pending",
            Status::Completed => "completed",
        };
        args.insert("status".into(), json!(status));
    }
    if let Some(due) = filter.due {
        let due = match due {
            DueFilter::Today => "today",
            DueFilter::Overdue => "overdue",
            DueFilter::Week => "week",
            DueFilter::None => "none",
        };
        args.insert("due".into(), json!(due));
    }
    // The tool takes lists (any of these priorities, all of these tags);
    // a message names at most one of each.
    if let Some(priority) = filter.priority {
        args.insert("priority".into(), json!([priority.as_str()]));
    }
    if let Some(tag) = &filter.tag {
        args.insert("tag".into(), json!([tag]));
    }
    Value::Object(args)
}

fn tasks_arguments(tasks: &[TaskRef]) -> Value {
    let tasks: Vec<Value> = tasks.iter().map(task_ref).collect();
    json!({ "tasks": tasks })
}

fn update_arguments(task: &TaskRef, change: &Update) -> Value {
    let mut args = Map::new();
    args.insert("task".into(), task_ref(task));
    if let Some(title) = &change.title {
        args.insert("title".into(), json!(title));
    }
    if let Some(priority) = change.priority {
        args.insert("priority".into(), json!(priority.as_str()));
    }
    if let Some(due) = change.due {
        args.insert("due".into(), due.map_or(Value::Null, when));
    }
    if !change.tags_add.is_empty() {
        args.insert("tags".into(), json!(change.tags_add));
    }
    if let Some(rule) = &change.recurrence {
        args.insert("recurrence".into(), json!(rule));
    }
    Value::Object(args)
}

/// An id as a JSON number, a title as a JSON string.
fn task_ref(task: &TaskRef) -> Value {
    match task {
        TaskRef::Id(id) => json!(id),
        TaskRef::Title(title) => json!(title),
    }
}

fn when(when: When) -> Value {
    match when {
        When::Date(day) => json!(day.format(DATE_FORMAT).to_string()),
        When::At(at) => json!(at.format(DATE_TIME_FORMAT).to_string()),
    }
}
