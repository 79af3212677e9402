//! A fresh database per test, so tests never see each other's rows and can
//! run in parallel.
//!
//! By default it is a SQLite file in a temporary directory. When
//! `TEST_DATABASE_URL` names a PostgreSQL server (e.g.
//! `postgres://postgres@127.0.0.1:5432/test`), it is a brand-new database on
//! that server, created through the named one and dropped afterwards: the
//! same tests then cover the PostgreSQL backend.

use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection};
use tempfile::TempDir;

/// Keeps a test's database alive; dropping it removes the database.
pub struct TestDb {
    /// What to remove on drop.
    kind: Kind,
}

enum Kind {
    /// The directory holding the SQLite file and its WAL files; removed
    /// when dropped.
    Sqlite { _dir: TempDir },
    /// A database created on a PostgreSQL server.
    Postgres {
        /// `TEST_DATABASE_URL`: the database to run `DROP DATABASE` from.
        maintenance_url: String,
        name: String,
    },
}

/// The URL of an empty database for one test, and the guard that removes it.
pub async fn fresh_database_url() -> (String, TestDb) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(maintenance_url) if !maintenance_url.is_empty() => fresh_postgres(maintenance_url).await,
        _ => fresh_sqlite(),
    }
}

fn fresh_sqlite() -> (String, TestDb) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("taskpilot.db").display());
    (
        url,
        TestDb {
            kind: Kind::Sqlite { _dir: dir },
        },
    )
}

async fn fresh_postgres(maintenance_url: String) -> (String, TestDb) {
    let name = format!("tp_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::connect(&maintenance_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    // The name is ours (a uuid), so formatting it into the SQL is safe;
    // identifiers cannot be bound as parameters.
    conn.execute(AssertSqlSafe(format!(r#"CREATE DATABASE "{name}""#)))
        .await
        .expect("CREATE DATABASE");
    conn.close().await.ok();
    let url = with_database(&maintenance_url, &name);
    (
        url,
        TestDb {
            kind: Kind::Postgres {
                maintenance_url,
                name,
            },
        },
    )
}

/// `url` with its database name replaced by `name`, keeping any `?query`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Kind::Postgres {
            maintenance_url,
            name,
        } = &self.kind
        else {
            return; // the TempDir removes the SQLite files itself
        };
        let (maintenance_url, name) = (maintenance_url.clone(), name.clone());
        // Drop runs inside the test's runtime, where blocking on another
        // future is not allowed: use a thread with its own runtime, and wait
        // for it so the database is gone before the test process exits.
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let mut conn = PgConnection::connect(&maintenance_url).await?;
                // FORCE: the test's pool may still hold connections.
                conn.execute(AssertSqlSafe(format!(
                    r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#
                )))
                .await?;
                conn.close().await?;
                Ok::<_, anyhow::Error>(())
            })
        });
        match dropper.join() {
            Ok(Ok(())) => {}
            Ok(Err(err)) => eprintln!("could not drop test database: {err:#}"),
            Err(_) => eprintln!("the thread dropping the test database panicked"),
        }
    }
}

#[test]
fn with_database_replaces_only_the_name() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h/db?sslmode=disable", "x"),
        "postgres://u:p@h/x?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://h:5432", "x"),
        "postgres://h:5432/x"
    );
}
