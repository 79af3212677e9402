//! Our JWT signing key (Ed25519, persisted as PKCS#8 PEM so tokens survive
//! restarts) and the JWKS that publishes every stored key's public half.
//!
//! A key's id (`kid`) is derived from its public key — base64url of the first
//! 16 bytes of its SHA-256 — so it is stable, needs no coordination between
//! instances, and cannot collide with another issuer's by accident.

use std::collections::HashMap;
use std::fmt;

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::verify::Claims;
use crate::store::{Db, SigningKey};

/// The one algorithm our keys sign with (Better Auth's JWT plugin default).
pub const ALGORITHM: Algorithm = Algorithm::EdDSA;

/// A JSON Web Key Set, as served at `GET /api/auth/jwks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    /// The public keys, newest first.
    pub keys: Vec<PublicJwk>,
}

/// One Ed25519 public key as a JWK (RFC 8037).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicJwk {
    /// Always `OKP` (octet key pair).
    pub kty: String,
    /// Always `Ed25519`.
    pub crv: String,
    /// The 32-byte public key, base64url without padding.
    pub x: String,
    /// The key id JWT headers name.
    pub kid: String,
    /// Always `EdDSA`.
    pub alg: String,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: String,
}

/// The key that signs, and every key whose signatures we accept.
pub(crate) struct KeyRing {
    signing_kid: String,
    signing_key: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
    jwks: Jwks,
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("signing_kid", &self.signing_kid)
            .field("signing_key", &"<redacted>")
            .field("jwks", &self.jwks)
            .finish()
    }
}

impl KeyRing {
    /// The stored signing key, or a new one stored now. When several instances
    /// start at once, the store makes them all agree on one key.
    pub(crate) async fn load_or_create(db: &Db) -> anyhow::Result<Self> {
        let candidate = generate_key()?;
        let current = db.signing_key_or_insert(&candidate).await?;
        let stored = db.signing_keys().await?;
        Self::from_stored(&current, &stored)
    }

    /// Sign with `current`; accept signatures from `current` and all of `stored`.
    pub(crate) fn from_stored(current: &SigningKey, stored: &[SigningKey]) -> anyhow::Result<Self> {
        let signing = parse_pem(current)?;
        let signing_der = signing
            .to_pkcs8_der()
            .context("encoding the signing key as PKCS#8")?;
        let mut verifying = HashMap::new();
        let mut jwks = Jwks { keys: Vec::new() };
        // `current` first: it is the newest key in use, and the store's list
        // may not hold it yet if it was inserted a moment ago.
        for key in std::iter::once(current).chain(stored) {
            if verifying.contains_key(&key.kid) {
                continue;
            }
            let public = parse_pem(key)?.verifying_key().to_bytes();
            verifying.insert(key.kid.clone(), DecodingKey::from_ed_der(&public));
            jwks.keys.push(PublicJwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x: URL_SAFE_NO_PAD.encode(public),
                kid: key.kid.clone(),
                alg: "EdDSA".into(),
                use_: "sig".into(),
            });
        }
        Ok(KeyRing {
            signing_kid: current.kid.clone(),
            signing_key: EncodingKey::from_ed_der(signing_der.as_bytes()),
            verifying,
            jwks,
        })
    }

    /// A JWT carrying `claims`, signed with the current key, `kid` in its header.
    pub(crate) fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        let mut header = Header::new(ALGORITHM);
        header.kid = Some(self.signing_kid.clone());
        jsonwebtoken::encode(&header, claims, &self.signing_key).context("signing a JWT")
    }

    /// The public key with this id, if it is one of ours.
    pub(crate) fn decoding_key(&self, kid: &str) -> Option<&DecodingKey> {
        self.verifying.get(kid)
    }

    /// Every public key, for `/api/auth/jwks`.
    pub(crate) fn jwks(&self) -> &Jwks {
        &self.jwks
    }
}

/// A fresh Ed25519 key, ready to store.
pub(crate) fn generate_key() -> anyhow::Result<SigningKey> {
    let key = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .context("encoding a new signing key as PEM")?;
    Ok(SigningKey {
        kid: key_id(&key.verifying_key()),
        private_key_pem: pem.to_string(),
        created_at: Utc::now(),
    })
}

/// The `kid` of a public key: base64url(SHA-256(key)[..16]).
pub(crate) fn key_id(public: &ed25519_dalek::VerifyingKey) -> String {
    let digest = Sha256::digest(public.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

fn parse_pem(key: &SigningKey) -> anyhow::Result<ed25519_dalek::SigningKey> {
    // The error names the key, never its contents.
    ed25519_dalek::SigningKey::from_pkcs8_pem(&key.private_key_pem).map_err(|e| {
        anyhow::anyhow!(
            "stored signing key {} is not an Ed25519 PKCS#8 PEM: {e}",
            key.kid
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_round_trips_through_pem() {
        let stored = generate_key().unwrap();
        assert!(
            stored
                .private_key_pem
                .starts_with("-----BEGIN PRIVATE KEY-----")
        );
        let ring = KeyRing::from_stored(&stored, &[]).unwrap();
        assert_eq!(ring.jwks().keys.len(), 1);
        let jwk = &ring.jwks().keys[0];
        assert_eq!(jwk.kid, stored.kid);
        assert_eq!(jwk.kid.len(), 22);
        assert_eq!(URL_SAFE_NO_PAD.decode(&jwk.x).unwrap().len(), 32);
        assert!(ring.decoding_key(&stored.kid).is_some());
    }

    #[test]
    fn every_stored_key_is_published_once_current_first() {
        let old = generate_key().unwrap();
        let current = generate_key().unwrap();
        let ring = KeyRing::from_stored(&current, &[current.clone(), old.clone()]).unwrap();
        let kids: Vec<_> = ring.jwks().keys.iter().map(|k| k.kid.as_str()).collect();
        assert_eq!(kids, [current.kid.as_str(), old.kid.as_str()]);
    }

    #[test]
    fn the_jwks_has_exactly_the_documented_fields() {
        let ring = KeyRing::from_stored(&generate_key().unwrap(), &[]).unwrap();
        let json = serde_json::to_value(ring.jwks()).unwrap();
        let key = json["keys"][0].as_object().unwrap();
        let fields: Vec<_> = key.keys().map(String::as_str).collect();
        assert_eq!(fields, ["kty", "crv", "x", "kid", "alg", "use"]);
        assert_eq!(key["kty"], "OKP");
        assert_eq!(key["crv"], "Ed25519");
        assert_eq!(key["alg"], "EdDSA");
        assert_eq!(key["use"], "sig");
    }

    #[test]
    fn debug_never_shows_the_private_key() {
        let stored = generate_key().unwrap();
        let ring = KeyRing::from_stored(&stored, &[]).unwrap();
        let shown = format!("{ring:?}");
        assert!(!shown.contains("PRIVATE"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }
}
