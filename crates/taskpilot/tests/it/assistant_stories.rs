//! The assistant's user stories over the ChatKit protocol (spec user
//! stories 1, 2, 3 and 5): what people type, the widgets that come back,
//! the buttons in them, and what is persisted.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// Every server button in a widget tree, in order.
fn buttons(node: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    collect(node, &mut found);
    found
}

fn collect<'a>(node: &'a Value, found: &mut Vec<&'a Value>) {
    if let Some(action) = node.get("onClickAction")
        && action["handler"] == "server"
    {
        found.push(node);
    }
    match node {
        Value::Object(map) => map.values().for_each(|v| collect(v, found)),
        Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
        _ => {}
    }
}

/// The action of the first server button whose action is `kind`.
fn action_of(widget: &Value, kind: &str) -> Value {
    let button = buttons(widget)
        .into_iter()
        .find(|b| b["onClickAction"]["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} button in {widget}"));
    json!({"type": kind, "payload": button["onClickAction"]["payload"]})
}

fn text_of(node: &Value) -> String {
    let mut out = String::new();
    match node {
        Value::Object(map) => {
            for key in ["value", "label", "title"] {
                if let Some(s) = map.get(key).and_then(Value::as_str) {
                    out.push_str(s);
                    out.push('\n');
                }
            }
            for (key, v) in map {
                if key != "onClickAction" {
                    out.push_str(&text_of(v));
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| out.push_str(&text_of(v))),
        _ => {}
    }
    out
}

fn widget_item(events: &[Value]) -> Value {
    (*done_items(events)
        .iter()
        .find(|i| i["type"] == "widget")
        .expect("a widget"))
    .clone()
}

fn reply(events: &[Value]) -> String {
    done_items(events)
        .iter()
        .find(|i| i["type"] == "assistant_message")
        .and_then(|i| i["content"][0]["text"].as_str())
        .unwrap_or_default()
        .to_owned()
}

async fn action(
    app: &TestApp,
    user: &TestUser,
    thread: &str,
    item: &Value,
    action: Value,
) -> Vec<Value> {
    app.chatkit_stream(
        user,
        json!({"type": "threads.custom_action", "params": {"thread_id": thread, "item_id": item["id"], "action": action}}),
    )
    .await
}

fn replaced(events: &[Value]) -> Vec<&Value> {
    events
        .iter()
        .filter(|e| e["type"] == "thread.item.replaced")
        .map(|e| &e["item"])
        .collect()
}

#[tokio::test]
async fn show_me_my_tasks_is_a_list_with_a_count_and_an_empty_list_says_what_to_do() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let events = app.chatkit_stream(&alice, create("list my tasks")).await;
    let list = widget_item(&events);
    assert_eq!(list["widget"]["type"], "ListView");
    assert!(
        text_of(&list["widget"]).contains("No tasks yet"),
        "{}",
        list["widget"]
    );

    for title in ["buy milk", "walk the dog"] {
        app.create_task(
            &alice,
            json!({"title": title, "priority": "high", "tags": ["home"]}),
        )
        .await;
    }
    let events = app.chatkit_stream(&alice, create("show me my tasks")).await;
    let list = widget_item(&events);
    let text = text_of(&list["widget"]);
    assert!(
        text.contains("buy milk") && text.contains("walk the dog"),
        "{text}"
    );
    assert!(
        text.contains("Your tasks\n2\n") || text.contains("\n2\n"),
        "count badge: {text}"
    );
    assert!(text.contains("high") && text.contains("#home"), "{text}");
    assert!(list["copy_text"].as_str().unwrap().contains("buy milk"));
    assert_eq!(
        buttons(&list["widget"])
            .iter()
            .filter(|b| b["onClickAction"]["type"] == "task.complete")
            .count(),
        2
    );
}

#[tokio::test]
async fn adding_confirms_with_the_details_and_persists() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let events = app
        .chatkit_stream(
            &alice,
            create("add buy groceries tomorrow at 5pm, high priority #errands"),
        )
        .await;
    assert!(
        reply(&events).contains("Added “buy groceries”"),
        "{}",
        reply(&events)
    );
    let card = widget_item(&events);
    assert_eq!(card["widget"]["type"], "Card");
    let text = text_of(&card["widget"]);
    assert!(
        text.contains("buy groceries") && text.contains("#errands") && text.contains("17:00"),
        "{text}"
    );
    let tasks = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(tasks["items"][0]["title"], "buy groceries");
    assert_eq!(tasks["items"][0]["priority"], "high");
    assert_eq!(tasks["items"][0]["tags"], json!(["errands"]));
}

