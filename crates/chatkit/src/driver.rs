//! The request driver: what `ChatKitServer.process()` does in the SDK.
//!
//! [`ChatKit::process`] parses a request body, does every check that can fail
//! *before* answering (so a missing thread is a 404, never a 200 stream cut
//! short), and then either returns a JSON body or a stream of events that
//! applies the SDK's persistence rules as it goes: the user message is saved
//! before `respond` runs; `thread.item.done` inserts, `thread.item.replaced`
//! upserts, `thread.item.removed` deletes; hidden items are saved but not
//! sent; a thread the hook changed is saved and announced with
//! `thread.updated`; a hook error becomes an `error` event and a clean end;
//! a client that goes away cancels the hook, and what it had streamed of an
//! assistant message is saved, as the SDK's `handle_stream_cancelled` does.

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;

use crate::error::{HookError, ProcessError, StoreError};
use crate::server::{ChatKitServer, EventStream, ThreadCell};
use crate::store::{AttachmentStore, ItemKind, Order, Store};
use crate::timestamp::Timestamp;
use crate::types::*;

/// Page size the SDK uses when it pages by itself, and the default `limit`.
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// Largest page a client may ask for; bigger limits are clamped (the SDK
/// passes any number to the store).
pub const MAX_PAGE_SIZE: usize = 200;

/// The text of the hidden item saved when a client cancels a stream.
pub const CANCELLED_TEXT: &str =
    "The user cancelled the stream. Stop responding to the prior request.";

/// What a processed request answers with.
pub enum ProcessResult {
    /// A JSON body (`application/json`).
    Json(Bytes),
    /// A stream of events to send as SSE (`text/event-stream`). Dropping it
    /// cancels the work behind it.
    Stream(BoxStream<'static, ThreadStreamEvent>),
}

impl std::fmt::Debug for ProcessResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProcessResult::Json(body) => f.debug_tuple("Json").field(body).finish(),
            ProcessResult::Stream(_) => f.write_str("Stream(..)"),
        }
    }
}

/// A ChatKit endpoint: a store, an optional attachment store, and the app's hooks.
pub struct ChatKit<C> {
    store: Arc<dyn Store<C>>,
    attachments: Option<Arc<dyn AttachmentStore<C>>>,
    server: Arc<dyn ChatKitServer<C>>,
}

