//! Thread items: everything a thread holds (messages, tool calls, widgets,
//! workflows, hidden context). Each serializes `id, thread_id, created_at`,
//! then `type`, then its own fields, as the SDK does.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    AssistantMessageContent, Attachment, InferenceOptions, StructuredInput, StructuredInputStatus,
    Task, ThreadItemUpdate, UserMessageContent, Workflow,
};
use crate::timestamp::Timestamp;
use crate::widgets::WidgetRoot;

tagged_union! {
    /// One entry of a thread.
    #[allow(clippy::large_enum_variant, reason = "widget roots are large; items move rarely enough that boxing is not worth the noise")]
    pub enum ThreadItem ("thread item") {
        /// What the user sent.
        UserMessage(UserMessageItem) = "user_message",
        /// Assistant text.
        AssistantMessage(AssistantMessageItem) = "assistant_message",
        /// A tool the client runs; its output comes back with `threads.add_client_tool_output`.
        ClientToolCall(ClientToolCallItem) = "client_tool_call",
        /// A widget.
        Widget(WidgetItem) = "widget",
        /// A generated image.
        GeneratedImage(GeneratedImageItem) = "generated_image",
        /// Questions for the user.
        StructuredInput(StructuredInputItem) = "structured_input",
        /// A workflow of tasks.
        Workflow(WorkflowItem) = "workflow",
        /// A standalone task.
        Task(TaskItem) = "task",
        /// Marks the end of the assistant's turn (UI hint).
        EndOfTurn(EndOfTurnItem) = "end_of_turn",
        /// App context kept in the thread, never sent to the client.
        HiddenContext(HiddenContextItem) = "hidden_context_item",
        /// SDK-internal context (e.g. the cancellation marker), never sent.
        SdkHiddenContext(SdkHiddenContextItem) = "sdk_hidden_context",
    }
}

/// Applies `$body` to the inner item whatever the variant.
macro_rules! each_item {
    ($item:expr, $inner:ident => $body:expr) => {
        match $item {
            ThreadItem::UserMessage($inner) => $body,
            ThreadItem::AssistantMessage($inner) => $body,
            ThreadItem::ClientToolCall($inner) => $body,
            ThreadItem::Widget($inner) => $body,
            ThreadItem::GeneratedImage($inner) => $body,
            ThreadItem::StructuredInput($inner) => $body,
            ThreadItem::Workflow($inner) => $body,
            ThreadItem::Task($inner) => $body,
            ThreadItem::EndOfTurn($inner) => $body,
            ThreadItem::HiddenContext($inner) => $body,
            ThreadItem::SdkHiddenContext($inner) => $body,
        }
    };
}

impl ThreadItem {
    /// The item id.
    pub fn id(&self) -> &str {
        each_item!(self, item => &item.id)
    }

    /// The id of the thread it belongs to.
    pub fn thread_id(&self) -> &str {
        each_item!(self, item => &item.thread_id)
    }

    /// When it was created.
    pub fn created_at(&self) -> Timestamp {
        each_item!(self, item => item.created_at)
    }

    /// Whether the item is hidden context, stored but never shown to the client.
    pub fn is_hidden(&self) -> bool {
        matches!(
            self,
            ThreadItem::HiddenContext(_) | ThreadItem::SdkHiddenContext(_)
        )
    }

    /// Removes server-only attachment metadata (user messages); call before sending.
    pub fn strip_attachment_metadata(&mut self) {
        if let ThreadItem::UserMessage(message) = self {
            message
                .attachments
                .iter_mut()
                .for_each(Attachment::strip_metadata);
        }
    }

