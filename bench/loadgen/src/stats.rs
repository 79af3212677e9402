//! Request outcomes collected per virtual user, merged, and summarised.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::server_usage::ServerUsage;

/// How many failure reasons a summary keeps (the earliest ones).
pub const FAILURE_REASONS_KEPT: usize = 5;

/// One failure: when it happened (since the load started) and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub at: Duration,
    pub reason: String,
}

/// What one virtual user (or, once merged, the whole run) observed.
#[derive(Debug, Default)]
pub struct Recorder {
    /// Whole-stream latency of each successful request, in microseconds.
    latencies_us: Vec<u64>,
    /// Time to the first event of each successful request, in microseconds.
    first_event_us: Vec<u64>,
    requests: u64,
    failed_requests: u64,
    setup_failures: u64,
    /// The earliest failures, at most [`FAILURE_REASONS_KEPT`].
    failures: Vec<Failure>,
    /// Per command type (the `commands` scenario): first-event and
    /// whole-stream latencies, in microseconds.
    by_command: BTreeMap<&'static str, (Vec<u64>, Vec<u64>)>,
    /// The `llm` scenario: from the fake model service sending its first
    /// token to the client reading the first text delta, in microseconds.
    llm_added_us: Vec<u64>,
}

impl Recorder {
    /// Records a request whose stream passed every check.
    pub fn success(&mut self, latency: Duration, first_event: Duration) {
        self.requests += 1;
        self.latencies_us.push(micros(latency));
        self.first_event_us.push(micros(first_event));
    }

    /// Records a successful request of command type `command`.
    pub fn success_of(&mut self, command: &'static str, latency: Duration, first_event: Duration) {
        self.success(latency, first_event);
        let (first, total) = self.by_command.entry(command).or_default();
        first.push(micros(first_event));
        total.push(micros(latency));
    }

    /// Records what TaskPilot added between the model's first token and the
    /// client's first text delta.
    pub fn llm_added(&mut self, added: Duration) {
        self.llm_added_us.push(micros(added));
    }

    /// Records a request that failed a check (or never got an answer).
    pub fn failed_request(&mut self, failure: Failure) {
        self.requests += 1;
        self.failed_requests += 1;
        self.keep(failure);
    }

    /// Records a user that could not sign up or get a token, so sent nothing.
    pub fn failed_setup(&mut self, failure: Failure) {
        self.setup_failures += 1;
        self.keep(failure);
    }

    /// Folds another user's observations into this one.
    pub fn merge(&mut self, other: Recorder) {
        self.latencies_us.extend(other.latencies_us);
        self.first_event_us.extend(other.first_event_us);
        self.llm_added_us.extend(other.llm_added_us);
        self.requests += other.requests;
        self.failed_requests += other.failed_requests;
        self.setup_failures += other.setup_failures;
        for (command, (first, total)) in other.by_command {
            let entry = self.by_command.entry(command).or_default();
            entry.0.extend(first);
            entry.1.extend(total);
        }
        for failure in other.failures {
            self.keep(failure);
        }
    }

    /// Requests sent so far, failed or not.
    pub fn requests(&self) -> u64 {
        self.requests
    }

    /// Turns the observations into the run's summary.
    pub fn summarise(mut self, run: RunInfo, server: Option<ServerUsage>) -> Summary {
        let seconds = run.elapsed.as_secs_f64();
        Summary {
            url: run.url,
            users: run.users,
            elapsed_s: seconds,
            requests: self.requests,
            failures: self.failed_requests,
            setup_failures: self.setup_failures,
            failure_reasons: self.failures.into_iter().map(|f| f.reason).collect(),
            requests_per_s: if seconds > 0.0 {
                self.requests as f64 / seconds
            } else {
                0.0
            },
            latency_ms: Percentiles::of(&mut self.latencies_us),
            first_event_ms: Percentiles::of(&mut self.first_event_us),
            llm_added_ms: Percentiles::of(&mut self.llm_added_us),
            commands: self
                .by_command
                .into_iter()
                .filter_map(|(command, (mut first, mut total))| {
                    Some(CommandLatency {
                        command,
                        requests: first.len(),
                        first_event_ms: Percentiles::of(&mut first)?,
                        latency_ms: Percentiles::of(&mut total)?,
                    })
                })
                .collect(),
            server,
        }
    }

    fn keep(&mut self, failure: Failure) {
        self.failures.push(failure);
        self.failures.sort_by_key(|f| f.at);
        self.failures.truncate(FAILURE_REASONS_KEPT);
    }
}

fn micros(duration: Duration) -> u64 {
    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX)
}

