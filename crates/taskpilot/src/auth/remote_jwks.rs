//! A trusted Better Auth server (`BETTER_AUTH_URL`): its JWKS, fetched from
//! `<url>/api/auth/jwks` the first time one of its tokens arrives, cached, and
//! fetched again when a token names a key id we have not seen — at most once
//! every 30 seconds, so a stream of made-up key ids cannot turn us into a
//! flood of requests against it.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

use super::verify::{self, Claims, IssuerPolicy, TokenError};

/// Shortest time between two fetches of the JWKS.
pub(crate) const MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(30);
/// How long one fetch may take before it counts as failed.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);

/// Algorithms a remote key may sign with. Better Auth's JWT plugin defaults to
/// EdDSA and can be configured to the others; HMAC (a shared secret) and
/// `none` are never accepted.
const ALLOWED_ALGORITHMS: [Algorithm; 4] = [
    Algorithm::EdDSA,
    Algorithm::ES256,
    Algorithm::RS256,
    Algorithm::PS256,
];

/// A trusted issuer: where its keys are, and what its tokens must say.
#[derive(Debug)]
pub(crate) struct RemoteIssuer {
    jwks: RemoteJwks,
    policy: IssuerPolicy,
}

impl RemoteIssuer {
    /// The Better Auth server at `base_url`; its tokens must have `iss` =
    /// `base_url` and `aud` = `audience` (default: `base_url`, as its JWT plugin
    /// sets them).
    pub(crate) fn new(base_url: &str, audience: Option<&str>) -> anyhow::Result<Self> {
        let base_url = base_url.trim_end_matches('/');
        let jwks_url = format!("{base_url}/api/auth/jwks");
        Ok(RemoteIssuer {
            jwks: RemoteJwks::new(jwks_url, MIN_REFETCH_INTERVAL)?,
            policy: IssuerPolicy::url_tolerant(base_url, audience.unwrap_or(base_url)),
        })
    }

    /// Verify `token`, whose header names `kid`, against this issuer.
    pub(crate) async fn verify(&self, token: &str, kid: &str) -> Result<Claims, TokenError> {
        let key = self.jwks.key(kid).await?;
        verify::decode(token, &key.decoding, &key.algorithms, &self.policy)
    }
}

/// One usable public key of the remote server.
#[derive(Debug)]
pub(crate) struct RemoteKey {
    decoding: DecodingKey,
    /// The header `alg` values this key's tokens may carry.
    algorithms: Vec<Algorithm>,
}

/// A JWKS fetched over HTTP and cached by key id.
#[derive(Debug)]
pub(crate) struct RemoteJwks {
    url: String,
    client: reqwest::Client,
    min_refetch_interval: Duration,
    keys: RwLock<HashMap<String, Arc<RemoteKey>>>,
    /// Held while fetching, so concurrent misses wait for one fetch.
    last_fetch: Mutex<Option<FetchOutcome>>,
}

#[derive(Debug, Clone, Copy)]
struct FetchOutcome {
    at: Instant,
    succeeded: bool,
}

impl RemoteJwks {
    /// A cache for the JWKS at `url`, fetched at most once per `min_refetch_interval`.
    pub(crate) fn new(url: String, min_refetch_interval: Duration) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .build()
            .context("building the HTTP client for the JWKS")?;
        Ok(RemoteJwks {
            url,
            client,
            min_refetch_interval,
            keys: RwLock::new(HashMap::new()),
            last_fetch: Mutex::new(None),
        })
    }

    /// The key with this id: from the cache, or from a fresh fetch when it is
    /// not cached and the last fetch is old enough.
    pub(crate) async fn key(&self, kid: &str) -> Result<Arc<RemoteKey>, TokenError> {
        if let Some(key) = self.keys.read().await.get(kid) {
            return Ok(key.clone());
        }
        let mut last_fetch = self.last_fetch.lock().await;
        // Another request may have fetched while this one waited for the lock.
        if let Some(key) = self.keys.read().await.get(kid) {
            return Ok(key.clone());
        }
        if let Some(last) = *last_fetch
            && last.at.elapsed() < self.min_refetch_interval
        {
            return Err(if last.succeeded {
                TokenError::UnknownKey
            } else {
                TokenError::KeysUnavailable
            });
        }
        let fetched = self.fetch().await;
        *last_fetch = Some(FetchOutcome {
            at: Instant::now(),
            succeeded: fetched.is_ok(),
        });
        match fetched {
            Ok(keys) => {
                tracing::info!(url = %self.url, keys = keys.len(), "fetched the trusted JWKS");
                let mut cache = self.keys.write().await;
                // Replace, not merge: a key the server dropped is revoked.
                *cache = keys;
                cache.get(kid).cloned().ok_or(TokenError::UnknownKey)
            }
            Err(e) => {
                tracing::warn!(url = %self.url, error = format!("{e:#}"), "fetching the trusted JWKS failed");
                Err(TokenError::KeysUnavailable)
            }
        }
    }

    async fn fetch(&self) -> anyhow::Result<HashMap<String, Arc<RemoteKey>>> {
        #[derive(Deserialize)]
        struct RawJwks {
            keys: Vec<serde_json::Value>,
        }
        let raw: RawJwks = self
            .client
            .get(&self.url)
            .send()
            .await
            .context("request failed")?
            .error_for_status()
            .context("bad status")?
            .json()
            .await
            .context("the body is not a JWKS")?;
        // Parse key by key: one key we cannot use must not hide the others.
        Ok(raw
            .keys
            .into_iter()
            .filter_map(|value| match parse_key(value) {
                Ok(key) => Some(key),
                Err(reason) => {
                    tracing::debug!(url = %self.url, reason, "skipped a key of the trusted JWKS");
                    None
                }
            })
            .map(|(kid, key)| (kid, Arc::new(key)))
            .collect())
    }
}

