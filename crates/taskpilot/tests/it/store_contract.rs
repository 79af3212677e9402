//! The storage contract, run against whichever backend `TEST_DATABASE_URL`
//! selects (SQLite by default): the ChatKit half ports the Python SDK's
//! `tests/test_store.py` and adds what our [`chatkit::Store`] documents
//! (insertion order, cursors, upserts, deletes); the product half covers
//! [`AppStore`] (accounts, sessions, signing keys, tasks, feedback).

use chatkit::store::Order;
use chatkit::types::{Attachment, ThreadItem, ThreadMetadata};
use chatkit::{ItemKind, StoreError};
use chrono::{Duration, SubsecRound, TimeZone as _, Utc};
use serde_json::{Value, json};
use taskpilot::store::{
    Db, DbError, NewUser, Replacing, RequestContext, Session, SigningKey, Task, TaskFields,
    TaskPage, TaskQuery,
};

use crate::db::{TestDb, fresh_database_url};

/// A connected store on a fresh database (keep the guard alive).
async fn store() -> (Db, TestDb) {
    let (store, _url, db) = store_at().await;
    (store, db)
}

/// [`store`], with the database's URL for [`column`].
async fn store_at() -> (Db, String, TestDb) {
    let (url, db) = fresh_database_url().await;
    let store = taskpilot::store::connect(&url)
        .await
        .expect("connect and migrate");
    (store, url, db)
}

/// The first column of every row `sql` returns, read around the store: for
/// what its traits cannot show (the bytes stored, feedback rows).
async fn column(url: &str, sql: &'static str) -> Vec<String> {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("open SQLite");
        sqlx::query_scalar(sql)
            .fetch_all(&pool)
            .await
            .expect("query SQLite")
    } else {
        let pool = sqlx::PgPool::connect(url)
            .await
            .expect("connect to PostgreSQL");
        sqlx::query_scalar(sql)
            .fetch_all(&pool)
            .await
            .expect("query PostgreSQL")
    }
}

fn user(id: &str) -> RequestContext {
    RequestContext::for_user(id)
}

/// The SDK test's `make_thread`: titled, with server-side metadata.
fn thread(id: &str) -> ThreadMetadata {
    from_json(json!({
        "title": "Test Thread",
        "id": id,
        "created_at": "2025-01-02T03:04:05",
        "metadata": {"test": "test"},
    }))
}

/// Builds a wire type from its JSON, as a client would send it.
fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("valid wire JSON")
}

/// A user message `id` in `thread_id`, created at `second` past a fixed minute.
fn user_message(id: &str, thread_id: &str, second: u32) -> ThreadItem {
    from_json(json!({
        "id": id,
        "thread_id": thread_id,
        "created_at": format!("2025-01-02T03:04:{second:02}"),
        "type": "user_message",
        "content": [{"type": "input_text", "text": id}],
        "attachments": [],
        "inference_options": {},
    }))
}

/// User messages `<prefix><i>` for each `i` in `numbers`, one second apart.
fn numbered_messages(
    prefix: &str,
    thread_id: &str,
    numbers: impl IntoIterator<Item = u32>,
) -> Vec<ThreadItem> {
    numbers
        .into_iter()
        .map(|i| user_message(&format!("{prefix}{i}"), thread_id, i))
        .collect()
}

/// An assistant message saying `text`.
fn assistant_message(id: &str, thread_id: &str, text: Option<&str>) -> ThreadItem {
    let content: Vec<Value> = text
        .map(|text| json!({"annotations": [], "text": text, "type": "output_text"}))
        .into_iter()
        .collect();
    from_json(json!({
        "id": id,
        "thread_id": thread_id,
        "created_at": "2025-01-02T03:04:06",
        "type": "assistant_message",
        "content": content,
    }))
}

/// A widget item holding a small card.
fn widget(id: &str, thread_id: &str) -> ThreadItem {
    from_json(json!({
        "id": id,
        "thread_id": thread_id,
        "created_at": "2025-01-02T03:04:07",
        "type": "widget",
        "widget": {
            "type": "Card",
            "children": [{
                "type": "Col",
                "padding": {"x": 4, "y": 3},
                "border": {"bottom": 1},
                "children": [
                    {
                        "type": "Text",
                        "value": "Title",
                        "weight": "medium",
                        "size": "sm",
                        "color": "secondary",
                    },
                    {"type": "Text", "value": "test"},
                ],
            }],
        },
    }))
}

/// The SDK test's `make_thread_items`: a user message with an attachment
/// (server-side metadata included), an assistant message and a widget.
fn mixed_items(thread_id: &str) -> Vec<ThreadItem> {
    let user_message = from_json(json!({
        "id": "msg_100000",
        "thread_id": thread_id,
        "created_at": "2025-01-02T03:04:05.123456",
        "type": "user_message",
        "content": [{"type": "input_text", "text": "Hello!"}],
        "attachments": [{
            "id": "file_1",
            "name": "test.txt",
            "mime_type": "text/plain",
            "type": "file",
            "metadata": {"source": "test"},
        }],
        "inference_options": {},
    }));
    vec![
        user_message,
        assistant_message("msg_000001", thread_id, Some("Hi there!")),
        widget("widget_1", thread_id),
    ]
}

/// The ids of all of `thread_id`'s items, oldest first.
async fn item_ids(store: &Db, thread_id: &str, ctx: &RequestContext) -> Vec<String> {
    let page = store
        .load_thread_items(thread_id, None, 100, Order::Asc, ctx)
        .await
        .expect("load_thread_items");
    page.data.iter().map(|item| item.id().to_string()).collect()
}

fn thread_ids(threads: &[ThreadMetadata]) -> Vec<&str> {
    threads.iter().map(|thread| thread.id.as_str()).collect()
}

fn ids<'a>(items: impl IntoIterator<Item = &'a ThreadItem>) -> Vec<&'a str> {
    items.into_iter().map(ThreadItem::id).collect()
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialize")
}

