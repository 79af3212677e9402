//! The HTTP error type: every API failure becomes one of these, and this is the
//! one place that maps them to a status code and the JSON body
//! `{"error": {"code", "message", "fields"?}}`. The `/api/auth/*` routes
//! answer in Better Auth's flat `{"code", "message"}` instead (its client
//! reads that): [`better_auth_shape`] rewrites them. Internal causes are
//! logged, never echoed.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::store::DbError;
use crate::tasks::{FieldError, TaskError};

/// "title: a task needs a title; due: …", for logs and `Display`.
fn validation_message(fields: &[FieldError]) -> String {
    if fields.is_empty() {
        return "the request was refused".to_owned();
    }
    let parts: Vec<String> = fields.iter().map(ToString::to_string).collect();
    parts.join("; ")
}

/// What an error response said, kept on the response so a route group can
/// render it in another shape ([`better_auth_shape`]).
#[derive(Debug, Clone)]
struct ErrorBody {
    code: &'static str,
    message: String,
}

/// Middleware for the `/api/auth/*` routes: their errors in Better Auth's
/// flat `{"code", "message"}` shape, headers kept.
pub async fn better_auth_shape(response: Response) -> Response {
    let Some(body) = response.extensions().get::<ErrorBody>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let flat = Json(json!({ "code": body.code, "message": body.message }));
    let mut response = flat.into_response();
    *response.status_mut() = parts.status;
    for (name, value) in &parts.headers {
        response.headers_mut().insert(name, value.clone());
    }
    response
}

/// An API failure, as the client will see it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request is malformed; the message says what to fix.
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 401: missing, invalid or expired credentials.
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    /// 403: authenticated, but this is not theirs to ask for.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such thing for this user.
    #[error("{0}")]
    NotFound(String),
    /// 409: the request conflicts with the current state of the resource.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// 412: `If-Match` named a version the resource has moved on from.
    #[error("{message}")]
    PreconditionFailed { message: String },
    /// 422 with a code (Better Auth's way to refuse, e.g. a taken email).
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    /// 422: these fields were refused; each message says why.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldError>),
    /// 405: the route exists, with another method.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// 413: the body is larger than allowed.
    #[error("request body is larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// 503: something we depend on is unavailable for now (a busy password
    /// hasher, an unreachable auth server); answered with `Retry-After`. Not a
    /// 401: the client's credentials may be fine, so it must not sign out.
    #[error("{message}")]
    ServiceUnavailable {
        message: String,
        retry_after_secs: u64,
    },
    /// 501: the server does not do this.
    #[error("{0}")]
    NotImplemented(String),
    /// 500: logged with its cause chain; the client gets a generic message.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    /// A 400 with the generic `BAD_REQUEST` code.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code: "BAD_REQUEST",
            message: message.into(),
        }
    }

    /// Why a request body could not be read: 413 past the size limit
    /// (`limit` bytes), else 400. Shared by every handler that reads a body.
    pub fn from_body_rejection(
        rejection: axum::extract::rejection::BytesRejection,
        limit: usize,
    ) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge { limit }
        } else {
            ApiError::bad_request(format!(
                "could not read the request body: {}",
                rejection.body_text()
            ))
        }
    }

    /// A 401 with the generic `UNAUTHORIZED` code.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::Unauthorized {
            code: "UNAUTHORIZED",
            message: message.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, code),
            ApiError::Unauthorized { code, .. } => (StatusCode::UNAUTHORIZED, code),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "FORBIDDEN"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "NOT_FOUND"),
            ApiError::MethodNotAllowed(_) => (StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED"),
            ApiError::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            ApiError::PreconditionFailed { .. } => {
                (StatusCode::PRECONDITION_FAILED, "VERSION_MISMATCH")
            }
            ApiError::Unprocessable { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED"),
            ApiError::PayloadTooLarge { .. } => {
                (StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE")
            }
            ApiError::NotImplemented(_) => (StatusCode::NOT_IMPLEMENTED, "NOT_IMPLEMENTED"),
            ApiError::ServiceUnavailable { .. } => {
                (StatusCode::SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE")
            }
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "INTERNAL_SERVER_ERROR"),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            ApiError::Internal(cause) => {
                tracing::error!(error = ?cause, "internal error");
                "Something went wrong on our side; please try again.".to_string()
            }
            other => other.to_string(),
        };
        let mut error = json!({ "code": code, "message": message });
        if let ApiError::Validation(fields) = &self {
            let mut by_field = serde_json::Map::new();
            for field in fields {
                // The first message per field is the one to fix first.
                by_field
                    .entry(field.field)
                    .or_insert_with(|| field.message.clone().into());
            }
            error["fields"] = by_field.into();
        }
        let mut response = (status, Json(json!({ "error": error }))).into_response();
        response
            .extensions_mut()
            .insert(ErrorBody { code, message });
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        if let ApiError::ServiceUnavailable {
            retry_after_secs, ..
        } = self
        {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(retry_after_secs),
            );
        }
        response
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Conflict(what) => ApiError::Unprocessable {
                code: "CONFLICT",
                message: what,
            },
            DbError::Other(e) => ApiError::Internal(e),
        }
    }
}

impl From<TaskError> for ApiError {
    fn from(e: TaskError) -> Self {
        match e {
            TaskError::NotFound => ApiError::NotFound("there is no such task".into()),
            TaskError::VersionMismatch { .. } => ApiError::PreconditionFailed {
                message: format!("{e}; reload it and apply your change again"),
            },
            TaskError::Contended => ApiError::Conflict {
                code: "EDIT_CONFLICT",
                message: e.to_string(),
            },
            TaskError::Invalid(fields) => ApiError::Validation(fields),
            TaskError::Store(e) => e.into(),
        }
    }
}
