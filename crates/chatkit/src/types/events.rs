//! The events a streaming response sends, one per SSE `data:` line.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Thread, ThreadItem, ThreadItemUpdate};

/// One server-sent event. `type` is written first, as the SDK does.
#[allow(
    clippy::large_enum_variant,
    reason = "widget roots are large; items move rarely enough that boxing is not worth the noise"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ThreadStreamEvent {
    /// A thread was created (sent before anything else on `threads.create`).
    #[serde(rename = "thread.created")]
    ThreadCreated {
        /// The thread, with an empty page of items.
        thread: Thread,
    },
    /// The thread's title, status or image domains changed (already saved).
    #[serde(rename = "thread.updated")]
    ThreadUpdated {
        /// The thread, with an empty page of items.
        thread: Thread,
    },
    /// An item started streaming; not saved until `thread.item.done`.
    #[serde(rename = "thread.item.added")]
    ThreadItemAdded {
        /// The item as it starts.
        item: ThreadItem,
    },
    /// A change to a pending item.
    #[serde(rename = "thread.item.updated")]
    ThreadItemUpdated {
        /// The pending item's id.
        item_id: String,
        /// The change.
        update: ThreadItemUpdate,
    },
    /// An item is complete; the driver inserts it.
    #[serde(rename = "thread.item.done")]
    ThreadItemDone {
        /// The final item.
        item: ThreadItem,
    },
    /// An item was removed; the driver deletes it.
    #[serde(rename = "thread.item.removed")]
    ThreadItemRemoved {
        /// The removed item's id.
        item_id: String,
    },
    /// An item was replaced (even by another type); the driver upserts it.
    #[serde(rename = "thread.item.replaced")]
    ThreadItemReplaced {
        /// The new item.
        item: ThreadItem,
    },
    /// Options for this stream; the first event of every response stream.
    #[serde(rename = "stream_options")]
    StreamOptions {
        /// The options.
        stream_options: StreamOptions,
    },
    /// A transient status line ("Searching…").
    #[serde(rename = "progress_update")]
    ProgressUpdate {
        /// An icon name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<String>,
        /// The status text.
        text: String,
    },
    /// Asks the client page to do something (its `onEffect` handler).
    #[serde(rename = "client_effect")]
    ClientEffect {
        /// The effect name.
        name: String,
        /// Its data.
        #[serde(default)]
        data: Map<String, Value>,
    },
    /// The response failed; the stream ends after this.
    #[serde(rename = "error")]
    Error(ErrorEvent),
    /// A notice banner.
    #[serde(rename = "notice")]
    Notice {
        /// How prominent.
        level: NoticeLevel,
        /// The text (markdown).
        message: String,
        /// A title.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
    },
}

impl ThreadStreamEvent {
    /// Removes server-only attachment metadata from the items it carries; call before sending.
    pub fn strip_attachment_metadata(&mut self) {
        match self {
            ThreadStreamEvent::ThreadCreated { thread }
            | ThreadStreamEvent::ThreadUpdated { thread } => thread
                .items
                .data
                .iter_mut()
                .for_each(ThreadItem::strip_attachment_metadata),
            ThreadStreamEvent::ThreadItemAdded { item }
            | ThreadStreamEvent::ThreadItemDone { item }
            | ThreadStreamEvent::ThreadItemReplaced { item } => item.strip_attachment_metadata(),
            _ => {}
        }
    }
}

/// Settings for one response stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamOptions {
    /// Whether the client shows a stop button.
    pub allow_cancel: bool,
}

impl Default for StreamOptions {
    fn default() -> Self {
        StreamOptions { allow_cancel: true }
    }
}

/// The body of an `error` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorEvent {
    /// `stream.error` (the client shows its own text) or `custom` (shows `message`).
    #[serde(default)]
    pub code: ErrorCode,
    /// The message shown for `custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether the client offers a retry button.
    #[serde(default)]
    pub allow_retry: bool,
}

impl ErrorEvent {
    /// A user-facing message (`CustomStreamError`).
    pub fn custom(message: impl Into<String>, allow_retry: bool) -> Self {
        ErrorEvent {
            code: ErrorCode::Custom,
            message: Some(message.into()),
            allow_retry,
        }
    }

    /// A coded error the client localises (`StreamError`).
    pub fn stream_error(allow_retry: bool) -> Self {
        ErrorEvent {
            code: ErrorCode::StreamError,
            message: None,
            allow_retry,
        }
    }
}

/// The code of an `error` event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// `stream.error`: generic failure.
    #[serde(rename = "stream.error")]
    StreamError,
    /// `custom`: show the event's message.
    #[default]
    #[serde(rename = "custom")]
    Custom,
}

