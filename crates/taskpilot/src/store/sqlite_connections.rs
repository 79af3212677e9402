//! The SQLite backend's connections: one writer and a few read-only
//! readers, handed out and taken back directly.
//!
//! Why one writer: SQLite lets one writer in at a time anyway. Queued here,
//! in order, a write waits only for the writes ahead of it; colliding in the
//! file lock instead, writers back off in SQLite's busy handler (sleeps of
//! 1, 2, 5, 10 ms…). It also keeps read-then-write transactions safe from
//! `SQLITE_BUSY` inside this process.
//!
//! Why not sqlx's pool: it takes a connection back by spawning a task that
//! pings it (a round trip to the connection's thread) before the next waiter
//! may have it. Under 32 concurrent users those hops, each queued behind the
//! CPU, were most of the 7 ms (p99) a chat message waited for the writer. A
//! local SQLite connection does not go stale the way a network one does,
//! and a statement whose caller was cancelled still runs to its end on the
//! connection's thread before the next one (a dropped transaction queues its
//! rollback the same way), so a connection is handed on as it is.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

use deadpool::unmanaged::{Object, Pool};
use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How often the WAL is checkpointed (see `keep_wal_small`).
const CHECKPOINT_EVERY: Duration = Duration::from_secs(2);

/// A connection on loan; it goes back when dropped.
pub(super) type Loan = Object<SqliteConnection>;

/// One writer, its line, and the readers.
#[derive(Clone)]
pub(super) struct Connections {
    readers: Pool<SqliteConnection>,
    writer: Pool<SqliteConnection>,
    /// Ordinary writes queue here first, one at a time, so a write that
    /// skips the line ([`Connections::write_first`]) waits for one at most.
    line: Arc<Semaphore>,
}

impl fmt::Debug for Connections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connections")
            .field("readers", &self.readers.status().max_size)
            .finish_non_exhaustive()
    }
}

/// The writer on loan, with the place in line it took (if any).
pub(super) struct Writing {
    conn: Loan,
    _line: Option<OwnedSemaphorePermit>,
}

impl Deref for Writing {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl DerefMut for Writing {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}

impl Connections {
    /// Opens the writer, lets `prepare` run on it (migrations), then opens
    /// `readers` read-only connections. With `shared` (a `:memory:`
    /// database, which each connection would see empty) the writer reads too.
    pub(super) async fn open<F>(
        options: SqliteConnectOptions,
        readers: usize,
        shared: bool,
        prepare: F,
    ) -> anyhow::Result<Self>
    where
        F: AsyncFnOnce(&mut SqliteConnection) -> anyhow::Result<()>,
    {
        // The writer never checkpoints as part of a commit (SQLite's
        // default, every 1,000 pages): that put the copy and an fsync on
        // whichever write crossed the line, 5-10 ms at p99 under 32 users.
        // `keep_wal_small` does it, in line, every two seconds instead.
        let mut writer = options
            .clone()
            .pragma("wal_autocheckpoint", "0")
            .connect()
            .await?;
        prepare(&mut writer).await?;
        let writer = Pool::from(vec![writer]);
        let readers = if shared {
            writer.clone()
        } else {
            let read_only = options.clone().read_only(true);
            let mut opened = Vec::with_capacity(readers);
            for _ in 0..readers.max(1) {
                opened.push(read_only.connect().await?);
            }
            Pool::from(opened)
        };
        Ok(Connections {
            readers,
            writer,
            line: Arc::new(Semaphore::new(1)),
        })
    }

    /// A connection to read with.
    pub(super) async fn read(&self) -> Result<Loan, sqlx::Error> {
        self.readers
            .get()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)
    }

    /// The writer, after the ordinary writes queued before this one.
    pub(super) async fn write(&self) -> Result<Writing, sqlx::Error> {
        // Never closed while connections are handed out: always a permit.
        let place = self.line.clone().acquire_owned().await.ok();
        let conn = self
            .writer
            .get()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        Ok(Writing { conn, _line: place })
    }

