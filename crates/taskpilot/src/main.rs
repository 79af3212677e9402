//! `taskpilot`: parse the configuration, then serve until SIGINT/SIGTERM.

use clap::Parser;
use taskpilot::config::Config;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .init();
    let config = Config::parse();
    config.validate()?;
    taskpilot::app::serve(config).await
}
