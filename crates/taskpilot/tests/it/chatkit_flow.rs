//! The first slice end to end over HTTP: sign up, chat `add task: …` and
//! `show tasks`, press Complete, and find everything persisted.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// Find the first server-handled Complete button in a widget tree.
fn first_button(node: &Value) -> Option<&Value> {
    if node["type"] == "Button"
        && node["onClickAction"]["handler"] == "server"
        && node["onClickAction"]["type"] == "task.complete"
    {
        return Some(node);
    }
    node["children"].as_array()?.iter().find_map(first_button)
}

fn widget_text(node: &Value) -> String {
    let mut out = String::new();
    for key in ["value", "label"] {
        if let Some(s) = node[key].as_str() {
            out.push_str(s);
            out.push('\n');
        }
    }
    if let Some(children) = node["children"].as_array() {
        for child in children {
            out.push_str(&widget_text(child));
        }
    }
    out
}

#[tokio::test]
async fn add_task_streams_a_reply_and_a_confirmation_card() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;

    let events = app
        .chatkit_stream(&alice, create("add task: buy milk"))
        .await;
    let kinds = types(&events);
    assert_eq!(
        &kinds[..3],
        ["thread.created", "thread.item.done", "stream_options"],
        "{kinds:?}"
    );
    assert_eq!(events[1]["item"]["type"], "user_message");
    assert_eq!(
        events[1]["item"]["content"][0]["text"],
        "add task: buy milk"
    );
    assert!(
        kinds.contains(&"thread.item.updated"),
        "the reply streams as text deltas: {kinds:?}"
    );
    assert_eq!(kinds.last(), Some(&"thread.item.done"));

    let done = done_items(&events);
    let reply = done
        .iter()
        .find(|i| i["type"] == "assistant_message")
        .expect("an assistant reply");
    let text = reply["content"][0]["text"].as_str().expect("text");
    assert!(text.contains("buy milk"), "{text}");
    let card = done
        .iter()
        .find(|i| i["type"] == "widget")
        .expect("a widget");
    assert_eq!(card["widget"]["type"], "Card");
    assert!(widget_text(&card["widget"]).contains("buy milk"));

    // Persisted: the thread has the user message, the reply and the card, in order.
    let thread = thread_id(&events);
    let (status, page) = app
        .chatkit_json(
            &alice,
            json!({"type": "items.list", "params": {"thread_id": thread, "order": "asc"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let persisted: Vec<&str> = page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|i| i["type"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(persisted, ["user_message", "assistant_message", "widget"]);

    // The first message names the thread.
    let (_, got) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.get_by_id", "params": {"thread_id": thread}}),
        )
        .await;
    assert_eq!(got["title"], "add task: buy milk");
}

#[tokio::test]
async fn show_tasks_lists_them_and_complete_replaces_the_widget_in_place() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let events = app
        .chatkit_stream(&alice, create("add task: buy milk"))
        .await;
    let thread = thread_id(&events);
    app.chatkit_stream(&alice, add_message(&thread, "add task: walk the dog"))
        .await;

    let events = app
        .chatkit_stream(&alice, add_message(&thread, "show tasks"))
        .await;
    assert_eq!(types(&events)[..2], ["thread.item.done", "stream_options"]);
    let list = *done_items(&events)
        .iter()
        .find(|i| i["type"] == "widget")
        .expect("a list widget");
    assert_eq!(list["widget"]["type"], "ListView");
    let text = widget_text(&list["widget"]);
    assert!(
        text.contains("buy milk") && text.contains("walk the dog"),
        "{text}"
    );

    let button = first_button(&list["widget"]).expect("a Complete button");
    let action = json!({"type": button["onClickAction"]["type"], "payload": button["onClickAction"]["payload"]});
    let events = app
        .chatkit_stream(
            &alice,
            json!({"type": "threads.custom_action", "params": {"thread_id": thread, "item_id": list["id"], "action": action}}),
        )
        .await;
    assert_eq!(types(&events), ["stream_options", "thread.item.replaced"]);
    let replaced = &events[1]["item"];
    assert_eq!(
        replaced["id"], list["id"],
        "the same widget item is replaced"
    );
    assert_eq!(replaced["created_at"], list["created_at"]);
    assert_ne!(
        replaced["widget"], list["widget"],
        "the widget shows the change"
    );

    // Persisted in place: the thread's last widget is the replaced one.
    let (_, page) = app
        .chatkit_json(&alice, json!({"type": "items.list", "params": {"thread_id": thread, "order": "desc", "limit": 1}}))
        .await;
    assert_eq!(page["data"][0], *replaced);

    // And the task itself is done: a fresh list has one button fewer.
    let events = app
        .chatkit_stream(&alice, add_message(&thread, "show tasks"))
        .await;
    let list = *done_items(&events)
        .iter()
        .find(|i| i["type"] == "widget")
        .expect("a list widget");
    let buttons = widget_text(&list["widget"]).matches("Complete").count();
    assert_eq!(buttons, 1, "only the open task can still be completed");
}

#[tokio::test]
async fn anything_else_gets_help_and_bad_titles_get_a_clear_answer() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    for (message, expected) in [
        ("hello there", "“help”"),
        ("add task:", "What should the task say?"),
    ] {
        let events = app.chatkit_stream(&alice, create(message)).await;
        let done = done_items(&events);
        let reply = done
            .iter()
            .find(|i| i["type"] == "assistant_message")
            .expect("a reply");
        let text = reply["content"][0]["text"].as_str().expect("text");
        assert!(text.contains(expected), "{message:?} → {text}");
        assert!(
            !done.iter().any(|i| i["type"] == "widget"),
            "no widget for {message:?}"
        );
    }
}

#[tokio::test]
async fn users_cannot_reach_each_others_threads_or_tasks() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let events = app.chatkit_stream(&alice, create("show tasks")).await;
    let thread = thread_id(&events);
    app.chatkit_stream(&alice, add_message(&thread, "add task: alice's secret"))
        .await;

    let (status, _) = app
        .chatkit_json(
            &bob,
            json!({"type": "threads.get_by_id", "params": {"thread_id": thread}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = app
        .chatkit_raw(
            Some(&bob),
            add_message(&thread, "add task: intrusion").to_string(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, list) = app
        .chatkit_json(&bob, json!({"type": "threads.list", "params": {}}))
        .await;
    assert_eq!(list["data"], json!([]));

    // Bob pressing a Complete button for Alice's task id from his own thread.
    let events = app.chatkit_stream(&bob, create("show tasks")).await;
    let bob_thread = thread_id(&events);
    let events = app
        .chatkit_stream(
            &bob,
            json!({"type": "threads.custom_action", "params": {"thread_id": bob_thread, "action": {"type": "task.complete", "payload": {"id": 1}}}}),
        )
        .await;
    let last = events.last().expect("events");
    assert_eq!(last["type"], "error", "{events:?}");
    assert_eq!(last["message"], "That task no longer exists.");
}

#[tokio::test]
async fn bad_requests_get_clear_json_errors() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let cases: Vec<(&str, String, StatusCode, &str)> = vec![
        (
            "malformed JSON",
            "{not json".into(),
            StatusCode::BAD_REQUEST,
            "JSON",
        ),
        (
            "unknown type",
            json!({"type": "threads.explode", "params": {}}).to_string(),
            StatusCode::BAD_REQUEST,
            "threads.explode",
        ),
        (
            "missing params",
            json!({"type": "threads.list"}).to_string(),
            StatusCode::BAD_REQUEST,
            "params",
        ),
        (
            "wrong field type",
            json!({"type": "threads.get_by_id", "params": {"thread_id": 5}}).to_string(),
            StatusCode::BAD_REQUEST,
            "thread_id",
        ),
        (
            "unknown thread (streaming)",
            add_message("thr_nope", "hi").to_string(),
            StatusCode::NOT_FOUND,
            "thr_nope",
        ),
        (
            "unknown thread (items)",
            json!({"type": "items.list", "params": {"thread_id": "thr_nope"}}).to_string(),
            StatusCode::NOT_FOUND,
            "thr_nope",
        ),
    ];
    for (name, body, status, mentions) in cases {
        let response = app.chatkit_raw(Some(&alice), body).await;
        assert_eq!(response.status(), status, "{name}");
        let body: Value = response.json().await.expect("JSON error body");
        let error = &body["error"];
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains(mentions), "{name}: {message}");
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let app = spawn_app_with(|config| config.max_body_bytes = 4096).await;
    let alice = app.sign_up("alice").await;
    let response = app
        .chatkit_raw(Some(&alice), create(&"x".repeat(10_000)).to_string())
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = response.json().await.expect("JSON error body");
    let error = &body["error"];
    assert_eq!(error["code"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn chatkit_requires_a_valid_bearer_token() {
    let app = spawn_app().await;
    let response = app
        .chatkit_raw(
            None,
            json!({"type": "threads.list", "params": {}}).to_string(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: Value = response.json().await.expect("JSON error body");
    let error = &body["error"];
    assert_eq!(error["code"], "UNAUTHORIZED");

    let response = app
        .client
        .post(format!("{}/chatkit", app.url))
        .bearer_auth("not-a-jwt")
        .body(json!({"type": "threads.list", "params": {}}).to_string())
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn threads_can_be_listed_renamed_and_deleted() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let first = thread_id(&app.chatkit_stream(&alice, create("show tasks")).await);
    let second = thread_id(&app.chatkit_stream(&alice, create("hello")).await);

    let (_, page) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.list", "params": {"limit": 1}}),
        )
        .await;
    assert_eq!(page["data"][0]["id"], second.as_str(), "newest first");
    assert_eq!(page["has_more"], true);
    let (_, page) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.list", "params": {"limit": 1, "after": page["after"]}}),
        )
        .await;
    assert_eq!(page["data"][0]["id"], first.as_str());
    assert_eq!(page["has_more"], false);

    let (status, thread) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.update", "params": {"thread_id": first, "title": "Groceries"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(thread["title"], "Groceries");

    let (status, body) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.delete", "params": {"thread_id": first}}),
        )
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({})));
    let (status, _) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.get_by_id", "params": {"thread_id": first}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn health_answers_once_the_server_is_up() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/healthz", app.url))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn browsers_on_other_origins_may_send_a_bearer_token() {
    let app = spawn_app().await;
    let response = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/chatkit", app.url))
        .header("origin", "https://cdn.platform.openai.com")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type",
        )
        .send()
        .await
        .expect("preflight");
    assert!(response.status().is_success());
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], "*");
    let allowed = headers["access-control-allow-headers"]
        .to_str()
        .expect("ascii");
    // `*` would not cover Authorization: it must be named.
    assert!(allowed.contains("authorization"), "{allowed}");
}