/// How prominent a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeLevel {
    /// Informational.
    Info,
    /// A warning.
    Warning,
    /// Something went wrong.
    Danger,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Observed SDK events (chatkit-protocol.md §3), without the `data: ` prefix.
    const OBSERVED: &[&str] = &[
        r#"{"type":"thread.created","thread":{"id":"thr_32c4cc9c","created_at":"2026-11-23T20:05:19.087892","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}}"#,
        r#"{"type":"stream_options","stream_options":{"allow_cancel":true}}"#,
        r#"{"type":"thread.item.updated","item_id":"msg_367fd453","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"Added "}}"#,
        r#"{"type":"thread.updated","thread":{"title":"New title","id":"thr_666e2de8","created_at":"2026-11-23T20:07:59.573702","status":{"type":"active"},"metadata":{},"items":{"data":[],"has_more":false}}}"#,
        r#"{"type":"progress_update","icon":"search","text":"Searching"}"#,
        r#"{"type":"client_effect","name":"fx","data":{"a":1}}"#,
        r#"{"type":"notice","level":"warning","message":"hi **md**","title":"T"}"#,
        r#"{"type":"thread.item.removed","item_id":"msg_1"}"#,
        r#"{"type":"error","code":"custom","message":"Nope","allow_retry":true}"#,
    ];

    /// The other events and updates, in the SDK's key order.
    const OTHERS: &[&str] = &[
        r#"{"type":"thread.item.added","item":{"id":"m","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"assistant_message","content":[]}}"#,
        r#"{"type":"thread.item.done","item":{"id":"e","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"end_of_turn"}}"#,
        r#"{"type":"thread.item.replaced","item":{"id":"e","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"end_of_turn"}}"#,
        r#"{"type":"error","code":"stream.error","allow_retry":true}"#,
        r#"{"type":"progress_update","text":"Working"}"#,
        r#"{"type":"client_effect","name":"fx","data":{}}"#,
        r#"{"type":"notice","level":"danger","message":"m"}"#,
        r#"{"type":"thread.item.updated","item_id":"m","update":{"type":"assistant_message.content_part.added","content_index":0,"content":{"annotations":[],"text":"","type":"output_text"}}}"#,
        r#"{"type":"thread.item.updated","item_id":"m","update":{"type":"assistant_message.content_part.annotation_added","content_index":0,"annotation_index":1,"annotation":{"type":"annotation","source":{"title":"F","type":"file","filename":"f.pdf"}}}}"#,
        r#"{"type":"thread.item.updated","item_id":"m","update":{"type":"assistant_message.content_part.done","content_index":0,"content":{"annotations":[],"text":"Hi","type":"output_text"}}}"#,
        r#"{"type":"thread.item.updated","item_id":"w","update":{"type":"widget.streaming_text.value_delta","component_id":"txt","delta":"lo,","done":false}}"#,
        r#"{"type":"thread.item.updated","item_id":"w","update":{"type":"widget.root.updated","widget":{"type":"Card","children":[]}}}"#,
        r#"{"type":"thread.item.updated","item_id":"w","update":{"type":"widget.component.updated","component_id":"txt","component":{"type":"Text","value":"v"}}}"#,
        r#"{"type":"thread.item.updated","item_id":"wf","update":{"type":"workflow.task.added","task_index":0,"task":{"status_indicator":"loading","type":"thought","content":"hmm"}}}"#,
        r#"{"type":"thread.item.updated","item_id":"wf","update":{"type":"workflow.task.updated","task_index":0,"task":{"status_indicator":"complete","type":"thought","content":"hmm"}}}"#,
        r#"{"type":"thread.item.updated","item_id":"g","update":{"type":"generated_image.updated","image":{"id":"i","url":"u"},"progress":0.5}}"#,
    ];

    #[test]
    fn events_round_trip_byte_for_byte() {
        for json in OBSERVED.iter().chain(OTHERS) {
            let event: ThreadStreamEvent = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&event).unwrap(), *json);
        }
    }

    #[test]
    fn error_events() {
        let s = |e: ErrorEvent| serde_json::to_string(&ThreadStreamEvent::Error(e)).unwrap();
        assert_eq!(
            s(ErrorEvent::custom("Nope", false)),
            r#"{"type":"error","code":"custom","message":"Nope","allow_retry":false}"#
        );
        assert_eq!(
            s(ErrorEvent::stream_error(false)),
            r#"{"type":"error","code":"stream.error","allow_retry":false}"#
        );
        let parsed: ThreadStreamEvent = serde_json::from_str(r#"{"type":"error"}"#).unwrap();
        assert_eq!(
            parsed,
            ThreadStreamEvent::Error(ErrorEvent {
                code: ErrorCode::Custom,
                message: None,
                allow_retry: false
            })
        );
    }

    #[test]
    fn unknown_event_type_is_rejected() {
        let err =
            serde_json::from_str::<ThreadStreamEvent>(r#"{"type":"thread.exploded"}"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown variant `thread.exploded`"),
            "{err}"
        );
    }
}
