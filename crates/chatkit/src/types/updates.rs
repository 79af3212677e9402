//! Incremental updates to an item that was added but is not done yet
//! (`thread.item.updated`).

use serde::{Deserialize, Serialize};

use super::{Annotation, AssistantMessageContent, GeneratedImage, Task};
use crate::widgets::{WidgetComponent, WidgetRoot};

/// One change to a pending item.
#[allow(
    clippy::large_enum_variant,
    reason = "widget roots are large; items move rarely enough that boxing is not worth the noise"
)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum ThreadItemUpdate {
    /// A new text part starts.
    #[serde(rename = "assistant_message.content_part.added")]
    AssistantMessageContentPartAdded {
        /// Which part.
        content_index: usize,
        /// Its initial content.
        content: AssistantMessageContent,
    },
    /// Text appended to a part.
    #[serde(rename = "assistant_message.content_part.text_delta")]
    AssistantMessageContentPartTextDelta {
        /// Which part.
        content_index: usize,
        /// The appended text.
        delta: String,
    },
    /// A citation added to a part.
    #[serde(rename = "assistant_message.content_part.annotation_added")]
    AssistantMessageContentPartAnnotationAdded {
        /// Which part.
        content_index: usize,
        /// Where among the part's annotations.
        annotation_index: usize,
        /// The citation.
        annotation: Annotation,
    },
    /// A part is final.
    #[serde(rename = "assistant_message.content_part.done")]
    AssistantMessageContentPartDone {
        /// Which part.
        content_index: usize,
        /// Its final content.
        content: AssistantMessageContent,
    },
    /// Text appended to a widget's `Text`/`Markdown` component with an `id`.
    #[serde(rename = "widget.streaming_text.value_delta")]
    WidgetStreamingTextValueDelta {
        /// The component id.
        component_id: String,
        /// The appended text.
        delta: String,
        /// Whether the component stopped streaming.
        done: bool,
    },
    /// The whole widget replaced.
    #[serde(rename = "widget.root.updated")]
    WidgetRootUpdated {
        /// The new root.
        widget: WidgetRoot,
    },
    /// One widget component replaced.
    #[serde(rename = "widget.component.updated")]
    WidgetComponentUpdated {
        /// The component id.
        component_id: String,
        /// The new component.
        component: WidgetComponent,
    },
    /// A task appended to a workflow.
    #[serde(rename = "workflow.task.added")]
    WorkflowTaskAdded {
        /// Its position.
        task_index: usize,
        /// The task.
        task: Task,
    },
    /// A workflow task replaced.
    #[serde(rename = "workflow.task.updated")]
    WorkflowTaskUpdated {
        /// Its position.
        task_index: usize,
        /// The new task.
        task: Task,
    },
    /// A generated image's progress.
    #[serde(rename = "generated_image.updated")]
    GeneratedImageUpdated {
        /// The image so far.
        image: GeneratedImage,
        /// Progress from 0 to 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        progress: Option<f64>,
    },
}