#[tokio::test]
async fn completing_by_chat_updates_the_list_shown_earlier_in_place() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let milk = app.create_task(&alice, json!({"title": "buy milk"})).await;
    app.create_task(&alice, json!({"title": "walk the dog"}))
        .await;
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);

    let id = id_of(&milk);
    let events = app
        .chatkit_stream(&alice, add_message(&thread, &format!("complete task {id}")))
        .await;
    assert!(
        reply(&events).contains("Completed “buy milk”"),
        "{}",
        reply(&events)
    );
    let updated = replaced(&events);
    assert_eq!(updated.len(), 1, "the earlier list is redrawn");
    assert_eq!(updated[0]["id"], list["id"]);
    assert!(
        updated[0]["widget"]
            .to_string()
            .contains("\"lineThrough\":true")
    );
    // Persisted: the thread shows the redrawn list.
    let (_, items) = app
        .chatkit_json(&alice, json!({"type": "items.list", "params": {"thread_id": thread, "order": "asc", "limit": 50}}))
        .await;
    let stored = items["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == list["id"])
        .unwrap();
    assert_eq!(stored["widget"], updated[0]["widget"]);
    assert_eq!(app.get_task(&alice, id).await["completed"], true);
}

#[tokio::test]
async fn deleting_asks_first_and_confirm_or_cancel_decide() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let keep = id_of(&app.create_task(&alice, json!({"title": "keep me"})).await);
    let drop = id_of(&app.create_task(&alice, json!({"title": "drop me"})).await);

    let events = app
        .chatkit_stream(&alice, create(&format!("delete task {drop}")))
        .await;
    let thread = thread_id(&events);
    let confirm = widget_item(&events);
    assert!(text_of(&confirm["widget"]).contains("Delete “drop me”?"));
    assert_eq!(
        app.get_task(&alice, drop).await["title"],
        "drop me",
        "nothing deleted yet"
    );

    let confirm_action = json!({"type": confirm["widget"]["confirm"]["action"]["type"], "payload": confirm["widget"]["confirm"]["action"]["payload"]});
    let events = action(&app, &alice, &thread, &confirm, confirm_action.clone()).await;
    let result = replaced(&events);
    assert_eq!(result[0]["id"], confirm["id"]);
    assert!(text_of(&result[0]["widget"]).contains("drop me"));
    assert!(result[0]["widget"].to_string().contains("Deleted"));
    let status = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(ids(&status["items"]), [keep]);
    // A second click changes nothing and is not an error.
    let events = action(&app, &alice, &thread, &confirm, confirm_action).await;
    assert!(!events.iter().any(|e| e["type"] == "error"), "{events:?}");

    let events = app
        .chatkit_stream(&alice, add_message(&thread, &format!("delete task {keep}")))
        .await;
    let confirm = widget_item(&events);
    let cancel = json!({"type": confirm["widget"]["cancel"]["action"]["type"], "payload": confirm["widget"]["cancel"]["action"]["payload"]});
    let events = action(&app, &alice, &thread, &confirm, cancel).await;
    assert!(replaced(&events)[0]["widget"].to_string().contains("Kept"));
    assert_eq!(app.get_task(&alice, keep).await["title"], "keep me");
}

