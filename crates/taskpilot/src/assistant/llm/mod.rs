//! The LLM agent: when an OpenAI-compatible service is configured, the
//! assistant understands a message by asking a model, which answers in words
//! or calls tools (the task operations) and then answers.
//!
//! One run of the [`Agent`] is a [`Stream`](futures::Stream) of
//! [`AgentEvent`]s: the model's words as they arrive, a widget for each tool
//! result, and at most one error, always one a person can read. Dropping the
//! stream (the ChatKit client went away) drops the request to the model
//! service with it.
//!
//! The caller supplies the [`Tools`] and the last messages of the thread;
//! everything about the model service (streaming, tool-call fragments,
//! timeouts, retries) stays in here.

mod agent;
mod completion;
mod error;
mod retry;
mod tool_calls;
mod upstream;
mod wire;

use chatkit::widgets::WidgetRoot;
use serde::Serialize;
use serde_json::Value;

pub use agent::{Agent, HISTORY_LIMIT, MAX_TURNS};

/// A tool the model may call: a function with a JSON-schema for its arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToolDefinition {
    /// What the model calls it (`^[a-zA-Z0-9_-]{1,64}$`).
    pub name: String,
    /// What it does and when to use it, for the model.
    pub description: String,
    /// The JSON schema of its arguments: an `object`.
    pub parameters: Value,
}

/// What a tool call produced.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutput {
    /// The result as the model reads it (sent back as the `tool` message).
    pub for_model: Value,
    /// What the user sees, if anything.
    pub widget: Option<WidgetRoot>,
    /// What the widget's copy button copies.
    pub copy_text: Option<String>,
}

/// The tools of one run, bound to whoever is asking.
///
/// A run is dropped when the user goes away, so `call` may be dropped at any
/// `.await`: keep each call one transaction (or spawn what must finish).
#[async_trait::async_trait]
pub trait Tools: Send + Sync {
    /// The tools the model may call.
    fn definitions(&self) -> Vec<ToolDefinition>;

    /// Run one tool with arguments that are a JSON object. It never fails:
    /// a problem (an unknown task, a bad date) is a result the model can read
    /// and explain.
    async fn call(&self, name: &str, arguments: Value) -> ToolOutput;

    /// Facts the model needs with the instructions (today's date, the
    /// user's time zone), appended to them.
    fn context(&self) -> Option<String> {
        None
    }
}

/// A message of the thread, given to the model as context (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryMessage {
    /// What the user wrote.
    User(String),
    /// What the assistant answered.
    Assistant(String),
}

/// What a run of the agent produces, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentEvent {
    /// The next piece of an assistant message, as soon as the model sends it.
    TextDelta(String),
    /// The assistant message the deltas since the last `TextDone` make up is
    /// complete. (Only sent after at least one delta.)
    TextDone,
    /// A tool result to show. (Boxed: a widget is ~0.5 KiB, and every text
    /// delta would otherwise be moved at that size.)
    Widget(Box<WidgetRoot>, Option<String>),
    /// The run failed; this is its last event. `message` is for the user. A
    /// message begun with `TextDelta` before it stays unfinished: the
    /// consumer closes it as it sees fit.
    Error { message: String, allow_retry: bool },
}
