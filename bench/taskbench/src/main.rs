//! Listing benchmark for TaskPilot: seeds N users and M tasks (one heavy user
//! with H of them) straight into the product's database, then times pages of
//! the heavy user's tasks, filtered and sorted, through the product's task
//! service (the server time) and, with `--http`, through the real server on
//! loopback; and shows the plans of the SQL behind them. Local databases
//! only (SQLite, or PostgreSQL on 127.0.0.1); it stops by itself.

mod account;
mod cases;
mod connection;
mod dataset;
mod explain;
mod measure;
mod meta;
mod report;
mod rng;
mod seed;
mod target;

use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, ensure};
use chrono::Utc;
use clap::Parser;
use taskpilot::store::Db;
use taskpilot::tasks::{ListParams, Scope, TaskService};

use crate::account::{Account, HEAVY_EMAIL, Server};
use crate::cases::Case;
use crate::connection::Conn;
use crate::dataset::{Dataset, Plan, SEARCH_WORD};
use crate::measure::{CaseRun, Runs};
use crate::meta::Meta;
use crate::report::{HeavyUser, Machine, Summary};
use crate::target::Target;

/// No run lasts longer than this, whatever the sizes.
const HARD_CAP: Duration = Duration::from_secs(3 * 60 * 60);

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Listing benchmark for TaskPilot (local SQLite or loopback PostgreSQL only)")]
struct Args {
    /// `sqlite:<file>` or `postgres://…@127.0.0.1/<name>` (a database of the
    /// benchmark's own: created, and dropped to reseed). Default: a SQLite
    /// file in a temporary directory, removed at the end.
    #[arg(long)]
    database_url: Option<String>,
    /// Users (default 1,000).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    users: Option<u32>,
    /// Tasks over all users (default 1,000,000).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    tasks: Option<u64>,
    /// Tasks of the heavy user, the one whose listings are timed (default 100,000).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    heavy: Option<u64>,
    /// Timed runs of each case (default 200).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    iterations: Option<u32>,
    /// Untimed runs of each case first (default: a tenth of --iterations, at least 5).
    #[arg(long)]
    warmup: Option<u32>,
    /// Seed of the generated data; the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep a database an earlier run seeded with the same sizes and seed.
    #[arg(long)]
    reuse: bool,
    /// Also time `GET /api/tasks` over HTTP against the real server.
    #[arg(long)]
    http: bool,
    /// Run only these cases (by number, e.g. `--case 5 --case 8`); default all.
    #[arg(long = "case", value_name = "N")]
    cases: Vec<String>,
    /// Print the summary as JSON on stdout (progress goes to stderr).
    #[arg(long)]
    json: bool,
    /// A small run for CI: 10 users, 20,000 tasks, heavy 5,000, 20 iterations.
    #[arg(long, conflicts_with_all = ["users", "tasks", "heavy", "iterations"])]
    smoke: bool,
    /// Exit with status 1 when a case is over 5 ms at p95 server side.
    #[arg(long)]
    fail_over_target: bool,
}

impl Args {
    fn plan(&self) -> Plan {
        let (users, tasks, heavy) = if self.smoke {
            (10, 20_000, 5_000)
        } else {
            (1_000, 1_000_000, 100_000)
        };
        Plan {
            users: self.users.unwrap_or(users),
            tasks: self.tasks.unwrap_or(tasks),
            heavy: self.heavy.unwrap_or(heavy),
            seed: self.seed,
        }
    }