/// The nearest-rank `q`-th percentile (0 < q ≤ 100) of ascending `sorted`.
pub fn percentile(sorted: &[u64], q: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    // Rank is 1-based: the smallest value with at least q% of values at or below it.
    let rank = (q / 100.0 * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Latency percentiles in milliseconds.
#[derive(Debug, Serialize, PartialEq)]
pub struct Percentiles {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Percentiles {
    /// Percentiles of `micros` (sorted in place), or `None` when it is empty.
    fn of(micros: &mut [u64]) -> Option<Percentiles> {
        micros.sort_unstable();
        let ms = |q| percentile(micros, q).map(|us| us as f64 / 1000.0);
        Some(Percentiles {
            p50: ms(50.0)?,
            p95: ms(95.0)?,
            p99: ms(99.0)?,
            max: ms(100.0)?,
        })
    }
}

/// One command type's latencies.
#[derive(Debug, Serialize)]
pub struct CommandLatency {
    pub command: &'static str,
    pub requests: usize,
    pub first_event_ms: Percentiles,
    pub latency_ms: Percentiles,
}

/// What the summary needs to know about the run itself.
pub struct RunInfo {
    pub url: String,
    pub users: usize,
    /// Wall time of the load phase (sign-ups excluded).
    pub elapsed: Duration,
}

/// The run's results, printed for people or (with `--json`) as JSON.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub url: String,
    pub users: usize,
    pub elapsed_s: f64,
    pub requests: u64,
    pub failures: u64,
    pub setup_failures: u64,
    pub failure_reasons: Vec<String>,
    pub requests_per_s: f64,
    /// Whole-stream latency of successful requests.
    pub latency_ms: Option<Percentiles>,
    /// Time to first event of successful requests.
    pub first_event_ms: Option<Percentiles>,
    /// Per command type, in the `commands` scenario.
    pub commands: Vec<CommandLatency>,
    /// The `llm` scenario: time added over the fake model's first token.
    pub llm_added_ms: Option<Percentiles>,
    pub server: Option<ServerUsage>,
}

impl Summary {
    /// True when every user signed up and every request passed its checks.
    pub fn all_passed(&self) -> bool {
        self.requests > 0 && self.failures == 0 && self.setup_failures == 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "target        {} ({} users, {:.2} s)",
            self.url, self.users, self.elapsed_s
        )?;
        writeln!(
            f,
            "requests      {} ({} failed)",
            self.requests, self.failures
        )?;
        if self.setup_failures > 0 {
            writeln!(
                f,
                "setup         {} users failed to sign up or get a token",
                self.setup_failures
            )?;
        }
        writeln!(f, "throughput    {:.1} req/s", self.requests_per_s)?;
        if let Some(p) = &self.latency_ms {
            writeln!(
                f,
                "latency       p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
                p.p50, p.p95, p.p99, p.max
            )?;
        }
        if let Some(p) = &self.first_event_ms {
            writeln!(
                f,
                "first event   p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms",
                p.p50, p.p95, p.p99
            )?;
        }
        if let Some(p) = &self.llm_added_ms {
            writeln!(
                f,
                "LLM added     p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  (model's first token to first text delta)",
                p.p50, p.p95, p.p99
            )?;
        }
        if !self.commands.is_empty() {
            writeln!(
                f,
                "per command   first event p50 / p99      last event p50 / p99"
            )?;
            for c in &self.commands {
                writeln!(
                    f,
                    "  {:<10} {:>6}  {:>7.2} / {:>7.2} ms  {:>7.2} / {:>7.2} ms",
                    c.command,
                    c.requests,
                    c.first_event_ms.p50,
                    c.first_event_ms.p99,
                    c.latency_ms.p50,
                    c.latency_ms.p99
                )?;
            }
        }
        if let Some(server) = &self.server {
            write!(f, "{server}")?;
        }
        if !self.failure_reasons.is_empty() {
            writeln!(f, "first failures:")?;
            for reason in &self.failure_reasons {
                writeln!(f, "  {reason}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&values, 50.0), Some(50));
        assert_eq!(percentile(&values, 95.0), Some(95));
        assert_eq!(percentile(&values, 99.0), Some(99));
        assert_eq!(percentile(&values, 100.0), Some(100));
        assert_eq!(percentile(&values, 0.5), Some(1));
    }

    #[test]
    fn percentiles_of_small_samples() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[7], 50.0), Some(7));
        assert_eq!(percentile(&[7], 99.0), Some(7));
        // Of 10 values, p95 and p99 are both the largest (rank 10).
        let ten: Vec<u64> = (10..=100).step_by(10).collect();
        assert_eq!(percentile(&ten, 50.0), Some(50));
        assert_eq!(percentile(&ten, 95.0), Some(100));
    }

    #[test]
    fn summary_sorts_and_converts_to_milliseconds() {
        let mut recorder = Recorder::default();
        for ms in [30, 10, 20, 40] {
            recorder.success(Duration::from_millis(ms), Duration::from_millis(ms / 10));
        }
        let run = RunInfo {
            url: "http://127.0.0.1:1".into(),
            users: 1,
            elapsed: Duration::from_secs(2),
        };
        let summary = recorder.summarise(run, None);
        assert_eq!(summary.requests_per_s, 2.0);
        assert_eq!(
            summary.latency_ms,
            Some(Percentiles {
                p50: 20.0,
                p95: 40.0,
                p99: 40.0,
                max: 40.0
            })
        );
        assert_eq!(summary.first_event_ms.as_ref().map(|p| p.p50), Some(2.0));
        assert!(summary.all_passed());
    }

    #[test]
    fn merge_keeps_the_earliest_failures() {
        let mut total = Recorder::default();
        for user in 0..3u64 {
            let mut recorder = Recorder::default();
            for i in 0..4u64 {
                let at = Duration::from_millis(i * 10 + user);
                recorder.failed_request(Failure {
                    at,
                    reason: format!("u{user} r{i}"),
                });
            }
            total.merge(recorder);
        }
        assert_eq!(total.requests(), 12);
        let reasons: Vec<_> = total.failures.iter().map(|f| f.reason.as_str()).collect();
        assert_eq!(reasons, ["u0 r0", "u1 r0", "u2 r0", "u0 r1", "u1 r1"]);
    }
}
