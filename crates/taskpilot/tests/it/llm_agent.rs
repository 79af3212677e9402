//! The LLM agent against a fake OpenAI-compatible service: streaming, the
//! tool loop, every way the service can fail, and cancellation.

use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chatkit::widgets::{Card, Title, WidgetRoot};
use futures::StreamExt;
use serde_json::{Value, json};
use taskpilot::assistant::llm::{
    Agent, AgentEvent, HISTORY_LIMIT, HistoryMessage, MAX_TURNS, ToolDefinition, ToolOutput, Tools,
};
use taskpilot::config::Config;

use crate::fake_openai::{FAKE_API_KEY, FAKE_MODEL, FakeOpenAi, FakeReply, FakeToolCall, Gate};

/// Tools that note each call and answer with a card titled with the tool's name.
#[derive(Default)]
struct StubTools {
    calls: Mutex<Vec<(String, Value)>>,
}

impl StubTools {
    fn calls(&self) -> Vec<(String, Value)> {
        self.calls.lock().unwrap().clone()
    }
}

#[async_trait::async_trait]
impl Tools for StubTools {
    fn definitions(&self) -> Vec<ToolDefinition> {
        vec![
            ToolDefinition {
                name: "add_task".into(),
                description: "Add a task.".into(),
                parameters: json!({"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}),
            },
            ToolDefinition {
                name: "list_tasks".into(),
                description: "List the tasks.".into(),
                parameters: json!({"type": "object", "properties": {}}),
            },
        ]
    }

    async fn call(&self, name: &str, arguments: Value) -> ToolOutput {
        self.calls
            .lock()
            .unwrap()
            .push((name.to_string(), arguments.clone()));
        ToolOutput {
            for_model: json!({"ok": true, "tool": name, "arguments": arguments}),
            widget: Some(card(name)),
            copy_text: None,
        }
    }
}

fn card(title: &str) -> WidgetRoot {
    Card::new(vec![Title::new(title).into()]).into()
}

/// The event showing [`card`]`(title)`.
fn card_shown(title: &str) -> AgentEvent {
    AgentEvent::Widget(Box::new(card(title)), None)
}

fn agent(fake: &FakeOpenAi) -> Agent {
    agent_with(fake, |_| {})
}

fn agent_with(fake: &FakeOpenAi, adjust: impl FnOnce(&mut Config)) -> Agent {
    let mut config = Config::for_tests("sqlite::memory:");
    fake.configure(&mut config);
    adjust(&mut config);
    Agent::from_config(&config)
        .expect("the HTTP client builds")
        .expect("a key gives an agent")
}

fn ask(text: &str) -> Vec<HistoryMessage> {
    vec![HistoryMessage::User(text.to_string())]
}

/// Run the agent to its end (failing the test if it hangs).
async fn run(
    agent: &Agent,
    tools: &Arc<StubTools>,
    history: Vec<HistoryMessage>,
) -> Vec<AgentEvent> {
    let events = agent.run(tools.clone(), history).collect::<Vec<_>>();
    tokio::time::timeout(Duration::from_secs(20), events)
        .await
        .expect("the run ends")
}

fn text(piece: &str) -> AgentEvent {
    AgentEvent::TextDelta(piece.to_string())
}

/// The message of the run's only error, its last event, which must allow a retry.
fn retryable_error(events: &[AgentEvent]) -> String {
    let errors = events
        .iter()
        .filter(|e| matches!(e, AgentEvent::Error { .. }))
        .count();
    assert_eq!(errors, 1, "one error: {events:?}");
    match events.last() {
        Some(AgentEvent::Error {
            message,
            allow_retry: true,
        }) => message.clone(),
        other => panic!("a retryable error last, got {other:?} in {events:?}"),
    }
}

// ------------------------------------------------------------------ answers

#[tokio::test]
async fn text_streams_in_order_as_it_arrives() {
    let fake = FakeOpenAi::start().await;
    let gate = Gate::new();
    fake.push(
        FakeReply::stream()
            .role()
            .content("Hel")
            .wait_for(&gate)
            .content("lo")
            .content(" there")
            .finish("stop")
            .done(),
    );
    let tools = Arc::new(StubTools::default());
    let agent = agent(&fake);
    let mut events = pin!(agent.run(tools.clone(), ask("hi")));

    // The fake holds the rest of the reply until the gate opens, so the
    // first piece can only be here if it was passed on as it arrived.
    let first = tokio::time::timeout(Duration::from_secs(5), events.next())
        .await
        .expect("the first piece arrives while the service is still replying");
    assert_eq!(first, Some(text("Hel")));
    gate.open();
    let rest: Vec<AgentEvent> = events.collect().await;
    assert_eq!(rest, vec![text("lo"), text(" there"), AgentEvent::TextDone]);
    assert!(tools.calls().is_empty());
}

#[tokio::test]
async fn the_request_names_the_model_the_tools_the_instructions_and_the_key() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::text(&["Hi!"]));
    let tools = Arc::new(StubTools::default());
    run(&agent(&fake), &tools, ask("hello")).await;

