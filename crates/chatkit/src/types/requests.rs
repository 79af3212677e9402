//! Requests: the body of every POST to the ChatKit endpoint.
//!
//! `{"type": "...", "params": {...}, "metadata": {...}}`. [`ChatKitRequest`]
//! is the typed `type` + `params`; [`RequestEnvelope`] adds the `metadata`
//! object, which the SDK parses but never uses. Parsing is pydantic-lax where
//! clients rely on it (unknown keys ignored, `limit`/`size` as numeric
//! strings) and stricter where the SDK is sloppy (negative `limit`, an action
//! without `type`).

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    InferenceOptions, StructuredInputSubmission, UserMessageContent, describe, unknown_type,
};
use crate::store::Order;

/// Why a request body was rejected; the message names the JSON path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct RequestError {
    message: String,
}

impl RequestError {
    fn new(message: impl Into<String>) -> Self {
        RequestError {
            message: message.into(),
        }
    }

    /// The human-readable reason, e.g. `params.thread_id: invalid type: integer `5`, expected a string`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Declares [`ChatKitRequest`] from its `type` strings and params types.
macro_rules! chatkit_requests {
    ($( $(#[$vmeta:meta])* $variant:ident($params:ty) = $tag:literal ),* $(,)?) => {
        /// A parsed request: which operation, with its params.
        #[derive(Clone, Debug, PartialEq)]
        pub enum ChatKitRequest {
            $( $(#[$vmeta])* $variant($params), )*
        }

        impl ChatKitRequest {
            /// Every request `type`, in the SDK's order.
            pub const TYPES: &'static [&'static str] = &[$($tag),*];

            /// The request's `type`.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $( ChatKitRequest::$variant(_) => $tag, )*
                }
            }

            /// Parses `params` for the request `type` `tag`.
            fn from_params(tag: &str, params: Value) -> Result<Self, RequestError> {
                match tag {
                    $( $tag => parse_params(params).map(ChatKitRequest::$variant), )*
                    other => Err(RequestError::new(unknown_type("request", other, Self::TYPES))),
                }
            }
        }

        impl Serialize for ChatKitRequest {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut state = serializer.serialize_struct("ChatKitRequest", 2)?;
                state.serialize_field("type", self.type_name())?;
                match self {
                    $( ChatKitRequest::$variant(params) => state.serialize_field("params", params)?, )*
                }
                state.end()
            }
        }
    };
}

chatkit_requests! {
    /// Start a thread with a first user message (streams).
    ThreadsCreate(ThreadsCreateParams) = "threads.create",
    /// Add a user message to a thread (streams).
    ThreadsAddUserMessage(ThreadsAddUserMessageParams) = "threads.add_user_message",
    /// Send the output of the pending client tool call (streams).
    ThreadsAddClientToolOutput(ThreadsAddClientToolOutputParams) = "threads.add_client_tool_output",
    /// Answer a structured-input item (streams).
    ThreadsAddStructuredInput(ThreadsAddStructuredInputParams) = "threads.add_structured_input",
    /// Answer a user message again, dropping what followed it (streams).
    ThreadsRetryAfterItem(ThreadsRetryAfterItemParams) = "threads.retry_after_item",
    /// A widget action handled by the server (streams).
    ThreadsCustomAction(ThreadsCustomActionParams) = "threads.custom_action",
    /// A widget action answered with at most one updated item (JSON).
    ThreadsSyncCustomAction(ThreadsCustomActionParams) = "threads.sync_custom_action",
    /// A thread with its oldest items (JSON).
    ThreadsGetById(ThreadsGetByIdParams) = "threads.get_by_id",
    /// A page of threads (JSON).
    ThreadsList(ListParams) = "threads.list",
    /// Rename a thread (JSON).
    ThreadsUpdate(ThreadsUpdateParams) = "threads.update",
    /// Delete a thread (JSON `{}`).
    ThreadsDelete(ThreadsDeleteParams) = "threads.delete",
    /// A page of a thread's items (JSON).
    ItemsList(ItemsListParams) = "items.list",
    /// Thumbs up/down on items (JSON `{}`).
    ItemsFeedback(ItemsFeedbackParams) = "items.feedback",
    /// Register an attachment before uploading it (JSON attachment).
    AttachmentsCreate(AttachmentCreateParams) = "attachments.create",
    /// Delete an attachment (JSON `{}`).
    AttachmentsDelete(AttachmentsDeleteParams) = "attachments.delete",
    /// Speech to text (JSON `{"text":…}`).
    InputTranscribe(InputTranscribeParams) = "input.transcribe",
}

impl ChatKitRequest {
    /// Parses a request body (its `metadata` is checked and dropped; see [`RequestEnvelope::parse`]).
    pub fn parse(bytes: &[u8]) -> Result<ChatKitRequest, RequestError> {
        RequestEnvelope::parse(bytes).map(|envelope| envelope.request)
    }

