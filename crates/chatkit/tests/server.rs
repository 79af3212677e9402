//! What `ChatKit::process` does, request by request: the behaviours pinned by
//! the Python SDK's `tests/test_chatkit_server.py` (openai-chatkit 1.6.5),
//! ported to the Rust driver, plus the cases where the driver is deliberately
//! stricter than the SDK (refusing bad requests before it starts streaming).

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::response::IntoResponse;
use futures::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Mutex as AsyncMutex;

use chatkit::driver::CANCELLED_TEXT;
use chatkit::store::Order;
use chatkit::types::{
    Action, AssistantMessageItem, Attachment, ClientToolCallStatus, CustomTask, FeedbackKind,
    FileAttachment, FreeformInput, MultipleChoiceInput, MultipleChoiceOption, Page,
    StructuredInput, StructuredInputAnswer, StructuredInputStatus, SyncCustomActionResponse, Task,
    Thread, ThreadItem, ThreadItemUpdate, ThreadStatus, ThreadStreamEvent, TranscriptionResult,
    WidgetItem, Workflow, WorkflowItem, WorkflowKind,
};
use chatkit::widgets::{Card, Text};
use chatkit::{HookError, ProcessError, ProcessResult, Store, Timestamp};

use support::*;

// ---------------------------------------------------------------------------
// Cancellation: the client goes away mid-stream
// ---------------------------------------------------------------------------

/// Reads events until `stop` matches one (included), leaving the stream open.
async fn read_until(
    stream: &mut futures::stream::BoxStream<'static, ThreadStreamEvent>,
    stop: impl Fn(&ThreadStreamEvent) -> bool,
) -> Vec<ThreadStreamEvent> {
    let mut seen = Vec::new();
    while let Some(event) = stream.next().await {
        let last = stop(&event);
        seen.push(event);
        if last {
            return seen;
        }
    }
    panic!(
        "the stream ended before the expected event; saw {:?}",
        kinds(&seen)
    );
}

#[tokio::test]
async fn cancelling_after_a_text_delta_saves_the_partial_assistant_message_and_a_hidden_marker() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(added(assistant_message(
                &call.thread_id,
                "assistant-message-pending",
                "Hello, ",
            ))),
            Step::Emit(updated(
                "assistant-message-pending",
                ThreadItemUpdate::AssistantMessageContentPartTextDelta {
                    content_index: 0,
                    delta: "World!".into(),
                },
            )),
            Step::Hang,
        ]
    }));

    let mut stream = h.open_stream(&request::create("Hello")).await;
    let seen = read_until(&mut stream, |e| kind(e) == "thread.item.updated").await;
    assert_eq!(
        kinds(&seen),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.added",
            "thread.item.updated"
        ]
    );
    assert_eq!(h.server.live_hooks(), 1);

    drop(stream);
    assert_eq!(
        h.server.live_hooks(),
        0,
        "dropping the stream drops (cancels) the hook"
    );

    let thread = created_thread(&seen);
    eventually("the cancelled response is saved", || {
        h.stored_items(&thread.id).len() == 3
    })
    .await;
    let newest = h
        .store
        .load_thread_items(&thread.id, None, 1, Order::Desc, &h.ctx)
        .await
        .unwrap();
    let ThreadItem::SdkHiddenContext(marker) = &newest.data[0] else {
        panic!(
            "the newest item is {:?}, not the hidden marker",
            newest.data[0]
        )
    };
    assert_eq!(
        marker.content,
        "The user cancelled the stream. Stop responding to the prior request."
    );
    assert_eq!(marker.content, CANCELLED_TEXT);
    assert!(is_generated_id(&marker.id, "shcx"), "{}", marker.id);

    let partial = h
        .store
        .load_item(&thread.id, "assistant-message-pending", &h.ctx)
        .await
        .unwrap();
    assert_eq!(text_of(&partial), "Hello, World!");

    // The marker is for the model only: the client never sees it.
    let listed = h.listed_items(&thread.id).await;
    assert_eq!(listed.data.len(), 2);
    assert!(listed.data.iter().all(|item| !item.is_hidden()));
}

#[tokio::test]
async fn cancelling_before_any_text_saves_only_the_hidden_marker() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        let pending = AssistantMessageItem {
            id: "assistant-message-pending".into(),
            thread_id: call.thread_id.clone(),
            created_at: Timestamp::now(),
            content: Vec::new(),
        };
        vec![
            Step::Emit(added(ThreadItem::AssistantMessage(pending))),
            Step::Hang,
        ]
    }));

    let mut stream = h.open_stream(&request::create("Hello")).await;
    let seen = read_until(&mut stream, |e| kind(e) == "thread.item.added").await;
    drop(stream);

    let thread = created_thread(&seen);
    eventually("the hidden marker is saved", || {
        h.stored_items(&thread.id).len() == 2
    })
    .await;
    let stored = h.stored_items(&thread.id);
    assert_eq!(stored[0].type_name(), "user_message");
    assert_eq!(stored[1].type_name(), "sdk_hidden_context");
    let missing = h
        .store
        .load_item(&thread.id, "assistant-message-pending", &h.ctx)
        .await;
    assert!(
        missing.is_err(),
        "an empty pending message is not stored: {missing:?}"
    );
}

#[tokio::test]
async fn cancelling_a_reply_streamed_with_the_assistant_message_helper_keeps_the_text_sent_so_far()
{
    let (chunks_tx, chunks_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let chunks_rx = Arc::new(AsyncMutex::new(Some(chunks_rx)));
    let h = Harness::new(TestServer::new().respond(move |call| {
        let receiver = chunks_rx.clone();
        let chunks = async_stream::stream! {
            let Some(mut receiver) = receiver.lock().await.take() else { return };
            while let Some(chunk) = receiver.recv().await {
                yield Ok(chunk);
            }
        };
        chatkit::stream::assistant_message(call.thread_id.clone(), "msg_reply".into(), chunks)
    }));

    let mut stream = h.open_stream(&request::create("Hello")).await;
    chunks_tx.send("Added ".into()).unwrap();
    chunks_tx.send("buy milk".into()).unwrap();
    let mut seen = read_until(&mut stream, |e| kind(e) == "thread.item.updated").await; // content_part.added
    seen.extend(read_until(&mut stream, |e| kind(e) == "thread.item.updated").await); // "Added "
    seen.extend(read_until(&mut stream, |e| kind(e) == "thread.item.updated").await); // "buy milk"
    drop(stream);

    let thread = created_thread(&seen);
    eventually("the partial reply is saved", || {
        h.stored_items(&thread.id).len() == 3
    })
    .await;
    let stored = h.stored_items(&thread.id);
    assert_eq!(stored[1].id(), "msg_reply");
    assert_eq!(text_of(&stored[1]), "Added buy milk");
    assert_eq!(stored[2].type_name(), "sdk_hidden_context");
}

#[tokio::test]
async fn an_assistant_message_streams_as_added_part_deltas_part_done_then_done() {
    let h = Harness::new(TestServer::new().respond(|call| {
        let chunks = futures::stream::iter(
            chatkit::stream::word_chunks("Added buy milk")
                .into_iter()
                .map(Ok),
        );
        chatkit::stream::assistant_message(call.thread_id, "msg_reply".into(), chunks)
    }));
    let (thread, events) = h.start_thread("add task: buy milk").await;
    let reply = &events[3..];
    assert_eq!(
        kinds(reply),
        [
            "thread.item.added",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.done"
        ]
    );
    let ThreadStreamEvent::ThreadItemAdded { item } = &reply[0] else {
        unreachable!()
    };
    let (thread_id, created_at) = (&thread.id, item.created_at());
    assert_eq!(
        to_json(&reply[0]),
        format!(
            r#"{{"type":"thread.item.added","item":{{"id":"msg_reply","thread_id":"{thread_id}","created_at":"{created_at}","type":"assistant_message","content":[]}}}}"#
        )
    );
    assert_eq!(
        to_json(&reply[1]),
        r#"{"type":"thread.item.updated","item_id":"msg_reply","update":{"type":"assistant_message.content_part.added","content_index":0,"content":{"annotations":[],"text":"","type":"output_text"}}}"#
    );
    assert_eq!(
        to_json(&reply[2]),
        r#"{"type":"thread.item.updated","item_id":"msg_reply","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"Added "}}"#
    );
    assert_eq!(
        to_json(&reply[5]),
        r#"{"type":"thread.item.updated","item_id":"msg_reply","update":{"type":"assistant_message.content_part.done","content_index":0,"content":{"annotations":[],"text":"Added buy milk","type":"output_text"}}}"#
    );
    let done = done_items(reply).pop().unwrap();
    assert_eq!(
        (done.id(), done.created_at()),
        ("msg_reply", created_at),
        "the same item, added then done"
    );
    assert_eq!(h.stored_items(&thread.id)[1..], [done]);
}

#[tokio::test]
async fn events_reach_the_client_while_respond_is_still_running() {
    let go_on = Arc::new(tokio::sync::Notify::new());
    let gate = go_on.clone();
    let h = Harness::new(TestServer::new().respond_script(move |call| {
        vec![
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_first",
                "First",
            ))),
            Step::WaitFor(gate.clone()),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_second",
                "Second",
            ))),
        ]
    }));
    let mut stream = h.open_stream(&request::create("Hello")).await;
    let seen = read_until(
        &mut stream,
        |e| matches!(e, ThreadStreamEvent::ThreadItemDone { item } if item.id() == "msg_first"),
    )
    .await;
    let thread = created_thread(&seen);
    assert_eq!(
        h.stored_items(&thread.id).len(),
        2,
        "the first reply is already saved"
    );

    go_on.notify_one();
    let rest: Vec<_> = stream.collect().await;
    assert_eq!(done_items(&rest)[0].id(), "msg_second");
}

