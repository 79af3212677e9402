//! Passwords: the length rules, and argon2id hashing (PHC strings) run on the
//! blocking pool, since one hash costs tens of milliseconds of CPU.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use argon2::Argon2;
use argon2::password_hash::{self, PasswordHasher, PasswordVerifier};
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Fewest characters a new password may have (Better Auth's default).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Most characters a password may have; also bounds the cost of hashing one.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A password as the user typed it. Its `Debug` never shows it.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

impl Password {
    /// Check the rules a new password must follow: 8 to 128 characters.
    pub fn check_new(&self) -> Result<(), ApiError> {
        let chars = self.0.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(ApiError::BadRequest {
                code: "PASSWORD_TOO_SHORT",
                message: format!(
                    "Password too short: use at least {MIN_PASSWORD_CHARS} characters."
                ),
            });
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(ApiError::BadRequest {
                code: "PASSWORD_TOO_LONG",
                message: format!("Password too long: use at most {MAX_PASSWORD_CHARS} characters."),
            });
        }
        Ok(())
    }

    /// Whether the password is too long to be anyone's (so not worth hashing).
    pub fn is_too_long(&self) -> bool {
        self.0.chars().count() > MAX_PASSWORD_CHARS
    }
}

/// Longest a request waits for a free hashing slot before it is answered 503:
/// past this the server is saturated, and a queue allowed to grow without
/// limit would only hold more requests (and their memory) for longer.
const MAX_QUEUE_WAIT: Duration = Duration::from_secs(10);
/// The `Retry-After` sent with that 503, in seconds.
const BUSY_RETRY_AFTER_SECS: u64 = 5;

/// Runs argon2 with bounded concurrency: each hash holds 19 MiB and a core
/// for tens of milliseconds, so a burst of sign-ins must queue rather than
/// run all at once (measured: 20 concurrent sign-ups pushed the server's
/// peak RSS to 420 MiB without the bound).
pub struct Hasher {
    permits: Arc<Semaphore>,
    max_wait: Duration,
}

impl Hasher {
    /// At most one hash per available core at a time.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Hasher::with_limits(cores, MAX_QUEUE_WAIT)
    }

    /// At most `slots` hashes at a time; a caller waiting longer than
    /// `max_wait` for one is refused.
    fn with_limits(slots: usize, max_wait: Duration) -> Self {
        Hasher {
            permits: Arc::new(Semaphore::new(slots)),
            max_wait,
        }
    }

    /// Hash a password into an argon2id PHC string (random salt, default
    /// parameters: 19 MiB, 2 passes).
    pub async fn hash(&self, password: Password) -> Result<String, ApiError> {
        let phc = self
            .run(move || {
                Argon2::default()
                    .hash_password(password.0.as_bytes())
                    .map(|hash| hash.to_string())
                    .map_err(|e| anyhow!("hashing a password failed: {e}"))
            })
            .await??;
        Ok(phc)
    }

    /// Whether `password` matches the PHC string `phc`. An unreadable `phc` is
    /// an error, not a mismatch: it means the stored data is broken.
    pub async fn verify(&self, password: Password, phc: String) -> Result<bool, ApiError> {
        let matches = self
            .run(move || {
                match Argon2::default().verify_password(password.0.as_bytes(), phc.as_str()) {
                    Ok(()) => Ok(true),
                    Err(password_hash::Error::PasswordInvalid) => Ok(false),
                    Err(e) => Err(anyhow!("a stored password hash is unusable: {e}")),
                }
            })
            .await??;
        Ok(matches)
    }

    /// Run `work` on the blocking pool once a slot is free; 503 when none
    /// frees up within `max_wait`.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = tokio::time::timeout(self.max_wait, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| ApiError::ServiceUnavailable {
                message: "The server is busy; please try again in a few seconds.".into(),
                retry_after_secs: BUSY_RETRY_AFTER_SECS,
            })?
            .context("the password hasher is closed")?;
        // The permit moves into the blocking task, so the slot stays taken
        // until the hash is done. Were it held here instead, a client that
        // disconnects would drop this future and free the slot while the
        // hash (which cannot be cancelled) still runs: the bound would not
        // hold.
        let done = tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .context("the password hashing task failed")?;
        Ok(done)
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

