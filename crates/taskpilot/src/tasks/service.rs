//! [`TaskService`]: the one way a task is created, changed, completed,
//! deleted or listed — by the REST API, the assistant and MCP alike. It
//! validates input with the domain parsers, applies the rules (recurrence,
//! completion, versions) and leaves storage to the store.

use chrono::{DateTime, Utc};

use super::{
    Description, Due, FieldError, ListParams, Priority, Recurrence, TaskTitle, TimeZone, parse_tags,
};
use crate::store::{Db, DbError, Replacing, TagUsage, Task, TaskFields, TaskPage, Updated};

/// How often a change is retried when another one lands between reading the
/// task and writing it (only without `If-Match`, which asks for a refusal).
const WRITE_ATTEMPTS: usize = 3;

/// Why a task operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    /// No such task for this user (another user's task included).
    #[error("task not found")]
    NotFound,
    /// `If-Match` named a version the task has moved on from.
    #[error("the task has changed since version {expected}; it is now at version {current}")]
    VersionMismatch { expected: i64, current: i64 },
    /// Other writes kept winning the race for this task.
    #[error("the task is being changed by someone else right now; try again")]
    Contended,
    /// The input was refused, field by field.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] DbError),
}

impl From<FieldError> for TaskError {
    fn from(e: FieldError) -> Self {
        TaskError::Invalid(vec![e])
    }
}

/// A field of a partial update: left alone, cleared (JSON `null`), or set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Change<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

/// A task as a client describes it: raw values, validated by the service.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskDraft {
    pub title: Option<String>,
    pub description: Change<String>,
    pub completed: Option<bool>,
    pub priority: Option<String>,
    pub tags: Option<Vec<String>>,
    pub due: Change<String>,
    pub remind_at: Change<String>,
    pub recurrence: Change<String>,
}

/// Whose tasks, and the time zone their dates are read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub user_id: String,
    pub time_zone: TimeZone,
}

/// The task operations (see the module docs).
#[derive(Clone)]
pub struct TaskService {
    db: Db,
}

impl TaskService {
    pub fn new(db: Db) -> Self {
        TaskService { db }
    }

    /// The user's scope: their id and time zone (UTC until they set one).
    pub async fn scope(&self, user_id: &str) -> Result<Scope, TaskError> {
        let time_zone = match self.db.time_zone(user_id).await? {
            // A stored name was valid when stored; should a zone ever leave
            // the database, UTC is a safe reading.
            Some(name) => TimeZone::parse(&name).unwrap_or_default(),
            None => TimeZone::default(),
        };
        Ok(Scope {
            user_id: user_id.to_owned(),
            time_zone,
        })
    }

    /// Set the user's time zone; timed due dates keep their instant, and
    /// their local day follows the new zone.
    pub async fn set_time_zone(&self, user_id: &str, name: &str) -> Result<TimeZone, TaskError> {
        let zone = TimeZone::parse(name)?;
        let rekey = move |at: DateTime<Utc>| Due::At(at).sort_key(zone);
        self.db
            .set_time_zone(user_id, zone.name(), &rekey, Utc::now())
            .await?;
        Ok(zone)
    }

    pub async fn create(&self, scope: &Scope, draft: TaskDraft) -> Result<Task, TaskError> {
        let now = Utc::now();
        if draft.title.is_none() {
            return Err(FieldError::new("title", "a task needs a title").into());
        }
        let plan = plan(&draft, None, scope.time_zone, now)?;
        Ok(self
            .db
            .insert_task(&scope.user_id, &plan.fields, now)
            .await?)
    }

    pub async fn get(&self, scope: &Scope, task_id: i64) -> Result<Task, TaskError> {
        self.db
            .get_task(&scope.user_id, task_id)
            .await?
            .ok_or(TaskError::NotFound)
    }

    /// Change a task. `replace` (PUT) needs a title; absent fields are kept
    /// either way. `expected` is the `If-Match` version, if any.
    pub async fn update(
        &self,
        scope: &Scope,
        task_id: i64,
        expected: Option<i64>,
        draft: TaskDraft,
        replace: bool,
    ) -> Result<Updated, TaskError> {
        if replace && draft.title.is_none() {
            return Err(FieldError::new("title", "a task needs a title").into());
        }
        self.write(scope, task_id, expected, |_| draft.clone())
            .await
    }

    /// Complete (`Some(true)`), reopen (`Some(false)`) or toggle (`None`) a
    /// task. Completing a repeating task creates its next occurrence.
    pub async fn set_completed(
        &self,
        scope: &Scope,
        task_id: i64,
        completed: Option<bool>,
        expected: Option<i64>,
    ) -> Result<Updated, TaskError> {
        self.write(scope, task_id, expected, |current| TaskDraft {
            completed: Some(completed.unwrap_or(!current.completed)),
            ..TaskDraft::default()
        })
        .await
    }

