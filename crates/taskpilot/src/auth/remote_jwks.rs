//! A trusted Better Auth server (`BETTER_AUTH_URL`): its JWKS, fetched from
//! `<url>/api/auth/jwks` the first time one of its tokens arrives, and cached.
//!
//! The cache is refreshed when a token names a key id we have not seen, and
//! when a cached key is used after the cache's maximum age (10 minutes, or
//! less if the server's `Cache-Control: max-age` says so). The refetch
//! replaces the whole set, so a key the server dropped stops being trusted at
//! most one maximum age later. Fetches happen at most once every 30 seconds,
//! so a stream of made-up key ids cannot turn us into a flood of requests
//! against the server. If refetching fails, the old keys are still used for a
//! grace period (an hour past the maximum age), so a short outage of the auth
//! server does not lock everyone out; after that its tokens are refused (503)
//! until a fetch succeeds.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use reqwest::Url;
use reqwest::header::{CACHE_CONTROL, HeaderMap};
use serde::Deserialize;
use tokio::sync::{Mutex, RwLock};

use super::verify::{self, Claims, IssuerPolicy, TokenError};

/// Shortest time between two fetches of the JWKS.
pub(crate) const MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(30);
/// Longest time fetched keys are trusted before they are checked again.
const MAX_AGE: Duration = Duration::from_secs(10 * 60);
/// How long past their maximum age keys are still used while refetching fails.
const STALE_GRACE: Duration = Duration::from_secs(60 * 60);
/// How long one fetch may take before it counts as failed.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest JWKS body read; a few keys take a few KiB.
const MAX_JWKS_BYTES: usize = 64 * 1024;

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
    /// sets them). `base_url` must be `https://`, or `http://` on a loopback host.
    pub(crate) fn new(base_url: &str, audience: Option<&str>) -> anyhow::Result<Self> {
        check_transport(base_url)?;
        let base_url = base_url.trim_end_matches('/');
        let jwks_url = format!("{base_url}/api/auth/jwks");
        Ok(RemoteIssuer {
            jwks: RemoteJwks::new(jwks_url, CachePolicy::default())?,
            policy: IssuerPolicy::url_tolerant(base_url, audience.unwrap_or(base_url)),
        })
    }

    /// Verify `token`, whose header names `kid`, against this issuer.
    pub(crate) async fn verify(&self, token: &str, kid: &str) -> Result<Claims, TokenError> {
        let key = self.jwks.key(kid).await?;
        verify::decode(token, &key.decoding, &key.algorithms, &self.policy)
    }
}

/// Refuse a `BETTER_AUTH_URL` whose keys could be swapped in transit: plain
/// `http://` is accepted only to a loopback host (a server on this machine,
/// as in development and the interop check).
fn check_transport(base_url: &str) -> anyhow::Result<()> {
    let url = Url::parse(base_url)
        .with_context(|| format!("BETTER_AUTH_URL {base_url:?} is not a URL"))?;
    // An IPv6 host comes bracketed: `[::1]`.
    let host = url.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => bail!(
            "BETTER_AUTH_URL must be an https:// URL (got {base_url}): its signing keys are \
             fetched from there, and over plain http:// anyone on the way could replace them. \
             http:// is allowed only for a loopback host (127.0.0.1, ::1, localhost)."
        ),
    }
}

/// One usable public key of the remote server.
#[derive(Debug)]
pub(crate) struct RemoteKey {
    decoding: DecodingKey,
    /// The header `alg` values this key's tokens may carry.
    algorithms: Vec<Algorithm>,
}

/// How long fetched keys are trusted, and how often they may be fetched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CachePolicy {
    /// Shortest time between two fetches.
    pub(crate) min_refetch_interval: Duration,
    /// Longest time keys are used without a refetch; a smaller
    /// `Cache-Control: max-age` from the server wins.
    pub(crate) max_age: Duration,
    /// How long past their maximum age keys are still used while refetching
    /// fails.
    pub(crate) grace: Duration,
}

impl Default for CachePolicy {
    fn default() -> Self {
        CachePolicy {
            min_refetch_interval: MIN_REFETCH_INTERVAL,
            max_age: MAX_AGE,
            grace: STALE_GRACE,
        }
    }
}

/// A JWKS fetched over HTTP and cached by key id.
#[derive(Debug)]
pub(crate) struct RemoteJwks {
    url: String,
    client: reqwest::Client,
    policy: CachePolicy,
    /// The keys of the last successful fetch; `None` before the first.
    keys: RwLock<Option<KeySet>>,
    /// Held while fetching, so concurrent requests wait for one fetch.
    last_fetch: Mutex<Option<FetchOutcome>>,
}

