//! The task tools: add, list, search, get, update, complete, uncomplete,
//! delete and a due/overdue summary, each defined once (name, JSON schema,
//! structured result) and used by the assistant's built-in understanding,
//! its LLM agent, and MCP. The user always comes from the authenticated
//! request ([`Scope`]), never from an argument.

mod args;
mod outcome;
mod resolve;
pub mod specs;

use serde_json::Value;

pub use args::TaskRef;
pub use outcome::{Failure, Op, Refusal, Summary, TaskList, ToolOutcome, task_json};
pub use resolve::{Found, Prefer};
pub use specs::ToolSpec;

use crate::store::Task;
use crate::tasks::{
    Change, FieldError, ListParams, MAX_LIMIT, Scope, TaskDraft, TaskError, TaskService,
};
use args::{AddArgs, GetArgs, ListArgs, NoArgs, RefsArgs, SearchArgs, UpdateArgs, read};

/// Rows a summary shows of each of its lists.
const SUMMARY_ROWS: u32 = 20;

/// What deleting does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletes {
    /// Ask first: the chat shows Confirm / Cancel (the tool deletes nothing).
    AfterConfirmation,
    /// Delete now (MCP: the client asks its user itself).
    Now,
}

/// Why a tool did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("there is no tool called “{0}”")]
    UnknownTool(String),
    /// The arguments do not fit the tool's schema.
    #[error("{0}")]
    BadArguments(String),
    /// Field values the task rules refuse.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("I can't find {}.", .0.describe())]
    NotFound(TaskRef),
    /// A reference to one task matches several: the user chooses.
    #[error("{} matches {} tasks.", .reference.describe(), .candidates.len())]
    Ambiguous {
        reference: TaskRef,
        candidates: Vec<Task>,
    },
    #[error(transparent)]
    Task(TaskError),
}