/// Saves `thread` for `ctx` and adds `items` to it, in order.
async fn thread_with(store: &Db, ctx: &RequestContext, thread_id: &str, items: &[ThreadItem]) {
    store
        .save_thread(&thread(thread_id), ctx)
        .await
        .expect("save_thread");
    for item in items {
        store
            .add_thread_item(thread_id, item, ctx)
            .await
            .expect("add_thread_item");
    }
}

fn is_not_found(result: Result<impl std::fmt::Debug, StoreError>, expected: &str) {
    match result {
        Err(StoreError::NotFound(what)) => assert_eq!(what, expected),
        other => panic!("expected NotFound({expected}), got {other:?}"),
    }
}

// ---- chatkit::Store: ported from the SDK's tests/test_store.py ----

#[tokio::test]
async fn saved_thread_metadata_loads_back() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let saved = thread("test_thread");
    store.save_thread(&saved, &ctx).await.unwrap();

    let loaded = store.load_thread("test_thread", &ctx).await.unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(to_json(&loaded), to_json(&saved), "stored byte for byte");
}

#[tokio::test]
async fn thread_with_null_title_loads_back() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let mut saved = thread("test_thread");
    saved.title = None;
    store.save_thread(&saved, &ctx).await.unwrap();

    let loaded = store.load_thread("test_thread", &ctx).await.unwrap();
    assert_eq!(loaded.title, None);
    assert_eq!(loaded.metadata, saved.metadata);
}

#[tokio::test]
async fn saving_a_thread_again_overwrites_its_metadata() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let mut saved = thread("test_thread");
    store.save_thread(&saved, &ctx).await.unwrap();
    saved.title = Some("Updated Title".into());
    store.save_thread(&saved, &ctx).await.unwrap();

    let loaded = store.load_thread("test_thread", &ctx).await.unwrap();
    assert_eq!(loaded.title.as_deref(), Some("Updated Title"));
}

#[tokio::test]
async fn added_items_load_back_equal_and_in_order() {
    let (store, url, _db) = store_at().await;
    let ctx = user("test_user");
    let items = mixed_items("test_thread");
    thread_with(&store, &ctx, "test_thread", &items).await;

    let page = store
        .load_thread_items("test_thread", None, 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(page.data, items);
    assert!(!page.has_more);
    assert_eq!(page.after, None);

    let stored = column(&url, "SELECT data FROM chatkit_items ORDER BY seq").await;
    assert_eq!(
        stored,
        items.iter().map(to_json).collect::<Vec<_>>(),
        "stored as the wire JSON"
    );
    assert_eq!(
        to_json(&page.data),
        to_json(&items),
        "loaded back byte for byte"
    );
}

#[tokio::test]
async fn file_and_image_attachments_load_back_with_metadata() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let file: Attachment = from_json(json!({
        "id": "file_1",
        "name": "test.txt",
        "mime_type": "text/plain",
        "type": "file",
    }));
    let image: Attachment = from_json(json!({
        "id": "image_1",
        "name": "test.png",
        "mime_type": "image/png",
        "metadata": {"source": "test"},
        "type": "image",
        "preview_url": "https://example.com/test.png",
    }));
    for attachment in [&file, &image] {
        store.save_attachment(attachment, &ctx).await.unwrap();
        let loaded = store.load_attachment(attachment.id(), &ctx).await.unwrap();
        assert_eq!(&loaded, attachment);
        assert_eq!(to_json(&loaded), to_json(attachment));
    }
}

#[tokio::test]
async fn threads_page_forward_with_the_last_id_as_cursor() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    for id in ["thread1", "thread2", "thread3"] {
        store.save_thread(&thread(id), &ctx).await.unwrap();
    }

    let first = store.load_threads(2, None, Order::Asc, &ctx).await.unwrap();
    assert_eq!(thread_ids(&first.data), ["thread1", "thread2"]);
    assert!(first.has_more);
    assert_eq!(first.after.as_deref(), Some("thread2"));

    let second = store
        .load_threads(2, first.after.as_deref(), Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(thread_ids(&second.data), ["thread3"]);
    assert!(!second.has_more);
    assert_eq!(second.after, None);
}

#[tokio::test]
async fn items_come_oldest_first_ascending_and_newest_first_descending() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let items = numbered_messages("msg", "test_thread", 1..=3);
    thread_with(&store, &ctx, "test_thread", &items).await;

    let asc = store
        .load_thread_items("test_thread", None, 3, Order::Asc, &ctx)
        .await
        .unwrap();
    let desc = store
        .load_thread_items("test_thread", None, 3, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&asc.data), ["msg1", "msg2", "msg3"]);
    assert_eq!(ids(&desc.data), ["msg3", "msg2", "msg1"]);
}

#[tokio::test]
async fn items_page_strictly_after_the_cursor() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let items = numbered_messages("msg", "test_thread", 0..5);
    thread_with(&store, &ctx, "test_thread", &items).await;

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
}

#[tokio::test]
async fn save_item_replaces_content_in_place() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let empty = assistant_message("msg_000001", "test_thread", None);
    let widget = widget("widget_1", "test_thread");
    thread_with(&store, &ctx, "test_thread", &[empty, widget.clone()]).await;

    let filled = assistant_message(
        "msg_000001",
        "test_thread",
        Some("This is an assistant message."),
    );
    store.save_item("test_thread", &filled, &ctx).await.unwrap();
    assert_eq!(
        store
            .load_item("test_thread", "msg_000001", &ctx)
            .await
            .unwrap(),
        filled
    );
    store.save_item("test_thread", &widget, &ctx).await.unwrap();
    assert_eq!(
        store
            .load_item("test_thread", "widget_1", &ctx)
            .await
            .unwrap(),
        widget
    );

    let page = store
        .load_thread_items("test_thread", None, 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(
        ids(&page.data),
        ["msg_000001", "widget_1"],
        "saving keeps each item's place"
    );
}

