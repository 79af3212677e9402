//! Timing the cases: in-process through the product's [`TaskService`] (what
//! `GET /api/tasks` runs, minus JSON encoding: the "server time"), and over
//! HTTP against the real server on loopback (parsing, auth, JSON, socket).
//! Requests run one after another, after a warm-up, so each sample is one
//! listing's latency on a database that is otherwise idle.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, ensure};
use serde::Serialize;
use serde_json::Value;
use taskpilot::tasks::{ListParams, Scope, TaskService};

use crate::account::{Server, ok_json, snippet};
use crate::cases::{self, Case};
use crate::report::Latency;

/// How many times each case runs.
#[derive(Debug, Clone, Copy)]
pub struct Runs {
    pub warmup: u32,
    pub iterations: u32,
}

/// One case's result on one path.
#[derive(Debug, Clone, Serialize)]
pub struct CaseRun {
    pub key: &'static str,
    pub label: &'static str,
    pub query: String,
    /// Tasks that match (the listing's `total`).
    pub total: u64,
    /// Tasks on the timed page.
    pub rows: usize,
    pub latency: Latency,
}

/// Times `case` through the task service, as the API handler calls it.
pub async fn in_process(
    service: &TaskService,
    scope: &Scope,
    case: &Case,
    runs: Runs,
) -> Result<CaseRun> {
    let list = |params: ListParams| async move {
        service
            .list(scope, &params)
            .await
            .map_err(|e| anyhow!("listing {}: {e:?}", cases::describe(&params)))
    };
    // Walk to the page to time, by the cursors the service hands out.
    let mut params = case.params.clone();
    for page in 0..case.skip_pages {
        let listing = list(params.clone()).await?;
        params.cursor = Some(
            listing
                .next_cursor
                .ok_or_else(|| anyhow!("case {}: no page after page {}", case.key, page + 1))?,
        );
    }
    let first = list(params.clone()).await?;
    let (total, rows) = (first.page.total, first.page.tasks.len());
    for _ in 0..runs.warmup {
        list(params.clone()).await?;
    }
    let mut samples = Vec::with_capacity(runs.iterations as usize);
    for _ in 0..runs.iterations {
        let started = Instant::now();
        let listing = list(params.clone()).await?;
        samples.push(started.elapsed());
        ensure!(
            listing.page.total == total && listing.page.tasks.len() == rows,
            "case {}: the listing changed between runs",
            case.key
        );
    }
    Ok(CaseRun {
        key: case.key,
        label: case.label,
        query: cases::describe(&case.params),
        total,
        rows,
        latency: Latency::of(&mut samples),
    })
}

/// Times `case` as `GET /api/tasks?…` on the running server, to the last
/// byte of the body, on one kept-alive connection.
pub async fn over_http(server: &Server, jwt: &str, case: &Case, runs: Runs) -> Result<CaseRun> {
    let mut params = case.params.clone();
    for page in 0..case.skip_pages {
        let body = get(server, jwt, &params).await?.1;
        let cursor = body["next_cursor"]
            .as_str()
            .ok_or_else(|| anyhow!("case {}: no next_cursor after page {}", case.key, page + 1))?;
        params.cursor = Some(cursor.to_owned());
    }
    let (_, first) = get(server, jwt, &params).await?;
    let total = first["total"]
        .as_u64()
        .ok_or_else(|| anyhow!("no total in {}", snippet(&first.to_string())))?;
    let rows = first["items"].as_array().map_or(0, Vec::len);
    let url = url(server, &params)?;
    for _ in 0..runs.warmup {
        fetch(server, jwt, &url).await?;
    }
    let mut samples = Vec::with_capacity(runs.iterations as usize);
    for _ in 0..runs.iterations {
        samples.push(fetch(server, jwt, &url).await?);
    }
    Ok(CaseRun {
        key: case.key,
        label: case.label,
        query: cases::describe(&case.params),
        total,
        rows,
        latency: Latency::of(&mut samples),
    })
}

/// `GET /api/tasks` with `params`: its latency and JSON body.
async fn get(server: &Server, jwt: &str, params: &ListParams) -> Result<(Duration, Value)> {
    let started = Instant::now();
    let response = server
        .http
        .get(url(server, params)?)
        .bearer_auth(jwt)
        .send()
        .await
        .context("GET /api/tasks")?;
    let body = ok_json(response)
        .await
        .with_context(|| format!("GET /api/tasks?{}", cases::describe(params)))?;
    Ok((started.elapsed(), body))
}

/// One timed request: headers and the whole body read, status checked.
async fn fetch(server: &Server, jwt: &str, url: &reqwest::Url) -> Result<Duration> {
    let started = Instant::now();
    let response = server
        .http
        .get(url.clone())
        .bearer_auth(jwt)
        .send()
        .await
        .context("GET /api/tasks")?;
    let status = response.status();
    let body = response.bytes().await.context("reading the body")?;
    let elapsed = started.elapsed();
    ensure!(
        status == reqwest::StatusCode::OK,
        "HTTP {status}: {}",
        snippet(&String::from_utf8_lossy(&body))
    );
    Ok(elapsed)
}

fn url(server: &Server, params: &ListParams) -> Result<reqwest::Url> {
    let mut url = reqwest::Url::parse(&format!("{}/api/tasks", server.base_url))?;
    url.query_pairs_mut().extend_pairs(cases::pairs(params));
    Ok(url)
}
