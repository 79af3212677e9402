//! The task REST API: `/api/tasks…` (the user is the token's), and the
//! course's `/api/{user_id}/tasks…` contract, unchanged, on the same
//! handlers. Every route needs the bearer JWT; every rule lives in
//! [`TaskService`](crate::tasks::TaskService), this module only translates
//! HTTP to it and back.

use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, body::Bytes};
use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::body::ApiJson;
use super::docs::ErrorResponse;
use crate::auth::{AuthUser, REMOTE_USER_PREFIX};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{TagUsage, Updated};
use crate::tasks::{Change, CompletionJson, ListParams, PriorityName, Scope, TaskDraft, TaskJson};

/// The task routes, documented.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, replace_task, patch_task, delete_task))
        .routes(routes!(complete_task))
        .routes(routes!(list_tags))
        .routes(routes!(user_list_tasks, user_create_task))
        .routes(routes!(user_get_task, user_replace_task, user_delete_task))
        .routes(routes!(user_complete_task))
}

// ---------------------------------------------------------------- bodies

/// One page of tasks.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskPageJson {
    pub items: Vec<TaskJson>,
    /// How many tasks match the filters, across all pages.
    pub total: u64,
    /// Pass as `cursor` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

/// A tag and how many tasks carry it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TagJson {
    pub name: String,
    pub tasks: u64,
}

impl From<TagUsage> for TagJson {
    fn from(tag: TagUsage) -> Self {
        TagJson {
            name: tag.name,
            tasks: tag.tasks,
        }
    }
}

/// A new task (POST), or a whole task (PUT: fields left out keep their
/// value, so an older client cannot wipe fields it does not know).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// 1–200 characters (trimmed).
    pub title: String,
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub description: Change<String>,
    #[serde(default)]
    pub completed: Option<bool>,
    #[serde(default)]
    #[schema(value_type = Option<PriorityName>)]
    pub priority: Option<String>,
    /// Up to 20 tags of up to 32 characters; case-insensitive.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// `YYYY-MM-DD`, an RFC 3339 date-time, or a local `YYYY-MM-DDTHH:MM` read in the user's time zone.
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>, examples("2026-11-24", "2026-11-24T17:00"))]
    pub due: Change<String>,
    /// A date-time (RFC 3339, or local).
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>)]
    pub remind_at: Change<String>,
    /// An RFC 5545 RRULE: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, COUNT or UNTIL, BYDAY, BYMONTHDAY, BYMONTH.
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>, examples("FREQ=WEEKLY;BYDAY=MO"))]
    pub recurrence: Change<String>,
}

impl From<TaskInput> for TaskDraft {
    fn from(input: TaskInput) -> Self {
        TaskDraft {
            title: Some(input.title),
            description: input.description,
            completed: input.completed,
            priority: input.priority,
            tags: input.tags,
            due: input.due,
            remind_at: input.remind_at,
            recurrence: input.recurrence,
        }
    }
}

/// A partial update: only the fields present change; `null` clears one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    #[serde(default, deserialize_with = "not_null")]
    #[schema(value_type = String)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub description: Change<String>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(value_type = bool)]
    pub completed: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(value_type = PriorityName)]
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    #[schema(value_type = Vec<String>)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>)]
    pub due: Change<String>,
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>)]
    pub remind_at: Change<String>,
    #[serde(default, deserialize_with = "change")]
    #[schema(value_type = Option<String>)]
    pub recurrence: Change<String>,
}

impl From<TaskPatch> for TaskDraft {
    fn from(patch: TaskPatch) -> Self {
        TaskDraft {
            title: patch.title,
            description: patch.description,
            completed: patch.completed,
            priority: patch.priority,
            tags: patch.tags,
            due: patch.due,
            remind_at: patch.remind_at,
            recurrence: patch.recurrence,
        }
    }
}

/// Optional body of `…/complete`: set the state instead of toggling it
/// (a repeated request is then harmless).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteInput {
    pub completed: bool,
}

/// A present field is set (or cleared by `null`); an absent one is kept
/// (`#[serde(default)]` gives [`Change::Keep`]).
fn change<'de, D, T>(deserializer: D) -> Result<Change<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.map_or(Change::Clear, Change::Set))
}

/// A field that may be left out but not set to `null` (a title, a state):
/// `null` would otherwise be read as "left out" and silently do nothing.
fn not_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::<T>::deserialize(deserializer)? {
        Some(value) => Ok(Some(value)),
        None => Err(serde::de::Error::custom(
            "this field cannot be null; leave it out to keep its value",
        )),
    }
}

