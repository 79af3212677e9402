//! Sign-in sessions: opaque random tokens, of which only the SHA-256 is stored
//! (a leaked database holds no live session), carried in the session cookie or
//! as `Authorization: Bearer <session token>` (Better Auth's bearer plugin).

use std::fmt;
use std::fmt::Write as _;

use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{Auth, extractor};
use crate::error::ApiError;
use crate::store::{Session, User};

/// The session cookie's name: Better Auth's, so its web client finds it.
pub const SESSION_COOKIE: &str = "better-auth.session_token";

/// Random bytes in a session token: 256 bits, beyond guessing.
const TOKEN_BYTES: usize = 32;

/// An opaque session token, as the client holds it. Its `Debug` never shows
/// it; [`SessionToken::expose`] is for the one place it must go out.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

impl SessionToken {
    /// A new random token: 32 bytes from the OS, base64url without padding.
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        SessionToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accept `raw` only if it has the shape of a token we issue (so a JWT or
    /// any other bearer value is never looked up as a session).
    pub fn parse(raw: &str) -> Option<Self> {
        let expected_len = (TOKEN_BYTES * 8).div_ceil(6);
        let well_formed = raw.len() == expected_len
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| SessionToken(raw.to_string()))
    }

    /// The SHA-256 of the token, lower-case hex: what the store keeps.
    pub fn hash(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        let mut hex = String::with_capacity(64);
        for byte in digest {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    /// The token itself, to hand to its owner (response body, cookie).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The session token a request carries: `Authorization: Bearer <session
    /// token>` when present (explicit wins), else the session cookie.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        if let Some(token) = extractor::bearer_value(headers).and_then(Self::parse) {
            return Some(token);
        }
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|cookies| cookies.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .and_then(|(_, value)| Self::parse(value.trim_matches('"')))
    }
}

impl Auth {
    /// Start a session for `user_id`; the token goes to the client, its hash
    /// to the store.
    pub(crate) async fn start_session(&self, user_id: &str) -> Result<SessionToken, ApiError> {
        let token = SessionToken::generate();
        let now = Utc::now();
        let lifetime = chrono::Duration::from_std(self.session_lifetime)
            .map_err(|e| anyhow::anyhow!("session lifetime out of range: {e}"))?;
        let session = Session {
            id: uuid::Uuid::new_v4().to_string(),
            token_hash: token.hash(),
            user_id: user_id.to_string(),
            created_at: now,
            expires_at: now + lifetime,
        };
        self.db.create_session(&session).await?;
        Ok(token)
    }

    /// The unexpired session `token` opens, with its user.
    pub(crate) async fn find_session(
        &self,
        token: &SessionToken,
    ) -> Result<Option<(Session, User)>, ApiError> {
        Ok(self.db.find_session(&token.hash()).await?)
    }

    /// End the session `token` opens (nothing happens if there is none).
    pub(crate) async fn end_session(&self, token: &SessionToken) -> Result<(), ApiError> {
        Ok(self.db.delete_session(&token.hash()).await?)
    }

    /// `Set-Cookie` value that stores `token` in the browser for the session's
    /// lifetime. `HttpOnly` keeps it from scripts; `SameSite=Lax` from
    /// cross-site requests; `Secure` when configured (behind HTTPS).
    pub(crate) fn session_cookie(&self, token: &SessionToken) -> HeaderValue {
        self.cookie(token.expose(), self.session_lifetime.as_secs())
    }

    /// `Set-Cookie` value that deletes the session cookie.
    pub(crate) fn cleared_session_cookie(&self) -> HeaderValue {
        self.cookie("", 0)
    }

    fn cookie(&self, value: &str, max_age_secs: u64) -> HeaderValue {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        let cookie = format!(
            "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
        );
        // A token is base64url, so the cookie is always a valid header value;
        // if that ever broke, clearing the cookie is the safe fallback.
        let mut value = HeaderValue::from_str(&cookie).unwrap_or_else(|_| {
            HeaderValue::from_static("better-auth.session_token=; Path=/; Max-Age=0")
        });
        // Keeps the token out of any log that prints headers.
        value.set_sensitive(true);
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_43_url_safe_characters_and_distinct() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_eq!(a.expose().len(), 43);
        assert_ne!(a, b);
        assert_eq!(SessionToken::parse(a.expose()), Some(a));
    }

    #[test]
    fn the_stored_hash_is_sha256_hex() {
        let token = SessionToken("abc".into());
        assert_eq!(
            token.hash(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_well_formed_tokens_parse() {
        assert!(SessionToken::parse("").is_none());
        assert!(SessionToken::parse("eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln").is_none());
        assert!(SessionToken::parse(&"a".repeat(44)).is_none());
        assert!(SessionToken::parse(&format!("{}=", "a".repeat(42))).is_none());
    }

    #[test]
    fn the_token_comes_from_bearer_or_cookie() {
        let token = SessionToken::generate();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("theme=dark; {SESSION_COOKIE}={}", token.expose()))
                .unwrap(),
        );
        assert_eq!(SessionToken::from_headers(&headers), Some(token.clone()));

        let other = SessionToken::generate();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {}", other.expose())).unwrap(),
        );
        assert_eq!(SessionToken::from_headers(&headers), Some(other));

        // A JWT in Authorization is not a session token: fall back to the cookie.
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer a.b.c"),
        );
        assert_eq!(SessionToken::from_headers(&headers), Some(token));
    }

    #[test]
    fn debug_never_shows_the_token() {
        assert_eq!(
            format!("{:?}", SessionToken::generate()),
            "SessionToken(<redacted>)"
        );
    }
}