/// A hash of a random password, to verify against when the account does not
/// exist, so that sign-in costs the same either way.
pub async fn dummy_hash(hasher: &Hasher) -> Result<String, ApiError> {
    use base64::Engine;
    use rand::RngCore;
    let mut random = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut random);
    hasher
        .hash(Password(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random),
        ))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    impl From<&str> for Password {
        fn from(raw: &str) -> Self {
            Password(raw.to_string())
        }
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = Hasher::new();
        let phc = hasher
            .hash(Password::from("correct horse battery"))
            .await
            .unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(
            hasher
                .verify(Password::from("correct horse battery"), phc.clone())
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify(Password::from("correct horse battery!"), phc)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_broken_hash_is_an_error_not_a_mismatch() {
        let result = Hasher::new()
            .verify(Password::from("whatever1"), "not a phc string".into())
            .await;
        assert!(matches!(result, Err(ApiError::Internal(_))), "{result:?}");
    }

    #[tokio::test]
    async fn the_dummy_hash_matches_nothing_typed() {
        let hasher = Hasher::new();
        let dummy = dummy_hash(&hasher).await.unwrap();
        assert!(
            !hasher
                .verify(Password::from("password123"), dummy)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_slot_stays_taken_until_the_hash_ends_even_if_the_client_leaves() {
        let hasher = Arc::new(Hasher::with_limits(1, Duration::from_millis(200)));
        // A stand-in for a long hash: runs until told to stop.
        let (started_tx, started_rx) = tokio::sync::oneshot::channel();
        let (finish_tx, finish_rx) = std::sync::mpsc::channel::<()>();
        let request = tokio::spawn({
            let hasher = hasher.clone();
            async move {
                hasher
                    .run(move || {
                        started_tx.send(()).unwrap();
                        finish_rx.recv().ok();
                    })
                    .await
            }
        });
        started_rx.await.unwrap();

        // The client disconnects: axum drops the handler's future.
        request.abort();
        assert!(request.await.unwrap_err().is_cancelled());
        assert_eq!(
            hasher.permits.available_permits(),
            0,
            "the slot is held while the hash still runs"
        );

        // Meanwhile the next request waits, but not forever: a 503.
        match hasher.run(|| ()).await {
            Err(ApiError::ServiceUnavailable {
                retry_after_secs, ..
            }) => assert_eq!(retry_after_secs, BUSY_RETRY_AFTER_SECS),
            other => panic!("expected a 503, got {other:?}"),
        }

        // Once the hash ends, the slot is free again.
        finish_tx.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), hasher.run(|| ()))
            .await
            .expect("the slot is released when the hash ends")
            .unwrap();
    }

    #[test]
    fn new_passwords_must_be_8_to_128_characters() {
        let code = |p: &str| match Password::from(p).check_new() {
            Ok(()) => "OK",
            Err(ApiError::BadRequest { code, .. }) => code,
            Err(other) => panic!("unexpected {other:?}"),
        };
        assert_eq!(code("1234567"), "PASSWORD_TOO_SHORT");
        assert_eq!(code("12345678"), "OK");
        // Characters, not bytes: eight accented letters are enough.
        assert_eq!(code("éééééééé"), "OK");
        assert_eq!(code(&"x".repeat(128)), "OK");
        assert_eq!(code(&"x".repeat(129)), "PASSWORD_TOO_LONG");
    }

    #[test]
    fn debug_never_shows_the_password() {
        assert_eq!(
            format!("{:?}", Password::from("hunter22")),
            "Password(<redacted>)"
        );
    }
}
