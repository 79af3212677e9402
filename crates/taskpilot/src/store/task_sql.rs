//! The SQL of a task listing, written once for both backends: the text uses
//! `$N` placeholders (PostgreSQL's, which sqlx also binds on SQLite) and the
//! arguments are collected as [`Arg`]s, which each backend binds in its own
//! column types (an instant is TEXT on SQLite, TIMESTAMPTZ on PostgreSQL).
//! Public so `bench/taskbench` can EXPLAIN exactly the statements that run.

use chrono::{DateTime, Utc};

use super::search_words::{SearchWord, index_words, search_words};
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

/// What a listing looks up before its queries: how many tasks each tag and
/// each search word has, to choose how to find the matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookups {
    /// The listing's tags, one per distinct tag asked for.
    pub tags: Vec<TagLookup>,
    /// Per search word (in `search_words` order), the entries it has in
    /// `task_words`, counted up to [`WORD_COUNT_CAP`].
    pub words: Vec<i64>,
    /// All of the user's tasks.
    pub user_tasks: i64,
}

impl Lookups {
    /// The lookups of `query` from the rows [`tag_lookup`] returned, or
    /// `None` when one of its tags does not exist, so nothing matches.
    pub fn from_rows(query: &TaskQuery, rows: Vec<TagLookupRow>) -> Option<Lookups> {
        let distinct: std::collections::BTreeSet<&String> = query.tag_keys.iter().collect();
        if rows.len() < distinct.len() {
            return None;
        }
        Some(Lookups {
            user_tasks: rows.first().map_or(0, |row| row.user_tasks),
            tags: rows
                .into_iter()
                .map(|row| TagLookup {
                    id: row.id,
                    tasks: row.tasks,
                })
                .collect(),
            words: Vec::new(),
        })
    }
}

/// A tag, found by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagLookup {
    pub id: i64,
    /// Tasks that carry it (kept by triggers).
    pub tasks: i64,
}

/// A row of [`tag_lookup`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct TagLookupRow {
    pub id: i64,
    pub tasks: i64,
    pub user_tasks: i64,
}

/// `SELECT id, tasks, user_tasks` of the user's tags named `tag_keys`
/// (lower-cased), with the user's task total on every row. Fewer rows than
/// distinct keys: some tag does not exist, and nothing can match.
pub fn tag_lookup(user_id: &str, tag_keys: &[String]) -> Sql {
    let mut sql = Sql::default();
    let counted = sql.bind(Arg::Text(user_id.to_owned()));
    let user = sql.bind(Arg::Text(user_id.to_owned()));
    let keys: Vec<String> = tag_keys
        .iter()
        .map(|key| sql.bind(Arg::Text(key.clone())))
        .collect();
    sql.push(&format!(
        "SELECT id, task_count AS tasks, \
         COALESCE((SELECT open + done FROM task_counts WHERE user_id = {counted}), 0) AS user_tasks \
         FROM tags WHERE user_id = {user} AND name_key IN ({})",
        keys.join(", ")
    ));
    sql
}

/// Past this many entries a search word counts as common: far past where
/// walking the listing's order beats joining for any plausible user (see
/// [`JOINED_ROW_COST`]), and cheap to count to (index entries only).
pub const WORD_COUNT_CAP: i64 = 2048;

/// One row: the user's task total, then each search word's entries in
/// `task_words` up to [`WORD_COUNT_CAP`]. `None` when the query searches
/// no indexed words.
pub fn word_lookup(user_id: &str, query: &TaskQuery) -> Option<Sql> {
    let words = query
        .search
        .as_deref()
        .map(search_words)
        .unwrap_or_default();
    if words.is_empty() {
        return None;
    }
    let mut sql = Sql::default();
    let user = sql.bind(Arg::Text(user_id.to_owned()));
    let mut columns = vec![format!(
        "COALESCE((SELECT open + done FROM task_counts WHERE user_id = {user}), 0)"
    )];
    for word in &words {
        let user = sql.bind(Arg::Text(user_id.to_owned()));
        let from = sql.bind(Arg::Text(word.prefix.clone()));
        let to = sql.bind(Arg::Text(word.upper_bound()));
        let cap = sql.bind(Arg::Int(WORD_COUNT_CAP));
        columns.push(format!(
            "(SELECT COUNT(*) FROM (SELECT 1 FROM task_words \
             WHERE user_id = {user} AND word >= {from} AND word < {to} LIMIT {cap}) AS entries)"
        ));
    }
    sql.push(&format!("SELECT {}", columns.join(", ")));
    Some(sql)
}