/// The listing parameters, for the document (they are read from the raw
/// query string, where `tag` and `priority` may repeat).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ListQuery {
    /// `all` (default), `pending` or `completed`.
    #[param(inline, value_type = Option<StatusParam>)]
    status: Option<String>,
    /// Any of these priorities (repeat, or comma-separate).
    #[param(value_type = Option<Vec<PriorityName>>, explode = true)]
    priority: Option<Vec<String>>,
    /// Tasks carrying all of these tags (repeat for several).
    #[param(explode = true)]
    tag: Option<Vec<String>>,
    /// Search words: each must begin a word of the title or description, in any order, case-insensitively ("groc" finds "Buy groceries"). Text with no letters or digits matches anywhere.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `today`, `overdue` (open and past due), `week` (today and the next 6 days) or `none` (no due date); days are the user's.
    #[param(inline, value_type = Option<DueParam>)]
    due: Option<String>,
    /// Due before this day (exclusive).
    due_before: Option<NaiveDate>,
    /// Due after this day (exclusive).
    due_after: Option<NaiveDate>,
    /// Order: `created` (default), `updated`, `due` (no due date last), `priority` or `title`.
    #[param(inline, value_type = Option<SortParam>)]
    sort: Option<String>,
    /// `asc` or `desc`; by default `desc` for created, updated and priority, `asc` for due and title.
    #[param(inline, value_type = Option<OrderParam>)]
    order: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
    /// `next_cursor` of the previous page (same sort and order).
    cursor: Option<String>,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum StatusParam {
    All,
    Pending,
    Completed,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum DueParam {
    Today,
    Overdue,
    Week,
    None,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum SortParam {
    Created,
    Updated,
    Due,
    Priority,
    Title,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
enum OrderParam {
    Asc,
    Desc,
}

/// Read the listing parameters from a raw query string.
fn list_params(query: Option<&str>) -> Result<ListParams, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|e| ApiError::bad_request(format!("the query string is malformed: {e}")))?;
    let mut params = ListParams::default();
    let mut errors = Vec::new();
    for (key, value) in pairs {
        match key.as_str() {
            "status" => params.status = Some(value),
            "priority" => params.priority.push(value),
            "tag" => params.tag.push(value),
            "q" => params.q = Some(value),
            "due" => params.due = Some(value),
            "due_before" => params.due_before = Some(value),
            "due_after" => params.due_after = Some(value),
            "sort" => params.sort = Some(value),
            "order" => params.order = Some(value),
            "limit" => match value.trim().parse::<u32>() {
                Ok(limit) => params.limit = Some(limit),
                Err(_) => errors.push(crate::tasks::FieldError::new(
                    "limit",
                    "limit must be a whole number between 1 and 200",
                )),
            },
            "cursor" => params.cursor = Some(value),
            // Unknown parameters (cache busters and the like) are ignored.
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok(params)
    } else {
        Err(ApiError::Validation(errors))
    }
}

// ---------------------------------------------------------------- helpers

/// The version `If-Match` asks for: `"3"`, `W/"3"` or `3`; `*` (any) is no
/// condition.
fn if_match(headers: &HeaderMap) -> Result<Option<i64>, ApiError> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    let text = value.to_str().unwrap_or_default().trim();
    if text == "*" {
        return Ok(None);
    }
    let tag = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
    tag.parse::<i64>().map(Some).map_err(|_| {
        ApiError::bad_request(format!(
            "If-Match must be a task version, as in the ETag header (\"3\"), not {text:?}"
        ))
    })
}

/// A task id from the path: a number, or no such task.
fn task_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::NotFound(format!("there is no task {raw}")))
}

/// The course routes carry the user in the path: it must be the token's.
pub(super) fn same_user(user: &AuthUser, path_user: &str) -> Result<(), ApiError> {
    let remote = user
        .user_id
        .strip_prefix(REMOTE_USER_PREFIX)
        .is_some_and(|sub| sub == path_user);
    if user.user_id == path_user || remote {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this token belongs to another user than the one in the path".into(),
        ))
    }
}

/// A task response with its version as the `ETag`.
fn with_etag(status: StatusCode, version: i64, body: impl Serialize) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{version}\"")).ok();
    let mut response = (status, Json(body)).into_response();
    if let Some(etag) = etag {
        response.headers_mut().insert(header::ETAG, etag);
    }
    response
}

/// An optional body, read with the same 413 as every other body.
fn read_body(state: &AppState, body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| ApiError::from_body_rejection(rejection, state.config.max_body_bytes))
}

async fn scope(state: &AppState, user: &AuthUser) -> Result<Scope, ApiError> {
    Ok(state.tasks.scope(&user.user_id).await?)
}