#[tokio::test]
async fn list_buttons_complete_undo_and_ask_before_deleting() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let id = id_of(
        &app.create_task(&alice, json!({"title": "water plants"}))
            .await,
    );
    let events = app.chatkit_stream(&alice, create("what's pending?")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);

    // Complete, twice (a double click): the second is harmless.
    for _ in 0..2 {
        let events = action(
            &app,
            &alice,
            &thread,
            &list,
            action_of(&list["widget"], "task.complete"),
        )
        .await;
        assert!(!events.iter().any(|e| e["type"] == "error"), "{events:?}");
        let redrawn = replaced(&events);
        assert_eq!(redrawn[0]["id"], list["id"]);
        assert!(
            !text_of(&redrawn[0]["widget"]).contains("water plants"),
            "a pending list drops a done task"
        );
    }
    assert_eq!(app.get_task(&alice, id).await["completed"], true);
    let events = app
        .chatkit_stream(&alice, add_message(&thread, "show completed"))
        .await;
    let done_list = widget_item(&events);
    let events = action(
        &app,
        &alice,
        &thread,
        &done_list,
        action_of(&done_list["widget"], "task.reopen"),
    )
    .await;
    assert!(!replaced(&events).is_empty());
    assert_eq!(app.get_task(&alice, id).await["completed"], false);

    let events = action(
        &app,
        &alice,
        &thread,
        &done_list,
        action_of(&list["widget"], "task.delete"),
    )
    .await;
    let confirm = widget_item(&events);
    assert!(text_of(&confirm["widget"]).contains("Delete “water plants”?"));
}

/// The first Checkbox in a widget tree.
fn checkbox(node: &Value) -> Option<&Value> {
    if node["type"] == "Checkbox" {
        return Some(node);
    }
    match node {
        Value::Object(map) => map.values().find_map(checkbox),
        Value::Array(items) => items.iter().find_map(checkbox),
        _ => None,
    }
}

#[tokio::test]
async fn a_rows_checkbox_completes_and_reopens_its_task() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let id = id_of(
        &app.create_task(&alice, json!({"title": "file taxes"}))
            .await,
    );
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);
    let unticked = checkbox(&list["widget"])
        .expect("a status checkbox")
        .clone();
    assert_eq!(unticked["defaultChecked"], false);
    assert_eq!(unticked["id"], format!("task_{id}_status_checkbox"));

    // Ticked twice before the redraw arrives (both ask for "done"), with a
    // field a client might add: done once, no error.
    let mut tick = unticked["onChangeAction"].clone();
    tick["payload"]["value"] = json!(true);
    let mut redrawn = Value::Null;
    for _ in 0..2 {
        let events = action(&app, &alice, &thread, &list, tick.clone()).await;
        assert!(!events.iter().any(|e| e["type"] == "error"), "{events:?}");
        redrawn = replaced(&events)[0].clone();
    }
    assert_eq!(app.get_task(&alice, id).await["completed"], true);
    let ticked = checkbox(&redrawn["widget"]).expect("still a checkbox");
    assert_eq!(ticked["defaultChecked"], true, "the redrawn row is ticked");

    let events = action(
        &app,
        &alice,
        &thread,
        &list,
        ticked["onChangeAction"].clone(),
    )
    .await;
    assert!(!replaced(&events).is_empty());
    assert_eq!(app.get_task(&alice, id).await["completed"], false);

    // A payload without its state is refused, and changes nothing.
    let events = action(
        &app,
        &alice,
        &thread,
        &list,
        json!({"type": "task.toggle", "payload": {"id": id}}),
    )
    .await;
    assert!(events.iter().any(|e| e["type"] == "error"), "{events:?}");
    assert_eq!(app.get_task(&alice, id).await["completed"], false);
}

