//! The `Store` contract (the Python SDK's `tests/test_store.py`), checked
//! against the in-memory store the other conformance tests stand on, so that
//! what they observe is the driver and not a quirk of the fake. The real
//! SQLite and PostgreSQL stores are held to the same contract in the
//! product's own tests.

mod support;

use serde_json::json;

use chatkit::store::Order;
use chatkit::types::{Attachment, FileAttachment, ImageAttachment, ThreadItem, ThreadMetadata};
use chatkit::widgets::{Card, Text};
use chatkit::{ItemKind, Store, StoreError, Timestamp};

use support::*;

fn thread(id: &str) -> ThreadMetadata {
    let mut thread = ThreadMetadata::new(id, Timestamp::now());
    thread.title = Some("Test Thread".into());
    thread.metadata.insert("test".into(), json!("test"));
    thread
}

/// A user message, an assistant message and a widget, as `make_thread_items`.
fn three_items(thread_id: &str) -> Vec<ThreadItem> {
    vec![
        user_message(thread_id, "msg_100000", "Hello!"),
        assistant_message(thread_id, "msg_000001", "Hi there!"),
        widget_item(
            thread_id,
            "widget_1",
            Card::new(vec![Text::new("test").into()]),
        ),
    ]
}

/// A store holding `thread` with `count` user messages `msg0`, `msg1`, ...
async fn store_with_messages(count: usize) -> MemoryStore {
    let store = MemoryStore::new();
    let ctx = default_ctx();
    store
        .save_thread(&thread("test_thread"), &ctx)
        .await
        .unwrap();
    for i in 0..count {
        store
            .add_thread_item(
                "test_thread",
                &user_message("test_thread", &format!("msg{i}"), &i.to_string()),
                &ctx,
            )
            .await
            .unwrap();
    }
    store
}

fn ids(items: &[ThreadItem]) -> Vec<&str> {
    items.iter().map(ThreadItem::id).collect()
}

#[tokio::test]
async fn a_saved_thread_loads_with_its_title_and_metadata() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    let mut untitled = thread("untitled");
    untitled.title = None;
    for saved in [thread("test_thread"), untitled] {
        store.save_thread(&saved, &ctx).await.unwrap();
        assert_eq!(store.load_thread(&saved.id, &ctx).await.unwrap(), saved);
    }
}

#[tokio::test]
async fn saving_a_thread_again_overwrites_it() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    let mut saved = thread("test_thread");
    store.save_thread(&saved, &ctx).await.unwrap();
    saved.title = Some("Updated Title".into());
    store.save_thread(&saved, &ctx).await.unwrap();
    assert_eq!(
        store
            .load_thread("test_thread", &ctx)
            .await
            .unwrap()
            .title
            .as_deref(),
        Some("Updated Title")
    );
    let page = store
        .load_threads(10, None, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(page.data.len(), 1, "an upsert, not a second thread");
}

#[tokio::test]
async fn added_items_load_back_equal_and_in_order() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    store
        .save_thread(&thread("test_thread"), &ctx)
        .await
        .unwrap();
    let items = three_items("test_thread");
    for item in &items {
        store
            .add_thread_item("test_thread", item, &ctx)
            .await
            .unwrap();
    }
    let loaded = store
        .load_thread_items("test_thread", None, 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(loaded.data, items);
}

#[tokio::test]
async fn attachments_load_back_equal_metadata_included() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    let file = Attachment::File(FileAttachment {
        id: "file_1".into(),
        name: "test.txt".into(),
        mime_type: "text/plain".into(),
        upload_descriptor: None,
        thread_id: None,
        metadata: None,
    });
    let image = Attachment::Image(ImageAttachment {
        id: "image_1".into(),
        name: "test.png".into(),
        mime_type: "image/png".into(),
        upload_descriptor: None,
        thread_id: None,
        metadata: json!({"source": "test"}).as_object().cloned(),
        preview_url: "https://example.com/test.png".into(),
    });
    for attachment in [file, image] {
        store.save_attachment(&attachment, &ctx).await.unwrap();
        assert_eq!(
            store.load_attachment(attachment.id(), &ctx).await.unwrap(),
            attachment
        );
    }
}

#[tokio::test]
async fn threads_page_by_the_previous_pages_last_id() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    for id in ["thread1", "thread2", "thread3"] {
        store.save_thread(&thread(id), &ctx).await.unwrap();
    }
    let first = store.load_threads(2, None, Order::Asc, &ctx).await.unwrap();
    assert_eq!(
        first.data.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["thread1", "thread2"]
    );
    assert!(first.has_more);
    assert_eq!(first.after.as_deref(), Some("thread2"));

    let second = store
        .load_threads(2, first.after.as_deref(), Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(
        second
            .data
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["thread3"]
    );
    assert!(!second.has_more);
    assert_eq!(second.after, None);
}