fn completion(saved: Updated, scope: &Scope) -> Response {
    let now = Utc::now();
    let version = saved.task.version;
    let body = CompletionJson {
        task: TaskJson::new(saved.task, scope, now),
        next_occurrence: saved.next.map(|next| TaskJson::new(next, scope, now)),
    };
    with_etag(StatusCode::OK, version, body)
}

// ---------------------------------------------------------------- operations
// Each operation is written once; the documented handlers below call it.

async fn do_list(
    state: &AppState,
    user: &AuthUser,
    query: Option<&str>,
) -> Result<(TaskPageJson, Scope), ApiError> {
    let params = list_params(query)?;
    let scope = scope(state, user).await?;
    let listing = state.tasks.list(&scope, &params).await?;
    let now = Utc::now();
    let page = TaskPageJson {
        items: listing
            .page
            .tasks
            .into_iter()
            .map(|task| TaskJson::new(task, &scope, now))
            .collect(),
        total: listing.page.total,
        next_cursor: listing.next_cursor,
    };
    Ok((page, scope))
}

async fn do_create(
    state: &AppState,
    user: &AuthUser,
    input: TaskInput,
) -> Result<Response, ApiError> {
    let scope = scope(state, user).await?;
    let task = state.tasks.create(&scope, input.into()).await?;
    let location = format!("/api/tasks/{}", task.id);
    let version = task.version;
    let mut response = with_etag(
        StatusCode::CREATED,
        version,
        TaskJson::new(task, &scope, Utc::now()),
    );
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

async fn do_get(state: &AppState, user: &AuthUser, id: &str) -> Result<Response, ApiError> {
    let id = task_id(id)?;
    let scope = scope(state, user).await?;
    let task = state.tasks.get(&scope, id).await?;
    let version = task.version;
    Ok(with_etag(
        StatusCode::OK,
        version,
        TaskJson::new(task, &scope, Utc::now()),
    ))
}

async fn do_update(
    state: &AppState,
    user: &AuthUser,
    id: &str,
    headers: &HeaderMap,
    draft: TaskDraft,
    replace: bool,
) -> Result<Response, ApiError> {
    let id = task_id(id)?;
    let expected = if_match(headers)?;
    let scope = scope(state, user).await?;
    let saved = state
        .tasks
        .update(&scope, id, expected, draft, replace)
        .await?;
    Ok(completion(saved, &scope))
}

async fn do_complete(
    state: &AppState,
    user: &AuthUser,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let id = task_id(id)?;
    let expected = if_match(headers)?;
    // No body toggles (the course's contract); `{"completed": …}` sets.
    let completed = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        Some(super::body::parse::<CompleteInput>(body)?.completed)
    };
    let scope = scope(state, user).await?;
    let saved = state
        .tasks
        .set_completed(&scope, id, completed, expected)
        .await?;
    Ok(completion(saved, &scope))
}

