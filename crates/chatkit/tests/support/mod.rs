//! What the conformance tests stand on: an in-memory [`MemoryStore`] scoped by
//! user, a [`MemoryAttachmentStore`], a scriptable [`TestServer`] whose hooks
//! run closures and record how they were called, and a [`Harness`] that
//! drives `ChatKit::process` with raw request bodies the way a client does.
//!
//! Ported in spirit from the Python SDK's `tests/helpers/mock_store.py` and
//! the `make_server` fixture of `tests/test_chatkit_server.py`.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Notify;

use chatkit::store::Order;
use chatkit::types::{
    Action, AssistantMessageContent, AssistantMessageItem, Attachment, AttachmentCreateParams,
    AudioInput, ClientToolCallItem, ClientToolCallStatus, FeedbackKind, FileAttachment,
    HiddenContextItem, ImageAttachment, InferenceOptions, Page, StreamOptions, StructuredInput,
    StructuredInputItem, StructuredInputStatus, SyncCustomActionResponse, Thread, ThreadItem,
    ThreadItemUpdate, ThreadMetadata, ThreadStreamEvent, TranscriptionResult, UploadDescriptor,
    UploadMethod, UserMessageContent, UserMessageItem, WidgetItem,
};
use chatkit::widgets::WidgetRoot;
use chatkit::{
    AttachmentStore, ChatKit, ChatKitServer, EventStream, HookError, ItemKind, ProcessError,
    ProcessResult, Store, StoreError, ThreadCell, Timestamp,
};

// ---------------------------------------------------------------------------
// Request context
// ---------------------------------------------------------------------------

/// The per-request context: who is asking (the SDK tests' `RequestContext`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    pub user_id: String,
}

impl Ctx {
    pub fn user(user_id: &str) -> Self {
        Ctx {
            user_id: user_id.to_string(),
        }
    }
}

/// The user every test acts as unless it says otherwise.
pub fn default_ctx() -> Ctx {
    Ctx::user("test_user")
}

// ---------------------------------------------------------------------------
// MemoryStore
// ---------------------------------------------------------------------------

/// A new thread id.
type ThreadIds = Box<dyn Fn() -> String + Send + Sync>;
/// A new item id for a kind, in a thread.
type ItemIds = Box<dyn Fn(ItemKind, &str) -> String + Send + Sync>;

/// Rows of every user, each list in insertion order (the paging order).
#[derive(Default)]
struct Rows {
    threads: Vec<(String, ThreadMetadata)>,
    items: Vec<ItemRow>,
    attachments: Vec<(String, Attachment)>,
}

struct ItemRow {
    user_id: String,
    thread_id: String,
    item: ThreadItem,
}

/// An in-memory [`Store`]: every row belongs to the context's user, pages are
/// in insertion order, and ids come from the default generator unless
/// overridden.
#[derive(Default)]
pub struct MemoryStore {
    rows: Mutex<Rows>,
    thread_ids: Option<ThreadIds>,
    item_ids: Option<ItemIds>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store whose ids come from these generators instead of the defaults.
    pub fn with_ids(
        thread_ids: impl Fn() -> String + Send + Sync + 'static,
        item_ids: impl Fn(ItemKind, &str) -> String + Send + Sync + 'static,
    ) -> Self {
        MemoryStore {
            thread_ids: Some(Box::new(thread_ids)),
            item_ids: Some(Box::new(item_ids)),
            ..Self::default()
        }
    }

    /// The SDK tests' custom generators: one counter shared by every id,
    /// `thr_custom_N` for threads and `<kind>_custom_N_<thread id>` for items.
    pub fn with_counter_ids() -> Self {
        let counter = Arc::new(AtomicUsize::new(0));
        let for_items = counter.clone();
        Self::with_ids(
            move || format!("thr_custom_{}", counter.fetch_add(1, Ordering::SeqCst) + 1),
            move |kind, thread_id| {
                let n = for_items.fetch_add(1, Ordering::SeqCst) + 1;
                format!("{}_custom_{n}_{thread_id}", sdk_kind_name(kind))
            },
        )
    }

    fn rows(&self) -> std::sync::MutexGuard<'_, Rows> {
        self.rows.lock().unwrap()
    }

    /// Every item of a thread as stored, hidden ones included, oldest first.
    pub fn items(&self, ctx: &Ctx, thread_id: &str) -> Vec<ThreadItem> {
        self.rows()
            .items
            .iter()
            .filter(|row| row.user_id == ctx.user_id && row.thread_id == thread_id)
            .map(|row| row.item.clone())
            .collect()
    }

    /// How many threads the user has.
    pub fn thread_count(&self, ctx: &Ctx) -> usize {
        self.rows()
            .threads
            .iter()
            .filter(|(user, _)| *user == ctx.user_id)
            .count()
    }
}

