//! Cards about one task or a few: added/updated/completed details, the
//! delete confirmation and its result, the due/overdue summary, and the
//! "which one?" chooser.

use chatkit::widgets::{
    ActionConfig, Badge, BadgeColor, Button, ButtonStyle, Caption, Card, Col, ControlSize,
    DatePicker, Divider, FontWeight, Input, Label, ListView, ListViewItem, Row, Select,
    SelectOption, Spacer, Text, TextSize, Textarea, Title, TitleSize, WidgetComponent, WidgetRoot,
    WidgetStatus,
};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::{
    copy_line, delete_button, due_caption, kinds, list, priority_badge, status_button,
    task_component_id,
};
use crate::store::Task;
use crate::tasks::{Priority, Recurrence, Scope, due_of};
use crate::tools::{Summary, TaskList};

/// A card with `task`'s details under `heading` ("Task added").
pub fn task_card(
    task: &Task,
    heading: &str,
    scope: &Scope,
    now: DateTime<Utc>,
) -> (WidgetRoot, String) {
    let mut title = Text::new(task.title.clone())
        .size(TextSize::Lg)
        .weight(FontWeight::Semibold)
        .line_through(task.completed);
    title.id = Some(task_component_id(task.id, "title_text"));
    let mut children: Vec<WidgetComponent> = vec![
        Caption::new(format!("Task #{}", task.id)).into(),
        title.into(),
    ];
    let mut facts: Vec<WidgetComponent> = Vec::new();
    facts.push(
        if task.completed {
            Badge::new("Done").color(BadgeColor::Success)
        } else {
            Badge::new("Open").color(BadgeColor::Secondary)
        }
        .into(),
    );
    facts.extend(priority_badge(task));
    facts.extend(task.tags.iter().map(|tag| {
        Badge::new(format!("#{tag}"))
            .color(BadgeColor::Secondary)
            .into()
    }));
    children.push(Row::new(facts).gap(2).into());
    children.extend(due_caption(task, scope, now));
    if let Some(rule) = task
        .recurrence
        .as_deref()
        .and_then(|r| Recurrence::parse(r).ok())
    {
        children.push(Caption::new(format!("Repeats {}", rule.describe())).into());
    }
    if let Some(description) = &task.description {
        children.push(Text::new(description.clone()).size(TextSize::Sm).into());
    }
    children.push(buttons(task).into());
    let mut card = Card::new(children).status(WidgetStatus::with_icon(heading, "check-circle"));
    card.id = Some(task_component_id(task.id, "card"));
    (card.into(), copy_line(task, scope))
}

fn buttons(task: &Task) -> Row {
    let (status, delete) = (status_button(task), delete_button(task));
    let mut edit = Button::new("Edit")
        .on_click(ActionConfig::server(kinds::EDIT, json!({ "id": task.id })))
        .style(ButtonStyle::Secondary)
        .size(ControlSize::Sm);
    edit.id = Some(task_component_id(task.id, "edit_button"));
    Row::new(vec![
        Spacer::new().into(),
        status.into(),
        edit.into(),
        delete.into(),
    ])
    .gap(2)
}

/// "Delete these?" with Confirm and Cancel.
pub fn confirm_delete(tasks: &[Task]) -> (WidgetRoot, String) {
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let question = match tasks {
        [one] => format!("Delete “{}”?", one.title),
        many => format!("Delete these {} tasks?", many.len()),
    };
    let mut children: Vec<WidgetComponent> =
        vec![Title::new(question.clone()).size(TitleSize::Sm).into()];
    children.extend(
        tasks
            .iter()
            .map(|t| Text::new(format!("#{} {}", t.id, t.title)).into()),
    );
    children.push(Caption::new("This cannot be undone.").into());
    let mut card = Card::new(children)
        .confirm(
            "Delete",
            ActionConfig::server(kinds::DELETE_CONFIRM, json!({ "ids": ids })),
        )
        .cancel(
            "Cancel",
            ActionConfig::server(kinds::DELETE_CANCEL, json!({ "ids": ids })),
        );
    card.id = Some("delete_confirm_card".to_owned());
    (card.into(), question)
}

/// What became of a delete confirmation: deleted, or kept.
pub fn delete_result(titles: &[String], deleted: bool, missing: usize) -> (WidgetRoot, String) {
    let (heading, icon) = if deleted {
        ("Deleted", "trash")
    } else {
        ("Kept", "check-circle")
    };
    let mut children: Vec<WidgetComponent> = titles
        .iter()
        .map(|t| Text::new(t.clone()).line_through(deleted).into())
        .collect();
    if missing > 0 {
        children.push(Caption::new(format!("{missing} were already gone.")).into());
    }
    if children.is_empty() {
        children.push(Caption::new("Those tasks were already gone.").into());
    }
    let mut card = Card::new(children).status(WidgetStatus::with_icon(heading, icon));
    card.id = Some("delete_result_card".to_owned());
    let copy = format!("{heading}: {}", titles.join(", "));
    (card.into(), copy)
}

