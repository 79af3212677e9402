//! Rows as both backends return them, and their conversion to the store's
//! types. The SQL differs per backend; the column names do not.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::{Session, SigningKey, Task, TaskOverview, User};

/// `users` columns, without the password hash.
#[derive(FromRow)]
pub(super) struct UserRow {
    id: String,
    name: String,
    email: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: row.id,
            name: row.name,
            email: row.email,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A user with their password hash, for signing in.
#[derive(FromRow)]
pub(super) struct UserWithHashRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

impl From<UserWithHashRow> for (User, String) {
    fn from(row: UserWithHashRow) -> Self {
        (row.user.into(), row.password_hash)
    }
}

/// A session joined with its user; session columns are prefixed so they do
/// not clash with the user's.
#[derive(FromRow)]
pub(super) struct SessionUserRow {
    session_id: String,
    token_hash: String,
    session_created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    #[sqlx(flatten)]
    user: UserRow,
}

impl From<SessionUserRow> for (Session, User) {
    fn from(row: SessionUserRow) -> Self {
        let session = Session {
            id: row.session_id,
            token_hash: row.token_hash,
            user_id: row.user.id.clone(),
            created_at: row.session_created_at,
            expires_at: row.expires_at,
        };
        (session, row.user.into())
    }
}

/// `signing_keys` columns.
#[derive(FromRow)]
pub(super) struct SigningKeyRow {
    kid: String,
    private_key_pem: String,
    created_at: DateTime<Utc>,
}

impl From<SigningKeyRow> for SigningKey {
    fn from(row: SigningKeyRow) -> Self {
        SigningKey {
            kid: row.kid,
            private_key_pem: row.private_key_pem,
            created_at: row.created_at,
        }
    }
}

/// `tasks` columns, without the owner.
#[derive(FromRow)]
pub(super) struct TaskRow {
    id: i64,
    title: String,
    completed: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
}

impl From<TaskRow> for Task {
    fn from(row: TaskRow) -> Self {
        Task {
            id: row.id,
            title: row.title,
            completed: row.completed,
            created_at: row.created_at,
            updated_at: row.updated_at,
            completed_at: row.completed_at,
        }
    }
}

/// A user's task totals: `open` and `done` columns, both `COUNT`s.
#[derive(FromRow)]
pub(super) struct TaskCountsRow {
    open: i64,
    done: i64,
}

impl TaskCountsRow {
    /// The overview made of these totals and the rows shown.
    pub(super) fn with_tasks(self, rows: Vec<TaskRow>) -> TaskOverview {
        TaskOverview {
            tasks: rows.into_iter().map(Into::into).collect(),
            // A COUNT is never negative, so the fallback is unreachable.
            open: u64::try_from(self.open).unwrap_or_default(),
            done: u64::try_from(self.done).unwrap_or_default(),
        }
    }
}

/// The `kind` stored for a thumbs up (`true`) or down.
pub(super) fn feedback_kind(positive: bool) -> &'static str {
    if positive { "positive" } else { "negative" }
}