impl<C: Clone + Send + Sync + 'static> ChatKit<C> {
    /// An endpoint without attachment support.
    pub fn new(store: Arc<dyn Store<C>>, server: Arc<dyn ChatKitServer<C>>) -> Self {
        ChatKit {
            store,
            attachments: None,
            server,
        }
    }

    /// Enable `attachments.create` / `attachments.delete`.
    pub fn with_attachment_store(mut self, attachments: Arc<dyn AttachmentStore<C>>) -> Self {
        self.attachments = Some(attachments);
        self
    }

    /// Parse `body` and process it for the user in `ctx`.
    pub async fn process(&self, body: &[u8], ctx: C) -> Result<ProcessResult, ProcessError> {
        let request =
            ChatKitRequest::parse(body).map_err(|e| ProcessError::BadRequest(e.to_string()))?;
        self.handle(request, ctx).await
    }

    /// Process an already parsed request.
    pub async fn handle(
        &self,
        request: ChatKitRequest,
        ctx: C,
    ) -> Result<ProcessResult, ProcessError> {
        tracing::debug!(request = request.type_name(), "chatkit request");
        match request {
            ChatKitRequest::ThreadsGetById(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let mut items = self
                    .store
                    .load_thread_items(&p.thread_id, None, DEFAULT_PAGE_SIZE, Order::Asc, &ctx)
                    .await?;
                for_client(&mut items);
                json(&thread.to_response(items))
            }
            ChatKitRequest::ThreadsList(p) => {
                let page = self
                    .store
                    .load_threads(page_size(p.limit), p.after.as_deref(), p.order, &ctx)
                    .await?;
                json(&Page {
                    data: page
                        .data
                        .iter()
                        .map(|t| t.to_response(Page::empty()))
                        .collect::<Vec<_>>(),
                    has_more: page.has_more,
                    after: page.after,
                })
            }
            ChatKitRequest::ThreadsUpdate(p) => {
                let mut thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                thread.title = Some(p.title);
                self.store.save_thread(&thread, &ctx).await?;
                json(&thread.to_response(Page::empty()))
            }
            ChatKitRequest::ThreadsDelete(p) => {
                // Stricter than the SDK: deleting a thread that does not exist
                // (or is another user's) is a 404, not a silent success.
                self.store.load_thread(&p.thread_id, &ctx).await?;
                self.store.delete_thread(&p.thread_id, &ctx).await?;
                Ok(empty_object())
            }
            ChatKitRequest::ItemsList(p) => {
                // Stricter than the SDK: an unknown thread is a 404, not an empty page.
                self.store.load_thread(&p.thread_id, &ctx).await?;
                let mut items = self
                    .store
                    .load_thread_items(
                        &p.thread_id,
                        p.after.as_deref(),
                        page_size(p.limit),
                        p.order,
                        &ctx,
                    )
                    .await?;
                // Filtered after paging, like the SDK: `after` stays a valid cursor.
                for_client(&mut items);
                json(&items)
            }
            ChatKitRequest::ItemsFeedback(p) => {
                self.store.load_thread(&p.thread_id, &ctx).await?;
                self.server
                    .add_feedback(&p.thread_id, &p.item_ids, p.kind, &ctx)
                    .await?;
                Ok(empty_object())
            }
            ChatKitRequest::AttachmentsCreate(p) => {
                let attachments = self.attachment_store()?;
                let attachment = attachments.create_attachment(&p, &ctx).await?;
                self.store.save_attachment(&attachment, &ctx).await?;
                json(&attachment.without_metadata())
            }
            ChatKitRequest::AttachmentsDelete(p) => {
                let attachments = self.attachment_store()?;
                attachments
                    .delete_attachment(&p.attachment_id, &ctx)
                    .await?;
                self.store.delete_attachment(&p.attachment_id, &ctx).await?;
                Ok(empty_object())
            }
            ChatKitRequest::InputTranscribe(p) => {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(p.audio_base64.as_bytes())
                    .map_err(|e| {
                        ProcessError::BadRequest(format!(
                            "params.audio_base64 is not valid base64: {e}"
                        ))
                    })?;
                let result = self
                    .server
                    .transcribe(
                        AudioInput {
                            data,
                            mime_type: p.mime_type,
                        },
                        &ctx,
                    )
                    .await?;
                json(&result)
            }
            ChatKitRequest::ThreadsSyncCustomAction(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let sender = self
                    .load_sender(&p.thread_id, p.item_id.as_deref(), &ctx)
                    .await?;
                let response = self
                    .server
                    .sync_action(&thread, p.action, sender, &ctx)
                    .await?;
                json(&response)
            }

            ChatKitRequest::ThreadsCreate(p) => {
                let attachments = self.load_attachments(&p.input.attachments, &ctx).await?;
                let thread =
                    ThreadMetadata::new(self.store.generate_thread_id(&ctx), Timestamp::now());
                let this = self.clone_parts();
                Ok(stream(async_stream::stream! {
                    if let Err(e) = this.store.save_thread(&thread, &ctx).await {
                        yield Err(HookError::from(e));
                        return;
                    }
                    yield Ok(ThreadStreamEvent::ThreadCreated { thread: thread.to_response(Page::empty()) });
                    let message = this.user_message(&thread, p.input, attachments, &ctx);
                    let mut events = this.respond_to_message(thread, message, ctx);
                    while let Some(event) = events.next().await {
                        yield Ok(event);
                    }
                }))
            }
            ChatKitRequest::ThreadsAddUserMessage(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let attachments = self.load_attachments(&p.input.attachments, &ctx).await?;
                let message = self.user_message(&thread, p.input, attachments, &ctx);
                Ok(outgoing(
                    self.clone_parts().respond_to_message(thread, message, ctx),
                ))
            }
            ChatKitRequest::ThreadsAddClientToolOutput(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let newest = self
                    .store
                    .load_thread_items(&thread.id, None, 1, Order::Desc, &ctx)
                    .await?;
                let mut call = match newest.data.into_iter().next() {
                    Some(ThreadItem::ClientToolCall(call))
                        if call.status == ClientToolCallStatus::Pending =>
                    {
                        call
                    }
                    _ => {
                        return Err(ProcessError::Invalid(format!(
                            "thread {} is not waiting for a client tool output",
                            thread.id
                        )));
                    }
                };
                call.output = Some(p.result);
                call.status = ClientToolCallStatus::Completed;
                let this = self.clone_parts();
                Ok(outgoing(Box::pin(async_stream::stream! {
                    let prepared: Result<(), StoreError> = async {
                        this.store.save_item(&thread.id, &ThreadItem::ClientToolCall(call), &ctx).await?;
                        this.delete_dangling_tool_calls(&thread.id, &ctx).await
                    }.await;
                    if let Err(e) = prepared {
                        tracing::error!(error = ?e, "saving a client tool output failed");
                        yield stream_error_event();
                        return;
                    }
                    let server = this.server.clone();
                    let hook_ctx = ctx.clone();
                    let mut events = this.process_events(thread, move |cell| server.respond(cell, None, hook_ctx), ctx);
                    while let Some(event) = events.next().await {
                        yield event;
                    }
                })))
            }
            ChatKitRequest::ThreadsAddStructuredInput(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let item = match self.store.load_item(&p.thread_id, &p.item_id, &ctx).await? {
                    ThreadItem::StructuredInput(item) => item,
                    _ => {
                        return Err(ProcessError::Invalid(format!(
                            "item {} is not a structured input",
                            p.item_id
                        )));
                    }
                };
                if item.status != StructuredInputStatus::Pending {
                    return Err(ProcessError::Invalid(format!(
                        "structured input {} was already answered",
                        p.item_id
                    )));
                }
                let answered = ThreadItem::StructuredInput(apply_structured_input(item, p.input));
                let this = self.clone_parts();
                let server = this.server.clone();
                let hook_ctx = ctx.clone();
                // The replacement goes through the event loop so it is persisted
                // like any other `thread.item.replaced`.
                let hook = move |cell: ThreadCell| -> EventStream {
                    let replaced = futures::stream::once(async move {
                        Ok(ThreadStreamEvent::ThreadItemReplaced { item: answered })
                    });
                    Box::pin(replaced.chain(server.respond(cell, None, hook_ctx)))
                };
                Ok(outgoing(this.process_events(thread, hook, ctx)))
            }
            ChatKitRequest::ThreadsRetryAfterItem(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let (message, newer) = self
                    .find_retry_target(&p.thread_id, &p.item_id, &ctx)
                    .await?;
                let this = self.clone_parts();
                Ok(outgoing(Box::pin(async_stream::stream! {
                    for item_id in &newer {
                        if let Err(e) = this.store.delete_thread_item(&thread.id, item_id, &ctx).await {
                            tracing::error!(error = ?e, "deleting items before a retry failed");
                            yield stream_error_event();
                            return;
                        }
                    }
                    let server = this.server.clone();
                    let hook_ctx = ctx.clone();
                    let mut events = this.process_events(thread, move |cell| server.respond(cell, Some(message), hook_ctx), ctx);
                    while let Some(event) = events.next().await {
                        yield event;
                    }
                })))
            }
            ChatKitRequest::ThreadsCustomAction(p) => {
                let thread = self.store.load_thread(&p.thread_id, &ctx).await?;
                let sender = self
                    .load_sender(&p.thread_id, p.item_id.as_deref(), &ctx)
                    .await?;
                let server = self.server.clone();
                let hook_ctx = ctx.clone();
                let hook = move |cell| server.action(cell, p.action, sender, hook_ctx);
                Ok(outgoing(
                    self.clone_parts().process_events(thread, hook, ctx),
                ))
            }
        }
    }

    fn clone_parts(&self) -> Arc<Self> {
        Arc::new(ChatKit {
            store: self.store.clone(),
            attachments: self.attachments.clone(),
            server: self.server.clone(),
        })
    }

    fn attachment_store(&self) -> Result<&Arc<dyn AttachmentStore<C>>, ProcessError> {
        self.attachments.as_ref().ok_or_else(|| {
            ProcessError::Unsupported("attachments are not supported by this server".into())
        })
    }

    /// The widget item that fired an action; 400 when the id names another kind of item.
    async fn load_sender(
        &self,
        thread_id: &str,
        item_id: Option<&str>,
        ctx: &C,
    ) -> Result<Option<WidgetItem>, ProcessError> {
        let Some(item_id) = item_id else {
            return Ok(None);
        };
        match self.store.load_item(thread_id, item_id, ctx).await? {
            ThreadItem::Widget(widget) => Ok(Some(widget)),
            other => Err(ProcessError::Invalid(format!(
                "item {item_id} is a {}, not a widget; only widgets send actions",
                other.type_name()
            ))),
        }
    }

    /// Resolve attachment ids before anything is written (the SDK saves the
    /// thread first and then fails mid-stream on a bad id).
    async fn load_attachments(
        &self,
        ids: &[String],
        ctx: &C,
    ) -> Result<Vec<Attachment>, ProcessError> {
        let mut attachments = Vec::with_capacity(ids.len());
        for id in ids {
            attachments.push(self.store.load_attachment(id, ctx).await?);
        }
        Ok(attachments)
    }

    fn user_message(
        &self,
        thread: &ThreadMetadata,
        input: UserMessageInput,
        attachments: Vec<Attachment>,
        ctx: &C,
    ) -> UserMessageItem {
        let attachments = attachments
            .into_iter()
            .map(|mut attachment| {
                attachment.set_thread_id(thread.id.clone());
                attachment
            })
            .collect();
        UserMessageItem {
            id: self
                .store
                .generate_item_id(ItemKind::Message, &thread.id, ctx),
            thread_id: thread.id.clone(),
            created_at: Timestamp::now(),
            content: input.content,
            attachments,
            quoted_text: input.quoted_text,
            inference_options: input.inference_options,
        }
    }

    /// Save the user message (and link its attachments), announce it, then run `respond`.
    fn respond_to_message(
        self: Arc<Self>,
        thread: ThreadMetadata,
        message: UserMessageItem,
        ctx: C,
    ) -> BoxStream<'static, ThreadStreamEvent> {
        Box::pin(async_stream::stream! {
            let saved: Result<(), StoreError> = async {
                for attachment in &message.attachments {
                    self.store.save_attachment(attachment, &ctx).await?;
                }
                self.store.add_thread_item(&thread.id, &ThreadItem::UserMessage(message.clone()), &ctx).await
            }.await;
            if let Err(e) = saved {
                tracing::error!(error = ?e, "saving the user message failed");
                yield stream_error_event();
                return;
            }
            yield ThreadStreamEvent::ThreadItemDone { item: ThreadItem::UserMessage(message.clone()) };
            let server = self.server.clone();
            let hook_ctx = ctx.clone();
            let mut events = self.clone().process_events(thread, move |cell| server.respond(cell, Some(message), hook_ctx), ctx);
            while let Some(event) = events.next().await {
                yield event;
            }
        })
    }

    /// Walk the thread newest first until `item_id`; return that user message
    /// and the ids of every item after it.
    async fn find_retry_target(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(UserMessageItem, Vec<String>), ProcessError> {
        let mut newer = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = self
                .store
                .load_thread_items(
                    thread_id,
                    after.as_deref(),
                    DEFAULT_PAGE_SIZE,
                    Order::Desc,
                    ctx,
                )
                .await?;
            for item in page.data {
                if item.id() == item_id {
                    return match item {
                        ThreadItem::UserMessage(message) => Ok((message, newer)),
                        other => Err(ProcessError::Invalid(format!(
                            "item {item_id} is a {}, not a user message; only user messages can be retried",
                            other.type_name()
                        ))),
                    };
                }
                newer.push(item.id().to_string());
            }
            if !page.has_more {
                // Stricter than the SDK, which answers an empty 200 stream.
                return Err(ProcessError::NotFound(format!(
                    "Item {item_id} not found in thread {thread_id}"
                )));
            }
            // A store that says "more" without a cursor would restart the
            // walk from the newest page forever.
            let Some(next) = page.after else {
                return Err(ProcessError::Internal(anyhow::anyhow!(
                    "the store returned has_more without an after cursor"
                )));
            };
            after = Some(next);
        }
    }

    /// Delete pending client tool calls left among the newest items (should not happen).
    async fn delete_dangling_tool_calls(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError> {
        let page = self
            .store
            .load_thread_items(thread_id, None, DEFAULT_PAGE_SIZE, Order::Desc, ctx)
            .await?;
        for item in page.data {
            if let ThreadItem::ClientToolCall(call) = item
                && call.status == ClientToolCallStatus::Pending
            {
                tracing::warn!(call_id = %call.call_id, "client tool call was never completed; removing it");
                self.store
                    .delete_thread_item(thread_id, &call.id, ctx)
                    .await?;
            }
        }
        Ok(())
    }

    /// The SDK's `_process_events`: stream options, then the hook's events
    /// with their persistence applied, thread changes saved and announced,
    /// errors turned into an `error` event.
    fn process_events<H>(
        self: Arc<Self>,
        thread: ThreadMetadata,
        hook: H,
        ctx: C,
    ) -> BoxStream<'static, ThreadStreamEvent>
    where
        H: FnOnce(ThreadCell) -> EventStream + Send + 'static,
    {
        Box::pin(async_stream::stream! {
            // The snapshot is taken before the hook is even created: a hook may
            // change the thread synchronously when it is called.
            let mut last = thread.clone();
            let cell: ThreadCell = Arc::new(Mutex::new(thread));
            let stream_options = self.server.stream_options(&last, &ctx);
            yield ThreadStreamEvent::StreamOptions { stream_options };
            let mut hook = hook(cell.clone());

            let mut guard = CancelGuard {
                store: self.store.clone(),
                thread_id: last.id.clone(),
                ctx: ctx.clone(),
                pending: Vec::new(),
                armed: true,
            };
            let mut failure: Option<HookError> = None;

            while let Some(next) = hook.next().await {
                let event = match next {
                    Ok(event) => event,
                    Err(e) => { failure = Some(e); break; }
                };
                if let Err(e) = self.persist(&last.id, &event, &mut guard.pending, &ctx).await {
                    failure = Some(e.into());
                    break;
                }
                let swallow = matches!(&event, ThreadStreamEvent::ThreadItemDone { item } if item.is_hidden());
                if !swallow {
                    // Saved as the hook sent it; `outgoing` strips server-only
                    // attachment metadata on the way out.
                    yield event;
                }
                match self.save_if_changed(&cell, &mut last, &ctx).await {
                    Ok(Some(updated)) => yield updated,
                    Ok(None) => {}
                    Err(e) => { failure = Some(e.into()); break; }
                }
            }
            guard.armed = false;
            drop(hook);

            if let Some(error) = failure {
                yield error_event(error);
            }
            match self.save_if_changed(&cell, &mut last, &ctx).await {
                Ok(Some(updated)) => yield updated,
                Ok(None) => {}
                Err(e) => {
                    tracing::error!(error = ?e, "saving the thread failed");
                    yield stream_error_event();
                }
            }
        })
    }

    /// Apply one event's persistence rule, and track items still streaming.
    async fn persist(
        &self,
        thread_id: &str,
        event: &ThreadStreamEvent,
        pending: &mut Vec<ThreadItem>,
        ctx: &C,
    ) -> Result<(), StoreError> {
        match event {
            ThreadStreamEvent::ThreadItemAdded { item } => {
                pending.retain(|p| p.id() != item.id());
                pending.push(item.clone());
            }
            ThreadStreamEvent::ThreadItemUpdated { item_id, update } => {
                if let Some(item) = pending.iter_mut().find(|p| p.id() == item_id) {
                    item.apply_update(update);
                }
            }
            ThreadStreamEvent::ThreadItemDone { item } => {
                self.store.add_thread_item(thread_id, item, ctx).await?;
                pending.retain(|p| p.id() != item.id());
            }
            ThreadStreamEvent::ThreadItemRemoved { item_id } => {
                self.store
                    .delete_thread_item(thread_id, item_id, ctx)
                    .await?;
                pending.retain(|p| p.id() != item_id);
            }
            ThreadStreamEvent::ThreadItemReplaced { item } => {
                self.store.save_item(thread_id, item, ctx).await?;
                pending.retain(|p| p.id() != item.id());
            }
            _ => {}
        }
        Ok(())
    }

    /// When the hook changed the thread since `last`, save it and return the
    /// `thread.updated` event to send.
    async fn save_if_changed(
        &self,
        cell: &ThreadCell,
        last: &mut ThreadMetadata,
        ctx: &C,
    ) -> Result<Option<ThreadStreamEvent>, StoreError> {
        let current = read_thread(cell);
        if current == *last {
            return Ok(None);
        }
        self.store.save_thread(&current, ctx).await?;
        let event = ThreadStreamEvent::ThreadUpdated {
            thread: current.to_response(Page::empty()),
        };
        *last = current;
        Ok(Some(event))
    }
}

