//! The run's results: latency percentiles per case and path, the plans, and
//! the conditions they were measured in, as text or JSON.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::connection::Backend;
use crate::dataset::Plan;
use crate::explain::{Explained, Statement};
use crate::measure::CaseRun;
use crate::seed::SeedReport;

/// The target for a page of 50, server side.
pub const TARGET_MS: f64 = 5.0;

/// Latency percentiles (nearest rank), in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

impl Latency {
    /// The percentiles of `samples` (sorted in place).
    pub fn of(samples: &mut [Duration]) -> Latency {
        samples.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let rank = |p: f64| {
            if samples.is_empty() {
                return 0.0;
            }
            // Nearest rank: the smallest sample with at least p% at or below it.
            let index = ((p / 100.0) * samples.len() as f64).ceil() as usize;
            ms(samples[index.clamp(1, samples.len()) - 1])
        };
        let total: Duration = samples.iter().sum();
        Latency {
            samples: samples.len(),
            p50_ms: rank(50.0),
            p95_ms: rank(95.0),
            p99_ms: rank(99.0),
            max_ms: samples.last().copied().map_or(0.0, ms),
            mean_ms: if samples.is_empty() {
                0.0
            } else {
                ms(total) / samples.len() as f64
            },
        }
    }
}

/// Where and on what the figures were taken.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cores: usize,
    /// `/proc/loadavg` before and after (1, 5, 15 minutes): the machine is
    /// shared, so other work may have run beside the benchmark.
    pub load_before: Option<String>,
    pub load_after: Option<String>,
}