/// The SDK's `StoreItemType` name of a kind, as custom generators see it.
pub fn sdk_kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Thread => "thread",
        ItemKind::Message => "message",
        ItemKind::ToolCall => "tool_call",
        ItemKind::Task => "task",
        ItemKind::Workflow => "workflow",
        ItemKind::Attachment => "attachment",
        ItemKind::SdkHiddenContext => "sdk_hidden_context",
    }
}

/// One page of `rows` (oldest first) per the store contract: `after` is the
/// id of the previous page's last element, `has_more` says whether more
/// follow, and the returned `after` is this page's last id when they do.
fn page_of<T: Clone>(
    mut rows: Vec<&T>,
    id: impl Fn(&T) -> &str,
    after: Option<&str>,
    limit: usize,
    order: Order,
    not_found: impl FnOnce(&str) -> StoreError,
) -> Result<Page<T>, StoreError> {
    if order == Order::Desc {
        rows.reverse();
    }
    let start = match after {
        None => 0,
        Some(cursor) => match rows.iter().position(|row| id(row) == cursor) {
            Some(index) => index + 1,
            None => return Err(not_found(cursor)),
        },
    };
    let rest = &rows[start..];
    let data: Vec<T> = rest.iter().take(limit).map(|row| (*row).clone()).collect();
    let has_more = rest.len() > data.len();
    let after = if has_more {
        data.last().map(|row| id(row).to_string())
    } else {
        None
    };
    Ok(Page {
        data,
        has_more,
        after,
    })
}

#[async_trait]
impl Store<Ctx> for MemoryStore {
    fn generate_thread_id(&self, _ctx: &Ctx) -> String {
        match &self.thread_ids {
            Some(generate) => generate(),
            None => chatkit::ids::generate(ItemKind::Thread),
        }
    }

    fn generate_item_id(&self, kind: ItemKind, thread_id: &str, _ctx: &Ctx) -> String {
        match &self.item_ids {
            Some(generate) => generate(kind, thread_id),
            None => chatkit::ids::generate(kind),
        }
    }