    let request = fake.request(0);
    assert_eq!(
        request.authorization.as_deref(),
        Some(format!("Bearer {FAKE_API_KEY}").as_str())
    );
    let body = &request.body;
    assert_eq!(body["model"], FAKE_MODEL);
    assert_eq!(body["stream"], true);
    assert_eq!(body["tool_choice"], "auto");
    assert_eq!(body["tools"][0]["type"], "function");
    assert_eq!(body["tools"][0]["function"]["name"], "add_task");
    assert_eq!(
        body["tools"][0]["function"]["parameters"]["required"],
        json!(["title"])
    );
    assert_eq!(body["tools"][1]["function"]["name"], "list_tasks");
    assert_eq!(request.roles(), ["system", "user"]);
    let instructions = body["messages"][0]["content"].as_str().unwrap();
    assert!(
        instructions.contains("Do not restate what the widget shows"),
        "{instructions}"
    );
    assert_eq!(
        body["messages"][1],
        json!({"role": "user", "content": "hello"})
    );
}

#[tokio::test]
async fn the_history_is_passed_as_given_up_to_its_limit() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::text(&["ok"]))
        .push(FakeReply::text(&["ok"]));
    let tools = Arc::new(StubTools::default());
    let agent = agent(&fake);
    let thread = |n: usize| -> Vec<HistoryMessage> {
        (0..n)
            .map(|i| match i % 2 {
                0 => HistoryMessage::User(format!("user {i}")),
                _ => HistoryMessage::Assistant(format!("assistant {i}")),
            })
            .collect()
    };
    let expected = |from: usize, to: usize| -> Vec<Value> {
        (from..to)
            .map(|i| match i % 2 {
                0 => json!({"role": "user", "content": format!("user {i}")}),
                _ => json!({"role": "assistant", "content": format!("assistant {i}")}),
            })
            .collect()
    };

    run(&agent, &tools, thread(HISTORY_LIMIT)).await;
    let sent = fake.request(0).body["messages"].as_array().unwrap()[1..].to_vec();
    assert_eq!(sent, expected(0, HISTORY_LIMIT), "all 20, oldest first");

    run(&agent, &tools, thread(HISTORY_LIMIT + 5)).await;
    let sent = fake.request(1).body["messages"].as_array().unwrap()[1..].to_vec();
    assert_eq!(sent, expected(5, HISTORY_LIMIT + 5), "the newest 20");
}

// ------------------------------------------------------------------ tools

