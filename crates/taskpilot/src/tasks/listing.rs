//! How a listing request (status, filters, sort, page) becomes a store
//! query, and the opaque cursor that continues it. Every surface that lists
//! tasks (REST, assistant, MCP) reads the same parameters the same way.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{FieldError, Priority, TagName, TimeZone};
use crate::store::{Overdue, SortPosition, SortValue, Task, TaskQuery, TaskSort};

/// Default page size, and the largest one asked for.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// A listing request as a client sends it: every value still text. Also
/// kept in widgets, to draw a list again or page on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListParams {
    /// `all` (default), `pending` or `completed`.
    pub status: Option<String>,
    /// Any of these priorities.
    pub priority: Vec<String>,
    /// All of these tags.
    pub tag: Vec<String>,
    /// Search words, each the start of a word of the title or description.
    pub q: Option<String>,
    /// `today`, `overdue`, `week` (today and the 6 days after) or `none`.
    pub due: Option<String>,
    /// Due before this day (exclusive).
    pub due_before: Option<String>,
    /// Due after this day (exclusive).
    pub due_after: Option<String>,
    /// `created` (default), `updated`, `due`, `priority` or `title`.
    pub sort: Option<String>,
    /// `asc` or `desc`; by default newest, most urgent and latest-updated
    /// first, earliest due and A–Z first.
    pub order: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

impl ListParams {
    /// The store query these parameters ask for, for a user in `tz` at
    /// `now`; every refused parameter is reported, not just the first.
    pub fn to_query(&self, tz: TimeZone, now: DateTime<Utc>) -> Result<TaskQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut query = TaskQuery::default();
        let mut keep = |result: Result<(), FieldError>| {
            if let Err(e) = result {
                errors.push(e);
            }
        };

