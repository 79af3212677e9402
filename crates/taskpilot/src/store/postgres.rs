//! The PostgreSQL backend: for several instances sharing one database.
//!
//! Timestamps are TIMESTAMPTZ. ChatKit objects are TEXT, not JSONB, which
//! would reorder their keys: the client gets back the bytes it was sent.

use std::time::Duration;

use async_trait::async_trait;
use chatkit::StoreError;
use chatkit::store::Order;
use chatkit::types::{Attachment, Page, ThreadItem, ThreadMetadata};
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgPool, PgPoolOptions};

use super::errors::{OnConflict, internal, item_write};
use super::rows::{SessionUserRow, SigningKeyRow, UserRow, UserWithHashRow, feedback_kind};
use super::{AppStore, DbError, NewUser, RequestContext, Session, SigningKey, User, json, paging};

/// Connections per instance; PostgreSQL allows 100 in all by default.
const MAX_CONNECTIONS: u32 = 10;
/// How long a request waits for a free connection before failing.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// [`AppStore`] and [`chatkit::Store`] on PostgreSQL.
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://…`) and runs the PostgreSQL migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .connect(url)
            .await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        super::postgres_tasks::backfill_task_words(&pool).await?;
        Ok(PostgresStore { pool })
    }

    /// Writes `item` with `sql`, an INSERT or an upsert taking the same
    /// parameters; the thread must exist for this user.
    async fn write_item(
        &self,
        sql: &'static str,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        sqlx::query(sql)
            .bind(&ctx.user_id)
            .bind(thread_id)
            .bind(item.id())
            .bind(item.type_name())
            .bind(Utc::now())
            .bind(json::encode(item)?)
            .execute(&self.pool)
            .await
            .map_err(|err| item_write(err, thread_id, item.id()))?;
        Ok(())
    }
}

#[async_trait]
impl AppStore for PostgresStore {
    async fn create_user(&self, user: &NewUser) -> Result<User, DbError> {
        let row = sqlx::query_as::<_, UserRow>(
            "INSERT INTO users (id, name, email, password_hash, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) \
             RETURNING id, name, email, created_at, updated_at",
        )
        .bind(&user.id)
        .bind(&user.name)
        .bind(user.email.to_lowercase())
        .bind(&user.password_hash)
        .bind(Utc::now())
        .fetch_one(&self.pool)
        .await
        .on_conflict("email already registered")?;
        Ok(row.into())
    }

