//! Accounts and authentication.
//!
//! Two kinds of credential exist, as in Better Auth:
//! - an opaque **session token** (cookie `better-auth.session_token`, or
//!   `Authorization: Bearer <session token>`), handed out at sign-up/sign-in and
//!   stored only as its SHA-256 (`session.rs`);
//! - a short-lived **JWT** (EdDSA, 15 minutes) exchanged for a session at
//!   `GET /api/auth/token`, which every API call presents as
//!   `Authorization: Bearer <JWT>` and the [`AuthUser`] extractor checks.
//!
//! JWTs are accepted from two issuers, each pinned to its own issuer, audience
//! and algorithms: this server (keys in `keys.rs`, published at
//! `/api/auth/jwks`) and, optionally, a trusted Better Auth server whose JWKS is
//! fetched and cached (`remote_jwks.rs`). Verification rules live in
//! `verify.rs`; the endpoints in [`routes`].

mod account;
mod extractor;
pub(crate) mod json_body;
mod keys;
mod password;
mod remote_jwks;
pub mod routes;
mod session;
mod verify;

use std::time::Duration;

use anyhow::Context;

use crate::config::Config;
use crate::error::ApiError;
use crate::store::{Db, User};

pub use extractor::{AuthUser, REMOTE_USER_PREFIX};
pub use keys::{Jwks, PublicJwk};
pub use session::{SESSION_COOKIE, SessionToken};
pub use verify::Claims;

use keys::KeyRing;
use remote_jwks::RemoteIssuer;
use verify::IssuerPolicy;

/// How long a JWT we issue stays valid (Better Auth's JWT plugin default).
pub const JWT_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Authentication for the whole app: our signing keys, the optional trusted
/// Better Auth server, session settings. Built once at start-up and shared as
/// `AppState::auth`.
pub struct Auth {
    db: Db,
    keys: KeyRing,
    /// Issuer and audience of our own JWTs: the public URL.
    own: IssuerPolicy,
    remote: Option<RemoteIssuer>,
    session_lifetime: Duration,
    secure_cookies: bool,
    /// Verified against when an email is unknown, so that a failed sign-in
    /// takes as long whether or not the account exists.
    dummy_password_hash: String,
    /// argon2 with bounded concurrency.
    hasher: password::Hasher,
}

impl Auth {
    /// Load (or, on first start, create and persist) our Ed25519 signing key, so
    /// tokens survive restarts and every instance signs with the same key; set
    /// up the trusted Better Auth server when `BETTER_AUTH_URL` is configured.
    /// `public_url` is the issuer and audience of the JWTs we issue.
    pub async fn new(config: &Config, public_url: String, db: Db) -> anyhow::Result<Auth> {
        let keys = KeyRing::load_or_create(&db)
            .await
            .context("loading the JWT signing key")?;
        let remote = match &config.better_auth_url {
            Some(url) => Some(
                RemoteIssuer::new(url, config.better_auth_audience.as_deref())
                    .context("setting up the trusted Better Auth server")?,
            ),
            None => None,
        };
        let public_url = public_url.trim_end_matches('/').to_string();
        let hasher = password::Hasher::new();
        Ok(Auth {
            db,
            keys,
            own: IssuerPolicy::exact(&public_url),
            remote,
            session_lifetime: config.session_lifetime(),
            secure_cookies: config.secure_cookies,
            dummy_password_hash: password::dummy_hash(&hasher).await?,
            hasher,
        })
    }

    /// The user a JWT (the part after `Bearer `) speaks for: it must be signed
    /// by one of our keys, or by the trusted Better Auth server's, with that
    /// issuer's `iss`, `aud` and algorithm, and not expired. The error is a 401
    /// saying what is wrong, or a 503 when the Better Auth server's keys
    /// cannot be fetched.
    pub async fn verify(&self, bearer_jwt: &str) -> Result<AuthUser, ApiError> {
        self.verify_token(bearer_jwt).await.map_err(|e| {
            tracing::debug!(reason = %e, "rejected a bearer token");
            e.into()
        })
    }

    async fn verify_token(&self, jwt: &str) -> Result<AuthUser, verify::TokenError> {
        let kid = verify::key_id(jwt)?;
        // Our own keys first: they are in memory, and a kid is unique enough
        // (a hash of the key) that the two issuers cannot be confused.
        if let Some(key) = self.keys.decoding_key(&kid) {
            let claims = verify::decode(jwt, key, &[keys::ALGORITHM], &self.own)?;
            return Ok(AuthUser::local(claims));
        }
        match &self.remote {
            Some(remote) => Ok(AuthUser::remote(remote.verify(jwt, &kid).await?)),
            None => Err(verify::TokenError::UnknownKey),
        }
    }

    /// A fresh JWT for `user`, signed with our key: `sub` = the user id, plus
    /// `email` and `name`; `iss` = `aud` = our public URL; valid for
    /// [`JWT_LIFETIME`].
    pub fn issue_jwt(&self, user: &User) -> Result<String, ApiError> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = Claims {
            sub: user.id.clone(),
            email: Some(user.email.clone()),
            name: Some(user.name.clone()),
            iss: self.own.issuer().to_string(),
            aud: vec![self.own.issuer().to_string()],
            iat: Some(now),
            exp: now + JWT_LIFETIME.as_secs(),
        };
        Ok(self.keys.sign(&claims)?)
    }

    /// Our public keys, as served at `GET /api/auth/jwks`.
    pub fn jwks(&self) -> &Jwks {
        self.keys.jwks()
    }

    /// The issuer (and audience) of the JWTs we issue.
    pub fn issuer(&self) -> &str {
        self.own.issuer()
    }
}
