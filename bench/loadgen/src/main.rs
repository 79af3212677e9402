//! Load generator for TaskPilot: N virtual users sign up, then each loops
//! { `threads.create` "add task: item K"; `threads.add_user_message` "show tasks" }
//! (or, with `--scenario commands`, one thread of every command type: add,
//! list, complete, search, summary, delete; or, with `--scenario llm`, a
//! message answered by a fake model service loadgen serves itself) over
//! keep-alive connections, checking every event stream, until the duration
//! or iteration count runs out. Talks to loopback servers only.

mod client;
mod fake_llm;
mod server_usage;
mod sse;
mod stats;

use std::net::IpAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail, ensure};
use clap::Parser;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::client::User;
use crate::server_usage::ServerProcess;
use crate::stats::{Failure, Recorder, RunInfo, Summary};

/// No run lasts longer than this, whatever the flags say.
const HARD_CAP: Duration = Duration::from_secs(60 * 60);
/// The duration when neither `--duration` nor `--iterations` is given.
const DEFAULT_DURATION: Duration = Duration::from_secs(30);
/// A user pauses this long after a failure, so a dead server is not hammered.
const PAUSE_AFTER_FAILURE: Duration = Duration::from_millis(100);
/// Sign-ups under way at once: each costs the server a password hash, and
/// thousands at once would time out rather than measure anything.
const CONCURRENT_SIGN_UPS: usize = 16;

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Load generator for TaskPilot's ChatKit endpoint (loopback servers only)")]
struct Args {
    /// TaskPilot's base URL; its host must be loopback (127.0.0.0/8, localhost, ::1).
    #[arg(long, default_value = "http://127.0.0.1:8000")]
    url: String,
    /// Number of virtual users, each with its own account and connections.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    users: u32,
    /// How long to run the load (e.g. 30s, 500ms, 2m; at most 1h). Default 30s
    /// unless --iterations is given.
    #[arg(long, value_parser = parse_duration)]
    duration: Option<Duration>,
    /// Iterations per user (each is one threads.create and one add_user_message).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    iterations: Option<u64>,
    /// The server's pid, to report its CPU time per request and its memory.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// `basic` (add, show), `commands` (every command type, timed apart) or
    /// `llm` (replies from the fake model service on --fake-llm-port; start
    /// TaskPilot with OPENAI_API_KEY set and
    /// OPENAI_BASE_URL=http://127.0.0.1:<port>/v1).
    #[arg(long, default_value = "basic", value_parser = ["basic", "commands", "llm"])]
    scenario: String,
    /// Port of the fake model service the `llm` scenario serves on 127.0.0.1.
    #[arg(long, default_value_t = 9100)]
    fake_llm_port: u16,
    /// The fake model's time to its first token.
    #[arg(long, value_parser = parse_duration, default_value = "300ms")]
    fake_llm_first_token: Duration,
    /// The fake model's time between tokens.
    #[arg(long, value_parser = parse_duration, default_value = "20ms")]
    fake_llm_between_tokens: Duration,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args).await {
        Ok(summary) => {
            if args.json {
                match serde_json::to_string_pretty(&summary) {
                    Ok(json) => println!("{json}"),
                    Err(error) => {
                        eprintln!("loadgen: cannot encode the summary: {error}");
                        return ExitCode::from(2);
                    }
                }
            } else {
                print!("{summary}");
            }
            if summary.all_passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("loadgen: {error:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: &Args) -> Result<Summary> {
    let base_url = loopback_base_url(&args.url)?;
    // Up before any request, so the server finds it from the first reply.
    let fake_llm = if args.scenario == "llm" {
        let pace = fake_llm::Pace {
            first_token: args.fake_llm_first_token,
            between_tokens: args.fake_llm_between_tokens,
        };
        let fake = fake_llm::FakeLlm::start(args.fake_llm_port, pace).await?;
        eprintln!("loadgen: fake model service at http://{}/v1", fake.address);
        Some(Arc::new(fake))
    } else {
        None
    };
    let mut server = args.server_pid.map(ServerProcess::watch).transpose()?;
    check_health(&base_url).await?;

    eprintln!("loadgen: signing up {} users at {base_url}", args.users);
    let mut recorder = Recorder::default();
    let users = sign_up_users(&base_url, args.users, &mut recorder).await?;

    let plan = Arc::new(Plan::new(args));
    let stop = Arc::clone(&plan);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!(
                "loadgen: interrupted, finishing the requests under way (Ctrl-C again to quit)"
            );
            stop.interrupted.store(true, Ordering::Relaxed);
        }
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    });

    eprintln!("loadgen: load running ({})", plan.describe());
    if let Some(server) = &mut server {
        server.reset()?;
    }
    let mut tasks = JoinSet::new();
    for user in users {
        if let Some(fake) = &fake_llm {
            tasks.spawn(drive_llm(user, Arc::clone(&plan), Arc::clone(fake)));
        } else if args.scenario == "commands" {
            tasks.spawn(drive_commands(user, Arc::clone(&plan)));
        } else {
            tasks.spawn(drive(user, Arc::clone(&plan)));
        }
    }
    while let Some(user_recorder) = tasks.join_next().await {
        recorder.merge(user_recorder.context("a virtual user panicked")?);
    }
    let elapsed = plan.started.elapsed();

    let usage = server.map(|s| s.usage(recorder.requests())).transpose()?;
    let run = RunInfo {
        url: base_url,
        users: args.users as usize,
        elapsed,
    };
    Ok(recorder.summarise(run, usage))
}

