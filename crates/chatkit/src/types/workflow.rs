//! Workflows (a collapsible list of tasks, e.g. reasoning) and their tasks.

use serde::{Deserialize, Serialize};

use super::{FileSource, UrlSource};

/// A group of tasks shown as one collapsible block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workflow {
    /// Custom or reasoning.
    #[serde(rename = "type")]
    pub kind: WorkflowKind,
    /// The tasks, in display order.
    pub tasks: Vec<Task>,
    /// What the collapsed block shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<WorkflowSummary>,
    /// Whether the block starts expanded.
    #[serde(default)]
    pub expanded: bool,
}

/// The kind of workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkflowKind {
    /// App-defined steps.
    Custom,
    /// Model reasoning.
    Reasoning,
}

/// What a collapsed workflow shows: a title or how long it took.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WorkflowSummary {
    /// A title with an optional icon.
    Custom {
        /// The title.
        title: String,
        /// An icon name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        icon: Option<String>,
    },
    /// "Worked for N seconds".
    Duration {
        /// Seconds.
        duration: u64,
    },
}

/// How a task renders inside a workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatusIndicator {
    /// No indicator.
    #[default]
    None,
    /// A spinner.
    Loading,
    /// A check mark.
    Complete,
}

tagged_union! {
    /// One step of a workflow, or a standalone task item.
    pub enum Task ("task") {
        /// Free-form content.
        Custom(CustomTask) = "custom",
        /// A web search with its queries and sources.
        WebSearch(SearchTask) = "web_search",
        /// A reasoning step.
        Thought(ThoughtTask) = "thought",
        /// Files consulted.
        File(FileTask) = "file",
        /// An image being made.
        Image(ImageTask) = "image",
    }
}

impl Task {
    /// The task's status indicator.
    pub fn status_indicator(&self) -> TaskStatusIndicator {
        match self {
            Task::Custom(t) => t.status_indicator,
            Task::WebSearch(t) => t.status_indicator,
            Task::Thought(t) => t.status_indicator,
            Task::File(t) => t.status_indicator,
            Task::Image(t) => t.status_indicator,
        }
    }
}

/// A task showing app-defined content.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct CustomTask {
    /// Status shown inside a workflow.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// An icon name.
    #[serde(default)]
    pub icon: Option<String>,
    /// The body (markdown).
    #[serde(default)]
    pub content: Option<String>,
}
wire_serialize!(
    CustomTask,
    [status_indicator],
    "custom",
    [title = opt, icon = opt, content = opt]
);

/// A web search.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SearchTask {
    /// Status shown inside a workflow.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The query shown in the title.
    #[serde(default)]
    pub title_query: Option<String>,
    /// Queries run.
    #[serde(default)]
    pub queries: Vec<String>,
    /// Pages found.
    #[serde(default)]
    pub sources: Vec<UrlSource>,
}
wire_serialize!(
    SearchTask,
    [status_indicator],
    "web_search",
    [title = opt, title_query = opt, queries, sources]
);

/// A reasoning step.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ThoughtTask {
    /// Status shown inside a workflow.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The thought (markdown).
    pub content: String,
}
wire_serialize!(
    ThoughtTask,
    [status_indicator],
    "thought",
    [title = opt, content]
);

/// Files consulted.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct FileTask {
    /// Status shown inside a workflow.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The files.
    #[serde(default)]
    pub sources: Vec<FileSource>,
}
wire_serialize!(FileTask, [status_indicator], "file", [title = opt, sources]);

/// An image being generated.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ImageTask {
    /// Status shown inside a workflow.
    #[serde(default)]
    pub status_indicator: TaskStatusIndicator,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
}
wire_serialize!(ImageTask, [status_indicator], "image", [title = opt]);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(json: &str) {
        let value: T = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
    }

    #[test]
    fn tasks() {
        round_trip::<Task>(r#"{"status_indicator":"none","type":"thought","content":"hmm"}"#);
        round_trip::<Task>(
            r#"{"status_indicator":"loading","type":"custom","title":"T","icon":"bolt","content":"c"}"#,
        );
        round_trip::<Task>(
            r#"{"status_indicator":"complete","type":"web_search","title_query":"q","queries":["a"],"sources":[{"title":"S","type":"url","url":"https://a.b/"}]}"#,
        );
        round_trip::<Task>(r#"{"status_indicator":"none","type":"file","sources":[]}"#);
        round_trip::<Task>(r#"{"status_indicator":"none","type":"image"}"#);
        let parsed: Task = serde_json::from_str(r#"{"type":"web_search"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            r#"{"status_indicator":"none","type":"web_search","queries":[],"sources":[]}"#
        );
    }

    #[test]
    fn workflows_and_summaries() {
        round_trip::<Workflow>(
            r#"{"type":"custom","tasks":[],"summary":{"duration":3},"expanded":false}"#,
        );
        round_trip::<Workflow>(
            r#"{"type":"reasoning","tasks":[],"summary":{"title":"Thought","icon":"lightbulb"},"expanded":true}"#,
        );
        round_trip::<Workflow>(r#"{"type":"custom","tasks":[],"expanded":false}"#);
        assert!(serde_json::from_str::<Workflow>(r#"{"type":"other","tasks":[]}"#).is_err());
    }
}