/// Saves what a cancelled stream had produced, like the SDK's default
/// `handle_stream_cancelled`: non-blank pending assistant messages, then a
/// hidden marker telling the next response not to continue the old one.
struct CancelGuard<C: Clone + Send + Sync + 'static> {
    store: Arc<dyn Store<C>>,
    thread_id: String,
    ctx: C,
    pending: Vec<ThreadItem>,
    armed: bool,
}

impl<C: Clone + Send + Sync + 'static> Drop for CancelGuard<C> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("stream cancelled outside a runtime; partial reply not saved");
            return;
        };
        let store = self.store.clone();
        let thread_id = std::mem::take(&mut self.thread_id);
        let ctx = self.ctx.clone();
        let pending = std::mem::take(&mut self.pending);
        runtime.spawn(async move {
            if let Err(e) = save_cancelled(store, &thread_id, pending, &ctx).await {
                tracing::error!(error = ?e, thread_id, "saving a cancelled stream failed");
            }
        });
    }
}

async fn save_cancelled<C: Send + Sync + 'static>(
    store: Arc<dyn Store<C>>,
    thread_id: &str,
    pending: Vec<ThreadItem>,
    ctx: &C,
) -> Result<(), StoreError> {
    for item in pending {
        if let ThreadItem::AssistantMessage(message) = &item
            && message
                .content
                .iter()
                .any(|part| !part.text.trim().is_empty())
        {
            // An upsert: the `done` insert for this item may have completed
            // just as the client left. One failure must not cost the marker.
            if let Err(e) = store.save_item(thread_id, &item, ctx).await {
                tracing::error!(error = ?e, item_id = item.id(), "saving a cancelled reply failed");
            }
        }
    }
    let marker = ThreadItem::SdkHiddenContext(SdkHiddenContextItem {
        id: store.generate_item_id(ItemKind::SdkHiddenContext, thread_id, ctx),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        content: CANCELLED_TEXT.to_string(),
    });
    store.add_thread_item(thread_id, &marker, ctx).await
}

