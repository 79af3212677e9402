//! The plans behind a listing. The product builds its SQL in
//! `crates/taskpilot/src/store/task_sql.rs::list_queries` (private to the
//! store), so its shape is copied here, from the same [`TaskQuery`] the
//! service builds; a test pins the copy to the product's own test query.
//!
//! Each statement is explained as the product runs it — prepared, with
//! bound values — under `EXPLAIN QUERY PLAN` (SQLite) or `EXPLAIN (ANALYZE,
//! BUFFERS)` (PostgreSQL), and shown with the values written in as literals
//! (to paste into `sqlite3` or `psql`). Where the literal statement gets
//! another plan, or PostgreSQL's generic plan (which a prepared statement
//! switches to after five runs, when it looks no dearer) differs from the
//! plan for these values, that plan is shown too.

use std::time::Instant;

use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};
use taskpilot::store::TaskQuery;
use taskpilot::store::search_words::search_words;
use taskpilot::store::task_sql;

use crate::connection::{Backend, Conn, quote};

/// Times each explained statement is run to time it alone.
const STATEMENT_RUNS: usize = 21;

/// The page and count statements of one listing, with their plans.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub key: &'static str,
    pub label: &'static str,
    pub page: Statement,
    pub count: Statement,
}

/// One statement: its SQL, plan, what the plan does, and its own time.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// With the values as literals.
    pub sql: String,
    /// The plan for the bound values, as the product runs it.
    pub plan: Vec<String>,
    /// The literal statement's plan, when it is another one.
    pub literal_plan: Option<Vec<String>>,
    /// PostgreSQL's generic plan, when it is another one.
    pub generic_plan: Option<Vec<String>>,
    /// Indexes the plan reads.
    pub indexes: Vec<String>,
    /// The plan reads a whole table somewhere.
    pub full_scan: bool,
    /// The plan sorts rows instead of reading them in index order.
    pub sorts: bool,
    /// Median time of the prepared statement alone, on a plain connection.
    pub median_ms: f64,
}

/// Explains and times the statements of `query` for `user_id`.
pub async fn explain(
    conn: &mut Conn,
    key: &'static str,
    label: &'static str,
    user_id: &str,
    query: &TaskQuery,
) -> Result<Explained> {
    let lookups = lookups(conn, user_id, query).await?;
    let (page, count) = list_sql(user_id, query, &lookups);
    Ok(Explained {
        key,
        label,
        page: statement(conn, &page).await?,
        count: statement(conn, &count).await?,
    })
}

/// What the product looks up before it builds the statements: the query's
/// tags, its search words' entries and the user's task total (see
/// `task_sql::tag_lookup` and `task_sql::word_lookup`).
async fn lookups(conn: &mut Conn, user_id: &str, query: &TaskQuery) -> Result<task_sql::Lookups> {
    let mut lookups = task_sql::Lookups::default();
    let words = query
        .search
        .as_deref()
        .map(search_words)
        .unwrap_or_default();
    if query.tag_keys.is_empty() && words.is_empty() {
        return Ok(lookups);
    }
    let user = quote(user_id);
    for word in &words {
        lookups.words.push(
            conn.scalar(&format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM task_words WHERE user_id = {user} \
                 AND word >= {} AND word < {} LIMIT {}) AS entries",
                quote(&word.prefix),
                quote(&word.upper_bound()),
                task_sql::WORD_COUNT_CAP
            ))
            .await?,
        );
    }
    lookups.user_tasks = conn
        .scalar(&format!(
            "SELECT COALESCE((SELECT open + done FROM task_counts WHERE user_id = {user}), 0)"
        ))
        .await?;
    for key in &query.tag_keys {
        let tag = format!(
            "FROM tags WHERE user_id = {user} AND name_key = {}",
            quote(key)
        );
        lookups.tags.push(task_sql::TagLookup {
            id: conn.scalar(&format!("SELECT id {tag}")).await?,
            tasks: conn.scalar(&format!("SELECT task_count {tag}")).await?,
        });
    }
    Ok(lookups)
}