#[tokio::test]
async fn items_come_oldest_first_in_asc_and_newest_first_in_desc() {
    let (store, ctx) = (store_with_messages(3).await, default_ctx());
    let asc = store
        .load_thread_items("test_thread", None, 3, Order::Asc, &ctx)
        .await
        .unwrap();
    let desc = store
        .load_thread_items("test_thread", None, 3, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&asc.data), ["msg0", "msg1", "msg2"]);
    assert_eq!(ids(&desc.data), ["msg2", "msg1", "msg0"]);
}

#[tokio::test]
async fn items_page_strictly_after_the_cursor() {
    let (store, ctx) = (store_with_messages(5).await, default_ctx());
    let after = store
        .load_thread_items("test_thread", Some("msg1"), 3, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&after.data), ["msg2", "msg3", "msg4"]);
    assert!(!after.has_more);
    assert_eq!(after.after, None);

    let limited = store
        .load_thread_items("test_thread", None, 2, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&limited.data), ["msg0", "msg1"]);
    assert!(limited.has_more);
    assert_eq!(limited.after.as_deref(), Some("msg1"));

    let newest = store
        .load_thread_items("test_thread", Some("msg3"), 10, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&newest.data), ["msg2", "msg1", "msg0"]);
}

#[tokio::test]
async fn saving_an_item_updates_it_in_place() {
    let (store, ctx) = (store_with_messages(2).await, default_ctx());
    let replacement = assistant_message("test_thread", "msg0", "This is an assistant message.");
    store
        .save_item("test_thread", &replacement, &ctx)
        .await
        .unwrap();
    assert_eq!(
        store.load_item("test_thread", "msg0", &ctx).await.unwrap(),
        replacement
    );
    let all = store
        .load_thread_items("test_thread", None, 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(
        ids(&all.data),
        ["msg0", "msg1"],
        "same position, no duplicate"
    );
}

#[tokio::test]
async fn a_missing_item_is_not_found() {
    let (store, ctx) = (store_with_messages(1).await, default_ctx());
    let missing = store.load_item("test_thread", "does_not_exist", &ctx).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

#[tokio::test]
async fn another_users_threads_and_items_do_not_exist() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    let other = Ctx::user("alternative_user");
    store
        .save_thread(&thread("shared_thread"), &ctx)
        .await
        .unwrap();
    for item in three_items("shared_thread") {
        store
            .add_thread_item("shared_thread", &item, &ctx)
            .await
            .unwrap();
    }

    assert!(store.load_thread("shared_thread", &ctx).await.is_ok());
    let thread = store.load_thread("shared_thread", &other).await;
    assert!(matches!(thread, Err(StoreError::NotFound(_))), "{thread:?}");
    let items = store
        .load_thread_items("shared_thread", None, 10, Order::Asc, &other)
        .await
        .unwrap();
    assert!(items.data.is_empty() && !items.has_more);
    let item = store.load_item("shared_thread", "msg_100000", &other).await;
    assert!(matches!(item, Err(StoreError::NotFound(_))), "{item:?}");
}

#[tokio::test]
async fn default_ids_use_the_sdk_prefixes() {
    let (store, ctx) = (MemoryStore::new(), default_ctx());
    assert!(is_generated_id(&store.generate_thread_id(&ctx), "thr"));
    for (kind, prefix) in [
        (ItemKind::Message, "msg"),
        (ItemKind::ToolCall, "tc"),
        (ItemKind::Task, "tsk"),
        (ItemKind::Workflow, "wf"),
        (ItemKind::Attachment, "atc"),
        (ItemKind::SdkHiddenContext, "shcx"),
    ] {
        let id = store.generate_item_id(kind, "thr_1", &ctx);
        assert!(is_generated_id(&id, prefix), "{id} for {kind:?}");
    }
}

#[tokio::test]
async fn overridden_id_generators_share_one_counter() {
    let (store, ctx) = (MemoryStore::with_counter_ids(), default_ctx());
    let first = store.generate_thread_id(&ctx);
    assert_eq!(first, "thr_custom_1");
    assert_eq!(
        store.generate_item_id(ItemKind::Message, &first, &ctx),
        "message_custom_2_thr_custom_1"
    );
    assert_eq!(
        store.generate_item_id(ItemKind::ToolCall, &first, &ctx),
        "tool_call_custom_3_thr_custom_1"
    );
    assert_eq!(
        store.generate_item_id(ItemKind::Task, &first, &ctx),
        "task_custom_4_thr_custom_1"
    );
    let second = store.generate_thread_id(&ctx);
    assert_eq!(second, "thr_custom_5");
    assert_eq!(
        store.generate_item_id(ItemKind::Message, &second, &ctx),
        "message_custom_6_thr_custom_5"
    );
}
