//! Widget actions: a button pressed in a task widget changes the task, and
//! the widget it was pressed in is re-rendered in place
//! (`thread.item.replaced`, which the driver persists).

use chatkit::HookError;
use chatkit::server::EventStream;
use chatkit::types::{Action, ThreadItem, ThreadStreamEvent, WidgetItem};
use serde::Deserialize;

use super::widgets;
use crate::store::RequestContext;
use crate::tasks::{TaskError, TaskService};

/// `task.complete`: mark a task done.
pub const COMPLETE_TASK: &str = "task.complete";

/// Which widget a button lives in, so the right one is re-rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// The confirmation card of one task.
    Card,
    /// The list of all tasks.
    List,
}

/// The payload of a task button.
#[derive(Debug, Deserialize)]
struct TaskPayload {
    id: i64,
    #[serde(default = "default_view")]
    view: View,
}

fn default_view() -> View {
    View::List
}

/// Run `action` for the user in `ctx`; `sender` is the widget it came from.
pub fn handle(
    tasks: TaskService,
    thread_id: String,
    action: Action,
    sender: Option<WidgetItem>,
    ctx: RequestContext,
    new_widget_id: String,
) -> EventStream {
    Box::pin(async_stream::try_stream! {
        if action.kind != COMPLETE_TASK {
            Err(HookError::custom(format!("I don't know how to do “{}”.", action.kind), false))?;
        }
        let payload: TaskPayload = serde_json::from_value(action.payload.clone())
            .map_err(|e| HookError::custom(format!("That button sent something I can't read ({e})."), false))?;
        let scope = tasks.scope(&ctx.user_id).await.map_err(anyhow::Error::new)?;
        // Completing sets the state (not a toggle): a double click is harmless.
        let task = match tasks.set_completed(&scope, payload.id, Some(true), None).await {
            Ok(saved) => saved.task,
            Err(TaskError::NotFound) => Err(HookError::custom("That task no longer exists.", false))?,
            Err(e) => Err(anyhow::Error::new(e))?,
        };
        let (widget, copy_text) = match payload.view {
            View::Card => (widgets::task_card(&task), None),
            View::List => {
                let overview = tasks
                    .overview(&ctx.user_id, widgets::LIST_ROWS)
                    .await
                    .map_err(anyhow::Error::new)?;
                (widgets::task_list(&overview), Some(widgets::list_copy_text(&overview)))
            }
        };
        match sender {
            Some(mut item) => {
                item.widget = widget;
                if copy_text.is_some() {
                    item.copy_text = copy_text;
                }
                yield ThreadStreamEvent::ThreadItemReplaced { item: ThreadItem::Widget(item) };
            }
            // Sent by code without a widget: show the result as a new widget.
            None => yield chatkit::stream::widget_done(thread_id, new_widget_id, widget, copy_text),
        }
    })
}
