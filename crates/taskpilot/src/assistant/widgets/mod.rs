//! The task widgets. Ids follow `{purpose}_{type}` (a row is
//! `task_{id}_item`, so a list showing a task can be found and redrawn);
//! every widget comes with its copy text. Buttons carry only ids (and a
//! list's own parameters): the action handlers read everything else fresh.

mod cards;
mod list;

pub use cards::{chooser, confirm_delete, delete_result, edit_form, summary, task_card};
pub use list::{ListSpec, MAX_ROWS, PAGE_ROWS, task_list};

use chatkit::widgets::{
    ActionConfig, Badge, BadgeColor, Button, ButtonColor, ButtonStyle, Caption, Checkbox, Color,
    ControlSize, WidgetComponent,
};
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::store::Task;
use crate::tasks::{Priority, Scope, due_of};

/// Action kinds the task widgets send (handled in `actions.rs`).
pub mod kinds {
    pub const COMPLETE: &str = "task.complete";
    pub const REOPEN: &str = "task.reopen";
    /// A row's checkbox: `{id, done}` sets the task done or not done.
    pub const TOGGLE: &str = "task.toggle";
    /// Ask to delete: shows the confirmation card.
    pub const DELETE: &str = "task.delete";
    pub const DELETE_CONFIRM: &str = "task.delete.confirm";
    pub const DELETE_CANCEL: &str = "task.delete.cancel";
    /// A task list's next rows.
    pub const MORE: &str = "tasks.more";
    /// Draw a task list again.
    pub const REFRESH: &str = "tasks.refresh";
    /// One of several tasks a reference matched was chosen.
    pub const CHOOSE: &str = "task.choose";
    /// Show the edit form of a task.
    pub const EDIT: &str = "task.edit";
    /// The edit form's Save (its fields arrive in the payload).
    pub const SAVE: &str = "task.save";
    pub const EDIT_CANCEL: &str = "task.edit.cancel";
}

/// The id of a component about task `id`: `task_{id}_{kind}`.
pub fn task_component_id(task_id: i64, kind: &str) -> String {
    format!("task_{task_id}_{kind}")
}

/// Complete (open task) or Undo (done task): the status control of a row or card.
fn status_button(task: &Task) -> Button {
    let (kind, label, icon, style) = if task.completed {
        (kinds::REOPEN, "Undo", "undo", ButtonStyle::Secondary)
    } else {
        (kinds::COMPLETE, "Complete", "check", ButtonStyle::Primary)
    };
    let mut button = Button::new(label)
        .on_click(ActionConfig::server(kind, json!({ "id": task.id })))
        .icon_start(icon)
        .size(ControlSize::Sm)
        .style(style);
    button.id = Some(task_component_id(task.id, "status_button"));
    button
}

/// A row's status checkbox: ticked when done; ticking it completes the
/// task, unticking reopens it. The payload names the state asked for, so a
/// second click before the redraw asks the same and changes nothing.
fn status_checkbox(task: &Task) -> Checkbox {
    let mut checkbox = Checkbox::new(task_component_id(task.id, "done"));
    checkbox.default_checked = Some(task.completed);
    checkbox.on_change_action = Some(ActionConfig::server(
        kinds::TOGGLE,
        json!({ "id": task.id, "done": !task.completed }),
    ));
    checkbox.id = Some(task_component_id(task.id, "status_checkbox"));
    checkbox
}

/// Delete (asks for confirmation first).
fn delete_button(task: &Task) -> Button {
    let mut button = Button::new("Delete")
        .on_click(ActionConfig::server(
            kinds::DELETE,
            json!({ "id": task.id }),
        ))
        .color(ButtonColor::Danger)
        .style(ButtonStyle::Secondary)
        .size(ControlSize::Sm);
    button.id = Some(task_component_id(task.id, "delete_button"));
    button
}

/// A priority badge in its colour; nothing for no priority.
fn priority_badge(task: &Task) -> Option<WidgetComponent> {
    let priority = Priority::from_rank(task.priority).unwrap_or_default();
    let color = match priority {
        Priority::None => return None,
        Priority::Low => BadgeColor::Secondary,
        Priority::Medium => BadgeColor::Info,
        Priority::High => BadgeColor::Warning,
        Priority::Urgent => BadgeColor::Danger,
    };
    Some(Badge::new(priority.as_str()).color(color).into())
}

/// "Due Tue 24 Nov 17:00", in red when overdue.
fn due_caption(task: &Task, scope: &Scope, now: DateTime<Utc>) -> Option<WidgetComponent> {
    let due = due_of(task)?;
    let text = format!("Due {}", describe_due(task, scope));
    let caption = Caption::new(text);
    if !task.completed && due.is_overdue(now, scope.time_zone) {
        Some(caption.color(Color::from("red-500")).into())
    } else {
        Some(caption.into())
    }
}

/// The due date as a person reads it, in the user's zone.
pub fn describe_due(task: &Task, scope: &Scope) -> String {
    let Some(due) = due_of(task) else {
        return String::new();
    };
    let day = due.date_in(scope.time_zone);
    match due.at() {
        Some(at) => {
            let local = scope.time_zone.local(at);
            format!("{} {}", day.format("%a %-d %b %Y"), local.format("%H:%M"))
        }
        None => day.format("%a %-d %b %Y").to_string(),
    }
}

/// One line of copy text for a task.
fn copy_line(task: &Task, scope: &Scope) -> String {
    let mut line = format!(
        "- [{}] {} (#{})",
        if task.completed { "x" } else { " " },
        task.title,
        task.id
    );
    if due_of(task).is_some() {
        line.push_str(&format!(", due {}", describe_due(task, scope)));
    }
    for tag in &task.tags {
        line.push_str(&format!(" #{tag}"));
    }
    line
}