    async fn load_thread(&self, thread_id: &str, ctx: &Ctx) -> Result<ThreadMetadata, StoreError> {
        self.rows()
            .threads
            .iter()
            .find(|(user, thread)| *user == ctx.user_id && thread.id == thread_id)
            .map(|(_, thread)| thread.clone())
            .ok_or_else(|| StoreError::thread_not_found(thread_id))
    }

    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &Ctx) -> Result<(), StoreError> {
        let mut rows = self.rows();
        match rows
            .threads
            .iter_mut()
            .find(|(user, t)| *user == ctx.user_id && t.id == thread.id)
        {
            Some((_, existing)) => *existing = thread.clone(),
            None => rows.threads.push((ctx.user_id.clone(), thread.clone())),
        }
        Ok(())
    }

    async fn load_threads(
        &self,
        limit: usize,
        after: Option<&str>,
        order: Order,
        ctx: &Ctx,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        let rows = self.rows();
        let mine = rows
            .threads
            .iter()
            .filter(|(user, _)| *user == ctx.user_id)
            .map(|(_, t)| t)
            .collect();
        page_of(
            mine,
            |t| &t.id,
            after,
            limit,
            order,
            StoreError::thread_not_found,
        )
    }

    async fn delete_thread(&self, thread_id: &str, ctx: &Ctx) -> Result<(), StoreError> {
        let mut rows = self.rows();
        rows.threads
            .retain(|(user, t)| !(*user == ctx.user_id && t.id == thread_id));
        rows.items
            .retain(|row| !(row.user_id == ctx.user_id && row.thread_id == thread_id));
        Ok(())
    }

    async fn load_thread_items(
        &self,
        thread_id: &str,
        after: Option<&str>,
        limit: usize,
        order: Order,
        ctx: &Ctx,
    ) -> Result<Page<ThreadItem>, StoreError> {
        let rows = self.rows();
        let mine = rows
            .items
            .iter()
            .filter(|row| row.user_id == ctx.user_id && row.thread_id == thread_id)
            .map(|row| &row.item)
            .collect();
        page_of(
            mine,
            ThreadItem::id,
            after,
            limit,
            order,
            StoreError::item_not_found,
        )
    }

    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        let mut rows = self.rows();
        let duplicate = rows.items.iter().any(|row| {
            row.user_id == ctx.user_id && row.thread_id == thread_id && row.item.id() == item.id()
        });
        if duplicate {
            // What a primary key does in a real database.
            return Err(StoreError::Other(anyhow::anyhow!(
                "item {} already exists",
                item.id()
            )));
        }
        rows.items.push(ItemRow {
            user_id: ctx.user_id.clone(),
            thread_id: thread_id.to_string(),
            item: item.clone(),
        });
        Ok(())
    }

    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        let mut rows = self.rows();
        let existing = rows.items.iter_mut().find(|row| {
            row.user_id == ctx.user_id && row.thread_id == thread_id && row.item.id() == item.id()
        });
        match existing {
            Some(row) => row.item = item.clone(),
            None => rows.items.push(ItemRow {
                user_id: ctx.user_id.clone(),
                thread_id: thread_id.to_string(),
                item: item.clone(),
            }),
        }
        Ok(())
    }

    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &Ctx,
    ) -> Result<ThreadItem, StoreError> {
        self.rows()
            .items
            .iter()
            .find(|row| {
                row.user_id == ctx.user_id && row.thread_id == thread_id && row.item.id() == item_id
            })
            .map(|row| row.item.clone())
            .ok_or_else(|| StoreError::item_not_found(item_id))
    }

    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        self.rows().items.retain(|row| {
            !(row.user_id == ctx.user_id && row.thread_id == thread_id && row.item.id() == item_id)
        });
        Ok(())
    }

    async fn save_attachment(&self, attachment: &Attachment, ctx: &Ctx) -> Result<(), StoreError> {
        let mut rows = self.rows();
        match rows
            .attachments
            .iter_mut()
            .find(|(user, a)| *user == ctx.user_id && a.id() == attachment.id())
        {
            Some((_, existing)) => *existing = attachment.clone(),
            None => rows
                .attachments
                .push((ctx.user_id.clone(), attachment.clone())),
        }
        Ok(())
    }

    async fn load_attachment(
        &self,
        attachment_id: &str,
        ctx: &Ctx,
    ) -> Result<Attachment, StoreError> {
        self.rows()
            .attachments
            .iter()
            .find(|(user, a)| *user == ctx.user_id && a.id() == attachment_id)
            .map(|(_, a)| a.clone())
            .ok_or_else(|| StoreError::attachment_not_found(attachment_id))
    }

    async fn delete_attachment(&self, attachment_id: &str, ctx: &Ctx) -> Result<(), StoreError> {
        self.rows()
            .attachments
            .retain(|(user, a)| !(*user == ctx.user_id && a.id() == attachment_id));
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// MemoryAttachmentStore
// ---------------------------------------------------------------------------

/// Where attachment "bytes" live in tests (the SDK tests' `InMemoryFileStore`):
/// ids `atc_1`, `atc_2`, ...; uploads described as a PUT with one header;
/// images get a preview URL; every record carries `{"source":"test"}` metadata.
#[derive(Default)]
pub struct MemoryAttachmentStore {
    files: Mutex<HashMap<String, Attachment>>,
}

impl MemoryAttachmentStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a file as if it had been uploaded earlier.
    pub fn insert(&self, attachment: Attachment) {
        self.files
            .lock()
            .unwrap()
            .insert(attachment.id().to_string(), attachment);
    }

    /// The record kept for `id`, metadata included.
    pub fn get(&self, id: &str) -> Option<Attachment> {
        self.files.lock().unwrap().get(id).cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.files.lock().unwrap().is_empty()
    }
}

#[async_trait]
impl AttachmentStore<Ctx> for MemoryAttachmentStore {
    async fn create_attachment(
        &self,
        params: &AttachmentCreateParams,
        _ctx: &Ctx,
    ) -> Result<Attachment, StoreError> {
        let mut files = self.files.lock().unwrap();
        let id = format!("atc_{}", files.len() + 1);
        let upload_descriptor = Some(UploadDescriptor {
            url: format!("https://example.com/{id}/upload"),
            method: UploadMethod::Put,
            headers: [("X-My-Header".to_string(), "my-value".to_string())]
                .into_iter()
                .collect(),
        });
        let metadata = Some(
            json!({"source": "test"})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
        let attachment = if params.mime_type.starts_with("image/") {
            Attachment::Image(ImageAttachment {
                preview_url: format!("https://example.com/{id}/preview"),
                id: id.clone(),
                name: params.name.clone(),
                mime_type: params.mime_type.clone(),
                upload_descriptor,
                thread_id: None,
                metadata,
            })
        } else {
            Attachment::File(FileAttachment {
                id: id.clone(),
                name: params.name.clone(),
                mime_type: params.mime_type.clone(),
                upload_descriptor,
                thread_id: None,
                metadata,
            })
        };
        files.insert(id, attachment.clone());
        Ok(attachment)
    }

    async fn delete_attachment(&self, attachment_id: &str, _ctx: &Ctx) -> Result<(), StoreError> {
        match self.files.lock().unwrap().remove(attachment_id) {
            Some(_) => Ok(()),
            None => Err(StoreError::attachment_not_found(attachment_id)),
        }
    }
}

// ---------------------------------------------------------------------------
// TestServer
// ---------------------------------------------------------------------------

/// What `respond` was called with.
pub struct RespondCall {
    /// The thread the driver shares with the hook; change it to update the thread.
    pub thread: ThreadCell,
    pub thread_id: String,
    pub input: Option<UserMessageItem>,
    pub ctx: Ctx,
}

/// What `action` was called with.
pub struct ActionCall {
    pub thread: ThreadCell,
    pub thread_id: String,
    pub action: Action,
    pub sender: Option<WidgetItem>,
    pub ctx: Ctx,
}

/// One `items.feedback` the server received.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    pub thread_id: String,
    pub item_ids: Vec<String>,
    pub kind: FeedbackKind,
    pub ctx: Ctx,
}

