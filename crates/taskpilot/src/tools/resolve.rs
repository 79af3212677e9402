//! Finding the task a reference means: by id, or by its title — words of
//! it ("milk" finds "Buy oat milk"), or a near spelling ("by milk") when no
//! title has those words. Several matches are returned for the user to
//! choose from, never guessed.

use strsim::jaro_winkler;

use super::args::TaskRef;
use crate::store::Task;
use crate::tasks::{ListParams, Scope, TaskError, TaskService};

/// Most candidates offered when a title matches several tasks.
pub const MAX_CANDIDATES: u32 = 10;

/// Tasks read to compare spellings with when no title has the words.
const SPELLING_POOL: u32 = 200;

/// How alike a title must be to count as a misspelling of it (Jaro-Winkler).
const SPELLING_SIMILARITY: f64 = 0.88;

/// Which tasks a reference most likely means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// Open ones ("complete buy milk").
    Open,
    /// Done ones ("undo buy milk").
    Done,
    Any,
}

impl Prefer {
    fn status(self) -> &'static str {
        match self {
            Prefer::Open => "pending",
            Prefer::Done => "completed",
            Prefer::Any => "all",
        }
    }
}

/// What a reference found (short-lived: matched on at once, so the size
/// of a task in one variant costs nothing worth a box).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum Found {
    One(Task),
    Several(Vec<Task>),
    Nothing,
}

/// Find the task `reference` means among the user's.
pub async fn find(
    tasks: &TaskService,
    scope: &Scope,
    reference: &TaskRef,
    prefer: Prefer,
) -> Result<Found, TaskError> {
    let title = match reference {
        TaskRef::Id(id) => {
            return match tasks.get(scope, *id).await {
                Ok(task) => Ok(Found::One(task)),
                Err(TaskError::NotFound) => Ok(Found::Nothing),
                Err(e) => Err(e),
            };
        }
        TaskRef::Title(title) => title,
    };
    let mut statuses = vec![prefer];
    if prefer != Prefer::Any {
        statuses.push(Prefer::Any);
    }
    for status in statuses {
        let found = by_words(tasks, scope, title, status).await?;
        if found != Found::Nothing {
            return Ok(found);
        }
    }
    by_spelling(tasks, scope, title).await
}

/// Tasks whose title or description has every word of `title`.
async fn by_words(
    tasks: &TaskService,
    scope: &Scope,
    title: &str,
    prefer: Prefer,
) -> Result<Found, TaskError> {
    let params = ListParams {
        status: Some(prefer.status().to_owned()),
        q: Some(title.to_owned()),
        sort: Some("updated".to_owned()),
        limit: Some(MAX_CANDIDATES),
        ..ListParams::default()
    };
    let candidates = match tasks.list(scope, &params).await {
        Ok(listing) => listing.page.tasks,
        // A title the listing refuses (too long) matches nothing.
        Err(TaskError::Invalid(_)) => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(pick(title, candidates))
}

/// The one task among `candidates` whose title is `title` exactly (or the
/// only candidate), else all of them.
fn pick(title: &str, mut candidates: Vec<Task>) -> Found {
    let wanted = title.trim().to_lowercase();
    let exact: Vec<usize> = candidates
        .iter()
        .enumerate()
        .filter(|(_, task)| task.title.trim().to_lowercase() == wanted)
        .map(|(i, _)| i)
        .collect();
    if let [only] = exact[..] {
        return Found::One(candidates.swap_remove(only));
    }
    match candidates.len() {
        0 => Found::Nothing,
        1 => Found::One(candidates.swap_remove(0)),
        _ => Found::Several(candidates),
    }
}

/// The recently changed task whose title is spelled most like `title`.
async fn by_spelling(tasks: &TaskService, scope: &Scope, title: &str) -> Result<Found, TaskError> {
    let params = ListParams {
        sort: Some("updated".to_owned()),
        limit: Some(SPELLING_POOL),
        ..ListParams::default()
    };
    let pool = tasks.list(scope, &params).await?.page.tasks;
    let wanted = title.trim().to_lowercase();
    let mut scored: Vec<(f64, Task)> = pool
        .into_iter()
        .map(|task| (jaro_winkler(&wanted, &task.title.to_lowercase()), task))
        .filter(|(score, _)| *score >= SPELLING_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(match scored.len() {
        0 => Found::Nothing,
        // A clear winner, or the user chooses among the close ones.
        1 => Found::One(scored.swap_remove(0).1),
        _ if scored[0].0 - scored[1].0 > 0.03 => Found::One(scored.swap_remove(0).1),
        _ => Found::Several(
            scored
                .into_iter()
                .take(MAX_CANDIDATES as usize)
                .map(|(_, task)| task)
                .collect(),
        ),
    })
}
