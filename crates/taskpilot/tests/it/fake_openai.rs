//! A fake of an OpenAI-compatible chat-completions API, for tests that must
//! not touch the network: a real HTTP server on 127.0.0.1:0 that answers each
//! `POST /v1/chat/completions` with the next scripted [`FakeReply`] and
//! records what it was asked and whether the client hung up.
//!
//! ```ignore
//! let fake = FakeOpenAi::start().await;
//! fake.push(FakeReply::tool_calls(&[FakeToolCall::new("call_1", "list_tasks", &json!({}))]))
//!     .push(FakeReply::text(&["Here ", "they are."]));
//! let app = spawn_app_with(|config| fake.configure(config)).await; // or Agent::from_config
//! // … drive the app …
//! assert_eq!(fake.request(1).body["messages"][3]["role"], "tool");
//! ```
//!
//! A reply is streamed (`FakeReply::stream()` and the event methods, or the
//! `text` / `tool_calls` shortcuts) or an error status (`error`,
//! `rate_limited`). Timing and failures are steps too: `sleep` (a stall),
//! `wait_for` a [`Gate`] the test opens, `drop_connection`, or simply no
//! `done()`. A request with nothing left to answer gets a 500.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use taskpilot::config::Config;
use tokio::sync::watch;

/// The API key [`FakeOpenAi::configure`] sets (and the fake expects).
pub const FAKE_API_KEY: &str = "sk-fake-0123456789abcdef";

/// The model [`FakeOpenAi::configure`] sets.
pub const FAKE_MODEL: &str = "fake-model-1";

