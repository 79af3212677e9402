//! The assistant: TaskPilot's answers over ChatKit. It understands a message
//! (the built-in understanding, `understand`), runs the task tool it asks
//! for (`crate::tools`), and streams a short reply plus a widget. Widget
//! buttons come back as actions that change the task and redraw the widget
//! in place, and every list in the thread that shows the task.

mod actions;
mod agent_reply;
mod answer;
pub mod llm;
mod refresh;
mod turns;
pub mod understand;
mod widgets;

use chatkit::server::{EventStream, ThreadCell, lock_thread};
use chatkit::types::{Action, FeedbackKind, UserMessageItem, WidgetItem};
use chatkit::{ChatKitServer, HookError, ItemKind, ProcessError, Store};

use crate::store::{Db, RequestContext};
use crate::tasks::TaskService;
use crate::tools::{Deletes, TaskTools};
use answer::Answer;
pub use turns::Turns;
use understand::{Clock, Command};

/// Most items one `items.feedback` request may name.
const MAX_FEEDBACK_ITEMS: usize = 100;

/// Longest thread title taken from a first message, in characters.
const THREAD_TITLE_CHARS: usize = 60;

/// The task assistant, shared by every request.
pub struct TaskAssistant {
    db: Db,
    tools: TaskTools,
    /// The LLM agent, when one is configured; else the built-in understanding answers.
    agent: Option<llm::Agent>,
    /// Built-in replies and actions worked on at once.
    turns: Turns,
}

impl TaskAssistant {
    /// An assistant working on `db`, answering with `agent` when given.
    pub fn new(db: Db, tasks: TaskService, agent: Option<llm::Agent>, turns: Turns) -> Self {
        TaskAssistant {
            db,
            tools: TaskTools::new(tasks),
            agent,
            turns,
        }
    }

    fn message_id(&self, thread_id: &str, ctx: &RequestContext) -> String {
        Store::generate_item_id(&*self.db, ItemKind::Message, thread_id, ctx)
    }
}

#[async_trait::async_trait]
impl ChatKitServer<RequestContext> for TaskAssistant {
    /// Thumbs up/down on assistant items, kept for the team that tunes replies.
    async fn add_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &RequestContext,
    ) -> Result<(), ProcessError> {
        // One request must not turn into an unbounded write.
        if item_ids.len() > MAX_FEEDBACK_ITEMS {
            return Err(ProcessError::BadRequest(format!(
                "feedback can name at most {MAX_FEEDBACK_ITEMS} items at once (got {})",
                item_ids.len()
            )));
        }
        let positive = kind == FeedbackKind::Positive;
        self.db
            .record_feedback(&ctx.user_id, thread_id, item_ids, positive)
            .await
            .map_err(|e| ProcessError::Internal(e.into()))
    }

    fn respond(
        &self,
        thread: ThreadCell,
        input: Option<UserMessageItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let Some(input) = input else {
            // Only client tool outputs and structured input resume without a
            // message; this assistant asks for neither.
            return Box::pin(futures::stream::empty());
        };
        let text = input.text();
        let thread_id = name_thread(&thread, &text);
        if let Some(agent) = &self.agent {
            return agent_reply::respond(
                agent.clone(),
                self.db.clone(),
                self.tools.clone(),
                thread_id,
                ctx,
            );
        }
        let reply_id = self.message_id(&thread_id, &ctx);
        let widget_id = self.message_id(&thread_id, &ctx);
        let tools = self.tools.clone();
        let db = self.db.clone();
        let turns = self.turns.clone();
        Box::pin(async_stream::try_stream! {
            let _turn = turns.take().await;
            let scope = tools.service().scope(&ctx.user_id).await.map_err(anyhow::Error::new)?;
            let now = chrono::Utc::now();
            let clock = Clock { now: scope.time_zone.local(now) };
            let answer = match understand::understand(&text, &clock) {
                Command::Help => Answer::text(HELP),
                Command::NotUnderstood => Answer::text(NOT_UNDERSTOOD),
                Command::Add(new) if new.title.trim().is_empty() => {
                    Answer::text("What should the task say? For example “add task: buy milk”.")
                }
                Command::Edit(reference) => {
                    let reference = to_tool_ref(&reference);
                    match tools.one(&scope, &reference, crate::tools::Prefer::Any).await {
                        Ok(task) => Answer {
                            text: String::new(),
                            widget: Some(widgets::edit_form(&task, &scope)),
                            changed: Vec::new(),
                        },
                        Err(e) if e.is_refusal() => {
                            let args = serde_json::json!({ "task": reference_json(&reference) });
                            answer::refusal(crate::tools::specs::GET_TASK, &args, &e, &scope, now)
                        }
                        Err(e) => Err(anyhow::Error::new(e))?,
                    }
                }
                command => match command.tool_call() {
                    Some((tool, args)) => {
                        let result = tools.call(&scope, tool, &args, Deletes::AfterConfirmation).await;
                        record(&ctx, tool, &args, &result, &scope, now);
                        match result {
                            Ok(outcome) => answer::outcome(tool, &args, outcome, &scope, now),
                            Err(e) if e.is_refusal() => answer::refusal(tool, &args, &e, &scope, now),
                            Err(e) => Err(anyhow::Error::new(e))?,
                        }
                    }
                    None => Answer::text(NOT_UNDERSTOOD),
                },
            };
            if !answer.text.is_empty() {
                for await event in say(&thread_id, &reply_id, &answer.text) { yield event?; }
            }
            if let Some(widget) = answer.widget {
                yield actions::widget_event(&thread_id, &widget_id, widget);
            }
            let stale = refresh::stale_lists(&db, &tools, &scope, &thread_id, &ctx, &answer.changed, Some(&widget_id))
                .await
                .map_err(HookError::from)?;
            for event in stale {
                yield event;
            }
        })
    }

    /// The same actions, answered in one response: the sender's new widget
    /// comes back as `updated_item`; it and every other change (a redrawn
    /// list, an added card) are saved, since the driver persists nothing here.
    async fn sync_action(
        &self,
        thread: &chatkit::types::ThreadMetadata,
        action: Action,
        sender: Option<WidgetItem>,
        ctx: &RequestContext,
    ) -> Result<chatkit::types::SyncCustomActionResponse, ProcessError> {
        use futures::StreamExt;
        let new_ids = (
            self.message_id(&thread.id, ctx),
            self.message_id(&thread.id, ctx),
        );
        let sender_id = sender.as_ref().map(|s| s.id.clone());
        let _turn = self.turns.take().await;
        let mut events = actions::handle(
            self.db.clone(),
            self.tools.clone(),
            thread.id.clone(),
            action,
            sender,
            ctx.clone(),
            new_ids,
        );
        let mut updated_item = None;
        while let Some(event) = events.next().await {
            let item = match event {
                Ok(chatkit::types::ThreadStreamEvent::ThreadItemReplaced { item })
                | Ok(chatkit::types::ThreadStreamEvent::ThreadItemDone { item }) => item,
                Ok(_) => continue,
                Err(HookError::Custom { message, .. }) => {
                    return Err(ProcessError::Invalid(message));
                }
                Err(other) => return Err(ProcessError::Internal(anyhow::anyhow!(other))),
            };
            self.db.save_item(&thread.id, &item, ctx).await?;
            if item.id() == sender_id.as_deref().unwrap_or_default() {
                updated_item = Some(item);
            }
        }
        Ok(chatkit::types::SyncCustomActionResponse { updated_item })
    }

    fn action(
        &self,
        thread: ThreadCell,
        action: Action,
        sender: Option<WidgetItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let thread_id = lock_thread(&thread).id.clone();
        let new_ids = (
            self.message_id(&thread_id, &ctx),
            self.message_id(&thread_id, &ctx),
        );
        let turns = self.turns.clone();
        let events = actions::handle(
            self.db.clone(),
            self.tools.clone(),
            thread_id,
            action,
            sender,
            ctx,
            new_ids,
        );
        Box::pin(async_stream::stream! {
            let _turn = turns.take().await;
            for await event in events { yield event; }
        })
    }
}