fn describe_fields(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<TaskError> for ToolError {
    fn from(e: TaskError) -> Self {
        match e {
            TaskError::Invalid(fields) => ToolError::Invalid(fields),
            other => ToolError::Task(other),
        }
    }
}

impl ToolError {
    /// Whether the request itself was wrong (as opposed to the service failing).
    pub fn is_refusal(&self) -> bool {
        !matches!(
            self,
            ToolError::Task(TaskError::Store(_)) | ToolError::Task(TaskError::Contended)
        )
    }
}

/// The task tools over the task service.
#[derive(Clone)]
pub struct TaskTools {
    tasks: TaskService,
}

impl TaskTools {
    pub fn new(tasks: TaskService) -> Self {
        TaskTools { tasks }
    }

    pub fn service(&self) -> &TaskService {
        &self.tasks
    }

    /// Run tool `name` with `args` for the user of `scope`.
    pub async fn call(
        &self,
        scope: &Scope,
        name: &str,
        args: &Value,
        deletes: Deletes,
    ) -> Result<ToolOutcome, ToolError> {
        let bad = ToolError::BadArguments;
        match name {
            specs::ADD_TASK => self.add(scope, read(name, args).map_err(bad)?).await,
            specs::LIST_TASKS => self.list(scope, read(name, args).map_err(bad)?).await,
            specs::SEARCH_TASKS => self.search(scope, read(name, args).map_err(bad)?).await,
            specs::GET_TASK => {
                let args: GetArgs = read(name, args).map_err(bad)?;
                let task = self.one(scope, &args.task, Prefer::Any).await?;
                Ok(ToolOutcome::Shown(task))
            }
            specs::UPDATE_TASK => self.update(scope, read(name, args).map_err(bad)?).await,
            specs::COMPLETE_TASK | specs::UNCOMPLETE_TASK | specs::DELETE_TASK => {
                let refs = read::<RefsArgs>(name, args).map_err(bad)?.refs();
                if refs.is_empty() {
                    return Err(bad(format!("{name}: name at least one task in `tasks`")));
                }
                let op = match name {
                    specs::COMPLETE_TASK => Op::Complete,
                    specs::UNCOMPLETE_TASK => Op::Reopen,
                    _ => Op::Delete,
                };
                self.batch(scope, op, refs, deletes).await
            }
            specs::TASK_SUMMARY => {
                read::<NoArgs>(name, args).map_err(bad)?;
                self.summary(scope).await
            }
            other => Err(ToolError::UnknownTool(other.to_owned())),
        }
    }

    /// The one task `reference` means, or why not.
    pub async fn one(
        &self,
        scope: &Scope,
        reference: &TaskRef,
        prefer: Prefer,
    ) -> Result<Task, ToolError> {
        match resolve::find(&self.tasks, scope, reference, prefer).await? {
            Found::One(task) => Ok(task),
            Found::Nothing => Err(ToolError::NotFound(reference.clone())),
            Found::Several(candidates) => Err(ToolError::Ambiguous {
                reference: reference.clone(),
                candidates,
            }),
        }
    }

    async fn add(&self, scope: &Scope, args: AddArgs) -> Result<ToolOutcome, ToolError> {
        let draft = TaskDraft {
            title: Some(args.title),
            description: set_if(args.description),
            priority: args.priority,
            tags: (!args.tags.is_empty()).then_some(args.tags),
            due: set_if(args.due),
            remind_at: set_if(args.remind_at),
            recurrence: set_if(args.recurrence),
            ..TaskDraft::default()
        };
        Ok(ToolOutcome::Added(self.tasks.create(scope, draft).await?))
    }

    async fn list(&self, scope: &Scope, args: ListArgs) -> Result<ToolOutcome, ToolError> {
        let title = list_title(&args);
        let params = ListParams {
            status: args.status,
            priority: args.priority,
            tag: args.tag,
            q: args.q,
            due: args.due,
            due_before: args.due_before,
            due_after: args.due_after,
            sort: args.sort,
            order: args.order,
            limit: args.limit.map(|l| l.min(MAX_LIMIT)),
            cursor: None,
        };
        self.listed(scope, title, params).await
    }

    /// The listing of `params`, titled.
    pub async fn listed(
        &self,
        scope: &Scope,
        title: String,
        params: ListParams,
    ) -> Result<ToolOutcome, ToolError> {
        let listing = self.tasks.list(scope, &params).await?;
        Ok(ToolOutcome::Listed(TaskList {
            title,
            params,
            listing,
        }))
    }

    async fn search(&self, scope: &Scope, args: SearchArgs) -> Result<ToolOutcome, ToolError> {
        let query = args.query.trim().to_owned();
        if query.is_empty() {
            return Err(ToolError::BadArguments(
                "search_tasks: say what to search for".to_owned(),
            ));
        }
        let params = ListParams {
            status: args.status,
            q: Some(query.clone()),
            sort: Some("updated".to_owned()),
            ..ListParams::default()
        };
        self.listed(scope, format!("Tasks matching “{query}”"), params)
            .await
    }

    async fn update(&self, scope: &Scope, args: UpdateArgs) -> Result<ToolOutcome, ToolError> {
        let task = self.one(scope, &args.task, Prefer::Any).await?;
        let tags = if args.tags.is_empty() {
            None
        } else {
            let mut tags = task.tags.clone();
            for tag in args.tags {
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    tags.push(tag);
                }
            }
            Some(tags)
        };
        let draft = TaskDraft {
            title: args.title,
            description: change(args.description),
            priority: args.priority,
            tags,
            due: change(args.due),
            remind_at: change(args.remind_at),
            recurrence: change(args.recurrence),
            completed: None,
        };
        let updated = self
            .tasks
            .update(scope, task.id, None, draft, false)
            .await?;
        Ok(ToolOutcome::Updated(updated.task))
    }

    async fn batch(
        &self,
        scope: &Scope,
        op: Op,
        refs: Vec<TaskRef>,
        deletes: Deletes,
    ) -> Result<ToolOutcome, ToolError> {
        let prefer = match op {
            Op::Complete => Prefer::Open,
            Op::Reopen => Prefer::Done,
            Op::Delete => Prefer::Any,
        };
        let mut done: Vec<Task> = Vec::new();
        let mut next = Vec::new();
        let mut failed = Vec::new();
        for reference in refs {
            let task = match self.one(scope, &reference, prefer).await {
                Ok(task) => task,
                Err(e) => {
                    failed.push(failure(reference, e)?);
                    continue;
                }
            };
            if done.iter().any(|t| t.id == task.id) {
                continue;
            }
            let result = match (op, deletes) {
                (Op::Delete, Deletes::AfterConfirmation) => Ok(task),
                (Op::Delete, Deletes::Now) => {
                    self.tasks.delete(scope, task.id, None).await.map(|()| task)
                }
                (Op::Complete | Op::Reopen, _) => {
                    let completed = op == Op::Complete;
                    match self
                        .tasks
                        .set_completed(scope, task.id, Some(completed), None)
                        .await
                    {
                        Ok(updated) => {
                            next.extend(updated.next);
                            Ok(updated.task)
                        }
                        Err(e) => Err(e),
                    }
                }
            };
            match result {
                Ok(task) => done.push(task),
                Err(e) => failed.push(failure(reference, e.into())?),
            }
        }
        if op == Op::Delete && deletes == Deletes::AfterConfirmation {
            return Ok(ToolOutcome::ConfirmDelete {
                tasks: done,
                failed,
            });
        }
        Ok(ToolOutcome::Batch {
            op,
            done,
            next,
            failed,
        })
    }

    async fn summary(&self, scope: &Scope) -> Result<ToolOutcome, ToolError> {
        let list = |due: &str| ListParams {
            due: Some(due.to_owned()),
            sort: Some("due".to_owned()),
            limit: Some(SUMMARY_ROWS),
            ..ListParams::default()
        };
        let overdue = self.listed(scope, "Overdue".to_owned(), list("overdue"));
        let today = self.listed(
            scope,
            "Due today".to_owned(),
            ListParams {
                status: Some("pending".to_owned()),
                ..list("today")
            },
        );
        let (overdue, today) = tokio::try_join!(overdue, today)?;
        match (overdue, today) {
            (ToolOutcome::Listed(overdue), ToolOutcome::Listed(today)) => {
                Ok(ToolOutcome::Summary(Box::new(Summary { overdue, today })))
            }
            _ => Err(ToolError::BadArguments(
                "task_summary: unexpected listing".to_owned(),
            )),
        }
    }
}

