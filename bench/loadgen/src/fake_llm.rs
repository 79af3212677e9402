//! A fake OpenAI-compatible model service for the `llm` scenario, served by
//! loadgen itself so that its clock is the client's: the time from the fake
//! sending its first token to the client reading the first text delta is
//! what TaskPilot's LLM path adds.
//!
//! `POST /v1/chat/completions` streams a short scripted reply (no tool
//! calls), paced like a hosted model: the first token after `first_token`,
//! the next ones `between_tokens` apart. The last user message must carry a
//! probe word
//! (`probe-<id>`), under which the instant of the first token is kept for
//! [`FakeLlm::first_token_sent`].

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::serve::ListenerExt;
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::net::TcpListener;

/// The scripted reply, one token per chunk.
const TOKENS: &[&str] = &["Noted", " —", " a", " scripted", " reply", "."];

/// When each probe's first token was handed to the HTTP server.
type FirstTokens = Arc<Mutex<HashMap<String, Instant>>>;

/// How the fake paces its replies.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    pub first_token: Duration,
    pub between_tokens: Duration,
}

#[derive(Clone)]
struct Shared {
    first_tokens: FirstTokens,
    pace: Pace,
}

/// The running fake.
pub struct FakeLlm {
    pub address: SocketAddr,
    first_tokens: FirstTokens,
}

impl FakeLlm {
    /// Serves on 127.0.0.1:`port` until loadgen exits.
    pub async fn start(port: u16, pace: Pace) -> Result<FakeLlm> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .with_context(|| format!("binding the fake model service to 127.0.0.1:{port}"))?;
        let address = listener.local_addr()?;
        let first_tokens = FirstTokens::default();
        let app = Router::new()
            .route("/v1/chat/completions", post(completions))
            .route("/chat/completions", post(completions))
            .with_state(Shared {
                first_tokens: first_tokens.clone(),
                pace,
            });
        // Without TCP_NODELAY a token written soon after the headers waits
        // for their delayed ACK (up to 40 ms): an artefact of the fake that
        // would be counted against TaskPilot.
        let listener = listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                eprintln!("loadgen: fake model service: TCP_NODELAY not set: {error}");
            }
        });
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                eprintln!("loadgen: the fake model service stopped: {error}");
            }
        });
        Ok(FakeLlm {
            address,
            first_tokens,
        })
    }

    /// When the first token of the reply to `probe` was sent (taken out).
    pub fn first_token_sent(&self, probe: &str) -> Option<Instant> {
        self.first_tokens
            .lock()
            .ok()
            .and_then(|mut map| map.remove(probe))
    }
}

async fn completions(State(shared): State<Shared>, body: Bytes) -> Response {
    let Some(probe) = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|request| last_user_text(&request))
        .and_then(|text| probe_word(&text))
    else {
        return (
            StatusCode::BAD_REQUEST,
            "the last user message has no probe-<id> word",
        )
            .into_response();
    };
    let mut frames: Vec<String> = TOKENS
        .iter()
        .enumerate()
        .map(|(index, token)| {
            let delta = if index == 0 {
                json!({ "role": "assistant", "content": token })
            } else {
                json!({ "content": token })
            };
            chunk(delta, Value::Null)
        })
        .collect();
    frames.push(chunk(json!({}), json!("stop")));
    frames.push("data: [DONE]\n\n".to_owned());
    let stream =
        futures::stream::iter(frames.into_iter().enumerate()).then(move |(index, frame)| {
            let shared = shared.clone();
            let probe = probe.clone();
            async move {
                if index == 0 {
                    tokio::time::sleep(shared.pace.first_token).await;
                    if let Ok(mut map) = shared.first_tokens.lock() {
                        map.insert(probe, Instant::now());
                    }
                } else {
                    tokio::time::sleep(shared.pace.between_tokens).await;
                }
                Ok::<_, Infallible>(Bytes::from(frame))
            }
        });
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// One `chat.completion.chunk` SSE frame.
fn chunk(delta: Value, finish_reason: Value) -> String {
    let chunk = json!({
        "id": "chatcmpl-loadgen",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "loadgen-fake",
        "choices": [{ "index": 0, "delta": delta, "finish_reason": finish_reason }],
    });
    format!("data: {chunk}\n\n")
}

/// The text of the request's last user message (string or text parts).
fn last_user_text(request: &Value) -> Option<String> {
    let message = request["messages"]
        .as_array()?
        .iter()
        .rev()
        .find(|m| m["role"] == "user")?;
    match &message["content"] {
        Value::String(text) => Some(text.clone()),
        Value::Array(parts) => Some(
            parts
                .iter()
                .filter_map(|part| part["text"].as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    }
}

/// The first `probe-…` word of `text`.
pub fn probe_word(text: &str) -> Option<String> {
    text.split_whitespace()
        .find(|word| word.starts_with("probe-") && word.len() > "probe-".len())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_probe_in_the_last_user_message() {
        let request = json!({ "messages": [
            { "role": "system", "content": "probe-system" },
            { "role": "user", "content": "old probe-1" },
            { "role": "assistant", "content": "ok" },
            { "role": "user", "content": [{ "type": "text", "text": "say hi probe-7-3" }] },
        ]});
        let text = last_user_text(&request).expect("a user message");
        assert_eq!(probe_word(&text).as_deref(), Some("probe-7-3"));
        assert_eq!(probe_word("no probe here"), None);
        assert_eq!(probe_word("probe-"), None);
    }

    #[test]
    fn chunks_are_sse_frames_of_completion_chunks() {
        let frame = chunk(json!({ "content": "x" }), Value::Null);
        let data = frame
            .strip_prefix("data: ")
            .and_then(|rest| rest.strip_suffix("\n\n"))
            .expect("one SSE data frame");
        let parsed: Value = serde_json::from_str(data).expect("JSON");
        assert_eq!(parsed["choices"][0]["delta"]["content"], "x");
        assert_eq!(parsed["object"], "chat.completion.chunk");
    }
}
