//! Streaming widgets: `diff_widget` (the Python SDK's
//! `tests/test_widgets.py::test_diff`, typed and dynamic components) and
//! `widget_states` / `widget_done` (`test_chatkit_server.py`'s
//! `returns_widget_item_generator*`), alone and through the driver.

mod support;

use std::sync::Arc;

use futures::StreamExt;
use serde_json::{Value, json};
use tokio::sync::Notify;

use chatkit::stream::{diff_widget, widget_done, widget_states};
use chatkit::types::{ThreadItem, ThreadItemUpdate, ThreadStreamEvent};
use chatkit::widgets::{Card, DynamicComponent, Markdown, Row, Text, WidgetComponent, WidgetRoot};
use chatkit::{EventStream, HookError};

use support::*;

fn card(children: Vec<WidgetComponent>) -> WidgetRoot {
    Card::new(children).into()
}

/// A `Text` with `id = "text"`, optionally streaming.
fn text(value: &str, streaming: Option<bool>) -> WidgetComponent {
    let mut text = Text::new(value).with_id("text");
    text.streaming = streaming;
    text.into()
}

/// A component built from raw props, as the SDK's `DynamicWidgetComponent`.
fn dynamic(props: Value) -> WidgetComponent {
    DynamicComponent::from_map(props.as_object().cloned().unwrap())
        .unwrap()
        .into()
}