#[tokio::test]
async fn loading_a_missing_item_is_not_found() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    thread_with(&store, &ctx, "test_thread", &[]).await;

    is_not_found(
        store.load_item("test_thread", "does_not_exist", &ctx).await,
        "Item does_not_exist",
    );
}

#[tokio::test]
async fn another_users_thread_is_not_found() {
    let (store, _db) = store().await;
    store
        .save_thread(&thread("user1_thread"), &user("test_user"))
        .await
        .unwrap();

    assert!(
        store
            .load_thread("user1_thread", &user("test_user"))
            .await
            .is_ok()
    );
    is_not_found(
        store
            .load_thread("user1_thread", &user("alternative_user"))
            .await,
        "Thread user1_thread",
    );
}

#[tokio::test]
async fn another_users_items_are_invisible() {
    let (store, _db) = store().await;
    let (owner, other) = (user("test_user"), user("alternative_user"));
    let items = mixed_items("shared_thread");
    thread_with(&store, &owner, "shared_thread", &items).await;

    let mine = store
        .load_thread_items("shared_thread", None, 10, Order::Asc, &owner)
        .await
        .unwrap();
    assert_eq!(mine.data, items);
    let theirs = store
        .load_thread_items("shared_thread", None, 10, Order::Asc, &other)
        .await
        .unwrap();
    assert!(theirs.data.is_empty());
    assert!(!theirs.has_more);
    is_not_found(
        store
            .load_item("shared_thread", items[0].id(), &other)
            .await,
        "Item msg_100000",
    );
}

#[tokio::test]
async fn default_ids_use_the_sdk_prefixes() {
    let (store, _db) = store().await;
    let ctx = user("test_user");
    let thread_id = store.generate_thread_id(&ctx);
    assert!(thread_id.starts_with("thr_"), "{thread_id}");
    for (kind, prefix) in [
        (ItemKind::Message, "msg_"),
        (ItemKind::ToolCall, "tc_"),
        (ItemKind::Task, "tsk_"),
        (ItemKind::Workflow, "wf_"),
    ] {
        let id = store.generate_item_id(kind, &thread_id, &ctx);
        assert!(id.starts_with(prefix), "{id}");
    }
}

// ---- chatkit::Store: what our contract adds ----

#[tokio::test]
async fn items_keep_insertion_order_whatever_their_timestamps() {
    let (store, _db) = store().await;
    let ctx = user("u");
    // Equal and decreasing `created_at`: a created_at sort would tie or reverse these.
    let items = [
        user_message("b", "t", 9),
        user_message("a", "t", 9),
        user_message("c", "t", 1),
    ];
    thread_with(&store, &ctx, "t", &items).await;

    let asc = store
        .load_thread_items("t", None, 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&asc.data), ["b", "a", "c"]);
    let desc = store
        .load_thread_items("t", None, 10, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(ids(&desc.data), ["c", "a", "b"]);
}

#[tokio::test]
async fn paging_descending_walks_every_item_once() {
    let (store, _db) = store().await;
    let ctx = user("u");
    let items = numbered_messages("m", "t", 0..7);
    thread_with(&store, &ctx, "t", &items).await;

    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store
            .load_thread_items("t", after.as_deref(), 3, Order::Desc, &ctx)
            .await
            .unwrap();
        seen.extend(page.data.iter().map(|i| i.id().to_string()));
        assert_eq!(page.after.is_some(), page.has_more);
        if !page.has_more {
            break;
        }
        after = page.after;
    }
    assert_eq!(seen, ["m6", "m5", "m4", "m3", "m2", "m1", "m0"]);
}

