//! Errors, one type per role: what a [`crate::Store`] reports, what a hook
//! raises while streaming, and what [`crate::ChatKit::process`] answers with.

use thiserror::Error;

/// What a [`crate::Store`] call can fail with.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The thread, item or attachment does not exist for this request's user.
    #[error("{0} not found")]
    NotFound(String),
    /// Anything else (database down, corrupt row, ...). Logged, never echoed.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl StoreError {
    /// `Thread {id} not found`, the SDK's message.
    pub fn thread_not_found(id: &str) -> Self {
        StoreError::NotFound(format!("Thread {id}"))
    }
    /// `Item {id} not found`.
    pub fn item_not_found(id: &str) -> Self {
        StoreError::NotFound(format!("Item {id}"))
    }
    /// `Attachment {id} not found`.
    pub fn attachment_not_found(id: &str) -> Self {
        StoreError::NotFound(format!("Attachment {id}"))
    }
}

/// An error raised by a hook (`respond`, `action`, ...) while it streams. The
/// driver turns it into an `error` event and ends the stream cleanly.
#[derive(Debug, Error)]
pub enum HookError {
    /// `CustomStreamError`: a message the user should read.
    #[error("{message}")]
    Custom { message: String, allow_retry: bool },
    /// `StreamError`: a coded error the client localises (`stream.error`).
    #[error("stream error")]
    Stream { allow_retry: bool },
    /// Anything else: logged, sent as `stream.error` with `allow_retry: true`.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl HookError {
    /// A user-facing error message.
    pub fn custom(message: impl Into<String>, allow_retry: bool) -> Self {
        HookError::Custom {
            message: message.into(),
            allow_retry,
        }
    }
}

impl From<StoreError> for HookError {
    fn from(e: StoreError) -> Self {
        HookError::Other(anyhow::Error::new(e))
    }
}

/// Why a request could not be processed. Decided before any byte of a
/// response is sent, so an HTTP layer can pick the status code.
#[derive(Debug, Error)]
pub enum ProcessError {
    /// The body is not a valid request (bad JSON, unknown type, bad field): 400.
    #[error("{0}")]
    BadRequest(String),
    /// A thread, item or attachment named by the request does not exist: 404.
    #[error("{0}")]
    NotFound(String),
    /// The request is well formed but cannot apply in this state (e.g.
    /// retrying after an assistant message). TaskPilot answers it with 400.
    #[error("{0}")]
    Invalid(String),
    /// The server does not support this request (no attachment store,
    /// no transcription): 501.
    #[error("{0}")]
    Unsupported(String),
    /// Internal failure; logged, answered with a generic 500.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for ProcessError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => ProcessError::NotFound(format!("{what} not found")),
            StoreError::Other(e) => ProcessError::Internal(e),
        }
    }
}
