//! `/api/settings`: the account settings that are ours (Better Auth keeps
//! the name and email): for now the time zone that "today" and due dates
//! are read in.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::ApiJson;
use super::docs::ErrorResponse;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, update_settings))
}

/// The user's settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsJson {
    /// IANA time zone; UTC until set.
    #[schema(examples("Europe/Berlin"))]
    pub time_zone: String,
}

/// Settings to change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    /// An IANA time zone name, e.g. `America/New_York`.
    pub time_zone: String,
}

/// Your settings.
#[utoipa::path(get, path = "/api/settings", tag = "settings",
    responses(
        (status = 200, description = "Your settings", body = SettingsJson),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn get_settings(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<SettingsJson>, ApiError> {
    let scope = state.tasks.scope(&user.user_id).await?;
    Ok(Json(SettingsJson {
        time_zone: scope.time_zone.name().to_owned(),
    }))
}

/// Change your settings. A new time zone moves "today" and the local day of
/// timed due dates; their instants stay.
#[utoipa::path(patch, path = "/api/settings", tag = "settings", request_body = SettingsInput,
    responses(
        (status = 200, description = "Your settings", body = SettingsJson),
        (status = 400, description = "Not JSON", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "Not a time zone", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn update_settings(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<SettingsInput>,
) -> Result<Json<SettingsJson>, ApiError> {
    let zone = state
        .tasks
        .set_time_zone(&user.user_id, &input.time_zone)
        .await?;
    Ok(Json(SettingsJson {
        time_zone: zone.name().to_owned(),
    }))
}
