//! How database errors become the store's errors: a unique violation the
//! caller can act on becomes [`DbError::Conflict`]; the rest keep their cause
//! chain for the logs.

use chatkit::StoreError;

use super::DbError;

/// Whether the database refused a duplicate key.
pub(super) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// Whether the database refused a row whose parent does not exist.
pub(super) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_foreign_key_violation())
}

/// Maps a unique violation to [`DbError::Conflict`], keeping other errors as they are.
pub(super) trait OnConflict<T> {
    /// `message` says what is taken, e.g. "email already registered".
    fn on_conflict(self, message: &str) -> Result<T, DbError>;
}

impl<T> OnConflict<T> for Result<T, sqlx::Error> {
    fn on_conflict(self, message: &str) -> Result<T, DbError> {
        self.map_err(|err| {
            if is_unique_violation(&err) {
                DbError::Conflict(message.to_owned())
            } else {
                DbError::from(err)
            }
        })
    }
}

/// An unexpected database failure, as the ChatKit store reports it.
pub(super) fn internal(err: sqlx::Error) -> StoreError {
    StoreError::Other(anyhow::Error::new(err))
}

/// What writing an item to `thread_id` failed with: the thread must exist (for
/// this user), and `add_thread_item` must not reuse an id.
pub(super) fn item_write(err: sqlx::Error, thread_id: &str, item_id: &str) -> StoreError {
    if is_foreign_key_violation(&err) {
        StoreError::thread_not_found(thread_id)
    } else if is_unique_violation(&err) {
        StoreError::Other(anyhow::anyhow!(
            "item {item_id} already exists in thread {thread_id}"
        ))
    } else {
        internal(err)
    }
}
