//! The `/api/auth/*` endpoints, shaped like Better Auth's (email and password,
//! bearer and JWT plugins) so its web client works against them unchanged.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::account::{Email, UserName};
use super::json_body::JsonBody;
use super::password::Password;
use super::session::SessionToken;
use super::{Auth, Jwks};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{Session, User};

/// The authentication endpoints, with their full paths (`/api/auth/...`):
/// sign-up/sign-in by email, sign-out, get-session, token (session → JWT) and
/// jwks. Mounted at the root by the app.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/auth/sign-up/email", post(sign_up_email))
        .route("/api/auth/sign-in/email", post(sign_in_email))
        .route("/api/auth/sign-out", post(sign_out))
        .route("/api/auth/get-session", get(get_session))
        .route("/api/auth/token", get(token))
        .route("/api/auth/jwks", get(jwks))
        .layer(axum::middleware::map_response(
            crate::error::better_auth_shape,
        ))
}

/// `POST /api/auth/sign-up/email` body. Other fields Better Auth's client sends
/// (`image`, `callbackURL`, `rememberMe`) are ignored.
#[derive(Debug, Deserialize)]
struct SignUpBody {
    name: String,
    email: String,
    password: Password,
}

/// `POST /api/auth/sign-in/email` body.
#[derive(Debug, Deserialize)]
struct SignInBody {
    email: String,
    password: Password,
}

/// Create an account and sign it in: `{token, user}` and the session cookie.
async fn sign_up_email(
    State(auth): State<Arc<Auth>>,
    JsonBody(body): JsonBody<SignUpBody>,
) -> Result<Response, ApiError> {
    let email = Email::parse(&body.email)?;
    body.password.check_new()?;
    let name = UserName::parse(&body.name)?;
    let user = auth.register(name, email, body.password).await?;
    let token = auth.start_session(&user.id).await?;
    let body = json!({ "token": token.expose(), "user": UserJson::from(&user) });
    Ok(with_session_cookie(auth.session_cookie(&token), body))
}

/// Sign in: `{redirect: false, token, user}` and the session cookie.
async fn sign_in_email(
    State(auth): State<Arc<Auth>>,
    JsonBody(body): JsonBody<SignInBody>,
) -> Result<Response, ApiError> {
    let email = Email::parse(&body.email)?;
    let user = auth.authenticate(&email, body.password).await?;
    let token = auth.start_session(&user.id).await?;
    let body = json!({ "redirect": false, "token": token.expose(), "user": UserJson::from(&user) });
    Ok(with_session_cookie(auth.session_cookie(&token), body))
}

/// End the request's session (if any) and clear the cookie: `{success: true}`.
async fn sign_out(State(auth): State<Arc<Auth>>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = SessionToken::from_headers(&headers) {
        auth.end_session(&token).await?;
    }
    Ok(with_session_cookie(
        auth.cleared_session_cookie(),
        json!({ "success": true }),
    ))
}

/// The request's session and user, or `null` when not signed in.
async fn get_session(
    State(auth): State<Arc<Auth>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let found = match SessionToken::from_headers(&headers) {
        Some(token) => auth.find_session(&token).await?,
        None => None,
    };
    let body = match found {
        Some((session, user)) => {
            json!({ "session": SessionJson::from(&session), "user": UserJson::from(&user) })
        }
        None => serde_json::Value::Null,
    };
    Ok(no_store(Json(body)))
}

/// Exchange the request's session for a JWT: `{token}`; 401 without a session.
async fn token(State(auth): State<Arc<Auth>>, headers: HeaderMap) -> Result<Response, ApiError> {
    let token = SessionToken::from_headers(&headers).ok_or_else(|| {
        ApiError::unauthorized("not signed in: no session cookie or bearer session token")
    })?;
    let (_, user) = auth.find_session(&token).await?.ok_or_else(|| {
        ApiError::unauthorized("the session has expired or was signed out; sign in again")
    })?;
    Ok(no_store(Json(json!({ "token": auth.issue_jwt(&user)? }))))
}

/// Our public signing keys.
async fn jwks(
    State(auth): State<Arc<Auth>>,
) -> ([(header::HeaderName, HeaderValue); 1], Json<Jwks>) {
    // Short enough that a new key is picked up soon after it appears.
    let cache = (
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    ([cache], Json(auth.jwks().clone()))
}

/// `body` as JSON, setting (or clearing) the session cookie.
fn with_session_cookie(cookie: HeaderValue, body: serde_json::Value) -> Response {
    let mut response = no_store(Json(body));
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

/// A response carrying credentials or personal data: never cached.
fn no_store(body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A user as Better Auth's client expects it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct UserJson<'a> {
    id: &'a str,
    name: &'a str,
    email: &'a str,
    email_verified: bool,
    image: Option<&'a str>,
    created_at: String,
    updated_at: String,
}

impl<'a> From<&'a User> for UserJson<'a> {
    fn from(user: &'a User) -> Self {
        UserJson {
            id: &user.id,
            name: &user.name,
            email: &user.email,
            email_verified: false,
            image: None,
            created_at: iso(user.created_at),
            updated_at: iso(user.updated_at),
        }
    }
}

/// A session as Better Auth's client expects it. The token itself is left
/// out: the cookie is `HttpOnly` precisely so scripts cannot read it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionJson<'a> {
    id: &'a str,
    user_id: &'a str,
    expires_at: String,
    created_at: String,
    updated_at: String,
    ip_address: Option<&'a str>,
    user_agent: Option<&'a str>,
}

impl<'a> From<&'a Session> for SessionJson<'a> {
    fn from(session: &'a Session) -> Self {
        SessionJson {
            id: &session.id,
            user_id: &session.user_id,
            expires_at: iso(session.expires_at),
            created_at: iso(session.created_at),
            updated_at: iso(session.created_at),
            ip_address: None,
            user_agent: None,
        }
    }
}

/// A timestamp as JavaScript's `Date.toISOString()` writes it.
fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_look_like_javascript_iso_strings() {
        let at = DateTime::parse_from_rfc3339("2025-03-04T05:06:07.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(iso(at), "2025-03-04T05:06:07.123Z");
    }

    #[test]
    fn users_serialize_in_better_auth_shape() {
        let at = DateTime::parse_from_rfc3339("2025-03-04T05:06:07Z")
            .unwrap()
            .with_timezone(&Utc);
        let user = User {
            id: "u1".into(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            created_at: at,
            updated_at: at,
        };
        assert_eq!(
            serde_json::to_value(UserJson::from(&user)).unwrap(),
            json!({
                "id": "u1", "name": "Ada", "email": "ada@example.com", "emailVerified": false,
                "image": null, "createdAt": "2025-03-04T05:06:07.000Z", "updatedAt": "2025-03-04T05:06:07.000Z"
            })
        );
    }
}
