//! The task widgets: a confirmation card for one task, and the task list.
//! Every Complete button carries `{id, view}` so the action knows which task
//! to change and which widget to re-render.

use chatkit::widgets::{
    ActionConfig, Badge, BadgeColor, Button, Caption, Card, FontWeight, ListView, ListViewItem,
    Row, Spacer, Text, TextSize, WidgetComponent, WidgetRoot, WidgetStatus,
};
use serde_json::json;

use super::actions::{COMPLETE_TASK, View};
use crate::store::{Task, TaskOverview};

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
/// rows (and every list is stored in the thread). The store reads no more.
pub const LIST_ROWS: usize = 50;

/// The list of the user's tasks, open ones with a Complete button: the
/// overview's rows as the store ordered them, then a note on any not shown.
pub fn task_list(overview: &TaskOverview) -> WidgetRoot {
    let mut rows: Vec<ListViewItem> = overview.tasks.iter().map(task_row).collect();
    let total = overview.open + overview.done;
    let shown = overview.tasks.len() as u64;
    if total == 0 {
        let hint = Text::new("No tasks yet. Try “add task: buy milk”.");
        rows.push(ListViewItem::new(vec![hint.into()]));
    } else if shown < total {
        let more = format!("…and {} more (showing {shown} of {total}).", total - shown);
        rows.push(ListViewItem::new(vec![Caption::new(more).into()]));
    }
    let summary = list_summary(overview.open, overview.done);
    ListView::new(rows)
        .status(WidgetStatus::with_icon(summary, "check-circle"))
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

/// One sentence about the list: how many of the user's tasks are open and done.
pub fn list_summary(open: u64, done: u64) -> String {
    match (open, done) {
        (0, 0) => "You have no tasks yet.".to_string(),
        (open, 0) => format!("You have {open} open {}.", plural(open)),
        (0, 1) => "Your one task is done.".to_string(),
        (0, done) => format!("All {done} of your tasks are done."),
        (open, done) => format!("You have {open} open {} and {done} done.", plural(open)),
    }
}

/// The rows shown, as plain text, for the widget's copy button.
pub fn list_copy_text(overview: &TaskOverview) -> String {
    overview
        .tasks
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

fn plural(n: u64) -> &'static str {
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
            version: 1,
            title: format!("task {id}"),
            description: None,
            completed,
            completed_at: completed.then_some(at),
            priority: 0,
            tags: Vec::new(),
            due_key: None,
            due_at: None,
            remind_at: None,
            recurrence: None,
            recurrence_start: None,
            next_occurrence_id: None,
            created_at: at,
            updated_at: at,
        }
    }

    /// What the store returns for 60 tasks, the even ones done: the 30 open
    /// ones oldest first, then the 20 done ones completed most recently.
    fn sixty_tasks_half_done() -> TaskOverview {
        let open = (1..=59).step_by(2).map(|id| task(id, false));
        let done = (22..=60).rev().step_by(2).map(|id| task(id, true));
        TaskOverview {
            tasks: open.chain(done).collect(),
            open: 30,
            done: 30,
        }
    }

    #[test]
    fn the_list_keeps_the_store_order_and_says_how_many_are_not_shown() {
        let overview = sixty_tasks_half_done();
        assert_eq!(overview.tasks.len(), LIST_ROWS);
        let json = serde_json::to_value(task_list(&overview)).expect("serialises");
        let rows = json["children"].as_array().expect("rows");
        assert_eq!(rows.len(), LIST_ROWS + 1, "50 tasks and a “more” row");
        let first = serde_json::to_string(&rows[0]).expect("row");
        assert!(
            first.contains("task 1\"") && first.contains("Complete"),
            "{first}"
        );
        let first_done = serde_json::to_string(&rows[30]).expect("row");
        assert!(
            first_done.contains("task 60\"") && !first_done.contains("Complete"),
            "{first_done}"
        );
        let last = serde_json::to_string(&rows[LIST_ROWS]).expect("row");
        assert!(last.contains("…and 10 more (showing 50 of 60)"), "{last}");
        assert!(
            json.to_string()
                .contains("You have 30 open tasks and 30 done."),
            "{json}"
        );

        let copy = list_copy_text(&overview);
        assert_eq!(copy.lines().count(), LIST_ROWS);
        assert_eq!(copy.lines().next(), Some("- [ ] task 1 (#1)"));
        assert_eq!(copy.lines().nth(30), Some("- [x] task 60 (#60)"));
    }

    #[test]
    fn a_list_showing_every_task_has_no_more_row() {
        let overview = TaskOverview {
            tasks: vec![task(1, false), task(2, true)],
            open: 1,
            done: 1,
        };
        let json = serde_json::to_value(task_list(&overview)).expect("serialises");
        assert_eq!(json["children"].as_array().expect("rows").len(), 2);

        let json = serde_json::to_string(&task_list(&TaskOverview::default())).expect("serialises");
        assert!(json.contains("No tasks yet."), "{json}");
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
        assert_eq!(list_summary(0, 0), "You have no tasks yet.");
        assert_eq!(list_summary(1, 0), "You have 1 open task.");
        assert_eq!(list_summary(3, 0), "You have 3 open tasks.");
        assert_eq!(list_summary(1, 1), "You have 1 open task and 1 done.");
        assert_eq!(list_summary(0, 2), "All 2 of your tasks are done.");
        assert_eq!(list_summary(0, 1), "Your one task is done.");
    }
}
