//! Keeping a thread's task lists true: after a task changes (by a button or
//! a chat command), every list widget in the thread that shows it is drawn
//! again from its own parameters and replaced in place — persisted, so a
//! reload shows the truth too.

use chatkit::store::Order;
use chatkit::types::{ThreadItem, ThreadStreamEvent, WidgetItem};
use chatkit::widgets::WidgetRoot;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::widgets::{self, ListSpec, MAX_ROWS, PAGE_ROWS, kinds};
use crate::store::{Db, RequestContext};
use crate::tasks::{ListParams, Scope};
use crate::tools::{TaskTools, ToolError, ToolOutcome, specs};

/// Thread items looked through for lists to redraw (the most recent ones).
const ITEMS_SCANNED: usize = 100;

/// The list parameters a widget carries (in its Refresh button), if it is a
/// task list.
pub fn list_spec(widget: &WidgetRoot) -> Option<ListSpec> {
    let json = serde_json::to_value(widget).ok()?;
    find_action(&json, kinds::REFRESH)
        .and_then(|payload| serde_json::from_value(payload["list"].clone()).ok())
}

fn find_action(node: &Value, kind: &str) -> Option<Value> {
    match node {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some(kind)
                && let Some(payload) = map.get("payload")
            {
                return Some(payload.clone());
            }
            map.values().find_map(|v| find_action(v, kind))
        }
        Value::Array(items) => items.iter().find_map(|v| find_action(v, kind)),
        _ => None,
    }
}

/// Whether `widget` shows task `id` (a row, card or choice of it).
fn shows_any(widget: &WidgetRoot, ids: &[i64]) -> bool {
    let Ok(json) = serde_json::to_string(widget) else {
        return false;
    };
    ids.iter().any(|id| {
        json.contains(&format!("\"task_{id}_item\""))
            || json.contains(&format!("\"task_{id}_card\""))
    })
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
    if let Some(spec) = list_spec(widget) {
        return redraw_list(tools, scope, &spec, now).await.map(Some);
    }
    let is_summary = serde_json::to_string(widget)
        .map(|json| json.contains("\"summary_list\""))
        .unwrap_or(false);
    if is_summary {
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
    let items =
        chatkit::Store::load_thread_items(&**db, thread_id, None, ITEMS_SCANNED, Order::Desc, ctx)
            .await?
            .data;
    let mut events = Vec::new();
    for item in items {
        let ThreadItem::Widget(item) = item else {
            continue;
        };
        if Some(item.id.as_str()) == skip || !shows_any(&item.widget, changed) {
            continue;
        }
        if let Some((widget, copy)) = redraw(tools, scope, &item.widget, now).await?
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
