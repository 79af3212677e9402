//! JWT verification: the claims we read, the rules an issuer's tokens must
//! follow (issuer, audience, algorithms pinned per issuer; `exp` enforced with
//! a few seconds of leeway) and the reasons a token is refused, worded for the
//! person reading the 401 (or the 503, when the keys to check it are missing).

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::remote_jwks::MIN_REFETCH_INTERVAL;
use crate::error::ApiError;

/// Clock skew tolerated on `exp`/`nbf`, in seconds. Small on purpose: an
/// expired token must be refused.
const LEEWAY_SECS: u64 = 5;

/// What a verified JWT says about its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    // Missing claims deserialize to defaults here and are then refused by the
    // validation's required-claims check, which names them.
    #[serde(default)]
    pub sub: String,
    /// The user's email, when the issuer includes it (ours and Better Auth's do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The user's display name, when the issuer includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who issued the token.
    #[serde(default)]
    pub iss: String,
    /// Who the token is for (a single string on the wire when there is one).
    #[serde(
        default,
        deserialize_with = "one_or_many",
        serialize_with = "one_or_many_out"
    )]
    pub aud: Vec<String>,
    /// When it was issued (seconds since the Unix epoch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<u64>,
    /// When it expires (seconds since the Unix epoch).
    #[serde(default)]
    pub exp: u64,
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

fn one_or_many_out<S: Serializer>(aud: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    match aud {
        [one] => serializer.serialize_str(one),
        many => many.serialize(serializer),
    }
}

/// The `iss` and `aud` values an issuer's tokens must carry.
#[derive(Debug, Clone)]
pub(crate) struct IssuerPolicy {
    issuers: Vec<String>,
    audiences: Vec<String>,
}

impl IssuerPolicy {
    /// Issuer and audience both exactly `url` (how we issue our own tokens).
    pub(crate) fn exact(url: &str) -> Self {
        IssuerPolicy {
            issuers: vec![url.to_string()],
            audiences: vec![url.to_string()],
        }
    }

    /// Issuer `url`, audience `audience` — each also accepted with or without a
    /// trailing slash, since a base URL is written both ways.
    pub(crate) fn url_tolerant(url: &str, audience: &str) -> Self {
        let both = |s: &str| {
            let bare = s.trim_end_matches('/');
            vec![bare.to_string(), format!("{bare}/")]
        };
        IssuerPolicy {
            issuers: both(url),
            audiences: both(audience),
        }
    }

    /// The issuer, as we write it into tokens.
    pub(crate) fn issuer(&self) -> &str {
        &self.issuers[0]
    }
}

/// Why a bearer token was refused. Each message says what is wrong in words a
/// person understands; none echoes the token.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum TokenError {
    #[error("missing Authorization: Bearer token")]
    Missing,
    #[error("the Authorization header must be `Bearer <token>`")]
    NotBearer,
    #[error("token is not a JWT (a session token? exchange it for a JWT at GET /api/auth/token)")]
    NotAJwt,
    #[error("token is malformed")]
    Malformed,
    #[error("token claims are malformed ({0})")]
    MalformedClaim(String),
    #[error("token header has no key id (kid)")]
    NoKeyId,
    #[error("token was signed by an unknown key")]
    UnknownKey,
    #[error("could not fetch the signing keys of the trusted auth server; try again shortly")]
    KeysUnavailable,
    #[error("token algorithm is not accepted for its signing key")]
    AlgorithmNotAccepted,
    #[error("token signature is invalid")]
    BadSignature,
    #[error("token expired")]
    Expired,
    #[error("token is not valid yet")]
    NotYetValid,
    #[error("token issuer is not accepted")]
    IssuerNotAccepted,
    #[error("token audience is not accepted")]
    AudienceNotAccepted,
    #[error("token is missing the `{0}` claim")]
    MissingClaim(String),
}

impl From<TokenError> for ApiError {
    fn from(e: TokenError) -> Self {
        match e {
            // Not the token's fault: a 401 would tell the client to sign the
            // user out. Retry once we may try fetching the keys again.
            TokenError::KeysUnavailable => ApiError::ServiceUnavailable {
                message: e.to_string(),
                retry_after_secs: MIN_REFETCH_INTERVAL.as_secs(),
            },
            e => ApiError::unauthorized(e.to_string()),
        }
    }
}

