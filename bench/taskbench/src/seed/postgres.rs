//! Bulk inserts on PostgreSQL: one array per column, turned back into rows
//! by `UNNEST`, so a statement of thousands of rows has a dozen parameters.
//! Ids are given (`OVERRIDING SYSTEM VALUE`) so task tags can name their
//! task; the identity sequences are moved past them at the end.
//!
//! Commits stay synchronous on purpose: there are only ~50 of them, and
//! after an asynchronous commit the rows' commit hint bits cannot be set
//! until the WAL writer has flushed it, so the `VACUUM` that follows would
//! leave those pages out of the visibility map (measured: 9% of `tasks` and
//! 42% of `task_tags` pages) and every count would read the heap for them.

use anyhow::Result;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::SeedUser;
use crate::dataset::{SeedTag, SeedTask};

/// Rows per statement: large enough to amortise the round trip, small
/// enough to keep each statement's arrays a few megabytes.
const ROWS_PER_STATEMENT: usize = 5_000;

/// Moves the identity sequences past the given ids, then `VACUUM (ANALYZE)`:
/// statistics for the planner, and the visibility map that lets counts be
/// answered from the index alone. Autovacuum does the same in production
/// once a table has grown, so this is the steady state, not a favour.
pub async fn finish(conn: &mut PgConnection) -> Result<()> {
    sqlx::raw_sql(
        "SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT MAX(id) FROM tasks)); \
         SELECT setval(pg_get_serial_sequence('tags', 'id'), (SELECT MAX(id) FROM tags));",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::raw_sql("VACUUM (ANALYZE) users, tags, tasks, task_tags, task_words")
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_users(
    conn: &mut PgConnection,
    users: &[SeedUser],
    at: DateTime<Utc>,
) -> Result<()> {
    for chunk in users.chunks(ROWS_PER_STATEMENT) {
        let ids: Vec<&str> = chunk.iter().map(|u| u.id.as_str()).collect();
        let names: Vec<&str> = chunk.iter().map(|u| u.name.as_str()).collect();
        let emails: Vec<&str> = chunk.iter().map(|u| u.email.as_str()).collect();
        // Not a PHC string: these users can never sign in.
        sqlx::query(
            "INSERT INTO users (id, name, email, password_hash, created_at, updated_at) \
             SELECT id, name, email, '!', $4, $4 \
             FROM UNNEST($1::text[], $2::text[], $3::text[]) AS u (id, name, email)",
        )
        .bind(ids)
        .bind(names)
        .bind(emails)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_tags(
    conn: &mut PgConnection,
    tags: &[SeedTag],
    user_ids: &[String],
    at: DateTime<Utc>,
) -> Result<()> {
    for chunk in tags.chunks(ROWS_PER_STATEMENT) {
        let ids: Vec<i64> = chunk.iter().map(|t| t.id).collect();
        let users: Vec<&str> = chunk.iter().map(|t| user_ids[t.user].as_str()).collect();
        let names: Vec<&str> = chunk.iter().map(|t| t.name.as_str()).collect();
        let keys: Vec<String> = chunk.iter().map(|t| t.name.to_lowercase()).collect();
        sqlx::query(
            "INSERT INTO tags (id, user_id, name, name_key, created_at) OVERRIDING SYSTEM VALUE \
             SELECT id, user_id, name, name_key, $5 \
             FROM UNNEST($1::int8[], $2::text[], $3::text[], $4::text[]) \
                 AS t (id, user_id, name, name_key)",
        )
        .bind(ids)
        .bind(users)
        .bind(names)
        .bind(keys)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_tasks(
    conn: &mut PgConnection,
    tasks: &[SeedTask],
    user_ids: &[String],
) -> Result<()> {
    for chunk in tasks.chunks(ROWS_PER_STATEMENT) {
        let column = |f: fn(&SeedTask) -> Option<DateTime<Utc>>| -> Vec<Option<DateTime<Utc>>> {
            chunk.iter().map(f).collect()
        };
        sqlx::query(
            "INSERT INTO tasks (id, user_id, title, completed, created_at, updated_at, \
             completed_at, description, priority, due_key, due_at, remind_at, recurrence, \
             recurrence_start, version, title_key, search_key) OVERRIDING SYSTEM VALUE \
             SELECT * FROM UNNEST($1::int8[], $2::text[], $3::text[], $4::bool[], \
                 $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::text[], \
                 $9::int2[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[], \
                 $14::text[], $15::int8[], $16::text[], $17::text[])",
        )
        .bind(chunk.iter().map(|t| t.id).collect::<Vec<i64>>())
        .bind(
            chunk
                .iter()
                .map(|t| user_ids[t.user].as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|t| t.title.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(chunk.iter().map(|t| t.completed).collect::<Vec<bool>>())
        .bind(
            chunk
                .iter()
                .map(|t| t.created_at)
                .collect::<Vec<DateTime<Utc>>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|t| t.updated_at)
                .collect::<Vec<DateTime<Utc>>>(),
        )
        .bind(column(|t| t.completed_at))
        .bind(
            chunk
                .iter()
                .map(|t| t.description.clone())
                .collect::<Vec<Option<String>>>(),
        )
        .bind(chunk.iter().map(|t| t.priority).collect::<Vec<i16>>())
        .bind(
            chunk
                .iter()
                .map(|t| t.due_key.as_str())
                .collect::<Vec<&str>>(),
        )
        .bind(column(|t| t.due_at))
        .bind(column(|t| t.remind_at))
        .bind(
            chunk
                .iter()
                .map(|t| t.recurrence.clone())
                .collect::<Vec<Option<String>>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|t| t.recurrence_start.clone())
                .collect::<Vec<Option<String>>>(),
        )
        .bind(chunk.iter().map(|t| t.version).collect::<Vec<i64>>())
        .bind(
            chunk
                .iter()
                .map(SeedTask::title_key)
                .collect::<Vec<String>>(),
        )
        .bind(
            chunk
                .iter()
                .map(SeedTask::search_key)
                .collect::<Vec<String>>(),
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_task_tags(conn: &mut PgConnection, pairs: &[(i64, i64)]) -> Result<()> {
    for chunk in pairs.chunks(ROWS_PER_STATEMENT * 4) {
        let tasks: Vec<i64> = chunk.iter().map(|(task, _)| *task).collect();
        let tags: Vec<i64> = chunk.iter().map(|(_, tag)| *tag).collect();
        sqlx::query(
            "INSERT INTO task_tags (task_id, tag_id) SELECT * FROM UNNEST($1::int8[], $2::int8[])",
        )
        .bind(tasks)
        .bind(tags)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn insert_task_words(
    conn: &mut PgConnection,
    words: &[(&str, String, i64)],
) -> Result<()> {
    for chunk in words.chunks(ROWS_PER_STATEMENT * 4) {
        let users: Vec<&str> = chunk.iter().map(|(user, _, _)| *user).collect();
        let texts: Vec<&str> = chunk.iter().map(|(_, word, _)| word.as_str()).collect();
        let tasks: Vec<i64> = chunk.iter().map(|(_, _, task)| *task).collect();
        sqlx::query(
            "INSERT INTO task_words (user_id, word, task_id) \
             SELECT * FROM UNNEST($1::text[], $2::text[], $3::int8[])",
        )
        .bind(users)
        .bind(texts)
        .bind(tasks)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