#[tokio::test]
async fn a_stream_read_to_the_end_saves_no_cancellation_marker() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            "msg_1",
            "Hi",
        )))]
    }));
    let (thread, _) = h.start_thread("Hello").await;
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(h.server.live_hooks(), 0);
    let stored: Vec<_> = h
        .stored_items(&thread.id)
        .iter()
        .map(|i| i.type_name())
        .collect();
    assert_eq!(stored, ["user_message", "assistant_message"]);
}

// ---------------------------------------------------------------------------
// Persistence of the events a hook streams
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_workflow_task_added_while_pending_is_not_duplicated_when_the_workflow_is_done() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        let task = Task::Custom(CustomTask {
            title: Some("foo".into()),
            content: Some("bar".into()),
            ..Default::default()
        });
        let mut workflow = WorkflowItem {
            id: "workflow-item".into(),
            thread_id: call.thread_id.clone(),
            created_at: Timestamp::now(),
            workflow: Workflow {
                kind: WorkflowKind::Custom,
                tasks: Vec::new(),
                summary: None,
                expanded: false,
            },
        };
        let started = added(ThreadItem::Workflow(workflow.clone()));
        workflow.workflow.tasks.push(task.clone());
        vec![
            Step::Emit(started),
            Step::Emit(updated(
                "workflow-item",
                ThreadItemUpdate::WorkflowTaskAdded {
                    task_index: 0,
                    task,
                },
            )),
            Step::Emit(done(ThreadItem::Workflow(workflow))),
        ]
    }));

    let (thread, events) = h.start_thread("Hello").await;
    let ThreadItem::Workflow(sent) = done_items(&events).pop().unwrap() else {
        panic!("no workflow done event")
    };
    assert_eq!(sent.workflow.tasks.len(), 1);
    let ThreadItem::Workflow(stored) = h
        .store
        .load_item(&thread.id, "workflow-item", &h.ctx)
        .await
        .unwrap()
    else {
        panic!("the stored item is not a workflow")
    };
    assert_eq!(stored.workflow.tasks.len(), 1);
    let Task::Custom(task) = &stored.workflow.tasks[0] else {
        panic!("not a custom task")
    };
    assert_eq!(task.title.as_deref(), Some("foo"));
}

#[tokio::test]
async fn the_request_context_reaches_respond_and_add_feedback() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            "msg_1",
            "Hello, world!",
        )))]
    }));
    let ctx = Ctx::user("text_ctx");
    let events = h.stream_as(&request::create("Hello, world!"), &ctx).await;
    assert_eq!(h.server.respond_contexts(), std::slice::from_ref(&ctx));

    let thread = created_thread(&events);
    let reply = done_items(&events).pop().unwrap();
    h.process_as(
        &request::feedback(&thread.id, &[reply.id()], "positive"),
        &ctx,
    )
    .await
    .unwrap();
    assert_eq!(h.server.feedback()[0].ctx, ctx);
}

#[tokio::test]
async fn creating_a_thread_sends_it_untitled_then_the_saved_user_message() {
    let h = Harness::with_store(MemoryStore::with_counter_ids(), TestServer::new());
    let mut input = request::input("Hello, world!");
    input["quoted_text"] = json!("Quoted text");
    let events = h.stream(&request::create_with(input)).await;

    assert_eq!(
        kinds(&events),
        ["thread.created", "thread.item.done", "stream_options"]
    );
    let thread = created_thread(&events);
    assert_eq!(thread.title, None);
    let created_at = thread.created_at;
    assert_eq!(
        to_json(&events[0]),
        format!(
            r#"{{"type":"thread.created","thread":{{"id":"thr_custom_1","created_at":"{created_at}","status":{{"type":"active"}},"metadata":{{}},"items":{{"data":[],"has_more":false}}}}}}"#
        )
    );
    let message = done_items(&events).pop().unwrap();
    let sent_at = message.created_at();
    assert_eq!(
        to_json(&events[1]),
        format!(
            r#"{{"type":"thread.item.done","item":{{"id":"message_custom_2_thr_custom_1","thread_id":"thr_custom_1","created_at":"{sent_at}","type":"user_message","content":[{{"type":"input_text","text":"Hello, world!"}}],"attachments":[],"quoted_text":"Quoted text","inference_options":{{}}}}}}"#
        )
    );
    assert_eq!(
        to_json(&events[2]),
        r#"{"type":"stream_options","stream_options":{"allow_cancel":true}}"#
    );

    // It is stored, and it is what `respond` answers.
    assert_eq!(
        h.stored_items("thr_custom_1"),
        std::slice::from_ref(&message)
    );
    let ThreadItem::UserMessage(message) = message else {
        unreachable!()
    };
    assert_eq!(h.server.respond_inputs(), [Some(message)]);
}

#[tokio::test]
async fn ids_come_from_the_default_generator_with_kind_prefixes() {
    let h = Harness::new(TestServer::new());
    let (thread, events) = h.start_thread("Hello").await;
    assert!(is_generated_id(&thread.id, "thr"), "{}", thread.id);
    let message = done_items(&events).pop().unwrap();
    assert!(is_generated_id(message.id(), "msg"), "{}", message.id());
}

#[tokio::test]
async fn ids_come_from_the_store_generators_when_overridden() {
    let h = Harness::with_store(MemoryStore::with_counter_ids(), TestServer::new());
    let (thread, events) = h.start_thread("Hello").await;
    assert_eq!(thread.id, "thr_custom_1");
    assert_eq!(done_items(&events)[0].id(), "message_custom_2_thr_custom_1");
}

// ---------------------------------------------------------------------------
// Thread changes made by a hook
// ---------------------------------------------------------------------------

/// A harness whose `respond` makes `change` to the thread and streams nothing.
fn changing_thread(change: fn(&mut chatkit::types::ThreadMetadata)) -> Harness {
    Harness::new(TestServer::new().respond_script(move |_| vec![Step::change(change)]))
}

fn last_thread_updated(events: &[ThreadStreamEvent]) -> Thread {
    match events.last() {
        Some(ThreadStreamEvent::ThreadUpdated { thread }) => thread.clone(),
        other => panic!("the last event is {other:?}, not thread.updated"),
    }
}

#[tokio::test]
async fn a_title_set_in_respond_is_saved_and_announced_last() {
    let h = changing_thread(|thread| thread.title = Some("Updated title".into()));
    let (thread, events) = h.start_thread("Hello, world!").await;
    assert_eq!(
        last_thread_updated(&events).title.as_deref(),
        Some("Updated title")
    );
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .title
            .as_deref(),
        Some("Updated title")
    );
}

