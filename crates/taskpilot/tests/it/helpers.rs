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

// ---------------------------------------------------------------- the REST API

/// A REST API reply: its status, headers and JSON body (`Null` when empty).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// Read a response. A body that is not JSON is kept as a JSON string
    /// (so the assertion that expected JSON shows it).
    pub async fn read(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body, after checking the status.
    #[track_caller]
    pub fn expect(self, status: StatusCode) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        self.body
    }

    /// Check that this is an error in the API's shape
    /// (`{"error": {"code", "message", "fields"?}}`) with this status and
    /// code; the `fields` it names (empty when it has none).
    #[track_caller]
    pub fn expect_error(&self, status: StatusCode, code: &str) -> serde_json::Map<String, Value> {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.body
        );
        let error = self.body["error"]
            .as_object()
            .unwrap_or_else(|| panic!("an `error` object: {}", self.body));
        assert_eq!(error["code"], code, "error code; body: {}", self.body);
        let message = error["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "a message: {}", self.body);
        let allowed = ["code", "message", "fields"];
        assert!(
            error.keys().all(|k| allowed.contains(&k.as_str())),
            "only code, message and fields: {}",
            self.body
        );
        match error.get("fields") {
            None => serde_json::Map::new(),
            Some(fields) => {
                let fields = fields
                    .as_object()
                    .unwrap_or_else(|| panic!("`fields` is an object: {}", self.body))
                    .clone();
                assert!(
                    fields
                        .values()
                        .all(|m| m.as_str().is_some_and(|m| !m.is_empty())),
                    "each field has a message: {}",
                    self.body
                );
                fields
            }
        }
    }
}

impl TestUser {
    /// The user's id: the JWT's `sub`.
    pub fn user_id(&self) -> String {
        use base64::Engine as _;
        let payload = self.jwt.split('.').nth(1).expect("a JWT has a payload");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .expect("base64url payload");
        let claims: Value = serde_json::from_slice(&bytes).expect("JSON claims");
        claims["sub"].as_str().expect("a `sub` claim").to_string()
    }
}

impl TestApp {
    /// A request to `path` on this server, carrying `user`'s JWT if given.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        user: Option<&TestUser>,
    ) -> reqwest::RequestBuilder {
        let request = self.client.request(method, format!("{}{path}", self.url));
        match user {
            Some(user) => request.bearer_auth(&user.jwt),
            None => request,
        }
    }

    /// Send a request and read its reply.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        Reply::read(request.send().await.expect("request")).await
    }

    /// `method path` as `user`, with a JSON body if given.
    pub async fn call(
        &self,
        user: &TestUser,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.request(method, path, Some(user));
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.send(request).await
    }

    /// `POST /api/tasks`, which must succeed: the task.
    pub async fn create_task(&self, user: &TestUser, body: Value) -> Value {
        self.call(user, reqwest::Method::POST, "/api/tasks", Some(body))
            .await
            .expect(StatusCode::CREATED)
    }

    /// `GET /api/tasks/{id}`, which must succeed: the task.
    pub async fn get_task(&self, user: &TestUser, id: i64) -> Value {
        self.call(
            user,
            reqwest::Method::GET,
            &format!("/api/tasks/{id}"),
            None,
        )
        .await
        .expect(StatusCode::OK)
    }

    /// `GET /api/tasks` with these query pairs (keys may repeat).
    pub async fn list_tasks(&self, user: &TestUser, query: &[(&str, &str)]) -> Reply {
        let request = self
            .request(reqwest::Method::GET, "/api/tasks", Some(user))
            .query(query);
        self.send(request).await
    }

    /// `PATCH /api/settings` to this time zone, which must succeed.
    pub async fn set_time_zone(&self, user: &TestUser, zone: &str) {
        let body = self
            .call(
                user,
                reqwest::Method::PATCH,
                "/api/settings",
                Some(json!({ "time_zone": zone })),
            )
            .await
            .expect(StatusCode::OK);
        assert_eq!(body["time_zone"], zone);
    }
}

/// The `id`s of a JSON array of tasks.
pub fn ids(tasks: &Value) -> Vec<i64> {
    tasks
        .as_array()
        .unwrap_or_else(|| panic!("an array of tasks: {tasks}"))
        .iter()
        .map(|t| t["id"].as_i64().expect("a task id"))
        .collect()
}

/// Today's date in an IANA time zone, by the system clock.
pub fn today_in(zone: &str) -> chrono::NaiveDate {
    let tz: chrono_tz::Tz = zone.parse().expect("an IANA zone");
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// A time zone where it is now around midday (within half an hour), so a
/// test that reasons about "today" there cannot straddle midnight.
pub fn midday_zone() -> &'static str {
    use chrono::Timelike as _;
    // One zone per whole UTC offset from -11 to +14, none with summer time
    // (so the offsets stay an hour apart).
    const ZONES: [&str; 26] = [
        "Pacific/Pago_Pago",
        "Pacific/Honolulu",
        "Pacific/Gambier",
        "Pacific/Pitcairn",
        "America/Phoenix",
        "America/Regina",
        "America/Bogota",
        "America/La_Paz",
        "America/Sao_Paulo",
        "Atlantic/South_Georgia",
        "Atlantic/Cape_Verde",
        "UTC",
        "Africa/Lagos",
        "Africa/Johannesburg",
        "Europe/Istanbul",
        "Asia/Dubai",
        "Asia/Karachi",
        "Asia/Dhaka",
        "Asia/Bangkok",
        "Asia/Shanghai",
        "Asia/Tokyo",
        "Australia/Brisbane",
        "Pacific/Noumea",
        "Pacific/Fiji",
        "Pacific/Tongatapu",
        "Pacific/Kiritimati",
    ];
    let now = chrono::Utc::now();
    ZONES
        .into_iter()
        .min_by_key(|zone| {
            let tz: chrono_tz::Tz = zone.parse().expect("an IANA zone");
            let local = now.with_timezone(&tz);
            let minutes = i64::from(local.hour() * 60 + local.minute());
            (minutes - 12 * 60).abs()
        })
        .expect("zones")
}

impl Reply {
    /// Nothing if this is a 422 `VALIDATION_FAILED` whose `fields` name
    /// `field`; otherwise what came instead (for tables of cases that
    /// report every mismatch at once).
    pub fn refusal_mismatch(&self, field: &str) -> Option<String> {
        let error = &self.body["error"];
        let named = error["fields"]
            .as_object()
            .is_some_and(|fields| fields.contains_key(field));
        let ok = self.status == StatusCode::UNPROCESSABLE_ENTITY
            && error["code"] == "VALIDATION_FAILED"
            && named;
        (!ok).then(|| format!("{} {}", self.status, self.body))
    }
}

/// A task's `id`.
pub fn id_of(task: &Value) -> i64 {
    task["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("a task id: {task}"))
}

/// An RFC 3339 timestamp from the API, as an instant.
pub fn instant(value: &Value) -> chrono::DateTime<chrono::Utc> {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a timestamp: {value}"));
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("RFC 3339 ({e}): {text}"))
        .with_timezone(&chrono::Utc)
}