type RespondHook = Box<dyn Fn(RespondCall) -> EventStream + Send + Sync>;
type ActionHook = Box<dyn Fn(ActionCall) -> EventStream + Send + Sync>;
type SyncActionHook = Box<
    dyn Fn(
            &ThreadMetadata,
            Action,
            Option<WidgetItem>,
        ) -> Result<SyncCustomActionResponse, ProcessError>
        + Send
        + Sync,
>;
type TranscribeHook = Box<dyn Fn(&AudioInput) -> TranscriptionResult + Send + Sync>;

/// Every call the server received, in order.
#[derive(Default)]
struct Calls {
    respond: Vec<(Option<UserMessageItem>, Ctx)>,
    action: Vec<(Action, Option<WidgetItem>, Ctx)>,
    sync_action: Vec<(Action, Option<WidgetItem>, Ctx)>,
    feedback: Vec<Feedback>,
    transcribe: Vec<(AudioInput, Ctx)>,
}

/// A [`ChatKitServer`] whose hooks run the closures a test gives it. Unset
/// hooks behave like the SDK test fixture's: `respond` streams nothing,
/// `action`/`sync_action` fail, `transcribe` is unsupported. Every call is
/// recorded, and every hook stream is tracked so a test can see it dropped.
pub struct TestServer {
    respond: RespondHook,
    action: Option<ActionHook>,
    sync_action: Option<SyncActionHook>,
    transcribe: Option<TranscribeHook>,
    allow_cancel: bool,
    calls: Mutex<Calls>,
    live_hooks: Arc<AtomicUsize>,
}

impl Default for TestServer {
    fn default() -> Self {
        TestServer {
            respond: Box::new(|_| Box::pin(futures::stream::empty())),
            action: None,
            sync_action: None,
            transcribe: None,
            allow_cancel: true,
            calls: Mutex::default(),
            live_hooks: Arc::default(),
        }
    }
}

impl TestServer {
    pub fn new() -> Self {
        Self::default()
    }

    /// `respond` runs `hook`.
    pub fn respond(
        mut self,
        hook: impl Fn(RespondCall) -> EventStream + Send + Sync + 'static,
    ) -> Self {
        self.respond = Box::new(hook);
        self
    }

    /// `respond` plays `steps` (built per call, as items need the thread id).
    pub fn respond_script(
        self,
        steps: impl Fn(&RespondCall) -> Vec<Step> + Send + Sync + 'static,
    ) -> Self {
        self.respond(move |call| script(&call.thread, steps(&call)))
    }

    /// `action` runs `hook`.
    pub fn action(
        mut self,
        hook: impl Fn(ActionCall) -> EventStream + Send + Sync + 'static,
    ) -> Self {
        self.action = Some(Box::new(hook));
        self
    }

    /// `sync_action` runs `hook`.
    pub fn sync_action(
        mut self,
        hook: impl Fn(
            &ThreadMetadata,
            Action,
            Option<WidgetItem>,
        ) -> Result<SyncCustomActionResponse, ProcessError>
        + Send
        + Sync
        + 'static,
    ) -> Self {
        self.sync_action = Some(Box::new(hook));
        self
    }

    /// `transcribe` runs `hook`.
    pub fn transcribe(
        mut self,
        hook: impl Fn(&AudioInput) -> TranscriptionResult + Send + Sync + 'static,
    ) -> Self {
        self.transcribe = Some(Box::new(hook));
        self
    }

    /// What `stream_options` answers with.
    pub fn allow_cancel(mut self, allow_cancel: bool) -> Self {
        self.allow_cancel = allow_cancel;
        self
    }

