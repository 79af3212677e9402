//! Tool calls arrive in fragments: the first fragment of a call carries its
//! `index`, id and name, the following ones pieces of its JSON arguments.
//! [`ToolCallsInProgress`] puts them back together.

use std::collections::BTreeMap;

use serde_json::Value;

use super::error::LlmError;
use super::wire::{FunctionCall, ToolCall, ToolCallDelta};

/// The tool calls of one turn, as far as they have arrived.
#[derive(Debug, Default)]
pub(super) struct ToolCallsInProgress {
    by_index: BTreeMap<u32, Partial>,
}

#[derive(Debug, Default)]
struct Partial {
    id: String,
    name: String,
    arguments: String,
}

/// A complete tool call whose arguments are a JSON object.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ReadyCall {
    /// As it goes back to the model in the assistant message.
    pub call: ToolCall,
    pub arguments: Value,
}

impl ToolCallsInProgress {
    /// Add one fragment.
    pub fn add(&mut self, delta: ToolCallDelta) {
        let partial = self.by_index.entry(delta.index).or_default();
        if let Some(id) = delta.id
            && partial.id.is_empty()
        {
            partial.id = id;
        }
        if let Some(function) = delta.function {
            // OpenAI sends the name whole, but some compatible servers split
            // it like the arguments.
            if let Some(name) = function.name {
                partial.name.push_str(&name);
            }
            if let Some(arguments) = function.arguments {
                partial.arguments.push_str(&arguments);
            }
        }
    }

    /// Whether no fragment has arrived.
    pub fn is_empty(&self) -> bool {
        self.by_index.is_empty()
    }

    /// The calls in the order the model made them, each checked: a name, and
    /// arguments that are a JSON object (empty arguments count as `{}`).
    pub fn finish(self) -> Result<Vec<ReadyCall>, LlmError> {
        self.by_index
            .into_iter()
            .map(|(index, partial)| {
                if partial.name.is_empty() {
                    return Err(LlmError::MalformedToolCall {
                        name: String::new(),
                        problem: format!("tool call {index} has no name"),
                    });
                }
                let text = partial.arguments.trim();
                let arguments = if text.is_empty() {
                    Value::Object(Default::default())
                } else {
                    serde_json::from_str(text).map_err(|e| LlmError::MalformedToolCall {
                        name: partial.name.clone(),
                        problem: format!("arguments are not JSON ({e})"),
                    })?
                };
                if !arguments.is_object() {
                    return Err(LlmError::MalformedToolCall {
                        name: partial.name,
                        problem: "arguments are not a JSON object".into(),
                    });
                }
                let id = if partial.id.is_empty() {
                    // The id only pairs the call with its result; any unique one will do.
                    format!("call_{index}")
                } else {
                    partial.id
                };
                Ok(ReadyCall {
                    call: ToolCall {
                        id,
                        kind: "function",
                        function: FunctionCall {
                            name: partial.name,
                            arguments: partial.arguments,
                        },
                    },
                    arguments,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::wire::FunctionDelta;
    use super::*;

    fn fragment(index: u32, id: Option<&str>, name: Option<&str>, args: &str) -> ToolCallDelta {
        ToolCallDelta {
            index,
            id: id.map(str::to_string),
            function: Some(FunctionDelta {
                name: name.map(str::to_string),
                arguments: Some(args.to_string()),
            }),
        }
    }

    #[test]
    fn fragments_are_joined_per_index_in_index_order() {
        let mut calls = ToolCallsInProgress::default();
        calls.add(fragment(1, Some("call_b"), Some("list_tasks"), ""));
        calls.add(fragment(0, Some("call_a"), Some("add_task"), "{\"ti"));
        calls.add(fragment(1, None, None, "{}"));
        calls.add(fragment(0, None, None, "tle\": \"milk\"}"));
        let ready = calls.finish().unwrap();
        assert_eq!(ready.len(), 2);
        assert_eq!(ready[0].call.id, "call_a");
        assert_eq!(ready[0].call.function.name, "add_task");
        assert_eq!(ready[0].call.function.arguments, "{\"title\": \"milk\"}");
        assert_eq!(ready[0].arguments, json!({"title": "milk"}));
        assert_eq!(ready[1].call.id, "call_b");
        assert_eq!(ready[1].arguments, json!({}));
    }

    #[test]
    fn a_split_name_and_a_missing_id_are_mended() {
        let mut calls = ToolCallsInProgress::default();
        calls.add(fragment(0, None, Some("list_"), ""));
        calls.add(fragment(0, None, Some("tasks"), ""));
        let ready = calls.finish().unwrap();
        assert_eq!(ready[0].call.function.name, "list_tasks");
        assert_eq!(ready[0].call.id, "call_0");
    }

    #[test]
    fn arguments_that_are_not_a_json_object_are_refused() {
        for bad in ["{\"title\": \"milk\"", "[1, 2]", "not json"] {
            let mut calls = ToolCallsInProgress::default();
            calls.add(fragment(0, Some("c"), Some("add_task"), bad));
            let error = calls.finish().unwrap_err();
            assert!(
                matches!(error, LlmError::MalformedToolCall { ref name, .. } if name == "add_task"),
                "{bad}: {error:?}"
            );
        }
    }

    #[test]
    fn a_call_without_a_name_is_refused() {
        let mut calls = ToolCallsInProgress::default();
        calls.add(fragment(0, Some("c"), None, "{}"));
        assert!(calls.finish().is_err());
    }
}
