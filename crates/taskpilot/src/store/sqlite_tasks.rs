//! [`TaskStore`] on SQLite. Writes start with a write (never read-then-write)
//! so a transaction waits for the lock instead of failing with `SQLITE_BUSY`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{Sqlite, SqliteArguments};
use sqlx::{Arguments, AssertSqlSafe, Connection as _, Row, SqliteConnection};

use super::DbError;
use super::rows::{TaskRow, with_tags};
use super::sqlite::{SqliteStore, text};
use super::task_sql::{self, Arg, Lookups, Sql, TASK_COLUMNS, TagLookupRow};
use super::tasks::{
    Replacing, TagUsage, Task, TaskFields, TaskPage, TaskQuery, TaskStore, Updated,
};

/// `sql`'s arguments as SQLite takes them (instants as fixed-width text).
fn arguments(sql: &Sql) -> Result<SqliteArguments, DbError> {
    let mut args = SqliteArguments::default();
    for arg in &sql.args {
        let added = match arg {
            Arg::Text(value) => args.add(value.clone()),
            Arg::Int(value) => args.add(*value),
            Arg::Bool(value) => args.add(*value),
            Arg::Instant(value) => args.add(text(*value)),
            Arg::NullText | Arg::NullInstant => args.add(Option::<String>::None),
        };
        added.map_err(|e| DbError::Other(anyhow::anyhow!(e)))?;
    }
    Ok(args)
}

async fn fetch_rows(conn: &mut SqliteConnection, sql: &Sql) -> Result<Vec<TaskRow>, DbError> {
    let args = arguments(sql)?;
    Ok(
        sqlx::query_as_with::<Sqlite, TaskRow, _>(AssertSqlSafe(sql.text.clone()), args)
            .fetch_all(conn)
            .await?,
    )
}

/// Run each statement of `statements`.
async fn execute_all(conn: &mut SqliteConnection, statements: Vec<Sql>) -> Result<(), DbError> {
    for sql in statements {
        let args = arguments(&sql)?;
        sqlx::query_with::<Sqlite, _>(AssertSqlSafe(sql.text), args)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The tags of `task_ids`, as `(task_id, name)` in tag order.
async fn fetch_tags(
    conn: &mut SqliteConnection,
    task_ids: &[i64],
) -> Result<Vec<(i64, String)>, DbError> {
    if task_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = task_sql::tags_of(task_ids);
    let args = arguments(&sql)?;
    Ok(
        sqlx::query_as_with::<Sqlite, (i64, String), _>(AssertSqlSafe(sql.text), args)
            .fetch_all(conn)
            .await?,
    )
}

/// The one task `sql` returns, with its tags.
async fn fetch_task(conn: &mut SqliteConnection, sql: &Sql) -> Result<Option<Task>, DbError> {
    let Some(row) = fetch_rows(conn, sql).await?.into_iter().next() else {
        return Ok(None);
    };
    let tags = fetch_tags(conn, &[row.id()]).await?;
    Ok(with_tags(vec![row], tags).into_iter().next())
}

/// Give task `task_id` exactly the tags `names` (each the user's existing
/// tag of that name, case-insensitively, or a new one), then delete the
/// user's tags no task carries any more.
async fn set_tags(
    conn: &mut SqliteConnection,
    user_id: &str,
    task_id: i64,
    names: &[String],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    sqlx::query("DELETE FROM task_tags WHERE task_id = ?1")
        .bind(task_id)
        .execute(&mut *conn)
        .await?;
    for name in names {
        let key = name.to_lowercase();
        sqlx::query(
            "INSERT INTO tags (user_id, name, name_key, created_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (user_id, name_key) DO NOTHING",
        )
        .bind(user_id)
        .bind(name)
        .bind(&key)
        .bind(text(now))
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO task_tags (task_id, tag_id) \
             SELECT ?1, id FROM tags WHERE user_id = ?2 AND name_key = ?3 \
             ON CONFLICT DO NOTHING",
        )
        .bind(task_id)
        .bind(user_id)
        .bind(&key)
        .execute(&mut *conn)
        .await?;
    }
    delete_unused_tags(conn, user_id).await
}

async fn delete_unused_tags(conn: &mut SqliteConnection, user_id: &str) -> Result<(), DbError> {
    // `task_count` is kept by triggers on task_tags.
    sqlx::query("DELETE FROM tags WHERE user_id = ?1 AND task_count = 0")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Insert a task and its tags on `conn` (inside the caller's transaction).
async fn insert(
    conn: &mut SqliteConnection,
    user_id: &str,
    fields: &TaskFields,
    now: DateTime<Utc>,
) -> Result<Task, DbError> {
    let sql = task_sql::insert_task(user_id, fields, now);
    let row = fetch_rows(conn, &sql)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("INSERT … RETURNING returned no row"))?;
    let task_id = row.id();
    let words = task_sql::sync_words(user_id, task_id, None, Some(&fields.search_key()));
    execute_all(conn, words).await?;
    if !fields.tags.is_empty() {
        set_tags(conn, user_id, task_id, &fields.tags, now).await?;
    }
    let tags = fetch_tags(conn, &[task_id]).await?;
    with_tags(vec![row], tags)
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("a row went missing").into())
}

/// Tasks indexed per backfill transaction.
const BACKFILL_BATCH: i64 = 500;

/// Index the words of the tasks written before `task_words` existed, once
/// (the migration that made the table left a `pending_jobs` row for it).
/// Safe to run twice at once: each batch inserts what is missing.
pub(super) async fn backfill_task_words(conn: &mut SqliteConnection) -> Result<(), DbError> {
    let pending: Option<String> =
        sqlx::query_scalar("SELECT name FROM pending_jobs WHERE name = 'task_words'")
            .fetch_optional(&mut *conn)
            .await?;
    if pending.is_none() {
        return Ok(());
    }
    let mut after = 0i64;
    loop {
        // BEGIN IMMEDIATE: no task changes between reading its text and
        // indexing it (another process could be serving already).
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, user_id, search_key FROM tasks WHERE id > ?1 ORDER BY id LIMIT ?2",
        )
        .bind(after)
        .bind(BACKFILL_BATCH)
        .fetch_all(&mut *tx)
        .await?;
        let Some(&(last, _, _)) = rows.last() else {
            sqlx::query("DELETE FROM pending_jobs WHERE name = 'task_words'")
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(());
        };
        for (task_id, user_id, search_key) in &rows {
            let words = task_sql::sync_words(user_id, *task_id, None, Some(search_key));
            execute_all(&mut tx, words).await?;
        }
        tx.commit().await?;
        after = last;
    }
}

