//! Accounts: the values a sign-up is made of, parsed at the edge ("parse, don't
//! validate": an [`Email`] that exists is trimmed, lower-cased and plausible),
//! and the two things done with them — registering and checking credentials.

use std::fmt;

use super::Auth;
use super::password::Password;
use crate::error::ApiError;
use crate::store::{DbError, NewUser, User};

/// Longest accepted email address (RFC 5321's limit on a path).
const MAX_EMAIL_LEN: usize = 254;
/// Longest accepted display name, in characters.
const MAX_NAME_CHARS: usize = 100;

/// An email address: trimmed, lower-cased (addresses are unique regardless of
/// case), with one `@`, something before it and a dotted domain after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parse what the user typed; 400 `INVALID_EMAIL` when it is not an address.
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let email = raw.trim().to_lowercase();
        if is_plausible_email(&email) {
            Ok(Email(email))
        } else {
            Err(ApiError::BadRequest {
                code: "INVALID_EMAIL",
                message: "Invalid email.".into(),
            })
        }
    }

    /// The normalized address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= MAX_EMAIL_LEN
        && !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// A display name: trimmed, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserName(String);

impl UserName {
    /// Parse what the user typed; 400 `INVALID_NAME` when empty or too long.
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let name = raw.trim();
        let invalid = |message: &str| ApiError::BadRequest {
            code: "INVALID_NAME",
            message: message.into(),
        };
        if name.is_empty() {
            return Err(invalid("Name must not be empty."));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(invalid(&format!(
                "Name too long: use at most {MAX_NAME_CHARS} characters."
            )));
        }
        Ok(UserName(name.to_string()))
    }
}

fn user_already_exists() -> ApiError {
    ApiError::Unprocessable {
        code: "USER_ALREADY_EXISTS",
        message: "User already exists. Use another email.".into(),
    }
}

fn invalid_email_or_password() -> ApiError {
    ApiError::Unauthorized {
        code: "INVALID_EMAIL_OR_PASSWORD",
        message: "Invalid email or password.".into(),
    }
}

impl Auth {
    /// Create an account; 422 `USER_ALREADY_EXISTS` when the email is taken.
    pub(crate) async fn register(
        &self,
        name: UserName,
        email: Email,
        password: Password,
    ) -> Result<User, ApiError> {
        // Checked first only to spare a needless argon2 hash; the store's unique
        // index is what decides when two sign-ups race.
        if self.db.find_user_by_email(email.as_str()).await?.is_some() {
            return Err(user_already_exists());
        }
        let new_user = NewUser {
            id: uuid::Uuid::new_v4().to_string(),
            name: name.0,
            email: email.0,
            password_hash: self.hasher.hash(password).await?,
        };
        match self.db.create_user(&new_user).await {
            Ok(user) => Ok(user),
            Err(DbError::Conflict(_)) => Err(user_already_exists()),
            Err(e) => Err(e.into()),
        }
    }

    /// The user these credentials belong to; 401 `INVALID_EMAIL_OR_PASSWORD`
    /// otherwise — the same answer, after the same work, whether or not the
    /// email has an account.
    pub(crate) async fn authenticate(
        &self,
        email: &Email,
        password: Password,
    ) -> Result<User, ApiError> {
        if password.is_too_long() {
            // No account can have it; refusing early bounds the hashing cost.
            return Err(invalid_email_or_password());
        }
        let (user, hash) = match self.db.find_user_by_email(email.as_str()).await? {
            Some((user, hash)) => (Some(user), hash),
            None => (None, self.dummy_password_hash.clone()),
        };
        let matches = self.hasher.verify(password, hash).await?;
        match user {
            Some(user) if matches => Ok(user),
            _ => Err(invalid_email_or_password()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ada@Example.COM ").unwrap().as_str(),
            "ada@example.com"
        );
    }

    #[test]
    fn implausible_emails_are_refused() {
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@example..com",
            "ada@.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Email::parse("ada.lovelace+tasks@mail.example.co.uk").is_ok());
    }

    #[test]
    fn names_are_trimmed_and_not_empty() {
        assert_eq!(UserName::parse("  Ada ").unwrap(), UserName("Ada".into()));
        assert!(UserName::parse("   ").is_err());
        assert!(UserName::parse(&"x".repeat(101)).is_err());
    }
}