    /// Applies a streamed update to a pending copy of the item, as the SDK's
    /// `_update_pending_items` does: assistant content parts (padding the
    /// content list up to `content_index`) and workflow tasks. Every other
    /// pair is ignored.
    pub fn apply_update(&mut self, update: &ThreadItemUpdate) {
        match self {
            ThreadItem::AssistantMessage(message) => message.apply_update(update),
            ThreadItem::Workflow(item) => match update {
                ThreadItemUpdate::WorkflowTaskAdded { task, .. } => {
                    item.workflow.tasks.push(task.clone())
                }
                ThreadItemUpdate::WorkflowTaskUpdated { task_index, task } => {
                    // The SDK raises on a bad index; we append instead of failing the stream.
                    match item.workflow.tasks.get_mut(*task_index) {
                        Some(slot) => *slot = task.clone(),
                        None => item.workflow.tasks.push(task.clone()),
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// A message the user sent, with its attachments resolved.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct UserMessageItem {
    /// The item id (`msg_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// Text and tags.
    pub content: Vec<UserMessageContent>,
    /// Attachments, with `thread_id` set.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Text the user replied to.
    #[serde(default)]
    pub quoted_text: Option<String>,
    /// Tool and model chosen in the composer.
    pub inference_options: InferenceOptions,
}
wire_serialize!(
    UserMessageItem,
    [id, thread_id, created_at],
    "user_message",
    [content, attachments, quoted_text = opt, inference_options]
);

impl UserMessageItem {
    /// The message as plain text: text parts and tags' text, concatenated.
    pub fn text(&self) -> String {
        self.content
            .iter()
            .map(UserMessageContent::as_text)
            .collect()
    }
}

/// Text the assistant wrote.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AssistantMessageItem {
    /// The item id (`msg_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The text parts.
    pub content: Vec<AssistantMessageContent>,
}
wire_serialize!(
    AssistantMessageItem,
    [id, thread_id, created_at],
    "assistant_message",
    [content]
);

/// Most content parts an assistant message grows to through updates.
pub const MAX_CONTENT_PARTS: usize = 1024;

impl AssistantMessageItem {
    /// The message's text: all parts concatenated.
    pub fn text(&self) -> String {
        self.content.iter().map(|part| part.text.as_str()).collect()
    }

    /// Applies an `assistant_message.content_part.*` update; others are ignored.
    pub fn apply_update(&mut self, update: &ThreadItemUpdate) {
        let index = match update {
            ThreadItemUpdate::AssistantMessageContentPartAdded { content_index, .. }
            | ThreadItemUpdate::AssistantMessageContentPartTextDelta { content_index, .. }
            | ThreadItemUpdate::AssistantMessageContentPartAnnotationAdded {
                content_index, ..
            }
            | ThreadItemUpdate::AssistantMessageContentPartDone { content_index, .. } => {
                *content_index
            }
            _ => return,
        };
        // Updates may name a part that was never added; pad like the SDK, up
        // to a bound: an index from a hook (or a model) must not make us
        // allocate without limit.
        if index >= MAX_CONTENT_PARTS {
            return;
        }
        if self.content.len() <= index {
            self.content
                .resize_with(index + 1, AssistantMessageContent::default);
        }
        let part = &mut self.content[index];
        match update {
            ThreadItemUpdate::AssistantMessageContentPartAdded { content, .. }
            | ThreadItemUpdate::AssistantMessageContentPartDone { content, .. } => {
                *part = content.clone()
            }
            ThreadItemUpdate::AssistantMessageContentPartTextDelta { delta, .. } => {
                part.text.push_str(delta)
            }
            ThreadItemUpdate::AssistantMessageContentPartAnnotationAdded {
                annotation_index,
                annotation,
                ..
            } => {
                let at = (*annotation_index).min(part.annotations.len());
                part.annotations.insert(at, annotation.clone());
            }
            _ => {}
        }
    }
}

/// Whether a client tool call has its output yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientToolCallStatus {
    /// Waiting for the client.
    #[default]
    Pending,
    /// The output arrived.
    Completed,
}

/// A tool the client runs (its `onClientTool` handler).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ClientToolCallItem {
    /// The item id (`tc_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// Pending until the client sends the output.
    #[serde(default)]
    pub status: ClientToolCallStatus,
    /// The call id the model used.
    pub call_id: String,
    /// The tool name.
    pub name: String,
    /// The arguments.
    pub arguments: Map<String, Value>,
    /// What the client returned (`None` also for a JSON `null` result).
    #[serde(default)]
    pub output: Option<Value>,
}
wire_serialize!(
    ClientToolCallItem,
    [id, thread_id, created_at],
    "client_tool_call",
    [status, call_id, name, arguments, output = opt]
);

/// A widget shown in the thread.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct WidgetItem {
    /// The item id (`msg_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The widget tree (Card, ListView or Basic root).
    pub widget: WidgetRoot,
    /// What the copy button copies.
    #[serde(default)]
    pub copy_text: Option<String>,
}
wire_serialize!(
    WidgetItem,
    [id, thread_id, created_at],
    "widget",
    [widget, copy_text = opt]
);

/// A generated image: `{"id","url"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedImage {
    /// The image id.
    pub id: String,
    /// Where the client loads it from.
    pub url: String,
}

