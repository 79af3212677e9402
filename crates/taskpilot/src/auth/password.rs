//! Passwords: the length rules, and argon2id hashing (PHC strings) run on the
//! blocking pool, since one hash costs tens of milliseconds of CPU.

use std::fmt;

use anyhow::{Context, anyhow};
use argon2::Argon2;
use argon2::password_hash::{self, PasswordHasher, PasswordVerifier};
use serde::Deserialize;

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

/// Runs argon2 with bounded concurrency: each hash holds 19 MiB and a core
/// for tens of milliseconds, so a burst of sign-ins must queue rather than
/// run all at once (measured: 20 concurrent sign-ups pushed the server's
/// peak RSS to 420 MiB without the bound).
pub struct Hasher {
    permits: tokio::sync::Semaphore,
}

impl Hasher {
    /// At most one hash per available core at a time.
    pub fn new() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Hasher {
            permits: tokio::sync::Semaphore::new(cores),
        }
    }

    /// [`hash`], waiting for a free slot.
    pub async fn hash(&self, password: Password) -> anyhow::Result<String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .context("the password hasher is closed")?;
        hash(password).await
    }

    /// [`verify`], waiting for a free slot.
    pub async fn verify(&self, password: Password, phc: String) -> anyhow::Result<bool> {
        let _permit = self
            .permits
            .acquire()
            .await
            .context("the password hasher is closed")?;
        verify(password, phc).await
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Self::new()
    }
}

/// Hash a password into an argon2id PHC string (random salt, default
/// parameters: 19 MiB, 2 passes).
pub async fn hash(password: Password) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.0.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| anyhow!("hashing a password failed: {e}"))
    })
    .await
    .context("the password hashing task failed")?
}

/// Whether `password` matches the PHC string `phc`. An unreadable `phc` is an
/// error, not a mismatch: it means the stored data is broken.
pub async fn verify(password: Password, phc: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        match Argon2::default().verify_password(password.0.as_bytes(), phc.as_str()) {
            Ok(()) => Ok(true),
            Err(password_hash::Error::PasswordInvalid) => Ok(false),
            Err(e) => Err(anyhow!("a stored password hash is unusable: {e}")),
        }
    })
    .await
    .context("the password verification task failed")?
}

/// A hash of a random password, to verify against when the account does not
/// exist, so that sign-in costs the same either way.
pub async fn dummy_hash() -> anyhow::Result<String> {
    use base64::Engine;
    use rand::RngCore;
    let mut random = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut random);
    hash(Password(
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
        let phc = hash(Password::from("correct horse battery")).await.unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(
            verify(Password::from("correct horse battery"), phc.clone())
                .await
                .unwrap()
        );
        assert!(
            !verify(Password::from("correct horse battery!"), phc)
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_broken_hash_is_an_error_not_a_mismatch() {
        assert!(
            verify(Password::from("whatever1"), "not a phc string".into())
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn the_dummy_hash_matches_nothing_typed() {
        let dummy = dummy_hash().await.unwrap();
        assert!(!verify(Password::from("password123"), dummy).await.unwrap());
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
