//! Accounts and tokens over real HTTP: the Better Auth-shaped endpoints, the
//! JWTs they hand out, and the 401s a protected route answers.

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, create, spawn_app, spawn_app_with};

const PASSWORD: &str = "correct horse battery";

/// A response's status, headers and JSON body.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    async fn from(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON body ({e}): {text:?}"));
        Answer {
            status,
            headers,
            body,
        }
    }

    /// The `Set-Cookie` header for the session cookie.
    fn session_cookie(&self) -> &str {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("better-auth.session_token="))
            .expect("a session Set-Cookie")
    }

    /// `name=value` of the session cookie, as a browser would send it back.
    fn cookie_pair(&self) -> String {
        self.session_cookie().split(';').next().unwrap().to_string()
    }
}

async fn post(app: &TestApp, path: &str, body: Value) -> Answer {
    Answer::from(
        app.client
            .post(format!("{}{path}", app.url))
            .json(&body)
            .send()
            .await
            .expect("request"),
    )
    .await
}

const JSON: &str = "application/json";

/// POST `body` as it is, with this `Content-Type`.
async fn post_raw(app: &TestApp, path: &str, content_type: &str, body: String) -> Answer {
    let request = app
        .client
        .post(format!("{}{path}", app.url))
        .header("content-type", content_type)
        .body(body);
    Answer::from(request.send().await.expect("request")).await
}

/// POST `/api/auth/sign-out` with this `Cookie` header.
async fn sign_out(app: &TestApp, cookie: &str) -> Answer {
    let request = app
        .client
        .post(format!("{}/api/auth/sign-out", app.url))
        .header("cookie", cookie);
    Answer::from(request.send().await.expect("request")).await
}

/// POST an empty `{}` to the protected `/chatkit` route with this
/// `Authorization` header (or none).
async fn chatkit(app: &TestApp, authorization: Option<&str>) -> Answer {
    let mut request = app
        .client
        .post(format!("{}/chatkit", app.url))
        .header("content-type", JSON)
        .body("{}");
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    Answer::from(request.send().await.expect("request")).await
}

/// GET `url` and parse its JSON body.
async fn get_json(client: &reqwest::Client, url: String, bearer: Option<&str>) -> Value {
    let mut request = client.get(url);
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    request
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("JSON body")
}

