//! Seeding: the data set written straight into the product's tables, many
//! rows per statement and many statements per transaction, with every index
//! in place (as in production, where rows arrive one by one and the indexes
//! grow with them; building them afterwards would give tidier indexes than
//! a real database has).
//!
//! Each backend has its own bulk form: multi-row `VALUES` on SQLite (within
//! its 32,766 bound-parameter limit), `UNNEST` of one array per column on
//! PostgreSQL (a handful of parameters, however many rows).

mod postgres;
mod sqlite;

use std::time::Instant;

use anyhow::Result;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use taskpilot::store::search_words::index_words;

use crate::connection::Conn;
use crate::dataset::{Dataset, SeedTag, SeedTask};

/// Tasks generated and written per round; each round is one transaction.
const TASKS_PER_ROUND: usize = 20_000;

/// A seeded user that has no account (only the heavy user signs in).
pub struct SeedUser {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// How long seeding took.
#[derive(Debug, Clone, Serialize)]
pub struct SeedReport {
    pub seconds: f64,
    /// Writing users, tags, tasks, task tags and task words.
    pub insert_seconds: f64,
    /// Afterwards: statistics and visibility map (PostgreSQL), WAL checkpoint (SQLite).
    pub finish_seconds: f64,
    pub tasks_per_second: f64,
    pub task_tags: u64,
    pub task_words: u64,
}

/// Writes `data` into the (migrated, otherwise empty) database behind `conn`.
pub async fn seed(conn: &mut Conn, mut data: Dataset, tasks: u64) -> Result<SeedReport> {
    let started = Instant::now();
    if let Conn::Sqlite(c) = conn {
        sqlite::tune(c).await?;
    }
    let long_ago = data.anchor - Duration::days(730);
    let users: Vec<SeedUser> = data
        .user_ids
        .iter()
        .enumerate()
        // User 0 signed up over HTTP, so it has its row already.
        .skip(1)
        .map(|(index, id)| SeedUser {
            id: id.clone(),
            name: format!("Bench user {index}"),
            email: format!("bench-{index}@example.com"),
        })
        .collect();
    conn.execute("BEGIN").await?;
    insert_users(conn, &users, long_ago).await?;
    insert_tags(conn, &data.tags(), &data.user_ids, long_ago).await?;
    conn.execute("COMMIT").await?;

    let mut written = 0u64;
    let mut task_tags = 0u64;
    let mut task_words = 0u64;
    let mut next_report = tasks / 10;
    loop {
        let round = data.next_batch(TASKS_PER_ROUND);
        if round.is_empty() {
            break;
        }
        let pairs: Vec<(i64, i64)> = round
            .iter()
            .flat_map(|task| task.tag_ids.iter().map(|tag| (task.id, *tag)))
            .collect();
        // The words the product indexes for `q`, by its own rule.
        let words: Vec<(&str, String, i64)> = round
            .iter()
            .flat_map(|task| {
                let user = data.user_ids[task.user].as_str();
                index_words(&task.search_key())
                    .into_iter()
                    .map(move |word| (user, word, task.id))
            })
            .collect();
        conn.execute("BEGIN").await?;
        insert_tasks(conn, &round, &data.user_ids).await?;
        insert_task_tags(conn, &pairs).await?;
        insert_task_words(conn, &words).await?;
        conn.execute("COMMIT").await?;
        task_words += words.len() as u64;
        written += round.len() as u64;
        task_tags += pairs.len() as u64;
        if written >= next_report {
            eprintln!(
                "taskbench: {written} of {tasks} tasks written ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
            next_report += (tasks / 10).max(1);
        }
    }
    let insert_seconds = started.elapsed().as_secs_f64();

    eprintln!("taskbench: finishing (statistics, checkpoint)");
    match conn {
        Conn::Sqlite(c) => sqlite::finish(c).await?,
        Conn::Postgres(c) => postgres::finish(c).await?,
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(SeedReport {
        seconds,
        insert_seconds,
        finish_seconds: seconds - insert_seconds,
        tasks_per_second: written as f64 / insert_seconds.max(f64::EPSILON),
        task_tags,
        task_words,
    })
}

async fn insert_users(conn: &mut Conn, users: &[SeedUser], at: DateTime<Utc>) -> Result<()> {
    match conn {
        Conn::Sqlite(c) => sqlite::insert_users(c, users, at).await,
        Conn::Postgres(c) => postgres::insert_users(c, users, at).await,
    }
}

async fn insert_tags(
    conn: &mut Conn,
    tags: &[SeedTag],
    user_ids: &[String],
    at: DateTime<Utc>,
) -> Result<()> {
    match conn {
        Conn::Sqlite(c) => sqlite::insert_tags(c, tags, user_ids, at).await,
        Conn::Postgres(c) => postgres::insert_tags(c, tags, user_ids, at).await,
    }
}

async fn insert_tasks(conn: &mut Conn, tasks: &[SeedTask], user_ids: &[String]) -> Result<()> {
    match conn {
        Conn::Sqlite(c) => sqlite::insert_tasks(c, tasks, user_ids).await,
        Conn::Postgres(c) => postgres::insert_tasks(c, tasks, user_ids).await,
    }
}

async fn insert_task_tags(conn: &mut Conn, pairs: &[(i64, i64)]) -> Result<()> {
    match conn {
        Conn::Sqlite(c) => sqlite::insert_task_tags(c, pairs).await,
        Conn::Postgres(c) => postgres::insert_task_tags(c, pairs).await,
    }
}

async fn insert_task_words(conn: &mut Conn, words: &[(&str, String, i64)]) -> Result<()> {
    match conn {
        Conn::Sqlite(c) => sqlite::insert_task_words(c, words).await,
        Conn::Postgres(c) => postgres::insert_task_words(c, words).await,
    }
}
