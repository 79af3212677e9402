//! Turning a tool's outcome into what the user sees: a short sentence and
//! a widget (the widget shows the data; the sentence does not repeat it).

use chatkit::widgets::WidgetRoot;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::widgets;
use crate::tasks::Scope;
use crate::tools::{Op, Refusal, ToolError, ToolOutcome};

/// A reply: text, an optional widget with its copy text, and the tasks it
/// changed (whose lists elsewhere in the thread are redrawn).
#[derive(Debug, Default)]
pub struct Answer {
    pub text: String,
    pub widget: Option<(WidgetRoot, String)>,
    pub changed: Vec<i64>,
}

impl Answer {
    pub fn text(text: impl Into<String>) -> Answer {
        Answer {
            text: text.into(),
            ..Answer::default()
        }
    }
}

/// What to show for `outcome` of tool `tool` called with `args`.
pub fn outcome(
    tool: &str,
    args: &Value,
    outcome: ToolOutcome,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Answer {
    match outcome {
        ToolOutcome::Added(task) => Answer {
            text: format!("Added “{}”.", task.title),
            widget: Some(widgets::task_card(&task, "Task added", scope, now)),
            changed: Vec::new(),
        },
        ToolOutcome::Listed(list) => {
            let total = list.listing.page.total;
            let text = match total {
                0 => "Nothing matches.".to_owned(),
                1 => "One task.".to_owned(),
                n => format!("{n} tasks."),
            };
            Answer {
                text,
                widget: Some(widgets::task_list(&list, scope, now)),
                changed: Vec::new(),
            }
        }
        ToolOutcome::Shown(task) => Answer {
            text: String::new(),
            widget: Some(widgets::task_card(
                &task,
                &format!("Task #{}", task.id),
                scope,
                now,
            )),
            changed: Vec::new(),
        },
        ToolOutcome::Updated(task) => Answer {
            text: format!("Updated “{}”.", task.title),
            changed: vec![task.id],
            widget: Some(widgets::task_card(&task, "Task updated", scope, now)),
        },
        ToolOutcome::Batch {
            op,
            done,
            next,
            failed,
        } => {
            if done.is_empty()
                && let Some(chooser) = only_ambiguity(tool, args, &failed, scope, now)
            {
                return chooser;
            }
            let mut text: Vec<String> = match &done[..] {
                [] => Vec::new(),
                [one] => vec![format!("{} “{}”.", capitalised(op.past_tense()), one.title)],
                many => vec![format!(
                    "{} {} tasks.",
                    capitalised(op.past_tense()),
                    many.len()
                )],
            };
            for task in &next {
                text.push(format!(
                    "Next one: “{}”, due {}.",
                    task.title,
                    widgets::describe_due(task, scope)
                ));
            }
            text.extend(failed.iter().map(|f| f.message()));
            let heading = match op {
                Op::Complete => "Task completed",
                Op::Reopen => "Task reopened",
                Op::Delete => "Task deleted",
            };
            let widget = match &done[..] {
                [one] => Some(widgets::task_card(one, heading, scope, now)),
                _ => None,
            };
            let mut changed: Vec<i64> = done.iter().map(|t| t.id).collect();
            changed.extend(next.iter().map(|t| t.id));
            Answer {
                text: text.join(" "),
                widget,
                changed,
            }
        }
        ToolOutcome::ConfirmDelete { tasks, failed } => {
            if tasks.is_empty()
                && let Some(chooser) = only_ambiguity(tool, args, &failed, scope, now)
            {
                return chooser;
            }
            let mut text: Vec<String> = failed.iter().map(|f| f.message()).collect();
            let widget = (!tasks.is_empty()).then(|| widgets::confirm_delete(&tasks));
            if widget.is_some() {
                text.insert(0, "Please confirm.".to_owned());
            }
            Answer {
                text: text.join(" "),
                widget,
                changed: Vec::new(),
            }
        }
        ToolOutcome::Summary(summary) => {
            let (overdue, today) = (
                summary.overdue.listing.page.total,
                summary.today.listing.page.total,
            );
            let text = match (overdue, today) {
                (0, 0) => "Nothing is overdue or due today.".to_owned(),
                (o, t) => format!("{o} overdue, {t} due today."),
            };
            Answer {
                text,
                widget: Some(widgets::summary(&summary, scope, now)),
                changed: Vec::new(),
            }
        }
    }
}

/// What to show when a tool refused: a chooser for an ambiguous reference,
/// else the reason in words.
pub fn refusal(
    tool: &str,
    args: &Value,
    error: &ToolError,
    scope: &Scope,
    now: DateTime<Utc>,
) -> Answer {
    match error {
        ToolError::Ambiguous {
            reference,
            candidates,
        } => choose(tool, args, &reference.describe(), candidates, scope, now),
        other => Answer::text(format!("{other}")),
    }
}

/// The chooser, when the only thing a batch did was find several tasks for
/// its one reference.
fn only_ambiguity(
    tool: &str,
    args: &Value,
    failed: &[crate::tools::Failure],
    scope: &Scope,
    now: DateTime<Utc>,
) -> Option<Answer> {
    match failed {
        [only] => match &only.refusal {
            Refusal::Ambiguous(candidates) => Some(choose(
                tool,
                args,
                &only.reference.describe(),
                candidates,
                scope,
                now,
            )),
            _ => None,
        },
        _ => None,
    }
}

fn choose(
    tool: &str,
    args: &Value,
    reference: &str,
    candidates: &[crate::store::Task],
    scope: &Scope,
    now: DateTime<Utc>,
) -> Answer {
    let question = format!("Which task do you mean by {reference}?");
    Answer {
        text: format!("{} tasks match {reference}.", candidates.len()),
        widget: Some(widgets::chooser(
            &question, tool, args, candidates, scope, now,
        )),
        changed: Vec::new(),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
