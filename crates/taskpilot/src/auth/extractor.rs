//! [`AuthUser`]: the extractor that makes a handler require a signed-in user.
//! A handler that takes one cannot forget to check the token.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use super::Auth;
use super::verify::{Claims, TokenError};
use crate::error::ApiError;
use crate::store::RequestContext;

/// The caller, proven by `Authorization: Bearer <JWT>` signed by us or by the
/// trusted Better Auth server. Without a valid token the request is answered
/// 401 with a JSON body saying what is wrong, before the handler runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    /// Whose data the request may touch: the token's `sub` for our own
    /// tokens, [`REMOTE_USER_PREFIX`] + `sub` for the Better Auth server's.
    pub user_id: String,
    /// The token's `email`, when present.
    pub email: Option<String>,
    /// The token's `name`, when present.
    pub name: Option<String>,
}

/// Prefix of the user ids of people signed in at the trusted Better Auth
/// server.
///
/// That server picks its users' ids itself, so one of them may equal the id
/// of one of our accounts — by chance, or on purpose by whoever controls a
/// user there. Without a separate namespace, such a token would read and
/// change our user's tasks and threads. Our own ids are UUIDs, which never
/// start with this prefix.
pub const REMOTE_USER_PREFIX: &str = "ba:";

impl AuthUser {
    /// The holder of a token we issued: one of our accounts.
    pub(super) fn local(claims: Claims) -> Self {
        AuthUser {
            user_id: claims.sub,
            email: claims.email,
            name: claims.name,
        }
    }

    /// The holder of a token from the trusted Better Auth server, in that
    /// server's own id namespace (see [`REMOTE_USER_PREFIX`]).
    pub(super) fn remote(claims: Claims) -> Self {
        AuthUser {
            user_id: format!("{REMOTE_USER_PREFIX}{}", claims.sub),
            email: claims.email,
            name: claims.name,
        }
    }
}

impl<S> FromRequestParts<S> for AuthUser
where
    Arc<Auth>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let token = bearer_token(&parts.headers)?;
        Arc::<Auth>::from_ref(state).verify(token).await
    }
}

impl From<AuthUser> for RequestContext {
    fn from(user: AuthUser) -> Self {
        RequestContext::for_user(user.user_id)
    }
}

/// The token in `Authorization: Bearer <token>`, or why there is none.
fn bearer_token(headers: &HeaderMap) -> Result<&str, TokenError> {
    if !headers.contains_key(header::AUTHORIZATION) {
        return Err(TokenError::Missing);
    }
    bearer_value(headers).ok_or(TokenError::NotBearer)
}

/// The non-empty value after `Bearer ` (scheme case-insensitive) in the
/// `Authorization` header, if it has that form.
pub(super) fn bearer_value(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(authorization: Option<&'static str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = authorization {
            headers.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn the_bearer_token_is_found_or_the_problem_named() {
        assert_eq!(bearer_token(&headers(Some("Bearer a.b.c"))), Ok("a.b.c"));
        assert_eq!(bearer_token(&headers(Some("bearer  a.b.c "))), Ok("a.b.c"));
        assert_eq!(bearer_token(&headers(None)), Err(TokenError::Missing));
        assert_eq!(
            bearer_token(&headers(Some("Basic dXNlcjpwYXNz"))),
            Err(TokenError::NotBearer)
        );
        assert_eq!(
            bearer_token(&headers(Some("Bearer "))),
            Err(TokenError::NotBearer)
        );
    }

    fn claims(sub: &str) -> Claims {
        Claims {
            sub: sub.into(),
            email: Some("ada@example.com".into()),
            name: None,
            iss: "https://issuer.example".into(),
            aud: vec!["https://issuer.example".into()],
            iat: None,
            exp: 0,
        }
    }

    #[test]
    fn remote_users_live_in_their_own_id_namespace() {
        let id = "6f1c0a52-3c1e-4c55-9a43-0f6f3f1b2d7e";
        assert_eq!(AuthUser::local(claims(id)).user_id, id);
        let remote = AuthUser::remote(claims(id));
        assert_eq!(remote.user_id, format!("ba:{id}"));
        assert_eq!(remote.email.as_deref(), Some("ada@example.com"));
    }

    #[test]
    fn an_auth_user_is_a_request_context() {
        let user = AuthUser {
            user_id: "u1".into(),
            email: None,
            name: None,
        };
        assert_eq!(RequestContext::from(user), RequestContext::for_user("u1"));
    }
}
