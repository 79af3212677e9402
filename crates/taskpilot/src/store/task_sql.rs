//! The SQL of a task listing, written once for both backends: the text uses
//! `$N` placeholders (PostgreSQL's, which sqlx also binds on SQLite) and the
//! arguments are collected as [`Arg`]s, which each backend binds in its own
//! column types (an instant is TEXT on SQLite, TIMESTAMPTZ on PostgreSQL).
//! Public so `bench/taskbench` can EXPLAIN exactly the statements that run.

use chrono::{DateTime, Utc};

use super::tasks::{NO_DUE_KEY, SortValue, TaskFields, TaskQuery, TaskSort};

/// The columns of a task row (`TaskRow`), tags aside.
pub const TASK_COLUMNS: &str = "id, version, title, description, completed, completed_at, \
     priority, due_key, due_at, remind_at, recurrence, recurrence_start, next_occurrence_id, \
     created_at, updated_at";

/// One bound argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Int(i64),
    Bool(bool),
    Instant(DateTime<Utc>),
    /// A NULL text.
    NullText,
    /// A NULL instant (typed: PostgreSQL will not take a text NULL for it).
    NullInstant,
}

/// SQL text and its arguments, in placeholder order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Arg>,
}

impl Sql {
    /// Append `arg` and return its placeholder. Every use gets its own
    /// number, so placeholders appear in argument order.
    fn bind(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// The page query (`limit + 1` rows, so the caller knows whether more follow)
/// and the count query (the same filters, no cursor).
pub fn list_queries(user_id: &str, query: &TaskQuery) -> (Sql, Sql) {
    let mut page = Sql::default();
    page.push(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE "));
    push_filters(&mut page, user_id, query);
    if let Some(after) = &query.after {
        push_after(&mut page, query, &after.value, after.id);
    }
    let direction = if query.descending { "DESC" } else { "ASC" };
    match sort_column(query.sort) {
        Some(column) => page.push(&format!(
            " ORDER BY {column} {direction}, id {direction} LIMIT "
        )),
        None => page.push(&format!(" ORDER BY id {direction} LIMIT ")),
    }
    let limit = page.bind(Arg::Int(i64::from(query.limit) + 1));
    page.push(&limit);

    let count = if query.filters_only_status() {
        // Kept by triggers (see the task_counts migration): one row, not a count.
        let mut count = Sql::default();
        let user = count.bind(Arg::Text(user_id.to_owned()));
        let column = match query.completed {
            None => "open + done",
            Some(false) => "open",
            Some(true) => "done",
        };
        count.push(&format!(
            "SELECT COALESCE((SELECT {column} FROM task_counts WHERE user_id = {user}), 0)"
        ));
        count
    } else {
        let mut count = Sql::default();
        count.push("SELECT COUNT(*) FROM tasks WHERE ");
        push_filters(&mut count, user_id, query);
        count
    };
    (page, count)
}

/// The column a sort orders by before the id; `None` when the id alone
/// orders (creation order: ids grow with time).
fn sort_column(sort: TaskSort) -> Option<&'static str> {
    match sort {
        TaskSort::Created => None,
        TaskSort::Updated => Some("updated_at"),
        TaskSort::Due => Some("due_key"),
        TaskSort::Priority => Some("priority"),
        TaskSort::Title => Some("title_key"),
    }
}

fn push_filters(sql: &mut Sql, user_id: &str, query: &TaskQuery) {
    let user = sql.bind(Arg::Text(user_id.to_owned()));
    sql.push(&format!("user_id = {user}"));
    if let Some(completed) = query.completed {
        let value = sql.bind(Arg::Bool(completed));
        sql.push(&format!(" AND completed = {value}"));
    }
    if query.overdue.is_some() && query.completed != Some(false) {
        // Only an open task is overdue; with `status=completed` too, the
        // two filters leave nothing, as filters that combine should.
        let open = sql.bind(Arg::Bool(false));
        sql.push(&format!(" AND completed = {open}"));
    }
    if !query.priorities.is_empty() {
        let ranks: Vec<String> = query
            .priorities
            .iter()
            .map(|rank| sql.bind(Arg::Int(i64::from(*rank))))
            .collect();
        sql.push(&format!(" AND priority IN ({})", ranks.join(", ")));
    }
    if let Some(search) = &query.search {
        let pattern = sql.bind(Arg::Text(format!("%{}%", escape_like(search))));
        sql.push(&format!(" AND search_key LIKE {pattern} ESCAPE '\\'"));
    }
    if query.no_due {
        let none = sql.bind(Arg::Text(NO_DUE_KEY.to_owned()));
        sql.push(&format!(" AND due_key = {none}"));
    }
    if let Some(from) = &query.due_from {
        let from = sql.bind(Arg::Text(from.clone()));
        sql.push(&format!(" AND due_key >= {from}"));
        if query.due_before.is_none() {
            // "~" (no due date) sorts after every day: keep it out.
            let none = sql.bind(Arg::Text(NO_DUE_KEY.to_owned()));
            sql.push(&format!(" AND due_key < {none}"));
        }
    }
    if let Some(before) = &query.due_before {
        let before = sql.bind(Arg::Text(before.clone()));
        sql.push(&format!(" AND due_key < {before}"));
    }
    if let Some(overdue) = &query.overdue {
        // A whole day is overdue once it is over; a timed due once it has
        // passed. A timed due on an earlier day has passed too, so the first
        // test (an index range) catches most of them.
        // A passed timed due is on today or earlier (local), so the range
        // `due_key < tomorrow` bounds the index scan for both kinds.
        let tomorrow = sql.bind(Arg::Text(overdue.tomorrow.clone()));
        let today = sql.bind(Arg::Text(overdue.today.clone()));
        let now = sql.bind(Arg::Instant(overdue.now));
        sql.push(&format!(
            " AND due_key < {tomorrow} AND (due_key < {today} OR (due_at IS NOT NULL AND due_at < {now}))"
        ));
    }
    for tag in &query.tag_keys {
        let user = sql.bind(Arg::Text(user_id.to_owned()));
        let tag = sql.bind(Arg::Text(tag.clone()));
        // `id IN (…)`, not a correlated EXISTS: the planners can then start
        // from the tag's tasks (an index on task_tags) instead of probing
        // every one of the user's tasks.
        sql.push(&format!(
            " AND id IN (SELECT tt.task_id FROM task_tags tt JOIN tags g ON g.id = tt.tag_id \
             WHERE g.user_id = {user} AND g.name_key = {tag})"
        ));
    }
}

/// Keyset pagination: only rows after `(value, id)` in the listing order.
fn push_after(sql: &mut Sql, query: &TaskQuery, value: &SortValue, id: i64) {
    let op = if query.descending { "<" } else { ">" };
    let column = sort_column(query.sort);
    let arg = match value {
        SortValue::None => None,
        SortValue::Int(v) => Some(Arg::Int(*v)),
        SortValue::Text(v) => Some(Arg::Text(v.clone())),
        SortValue::Instant(v) => Some(Arg::Instant(*v)),
    };
    match (column, arg) {
        (Some(column), Some(arg)) => {
            let value = sql.bind(arg);
            let id = sql.bind(Arg::Int(id));
            sql.push(&format!(" AND ({column}, id) {op} ({value}, {id})"));
        }
        // The cursor was checked against the sort when decoded; a value
        // missing here can only mean the id alone orders.
        _ => {
            let id = sql.bind(Arg::Int(id));
            sql.push(&format!(" AND id {op} {id}"));
        }
    }
}

/// `text` with LIKE's wildcards (and the escape character) escaped.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The values of `fields` for the written columns, in [`WRITTEN_COLUMNS`] order.
fn push_fields(sql: &mut Sql, fields: &TaskFields) -> Vec<String> {
    let text = |value: &Option<String>| value.clone().map_or(Arg::NullText, Arg::Text);
    let instant = |value: Option<DateTime<Utc>>| value.map_or(Arg::NullInstant, Arg::Instant);
    vec![
        sql.bind(Arg::Text(fields.title.clone())),
        sql.bind(Arg::Text(fields.title_key())),
        sql.bind(Arg::Text(fields.search_key())),
        sql.bind(text(&fields.description)),
        sql.bind(Arg::Bool(fields.completed)),
        sql.bind(instant(fields.completed_at)),
        sql.bind(Arg::Int(i64::from(fields.priority))),
        sql.bind(Arg::Text(
            fields
                .due_key
                .clone()
                .unwrap_or_else(|| NO_DUE_KEY.to_owned()),
        )),
        sql.bind(instant(fields.due_at)),
        sql.bind(instant(fields.remind_at)),
        sql.bind(text(&fields.recurrence)),
        sql.bind(text(&fields.recurrence_start)),
    ]
}

/// The columns [`push_fields`] gives values for.
const WRITTEN_COLUMNS: [&str; 12] = [
    "title",
    "title_key",
    "search_key",
    "description",
    "completed",
    "completed_at",
    "priority",
    "due_key",
    "due_at",
    "remind_at",
    "recurrence",
    "recurrence_start",
];

/// `INSERT` a task at version 1, `RETURNING` its columns.
pub(super) fn insert_task(user_id: &str, fields: &TaskFields, now: DateTime<Utc>) -> Sql {
    let mut sql = Sql::default();
    let user = sql.bind(Arg::Text(user_id.to_owned()));
    let values = push_fields(&mut sql, fields);
    let created = sql.bind(Arg::Instant(now));
    let updated = sql.bind(Arg::Instant(now));
    sql.push(&format!(
        "INSERT INTO tasks (user_id, {}, version, created_at, updated_at) \
         VALUES ({user}, {}, 1, {created}, {updated}) RETURNING {TASK_COLUMNS}",
        WRITTEN_COLUMNS.join(", "),
        values.join(", "),
    ));
    sql
}

/// `UPDATE` a task if it is still at `version`, bumping it, `RETURNING` its columns.
pub(super) fn update_task(
    user_id: &str,
    task_id: i64,
    version: i64,
    fields: &TaskFields,
    now: DateTime<Utc>,
) -> Sql {
    let mut sql = Sql::default();
    let values = push_fields(&mut sql, fields);
    let updated = sql.bind(Arg::Instant(now));
    let user = sql.bind(Arg::Text(user_id.to_owned()));
    let id = sql.bind(Arg::Int(task_id));
    let version = sql.bind(Arg::Int(version));
    let assignments: Vec<String> = WRITTEN_COLUMNS
        .iter()
        .zip(&values)
        .map(|(column, value)| format!("{column} = {value}"))
        .collect();
    sql.push(&format!(
        "UPDATE tasks SET {}, version = version + 1, updated_at = {updated} \
         WHERE user_id = {user} AND id = {id} AND version = {version} RETURNING {TASK_COLUMNS}",
        assignments.join(", "),
    ));
    sql
}

/// `SELECT task_id, name` of the tags of `task_ids`, by lower-cased name.
pub(super) fn tags_of(task_ids: &[i64]) -> Sql {
    let mut sql = Sql::default();
    let ids: Vec<String> = task_ids.iter().map(|id| sql.bind(Arg::Int(*id))).collect();
    sql.push(&format!(
        "SELECT tt.task_id, g.name FROM task_tags tt JOIN tags g ON g.id = tt.tag_id \
         WHERE tt.task_id IN ({}) ORDER BY g.name_key",
        ids.join(", ")
    ));
    sql
}

#[cfg(test)]
mod tests {
    use super::super::tasks::{Overdue, SortPosition};
    use super::*;

    #[test]
    fn the_plainest_listing_is_by_id_with_one_extra_row() {
        let (page, count) = list_queries("u1", &TaskQuery::default());
        assert_eq!(
            page.text,
            format!("SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = $1 ORDER BY id ASC LIMIT $2")
        );
        assert_eq!(page.args, vec![Arg::Text("u1".into()), Arg::Int(51)]);
        assert_eq!(
            count.text,
            "SELECT COALESCE((SELECT open + done FROM task_counts WHERE user_id = $1), 0)",
            "a status-only total is one row of the triggers' counts"
        );
    }

    #[test]
    fn filters_and_cursor_number_their_placeholders_in_order() {
        let now = Utc::now();
        let query = TaskQuery {
            completed: Some(true),
            priorities: vec![3, 4],
            tag_keys: vec!["work".into()],
            search: Some("50%_off".into()),
            overdue: Some(Overdue {
                today: "2026-11-24".into(),
                tomorrow: "2026-11-25".into(),
                now,
            }),
            sort: TaskSort::Due,
            descending: true,
            after: Some(SortPosition {
                value: SortValue::Text("2026-11-20".into()),
                id: 7,
            }),
            limit: 10,
            ..TaskQuery::default()
        };
        let (page, count) = list_queries("u1", &query);
        assert_eq!(
            page.text,
            format!(
                "SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = $1 AND completed = $2 AND completed = $3 \
                 AND priority IN ($4, $5) AND search_key LIKE $6 ESCAPE '\\' \
                 AND due_key < $7 AND (due_key < $8 OR (due_at IS NOT NULL AND due_at < $9)) \
                 AND id IN (SELECT tt.task_id FROM task_tags tt JOIN tags g ON g.id = tt.tag_id \
                 WHERE g.user_id = $10 AND g.name_key = $11) \
                 AND (due_key, id) < ($12, $13) ORDER BY due_key DESC, id DESC LIMIT $14"
            )
        );
        // Overdue means open: with status=completed, nothing matches.
        assert_eq!(page.args[1], Arg::Bool(true));
        assert!(page.text.contains("completed = $2 AND completed = $3"));
        assert_eq!(page.args[5], Arg::Text("%50\\%\\_off%".into()));
        assert_eq!(page.args[8], Arg::Instant(now));
        assert_eq!(page.args[13], Arg::Int(11));
        assert!(!count.text.contains("LIMIT"), "{}", count.text);
        assert_eq!(count.args.len(), 11);
    }

    #[test]
    fn a_lower_due_bound_alone_leaves_out_tasks_without_a_due_date() {
        let query = TaskQuery {
            due_from: Some("2026-11-24".into()),
            ..TaskQuery::default()
        };
        let (page, _) = list_queries("u1", &query);
        assert!(
            page.text.contains("due_key >= $2 AND due_key < $3"),
            "{}",
            page.text
        );
        assert_eq!(page.args[2], Arg::Text("~".into()));
    }
}