/// How much dearer a task reached through a join is than an index entry
/// read while walking the listing's order: the join reads each match's row
/// (a random page, ~5 µs on PostgreSQL with 1,000,000 tasks) where the walk
/// reads index entries in order and probes a key or a hash (~0.3-1 µs),
/// measured with bench/taskbench.
const JOINED_ROW_COST: i128 = 10;

/// A set of tasks a listing must fall in: a tag's, or a search word's.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Set<'a> {
    Tag(i64),
    Word(&'a SearchWord),
}

/// How the rows of the listing are found.
enum Plan<'a> {
    /// No tag and no word: the filters and the order's index suffice.
    Plain,
    /// Start from the smallest set's tasks, then check the others.
    Join(Vec<Set<'a>>),
    /// Walk the listing's order on index entries alone, checking each
    /// task's sets, and read only the page's rows.
    Walk(Vec<Set<'a>>),
}

impl<'a> Plan<'a> {
    fn sets(&self) -> &[Set<'a>] {
        match self {
            Plan::Plain => &[],
            Plan::Join(sets) | Plan::Walk(sets) => sets,
        }
    }
}

/// The tag and word sets of `query` (words of `words`), smallest first,
/// and whether joining from the smallest is cheaper than walking.
fn plan<'a>(query: &TaskQuery, lookups: &Lookups, words: &'a [SearchWord]) -> Plan<'a> {
    let mut sets: Vec<(i64, Set<'a>)> = lookups
        .tags
        .iter()
        .map(|tag| (tag.tasks, Set::Tag(tag.id)))
        .collect();
    for (i, word) in words.iter().enumerate() {
        let entries = lookups.words.get(i).copied().unwrap_or(WORD_COUNT_CAP);
        sets.push((entries, Set::Word(word)));
    }
    sets.sort_by_key(|(count, _)| *count);
    let Some(&(smallest, _)) = sets.first() else {
        return Plan::Plain;
    };
    let sets = sets.into_iter().map(|(_, set)| set).collect();
    // A walk reads about (limit + 1) * user_tasks / smallest entries to
    // fill a page; a join reads `smallest` rows, each JOINED_ROW_COST as
    // dear. For a page of 50 among 100,000 tasks they meet near 700.
    let smallest = i128::from(smallest.max(1));
    let walk = (i128::from(query.limit) + 1) * i128::from(lookups.user_tasks);
    if smallest * smallest * JOINED_ROW_COST > walk {
        Plan::Walk(sets)
    } else {
        Plan::Join(sets)
    }
}

/// The page query (`limit + 1` rows, so the caller knows whether more follow)
/// and the count query (the same filters, no cursor). The query's tags are
/// those of `lookups` (see [`Lookups::from_rows`]), not its `tag_keys`.
pub fn list_queries(user_id: &str, query: &TaskQuery, lookups: &Lookups) -> (Sql, Sql) {
    let words = query
        .search
        .as_deref()
        .map(search_words)
        .unwrap_or_default();
    let plan = plan(query, lookups, &words);
    let direction = if query.descending { "DESC" } else { "ASC" };
    let order = match sort_column(query.sort) {
        Some(column) => format!("ORDER BY {column} {direction}, id {direction}"),
        None => format!("ORDER BY id {direction}"),
    };

    let mut page = Sql::default();
    let walk = matches!(plan, Plan::Walk(_));
    if walk {
        // The inner SELECT reads only `id` and the order's columns, which
        // the order's index holds: no table row is read until the page's.
        page.push(&format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE id IN (SELECT id FROM tasks WHERE "
        ));
    } else {
        page.push(&format!("SELECT {TASK_COLUMNS} FROM tasks WHERE "));
    }
    push_filters(&mut page, user_id, query, &words);
    push_sets(&mut page, user_id, &plan, walk);
    if let Some(after) = &query.after {
        push_after(&mut page, query, &after.value, after.id);
    }
    page.push(&format!(" {order} LIMIT "));
    let limit = page.bind(Arg::Int(i64::from(query.limit) + 1));
    page.push(&limit);
    if walk {
        page.push(&format!(") {order}"));
    }

    let mut count = Sql::default();
    match (&lookups.tags[..], query.filters_only_status_and_tags()) {
        ([], true) => {
            // Kept by triggers (see the task_counts migration): one row, not a count.
            let user = count.bind(Arg::Text(user_id.to_owned()));
            let column = match query.completed {
                None => "open + done",
                Some(false) => "open",
                Some(true) => "done",
            };
            count.push(&format!(
                "SELECT COALESCE((SELECT {column} FROM task_counts WHERE user_id = {user}), 0)"
            ));
        }
        ([tag], true) if query.completed.is_none() => {
            // The tag's own count, kept by triggers, looked up already.
            let tasks = count.bind(Arg::Int(tag.tasks));
            count.push(&format!("SELECT {tasks}"));
        }
        ([], false) if let Some(words) = word_count(user_id, query) => count = words,
        _ => {
            // Counting visits every match: start from the smallest set.
            count.push("SELECT COUNT(*) FROM tasks WHERE ");
            push_filters(&mut count, user_id, query, &words);
            push_sets(&mut count, user_id, &plan, false);
        }
    }
    (page, count)
}