/// The wire `type` of each update.
fn update_kinds(updates: &[ThreadItemUpdate]) -> Vec<String> {
    updates
        .iter()
        .map(|u| {
            serde_json::to_value(u).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn diff_kinds(before: &WidgetRoot, after: &WidgetRoot) -> Vec<String> {
    update_kinds(&diff_widget(before, after).expect("the states can be diffed"))
}

// ---------------------------------------------------------------------------
// diff_widget
// ---------------------------------------------------------------------------

#[test]
fn identical_widgets_need_no_update() {
    assert_eq!(
        diff_kinds(&card(vec![]), &card(vec![])),
        Vec::<String>::new()
    );
    let dynamic_text = || dynamic(json!({"type": "Text", "id": "text", "value": "Hello"}));
    assert_eq!(
        diff_kinds(&card(vec![dynamic_text()]), &card(vec![dynamic_text()])),
        Vec::<String>::new()
    );
}

#[test]
fn a_growing_streaming_text_with_an_id_is_one_value_delta() {
    let before = card(vec![text("Hello", Some(true))]);
    let after = card(vec![text("Hello, world!", Some(true))]);
    assert_eq!(
        diff_widget(&before, &after).unwrap(),
        [ThreadItemUpdate::WidgetStreamingTextValueDelta {
            component_id: "text".into(),
            delta: ", world!".into(),
            done: false,
        }]
    );

    let before = card(vec![dynamic(
        json!({"type": "Text", "id": "text", "value": "Hello", "streaming": true}),
    )]);
    let after = card(vec![dynamic(
        json!({"type": "Text", "id": "text", "value": "Hello, world!", "streaming": true}),
    )]);
    assert_eq!(
        diff_kinds(&before, &after),
        ["widget.streaming_text.value_delta"]
    );
}

#[test]
fn a_text_that_stops_streaming_replaces_the_root() {
    let before = card(vec![text("Hello", Some(true))]);
    let after = card(vec![text("Hello, world!", Some(false))]);
    assert_eq!(
        diff_widget(&before, &after).unwrap(),
        [ThreadItemUpdate::WidgetRootUpdated {
            widget: after.clone()
        }]
    );

    let before = card(vec![dynamic(
        json!({"type": "Text", "id": "text", "value": "Hello", "streaming": true}),
    )]);
    let after = card(vec![dynamic(
        json!({"type": "Text", "id": "text", "value": "Hello, world!", "streaming": false}),
    )]);
    assert_eq!(diff_kinds(&before, &after), ["widget.root.updated"]);
}

#[test]
fn a_text_value_that_does_not_extend_the_old_one_replaces_the_root() {
    let before = card(vec![Text::new("Hello").into()]);
    let after = card(vec![Text::new("world!").into()]);
    assert_eq!(diff_kinds(&before, &after), ["widget.root.updated"]);

    let before = card(vec![dynamic(json!({"type": "Text", "value": "Hello"}))]);
    let after = card(vec![dynamic(json!({"type": "Text", "value": "world!"}))]);
    assert_eq!(diff_kinds(&before, &after), ["widget.root.updated"]);

    // The same with an id: streamed text may only grow.
    assert_eq!(
        diff_kinds(
            &card(vec![text("Hello", None)]),
            &card(vec![text("world!", None)])
        ),
        ["widget.root.updated"]
    );
}

#[test]
fn a_growing_text_without_an_id_sends_no_update() {
    // The SDK drops such appends; only the final `done` carries them.
    let before = card(vec![Text::new("Hel").into()]);
    let after = card(vec![Text::new("Hello").into()]);
    assert_eq!(diff_kinds(&before, &after), Vec::<String>::new());
}

#[test]
fn a_text_that_is_not_marked_streaming_is_done_with_its_delta() {
    let updates = diff_widget(
        &card(vec![text("Hel", None)]),
        &card(vec![text("Hello", None)]),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_string(&updates).unwrap(),
        r#"[{"type":"widget.streaming_text.value_delta","component_id":"text","delta":"lo","done":true}]"#
    );
}

#[test]
fn nested_texts_and_markdown_each_get_their_own_delta() {
    let state = |title: &str, body: &str| {
        card(vec![
            Row::new(vec![Text::new(title).with_id("title").into()]).into(),
            Markdown::new(body).with_id("body").streaming(true).into(),
        ])
    };
    let updates = diff_widget(&state("Ta", "- one"), &state("Tasks", "- one\n- two")).unwrap();
    assert_eq!(
        updates,
        [
            ThreadItemUpdate::WidgetStreamingTextValueDelta {
                component_id: "title".into(),
                delta: "sks".into(),
                done: true
            },
            ThreadItemUpdate::WidgetStreamingTextValueDelta {
                component_id: "body".into(),
                delta: "\n- two".into(),
                done: false,
            },
        ]
    );
}

#[test]
fn a_changed_key_or_a_new_child_replaces_the_root() {
    let keyed = |key: &str| card(vec![Text::new("Hello").with_key(key).into()]);
    assert_eq!(
        diff_kinds(&keyed("a"), &keyed("b")),
        ["widget.root.updated"]
    );
    let one = card(vec![text("Hello", Some(true))]);
    let two = card(vec![text("Hello", Some(true)), Text::new("More").into()]);
    assert_eq!(diff_kinds(&one, &two), ["widget.root.updated"]);
}

#[test]
fn a_text_that_gains_an_id_replaces_the_root() {
    // The id is a change like any other, so the SDK's "new streaming
    // component" error cannot be reached by states of the same shape.
    let before = card(vec![Text::new("Hello").into()]);
    let after = card(vec![Text::new("Hello, world").with_id("late").into()]);
    assert_eq!(diff_kinds(&before, &after), ["widget.root.updated"]);
}

// ---------------------------------------------------------------------------
// widget_states / widget_done
// ---------------------------------------------------------------------------

/// `Card[Text(id="text", value=<first i chars of "Hello, world">)]`.
fn hello(i: usize) -> WidgetRoot {
    card(vec![text(&"Hello, world"[..i], None)])
}

fn states(
    roots: Vec<WidgetRoot>,
) -> impl futures::Stream<Item = Result<WidgetRoot, HookError>> + Send + 'static {
    futures::stream::iter(roots.into_iter().map(Ok))
}

async fn collect(stream: EventStream) -> Vec<ThreadStreamEvent> {
    stream
        .map(|event| event.expect("no hook error"))
        .collect()
        .await
}

#[tokio::test]
async fn streaming_widget_states_sends_added_then_text_deltas_then_done() {
    let events = collect(widget_states(
        "thr_1".into(),
        "msg_w".into(),
        states(vec![hello(0), hello(3), hello(6), hello(12)]),
        None,
    ))
    .await;

    assert_eq!(
        kinds(&events),
        [
            "thread.item.added",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.done"
        ]
    );
    let ThreadStreamEvent::ThreadItemAdded {
        item: ThreadItem::Widget(first),
    } = &events[0]
    else {
        unreachable!()
    };
    assert_eq!(first.widget, hello(0));
    let deltas: Vec<_> = events[1..4]
        .iter()
        .map(|event| match event {
            ThreadStreamEvent::ThreadItemUpdated {
                item_id,
                update:
                    ThreadItemUpdate::WidgetStreamingTextValueDelta {
                        component_id,
                        delta,
                        ..
                    },
            } => {
                assert_eq!((item_id.as_str(), component_id.as_str()), ("msg_w", "text"));
                delta.clone()
            }
            other => panic!("not a value delta: {other:?}"),
        })
        .collect();
    assert_eq!(deltas, ["Hel", "lo,", " world"]);
    assert_eq!(
        to_json(&events[1]),
        r#"{"type":"thread.item.updated","item_id":"msg_w","update":{"type":"widget.streaming_text.value_delta","component_id":"text","delta":"Hel","done":true}}"#
    );
    let ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::Widget(last),
    } = &events[4]
    else {
        unreachable!()
    };
    assert_eq!(last.widget, hello(12));
    assert_eq!(
        (last.id.as_str(), last.created_at),
        (first.id.as_str(), first.created_at),
        "one item, added then done"
    );
}

#[tokio::test]
async fn streaming_widget_states_that_do_not_grow_sends_the_whole_new_root() {
    let hello = card(vec![Text::new("Hello").with_id("text").into()]);
    let world = card(vec![Text::new("World").with_id("text").into()]);
    let events = collect(widget_states(
        "thr_1".into(),
        "msg_w".into(),
        states(vec![hello.clone(), world.clone()]),
        None,
    ))
    .await;

    assert_eq!(
        kinds(&events),
        [
            "thread.item.added",
            "thread.item.updated",
            "thread.item.done"
        ]
    );
    assert_eq!(
        events[1],
        updated(
            "msg_w",
            ThreadItemUpdate::WidgetRootUpdated {
                widget: world.clone()
            }
        )
    );
    let ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::Widget(last),
    } = &events[2]
    else {
        unreachable!()
    };
    assert_eq!(last.widget, world);
}