impl Machine {
    pub fn load_average() -> Option<String> {
        let text = std::fs::read_to_string("/proc/loadavg").ok()?;
        Some(
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// The heavy user and what the cases filter on.
#[derive(Debug, Clone, Serialize)]
pub struct HeavyUser {
    pub user_id: String,
    pub tasks: u64,
    pub tag: String,
    pub tag_tasks: u64,
    pub search_word: String,
}

/// Everything a run found.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub backend: Backend,
    pub database: String,
    pub plan: Plan,
    /// `None` when an earlier run's data was reused.
    pub seeding: Option<SeedReport>,
    pub database_bytes: u64,
    pub machine: Machine,
    pub heavy_user: HeavyUser,
    pub iterations: u32,
    pub warmup: u32,
    pub target_ms: f64,
    pub in_process: Vec<CaseRun>,
    /// With `--http`.
    pub http: Option<Vec<CaseRun>>,
    pub explained: Vec<Explained>,
    /// Cases whose in-process p95 is over the target.
    pub over_target: Vec<String>,
    /// Checks that failed (e.g. HTTP and in-process disagree on a total).
    pub problems: Vec<String>,
}

impl Summary {
    /// The cases over [`TARGET_MS`] server side (p95), by key.
    pub fn find_over_target(runs: &[CaseRun]) -> Vec<String> {
        runs.iter()
            .filter(|run| run.latency.p95_ms > TARGET_MS)
            .map(|run| run.key.to_owned())
            .collect()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plan = &self.plan;
        writeln!(f, "TaskPilot listing benchmark on {}", self.backend.name())?;
        writeln!(f, "  database: {}", self.database)?;
        writeln!(
            f,
            "  data: {} users, {} tasks, heavy user {} tasks (seed {}); {:.0} MB on disk",
            plan.users,
            plan.tasks,
            plan.heavy,
            plan.seed,
            self.database_bytes as f64 / 1e6
        )?;
        match &self.seeding {
            Some(seed) => writeln!(
                f,
                "  seeding: {:.1} s ({:.1} s inserts at {:.0} tasks/s, {} task tags, {} task words; {:.1} s finishing)",
                seed.seconds,
                seed.insert_seconds,
                seed.tasks_per_second,
                seed.task_tags,
                seed.task_words,
                seed.finish_seconds
            )?,
            None => writeln!(f, "  seeding: reused an earlier run's data")?,
        }
        writeln!(
            f,
            "  machine: {} cores, load average {} before, {} after (shared machine)",
            self.machine.cores,
            self.machine.load_before.as_deref().unwrap_or("?"),
            self.machine.load_after.as_deref().unwrap_or("?")
        )?;
        let heavy = &self.heavy_user;
        writeln!(
            f,
            "  heavy user: {} tasks; tag {:?} on {}; search word {:?}",
            heavy.tasks, heavy.tag, heavy.tag_tasks, heavy.search_word
        )?;
        writeln!(
            f,
            "  {} timed runs per case after {} warm-up runs; target {TARGET_MS} ms server time",
            self.iterations, self.warmup
        )?;
        writeln!(f)?;
        write_table(
            f,
            "In-process (TaskService::list, the server time)",
            &self.in_process,
        )?;
        if let Some(http) = &self.http {
            writeln!(f)?;
            write_table(f, "HTTP (GET /api/tasks over loopback, whole body)", http)?;
        }
        for explained in &self.explained {
            writeln!(f)?;
            writeln!(f, "Case {} ({}):", explained.key, explained.label)?;
            write_statement(f, "page", &explained.page)?;
            write_statement(f, "count", &explained.count)?;
        }
        writeln!(f)?;
        for problem in &self.problems {
            writeln!(f, "PROBLEM: {problem}")?;
        }
        if self.over_target.is_empty() {
            writeln!(f, "Every case is under {TARGET_MS} ms at p95 server side.")
        } else {
            writeln!(
                f,
                "Over {TARGET_MS} ms at p95 server side: case {}",
                self.over_target.join(", ")
            )
        }
    }
}

fn write_table(f: &mut fmt::Formatter<'_>, title: &str, runs: &[CaseRun]) -> fmt::Result {
    writeln!(f, "{title}")?;
    writeln!(
        f,
        "  {:>3}  {:<26} {:<34} {:>7} {:>4} {:>8} {:>8} {:>8} {:>8}",
        "#", "case", "query", "total", "rows", "p50 ms", "p95 ms", "p99 ms", "max ms"
    )?;
    for run in runs {
        let flag = if run.latency.p95_ms > TARGET_MS {
            " *"
        } else {
            ""
        };
        writeln!(
            f,
            "  {:>3}  {:<26} {:<34} {:>7} {:>4} {:>8.2} {:>8.2} {:>8.2} {:>8.2}{flag}",
            run.key,
            run.label,
            clip(&run.query, 34),
            run.total,
            run.rows,
            run.latency.p50_ms,
            run.latency.p95_ms,
            run.latency.p99_ms,
            run.latency.max_ms,
        )?;
    }
    Ok(())
}

fn write_statement(f: &mut fmt::Formatter<'_>, which: &str, statement: &Statement) -> fmt::Result {
    let mut notes = vec![if statement.indexes.is_empty() {
        "no index".to_owned()
    } else {
        format!("index {}", statement.indexes.join(", "))
    }];
    if statement.full_scan {
        notes.push("FULL SCAN".to_owned());
    }
    if statement.sorts {
        notes.push("SORTS".to_owned());
    }
    writeln!(
        f,
        "  {which}: {:.2} ms alone (median, prepared); {}",
        statement.median_ms,
        notes.join("; ")
    )?;
    writeln!(f, "    {}", statement.sql)?;
    for line in &statement.plan {
        writeln!(f, "    | {line}")?;
    }
    if let Some(plan) = &statement.literal_plan {
        writeln!(f, "    with the values as literals, another plan:")?;
        for line in plan {
            writeln!(f, "    | {line}")?;
        }
    }
    if let Some(plan) = &statement.generic_plan {
        writeln!(
            f,
            "    generic plan (prepared statements switch to it after 5 runs if no dearer):"
        )?;
        for line in plan {
            writeln!(f, "    | {line}")?;
        }
    }
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let head: String = text.chars().take(width - 1).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let latency = Latency::of(&mut samples);
        assert_eq!(latency.p50_ms, 50.0);
        assert_eq!(latency.p95_ms, 95.0);
        assert_eq!(latency.p99_ms, 99.0);
        assert_eq!(latency.max_ms, 100.0);
        assert_eq!(Latency::of(&mut []).p50_ms, 0.0);
    }
}