#[async_trait]
impl TaskStore for SqliteStore {
    async fn insert_task(
        &self,
        user_id: &str,
        task: &TaskFields,
        now: DateTime<Utc>,
    ) -> Result<Task, DbError> {
        let mut conn = self.conns.write().await?;
        let mut tx = conn.begin().await?;
        let task = insert(&mut tx, user_id, task, now).await?;
        tx.commit().await?;
        Ok(task)
    }

    async fn get_task(&self, user_id: &str, task_id: i64) -> Result<Option<Task>, DbError> {
        let mut conn = self.conns.read().await?;
        let sql = Sql {
            text: format!("SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = $1 AND id = $2"),
            args: vec![Arg::Text(user_id.to_owned()), Arg::Int(task_id)],
        };
        fetch_task(&mut conn, &sql).await
    }

    async fn update_task(
        &self,
        user_id: &str,
        task_id: i64,
        from: Replacing<'_>,
        task: &TaskFields,
        next: Option<&TaskFields>,
        now: DateTime<Utc>,
    ) -> Result<Option<Updated>, DbError> {
        let mut conn = self.conns.write().await?;
        let mut tx = conn.begin().await?;
        // The UPDATE comes first: it takes the write lock and checks the
        // version in one step.
        let sql = task_sql::update_task(user_id, task_id, from.version, task, now);
        let Some(row) = fetch_rows(&mut tx, &sql).await?.into_iter().next() else {
            return Ok(None);
        };
        let (before, after) = (from.fields.search_key(), task.search_key());
        if before != after {
            let words = task_sql::sync_words(user_id, task_id, Some(&before), Some(&after));
            execute_all(&mut tx, words).await?;
        }
        let mut tags: Vec<String> = fetch_tags(&mut tx, &[task_id])
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect();
        let keys = |names: &[String]| -> Vec<String> {
            names.iter().map(|name| name.to_lowercase()).collect()
        };
        if !same_set(&keys(&tags), &keys(&task.tags)) {
            set_tags(&mut tx, user_id, task_id, &task.tags, now).await?;
            tags = fetch_tags(&mut tx, &[task_id])
                .await?
                .into_iter()
                .map(|(_, name)| name)
                .collect();
        }
        let next = match next {
            Some(fields) => {
                let next = insert(&mut tx, user_id, fields, now).await?;
                sqlx::query("UPDATE tasks SET next_occurrence_id = ?1 WHERE id = ?2")
                    .bind(next.id)
                    .bind(task_id)
                    .execute(&mut *tx)
                    .await?;
                Some(next)
            }
            None => None,
        };
        tx.commit().await?;
        let mut task = row.with_tags(tags);
        if let Some(next) = &next {
            task.next_occurrence_id = Some(next.id);
        }
        Ok(Some(Updated { task, next }))
    }