#[tokio::test]
async fn a_title_matching_several_tasks_asks_which_one() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let oat = id_of(
        &app.create_task(&alice, json!({"title": "buy oat milk"}))
            .await,
    );
    app.create_task(&alice, json!({"title": "buy cow milk"}))
        .await;
    let events = app
        .chatkit_stream(&alice, create("mark milk as done"))
        .await;
    let thread = thread_id(&events);
    let chooser = widget_item(&events);
    let text = text_of(&chooser["widget"]);
    assert!(
        text.contains("buy oat milk") && text.contains("buy cow milk"),
        "{text}"
    );
    let choice = buttons(&chooser["widget"])
        .into_iter()
        .find(|b| b["onClickAction"]["payload"]["id"] == oat)
        .expect("a choice for the oat milk");
    let choose = json!({"type": "task.choose", "payload": choice["onClickAction"]["payload"]});
    let events = action(&app, &alice, &thread, &chooser, choose).await;
    assert!(!events.iter().any(|e| e["type"] == "error"), "{events:?}");
    assert_eq!(app.get_task(&alice, oat).await["completed"], true);

    // A title matching one task acts directly.
    let events = app
        .chatkit_stream(&alice, add_message(&thread, "mark buy cow milk as done"))
        .await;
    assert!(
        reply(&events).contains("Completed “buy cow milk”"),
        "{}",
        reply(&events)
    );
}

#[tokio::test]
async fn actions_cannot_touch_another_users_task() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let bobs = id_of(&app.create_task(&bob, json!({"title": "bob's"})).await);
    app.create_task(&alice, json!({"title": "alice's"})).await;
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);
    for kind in ["task.complete", "task.delete"] {
        let events = action(
            &app,
            &alice,
            &thread,
            &list,
            json!({"type": kind, "payload": {"id": bobs}}),
        )
        .await;
        let error = events
            .iter()
            .find(|e| e["type"] == "error")
            .expect("an error event");
        assert!(
            error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("no longer exists")
                || error.to_string().contains("no longer exists"),
            "{error}"
        );
    }
    let events = action(
        &app,
        &alice,
        &thread,
        &list,
        json!({"type": "task.delete.confirm", "payload": {"ids": [bobs]}}),
    )
    .await;
    assert!(!events.iter().any(|e| e.to_string().contains("bob's")));
    assert_eq!(app.get_task(&bob, bobs).await["completed"], false);
    assert_eq!(app.get_task(&bob, bobs).await["title"], "bob's");
    let events = action(
        &app,
        &alice,
        &thread,
        &list,
        json!({"type": "task.complete", "payload": {"id": "1; DROP"}}),
    )
    .await;
    assert!(events.iter().any(|e| e["type"] == "error"));
}

#[tokio::test]
async fn show_more_pages_through_a_long_list() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    for i in 0..60 {
        app.create_task(&alice, json!({"title": format!("task number {i}")}))
            .await;
    }
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);
    let rows = |widget: &Value| widget.to_string().matches("_item\"").count();
    let first = rows(&list["widget"]);
    assert!(first < 60, "a first page, not everything: {first}");
    let events = action(
        &app,
        &alice,
        &thread,
        &list,
        action_of(&list["widget"], "tasks.more"),
    )
    .await;
    let more = replaced(&events)[0].clone();
    assert!(rows(&more["widget"]) > first, "more rows after Show more");
}

