//! The assistant: TaskPilot's answers over ChatKit. It understands a message
//! (built-in command understanding here; an LLM agent later), runs the task
//! operation, and streams a short reply plus a widget. Widget buttons come
//! back as actions that change the task and re-render the widget in place.

mod actions;
pub mod intent;
pub mod understand;
mod widgets;

use chatkit::server::{EventStream, ThreadCell, lock_thread};
use chatkit::types::{Action, FeedbackKind, UserMessageItem, WidgetItem};
use chatkit::{ChatKitServer, HookError, ItemKind, ProcessError, Store};

use crate::store::{Db, RequestContext};
use crate::tasks::{TaskDraft, TaskService, TaskTitle};
use intent::Intent;

/// Most items one `items.feedback` request may name.
const MAX_FEEDBACK_ITEMS: usize = 100;

/// Longest thread title taken from a first message, in characters.
const THREAD_TITLE_CHARS: usize = 60;

/// The task assistant, shared by every request.
pub struct TaskAssistant {
    db: Db,
    tasks: TaskService,
}

impl TaskAssistant {
    /// An assistant working on `db`.
    pub fn new(db: Db, tasks: TaskService) -> Self {
        TaskAssistant { db, tasks }
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
        let reply_id = self.message_id(&thread_id, &ctx);
        let widget_id = self.message_id(&thread_id, &ctx);
        let tasks = self.tasks.clone();
        Box::pin(async_stream::try_stream! {
            match intent::parse(&text) {
                Intent::AddTask { title } => match TaskTitle::parse(&title) {
                    Ok(title) => {
                        let scope = tasks.scope(&ctx.user_id).await.map_err(anyhow::Error::new)?;
                        let draft = TaskDraft { title: Some(title.to_string()), ..TaskDraft::default() };
                        let task = tasks.create(&scope, draft).await.map_err(anyhow::Error::new)?;
                        let reply = format!("Added “{}” to your tasks (#{}).", task.title, task.id);
                        for await event in say(&thread_id, &reply_id, &reply) { yield event?; }
                        yield chatkit::stream::widget_done(thread_id.clone(), widget_id, widgets::task_card(&task), Some(reply));
                    }
                    Err(problem) => {
                        let reply = format!("I couldn't add that: {problem}. Try “add task: buy milk”.");
                        for await event in say(&thread_id, &reply_id, &reply) { yield event?; }
                    }
                },
                Intent::ListTasks => {
                    let overview = tasks.overview(&ctx.user_id, widgets::LIST_ROWS).await.map_err(anyhow::Error::new)?;
                    let reply = widgets::list_summary(overview.open, overview.done);
                    for await event in say(&thread_id, &reply_id, &reply) { yield event?; }
                    let copy = widgets::list_copy_text(&overview);
                    yield chatkit::stream::widget_done(thread_id.clone(), widget_id, widgets::task_list(&overview), Some(copy));
                }
                Intent::Help => {
                    for await event in say(&thread_id, &reply_id, HELP) { yield event?; }
                }
            }
        })
    }

    fn action(
        &self,
        thread: ThreadCell,
        action: Action,
        sender: Option<WidgetItem>,
        ctx: RequestContext,
    ) -> EventStream {
        let thread_id = lock_thread(&thread).id.clone();
        let new_widget_id = self.message_id(&thread_id, &ctx);
        actions::handle(
            self.tasks.clone(),
            thread_id,
            action,
            sender,
            ctx,
            new_widget_id,
        )
    }
}

/// What the assistant says when it does not understand.
const HELP: &str = "I can keep your task list. Try “add task: buy milk” to add a task, or “show tasks” to see them all.";

/// Stream `text` as an assistant message, a word at a time.
fn say(thread_id: &str, item_id: &str, text: &str) -> EventStream {
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
