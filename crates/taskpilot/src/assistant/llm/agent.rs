//! The agent's loop: ask the model; stream its words; run the tools it calls
//! and hand it their results; until it answers, for a bounded number of turns.

use std::sync::Arc;
use std::time::Instant;

use futures::Stream;

use super::error::LlmError;
use super::retry::RetryBudget;
use super::upstream::Upstream;
use super::wire::{ChatRequest, FunctionTool, Message, ToolChoice};
use super::{AgentEvent, HistoryMessage, ToolDefinition, ToolOutput, Tools};
use crate::config::Config;

/// Most model turns in one run, tool-calling turns and the answer together.
/// The last turn may not call tools, so it has to answer.
pub const MAX_TURNS: usize = 6;

/// Most thread messages sent to the model as context (the newest).
pub const HISTORY_LIMIT: usize = 20;

/// What the model is told before the conversation.
const INSTRUCTIONS: &str = include_str!("system_prompt.md");

/// The LLM agent, shared by every request: cheap to clone.
#[derive(Debug, Clone)]
pub struct Agent {
    upstream: Arc<Upstream>,
}

impl Agent {
    /// The agent the configuration asks for, or `None` when no API key is
    /// set (the assistant then uses its built-in understanding).
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Agent>> {
        Ok(Upstream::from_config(config)?.map(|upstream| Agent {
            upstream: Arc::new(upstream),
        }))
    }

    /// Answer the last message of `history` (oldest first; only the newest
    /// [`HISTORY_LIMIT`] are sent), calling `tools` as the model asks.
    ///
    /// The stream ends after the answer's `TextDone` (or its last widget, if
    /// the model had nothing to add; or at once, if it said nothing at all),
    /// or after one `Error`. Dropping it cancels the request to the model
    /// service and any tool call under way.
    pub fn run(
        &self,
        tools: Arc<dyn Tools>,
        history: Vec<HistoryMessage>,
    ) -> impl Stream<Item = AgentEvent> + Send + 'static {
        let upstream = Arc::clone(&self.upstream);
        async_stream::stream! {
            let started = Instant::now();
            let definitions = tools.definitions();
            let functions: Vec<FunctionTool> = definitions.iter().map(FunctionTool::from).collect();
            let mut messages = opening_messages(history, tools.context());
            let mut budget = RetryBudget::new(upstream.retry);
            for turn in 1..=MAX_TURNS {
                let last_turn = turn == MAX_TURNS;
                let request = ChatRequest {
                    model: &upstream.model,
                    messages: &messages,
                    stream: true,
                    tools: &functions,
                    tool_choice: (!functions.is_empty())
                        .then_some(if last_turn { ToolChoice::None } else { ToolChoice::Auto }),
                };
                let mut completion = match upstream.open(&request, &mut budget).await {
                    Ok(completion) => completion,
                    Err(error) => {
                        yield error.into_event();
                        return;
                    }
                };

                let mut text = String::new();
                loop {
                    match completion.next_text().await {
                        Ok(Some(delta)) => {
                            text.push_str(&delta);
                            yield AgentEvent::TextDelta(delta);
                        }
                        Ok(None) => break,
                        Err(error) => {
                            yield error.into_event();
                            return;
                        }
                    }
                }
                if !text.is_empty() {
                    yield AgentEvent::TextDone;
                }
                tracing::debug!(
                    turn,
                    finish_reason = completion.finish_reason().unwrap_or("none"),
                    elapsed = ?started.elapsed(),
                    "model turn finished"
                );

                // Every call is checked before any runs: a malformed one
                // stops the run with nothing half done.
                let calls = match completion.into_tool_calls() {
                    Ok(calls) => calls,
                    Err(error) => {
                        yield error.into_event();
                        return;
                    }
                };
                if calls.is_empty() {
                    return;
                }
                if last_turn {
                    yield LlmError::TooManySteps(MAX_TURNS).into_event();
                    return;
                }

                messages.push(Message::Assistant {
                    content: (!text.is_empty()).then_some(text),
                    tool_calls: calls.iter().map(|ready| ready.call.clone()).collect(),
                });
                // One at a time, in the model's order: they change the same
                // task list, and their widgets show in that order.
                for ready in calls {
                    let name = &ready.call.function.name;
                    let output = if definitions.iter().any(|tool| &tool.name == name) {
                        tools.call(name, ready.arguments).await
                    } else {
                        unknown_tool(name, &definitions)
                    };
                    tracing::debug!(tool = %name, widget = output.widget.is_some(), "tool called");
                    if let Some(widget) = output.widget {
                        yield AgentEvent::Widget(Box::new(widget), output.copy_text);
                    }
                    messages.push(Message::Tool {
                        tool_call_id: ready.call.id,
                        content: output.for_model.to_string(),
                    });
                }
            }
        }
    }
}

