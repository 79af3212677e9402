//! The ChatKit wire types: requests, stream events, threads and thread items.
//!
//! Every type serializes to the bytes the Python SDK (openai-chatkit 1.6.5)
//! writes with `by_alias=True, exclude_none=True`: `None` fields are left out,
//! empty lists and objects are kept, and keys come in the SDK's order. That
//! order is why the item, attachment, source, task and structured-input
//! structs do not use serde's internally tagged enums (which put `type`
//! first): each struct writes its own `type` where the SDK does
//! ([`wire_serialize!`]) and each union reads `type` and dispatches
//! ([`tagged_union!`]). Events, item updates, thread statuses and user content
//! put `type` first in the SDK too, so they are plain internally tagged enums.
//!
//! Input is read like pydantic's lax mode where it matters: unknown keys are
//! ignored, `null` is accepted where the SDK allows it, and `limit`/`size`
//! accept numeric strings.

/// Implements `Serialize` for a struct, writing `$before` fields, then
/// `"type": $tag`, then `$after` fields. `field = opt` marks an `Option`
/// left out when `None`. The destructuring makes forgetting a field a
/// compile error.
macro_rules! wire_serialize {
    ($ty:ident, [$($before:ident $(= $bmode:ident)?),* $(,)?], $tag:expr, [$($after:ident $(= $amode:ident)?),* $(,)?]) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let $ty { $($before,)* $($after,)* } = self;
                let len = 1 + [$(stringify!($before),)* $(stringify!($after),)*].len();
                let mut state = serializer.serialize_struct(stringify!($ty), len)?;
                $( wire_field!(state, $before $(= $bmode)?); )*
                state.serialize_field("type", $tag)?;
                $( wire_field!(state, $after $(= $amode)?); )*
                state.end()
            }
        }
    };
}

/// One field of [`wire_serialize!`].
macro_rules! wire_field {
    ($state:ident, $field:ident) => {
        $state.serialize_field(stringify!($field), $field)?;
    };
    ($state:ident, $field:ident = url) => {
        $state.serialize_field(
            stringify!($field),
            &*$crate::types::attachments::normalize_url($field),
        )?;
    };
    ($state:ident, $field:ident = opt) => {
        match $field {
            Some(value) => $state.serialize_field(stringify!($field), value)?,
            None => $state.skip_field(stringify!($field))?,
        }
    };
}

/// Declares a union of structs discriminated by their `type` key: serializes
/// as the inner struct (which writes its own `type`), deserializes by reading
/// `type` and naming unknown values in the error.
macro_rules! tagged_union {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident($inner:ty) = $tag:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($inner), )*
        }

        impl $name {
            /// Every `type` value this union accepts, in declaration order.
            pub const TYPES: &'static [&'static str] = &[$($tag),*];

            /// The wire `type` of this value.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => $tag, )*
                }
            }
        }

        $(
            impl From<$inner> for $name {
                fn from(value: $inner) -> Self {
                    $name::$variant(value)
                }
            }
        )*

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(value) => value.serialize(serializer), )*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let object = <serde_json::Map<String, serde_json::Value> as serde::Deserialize>::deserialize(deserializer)?;
                let (tag, object) = $crate::types::split_tag::<D::Error>(object)?;
                match tag.as_str() {
                    $( $tag => $crate::types::from_object(object).map($name::$variant), )*
                    other => Err(serde::de::Error::custom($crate::types::unknown_type(
                        $what,
                        other,
                        Self::TYPES,
                    ))),
                }
            }
        }
    };
}

mod attachments;
mod content;
mod events;
mod items;
mod page;
mod requests;
mod responses;
mod structured_input;
mod thread;
mod updates;
mod workflow;

pub use attachments::{
    Attachment, FileAttachment, ImageAttachment, UploadDescriptor, UploadMethod,
};
pub use content::{
    Annotation, AssistantMessageContent, EntitySource, FileSource, InferenceOptions, Source,
    ToolChoice, UrlSource, UserMessageContent,
};
pub use events::{ErrorCode, ErrorEvent, NoticeLevel, StreamOptions, ThreadStreamEvent};
pub use items::{
    AssistantMessageItem, ClientToolCallItem, ClientToolCallStatus, EndOfTurnItem, GeneratedImage,
    GeneratedImageItem, HiddenContextItem, SdkHiddenContextItem, StructuredInputItem, TaskItem,
    ThreadItem, UserMessageItem, WidgetItem, WorkflowItem,
};
pub use page::Page;
pub use requests::{
    Action, AttachmentCreateParams, AttachmentsDeleteParams, AudioInput, ChatKitRequest,
    FeedbackKind, InputTranscribeParams, ItemsFeedbackParams, ItemsListParams, ListParams,
    RequestEnvelope, RequestError, ThreadsAddClientToolOutputParams,
    ThreadsAddStructuredInputParams, ThreadsAddUserMessageParams, ThreadsCreateParams,
    ThreadsCustomActionParams, ThreadsDeleteParams, ThreadsGetByIdParams,
    ThreadsRetryAfterItemParams, ThreadsUpdateParams, UserMessageInput,
};
pub use responses::{SyncCustomActionResponse, TranscriptionResult};
pub use structured_input::{
    FreeformInput, MultipleChoiceInput, MultipleChoiceOption, StructuredInput,
    StructuredInputAnswer, StructuredInputStatus, StructuredInputSubmission, SubmissionStatus,
};
pub use thread::{Thread, ThreadMetadata, ThreadStatus};
pub use updates::ThreadItemUpdate;
pub use workflow::{
    CustomTask, FileTask, ImageTask, SearchTask, Task, TaskStatusIndicator, ThoughtTask, Workflow,
    WorkflowKind, WorkflowSummary,
};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Takes the `type` key out of an object, as the unions dispatch on it.
pub(crate) fn split_tag<E: serde::de::Error>(
    mut object: Map<String, Value>,
) -> Result<(String, Map<String, Value>), E> {
    match object.remove("type") {
        Some(Value::String(tag)) => Ok((tag, object)),
        Some(other) => Err(E::custom(format!(
            "invalid `type` {other}, expected a string"
        ))),
        None => Err(E::missing_field("type")),
    }
}

/// Deserializes a union member from its object, keeping the inner JSON path
/// in the message (`content[0].text: invalid type: ...`).
pub(crate) fn from_object<T: DeserializeOwned, E: serde::de::Error>(
    object: Map<String, Value>,
) -> Result<T, E> {
    serde_path_to_error::deserialize(Value::Object(object)).map_err(|err| E::custom(describe(&err)))
}

/// `path: message`, or just the message at the top level.
pub(crate) fn describe(err: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = err.path().to_string();
    if path == "." {
        err.inner().to_string()
    } else {
        format!("{path}: {}", err.inner())
    }
}

/// The message for a `type` value a union does not know.
pub(crate) fn unknown_type(what: &str, tag: &str, known: &[&str]) -> String {
    format!(
        "unknown {what} type {tag:?}; expected one of {}",
        known.join(", ")
    )
}