#[tokio::test]
async fn the_edit_form_saves_its_fields_and_refuses_a_stale_version() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({"title": "call mom", "due": "2030-01-02T10:00", "description": "about Sunday"}),
        )
        .await;
    let id = id_of(&task);
    let events = app
        .chatkit_stream(&alice, create(&format!("edit task {id}")))
        .await;
    let thread = thread_id(&events);
    let form = widget_item(&events);
    assert_eq!(form["widget"]["type"], "Card");
    assert_eq!(form["widget"]["asForm"], true);
    let widget = form["widget"].to_string();
    for name in [
        "\"name\":\"title\"",
        "\"name\":\"description\"",
        "\"name\":\"priority\"",
        "\"name\":\"due\"",
    ] {
        assert!(widget.contains(name), "{name} in {widget}");
    }
    let save = &form["widget"]["confirm"]["action"];
    let mut payload = save["payload"].clone();
    // What the client adds from the form's fields: a new title and
    // priority; the due day unchanged (so its time is kept).
    payload["title"] = json!("call mom and dad");
    payload["description"] = json!("about Sunday");
    payload["priority"] = json!("high");
    payload["due"] = json!("2030-01-02");
    let events = action(
        &app,
        &alice,
        &thread,
        &form,
        json!({"type": save["type"], "payload": payload.clone()}),
    )
    .await;
    let card = replaced(&events)[0].clone();
    assert_eq!(card["id"], form["id"]);
    assert!(text_of(&card["widget"]).contains("call mom and dad"));
    let saved = app.get_task(&alice, id).await;
    assert_eq!(saved["title"], "call mom and dad");
    assert_eq!(saved["priority"], "high");
    assert!(
        saved["due"]
            .as_str()
            .unwrap()
            .starts_with("2030-01-02T10:00"),
        "{saved}"
    );

    // The same form again (its version is now stale): refused, not overwritten.
    payload["title"] = json!("overwritten");
    let events = action(
        &app,
        &alice,
        &thread,
        &form,
        json!({"type": save["type"], "payload": payload}),
    )
    .await;
    let error = events
        .iter()
        .find(|e| e["type"] == "error")
        .expect("an error");
    assert!(
        error
            .to_string()
            .contains("changed since the form was opened"),
        "{error}"
    );
    assert_eq!(app.get_task(&alice, id).await["title"], "call mom and dad");
}

// ---------------------------------------------------------------- LLM path

use crate::fake_openai::{FakeOpenAi, FakeReply, FakeToolCall};