    async fn delete_task(
        &self,
        user_id: &str,
        task_id: i64,
        version: Option<i64>,
    ) -> Result<bool, DbError> {
        let mut conn = self.conns.write().await?;
        let mut tx = conn.begin().await?;
        let deleted: Option<String> = sqlx::query_scalar(
            "DELETE FROM tasks WHERE user_id = ?1 AND id = ?2 AND (?3 IS NULL OR version = ?3) \
             RETURNING search_key",
        )
        .bind(user_id)
        .bind(task_id)
        .bind(version)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(search_key) = deleted else {
            return Ok(false);
        };
        let words = task_sql::sync_words(user_id, task_id, Some(&search_key), None);
        execute_all(&mut tx, words).await?;
        delete_unused_tags(&mut tx, user_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn list_tasks(&self, user_id: &str, query: &TaskQuery) -> Result<TaskPage, DbError> {
        // One read transaction: the total agrees with the rows.
        let mut conn = self.conns.read().await?;
        let mut tx = conn.begin().await?;
        let lookups = if query.tag_keys.is_empty() {
            Some(Lookups::default())
        } else {
            let sql = task_sql::tag_lookup(user_id, &query.tag_keys);
            let args = arguments(&sql)?;
            let rows =
                sqlx::query_as_with::<Sqlite, TagLookupRow, _>(AssertSqlSafe(sql.text), args)
                    .fetch_all(&mut *tx)
                    .await?;
            Lookups::from_rows(query, rows)
        };
        let Some(mut lookups) = lookups else {
            return Ok(TaskPage::default());
        };
        if let Some(sql) = task_sql::word_lookup(user_id, query) {
            let args = arguments(&sql)?;
            let row = sqlx::query_with::<Sqlite, _>(AssertSqlSafe(sql.text), args)
                .fetch_one(&mut *tx)
                .await?;
            lookups.user_tasks = row.try_get(0)?;
            lookups.words = (1..row.len())
                .map(|i| row.try_get(i))
                .collect::<Result<_, _>>()?;
        }
        let (page_sql, count_sql) = task_sql::list_queries(user_id, query, &lookups);
        let mut rows = fetch_rows(&mut tx, &page_sql).await?;
        let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
        let has_more = rows.len() > limit;
        rows.truncate(limit);
        let count_args = arguments(&count_sql)?;
        let total: i64 =
            sqlx::query_scalar_with::<Sqlite, i64, _>(AssertSqlSafe(count_sql.text), count_args)
                .fetch_one(&mut *tx)
                .await?;
        let ids: Vec<i64> = rows.iter().map(TaskRow::id).collect();
        let tags = fetch_tags(&mut tx, &ids).await?;
        tx.commit().await?;
        Ok(TaskPage {
            tasks: with_tags(rows, tags),
            total: u64::try_from(total).unwrap_or_default(),
            has_more,
        })
    }

    async fn tags(&self, user_id: &str) -> Result<Vec<TagUsage>, DbError> {
        let rows = sqlx::query_as::<_, (String, i64)>(
            // `task_count` is kept by triggers on task_tags.
            "SELECT name, task_count FROM tags WHERE user_id = ?1 ORDER BY name_key",
        )
        .bind(user_id)
        .fetch_all(&mut *self.conns.read().await?)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(name, tasks)| TagUsage {
                name,
                tasks: u64::try_from(tasks).unwrap_or_default(),
            })
            .collect())
    }

    async fn time_zone(&self, user_id: &str) -> Result<Option<String>, DbError> {
        Ok(
            sqlx::query_scalar("SELECT time_zone FROM user_settings WHERE user_id = ?1")
                .bind(user_id)
                .fetch_optional(&mut *self.conns.read().await?)
                .await?,
        )
    }

    async fn set_time_zone(
        &self,
        user_id: &str,
        time_zone: &str,
        rekey: &(dyn Fn(DateTime<Utc>) -> String + Send + Sync),
        now: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let mut conn = self.conns.write().await?;
        let mut tx = conn.begin().await?;
        sqlx::query(
            "INSERT INTO user_settings (user_id, time_zone, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (user_id) DO UPDATE SET time_zone = excluded.time_zone, \
             updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(time_zone)
        .bind(text(now))
        .execute(&mut *tx)
        .await?;
        let timed = sqlx::query_as::<_, (i64, DateTime<Utc>)>(
            "SELECT id, due_at FROM tasks WHERE user_id = ?1 AND due_at IS NOT NULL",
        )
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?;
        for (id, due_at) in timed {
            sqlx::query("UPDATE tasks SET due_key = ?1 WHERE id = ?2")
                .bind(rekey(due_at))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Whether `a` and `b` hold the same strings, in any order.
pub(super) fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}