#[tokio::test]
async fn a_tool_result_goes_back_to_the_model_before_it_answers() {
    let fake = FakeOpenAi::start().await;
    let arguments = json!({"title": "Buy milk"});
    fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
        "call_abc", "add_task", &arguments,
    )]))
    .push(FakeReply::text(&["Added", "."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("add milk")).await;

    assert_eq!(
        events,
        vec![
            card_shown("add_task"),
            text("Added"),
            text("."),
            AgentEvent::TextDone
        ]
    );
    assert_eq!(
        tools.calls(),
        vec![("add_task".to_string(), arguments.clone())]
    );
    let second = fake.request(1);
    assert_eq!(second.roles(), ["system", "user", "assistant", "tool"]);
    let messages = &second.body["messages"];
    assert_eq!(
        messages[2],
        json!({"role": "assistant", "content": null, "tool_calls": [{
            "id": "call_abc", "type": "function",
            "function": {"name": "add_task", "arguments": arguments.to_string()}
        }]})
    );
    assert_eq!(messages[3]["tool_call_id"], "call_abc");
    let result: Value = serde_json::from_str(messages[3]["content"].as_str().unwrap()).unwrap();
    assert_eq!(
        result,
        json!({"ok": true, "tool": "add_task", "arguments": arguments})
    );
}

#[tokio::test]
async fn the_tool_loop_keeps_its_connection_to_the_service() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
        "call_1",
        "list_tasks",
        &json!({}),
    )]))
    .push(FakeReply::text(&["Here."]));
    let tools = Arc::new(StubTools::default());
    run(&agent(&fake), &tools, ask("show")).await;
    assert_eq!(
        fake.request(0).peer,
        fake.request(1).peer,
        "the second turn reuses the first turn's connection"
    );
}

#[tokio::test]
async fn several_calls_in_one_turn_run_in_order_and_each_result_is_returned() {
    let fake = FakeOpenAi::start().await;
    // Fragments of the two calls interleaved, as a server may send them.
    fake.push(
        FakeReply::stream()
            .role()
            .tool_call_fragment(0, Some("call_a"), Some("add_task"), "{\"title\":")
            .tool_call_fragment(1, Some("call_b"), Some("list_tasks"), "")
            .tool_call_fragment(0, None, None, " \"Call mum\"}")
            .tool_call_fragment(1, None, None, "{}")
            .finish("tool_calls")
            .done(),
    )
    .push(FakeReply::text(&["Done."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("add call mum and show all")).await;

    assert_eq!(
        events,
        vec![
            card_shown("add_task"),
            card_shown("list_tasks"),
            text("Done."),
            AgentEvent::TextDone
        ]
    );
    assert_eq!(
        tools.calls(),
        vec![
            ("add_task".to_string(), json!({"title": "Call mum"})),
            ("list_tasks".to_string(), json!({}))
        ]
    );
    let second = fake.request(1);
    assert_eq!(
        second.roles(),
        ["system", "user", "assistant", "tool", "tool"]
    );
    let messages = &second.body["messages"];
    assert_eq!(messages[2]["tool_calls"][0]["id"], "call_a");
    assert_eq!(messages[2]["tool_calls"][1]["id"], "call_b");
    assert_eq!(messages[3]["tool_call_id"], "call_a");
    assert_eq!(messages[4]["tool_call_id"], "call_b");
}

#[tokio::test]
async fn words_before_a_tool_call_are_a_message_of_their_own() {
    let fake = FakeOpenAi::start().await;
    fake.push(
        FakeReply::stream()
            .role()
            .content("Let me look.")
            .tool_call_fragment(0, Some("call_1"), Some("list_tasks"), "{}")
            .finish("tool_calls")
            .done(),
    )
    .push(FakeReply::text(&["Here they are."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("what's on my list?")).await;

    assert_eq!(
        events,
        vec![
            text("Let me look."),
            AgentEvent::TextDone,
            card_shown("list_tasks"),
            text("Here they are."),
            AgentEvent::TextDone
        ]
    );
    assert_eq!(
        fake.request(1).body["messages"][2]["content"],
        "Let me look."
    );
}

#[tokio::test]
async fn the_tool_loop_is_bounded() {
    let fake = FakeOpenAi::start().await;
    for n in 0..=MAX_TURNS {
        fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
            &format!("call_{n}"),
            "list_tasks",
            &json!({}),
        )]));
    }
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("loop forever")).await;

    retryable_error(&events);
    assert_eq!(fake.request_count(), MAX_TURNS, "no turn past the bound");
    assert_eq!(tools.calls().len(), MAX_TURNS - 1);
    let choices: Vec<Value> = fake
        .requests()
        .iter()
        .map(|r| r.body["tool_choice"].clone())
        .collect();
    let mut expected = vec![json!("auto"); MAX_TURNS - 1];
    expected.push(json!("none"));
    assert_eq!(choices, expected, "the last turn must answer in words");
}