/// The SDK's `_apply_structured_input_submission`: every question gets an
/// answer (missing, empty or skipped ones are recorded as skipped), single
/// choice keeps only the first value, unknown answer ids are ignored.
fn apply_structured_input(
    mut item: StructuredInputItem,
    submission: StructuredInputSubmission,
) -> StructuredInputItem {
    for unknown in submission
        .answers
        .keys()
        .filter(|id| !item.inputs.iter().any(|q| q.id() == id.as_str()))
    {
        tracing::warn!(item_id = %item.id, question = %unknown, "ignoring an answer to an unknown question");
    }
    for question in &mut item.inputs {
        let answer = submission.answers.get(question.id());
        let values = match answer {
            Some(a)
                if submission.status != SubmissionStatus::Skipped
                    && !a.skipped
                    && !a.values.is_empty() =>
            {
                a.values.clone()
            }
            _ => {
                question.set_answer(Some(StructuredInputAnswer::skipped()));
                continue;
            }
        };
        let single_choice = matches!(question, StructuredInput::MultipleChoice(q) if !q.multiple);
        let values = if single_choice {
            values.into_iter().take(1).collect()
        } else {
            values
        };
        question.set_answer(Some(StructuredInputAnswer {
            values,
            skipped: false,
        }));
    }
    item.status = submission.status.into();
    item
}

