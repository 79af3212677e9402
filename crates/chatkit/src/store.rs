//! The persistence contract: where threads, items and attachments live.
//!
//! Every call takes the request context `C`; an implementation scopes every
//! row by the user it names, so another user's ids behave as if they did not
//! exist (`load_thread` → [`StoreError::NotFound`], `load_thread_items` → an
//! empty page).

use async_trait::async_trait;

use crate::error::StoreError;
use crate::types::{Attachment, AttachmentCreateParams, Page, ThreadItem, ThreadMetadata};

/// What an id is generated for; selects the SDK's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Thread,
    Message,
    ToolCall,
    Task,
    Workflow,
    Attachment,
    SdkHiddenContext,
}

impl ItemKind {
    /// The id prefix the SDK uses for this kind (`thr`, `msg`, ...).
    pub fn prefix(self) -> &'static str {
        match self {
            ItemKind::Thread => "thr",
            ItemKind::Message => "msg",
            ItemKind::ToolCall => "tc",
            ItemKind::Task => "tsk",
            ItemKind::Workflow => "wf",
            ItemKind::Attachment => "atc",
            ItemKind::SdkHiddenContext => "shcx",
        }
    }
}

/// Sort order of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Oldest first.
    Asc,
    /// Newest first (the protocol's default).
    #[default]
    Desc,
}

/// Threads, items and attachment metadata, scoped by the context's user.
///
/// Pages follow the protocol's contract: `after` is the id of the last element
/// of the previous page and the next page starts strictly after it in the
/// requested order; `has_more` is true iff more elements exist, and the
/// returned `after` is the last id of `data` when `has_more`, else `None`.
/// Order is insertion order (ties in `created_at` cannot reorder a thread).
#[async_trait]
pub trait Store<C: Send + Sync>: Send + Sync + 'static {
    /// A new thread id (default `thr_…`).
    fn generate_thread_id(&self, _ctx: &C) -> String {
        crate::ids::generate(ItemKind::Thread)
    }

    /// A new item id for `kind` in `thread_id` (default `<prefix>_…`).
    fn generate_item_id(&self, kind: ItemKind, _thread_id: &str, _ctx: &C) -> String {
        crate::ids::generate(kind)
    }

    async fn load_thread(&self, thread_id: &str, ctx: &C) -> Result<ThreadMetadata, StoreError>;
    /// Insert or update the thread's metadata (title, status, metadata, image domains).
    async fn save_thread(&self, thread: &ThreadMetadata, ctx: &C) -> Result<(), StoreError>;
    async fn load_threads(
        &self,
        limit: usize,
        after: Option<&str>,
        order: Order,
        ctx: &C,
    ) -> Result<Page<ThreadMetadata>, StoreError>;
    /// Delete the thread and all its items. Deleting an unknown thread is not an error.
    async fn delete_thread(&self, thread_id: &str, ctx: &C) -> Result<(), StoreError>;

    /// A page of the thread's items, hidden ones included.
    async fn load_thread_items(
        &self,
        thread_id: &str,
        after: Option<&str>,
        limit: usize,
        order: Order,
        ctx: &C,
    ) -> Result<Page<ThreadItem>, StoreError>;
    /// Insert a new item at the end of the thread.
    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError>;
    /// Insert or replace an item by id, keeping its position when it exists.
    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &C,
    ) -> Result<(), StoreError>;
    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<ThreadItem, StoreError>;
    /// Delete one item. Deleting an unknown item is not an error.
    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &C,
    ) -> Result<(), StoreError>;

    /// Insert or update an attachment's metadata.
    async fn save_attachment(&self, attachment: &Attachment, ctx: &C) -> Result<(), StoreError>;
    async fn load_attachment(&self, attachment_id: &str, ctx: &C)
    -> Result<Attachment, StoreError>;
    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError>;
}

/// Where attachment bytes live (two-phase uploads). Optional: without one,
/// `attachments.*` requests are answered as unsupported.
#[async_trait]
pub trait AttachmentStore<C: Send + Sync>: Send + Sync + 'static {
    /// Create the attachment record and say where the client uploads the bytes.
    async fn create_attachment(
        &self,
        params: &AttachmentCreateParams,
        ctx: &C,
    ) -> Result<Attachment, StoreError>;
    /// Delete the attachment's bytes.
    async fn delete_attachment(&self, attachment_id: &str, ctx: &C) -> Result<(), StoreError>;
}