#[tokio::test]
async fn feedback_is_accepted_and_bounded() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let events = app.chatkit_stream(&alice, create("show tasks")).await;
    let thread = thread_id(&events);
    let reply = done_items(&events)
        .into_iter()
        .find(|i| i["type"] == "assistant_message")
        .expect("a reply")["id"]
        .clone();

    let (status, body) = app
        .chatkit_json(
            &alice,
            json!({"type": "items.feedback", "params": {"thread_id": thread, "item_ids": [reply], "kind": "positive"}}),
        )
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({})));

    let too_many: Vec<String> = (0..101).map(|i| format!("msg_{i}")).collect();
    let (status, body) = app
        .chatkit_json(
            &alice,
            json!({"type": "items.feedback", "params": {"thread_id": thread, "item_ids": too_many, "kind": "negative"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 100"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_routes_and_wrong_methods_answer_in_json() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("{}/nowhere", app.url))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.expect("JSON error body");
    let error = &body["error"];
    assert_eq!(error["code"], "NOT_FOUND");

    let response = app
        .client
        .get(format!("{}/chatkit", app.url))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = response.json().await.expect("JSON error body");
    let error = &body["error"];
    assert_eq!(error["code"], "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn shutting_down_closes_the_database() {
    let app = spawn_app().await;
    let db = app.app.state.db.clone();
    db.ping().await.expect("open while serving");
    app.app.shutdown().await;
    assert!(
        db.ping().await.is_err(),
        "the pool is closed after shutdown"
    );
}