#[tokio::test]
async fn metadata_set_in_respond_is_saved_and_announced_but_never_sent() {
    let h = changing_thread(|thread| {
        thread
            .metadata
            .insert("test_key".into(), json!("test_value"));
    });
    let (thread, events) = h.start_thread("Hello, world!").await;
    let updated = last_thread_updated(&events);
    assert!(
        updated.metadata.is_empty(),
        "metadata stays on the server: {:?}",
        updated.metadata
    );
    assert!(to_json(events.last().unwrap()).contains(r#""metadata":{}"#));
    let stored = h.store.load_thread(&thread.id, &h.ctx).await.unwrap();
    assert_eq!(stored.metadata.get("test_key"), Some(&json!("test_value")));
}

#[tokio::test]
async fn a_locked_status_set_in_respond_is_saved_and_announced() {
    let h = changing_thread(|thread| {
        thread.status = ThreadStatus::Locked {
            reason: Some("Because".into()),
        }
    });
    let (thread, events) = h.start_thread("Hello, world!").await;
    let locked = ThreadStatus::Locked {
        reason: Some("Because".into()),
    };
    assert_eq!(last_thread_updated(&events).status, locked);
    assert!(
        to_json(events.last().unwrap())
            .contains(r#""status":{"type":"locked","reason":"Because"}"#)
    );
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .status,
        locked
    );
}

#[tokio::test]
async fn allowed_image_domains_set_in_respond_are_saved_and_announced() {
    let h = changing_thread(|thread| {
        thread.allowed_image_domains =
            Some(vec!["example.com".into(), "images.example.com".into()]);
    });
    let (thread, events) = h.start_thread("Hello, world!").await;
    let domains = Some(vec![
        "example.com".to_string(),
        "images.example.com".to_string(),
    ]);
    assert_eq!(last_thread_updated(&events).allowed_image_domains, domains);
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .allowed_image_domains,
        domains
    );
}

#[tokio::test]
async fn unset_allowed_image_domains_are_absent_from_created_and_updated_json() {
    let h = changing_thread(|thread| thread.title = Some("Updated title".into()));
    let (thread, events) = h.start_thread("Hello, world!").await;
    let created = to_json(&events[0]);
    let updated = to_json(events.last().unwrap());
    assert!(!created.contains("allowed_image_domains"), "{created}");
    let created_at = thread.created_at;
    assert_eq!(
        updated,
        format!(
            r#"{{"type":"thread.updated","thread":{{"title":"Updated title","id":"{}","created_at":"{created_at}","status":{{"type":"active"}},"metadata":{{}},"items":{{"data":[],"has_more":false}}}}}}"#,
            thread.id
        )
    );
}

#[tokio::test]
async fn thread_updated_follows_the_first_event_after_a_mid_stream_change_and_streaming_goes_on() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(assistant_message(&call.thread_id, "assistant_a", "A"))),
            Step::change(|thread| thread.title = Some("Mid-stream title".into())),
            Step::Emit(done(assistant_message(&call.thread_id, "assistant_b", "B"))),
            Step::Emit(done(assistant_message(&call.thread_id, "assistant_c", "C"))),
        ]
    }));
    let (thread, events) = h.start_thread("Hello").await;
    assert_eq!(
        kinds(&events),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.done",
            "thread.item.done",
            "thread.updated",
            "thread.item.done"
        ]
    );
    assert_eq!(done_items(&events[4..5])[0].id(), "assistant_b");
    let ThreadStreamEvent::ThreadUpdated { thread: updated } = &events[5] else {
        unreachable!()
    };
    assert_eq!(updated.title.as_deref(), Some("Mid-stream title"));
    assert_eq!(done_items(&events[6..])[0].id(), "assistant_c");
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .title
            .as_deref(),
        Some("Mid-stream title")
    );
}

// ---------------------------------------------------------------------------
// Events a hook streams, and what is stored
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_client_tool_call_is_answered_by_the_tool_output_request() {
    let h = Harness::new(TestServer::new().respond_script(|call| match call.input {
        Some(_) => vec![Step::Emit(done(client_tool_call(
            &call.thread_id,
            "msg_1",
            "tool_call_1",
            "tool_call_1",
            json!({"arg1": "val1", "arg2": false}),
        )))],
        None => vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            "msg_2",
            "Glad the tool call succeeded!",
        )))],
    }));

    let (thread, events) = h.start_thread("Hello, world!").await;
    assert_eq!(
        kinds(&events),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.done"
        ]
    );
    let ThreadItem::ClientToolCall(call) = done_items(&events).pop().unwrap() else {
        panic!("no tool call")
    };
    assert_eq!(
        (call.id.as_str(), call.name.as_str(), call.call_id.as_str()),
        ("msg_1", "tool_call_1", "tool_call_1")
    );
    assert_eq!(
        Value::Object(call.arguments),
        json!({"arg1": "val1", "arg2": false})
    );

    let events = h
        .stream(&request::add_client_tool_output(
            &thread.id,
            json!({"text": "Wow!"}),
        ))
        .await;
    assert_eq!(kinds(&events), ["stream_options", "thread.item.done"]);
    assert_eq!(done_items(&events)[0].type_name(), "assistant_message");
    assert_eq!(h.server.respond_inputs().len(), 2);
    assert_eq!(
        h.server.respond_inputs()[1],
        None,
        "respond runs without a user message"
    );

    let ThreadItem::ClientToolCall(completed) = h
        .store
        .load_item(&thread.id, "msg_1", &h.ctx)
        .await
        .unwrap()
    else {
        panic!("the tool call is gone")
    };
    assert_eq!(completed.status, ClientToolCallStatus::Completed);
    assert_eq!(completed.output, Some(json!({"text": "Wow!"})));
}

#[tokio::test]
async fn a_tool_output_completes_the_newest_call_and_drops_older_pending_ones() {
    let h = Harness::new(TestServer::new().respond_script(|call| match call.input {
        Some(_) => vec![
            Step::Emit(done(client_tool_call(
                &call.thread_id,
                "tc_old",
                "c0",
                "lookup",
                json!({}),
            ))),
            Step::Emit(done(client_tool_call(
                &call.thread_id,
                "tc_new",
                "c1",
                "lookup",
                json!({}),
            ))),
        ],
        None => Vec::new(),
    }));
    let (thread, _) = h.start_thread("Look it up").await;
    h.stream(&request::add_client_tool_output(&thread.id, Value::Null))
        .await;

    let stored = h.stored_items(&thread.id);
    let ids: Vec<_> = stored.iter().map(ThreadItem::id).collect();
    assert_eq!(ids[1..], ["tc_new"]);
    let ThreadItem::ClientToolCall(call) = &stored[1] else {
        unreachable!()
    };
    assert_eq!(call.status, ClientToolCallStatus::Completed);
}

#[tokio::test]
async fn progress_updates_pass_through_in_order_and_are_not_stored() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(ThreadStreamEvent::ProgressUpdate {
                icon: None,
                text: "Tool status".into(),
            }),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_4",
                "Hello, world!",
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("Hello, world!").await;
    assert_eq!(
        kinds(&events),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "progress_update",
            "thread.item.done"
        ]
    );
    assert_eq!(
        to_json(&events[3]),
        r#"{"type":"progress_update","text":"Tool status"}"#
    );
    assert_eq!(h.stored_items(&thread.id).len(), 2);
}

#[tokio::test]
async fn hidden_context_items_are_saved_but_not_sent() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(hidden_context(
                &call.thread_id,
                "hc_1",
                json!({"remember": "the user likes lists"}),
            ))),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_reply",
                "Noted.",
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("I like lists").await;
    assert_eq!(
        kinds(&events),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.done"
        ]
    );
    assert!(done_items(&events).iter().all(|item| !item.is_hidden()));

    let stored: Vec<_> = h
        .stored_items(&thread.id)
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    assert_eq!(stored[1..], ["hc_1", "msg_reply"]);
    let listed: Vec<_> = h
        .listed_items(&thread.id)
        .await
        .data
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    assert_eq!(listed[..1], ["msg_reply"]);
    assert!(!listed.contains(&"hc_1".to_string()));
}

#[tokio::test]
async fn a_removed_item_is_announced_and_deleted() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(user_message(
                &call.thread_id,
                "msg_to_remove",
                "To be removed",
            ))),
            Step::Emit(removed("msg_to_remove")),
        ]
    }));
    let (thread, events) = h.start_thread("Trigger removal").await;
    assert_eq!(
        to_json(events.last().unwrap()),
        r#"{"type":"thread.item.removed","item_id":"msg_to_remove"}"#
    );
    assert!(
        h.listed_items(&thread.id)
            .await
            .data
            .iter()
            .all(|i| i.id() != "msg_to_remove")
    );
}

