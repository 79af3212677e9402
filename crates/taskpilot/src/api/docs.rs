//! The API's OpenAPI 3.1 document, generated from the handlers' annotations
//! (`utoipa`), served at `/api/openapi.json`, and a self-contained reference
//! page at `/api/docs` that renders it (no CDN: it works offline).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::Html;
use axum::routing::get;
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::state::AppState;

/// The document's fixed parts; paths are added by the routers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "TaskPilot API",
        description = "Tasks, tags and settings. Every route needs `Authorization: Bearer <JWT>` \
            (from `GET /api/auth/token`). Errors are `{\"error\": {\"code\", \"message\", \"fields\"?}}`.",
    ),
    modifiers(&BearerAuth),
    components(schemas(ErrorResponse)),
    tags(
        (name = "tasks", description = "Your tasks; the user is the token's"),
        (name = "course", description = "The course's contract: the same tasks, with the user in the path"),
        (name = "settings", description = "Account settings"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorResponse {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: e.g. `VALIDATION_FAILED`, `NOT_FOUND`, `VERSION_MISMATCH`.
    pub code: String,
    /// For people.
    pub message: String,
    /// With `VALIDATION_FAILED`: a message per refused field.
    #[schema(required = false)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

/// `/api/openapi.json` and `/api/docs`, serving `document`.
pub fn router(document: &utoipa::openapi::OpenApi) -> Router<AppState> {
    // Serialised once: the document never changes while the server runs.
    let json: Arc<str> = serde_json::to_string(document)
        .unwrap_or_else(|_| "{}".to_owned())
        .into();
    Router::new()
        .route(
            "/api/openapi.json",
            get(move || {
                let json = json.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        json.to_string(),
                    )
                }
            }),
        )
        .route("/api/docs", get(|| async { Html(REFERENCE_PAGE) }))
}

/// The reference page: fetches the document and renders its operations
/// and schemas.
const REFERENCE_PAGE: &str = include_str!("docs.html");
