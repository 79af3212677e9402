//! Where the benchmark's database lives, and getting it ready: a fresh one
//! (reseeded) or, with `--reuse`, the one a previous run seeded with the same
//! sizes. Only local databases: a SQLite file, or PostgreSQL on a loopback
//! address, in a database the benchmark creates (never `postgres` itself).

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use tempfile::TempDir;

use crate::connection::{Backend, Conn, quote};
use crate::dataset::Plan;
use crate::meta::{self, Found, Meta};

/// The database the benchmark runs against.
pub struct Target {
    pub url: String,
    pub backend: Backend,
    location: Location,
}

enum Location {
    /// A file in a directory removed when the run ends.
    TempSqlite {
        _dir: TempDir,
        path: PathBuf,
    },
    Sqlite {
        path: PathBuf,
    },
    Postgres {
        database: String,
    },
}

impl Target {
    /// The URL without any password, for the report.
    pub fn display_url(&self) -> String {
        match reqwest::Url::parse(&self.url) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("***"));
                url.to_string()
            }
            _ => self.url.clone(),
        }
    }

    /// Bytes on disk (SQLite: the file and its WAL; PostgreSQL: the database).
    pub async fn size_bytes(&self) -> Result<u64> {
        match &self.location {
            Location::TempSqlite { path, .. } | Location::Sqlite { path } => {
                let wal = sibling(path, "-wal");
                let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                Ok(size(path) + size(&wal))
            }
            Location::Postgres { database } => {
                let mut conn = Conn::open(&self.url).await?;
                let size = conn
                    .scalar(&format!("SELECT pg_database_size({})", quote(database)))
                    .await?;
                conn.close().await?;
                Ok(u64::try_from(size).unwrap_or(0))
            }
        }
    }
}

/// Gets the database at `url` (a temporary SQLite file when `None`) ready.
/// Returns the seeding to reuse, or `None` when the database is empty and
/// must be seeded.
pub async fn prepare(
    url: Option<&str>,
    plan: &Plan,
    reuse: bool,
) -> Result<(Target, Option<Meta>)> {
    let Some(url) = url else {
        let dir = tempfile::Builder::new().prefix("taskbench-").tempdir()?;
        let path = dir.path().join("taskbench.db");
        let target = Target {
            url: format!("sqlite:{}", path.display()),
            backend: Backend::Sqlite,
            location: Location::TempSqlite { _dir: dir, path },
        };
        return Ok((target, None));
    };
    match Backend::of(url) {
        Some(Backend::Sqlite) => prepare_sqlite(url, plan, reuse).await,
        Some(Backend::Postgres) => prepare_postgres(url, plan, reuse).await,
        None => bail!("--database-url must start with sqlite: or postgres:, got {url:?}"),
    }
}

async fn prepare_sqlite(url: &str, plan: &Plan, reuse: bool) -> Result<(Target, Option<Meta>)> {
    let raw = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = raw.split('?').next().unwrap_or(raw);
    ensure!(
        !path.is_empty() && !path.contains(":memory:") && !url.contains("mode=memory"),
        "an in-memory SQLite database would be empty on every connection; give a file"
    );
    let path = PathBuf::from(path);
    let target = Target {
        url: url.to_owned(),
        backend: Backend::Sqlite,
        location: Location::Sqlite { path: path.clone() },
    };
    if !path.exists() {
        return Ok((target, None));
    }
    let mut conn = Conn::open(url).await?;
    let found = meta::inspect(&mut conn).await?;
    conn.close().await?;
    match decide(found, plan, reuse, &path.display().to_string())? {
        Decision::Reuse(meta) => Ok((target, Some(*meta))),
        Decision::Use => Ok((target, None)),
        Decision::Recreate => {
            for file in [path.clone(), sibling(&path, "-wal"), sibling(&path, "-shm")] {
                if file.exists() {
                    std::fs::remove_file(&file)
                        .with_context(|| format!("removing {}", file.display()))?;
                }
            }
            Ok((target, None))
        }
    }
}