async fn do_delete(
    state: &AppState,
    user: &AuthUser,
    id: &str,
    headers: &HeaderMap,
) -> Result<StatusCode, ApiError> {
    let id = task_id(id)?;
    let expected = if_match(headers)?;
    let scope = scope(state, user).await?;
    state.tasks.delete(&scope, id, expected).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------- /api/tasks

/// List your tasks: filter, sort and page.
#[utoipa::path(get, path = "/api/tasks", tag = "tasks", params(ListQuery),
    responses(
        (status = 200, description = "One page of tasks", body = TaskPageJson),
        (status = 400, description = "Malformed query string", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 422, description = "A parameter was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn list_tasks(
    State(state): State<AppState>,
    user: AuthUser,
    RawQuery(query): RawQuery,
) -> Result<Json<TaskPageJson>, ApiError> {
    let (page, _) = do_list(&state, &user, query.as_deref()).await?;
    Ok(Json(page))
}

/// Create a task.
#[utoipa::path(post, path = "/api/tasks", tag = "tasks", request_body = TaskInput,
    responses(
        (status = 201, description = "Created", body = TaskJson,
            headers(("ETag" = String, description = "The task's version"), ("Location" = String))),
        (status = 400, description = "Not JSON", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn create_task(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<Response, ApiError> {
    do_create(&state, &user, input).await
}

/// Get one task.
#[utoipa::path(get, path = "/api/tasks/{id}", tag = "tasks",
    params(("id" = i64, Path, description = "Task id")),
    responses(
        (status = 200, description = "The task", body = TaskJson,
            headers(("ETag" = String, description = "The task's version"))),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn get_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    do_get(&state, &user, &id).await
}

/// Replace a task's fields (title required; absent fields are kept).
#[utoipa::path(put, path = "/api/tasks/{id}", tag = "tasks", request_body = TaskInput,
    params(("id" = i64, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version (its ETag)")),
    responses(
        (status = 200, description = "The updated task", body = CompletionJson),
        (status = 400, description = "Not JSON, or a malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 409, description = "Changed concurrently too often; retry", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn replace_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<Response, ApiError> {
    do_update(&state, &user, &id, &headers, input.into(), true).await
}

/// Change some of a task's fields (`null` clears one).
#[utoipa::path(patch, path = "/api/tasks/{id}", tag = "tasks", request_body = TaskPatch,
    params(("id" = i64, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version (its ETag)")),
    responses(
        (status = 200, description = "The updated task (and the next occurrence, if completing it created one)", body = CompletionJson),
        (status = 400, description = "Not JSON, or a malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 409, description = "Changed concurrently too often; retry", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn patch_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    ApiJson(patch): ApiJson<TaskPatch>,
) -> Result<Response, ApiError> {
    do_update(&state, &user, &id, &headers, patch.into(), false).await
}

/// Delete a task.
#[utoipa::path(delete, path = "/api/tasks/{id}", tag = "tasks",
    params(("id" = i64, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version (its ETag)")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "A malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn delete_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    do_delete(&state, &user, &id, &headers).await
}

/// Toggle a task's completion, or set it with `{"completed": true|false}`.
/// Completing a repeating task creates its next occurrence.
#[utoipa::path(patch, path = "/api/tasks/{id}/complete", tag = "tasks",
    request_body(content = Option<CompleteInput>, description = "Optional: the state to set (no body toggles)"),
    params(("id" = i64, Path, description = "Task id"),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version (its ETag)")),
    responses(
        (status = 200, description = "The task, and the next occurrence if one was created", body = CompletionJson),
        (status = 400, description = "Not JSON, or a malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 409, description = "Changed concurrently too often; retry", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "The body was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn complete_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = read_body(&state, body)?;
    do_complete(&state, &user, &id, &headers, &body).await
}

/// Your tags, with how many tasks carry each.
#[utoipa::path(get, path = "/api/tags", tag = "tasks",
    responses(
        (status = 200, description = "Tags by name", body = Vec<TagJson>),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn list_tags(
    State(state): State<AppState>,
    user: AuthUser,
) -> Result<Json<Vec<TagJson>>, ApiError> {
    let scope = scope(&state, &user).await?;
    let tags = state.tasks.tags(&scope).await?;
    Ok(Json(tags.into_iter().map(TagJson::from).collect()))
}

// ------------------------------------------------- /api/{user_id}/tasks (course)

/// List tasks (course contract): a JSON array; the total and the next
/// page's cursor are in `X-Total-Count` and `X-Next-Cursor`.
#[utoipa::path(get, path = "/api/{user_id}/tasks", tag = "course",
    params(("user_id" = String, Path, description = "Must be the token's user"), ListQuery),
    responses(
        (status = 200, description = "One page of tasks", body = Vec<TaskJson>,
            headers(("X-Total-Count" = u64), ("X-Next-Cursor" = String))),
        (status = 400, description = "Malformed query string", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 422, description = "A parameter was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_list_tasks(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path_user): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    same_user(&user, &path_user)?;
    let (page, _) = do_list(&state, &user, query.as_deref()).await?;
    let mut response = Json(page.items).into_response();
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("x-total-count"),
        HeaderValue::from(page.total),
    );
    if let Some(cursor) = page
        .next_cursor
        .and_then(|c| HeaderValue::from_str(&c).ok())
    {
        headers.insert(HeaderName::from_static("x-next-cursor"), cursor);
    }
    Ok(response)
}

/// Create a task (course contract).
#[utoipa::path(post, path = "/api/{user_id}/tasks", tag = "course", request_body = TaskInput,
    params(("user_id" = String, Path, description = "Must be the token's user")),
    responses(
        (status = 201, description = "Created", body = TaskJson),
        (status = 400, description = "Not JSON", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_create_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path(path_user): Path<String>,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<Response, ApiError> {
    same_user(&user, &path_user)?;
    do_create(&state, &user, input).await
}

/// Get one task (course contract).
#[utoipa::path(get, path = "/api/{user_id}/tasks/{id}", tag = "course",
    params(("user_id" = String, Path, description = "Must be the token's user"), ("id" = i64, Path)),
    responses(
        (status = 200, description = "The task", body = TaskJson),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_get_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path((path_user, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    same_user(&user, &path_user)?;
    do_get(&state, &user, &id).await
}

/// Update a task (course contract; absent fields are kept).
#[utoipa::path(put, path = "/api/{user_id}/tasks/{id}", tag = "course", request_body = TaskInput,
    params(("user_id" = String, Path, description = "Must be the token's user"), ("id" = i64, Path),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version")),
    responses(
        (status = 200, description = "The updated task", body = CompletionJson),
        (status = 400, description = "Not JSON, or a malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 409, description = "Changed concurrently too often; retry", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "A field was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_replace_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path((path_user, id)): Path<(String, String)>,
    headers: HeaderMap,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<Response, ApiError> {
    same_user(&user, &path_user)?;
    do_update(&state, &user, &id, &headers, input.into(), true).await
}

/// Delete a task (course contract).
#[utoipa::path(delete, path = "/api/{user_id}/tasks/{id}", tag = "course",
    params(("user_id" = String, Path, description = "Must be the token's user"), ("id" = i64, Path),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "A malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_delete_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path((path_user, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    same_user(&user, &path_user)?;
    do_delete(&state, &user, &id, &headers).await
}

/// Toggle a task's completion (course contract).
#[utoipa::path(patch, path = "/api/{user_id}/tasks/{id}/complete", tag = "course",
    request_body(content = Option<CompleteInput>, description = "Optional: the state to set (no body toggles)"),
    params(("user_id" = String, Path, description = "Must be the token's user"), ("id" = i64, Path),
        ("If-Match" = Option<String>, Header, description = "Only if the task is still at this version")),
    responses(
        (status = 200, description = "The task, and the next occurrence if one was created", body = CompletionJson),
        (status = 400, description = "Not JSON, or a malformed If-Match", body = ErrorResponse),
        (status = 401, description = "Missing or invalid token", body = ErrorResponse),
        (status = 403, description = "The path names another user", body = ErrorResponse),
        (status = 404, description = "No such task (or not yours)", body = ErrorResponse),
        (status = 409, description = "Changed concurrently too often; retry", body = ErrorResponse),
        (status = 412, description = "The task has moved past the If-Match version", body = ErrorResponse),
        (status = 413, description = "Body too large", body = ErrorResponse),
        (status = 422, description = "The body was refused", body = ErrorResponse),
    ),
    security(("bearer" = [])))]
async fn user_complete_task(
    State(state): State<AppState>,
    user: AuthUser,
    Path((path_user, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    same_user(&user, &path_user)?;
    let body = read_body(&state, body)?;
    do_complete(&state, &user, &id, &headers, &body).await
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn if_match_reads_etags_in_every_usual_form() {
        let mut headers = HeaderMap::new();
        assert_eq!(if_match(&headers).ok(), Some(None));
        for (value, expected) in [
            ("\"3\"", Some(3)),
            ("W/\"4\"", Some(4)),
            ("5", Some(5)),
            ("*", None),
        ] {
            headers.insert(header::IF_MATCH, HeaderValue::from_static(value));
            assert_eq!(if_match(&headers).ok(), Some(expected), "{value}");
        }
        headers.insert(header::IF_MATCH, HeaderValue::from_static("\"abc\""));
        assert!(matches!(
            if_match(&headers),
            Err(ApiError::BadRequest { .. })
        ));
    }

    #[test]
    fn ids_that_are_not_positive_numbers_are_missing_tasks() {
        assert_eq!(task_id("5").ok(), Some(5));
        for raw in ["0", "-1", "abc", "99999999999999999999"] {
            assert!(matches!(task_id(raw), Err(ApiError::NotFound(_))), "{raw}");
        }
    }

    #[test]
    fn the_path_user_must_be_the_token_user() {
        let local = AuthUser {
            user_id: "u1".into(),
            email: None,
            name: None,
        };
        assert!(same_user(&local, "u1").is_ok());
        assert!(matches!(
            same_user(&local, "u2"),
            Err(ApiError::Forbidden(_))
        ));
        let remote = AuthUser {
            user_id: "ba:u1".into(),
            email: None,
            name: None,
        };
        assert!(
            same_user(&remote, "u1").is_ok(),
            "a Better Auth user's own id"
        );
        assert!(same_user(&remote, "ba:u1").is_ok());
    }

    #[test]
    fn repeated_parameters_accumulate() {
        let params =
            list_params(Some("tag=a&tag=b&priority=high&status=pending&x=1")).expect("valid");
        assert_eq!(params.tag, ["a", "b"]);
        assert_eq!(params.priority, ["high"]);
        assert_eq!(params.status.as_deref(), Some("pending"));
        assert!(matches!(
            list_params(Some("limit=ten")),
            Err(ApiError::Validation(_))
        ));
    }
}