#[tokio::test]
async fn a_replaced_item_is_announced_and_stored_in_place_even_as_another_type() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(user_message(
                &call.thread_id,
                "msg_to_replace",
                "Original content",
            ))),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_after",
                "After",
            ))),
            Step::Emit(replaced(assistant_message(
                &call.thread_id,
                "msg_to_replace",
                "This is the replacement content",
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("Trigger replacement").await;
    assert_eq!(kind(events.last().unwrap()), "thread.item.replaced");

    let stored = h.stored_items(&thread.id);
    let ids: Vec<_> = stored.iter().map(ThreadItem::id).collect();
    assert_eq!(
        ids[1..],
        ["msg_to_replace", "msg_after"],
        "the replacement keeps its position"
    );
    assert_eq!(stored[1].type_name(), "assistant_message");
    assert_eq!(text_of(&stored[1]), "This is the replacement content");
}

#[tokio::test]
async fn a_replaced_widget_is_announced_and_stored() {
    let original = Card::new(vec![Text::new("Original widget content").into()]);
    let replacement = Card::new(vec![Text::new("Replaced widget content").into()]);
    let (first, second) = (original.clone(), replacement.clone());
    let h = Harness::new(TestServer::new().respond_script(move |call| {
        vec![
            Step::Emit(done(widget_item(
                &call.thread_id,
                "widget_to_replace",
                first.clone(),
            ))),
            Step::Emit(replaced(widget_item(
                &call.thread_id,
                "widget_to_replace",
                second.clone(),
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("Trigger widget replacement").await;
    let Some(ThreadStreamEvent::ThreadItemReplaced {
        item: ThreadItem::Widget(sent),
    }) = events.last()
    else {
        panic!("no widget replacement event")
    };
    assert_eq!(sent.widget, replacement.clone().into());
    let ThreadItem::Widget(stored) = h
        .store
        .load_item(&thread.id, "widget_to_replace", &h.ctx)
        .await
        .unwrap()
    else {
        panic!("not a widget")
    };
    assert_eq!(stored.widget, replacement.into());
}

// ---------------------------------------------------------------------------
// Errors raised by hooks
// ---------------------------------------------------------------------------

#[tokio::test]
async fn an_error_raised_in_respond_becomes_a_retryable_stream_error_and_the_stream_ends() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_before",
                "Partial",
            ))),
            Step::Fail(HookError::Other(anyhow::anyhow!("Test error"))),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_never",
                "Never sent",
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("Test error").await;
    assert_eq!(
        kinds(&events),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.done",
            "error"
        ]
    );
    assert_eq!(
        to_json(&events[4]),
        r#"{"type":"error","code":"stream.error","allow_retry":true}"#
    );
    let ids: Vec<_> = h
        .stored_items(&thread.id)
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    assert_eq!(
        ids[1..],
        ["msg_before"],
        "what came before the error is kept"
    );
}

#[tokio::test]
async fn a_custom_error_is_sent_with_its_message_and_retry_flag() {
    let h = Harness::new(TestServer::new().respond(|_| failing(HookError::custom("Nope", true))));
    let (_, events) = h.start_thread("Hello").await;
    assert_eq!(
        to_json(events.last().unwrap()),
        r#"{"type":"error","code":"custom","message":"Nope","allow_retry":true}"#
    );
}

#[tokio::test]
async fn a_stream_error_keeps_its_explicit_retry_flag() {
    let h = Harness::new(
        TestServer::new().respond(|_| failing(HookError::Stream { allow_retry: false })),
    );
    let (_, events) = h.start_thread("Hello").await;
    assert_eq!(
        to_json(events.last().unwrap()),
        r#"{"type":"error","code":"stream.error","allow_retry":false}"#
    );
}

#[tokio::test]
async fn a_thread_change_before_an_error_is_still_saved_and_announced_after_it() {
    let h = Harness::new(TestServer::new().respond_script(|_| {
        vec![
            Step::change(|thread| thread.title = Some("Before the error".into())),
            Step::Fail(HookError::custom("Nope", false)),
        ]
    }));
    let (thread, events) = h.start_thread("Hello").await;
    assert_eq!(kinds(&events)[3..], ["error", "thread.updated"]);
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .title
            .as_deref(),
        Some("Before the error")
    );
}

#[tokio::test]
async fn stream_options_come_from_the_server() {
    let h = Harness::new(TestServer::new().allow_cancel(false));
    let (_, events) = h.start_thread("Hello").await;
    assert_eq!(
        to_json(&events[2]),
        r#"{"type":"stream_options","stream_options":{"allow_cancel":false}}"#
    );
}

// ---------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------

#[tokio::test]
async fn threads_list_pages_newest_first_with_an_after_cursor() {
    let h = Harness::new(TestServer::new());
    let mut created = Vec::new();
    for i in 0..25 {
        created.push(h.start_thread(&format!("Thread {i}")).await.0.id);
    }
    let newest_first: Vec<String> = created.iter().rev().cloned().collect();

    let page: Page<Thread> = h.typed(&request::list_threads(json!({"limit": 20}))).await;
    let ids: Vec<_> = page.data.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids, newest_first[..20]);
    assert!(page.has_more);
    assert_eq!(page.after.as_deref(), Some(newest_first[19].as_str()));
    assert!(
        page.data
            .iter()
            .all(|t| t.items == Page::empty() && t.metadata.is_empty())
    );

    let next: Page<Thread> = h
        .typed(&request::list_threads(json!({"after": ids[19]})))
        .await;
    let ids: Vec<_> = next.data.iter().map(|t| t.id.clone()).collect();
    assert_eq!(ids, newest_first[20..]);
    assert!(!next.has_more);
    assert_eq!(next.after, None);
}

#[tokio::test]
async fn threads_list_in_ascending_order_starts_with_the_oldest() {
    let h = Harness::new(TestServer::new());
    let first = h.start_thread("one").await.0.id;
    let second = h.start_thread("two").await.0.id;
    let page = h
        .json(&request::list_threads(json!({"order": "asc", "limit": 1})))
        .await;
    assert_eq!(page["data"][0]["id"], json!(first));
    assert_eq!(page["has_more"], json!(true));
    assert_eq!(page["after"], json!(first));
    let rest = h
        .json(&request::list_threads(
            json!({"order": "asc", "after": first}),
        ))
        .await;
    assert_eq!(rest["data"][0]["id"], json!(second));
    assert_eq!(rest.get("after"), None, "a null cursor is omitted");
}

#[tokio::test]
async fn items_list_pages_newest_first_with_an_after_cursor() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        (0..25)
            .map(|i| {
                Step::Emit(done(user_message(
                    &call.thread_id,
                    &format!("msg_{i}"),
                    &format!("Message {i}"),
                )))
            })
            .collect()
    }));
    let (thread, events) = h.start_thread("Thread 1").await;
    let first_message = done_items(&events)[0].id().to_string();

    let page = h.listed_items(&thread.id).await;
    let ids: Vec<_> = page.data.iter().map(|i| i.id().to_string()).collect();
    let expected: Vec<_> = (5..25).rev().map(|i| format!("msg_{i}")).collect();
    assert_eq!(ids, expected);
    assert!(page.has_more);
    assert_eq!(page.after.as_deref(), Some("msg_5"));

    let next: Page<ThreadItem> = h
        .typed(&request::list_items(&thread.id, Some("msg_5")))
        .await;
    let ids: Vec<_> = next.data.iter().map(|i| i.id().to_string()).collect();
    assert_eq!(
        ids,
        [
            "msg_4",
            "msg_3",
            "msg_2",
            "msg_1",
            "msg_0",
            first_message.as_str()
        ],
        "+1 for the user message"
    );
    assert!(!next.has_more);
}

#[tokio::test]
async fn items_list_filters_hidden_items_after_paging_so_the_cursor_still_works() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(assistant_message(&call.thread_id, "msg_a", "A"))),
            Step::Emit(done(hidden_context(&call.thread_id, "hc_1", json!("note")))),
        ]
    }));
    let (thread, _) = h.start_thread("Hello").await;
    let page = h
        .json(&json!({"type": "items.list", "params": {"thread_id": thread.id, "limit": 1}}))
        .await;
    assert_eq!(
        page["data"],
        json!([]),
        "the only item on the page was hidden"
    );
    assert_eq!(page["has_more"], json!(true));
    assert_eq!(page["after"], json!("hc_1"));
    let next = h.json(&json!({"type": "items.list", "params": {"thread_id": thread.id, "limit": 1, "after": "hc_1"}})).await;
    assert_eq!(next["data"][0]["id"], json!("msg_a"));
}

// ---------------------------------------------------------------------------
// Widget actions
// ---------------------------------------------------------------------------

fn widget_responder() -> TestServer {
    TestServer::new().respond_script(|call| {
        let card = Card::new(vec![Text::new("test").with_key("text_1").into()]);
        vec![Step::Emit(done(widget_item(
            &call.thread_id,
            "widget_1",
            card,
        )))]
    })
}

fn email_sent() -> Card {
    Card::new(vec![Text::new("Email sent!").into()])
}

#[tokio::test]
async fn a_custom_action_gets_the_action_and_its_widget_and_streams_a_root_update() {
    let h = Harness::new(widget_responder().action(|call| {
        let sender = call.sender.expect("a sender widget");
        events(vec![updated(
            &sender.id,
            ThreadItemUpdate::WidgetRootUpdated {
                widget: email_sent().into(),
            },
        )])
    }));
    let (thread, events) = h.start_thread("Show widget").await;
    let ThreadItem::Widget(widget) = done_items(&events).pop().unwrap() else {
        panic!("no widget")
    };

    let action = json!({"type": "create_user", "payload": {"user_id": "123"}});
    let events = h
        .stream(&request::custom_action(
            &thread.id,
            Some("widget_1"),
            action,
        ))
        .await;

    assert_eq!(
        h.server.actions(),
        [(
            Action::new("create_user", json!({"user_id": "123"})),
            Some(widget)
        )]
    );
    assert_eq!(kinds(&events), ["stream_options", "thread.item.updated"]);
    assert_eq!(
        to_json(&events[1]),
        r#"{"type":"thread.item.updated","item_id":"widget_1","update":{"type":"widget.root.updated","widget":{"type":"Card","children":[{"type":"Text","value":"Email sent!"}]}}}"#
    );
}