    pub async fn delete(
        &self,
        scope: &Scope,
        task_id: i64,
        expected: Option<i64>,
    ) -> Result<(), TaskError> {
        if self
            .db
            .delete_task(&scope.user_id, task_id, expected)
            .await?
        {
            return Ok(());
        }
        // Not deleted: gone, or at another version than `If-Match` named.
        let current = self.get(scope, task_id).await?;
        Err(TaskError::VersionMismatch {
            expected: expected.unwrap_or(current.version),
            current: current.version,
        })
    }

    pub async fn list(&self, scope: &Scope, params: &ListParams) -> Result<Listing, TaskError> {
        let query = params
            .to_query(scope.time_zone, Utc::now())
            .map_err(TaskError::Invalid)?;
        let page = self.db.list_tasks(&scope.user_id, &query).await?;
        let next_cursor = match (page.has_more, page.tasks.last()) {
            (true, Some(last)) => Some(super::listing::next_cursor(last, &query)),
            _ => None,
        };
        Ok(Listing { page, next_cursor })
    }

    pub async fn tags(&self, scope: &Scope) -> Result<Vec<TagUsage>, TaskError> {
        Ok(self.db.tags(&scope.user_id).await?)
    }

    /// Read the task, check `expected`, apply `draft_for(current)`, write
    /// it back if nothing changed meanwhile (else retry, or refuse when
    /// `If-Match` was given).
    async fn write(
        &self,
        scope: &Scope,
        task_id: i64,
        expected: Option<i64>,
        draft_for: impl Fn(&Task) -> TaskDraft,
    ) -> Result<Updated, TaskError> {
        for _ in 0..WRITE_ATTEMPTS {
            let current = self.get(scope, task_id).await?;
            if let Some(expected) = expected
                && expected != current.version
            {
                return Err(TaskError::VersionMismatch {
                    expected,
                    current: current.version,
                });
            }
            let now = Utc::now();
            let plan = plan(&draft_for(&current), Some(&current), scope.time_zone, now)?;
            let previous = fields_of(&current);
            if plan.fields == previous {
                // Nothing to change (a repeated click): not a new version.
                return Ok(Updated {
                    task: current,
                    next: None,
                });
            }
            let next = match plan.completes_series {
                true => {
                    self.next_occurrence(scope, &current, &plan.fields, now)
                        .await?
                }
                false => None,
            };
            let updated = self
                .db
                .update_task(
                    &scope.user_id,
                    task_id,
                    Replacing {
                        version: current.version,
                        fields: &previous,
                    },
                    &plan.fields,
                    next.as_ref(),
                    now,
                )
                .await?;
            if let Some(updated) = updated {
                return Ok(updated);
            }
            if let Some(expected) = expected {
                let current = self.get(scope, task_id).await?;
                return Err(TaskError::VersionMismatch {
                    expected,
                    current: current.version,
                });
            }
        }
        Err(TaskError::Contended)
    }

    /// The task that follows `current` in its series, unless one was
    /// already created (completed, reopened, completed again) and still
    /// exists, or the series has ended.
    async fn next_occurrence(
        &self,
        scope: &Scope,
        current: &Task,
        fields: &TaskFields,
        now: DateTime<Utc>,
    ) -> Result<Option<TaskFields>, TaskError> {
        if let Some(next_id) = current.next_occurrence_id
            && self.db.get_task(&scope.user_id, next_id).await?.is_some()
        {
            return Ok(None);
        }
        Ok(next_fields(fields, scope.time_zone, now))
    }
}

/// One page of a listing and the cursor of the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub page: TaskPage,
    pub next_cursor: Option<String>,
}

/// What a draft does to a task.
struct Plan {
    fields: TaskFields,
    /// The change completes an open repeating task.
    completes_series: bool,
}

/// The stored fields of `task`, to apply a draft on.
fn fields_of(task: &Task) -> TaskFields {
    TaskFields {
        title: task.title.clone(),
        description: task.description.clone(),
        completed: task.completed,
        completed_at: task.completed_at,
        priority: task.priority,
        tags: task.tags.clone(),
        due_key: task.due_key.clone(),
        due_at: task.due_at,
        remind_at: task.remind_at,
        recurrence: task.recurrence.clone(),
        recurrence_start: task.recurrence_start.clone(),
    }
}

/// A stored task's due, as the domain reads it.
pub fn due_of(task: &Task) -> Option<Due> {
    due_from(task.due_at, task.due_key.as_deref())
}

/// The due stored as `due_at` (an instant) or else the day `due_key` starts with.
fn due_from(due_at: Option<DateTime<Utc>>, due_key: Option<&str>) -> Option<Due> {
    if let Some(at) = due_at {
        return Some(Due::At(at));
    }
    let day = due_key?.get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(Due::Date)
}