    /// Whether the response is an SSE stream (else one JSON body).
    pub fn is_streaming(&self) -> bool {
        matches!(
            self,
            ChatKitRequest::ThreadsCreate(_)
                | ChatKitRequest::ThreadsAddUserMessage(_)
                | ChatKitRequest::ThreadsAddClientToolOutput(_)
                | ChatKitRequest::ThreadsAddStructuredInput(_)
                | ChatKitRequest::ThreadsRetryAfterItem(_)
                | ChatKitRequest::ThreadsCustomAction(_)
        )
    }

    /// The thread the request is about, when it names one.
    pub fn thread_id(&self) -> Option<&str> {
        match self {
            ChatKitRequest::ThreadsAddUserMessage(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsAddClientToolOutput(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsAddStructuredInput(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsRetryAfterItem(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsCustomAction(p) | ChatKitRequest::ThreadsSyncCustomAction(p) => {
                Some(&p.thread_id)
            }
            ChatKitRequest::ThreadsGetById(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsUpdate(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsDelete(p) => Some(&p.thread_id),
            ChatKitRequest::ItemsList(p) => Some(&p.thread_id),
            ChatKitRequest::ItemsFeedback(p) => Some(&p.thread_id),
            ChatKitRequest::ThreadsCreate(_)
            | ChatKitRequest::ThreadsList(_)
            | ChatKitRequest::AttachmentsCreate(_)
            | ChatKitRequest::AttachmentsDelete(_)
            | ChatKitRequest::InputTranscribe(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for ChatKitRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let body = Value::deserialize(deserializer)?;
        RequestEnvelope::from_value(body)
            .map(|envelope| envelope.request)
            .map_err(de::Error::custom)
    }
}

/// A request with its `metadata` object (default `{}`), which the protocol
/// carries for integrations but `process()` never reads.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestEnvelope {
    /// The typed request.
    pub request: ChatKitRequest,
    /// Integration-specific data sent by the client.
    pub metadata: Map<String, Value>,
}

impl RequestEnvelope {
    /// Parses a request body, naming the JSON path of the first problem.
    pub fn parse(bytes: &[u8]) -> Result<RequestEnvelope, RequestError> {
        let body: Value = serde_json::from_slice(bytes)
            .map_err(|e| RequestError::new(format!("body is not valid JSON: {e}")))?;
        Self::from_value(body)
    }

    /// Validates an already-decoded body.
    pub fn from_value(body: Value) -> Result<RequestEnvelope, RequestError> {
        let Value::Object(mut body) = body else {
            return Err(RequestError::new(format!(
                "body must be a JSON object, got {}",
                kind_of(&body)
            )));
        };
        let tag = match body.remove("type") {
            Some(Value::String(tag)) => tag,
            Some(other) => {
                return Err(RequestError::new(format!(
                    "type: expected a string, got {}",
                    kind_of(&other)
                )));
            }
            None => return Err(RequestError::new("missing field \"type\"")),
        };
        if !ChatKitRequest::TYPES.contains(&tag.as_str()) {
            return Err(RequestError::new(unknown_type(
                "request",
                &tag,
                ChatKitRequest::TYPES,
            )));
        }
        let params = match body.remove("params") {
            Some(params @ Value::Object(_)) => params,
            Some(other) => {
                return Err(RequestError::new(format!(
                    "params: expected an object, got {}",
                    kind_of(&other)
                )));
            }
            None => return Err(RequestError::new("missing field \"params\"")),
        };
        let metadata = match body.remove("metadata") {
            Some(Value::Object(metadata)) => metadata,
            Some(other) => {
                return Err(RequestError::new(format!(
                    "metadata: expected an object, got {}",
                    kind_of(&other)
                )));
            }
            None => Map::new(),
        };
        let request = ChatKitRequest::from_params(&tag, params)?;
        Ok(RequestEnvelope { request, metadata })
    }
}

impl Serialize for RequestEnvelope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // The SDK's field order: metadata (from the base class), type, params.
        let request = serde_json::to_value(&self.request).map_err(serde::ser::Error::custom)?;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("metadata", &self.metadata)?;
        if let Value::Object(fields) = request {
            for (key, value) in &fields {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// Deserializes one params struct, prefixing errors with their path under `params`.
fn parse_params<T: for<'de> Deserialize<'de>>(params: Value) -> Result<T, RequestError> {
    serde_path_to_error::deserialize(params).map_err(|err| {
        let message = describe(&err);
        let separator = if err.path().iter().next().is_some() {
            "."
        } else {
            ": "
        };
        RequestError::new(format!("params{separator}{message}"))
    })
}

/// A JSON value's kind, for messages.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A user message as the composer sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserMessageInput {
    /// Text and tags (may be empty).
    pub content: Vec<UserMessageContent>,
    /// Ids of attachments created earlier (required, may be empty).
    pub attachments: Vec<String>,
    /// Text the user replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted_text: Option<String>,
    /// Tool and model chosen in the composer (required, `{}` is fine).
    pub inference_options: InferenceOptions,
}

/// `threads.create`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadsCreateParams {
    /// The first message.
    pub input: UserMessageInput,
}

/// `threads.add_user_message`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadsAddUserMessageParams {
    /// The thread.
    pub thread_id: String,
    /// The message.
    pub input: UserMessageInput,
}

/// `threads.add_client_tool_output`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadsAddClientToolOutputParams {
    /// The thread.
    pub thread_id: String,
    /// What the client tool returned; the key is required, `null` is allowed.
    pub result: Value,
}

/// `threads.add_structured_input`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadsAddStructuredInputParams {
    /// The thread.
    pub thread_id: String,
    /// The structured-input item answered.
    pub item_id: String,
    /// The answers.
    pub input: StructuredInputSubmission,
}

/// `threads.retry_after_item`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadsRetryAfterItemParams {
    /// The thread.
    pub thread_id: String,
    /// The user message to answer again.
    pub item_id: String,
}

/// `threads.custom_action` and `threads.sync_custom_action`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadsCustomActionParams {
    /// The thread.
    pub thread_id: String,
    /// The widget item that fired the action, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<String>,
    /// The action.
    pub action: Action,
}

/// `threads.get_by_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadsGetByIdParams {
    /// The thread.
    pub thread_id: String,
}

/// `threads.list`: a page of threads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListParams {
    /// Page size; `None` or 0 means the default (20).
    #[serde(
        default,
        deserialize_with = "lax_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit: Option<usize>,
    /// Newest first by default.
    #[serde(default)]
    pub order: Order,
    /// Id of the last thread of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `items.list`: a page of a thread's items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsListParams {
    /// The thread.
    pub thread_id: String,
    /// Page size; `None` or 0 means the default (20).
    #[serde(
        default,
        deserialize_with = "lax_count",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit: Option<usize>,
    /// Newest first by default.
    #[serde(default)]
    pub order: Order,
    /// Id of the last item of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `threads.update`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadsUpdateParams {
    /// The thread.
    pub thread_id: String,
    /// The new title.
    pub title: String,
}

/// `threads.delete`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadsDeleteParams {
    /// The thread.
    pub thread_id: String,
}