#[tokio::test]
async fn a_custom_action_can_replace_its_widget_and_the_replacement_is_stored() {
    let h = Harness::new(widget_responder().action(|call| {
        let mut sender = call.sender.expect("a sender widget");
        sender.widget = email_sent().into();
        events(vec![replaced(ThreadItem::Widget(sender))])
    }));
    let (thread, _) = h.start_thread("Show widget").await;
    let action = json!({"type": "send_email"});
    let events = h
        .stream(&request::custom_action(
            &thread.id,
            Some("widget_1"),
            action,
        ))
        .await;
    assert_eq!(kinds(&events), ["stream_options", "thread.item.replaced"]);
    let stored = h.stored_items(&thread.id);
    assert_eq!(stored.len(), 2, "replaced in place, not added");
    let ThreadItem::Widget(widget) = &stored[1] else {
        panic!("not a widget: {:?}", stored[1])
    };
    assert_eq!(widget.widget, email_sent().into());
}

#[tokio::test]
async fn a_custom_action_without_an_item_has_no_sender() {
    let h = Harness::new(TestServer::new().action(|_| events(Vec::new())));
    let (thread, _) = h.start_thread("Hello").await;
    let events = h
        .stream(&request::custom_action(
            &thread.id,
            None,
            json!({"type": "refresh"}),
        ))
        .await;
    assert_eq!(kinds(&events), ["stream_options"]);
    assert_eq!(
        h.server.actions(),
        [(Action::new("refresh", Value::Null), None)]
    );
}

#[tokio::test]
async fn a_sync_custom_action_answers_with_the_updated_item_without_saving_it() {
    let h = Harness::new(widget_responder().sync_action(|_, _, sender| {
        let mut item = sender.expect("a sender widget");
        item.widget = email_sent().into();
        Ok(SyncCustomActionResponse {
            updated_item: Some(ThreadItem::Widget(item)),
        })
    }));
    let (thread, events) = h.start_thread("Show widget").await;
    let ThreadItem::Widget(widget) = done_items(&events).pop().unwrap() else {
        panic!("no widget")
    };

    let action = json!({"type": "create_user", "payload": {"user_id": "123"}});
    let response: SyncCustomActionResponse = h
        .typed(&request::sync_custom_action(
            &thread.id,
            Some("widget_1"),
            action,
        ))
        .await;

    assert_eq!(
        h.server.sync_actions(),
        [(
            Action::new("create_user", json!({"user_id": "123"})),
            Some(widget.clone())
        )]
    );
    let expected = WidgetItem {
        widget: email_sent().into(),
        ..widget.clone()
    };
    assert_eq!(response.updated_item, Some(ThreadItem::Widget(expected)));
    assert_eq!(
        h.store
            .load_item(&thread.id, "widget_1", &h.ctx)
            .await
            .unwrap(),
        ThreadItem::Widget(widget),
        "the driver leaves persisting the update to the hook"
    );
}

// ---------------------------------------------------------------------------
// Structured input
// ---------------------------------------------------------------------------

fn multiple_choice(id: &str, question: &str, options: &[&str]) -> StructuredInput {
    StructuredInput::MultipleChoice(MultipleChoiceInput {
        id: id.into(),
        question: question.into(),
        answer: None,
        options: options
            .iter()
            .map(|value| MultipleChoiceOption {
                value: value.to_string(),
            })
            .collect(),
        multiple: false,
    })
}

fn freeform(id: &str, question: &str) -> StructuredInput {
    StructuredInput::Freeform(FreeformInput {
        id: id.into(),
        question: question.into(),
        answer: None,
        description: None,
    })
}

/// A server that asks `questions` when a user writes, and answers after the submission.
fn asking(questions: fn() -> Vec<StructuredInput>) -> Harness {
    Harness::new(
        TestServer::new().respond_script(move |call| match call.input {
            Some(_) => vec![Step::Emit(done(structured_input(
                &call.thread_id,
                "si_1",
                questions(),
            )))],
            None => vec![Step::Emit(done(assistant_message(
                &call.thread_id,
                "msg_after_structured_input",
                "Thanks, continuing now.",
            )))],
        }),
    )
}

fn lesson_questions() -> Vec<StructuredInput> {
    vec![
        multiple_choice(
            "subject",
            "Which subject is this lesson for?",
            &["Math", "Science"],
        ),
        freeform("details", "Anything else to know?"),
    ]
}

fn answers(
    events: &[ThreadStreamEvent],
) -> (StructuredInputStatus, Vec<Option<StructuredInputAnswer>>) {
    let item = events.iter().find_map(|event| match event {
        ThreadStreamEvent::ThreadItemReplaced {
            item: ThreadItem::StructuredInput(item),
        } => Some(item),
        _ => None,
    });
    let item = item.expect("a thread.item.replaced event with the structured input");
    (
        item.status,
        item.inputs.iter().map(|q| q.answer().cloned()).collect(),
    )
}

fn answered(values: &[&str]) -> Option<StructuredInputAnswer> {
    Some(StructuredInputAnswer {
        values: values.iter().map(|v| v.to_string()).collect(),
        skipped: false,
    })
}

#[tokio::test]
async fn a_structured_input_submission_replaces_the_item_with_free_text_answers_and_resumes_the_response()
 {
    let h = asking(lesson_questions);
    let (thread, _) = h.start_thread("Plan a lesson").await;
    let submission = json!({"status": "answered", "answers": {
        "subject": {"values": ["Private class"]},
        "details": {"values": ["Please include group work."]},
    }});
    let events = h
        .stream(&request::add_structured_input(
            &thread.id, "si_1", submission,
        ))
        .await;

    assert_eq!(
        kinds(&events),
        ["stream_options", "thread.item.replaced", "thread.item.done"]
    );
    let (status, recorded) = answers(&events);
    assert_eq!(status, StructuredInputStatus::Answered);
    assert_eq!(
        recorded,
        [
            answered(&["Private class"]),
            answered(&["Please include group work."])
        ]
    );
    let ThreadStreamEvent::ThreadItemReplaced { item } = &events[1] else {
        unreachable!()
    };
    assert_eq!(
        &h.store.load_item(&thread.id, "si_1", &h.ctx).await.unwrap(),
        item
    );
    assert_eq!(done_items(&events)[0].id(), "msg_after_structured_input");
    assert_eq!(h.server.respond_inputs()[1], None);
    assert!(
        to_json(&events[1]).contains(
            r#""inputs":[{"id":"subject","question":"Which subject is this lesson for?","answer":{"values":["Private class"],"skipped":false},"type":"multiple_choice","options":[{"value":"Math"},{"value":"Science"}],"multiple":false},"#
        ),
        "{}",
        to_json(&events[1])
    );
}

#[tokio::test]
async fn a_structured_input_answer_left_out_is_recorded_as_skipped() {
    let h = asking(lesson_questions);
    let (thread, _) = h.start_thread("Plan a lesson").await;
    let submission = json!({"status": "answered", "answers": {"subject": {"values": ["Math"]}}});
    let events = h
        .stream(&request::add_structured_input(
            &thread.id, "si_1", submission,
        ))
        .await;
    let (_, recorded) = answers(&events);
    assert_eq!(
        recorded,
        [answered(&["Math"]), Some(StructuredInputAnswer::skipped())]
    );
}

#[tokio::test]
async fn structured_input_answers_to_unknown_questions_are_ignored() {
    let h = asking(|| vec![freeform("details", "Anything else to know?")]);
    let (thread, _) = h.start_thread("Plan a lesson").await;
    let submission = json!({"answers": {
        "details": {"values": ["Please include group work."]},
        "unknown": {"values": ["ignored"]},
    }});
    let events = h
        .stream(&request::add_structured_input(
            &thread.id, "si_1", submission,
        ))
        .await;
    let (_, recorded) = answers(&events);
    assert_eq!(recorded, [answered(&["Please include group work."])]);
}

#[tokio::test]
async fn a_single_choice_question_keeps_only_the_first_value() {
    let h = asking(|| {
        vec![multiple_choice(
            "subject",
            "Which subject is this lesson for?",
            &["Math", "Science"],
        )]
    });
    let (thread, _) = h.start_thread("Plan a lesson").await;
    let submission =
        json!({"status": "answered", "answers": {"subject": {"values": ["Math", "Science"]}}});
    let events = h
        .stream(&request::add_structured_input(
            &thread.id, "si_1", submission,
        ))
        .await;
    let (_, recorded) = answers(&events);
    assert_eq!(recorded, [answered(&["Math"])]);

    let ThreadItem::StructuredInput(stored) =
        h.store.load_item(&thread.id, "si_1", &h.ctx).await.unwrap()
    else {
        panic!("not a structured input")
    };
    assert_eq!(stored.status, StructuredInputStatus::Answered);
    assert_eq!(stored.inputs[0].answer().cloned(), answered(&["Math"]));
}