fn read_thread(cell: &ThreadCell) -> ThreadMetadata {
    crate::server::lock_thread(cell).clone()
}

/// A stored page as the client may see it: hidden items dropped (after
/// paging, like the SDK) and attachments without their server-only metadata.
fn for_client(items: &mut Page<ThreadItem>) {
    items.data.retain(|item| !item.is_hidden());
    items
        .data
        .iter_mut()
        .for_each(ThreadItem::strip_attachment_metadata);
}

fn page_size(limit: Option<usize>) -> usize {
    match limit {
        None | Some(0) => DEFAULT_PAGE_SIZE,
        Some(n) => n.min(MAX_PAGE_SIZE),
    }
}

fn stream(
    events: impl futures::Stream<Item = Result<ThreadStreamEvent, HookError>> + Send + 'static,
) -> ProcessResult {
    outgoing(Box::pin(
        events.map(|event| event.unwrap_or_else(error_event)),
    ))
}

/// The events as sent: attachment metadata is server-side only.
fn outgoing(events: BoxStream<'static, ThreadStreamEvent>) -> ProcessResult {
    ProcessResult::Stream(Box::pin(events.map(|mut event| {
        event.strip_attachment_metadata();
        event
    })))
}

fn error_event(error: HookError) -> ThreadStreamEvent {
    let event = match error {
        HookError::Custom {
            message,
            allow_retry,
        } => ErrorEvent {
            code: ErrorCode::Custom,
            message: Some(message),
            allow_retry,
        },
        HookError::Stream { allow_retry } => ErrorEvent {
            code: ErrorCode::StreamError,
            message: None,
            allow_retry,
        },
        HookError::Other(cause) => {
            tracing::error!(error = ?cause, "error while streaming a response");
            ErrorEvent {
                code: ErrorCode::StreamError,
                message: None,
                allow_retry: true,
            }
        }
    };
    ThreadStreamEvent::Error(event)
}

fn stream_error_event() -> ThreadStreamEvent {
    error_event(HookError::Stream { allow_retry: true })
}

fn json<T: serde::Serialize>(value: &T) -> Result<ProcessResult, ProcessError> {
    let body = serde_json::to_vec(value).map_err(|e| ProcessError::Internal(e.into()))?;
    Ok(ProcessResult::Json(Bytes::from(body)))
}

fn empty_object() -> ProcessResult {
    ProcessResult::Json(Bytes::from_static(b"{}"))
}
