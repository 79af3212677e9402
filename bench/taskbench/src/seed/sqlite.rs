//! Bulk inserts on SQLite: multi-row `VALUES` with bound parameters.

use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::SeedUser;
use crate::dataset::{SeedTag, SeedTask};

/// SQLite refuses statements with more than 32,766 bound parameters.
const MAX_PARAMETERS: usize = 32_766;

/// Settings for this connection only, while seeding: no fsync (a crash
/// leaves the database marked half-seeded, and the next run starts over)
/// and a page cache big enough to hold the indexes being filled.
pub async fn tune(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::raw_sql(
        "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;",
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the WAL into the database file, so the first timed listing does
/// not pay for it. No `ANALYZE`: the product never runs it, so the planner
/// works without statistics in production too.
pub async fn finish(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::raw_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(conn)
        .await?;
    Ok(())
}

/// The product's timestamp text: UTC, microseconds, `Z`.
fn text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub async fn insert_users(
    conn: &mut SqliteConnection,
    users: &[SeedUser],
    at: DateTime<Utc>,
) -> Result<()> {
    for chunk in users.chunks(MAX_PARAMETERS / 6) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO users (id, name, email, password_hash, created_at, updated_at) ",
        );
        sql.push_values(chunk, |mut row, user| {
            // Not a PHC string: these users can never sign in.
            row.push_bind(user.id.clone())
                .push_bind(user.name.clone())
                .push_bind(user.email.clone())
                .push_bind("!")
                .push_bind(text(at))
                .push_bind(text(at));
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn insert_tags(
    conn: &mut SqliteConnection,
    tags: &[SeedTag],
    user_ids: &[String],
    at: DateTime<Utc>,
) -> Result<()> {
    for chunk in tags.chunks(MAX_PARAMETERS / 5) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO tags (id, user_id, name, name_key, created_at) ",
        );
        sql.push_values(chunk, |mut row, tag| {
            row.push_bind(tag.id)
                .push_bind(user_ids[tag.user].clone())
                .push_bind(tag.name.clone())
                .push_bind(tag.name.to_lowercase())
                .push_bind(text(at));
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The task columns written, in the order bound.
const TASK_COLUMNS: usize = 17;

pub async fn insert_tasks(
    conn: &mut SqliteConnection,
    tasks: &[SeedTask],
    user_ids: &[String],
) -> Result<()> {
    for chunk in tasks.chunks(MAX_PARAMETERS / TASK_COLUMNS) {
        let mut sql = QueryBuilder::<Sqlite>::new(
            "INSERT INTO tasks (id, user_id, title, completed, created_at, updated_at, \
             completed_at, description, priority, due_key, due_at, remind_at, recurrence, \
             recurrence_start, version, title_key, search_key) ",
        );
        sql.push_values(chunk, |mut row, task| {
            row.push_bind(task.id)
                .push_bind(user_ids[task.user].clone())
                .push_bind(task.title.clone())
                .push_bind(task.completed)
                .push_bind(text(task.created_at))
                .push_bind(text(task.updated_at))
                .push_bind(task.completed_at.map(text))
                .push_bind(task.description.clone())
                .push_bind(task.priority)
                .push_bind(task.due_key.clone())
                .push_bind(task.due_at.map(text))
                .push_bind(task.remind_at.map(text))
                .push_bind(task.recurrence.clone())
                .push_bind(task.recurrence_start.clone())
                .push_bind(task.version)
                .push_bind(task.title_key())
                .push_bind(task.search_key());
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn insert_task_tags(conn: &mut SqliteConnection, pairs: &[(i64, i64)]) -> Result<()> {
    for chunk in pairs.chunks(MAX_PARAMETERS / 2) {
        let mut sql = QueryBuilder::<Sqlite>::new("INSERT INTO task_tags (task_id, tag_id) ");
        sql.push_values(chunk, |mut row, (task, tag)| {
            row.push_bind(*task).push_bind(*tag);
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn insert_task_words(
    conn: &mut SqliteConnection,
    words: &[(&str, String, i64)],
) -> Result<()> {
    for chunk in words.chunks(MAX_PARAMETERS / 3) {
        let mut sql =
            QueryBuilder::<Sqlite>::new("INSERT INTO task_words (user_id, word, task_id) ");
        sql.push_values(chunk, |mut row, (user, word, task)| {
            row.push_bind(*user)
                .push_bind(word.as_str())
                .push_bind(*task);
        });
        sql.build().execute(&mut *conn).await?;
    }
    Ok(())
}