#[tokio::test]
async fn skipping_a_whole_structured_input_skips_every_question() {
    let h = asking(lesson_questions);
    let (thread, _) = h.start_thread("Plan a lesson").await;
    let submission = json!({"status": "skipped", "answers": {"subject": {"values": ["Math"]}}});
    let events = h
        .stream(&request::add_structured_input(
            &thread.id, "si_1", submission,
        ))
        .await;
    let (status, recorded) = answers(&events);
    assert_eq!(status, StructuredInputStatus::Skipped);
    assert_eq!(
        recorded,
        [
            Some(StructuredInputAnswer::skipped()),
            Some(StructuredInputAnswer::skipped())
        ]
    );
}

// ---------------------------------------------------------------------------
// Retry
// ---------------------------------------------------------------------------

#[tokio::test]
async fn retrying_after_the_only_user_message_replaces_the_reply() {
    let calls = Arc::new(AtomicUsize::new(0));
    let h = Harness::new(TestServer::new().respond_script(move |call| {
        let (id, text) = match calls.fetch_add(1, Ordering::SeqCst) {
            0 => ("assistant_msg_1", "First response"),
            _ => ("assistant_msg_2", "Retried response"),
        };
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            id,
            text,
        )))]
    }));
    let (thread, _) = h.start_thread("Hello, world!").await;
    let before = h.listed_items(&thread.id).await.data;
    assert_eq!(
        before.iter().map(text_of).collect::<Vec<_>>(),
        ["First response", "Hello, world!"]
    );

    let events = h
        .stream(&request::retry_after_item(&thread.id, before[1].id()))
        .await;
    assert_eq!(kinds(&events), ["stream_options", "thread.item.done"]);
    assert_eq!(text_of(&done_items(&events)[0]), "Retried response");

    let inputs = h.server.respond_inputs();
    assert_eq!(inputs.len(), 2);
    assert_eq!(
        inputs[0], inputs[1],
        "respond answers the same user message again"
    );
    assert_eq!(inputs[0].as_ref().unwrap().text(), "Hello, world!");

    let after = h.listed_items(&thread.id).await.data;
    assert_eq!(
        after.iter().map(text_of).collect::<Vec<_>>(),
        ["Retried response", "Hello, world!"]
    );
}

#[tokio::test]
async fn retrying_after_the_second_user_message_keeps_the_first_exchange() {
    let calls = Arc::new(AtomicUsize::new(0));
    let h = Harness::new(TestServer::new().respond_script(move |call| {
        let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
        let text = format!(
            "Response to: {}",
            call.input.as_ref().expect("a user message").text()
        );
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            &format!("assistant_msg_{n}"),
            &text,
        )))]
    }));
    let (thread, _) = h.start_thread("First message").await;
    h.stream(&request::add_user_message(&thread.id, "Second message"))
        .await;
    let before = h.listed_items(&thread.id).await.data;
    assert_eq!(before.len(), 4);

    let events = h
        .stream(&request::retry_after_item(&thread.id, before[1].id()))
        .await;
    assert_eq!(kinds(&events), ["stream_options", "thread.item.done"]);
    assert_eq!(
        h.server.respond_inputs()[2].as_ref().unwrap().text(),
        "Second message"
    );

    let after = h.listed_items(&thread.id).await.data;
    assert_eq!(
        after.iter().map(text_of).collect::<Vec<_>>(),
        [
            "Response to: Second message",
            "Second message",
            "Response to: First message",
            "First message"
        ]
    );
    assert_eq!(
        after[1..],
        before[1..],
        "the first exchange and the retried message are untouched"
    );
    assert_ne!(after[0].id(), before[0].id());
}

#[tokio::test]
async fn retrying_removes_every_item_after_the_message_hidden_ones_included() {
    let calls = Arc::new(AtomicUsize::new(0));
    let h = Harness::new(TestServer::new().respond_script(move |call| {
        let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
        vec![
            Step::Emit(done(hidden_context(
                &call.thread_id,
                &format!("hc_{n}"),
                json!("x"),
            ))),
            Step::Emit(done(assistant_message(
                &call.thread_id,
                &format!("reply_{n}"),
                "Reply",
            ))),
        ]
    }));
    let (thread, events) = h.start_thread("Hello").await;
    let message = done_items(&events)[0].id().to_string();
    h.stream(&request::retry_after_item(&thread.id, &message))
        .await;
    let stored: Vec<_> = h
        .stored_items(&thread.id)
        .iter()
        .map(|i| i.id().to_string())
        .collect();
    assert_eq!(stored, [message.as_str(), "hc_2", "reply_2"]);
}

#[tokio::test]
async fn retrying_after_an_assistant_message_is_refused() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            "assistant_msg_1",
            "Response",
        )))]
    }));
    let (thread, _) = h.start_thread("Hello").await;
    let error = h
        .error(&request::retry_after_item(&thread.id, "assistant_msg_1"))
        .await;
    assert!(
        matches!(&error, ProcessError::Invalid(m) if m.contains("not a user message")),
        "{error:?}"
    );
    assert_eq!(h.stored_items(&thread.id).len(), 2, "nothing was deleted");
}

#[tokio::test]
async fn retrying_after_an_unknown_item_is_not_found_and_does_not_respond() {
    // Stricter than the SDK, which answers an empty 200 stream.
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Hello").await;
    let error = h
        .error(&request::retry_after_item(&thread.id, "msg_missing"))
        .await;
    assert!(matches!(&error, ProcessError::NotFound(_)), "{error:?}");
    assert_eq!(h.server.respond_inputs().len(), 1);
    assert_eq!(h.stored_items(&thread.id).len(), 1);
}

// ---------------------------------------------------------------------------
// Inference options reach respond
// ---------------------------------------------------------------------------

fn input_with_tool(text: &str, tool: &str) -> Value {
    let mut input = request::input(text);
    input["inference_options"] = json!({"tool_choice": {"id": tool}});
    input
}

fn tool_choices(h: &Harness) -> Vec<Option<String>> {
    h.server
        .respond_inputs()
        .iter()
        .map(|input| {
            input
                .as_ref()?
                .inference_options
                .tool_choice
                .as_ref()
                .map(|t| t.id.clone())
        })
        .collect()
}

#[tokio::test]
async fn the_tool_chosen_when_creating_a_thread_reaches_respond() {
    let h = Harness::new(TestServer::new());
    h.stream(&request::create_with(input_with_tool(
        "Hello with tools",
        "web_search",
    )))
    .await;
    assert_eq!(tool_choices(&h), [Some("web_search".to_string())]);
}

#[tokio::test]
async fn the_tool_chosen_when_adding_a_message_reaches_respond() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Start").await;
    h.stream(&request::add_user_message_with(
        &thread.id,
        input_with_tool("Second", "retrieval"),
    ))
    .await;
    assert_eq!(tool_choices(&h), [None, Some("retrieval".to_string())]);
}

// ---------------------------------------------------------------------------
// Non-streaming thread requests
// ---------------------------------------------------------------------------

#[tokio::test]
async fn get_by_id_returns_the_thread_with_its_items_oldest_first() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![Step::Emit(done(assistant_message(
            &call.thread_id,
            "msg_r",
            "Reply",
        )))]
    }));
    let (thread, _) = h.start_thread("Test thread").await;
    let loaded: Thread = h.typed(&request::get_by_id(&thread.id)).await;
    assert_eq!(loaded.id, thread.id);
    assert_eq!(loaded.title, thread.title);
    assert_eq!(
        loaded.items.data.iter().map(text_of).collect::<Vec<_>>(),
        ["Test thread", "Reply"]
    );
}

#[tokio::test]
async fn get_by_id_returns_the_oldest_twenty_items_without_hidden_ones() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        let mut steps = vec![Step::Emit(done(hidden_context(
            &call.thread_id,
            "hc_1",
            json!("note"),
        )))];
        steps.extend((0..22).map(|i| {
            Step::Emit(done(assistant_message(
                &call.thread_id,
                &format!("msg_{i}"),
                "x",
            )))
        }));
        steps
    }));
    let (thread, _) = h.start_thread("Hello").await;
    let loaded = h.json(&request::get_by_id(&thread.id)).await;
    let items = loaded["items"]["data"].as_array().unwrap();
    assert_eq!(items.len(), 19, "20 stored items, one of them hidden");
    assert_eq!(items[0]["type"], json!("user_message"));
    assert_eq!(items[18]["id"], json!("msg_17"));
    assert_eq!(loaded["items"]["has_more"], json!(true));
    assert_eq!(loaded["metadata"], json!({}));
}