/// The sets of `plan`: on a walk, each checked per task; else the first
/// one joined from and the others checked.
fn push_sets(sql: &mut Sql, user_id: &str, plan: &Plan<'_>, walk: bool) {
    for (i, set) in plan.sets().iter().enumerate() {
        if i == 0 && !walk {
            // `id IN (…)`: the planners start from the set's entries.
            sql.push(" AND id IN (");
            push_members(sql, user_id, set);
            sql.push(")");
        } else {
            push_check(sql, user_id, set);
        }
    }
}

/// The task is one of `set`'s, checked per task.
fn push_check(sql: &mut Sql, user_id: &str, set: &Set<'_>) {
    match set {
        Set::Tag(id) => {
            // A probe of task_tags' key. `LIMIT 1 OFFSET 0` keeps
            // PostgreSQL from turning the EXISTS into a join that starts
            // from the tag (it flattens only an EXISTS without OFFSET).
            let id = sql.bind(Arg::Int(*id));
            sql.push(&format!(
                " AND EXISTS (SELECT 1 FROM task_tags WHERE task_id = tasks.id AND tag_id = {id} \
                 LIMIT 1 OFFSET 0)"
            ));
        }
        Set::Word(_) => {
            // task_words is keyed by word, not by task, so the check is a
            // membership test in the word's entries, read once. The
            // `OR FALSE` keeps PostgreSQL from turning the IN into a join
            // (it does so only for an IN standing alone in the WHERE), so
            // it hashes the entries once and tests each task against them.
            sql.push(" AND (id IN (");
            push_members(sql, user_id, set);
            sql.push(") OR FALSE)");
        }
    }
}

/// `SELECT task_id` of the tasks in `set`.
fn push_members(sql: &mut Sql, user_id: &str, set: &Set<'_>) {
    match set {
        Set::Tag(id) => {
            let id = sql.bind(Arg::Int(*id));
            sql.push(&format!(
                "SELECT task_id FROM task_tags WHERE tag_id = {id}"
            ));
        }
        Set::Word(word) => {
            let user = sql.bind(Arg::Text(user_id.to_owned()));
            let from = sql.bind(Arg::Text(word.prefix.clone()));
            let to = sql.bind(Arg::Text(word.upper_bound()));
            sql.push(&format!(
                "SELECT task_id FROM task_words \
                 WHERE user_id = {user} AND word >= {from} AND word < {to}"
            ));
        }
    }
}

