//! Keeping a thread's task lists true: after a task changes (by a button or
//! a chat command), every list widget in the thread that shows it is drawn
//! again from its own parameters and replaced in place — persisted, so a
//! reload shows the truth too.

use std::collections::HashSet;

use chatkit::types::{ThreadItem, ThreadStreamEvent, WidgetItem};
use chatkit::widgets::WidgetRoot;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::widgets::{self, ListSpec, MAX_ROWS, PAGE_ROWS, kinds};
use crate::store::{Db, RequestContext};
use crate::tasks::{ListParams, Scope};
use crate::tools::{TaskTools, ToolError, ToolOutcome, specs};

/// Widgets looked through for lists to redraw (the thread's most recent).
const WIDGETS_SCANNED: usize = 100;

/// What a stored widget is, read in one walk of its JSON: the ids of its
/// components (`task_{id}_item`, `summary_list`, …) and, for a task list,
/// the parameters its Refresh button carries.
struct Drawn {
    ids: HashSet<String>,
    spec: Option<ListSpec>,
}

impl Drawn {
    fn read(widget: &WidgetRoot) -> Drawn {
        let mut drawn = Drawn {
            ids: HashSet::new(),
            spec: None,
        };
        if let Ok(json) = serde_json::to_value(widget) {
            drawn.walk(&json);
        }
        drawn
    }

    fn walk(&mut self, node: &Value) {
        match node {
            Value::Object(map) => {
                if let Some(id) = map.get("id").and_then(Value::as_str) {
                    self.ids.insert(id.to_owned());
                }
                if self.spec.is_none()
                    && map.get("type").and_then(Value::as_str) == Some(kinds::REFRESH)
                {
                    self.spec = map
                        .get("payload")
                        .and_then(|payload| serde_json::from_value(payload["list"].clone()).ok());
                }
                map.values().for_each(|v| self.walk(v));
            }
            Value::Array(items) => items.iter().for_each(|v| self.walk(v)),
            _ => {}
        }
    }

    /// Whether it shows any of the tasks `ids` (a row or a card of one).
    fn shows_any(&self, ids: &[i64]) -> bool {
        ids.iter().any(|id| {
            self.ids.contains(&format!("task_{id}_item"))
                || self.ids.contains(&format!("task_{id}_card"))
        })
    }
}

/// The list `spec` describes, drawn now with its rows (at least a page).
pub async fn redraw_list(
    tools: &TaskTools,
    scope: &Scope,
    spec: &ListSpec,
    now: DateTime<Utc>,
) -> Result<(WidgetRoot, String), ToolError> {
    let params = ListParams {
        limit: Some(spec.rows.clamp(PAGE_ROWS, MAX_ROWS)),
        ..spec.params.clone()
    };
    match tools.listed(scope, spec.title.clone(), params).await? {
        ToolOutcome::Listed(list) => Ok(widgets::task_list(&list, scope, now)),
        _ => Err(ToolError::BadArguments(
            "a listing that is not a list".to_owned(),
        )),
    }
}

/// The summary, drawn now.
async fn redraw_summary(
    tools: &TaskTools,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Result<Option<(WidgetRoot, String)>, ToolError> {
    let outcome = tools
        .call(
            scope,
            specs::TASK_SUMMARY,
            &Value::Null,
            crate::tools::Deletes::AfterConfirmation,
        )
        .await?;
    Ok(match outcome {
        ToolOutcome::Summary(summary) => Some(widgets::summary(&summary, scope, now)),
        _ => None,
    })
}

/// `item`'s widget drawn again, when it is a list or a summary.
pub async fn redraw(
    tools: &TaskTools,
    scope: &Scope,
    widget: &WidgetRoot,
    now: DateTime<Utc>,
) -> Result<Option<(WidgetRoot, String)>, ToolError> {
    redraw_drawn(tools, scope, &Drawn::read(widget), now).await
}

async fn redraw_drawn(
    tools: &TaskTools,
    scope: &Scope,
    drawn: &Drawn,
    now: DateTime<Utc>,
) -> Result<Option<(WidgetRoot, String)>, ToolError> {
    if let Some(spec) = &drawn.spec {
        return redraw_list(tools, scope, spec, now).await.map(Some);
    }
    if drawn.ids.contains("summary_list") {
        return redraw_summary(tools, scope, now).await;
    }
    Ok(None)
}

/// Replacements for the lists of thread `thread_id` that show any of
/// `changed` (except `skip`, the item being replaced anyway).
pub async fn stale_lists(
    db: &Db,
    tools: &TaskTools,
    scope: &Scope,
    thread_id: &str,
    ctx: &RequestContext,
    changed: &[i64],
    skip: Option<&str>,
) -> anyhow::Result<Vec<ThreadStreamEvent>> {
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let now = Utc::now();
    // Most stored widgets show none of the changed tasks: their JSON does
    // not even contain the component id, so they are passed over without
    // being decoded (decoding every one was 9% of the CPU under load).
    let needles: Vec<String> = changed
        .iter()
        .flat_map(|id| [format!("\"task_{id}_item\""), format!("\"task_{id}_card\"")])
        .collect();
    let stored = db
        .recent_widget_items(&ctx.user_id, thread_id, WIDGETS_SCANNED)
        .await?;
    let mut events = Vec::new();
    for json in stored {
        if !needles.iter().any(|needle| json.contains(needle.as_str())) {
            continue;
        }
        let ThreadItem::Widget(item) = serde_json::from_str(&json)? else {
            continue;
        };
        if Some(item.id.as_str()) == skip {
            continue;
        }
        let drawn = Drawn::read(&item.widget);
        if !drawn.shows_any(changed) {
            continue;
        }
        if let Some((widget, copy)) = redraw_drawn(tools, scope, &drawn, now).await?
            && widget != item.widget
        {
            events.push(replaced(item, widget, copy));
        }
    }
    Ok(events)
}

/// `item` with `widget` in place of its own.
pub fn replaced(mut item: WidgetItem, widget: WidgetRoot, copy: String) -> ThreadStreamEvent {
    item.widget = widget;
    item.copy_text = Some(copy);
    ThreadStreamEvent::ThreadItemReplaced {
        item: ThreadItem::Widget(item),
    }
}
