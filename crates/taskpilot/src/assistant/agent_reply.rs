//! The LLM path: the agent answers with the thread's last 20 messages as
//! context, calling the same task tools as the built-in understanding; its
//! text streams to the client as it arrives and each tool result shows as
//! the same widget the built-in path draws.

use std::sync::{Arc, Mutex};

use chatkit::server::EventStream;
use chatkit::store::Order;
use chatkit::timestamp::Timestamp;
use chatkit::types::{
    AssistantMessageContent, AssistantMessageItem, ThreadItem, ThreadItemUpdate, ThreadStreamEvent,
};
use chatkit::{HookError, ItemKind};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::answer;
use super::llm::{Agent, AgentEvent, HistoryMessage, ToolDefinition, ToolOutput, Tools};
use super::refresh;
use crate::store::{Db, RequestContext};
use crate::tasks::Scope;
use crate::tools::{Deletes, TaskTools, ToolError, specs};

/// Thread items read to find the last messages (widgets are skipped).
const HISTORY_ITEMS: usize = 60;

/// The task tools bound to one user and one moment.
struct ScopedTools {
    tools: TaskTools,
    scope: Scope,
    now: DateTime<Utc>,
    /// Tasks the run changed, whose lists in the thread are redrawn after.
    changed: Arc<Mutex<Vec<i64>>>,
    ctx: RequestContext,
}

#[async_trait::async_trait]
impl Tools for ScopedTools {
    fn definitions(&self) -> Vec<ToolDefinition> {
        specs::all()
            .into_iter()
            .map(|spec| ToolDefinition {
                name: spec.name.to_owned(),
                description: spec.description.to_owned(),
                parameters: spec.parameters,
            })
            .collect()
    }

    async fn call(&self, name: &str, arguments: Value) -> ToolOutput {
        let (scope, now) = (&self.scope, self.now);
        let result = self
            .tools
            .call(scope, name, &arguments, Deletes::AfterConfirmation)
            .await;
        super::record(&self.ctx, name, &arguments, &result, scope, now);
        match result {
            Ok(outcome) => {
                let for_model = outcome.to_json(scope, now);
                let answer = answer::outcome(name, &arguments, outcome, scope, now);
                if let Ok(mut changed) = self.changed.lock() {
                    changed.extend(&answer.changed);
                }
                let (widget, copy_text) = answer.widget.unzip();
                ToolOutput {
                    for_model,
                    widget,
                    copy_text,
                }
            }
            Err(error) if error.is_refusal() => {
                let mut for_model = json!({ "error": error.to_string() });
                if let ToolError::Ambiguous { candidates, .. } = &error {
                    for_model["candidates"] = candidates
                        .iter()
                        .map(|t| crate::tools::task_json(t, scope, now))
                        .collect();
                    for_model["note"] = json!("The user is shown these to choose from.");
                }
                let (widget, copy_text) = answer::refusal(name, &arguments, &error, scope, now)
                    .widget
                    .unzip();
                ToolOutput {
                    for_model,
                    widget,
                    copy_text,
                }
            }
            Err(error) => {
                tracing::error!(tool = name, error = ?error, "a task tool failed");
                ToolOutput {
                    for_model: json!({ "error": "the task service failed; nothing was changed, try again" }),
                    widget: None,
                    copy_text: None,
                }
            }
        }
    }

    fn context(&self) -> Option<String> {
        let local = self.scope.time_zone.local(self.now);
        Some(format!(
            "Now it is {} in the user's time zone, {}. Give tools dates in that zone: a day as \
             YYYY-MM-DD, a time as YYYY-MM-DDTHH:MM.",
            local.format("%A %Y-%m-%d %H:%M"),
            self.scope.time_zone.name()
        ))
    }
}

/// The thread's messages as the model's context, oldest first.
async fn history(
    db: &Db,
    thread_id: &str,
    ctx: &RequestContext,
) -> Result<Vec<HistoryMessage>, HookError> {
    let items = db
        .load_thread_items(thread_id, None, HISTORY_ITEMS, Order::Desc, ctx)
        .await
        .map_err(|e| HookError::from(anyhow::Error::new(e)))?
        .data;
    let mut messages: Vec<HistoryMessage> = items
        .into_iter()
        .filter_map(|item| match item {
            ThreadItem::UserMessage(m) => Some(HistoryMessage::User(m.text())),
            ThreadItem::AssistantMessage(m) => {
                Some(HistoryMessage::Assistant(m.text())).filter(|_| !m.content.is_empty())
            }
            _ => None,
        })
        .take(super::llm::HISTORY_LIMIT)
        .collect();
    messages.reverse();
    Ok(messages)
}