    fn calls(&self) -> std::sync::MutexGuard<'_, Calls> {
        self.calls.lock().unwrap()
    }

    /// The `input` of every `respond` call.
    pub fn respond_inputs(&self) -> Vec<Option<UserMessageItem>> {
        self.calls()
            .respond
            .iter()
            .map(|(input, _)| input.clone())
            .collect()
    }

    /// The context of every `respond` call.
    pub fn respond_contexts(&self) -> Vec<Ctx> {
        self.calls()
            .respond
            .iter()
            .map(|(_, ctx)| ctx.clone())
            .collect()
    }

    /// Every `action` call: the action and its sender.
    pub fn actions(&self) -> Vec<(Action, Option<WidgetItem>)> {
        self.calls()
            .action
            .iter()
            .map(|(a, s, _)| (a.clone(), s.clone()))
            .collect()
    }

    /// Every `sync_action` call: the action and its sender.
    pub fn sync_actions(&self) -> Vec<(Action, Option<WidgetItem>)> {
        self.calls()
            .sync_action
            .iter()
            .map(|(a, s, _)| (a.clone(), s.clone()))
            .collect()
    }

    /// Every `add_feedback` call.
    pub fn feedback(&self) -> Vec<Feedback> {
        self.calls().feedback.clone()
    }

    /// Every `transcribe` call.
    pub fn transcriptions(&self) -> Vec<(AudioInput, Ctx)> {
        self.calls().transcribe.clone()
    }

    /// How many hook streams exist and have not been dropped yet.
    pub fn live_hooks(&self) -> usize {
        self.live_hooks.load(Ordering::SeqCst)
    }

    /// Counts `stream` as live until it is dropped.
    fn tracked(&self, stream: EventStream) -> EventStream {
        let live = LiveHook::new(self.live_hooks.clone());
        Box::pin(stream.map(move |event| {
            let _alive_while_the_stream_is = &live;
            event
        }))
    }
}

/// Holds a count up while a hook stream exists.
struct LiveHook(Arc<AtomicUsize>);

impl LiveHook {
    fn new(count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        LiveHook(count)
    }
}

impl Drop for LiveHook {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn thread_id_of(thread: &ThreadCell) -> String {
    thread.lock().unwrap().id.clone()
}

#[async_trait]
impl ChatKitServer<Ctx> for TestServer {
    fn respond(&self, thread: ThreadCell, input: Option<UserMessageItem>, ctx: Ctx) -> EventStream {
        self.calls().respond.push((input.clone(), ctx.clone()));
        let thread_id = thread_id_of(&thread);
        let stream = (self.respond)(RespondCall {
            thread,
            thread_id,
            input,
            ctx,
        });
        self.tracked(stream)
    }

    fn action(
        &self,
        thread: ThreadCell,
        action: Action,
        sender: Option<WidgetItem>,
        ctx: Ctx,
    ) -> EventStream {
        self.calls()
            .action
            .push((action.clone(), sender.clone(), ctx.clone()));
        let stream = match &self.action {
            Some(hook) => {
                let thread_id = thread_id_of(&thread);
                hook(ActionCall {
                    thread,
                    thread_id,
                    action,
                    sender,
                    ctx,
                })
            }
            None => failing(HookError::Other(anyhow::anyhow!(
                "action_callback not wired up"
            ))),
        };
        self.tracked(stream)
    }

    async fn sync_action(
        &self,
        thread: &ThreadMetadata,
        action: Action,
        sender: Option<WidgetItem>,
        ctx: &Ctx,
    ) -> Result<SyncCustomActionResponse, ProcessError> {
        self.calls()
            .sync_action
            .push((action.clone(), sender.clone(), ctx.clone()));
        match &self.sync_action {
            Some(hook) => hook(thread, action, sender),
            None => Err(ProcessError::Unsupported(
                "sync_action_callback not wired up".into(),
            )),
        }
    }

    async fn add_feedback(
        &self,
        thread_id: &str,
        item_ids: &[String],
        kind: FeedbackKind,
        ctx: &Ctx,
    ) -> Result<(), ProcessError> {
        self.calls().feedback.push(Feedback {
            thread_id: thread_id.to_string(),
            item_ids: item_ids.to_vec(),
            kind,
            ctx: ctx.clone(),
        });
        Ok(())
    }

    async fn transcribe(
        &self,
        audio: AudioInput,
        ctx: &Ctx,
    ) -> Result<TranscriptionResult, ProcessError> {
        self.calls().transcribe.push((audio.clone(), ctx.clone()));
        match &self.transcribe {
            Some(hook) => Ok(hook(&audio)),
            None => Err(ProcessError::Unsupported(
                "transcription is not supported".into(),
            )),
        }
    }

