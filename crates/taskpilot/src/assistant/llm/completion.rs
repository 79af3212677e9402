//! Reading one streamed reply: server-sent events in, each piece of text out
//! the moment it is read, tool-call fragments put together, and a plain
//! answer to "did the reply really finish?".

use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use eventsource_stream::{Event, EventStream, EventStreamError};
use futures::{Stream, StreamExt as _};

use super::error::LlmError;
use super::tool_calls::{ReadyCall, ToolCallsInProgress};
use super::wire::Chunk;

type Events = Pin<Box<dyn Stream<Item = Result<Event, EventStreamError<LlmError>>> + Send>>;

/// A reply being read. Dropping it closes the connection to the service.
pub(super) struct Completion {
    events: Events,
    tool_calls: ToolCallsInProgress,
    finish_reason: Option<String>,
    ended: bool,
}

impl Completion {
    /// Read `response` as server-sent events, failing if it goes silent for
    /// longer than `idle`.
    pub fn new(response: reqwest::Response, idle: Duration) -> Self {
        Completion {
            events: Box::pin(EventStream::new(bytes_with_idle_timeout(response, idle))),
            tool_calls: ToolCallsInProgress::default(),
            finish_reason: None,
            ended: false,
        }
    }

    /// The next piece of text, or `None` once the reply is complete: the
    /// service said `[DONE]` or gave a `finish_reason`. A reply that stops
    /// with neither was cut off.
    pub async fn next_text(&mut self) -> Result<Option<String>, LlmError> {
        while !self.ended {
            let event = match self.events.next().await {
                Some(Ok(event)) => event,
                Some(Err(error)) if self.finish_reason.is_some() => {
                    // Everything the model meant to say has arrived.
                    tracing::debug!(%error, "model service reply ended untidily after finishing");
                    self.ended = true;
                    break;
                }
                Some(Err(EventStreamError::Transport(error))) => return Err(error),
                Some(Err(error)) => return Err(LlmError::BadEvent(error.to_string())),
                None if self.finish_reason.is_some() => {
                    tracing::debug!("model service reply ended without [DONE]");
                    self.ended = true;
                    break;
                }
                None => return Err(LlmError::Truncated),
            };
            if event.data == "[DONE]" {
                self.ended = true;
                break;
            }
            if event.event == "error" {
                return Err(LlmError::InStream(in_stream_error(&event.data)));
            }
            if let Some(text) = self.read(&event.data)? {
                return Ok(Some(text));
            }
        }
        Ok(None)
    }

    /// Take in one chunk; return its text, if it has any.
    fn read(&mut self, data: &str) -> Result<Option<String>, LlmError> {
        let chunk: Chunk = serde_json::from_str(data)
            .map_err(|e| LlmError::BadEvent(format!("{e} in {}", excerpt(data))))?;
        if let Some(error) = chunk.error {
            return Err(LlmError::InStream(error));
        }
        let mut text = None;
        // The agent asks for one choice; a server sending more is only read for the first.
        for choice in chunk.choices.into_iter().filter(|c| c.index == 0) {
            for fragment in choice.delta.tool_calls.into_iter().flatten() {
                self.tool_calls.add(fragment);
            }
            if let Some(reason) = choice.finish_reason {
                self.finish_reason = Some(reason);
            }
            text = choice
                .delta
                .content
                .or(choice.delta.refusal)
                .filter(|t| !t.is_empty());
        }
        Ok(text)
    }

    /// Why the model stopped (`stop`, `tool_calls`, `length`…), once it has.
    pub fn finish_reason(&self) -> Option<&str> {
        self.finish_reason.as_deref()
    }

    /// The tool calls of the finished reply, checked; empty for an answer.
    pub fn into_tool_calls(self) -> Result<Vec<ReadyCall>, LlmError> {
        if self.tool_calls.is_empty() {
            return Ok(Vec::new());
        }
        self.tool_calls.finish()
    }
}

/// The body's bytes, ending with [`LlmError::IdleTimeout`] when none arrive
/// for `idle` (so keep-alive comments count as life) and with
/// [`LlmError::Dropped`] when the connection breaks.
fn bytes_with_idle_timeout(
    response: reqwest::Response,
    idle: Duration,
) -> impl Stream<Item = Result<Bytes, LlmError>> + Send {
    async_stream::stream! {
        let mut body = std::pin::pin!(response.bytes_stream());
        loop {
            match tokio::time::timeout(idle, body.next()).await {
                Err(_) => {
                    yield Err(LlmError::IdleTimeout(idle));
                    break;
                }
                Ok(None) => break,
                Ok(Some(Ok(bytes))) => yield Ok(bytes),
                Ok(Some(Err(error))) => {
                    yield Err(LlmError::Dropped(error_chain(&error)));
                    break;
                }
            }
        }
    }
}

/// An error and its causes on one line ("error decoding response body: …").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn in_stream_error(data: &str) -> serde_json::Value {
    serde_json::from_str(data).unwrap_or_else(|_| serde_json::Value::String(excerpt(data)))
}

/// The start of a long text, for a log line.
fn excerpt(text: &str) -> String {
    const CHARS: usize = 200;
    let mut short: String = text.chars().take(CHARS).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reply whose body arrives in these pieces.
    fn reply(pieces: &[&[u8]]) -> Completion {
        let pieces: Vec<Result<Bytes, std::io::Error>> = pieces
            .iter()
            .map(|piece| Ok(Bytes::copy_from_slice(piece)))
            .collect();
        let body = reqwest::Body::wrap_stream(futures::stream::iter(pieces));
        let response = reqwest::Response::from(axum::http::Response::new(body));
        Completion::new(response, Duration::from_secs(5))
    }

    async fn texts(completion: &mut Completion) -> Result<Vec<String>, LlmError> {
        let mut texts = Vec::new();
        while let Some(text) = completion.next_text().await? {
            texts.push(text);
        }
        Ok(texts)
    }

    #[tokio::test]
    async fn events_and_characters_split_across_reads_are_put_back_together() {
        let whole =
            "data: {\"choices\":[{\"delta\":{\"content\":\"caf\u{e9}\"}}]}\n\ndata: [DONE]\n\n";
        let bytes = whole.as_bytes();
        let split = whole.find('\u{e9}').unwrap() + 1; // inside the two bytes of "é"
        let mut completion = reply(&[&bytes[..7], &bytes[7..split], &bytes[split..]]);
        assert_eq!(texts(&mut completion).await.unwrap(), ["café"]);
    }

    #[tokio::test]
    async fn text_and_finish_reason_in_one_chunk_end_the_reply_even_without_done() {
        let mut completion = reply(&[
            b"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bye\"},\"finish_reason\":\"stop\"}]}\n\n",
        ]);
        assert_eq!(texts(&mut completion).await.unwrap(), ["Bye"]);
        assert_eq!(completion.finish_reason(), Some("stop"));
        assert!(completion.into_tool_calls().unwrap().is_empty());
    }

    #[tokio::test]
    async fn an_event_that_is_not_json_is_refused() {
        let mut completion = reply(&[b"data: {not json\n\n"]);
        assert!(matches!(
            texts(&mut completion).await,
            Err(LlmError::BadEvent(_))
        ));
    }

    #[tokio::test]
    async fn a_body_that_just_stops_is_cut_off() {
        let mut completion =
            reply(&[b"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"]);
        assert_eq!(
            completion.next_text().await.unwrap().as_deref(),
            Some("Hel")
        );
        assert!(matches!(
            completion.next_text().await,
            Err(LlmError::Truncated)
        ));
    }
}