/// Overdue and due today, each a short list with Complete buttons.
pub fn summary(summary: &Summary, scope: &Scope, now: DateTime<Utc>) -> (WidgetRoot, String) {
    let mut items = Vec::new();
    let mut copy = Vec::new();
    for (part, id) in [(&summary.overdue, "overdue"), (&summary.today, "today")] {
        items.push(section_header(part, id));
        if part.listing.page.tasks.is_empty() {
            items.push(ListViewItem::new(vec![Caption::new("Nothing.").into()]));
        }
        items.extend(
            part.listing
                .page
                .tasks
                .iter()
                .map(|t| list::row(t, scope, now)),
        );
        copy.push(format!("{} ({})", part.title, part.listing.page.total));
        copy.extend(part.listing.page.tasks.iter().map(|t| copy_line(t, scope)));
    }
    let mut view = ListView::new(items);
    view.id = Some("summary_list".to_owned());
    (view.into(), copy.join("\n"))
}

fn section_header(part: &TaskList, id: &str) -> ListViewItem {
    let color = if id == "overdue" && part.listing.page.total > 0 {
        BadgeColor::Danger
    } else {
        BadgeColor::Info
    };
    let mut title = Title::new(part.title.clone()).size(TitleSize::Sm);
    title.id = Some(format!("summary_{id}_title"));
    ListViewItem::new(vec![
        Row::new(vec![
            title.into(),
            Badge::new(part.listing.page.total.to_string())
                .color(color)
                .into(),
        ])
        .gap(2)
        .into(),
    ])
}

/// "Which one did you mean?": each candidate re-runs `tool` with `args`
/// naming it.
pub fn chooser(
    question: &str,
    tool: &str,
    args: &Value,
    candidates: &[Task],
    scope: &Scope,
    now: DateTime<Utc>,
) -> (WidgetRoot, String) {
    let mut items = vec![ListViewItem::new(vec![
        Title::new(question.to_owned()).size(TitleSize::Sm).into(),
    ])];
    for task in candidates {
        let mut line = vec![
            Text::new(task.title.clone())
                .line_through(task.completed)
                .into(),
        ];
        line.extend(priority_badge(task));
        line.extend(due_caption(task, scope, now));
        let mut item = ListViewItem::new(vec![
            Col::new(vec![
                Row::new(line).gap(2).into(),
                Caption::new(format!("#{}", task.id)).into(),
            ])
            .into(),
        ])
        .on_click(ActionConfig::server(
            kinds::CHOOSE,
            json!({ "tool": tool, "args": args, "id": task.id }),
        ));
        item.id = Some(task_component_id(task.id, "choice_item"));
        items.push(item);
    }
    items.push(ListViewItem::new(vec![Divider::new().into()]));
    let mut view = ListView::new(items);
    view.id = Some("choose_list".to_owned());
    let copy = candidates
        .iter()
        .map(|t| copy_line(t, scope))
        .collect::<Vec<_>>()
        .join("\n");
    (view.into(), format!("{question}\n{copy}"))
}

/// A card that is a form: title, description, priority and due date of
/// `task`; Save sends them (with the version the form was drawn from, so a
/// change made meanwhile is not overwritten), Cancel leaves the task.
pub fn edit_form(task: &Task, scope: &Scope) -> (WidgetRoot, String) {
    let field = |label: &str, name: &str, control: WidgetComponent| -> WidgetComponent {
        Col::new(vec![Label::new(label, name).into(), control])
            .gap(1)
            .into()
    };
    let mut title = Input::new("title");
    title.default_value = Some(task.title.clone());
    title.required = Some(true);
    title.id = Some(task_component_id(task.id, "title_input"));
    let mut description = Textarea::new("description");
    description.default_value = task.description.clone();
    description.placeholder = Some("Notes".to_owned());
    description.id = Some(task_component_id(task.id, "description_textarea"));
    let options = ["none", "low", "medium", "high", "urgent"]
        .into_iter()
        .map(|p| SelectOption::new(p, p))
        .collect();
    let priority = Priority::from_rank(task.priority).unwrap_or_default();
    let mut select = Select::new("priority", options).default_value(priority.as_str());
    select.id = Some(task_component_id(task.id, "priority_select"));
    let mut due = DatePicker::new("due");
    due.default_value = due_of(task).map(|d| d.date_in(scope.time_zone).to_string());
    due.id = Some(task_component_id(task.id, "due_datepicker"));
    let children = vec![
        Title::new(format!("Edit task #{}", task.id))
            .size(TitleSize::Sm)
            .into(),
        field("Title", "title", title.into()),
        field("Description", "description", description.into()),
        field("Priority", "priority", select.into()),
        field("Due date", "due", due.into()),
    ];
    let save = json!({ "id": task.id, "version": task.version });
    let mut card = Card::new(children)
        .as_form()
        .confirm("Save", ActionConfig::server(kinds::SAVE, save))
        .cancel(
            "Cancel",
            ActionConfig::server(kinds::EDIT_CANCEL, json!({ "id": task.id })),
        );
    card.id = Some(task_component_id(task.id, "edit_form"));
    (
        card.into(),
        format!("Edit task #{}: {}", task.id, task.title),
    )
}