/// Thumbs up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackKind {
    /// Thumbs up.
    Positive,
    /// Thumbs down.
    Negative,
}

/// `items.feedback`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsFeedbackParams {
    /// The thread.
    pub thread_id: String,
    /// The items rated.
    pub item_ids: Vec<String>,
    /// Up or down.
    pub kind: FeedbackKind,
}

/// `attachments.create`: what the client knows before uploading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentCreateParams {
    /// The file name.
    pub name: String,
    /// Size in bytes.
    #[serde(deserialize_with = "lax_size")]
    pub size: u64,
    /// The MIME type.
    pub mime_type: String,
}

/// `attachments.delete`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentsDeleteParams {
    /// The attachment.
    pub attachment_id: String,
}

/// `input.transcribe`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputTranscribeParams {
    /// Base64-encoded audio.
    pub audio_base64: String,
    /// Raw MIME type, e.g. `audio/webm;codecs=opus`.
    pub mime_type: String,
}

/// Decoded audio handed to the transcription hook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioInput {
    /// The audio bytes.
    pub data: Vec<u8>,
    /// Raw MIME type, e.g. `audio/webm;codecs=opus`.
    pub mime_type: String,
}

impl AudioInput {
    /// The media type without parameters, e.g. `audio/webm`.
    pub fn media_type(&self) -> &str {
        self.mime_type.split(';').next().unwrap_or_default()
    }
}