async fn statement(conn: &mut Conn, sql: &Sql) -> Result<Statement> {
    let backend = conn.backend();
    let plan = explain_bound(conn, sql, false).await?;
    let literal = Sql {
        text: sql.literal(backend),
        args: Vec::new(),
    };
    let literal_plan = explain_bound(conn, &literal, false).await?;
    let generic_plan = match backend {
        Backend::Postgres => Some(explain_bound(conn, sql, true).await?),
        Backend::Sqlite => None,
    };
    let mut times = Vec::with_capacity(STATEMENT_RUNS);
    for _ in 0..STATEMENT_RUNS {
        let started = Instant::now();
        run_bound(conn, sql).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (indexes, full_scan, sorts) = read_plan(backend, &plan);
    let other =
        |other: Vec<String>| (shape(backend, &other) != shape(backend, &plan)).then_some(other);
    Ok(Statement {
        median_ms: times[times.len() / 2],
        sql: literal.text,
        literal_plan: other(literal_plan),
        generic_plan: generic_plan.and_then(other),
        plan,
        indexes,
        full_scan,
        sorts,
    })
}

/// A plan's structure, to compare two plans: on PostgreSQL the nodes up to
/// their costs (conditions, buffers and times vary with the values and
/// the run); on SQLite the lines as they are.
fn shape(backend: Backend, plan: &[String]) -> Vec<String> {
    match backend {
        Backend::Sqlite => plan.to_vec(),
        Backend::Postgres => plan
            .iter()
            .enumerate()
            .filter(|(index, line)| *index == 0 || line.trim_start().starts_with("->"))
            .map(|(_, line)| line.split("  (").next().unwrap_or(line).trim().to_owned())
            .collect(),
    }
}

/// The plan of `sql` with its values bound, as the product prepares it
/// (SQLite: `EXPLAIN QUERY PLAN`; PostgreSQL: `EXPLAIN (ANALYZE, BUFFERS)`);
/// with `generic`, PostgreSQL's plan for any values.
async fn explain_bound(conn: &mut Conn, sql: &Sql, generic: bool) -> Result<Vec<String>> {
    match conn {
        Conn::Sqlite(c) => {
            let text = AssertSqlSafe(format!("EXPLAIN QUERY PLAN {}", sql.text));
            let mut query = sqlx::query(text);
            for arg in &sql.args {
                query = match arg {
                    Arg::Text(v) => query.bind(v.clone()),
                    Arg::Int(v) => query.bind(*v),
                    Arg::Bool(v) => query.bind(*v),
                    Arg::Instant(v) => query.bind(instant_text(*v)),
                    Arg::Null => query.bind(Option::<String>::None),
                };
            }
            let rows = query.fetch_all(&mut *c).await?;
            let mut nodes = Vec::new();
            for row in rows {
                let (id, parent): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
                nodes.push((id, parent, row.try_get::<String, _>(3)?));
            }
            Ok(plan_tree(&nodes))
        }
        Conn::Postgres(c) if generic => {
            // A real generic plan needs a prepared statement (an EXPLAIN
            // with parameters is planned for their values); PostgreSQL 15
            // has no EXPLAIN (GENERIC_PLAN). Parameter types are inferred
            // from the columns, as when the product prepares the statement.
            let values: Vec<String> = sql
                .args
                .iter()
                .map(|arg| arg.literal(Backend::Postgres))
                .collect();
            let execute = if values.is_empty() {
                "EXECUTE taskbench_generic".to_owned()
            } else {
                format!("EXECUTE taskbench_generic({})", values.join(", "))
            };
            sqlx::raw_sql(AssertSqlSafe(format!(
                "SET plan_cache_mode = force_generic_plan; PREPARE taskbench_generic AS {}",
                sql.text
            )))
            .execute(&mut *c)
            .await?;
            let plan = sqlx::query_scalar::<_, String>(AssertSqlSafe(format!(
                "EXPLAIN (ANALYZE, BUFFERS) {execute}"
            )))
            .persistent(false)
            .fetch_all(&mut *c)
            .await;
            sqlx::raw_sql("DEALLOCATE taskbench_generic; RESET plan_cache_mode")
                .execute(&mut *c)
                .await?;
            Ok(plan?)
        }
        Conn::Postgres(c) => {
            let text = AssertSqlSafe(format!("EXPLAIN (ANALYZE, BUFFERS) {}", sql.text));
            let mut query = sqlx::query_scalar::<_, String>(text);
            for arg in &sql.args {
                query = match arg {
                    Arg::Text(v) => query.bind(v.clone()),
                    Arg::Int(v) => query.bind(*v),
                    Arg::Bool(v) => query.bind(*v),
                    Arg::Instant(v) => query.bind(*v),
                    Arg::Null => query.bind(Option::<String>::None),
                };
            }
            Ok(query.persistent(false).fetch_all(&mut *c).await?)
        }
    }
}

/// SQLite's `EXPLAIN QUERY PLAN` rows `(id, parent, detail)` as lines
/// indented by their depth in the plan tree.
pub fn plan_tree(nodes: &[(i64, i64, String)]) -> Vec<String> {
    let mut depth_of: Vec<(i64, usize)> = Vec::new();
    let mut lines = Vec::new();
    for (id, parent, detail) in nodes {
        let depth = depth_of
            .iter()
            .find(|(node, _)| node == parent)
            .map_or(0, |(_, d)| d + 1);
        depth_of.push((*id, depth));
        lines.push(format!("{}{detail}", "  ".repeat(depth)));
    }
    lines
}

/// Runs `sql` as the product does: prepared once, values bound.
async fn run_bound(conn: &mut Conn, sql: &Sql) -> Result<()> {
    let text = AssertSqlSafe(sql.text.clone());
    match conn {
        Conn::Sqlite(c) => {
            let mut query = sqlx::query(text);
            for arg in &sql.args {
                query = match arg {
                    Arg::Text(v) => query.bind(v.clone()),
                    Arg::Int(v) => query.bind(*v),
                    Arg::Bool(v) => query.bind(*v),
                    Arg::Instant(v) => query.bind(instant_text(*v)),
                    Arg::Null => query.bind(Option::<String>::None),
                };
            }
            query.fetch_all(&mut *c).await?;
        }
        Conn::Postgres(c) => {
            let mut query = sqlx::query(text);
            for arg in &sql.args {
                query = match arg {
                    Arg::Text(v) => query.bind(v.clone()),
                    Arg::Int(v) => query.bind(*v),
                    Arg::Bool(v) => query.bind(*v),
                    Arg::Instant(v) => query.bind(*v),
                    Arg::Null => query.bind(Option::<String>::None),
                };
            }
            query.fetch_all(&mut *c).await?;
        }
    }
    Ok(())
}

/// What a plan's lines say: the indexes read, a full scan, a sort.
fn read_plan(backend: Backend, plan: &[String]) -> (Vec<String>, bool, bool) {
    let mut indexes = Vec::new();
    let mut full_scan = false;
    let mut sorts = false;
    for line in plan {
        let line = line.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match backend {
            Backend::Sqlite => {
                // "SEARCH tasks USING COVERING INDEX tasks_due (user_id=?)",
                // "SCAN tasks" (a full scan), "USE TEMP B-TREE FOR ORDER BY".
                if let Some(at) = words.iter().position(|w| *w == "INDEX")
                    && let Some(name) = words.get(at + 1)
                {
                    indexes.push((*name).to_owned());
                } else if line.contains("USING INTEGER PRIMARY KEY") {
                    indexes.push("rowid".to_owned());
                }
                if (line.starts_with("SCAN ") && !line.contains(" USING "))
                    || line.starts_with("SCAN tasks USING")
                {
                    // A SCAN is a walk over every entry; over tasks it is
                    // every user's, whatever index it walks.
                    full_scan |= !line.starts_with("SCAN CONSTANT");
                }
                sorts |= line.contains("TEMP B-TREE FOR ORDER BY");
            }
            Backend::Postgres => {
                // "->  Index Scan using tasks_due on tasks t", "Seq Scan on
                // tasks", "Bitmap Index Scan on tasks_due", "Sort  (cost…".
                let node = line.trim_start_matches("->").trim();
                if let Some(at) = words.iter().position(|w| *w == "using")
                    && node.contains("Index")
                    && let Some(name) = words.get(at + 1)
                {
                    indexes.push((*name).to_owned());
                } else if node.starts_with("Bitmap Index Scan on")
                    && let Some(name) = node.split_whitespace().nth(4)
                {
                    indexes.push(name.to_owned());
                }
                full_scan |= node.starts_with("Seq Scan");
                sorts |= node.starts_with("Sort ") || node.starts_with("Incremental Sort");
            }
        }
    }
    indexes.dedup();
    (indexes, full_scan, sorts)
}

/// One bound value, as the product binds it (`task_sql::Arg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
    Instant(DateTime<Utc>),
    Null,
}