/// A batch item's failure; a failure of the service itself fails the call.
fn failure(reference: TaskRef, error: ToolError) -> Result<Failure, ToolError> {
    let refusal = match error {
        ToolError::NotFound(_) | ToolError::Task(TaskError::NotFound) => Refusal::NotFound,
        ToolError::Ambiguous { candidates, .. } => Refusal::Ambiguous(candidates),
        e if e.is_refusal() => Refusal::Failed(e.to_string()),
        e => return Err(e),
    };
    Ok(Failure { reference, refusal })
}

fn set_if(value: Option<String>) -> Change<String> {
    value.map_or(Change::Keep, Change::Set)
}

fn change(value: Option<Option<String>>) -> Change<String> {
    match value {
        None => Change::Keep,
        Some(None) => Change::Clear,
        Some(Some(value)) => Change::Set(value),
    }
}

/// A header for a listing, from its filters ("Pending tasks tagged #work").
fn list_title(args: &ListArgs) -> String {
    let mut title = match args.status.as_deref() {
        Some("pending") => "Pending tasks".to_owned(),
        Some("completed") => "Completed tasks".to_owned(),
        _ => "Your tasks".to_owned(),
    };
    match args.due.as_deref() {
        Some("today") => title.push_str(" due today"),
        Some("overdue") => title = "Overdue tasks".to_owned(),
        Some("week") => title.push_str(" due this week"),
        Some("none") => title.push_str(" without a due date"),
        _ => {}
    }
    if !args.priority.is_empty() {
        title.push_str(&format!(" ({} priority)", args.priority.join(", ")));
    }
    for tag in &args.tag {
        title.push_str(&format!(" #{tag}"));
    }
    if let Some(q) = &args.q {
        title.push_str(&format!(" matching “{q}”"));
    }
    title
}