    async fn find_user_by_email(&self, email: &str) -> Result<Option<(User, String)>, DbError> {
        let row = sqlx::query_as::<_, UserWithHashRow>(
            "SELECT id, name, email, created_at, updated_at, password_hash \
             FROM users WHERE email = $1",
        )
        .bind(email.to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Into::into))
    }

    async fn find_user(&self, user_id: &str) -> Result<Option<User>, DbError> {
        let row = sqlx::query_as::<_, UserRow>(
            "SELECT id, name, email, created_at, updated_at FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Into::into))
    }

    async fn create_session(&self, session: &Session) -> Result<(), DbError> {
        sqlx::query(
            "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&session.id)
        .bind(&session.token_hash)
        .bind(&session.user_id)
        .bind(session.created_at)
        .bind(session.expires_at)
        .execute(&self.pool)
        .await
        .on_conflict("session already exists")?;
        Ok(())
    }

    async fn find_session(&self, token_hash: &str) -> Result<Option<(Session, User)>, DbError> {
        let row = sqlx::query_as::<_, SessionUserRow>(
            "SELECT s.id AS session_id, s.token_hash, s.created_at AS session_created_at, \
                    s.expires_at, u.id, u.name, u.email, u.created_at, u.updated_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash)
        .bind(Utc::now())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(Into::into))
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), DbError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> Result<u64, DbError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn signing_key_or_insert(&self, candidate: &SigningKey) -> Result<SigningKey, DbError> {
        if let Some(newest) = self.signing_keys().await?.into_iter().next() {
            return Ok(newest);
        }
        // Instances starting together all get here; the bootstrap slot lets
        // exactly one insert, and everyone reads back the same key.
        sqlx::query(
            "INSERT INTO signing_keys (kid, private_key_pem, created_at, bootstrap) \
             VALUES ($1, $2, $3, TRUE) ON CONFLICT (bootstrap) DO NOTHING",
        )
        .bind(&candidate.kid)
        .bind(&candidate.private_key_pem)
        .bind(candidate.created_at)
        .execute(&self.pool)
        .await?;
        let stored = self.signing_keys().await?.into_iter().next();
        stored.ok_or_else(|| anyhow::anyhow!("no signing key right after storing one").into())
    }

    async fn signing_keys(&self) -> Result<Vec<SigningKey>, DbError> {
        let rows = sqlx::query_as::<_, SigningKeyRow>(
            "SELECT kid, private_key_pem, created_at FROM signing_keys \
             ORDER BY created_at DESC, kid DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn record_feedback(
        &self,
        user_id: &str,
        thread_id: &str,
        item_ids: &[String],
        positive: bool,
    ) -> Result<(), DbError> {
        let now = Utc::now();
        let mut tx = self.pool.begin().await?;
        for item_id in item_ids {
            sqlx::query(
                "INSERT INTO feedback (user_id, thread_id, item_id, kind, created_at) \
                 VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (user_id, thread_id, item_id) \
                 DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at",
            )
            .bind(user_id)
            .bind(thread_id)
            .bind(item_id)
            .bind(feedback_kind(positive))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn recent_widget_items(
        &self,
        user_id: &str,
        thread_id: &str,
        limit: usize,
    ) -> Result<Vec<String>, DbError> {
        Ok(sqlx::query_scalar(
            "SELECT data FROM chatkit_items \
             WHERE user_id = $1 AND thread_id = $2 AND item_type = 'widget' \
             ORDER BY seq DESC LIMIT $3",
        )
        .bind(user_id)
        .bind(thread_id)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl chatkit::Store<RequestContext> for PostgresStore {
    async fn load_thread(
        &self,
        thread_id: &str,
        ctx: &RequestContext,
    ) -> Result<ThreadMetadata, StoreError> {
        let data: Option<String> =
            sqlx::query_scalar("SELECT data FROM chatkit_threads WHERE user_id = $1 AND id = $2")
                .bind(&ctx.user_id)
                .bind(thread_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(internal)?;
        let data = data.ok_or_else(|| StoreError::thread_not_found(thread_id))?;
        json::decode(&data, &format!("thread {thread_id}"))
    }

    async fn save_thread(
        &self,
        thread: &ThreadMetadata,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        // An upsert keeps the row, and with it `seq`: the thread keeps its place.
        sqlx::query(
            "INSERT INTO chatkit_threads (user_id, id, created_at, data) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, id) DO UPDATE SET data = excluded.data",
        )
        .bind(&ctx.user_id)
        .bind(&thread.id)
        .bind(Utc::now())
        .bind(json::encode(thread)?)
        .execute(&self.pool)
        .await
        .map_err(internal)?;
        Ok(())
    }

    async fn load_threads(
        &self,
        limit: usize,
        after: Option<&str>,
        order: Order,
        ctx: &RequestContext,
    ) -> Result<Page<ThreadMetadata>, StoreError> {
        let bound = match after {
            None => paging::start(order),
            // An unknown cursor is NotFound, as in the SDK's reference store.
            Some(after) => {
                sqlx::query_scalar("SELECT seq FROM chatkit_threads WHERE user_id = $1 AND id = $2")
                    .bind(&ctx.user_id)
                    .bind(after)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(internal)?
                    .ok_or_else(|| StoreError::thread_not_found(after))?
            }
        };
        let sql = match order {
            Order::Asc => {
                "SELECT id, data FROM chatkit_threads WHERE user_id = $1 AND seq > $2 \
                 ORDER BY seq ASC LIMIT $3"
            }
            Order::Desc => {
                "SELECT id, data FROM chatkit_threads WHERE user_id = $1 AND seq < $2 \
                 ORDER BY seq DESC LIMIT $3"
            }
        };
        let rows = sqlx::query_as(sql)
            .bind(&ctx.user_id)
            .bind(bound)
            .bind(paging::probe_limit(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(internal)?;
        paging::page(rows, limit, "thread")
    }

    async fn delete_thread(&self, thread_id: &str, ctx: &RequestContext) -> Result<(), StoreError> {
        // Items go with the thread (ON DELETE CASCADE); feedback on them has
        // no foreign key, so it is deleted here in the same transaction.
        let mut tx = self.pool.begin().await.map_err(internal)?;
        sqlx::query("DELETE FROM feedback WHERE user_id = $1 AND thread_id = $2")
            .bind(&ctx.user_id)
            .bind(thread_id)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        sqlx::query("DELETE FROM chatkit_threads WHERE user_id = $1 AND id = $2")
            .bind(&ctx.user_id)
            .bind(thread_id)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        tx.commit().await.map_err(internal)
    }

    async fn load_thread_items(
        &self,
        thread_id: &str,
        after: Option<&str>,
        limit: usize,
        order: Order,
        ctx: &RequestContext,
    ) -> Result<Page<ThreadItem>, StoreError> {
        let bound = match after {
            None => paging::start(order),
            // An unknown cursor is NotFound, as in the SDK's reference store.
            Some(after) => sqlx::query_scalar(
                "SELECT seq FROM chatkit_items WHERE user_id = $1 AND thread_id = $2 AND id = $3",
            )
            .bind(&ctx.user_id)
            .bind(thread_id)
            .bind(after)
            .fetch_optional(&self.pool)
            .await
            .map_err(internal)?
            .ok_or_else(|| StoreError::item_not_found(after))?,
        };
        let sql = match order {
            Order::Asc => {
                "SELECT id, data FROM chatkit_items \
                 WHERE user_id = $1 AND thread_id = $2 AND seq > $3 ORDER BY seq ASC LIMIT $4"
            }
            Order::Desc => {
                "SELECT id, data FROM chatkit_items \
                 WHERE user_id = $1 AND thread_id = $2 AND seq < $3 ORDER BY seq DESC LIMIT $4"
            }
        };
        let rows = sqlx::query_as(sql)
            .bind(&ctx.user_id)
            .bind(thread_id)
            .bind(bound)
            .bind(paging::probe_limit(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(internal)?;
        paging::page(rows, limit, "item")
    }

    async fn add_thread_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        let insert = "INSERT INTO chatkit_items \
                      (user_id, thread_id, id, item_type, created_at, data) \
                      VALUES ($1, $2, $3, $4, $5, $6)";
        self.write_item(insert, thread_id, item, ctx).await
    }

    async fn save_item(
        &self,
        thread_id: &str,
        item: &ThreadItem,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        // An upsert keeps the row, and with it `seq`: the item keeps its place.
        let upsert = "INSERT INTO chatkit_items \
                      (user_id, thread_id, id, item_type, created_at, data) \
                      VALUES ($1, $2, $3, $4, $5, $6) \
                      ON CONFLICT (user_id, thread_id, id) \
                      DO UPDATE SET item_type = excluded.item_type, data = excluded.data";
        self.write_item(upsert, thread_id, item, ctx).await
    }

    async fn load_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &RequestContext,
    ) -> Result<ThreadItem, StoreError> {
        let data: Option<String> = sqlx::query_scalar(
            "SELECT data FROM chatkit_items WHERE user_id = $1 AND thread_id = $2 AND id = $3",
        )
        .bind(&ctx.user_id)
        .bind(thread_id)
        .bind(item_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)?;
        let data = data.ok_or_else(|| StoreError::item_not_found(item_id))?;
        json::decode(&data, &format!("item {item_id}"))
    }

    async fn delete_thread_item(
        &self,
        thread_id: &str,
        item_id: &str,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM chatkit_items WHERE user_id = $1 AND thread_id = $2 AND id = $3")
            .bind(&ctx.user_id)
            .bind(thread_id)
            .bind(item_id)
            .execute(&self.pool)
            .await
            .map_err(internal)?;
        Ok(())
    }

    async fn save_attachment(
        &self,
        attachment: &Attachment,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO chatkit_attachments (user_id, id, created_at, data) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, id) DO UPDATE SET data = excluded.data",
        )
        .bind(&ctx.user_id)
        .bind(attachment.id())
        .bind(Utc::now())
        .bind(json::encode(attachment)?)
        .execute(&self.pool)
        .await
        .map_err(internal)?;
        Ok(())
    }

    async fn load_attachment(
        &self,
        attachment_id: &str,
        ctx: &RequestContext,
    ) -> Result<Attachment, StoreError> {
        let data: Option<String> = sqlx::query_scalar(
            "SELECT data FROM chatkit_attachments WHERE user_id = $1 AND id = $2",
        )
        .bind(&ctx.user_id)
        .bind(attachment_id)
        .fetch_optional(&self.pool)
        .await
        .map_err(internal)?;
        let data = data.ok_or_else(|| StoreError::attachment_not_found(attachment_id))?;
        json::decode(&data, &format!("attachment {attachment_id}"))
    }

    async fn delete_attachment(
        &self,
        attachment_id: &str,
        ctx: &RequestContext,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM chatkit_attachments WHERE user_id = $1 AND id = $2")
            .bind(&ctx.user_id)
            .bind(attachment_id)
            .execute(&self.pool)
            .await
            .map_err(internal)?;
        Ok(())
    }
}
