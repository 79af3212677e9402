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

/// Most rows a task list shows: a chat message is no place for hundreds of
/// rows (and every list is stored in the thread).
pub const LIST_ROWS: usize = 50;

/// The tasks a list shows, in the order it shows them: open ones oldest
/// first, then done ones most recently completed first; at most [`LIST_ROWS`].
fn shown(tasks: &[Task]) -> Vec<&Task> {
    let mut open: Vec<&Task> = tasks.iter().filter(|t| !t.completed).collect();
    let mut done: Vec<&Task> = tasks.iter().filter(|t| t.completed).collect();
    open.sort_by_key(|t| t.id);
    done.sort_by_key(|t| std::cmp::Reverse((t.completed_at, t.id)));
    open.into_iter().chain(done).take(LIST_ROWS).collect()
}

/// The list of the user's tasks, open ones with a Complete button.
pub fn task_list(tasks: &[Task]) -> WidgetRoot {
    let shown = shown(tasks);
    let mut rows: Vec<ListViewItem> = shown.iter().map(|task| task_row(task)).collect();
    if tasks.is_empty() {
        let hint = Text::new("No tasks yet. Try “add task: buy milk”.");
        rows.push(ListViewItem::new(vec![hint.into()]));
    } else if shown.len() < tasks.len() {
        let more = format!(
            "…and {} more (showing {} of {}).",
            tasks.len() - shown.len(),
            shown.len(),
            tasks.len()
        );
        rows.push(ListViewItem::new(vec![Caption::new(more).into()]));
    }
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
        (0, 1) => "Your one task is done.".to_string(),
        (0, done) => format!("All {done} of your tasks are done."),
        (open, done) => format!("You have {open} open {} and {done} done.", plural(open)),
    }
}

/// The list as plain text, for the widget's copy button.
pub fn list_copy_text(tasks: &[Task]) -> String {
    shown(tasks)
        .into_iter()
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

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn task(id: i64, completed: bool) -> Task {
        let at = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("a valid date")
            + chrono::Duration::seconds(id);
        Task {
            id,
            title: format!("task {id}"),
            completed,
            created_at: at,
            updated_at: at,
            completed_at: completed.then_some(at),
        }
    }

    #[test]
    fn the_list_shows_open_tasks_first_and_caps_its_rows() {
        let tasks: Vec<Task> = (1..=60).map(|id| task(id, id % 2 == 0)).collect();
        let json = serde_json::to_value(task_list(&tasks)).expect("serialises");
        let rows = json["children"].as_array().expect("rows");
        assert_eq!(rows.len(), LIST_ROWS + 1, "50 tasks and a “more” row");
        let first = serde_json::to_string(&rows[0]).expect("row");
        assert!(
            first.contains("task 1\"") && first.contains("Complete"),
            "{first}"
        );
        let last = serde_json::to_string(&rows[LIST_ROWS]).expect("row");
        assert!(last.contains("…and 10 more (showing 50 of 60)"), "{last}");
        assert_eq!(list_copy_text(&tasks).lines().count(), LIST_ROWS);
    }

    #[test]
    fn done_tasks_have_no_complete_button() {
        let json = serde_json::to_string(&task_card(&task(7, true))).expect("serialises");
        assert!(!json.contains("Complete\""), "{json}");
        assert!(
            json.contains("\"lineThrough\":true") && json.contains("Done"),
            "{json}"
        );
        let json = serde_json::to_string(&task_card(&task(7, false))).expect("serialises");
        assert!(
            json.contains(
                r#""onClickAction":{"type":"task.complete","payload":{"id":7,"view":"card"}"#
            ),
            "{json}"
        );
    }

    #[test]
    fn the_summary_counts_open_and_done_tasks() {
        assert_eq!(list_summary(&[]), "You have no tasks yet.");
        assert_eq!(list_summary(&[task(1, false)]), "You have 1 open task.");
        assert_eq!(
            list_summary(&[task(1, false), task(2, true)]),
            "You have 1 open task and 1 done."
        );
        assert_eq!(
            list_summary(&[task(1, true), task(2, true)]),
            "All 2 of your tasks are done."
        );
        assert_eq!(list_summary(&[task(1, true)]), "Your one task is done.");
    }
}