/// A widget action: `{"type": "...", "payload": any}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// The app-defined action type (`type` on the wire; required).
    #[serde(rename = "type")]
    pub kind: String,
    /// The payload, including form values; `null` when absent.
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub payload: Value,
}

impl Action {
    /// An action of `kind` carrying `payload`.
    pub fn new(kind: impl Into<String>, payload: Value) -> Self {
        Action {
            kind: kind.into(),
            payload,
        }
    }
}

/// `limit`: a non-negative integer, numeric string or null.
fn lax_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<usize>, D::Error> {
    deserializer
        .deserialize_any(LaxUnsigned { nullable: true })?
        .map(usize::try_from)
        .transpose()
        .map_err(de::Error::custom)
}

/// `size`: a non-negative integer or numeric string.
fn lax_size<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    deserializer
        .deserialize_any(LaxUnsigned { nullable: false })?
        .ok_or_else(|| de::Error::custom("must not be null"))
}

/// Reads an unsigned integer the way pydantic's lax mode reads an int:
/// integers, integral floats and numeric strings. Negative numbers are
/// rejected here, although the SDK passes them on.
struct LaxUnsigned {
    nullable: bool,
}

impl LaxUnsigned {
    fn from_i128<E: de::Error>(v: i128) -> Result<Option<u64>, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(format!("must be a non-negative integer, got {v}")))
    }
}