        keep(self.read_status(&mut query));
        for priority in &self.priority {
            // `priority=high,urgent` and `priority=high&priority=urgent` alike.
            for part in priority.split(',').filter(|p| !p.trim().is_empty()) {
                match Priority::parse(part) {
                    Ok(p) => query.priorities.push(p.rank()),
                    Err(e) => keep(Err(e)),
                }
            }
        }
        for tag in &self.tag {
            match TagName::parse(tag) {
                Ok(tag) => query.tag_keys.push(tag.key()),
                Err(e) => keep(Err(FieldError::new("tag", e.message))),
            }
        }
        if let Some(q) = &self.q {
            let q = q.trim();
            if q.chars().count() > 200 {
                keep(Err(FieldError::new(
                    "q",
                    "search text can be at most 200 characters",
                )));
            } else if !q.is_empty() {
                query.search = Some(q.to_lowercase());
            }
        }
        let today = tz.today(now);
        keep(self.read_due(&mut query, today, now));
        if let Some(before) = &self.due_before {
            match parse_day(before, "due_before") {
                Ok(day) => tighten_before(&mut query, day),
                Err(e) => keep(Err(e)),
            }
        }
        if let Some(after) = &self.due_after {
            match parse_day(after, "due_after") {
                Ok(day) => tighten_from(
                    &mut query,
                    day.checked_add_days(Days::new(1)).unwrap_or(day),
                ),
                Err(e) => keep(Err(e)),
            }
        }
        let sort_errors = self.read_sort(&mut query);
        let sort_ok = sort_errors.is_empty();
        for e in sort_errors {
            keep(Err(e));
        }
        match self.limit {
            None => query.limit = DEFAULT_LIMIT,
            Some(limit @ 1..=MAX_LIMIT) => query.limit = limit,
            Some(_) => keep(Err(FieldError::new(
                "limit",
                format!("limit must be between 1 and {MAX_LIMIT}"),
            ))),
        }
        if let Some(cursor) = self.cursor.as_ref().filter(|_| sort_ok) {
            match Cursor::decode(cursor, query.sort, query.descending) {
                Ok(position) => query.after = Some(position),
                Err(e) => keep(Err(e)),
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    fn read_status(&self, query: &mut TaskQuery) -> Result<(), FieldError> {
        query.completed = match lowered(&self.status).as_deref() {
            None | Some("all") => None,
            Some("pending") => Some(false),
            Some("completed") => Some(true),
            Some(_) => {
                return Err(FieldError::new(
                    "status",
                    "status must be all, pending or completed",
                ));
            }
        };
        Ok(())
    }

    fn read_due(
        &self,
        query: &mut TaskQuery,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<(), FieldError> {
        let Some(due) = lowered(&self.due) else {
            return Ok(());
        };
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        match due.as_str() {
            "today" => {
                tighten_from(query, today);
                tighten_before(query, tomorrow);
            }
            "week" => {
                tighten_from(query, today);
                tighten_before(query, today.checked_add_days(Days::new(7)).unwrap_or(today));
            }
            "overdue" => {
                query.overdue = Some(Overdue {
                    today: day_key(today),
                    tomorrow: day_key(tomorrow),
                    now,
                });
            }
            "none" => query.no_due = true,
            _ => {
                return Err(FieldError::new(
                    "due",
                    "due must be today, overdue, week or none",
                ));
            }
        }
        Ok(())
    }

    /// The sort and its direction; a bad `order` is reported even when the
    /// sort is bad too.
    fn read_sort(&self, query: &mut TaskQuery) -> Vec<FieldError> {
        let mut errors = Vec::new();
        query.sort = match lowered(&self.sort).as_deref() {
            None | Some("created") => TaskSort::Created,
            Some("updated") => TaskSort::Updated,
            Some("due") => TaskSort::Due,
            Some("priority") => TaskSort::Priority,
            Some("title") => TaskSort::Title,
            Some(_) => {
                errors.push(FieldError::new(
                    "sort",
                    "sort must be created, updated, due, priority or title",
                ));
                TaskSort::Created
            }
        };
        query.descending = match lowered(&self.order).as_deref() {
            None => matches!(
                query.sort,
                TaskSort::Created | TaskSort::Updated | TaskSort::Priority
            ),
            Some("asc") => false,
            Some("desc") => true,
            Some(_) => {
                errors.push(FieldError::new("order", "order must be asc or desc"));
                false
            }
        };
        errors
    }
}

/// A keyword parameter, trimmed and lower-cased (`ASC` is `asc`).
fn lowered(value: &Option<String>) -> Option<String> {
    value.as_deref().map(|v| v.trim().to_lowercase())
}

/// A day filter bound (`YYYY-MM-DD`).
fn parse_day(input: &str, field: &'static str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, "give a date as YYYY-MM-DD, e.g. 2026-11-24"))
}

/// The `due_key` prefix of a day.
pub fn day_key(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Due on or after `day`, on top of any earlier bound (the later one wins).
fn tighten_from(query: &mut TaskQuery, day: NaiveDate) {
    let key = day_key(day);
    if query.due_from.as_ref().is_none_or(|from| *from < key) {
        query.due_from = Some(key);
    }
}

/// Due before `day`, on top of any earlier bound (the earlier one wins).
fn tighten_before(query: &mut TaskQuery, day: NaiveDate) {
    let key = day_key(day);
    if query.due_before.as_ref().is_none_or(|before| *before > key) {
        query.due_before = Some(key);
    }
}

/// The opaque `cursor`: where the last page ended, and which order it was
/// in, so a cursor from another order is refused rather than misread.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Cursor {
    /// The sort, as its parameter value.
    s: String,
    /// Descending?
    d: bool,
    /// The sort value (absent for `created`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    v: Option<serde_json::Value>,
    /// The id.
    i: i64,
}

impl Cursor {
    /// The cursor of the page that follows `last` in this order.
    pub fn after(last: &Task, sort: TaskSort, descending: bool) -> String {
        let position = last.position(sort);
        let v = match position.value {
            SortValue::None => None,
            SortValue::Int(v) => Some(serde_json::Value::from(v)),
            SortValue::Text(v) => Some(serde_json::Value::from(v)),
            SortValue::Instant(v) => Some(serde_json::Value::from(v.to_rfc3339())),
        };
        let cursor = Cursor {
            s: sort_name(sort).to_owned(),
            d: descending,
            v,
            i: position.id,
        };
        // Serialising this struct cannot fail; an empty cursor would only
        // restart the listing.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor).unwrap_or_default())
    }

    fn decode(input: &str, sort: TaskSort, descending: bool) -> Result<SortPosition, FieldError> {
        let invalid = || {
            FieldError::new(
                "cursor",
                "this cursor is not one we gave out; start again without it",
            )
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(input.trim())
            .map_err(|_| invalid())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if cursor.s != sort_name(sort) || cursor.d != descending {
            return Err(FieldError::new(
                "cursor",
                "this cursor belongs to a listing in another order; keep sort and order the same while paging",
            ));
        }
        let value = match (sort, cursor.v) {
            (TaskSort::Created, None) => SortValue::None,
            (TaskSort::Priority, Some(serde_json::Value::Number(n))) => {
                SortValue::Int(n.as_i64().ok_or_else(invalid)?)
            }
            (TaskSort::Due | TaskSort::Title, Some(serde_json::Value::String(s))) => {
                SortValue::Text(s)
            }
            (TaskSort::Updated, Some(serde_json::Value::String(s))) => SortValue::Instant(
                DateTime::parse_from_rfc3339(&s)
                    .map_err(|_| invalid())?
                    .with_timezone(&Utc),
            ),
            _ => return Err(invalid()),
        };
        Ok(SortPosition {
            value,
            id: cursor.i,
        })
    }
}

/// The cursor for the page after `last` (see [`ListParams::cursor`]).
pub fn next_cursor(last: &Task, query: &TaskQuery) -> String {
    Cursor::after(last, query.sort, query.descending)
}

fn sort_name(sort: TaskSort) -> &'static str {
    match sort {
        TaskSort::Created => "created",
        TaskSort::Updated => "updated",
        TaskSort::Due => "due",
        TaskSort::Priority => "priority",
        TaskSort::Title => "title",
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 23, 30, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn defaults_list_everything_newest_first_fifty_at_a_time() {
        let query = ListParams::default()
            .to_query(TimeZone::default(), now())
            .expect("valid");
        assert_eq!(query.sort, TaskSort::Created);
        assert!(query.descending);
        assert_eq!(query.limit, 50);
        assert_eq!(query.completed, None);
    }

    #[test]
    fn today_is_the_users_day_not_utcs() {
        let params = ListParams {
            due: Some("today".into()),
            ..ListParams::default()
        };
        let berlin = TimeZone::parse("Europe/Berlin").expect("zone");
        let query = params.to_query(berlin, now()).expect("valid");
        // 23:30 UTC is already 00:30 on the 25th in Berlin.
        assert_eq!(query.due_from.as_deref(), Some("2026-11-25"));
        assert_eq!(query.due_before.as_deref(), Some("2026-11-26"));
    }

    #[test]
    fn day_bounds_combine_to_the_narrowest_range() {
        let params = ListParams {
            due: Some("week".into()),
            due_before: Some("2026-11-27".into()),
            due_after: Some("2026-11-20".into()),
            ..ListParams::default()
        };
        let query = params.to_query(TimeZone::default(), now()).expect("valid");
        assert_eq!(query.due_from.as_deref(), Some("2026-11-24"));
        assert_eq!(query.due_before.as_deref(), Some("2026-11-27"));
    }

    #[test]
    fn every_bad_parameter_is_reported() {
        let params = ListParams {
            status: Some("done".into()),
            priority: vec!["high,hgh".into()],
            due: Some("yesterday".into()),
            due_before: Some("24/11/2026".into()),
            sort: Some("colour".into()),
            limit: Some(500),
            cursor: Some("%%%".into()),
            ..ListParams::default()
        };
        let errors = params
            .to_query(TimeZone::default(), now())
            .expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["status", "priority", "due", "due_before", "sort", "limit"]
        );
    }

    fn task(id: i64, due_key: Option<&str>) -> Task {
        Task {
            id,
            version: 1,
            title: "Buy Milk".into(),
            description: None,
            completed: false,
            completed_at: None,
            priority: 3,
            tags: Vec::new(),
            due_key: due_key.map(str::to_owned),
            due_at: None,
            remind_at: None,
            recurrence: None,
            recurrence_start: None,
            next_occurrence_id: None,
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn a_cursor_round_trips_in_its_own_order_only() {
        for (sort, expected) in [
            (TaskSort::Created, SortValue::None),
            (TaskSort::Priority, SortValue::Int(3)),
            (TaskSort::Due, SortValue::Text("~".into())),
            (TaskSort::Title, SortValue::Text("buy milk".into())),
            (TaskSort::Updated, SortValue::Instant(now())),
        ] {
            let cursor = Cursor::after(&task(7, None), sort, false);
            assert_eq!(
                Cursor::decode(&cursor, sort, false),
                Ok(SortPosition {
                    value: expected,
                    id: 7
                })
            );
            let other = Cursor::decode(&cursor, sort, true).expect_err("other order");
            assert!(other.message.contains("another order"), "{}", other.message);
        }
    }
}
