//! The task widgets: a confirmation card for one task, and the task list.
//! Every Complete button carries `{id, view}` so the action knows which task
//! to change and which widget to re-render.

use chatkit::widgets::{
    ActionConfig, Badge, BadgeColor, Button, Caption, Card, FontWeight, ListView, ListViewItem,
    Row, Spacer, Text, TextSize, WidgetComponent, WidgetRoot, WidgetStatus,
};
use serde_json::json;

use super::actions::{COMPLETE_TASK, View};
use crate::store::Task;

/// The card shown after a task is added (and after it is completed from it).
pub fn task_card(task: &Task) -> WidgetRoot {
    let title = Text::new(task.title.clone())
        .size(TextSize::Lg)
        .weight(FontWeight::Semibold)
        .line_through(task.completed);
    let footer: Vec<WidgetComponent> = vec![
        status_badge(task).into(),
        Spacer::new().into(),
        action_or_nothing(task, View::Card),
    ];
    Card::new(vec![
        Caption::new(format!("Task #{}", task.id)).into(),
        title.into(),
        Row::new(footer).into(),
    ])
    .status(WidgetStatus::with_icon(
        if task.completed {
            "Task completed"
        } else {
            "Task added"
        },
        "check-circle",
    ))
    .into()
}

/// The list of all the user's tasks, open ones with a Complete button.
pub fn task_list(tasks: &[Task]) -> WidgetRoot {
    let rows: Vec<ListViewItem> = if tasks.is_empty() {
        vec![ListViewItem::new(vec![
            Text::new("No tasks yet. Try “add task: buy milk”.").into(),
        ])]
    } else {
        tasks.iter().map(task_row).collect()
    };
    ListView::new(rows)
        .status(WidgetStatus::with_icon(list_summary(tasks), "check-circle"))
        .into()
}

fn task_row(task: &Task) -> ListViewItem {
    let title = Text::new(task.title.clone()).line_through(task.completed);
    let label = Caption::new(format!("#{}", task.id));
    ListViewItem::new(vec![
        Row::new(vec![
            title.into(),
            label.into(),
            Spacer::new().into(),
            action_or_nothing(task, View::List),
        ])
        .into(),
    ])
}

fn status_badge(task: &Task) -> Badge {
    if task.completed {
        Badge::new("Done").color(BadgeColor::Success)
    } else {
        Badge::new("Open").color(BadgeColor::Secondary)
    }
}

/// A Complete button for an open task; a Done badge for a finished one.
fn action_or_nothing(task: &Task, view: View) -> WidgetComponent {
    if task.completed {
        return status_badge(task).into();
    }
    let action = ActionConfig::server(COMPLETE_TASK, json!({ "id": task.id, "view": view }));
    Button::new("Complete").on_click(action).into()
}

/// One sentence about the list: how many tasks are open and done.
pub fn list_summary(tasks: &[Task]) -> String {
    let done = tasks.iter().filter(|t| t.completed).count();
    let open = tasks.len() - done;
    match (open, done) {
        (0, 0) => "You have no tasks yet.".to_string(),
        (open, 0) => format!("You have {open} open {}.", plural(open)),
        (0, done) => format!("All {done} of your {} are done.", plural(done)),
        (open, done) => format!("You have {open} open {} and {done} done.", plural(open)),
    }
}

/// The list as plain text, for the widget's copy button.
pub fn list_copy_text(tasks: &[Task]) -> String {
    tasks
        .iter()
        .map(|t| {
            format!(
                "- [{}] {} (#{})",
                if t.completed { "x" } else { " " },
                t.title,
                t.id
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "task" } else { "tasks" }
}