/// When the search is the only filter, its total counts the tasks in its
/// words' index ranges without reading a task. `None` otherwise, and for a
/// search that is checked against the text too.
fn word_count(user_id: &str, query: &TaskQuery) -> Option<Sql> {
    if !query.filters_only_search() {
        return None;
    }
    let words = query
        .search
        .as_deref()
        .map(search_words)
        .unwrap_or_default();
    if words.is_empty() || words.iter().any(|word| word.whole.is_some()) {
        return None;
    }
    let mut sql = Sql::default();
    // A prefix can match several words of one task: DISTINCT (or
    // INTERSECT, which is distinct too) counts the task once.
    let distinct = if words.len() == 1 { "DISTINCT " } else { "" };
    let ranges: Vec<String> = words
        .iter()
        .map(|word| {
            let user = sql.bind(Arg::Text(user_id.to_owned()));
            let from = sql.bind(Arg::Text(word.prefix.clone()));
            let to = sql.bind(Arg::Text(word.upper_bound()));
            format!(
                "SELECT {distinct}task_id FROM task_words \
                 WHERE user_id = {user} AND word >= {from} AND word < {to}"
            )
        })
        .collect();
    sql.push(&format!(
        "SELECT COUNT(*) FROM ({}) AS matches",
        ranges.join(" INTERSECT ")
    ));
    Some(sql)
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

fn push_filters(sql: &mut Sql, user_id: &str, query: &TaskQuery, words: &[SearchWord]) {
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
        // The words are sets (see `plan`); what they cannot check is
        // checked against the text: a word longer than any indexed one,
        // or a search with no word at all.
        if words.is_empty() {
            push_contains(sql, search);
        }
        for whole in words.iter().filter_map(|word| word.whole.as_deref()) {
            push_contains(sql, whole);
        }
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
}

/// The title or description contains `text`.
fn push_contains(sql: &mut Sql, text: &str) {
    let pattern = sql.bind(Arg::Text(format!("%{}%", escape_like(text))));
    sql.push(&format!(" AND search_key LIKE {pattern} ESCAPE '\\'"));
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

/// The statements that bring a task's indexed words from those of
/// `before` to those of `after` (search keys; `None`: no task): a DELETE
/// of the words gone and an INSERT of the new ones, each when needed.
pub(super) fn sync_words(
    user_id: &str,
    task_id: i64,
    before: Option<&str>,
    after: Option<&str>,
) -> Vec<Sql> {
    let before = before.map(index_words).unwrap_or_default();
    let after = after.map(index_words).unwrap_or_default();
    let gone: Vec<&String> = before.difference(&after).collect();
    let new: Vec<&String> = after.difference(&before).collect();
    let mut statements = Vec::new();
    // At most a few hundred words (a title and a description), so one
    // statement each stays far below either backend's placeholder limit.
    if !gone.is_empty() {
        let mut sql = Sql::default();
        let user = sql.bind(Arg::Text(user_id.to_owned()));
        let id = sql.bind(Arg::Int(task_id));
        let words: Vec<String> = gone
            .iter()
            .map(|word| sql.bind(Arg::Text((*word).clone())))
            .collect();
        sql.push(&format!(
            "DELETE FROM task_words WHERE user_id = {user} AND task_id = {id} AND word IN ({})",
            words.join(", ")
        ));
        statements.push(sql);
    }
    if !new.is_empty() {
        let mut sql = Sql::default();
        let rows: Vec<String> = new
            .iter()
            .map(|word| {
                let user = sql.bind(Arg::Text(user_id.to_owned()));
                let word = sql.bind(Arg::Text((*word).clone()));
                let id = sql.bind(Arg::Int(task_id));
                format!("({user}, {word}, {id})")
            })
            .collect();
        sql.push(&format!(
            "INSERT INTO task_words (user_id, word, task_id) VALUES {} ON CONFLICT DO NOTHING",
            rows.join(", ")
        ));
        statements.push(sql);
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::super::tasks::{Overdue, SortPosition};
    use super::*;

    #[test]
    fn the_plainest_listing_is_by_id_with_one_extra_row() {
        let (page, count) = list_queries("u1", &TaskQuery::default(), &Lookups::default());
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

    fn tag(id: i64, tasks: i64) -> TagLookup {
        TagLookup { id, tasks }
    }

    #[test]
    fn filters_and_cursor_number_their_placeholders_in_order() {
        let now = Utc::now();
        let query = TaskQuery {
            completed: Some(true),
            priorities: vec![3, 4],
            tag_keys: vec!["work".into()],
            search: Some("50% off".into()),
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
        let lookups = Lookups {
            tags: vec![tag(42, 5)],
            words: vec![2, 3],
            user_tasks: 1000,
        };
        let (page, count) = list_queries("u1", &query, &lookups);
        // The smallest set ("50", 2 entries) is joined from; the other word
        // is hashed, the tag probed.
        assert_eq!(
            page.text,
            format!(
                "SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = $1 AND completed = $2 AND completed = $3 \
                 AND priority IN ($4, $5) \
                 AND due_key < $6 AND (due_key < $7 OR (due_at IS NOT NULL AND due_at < $8)) \
                 AND id IN (SELECT task_id FROM task_words WHERE user_id = $9 AND word >= $10 AND word < $11) \
                 AND (id IN (SELECT task_id FROM task_words WHERE user_id = $12 AND word >= $13 AND word < $14) OR FALSE) \
                 AND EXISTS (SELECT 1 FROM task_tags WHERE task_id = tasks.id AND tag_id = $15 LIMIT 1 OFFSET 0) \
                 AND (due_key, id) < ($16, $17) ORDER BY due_key DESC, id DESC LIMIT $18"
            )
        );
        // Overdue means open: with status=completed, nothing matches.
        assert_eq!(page.args[1], Arg::Bool(true));
        assert_eq!(page.args[7], Arg::Instant(now));
        assert_eq!(page.args[9], Arg::Text("50".into()));
        assert_eq!(page.args[10], Arg::Text("50\u{10FFFF}".into()));
        assert_eq!(page.args[12], Arg::Text("off".into()));
        assert_eq!(page.args[14], Arg::Int(42));
        assert_eq!(page.args[17], Arg::Int(11));
        assert!(!count.text.contains("ORDER BY"), "{}", count.text);
        assert_eq!(count.args.len(), 15);
    }

    #[test]
    fn a_search_without_words_matches_a_substring() {
        let query = TaskQuery {
            search: Some("%_".into()),
            ..TaskQuery::default()
        };
        let (page, _) = list_queries("u1", &query, &Lookups::default());
        assert!(
            page.text.contains("search_key LIKE $2 ESCAPE"),
            "{}",
            page.text
        );
        assert_eq!(page.args[1], Arg::Text("%\\%\\_%".into()));
    }

    #[test]
    fn a_common_tag_is_checked_along_the_order_and_a_rare_one_joined() {
        let query = TaskQuery {
            tag_keys: vec!["home".into()],
            sort: TaskSort::Due,
            ..TaskQuery::default()
        };
        let walk = format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE id IN (SELECT id FROM tasks WHERE user_id = $1 \
             AND EXISTS (SELECT 1 FROM task_tags WHERE task_id = tasks.id AND tag_id = $2 LIMIT 1 OFFSET 0) \
             ORDER BY due_key ASC, id ASC LIMIT $3) ORDER BY due_key ASC, id ASC"
        );
        let join = format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE user_id = $1 \
             AND id IN (SELECT task_id FROM task_tags WHERE tag_id = $2) \
             ORDER BY due_key ASC, id ASC LIMIT $3"
        );
        // 51 rows of a page among 100,000 tasks: the plans meet near 714.
        for (tasks, expected) in [(12_280, &walk), (800, &walk), (700, &join), (5, &join)] {
            let lookups = Lookups {
                tags: vec![tag(7, tasks)],
                user_tasks: 100_000,
                ..Lookups::default()
            };
            let (page, count) = list_queries("u1", &query, &lookups);
            assert_eq!(&page.text, expected, "{tasks}");
            // The tag is the only filter: its kept count is the total.
            assert_eq!(count.text, "SELECT $1");
            assert_eq!(count.args, vec![Arg::Int(tasks)]);
        }
    }

    #[test]
    fn a_common_word_is_hashed_and_checked_along_the_order() {
        let query = TaskQuery {
            search: Some("invoice".into()),
            ..TaskQuery::default()
        };
        let lookups = |entries| Lookups {
            words: vec![entries],
            user_tasks: 100_000,
            ..Lookups::default()
        };
        let (page, count) = list_queries("u1", &query, &lookups(WORD_COUNT_CAP));
        assert_eq!(
            page.text,
            format!(
                "SELECT {TASK_COLUMNS} FROM tasks WHERE id IN (SELECT id FROM tasks WHERE user_id = $1 \
                 AND (id IN (SELECT task_id FROM task_words WHERE user_id = $2 AND word >= $3 AND word < $4) OR FALSE) \
                 ORDER BY id ASC LIMIT $5) ORDER BY id ASC"
            )
        );
        assert!(
            count
                .text
                .starts_with("SELECT COUNT(*) FROM (SELECT DISTINCT task_id")
        );
        let (page, _) = list_queries("u1", &query, &lookups(3));
        assert!(
            page.text.contains(
                "WHERE user_id = $1 AND id IN (SELECT task_id FROM task_words WHERE user_id = $2"
            ),
            "{}",
            page.text
        );
    }

    #[test]
    fn several_tags_start_from_the_rarest_and_count_by_joining() {
        let query = TaskQuery {
            completed: Some(false),
            tag_keys: vec!["home".into(), "phone".into()],
            ..TaskQuery::default()
        };
        let lookups = Lookups {
            tags: vec![tag(1, 900), tag(2, 30)],
            user_tasks: 100_000,
            ..Lookups::default()
        };
        let (page, count) = list_queries("u1", &query, &lookups);
        assert!(
            page.text.contains(
                "AND id IN (SELECT task_id FROM task_tags WHERE tag_id = $3) \
                 AND EXISTS (SELECT 1 FROM task_tags WHERE task_id = tasks.id AND tag_id = $4 LIMIT 1 OFFSET 0)"
            ),
            "{}",
            page.text
        );
        assert_eq!(
            (page.args[2].clone(), page.args[3].clone()),
            (Arg::Int(2), Arg::Int(1))
        );
        assert!(
            count.text.starts_with("SELECT COUNT(*) FROM tasks"),
            "{}",
            count.text
        );
    }

    #[test]
    fn missing_tags_mean_nothing_matches() {
        let query = TaskQuery {
            tag_keys: vec!["home".into(), "HOME".to_lowercase(), "work".into()],
            ..TaskQuery::default()
        };
        let row = |id| TagLookupRow {
            id,
            tasks: 3,
            user_tasks: 10,
        };
        assert_eq!(Lookups::from_rows(&query, vec![row(1)]), None);
        assert_eq!(
            Lookups::from_rows(&query, vec![row(1), row(2)]),
            Some(Lookups {
                tags: vec![tag(1, 3), tag(2, 3)],
                user_tasks: 10,
                words: Vec::new(),
            })
        );
    }

    #[test]
    fn a_search_alone_is_counted_from_its_words() {
        let query = |search: &str, completed| TaskQuery {
            search: Some(search.into()),
            completed,
            ..TaskQuery::default()
        };
        let (_, count) = list_queries("u1", &query("milk", None), &Lookups::default());
        assert_eq!(
            count.text,
            "SELECT COUNT(*) FROM (SELECT DISTINCT task_id FROM task_words \
             WHERE user_id = $1 AND word >= $2 AND word < $3) AS matches"
        );
        let (_, count) = list_queries("u1", &query("oat milk", None), &Lookups::default());
        assert!(
            count.text.contains(") INTERSECT SELECT task_id")
                || count.text.contains("$3 INTERSECT SELECT task_id"),
            "{}",
            count.text
        );
        assert_eq!(count.args.len(), 6);
        // With a status, or a word too long to be indexed whole, the tasks are read.
        let (_, count) = list_queries("u1", &query("milk", Some(false)), &Lookups::default());
        assert!(
            count.text.starts_with("SELECT COUNT(*) FROM tasks"),
            "{}",
            count.text
        );
        let long = "m".repeat(50);
        let (_, count) = list_queries("u1", &query(&long, None), &Lookups::default());
        assert!(
            count.text.starts_with("SELECT COUNT(*) FROM tasks"),
            "{}",
            count.text
        );
    }

    #[test]
    fn words_are_synced_by_difference() {
        let statements = sync_words("u1", 9, Some("buy milk"), Some("buy oat milk"));
        assert_eq!(statements.len(), 1);
        assert_eq!(
            statements[0].text,
            "INSERT INTO task_words (user_id, word, task_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
        );
        assert_eq!(statements[0].args[1], Arg::Text("oat".into()));
        let statements = sync_words("u1", 9, Some("buy milk"), None);
        assert_eq!(
            statements[0].text,
            "DELETE FROM task_words WHERE user_id = $1 AND task_id = $2 AND word IN ($3, $4)"
        );
        assert!(sync_words("u1", 9, Some("a b"), Some("b, a")).is_empty());
    }

    #[test]
    fn a_lower_due_bound_alone_leaves_out_tasks_without_a_due_date() {
        let query = TaskQuery {
            due_from: Some("2026-11-24".into()),
            ..TaskQuery::default()
        };
        let (page, _) = list_queries("u1", &query, &Lookups::default());
        assert!(
            page.text.contains("due_key >= $2 AND due_key < $3"),
            "{}",
            page.text
        );
        assert_eq!(page.args[2], Arg::Text("~".into()));
    }
}