    fn stream_options(&self, _thread: &ThreadMetadata, _ctx: &Ctx) -> StreamOptions {
        StreamOptions {
            allow_cancel: self.allow_cancel,
        }
    }
}

// ---------------------------------------------------------------------------
// Scripted hooks
// ---------------------------------------------------------------------------

/// One step of a scripted hook.
// Test scripts are short; boxing events would only make them harder to read.
#[allow(clippy::large_enum_variant)]
pub enum Step {
    /// Yield an event.
    Emit(ThreadStreamEvent),
    /// Change the thread (title, status, metadata, ...) without yielding.
    Change(Box<dyn FnOnce(&mut ThreadMetadata) + Send>),
    /// Raise an error: the stream ends with it.
    Fail(HookError),
    /// Wait until the test calls `notify_one`.
    WaitFor(Arc<Notify>),
    /// Never go on (until dropped).
    Hang,
}

impl Step {
    pub fn change(change: impl FnOnce(&mut ThreadMetadata) + Send + 'static) -> Self {
        Step::Change(Box::new(change))
    }
}

/// A hook stream that plays `steps` against `thread`.
pub fn script(thread: &ThreadCell, steps: Vec<Step>) -> EventStream {
    let thread = thread.clone();
    Box::pin(async_stream::stream! {
        for step in steps {
            match step {
                Step::Emit(event) => yield Ok(event),
                Step::Change(change) => change(&mut thread.lock().unwrap()),
                Step::Fail(error) => {
                    yield Err(error);
                    return;
                }
                Step::WaitFor(notify) => notify.notified().await,
                Step::Hang => futures::future::pending::<()>().await,
            }
        }
    })
}

/// A hook stream that yields these events.
pub fn events(events: Vec<ThreadStreamEvent>) -> EventStream {
    Box::pin(futures::stream::iter(events.into_iter().map(Ok)))
}

/// A hook stream that fails at once.
pub fn failing(error: HookError) -> EventStream {
    Box::pin(futures::stream::once(async move { Err(error) }))
}

// ---------------------------------------------------------------------------
// Items and events
// ---------------------------------------------------------------------------

pub fn assistant_message(thread_id: &str, id: &str, text: &str) -> ThreadItem {
    ThreadItem::AssistantMessage(AssistantMessageItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        content: vec![AssistantMessageContent::text(text)],
    })
}

pub fn user_message(thread_id: &str, id: &str, text: &str) -> ThreadItem {
    ThreadItem::UserMessage(UserMessageItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        content: vec![UserMessageContent::text(text)],
        attachments: Vec::new(),
        quoted_text: None,
        inference_options: InferenceOptions::default(),
    })
}

pub fn widget_item(thread_id: &str, id: &str, widget: impl Into<WidgetRoot>) -> ThreadItem {
    ThreadItem::Widget(WidgetItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        widget: widget.into(),
        copy_text: None,
    })
}

pub fn client_tool_call(
    thread_id: &str,
    id: &str,
    call_id: &str,
    name: &str,
    arguments: Value,
) -> ThreadItem {
    ThreadItem::ClientToolCall(ClientToolCallItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        status: ClientToolCallStatus::Pending,
        call_id: call_id.to_string(),
        name: name.to_string(),
        arguments: arguments.as_object().cloned().unwrap_or_default(),
        output: None,
    })
}

pub fn structured_input(thread_id: &str, id: &str, inputs: Vec<StructuredInput>) -> ThreadItem {
    ThreadItem::StructuredInput(StructuredInputItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        status: StructuredInputStatus::Pending,
        inputs,
    })
}

pub fn hidden_context(thread_id: &str, id: &str, content: Value) -> ThreadItem {
    ThreadItem::HiddenContext(HiddenContextItem {
        id: id.to_string(),
        thread_id: thread_id.to_string(),
        created_at: Timestamp::now(),
        content,
    })
}

pub fn added(item: ThreadItem) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemAdded { item }
}

pub fn done(item: ThreadItem) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemDone { item }
}

pub fn updated(item_id: &str, update: ThreadItemUpdate) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemUpdated {
        item_id: item_id.to_string(),
        update,
    }
}

pub fn replaced(item: ThreadItem) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemReplaced { item }
}

pub fn removed(item_id: &str) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemRemoved {
        item_id: item_id.to_string(),
    }
}

/// An event's wire `type`.
pub fn kind(event: &ThreadStreamEvent) -> String {
    let json = serde_json::to_value(event).expect("events serialize");
    json["type"]
        .as_str()
        .expect("events have a type")
        .to_string()
}

/// The wire `type` of each event.
pub fn kinds(events: &[ThreadStreamEvent]) -> Vec<String> {
    events.iter().map(kind).collect()
}