    /// The writer, ahead of queued ordinary writes: for saving what a
    /// request answers with first (a user's message, a new thread).
    pub(super) async fn write_first(&self) -> Result<Writing, sqlx::Error> {
        let conn = self
            .writer
            .get()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        Ok(Writing { conn, _line: None })
    }

    /// Keeps the WAL short until the connections are closed: every two
    /// seconds, a TRUNCATE checkpoint on the writer, in line, copies the WAL
    /// into the database and starts it over. SQLite's own checkpoints are
    /// PASSIVE: under steady load some reader always uses the WAL, it never
    /// starts over, and it grows without bound (measured: 1.2 GB after 30 s
    /// of the load generator) while reads get slower. The period is a
    /// trade, measured with `loadgen --scenario commands`: every 5 s the
    /// copy (and its fsync) held the writer long enough to put 400 ms on
    /// the slowest writes at 32 users; every second the fsyncs alone put
    /// 57 ms on the slowest "complete" at one user; 2 s costs neither.
    pub(super) async fn keep_wal_small(self) {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            if self.is_closed() {
                return;
            }
            let result = match self.write().await {
                Ok(mut writer) => {
                    sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut *writer)
                        .await
                }
                Err(e) => Err(e),
            };
            match result {
                Ok((0, _, _)) => {}
                Ok(_) => tracing::debug!("WAL checkpoint could not finish; retrying later"),
                Err(e) => tracing::warn!(error = %e, "WAL checkpoint failed"),
            }
        }
    }

    /// Stops lending connections; those on loan close when returned.
    pub(super) fn close(&self) {
        self.readers.close();
        self.writer.close();
    }

    pub(super) fn is_closed(&self) -> bool {
        self.writer.is_closed()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;
    use std::time::Duration;

    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};

    use super::Connections;

    async fn open(dir: &tempfile::TempDir) -> Connections {
        let url = format!("sqlite:{}", dir.path().join("db.sqlite").display());
        let options = SqliteConnectOptions::from_str(&url)
            .expect("a valid URL")
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal);
        Connections::open(options, 2, false, async |writer| {
            sqlx::query("CREATE TABLE t (n INTEGER)")
                .execute(&mut *writer)
                .await?;
            Ok(())
        })
        .await
        .expect("opens")
    }

    #[tokio::test]
    async fn readers_cannot_write_and_see_what_the_writer_wrote() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let conns = open(&dir).await;
        let mut reader = conns.read().await.expect("a reader");
        let refused = sqlx::query("INSERT INTO t VALUES (1)")
            .execute(&mut *reader)
            .await;
        assert!(refused.is_err(), "a reader wrote: {refused:?}");
        drop(reader);

        let mut writer = conns.write().await.expect("the writer");
        sqlx::query("INSERT INTO t VALUES (2)")
            .execute(&mut *writer)
            .await
            .expect("the writer writes");
        drop(writer);
        let mut reader = conns.read().await.expect("a reader");
        let n: i64 = sqlx::query_scalar("SELECT n FROM t")
            .fetch_one(&mut *reader)
            .await
            .expect("a row");
        assert_eq!(n, 2);
    }

    #[tokio::test]
    async fn a_first_write_goes_ahead_of_queued_ordinary_writes() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let conns = open(&dir).await;
        let held = conns.write().await.expect("the writer");
        let (order, mut arrivals) = tokio::sync::mpsc::unbounded_channel();
        let ordinary = {
            let (conns, order) = (conns.clone(), order.clone());
            tokio::spawn(async move {
                let _writer = conns.write().await.expect("the writer");
                order.send("ordinary").expect("the test listens");
            })
        };
        // The ordinary write queues first.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let first = {
            let conns = conns.clone();
            tokio::spawn(async move {
                let _writer = conns.write_first().await.expect("the writer");
                order.send("first").expect("the test listens");
            })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(arrivals.try_recv().is_err(), "nobody has the writer yet");
        drop(held);
        assert_eq!(arrivals.recv().await, Some("first"));
        assert_eq!(arrivals.recv().await, Some("ordinary"));
        first.await.expect("no panic");
        ordinary.await.expect("no panic");
    }
}