/// The keys one successful fetch returned.
#[derive(Debug)]
struct KeySet {
    keys: HashMap<String, Arc<RemoteKey>>,
    fetched_at: Instant,
    /// How long they may be used without a refetch.
    max_age: Duration,
}

impl KeySet {
    /// Whether these keys are within their maximum age.
    fn is_fresh(&self) -> bool {
        self.fetched_at.elapsed() < self.max_age
    }

    /// Whether these keys may still be used while they cannot be refetched.
    fn is_within(&self, grace: Duration) -> bool {
        self.fetched_at.elapsed() < self.max_age + grace
    }
}

#[derive(Debug, Clone, Copy)]
struct FetchOutcome {
    at: Instant,
    succeeded: bool,
}

impl RemoteJwks {
    /// A cache for the JWKS at `url`, kept as `policy` says.
    pub(crate) fn new(url: String, policy: CachePolicy) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            // The keys come from the configured URL, nowhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("building the HTTP client for the JWKS")?;
        Ok(RemoteJwks {
            url,
            client,
            policy,
            keys: RwLock::new(None),
            last_fetch: Mutex::new(None),
        })
    }

    /// The key with this id: from the cache while it is fresh; otherwise after
    /// a refetch, if the last fetch is old enough; otherwise (or when the
    /// refetch fails) from the old keys while they are within the grace period.
    pub(crate) async fn key(&self, kid: &str) -> Result<Arc<RemoteKey>, TokenError> {
        if let Some(key) = self.fresh_key(kid).await {
            return Ok(key);
        }
        let mut last_fetch = self.last_fetch.lock().await;
        // Another request may have fetched while this one waited for the lock.
        if let Some(key) = self.fresh_key(kid).await {
            return Ok(key);
        }
        let too_soon =
            last_fetch.is_some_and(|last| last.at.elapsed() < self.policy.min_refetch_interval);
        if !too_soon {
            let fetched = self.fetch().await;
            *last_fetch = Some(FetchOutcome {
                at: Instant::now(),
                succeeded: fetched.is_ok(),
            });
            match fetched {
                Ok(set) => {
                    tracing::info!(url = %self.url, keys = set.keys.len(), "fetched the trusted JWKS");
                    // Replace, not merge: a key the server dropped is no longer
                    // trusted (so a key is dropped here at most one max age,
                    // plus the grace if the server is unreachable, after it
                    // was dropped there).
                    *self.keys.write().await = Some(set);
                }
                Err(e) => {
                    tracing::warn!(url = %self.url, error = format!("{e:#}"), "fetching the trusted JWKS failed");
                }
            }
        }
        let last_succeeded = last_fetch.is_some_and(|last| last.succeeded);
        let cache = self.keys.read().await;
        let cached = cache
            .as_ref()
            .and_then(|set| set.keys.get(kid).map(|key| (set, key)));
        match cached {
            // Fresh, or the newest we have: stale only because refetching
            // failed or is not allowed yet, and not too stale.
            Some((set, key)) if set.is_within(self.policy.grace) => Ok(key.clone()),
            Some(_) => Err(TokenError::KeysUnavailable),
            None if last_succeeded => Err(TokenError::UnknownKey),
            None => Err(TokenError::KeysUnavailable),
        }
    }

    /// The key `kid` if it is cached and the cache is within its maximum age.
    async fn fresh_key(&self, kid: &str) -> Option<Arc<RemoteKey>> {
        let cache = self.keys.read().await;
        let set = cache.as_ref().filter(|set| set.is_fresh())?;
        set.keys.get(kid).cloned()
    }

    async fn fetch(&self) -> anyhow::Result<KeySet> {
        #[derive(Deserialize)]
        struct RawJwks {
            keys: Vec<serde_json::Value>,
        }
        let mut response = self
            .client
            .get(&self.url)
            .send()
            .await
            .context("request failed")?;
        // Checked by hand: with redirects off, a 3xx is not an error to reqwest.
        if !response.status().is_success() {
            bail!("the server answered {}", response.status());
        }
        let max_age = cache_max_age(response.headers()).map_or(self.policy.max_age, |theirs| {
            theirs.min(self.policy.max_age)
        });
        // Read chunk by chunk, so an endless or huge body costs at most the cap.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.context("reading the body failed")? {
            if body.len() + chunk.len() > MAX_JWKS_BYTES {
                bail!("the body is larger than {MAX_JWKS_BYTES} bytes");
            }
            body.extend_from_slice(&chunk);
        }
        let raw: RawJwks = serde_json::from_slice(&body).context("the body is not a JWKS")?;
        // Parse key by key: one key we cannot use must not hide the others.
        let keys = raw
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
            .collect();
        Ok(KeySet {
            keys,
            fetched_at: Instant::now(),
            // Keys cannot be refetched sooner anyway; treating them as stale
            // earlier would only make every request queue for the fetch lock.
            max_age: max_age.max(self.policy.min_refetch_interval),
        })
    }
}

