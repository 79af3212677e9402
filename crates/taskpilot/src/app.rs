//! Composition: connect the store, build the services, mount the HTTP
//! surfaces, and serve with graceful shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::assistant::{TaskAssistant, Turns};
use crate::auth::Auth;
use crate::config::Config;
use crate::state::AppState;
use crate::tasks::TaskService;
use crate::{api, store};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

/// Build the state and router for a server that is (or will be) reachable at `bound`.
pub async fn build(config: Config, bound: SocketAddr) -> anyhow::Result<(AppState, Router)> {
    let db = store::connect(&config.database_url).await?;
    let public_url = config.public_url_for(bound);
    let auth = Arc::new(Auth::new(&config, public_url, db.clone()).await?);
    let tasks = TaskService::new(db.clone());
    // With an API key, an LLM agent answers; without one, the built-in
    // understanding does (the product works offline).
    let agent = crate::assistant::llm::Agent::from_config(&config)?;
    let assistant = Arc::new(TaskAssistant::new(
        db.clone(),
        tasks.clone(),
        agent,
        Turns::new(config.reply_turns.unwrap_or_else(Turns::default_count)),
    ));
    let chatkit = Arc::new(chatkit::ChatKit::new(db.clone(), assistant));
    let state = AppState {
        config: Arc::new(config),
        db,
        auth,
        chatkit,
        tasks,
    };
    Ok((state.clone(), router(state)))
}

/// Every route of the product.
pub fn router(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    let (documented, document) = api_router().split_for_parts();
    Router::new()
        .merge(documented)
        .merge(api::docs::router(&document))
        .merge(api::health::router())
        .merge(crate::auth::routes::router())
        .merge(api::chatkit::router())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The documented REST API: its routes and, from their annotations, the
/// OpenAPI document.
fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(api::docs::ApiDoc::openapi())
        .merge(api::tasks::router())
        .merge(api::chat::router())
        .merge(api::settings::router())
}

/// Serve on the configured address until SIGINT or SIGTERM.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let (listener, addr) = bind(&config).await?;
    let (state, router) = build(config, addr).await?;
    tracing::info!("TaskPilot listening on http://{addr}");
    run_until(listener, router, state.db, shutdown_signal()).await?;
    tracing::info!("TaskPilot stopped");
    Ok(())
}

/// Serve until `shutdown` resolves and in-flight requests finish, doing the
/// periodic upkeep meanwhile; then close the database.
async fn run_until<L>(
    listener: L,
    router: Router,
    db: store::Db,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()>
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
{
    let served = axum::serve(listener, router).with_graceful_shutdown(shutdown);
    let result = tokio::select! {
        result = served => result,
        () = purge_expired_sessions(db.clone()) => Ok(()),
    };
    db.close().await;
    result
}

/// How often expired sign-in sessions are deleted.
const SESSION_PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Delete expired sessions now and then, so the table does not grow forever.
/// Several instances may all do it: the DELETE is idempotent. Never returns.
async fn purge_expired_sessions(db: store::Db) {
    let mut tick = tokio::time::interval(SESSION_PURGE_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        match db.delete_expired_sessions(chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "deleted expired sessions"),
            Err(e) => tracing::warn!(error = ?e, "deleting expired sessions failed"),
        }
    }
}

/// A server running in the background (tests, benchmarks): its address and a
/// handle that stops it when dropped.
pub struct RunningApp {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningApp {
    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stop accepting requests and wait for in-flight ones.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for RunningApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Start a server on `config.host:config.port` (port 0 picks a free one) in the background.
pub async fn spawn(config: Config) -> anyhow::Result<RunningApp> {
    let (listener, addr) = bind(&config).await?;
    let (state, router) = build(config, addr).await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let db = state.db.clone();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = run_until(listener, router, db, shutdown).await {
            tracing::error!(error = %e, "server stopped with an error");
        }
    });
    Ok(RunningApp {
        addr,
        state,
        stop: Some(stop),
        task,
    })
}

/// Bind the listening socket. Small SSE frames must leave at once: without
/// `TCP_NODELAY`, Nagle's algorithm and delayed ACKs add ~40 ms to every
/// request on a kept-alive connection (measured with the load generator).
async fn bind(
    config: &Config,
) -> anyhow::Result<(impl axum::serve::Listener<Addr = SocketAddr>, SocketAddr)> {
    let listener = TcpListener::bind(config.listen_addr()).await?;
    let addr = listener.local_addr()?;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    Ok((listener, addr))
}

/// Resolves on Ctrl-C or SIGTERM (what a process manager sends).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
