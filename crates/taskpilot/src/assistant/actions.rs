//! Widget actions. Payloads are untrusted: read strictly, and every task
//! is looked up for the acting user (another user's id is "gone"). Every
//! action is idempotent: completing a done task, or confirming a delete
//! twice, changes nothing and says so. The widget pressed is replaced in
//! place, and every other list in the thread showing a changed task is
//! redrawn.

use chatkit::HookError;
use chatkit::server::EventStream;
use chatkit::types::{Action, ThreadStreamEvent, WidgetItem};
use chrono::Utc;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::answer::{self, Answer};
use super::refresh;
use super::widgets::{self, ListSpec, MAX_ROWS, PAGE_ROWS, kinds};
use crate::store::{Db, RequestContext};
use crate::tasks::{Change, Scope, TaskDraft, TaskError, due_of};
use crate::tools::{Deletes, TaskTools, ToolError};

/// Most tasks one delete confirmation names.
const MAX_IDS: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct One {
    id: i64,
}

/// A status checkbox's change. Unknown fields are let through (unlike the
/// other payloads): a client may add the control's own value.
#[derive(Debug, Deserialize)]
struct Toggle {
    id: i64,
    done: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Many {
    ids: Vec<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfList {
    list: ListSpec,
}

/// The edit form's Save: its id and version, and the fields' values.
#[derive(Debug, Deserialize)]
struct Save {
    id: i64,
    version: i64,
    title: Option<String>,
    description: Option<String>,
    priority: Option<String>,
    due: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    tool: String,
    args: Value,
    id: i64,
}

fn payload<T: DeserializeOwned>(action: &Action) -> Result<T, HookError> {
    serde_json::from_value(action.payload.clone()).map_err(|_| {
        HookError::custom(
            "That button sent something I can't read. Reload and try again.",
            false,
        )
    })
}

fn failed(e: impl Into<anyhow::Error>) -> HookError {
    HookError::from(e.into())
}

/// What an action produced: the sender's new widget (when it changes), a
/// new widget to add, and the tasks it changed.
#[derive(Default)]
struct Effect {
    sender: Option<(chatkit::widgets::WidgetRoot, String)>,
    added: Option<(chatkit::widgets::WidgetRoot, String)>,
    text: Option<String>,
    changed: Vec<i64>,
}

/// Run `action` for the user in `ctx`; `sender` is the widget it came from.
pub fn handle(
    db: Db,
    tools: TaskTools,
    thread_id: String,
    action: Action,
    sender: Option<WidgetItem>,
    ctx: RequestContext,
    new_ids: (String, String),
) -> EventStream {
    Box::pin(async_stream::try_stream! {
        let scope = tools.service().scope(&ctx.user_id).await.map_err(failed)?;
        let effect = run(&tools, &scope, &action, sender.as_ref()).await?;
        let skip = sender.as_ref().map(|s| s.id.clone());
        if let Some(text) = &effect.text {
            for await event in super::say(&thread_id, &new_ids.0, text) { yield event?; }
        }
        match (effect.sender, sender) {
            (Some((widget, copy)), Some(item)) => yield refresh::replaced(item, widget, copy),
            // Sent without a widget (by code): show the result as a new one.
            (Some((widget, copy)), None) => {
                yield chatkit::stream::widget_done(thread_id.clone(), new_ids.1.clone(), widget, Some(copy));
            }
            (None, _) => {}
        }
        if let Some((widget, copy)) = effect.added {
            yield chatkit::stream::widget_done(thread_id.clone(), new_ids.1.clone(), widget, Some(copy));
        }
        let stale = refresh::stale_lists(&db, &tools, &scope, &thread_id, &ctx, &effect.changed, skip.as_deref())
            .await
            .map_err(HookError::from)?;
        for event in stale {
            yield event;
        }
    })
}

async fn run(
    tools: &TaskTools,
    scope: &Scope,
    action: &Action,
    sender: Option<&WidgetItem>,
) -> Result<Effect, HookError> {
    let now = Utc::now();
    let service = tools.service();
    match action.kind.as_str() {
        kinds::COMPLETE | kinds::REOPEN | kinds::TOGGLE => {
            let (id, completed) = if action.kind == kinds::TOGGLE {
                let Toggle { id, done } = payload(action)?;
                (id, done)
            } else {
                let One { id } = payload(action)?;
                (id, action.kind == kinds::COMPLETE)
            };
            let updated = match service
                .set_completed(scope, id, Some(completed), None)
                .await
            {
                Ok(updated) => updated,
                Err(TaskError::NotFound) => {
                    return Err(HookError::custom("That task no longer exists.", false));
                }
                Err(e) => return Err(failed(e)),
            };
            let mut changed = vec![id];
            changed.extend(updated.next.as_ref().map(|t| t.id));
            let heading = if completed {
                "Task completed"
            } else {
                "Task reopened"
            };
            let redrawn = match sender {
                Some(item) => refresh::redraw(tools, scope, &item.widget, now)
                    .await
                    .map_err(failed)?,
                None => None,
            };
            Ok(Effect {
                sender: Some(
                    redrawn
                        .unwrap_or_else(|| widgets::task_card(&updated.task, heading, scope, now)),
                ),
                changed,
                ..Effect::default()
            })
        }
        kinds::DELETE => {
            let One { id } = payload(action)?;
            let task = match service.get(scope, id).await {
                Ok(task) => task,
                Err(TaskError::NotFound) => {
                    return Err(HookError::custom("That task no longer exists.", false));
                }
                Err(e) => return Err(failed(e)),
            };
            Ok(Effect {
                added: Some(widgets::confirm_delete(std::slice::from_ref(&task))),
                ..Effect::default()
            })
        }
        kinds::DELETE_CONFIRM | kinds::DELETE_CANCEL => {
            let Many { ids } = payload(action)?;
            if ids.is_empty() || ids.len() > MAX_IDS {
                return Err(HookError::custom(
                    "That button names no tasks I can act on.",
                    false,
                ));
            }
            if sender.is_some_and(|item| is_delete_result(&item.widget)) {
                // Already answered (a double click): nothing more to do.
                return Ok(Effect::default());
            }
            let confirm = action.kind == kinds::DELETE_CONFIRM;
            let mut titles = Vec::new();
            let mut missing = 0;
            let mut changed = Vec::new();
            for id in ids {
                let task = match service.get(scope, id).await {
                    Ok(task) => task,
                    Err(TaskError::NotFound) => {
                        missing += 1;
                        continue;
                    }
                    Err(e) => return Err(failed(e)),
                };
                if confirm {
                    match service.delete(scope, id, None).await {
                        Ok(()) => changed.push(id),
                        Err(TaskError::NotFound) => {
                            missing += 1;
                            continue;
                        }
                        Err(e) => return Err(failed(e)),
                    }
                }
                titles.push(task.title);
            }
            Ok(Effect {
                sender: Some(widgets::delete_result(&titles, confirm, missing)),
                changed,
                ..Effect::default()
            })
        }
        kinds::MORE | kinds::REFRESH => {
            let OfList { mut list } = payload(action)?;
            if action.kind == kinds::MORE {
                list.rows = list.rows.saturating_add(PAGE_ROWS).min(MAX_ROWS);
            }
            let redrawn = refresh::redraw_list(tools, scope, &list, now)
                .await
                .map_err(|e| match e {
                    ToolError::Invalid(_) | ToolError::BadArguments(_) => {
                        HookError::custom("That list can't be shown any more.", false)
                    }
                    other => failed(other),
                })?;
            Ok(Effect {
                sender: Some(redrawn),
                ..Effect::default()
            })
        }
        kinds::CHOOSE => {
            let Choice { tool, mut args, id } = payload(action)?;
            if !args.is_object() {
                return Err(HookError::custom(
                    "That button sent something I can't read.",
                    false,
                ));
            }
            if args.get("tasks").is_some() {
                args["tasks"] = Value::from(vec![id]);
            } else {
                args["task"] = Value::from(id);
            }
            let answer = match tools
                .call(scope, &tool, &args, Deletes::AfterConfirmation)
                .await
            {
                Ok(outcome) => answer::outcome(&tool, &args, outcome, scope, now),
                Err(e) if e.is_refusal() => answer::refusal(&tool, &args, &e, scope, now),
                Err(e) => return Err(failed(e)),
            };
            let Answer {
                text,
                widget,
                changed,
            } = answer;
            Ok(Effect {
                sender: widget,
                text: (!text.is_empty()).then_some(text),
                changed,
                ..Effect::default()
            })
        }
        kinds::EDIT => {
            let One { id } = payload(action)?;
            let task = existing(service.get(scope, id).await)?;
            Ok(Effect {
                added: Some(widgets::edit_form(&task, scope)),
                ..Effect::default()
            })
        }
        kinds::EDIT_CANCEL => {
            let One { id } = payload(action)?;
            let task = existing(service.get(scope, id).await)?;
            Ok(Effect {
                sender: Some(widgets::task_card(&task, "Not changed", scope, now)),
                ..Effect::default()
            })
        }
        kinds::SAVE => {
            let save: Save = payload(action)?;
            let task = existing(service.get(scope, save.id).await)?;
            let draft = save_draft(&task, &save, scope);
            let updated = match service
                .update(scope, save.id, Some(save.version), draft, false)
                .await
            {
                Ok(updated) => updated.task,
                Err(TaskError::VersionMismatch { .. }) => {
                    return Err(HookError::custom(
                        "This task changed since the form was opened. Open it again to edit the latest version.",
                        false,
                    ));
                }
                Err(TaskError::Invalid(fields)) => {
                    let reasons: Vec<String> = fields
                        .iter()
                        .map(|f| format!("{}: {}", f.field, f.message))
                        .collect();
                    return Err(HookError::custom(
                        format!("Not saved — {}.", reasons.join("; ")),
                        false,
                    ));
                }
                Err(e) => {
                    return Err(failed(e));
                }
            };
            Ok(Effect {
                sender: Some(widgets::task_card(&updated, "Task updated", scope, now)),
                changed: vec![updated.id],
                ..Effect::default()
            })
        }
        other => Err(HookError::custom(
            format!("I don't know how to do “{other}”."),
            false,
        )),
    }
}

/// The task, or the error a person reads when it is gone.
fn existing<T>(result: Result<T, TaskError>) -> Result<T, HookError> {
    match result {
        Ok(value) => Ok(value),
        Err(TaskError::NotFound) => Err(HookError::custom("That task no longer exists.", false)),
        Err(e) => Err(failed(e)),
    }
}

/// What the edit form changes: each field that differs from the task. A
/// due date left as it was keeps its time of day (the form shows the day).
fn save_draft(task: &crate::store::Task, save: &Save, scope: &Scope) -> TaskDraft {
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let description = text(&save.description);
    let current_day = due_of(task).map(|d| d.date_in(scope.time_zone).to_string());
    // A date picker may send a date-time; the day is its first ten characters.
    let day = text(&save.due).chars().take(10).collect::<String>();
    TaskDraft {
        title: save.title.as_ref().map(|t| t.trim().to_owned()),
        description: match (description.is_empty(), task.description.is_some()) {
            (true, true) => Change::Clear,
            (true, false) => Change::Keep,
            (false, _) => Change::Set(description),
        },
        priority: save.priority.clone().filter(|p| !p.trim().is_empty()),
        due: if Some(&day) == current_day.as_ref() {
            Change::Keep
        } else if day.is_empty() {
            Change::Clear
        } else {
            Change::Set(day)
        },
        ..TaskDraft::default()
    }
}

fn is_delete_result(widget: &chatkit::widgets::WidgetRoot) -> bool {
    serde_json::to_string(widget)
        .map(|json| json.contains("\"delete_result_card\""))
        .unwrap_or(false)
}

/// The events of a new widget item (for replies that add one).
pub fn widget_event(
    thread_id: &str,
    item_id: &str,
    widget: (chatkit::widgets::WidgetRoot, String),
) -> ThreadStreamEvent {
    chatkit::stream::widget_done(
        thread_id.to_owned(),
        item_id.to_owned(),
        widget.0,
        Some(widget.1),
    )
}
