//! One virtual user's conversation with TaskPilot over HTTP: sign up, get
//! (and refresh) a JWT, send ChatKit requests and check their event streams.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};

use crate::sse::SseParser;

/// How long one HTTP exchange (a whole stream included) may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// JWTs live 15 minutes; fetch a new one well before that.
const JWT_REFRESH_AFTER: Duration = Duration::from_secs(10 * 60);
/// How much of an unexpected body a failure reason quotes.
const BODY_SNIPPET_CHARS: usize = 200;

/// Timings of one streamed request, measured from just before it was sent.
#[derive(Debug, Clone, Copy)]
pub struct StreamTiming {
    pub first_event: Duration,
    pub total: Duration,
    /// When the first assistant text delta was read (LLM replies stream
    /// text; built-in ones may not).
    pub first_text_at: Option<Instant>,
}

/// A signed-up user with its own keep-alive connection pool.
pub struct User {
    http: reqwest::Client,
    base_url: String,
    session_token: String,
    jwt: String,
    jwt_fetched_at: Instant,
}

impl User {
    /// Signs up a new account on `base_url` and fetches its first JWT.
    pub async fn sign_up(base_url: &str, name: &str, email: &str, password: &str) -> Result<User> {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .tcp_nodelay(true)
            // Only loopback is allowed: no proxy, and no redirect to elsewhere.
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("building the HTTP client")?;
        let response = http
            .post(format!("{base_url}/api/auth/sign-up/email"))
            .json(&json!({ "name": name, "email": email, "password": password }))
            .send()
            .await
            .context("sign-up request")?;
        let body = json_body(response).await.context("sign-up")?;
        let session_token = string_field(&body, "token").context("sign-up")?;
        let jwt = fetch_jwt(&http, base_url, &session_token).await?;
        Ok(User {
            http,
            base_url: base_url.to_owned(),
            session_token,
            jwt,
            jwt_fetched_at: Instant::now(),
        })
    }

    /// Sends `threads.create` with `text`; returns its timing and the new thread's id.
    pub async fn create_thread(&mut self, text: &str) -> Result<(StreamTiming, String)> {
        let request = json!({
            "type": "threads.create",
            "params": { "input": user_input(text) },
        });
        let (timing, first_event) = self.stream(&request, Some("thread.created")).await?;
        let thread_id = first_event["thread"]["id"]
            .as_str()
            .ok_or_else(|| anyhow!("thread.created event has no thread.id: {first_event}"))?;
        Ok((timing, thread_id.to_owned()))
    }

    /// Sends `threads.add_user_message` with `text` to `thread_id`.
    pub async fn add_user_message(&mut self, thread_id: &str, text: &str) -> Result<StreamTiming> {
        let request = json!({
            "type": "threads.add_user_message",
            "params": { "thread_id": thread_id, "input": user_input(text) },
        });
        Ok(self.stream(&request, None).await?.0)
    }

    /// POSTs a streaming ChatKit request and reads its stream to the end,
    /// checking it; returns the timing and the first event.
    async fn stream(
        &mut self,
        request: &Value,
        expected_first: Option<&str>,
    ) -> Result<(StreamTiming, Value)> {
        if self.jwt_fetched_at.elapsed() >= JWT_REFRESH_AFTER {
            self.jwt = fetch_jwt(&self.http, &self.base_url, &self.session_token).await?;
            self.jwt_fetched_at = Instant::now();
        }
        let started = Instant::now();
        let mut response = self
            .http
            .post(format!("{}/chatkit", self.base_url))
            .bearer_auth(&self.jwt)
            .json(request)
            .send()
            .await
            .context("sending")?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            bail!(
                "HTTP {status}: {}",
                snippet(&response.text().await.unwrap_or_default())
            );
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        ensure!(
            content_type
                .to_ascii_lowercase()
                .starts_with("text/event-stream"),
            "content-type is {content_type:?}, not text/event-stream"
        );

        let mut parser = SseParser::default();
        let mut first: Option<(Duration, Value)> = None;
        let mut last_type = String::new();
        let mut first_text_at = None;
        while let Some(chunk) = response.chunk().await.context("reading the stream")? {
            let arrived = Instant::now();
            for data in parser.push(&chunk)? {
                let event: Value = serde_json::from_str(&data)
                    .with_context(|| format!("event is not JSON: {}", snippet(&data)))?;
                let event_type = event["type"].as_str().unwrap_or_default().to_owned();
                if event_type == "error" {
                    bail!("error event: {}", snippet(&data));
                }
                if first_text_at.is_none()
                    && event_type == "thread.item.updated"
                    && event["update"]["type"] == "assistant_message.content_part.text_delta"
                {
                    first_text_at = Some(arrived);
                }
                if first.is_none() {
                    if let Some(expected) = expected_first {
                        ensure!(
                            event_type == expected,
                            "first event is {event_type:?}, not {expected:?}"
                        );
                    }
                    first = Some((started.elapsed(), event));
                }
                last_type = event_type;
            }
        }
        parser.finish()?;
        let total = started.elapsed();
        let (first_event, first_value) = first.ok_or_else(|| anyhow!("stream had no events"))?;
        ensure!(
            // A reply ends with its last item done, or with the lists it
            // redrew (after a change) replaced.
            matches!(
                last_type.as_str(),
                "thread.item.done" | "thread.item.replaced"
            ),
            "stream ended after {last_type:?}, not an item done or replaced"
        );
        Ok((
            StreamTiming {
                first_event,
                total,
                first_text_at,
            },
            first_value,
        ))
    }
}

/// Exchanges a session token for a JWT at `GET /api/auth/token`.
async fn fetch_jwt(http: &reqwest::Client, base_url: &str, session_token: &str) -> Result<String> {
    let response = http
        .get(format!("{base_url}/api/auth/token"))
        .bearer_auth(session_token)
        .send()
        .await
        .context("token request")?;
    let body = json_body(response).await.context("token")?;
    string_field(&body, "token").context("token")
}

/// The body of a 200 JSON response, or an error quoting what came instead.
async fn json_body(response: reqwest::Response) -> Result<Value> {
    let status = response.status();
    let text = response.text().await.context("reading the body")?;
    ensure!(
        status == reqwest::StatusCode::OK,
        "HTTP {status}: {}",
        snippet(&text)
    );
    serde_json::from_str(&text).with_context(|| format!("body is not JSON: {}", snippet(&text)))
}

fn string_field(body: &Value, field: &str) -> Result<String> {
    body[field].as_str().map(str::to_owned).ok_or_else(|| {
        anyhow!(
            "response has no string {field:?}: {}",
            snippet(&body.to_string())
        )
    })
}

/// A ChatKit `UserMessageInput` carrying `text`.
fn user_input(text: &str) -> Value {
    json!({
        "content": [{ "type": "input_text", "text": text }],
        "attachments": [],
        "inference_options": {},
    })
}

fn snippet(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(BODY_SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
