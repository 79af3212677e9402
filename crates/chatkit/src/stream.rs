//! Helpers for hooks: streaming an assistant message as text deltas, and
//! streaming a widget (one state, or a sequence of states sent as the SDK's
//! `diff_widget` updates).

use std::collections::HashMap;

use futures::{Stream, StreamExt};
use serde_json::Value;

use crate::error::HookError;
use crate::server::EventStream;
use crate::timestamp::Timestamp;
use crate::types::{
    AssistantMessageContent, AssistantMessageItem, ThreadItem, ThreadItemUpdate, ThreadStreamEvent,
    WidgetItem,
};
use crate::widgets::WidgetRoot;

/// Stream an assistant message whose text arrives in chunks, as the SDK does
/// over HTTP: `added` (empty), `content_part.added`, one `text_delta` per
/// chunk, `content_part.done` with the full text, then `done` with the whole
/// item (same id and `created_at`).
pub fn assistant_message<S>(thread_id: String, item_id: String, chunks: S) -> EventStream
where
    S: Stream<Item = Result<String, HookError>> + Send + 'static,
{
    Box::pin(async_stream::try_stream! {
        let created_at = Timestamp::now();
        let mut item = AssistantMessageItem { id: item_id.clone(), thread_id, created_at, content: Vec::new() };
        yield ThreadStreamEvent::ThreadItemAdded { item: ThreadItem::AssistantMessage(item.clone()) };
        yield updated(&item_id, ThreadItemUpdate::AssistantMessageContentPartAdded {
            content_index: 0,
            content: AssistantMessageContent { annotations: Vec::new(), text: String::new() },
        });
        let mut text = String::new();
        futures::pin_mut!(chunks);
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk?;
            if chunk.is_empty() {
                continue;
            }
            text.push_str(&chunk);
            yield updated(&item_id, ThreadItemUpdate::AssistantMessageContentPartTextDelta { content_index: 0, delta: chunk });
        }
        let content = AssistantMessageContent { annotations: Vec::new(), text };
        yield updated(&item_id, ThreadItemUpdate::AssistantMessageContentPartDone { content_index: 0, content: content.clone() });
        item.content = vec![content];
        yield ThreadStreamEvent::ThreadItemDone { item: ThreadItem::AssistantMessage(item) };
    })
}

/// Split `text` into word-sized chunks (each keeps its trailing space), for
/// streaming a reply that is already known as deltas.
pub fn word_chunks(text: &str) -> Vec<String> {
    text.split_inclusive(' ').map(str::to_string).collect()
}

/// A finished widget as one `thread.item.done` (the SDK's `stream_widget` with a single root).
pub fn widget_done(
    thread_id: String,
    item_id: String,
    widget: WidgetRoot,
    copy_text: Option<String>,
) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemDone {
        item: ThreadItem::Widget(WidgetItem {
            id: item_id,
            thread_id,
            created_at: Timestamp::now(),
            widget,
            copy_text,
        }),
    }
}

/// Stream a widget through successive states: `added` with the first, the
/// [`diff_widget`] updates between consecutive states, `done` with the last.
pub fn widget_states<S>(
    thread_id: String,
    item_id: String,
    states: S,
    copy_text: Option<String>,
) -> EventStream
where
    S: Stream<Item = Result<WidgetRoot, HookError>> + Send + 'static,
{
    Box::pin(async_stream::try_stream! {
        futures::pin_mut!(states);
        let Some(first) = states.next().await else { return };
        let first = first?;
        let mut item = WidgetItem { id: item_id.clone(), thread_id, created_at: Timestamp::now(), widget: first, copy_text };
        yield ThreadStreamEvent::ThreadItemAdded { item: ThreadItem::Widget(item.clone()) };
        while let Some(next) = states.next().await {
            let next = next?;
            for update in diff_widget(&item.widget, &next).map_err(|e| HookError::Other(e.into()))? {
                yield updated(&item_id, update);
            }
            item.widget = next;
        }
        yield ThreadStreamEvent::ThreadItemDone { item: ThreadItem::Widget(item) };
    })
}

fn updated(item_id: &str, update: ThreadItemUpdate) -> ThreadStreamEvent {
    ThreadStreamEvent::ThreadItemUpdated {
        item_id: item_id.to_string(),
        update,
    }
}