#[tokio::test]
async fn malformed_tool_arguments_end_the_run_and_no_tool_runs() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::tool_calls(&[
        FakeToolCall::new("call_1", "list_tasks", &json!({})),
        FakeToolCall::raw("call_2", "add_task", "{\"title\": \"milk\""),
    ]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("add milk")).await;

    assert_eq!(events.len(), 1, "{events:?}");
    retryable_error(&events);
    assert!(
        tools.calls().is_empty(),
        "not even the well-formed call runs"
    );
    assert_eq!(fake.request_count(), 1);
}

#[tokio::test]
async fn a_tool_the_model_made_up_is_reported_back_to_it() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
        "call_1",
        "delete_everything",
        &json!({}),
    )]))
    .push(FakeReply::text(&["I can't do that."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("delete everything")).await;

    assert_eq!(events, vec![text("I can't do that."), AgentEvent::TextDone]);
    assert!(tools.calls().is_empty());
    let result = fake.request(1).body["messages"][3]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(result.contains("no tool named"), "{result}");
}

// ------------------------------------------------------------------ failures

#[tokio::test]
async fn a_service_that_does_not_answer_in_time_is_an_error() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::text(&["late"]).delay(Duration::from_secs(5)));
    let tools = Arc::new(StubTools::default());
    let agent = agent_with(&fake, |c| c.openai_first_byte_timeout_ms = 300);

    let started = Instant::now();
    let events = run(&agent, &tools, ask("hi")).await;

    assert_eq!(events.len(), 1, "{events:?}");
    retryable_error(&events);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_stall_mid_reply_is_an_error() {
    let fake = FakeOpenAi::start().await;
    fake.push(
        FakeReply::stream()
            .role()
            .content("Hel")
            .sleep(Duration::from_secs(5))
            .content("lo")
            .finish("stop")
            .done(),
    );
    let tools = Arc::new(StubTools::default());
    let agent = agent_with(&fake, |c| c.openai_idle_timeout_ms = 300);

    let started = Instant::now();
    let events = run(&agent, &tools, ask("hi")).await;

    assert_eq!(events[0], text("Hel"));
    assert_eq!(events.len(), 2, "{events:?}");
    retryable_error(&events);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn keep_alive_comments_are_not_a_stall() {
    let fake = FakeOpenAi::start().await;
    let mut reply = FakeReply::stream().role();
    for _ in 0..5 {
        reply = reply
            .sleep(Duration::from_millis(150))
            .raw(": keep-alive\n\n");
    }
    fake.push(reply.content("Thought about it.").finish("stop").done());
    let tools = Arc::new(StubTools::default());
    let agent = agent_with(&fake, |c| c.openai_idle_timeout_ms = 400);

    let events = run(&agent, &tools, ask("think")).await;

    assert_eq!(
        events,
        vec![text("Thought about it."), AgentEvent::TextDone]
    );
}

#[tokio::test]
async fn a_rate_limit_is_waited_out_as_the_service_asks() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::rate_limited("1"))
        .push(FakeReply::text(&["Hi!"]));
    let tools = Arc::new(StubTools::default());

    let started = Instant::now();
    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(events, vec![text("Hi!"), AgentEvent::TextDone]);
    assert_eq!(fake.request_count(), 2);
    let waited = fake.request(1).received_at - fake.request(0).received_at;
    assert!(
        waited >= Duration::from_secs(1),
        "Retry-After honoured: {waited:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn a_later_turn_is_retried_too_since_none_of_it_was_shown() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
        "call_1",
        "list_tasks",
        &json!({}),
    )]))
    .push(FakeReply::error(429).header("retry-after-ms", "20"))
    .push(FakeReply::text(&["Here."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("show")).await;

    assert_eq!(
        events,
        vec![
            card_shown("list_tasks"),
            text("Here."),
            AgentEvent::TextDone
        ]
    );
    assert_eq!(tools.calls().len(), 1, "the tool ran once");
    assert_eq!(
        fake.request(2).body,
        fake.request(1).body,
        "the same turn, asked again"
    );
}

#[tokio::test]
async fn rate_limits_are_retried_a_bounded_number_of_times() {
    let fake = FakeOpenAi::start().await;
    for _ in 0..4 {
        fake.push(FakeReply::error(429).header("retry-after-ms", "20"));
    }
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    let message = retryable_error(&events);
    assert!(message.contains("busy"), "{message}");
    assert_eq!(fake.request_count(), 3, "three attempts");
}

#[tokio::test]
async fn a_rate_limit_longer_than_the_budget_is_not_waited_for() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::rate_limited("60"))
        .push(FakeReply::text(&["too late"]));
    let tools = Arc::new(StubTools::default());

    let started = Instant::now();
    let events = run(&agent(&fake), &tools, ask("hi")).await;

    retryable_error(&events);
    assert_eq!(fake.request_count(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::error(500))
        .push(FakeReply::error(503))
        .push(FakeReply::text(&["Recovered."]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(events, vec![text("Recovered."), AgentEvent::TextDone]);
    assert_eq!(fake.request_count(), 3);
    let first_pause = fake.request(1).received_at - fake.request(0).received_at;
    let second_pause = fake.request(2).received_at - fake.request(1).received_at;
    assert!(first_pause >= Duration::from_millis(500), "{first_pause:?}");
    assert!(
        second_pause >= Duration::from_millis(1000),
        "doubles: {second_pause:?}"
    );
}

#[tokio::test]
async fn server_errors_that_persist_end_in_an_error() {
    let fake = FakeOpenAi::start().await;
    for _ in 0..4 {
        fake.push(FakeReply::error(502).header("retry-after-ms", "20"));
    }
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    let message = retryable_error(&events);
    assert!(
        !message.contains("502") && !message.contains("fake"),
        "{message}"
    );
    assert_eq!(fake.request_count(), 3);
}

#[tokio::test]
async fn a_rejected_key_is_reported_as_misconfiguration_and_not_retried() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::error(401))
        .push(FakeReply::text(&["unreachable"]));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(fake.request_count(), 1, "not retried");
    let [
        AgentEvent::Error {
            message,
            allow_retry,
        },
    ] = events.as_slice()
    else {
        panic!("one error: {events:?}");
    };
    assert!(!allow_retry, "retrying cannot fix a key");
    assert!(message.contains("misconfigured"), "{message}");
    for secret in [FAKE_API_KEY, &FAKE_API_KEY[..8], "Incorrect API key"] {
        assert!(!message.contains(secret), "{message}");
    }
}

