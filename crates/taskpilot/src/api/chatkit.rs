//! `POST /chatkit`: the ChatKit endpoint, for the signed-in user.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chatkit::ProcessError;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::RequestContext;

/// The ChatKit route. CORS is open to any origin (no cookies are involved:
/// the official client runs in an iframe on another origin and sends a bearer
/// token). Requested headers are mirrored because a `*` wildcard does not
/// cover `Authorization` in browsers.
pub fn router() -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::POST])
        .allow_headers(AllowHeaders::mirror_request());
    // OPTIONS is routed explicitly so preflights reach the CORS layer instead
    // of the router's method-not-allowed fallback.
    let preflight = || async { StatusCode::NO_CONTENT };
    Router::new().route("/chatkit", post(chatkit).options(preflight).layer(cors))
}

async fn chatkit(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|rejection| {
        ApiError::from_body_rejection(rejection, state.config.max_body_bytes)
    })?;
    let ctx = RequestContext::from(user);
    let result = state.chatkit.process(&body, ctx).await?;
    Ok(result.into_response())
}

impl From<ProcessError> for ApiError {
    fn from(e: ProcessError) -> Self {
        match e {
            ProcessError::BadRequest(message) => ApiError::BadRequest {
                code: "INVALID_REQUEST",
                message,
            },
            ProcessError::NotFound(message) => ApiError::NotFound(message),
            ProcessError::Invalid(message) => ApiError::BadRequest {
                code: "INVALID_STATE",
                message,
            },
            ProcessError::Unsupported(message) => ApiError::NotImplemented(message),
            ProcessError::Internal(e) => ApiError::Internal(e),
        }
    }
}
