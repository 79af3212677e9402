//! The hooks an application implements to answer over ChatKit.
//!
//! The driver ([`crate::ChatKit`]) does the protocol work — parsing, loading,
//! persisting, event order — and calls these hooks for what only the app
//! knows: what to answer.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use futures::stream::BoxStream;

use crate::error::{HookError, ProcessError};
use crate::types::{
    Action, AudioInput, FeedbackKind, StreamOptions, SyncCustomActionResponse, ThreadMetadata,
    ThreadStreamEvent, TranscriptionResult, UserMessageItem, WidgetItem,
};

/// The events a hook streams. An `Err` ends the stream with an `error` event.
pub type EventStream = BoxStream<'static, Result<ThreadStreamEvent, HookError>>;

/// The thread a hook is answering in, shared with the driver. A hook may change
/// its title, status, metadata or allowed image domains; the driver notices
/// after the next event, saves it and sends `thread.updated`, as the SDK does.
pub type ThreadCell = Arc<Mutex<ThreadMetadata>>;

/// Lock the thread. A poisoned lock only means a hook panicked mid-update;
/// the metadata is still usable, so it is recovered rather than propagated.
pub fn lock_thread(cell: &ThreadCell) -> std::sync::MutexGuard<'_, ThreadMetadata> {
    cell.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An application's answers to ChatKit requests. `C` is the per-request
/// context (typically the authenticated user).
#[async_trait]
pub trait ChatKitServer<C: Clone + Send + Sync + 'static>: Send + Sync + 'static {
    /// Answer a user message (`input` is `None` after a client tool output or a
    /// structured-input submission, where the thread itself says what to do).
    fn respond(&self, thread: ThreadCell, input: Option<UserMessageItem>, ctx: C) -> EventStream;

    /// Handle a widget action sent with `threads.custom_action`. `sender` is the
    /// widget item that fired it, when the client named one.
    fn action(
        &self,
        _thread: ThreadCell,
        action: Action,
        _sender: Option<WidgetItem>,
        _ctx: C,
    ) -> EventStream {
        let message = format!(
            "This assistant does not handle the action \"{}\".",
            action.kind
        );
        Box::pin(futures::stream::once(async move {
            Err(HookError::custom(message, false))
        }))
    }

    /// Handle a widget action sent with `threads.sync_custom_action`. The driver
    /// does not persist `updated_item`; save it here if it should last.
    async fn sync_action(
        &self,
        _thread: &ThreadMetadata,
        action: Action,
        _sender: Option<WidgetItem>,
        _ctx: &C,
    ) -> Result<SyncCustomActionResponse, ProcessError> {
        Err(ProcessError::Unsupported(format!(
            "synchronous action \"{}\" is not supported",
            action.kind
        )))
    }

    /// Record feedback on items (`items.feedback`). Default: accepted and ignored.
    async fn add_feedback(
        &self,
        _thread_id: &str,
        _item_ids: &[String],
        _kind: FeedbackKind,
        _ctx: &C,
    ) -> Result<(), ProcessError> {
        Ok(())
    }

    /// Turn speech into text (`input.transcribe`).
    async fn transcribe(
        &self,
        _audio: AudioInput,
        _ctx: &C,
    ) -> Result<TranscriptionResult, ProcessError> {
        Err(ProcessError::Unsupported(
            "transcription is not supported by this server".into(),
        ))
    }

    /// Options sent first on every response stream (default: cancellable).
    fn stream_options(&self, _thread: &ThreadMetadata, _ctx: &C) -> StreamOptions {
        StreamOptions { allow_cancel: true }
    }
}