#[tokio::test]
async fn threads_update_renames_the_thread() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Hello, world!").await;
    let updated: Thread = h
        .typed(&request::update_thread(&thread.id, "New Title"))
        .await;
    assert_eq!(updated.title.as_deref(), Some("New Title"));
    assert_eq!(updated.items, Page::empty());
    assert_eq!(
        h.store
            .load_thread(&thread.id, &h.ctx)
            .await
            .unwrap()
            .title
            .as_deref(),
        Some("New Title")
    );
}

#[tokio::test]
async fn deleting_a_thread_answers_an_empty_object_and_it_is_gone() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Thread to delete").await;
    assert_eq!(
        &h.body(&request::delete_thread(&thread.id)).await[..],
        b"{}"
    );
    let error = h.error(&request::get_by_id(&thread.id)).await;
    assert!(
        matches!(&error, ProcessError::NotFound(m) if *m == format!("Thread {} not found", thread.id)),
        "{error:?}"
    );
    assert!(
        h.stored_items(&thread.id).is_empty(),
        "its items went with it"
    );
}

#[tokio::test]
async fn feedback_reaches_the_hook_with_the_thread_items_and_kind() {
    let h = Harness::new(TestServer::new().respond_script(|call| {
        vec![
            Step::Emit(done(assistant_message(
                &call.thread_id,
                "assistant_msg_1",
                "Feedback received!",
            ))),
            Step::Emit(done(widget_item(
                &call.thread_id,
                "widget_1",
                Card::new(vec![Text::new("Widget content").with_key("text").into()]),
            ))),
        ]
    }));
    let (thread, _) = h.start_thread("Test feedback").await;
    assert_eq!(
        &h.body(&request::feedback(
            &thread.id,
            &["assistant_msg_1"],
            "positive"
        ))
        .await[..],
        b"{}"
    );
    h.body(&request::feedback(&thread.id, &["widget_1"], "negative"))
        .await;

    let feedback = |item: &str, kind| Feedback {
        thread_id: thread.id.clone(),
        item_ids: vec![item.to_string()],
        kind,
        ctx: default_ctx(),
    };
    assert_eq!(
        h.server.feedback(),
        [
            feedback("assistant_msg_1", FeedbackKind::Positive),
            feedback("widget_1", FeedbackKind::Negative)
        ]
    );
}

#[tokio::test]
async fn transcription_decodes_the_audio_and_keeps_the_raw_mime_type() {
    let h =
        Harness::new(TestServer::new().transcribe(|_| TranscriptionResult { text: "ok".into() }));
    // "hello audio" in base64.
    let body = h
        .body(&request::transcribe(
            "aGVsbG8gYXVkaW8=",
            "audio/webm;codecs=opus",
        ))
        .await;
    assert_eq!(&body[..], br#"{"text":"ok"}"#);
    let (audio, ctx) = h.server.transcriptions().pop().unwrap();
    assert_eq!(audio.data, b"hello audio");
    assert_eq!(audio.mime_type, "audio/webm;codecs=opus");
    assert_eq!(audio.media_type(), "audio/webm");
    assert_eq!(ctx, default_ctx());
}

#[tokio::test]
async fn transcription_of_invalid_base64_is_a_bad_request() {
    let h =
        Harness::new(TestServer::new().transcribe(|_| TranscriptionResult { text: "ok".into() }));
    let error = h
        .error(&request::transcribe("not base64!", "audio/webm"))
        .await;
    assert!(matches!(error, ProcessError::BadRequest(_)), "{error:?}");
    assert!(h.server.transcriptions().is_empty());
}

// ---------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------

#[tokio::test]
async fn creating_a_file_attachment_answers_its_upload_descriptor_without_metadata() {
    let h = Harness::with_attachments(TestServer::new());
    let body = h
        .body(&request::create_attachment(
            "test-file-name",
            1024,
            "text/plain",
        ))
        .await;
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        r#"{"id":"atc_1","name":"test-file-name","mime_type":"text/plain","upload_descriptor":{"url":"https://example.com/atc_1/upload","method":"PUT","headers":{"X-My-Header":"my-value"}},"type":"file"}"#
    );
    let kept = h
        .attachments
        .as_ref()
        .unwrap()
        .get("atc_1")
        .expect("the attachment store has it");
    assert_eq!(kept.metadata(), json!({"source": "test"}).as_object());
    let saved = h
        .store
        .load_attachment("atc_1", &h.ctx)
        .await
        .expect("the store has it too");
    assert_eq!(saved.metadata(), json!({"source": "test"}).as_object());
}

#[tokio::test]
async fn creating_an_image_attachment_answers_its_preview_url() {
    let h = Harness::with_attachments(TestServer::new());
    let body = h
        .body(&request::create_attachment(
            "test-file-name",
            1024,
            "image/png",
        ))
        .await;
    assert_eq!(
        std::str::from_utf8(&body).unwrap(),
        r#"{"id":"atc_1","name":"test-file-name","mime_type":"image/png","upload_descriptor":{"url":"https://example.com/atc_1/upload","method":"PUT","headers":{"X-My-Header":"my-value"}},"type":"image","preview_url":"https://example.com/atc_1/preview"}"#
    );
}

#[tokio::test]
async fn deleting_an_attachment_removes_it_from_both_stores() {
    let h = Harness::with_attachments(TestServer::new());
    h.body(&request::create_attachment("a.txt", 3, "text/plain"))
        .await;
    assert_eq!(
        &h.body(&request::delete_attachment("atc_1")).await[..],
        b"{}"
    );
    assert!(h.attachments.as_ref().unwrap().is_empty());
    assert!(h.store.load_attachment("atc_1", &h.ctx).await.is_err());
}

#[tokio::test]
async fn attachment_requests_without_an_attachment_store_are_unsupported() {
    let h = Harness::new(TestServer::new());
    let create = h
        .error(&request::create_attachment(
            "test-file-name",
            1024,
            "text/plain",
        ))
        .await;
    assert!(matches!(create, ProcessError::Unsupported(_)), "{create:?}");
    let delete = h.error(&request::delete_attachment("test-file-id")).await;
    assert!(matches!(delete, ProcessError::Unsupported(_)), "{delete:?}");
}

fn text_file(id: &str) -> Attachment {
    Attachment::File(FileAttachment {
        id: id.into(),
        name: "test.txt".into(),
        mime_type: "text/plain".into(),
        upload_descriptor: None,
        thread_id: None,
        metadata: json!({"source": "test"}).as_object().cloned(),
    })
}

fn with_attachment(text: &str, attachment_id: &str) -> Value {
    let mut input = request::input(text);
    input["attachments"] = json!([attachment_id]);
    input
}