#[tokio::test]
async fn a_connection_dropped_mid_reply_is_an_error() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::stream().role().content("Hel").drop_connection());
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(events[0], text("Hel"));
    assert_eq!(events.len(), 2, "{events:?}");
    let message = retryable_error(&events);
    assert!(message.contains("cut off"), "{message}");
}

#[tokio::test]
async fn a_reply_that_ends_unfinished_is_an_error() {
    let fake = FakeOpenAi::start().await;
    // Neither a finish_reason nor [DONE]: the body just ends.
    fake.push(FakeReply::stream().role().content("Hel").content("lo"));
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(events[..2], [text("Hel"), text("lo")]);
    assert_eq!(
        events.len(),
        3,
        "no TextDone for a cut-off answer: {events:?}"
    );
    let message = retryable_error(&events);
    assert!(message.contains("cut off"), "{message}");
}

#[tokio::test]
async fn a_finish_reason_without_done_is_a_complete_reply() {
    let fake = FakeOpenAi::start().await;
    fake.push(
        FakeReply::stream()
            .role()
            .content("All set.")
            .finish("stop"),
    );
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    assert_eq!(events, vec![text("All set."), AgentEvent::TextDone]);
}

#[tokio::test]
async fn an_error_reported_inside_the_stream_is_an_error() {
    let fake = FakeOpenAi::start().await;
    fake.push(
        FakeReply::stream()
            .role()
            .event(r#"{"error": {"message": "The server is overloaded", "type": "server_error"}}"#),
    );
    let tools = Arc::new(StubTools::default());

    let events = run(&agent(&fake), &tools, ask("hi")).await;

    let message = retryable_error(&events);
    assert!(!message.contains("overloaded"), "{message}");
}

#[tokio::test]
async fn an_unreachable_service_is_an_error() {
    // A port that was free a moment ago: nothing listens there.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let fake = FakeOpenAi::start().await;
    let agent = agent_with(&fake, |c| {
        c.openai_base_url = format!("http://127.0.0.1:{port}/v1");
    });
    let tools = Arc::new(StubTools::default());

    let events = run(&agent, &tools, ask("hi")).await;

    assert_eq!(events.len(), 1, "{events:?}");
    retryable_error(&events);
    assert_eq!(fake.request_count(), 0);
}

// ------------------------------------------------------------------ cancellation

#[tokio::test]
async fn dropping_the_run_closes_the_connection_to_the_service() {
    let fake = FakeOpenAi::start().await;
    let never = Gate::new();
    fake.push(
        FakeReply::stream()
            .role()
            .content("Thinking")
            .wait_for(&never)
            .content(" more")
            .finish("stop")
            .done(),
    );
    let tools = Arc::new(StubTools::default());
    let agent = agent(&fake);
    let mut events = Box::pin(agent.run(tools.clone(), ask("hi")));
    assert_eq!(events.next().await, Some(text("Thinking")));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        !fake.request(0).closed_by_client(),
        "the connection is open while the run is"
    );

    drop(events); // the ChatKit client went away

    assert!(
        fake.request(0)
            .wait_closed_by_client(Duration::from_secs(5))
            .await,
        "the service saw the connection close"
    );
}