/// A JWK we can verify with, and its id; or why it is skipped.
fn parse_key(value: serde_json::Value) -> Result<(String, RemoteKey), &'static str> {
    let jwk: Jwk = serde_json::from_value(value).map_err(|_| "not a JWK we understand")?;
    let kid = jwk.common.key_id.clone().ok_or("no kid")?;
    if matches!(jwk.common.public_key_use, Some(ref u) if *u != PublicKeyUse::Signature) {
        return Err("not a signing key");
    }
    let declared = match jwk.common.key_algorithm {
        Some(alg) => Some(Algorithm::try_from(alg).map_err(|_| "unsupported alg")?),
        None => None,
    };
    if declared.is_some_and(|alg| !ALLOWED_ALGORITHMS.contains(&alg)) {
        return Err("alg not allowed");
    }
    // Which algorithms fit the key's type; a declared `alg` must be one of them.
    let (fitting, decoding): (&[Algorithm], DecodingKey) = match &jwk.algorithm {
        AlgorithmParameters::OctetKeyPair(okp) if okp.curve == EllipticCurve::Ed25519 => {
            // Checked here because the verifier assumes 32 bytes.
            let x = URL_SAFE_NO_PAD.decode(&okp.x).map_err(|_| "bad x")?;
            if x.len() != 32 {
                return Err("bad Ed25519 key length");
            }
            (&[Algorithm::EdDSA], DecodingKey::from_ed_der(&x))
        }
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => (
            &[Algorithm::ES256],
            DecodingKey::from_ec_components(&ec.x, &ec.y).map_err(|_| "bad EC key")?,
        ),
        AlgorithmParameters::RSA(rsa) => (
            &[Algorithm::RS256, Algorithm::PS256],
            DecodingKey::from_rsa_components(&rsa.n, &rsa.e).map_err(|_| "bad RSA key")?,
        ),
        _ => return Err("key type not accepted"),
    };
    let algorithms = match declared {
        Some(alg) if fitting.contains(&alg) => vec![alg],
        Some(_) => return Err("alg does not fit the key type"),
        None => fitting.to_vec(),
    };
    Ok((
        kid,
        RemoteKey {
            decoding,
            algorithms,
        },
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::Router;
    use axum::routing::get;
    use jsonwebtoken::get_current_timestamp;
    use serde_json::{Value, json};

    use super::super::keys::{KeyRing, generate_key};
    use super::*;

    /// A stand-in Better Auth server: serves whatever JWKS `jwks` holds and
    /// counts the requests.
    struct FakeServer {
        url: String,
        jwks: Arc<std::sync::Mutex<Value>>,
        hits: Arc<AtomicUsize>,
    }

    async fn fake_server(jwks: Value) -> FakeServer {
        let jwks = Arc::new(std::sync::Mutex::new(jwks));
        let hits = Arc::new(AtomicUsize::new(0));
        let app = Router::new().route(
            "/api/auth/jwks",
            get({
                let (jwks, hits) = (jwks.clone(), hits.clone());
                move || async move {
                    hits.fetch_add(1, Ordering::SeqCst);
                    axum::Json(jwks.lock().unwrap().clone())
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeServer { url, jwks, hits }
    }

    fn token(ring: &KeyRing, iss: &str, aud: &str) -> String {
        let now = get_current_timestamp();
        ring.sign(&Claims {
            sub: "remote-user".into(),
            email: Some("grace@example.com".into()),
            name: None,
            iss: iss.into(),
            aud: vec![aud.into()],
            iat: Some(now),
            exp: now + 600,
        })
        .unwrap()
    }

    fn ring() -> KeyRing {
        KeyRing::from_stored(&generate_key().unwrap(), &[]).unwrap()
    }

    fn issuer(url: &str, audience: Option<&str>, refetch: Duration) -> RemoteIssuer {
        RemoteIssuer {
            jwks: RemoteJwks::new(format!("{url}/api/auth/jwks"), refetch).unwrap(),
            policy: IssuerPolicy::url_tolerant(url, audience.unwrap_or(url)),
        }
    }

    async fn verify(issuer: &RemoteIssuer, token: &str) -> Result<Claims, TokenError> {
        issuer.verify(token, &verify::key_id(token)?).await
    }

    #[tokio::test]
    async fn tokens_verify_against_the_fetched_jwks_which_is_cached() {
        let remote = ring();
        let server = fake_server(serde_json::to_value(remote.jwks()).unwrap()).await;
        let issuer = issuer(&server.url, None, MIN_REFETCH_INTERVAL);

        let t = token(&remote, &server.url, &server.url);
        let claims = verify(&issuer, &t).await.unwrap();
        assert_eq!(claims.sub, "remote-user");
        assert_eq!(claims.email.as_deref(), Some("grace@example.com"));
        verify(&issuer, &t).await.unwrap();
        assert_eq!(
            server.hits.load(Ordering::SeqCst),
            1,
            "the JWKS is fetched once, then cached"
        );
    }

    #[tokio::test]
    async fn issuer_and_audience_are_pinned() {
        let remote = ring();
        let server = fake_server(serde_json::to_value(remote.jwks()).unwrap()).await;
        let issuer = issuer(&server.url, Some("taskpilot"), MIN_REFETCH_INTERVAL);

        assert!(
            verify(&issuer, &token(&remote, &server.url, "taskpilot"))
                .await
                .is_ok()
        );
        // A trailing slash on the issuer is the same URL.
        assert!(
            verify(
                &issuer,
                &token(&remote, &format!("{}/", server.url), "taskpilot")
            )
            .await
            .is_ok()
        );
        assert_eq!(
            verify(&issuer, &token(&remote, &server.url, &server.url)).await,
            Err(TokenError::AudienceNotAccepted)
        );
        assert_eq!(
            verify(
                &issuer,
                &token(&remote, "https://evil.example", "taskpilot")
            )
            .await,
            Err(TokenError::IssuerNotAccepted)
        );
    }

    #[tokio::test]
    async fn an_unknown_kid_refetches_at_most_once_per_interval() {
        let old = ring();
        let server = fake_server(serde_json::to_value(old.jwks()).unwrap()).await;
        let issuer = issuer(&server.url, None, Duration::from_millis(500));
        verify(&issuer, &token(&old, &server.url, &server.url))
            .await
            .unwrap();

        // The server rotates to a new key.
        let new = ring();
        *server.jwks.lock().unwrap() = serde_json::to_value(new.jwks()).unwrap();
        let fresh = token(&new, &server.url, &server.url);

        // Too soon after the last fetch: refused without asking the server.
        assert_eq!(verify(&issuer, &fresh).await, Err(TokenError::UnknownKey));
        assert_eq!(server.hits.load(Ordering::SeqCst), 1);

        tokio::time::sleep(Duration::from_millis(600)).await;
        verify(&issuer, &fresh).await.unwrap();
        assert_eq!(server.hits.load(Ordering::SeqCst), 2);

        // Made-up kids within the interval cost nothing.
        for _ in 0..5 {
            assert_eq!(
                verify(&issuer, &token(&ring(), &server.url, &server.url)).await,
                Err(TokenError::UnknownKey)
            );
        }
        assert_eq!(server.hits.load(Ordering::SeqCst), 2);
        // The dropped key is no longer trusted once the set is refetched.
        assert_eq!(
            verify(&issuer, &token(&old, &server.url, &server.url)).await,
            Err(TokenError::UnknownKey)
        );
    }

    #[tokio::test]
    async fn an_unreachable_server_is_a_clear_401() {
        // Bind then drop a listener: nothing listens on that port any more.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let issuer = issuer(&url, None, MIN_REFETCH_INTERVAL);
        let err = verify(&issuer, &token(&ring(), &url, &url))
            .await
            .unwrap_err();
        assert_eq!(err, TokenError::KeysUnavailable);
        assert!(err.to_string().contains("could not fetch the signing keys"));
        // And it stays refused (without hammering it) for the interval.
        assert_eq!(
            verify(&issuer, &token(&ring(), &url, &url)).await,
            Err(TokenError::KeysUnavailable)
        );
    }

    #[test]
    fn only_allowed_signing_keys_are_kept() {
        let ed = serde_json::to_value(&ring().jwks().keys[0]).unwrap();
        let (_, key) = parse_key(ed.clone()).unwrap();
        assert_eq!(key.algorithms, [Algorithm::EdDSA]);

        // Without `alg`, the key type decides.
        let mut no_alg = ed.clone();
        no_alg.as_object_mut().unwrap().remove("alg");
        assert_eq!(parse_key(no_alg).unwrap().1.algorithms, [Algorithm::EdDSA]);

        let mut hmac = json!({"kty": "oct", "k": "c2VjcmV0", "kid": "h", "alg": "HS256"});
        assert!(parse_key(hmac.clone()).is_err());
        hmac.as_object_mut().unwrap().remove("alg");
        assert!(parse_key(hmac).is_err());

        let mut wrong_alg = ed.clone();
        wrong_alg["alg"] = json!("RS256");
        assert!(parse_key(wrong_alg).is_err());

        let mut encryption = ed.clone();
        encryption["use"] = json!("enc");
        assert!(parse_key(encryption).is_err());

        let mut short = ed;
        short["x"] = json!("AAAA");
        assert!(parse_key(short).is_err());

        assert!(parse_key(json!({"kty": "OKP", "crv": "Ed448", "x": "AAAA", "kid": "k"})).is_err());
    }
}