/// When the load stops: deadline, iteration count or Ctrl-C, whichever comes first.
struct Plan {
    started: Instant,
    deadline: Instant,
    iterations: Option<u64>,
    interrupted: AtomicBool,
}

impl Plan {
    fn new(args: &Args) -> Plan {
        let duration = match (args.duration, args.iterations) {
            (Some(duration), _) => duration.min(HARD_CAP),
            (None, Some(_)) => HARD_CAP,
            (None, None) => DEFAULT_DURATION,
        };
        let started = Instant::now();
        Plan {
            started,
            deadline: started + duration,
            iterations: args.iterations,
            interrupted: AtomicBool::new(false),
        }
    }

    /// Whether a user that has done `done` iterations starts another.
    fn should_continue(&self, done: u64) -> bool {
        !self.interrupted.load(Ordering::Relaxed)
            && Instant::now() < self.deadline
            && self.iterations.is_none_or(|max| done < max)
    }

    /// Time since the load started, to order failures.
    fn since_start(&self) -> Duration {
        self.started.elapsed()
    }

    fn describe(&self) -> String {
        let seconds = self.deadline.duration_since(self.started).as_secs_f64();
        match self.iterations {
            Some(n) => format!("{n} iterations per user, at most {seconds:.0} s"),
            None => format!("{seconds:.1} s"),
        }
    }
}

/// One virtual user's loop; returns what it observed.
async fn drive(mut user: User, plan: Arc<Plan>) -> Recorder {
    let mut recorder = Recorder::default();
    let mut iteration = 0;
    while plan.should_continue(iteration) {
        iteration += 1;
        let failed = match user
            .create_thread(&format!("add task: item {iteration}"))
            .await
        {
            Ok((timing, thread_id)) => {
                recorder.success(timing.total, timing.first_event);
                match user.add_user_message(&thread_id, "show tasks").await {
                    Ok(timing) => {
                        recorder.success(timing.total, timing.first_event);
                        false
                    }
                    Err(error) => {
                        let reason = format!("threads.add_user_message: {error:#}");
                        recorder.failed_request(Failure {
                            at: plan.since_start(),
                            reason,
                        });
                        true
                    }
                }
            }
            Err(error) => {
                let reason = format!("threads.create: {error:#}");
                recorder.failed_request(Failure {
                    at: plan.since_start(),
                    reason,
                });
                true
            }
        };
        if failed {
            tokio::time::sleep(PAUSE_AFTER_FAILURE).await;
        }
    }
    recorder
}

