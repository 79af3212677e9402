//! A plain connection to the benchmark database, for what the product has no
//! API for: creating and inspecting the database, seeding it, EXPLAIN and
//! sizes. Listings themselves always go through the product.

use std::str::FromStr;

use anyhow::{Context, Result};
use serde::Serialize;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{AssertSqlSafe, Connection};

/// Which database the product runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a `--database-url` names, if any.
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// One open connection, to either backend.
pub enum Conn {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Conn {
    /// Connects to `url`; a SQLite file must already exist (the product
    /// creates it), so a typo cannot silently make an empty one.
    pub async fn open(url: &str) -> Result<Conn> {
        let conn = match Backend::of(url) {
            Some(Backend::Sqlite) => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(false)
                    // The product's pool may be checkpointing at the same time.
                    .busy_timeout(std::time::Duration::from_secs(30));
                Conn::Sqlite(SqliteConnection::connect_with(&options).await?)
            }
            Some(Backend::Postgres) => Conn::Postgres(PgConnection::connect(url).await?),
            None => anyhow::bail!("not a sqlite: or postgres: URL"),
        };
        Ok(conn)
    }

    pub fn backend(&self) -> Backend {
        match self {
            Conn::Sqlite(_) => Backend::Sqlite,
            Conn::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs statements that return no rows (several, `;`-separated, are fine).
    pub async fn execute(&mut self, sql: &str) -> Result<()> {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            Conn::Sqlite(c) => sqlx::raw_sql(sql).execute(c).await.map(drop),
            Conn::Postgres(c) => sqlx::raw_sql(sql).execute(c).await.map(drop),
        }
        .context("executing SQL")
    }

    /// The first column of the first row, as a 64-bit integer.
    pub async fn scalar(&mut self, sql: &str) -> Result<i64> {
        let sql = AssertSqlSafe(sql.to_owned());
        let value = match self {
            Conn::Sqlite(c) => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await?,
            Conn::Postgres(c) => sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await?,
        };
        Ok(value)
    }

    /// The first column of the first row as text, `None` without a row.
    pub async fn text(&mut self, sql: &str) -> Result<Option<String>> {
        let sql = AssertSqlSafe(sql.to_owned());
        let value = match self {
            Conn::Sqlite(c) => {
                sqlx::query_scalar::<_, String>(sql)
                    .fetch_optional(c)
                    .await?
            }
            Conn::Postgres(c) => {
                sqlx::query_scalar::<_, String>(sql)
                    .fetch_optional(c)
                    .await?
            }
        };
        Ok(value)
    }

    pub async fn close(self) -> Result<()> {
        match self {
            Conn::Sqlite(c) => c.close().await?,
            Conn::Postgres(c) => c.close().await?,
        }
        Ok(())
    }
}

/// `text` as an SQL string literal (both backends use standard quoting).
pub fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("it's"), "'it''s'");
        assert_eq!(quote(r"a\b"), r"'a\b'");
    }
}