impl de::Visitor<'_> for LaxUnsigned {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.nullable {
            "a non-negative integer or null"
        } else {
            "a non-negative integer"
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::from_i128(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() < 1e19 {
            Self::from_i128(v as i128)
        } else {
            Err(E::invalid_type(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match v.trim().parse::<i128>() {
            Ok(n) => Self::from_i128(n),
            Err(_) => Err(E::invalid_type(de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        if self.nullable {
            Ok(None)
        } else {
            Err(E::invalid_type(de::Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{StructuredInputAnswer, SubmissionStatus, ToolChoice};

    fn parse(json: &str) -> ChatKitRequest {
        ChatKitRequest::parse(json.as_bytes()).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn error(json: &str) -> String {
        ChatKitRequest::parse(json.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn documented_examples_parse() {
        let ChatKitRequest::ThreadsCreate(p) = parse(
            r#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"add task: buy milk"}],"attachments":[],"inference_options":{}}}}"#,
        ) else {
            panic!()
        };
        assert_eq!(
            p.input.content,
            vec![UserMessageContent::text("add task: buy milk")]
        );

        let ChatKitRequest::ThreadsAddUserMessage(p) = parse(
            r#"{"type":"threads.add_user_message","params":{"thread_id":"thr_32c4cc9c","input":{"content":[{"type":"input_text","text":"show tasks"}],"attachments":[],"quoted_text":"earlier text","inference_options":{"model":"gpt-4.1","tool_choice":{"id":"search"}}}}}"#,
        ) else {
            panic!()
        };
        assert_eq!(p.thread_id, "thr_32c4cc9c");
        assert_eq!(p.input.quoted_text.as_deref(), Some("earlier text"));
        assert_eq!(
            p.input.inference_options,
            InferenceOptions {
                tool_choice: Some(ToolChoice {
                    id: "search".into()
                }),
                model: Some("gpt-4.1".into())
            }
        );

        let ChatKitRequest::ThreadsCustomAction(p) = parse(
            r#"{"type":"threads.custom_action","params":{"thread_id":"thr_32c4cc9c","item_id":"msg_b0055f3e","action":{"type":"task.complete","payload":{"id":1}}}}"#,
        ) else {
            panic!()
        };
        assert_eq!(p.item_id.as_deref(), Some("msg_b0055f3e"));
        assert_eq!(
            p.action,
            Action::new("task.complete", serde_json::json!({"id": 1}))
        );

        let ChatKitRequest::ThreadsAddClientToolOutput(p) = parse(
            r#"{"type":"threads.add_client_tool_output","params":{"thread_id":"thr_1","result":{"nodes":[]}}}"#,
        ) else {
            panic!()
        };
        assert_eq!(p.result, serde_json::json!({"nodes": []}));

        let ChatKitRequest::ThreadsAddStructuredInput(p) = parse(
            r#"{"type":"threads.add_structured_input","params":{"thread_id":"thr_1","item_id":"si_1","input":{"status":"answered","answers":{"subject":{"values":["Math"]}}}}}"#,
        ) else {
            panic!()
        };
        assert_eq!(p.input.status, SubmissionStatus::Answered);
        assert_eq!(
            p.input.answers["subject"],
            StructuredInputAnswer {
                values: vec!["Math".into()],
                skipped: false
            }
        );

        assert_eq!(
            parse(
                r#"{"type":"threads.retry_after_item","params":{"thread_id":"thr_1","item_id":"msg_1"}}"#
            ),
            ChatKitRequest::ThreadsRetryAfterItem(ThreadsRetryAfterItemParams {
                thread_id: "thr_1".into(),
                item_id: "msg_1".into()
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"threads.list","params":{"limit":20,"order":"desc","after":"thr_abc"}}"#
            ),
            ChatKitRequest::ThreadsList(ListParams {
                limit: Some(20),
                order: Order::Desc,
                after: Some("thr_abc".into())
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"items.list","params":{"thread_id":"thr_1","limit":20,"order":"desc","after":"msg_x"}}"#
            ),
            ChatKitRequest::ItemsList(ItemsListParams {
                thread_id: "thr_1".into(),
                limit: Some(20),
                order: Order::Desc,
                after: Some("msg_x".into())
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"items.feedback","params":{"thread_id":"thr_1","item_ids":["msg_2"],"kind":"positive"}}"#
            ),
            ChatKitRequest::ItemsFeedback(ItemsFeedbackParams {
                thread_id: "thr_1".into(),
                item_ids: vec!["msg_2".into()],
                kind: FeedbackKind::Positive
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"attachments.create","params":{"name":"cat.jpg","size":1024,"mime_type":"image/jpeg"}}"#
            ),
            ChatKitRequest::AttachmentsCreate(AttachmentCreateParams {
                name: "cat.jpg".into(),
                size: 1024,
                mime_type: "image/jpeg".into()
            })
        );
        assert_eq!(
            parse(
                r#"{"type":"input.transcribe","params":{"audio_base64":"aGVsbG8=","mime_type":"audio/webm;codecs=opus"}}"#
            ),
            ChatKitRequest::InputTranscribe(InputTranscribeParams {
                audio_base64: "aGVsbG8=".into(),
                mime_type: "audio/webm;codecs=opus".into()
            })
        );
    }

    #[test]
    fn remaining_request_types_parse() {
        let sync = parse(
            r#"{"type":"threads.sync_custom_action","params":{"thread_id":"t","action":{"type":"x"}}}"#,
        );
        assert_eq!(
            sync,
            ChatKitRequest::ThreadsSyncCustomAction(ThreadsCustomActionParams {
                thread_id: "t".into(),
                item_id: None,
                action: Action::new("x", Value::Null)
            })
        );
        assert_eq!(
            parse(r#"{"type":"threads.get_by_id","params":{"thread_id":"t"}}"#),
            ChatKitRequest::ThreadsGetById(ThreadsGetByIdParams {
                thread_id: "t".into()
            })
        );
        assert_eq!(
            parse(r#"{"type":"threads.update","params":{"thread_id":"t","title":"New"}}"#),
            ChatKitRequest::ThreadsUpdate(ThreadsUpdateParams {
                thread_id: "t".into(),
                title: "New".into()
            })
        );
        assert_eq!(
            parse(r#"{"type":"threads.delete","params":{"thread_id":"t"}}"#),
            ChatKitRequest::ThreadsDelete(ThreadsDeleteParams {
                thread_id: "t".into()
            })
        );
        assert_eq!(
            parse(r#"{"type":"attachments.delete","params":{"attachment_id":"atc_1"}}"#),
            ChatKitRequest::AttachmentsDelete(AttachmentsDeleteParams {
                attachment_id: "atc_1".into()
            })
        );
        assert_eq!(ChatKitRequest::TYPES.len(), 16);
    }

    #[test]
    fn streaming_split_matches_the_sdk() {
        let streaming: Vec<&str> = ChatKitRequest::TYPES
            .iter()
            .copied()
            .filter(|tag| {
                let params = match *tag {
                    "threads.create" => r#"{"input":{"content":[],"attachments":[],"inference_options":{}}}"#,
                    "threads.add_user_message" => {
                        r#"{"thread_id":"t","input":{"content":[],"attachments":[],"inference_options":{}}}"#
                    }
                    "threads.add_client_tool_output" => r#"{"thread_id":"t","result":null}"#,
                    "threads.add_structured_input" => r#"{"thread_id":"t","item_id":"i","input":{}}"#,
                    "threads.custom_action" | "threads.sync_custom_action" => r#"{"thread_id":"t","action":{"type":"a"}}"#,
                    "threads.list" => "{}",
                    "threads.update" => r#"{"thread_id":"t","title":"x"}"#,
                    "items.feedback" => r#"{"thread_id":"t","item_ids":[],"kind":"negative"}"#,
                    "attachments.create" => r#"{"name":"n","size":"12","mime_type":"m"}"#,
                    "attachments.delete" => r#"{"attachment_id":"a"}"#,
                    "input.transcribe" => r#"{"audio_base64":"","mime_type":"m"}"#,
                    _ => r#"{"thread_id":"t","item_id":"i"}"#,
                };
                let request = parse(&format!(r#"{{"type":"{tag}","params":{params}}}"#));
                assert_eq!(request.type_name(), *tag);
                request.is_streaming()
            })
            .collect();
        assert_eq!(
            streaming,
            [
                "threads.create",
                "threads.add_user_message",
                "threads.add_client_tool_output",
                "threads.add_structured_input",
                "threads.retry_after_item",
                "threads.custom_action"
            ]
        );
    }

    #[test]
    fn lax_where_pydantic_is_lax() {
        let ChatKitRequest::ThreadsList(p) =
            parse(r#"{"type":"threads.list","params":{"limit":"5","unknown":1},"extra":true}"#)
        else {
            panic!()
        };
        assert_eq!(
            p,
            ListParams {
                limit: Some(5),
                order: Order::Desc,
                after: None
            }
        );
        let ChatKitRequest::ThreadsList(p) =
            parse(r#"{"type":"threads.list","params":{"limit":null,"after":null}}"#)
        else {
            panic!()
        };
        assert_eq!(p, ListParams::default());
        let ChatKitRequest::ItemsList(p) =
            parse(r#"{"type":"items.list","params":{"thread_id":"t","limit":7.0,"order":"asc"}}"#)
        else {
            panic!()
        };
        assert_eq!((p.limit, p.order), (Some(7), Order::Asc));
        let ChatKitRequest::ThreadsAddClientToolOutput(p) = parse(
            r#"{"type":"threads.add_client_tool_output","params":{"thread_id":"t","result":null}}"#,
        ) else {
            panic!()
        };
        assert_eq!(p.result, Value::Null);
        let envelope =
            RequestEnvelope::parse(br#"{"metadata":{"k":1},"type":"threads.list","params":{}}"#)
                .unwrap();
        assert_eq!(envelope.metadata["k"], 1);
        assert_eq!(
            serde_json::to_string(&envelope).unwrap(),
            r#"{"metadata":{"k":1},"type":"threads.list","params":{"order":"desc"}}"#
        );
    }

    #[test]
    fn errors_name_the_path() {
        assert_eq!(
            error(r#"{"type":"threads.get_by_id","params":{"thread_id":5}}"#),
            "params.thread_id: invalid type: integer `5`, expected a string"
        );
        assert_eq!(
            error(r#"{"type":"foo","params":{}}"#),
            "unknown request type \"foo\"; expected one of threads.create, threads.add_user_message, \
             threads.add_client_tool_output, threads.add_structured_input, threads.retry_after_item, \
             threads.custom_action, threads.sync_custom_action, threads.get_by_id, threads.list, threads.update, \
             threads.delete, items.list, items.feedback, attachments.create, attachments.delete, input.transcribe"
        );
        assert_eq!(
            error(r#"{"type":"threads.list"}"#),
            r#"missing field "params""#
        );
        assert_eq!(error(r#"{"params":{}}"#), r#"missing field "type""#);
        assert_eq!(
            error(r#"{"type":"threads.list","params":null}"#),
            "params: expected an object, got null"
        );
        assert_eq!(
            error(r#"{"type":"threads.list","params":{},"metadata":[]}"#),
            "metadata: expected an object, got an array"
        );
        assert_eq!(error("[1]"), "body must be a JSON object, got an array");
        assert!(error("{nope").starts_with("body is not valid JSON: "));
        assert_eq!(
            error(r#"{"type":"threads.list","params":{"limit":-1}}"#),
            "params.limit: must be a non-negative integer, got -1"
        );
        assert_eq!(
            error(r#"{"type":"threads.list","params":{"limit":"five"}}"#),
            r#"params.limit: invalid type: string "five", expected a non-negative integer or null"#
        );
        assert!(
            error(r#"{"type":"threads.list","params":{"order":"ASC"}}"#)
                .starts_with("params.order: unknown variant `ASC`")
        );
        assert_eq!(
            error(r#"{"type":"threads.delete","params":{}}"#),
            "params: missing field `thread_id`"
        );
        assert_eq!(
            error(r#"{"type":"threads.update","params":{"thread_id":"t","title":null}}"#),
            "params.title: invalid type: null, expected a string"
        );
        assert_eq!(
            error(r#"{"type":"threads.add_client_tool_output","params":{"thread_id":"t"}}"#),
            "params: missing field `result`"
        );
        assert_eq!(
            error(
                r#"{"type":"threads.custom_action","params":{"thread_id":"t","action":{"payload":1}}}"#
            ),
            "params.action: missing field `type`"
        );
        assert_eq!(
            error(
                r#"{"type":"threads.create","params":{"input":{"content":[],"inference_options":{}}}}"#
            ),
            "params.input: missing field `attachments`"
        );
        assert_eq!(
            error(
                r#"{"type":"threads.create","params":{"input":{"content":[],"attachments":[]}}}"#
            ),
            "params.input: missing field `inference_options`"
        );
        let err = error(
            r#"{"type":"threads.create","params":{"input":{"content":[{"type":"input_image"}],"attachments":[],"inference_options":{}}}}"#,
        );
        assert!(
            err.starts_with("params.input.content[0].type: unknown variant `input_image`"),
            "{err}"
        );
    }

    #[test]
    fn audio_media_type() {
        let audio = AudioInput {
            data: vec![1],
            mime_type: "audio/webm;codecs=opus".into(),
        };
        assert_eq!(audio.media_type(), "audio/webm");
        let plain = AudioInput {
            data: vec![],
            mime_type: "audio/ogg".into(),
        };
        assert_eq!(plain.media_type(), "audio/ogg");
    }

    #[test]
    fn requests_serialize_for_clients() {
        let request = ChatKitRequest::ThreadsCustomAction(ThreadsCustomActionParams {
            thread_id: "t".into(),
            item_id: None,
            action: Action::new("a", Value::Null),
        });
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(
            json,
            r#"{"type":"threads.custom_action","params":{"thread_id":"t","action":{"type":"a"}}}"#
        );
        assert_eq!(
            serde_json::from_str::<ChatKitRequest>(&json).unwrap(),
            request
        );
    }
}