/// The `max-age` of a `Cache-Control` header, if it has a valid one.
fn cache_max_age(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get_all(CACHE_CONTROL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|directive| {
            let (name, seconds) = directive.split_once('=')?;
            if !name.trim().eq_ignore_ascii_case("max-age") {
                return None;
            }
            let seconds = seconds.trim().trim_matches('"').parse().ok()?;
            Some(Duration::from_secs(seconds))
        })
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
    use axum::http::{HeaderValue, StatusCode};
    use axum::response::{IntoResponse, Redirect, Response};
    use axum::routing::get;
    use jsonwebtoken::get_current_timestamp;
    use serde_json::{Value, json};

    use super::super::keys::{KeyRing, generate_key};
    use super::*;

    /// What the stand-in server answers at `/api/auth/jwks`.
    struct Served {
        jwks: Value,
        cache_control: Option<&'static str>,
        /// Answer 503 instead, as a server that is down behind a proxy.
        failing: bool,
    }

    /// A stand-in Better Auth server: serves what `served` says and counts
    /// the requests.
    struct FakeServer {
        url: String,
        served: Arc<std::sync::Mutex<Served>>,
        hits: Arc<AtomicUsize>,
    }

    impl FakeServer {
        async fn start(ring: &KeyRing) -> FakeServer {
            let served = Arc::new(std::sync::Mutex::new(Served {
                jwks: serde_json::to_value(ring.jwks()).unwrap(),
                cache_control: None,
                failing: false,
            }));
            let hits = Arc::new(AtomicUsize::new(0));
            let app = Router::new().route(
                "/api/auth/jwks",
                get({
                    let (served, hits) = (served.clone(), hits.clone());
                    move || async move {
                        hits.fetch_add(1, Ordering::SeqCst);
                        let served = served.lock().unwrap();
                        if served.failing {
                            return StatusCode::SERVICE_UNAVAILABLE.into_response();
                        }
                        let mut response = axum::Json(served.jwks.clone()).into_response();
                        if let Some(value) = served.cache_control {
                            response
                                .headers_mut()
                                .insert(CACHE_CONTROL, HeaderValue::from_static(value));
                        }
                        response
                    }
                }),
            );
            FakeServer {
                url: serve(app).await,
                served,
                hits,
            }
        }

        /// The server now publishes `ring`'s keys only.
        fn rotate_to(&self, ring: &KeyRing) {
            self.served.lock().unwrap().jwks = serde_json::to_value(ring.jwks()).unwrap();
        }

        fn set_failing(&self, failing: bool) {
            self.served.lock().unwrap().failing = failing;
        }

        fn hits(&self) -> usize {
            self.hits.load(Ordering::SeqCst)
        }
    }

    /// Serve `app` on a random loopback port; its base URL.
    async fn serve(app: Router) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        url
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

    fn issuer(url: &str, audience: Option<&str>, policy: CachePolicy) -> RemoteIssuer {
        RemoteIssuer {
            jwks: RemoteJwks::new(format!("{url}/api/auth/jwks"), policy).unwrap(),
            policy: IssuerPolicy::url_tolerant(url, audience.unwrap_or(url)),
        }
    }

    /// The default policy, refetching at most once per `interval`.
    fn refetch_every(interval: Duration) -> CachePolicy {
        CachePolicy {
            min_refetch_interval: interval,
            ..CachePolicy::default()
        }
    }

    async fn verify(issuer: &RemoteIssuer, token: &str) -> Result<Claims, TokenError> {
        issuer.verify(token, &verify::key_id(token)?).await
    }

    #[tokio::test]
    async fn tokens_verify_against_the_fetched_jwks_which_is_cached() {
        let remote = ring();
        let server = FakeServer::start(&remote).await;
        let issuer = issuer(&server.url, None, CachePolicy::default());

        let t = token(&remote, &server.url, &server.url);
        let claims = verify(&issuer, &t).await.unwrap();
        assert_eq!(claims.sub, "remote-user");
        assert_eq!(claims.email.as_deref(), Some("grace@example.com"));
        verify(&issuer, &t).await.unwrap();
        assert_eq!(server.hits(), 1, "the JWKS is fetched once, then cached");
    }

    #[tokio::test]
    async fn issuer_and_audience_are_pinned() {
        let remote = ring();
        let server = FakeServer::start(&remote).await;
        let issuer = issuer(&server.url, Some("taskpilot"), CachePolicy::default());

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
        let server = FakeServer::start(&old).await;
        let issuer = issuer(&server.url, None, refetch_every(Duration::from_millis(500)));
        verify(&issuer, &token(&old, &server.url, &server.url))
            .await
            .unwrap();

        // The server rotates to a new key.
        let new = ring();
        server.rotate_to(&new);
        let fresh = token(&new, &server.url, &server.url);

        // Too soon after the last fetch: refused without asking the server.
        assert_eq!(verify(&issuer, &fresh).await, Err(TokenError::UnknownKey));
        assert_eq!(server.hits(), 1);

        tokio::time::sleep(Duration::from_millis(600)).await;
        verify(&issuer, &fresh).await.unwrap();
        assert_eq!(server.hits(), 2);

        // Made-up kids within the interval cost nothing.
        for _ in 0..5 {
            assert_eq!(
                verify(&issuer, &token(&ring(), &server.url, &server.url)).await,
                Err(TokenError::UnknownKey)
            );
        }
        assert_eq!(server.hits(), 2);
        // The dropped key is no longer trusted once the set is refetched.
        assert_eq!(
            verify(&issuer, &token(&old, &server.url, &server.url)).await,
            Err(TokenError::UnknownKey)
        );
    }

    #[tokio::test]
    async fn a_dropped_key_is_refused_once_the_cache_passes_its_max_age() {
        let old = ring();
        let server = FakeServer::start(&old).await;
        let issuer = issuer(
            &server.url,
            None,
            CachePolicy {
                min_refetch_interval: Duration::from_millis(100),
                max_age: Duration::from_millis(500),
                grace: Duration::from_secs(3600),
            },
        );
        let old_token = token(&old, &server.url, &server.url);
        verify(&issuer, &old_token).await.unwrap();

        // The server drops the key (say it leaked); only the new one is published.
        let new = ring();
        server.rotate_to(&new);
        // Within the max age, the cache is trusted as it is.
        verify(&issuer, &old_token).await.unwrap();
        assert_eq!(server.hits(), 1);

        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(
            verify(&issuer, &old_token).await,
            Err(TokenError::UnknownKey),
            "a stale key in use triggers a refetch, which drops it"
        );
        assert_eq!(server.hits(), 2);
        verify(&issuer, &token(&new, &server.url, &server.url))
            .await
            .unwrap();
        assert_eq!(server.hits(), 2);
    }

    #[tokio::test]
    async fn the_server_may_ask_for_a_shorter_max_age() {
        let old = ring();
        let server = FakeServer::start(&old).await;
        server.served.lock().unwrap().cache_control = Some("public, max-age=1");
        let issuer = issuer(&server.url, None, refetch_every(Duration::from_millis(100)));
        let old_token = token(&old, &server.url, &server.url);
        verify(&issuer, &old_token).await.unwrap();

        server.rotate_to(&ring());
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert_eq!(
            verify(&issuer, &old_token).await,
            Err(TokenError::UnknownKey),
            "refetched after 1 second, not 10 minutes"
        );
        assert_eq!(server.hits(), 2);
    }

    #[tokio::test]
    async fn old_keys_outlive_a_failing_server_only_for_the_grace_period() {
        let remote = ring();
        let server = FakeServer::start(&remote).await;
        let issuer = issuer(
            &server.url,
            None,
            CachePolicy {
                min_refetch_interval: Duration::from_millis(100),
                max_age: Duration::from_millis(300),
                grace: Duration::from_millis(600),
            },
        );
        let t = token(&remote, &server.url, &server.url);
        verify(&issuer, &t).await.unwrap();

        server.set_failing(true);
        tokio::time::sleep(Duration::from_millis(400)).await;
        // Stale, and the refetch fails: the old keys still serve...
        verify(&issuer, &t).await.unwrap();
        assert_eq!(server.hits(), 2);
        // ...without asking again within the interval.
        verify(&issuer, &t).await.unwrap();
        assert_eq!(server.hits(), 2);

        // Past max age + grace: refused, as unavailable (not as a bad token).
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(verify(&issuer, &t).await, Err(TokenError::KeysUnavailable));
        assert_eq!(server.hits(), 3);

        // The server recovers: accepted again at the next allowed fetch.
        server.set_failing(false);
        tokio::time::sleep(Duration::from_millis(150)).await;
        verify(&issuer, &t).await.unwrap();
        assert_eq!(server.hits(), 4);
    }

    #[tokio::test]
    async fn an_unreachable_server_means_the_keys_are_unavailable() {
        // Bind then drop a listener: nothing listens on that port any more.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let issuer = issuer(&url, None, CachePolicy::default());
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

    #[tokio::test]
    async fn redirects_are_not_followed() {
        let remote = ring();
        let jwks = serde_json::to_value(remote.jwks()).unwrap();
        let elsewhere_hits = Arc::new(AtomicUsize::new(0));
        let app = Router::new()
            .route(
                "/api/auth/jwks",
                get(|| async { Redirect::temporary("/elsewhere") }),
            )
            .route(
                "/elsewhere",
                get({
                    let hits = elsewhere_hits.clone();
                    move || async move {
                        hits.fetch_add(1, Ordering::SeqCst);
                        axum::Json(jwks)
                    }
                }),
            );
        let url = serve(app).await;
        let issuer = issuer(&url, None, CachePolicy::default());
        assert_eq!(
            verify(&issuer, &token(&remote, &url, &url)).await,
            Err(TokenError::KeysUnavailable)
        );
        assert_eq!(elsewhere_hits.load(Ordering::SeqCst), 0);
    }

    /// A server streaming a valid JWKS padded with spaces to `len` bytes, in
    /// chunks and without a `Content-Length`.
    async fn padded_jwks_server(ring: &KeyRing, len: usize) -> String {
        let mut body = serde_json::to_vec(ring.jwks()).unwrap();
        body.resize(len, b' ');
        let app = Router::new().route(
            "/api/auth/jwks",
            get(move || async move {
                let chunks: Vec<Result<Vec<u8>, std::convert::Infallible>> =
                    body.chunks(8 * 1024).map(|c| Ok(c.to_vec())).collect();
                Response::new(axum::body::Body::from_stream(futures::stream::iter(chunks)))
            }),
        );
        serve(app).await
    }

    #[tokio::test]
    async fn a_jwks_body_past_64_kib_is_refused() {
        let remote = ring();
        let url = padded_jwks_server(&remote, MAX_JWKS_BYTES).await;
        verify(
            &issuer(&url, None, CachePolicy::default()),
            &token(&remote, &url, &url),
        )
        .await
        .expect("up to the cap is fine");

        let url = padded_jwks_server(&remote, MAX_JWKS_BYTES + 1).await;
        assert_eq!(
            verify(
                &issuer(&url, None, CachePolicy::default()),
                &token(&remote, &url, &url)
            )
            .await,
            Err(TokenError::KeysUnavailable)
        );
    }

    #[test]
    fn the_max_age_is_read_from_cache_control() {
        let max_age = |values: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for value in values {
                headers.append(CACHE_CONTROL, HeaderValue::from_static(value));
            }
            cache_max_age(&headers)
        };
        let secs = |s| Some(Duration::from_secs(s));
        assert_eq!(max_age(&["max-age=300"]), secs(300));
        assert_eq!(
            max_age(&["public, Max-Age = \"60\", must-revalidate"]),
            secs(60)
        );
        assert_eq!(max_age(&["no-cache", "max-age=5"]), secs(5));
        assert_eq!(max_age(&["s-maxage=10"]), None);
        assert_eq!(max_age(&["max-age=soon"]), None);
        assert_eq!(max_age(&[]), None);
    }

    #[test]
    fn plain_http_is_accepted_only_to_a_loopback_host() {
        for good in [
            "https://auth.example.com",
            "http://127.0.0.1:3000",
            "http://127.8.9.10",
            "http://localhost:3000/",
            "http://LocalHost",
            "http://[::1]:3000",
        ] {
            assert!(check_transport(good).is_ok(), "{good} should be accepted");
        }
        for bad in [
            "http://auth.example.com",
            "http://10.0.0.1:3000",
            "http://[::2]",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
        ] {
            let err = check_transport(bad).expect_err(bad).to_string();
            assert!(
                err.contains("must be an https:// URL") && err.contains(bad),
                "{bad}: {err}"
            );
        }
        assert!(RemoteIssuer::new("http://auth.example.com", None).is_err());
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