/// An event as the compact JSON the SDK writes.
pub fn to_json(event: &ThreadStreamEvent) -> String {
    serde_json::to_string(event).expect("events serialize")
}

/// The thread of the `thread.created` event.
pub fn created_thread(events: &[ThreadStreamEvent]) -> Thread {
    events
        .iter()
        .find_map(|event| match event {
            ThreadStreamEvent::ThreadCreated { thread } => Some(thread.clone()),
            _ => None,
        })
        .expect("a thread.created event")
}

/// The items of every `thread.item.done` event.
pub fn done_items(events: &[ThreadStreamEvent]) -> Vec<ThreadItem> {
    events
        .iter()
        .filter_map(|event| match event {
            ThreadStreamEvent::ThreadItemDone { item } => Some(item.clone()),
            _ => None,
        })
        .collect()
}

/// The text of an assistant or user message.
pub fn text_of(item: &ThreadItem) -> String {
    match item {
        ThreadItem::AssistantMessage(message) => message.text(),
        ThreadItem::UserMessage(message) => message.text(),
        other => panic!("{} has no text", other.type_name()),
    }
}

/// Whether `id` is `<prefix>_` followed by 16 lowercase hex digits.
pub fn is_generated_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|hex| {
            hex.len() == 16
                && hex
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        })
}

// ---------------------------------------------------------------------------
// Requests, as a client sends them
// ---------------------------------------------------------------------------

/// Bodies of ChatKit requests.
pub mod request {
    use serde_json::{Value, json};

    /// A `UserMessageInput` with one text part.
    pub fn input(text: &str) -> Value {
        json!({"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}})
    }

    pub fn create(text: &str) -> Value {
        create_with(input(text))
    }

    pub fn create_with(input: Value) -> Value {
        json!({"type": "threads.create", "params": {"input": input}})
    }

    pub fn add_user_message(thread_id: &str, text: &str) -> Value {
        add_user_message_with(thread_id, input(text))
    }

    pub fn add_user_message_with(thread_id: &str, input: Value) -> Value {
        json!({"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": input}})
    }

    pub fn add_client_tool_output(thread_id: &str, result: Value) -> Value {
        json!({"type": "threads.add_client_tool_output", "params": {"thread_id": thread_id, "result": result}})
    }

    pub fn add_structured_input(thread_id: &str, item_id: &str, input: Value) -> Value {
        json!({"type": "threads.add_structured_input", "params": {"thread_id": thread_id, "item_id": item_id, "input": input}})
    }

    pub fn retry_after_item(thread_id: &str, item_id: &str) -> Value {
        json!({"type": "threads.retry_after_item", "params": {"thread_id": thread_id, "item_id": item_id}})
    }

    pub fn custom_action(thread_id: &str, item_id: Option<&str>, action: Value) -> Value {
        json!({"type": "threads.custom_action", "params": {"thread_id": thread_id, "item_id": item_id, "action": action}})
    }

    pub fn sync_custom_action(thread_id: &str, item_id: Option<&str>, action: Value) -> Value {
        json!({"type": "threads.sync_custom_action", "params": {"thread_id": thread_id, "item_id": item_id, "action": action}})
    }

    pub fn get_by_id(thread_id: &str) -> Value {
        json!({"type": "threads.get_by_id", "params": {"thread_id": thread_id}})
    }

    pub fn list_threads(params: Value) -> Value {
        json!({"type": "threads.list", "params": params})
    }

    pub fn update_thread(thread_id: &str, title: &str) -> Value {
        json!({"type": "threads.update", "params": {"thread_id": thread_id, "title": title}})
    }

    pub fn delete_thread(thread_id: &str) -> Value {
        json!({"type": "threads.delete", "params": {"thread_id": thread_id}})
    }

    pub fn list_items(thread_id: &str, after: Option<&str>) -> Value {
        json!({"type": "items.list", "params": {"thread_id": thread_id, "after": after}})
    }

    pub fn feedback(thread_id: &str, item_ids: &[&str], kind: &str) -> Value {
        json!({"type": "items.feedback", "params": {"thread_id": thread_id, "item_ids": item_ids, "kind": kind}})
    }

    pub fn create_attachment(name: &str, size: u64, mime_type: &str) -> Value {
        json!({"type": "attachments.create", "params": {"name": name, "size": size, "mime_type": mime_type}})
    }

    pub fn delete_attachment(attachment_id: &str) -> Value {
        json!({"type": "attachments.delete", "params": {"attachment_id": attachment_id}})
    }

    pub fn transcribe(audio_base64: &str, mime_type: &str) -> Value {
        json!({"type": "input.transcribe", "params": {"audio_base64": audio_base64, "mime_type": mime_type}})
    }
}

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// A ChatKit endpoint over a [`MemoryStore`] and a [`TestServer`], driven
/// with raw request bodies as `test_user` unless told otherwise.
pub struct Harness {
    pub store: Arc<MemoryStore>,
    pub server: Arc<TestServer>,
    pub attachments: Option<Arc<MemoryAttachmentStore>>,
    pub kit: ChatKit<Ctx>,
    pub ctx: Ctx,
}

impl Harness {
    pub fn new(server: TestServer) -> Self {
        Self::build(MemoryStore::new(), server, None)
    }