impl From<jsonwebtoken::errors::Error> for TokenError {
    fn from(e: jsonwebtoken::errors::Error) -> Self {
        match e.into_kind() {
            ErrorKind::InvalidSignature => TokenError::BadSignature,
            ErrorKind::ExpiredSignature => TokenError::Expired,
            ErrorKind::ImmatureSignature => TokenError::NotYetValid,
            ErrorKind::InvalidIssuer => TokenError::IssuerNotAccepted,
            ErrorKind::InvalidAudience => TokenError::AudienceNotAccepted,
            ErrorKind::MissingRequiredClaim(claim) => TokenError::MissingClaim(claim),
            ErrorKind::InvalidClaimFormat(claim) => TokenError::MalformedClaim(claim),
            ErrorKind::Json(e) if e.is_data() => TokenError::MalformedClaim(e.to_string()),
            // The header's alg is not allowed for this key, or does not fit it.
            ErrorKind::InvalidAlgorithm
            | ErrorKind::InvalidKeyFormat
            | ErrorKind::InvalidEddsaKey
            | ErrorKind::InvalidEcdsaKey
            | ErrorKind::InvalidRsaKey(_)
            | ErrorKind::UnsupportedAlgorithm => TokenError::AlgorithmNotAccepted,
            _ => TokenError::Malformed,
        }
    }
}

/// The `kid` a JWT's header names. Fails on anything that is not a JWT, or
/// names an algorithm we do not know (`none` included).
pub(crate) fn key_id(token: &str) -> Result<String, TokenError> {
    if token.split('.').count() != 3 {
        return Err(TokenError::NotAJwt);
    }
    let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
    header.kid.ok_or(TokenError::NoKeyId)
}

