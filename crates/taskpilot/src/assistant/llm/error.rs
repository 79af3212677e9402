//! What can go wrong while asking the model, what the logs say about it, and
//! what the user is told: a plain sentence, never the upstream's own words.

use std::time::Duration;

use reqwest::StatusCode;

use super::AgentEvent;

/// A failed reply. `Display` is for the logs; [`LlmError::user_message`] for people.
#[derive(Debug, thiserror::Error)]
pub(super) enum LlmError {
    #[error("no response from the model service within {0:?}")]
    FirstByteTimeout(Duration),
    #[error("the model service went silent for {0:?} mid-reply")]
    IdleTimeout(Duration),
    #[error("could not reach the model service")]
    Connect(#[source] reqwest::Error),
    #[error("the model service answered {status}: {body}")]
    Status { status: StatusCode, body: String },
    #[error("the connection to the model service broke mid-reply: {0}")]
    Dropped(String),
    #[error("the model service ended the reply without finishing it")]
    Truncated,
    #[error("the model service sent an unreadable event: {0}")]
    BadEvent(String),
    #[error("the model service reported an error mid-reply: {0}")]
    InStream(serde_json::Value),
    #[error("the model called {name:?} wrongly: {problem}")]
    MalformedToolCall { name: String, problem: String },
    #[error("the model was still calling tools after {0} turns")]
    TooManySteps(usize),
    #[error("could not write the request")]
    Encode(#[source] serde_json::Error),
}

impl LlmError {
    /// Whether a status is worth asking again for (after a pause).
    pub fn is_transient(status: StatusCode) -> bool {
        status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::REQUEST_TIMEOUT
            || status == StatusCode::CONFLICT
            || status.is_server_error()
    }

    /// A key, a model or a URL the service does not accept (a redirect
    /// means a wrong base URL): only an operator can fix it.
    fn is_misconfiguration(&self) -> bool {
        matches!(self, LlmError::Status { status, .. }
            if status.is_redirection()
                || matches!(*status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND))
    }

    /// What the user reads.
    pub fn user_message(&self) -> &'static str {
        match self {
            LlmError::FirstByteTimeout(_) | LlmError::IdleTimeout(_) => {
                "The assistant is taking too long to answer right now. Please try again."
            }
            LlmError::Status { status, .. } if *status == StatusCode::TOO_MANY_REQUESTS => {
                "The assistant is busy right now. Please try again in a minute."
            }
            _ if self.is_misconfiguration() => {
                "The assistant is misconfigured, so it can't answer right now. Please let whoever runs TaskPilot know."
            }
            LlmError::Status { status, .. } if !Self::is_transient(*status) => {
                "The assistant couldn't handle that request. Please try rephrasing it."
            }
            LlmError::Connect(_) | LlmError::Status { .. } | LlmError::InStream(_) => {
                "The assistant is unavailable right now. Please try again in a moment."
            }
            LlmError::Dropped(_) | LlmError::Truncated => {
                "The assistant's answer was cut off. Please try again."
            }
            LlmError::BadEvent(_) | LlmError::MalformedToolCall { .. } | LlmError::Encode(_) => {
                "Something went wrong while the assistant was working on that. Please try again."
            }
            LlmError::TooManySteps(_) => {
                "That took more steps than I can take at once. Please try again, or ask for one thing at a time."
            }
        }
    }

    /// Whether asking again may help. Not for a request the service refuses
    /// as such (a 4xx other than a rate limit): the same request fails again.
    pub fn allow_retry(&self) -> bool {
        match self {
            LlmError::Status { status, .. } => Self::is_transient(*status),
            _ => true,
        }
    }

    /// Log the details and turn the failure into the one event that ends a run.
    pub fn into_event(self) -> AgentEvent {
        let detail: &dyn std::error::Error = &self;
        let cause = detail.source().map(|s| s.to_string()).unwrap_or_default();
        tracing::warn!(error = %self, %cause, "assistant reply failed");
        AgentEvent::Error {
            message: self.user_message().to_string(),
            allow_retry: self.allow_retry(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, body: &str) -> LlmError {
        LlmError::Status {
            status: StatusCode::from_u16(code).unwrap(),
            body: body.into(),
        }
    }

    #[test]
    fn a_rejected_key_is_a_misconfiguration_not_worth_retrying_and_never_quoted() {
        let error = status(
            401,
            "Incorrect API key provided: sk-abc***xyz. You can find your API key at …",
        );
        assert!(!error.allow_retry());
        assert!(error.user_message().contains("misconfigured"));
        assert!(!error.user_message().contains("sk-"));
        assert!(
            status(404, "model not found")
                .user_message()
                .contains("misconfigured")
        );
    }

    #[test]
    fn transient_statuses_may_be_retried_and_read_differently() {
        assert!(status(429, "").allow_retry());
        assert!(status(503, "").allow_retry());
        assert_ne!(
            status(429, "").user_message(),
            status(503, "").user_message()
        );
        assert!(!status(400, "context too long").allow_retry());
    }

    #[test]
    fn every_other_failure_may_be_retried() {
        for error in [
            LlmError::FirstByteTimeout(Duration::from_secs(1)),
            LlmError::IdleTimeout(Duration::from_secs(1)),
            LlmError::Dropped("reset".into()),
            LlmError::Truncated,
            LlmError::BadEvent("x".into()),
            LlmError::InStream(serde_json::json!({"message": "overloaded"})),
            LlmError::MalformedToolCall {
                name: "add_task".into(),
                problem: "not JSON".into(),
            },
            LlmError::TooManySteps(6),
        ] {
            assert!(error.allow_retry(), "{error}");
            assert!(!error.user_message().is_empty());
        }
    }
}
