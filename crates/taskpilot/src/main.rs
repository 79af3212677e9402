//! `taskpilot`: parse the configuration, then serve until SIGINT/SIGTERM.

use clap::Parser;
use taskpilot::config::Config;

fn main() -> anyhow::Result<()> {
    return_large_allocations_to_the_os();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
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

/// Each password hash allocates 19 MiB (argon2id's memory cost). glibc's
/// malloc raises its mmap threshold after the first such block is freed, so
/// later ones come from per-thread arenas and stay resident: every sign-up
/// added ~19 MiB of RSS that was never given back (measured: 420 MiB after
/// 20 sign-ups). Fixing the threshold at 1 MiB keeps big blocks in mmap, so
/// freeing them returns the memory.
fn return_large_allocations_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}