#[tokio::test]
async fn a_finished_widget_is_a_single_done_event() {
    let widget = card(vec![Text::new("Done").into()]);
    let event = widget_done(
        "thr_1".into(),
        "msg_w".into(),
        widget.clone(),
        Some("Done".into()),
    );
    let ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::Widget(item),
    } = &event
    else {
        panic!("{event:?}")
    };
    assert_eq!(
        (item.id.as_str(), item.thread_id.as_str()),
        ("msg_w", "thr_1")
    );
    assert_eq!(item.widget, widget);
    let created_at = item.created_at;
    assert_eq!(
        to_json(&event),
        format!(
            r#"{{"type":"thread.item.done","item":{{"id":"msg_w","thread_id":"thr_1","created_at":"{created_at}","type":"widget","widget":{{"type":"Card","children":[{{"type":"Text","value":"Done"}}]}},"copy_text":"Done"}}}}"#
        )
    );
}

// ---------------------------------------------------------------------------
// Through the driver
// ---------------------------------------------------------------------------

#[tokio::test]
async fn a_streamed_widget_is_stored_only_once_it_is_done() {
    let halfway = Arc::new(Notify::new());
    let resume = halfway.clone();
    let h = Harness::new(TestServer::new().respond(move |call| {
        let resume = resume.clone();
        let states = async_stream::stream! {
            yield Ok(hello(0));
            yield Ok(hello(3));
            resume.notified().await;
            yield Ok(hello(12));
        };
        widget_states(call.thread_id, "msg_w".into(), states, None)
    }));

    let mut stream = h.open_stream(&request::create("Show a widget")).await;
    let mut seen = Vec::new();
    while seen.last().map(kind).as_deref() != Some("thread.item.updated") {
        seen.push(stream.next().await.expect("more events"));
    }
    let thread = created_thread(&seen);
    assert_eq!(
        h.stored_items(&thread.id).len(),
        1,
        "`added` and `updated` write nothing"
    );

    halfway.notify_one();
    seen.extend(stream.collect::<Vec<_>>().await);
    assert_eq!(
        kinds(&seen),
        [
            "thread.created",
            "thread.item.done",
            "stream_options",
            "thread.item.added",
            "thread.item.updated",
            "thread.item.updated",
            "thread.item.done"
        ]
    );
    let stored = h.stored_items(&thread.id);
    assert_eq!(stored.len(), 2);
    let ThreadItem::Widget(widget) = &stored[1] else {
        panic!("not a widget: {:?}", stored[1])
    };
    assert_eq!(widget.widget, hello(12));
}

#[tokio::test]
async fn a_widget_state_that_fails_ends_the_response_with_an_error_and_stores_nothing() {
    let h = Harness::new(TestServer::new().respond(|call| {
        let states = futures::stream::iter([
            Ok(hello(0)),
            Err(HookError::custom("Could not load the tasks", false)),
        ]);
        widget_states(call.thread_id, "msg_w".into(), states, None)
    }));
    let (thread, events) = h.start_thread("Show a widget").await;
    assert_eq!(kinds(&events)[3..], ["thread.item.added", "error"]);
    assert_eq!(
        to_json(&events[4]),
        r#"{"type":"error","code":"custom","message":"Could not load the tasks","allow_retry":false}"#
    );
    assert_eq!(h.stored_items(&thread.id).len(), 1, "only the user message");
}