#[tokio::test]
async fn dropping_the_run_before_the_service_answers_abandons_the_request() {
    let fake = FakeOpenAi::start().await;
    fake.push(FakeReply::text(&["late"]).delay(Duration::from_secs(10)));
    let tools = Arc::new(StubTools::default());
    let agent = agent_with(&fake, |c| c.openai_first_byte_timeout_ms = 20_000);
    let mut events = Box::pin(agent.run(tools.clone(), ask("hi")));
    let pending = tokio::time::timeout(Duration::from_millis(300), events.next()).await;
    assert!(pending.is_err(), "nothing yet: {pending:?}");
    assert_eq!(fake.request_count(), 1);

    drop(events);

    assert!(
        fake.request(0)
            .wait_closed_by_client(Duration::from_secs(5))
            .await,
        "the service saw the request abandoned"
    );
}

// ------------------------------------------------------------------ latency

/// How much later than the service's first token the agent's first delta
/// reaches the consumer (loopback, HTTP parsing, SSE parsing, JSON, the
/// stream). Printed; run with `--no-capture` to see it.
#[tokio::test]
async fn the_agent_adds_little_latency_to_the_first_token() {
    const RUNS: usize = 40;
    let fake = FakeOpenAi::start().await;
    for _ in 0..RUNS {
        fake.push(FakeReply::text(&["Hi", " there."]));
    }
    let tools = Arc::new(StubTools::default());
    let agent = agent(&fake);

    let mut added = Vec::with_capacity(RUNS);
    let mut to_request = Vec::with_capacity(RUNS);
    for n in 0..RUNS {
        let started = Instant::now();
        let mut events = pin!(agent.run(tools.clone(), ask("hi")));
        let first = events.next().await;
        let received = Instant::now();
        assert_eq!(first, Some(text("Hi")));
        while events.next().await.is_some() {}
        let request = fake.request(n);
        let sent = request.first_text_at().expect("the fake sent text");
        added.push(received - sent);
        to_request.push(request.received_at - started);
    }
    added.sort();
    to_request.sort();
    let at = |list: &[Duration], q: f64| list[((list.len() - 1) as f64 * q) as usize];
    eprintln!(
        "first token → first delta, over {RUNS} runs: p50 {:?}, p95 {:?}, max {:?}; \
         run start → request at the service: p50 {:?}, p95 {:?}",
        at(&added, 0.5),
        at(&added, 0.95),
        added[RUNS - 1],
        at(&to_request, 0.5),
        at(&to_request, 0.95),
    );
    // The target is 1 ms; the bound leaves room for a busy CI machine.
    assert!(at(&added, 0.5) < Duration::from_millis(5), "{added:?}");
}