/// Why two widget states cannot be streamed as updates.
#[derive(Debug, thiserror::Error)]
pub enum WidgetDiffError {
    #[error(
        "component {0} was not present when the widget was first rendered; components with an id must persist across updates"
    )]
    NewStreamingComponent(String),
    #[error(
        "component {0} got a value that does not extend the previous one; streamed text must only grow"
    )]
    NotAnAppend(String),
    #[error("a widget state could not be serialised: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// The SDK's `diff_widget`: the updates that turn `before` into `after`.
///
/// A whole-root replacement when anything but the growth of a streaming
/// text's value changed (type, id, key, any other prop, list lengths);
/// otherwise one `widget.streaming_text.value_delta` per `Text`/`Markdown`
/// with an `id` whose value grew (`done` unless it is still `streaming`).
/// Growth of text without an `id` produces no update (the final `done`
/// carries it), exactly as in the SDK.
pub fn diff_widget(
    before: &WidgetRoot,
    after: &WidgetRoot,
) -> Result<Vec<ThreadItemUpdate>, WidgetDiffError> {
    let before_json = serde_json::to_value(before)?;
    let after_json = serde_json::to_value(after)?;
    if needs_full_replace(&before_json, &after_json) {
        return Ok(vec![ThreadItemUpdate::WidgetRootUpdated {
            widget: after.clone(),
        }]);
    }
    let mut before_texts = Vec::new();
    collect_streaming_texts(&before_json, &mut before_texts);
    let before_texts: HashMap<&str, &Value> = before_texts.into_iter().collect();
    let mut after_texts = Vec::new();
    collect_streaming_texts(&after_json, &mut after_texts);

    let mut updates = Vec::new();
    for (id, node) in after_texts {
        let Some(before_node) = before_texts.get(id) else {
            return Err(WidgetDiffError::NewStreamingComponent(id.to_string()));
        };
        let old = text_value(before_node);
        let new = text_value(node);
        if old == new {
            continue;
        }
        let Some(delta) = new.strip_prefix(old) else {
            return Err(WidgetDiffError::NotAnAppend(id.to_string()));
        };
        let streaming = node
            .get("streaming")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        updates.push(ThreadItemUpdate::WidgetStreamingTextValueDelta {
            component_id: id.to_string(),
            delta: delta.to_string(),
            done: !streaming,
        });
    }
    Ok(updates)
}

fn is_streaming_text(node: &Value) -> bool {
    matches!(
        node.get("type").and_then(Value::as_str),
        Some("Text" | "Markdown")
    ) && node.get("value").is_some_and(Value::is_string)
}

fn text_value(node: &Value) -> &str {
    node.get("value")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// Whether `before` → `after` cannot be sent as text deltas. Absent keys and
/// nulls are the same thing (the JSON omits nulls).
fn needs_full_replace(before: &Value, after: &Value) -> bool {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return before != after;
    };
    for key in ["type", "id", "key"] {
        if b.get(key) != a.get(key) {
            return true;
        }
    }
    let both_text = is_streaming_text(before) && is_streaming_text(after);
    for key in b.keys().chain(a.keys()) {
        if both_text && key == "value" && text_value(after).starts_with(text_value(before)) {
            continue;
        }
        let (bv, av) = (
            b.get(key).unwrap_or(&Value::Null),
            a.get(key).unwrap_or(&Value::Null),
        );
        if value_needs_full_replace(bv, av) {
            return true;
        }
    }
    false
}

fn value_needs_full_replace(before: &Value, after: &Value) -> bool {
    match (before, after) {
        (Value::Array(b), Value::Array(a)) => {
            b.len() != a.len() || b.iter().zip(a).any(|(b, a)| value_needs_full_replace(b, a))
        }
        (Value::Object(_), Value::Object(_)) if before != after => {
            needs_full_replace(before, after)
        }
        _ => before != after,
    }
}

fn children(node: &Value) -> impl Iterator<Item = &Value> {
    let children = node.get("children");
    let list = children.and_then(Value::as_array).map(|v| v.iter());
    let single = children.filter(|c| c.is_object());
    list.into_iter().flatten().chain(single)
}

/// Every `Text`/`Markdown` with an id, in document order (through `children` only, as the SDK).
fn collect_streaming_texts<'a>(node: &'a Value, out: &mut Vec<(&'a str, &'a Value)>) {
    if is_streaming_text(node)
        && let Some(id) = node.get("id").and_then(Value::as_str)
    {
        out.push((id, node));
    }
    for child in children(node) {
        collect_streaming_texts(child, out);
    }
}
