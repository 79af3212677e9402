//! Rows as both backends return them, and their conversion to the store's
//! types. The SQL differs per backend; the column names do not.

use chrono::{DateTime, Utc};
use sqlx::FromRow;

use super::tasks::NO_DUE_KEY;
use super::{Session, SigningKey, Task, User};

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

/// `tasks` columns ([`super::task_sql::TASK_COLUMNS`]), without the owner
/// and the tags.
#[derive(FromRow)]
pub(super) struct TaskRow {
    id: i64,
    version: i64,
    title: String,
    description: Option<String>,
    completed: bool,
    completed_at: Option<DateTime<Utc>>,
    priority: i16,
    due_key: String,
    due_at: Option<DateTime<Utc>>,
    remind_at: Option<DateTime<Utc>>,
    recurrence: Option<String>,
    recurrence_start: Option<String>,
    next_occurrence_id: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TaskRow {
    /// The task, with its tags (read separately).
    pub(super) fn with_tags(self, tags: Vec<String>) -> Task {
        Task {
            id: self.id,
            version: self.version,
            title: self.title,
            description: self.description,
            completed: self.completed,
            completed_at: self.completed_at,
            priority: self.priority,
            tags,
            due_key: (self.due_key != NO_DUE_KEY).then_some(self.due_key),
            due_at: self.due_at,
            remind_at: self.remind_at,
            recurrence: self.recurrence,
            recurrence_start: self.recurrence_start,
            next_occurrence_id: self.next_occurrence_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    pub(super) fn id(&self) -> i64 {
        self.id
    }
}

/// Attach each task's tags (`(task_id, name)` rows, in tag order) to `rows`.
pub(super) fn with_tags(rows: Vec<TaskRow>, tags: Vec<(i64, String)>) -> Vec<Task> {
    let mut by_task: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (task_id, name) in tags {
        by_task.entry(task_id).or_default().push(name);
    }
    rows.into_iter()
        .map(|row| {
            let tags = by_task.remove(&row.id).unwrap_or_default();
            row.with_tags(tags)
        })
        .collect()
}

/// The `kind` stored for a thumbs up (`true`) or down.
pub(super) fn feedback_kind(positive: bool) -> &'static str {
    if positive { "positive" } else { "negative" }
}