/// Note a tool call in the request's call log, when it keeps one.
pub(crate) fn record(
    ctx: &RequestContext,
    tool: &str,
    args: &serde_json::Value,
    result: &Result<crate::tools::ToolOutcome, crate::tools::ToolError>,
    scope: &crate::tasks::Scope,
    now: chrono::DateTime<chrono::Utc>,
) {
    if let Some(log) = &ctx.tool_calls {
        let result = match result {
            Ok(outcome) => outcome.to_json(scope, now),
            Err(error) => serde_json::json!({ "error": error.to_string() }),
        };
        log.push(serde_json::json!({ "tool": tool, "arguments": args, "result": result }));
    }
}

/// The understanding's task reference as the tools take it.
fn to_tool_ref(reference: &understand::TaskRef) -> crate::tools::TaskRef {
    match reference {
        understand::TaskRef::Id(id) => crate::tools::TaskRef::Id(*id),
        understand::TaskRef::Title(title) => crate::tools::TaskRef::Title(title.clone()),
    }
}

/// A reference as a tool's JSON arguments name it.
fn reference_json(reference: &crate::tools::TaskRef) -> serde_json::Value {
    match reference {
        crate::tools::TaskRef::Id(id) => serde_json::json!(id),
        crate::tools::TaskRef::Title(title) => serde_json::json!(title),
    }
}

/// What the assistant can do, for "help".
const HELP: &str = "I keep your task list. You can say:\n\
- “add buy milk tomorrow at 5pm, high priority #errands”\n\
- “remind me to call mom on Friday at 10”, “water the plants every Monday”\n\
- “show my tasks”, “what's pending?”, “what's due today?”, “anything overdue?”\n\
- “complete task 5”, “mark buy milk as done”, “undo task 5”, “delete task 3”\n\
- “rename task 2 to call dad”, “set task 4 to high priority”, “move task 4 to next week”\n\
- “search groceries”";

/// What the assistant says when it does not understand.
const NOT_UNDERSTOOD: &str = "I didn't catch that. Try “add buy milk tomorrow”, “show my tasks”, “complete task 5” or “help” for more.";

/// Stream `text` as an assistant message, a word at a time.
pub(crate) fn say(thread_id: &str, item_id: &str, text: &str) -> EventStream {
    let chunks = chatkit::stream::word_chunks(text)
        .into_iter()
        .map(Ok::<_, HookError>);
    chatkit::stream::assistant_message(
        thread_id.to_string(),
        item_id.to_string(),
        futures::stream::iter(chunks),
    )
}

/// Give an untitled thread its first message as a title; return the thread id.
fn name_thread(thread: &ThreadCell, first_message: &str) -> String {
    let mut thread = lock_thread(thread);
    if thread.title.is_none() {
        let title: String = first_message
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !title.is_empty() {
            let mut short: String = title.chars().take(THREAD_TITLE_CHARS).collect();
            if short.len() < title.len() {
                short.push('…');
            }
            thread.title = Some(short);
        }
    }
    thread.id.clone()
}
