//! The JSON of OpenAI's chat completions API, as much of it as the agent
//! sends and reads: the request, the messages, and the streamed chunks.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ToolDefinition;

/// The body of `POST {base}/chat/completions`.
#[derive(Debug, Serialize)]
pub(super) struct ChatRequest<'a> {
    pub model: &'a str,
    pub messages: &'a [Message],
    pub stream: bool,
    // OpenAI refuses an empty `tools` array, and `tool_choice` without tools.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tools: &'a [FunctionTool<'a>],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
}

/// Whether the model may call tools on this turn.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum ToolChoice {
    Auto,
    /// The last turn: answer in words.
    None,
}

/// One entry of `tools`: a function the model may call.
#[derive(Debug, Serialize)]
pub(super) struct FunctionTool<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub function: &'a ToolDefinition,
}

impl<'a> From<&'a ToolDefinition> for FunctionTool<'a> {
    fn from(function: &'a ToolDefinition) -> Self {
        FunctionTool {
            kind: "function",
            function,
        }
    }
}

/// A message of the conversation sent to the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "role", rename_all = "lowercase")]
pub(super) enum Message {
    System {
        content: String,
    },
    User {
        content: String,
    },
    Assistant {
        /// `null` when the model only called tools.
        content: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tool_calls: Vec<ToolCall>,
    },
    Tool {
        tool_call_id: String,
        content: String,
    },
}

/// A tool call the model made, as sent back to it in the assistant message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct ToolCall {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub function: FunctionCall,
}

/// The function a [`ToolCall`] names, with its arguments as the model wrote them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct FunctionCall {
    pub name: String,
    pub arguments: String,
}

/// One `data:` event of a streamed completion.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Chunk {
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Some servers report a failure inside the stream instead of a status.
    #[serde(default)]
    pub error: Option<Value>,
}

/// The part of a chunk for one choice (the agent asks for one: index 0).
#[derive(Debug, Default, Deserialize)]
pub(super) struct Choice {
    #[serde(default)]
    pub index: u32,
    #[serde(default)]
    pub delta: Delta,
    #[serde(default)]
    pub finish_reason: Option<String>,
}

/// What a chunk adds to the reply.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Delta {
    #[serde(default)]
    pub content: Option<String>,
    /// A model declining to help says so here instead of in `content`.
    #[serde(default)]
    pub refusal: Option<String>,
    #[serde(default)]
    pub tool_calls: Option<Vec<ToolCallDelta>>,
}

/// A fragment of a tool call; the fragments of one call share its `index`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct ToolCallDelta {
    pub index: u32,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub function: Option<FunctionDelta>,
}

/// A fragment of a tool call's function: usually the name first, then the
/// arguments a few characters at a time.
#[derive(Debug, Default, Deserialize)]
pub(super) struct FunctionDelta {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub arguments: Option<String>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_assistant_turn_with_only_tool_calls_has_null_content() {
        let message = Message::Assistant {
            content: None,
            tool_calls: vec![ToolCall {
                id: "call_1".into(),
                kind: "function",
                function: FunctionCall {
                    name: "list_tasks".into(),
                    arguments: "{}".into(),
                },
            }],
        };
        assert_eq!(
            serde_json::to_value(message).unwrap(),
            json!({"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "list_tasks", "arguments": "{}"}}
            ]})
        );
    }

    #[test]
    fn a_request_without_tools_names_neither_tools_nor_a_choice() {
        let messages = [Message::User {
            content: "hi".into(),
        }];
        let request = ChatRequest {
            model: "m",
            messages: &messages,
            stream: true,
            tools: &[],
            tool_choice: None,
        };
        assert_eq!(
            serde_json::to_value(request).unwrap(),
            json!({"model": "m", "messages": [{"role": "user", "content": "hi"}], "stream": true})
        );
    }

    #[test]
    fn chunks_tolerate_nulls_and_missing_fields() {
        let chunk: Chunk = serde_json::from_str(
            r#"{"choices":[{"index":0,"delta":{"content":null,"tool_calls":null},"finish_reason":null}]}"#,
        )
        .unwrap();
        assert!(chunk.choices[0].delta.content.is_none());
        let usage_only: Chunk = serde_json::from_str(r#"{"choices":[],"usage":{}}"#).unwrap();
        assert!(usage_only.choices.is_empty());
    }
}