/// SQL text with `$N` placeholders and its arguments (`task_sql::Sql`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

/// Building statements by hand, for the tests of `literal`.
#[cfg(test)]
impl Sql {
    fn bind(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

impl Sql {
    /// The text with every placeholder replaced by its value as a literal,
    /// to read or to paste into `sqlite3` / `psql`.
    pub fn literal(&self, backend: Backend) -> String {
        let mut text = self.text.clone();
        // Highest first, so `$1` does not match the start of `$12`.
        for (index, arg) in self.args.iter().enumerate().rev() {
            text = text.replace(&format!("${}", index + 1), &arg.literal(backend));
        }
        text
    }
}

impl Arg {
    /// The value as an SQL literal of `backend`, typed as the product binds it.
    fn literal(&self, backend: Backend) -> String {
        match (self, backend) {
            (Arg::Text(v), _) => quote(v),
            (Arg::Int(v), _) => v.to_string(),
            (Arg::Bool(v), Backend::Sqlite) => i64::from(*v).to_string(),
            (Arg::Bool(v), Backend::Postgres) => v.to_string().to_uppercase(),
            (Arg::Instant(v), Backend::Sqlite) => quote(&instant_text(*v)),
            (Arg::Instant(v), Backend::Postgres) => {
                format!("{}::timestamptz", quote(&instant_text(*v)))
            }
            (Arg::Null, _) => "NULL".to_owned(),
        }
    }
}

/// An instant as SQLite stores it (and PostgreSQL reads it).
pub fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The page and count statements the product runs for `query` after its
/// lookups: its own `task_sql::list_queries`, so what is explained is what runs.
pub fn list_sql(user_id: &str, query: &TaskQuery, lookups: &task_sql::Lookups) -> (Sql, Sql) {
    let (page, count) = task_sql::list_queries(user_id, query, lookups);
    (page.into(), count.into())
}

impl From<task_sql::Sql> for Sql {
    fn from(sql: task_sql::Sql) -> Self {
        Sql {
            text: sql.text,
            args: sql.args.into_iter().map(Arg::from).collect(),
        }
    }
}

impl From<task_sql::Arg> for Arg {
    fn from(arg: task_sql::Arg) -> Self {
        match arg {
            task_sql::Arg::Text(v) => Arg::Text(v),
            task_sql::Arg::Int(v) => Arg::Int(v),
            task_sql::Arg::Bool(v) => Arg::Bool(v),
            task_sql::Arg::Instant(v) => Arg::Instant(v),
            task_sql::Arg::NullText | task_sql::Arg::NullInstant => Arg::Null,
        }
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn literals_fill_every_placeholder() {
        let at = DateTime::parse_from_rfc3339("2026-11-24T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let mut sql = Sql::default();
        for arg in [Arg::Text("it's".into()), Arg::Bool(false), Arg::Instant(at)]
            .into_iter()
            .chain((0..9).map(Arg::Int))
        {
            let placeholder = sql.bind(arg);
            sql.push(&format!("{placeholder} "));
        }
        assert_eq!(
            sql.literal(Backend::Sqlite),
            "'it''s' 0 '2026-11-24T10:00:00.000000Z' 0 1 2 3 4 5 6 7 8 "
        );
        assert!(
            sql.literal(Backend::Postgres)
                .starts_with("'it''s' FALSE '2026-11-24T10:00:00.000000Z'::timestamptz 0 ")
        );
    }

    #[test]
    fn a_lower_due_bound_alone_leaves_out_tasks_without_a_due_date() {
        let query = TaskQuery {
            due_from: Some("2026-11-24".into()),
            ..TaskQuery::default()
        };
        let (page, _) = list_sql("u1", &query, &task_sql::Lookups::default());
        assert!(
            page.text.contains("due_key >= $2 AND due_key < $3"),
            "{}",
            page.text
        );
        assert_eq!(page.args[2], Arg::Text("~".into()));
    }

    #[test]
    fn plans_are_read_for_indexes_scans_and_sorts() {
        let sqlite = [
            "SEARCH tasks USING INDEX tasks_status_due (user_id=? AND completed=?)".to_owned(),
            "USE TEMP B-TREE FOR ORDER BY".to_owned(),
        ];
        let (indexes, full_scan, sorts) = read_plan(Backend::Sqlite, &sqlite);
        assert_eq!(indexes, ["tasks_status_due"]);
        assert!(!full_scan && sorts);
        let postgres = [
            "Limit  (cost=0.42..10.0 rows=51 width=100)".to_owned(),
            "  ->  Index Scan using tasks_status_due on tasks  (cost=…)".to_owned(),
            "  ->  Seq Scan on task_tags tt  (cost=…)".to_owned(),
        ];
        let (indexes, full_scan, sorts) = read_plan(Backend::Postgres, &postgres);
        assert_eq!(indexes, ["tasks_status_due"]);
        assert!(full_scan && !sorts);
    }
}