async fn prepare_postgres(url: &str, plan: &Plan, reuse: bool) -> Result<(Target, Option<Meta>)> {
    let (admin_url, database) = postgres_parts(url)?;
    let mut admin = Conn::open(&admin_url)
        .await
        .with_context(|| format!("connecting to {admin_url} to create {database}"))?;
    let exists = admin
        .scalar(&format!(
            "SELECT COUNT(*) FROM pg_database WHERE datname = {}",
            quote(&database)
        ))
        .await?
        > 0;
    let target = Target {
        url: url.to_owned(),
        backend: Backend::Postgres,
        location: Location::Postgres {
            database: database.clone(),
        },
    };
    // The name was checked to be [A-Za-z0-9_]+, so quoting it is enough.
    let create = format!(r#"CREATE DATABASE "{database}""#);
    if !exists {
        admin.execute(&create).await?;
        admin.close().await?;
        return Ok((target, None));
    }
    let mut conn = Conn::open(url).await?;
    let found = meta::inspect(&mut conn).await?;
    conn.close().await?;
    let decision = decide(found, plan, reuse, &database)?;
    if let Decision::Recreate = decision {
        // FORCE: a previous run's server may still hold connections.
        admin
            .execute(&format!(r#"DROP DATABASE "{database}" WITH (FORCE)"#))
            .await?;
        admin.execute(&create).await?;
    }
    admin.close().await?;
    match decision {
        Decision::Reuse(meta) => Ok((target, Some(*meta))),
        Decision::Use | Decision::Recreate => Ok((target, None)),
    }
}

enum Decision {
    Reuse(Box<Meta>),
    /// Empty: use as it is.
    Use,
    /// The benchmark's own, to be seeded again from scratch.
    Recreate,
}

fn decide(found: Found, plan: &Plan, reuse: bool, name: &str) -> Result<Decision> {
    match found {
        Found::Empty => Ok(Decision::Use),
        Found::Foreign => bail!(
            "{name} holds tables that are not the benchmark's; refusing to touch it \
             (give a new file or database name)"
        ),
        Found::Ours(meta) if reuse && meta.complete => {
            ensure!(
                meta.plan == *plan,
                "{name} was seeded with {:?}, not {plan:?}; pass the same sizes and seed, \
                 or run without --reuse to seed it again",
                meta.plan
            );
            Ok(Decision::Reuse(Box::new(meta)))
        }
        Found::Ours(meta) => {
            if reuse {
                eprintln!("taskbench: {name} was left half-seeded; seeding it again");
            } else if meta.complete {
                eprintln!(
                    "taskbench: {name} is a previous run's; seeding it again (--reuse keeps it)"
                );
            }
            Ok(Decision::Recreate)
        }
    }
}

/// The maintenance URL (same server, database `postgres`) and the
/// benchmark database's name, refusing anything but a loopback server.
fn postgres_parts(url: &str) -> Result<(String, String)> {
    let mut parsed = reqwest::Url::parse(url).with_context(|| format!("{url:?} is not a URL"))?;
    let host = parsed.host_str().unwrap_or_default().to_owned();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    ensure!(
        loopback,
        "refusing PostgreSQL on {host:?}: the benchmark only uses a loopback server"
    );
    // libpq-style `?host=` would override the checked host.
    ensure!(
        !parsed
            .query_pairs()
            .any(|(key, _)| key == "host" || key == "hostaddr"),
        "no host= in the query string, please: the URL's host is the one checked"
    );
    let database = parsed.path().trim_start_matches('/').to_owned();
    ensure!(
        !database.is_empty()
            && database
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "name the benchmark database with letters, digits and _ (e.g. /taskbench), got {database:?}"
    );
    ensure!(
        !matches!(database.as_str(), "postgres" | "template0" | "template1"),
        "the benchmark drops and recreates its database: give it its own name, not {database:?}"
    );
    parsed.set_path("/postgres");
    Ok((parsed.to_string(), database))
}

/// `path` with `suffix` appended to its file name (`x.db` → `x.db-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_only_on_loopback_and_never_the_maintenance_database() {
        let (admin, name) =
            postgres_parts("postgres://postgres@127.0.0.1:5432/taskbench").expect("accepted");
        assert_eq!(admin, "postgres://postgres@127.0.0.1:5432/postgres");
        assert_eq!(name, "taskbench");
        assert!(postgres_parts("postgres://u:p@localhost/tb?sslmode=disable").is_ok());
        for refused in [
            "postgres://postgres@10.0.0.5:5432/taskbench",
            "postgres://postgres@db.example.com/taskbench",
            "postgres://postgres@127.0.0.1:5432/postgres",
            "postgres://postgres@127.0.0.1:5432/",
            "postgres://postgres@127.0.0.1:5432/task-bench",
            "postgres://postgres@127.0.0.1/tb?host=10.0.0.5",
        ] {
            assert!(postgres_parts(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn wal_file_sits_beside_the_database() {
        assert_eq!(
            sibling(Path::new("/tmp/x.db"), "-wal"),
            PathBuf::from("/tmp/x.db-wal")
        );
    }
}