/// The text a series start is stored as: a day, or an instant in UTC.
fn series_start_text(due: Due) -> String {
    match due {
        Due::Date(day) => day.format("%Y-%m-%d").to_string(),
        Due::At(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

/// Apply `draft` to `current` (or to a new task), collecting every refused
/// field.
fn plan(
    draft: &TaskDraft,
    current: Option<&Task>,
    tz: TimeZone,
    now: DateTime<Utc>,
) -> Result<Plan, TaskError> {
    let mut errors = Vec::new();
    let mut fields = current.map(fields_of).unwrap_or_default();
    let mut due = current.and_then(due_of);
    let mut recurrence = current.and_then(|t| t.recurrence.clone());

    if let Some(title) = &draft.title {
        match TaskTitle::parse_field(title) {
            Ok(title) => fields.title = title.to_string(),
            Err(e) => errors.push(e),
        }
    }
    match &draft.description {
        Change::Keep => {}
        Change::Clear => fields.description = None,
        Change::Set(text) => match Description::parse(text) {
            Ok(description) => fields.description = description.map(|d| d.to_string()),
            Err(e) => errors.push(e),
        },
    }
    if let Some(priority) = &draft.priority {
        match Priority::parse(priority) {
            Ok(priority) => fields.priority = priority.rank(),
            Err(e) => errors.push(e),
        }
    }
    if let Some(tags) = &draft.tags {
        match parse_tags(tags) {
            Ok(tags) => {
                // A tag the task already has keeps its spelling: "WORK" on a
                // task tagged "Work" is no change.
                fields.tags = tags
                    .iter()
                    .map(|tag| {
                        current
                            .and_then(|t| t.tags.iter().find(|old| old.to_lowercase() == tag.key()))
                            .cloned()
                            .unwrap_or_else(|| tag.as_str().to_owned())
                    })
                    .collect();
                fields.tags.sort_by_key(|tag| tag.to_lowercase());
            }
            Err(e) => errors.push(e),
        }
    }
    match &draft.due {
        Change::Keep => {}
        Change::Clear => due = None,
        Change::Set(text) => match Due::parse(text, tz, "due") {
            Ok(parsed) => due = Some(parsed),
            Err(e) => errors.push(e),
        },
    }
    match &draft.remind_at {
        Change::Keep => {}
        Change::Clear => fields.remind_at = None,
        Change::Set(text) => match Due::parse(text, tz, "remind_at") {
            Ok(Due::At(at)) => fields.remind_at = Some(at),
            Ok(Due::Date(_)) => errors.push(FieldError::new(
                "remind_at",
                "a reminder needs a time as well as a date, e.g. 2026-11-24T09:00",
            )),
            Err(e) => errors.push(e),
        },
    }
    let mut rule = None;
    match &draft.recurrence {
        Change::Keep => {}
        Change::Clear => recurrence = None,
        Change::Set(text) => match Recurrence::parse(text) {
            Ok(parsed) => {
                recurrence = Some(parsed.to_rrule());
                rule = Some(parsed);
            }
            Err(e) => errors.push(e),
        },
    }
    if !errors.is_empty() {
        return Err(TaskError::Invalid(errors));
    }

    // A repeating task is due on an occurrence: without a due date, the
    // first one from today ("water the plants every Monday").
    if let Some(text) = &recurrence
        && due.is_none()
    {
        if matches!(draft.due, Change::Clear) {
            return Err(FieldError::new(
                "due",
                "a repeating task needs a due date; remove the recurrence first",
            )
            .into());
        }
        let rule = match &rule {
            Some(rule) => rule.clone(),
            None => Recurrence::parse(text)?,
        };
        let first = rule.first_on_or_after(tz.today(now), None, tz);
        due = Some(first.ok_or_else(|| {
            FieldError::new("recurrence", "this rule has no occurrence from today on")
        })?);
    }
    let due_changed = current.and_then(due_of) != due;
    let rule_changed = current.and_then(|t| t.recurrence.clone()) != recurrence;
    fields.due_key = due.map(|d| d.sort_key(tz));
    fields.due_at = due.and_then(|d| d.at());
    fields.recurrence = recurrence;
    fields.recurrence_start = match (&fields.recurrence, due) {
        (None, _) | (_, None) => None,
        // A new rule or a moved due date starts the series again.
        (Some(_), Some(due)) if current.is_none() || due_changed || rule_changed => {
            Some(series_start_text(due))
        }
        (Some(_), Some(due)) => fields
            .recurrence_start
            .clone()
            .or_else(|| Some(series_start_text(due))),
    };

    let was_completed = current.is_some_and(|t| t.completed);
    if let Some(completed) = draft.completed {
        fields.completed = completed;
    }
    let completes = fields.completed && !was_completed;
    if completes {
        fields.completed_at = Some(now);
    } else if !fields.completed {
        fields.completed_at = None;
    }
    Ok(Plan {
        completes_series: completes && current.is_some() && fields.recurrence.is_some(),
        fields,
    })
}

/// The next occurrence of the series `completed` belongs to: the same task,
/// open, due on the rule's next date (the reminder keeps its distance from
/// the due). `None` when the series has ended.
fn next_fields(completed: &TaskFields, tz: TimeZone, now: DateTime<Utc>) -> Option<TaskFields> {
    let rule = Recurrence::parse(completed.recurrence.as_deref()?).ok()?;
    let current = due_from(completed.due_at, completed.due_key.as_deref())?;
    let start = completed
        .recurrence_start
        .as_deref()
        .and_then(|text| Due::parse(text, tz, "recurrence_start").ok())
        .unwrap_or(current);
    let next = rule.next_after(start, current, tz.today(now), tz)?;
    let remind_at = completed
        .remind_at
        .map(|remind| remind + (instant_of(next, tz) - instant_of(current, tz)));
    Some(TaskFields {
        completed: false,
        completed_at: None,
        due_key: Some(next.sort_key(tz)),
        due_at: next.at(),
        remind_at,
        ..completed.clone()
    })
}

/// When a due begins: its instant, or the start of its day in `tz`.
fn instant_of(due: Due, tz: TimeZone) -> DateTime<Utc> {
    match due {
        Due::At(at) => at,
        Due::Date(day) => tz.resolve(day.and_time(chrono::NaiveTime::MIN)),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0)
            .single()
            .expect("valid")
    }

    fn draft(title: &str) -> TaskDraft {
        TaskDraft {
            title: Some(title.into()),
            ..TaskDraft::default()
        }
    }

    #[test]
    fn every_refused_field_is_reported_at_once() {
        let draft = TaskDraft {
            title: Some("  ".into()),
            priority: Some("hgh".into()),
            due: Change::Set("tomorrow-ish".into()),
            remind_at: Change::Set("2026-11-25".into()),
            recurrence: Change::Set("FREQ=HOURLY".into()),
            ..TaskDraft::default()
        };
        let Err(TaskError::Invalid(errors)) = plan(&draft, None, TimeZone::default(), now()) else {
            panic!("expected a refusal");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["title", "priority", "due", "remind_at", "recurrence"]
        );
    }

    #[test]
    fn a_repeating_task_without_a_due_date_is_due_on_its_first_occurrence() {
        let draft = TaskDraft {
            recurrence: Change::Set("FREQ=WEEKLY;BYDAY=MO".into()),
            ..draft("water the plants")
        };
        let plan = plan(&draft, None, TimeZone::default(), now()).expect("valid");
        // 2026-11-24 is a Tuesday: next Monday.
        assert_eq!(plan.fields.due_key.as_deref(), Some("2026-11-30"));
        assert_eq!(plan.fields.recurrence_start.as_deref(), Some("2026-11-30"));
    }

    #[test]
    fn the_next_occurrence_moves_the_due_and_the_reminder_together() {
        let tz = TimeZone::default();
        let draft = TaskDraft {
            due: Change::Set("2026-11-24T09:00:00Z".into()),
            remind_at: Change::Set("2026-11-24T08:30:00Z".into()),
            recurrence: Change::Set("FREQ=DAILY".into()),
            ..draft("stand-up")
        };
        let created = plan(&draft, None, tz, now()).expect("valid").fields;
        let next = next_fields(&created, tz, now()).expect("a next one");
        assert_eq!(next.due_key.as_deref(), Some("2026-11-25T09:00:00"));
        assert_eq!(
            next.remind_at,
            Utc.with_ymd_and_hms(2026, 11, 25, 8, 30, 0).single()
        );
        assert!(!next.completed);
    }

    #[test]
    fn completion_sets_and_clears_completed_at() {
        let tz = TimeZone::default();
        let created = plan(&draft("x"), None, tz, now()).expect("valid").fields;
        assert_eq!(created.completed_at, None);
        let mut done = created.clone();
        done.completed = true;
        done.completed_at = Some(now());
        let reopened = TaskDraft {
            completed: Some(false),
            ..TaskDraft::default()
        };
        let task = Task {
            id: 1,
            version: 2,
            title: done.title.clone(),
            description: None,
            completed: true,
            completed_at: Some(now()),
            priority: 0,
            tags: Vec::new(),
            due_key: None,
            due_at: None,
            remind_at: None,
            recurrence: None,
            recurrence_start: None,
            next_occurrence_id: None,
            created_at: now(),
            updated_at: now(),
        };
        let plan = plan(&reopened, Some(&task), tz, now()).expect("valid");
        assert!(!plan.fields.completed);
        assert_eq!(plan.fields.completed_at, None);
        assert!(!plan.completes_series);
    }
}