#[tokio::test]
async fn attachment_metadata_never_reaches_the_client() {
    let h = Harness::new(TestServer::new());
    h.store
        .save_attachment(&text_file("file_with_metadata"), &h.ctx)
        .await
        .unwrap();
    let events = h
        .stream(&request::create_with(with_attachment(
            "Message with file",
            "file_with_metadata",
        )))
        .await;
    let thread = created_thread(&events);

    let sent = to_json(&events[1]);
    assert!(
        sent.contains(r#""id":"file_with_metadata""#) && !sent.contains(r#""metadata""#),
        "{sent}"
    );
    let listed = String::from_utf8(
        h.body(&request::list_items(&thread.id, None))
            .await
            .to_vec(),
    )
    .unwrap();
    assert!(
        listed.contains(r#""id":"file_with_metadata""#) && !listed.contains(r#""metadata""#),
        "{listed}"
    );
    let loaded = String::from_utf8(h.body(&request::get_by_id(&thread.id)).await.to_vec()).unwrap();
    assert!(
        loaded.contains(r#""id":"file_with_metadata""#) && !loaded.contains(r#""source""#),
        "{loaded}"
    );
}

#[tokio::test]
async fn an_attachment_is_linked_to_the_thread_created_with_it() {
    let h = Harness::new(TestServer::new());
    h.store
        .save_attachment(&text_file("file_thread_id_on_create"), &h.ctx)
        .await
        .unwrap();
    let events = h
        .stream(&request::create_with(with_attachment(
            "Message with file",
            "file_thread_id_on_create",
        )))
        .await;
    let thread = created_thread(&events);
    let stored = h
        .store
        .load_attachment("file_thread_id_on_create", &h.ctx)
        .await
        .unwrap();
    assert_eq!(stored.thread_id(), Some(thread.id.as_str()));
}

#[tokio::test]
async fn an_attachment_is_linked_to_the_thread_a_message_adds_it_to() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Start").await;
    h.store
        .save_attachment(&text_file("file_thread_id_on_add"), &h.ctx)
        .await
        .unwrap();
    h.stream(&request::add_user_message_with(
        &thread.id,
        with_attachment("Second", "file_thread_id_on_add"),
    ))
    .await;
    let stored = h
        .store
        .load_attachment("file_thread_id_on_add", &h.ctx)
        .await
        .unwrap();
    assert_eq!(stored.thread_id(), Some(thread.id.as_str()));
}

// ---------------------------------------------------------------------------
// Stricter than the SDK: refused before any byte is streamed
// ---------------------------------------------------------------------------

/// Every request that names `thread_id` (and, where needed, an item in it).
fn requests_naming(thread_id: &str) -> Vec<Value> {
    vec![
        request::add_user_message(thread_id, "Hello"),
        request::add_client_tool_output(thread_id, json!({})),
        request::add_structured_input(thread_id, "si_1", json!({})),
        request::retry_after_item(thread_id, "msg_1"),
        request::custom_action(thread_id, None, json!({"type": "x"})),
        request::sync_custom_action(thread_id, None, json!({"type": "x"})),
        request::get_by_id(thread_id),
        request::update_thread(thread_id, "Title"),
        request::delete_thread(thread_id),
        request::list_items(thread_id, None),
        request::feedback(thread_id, &["msg_1"], "positive"),
    ]
}

#[tokio::test]
async fn requests_on_an_unknown_thread_are_not_found() {
    let h = Harness::new(TestServer::new());
    for request in requests_naming("thr_missing") {
        let error = h.error(&request).await;
        assert!(
            matches!(&error, ProcessError::NotFound(m) if m == "Thread thr_missing not found"),
            "{request}: {error:?}"
        );
    }
    assert!(
        h.server.respond_inputs().is_empty()
            && h.server.actions().is_empty()
            && h.server.feedback().is_empty()
    );
}

#[tokio::test]
async fn another_users_thread_is_not_found_and_not_listed() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Mine").await;
    let intruder = Ctx::user("someone_else");
    for request in requests_naming(&thread.id) {
        let error = h.error_as(&request, &intruder).await;
        assert!(
            matches!(error, ProcessError::NotFound(_)),
            "{request}: {error:?}"
        );
    }
    let page = h
        .process_as(&request::list_threads(json!({})), &intruder)
        .await
        .unwrap();
    let ProcessResult::Json(body) = page else {
        panic!("threads.list is JSON")
    };
    assert_eq!(&body[..], br#"{"data":[],"has_more":false}"#);
    assert_eq!(
        h.stored_items(&thread.id).len(),
        1,
        "the owner's thread is intact"
    );
}

#[tokio::test]
async fn creating_a_thread_with_an_unknown_attachment_is_not_found_and_saves_nothing() {
    // The SDK saves the thread and sends thread.created before failing.
    let h = Harness::new(TestServer::new());
    let error = h
        .error(&request::create_with(with_attachment(
            "Hello",
            "atc_missing",
        )))
        .await;
    assert!(
        matches!(&error, ProcessError::NotFound(m) if m == "Attachment atc_missing not found"),
        "{error:?}"
    );
    assert_eq!(h.store.thread_count(&h.ctx), 0);
}

#[tokio::test]
async fn adding_a_message_with_an_unknown_attachment_is_not_found_and_saves_nothing() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Start").await;
    let error = h
        .error(&request::add_user_message_with(
            &thread.id,
            with_attachment("Hi", "atc_missing"),
        ))
        .await;
    assert!(matches!(error, ProcessError::NotFound(_)), "{error:?}");
    assert_eq!(h.stored_items(&thread.id).len(), 1);
    assert_eq!(h.server.respond_inputs().len(), 1);
}

#[tokio::test]
async fn a_custom_action_from_an_item_that_is_not_a_widget_is_invalid() {
    let h = Harness::new(TestServer::new().action(|_| events(Vec::new())));
    let (thread, events) = h.start_thread("Hello").await;
    let message_id = done_items(&events)[0].id().to_string();
    for request in [
        request::custom_action(&thread.id, Some(&message_id), json!({"type": "x"})),
        request::sync_custom_action(&thread.id, Some(&message_id), json!({"type": "x"})),
    ] {
        let error = h.error(&request).await;
        assert!(
            matches!(error, ProcessError::Invalid(_)),
            "{request}: {error:?}"
        );
    }
    assert!(h.server.actions().is_empty() && h.server.sync_actions().is_empty());
}

#[tokio::test]
async fn a_custom_action_from_an_unknown_item_is_not_found() {
    let h = Harness::new(TestServer::new().action(|_| events(Vec::new())));
    let (thread, _) = h.start_thread("Hello").await;
    let error = h
        .error(&request::custom_action(
            &thread.id,
            Some("widget_missing"),
            json!({"type": "x"}),
        ))
        .await;
    assert!(matches!(error, ProcessError::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn a_tool_output_when_no_call_is_pending_is_invalid() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Hello").await;
    let error = h
        .error(&request::add_client_tool_output(
            &thread.id,
            json!({"text": "Wow!"}),
        ))
        .await;
    assert!(matches!(error, ProcessError::Invalid(_)), "{error:?}");
    assert_eq!(h.server.respond_inputs().len(), 1);
}

#[tokio::test]
async fn structured_input_for_a_missing_other_or_answered_item_is_refused() {
    let h = asking(lesson_questions);
    let (thread, events) = h.start_thread("Plan a lesson").await;
    let message_id = done_items(&events)[0].id().to_string();

    let missing = h
        .error(&request::add_structured_input(
            &thread.id,
            "si_missing",
            json!({}),
        ))
        .await;
    assert!(matches!(missing, ProcessError::NotFound(_)), "{missing:?}");
    let not_a_question = h
        .error(&request::add_structured_input(
            &thread.id,
            &message_id,
            json!({}),
        ))
        .await;
    assert!(
        matches!(not_a_question, ProcessError::Invalid(_)),
        "{not_a_question:?}"
    );

    h.stream(&request::add_structured_input(
        &thread.id,
        "si_1",
        json!({}),
    ))
    .await;
    let again = h
        .error(&request::add_structured_input(
            &thread.id,
            "si_1",
            json!({}),
        ))
        .await;
    assert!(matches!(again, ProcessError::Invalid(_)), "{again:?}");
}

#[tokio::test]
async fn malformed_request_bodies_are_bad_requests() {
    let h = Harness::new(TestServer::new());
    for body in [
        &b"not json"[..],
        br#"{"type":"threads.list"}"#,
        br#"{"type":"threads.explode","params":{}}"#,
    ] {
        let error = h.kit.process(body, h.ctx.clone()).await.unwrap_err();
        assert!(
            matches!(error, ProcessError::BadRequest(_)),
            "{}: {error:?}",
            String::from_utf8_lossy(body)
        );
    }
}

// ---------------------------------------------------------------------------
// On the wire: SSE framing and content types
// ---------------------------------------------------------------------------

#[tokio::test]
async fn each_event_is_one_sse_data_line_of_compact_json() {
    let event = ThreadStreamEvent::StreamOptions {
        stream_options: chatkit::types::StreamOptions { allow_cancel: true },
    };
    assert_eq!(
        &chatkit::http::encode_event(&event)[..],
        b"data: {\"type\":\"stream_options\",\"stream_options\":{\"allow_cancel\":true}}\n\n"
    );
    let progress = ThreadStreamEvent::ProgressUpdate {
        icon: Some("search".into()),
        text: "Añadiendo tarea… ✓".into(),
    };
    assert_eq!(
        std::str::from_utf8(&chatkit::http::encode_event(&progress)).unwrap(),
        "data: {\"type\":\"progress_update\",\"icon\":\"search\",\"text\":\"Añadiendo tarea… ✓\"}\n\n",
        "non-ASCII is written raw, not \\u-escaped"
    );
}

#[tokio::test]
async fn a_stream_is_served_as_an_event_stream_of_data_frames() {
    let h = Harness::new(TestServer::new());
    let response = h
        .process(&request::create("Hello"))
        .await
        .unwrap()
        .into_response();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/event-stream; charset=utf-8"
    );
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = std::str::from_utf8(&body).unwrap();
    let frames: Vec<&str> = body.split_terminator("\n\n").collect();
    assert_eq!(frames.len(), 3, "{body}");
    let types: Vec<String> = frames
        .iter()
        .map(|frame| {
            let json = frame
                .strip_prefix("data: ")
                .unwrap_or_else(|| panic!("not a data frame: {frame}"));
            serde_json::from_str::<Value>(json).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        types,
        ["thread.created", "thread.item.done", "stream_options"]
    );
}

#[tokio::test]
async fn a_json_answer_is_served_as_application_json() {
    let h = Harness::new(TestServer::new());
    let (thread, _) = h.start_thread("Hello").await;
    let response = h
        .process(&request::delete_thread(&thread.id))
        .await
        .unwrap()
        .into_response();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(&body[..], b"{}");
}