/// The instructions, then the newest [`HISTORY_LIMIT`] messages of the thread.
fn opening_messages(history: Vec<HistoryMessage>, context: Option<String>) -> Vec<Message> {
    let skip = history.len().saturating_sub(HISTORY_LIMIT);
    let mut messages = Vec::with_capacity(1 + history.len() - skip);
    let content = match context {
        Some(context) => format!("{INSTRUCTIONS}\n{context}"),
        None => INSTRUCTIONS.to_string(),
    };
    messages.push(Message::System { content });
    messages.extend(history.into_iter().skip(skip).map(|message| match message {
        HistoryMessage::User(content) => Message::User { content },
        HistoryMessage::Assistant(content) => Message::Assistant {
            content: Some(content),
            tool_calls: Vec::new(),
        },
    }));
    messages
}

/// The result for a tool the model made up: an error it can read and correct.
fn unknown_tool(name: &str, definitions: &[ToolDefinition]) -> ToolOutput {
    let known: Vec<&str> = definitions.iter().map(|tool| tool.name.as_str()).collect();
    ToolOutput {
        for_model: serde_json::json!({
            "error": format!("there is no tool named {name:?}; the tools are {known:?}")
        }),
        widget: None,
        copy_text: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_messages_are_sent_after_the_instructions() {
        let history: Vec<HistoryMessage> = (0..25)
            .map(|i| HistoryMessage::User(format!("message {i}")))
            .collect();
        let messages = opening_messages(history, None);
        assert_eq!(messages.len(), 1 + HISTORY_LIMIT);
        assert!(matches!(&messages[0], Message::System { content } if content == INSTRUCTIONS));
        assert_eq!(
            messages[1],
            Message::User {
                content: "message 5".into()
            }
        );
        assert_eq!(
            messages[HISTORY_LIMIT],
            Message::User {
                content: "message 24".into()
            }
        );
    }

    #[test]
    fn the_instructions_ask_the_model_not_to_restate_widgets() {
        assert!(INSTRUCTIONS.contains("Do not restate what the widget shows"));
        assert!(INSTRUCTIONS.contains("at most one short sentence"));
    }

    #[test]
    fn without_an_api_key_there_is_no_agent() {
        let mut config = Config::for_tests("sqlite::memory:");
        assert!(Agent::from_config(&config).unwrap().is_none());
        config.openai_api_key = Some("  ".into());
        assert!(Agent::from_config(&config).unwrap().is_none());
        config.openai_api_key = Some("sk-test".into());
        assert!(Agent::from_config(&config).unwrap().is_some());
    }

    #[test]
    fn the_key_never_shows_in_debug_output() {
        let mut config = Config::for_tests("sqlite::memory:");
        config.openai_api_key = Some("sk-very-secret".into());
        let agent = Agent::from_config(&config).unwrap().unwrap();
        assert!(!format!("{config:?}").contains("sk-very-secret"));
        assert!(!format!("{agent:?}").contains("sk-very-secret"));
    }
}
