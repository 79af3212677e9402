//! Storage: one trait, two honest implementations (SQLite, PostgreSQL), chosen
//! at start-up from the `DATABASE_URL` scheme. Each backend owns its migrations
//! (`migrations/sqlite`, `migrations/postgres`), run when it connects.
//!
//! The ChatKit half of the trait is [`chatkit::Store`]; the product half
//! (accounts, sessions, signing keys, tasks) is [`AppStore`]. Every row that
//! belongs to a user is read and written through that user's id.

mod errors;
mod json;
mod paging;
pub mod postgres;
mod postgres_tasks;
mod rows;
pub mod search_words;
pub mod sqlite;
mod sqlite_connections;
mod sqlite_tasks;
pub mod task_sql;
pub mod tasks;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;

pub use tasks::{
    NO_DUE_KEY, Overdue, Replacing, SortPosition, SortValue, TagUsage, Task, TaskFields, TaskPage,
    TaskQuery, TaskSort, TaskStore, Updated,
};

/// Who a request is for: the authenticated user. Passed to every store call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    /// The JWT's `sub`: our own user id, or a trusted Better Auth server's.
    pub user_id: String,
    /// Where the assistant records the tool calls it makes, when the caller
    /// wants them back (the course's chat endpoint); `None` otherwise.
    pub tool_calls: Option<CallLog>,
}

impl RequestContext {
    /// A context for `user_id` that records nothing.
    pub fn for_user(user_id: impl Into<String>) -> Self {
        RequestContext {
            user_id: user_id.into(),
            tool_calls: None,
        }
    }
}

/// A shared list of JSON records (one per tool call), filled while a
/// request is answered. Equal to any other: it is not part of who asks.
#[derive(Debug, Clone, Default)]
pub struct CallLog(std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>);

impl CallLog {
    pub fn push(&self, record: serde_json::Value) {
        if let Ok(mut records) = self.0.lock() {
            records.push(record);
        }
    }

    pub fn records(&self) -> Vec<serde_json::Value> {
        self.0.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl PartialEq for CallLog {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for CallLog {}

/// What a storage call can fail with.
#[derive(Debug, Error)]
pub enum DbError {
    /// A unique constraint was violated (e.g. the email is taken).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Anything else; logged, never shown to users.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        DbError::Other(anyhow::Error::new(e))
    }
}

/// A registered account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub name: String,
    /// Stored lower-cased: emails are unique case-insensitively.
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new account to insert (the id is chosen by the caller).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: String,
    pub name: String,
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// A sign-in session. Only the SHA-256 of the session token is stored, so a
/// leaked database does not leak live sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub token_hash: String,
    pub user_id: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A JWT signing key as stored: Ed25519, PKCS#8 PEM. Its `Debug` leaves the
/// private key out, so it cannot end up in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey {
    pub kid: String,
    pub private_key_pem: String,
    pub created_at: DateTime<Utc>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .field("private_key_pem", &"<redacted>")
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// The product's own tables.
#[async_trait]
pub trait AppStore: Send + Sync + 'static {
    /// Insert a user; [`DbError::Conflict`] when the email is taken.
    async fn create_user(&self, user: &NewUser) -> Result<User, DbError>;
    /// The user with this (lower-cased) email and their password hash.
    async fn find_user_by_email(&self, email: &str) -> Result<Option<(User, String)>, DbError>;
    async fn find_user(&self, user_id: &str) -> Result<Option<User>, DbError>;

    async fn create_session(&self, session: &Session) -> Result<(), DbError>;
    /// The unexpired session with this token hash, and its user.
    async fn find_session(&self, token_hash: &str) -> Result<Option<(Session, User)>, DbError>;
    async fn delete_session(&self, token_hash: &str) -> Result<(), DbError>;
    /// Delete sessions that expired before `now`; returns how many.
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, DbError>;

    /// The signing key in use. When there is none yet, `candidate` is stored
    /// and returned; when several instances race, all end up with the same key.
    async fn signing_key_or_insert(&self, candidate: &SigningKey) -> Result<SigningKey, DbError>;
    /// Every stored signing key, newest first (all are published in the JWKS).
    async fn signing_keys(&self) -> Result<Vec<SigningKey>, DbError>;

    /// Record thumbs up/down on assistant items (`items.feedback`); one row
    /// per item, the latest kind wins.
    async fn record_feedback(
        &self,
        user_id: &str,
        thread_id: &str,
        item_ids: &[String],
        positive: bool,
    ) -> Result<(), DbError>;

    /// The stored JSON of the `limit` most recent widget items of the user's
    /// thread, newest first: the assistant looks through them for lists to
    /// redraw, and decodes only those whose text names a changed task.
    async fn recent_widget_items(
        &self,
        user_id: &str,
        thread_id: &str,
        limit: usize,
    ) -> Result<Vec<String>, DbError>;

    /// Cheap round trip, for `/healthz` and start-up.
    async fn ping(&self) -> Result<(), DbError>;

    /// Close the connections (waiting for those in use) and stop background
    /// work; on SQLite the last connection to close checkpoints the WAL.
    async fn close(&self);
}

/// Everything the app stores, behind one trait object.
pub trait Database: AppStore + TaskStore + chatkit::Store<RequestContext> {}
impl<T: AppStore + TaskStore + chatkit::Store<RequestContext>> Database for T {}

/// Shared handle to the chosen backend.
pub type Db = Arc<dyn Database>;

/// Connect to `url` (`sqlite:` or `postgres:`/`postgresql:`), run that
/// backend's migrations and return it.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(postgres::PostgresStore::connect(url).await?))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:, got {url:?}")
    }
}
