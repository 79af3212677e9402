//! The task list: a header with the list's name, a count badge and a
//! Refresh button (which carries the list's parameters, so the list can be
//! drawn again after any change), one row per task, and "Show more".

use chatkit::widgets::{
    ActionConfig, Badge, BadgeColor, Button, ButtonStyle, Caption, Col, ControlSize, ListView,
    ListViewItem, Row, Spacer, Text, Title, TitleSize, WidgetComponent, WidgetRoot,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    copy_line, delete_button, due_caption, kinds, priority_badge, status_button, status_checkbox,
    task_component_id,
};
use crate::store::Task;
use crate::tasks::{ListParams, Scope};
use crate::tools::TaskList;

/// Rows per page of a list ("Show more" adds this many).
pub const PAGE_ROWS: u32 = 25;

/// Most rows one list widget holds (every list is stored in the thread).
pub const MAX_ROWS: u32 = 200;

/// What a list widget shows: enough to draw it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSpec {
    pub title: String,
    /// The listing's parameters, without limit or cursor.
    pub params: ListParams,
    /// How many rows it shows.
    pub rows: u32,
}

impl ListSpec {
    pub fn of(list: &TaskList) -> ListSpec {
        ListSpec {
            title: list.title.clone(),
            params: ListParams {
                limit: None,
                cursor: None,
                ..list.params.clone()
            },
            rows: u32::try_from(list.listing.page.tasks.len()).unwrap_or(MAX_ROWS),
        }
    }
}

/// The list widget of `list`, and its copy text.
pub fn task_list(list: &TaskList, scope: &Scope, now: DateTime<Utc>) -> (WidgetRoot, String) {
    let spec = ListSpec::of(list);
    let tasks = &list.listing.page.tasks;
    let total = list.listing.page.total;
    let mut items = vec![header(&spec, total)];
    if tasks.is_empty() {
        items.push(empty_state(&spec));
    }
    items.extend(tasks.iter().map(|task| row(task, scope, now)));
    if list.listing.next_cursor.is_some() && spec.rows < MAX_ROWS {
        let mut more = Button::new(format!(
            "Show more ({} more)",
            total.saturating_sub(tasks.len() as u64)
        ))
        .on_click(ActionConfig::server(kinds::MORE, json!({ "list": spec })))
        .style(ButtonStyle::Secondary)
        .block();
        more.id = Some("tasks_more_button".to_owned());
        items.push(ListViewItem::new(vec![more.into()]));
    } else if list.listing.next_cursor.is_some() {
        items.push(ListViewItem::new(vec![
            Caption::new(format!(
                "Showing {} of {total}: ask for a narrower list (a tag, a due date, a search).",
                tasks.len()
            ))
            .into(),
        ]));
    }
    let mut view = ListView::new(items);
    view.id = Some("tasks_list".to_owned());
    let mut copy = vec![format!("{} ({total})", spec.title)];
    copy.extend(tasks.iter().map(|task| copy_line(task, scope)));
    (view.into(), copy.join("\n"))
}

fn header(spec: &ListSpec, total: u64) -> ListViewItem {
    let mut refresh = Button::new("Refresh")
        .on_click(ActionConfig::server(
            kinds::REFRESH,
            json!({ "list": spec }),
        ))
        .style(ButtonStyle::Secondary)
        .size(ControlSize::Sm);
    refresh.id = Some("tasks_refresh_button".to_owned());
    let mut title = Title::new(spec.title.clone()).size(TitleSize::Sm);
    title.id = Some("tasks_title".to_owned());
    let mut count = Badge::new(total.to_string()).color(BadgeColor::Info);
    count.id = Some("tasks_count_badge".to_owned());
    ListViewItem::new(vec![
        Row::new(vec![
            title.into(),
            count.into(),
            Spacer::new().into(),
            refresh.into(),
        ])
        .gap(2)
        .into(),
    ])
}

fn empty_state(spec: &ListSpec) -> ListViewItem {
    let filtered = spec.params != ListParams::default();
    let message = if filtered {
        "No tasks match. Try “show my tasks” for everything."
    } else {
        "No tasks yet. Add one: “add buy milk tomorrow at 5pm”."
    };
    let mut text = Text::new(message);
    text.id = Some("tasks_empty_text".to_owned());
    ListViewItem::new(vec![text.into()])
}

/// One task: its status checkbox, the title (struck through when done),
/// priority, due (red when overdue), tags, and its buttons.
pub fn row(task: &Task, scope: &Scope, now: DateTime<Utc>) -> ListViewItem {
    let (status, delete) = (status_button(task), delete_button(task));

    let mut title = Text::new(task.title.clone()).line_through(task.completed);
    title.id = Some(task_component_id(task.id, "title_text"));
    let mut details: Vec<WidgetComponent> = vec![Caption::new(format!("#{}", task.id)).into()];
    details.extend(priority_badge(task));
    details.extend(due_caption(task, scope, now));
    details.extend(task.tags.iter().map(|tag| {
        Badge::new(format!("#{tag}"))
            .color(BadgeColor::Secondary)
            .into()
    }));
    let mut item = ListViewItem::new(vec![
        Row::new(vec![
            status_checkbox(task).into(),
            Col::new(vec![title.into(), Row::new(details).gap(2).into()]).into(),
            Spacer::new().into(),
            status.into(),
            delete.into(),
        ])
        .gap(2)
        .into(),
    ]);
    item.id = Some(task_component_id(task.id, "item"));
    item
}