#[tokio::test]
async fn with_a_model_configured_tool_calls_become_widgets_and_text_streams() {
    let fake = FakeOpenAi::start().await;
    let app = spawn_app_with(|config| fake.configure(config)).await;
    let alice = app.sign_up("alice").await;
    fake.push(FakeReply::tool_calls(&[FakeToolCall::new(
        "call_1",
        "add_task",
        &json!({"title": "buy milk", "priority": "high"}),
    )]));
    fake.push(FakeReply::text(&["Added", " — anything", " else?"]));

    let events = app
        .chatkit_stream(&alice, create("I need milk, it's important"))
        .await;
    let card = widget_item(&events);
    assert!(
        text_of(&card["widget"]).contains("buy milk"),
        "{}",
        card["widget"]
    );
    assert_eq!(reply(&events), "Added — anything else?");
    let deltas = events
        .iter()
        .filter(|e| e["update"]["type"] == "assistant_message.content_part.text_delta")
        .count();
    assert_eq!(deltas, 3, "the text streams as it arrives");
    let tasks = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(tasks["items"][0]["title"], "buy milk");
    assert_eq!(tasks["items"][0]["priority"], "high");

    // The model saw the instructions with today's date, the user's message,
    // and then the tool's structured result.
    let first = fake.request(0);
    assert_eq!(first.roles(), ["system", "user"]);
    assert!(
        first.body["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("Now it is")
    );
    let second = fake.request(1);
    let tool_message = second.body["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(tool_message["role"], "tool");
    assert!(
        tool_message["content"]
            .as_str()
            .unwrap()
            .contains("\"added\""),
        "{tool_message}"
    );
}

#[tokio::test]
async fn a_failing_model_ends_in_a_retryable_error_and_the_thread_stays_usable() {
    let fake = FakeOpenAi::start().await;
    let app = spawn_app_with(|config| fake.configure(config)).await;
    let alice = app.sign_up("alice").await;
    for _ in 0..3 {
        fake.push(FakeReply::error(500));
    }
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let error = events
        .iter()
        .find(|e| e["type"] == "error")
        .expect("an error event");
    assert_eq!(error["allow_retry"], true, "{error}");
    let thread = thread_id(&events);

    // Retry after the user's message: the model answers this time.
    let user_item = done_items(&events)
        .iter()
        .find(|i| i["type"] == "user_message")
        .map(|i| i["id"].clone())
        .expect("the user message");
    fake.push(FakeReply::text(&["Here you go."]));
    let events = app
        .chatkit_stream(&alice, json!({"type": "threads.retry_after_item", "params": {"thread_id": thread, "item_id": user_item}}))
        .await;
    assert_eq!(reply(&events), "Here you go.");
    assert!(!events.iter().any(|e| e["type"] == "error"));
}

// ------------------------------------------------------ the course's chat

#[tokio::test]
async fn the_course_chat_endpoint_answers_on_the_same_threads() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let path = format!("/api/{}/chat", alice.user_id());

    let first = app
        .call(
            &alice,
            reqwest::Method::POST,
            &path,
            Some(json!({"message": "add task: buy milk"})),
        )
        .await
        .expect(StatusCode::OK);
    let conversation = first["conversation_id"].as_str().unwrap().to_owned();
    assert!(
        first["response"]
            .as_str()
            .unwrap()
            .contains("Added “buy milk”"),
        "{first}"
    );
    assert_eq!(first["tool_calls"][0]["tool"], "add_task");
    assert_eq!(first["tool_calls"][0]["arguments"]["title"], "buy milk");
    assert_eq!(
        first["tool_calls"][0]["result"]["added"]["title"],
        "buy milk"
    );

    let second = app
        .call(
            &alice,
            reqwest::Method::POST,
            &path,
            Some(json!({"conversation_id": conversation, "message": "show my tasks"})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(second["conversation_id"], conversation);
    assert!(
        second["response"].as_str().unwrap().contains("buy milk"),
        "{second}"
    );
    assert_eq!(second["tool_calls"][0]["tool"], "list_tasks");

    // The same thread over ChatKit: both messages and their answers.
    let (_, items) = app
        .chatkit_json(&alice, json!({"type": "items.list", "params": {"thread_id": conversation, "order": "asc", "limit": 50}}))
        .await;
    let users: Vec<&str> = items["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "user_message")
        .map(|i| i["content"][0]["text"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["add task: buy milk", "show my tasks"]);

    // Someone else's conversation is not found; someone else's path is forbidden.
    let bob_path = format!("/api/{}/chat", bob.user_id());
    app.call(
        &bob,
        reqwest::Method::POST,
        &bob_path,
        Some(json!({"conversation_id": conversation, "message": "show my tasks"})),
    )
    .await
    .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
    app.call(
        &bob,
        reqwest::Method::POST,
        &path,
        Some(json!({"message": "hi"})),
    )
    .await
    .expect_error(StatusCode::FORBIDDEN, "FORBIDDEN");
    let refused = app
        .call(
            &alice,
            reqwest::Method::POST,
            &path,
            Some(json!({"message": "   "})),
        )
        .await
        .expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
    assert!(refused.contains_key("message"), "{refused:?}");
}

#[tokio::test]
async fn a_synchronous_action_returns_the_redrawn_widget_and_saves_it() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let id = id_of(
        &app.create_task(&alice, json!({"title": "water plants"}))
            .await,
    );
    let events = app.chatkit_stream(&alice, create("show my tasks")).await;
    let thread = thread_id(&events);
    let list = widget_item(&events);
    let (status, body) = app
        .chatkit_json(
            &alice,
            json!({"type": "threads.sync_custom_action", "params": {"thread_id": thread, "item_id": list["id"], "action": action_of(&list["widget"], "task.complete")}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let updated = &body["updated_item"];
    assert_eq!(updated["id"], list["id"]);
    assert!(
        updated["widget"]
            .to_string()
            .contains("\"lineThrough\":true"),
        "{updated}"
    );
    assert_eq!(app.get_task(&alice, id).await["completed"], true);
    let (_, items) = app
        .chatkit_json(&alice, json!({"type": "items.list", "params": {"thread_id": thread, "order": "asc", "limit": 50}}))
        .await;
    let stored = items["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == list["id"])
        .unwrap();
    assert_eq!(stored["widget"], updated["widget"]);
}
