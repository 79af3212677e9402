//! `spawn_app()`: a real TaskPilot on a random port against a fresh database
//! (SQLite in a temp dir, or a new PostgreSQL database when
//! `TEST_DATABASE_URL` is set), and a client that speaks to it over HTTP.

use reqwest::StatusCode;
use serde_json::{Value, json};
use taskpilot::app::RunningApp;
use taskpilot::config::Config;

use crate::db::{TestDb, fresh_database_url};

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub app: RunningApp,
    pub url: String,
    pub client: reqwest::Client,
    _db: TestDb,
}

/// A signed-up user: the session token and a JWT for API calls.
pub struct TestUser {
    pub session: String,
    pub jwt: String,
}

/// Start a server on 127.0.0.1:0 with its own database.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with a chance to adjust the configuration.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, db) = fresh_database_url().await;
    let mut config = Config::for_tests(&database_url);
    adjust(&mut config);
    let app = taskpilot::app::spawn(config).await.expect("server starts");
    let url = app.url();
    TestApp {
        app,
        url,
        client: reqwest::Client::new(),
        _db: db,
    }
}

impl TestApp {
    /// Sign a new user up and get their JWT.
    pub async fn sign_up(&self, name: &str) -> TestUser {
        let email = format!("{name}-{}@example.test", uuid::Uuid::new_v4().simple());
        let response = self
            .client
            .post(format!("{}/api/auth/sign-up/email", self.url))
            .json(&json!({ "name": name, "email": email, "password": "correct horse battery" }))
            .send()
            .await
            .expect("sign-up request");
        assert_eq!(response.status(), StatusCode::OK, "sign-up answers 200");
        let body: Value = response.json().await.expect("sign-up JSON");
        let session = body["token"].as_str().expect("session token").to_string();
        let token: Value = self
            .client
            .get(format!("{}/api/auth/token", self.url))
            .bearer_auth(&session)
            .send()
            .await
            .expect("token request")
            .json()
            .await
            .expect("token JSON");
        let jwt = token["token"].as_str().expect("JWT").to_string();
        TestUser { session, jwt }
    }

    /// POST a raw body to `/chatkit` as `user` (or anonymously).
    pub async fn chatkit_raw(
        &self,
        user: Option<&TestUser>,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/chatkit", self.url))
            .header("content-type", "application/json")
            .body(body);
        if let Some(user) = user {
            request = request.bearer_auth(&user.jwt);
        }
        request.send().await.expect("chatkit request")
    }

    /// A non-streaming request: status and JSON body.
    pub async fn chatkit_json(&self, user: &TestUser, request: Value) -> (StatusCode, Value) {
        let response = self.chatkit_raw(Some(user), request.to_string()).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        let body =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON body ({e}): {text}"));
        (status, body)
    }

    /// A streaming request that must succeed: the events, in order.
    pub async fn chatkit_stream(&self, user: &TestUser, request: Value) -> Vec<Value> {
        let response = self.chatkit_raw(Some(user), request.to_string()).await;
        assert_eq!(response.status(), StatusCode::OK, "stream answers 200");
        let content_type = response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .to_string();
        assert_eq!(content_type, "text/event-stream; charset=utf-8");
        let text = response.text().await.expect("stream body");
        parse_sse(&text)
    }
}

/// Split an SSE body into its JSON events, checking the framing.
pub fn parse_sse(body: &str) -> Vec<Value> {
    assert!(
        body.is_empty() || body.ends_with("\n\n"),
        "stream ends with a blank line: {body:?}"
    );
    body.split_terminator("\n\n")
        .map(|frame| {
            let data = frame
                .strip_prefix("data: ")
                .unwrap_or_else(|| panic!("frame is `data: …`: {frame:?}"));
            assert!(!data.contains('\n'), "one line per event");
            serde_json::from_str(data).unwrap_or_else(|e| panic!("event is JSON ({e}): {data}"))
        })
        .collect()
}

/// The `type` of each event.
pub fn types(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["type"].as_str().unwrap_or("?"))
        .collect()
}

/// A user message input as the client sends it.
pub fn input(text: &str) -> Value {
    json!({ "content": [{ "type": "input_text", "text": text }], "attachments": [], "inference_options": {} })
}

/// `threads.create` with `text`.
pub fn create(text: &str) -> Value {
    json!({ "type": "threads.create", "params": { "input": input(text) } })
}

/// `threads.add_user_message` with `text`.
pub fn add_message(thread_id: &str, text: &str) -> Value {
    json!({ "type": "threads.add_user_message", "params": { "thread_id": thread_id, "input": input(text) } })
}

/// The thread id announced by a `threads.create` stream.
pub fn thread_id(events: &[Value]) -> String {
    events[0]["thread"]["id"]
        .as_str()
        .expect("thread.created first")
        .to_string()
}

/// The items of every `thread.item.done` event.
pub fn done_items(events: &[Value]) -> Vec<&Value> {
    events
        .iter()
        .filter(|e| e["type"] == "thread.item.done")
        .map(|e| &e["item"])
        .collect()
}
