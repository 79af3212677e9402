//! What the benchmark records in its own table, so `--reuse` can tell a
//! finished seeding of the same size from a half-done one or from a
//! database that is not the benchmark's at all (which it never touches).

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::connection::{Backend, Conn, quote};
use crate::dataset::Plan;

/// The record of a seeding.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub plan: Plan,
    /// The signed-up account whose tasks are listed.
    pub heavy_user_id: String,
    pub heavy_email: String,
    /// The data's "now": due dates are spread around it.
    pub anchor: DateTime<Utc>,
    /// `false` while seeding: a run that died half-way left it so.
    pub complete: bool,
    pub seed_seconds: f64,
}

/// What is found in a database before the benchmark uses it.
#[derive(Debug)]
pub enum Found {
    /// No tables at all: safe to use.
    Empty,
    /// The benchmark's own, finished or not.
    Ours(Meta),
    /// Tables that are not the benchmark's: never dropped or written.
    Foreign,
}

const CREATE: &str =
    "CREATE TABLE IF NOT EXISTS taskbench_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";

/// Looks at what `conn`'s database holds.
pub async fn inspect(conn: &mut Conn) -> Result<Found> {
    let (tables, ours) = match conn.backend() {
        Backend::Sqlite => (
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'taskbench_meta'",
        ),
        Backend::Postgres => (
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()",
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() \
             AND tablename = 'taskbench_meta'",
        ),
    };
    if conn.scalar(tables).await? == 0 {
        return Ok(Found::Empty);
    }
    if conn.scalar(ours).await? == 0 {
        return Ok(Found::Foreign);
    }
    match conn
        .text("SELECT value FROM taskbench_meta WHERE key = 'state'")
        .await?
    {
        Some(json) => Ok(Found::Ours(
            serde_json::from_str(&json).context("reading taskbench_meta")?,
        )),
        // Created, but the run died before writing its state: half-seeded.
        None => Ok(Found::Ours(Meta {
            plan: Plan {
                users: 0,
                tasks: 0,
                heavy: 0,
                seed: 0,
            },
            heavy_user_id: String::new(),
            heavy_email: String::new(),
            anchor: Utc::now(),
            complete: false,
            seed_seconds: 0.0,
        })),
    }
}

/// Records `meta` (creating the table the first time).
pub async fn record(conn: &mut Conn, meta: &Meta) -> Result<()> {
    let json = serde_json::to_string(meta)?;
    conn.execute(CREATE).await?;
    conn.execute(&format!(
        "INSERT INTO taskbench_meta (key, value) VALUES ('state', {}) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        quote(&json)
    ))
    .await
}