    pub fn with_store(store: MemoryStore, server: TestServer) -> Self {
        Self::build(store, server, None)
    }

    pub fn with_attachments(server: TestServer) -> Self {
        Self::build(
            MemoryStore::new(),
            server,
            Some(Arc::new(MemoryAttachmentStore::new())),
        )
    }

    fn build(
        store: MemoryStore,
        server: TestServer,
        attachments: Option<Arc<MemoryAttachmentStore>>,
    ) -> Self {
        let store = Arc::new(store);
        let server = Arc::new(server);
        let mut kit = ChatKit::new(store.clone(), server.clone());
        if let Some(attachments) = &attachments {
            kit = kit.with_attachment_store(attachments.clone());
        }
        Harness {
            store,
            server,
            attachments,
            kit,
            ctx: default_ctx(),
        }
    }

    /// `process` for `ctx`.
    pub async fn process_as(
        &self,
        request: &Value,
        ctx: &Ctx,
    ) -> Result<ProcessResult, ProcessError> {
        self.kit
            .process(request.to_string().as_bytes(), ctx.clone())
            .await
    }

    pub async fn process(&self, request: &Value) -> Result<ProcessResult, ProcessError> {
        self.process_as(request, &self.ctx).await
    }

    /// The event stream of a streaming request, not yet consumed.
    pub async fn open_stream(
        &self,
        request: &Value,
    ) -> futures::stream::BoxStream<'static, ThreadStreamEvent> {
        match self.process(request).await {
            Ok(ProcessResult::Stream(stream)) => stream,
            other => panic!("expected a stream for {request}, got {other:?}"),
        }
    }

    /// Every event of a streaming request, for `ctx`.
    pub async fn stream_as(&self, request: &Value, ctx: &Ctx) -> Vec<ThreadStreamEvent> {
        match self.process_as(request, ctx).await {
            Ok(ProcessResult::Stream(stream)) => stream.collect().await,
            other => panic!("expected a stream for {request}, got {other:?}"),
        }
    }

    pub async fn stream(&self, request: &Value) -> Vec<ThreadStreamEvent> {
        self.stream_as(request, &self.ctx).await
    }

    /// The raw body of a non-streaming request.
    pub async fn body(&self, request: &Value) -> Bytes {
        match self.process(request).await {
            Ok(ProcessResult::Json(body)) => body,
            other => panic!("expected JSON for {request}, got {other:?}"),
        }
    }

    /// The body of a non-streaming request, parsed.
    pub async fn json(&self, request: &Value) -> Value {
        serde_json::from_slice(&self.body(request).await).expect("the body is JSON")
    }

    /// The body of a non-streaming request, as a `T`.
    pub async fn typed<T: serde::de::DeserializeOwned>(&self, request: &Value) -> T {
        serde_json::from_slice(&self.body(request).await).expect("the body parses")
    }

    /// Why a request was refused (it must be).
    pub async fn error_as(&self, request: &Value, ctx: &Ctx) -> ProcessError {
        match self.process_as(request, ctx).await {
            Err(error) => error,
            Ok(result) => panic!("expected {request} to be refused, got {result:?}"),
        }
    }

    pub async fn error(&self, request: &Value) -> ProcessError {
        self.error_as(request, &self.ctx).await
    }

    /// Creates a thread with `text` as its first message; its events and thread.
    pub async fn start_thread(&self, text: &str) -> (Thread, Vec<ThreadStreamEvent>) {
        let events = self.stream(&request::create(text)).await;
        (created_thread(&events), events)
    }

    /// Every stored item of the thread, hidden ones included, oldest first.
    pub fn stored_items(&self, thread_id: &str) -> Vec<ThreadItem> {
        self.store.items(&self.ctx, thread_id)
    }

    /// `items.list` (newest first, hidden items filtered) as items.
    pub async fn listed_items(&self, thread_id: &str) -> Page<ThreadItem> {
        self.typed(&request::list_items(thread_id, None)).await
    }
}

/// Waits (up to 5 s) until `check` holds; work the driver spawns, such as
/// saving a cancelled stream, finishes a little after the stream is dropped.
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !check() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting until {what}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}