/// An image the assistant generated (or is generating).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GeneratedImageItem {
    /// The item id.
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The image, once there is one.
    #[serde(default)]
    pub image: Option<GeneratedImage>,
}
wire_serialize!(
    GeneratedImageItem,
    [id, thread_id, created_at],
    "generated_image",
    [image = opt]
);

/// Questions the user answers with `threads.add_structured_input`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StructuredInputItem {
    /// The item id.
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// Pending until submitted.
    #[serde(default)]
    pub status: StructuredInputStatus,
    /// The questions.
    pub inputs: Vec<StructuredInput>,
}
wire_serialize!(
    StructuredInputItem,
    [id, thread_id, created_at],
    "structured_input",
    [status, inputs]
);

/// A workflow (e.g. reasoning steps).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct WorkflowItem {
    /// The item id (`wf_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The workflow.
    pub workflow: Workflow,
}
wire_serialize!(
    WorkflowItem,
    [id, thread_id, created_at],
    "workflow",
    [workflow]
);

/// A standalone task.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TaskItem {
    /// The item id (`tsk_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The task.
    pub task: Task,
}
wire_serialize!(TaskItem, [id, thread_id, created_at], "task", [task]);

/// Marks the end of the assistant's turn.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EndOfTurnItem {
    /// The item id.
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
}
wire_serialize!(
    EndOfTurnItem,
    [id, thread_id, created_at],
    "end_of_turn",
    []
);

/// App context stored in the thread for the model, never sent to the client.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct HiddenContextItem {
    /// The item id.
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// Any JSON (a string is wrapped in `<HiddenContext>` for the model).
    #[serde(default)]
    pub content: Value,
}

impl Serialize for HiddenContextItem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("HiddenContextItem", 5)?;
        state.serialize_field("id", &self.id)?;
        state.serialize_field("thread_id", &self.thread_id)?;
        state.serialize_field("created_at", &self.created_at)?;
        state.serialize_field("type", "hidden_context_item")?;
        // `content` is `Any` in the SDK, so exclude_none drops a null value.
        if self.content.is_null() {
            state.skip_field("content")?;
        } else {
            state.serialize_field("content", &self.content)?;
        }
        state.end()
    }
}