/// Check `token`'s signature with `key` (header `alg` one of `algorithms`) and
/// its claims against `policy`, and return the claims.
pub(crate) fn decode(
    token: &str,
    key: &DecodingKey,
    algorithms: &[Algorithm],
    policy: &IssuerPolicy,
) -> Result<Claims, TokenError> {
    let Some(&first) = algorithms.first() else {
        return Err(TokenError::AlgorithmNotAccepted);
    };
    let mut validation = Validation::new(first);
    validation.algorithms = algorithms.to_vec();
    validation.leeway = LEEWAY_SECS;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.set_issuer(&policy.issuers);
    validation.set_audience(&policy.audiences);
    let claims = jsonwebtoken::decode::<Claims>(token, key, &validation)?.claims;
    if claims.sub.is_empty() {
        return Err(TokenError::MissingClaim("sub".into()));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{EncodingKey, Header, get_current_timestamp};

    use super::super::keys::{KeyRing, generate_key};
    use super::*;

    const US: &str = "http://127.0.0.1:8000";

    fn claims(exp_offset: i64) -> Claims {
        let now = get_current_timestamp();
        Claims {
            sub: "user-1".into(),
            email: Some("ada@example.com".into()),
            name: Some("Ada".into()),
            iss: US.into(),
            aud: vec![US.into()],
            iat: Some(now),
            exp: now.saturating_add_signed(exp_offset),
        }
    }

    fn verify(ring: &KeyRing, token: &str) -> Result<Claims, TokenError> {
        let kid = key_id(token)?;
        let key = ring.decoding_key(&kid).ok_or(TokenError::UnknownKey)?;
        decode(token, key, &[Algorithm::EdDSA], &IssuerPolicy::exact(US))
    }

    fn ring() -> KeyRing {
        KeyRing::from_stored(&generate_key().unwrap(), &[]).unwrap()
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let ring = ring();
        let token = ring.sign(&claims(900)).unwrap();
        assert_eq!(verify(&ring, &token).unwrap(), claims(900));
        // `aud` is a plain string on the wire, as Better Auth writes it.
        let payload = token.split('.').nth(1).unwrap();
        let payload: serde_json::Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(payload["aud"], US);
    }

    #[test]
    fn an_expired_token_is_refused() {
        let ring = ring();
        let token = ring.sign(&claims(-60)).unwrap();
        assert_eq!(verify(&ring, &token), Err(TokenError::Expired));
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let ring = ring();
        let token = ring.sign(&claims(900)).unwrap();
        let mut forged = claims(900);
        forged.sub = "someone-else".into();
        let forged_payload = ring.sign(&forged).unwrap();
        let parts: Vec<_> = token.split('.').collect();
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            forged_payload.split('.').nth(1).unwrap(),
            parts[2]
        );
        assert_eq!(verify(&ring, &tampered), Err(TokenError::BadSignature));
    }

    #[test]
    fn a_token_for_another_audience_or_issuer_is_refused() {
        let ring = ring();
        let mut other_aud = claims(900);
        other_aud.aud = vec!["https://elsewhere.example".into()];
        assert_eq!(
            verify(&ring, &ring.sign(&other_aud).unwrap()),
            Err(TokenError::AudienceNotAccepted)
        );

        let mut other_iss = claims(900);
        other_iss.iss = "https://elsewhere.example".into();
        assert_eq!(
            verify(&ring, &ring.sign(&other_iss).unwrap()),
            Err(TokenError::IssuerNotAccepted)
        );
    }

    #[test]
    fn a_token_from_an_unknown_key_is_refused() {
        let token = ring().sign(&claims(900)).unwrap();
        assert_eq!(verify(&ring(), &token), Err(TokenError::UnknownKey));
    }

    #[test]
    fn missing_claims_are_named() {
        let ring = ring();
        let mut no_sub = claims(900);
        no_sub.sub = String::new();
        assert_eq!(
            verify(&ring, &ring.sign(&no_sub).unwrap()),
            Err(TokenError::MissingClaim("sub".into()))
        );
        let mut no_aud = claims(900);
        no_aud.aud = vec![];
        // An empty list is still an `aud` claim, just one naming nobody.
        assert_eq!(
            verify(&ring, &ring.sign(&no_aud).unwrap()),
            Err(TokenError::AudienceNotAccepted)
        );
    }

    #[test]
    fn hs256_and_none_are_never_accepted() {
        let ring = ring();
        let kid = ring.jwks().keys[0].kid.clone();
        // HS256 "signed" with the public key bytes: the classic confusion attack.
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(kid.clone());
        let x = ring.jwks().keys[0].x.clone();
        let hs = jsonwebtoken::encode(
            &header,
            &claims(900),
            &EncodingKey::from_secret(x.as_bytes()),
        )
        .unwrap();
        assert_eq!(verify(&ring, &hs), Err(TokenError::AlgorithmNotAccepted));

        let b64 =
            |s: &str| base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, s);
        let none = format!(
            "{}.{}.",
            b64(&format!(r#"{{"alg":"none","typ":"JWT","kid":"{kid}"}}"#)),
            b64(&serde_json::to_string(&claims(900)).unwrap())
        );
        assert_eq!(verify(&ring, &none), Err(TokenError::Malformed));
    }

    #[test]
    fn unavailable_keys_are_a_503_to_retry_not_a_401() {
        match ApiError::from(TokenError::KeysUnavailable) {
            ApiError::ServiceUnavailable {
                message,
                retry_after_secs,
            } => {
                assert_eq!(message, TokenError::KeysUnavailable.to_string());
                assert_eq!(retry_after_secs, 30);
            }
            other => panic!("expected a 503, got {other:?}"),
        }
        assert!(matches!(
            ApiError::from(TokenError::UnknownKey),
            ApiError::Unauthorized { .. }
        ));
    }

    #[test]
    fn things_that_are_not_jwts_say_so() {
        assert_eq!(key_id("abc"), Err(TokenError::NotAJwt));
        assert_eq!(key_id("a.b.c"), Err(TokenError::Malformed));
    }

    #[test]
    fn messages_are_for_people() {
        let e: ApiError = TokenError::Expired.into();
        assert_eq!(e.to_string(), "token expired");
        assert_eq!(
            TokenError::Missing.to_string(),
            "missing Authorization: Bearer token"
        );
    }
}
