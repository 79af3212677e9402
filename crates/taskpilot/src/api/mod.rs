//! The HTTP surfaces other than accounts (which live with `auth`).

mod body;
pub mod chat;
pub mod chatkit;
pub mod docs;
pub mod health;
pub mod settings;
pub mod tasks;

use crate::error::ApiError;

/// Unknown routes answer with the same JSON error shape as everything else.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no route for {}", uri.path()))
}

/// A known route called with the wrong method: the same JSON error shape.
pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("{} does not accept {method}", uri.path()))
}
