//! The task tools as a model (or an MCP client) sees them: a name, what the
//! tool does, and a JSON schema of its arguments. The user is never an
//! argument: it is the authenticated caller's.

use serde_json::{Value, json};

/// One tool's public description.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    pub name: &'static str,
    pub description: &'static str,
    /// JSON schema of the arguments (an object).
    pub parameters: Value,
}

pub const ADD_TASK: &str = "add_task";
pub const LIST_TASKS: &str = "list_tasks";
pub const SEARCH_TASKS: &str = "search_tasks";
pub const GET_TASK: &str = "get_task";
pub const UPDATE_TASK: &str = "update_task";
pub const COMPLETE_TASK: &str = "complete_task";
pub const UNCOMPLETE_TASK: &str = "uncomplete_task";
pub const DELETE_TASK: &str = "delete_task";
pub const TASK_SUMMARY: &str = "task_summary";

/// A task reference: its number, or (part of) its title.
fn task_ref() -> Value {
    json!({
        "description": "The task's number (e.g. 5), or words of its title (e.g. \"buy milk\"); several tasks matching a title are reported, not guessed.",
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1, "maxLength": 200}]
    })
}

fn task_refs() -> Value {
    json!({"type": "array", "items": task_ref(), "minItems": 1, "maxItems": 50})
}

fn priority() -> Value {
    json!({"type": "string", "enum": ["none", "low", "medium", "high", "urgent"]})
}

fn due() -> Value {
    json!({
        "type": ["string", "null"],
        "description": "A day (2026-11-24) or a local date-time (2026-11-24T17:00) in the user's time zone; null clears it."
    })
}

/// Every task tool.
pub fn all() -> Vec<ToolSpec> {
    vec![
        ToolSpec {
            name: ADD_TASK,
            description: "Add a task for the user.",
            parameters: json!({
                "type": "object",
                "properties": {
                    "title": {"type": "string", "minLength": 1, "maxLength": 200},
                    "description": {"type": "string", "maxLength": 1000},
                    "priority": priority(),
                    "due": due(),
                    "remind_at": {"type": "string", "description": "A local date-time (2026-11-24T16:30) to be reminded at."},
                    "tags": {"type": "array", "items": {"type": "string", "maxLength": 32}, "maxItems": 20},
                    "recurrence": {"type": "string", "description": "An RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO; the due is the first occurrence."}
                },
                "required": ["title"],
                "additionalProperties": false
            }),
        },
        ToolSpec {
            name: LIST_TASKS,
            description: "List the user's tasks, filtered and sorted; the result is shown to the user as a list.",
            parameters: json!({
                "type": "object",
                "properties": {
                    "status": {"type": "string", "enum": ["all", "pending", "completed"]},
                    "priority": {"type": "array", "items": priority()},
                    "tag": {"type": "array", "items": {"type": "string"}, "description": "Tasks carrying all of these tags."},
                    "q": {"type": "string", "description": "Words each beginning a word of the title or description."},
                    "due": {"type": "string", "enum": ["today", "overdue", "week", "none"]},
                    "due_before": {"type": "string", "description": "A day; due before it."},
                    "due_after": {"type": "string", "description": "A day; due after it."},
                    "sort": {"type": "string", "enum": ["created", "updated", "due", "priority", "title"]},
                    "order": {"type": "string", "enum": ["asc", "desc"]},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 200}
                },
                "additionalProperties": false
            }),
        },
        ToolSpec {
            name: SEARCH_TASKS,
            description: "Find the user's tasks by words of their title or description.",
            parameters: json!({
                "type": "object",
                "properties": {
                    "query": {"type": "string", "minLength": 1, "maxLength": 200},
                    "status": {"type": "string", "enum": ["all", "pending", "completed"]}
                },
                "required": ["query"],
                "additionalProperties": false
            }),
        },
        ToolSpec {
            name: GET_TASK,
            description: "Show one task with all its details.",
            parameters: json!({
                "type": "object",
                "properties": {"task": task_ref()},
                "required": ["task"],
                "additionalProperties": false
            }),
        },
        ToolSpec {
            name: UPDATE_TASK,
            description: "Change a task: only the fields given change; null clears a field.",
            parameters: json!({
                "type": "object",
                "properties": {
                    "task": task_ref(),
                    "title": {"type": "string", "minLength": 1, "maxLength": 200},
                    "description": {"type": ["string", "null"], "maxLength": 1000},
                    "priority": priority(),
                    "due": due(),
                    "remind_at": {"type": ["string", "null"]},
                    "tags": {"type": "array", "items": {"type": "string", "maxLength": 32}, "maxItems": 20, "description": "Tags to add."},
                    "recurrence": {"type": ["string", "null"]}
                },
                "required": ["task"],
                "additionalProperties": false
            }),
        },
        ToolSpec {
            name: COMPLETE_TASK,
            description: "Mark tasks done (completing a repeating task schedules its next occurrence).",
            parameters: refs_object(),
        },
        ToolSpec {
            name: UNCOMPLETE_TASK,
            description: "Mark done tasks as not done again.",
            parameters: refs_object(),
        },
        ToolSpec {
            name: DELETE_TASK,
            description: "Delete tasks. In the chat the user confirms first, with a button.",
            parameters: refs_object(),
        },
        ToolSpec {
            name: TASK_SUMMARY,
            description: "What is due today and what is overdue.",
            parameters: json!({"type": "object", "properties": {}, "additionalProperties": false}),
        },
    ]
}

fn refs_object() -> Value {
    json!({
        "type": "object",
        "properties": {"tasks": task_refs()},
        "required": ["tasks"],
        "additionalProperties": false
    })
}