/// One virtual user's loop over every command type, each timed apart: a
/// thread that adds a task with a unique word, lists, completes it by
/// title, searches for it, asks what is due, and asks to delete it.
async fn drive_commands(mut user: User, plan: Arc<Plan>) -> Recorder {
    let mut recorder = Recorder::default();
    let mut iteration = 0;
    while plan.should_continue(iteration) {
        iteration += 1;
        // "q12z" is no other title's word start ("q120z" is not "q12z…").
        let word = format!("q{iteration}z");
        let failed = match user
            .create_thread(&format!(
                "add pay bill {word} tomorrow at 5pm, high priority #bills"
            ))
            .await
        {
            Ok((timing, thread_id)) => {
                recorder.success_of("add", timing.total, timing.first_event);
                let commands = [
                    ("list", "show my tasks".to_owned()),
                    ("complete", format!("mark pay bill {word} as done")),
                    ("search", format!("search {word}")),
                    ("summary", "what's due today?".to_owned()),
                    ("delete", format!("delete pay bill {word}")),
                ];
                let mut failed = false;
                for (command, text) in commands {
                    match user.add_user_message(&thread_id, &text).await {
                        Ok(timing) => {
                            recorder.success_of(command, timing.total, timing.first_event)
                        }
                        Err(error) => {
                            recorder.failed_request(Failure {
                                at: plan.since_start(),
                                reason: format!("{command}: {error:#}"),
                            });
                            failed = true;
                            break;
                        }
                    }
                }
                failed
            }
            Err(error) => {
                recorder.failed_request(Failure {
                    at: plan.since_start(),
                    reason: format!("add (threads.create): {error:#}"),
                });
                true
            }
        };
        if failed {
            tokio::time::sleep(PAUSE_AFTER_FAILURE).await;
        }
    }
    recorder
}

/// Probe ids, unique across users.
static PROBES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One virtual user's loop over LLM replies: a new thread per message, each
/// with a probe word the fake model service keys its first token under.
async fn drive_llm(mut user: User, plan: Arc<Plan>, fake: Arc<fake_llm::FakeLlm>) -> Recorder {
    let mut recorder = Recorder::default();
    let mut iteration = 0;
    while plan.should_continue(iteration) {
        iteration += 1;
        let probe = format!("probe-{}", PROBES.fetch_add(1, Ordering::Relaxed));
        let outcome = user
            .create_thread(&format!("tell me something {probe}"))
            .await
            .and_then(|(timing, _)| {
                let read = timing
                    .first_text_at
                    .context("the reply streamed no text (is OPENAI_BASE_URL the fake's?)")?;
                let sent = fake
                    .first_token_sent(&probe)
                    .context("the fake model service never answered this message")?;
                Ok((timing, read.saturating_duration_since(sent)))
            });
        match outcome {
            Ok((timing, added)) => {
                recorder.success_of("llm", timing.total, timing.first_event);
                recorder.llm_added(added);
            }
            Err(error) => {
                recorder.failed_request(Failure {
                    at: plan.since_start(),
                    reason: format!("llm: {error:#}"),
                });
                tokio::time::sleep(PAUSE_AFTER_FAILURE).await;
            }
        }
    }
    recorder
}