async fn sign_up(app: &TestApp, name: &str, email: &str, password: &str) -> Answer {
    post(
        app,
        "/api/auth/sign-up/email",
        json!({ "name": name, "email": email, "password": password }),
    )
    .await
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> Answer {
    post(
        app,
        "/api/auth/sign-in/email",
        json!({ "email": email, "password": password }),
    )
    .await
}

/// `GET path` with an optional `Cookie` header and bearer token.
async fn get_with(app: &TestApp, path: &str, cookie: Option<&str>, bearer: Option<&str>) -> Answer {
    let mut request = app.client.get(format!("{}{path}", app.url));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    Answer::from(request.send().await.expect("request")).await
}

fn unique_email(name: &str) -> String {
    format!("{name}-{}@example.test", uuid::Uuid::new_v4().simple())
}

/// Verify `jwt` the way another service would: with the server's JWKS.
async fn verify_with_published_jwks(app: &TestApp, jwt: &str) -> Value {
    let jwks: JwkSet = app
        .client
        .get(format!("{}/api/auth/jwks", app.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kid = jsonwebtoken::decode_header(jwt).unwrap().kid.expect("kid");
    let jwk = jwks.find(&kid).expect("the token's key is published");
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_issuer(&[&app.url]);
    validation.set_audience(&[&app.url]);
    validation.leeway = 0;
    jsonwebtoken::decode::<Value>(jwt, &DecodingKey::from_jwk(jwk).unwrap(), &validation)
        .expect("JWT verifies")
        .claims
}

#[tokio::test]
async fn sign_up_answers_a_session_token_and_the_user() {
    let app = spawn_app().await;
    let email = unique_email("ada");
    let answer = sign_up(
        &app,
        "  Ada Lovelace ",
        &format!("  {}", email.to_uppercase()),
        PASSWORD,
    )
    .await;

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["token"].as_str().unwrap().len(), 43);
    let user = &answer.body["user"];
    assert_eq!(user["name"], "Ada Lovelace");
    assert_eq!(user["email"], email, "stored trimmed and lower-cased");
    assert_eq!(user["emailVerified"], false);
    assert_eq!(user["image"], Value::Null);
    assert!(user["id"].as_str().is_some_and(|id| !id.is_empty()));
    for field in ["createdAt", "updatedAt"] {
        let at = user[field].as_str().unwrap();
        assert!(
            chrono::DateTime::parse_from_rfc3339(at).is_ok() && at.ends_with('Z'),
            "{field}: {at}"
        );
    }
    // Signed in at once: the cookie carries the same token.
    assert_eq!(
        answer.cookie_pair(),
        format!(
            "better-auth.session_token={}",
            answer.body["token"].as_str().unwrap()
        )
    );
    assert_eq!(answer.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn an_email_is_taken_whatever_its_case() {
    let app = spawn_app().await;
    let email = unique_email("grace");
    assert_eq!(
        sign_up(&app, "Grace", &email, PASSWORD).await.status,
        StatusCode::OK
    );

    let again = sign_up(&app, "Grace Again", &email.to_uppercase(), PASSWORD).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        again.body,
        json!({ "code": "USER_ALREADY_EXISTS", "message": "User already exists. Use another email." })
    );
}

#[tokio::test]
async fn sign_up_input_is_checked_with_clear_errors() {
    let app = spawn_app().await;
    let email = unique_email("x");
    let body = |name: &str, email: Value, password: &str| {
        json!({ "name": name, "email": email, "password": password }).to_string()
    };
    let long_password = "x".repeat(129);
    // (content type, body, expected code, words the message must contain)
    let cases = [
        (
            JSON,
            body("X", json!(email), "1234567"),
            "PASSWORD_TOO_SHORT",
            "at least 8",
        ),
        (
            JSON,
            body("X", json!(email), &long_password),
            "PASSWORD_TOO_LONG",
            "at most 128",
        ),
        (
            JSON,
            body("X", json!("not-an-email"), PASSWORD),
            "INVALID_EMAIL",
            "email",
        ),
        (
            JSON,
            body("   ", json!(email), PASSWORD),
            "INVALID_NAME",
            "Name",
        ),
        (
            JSON,
            json!({ "name": "X", "email": email }).to_string(),
            "BAD_REQUEST",
            "`password`",
        ),
        (
            JSON,
            body("X", json!(42), PASSWORD),
            "BAD_REQUEST",
            "`email`",
        ),
        (
            JSON,
            "{\"name\": ".to_string(),
            "BAD_REQUEST",
            "not valid JSON",
        ),
        (
            "text/plain",
            "name=X".to_string(),
            "BAD_REQUEST",
            "must be JSON",
        ),
    ];
    for (content_type, body, code, words) in cases {
        let answer = post_raw(&app, "/api/auth/sign-up/email", content_type, body.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.body["code"], code, "{body}");
        let message = answer.body["message"].as_str().unwrap();
        assert!(
            message.contains(words),
            "{body}: {message:?} should mention {words:?}"
        );
    }

    // None of those created the account.
    assert_eq!(
        sign_up(&app, "X", &email, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_in_answers_a_session_and_sets_the_cookie() {
    let app = spawn_app().await;
    let email = unique_email("linus");
    sign_up(&app, "Linus", &email, PASSWORD).await;

    let answer = sign_in(&app, &format!(" {} ", email.to_uppercase()), PASSWORD).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["redirect"], false);
    assert_eq!(answer.body["user"]["email"], email);
    let token = answer.body["token"].as_str().unwrap();

    let cookie = answer.session_cookie();
    assert!(
        cookie.starts_with(&format!("better-auth.session_token={token};")),
        "{cookie}"
    );
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604800"] {
        assert!(
            cookie.split("; ").any(|a| a == attribute),
            "{attribute} in {cookie}"
        );
    }
    assert!(
        !cookie.contains("Secure"),
        "not Secure unless configured: {cookie}"
    );
}

#[tokio::test]
async fn the_cookie_is_secure_when_configured() {
    let app = spawn_app_with(|config| config.secure_cookies = true).await;
    let answer = sign_up(&app, "Sec", &unique_email("sec"), PASSWORD).await;
    assert!(
        answer.session_cookie().split("; ").any(|a| a == "Secure"),
        "{}",
        answer.session_cookie()
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let email = unique_email("alan");
    sign_up(&app, "Alan", &email, PASSWORD).await;

    let wrong_password = sign_in(&app, &email, "not the password").await;
    let unknown_email = sign_in(&app, &unique_email("nobody"), "not the password").await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_password.body["code"], "INVALID_EMAIL_OR_PASSWORD");
    assert_eq!(
        (wrong_password.status, &wrong_password.body),
        (unknown_email.status, &unknown_email.body)
    );
    assert!(wrong_password.headers.get(SET_COOKIE).is_none());
}

#[tokio::test]
async fn get_session_knows_the_cookie_or_bearer_session() {
    let app = spawn_app().await;
    let email = unique_email("edsger");
    let signed_up = sign_up(&app, "Edsger", &email, PASSWORD).await;
    let token = signed_up.body["token"].as_str().unwrap();

    for (cookie, bearer) in [(Some(signed_up.cookie_pair()), None), (None, Some(token))] {
        let answer = get_with(&app, "/api/auth/get-session", cookie.as_deref(), bearer).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body["user"], signed_up.body["user"]);
        let session = &answer.body["session"];
        assert_eq!(session["userId"], signed_up.body["user"]["id"]);
        assert!(
            session["id"].is_string() && session["expiresAt"].is_string(),
            "{session}"
        );
        assert!(
            session.get("token").is_none(),
            "the HttpOnly token is not echoed to scripts"
        );
    }

    let anonymous = get_with(&app, "/api/auth/get-session", None, None).await;
    assert_eq!(
        (anonymous.status, anonymous.body),
        (StatusCode::OK, Value::Null)
    );
    let made_up = get_with(
        &app,
        "/api/auth/get-session",
        Some(&format!("better-auth.session_token={}", "A".repeat(43))),
        None,
    )
    .await;
    assert_eq!(
        (made_up.status, made_up.body),
        (StatusCode::OK, Value::Null)
    );
}

#[tokio::test]
async fn a_session_is_exchanged_for_a_jwt_that_verifies_against_the_jwks() {
    let app = spawn_app().await;
    let email = unique_email("barbara");
    let signed_up = sign_up(&app, "Barbara", &email, PASSWORD).await;
    let user_id = signed_up.body["user"]["id"].as_str().unwrap();

    let by_cookie = get_with(
        &app,
        "/api/auth/token",
        Some(&signed_up.cookie_pair()),
        None,
    )
    .await;
    let by_bearer = get_with(
        &app,
        "/api/auth/token",
        None,
        signed_up.body["token"].as_str(),
    )
    .await;
    for answer in [by_cookie, by_bearer] {
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let jwt = answer.body["token"].as_str().unwrap();
        let header = jsonwebtoken::decode_header(jwt).unwrap();
        assert_eq!(header.alg, Algorithm::EdDSA);
        let claims = verify_with_published_jwks(&app, jwt).await;
        assert_eq!(claims["sub"], user_id);
        assert_eq!(claims["email"], email);
        assert_eq!(claims["name"], "Barbara");
        assert_eq!(claims["iss"], app.url);
        assert_eq!(claims["aud"], app.url);
        assert_eq!(
            claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
            15 * 60
        );
    }

    let none = get_with(&app, "/api/auth/token", None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.body["code"], "UNAUTHORIZED");
}

#[tokio::test]
async fn the_jwks_publishes_an_ed25519_key() {
    let app = spawn_app().await;
    let answer = get_with(&app, "/api/auth/jwks", None, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let keys = answer.body["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let key = keys[0].as_object().unwrap();
    assert_eq!(
        key.keys().collect::<Vec<_>>(),
        ["kty", "crv", "x", "kid", "alg", "use"]
    );
    assert_eq!(
        (&key["kty"], &key["crv"], &key["alg"], &key["use"]),
        (
            &json!("OKP"),
            &json!("Ed25519"),
            &json!("EdDSA"),
            &json!("sig")
        )
    );
}

#[tokio::test]
async fn sign_out_ends_the_session_and_clears_the_cookie() {
    let app = spawn_app().await;
    let signed_up = sign_up(&app, "Ken", &unique_email("ken"), PASSWORD).await;
    let cookie = signed_up.cookie_pair();

    let out = sign_out(&app, &cookie).await;
    assert_eq!(
        (out.status, &out.body),
        (StatusCode::OK, &json!({ "success": true }))
    );
    assert!(
        out.session_cookie().contains("Max-Age=0"),
        "{}",
        out.session_cookie()
    );

    assert_eq!(
        get_with(&app, "/api/auth/get-session", Some(&cookie), None)
            .await
            .body,
        Value::Null
    );
    assert_eq!(
        get_with(&app, "/api/auth/token", Some(&cookie), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // Signing out twice is harmless.
    assert_eq!(sign_out(&app, &cookie).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_protected_route_refuses_missing_or_bad_tokens_with_json() {
    let app = spawn_app().await;
    let user = app.sign_up("mallory").await;
    let cases = [
        (None, "missing Authorization: Bearer token"),
        (Some("Basic bWFsbG9yeTpwdw==".to_string()), "Bearer <token>"),
        (Some("Bearer not-a-jwt".to_string()), "not a JWT"),
        (Some(format!("Bearer {}", user.session)), "not a JWT"),
        (Some("Bearer a.b.c".to_string()), "malformed"),
        (
            Some(format!(
                "Bearer {}",
                forge(&user.jwt, |claims| claims["sub"] = json!("someone-else"))
            )),
            "signature is invalid",
        ),
    ];
    for (authorization, expected) in cases {
        let answer = chatkit(&app, authorization.as_deref()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{authorization:?}");
        // `/chatkit` errors have the API's shape, not Better Auth's.
        assert_eq!(answer.body["error"]["code"], "UNAUTHORIZED");
        let message = answer.body["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(expected),
            "{authorization:?}: {message:?} should say {expected:?}"
        );
        assert_eq!(answer.headers["www-authenticate"], "Bearer");
    }

    // The real token gets past authentication (the empty body is then a 400).
    assert_eq!(
        chatkit(&app, Some(&format!("Bearer {}", user.jwt)))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

/// `jwt` with its payload rewritten by `change` and the old signature kept.
fn forge(jwt: &str, change: impl FnOnce(&mut Value)) -> String {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = jwt.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    change(&mut claims);
    format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    )
}

#[tokio::test]
async fn tokens_survive_a_restart() {
    let (database_url, _db) = crate::db::fresh_database_url().await;
    let config = || {
        let mut config = taskpilot::config::Config::for_tests(&database_url);
        // The issuer must not change with the random port.
        config.public_url = Some("http://taskpilot.test".into());
        config
    };
    let client = reqwest::Client::new();

    let first = taskpilot::app::spawn(config()).await.unwrap();
    let sign_up = json!({ "name": "Rita", "email": unique_email("rita"), "password": PASSWORD });
    let response = client
        .post(format!("{}/api/auth/sign-up/email", first.url()))
        .json(&sign_up)
        .send()
        .await;
    let signed_up: Value = response.unwrap().json().await.unwrap();
    let session = signed_up["token"].as_str().unwrap();
    let jwt = get_json(
        &client,
        format!("{}/api/auth/token", first.url()),
        Some(session),
    )
    .await;
    let jwks_before = get_json(&client, format!("{}/api/auth/jwks", first.url()), None).await;
    first.shutdown().await;

    let second = taskpilot::app::spawn(config()).await.unwrap();
    let jwks_after = get_json(&client, format!("{}/api/auth/jwks", second.url()), None).await;
    assert_eq!(
        jwks_before, jwks_after,
        "the signing key is persisted, not regenerated"
    );
    let claims = second
        .state
        .auth
        .verify(jwt["token"].as_str().unwrap())
        .await;
    assert_eq!(
        claims
            .expect("a JWT from before the restart verifies")
            .user_id,
        signed_up["user"]["id"].as_str().unwrap()
    );
    let session_after = get_json(
        &client,
        format!("{}/api/auth/get-session", second.url()),
        Some(session),
    )
    .await;
    assert_eq!(
        session_after["user"], signed_up["user"],
        "the session survives too"
    );
}

/// A stand-in for a trusted Better Auth server: it publishes one Ed25519 key
/// at `/api/auth/jwks` and signs tokens as its JWT plugin would.
struct FakeBetterAuth {
    url: String,
    kid: String,
    key: EncodingKey,
}

impl FakeBetterAuth {
    async fn start() -> FakeBetterAuth {
        use base64::Engine;
        use ed25519_dalek::pkcs8::EncodePrivateKey;
        let signing = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(signing.verifying_key().as_bytes());
        let kid = "better-auth-key-1".to_string();
        // Better Auth's JWKS entries carry no `use`; `alg` is present.
        let jwks = Arc::new(
            json!({ "keys": [{ "crv": "Ed25519", "x": x, "kty": "OKP", "kid": kid, "alg": "EdDSA" }] }),
        );
        let app = Router::new().route(
            "/api/auth/jwks",
            get(move || async move { axum::Json((*jwks).clone()) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let key = EncodingKey::from_ed_der(signing.to_pkcs8_der().unwrap().as_bytes());
        FakeBetterAuth { url, kid, key }
    }

    /// A JWT as the plugin issues it: the user object plus sub/iss/aud/iat/exp.
    fn token(&self, aud: &str, exp_in: i64) -> String {
        self.token_for("ba-user-1", aud, exp_in)
    }

    /// [`Self::token`] for the user with id `sub`.
    fn token_for(&self, sub: &str, aud: &str, exp_in: i64) -> String {
        let now = jsonwebtoken::get_current_timestamp() as i64;
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        let claims = json!({
            "id": sub, "name": "Remote Rosa", "email": "rosa@example.test", "emailVerified": true,
            "image": null, "createdAt": "2025-01-01T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:00.000Z",
            "sub": sub, "iss": self.url, "aud": aud, "iat": now, "exp": now + exp_in,
        });
        jsonwebtoken::encode(&header, &claims, &self.key).unwrap()
    }
}

#[tokio::test]
async fn tokens_from_the_trusted_better_auth_server_are_accepted() {
    let better_auth = FakeBetterAuth::start().await;
    let ba_url = better_auth.url.clone();
    let app = spawn_app_with(|config| config.better_auth_url = Some(ba_url)).await;

    let auth = &app.app.state.auth;
    let user = auth
        .verify(&better_auth.token(&better_auth.url, 900))
        .await
        .expect("accepted");
    assert_eq!(
        (user.user_id.as_str(), user.email.as_deref()),
        ("ba:ba-user-1", Some("rosa@example.test")),
        "its users have ids of their own, apart from ours"
    );

    let refusal = |result: Result<_, taskpilot::error::ApiError>| result.unwrap_err().to_string();
    assert_eq!(
        refusal(auth.verify(&better_auth.token(&better_auth.url, -60)).await),
        "token expired"
    );
    let other_audience = better_auth.token("https://other.example", 900);
    assert_eq!(
        refusal(auth.verify(&other_audience).await),
        "token audience is not accepted"
    );

    // Over HTTP too: past authentication, the empty ChatKit body is a 400.
    let bearer = format!("Bearer {}", better_auth.token(&better_auth.url, 900));
    assert_eq!(
        chatkit(&app, Some(&bearer)).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn without_a_trusted_server_foreign_tokens_are_unknown() {
    let better_auth = FakeBetterAuth::start().await;
    let app = spawn_app().await;
    let foreign = better_auth.token(&better_auth.url, 900);
    let err = app.app.state.auth.verify(&foreign).await.unwrap_err();
    assert_eq!(err.to_string(), "token was signed by an unknown key");
}

#[tokio::test]
async fn a_remote_token_with_a_local_users_id_does_not_reach_their_data() {
    let better_auth = FakeBetterAuth::start().await;
    let ba_url = better_auth.url.clone();
    let app = spawn_app_with(|config| config.better_auth_url = Some(ba_url)).await;
    let local = app.sign_up("olga").await;
    app.chatkit_stream(&local, create("add task: file the taxes"))
        .await;
    let local_id = jsonwebtoken::dangerous::insecure_decode::<Value>(&local.jwt)
        .unwrap()
        .claims["sub"]
        .as_str()
        .unwrap()
        .to_string();

    // The trusted server vouches for "its" user whose id is Olga's.
    let impostor = TestUser {
        session: String::new(),
        jwt: better_auth.token_for(&local_id, &better_auth.url, 900),
    };
    let threads = json!({ "type": "threads.list", "params": {} });
    let (status, list) = app.chatkit_json(&impostor, threads.clone()).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["data"], json!([]), "Olga's thread stays hers");

    let (_, list) = app.chatkit_json(&local, threads).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_unreachable_trusted_server_is_a_503_not_a_sign_out() {
    let better_auth = FakeBetterAuth::start().await;
    // Bind then drop a listener: nothing answers at that address.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let dead_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let app = spawn_app_with(|config| config.better_auth_url = Some(dead_url)).await;

    let bearer = format!("Bearer {}", better_auth.token(&better_auth.url, 900));
    let answer = chatkit(&app, Some(&bearer)).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.body["error"]["code"], "SERVICE_UNAVAILABLE");
    assert!(
        answer.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("could not fetch the signing keys"),
        "{}",
        answer.body
    );
    assert_eq!(answer.headers["retry-after"], "30");
    assert!(
        answer.headers.get("www-authenticate").is_none(),
        "nothing tells the client its credentials are bad"
    );
}

#[tokio::test]
async fn a_better_auth_url_over_plain_http_must_be_loopback() {
    let (database_url, _db) = crate::db::fresh_database_url().await;
    let mut config = taskpilot::config::Config::for_tests(&database_url);
    config.better_auth_url = Some("http://auth.example.com".into());
    let err = match taskpilot::app::spawn(config).await {
        Ok(_) => panic!("started with an http:// BETTER_AUTH_URL"),
        Err(err) => format!("{err:#}"),
    };
    assert!(
        err.contains("BETTER_AUTH_URL must be an https:// URL"),
        "{err}"
    );
}
