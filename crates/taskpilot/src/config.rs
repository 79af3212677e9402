//! Configuration, read once at start-up from flags and the environment into a
//! typed, validated struct. Nothing else reads the environment.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::time::Duration;

use clap::Parser;

/// TaskPilot: a task manager with a conversational assistant (ChatKit protocol).
#[derive(Debug, Clone, Parser)]
#[command(name = "taskpilot", version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "PORT", default_value_t = 8000)]
    pub port: u16,

    /// Where data lives: `sqlite:<path>` (created on first run) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite:taskpilot.db")]
    pub database_url: String,

    /// The public base URL of this server; the `iss` and `aud` of the JWTs it
    /// issues. Defaults to `http://<host>:<port>`.
    #[arg(long, env = "PUBLIC_URL")]
    pub public_url: Option<String>,

    /// A Better Auth server whose JWTs are accepted too (JWKS at
    /// `<url>/api/auth/jwks`, issuer `<url>`).
    #[arg(long, env = "BETTER_AUTH_URL")]
    pub better_auth_url: Option<String>,

    /// The audience expected in that server's JWTs (default: its URL, as the
    /// JWT plugin sets it).
    #[arg(long, env = "BETTER_AUTH_AUDIENCE")]
    pub better_auth_audience: Option<String>,

    /// Largest accepted request body, in bytes (413 past it).
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Lifetime of a sign-in session, in days.
    #[arg(long, env = "SESSION_DAYS", default_value_t = 7)]
    pub session_days: u32,

    /// How many built-in replies and widget actions are worked on at once;
    /// the rest wait their turn after their message is saved and echoed.
    /// Default: one fewer than the CPU cores (at least one).
    #[arg(long, env = "REPLY_TURNS")]
    pub reply_turns: Option<usize>,

    /// Send the session cookie with `Secure` (turn on behind HTTPS).
    #[arg(long, env = "SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// API key of an OpenAI-compatible service. With one, the assistant
    /// understands messages with that model; without, with its built-in rules.
    #[arg(long, env = "OPENAI_API_KEY", hide_env_values = true)]
    pub openai_api_key: Option<ApiKey>,

    /// Base URL of the OpenAI-compatible API (`…/v1`, before `/chat/completions`).
    #[arg(long, env = "OPENAI_BASE_URL", default_value = DEFAULT_OPENAI_BASE_URL)]
    pub openai_base_url: String,

    /// The chat model the assistant asks.
    #[arg(long, env = "OPENAI_MODEL", default_value = DEFAULT_OPENAI_MODEL)]
    pub openai_model: String,

    /// Longest wait for the model service to answer a request (connecting
    /// included), in milliseconds.
    #[arg(long, env = "OPENAI_FIRST_BYTE_TIMEOUT_MS", default_value_t = 20_000)]
    pub openai_first_byte_timeout_ms: u64,

    /// Longest silence allowed inside a streamed reply, in milliseconds.
    #[arg(long, env = "OPENAI_IDLE_TIMEOUT_MS", default_value_t = 30_000)]
    pub openai_idle_timeout_ms: u64,

    /// Longest total wait, per reply, before retrying rate-limited or failed
    /// requests to the model service, in milliseconds.
    #[arg(long, env = "OPENAI_RETRY_BUDGET_MS", default_value_t = 10_000)]
    pub openai_retry_budget_ms: u64,
}

/// The OpenAI API, used when `OPENAI_BASE_URL` is not set.
pub const DEFAULT_OPENAI_BASE_URL: &str = "https://api.openai.com/v1";

/// The model used when `OPENAI_MODEL` is not set.
pub const DEFAULT_OPENAI_MODEL: &str = "gpt-4o-mini";

/// An API key. Its `Debug` never shows it, so logging the configuration is safe.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// The key itself, for the one header that carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        ApiKey(key.to_string())
    }
}

impl FromStr for ApiKey {
    type Err = std::convert::Infallible;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        Ok(ApiKey::from(key))
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl Config {
    /// The socket address to bind.
    pub fn listen_addr(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }

    /// The issuer/audience of our own JWTs, for a server bound to `bound`.
    pub fn public_url_for(&self, bound: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{bound}"),
        }
    }

    /// How long a session token stays valid.
    pub fn session_lifetime(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_days) * 24 * 3600)
    }

    /// Check what clap cannot: URLs that must be URLs, limits that must be positive.
    pub fn validate(&self) -> anyhow::Result<()> {
        if self.session_days == 0 {
            anyhow::bail!(
                "SESSION_DAYS must be at least 1 (0 would end every session as it starts)"
            );
        }
        if self.max_body_bytes < 1024 {
            anyhow::bail!(
                "MAX_BODY_BYTES must be at least 1024, got {}",
                self.max_body_bytes
            );
        }
        for (name, url) in [
            ("PUBLIC_URL", &self.public_url),
            ("BETTER_AUTH_URL", &self.better_auth_url),
        ] {
            if let Some(url) = url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                anyhow::bail!("{name} must be an http:// or https:// URL, got {url:?}");
            }
        }
        if self.reply_turns == Some(0) {
            anyhow::bail!("REPLY_TURNS must be at least 1 (0 would answer nothing)");
        }
        let base = &self.openai_base_url;
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            anyhow::bail!("OPENAI_BASE_URL must be an http:// or https:// URL, got {base:?}");
        }
        for (name, millis) in [
            (
                "OPENAI_FIRST_BYTE_TIMEOUT_MS",
                self.openai_first_byte_timeout_ms,
            ),
            ("OPENAI_IDLE_TIMEOUT_MS", self.openai_idle_timeout_ms),
        ] {
            if millis == 0 {
                anyhow::bail!("{name} must be at least 1 (0 would fail every reply)");
            }
        }
        Ok(())
    }

    /// A configuration for tests: the defaults, with the given database and a
    /// free port. Built directly, so the developer's environment (a
    /// `BETTER_AUTH_URL` in the shell, say) cannot change what tests see.
    pub fn for_tests(database_url: &str) -> Self {
        Config {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            database_url: database_url.to_string(),
            public_url: None,
            better_auth_url: None,
            better_auth_audience: None,
            max_body_bytes: 1024 * 1024,
            session_days: 7,
            reply_turns: None,
            secure_cookies: false,
            openai_api_key: None,
            openai_base_url: DEFAULT_OPENAI_BASE_URL.to_string(),
            openai_model: DEFAULT_OPENAI_MODEL.to_string(),
            openai_first_byte_timeout_ms: 20_000,
            openai_idle_timeout_ms: 30_000,
            openai_retry_budget_ms: 10_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Config;

    #[test]
    fn reply_turns_must_be_at_least_one() {
        let mut config = Config::for_tests("sqlite::memory:");
        assert!(config.validate().is_ok(), "the default (cores) is valid");
        config.reply_turns = Some(2);
        assert!(config.validate().is_ok());
        config.reply_turns = Some(0);
        let error = config.validate().expect_err("0 turns answers nothing");
        assert!(error.to_string().contains("REPLY_TURNS"), "{error}");
    }
}