/// Signs `count` users up concurrently; a user that fails is recorded and left out.
async fn sign_up_users(base_url: &str, count: u32, recorder: &mut Recorder) -> Result<Vec<User>> {
    // Unique across runs against the same database: pid plus start time.
    let unix_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let run_id = format!("{}-{unix_ms}", std::process::id());
    let started = Instant::now();
    let permits = Arc::new(Semaphore::new(CONCURRENT_SIGN_UPS));
    let mut sign_ups = JoinSet::new();
    for index in 0..count {
        let base_url = base_url.to_owned();
        let run_id = run_id.clone();
        let permits = Arc::clone(&permits);
        sign_ups.spawn(async move {
            let _permit = permits.acquire_owned().await?;
            let email = format!("loadgen-{run_id}-{index}@example.com");
            let password = format!("loadgen-{run_id}-password");
            User::sign_up(&base_url, &format!("Load user {index}"), &email, &password).await
        });
    }
    let mut users = Vec::with_capacity(count as usize);
    while let Some(result) = sign_ups.join_next().await {
        match result.context("a sign-up task panicked")? {
            Ok(user) => users.push(user),
            Err(error) => {
                let reason = format!("sign-up: {error:#}");
                recorder.failed_setup(Failure {
                    at: Duration::ZERO,
                    reason,
                });
            }
        }
    }
    eprintln!(
        "loadgen: {} of {count} users ready in {:.1} s",
        users.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(users)
}

/// Fails early, with a clear message, when nothing answers at `base_url`.
async fn check_health(base_url: &str) -> Result<()> {
    let http = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()?;
    let url = format!("{base_url}/healthz");
    let response = http
        .get(&url)
        .send()
        .await
        .with_context(|| format!("cannot reach {url}"))?;
    ensure!(
        response.status().is_success(),
        "{url} answered {}",
        response.status()
    );
    Ok(())
}

/// Parses `--url`, refusing any host that is not loopback; returns it without a trailing slash.
fn loopback_base_url(raw: &str) -> Result<String> {
    let url = reqwest::Url::parse(raw).with_context(|| format!("{raw:?} is not a URL"))?;
    ensure!(
        matches!(url.scheme(), "http" | "https"),
        "{raw:?}: only http and https are supported"
    );
    let host = url.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        bail!("{raw:?}: refusing a host that is not loopback (127.0.0.0/8, localhost, ::1)");
    }
    ensure!(
        url.query().is_none() && url.fragment().is_none(),
        "{raw:?}: no query or fragment, please"
    );
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// Parses `30s`, `500ms`, `2m`, `1h` or a bare number of seconds; at most [`HARD_CAP`].
fn parse_duration(text: &str) -> Result<Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .with_context(|| format!("{text:?} does not start with a number"))?;
    let seconds = match unit.trim() {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "m" | "min" => number * 60.0,
        "h" => number * 3600.0,
        other => bail!("unknown unit {other:?} (use ms, s, m or h)"),
    };
    let duration = Duration::try_from_secs_f64(seconds).context("duration out of range")?;
    ensure!(!duration.is_zero(), "the duration must be positive");
    ensure!(duration <= HARD_CAP, "at most {} s", HARD_CAP.as_secs());
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_loopback_hosts() {
        for ok in [
            "http://127.0.0.1:8000",
            "http://127.3.2.1:8000/",
            "http://localhost:8000",
            "http://LOCALHOST",
            "http://[::1]:8000",
            "https://127.0.0.1",
        ] {
            assert!(loopback_base_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://example.com",
            "http://10.0.0.1:8000",
            "http://0.0.0.0:8000",
            "http://[::]:8000",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "ftp://127.0.0.1",
            "127.0.0.1:8000",
        ] {
            assert!(loopback_base_url(refused).is_err(), "{refused}");
        }
        assert_eq!(
            loopback_base_url("http://127.0.0.1:8000/").ok().as_deref(),
            Some("http://127.0.0.1:8000")
        );
    }

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("30s").ok(), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("45").ok(), Some(Duration::from_secs(45)));
        assert_eq!(
            parse_duration("500ms").ok(),
            Some(Duration::from_millis(500))
        );
        assert_eq!(parse_duration("2m").ok(), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_duration("1.5s").ok(),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_duration("1h").ok(), Some(HARD_CAP));
        for bad in ["", "s", "0s", "2d", "-1s", "2h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