/// SDK-internal context (the cancellation marker), never sent to the client.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SdkHiddenContextItem {
    /// The item id (`shcx_…`).
    pub id: String,
    /// The thread id.
    pub thread_id: String,
    /// When it was created.
    pub created_at: Timestamp,
    /// The context text.
    pub content: String,
}
wire_serialize!(
    SdkHiddenContextItem,
    [id, thread_id, created_at],
    "sdk_hidden_context",
    [content]
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Annotation, Source, ThoughtTask, UrlSource};

    /// Observed SDK serializations (chatkit-protocol.md §4.2).
    const OBSERVED: &[&str] = &[
        r#"{"id":"msg_0a94eddd","thread_id":"thr_666e2de8","created_at":"2026-11-23T20:07:59.579406","type":"user_message","content":[{"type":"input_text","text":"hello"}],"attachments":[],"inference_options":{}}"#,
        r#"{"id":"tc_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"client_tool_call","status":"pending","call_id":"c1","name":"get","arguments":{"a":1}}"#,
        r#"{"id":"wf","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"workflow","workflow":{"type":"custom","tasks":[{"status_indicator":"none","type":"thought","content":"hmm"}],"summary":{"duration":3},"expanded":false}}"#,
        r#"{"id":"si","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"structured_input","status":"pending","inputs":[{"id":"q1","question":"Pick","type":"multiple_choice","options":[{"value":"A"}],"multiple":false},{"id":"q2","question":"Why?","type":"freeform"}]}"#,
        r#"{"id":"u","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[{"type":"input_text","text":"hi"},{"type":"input_tag","id":"x","text":"Bob","data":{"k":"v"},"interactive":false}],"attachments":[{"id":"atc","name":"a.png","mime_type":"image/png","upload_descriptor":{"url":"https://up.example.com/","method":"PUT","headers":{}},"type":"image","preview_url":"https://example.com/"}],"quoted_text":"q","inference_options":{"tool_choice":{"id":"search"},"model":"gpt"}}"#,
    ];

    /// Every other item type, in the SDK's key order.
    const OTHERS: &[&str] = &[
        r#"{"id":"m","thread_id":"t","created_at":"2025-01-02T03:04:05.000100","type":"assistant_message","content":[{"annotations":[{"type":"annotation","source":{"title":"S","type":"url","url":"https://a.b/"},"index":2}],"text":"hi","type":"output_text"}]}"#,
        r#"{"id":"tc","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"client_tool_call","status":"completed","call_id":"c","name":"n","arguments":{},"output":{"ok":true}}"#,
        r#"{"id":"w","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"widget","widget":{"type":"Card","children":[]},"copy_text":"c"}"#,
        r#"{"id":"g","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"generated_image","image":{"id":"i","url":"https://x/i.png"}}"#,
        r#"{"id":"g","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"generated_image"}"#,
        r#"{"id":"si","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"structured_input","status":"answered","inputs":[{"id":"q","question":"?","answer":{"values":["A"],"skipped":false},"type":"freeform","description":"d"}]}"#,
        r#"{"id":"k","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"task","task":{"status_indicator":"complete","type":"custom","title":"Done"}}"#,
        r#"{"id":"e","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"end_of_turn"}"#,
        r#"{"id":"h","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"hidden_context_item","content":{"any":["json"]}}"#,
        r#"{"id":"s","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"sdk_hidden_context","content":"The user cancelled the stream."}"#,
    ];

    fn parse(json: &str) -> ThreadItem {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn observed_items_round_trip_byte_for_byte() {
        for json in OBSERVED.iter().chain(OTHERS) {
            assert_eq!(serde_json::to_string(&parse(json)).unwrap(), *json);
        }
    }

    #[test]
    fn accessors() {
        let item = parse(OBSERVED[4]);
        assert_eq!(
            (item.id(), item.thread_id(), item.type_name()),
            ("u", "t", "user_message")
        );
        assert_eq!(item.created_at().to_string(), "2025-01-02T03:04:05");
        assert!(!item.is_hidden());
        assert!(parse(OTHERS[8]).is_hidden() && parse(OTHERS[9]).is_hidden());
        let ThreadItem::UserMessage(message) = item else {
            panic!("not a user message")
        };
        assert_eq!(message.text(), "hiBob");
    }

    #[test]
    fn nulls_are_omitted_and_defaults_filled() {
        let item = parse(
            r#"{"type":"user_message","id":"u","thread_id":"t","created_at":"2025-01-02T03:04:05Z","content":[],"quoted_text":null,"inference_options":{"model":null},"extra":1}"#,
        );
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"id":"u","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[],"attachments":[],"inference_options":{}}"#
        );
        let call = parse(
            r#"{"type":"client_tool_call","id":"c","thread_id":"t","created_at":1735787045,"call_id":"x","name":"n","arguments":{},"output":null}"#,
        );
        assert_eq!(
            serde_json::to_string(&call).unwrap(),
            r#"{"id":"c","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"client_tool_call","status":"pending","call_id":"x","name":"n","arguments":{}}"#
        );
        let hidden = parse(
            r#"{"type":"hidden_context_item","id":"h","thread_id":"t","created_at":"2025-01-02T03:04:05","content":null}"#,
        );
        assert_eq!(
            serde_json::to_string(&hidden).unwrap(),
            r#"{"id":"h","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"hidden_context_item"}"#
        );
    }

    #[test]
    fn bad_items_have_clear_errors() {
        let err = serde_json::from_str::<ThreadItem>(r#"{"type":"memo","id":"m"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(r#"unknown thread item type "memo"; expected one of user_message, assistant_message,"#), "{err}");
        let err = serde_json::from_str::<ThreadItem>(r#"{"type":"assistant_message","id":"m","thread_id":"t","created_at":"2025-01-02T03:04:05","content":[{"text":5}]}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content[0].text: invalid type: integer `5`, expected a string"),
            "{err}"
        );
    }

    #[test]
    fn attachment_metadata_is_stripped_for_clients() {
        let mut item = parse(
            r#"{"id":"u","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[],"attachments":[{"id":"a","name":"f","mime_type":"text/plain","metadata":{"path":"/x"},"type":"file"}],"inference_options":{}}"#,
        );
        assert!(
            serde_json::to_string(&item)
                .unwrap()
                .contains(r#""metadata":{"path":"/x"}"#)
        );
        item.strip_attachment_metadata();
        assert!(!serde_json::to_string(&item).unwrap().contains("metadata"));
    }

    fn assistant() -> ThreadItem {
        ThreadItem::AssistantMessage(AssistantMessageItem {
            id: "m".into(),
            thread_id: "t".into(),
            created_at: Timestamp::now(),
            content: Vec::new(),
        })
    }

    #[test]
    fn assistant_updates_apply_like_the_sdk() {
        let mut item = assistant();
        item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartAdded {
            content_index: 0,
            content: AssistantMessageContent::text(""),
        });
        for delta in ["Hello", ", ", "World!"] {
            item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartTextDelta {
                content_index: 0,
                delta: delta.into(),
            });
        }
        // A delta for a part never added pads the list.
        item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartTextDelta {
            content_index: 2,
            delta: "x".into(),
        });
        let annotation = |title: &str| Annotation {
            source: Source::Url(UrlSource {
                title: title.into(),
                description: None,
                timestamp: None,
                group: None,
                url: "https://a.b/".into(),
                attribution: None,
            }),
            index: None,
        };
        for (at, title) in [(0, "b"), (0, "a"), (9, "c")] {
            item.apply_update(
                &ThreadItemUpdate::AssistantMessageContentPartAnnotationAdded {
                    content_index: 0,
                    annotation_index: at,
                    annotation: annotation(title),
                },
            );
        }
        // Updates for other item kinds are ignored.
        item.apply_update(&ThreadItemUpdate::WorkflowTaskAdded {
            task_index: 0,
            task: Task::Thought(ThoughtTask::default()),
        });
        let ThreadItem::AssistantMessage(message) = &item else {
            panic!()
        };
        assert_eq!(message.content.len(), 3);
        assert_eq!(message.text(), "Hello, World!x");
        assert_eq!(
            message.content[0].annotations,
            vec![annotation("a"), annotation("b"), annotation("c")]
        );
        item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartDone {
            content_index: 0,
            content: AssistantMessageContent::text("final"),
        });
        let ThreadItem::AssistantMessage(message) = &item else {
            panic!()
        };
        assert_eq!(message.content[0], AssistantMessageContent::text("final"));
    }

    #[test]
    fn an_absurd_content_index_is_ignored_not_allocated() {
        let mut item = assistant();
        item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartTextDelta {
            content_index: usize::MAX,
            delta: "x".into(),
        });
        let ThreadItem::AssistantMessage(message) = &item else {
            panic!()
        };
        assert!(message.content.is_empty());
    }

    #[test]
    fn workflow_updates_apply_like_the_sdk() {
        let mut item = parse(OBSERVED[2]);
        let thought = |content: &str| {
            Task::Thought(ThoughtTask {
                content: content.into(),
                ..Default::default()
            })
        };
        item.apply_update(&ThreadItemUpdate::WorkflowTaskAdded {
            task_index: 1,
            task: thought("second"),
        });
        item.apply_update(&ThreadItemUpdate::WorkflowTaskUpdated {
            task_index: 0,
            task: thought("first"),
        });
        item.apply_update(&ThreadItemUpdate::AssistantMessageContentPartTextDelta {
            content_index: 0,
            delta: "x".into(),
        });
        let ThreadItem::Workflow(workflow) = &item else {
            panic!()
        };
        assert_eq!(
            workflow.workflow.tasks,
            vec![thought("first"), thought("second")]
        );
    }
}