#[tokio::test]
async fn a_page_exactly_filling_the_limit_has_no_more() {
    let (store, _db) = store().await;
    let ctx = user("u");
    let items = numbered_messages("m", "t", 0..3);
    thread_with(&store, &ctx, "t", &items).await;

    let page = store
        .load_thread_items("t", None, 3, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(page.data.len(), 3);
    assert!(!page.has_more);
    assert_eq!(page.after, None);
}

#[tokio::test]
async fn threads_page_newest_first_descending() {
    let (store, _db) = store().await;
    let ctx = user("u");
    for id in ["t1", "t2", "t3"] {
        store.save_thread(&thread(id), &ctx).await.unwrap();
    }
    // Another user's threads are not part of the list.
    store
        .save_thread(&thread("theirs"), &user("other"))
        .await
        .unwrap();
    // Updating a thread does not move it.
    store.save_thread(&thread("t1"), &ctx).await.unwrap();

    let first = store
        .load_threads(2, None, Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(thread_ids(&first.data), ["t3", "t2"]);
    assert_eq!(first.after.as_deref(), Some("t2"));
    let second = store
        .load_threads(2, Some("t2"), Order::Desc, &ctx)
        .await
        .unwrap();
    assert_eq!(thread_ids(&second.data), ["t1"]);
    assert!(!second.has_more);
}

#[tokio::test]
async fn an_unknown_cursor_is_not_found() {
    // The SDK's reference store raises NotFoundError for an unknown `after`;
    // so do we, rather than silently restarting from the first page.
    let (store, _db) = store().await;
    let ctx = user("u");
    thread_with(&store, &ctx, "t", &[user_message("m0", "t", 0)]).await;

    is_not_found(
        store
            .load_thread_items("t", Some("nope"), 10, Order::Asc, &ctx)
            .await,
        "Item nope",
    );
    is_not_found(
        store
            .load_threads(10, Some("nope"), Order::Desc, &ctx)
            .await,
        "Thread nope",
    );
    // Another user's id is unknown too.
    is_not_found(
        store
            .load_thread_items("t", Some("m0"), 10, Order::Asc, &user("other"))
            .await,
        "Item m0",
    );
}

#[tokio::test]
async fn adding_an_existing_item_id_fails_and_keeps_the_first() {
    let (store, _db) = store().await;
    let ctx = user("u");
    let first = user_message("m", "t", 0);
    thread_with(&store, &ctx, "t", std::slice::from_ref(&first)).await;

    let again = user_message("m", "t", 1);
    assert!(matches!(
        store.add_thread_item("t", &again, &ctx).await,
        Err(StoreError::Other(_))
    ));
    assert_eq!(store.load_item("t", "m", &ctx).await.unwrap(), first);
}

#[tokio::test]
async fn items_need_a_thread_of_the_same_user() {
    let (store, _db) = store().await;
    thread_with(&store, &user("owner"), "t", &[]).await;

    let message = user_message("m", "t", 0);
    for ctx in [user("u"), user("other")] {
        let missing = store.add_thread_item("missing", &message, &ctx).await;
        is_not_found(missing, "Thread missing");
    }
    is_not_found(
        store.add_thread_item("t", &message, &user("other")).await,
        "Thread t",
    );
    is_not_found(
        store.save_item("t", &message, &user("other")).await,
        "Thread t",
    );
}

#[tokio::test]
async fn save_item_appends_an_unknown_item() {
    let (store, _db) = store().await;
    let ctx = user("u");
    thread_with(&store, &ctx, "t", &[user_message("a", "t", 0)]).await;

    store
        .save_item("t", &user_message("b", "t", 1), &ctx)
        .await
        .unwrap();
    assert_eq!(item_ids(&store, "t", &ctx).await, ["a", "b"]);
}

#[tokio::test]
async fn hidden_items_are_stored_and_paged_like_any_other() {
    let (store, _db) = store().await;
    let ctx = user("u");
    let hidden: ThreadItem = from_json(json!({
        "id": "shcx_1",
        "thread_id": "t",
        "created_at": "2025-01-02T03:04:05",
        "type": "sdk_hidden_context",
        "content": "cancelled",
    }));
    thread_with(
        &store,
        &ctx,
        "t",
        &[
            user_message("a", "t", 0),
            hidden.clone(),
            user_message("b", "t", 2),
        ],
    )
    .await;

    let page = store
        .load_thread_items("t", Some("shcx_1"), 10, Order::Asc, &ctx)
        .await
        .unwrap();
    assert_eq!(
        ids(&page.data),
        ["b"],
        "a hidden item's id works as a cursor"
    );
    assert_eq!(store.load_item("t", "shcx_1", &ctx).await.unwrap(), hidden);
}

#[tokio::test]
async fn deleting_a_thread_deletes_its_items_only_for_its_owner() {
    let (store, _db) = store().await;
    let (owner, other) = (user("owner"), user("other"));
    thread_with(&store, &owner, "t", &[user_message("a", "t", 0)]).await;
    thread_with(&store, &owner, "keep", &[user_message("k", "keep", 0)]).await;

    store.delete_thread("t", &other).await.unwrap();
    assert!(
        store.load_thread("t", &owner).await.is_ok(),
        "another user cannot delete it"
    );

    store.delete_thread("t", &owner).await.unwrap();
    is_not_found(store.load_thread("t", &owner).await, "Thread t");
    is_not_found(store.load_item("t", "a", &owner).await, "Item a");
    assert!(item_ids(&store, "t", &owner).await.is_empty());
    assert_eq!(
        store.load_item("keep", "k", &owner).await.unwrap().id(),
        "k"
    );

    // The id can be used again, starting empty.
    thread_with(&store, &owner, "t", &[]).await;
    assert!(item_ids(&store, "t", &owner).await.is_empty());

    store
        .delete_thread("never_existed", &owner)
        .await
        .expect("deleting an unknown thread is fine");
}

#[tokio::test]
async fn deleting_an_item_removes_only_it() {
    let (store, _db) = store().await;
    let ctx = user("u");
    let items = numbered_messages("m", "t", 0..3);
    thread_with(&store, &ctx, "t", &items).await;

    store
        .delete_thread_item("t", "m1", &user("other"))
        .await
        .unwrap();
    store.delete_thread_item("t", "m1", &ctx).await.unwrap();
    store
        .delete_thread_item("t", "m1", &ctx)
        .await
        .expect("deleting an unknown item is fine");
    assert_eq!(item_ids(&store, "t", &ctx).await, ["m0", "m2"]);

    // A new item goes after the survivors, even after the newest was deleted.
    store.delete_thread_item("t", "m2", &ctx).await.unwrap();
    store
        .add_thread_item("t", &user_message("m3", "t", 3), &ctx)
        .await
        .unwrap();
    assert_eq!(item_ids(&store, "t", &ctx).await, ["m0", "m3"]);
}

#[tokio::test]
async fn attachments_are_upserted_scoped_and_deletable() {
    let (store, _db) = store().await;
    let (owner, other) = (user("owner"), user("other"));
    // As `attachments.create` makes it, then as linked to the thread it was sent in.
    let pending: Attachment = from_json(json!({
        "id": "atc_1",
        "name": "a.txt",
        "mime_type": "text/plain",
        "upload_descriptor": {"url": "https://up.example.com/", "method": "PUT", "headers": {}},
        "type": "file",
    }));
    let linked: Attachment = from_json(json!({
        "id": "atc_1",
        "name": "a.txt",
        "mime_type": "text/plain",
        "thread_id": "t",
        "type": "file",
    }));
    store.save_attachment(&pending, &owner).await.unwrap();
    store.save_attachment(&linked, &owner).await.unwrap();
    assert_eq!(
        store.load_attachment("atc_1", &owner).await.unwrap(),
        linked
    );
    is_not_found(
        store.load_attachment("atc_1", &other).await,
        "Attachment atc_1",
    );

    store.delete_attachment("atc_1", &other).await.unwrap();
    assert!(
        store.load_attachment("atc_1", &owner).await.is_ok(),
        "another user cannot delete it"
    );
    store.delete_attachment("atc_1", &owner).await.unwrap();
    is_not_found(
        store.load_attachment("atc_1", &owner).await,
        "Attachment atc_1",
    );
    store
        .delete_attachment("atc_1", &owner)
        .await
        .expect("deleting an unknown attachment is fine");
}

// ---- AppStore ----

fn new_user(id: &str, email: &str) -> NewUser {
    NewUser {
        id: id.to_string(),
        name: format!("User {id}"),
        email: email.to_string(),
        password_hash: format!("$argon2id$hash-of-{id}"),
    }
}

#[tokio::test]
async fn users_are_found_by_id_and_by_email_in_any_case() {
    let (store, _db) = store().await;
    let created = store
        .create_user(&new_user("u1", "Ada@Example.COM"))
        .await
        .unwrap();
    assert_eq!(created.email, "ada@example.com", "stored lower-cased");

    assert_eq!(store.find_user("u1").await.unwrap(), Some(created.clone()));
    let (found, hash) = store
        .find_user_by_email("ADA@example.com")
        .await
        .unwrap()
        .expect("found by email");
    assert_eq!(found, created);
    assert_eq!(hash, "$argon2id$hash-of-u1");
    assert_eq!(store.find_user("nobody").await.unwrap(), None);
    assert!(
        store
            .find_user_by_email("nobody@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_email_taken_in_another_case_is_a_conflict() {
    let (store, _db) = store().await;
    store
        .create_user(&new_user("u1", "ada@example.com"))
        .await
        .unwrap();

    let err = store
        .create_user(&new_user("u2", "ADA@example.com"))
        .await
        .unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
    assert_eq!(store.find_user("u2").await.unwrap(), None);
}

fn session(id: &str, user_id: &str, expires_in: Duration) -> Session {
    // Whole microseconds: both backends store that precision.
    let now = Utc::now().trunc_subsecs(6);
    Session {
        id: id.to_string(),
        token_hash: format!("hash-{id}"),
        user_id: user_id.to_string(),
        created_at: now,
        expires_at: now + expires_in,
    }
}

#[tokio::test]
async fn a_live_session_finds_its_user_until_deleted() {
    let (store, _db) = store().await;
    let user = store
        .create_user(&new_user("u1", "ada@example.com"))
        .await
        .unwrap();
    let live = session("s1", "u1", Duration::days(7));
    store.create_session(&live).await.unwrap();

    assert_eq!(
        store.find_session("hash-s1").await.unwrap(),
        Some((live, user))
    );
    store.delete_session("hash-s1").await.unwrap();
    assert_eq!(store.find_session("hash-s1").await.unwrap(), None);
    store
        .delete_session("hash-s1")
        .await
        .expect("deleting twice is fine");
}

#[tokio::test]
async fn an_expired_session_is_not_found() {
    let (store, _db) = store().await;
    store
        .create_user(&new_user("u1", "ada@example.com"))
        .await
        .unwrap();
    store
        .create_session(&session("old", "u1", Duration::seconds(-1)))
        .await
        .unwrap();

    assert_eq!(store.find_session("hash-old").await.unwrap(), None);
    assert_eq!(store.find_session("hash-unknown").await.unwrap(), None);
}

#[tokio::test]
async fn expired_sessions_are_purged_and_live_ones_kept() {
    let (store, _db) = store().await;
    store
        .create_user(&new_user("u1", "ada@example.com"))
        .await
        .unwrap();
    for (id, expires_in) in [("old1", -60), ("old2", -1), ("live", 3600)] {
        store
            .create_session(&session(id, "u1", Duration::seconds(expires_in)))
            .await
            .unwrap();
    }

    assert_eq!(store.delete_expired_sessions(Utc::now()).await.unwrap(), 2);
    assert!(store.find_session("hash-live").await.unwrap().is_some());
    assert_eq!(
        store.delete_expired_sessions(Utc::now()).await.unwrap(),
        0,
        "nothing left to purge"
    );
}

fn signing_key(kid: &str) -> SigningKey {
    SigningKey {
        kid: kid.to_string(),
        private_key_pem: format!("-----BEGIN PRIVATE KEY-----\n{kid}\n-----END PRIVATE KEY-----\n"),
        created_at: Utc::now().trunc_subsecs(6),
    }
}

#[tokio::test]
async fn the_first_signing_key_stays_in_use() {
    let (store, _db) = store().await;
    assert!(store.signing_keys().await.unwrap().is_empty());

    let first = signing_key("k1");
    assert_eq!(store.signing_key_or_insert(&first).await.unwrap(), first);
    assert_eq!(
        store
            .signing_key_or_insert(&signing_key("k2"))
            .await
            .unwrap(),
        first
    );
    assert_eq!(store.signing_keys().await.unwrap(), [first]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_together_agree_on_one_signing_key() {
    let (url, _db) = fresh_database_url().await;
    // Two instances sharing the database, each with its own pool.
    let a = taskpilot::store::connect(&url).await.unwrap();
    let b = taskpilot::store::connect(&url).await.unwrap();

    let candidates: Vec<_> = (0..8).map(|i| signing_key(&format!("k{i}"))).collect();
    let chosen = futures::future::join_all(candidates.iter().enumerate().map(|(i, candidate)| {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        async move { store.signing_key_or_insert(candidate).await.unwrap() }
    }))
    .await;

    assert!(chosen.iter().all(|key| key == &chosen[0]), "{chosen:?}");
    assert_eq!(a.signing_keys().await.unwrap(), [chosen[0].clone()]);
}

fn fields(title: &str) -> TaskFields {
    TaskFields {
        title: title.to_owned(),
        ..TaskFields::default()
    }
}

async fn create_task(store: &Db, user_id: &str, title: &str) -> Task {
    store
        .insert_task(user_id, &fields(title), Utc::now())
        .await
        .unwrap()
}

/// Marks the task done at its current version; `None` when the user has no
/// such task.
async fn complete_task(store: &Db, user_id: &str, task_id: i64) -> Option<Task> {
    let task = store.get_task(user_id, task_id).await.unwrap()?;
    let now = Utc::now();
    let done = TaskFields {
        completed: true,
        completed_at: Some(now),
        ..fields(&task.title)
    };
    let updated = store
        .update_task(
            user_id,
            task_id,
            Replacing {
                version: task.version,
                fields: &fields(&task.title),
            },
            &done,
            None,
            now,
        )
        .await
        .unwrap()
        .expect("nothing else changed it");
    Some(updated.task)
}

#[tokio::test]
async fn tasks_belong_to_their_user() {
    let (store, _db) = store().await;
    let first = create_task(&store, "alice", "Buy milk").await;
    let second = create_task(&store, "alice", "Call mum").await;
    let theirs = create_task(&store, "bob", "Bob's task").await;
    assert_eq!(first.title, "Buy milk");
    assert!(!first.completed);
    assert_eq!(first.completed_at, None);
    assert_eq!(first.version, 1);
    assert_eq!(first.created_at, first.updated_at);

    let page = store
        .list_tasks("alice", &TaskQuery::default())
        .await
        .unwrap();
    assert_eq!(page.tasks, [first.clone(), second], "oldest first");
    assert_eq!((page.total, page.has_more), (2, false));
    assert_eq!(
        store.get_task("alice", first.id).await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(store.get_task("alice", theirs.id).await.unwrap(), None);
    let stolen = store
        .update_task(
            "alice",
            theirs.id,
            Replacing {
                version: 1,
                fields: &fields("Bob's task"),
            },
            &fields("mine now"),
            None,
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(stolen, None);
    assert!(!store.delete_task("alice", theirs.id, None).await.unwrap());
    assert_eq!(
        store
            .get_task("bob", theirs.id)
            .await
            .unwrap()
            .unwrap()
            .title,
        "Bob's task",
        "bob's task untouched"
    );
    let carol = store
        .list_tasks("carol", &TaskQuery::default())
        .await
        .unwrap();
    assert_eq!(carol, TaskPage::default());
}

#[tokio::test]
async fn an_update_needs_the_current_version_and_bumps_it() {
    let (store, _db) = store().await;
    let task = create_task(&store, "alice", "Buy milk").await;
    let now = Utc::now();
    let renamed = store
        .update_task(
            "alice",
            task.id,
            Replacing {
                version: 1,
                fields: &fields("Buy milk"),
            },
            &fields("Buy oat milk"),
            None,
            now,
        )
        .await
        .unwrap()
        .expect("at version 1");
    assert_eq!(renamed.task.version, 2);
    assert_eq!(renamed.task.title, "Buy oat milk");
    assert_eq!(renamed.task.created_at, task.created_at);
    assert!(renamed.task.updated_at >= task.updated_at);

    let stale = store
        .update_task(
            "alice",
            task.id,
            Replacing {
                version: 1,
                fields: &fields("Buy milk"),
            },
            &fields("lost update"),
            None,
            now,
        )
        .await
        .unwrap();
    assert_eq!(stale, None, "version 1 is gone");
    assert!(!store.delete_task("alice", task.id, Some(1)).await.unwrap());
    assert!(store.delete_task("alice", task.id, Some(2)).await.unwrap());
    assert_eq!(store.get_task("alice", task.id).await.unwrap(), None);
}

#[tokio::test]
async fn tags_are_reused_case_insensitively_and_dropped_when_unused() {
    let (store, _db) = store().await;
    let now = Utc::now();
    let tagged = |title: &str, tags: &[&str]| TaskFields {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..fields(title)
    };
    let first = store
        .insert_task("alice", &tagged("a", &["Work", "home"]), now)
        .await
        .unwrap();
    assert_eq!(first.tags, ["home", "Work"], "sorted case-insensitively");
    let second = store
        .insert_task("alice", &tagged("b", &["WORK"]), now)
        .await
        .unwrap();
    assert_eq!(second.tags, ["Work"], "the first spelling is kept");
    store
        .insert_task("bob", &tagged("c", &["work"]), now)
        .await
        .unwrap();

    let names = |tags: Vec<taskpilot::store::TagUsage>| {
        tags.into_iter()
            .map(|t| (t.name, t.tasks))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(store.tags("alice").await.unwrap()),
        [("home".to_owned(), 1), ("Work".to_owned(), 2)]
    );
    assert_eq!(
        names(store.tags("bob").await.unwrap()),
        [("work".to_owned(), 1)]
    );

    let query = TaskQuery {
        tag_keys: vec!["work".into()],
        ..TaskQuery::default()
    };
    let page = store.list_tasks("alice", &query).await.unwrap();
    assert_eq!(page.total, 2);

    // Untag the first task: "home" has no task left and goes.
    store
        .update_task(
            "alice",
            first.id,
            Replacing {
                version: 1,
                fields: &fields("a"),
            },
            &tagged("a", &["work"]),
            None,
            now,
        )
        .await
        .unwrap()
        .expect("updated");
    assert_eq!(
        names(store.tags("alice").await.unwrap()),
        [("Work".to_owned(), 2)]
    );
    store.delete_task("alice", first.id, None).await.unwrap();
    store.delete_task("alice", second.id, None).await.unwrap();
    assert!(store.tags("alice").await.unwrap().is_empty());
    assert_eq!(
        names(store.tags("bob").await.unwrap()),
        [("work".to_owned(), 1)]
    );
}

#[tokio::test]
async fn an_update_can_create_the_next_occurrence_in_the_same_transaction() {
    let (store, _db) = store().await;
    let now = Utc::now();
    let daily = |due: &str| TaskFields {
        due_key: Some(due.to_owned()),
        recurrence: Some("FREQ=DAILY".into()),
        recurrence_start: Some("2026-11-24".into()),
        tags: vec!["chores".into()],
        ..fields("water plants")
    };
    let task = store
        .insert_task("alice", &daily("2026-11-24"), now)
        .await
        .unwrap();
    let done = TaskFields {
        completed: true,
        completed_at: Some(now),
        ..daily("2026-11-24")
    };
    let updated = store
        .update_task(
            "alice",
            task.id,
            Replacing {
                version: 1,
                fields: &daily("2026-11-24"),
            },
            &done,
            Some(&daily("2026-11-25")),
            now,
        )
        .await
        .unwrap()
        .expect("updated");
    let next = updated.next.expect("a next occurrence");
    assert_eq!(updated.task.next_occurrence_id, Some(next.id));
    assert_eq!(next.due_key.as_deref(), Some("2026-11-25"));
    assert_eq!(next.tags, ["chores"]);
    assert!(!next.completed);
    assert_eq!(
        store.get_task("alice", task.id).await.unwrap(),
        Some(updated.task),
        "what was returned is what is stored"
    );
}

#[tokio::test]
async fn a_new_time_zone_rekeys_timed_due_dates() {
    let (store, _db) = store().await;
    let at = Utc
        .with_ymd_and_hms(2026, 11, 24, 23, 30, 0)
        .single()
        .unwrap();
    let timed = TaskFields {
        due_key: Some("2026-11-24T23:30:00".into()),
        due_at: Some(at),
        ..fields("late call")
    };
    let task = store
        .insert_task("alice", &timed, Utc::now())
        .await
        .unwrap();
    let day_only = store
        .insert_task(
            "alice",
            &TaskFields {
                due_key: Some("2026-11-24".into()),
                ..fields("all day")
            },
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(store.time_zone("alice").await.unwrap(), None);
    let rekey = |at: chrono::DateTime<Utc>| format!("rekeyed {at}");
    store
        .set_time_zone("alice", "Europe/Berlin", &rekey, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        store.time_zone("alice").await.unwrap().as_deref(),
        Some("Europe/Berlin")
    );
    let task = store.get_task("alice", task.id).await.unwrap().unwrap();
    assert_eq!(task.due_key, Some(format!("rekeyed {at}")));
    assert_eq!(task.due_at, Some(at), "the instant stays");
    let day_only = store.get_task("alice", day_only.id).await.unwrap().unwrap();
    assert_eq!(
        day_only.due_key.as_deref(),
        Some("2026-11-24"),
        "a day has no zone"
    );
    assert_eq!(store.time_zone("bob").await.unwrap(), None);
}

#[tokio::test]
async fn feedback_is_upserted_and_goes_with_its_thread() {
    const FEEDBACK: &str = "SELECT item_id || ':' || kind FROM feedback ORDER BY item_id";
    let (store, url, _db) = store_at().await;
    let ctx = user("u");
    thread_with(
        &store,
        &ctx,
        "t",
        &[user_message("a", "t", 0), user_message("b", "t", 1)],
    )
    .await;
    let both = ["a".to_string(), "b".to_string()];

    store.record_feedback("u", "t", &both, true).await.unwrap();
    store
        .record_feedback("u", "t", &both[..1], false)
        .await
        .unwrap();
    store
        .record_feedback("u", "t", &[], true)
        .await
        .expect("no items is fine");
    assert_eq!(
        column(&url, FEEDBACK).await,
        ["a:negative", "b:positive"],
        "the latest verdict wins"
    );

    store.delete_thread("t", &ctx).await.unwrap();
    assert!(
        column(&url, FEEDBACK).await.is_empty(),
        "feedback goes with the thread"
    );
}

#[tokio::test]
async fn ping_answers() {
    let (store, _db) = store().await;
    store.ping().await.unwrap();
}

/// The totals of status-only listings come from counts kept by triggers:
/// they must follow every insert, completion, reopening and deletion.
#[tokio::test]
async fn status_totals_follow_every_change() {
    let (store, _db) = store().await;
    let totals = |store: Db| async move {
        let mut out = Vec::new();
        for completed in [None, Some(false), Some(true)] {
            let query = TaskQuery {
                completed,
                ..TaskQuery::default()
            };
            out.push(store.list_tasks("alice", &query).await.unwrap().total);
        }
        assert_eq!(out[0], out[1] + out[2], "open and done add up to all");
        out
    };
    assert_eq!(totals(store.clone()).await, [0, 0, 0]);
    let a = create_task(&store, "alice", "a").await;
    let b = create_task(&store, "alice", "b").await;
    create_task(&store, "bob", "not alice's").await;
    assert_eq!(totals(store.clone()).await, [2, 2, 0]);
    complete_task(&store, "alice", a.id).await.unwrap();
    assert_eq!(totals(store.clone()).await, [2, 1, 1]);
    // A write that leaves `completed` alone moves nothing.
    let a = store.get_task("alice", a.id).await.unwrap().unwrap();
    let renamed = TaskFields {
        completed: true,
        completed_at: a.completed_at,
        ..fields("a, renamed")
    };
    store
        .update_task(
            "alice",
            a.id,
            Replacing {
                version: a.version,
                fields: &fields("a"),
            },
            &renamed,
            None,
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("updated");
    assert_eq!(totals(store.clone()).await, [2, 1, 1]);
    // Reopen, then delete one of each.
    store
        .update_task(
            "alice",
            a.id,
            Replacing {
                version: a.version + 1,
                fields: &renamed,
            },
            &fields("a"),
            None,
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("reopened");
    assert_eq!(totals(store.clone()).await, [2, 2, 0]);
    complete_task(&store, "alice", b.id).await.unwrap();
    store.delete_task("alice", b.id, None).await.unwrap();
    assert_eq!(totals(store.clone()).await, [1, 1, 0]);
    store.delete_task("alice", a.id, None).await.unwrap();
    assert_eq!(totals(store.clone()).await, [0, 0, 0]);
}

/// Run `sql` around the store (to set up what only an older version wrote).
async fn execute(url: &str, sql: &'static str) {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("open SQLite");
        sqlx::query(sql)
            .execute(&pool)
            .await
            .expect("run on SQLite");
    } else {
        let pool = sqlx::PgPool::connect(url)
            .await
            .expect("connect to PostgreSQL");
        sqlx::query(sql)
            .execute(&pool)
            .await
            .expect("run on PostgreSQL");
    }
}

/// The titles `q` finds among `user_id`'s tasks, and the total.
async fn search(store: &Db, user_id: &str, q: &str) -> (Vec<String>, u64) {
    let query = TaskQuery {
        search: Some(q.to_lowercase()),
        ..TaskQuery::default()
    };
    let page = store.list_tasks(user_id, &query).await.unwrap();
    (
        page.tasks.into_iter().map(|task| task.title).collect(),
        page.total,
    )
}

#[tokio::test]
async fn searched_words_follow_every_write() {
    let (store, url, _db) = store_at().await;
    let now = Utc::now();
    let milk = TaskFields {
        description: Some("From the farm-shop".into()),
        ..fields("Buy oat milk")
    };
    let task = store.insert_task("alice", &milk, now).await.unwrap();
    store
        .insert_task("bob", &fields("oat bars"), now)
        .await
        .unwrap();
    assert_eq!(
        search(&store, "alice", "oat").await,
        (vec!["Buy oat milk".into()], 1)
    );
    assert_eq!(search(&store, "alice", "SHOP fa").await.1, 1);
    assert_eq!(search(&store, "alice", "bars").await.1, 0, "bob's words");

    let rice = TaskFields {
        description: None,
        ..fields("Buy rice")
    };
    store
        .update_task(
            "alice",
            task.id,
            Replacing {
                version: 1,
                fields: &milk,
            },
            &rice,
            None,
            now,
        )
        .await
        .unwrap()
        .expect("updated");
    assert_eq!(search(&store, "alice", "oat").await.1, 0, "old words go");
    assert_eq!(search(&store, "alice", "ric").await.1, 1);
    assert_eq!(
        column(
            &url,
            "SELECT word FROM task_words WHERE user_id = 'alice' ORDER BY word"
        )
        .await,
        ["buy", "rice"]
    );

    assert!(store.delete_task("alice", task.id, None).await.unwrap());
    assert!(
        column(&url, "SELECT word FROM task_words WHERE user_id = 'alice'")
            .await
            .is_empty()
    );
    assert_eq!(search(&store, "bob", "oat").await.1, 1);
}

#[tokio::test]
async fn the_words_of_tasks_from_before_the_index_are_indexed_at_start_up() {
    let (store, url, _db) = store_at().await;
    let now = Utc::now();
    for title in ["Call the plumber", "Plumb the depths", "Water plants"] {
        store
            .insert_task("alice", &fields(title), now)
            .await
            .unwrap();
    }
    // What the migration leaves for a database with tasks and no words.
    execute(&url, "DELETE FROM task_words").await;
    execute(
        &url,
        "INSERT INTO pending_jobs (name) VALUES ('task_words')",
    )
    .await;
    assert_eq!(search(&store, "alice", "plumb").await.1, 0);

    let restarted = taskpilot::store::connect(&url).await.expect("reconnect");
    let (mut found, total) = search(&restarted, "alice", "plumb").await;
    found.sort();
    assert_eq!(found, ["Call the plumber", "Plumb the depths"]);
    assert_eq!(total, 2);
    assert!(
        column(&url, "SELECT name FROM pending_jobs")
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_tag_listing_counts_with_and_without_a_status() {
    let (store, _db) = store().await;
    let now = Utc::now();
    let tagged = |title: &str| TaskFields {
        tags: vec!["Home".into()],
        ..fields(title)
    };
    let mut ids = Vec::new();
    for title in ["a", "b", "c"] {
        ids.push(
            store
                .insert_task("alice", &tagged(title), now)
                .await
                .unwrap()
                .id,
        );
    }
    store
        .insert_task("alice", &fields("untagged"), now)
        .await
        .unwrap();
    let done = TaskFields {
        completed: true,
        completed_at: Some(now),
        ..tagged("a")
    };
    store
        .update_task(
            "alice",
            ids[0],
            Replacing {
                version: 1,
                fields: &tagged("a"),
            },
            &done,
            None,
            now,
        )
        .await
        .unwrap()
        .expect("completed");
    store.delete_task("alice", ids[2], None).await.unwrap();

    let listed = |completed: Option<bool>| {
        let store = store.clone();
        async move {
            let query = TaskQuery {
                completed,
                tag_keys: vec!["home".into(), "home".into()],
                ..TaskQuery::default()
            };
            let page = store.list_tasks("alice", &query).await.unwrap();
            let titles: Vec<String> = page.tasks.into_iter().map(|t| t.title).collect();
            (titles, page.total)
        }
    };
    assert_eq!(listed(None).await, (vec!["a".into(), "b".into()], 2));
    assert_eq!(listed(Some(false)).await, (vec!["b".into()], 1));
    assert_eq!(listed(Some(true)).await, (vec!["a".into()], 1));
}

#[tokio::test]
async fn recent_widget_items_are_the_threads_widgets_newest_first() {
    let (store, _db) = store().await;
    let alice = user("alice");
    thread_with(
        &store,
        &alice,
        "t",
        &[
            widget("w1", "t"),
            user_message("m", "t", 1),
            widget("w2", "t"),
            widget("w3", "t"),
        ],
    )
    .await;
    thread_with(&store, &user("bob"), "b", &[widget("bw", "b")]).await;
    let ids = |rows: Vec<String>| -> Vec<String> {
        rows.iter()
            .map(|json| {
                serde_json::from_str::<Value>(json).unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let rows = store.recent_widget_items("alice", "t", 10).await.unwrap();
    assert_eq!(ids(rows), ["w3", "w2", "w1"], "widgets only, newest first");
    let rows = store.recent_widget_items("alice", "t", 2).await.unwrap();
    assert_eq!(ids(rows), ["w3", "w2"]);
    assert!(
        store
            .recent_widget_items("alice", "b", 10)
            .await
            .unwrap()
            .is_empty(),
        "another user's thread shows nothing"
    );
    let stored: ThreadItem =
        serde_json::from_str(&store.recent_widget_items("alice", "t", 1).await.unwrap()[0])
            .unwrap();
    assert_eq!(
        stored,
        widget("w3", "t"),
        "the JSON decodes to the item saved"
    );
}