/// A running fake; stops when dropped.
pub struct FakeOpenAi {
    base_url: String,
    state: Arc<FakeState>,
    server: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
struct FakeState {
    script: Mutex<VecDeque<FakeReply>>,
    requests: Mutex<Vec<Arc<RecordedRequest>>>,
}

impl FakeOpenAi {
    /// Start a fake on a free port of 127.0.0.1.
    pub async fn start() -> FakeOpenAi {
        let state = Arc::new(FakeState::default());
        let router = Router::new()
            .route("/v1/chat/completions", post(chat_completions))
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake");
        let addr = listener.local_addr().expect("fake address");
        let server = tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<SocketAddr>();
            axum::serve(listener, service).await.expect("fake serves");
        });
        FakeOpenAi {
            base_url: format!("http://{addr}/v1"),
            state,
            server,
        }
    }

    /// Point `config` at this fake: its URL, [`FAKE_API_KEY`], [`FAKE_MODEL`],
    /// and timeouts short enough for tests (adjust them after, if needed).
    pub fn configure(&self, config: &mut Config) {
        config.openai_base_url = self.base_url.clone();
        config.openai_api_key = Some(FAKE_API_KEY.into());
        config.openai_model = FAKE_MODEL.to_string();
        config.openai_first_byte_timeout_ms = 3_000;
        config.openai_idle_timeout_ms = 3_000;
        config.openai_retry_budget_ms = 5_000;
    }

    /// Answer the next request not yet scripted with `reply`.
    pub fn push(&self, reply: FakeReply) -> &Self {
        self.state.script.lock().unwrap().push_back(reply);
        self
    }

    /// How many requests arrived so far.
    pub fn request_count(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    /// The `n`th request (from 0); panics if it has not arrived.
    pub fn request(&self, n: usize) -> Arc<RecordedRequest> {
        let requests = self.state.requests.lock().unwrap();
        match requests.get(n) {
            Some(request) => Arc::clone(request),
            None => panic!("the fake got {} requests, not {}", requests.len(), n + 1),
        }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<Arc<RecordedRequest>> {
        self.state.requests.lock().unwrap().clone()
    }
}

impl Drop for FakeOpenAi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// One request the fake received, and what became of its reply.
#[derive(Debug)]
pub struct RecordedRequest {
    /// The JSON body (`Null` if it was not JSON).
    pub body: Value,
    /// The `Authorization` header.
    pub authorization: Option<String>,
    /// The client's address: the same one for requests on one kept-alive connection.
    pub peer: SocketAddr,
    /// When the request arrived.
    pub received_at: Instant,
    first_text_at: OnceLock<Instant>,
    closed_by_client: watch::Sender<bool>,
}

impl RecordedRequest {
    /// The roles of the request's messages, in order.
    pub fn roles(&self) -> Vec<&str> {
        self.body["messages"]
            .as_array()
            .map(|messages| {
                messages
                    .iter()
                    .map(|m| m["role"].as_str().unwrap_or("?"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// When the reply's first text chunk was handed to the connection.
    pub fn first_text_at(&self) -> Option<Instant> {
        self.first_text_at.get().copied()
    }

    /// Whether the client closed the connection before the reply's end.
    pub fn closed_by_client(&self) -> bool {
        *self.closed_by_client.borrow()
    }

    /// Wait up to `within` for the client to close the connection before
    /// the reply's end; whether it did.
    pub async fn wait_closed_by_client(&self, within: Duration) -> bool {
        let mut closed = self.closed_by_client.subscribe();
        tokio::time::timeout(within, closed.wait_for(|closed| *closed))
            .await
            .is_ok()
    }
}

/// A scripted answer to one request.
#[derive(Clone, Debug)]
pub struct FakeReply {
    status: StatusCode,
    headers: Vec<(&'static str, String)>,
    error_body: Value,
    delay: Duration,
    steps: Vec<Step>,
}

#[derive(Clone, Debug)]
enum Step {
    /// A `data:` event; `text` when it carries content.
    Event {
        data: String,
        text: bool,
    },
    /// Bytes as they are (an SSE comment, say).
    Raw(String),
    Sleep(Duration),
    Wait(Gate),
    /// End the body with an error: the connection is cut without the end of
    /// the chunked body.
    Drop,
}

impl FakeReply {
    /// A `200 text/event-stream` reply with no events yet.
    pub fn stream() -> FakeReply {
        FakeReply {
            status: StatusCode::OK,
            headers: Vec::new(),
            error_body: Value::Null,
            delay: Duration::ZERO,
            steps: Vec::new(),
        }
    }

    /// The assistant's role, then `pieces` of text, `finish_reason: "stop"`
    /// and `[DONE]`: a whole answer, as OpenAI streams it.
    pub fn text(pieces: &[&str]) -> FakeReply {
        let mut reply = FakeReply::stream().role();
        for piece in pieces {
            reply = reply.content(piece);
        }
        reply.finish("stop").done()
    }

    /// `calls`, each one's arguments in three fragments (the first with the
    /// id and name), then `finish_reason: "tool_calls"` and `[DONE]`.
    pub fn tool_calls(calls: &[FakeToolCall]) -> FakeReply {
        let mut reply = FakeReply::stream().role();
        for (index, call) in calls.iter().enumerate() {
            let index = index as u32;
            let fragments = thirds(&call.arguments);
            reply = reply.tool_call_fragment(index, Some(&call.id), Some(&call.name), fragments[0]);
            for fragment in &fragments[1..] {
                reply = reply.tool_call_fragment(index, None, None, fragment);
            }
        }
        reply.finish("tool_calls").done()
    }

    /// An error status with an OpenAI-style error body.
    pub fn error(status: u16) -> FakeReply {
        let status = StatusCode::from_u16(status).expect("a status code");
        let message = if status == StatusCode::UNAUTHORIZED {
            // What OpenAI says, key fragment included: it must never reach a user.
            format!(
                "Incorrect API key provided: {}***. You can find your API key at https://platform.openai.com/account/api-keys.",
                &FAKE_API_KEY[..8]
            )
        } else {
            format!("the fake answers {status}")
        };
        FakeReply {
            status,
            error_body: json!({"error": {"message": message, "type": "fake_error", "param": null, "code": null}}),
            ..FakeReply::stream()
        }
    }

    /// A 429 whose `Retry-After` header asks to wait `seconds`.
    pub fn rate_limited(seconds: &str) -> FakeReply {
        FakeReply::error(429).header("retry-after", seconds)
    }

    /// Add a response header.
    pub fn header(mut self, name: &'static str, value: &str) -> FakeReply {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Wait this long before sending the response headers.
    pub fn delay(mut self, delay: Duration) -> FakeReply {
        self.delay = delay;
        self
    }

    /// The first chunk OpenAI sends: `delta: {role: "assistant", content: ""}`.
    pub fn role(self) -> FakeReply {
        self.delta(json!({"role": "assistant", "content": ""}), None)
    }

    /// A chunk of text.
    pub fn content(mut self, text: &str) -> FakeReply {
        self.steps.push(Step::Event {
            data: chunk(json!({"content": text}), None).to_string(),
            text: true,
        });
        self
    }

    /// A fragment of tool call `index`: its id and name when given, and a
    /// piece of its arguments.
    pub fn tool_call_fragment(
        self,
        index: u32,
        id: Option<&str>,
        name: Option<&str>,
        arguments: &str,
    ) -> FakeReply {
        let mut call = json!({"index": index, "function": {"arguments": arguments}});
        if let Some(id) = id {
            call["id"] = json!(id);
            call["type"] = json!("function");
        }
        if let Some(name) = name {
            call["function"]["name"] = json!(name);
        }
        self.delta(json!({"tool_calls": [call]}), None)
    }

    /// The chunk that ends the choice, with its `finish_reason`.
    pub fn finish(self, reason: &str) -> FakeReply {
        self.delta(json!({}), Some(reason))
    }

    /// `data: [DONE]`.
    pub fn done(self) -> FakeReply {
        self.event("[DONE]")
    }

    /// A `data:` event with this payload, as it is.
    pub fn event(mut self, data: &str) -> FakeReply {
        self.steps.push(Step::Event {
            data: data.to_string(),
            text: false,
        });
        self
    }

    /// These bytes, as they are (`": keep-alive\n\n"`, say).
    pub fn raw(mut self, bytes: &str) -> FakeReply {
        self.steps.push(Step::Raw(bytes.to_string()));
        self
    }

    /// Send nothing for `pause` (the connection stays open).
    pub fn sleep(mut self, pause: Duration) -> FakeReply {
        self.steps.push(Step::Sleep(pause));
        self
    }

    /// Send nothing until `gate` is opened.
    pub fn wait_for(mut self, gate: &Gate) -> FakeReply {
        self.steps.push(Step::Wait(gate.clone()));
        self
    }

    /// Cut the connection here.
    pub fn drop_connection(mut self) -> FakeReply {
        self.steps.push(Step::Drop);
        self
    }

    fn delta(mut self, delta: Value, finish_reason: Option<&str>) -> FakeReply {
        self.steps.push(Step::Event {
            data: chunk(delta, finish_reason).to_string(),
            text: false,
        });
        self
    }
}

/// A tool call for [`FakeReply::tool_calls`].
#[derive(Clone, Debug)]
pub struct FakeToolCall {
    pub id: String,
    pub name: String,
    /// The arguments as the model writes them: JSON text (or not).
    pub arguments: String,
}

impl FakeToolCall {
    /// A call with well-formed arguments.
    pub fn new(id: &str, name: &str, arguments: &Value) -> FakeToolCall {
        FakeToolCall::raw(id, name, &arguments.to_string())
    }

    /// A call whose arguments are exactly `arguments` (malformed, say).
    pub fn raw(id: &str, name: &str, arguments: &str) -> FakeToolCall {
        FakeToolCall {
            id: id.to_string(),
            name: name.to_string(),
            arguments: arguments.to_string(),
        }
    }
}

/// A point a reply waits at until the test opens it.
#[derive(Clone, Debug)]
pub struct Gate(Arc<watch::Sender<bool>>);

impl Default for Gate {
    fn default() -> Gate {
        Gate(Arc::new(watch::Sender::new(false)))
    }
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Gate {
        Gate::default()
    }

    /// Let every reply waiting here go on.
    pub fn open(&self) {
        self.0.send_replace(true);
    }

    async fn passed(&self) {
        let mut open = self.0.subscribe();
        let _ = open.wait_for(|open| *open).await;
    }
}

/// A `chat.completion.chunk` with one choice.
fn chunk(delta: Value, finish_reason: Option<&str>) -> Value {
    json!({
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": FAKE_MODEL,
        "choices": [{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish_reason}],
    })
}

/// `text` in three pieces (cut at character boundaries; some may be empty).
fn thirds(text: &str) -> [&str; 3] {
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let at = |n: usize| cuts.get(cuts.len() * n / 3).copied().unwrap_or(text.len());
    let (one, two) = (at(1), at(2));
    [&text[..one], &text[one..two], &text[two..]]
}

async fn chat_completions(
    State(state): State<Arc<FakeState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request = Arc::new(RecordedRequest {
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        authorization: headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        peer,
        received_at: Instant::now(),
        first_text_at: OnceLock::new(),
        closed_by_client: watch::Sender::new(false),
    });
    state.requests.lock().unwrap().push(Arc::clone(&request));
    let Some(reply) = state.script.lock().unwrap().pop_front() else {
        let body = json!({"error": {"message": "the fake has no scripted reply left"}});
        return (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response();
    };
    let FakeReply {
        status,
        headers: reply_headers,
        error_body,
        delay,
        steps,
    } = reply;
    // From here until the reply's end, a hang-up is noticed: hyper drops
    // this future, or the body stream, when the connection goes.
    let mut probe = HangUpProbe {
        request,
        finished: false,
    };
    tokio::time::sleep(delay).await;

    let mut response = if status == StatusCode::OK {
        let body = async_stream::stream! {
            for step in steps {
                match step {
                    Step::Event { data, text } => {
                        if text {
                            probe.request.first_text_at.get_or_init(Instant::now);
                        }
                        yield Ok(Bytes::from(format!("data: {data}\n\n")));
                    }
                    Step::Raw(bytes) => yield Ok(Bytes::from(bytes)),
                    Step::Sleep(pause) => tokio::time::sleep(pause).await,
                    Step::Wait(gate) => gate.passed().await,
                    Step::Drop => {
                        // Let what was sent reach the client first: the
                        // server would otherwise drop its unsent buffer too.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        probe.finish();
                        yield Err(std::io::Error::other("the fake cuts the connection"));
                        return;
                    }
                }
            }
            probe.finish();
        };
        let mut response = Body::from_stream(body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("text/event-stream"),
        );
        response
    } else {
        probe.finish();
        (status, axum::Json(error_body)).into_response()
    };
    for (name, value) in reply_headers {
        response
            .headers_mut()
            .insert(name, value.parse().expect("a header value"));
    }
    response
}

/// Notes that the client hung up: the server drops a streamed body before
/// its end only when the connection is gone.
struct HangUpProbe {
    request: Arc<RecordedRequest>,
    finished: bool,
}

impl HangUpProbe {
    /// The reply went out whole (or the fake cut it on purpose).
    fn finish(&mut self) {
        self.finished = true;
    }
}

impl Drop for HangUpProbe {
    fn drop(&mut self) {
        if !self.finished {
            self.request.closed_by_client.send_replace(true);
        }
    }
}
