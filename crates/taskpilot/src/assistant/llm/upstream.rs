//! The model service: where to send a chat-completions request, with which
//! key, how long to wait for it to answer, and when to ask again.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use bytes::Bytes;
use reqwest::header::{ACCEPT, CONTENT_TYPE};

use super::completion::Completion;
use super::error::LlmError;
use super::retry::{RetryBudget, RetryPolicy, retry_after};
use super::wire::ChatRequest;
use crate::config::{ApiKey, Config};

/// Attempts per request (429s and server errors are asked again).
const MAX_ATTEMPTS: u32 = 3;

/// The pause after a first failure that names none; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// Most of an error body kept for the logs.
const ERROR_BODY_BYTES: usize = 2048;

/// A configured OpenAI-compatible chat-completions endpoint.
#[derive(Debug)]
pub(super) struct Upstream {
    http: reqwest::Client,
    endpoint: String,
    api_key: ApiKey,
    pub model: String,
    first_byte_timeout: Duration,
    idle_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Upstream {
    /// The endpoint the configuration names, or `None` without an API key.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Self>> {
        let Some(api_key) = config
            .openai_api_key
            .clone()
            .filter(|key| !key.expose().trim().is_empty())
        else {
            return Ok(None);
        };
        let first_byte_timeout = Duration::from_millis(config.openai_first_byte_timeout_ms);
        let http = reqwest::Client::builder()
            .connect_timeout(first_byte_timeout)
            // Only the configured URL gets the key, never a redirect target.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("taskpilot/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("building the HTTP client for the model service")?;
        Ok(Some(Upstream {
            http,
            endpoint: format!(
                "{}/chat/completions",
                config.openai_base_url.trim_end_matches('/')
            ),
            api_key,
            model: config.openai_model.clone(),
            first_byte_timeout,
            idle_timeout: Duration::from_millis(config.openai_idle_timeout_ms),
            retry: RetryPolicy {
                max_attempts: MAX_ATTEMPTS,
                first_backoff: FIRST_BACKOFF,
                budget: Duration::from_millis(config.openai_retry_budget_ms),
            },
        }))
    }

    /// Send `request` and return its reply once the service has accepted it.
    /// A 429 or a server error is asked again while `budget` allows; nothing
    /// of this request has reached the user by then, so nothing is repeated.
    pub async fn open(
        &self,
        request: &ChatRequest<'_>,
        budget: &mut RetryBudget,
    ) -> Result<Completion, LlmError> {
        let body = Bytes::from(serde_json::to_vec(request).map_err(LlmError::Encode)?);
        let mut attempt = 1;
        loop {
            let started = Instant::now();
            let send = self
                .http
                .post(&self.endpoint)
                .bearer_auth(self.api_key.expose())
                .header(ACCEPT, "text/event-stream")
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone())
                .send();
            let response = match tokio::time::timeout(self.first_byte_timeout, send).await {
                Err(_) => return Err(LlmError::FirstByteTimeout(self.first_byte_timeout)),
                Ok(Err(error)) if error.is_timeout() => {
                    return Err(LlmError::FirstByteTimeout(self.first_byte_timeout));
                }
                Ok(Err(error)) => return Err(LlmError::Connect(error)),
                Ok(Ok(response)) => response,
            };
            let status = response.status();
            if status.is_success() {
                tracing::debug!(attempt, elapsed = ?started.elapsed(), "model service answered");
                return Ok(Completion::new(response, self.idle_timeout));
            }
            let wait = if LlmError::is_transient(status) {
                budget.next_wait(attempt, retry_after(response.headers()))
            } else {
                None
            };
            let body = self.error_body(response).await;
            let Some(wait) = wait else {
                return Err(LlmError::Status { status, body });
            };
            tracing::warn!(%status, attempt, ?wait, %body, "model service refused; asking again");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The start of an error response's body, for the logs. Reading it to
    /// the end (when short) also lets the connection be used again.
    async fn error_body(&self, mut response: reqwest::Response) -> String {
        let mut body = Vec::new();
        while body.len() < ERROR_BODY_BYTES {
            match tokio::time::timeout(self.idle_timeout, response.chunk()).await {
                Ok(Ok(Some(chunk))) => body.extend_from_slice(&chunk),
                _ => break,
            }
        }
        body.truncate(ERROR_BODY_BYTES);
        String::from_utf8_lossy(&body).into_owned()
    }
}