    fn runs(&self) -> Runs {
        let iterations = self.iterations.unwrap_or(if self.smoke { 20 } else { 200 });
        Runs {
            warmup: self.warmup.unwrap_or((iterations / 10).max(5)),
            iterations,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = tokio::select! {
        outcome = tokio::time::timeout(HARD_CAP, run(&args)) => {
            outcome.unwrap_or_else(|_| Err(anyhow!("stopped at the {} s hard cap", HARD_CAP.as_secs())))
        }
        // Returning (rather than exiting) drops the temporary database.
        _ = tokio::signal::ctrl_c() => Err(anyhow!("interrupted")),
    };
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!("taskbench: {error:#}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&summary) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("taskbench: cannot encode the summary: {error}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{summary}");
    }
    if !summary.problems.is_empty() || (args.fail_over_target && !summary.over_target.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

async fn run(args: &Args) -> Result<Summary> {
    let plan = args.plan();
    plan.check()?;
    let runs = args.runs();
    let load_before = Machine::load_average();

    let (target, reused) = target::prepare(args.database_url.as_deref(), &plan, args.reuse).await?;
    eprintln!("taskbench: database {}", target.display_url());
    // Starting the server runs the migrations; the heavy user signs up on it.
    let server = Server::start(&target.url).await?;
    let (server, account, seeding) = match reused {
        Some(meta) => {
            eprintln!("taskbench: reusing the data seeded earlier");
            let account = server.heavy_account().await?;
            ensure!(
                account.user_id == meta.heavy_user_id,
                "the heavy account is not the one the data was seeded for"
            );
            (Some(server), account, None)
        }
        None => {
            let account = server.heavy_account().await?;
            // Nothing else may hold the database while seeding.
            server.stop().await;
            let report = seed_database(&target, &plan, &account).await?;
            (None, account, Some(report))
        }
    };

    let db = taskpilot::store::connect(&target.url).await?;
    let outcome = measure_all(args, runs, &target, &db, server, &account).await;
    db.close().await;
    let measured = outcome?;

    let mut problems = measured.problems;
    if measured.heavy.tasks != plan.heavy {
        problems.push(format!(
            "the heavy user lists {} tasks, not {}",
            measured.heavy.tasks, plan.heavy
        ));
    }
    Ok(Summary {
        backend: target.backend,
        database: target.display_url(),
        plan,
        seeding,
        database_bytes: target.size_bytes().await?,
        machine: Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            load_before,
            load_after: Machine::load_average(),
        },
        heavy_user: measured.heavy,
        iterations: runs.iterations,
        warmup: runs.warmup,
        target_ms: report::TARGET_MS,
        over_target: Summary::find_over_target(&measured.in_process),
        in_process: measured.in_process,
        http: measured.http,
        explained: measured.explained,
        problems,
    })
}

/// Seeds the heavy user's and everyone else's data, recording progress so
/// a run that dies half-way is seeded again next time.
async fn seed_database(
    target: &Target,
    plan: &Plan,
    account: &Account,
) -> Result<seed::SeedReport> {
    let data = Dataset::new(*plan, &account.user_id, Utc::now());
    let mut meta = Meta {
        plan: *plan,
        heavy_user_id: account.user_id.clone(),
        heavy_email: HEAVY_EMAIL.to_owned(),
        anchor: data.anchor,
        complete: false,
        seed_seconds: 0.0,
    };
    let mut conn = Conn::open(&target.url).await?;
    meta::record(&mut conn, &meta).await?;
    eprintln!(
        "taskbench: seeding {} users, {} tasks ({} for the heavy user)",
        plan.users, plan.tasks, plan.heavy
    );
    let report = seed::seed(&mut conn, data, plan.tasks).await?;
    meta.complete = true;
    meta.seed_seconds = report.seconds;
    meta::record(&mut conn, &meta).await?;
    conn.close().await?;
    eprintln!("taskbench: seeded in {:.1} s", report.seconds);
    Ok(report)
}

/// What the measuring phase found.
struct Measured {
    heavy: HeavyUser,
    in_process: Vec<CaseRun>,
    http: Option<Vec<CaseRun>>,
    explained: Vec<explain::Explained>,
    problems: Vec<String>,
}

async fn measure_all(
    args: &Args,
    runs: Runs,
    target: &Target,
    db: &Db,
    server: Option<Server>,
    account: &Account,
) -> Result<Measured> {
    let service = TaskService::new(db.clone());
    let scope = service
        .scope(&account.user_id)
        .await
        .map_err(|e| anyhow!("the heavy user's scope: {e:?}"))?;
    let heavy = heavy_user(db, &service, &scope).await?;
    let mut cases = cases::all(&heavy.tag, &heavy.search_word);
    if !args.cases.is_empty() {
        let unknown: Vec<&String> = args
            .cases
            .iter()
            .filter(|key| !cases.iter().any(|case| case.key == key.as_str()))
            .collect();
        ensure!(unknown.is_empty(), "no such case: {unknown:?} (1 to 11)");
        cases.retain(|case| args.cases.iter().any(|key| key == case.key));
    }

    let mut in_process = Vec::new();
    for case in &cases {
        eprintln!("taskbench: in-process case {} ({})", case.key, case.label);
        in_process.push(measure::in_process(&service, &scope, case, runs).await?);
    }

    let mut problems = Vec::new();
    let http = if args.http {
        let server = match server {
            Some(server) => server,
            None => Server::start(&target.url).await?,
        };
        let outcome = measure_http(&server, account, &cases, runs).await;
        server.stop().await;
        let http = outcome?;
        for (local, remote) in in_process.iter().zip(&http) {
            if (local.total, local.rows) != (remote.total, remote.rows) {
                problems.push(format!(
                    "case {}: in-process lists {} of {}, HTTP {} of {}",
                    local.key, local.rows, local.total, remote.rows, remote.total
                ));
            }
        }
        Some(http)
    } else {
        if let Some(server) = server {
            server.stop().await;
        }
        None
    };

    let over = Summary::find_over_target(&in_process);
    let mut conn = Conn::open(&target.url).await?;
    let mut explained = Vec::new();
    for case in cases
        .iter()
        .filter(|case| case.explain || over.iter().any(|key| key == case.key))
    {
        eprintln!("taskbench: explaining case {}", case.key);
        let params = timed_params(&service, &scope, case).await?;
        let query = params
            .to_query(scope.time_zone, Utc::now())
            .map_err(|e| anyhow!("case {}: {e:?}", case.key))?;
        explained
            .push(explain::explain(&mut conn, case.key, case.label, &scope.user_id, &query).await?);
    }
    conn.close().await?;
    Ok(Measured {
        heavy,
        in_process,
        http,
        explained,
        problems,
    })
}

async fn measure_http(
    server: &Server,
    account: &Account,
    cases: &[Case],
    runs: Runs,
) -> Result<Vec<CaseRun>> {
    // One JWT for the whole phase: it lives 15 minutes, far longer than
    // the 11 cases take.
    let jwt = server.jwt(account).await?;
    let mut results = Vec::new();
    for case in cases {
        eprintln!("taskbench: HTTP case {} ({})", case.key, case.label);
        results.push(measure::over_http(server, &jwt, case, runs).await?);
    }
    Ok(results)
}

/// The heavy user's size, their most-used tag, and the search word.
async fn heavy_user(db: &Db, service: &TaskService, scope: &Scope) -> Result<HeavyUser> {
    let listing = service
        .list(scope, &ListParams::default())
        .await
        .map_err(|e| anyhow!("listing the heavy user's tasks: {e:?}"))?;
    let tags = db.tags(&scope.user_id).await?;
    // The most used: the largest set a tag filter has to count.
    let tag = tags
        .iter()
        .max_by_key(|tag| tag.tasks)
        .context("the heavy user has no tags")?;
    Ok(HeavyUser {
        user_id: scope.user_id.clone(),
        tasks: listing.page.total,
        tag: tag.name.clone(),
        tag_tasks: tag.tasks,
        search_word: SEARCH_WORD.to_owned(),
    })
}

/// The parameters of `case`'s timed page (with the cursor of a deep page).
async fn timed_params(service: &TaskService, scope: &Scope, case: &Case) -> Result<ListParams> {
    let mut params = case.params.clone();
    for _ in 0..case.skip_pages {
        let listing = service
            .list(scope, &params)
            .await
            .map_err(|e| anyhow!("case {}: {e:?}", case.key))?;
        params.cursor = listing.next_cursor;
    }
    Ok(params)
}
