//! The tools' arguments as they arrive (JSON from a model, an MCP client or
//! the built-in understanding): read strictly, so a wrong name or type is
//! reported instead of ignored.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A task reference: an id, or words of a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskRef {
    Id(i64),
    Title(String),
}

impl TaskRef {
    /// As the user wrote it, for messages.
    pub fn describe(&self) -> String {
        match self {
            TaskRef::Id(id) => format!("task {id}"),
            TaskRef::Title(title) => format!("“{title}”"),
        }
    }
}

impl<'de> Deserialize<'de> for TaskRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Id(i64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Id(id) => Ok(TaskRef::Id(id)),
            Raw::Text(text) => {
                let text = text.trim();
                // "5", "#5" and "task 5" are ids, as people say them.
                let digits = text
                    .strip_prefix('#')
                    .or_else(|| text.strip_prefix("task "))
                    .unwrap_or(text)
                    .trim();
                match digits.parse::<i64>() {
                    Ok(id) => Ok(TaskRef::Id(id)),
                    Err(_) if text.is_empty() => {
                        Err(serde::de::Error::custom("a task reference cannot be empty"))
                    }
                    Err(_) => Ok(TaskRef::Title(text.to_owned())),
                }
            }
        }
    }
}

/// A field that may be absent (`None`), `null` (`Some(None)`) or set.
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Some(Option::deserialize(d)?))
}

/// One string or a list of them (a model sends either for a filter).
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::One(one) => vec![one],
        Raw::Many(many) => many,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddArgs {
    pub title: String,
    pub description: Option<String>,
    pub priority: Option<String>,
    pub due: Option<String>,
    pub remind_at: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub recurrence: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListArgs {
    pub status: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub priority: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub tag: Vec<String>,
    pub q: Option<String>,
    pub due: Option<String>,
    pub due_before: Option<String>,
    pub due_after: Option<String>,
    pub sort: Option<String>,
    pub order: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchArgs {
    pub query: String,
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetArgs {
    pub task: TaskRef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateArgs {
    pub task: TaskRef,
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub description: Option<Option<String>>,
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub due: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub remind_at: Option<Option<String>>,
    /// Tags to add to the task's own.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub recurrence: Option<Option<String>>,
}

/// `{"tasks": [ref, …]}`; `{"task": ref}` is taken too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefsArgs {
    #[serde(default)]
    pub tasks: Vec<TaskRef>,
    pub task: Option<TaskRef>,
}

impl RefsArgs {
    pub fn refs(self) -> Vec<TaskRef> {
        let mut refs = self.tasks;
        refs.extend(self.task);
        refs
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Read `args` as `T`, with a message a model (or a person) can act on.
pub fn read<T: for<'de> Deserialize<'de>>(tool: &str, args: &Value) -> Result<T, String> {
    let args = if args.is_null() {
        &Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args.clone()).map_err(|e| format!("{tool}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_are_ids_or_titles() {
        let refs: Vec<TaskRef> =
            serde_json::from_value(json!([5, "7", "#8", "task 9", " buy milk "])).unwrap();
        assert_eq!(
            refs,
            [
                TaskRef::Id(5),
                TaskRef::Id(7),
                TaskRef::Id(8),
                TaskRef::Id(9),
                TaskRef::Title("buy milk".into())
            ]
        );
        assert!(serde_json::from_value::<TaskRef>(json!("  ")).is_err());
        assert!(serde_json::from_value::<TaskRef>(json!(true)).is_err());
    }

    #[test]
    fn null_clears_and_absent_keeps() {
        let args: UpdateArgs = read(
            "update_task",
            &json!({"task": 1, "due": null, "title": "x"}),
        )
        .unwrap();
        assert_eq!(args.due, Some(None));
        assert_eq!(args.description, None);
        let error =
            read::<UpdateArgs>("update_task", &json!({"task": 1, "colour": "red"})).unwrap_err();
        assert!(error.contains("unknown field `colour`"), "{error}");
    }

    #[test]
    fn a_filter_takes_one_value_or_many() {
        let args: ListArgs = read(
            "list_tasks",
            &json!({"priority": "high", "tag": ["a", "b"]}),
        )
        .unwrap();
        assert_eq!(args.priority, ["high"]);
        assert_eq!(args.tag, ["a", "b"]);
        let args: RefsArgs = read("complete_task", &json!({"task": "milk"})).unwrap();
        assert_eq!(args.refs(), [TaskRef::Title("milk".into())]);
    }
}