/// An assistant message being streamed.
struct Open {
    item: AssistantMessageItem,
    text: String,
}

fn updated(item_id: &str, update: ThreadItemUpdate) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemUpdated {
        item_id: item_id.to_owned(),
        update,
    }
}

/// The events that finish `open`.
fn close(open: Open) -> [ThreadStreamEvent; 2] {
    let content = AssistantMessageContent {
        annotations: Vec::new(),
        text: open.text,
    };
    let mut item = open.item;
    let done = updated(
        &item.id,
        ThreadItemUpdate::AssistantMessageContentPartDone {
            content_index: 0,
            content: content.clone(),
        },
    );
    item.content = vec![content];
    [
        done,
        ThreadStreamEvent::ThreadItemDone {
            item: ThreadItem::AssistantMessage(item),
        },
    ]
}

/// Answer the thread's last message with `agent`.
pub fn respond(
    agent: Agent,
    db: Db,
    tools: TaskTools,
    thread_id: String,
    ctx: RequestContext,
) -> EventStream {
    Box::pin(async_stream::try_stream! {
        let scope = tools.service().scope(&ctx.user_id).await.map_err(anyhow::Error::new)?;
        let history = history(&db, &thread_id, &ctx).await?;
        let changed = Arc::new(Mutex::new(Vec::new()));
        let bound = Arc::new(ScopedTools {
            tools: tools.clone(),
            scope: scope.clone(),
            now: Utc::now(),
            changed: Arc::clone(&changed),
            ctx: ctx.clone(),
        });
        let mut open: Option<Open> = None;
        let mut failure = None;
        for await event in agent.run(bound, history) {
            match event {
                AgentEvent::TextDelta(delta) => {
                    if open.is_none() {
                        let id = db.generate_item_id(ItemKind::Message, &thread_id, &ctx);
                        let item = AssistantMessageItem {
                            id: id.clone(),
                            thread_id: thread_id.clone(),
                            created_at: Timestamp::now(),
                            content: Vec::new(),
                        };
                        yield ThreadStreamEvent::ThreadItemAdded { item: ThreadItem::AssistantMessage(item.clone()) };
                        yield updated(&id, ThreadItemUpdate::AssistantMessageContentPartAdded {
                            content_index: 0,
                            content: AssistantMessageContent { annotations: Vec::new(), text: String::new() },
                        });
                        open = Some(Open { item, text: String::new() });
                    }
                    if let Some(current) = open.as_mut() {
                        current.text.push_str(&delta);
                        yield updated(&current.item.id, ThreadItemUpdate::AssistantMessageContentPartTextDelta {
                            content_index: 0,
                            delta,
                        });
                    }
                }
                AgentEvent::TextDone => {
                    if let Some(current) = open.take() {
                        for event in close(current) { yield event; }
                    }
                }
                AgentEvent::Widget(widget, copy_text) => {
                    if let Some(current) = open.take() {
                        for event in close(current) { yield event; }
                    }
                    let id = db.generate_item_id(ItemKind::Message, &thread_id, &ctx);
                    yield chatkit::stream::widget_done(thread_id.clone(), id, *widget, copy_text);
                }
                AgentEvent::Error { message, allow_retry } => {
                    failure = Some(HookError::custom(message, allow_retry));
                    break;
                }
            }
        }
        // What was said before a failure stays, finished, so the thread
        // reads as it streamed.
        if let Some(current) = open.take() {
            for event in close(current) { yield event; }
        }
        let changed: Vec<i64> = changed.lock().map(|c| c.clone()).unwrap_or_default();
        let stale = refresh::stale_lists(&db, &tools, &scope, &thread_id, &ctx, &changed, None)
            .await
            .map_err(HookError::from)?;
        for event in stale { yield event; }
        if let Some(failure) = failure {
            Err(failure)?;
        }
    })
}
