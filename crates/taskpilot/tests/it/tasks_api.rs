//! The task REST API over HTTP: creating, reading, changing and deleting a
//! task, validation, `If-Match`, who may see what, the course's
//! `/api/{user_id}/tasks` contract, settings, time zones and the document.
//! Listing is in `tasks_listing`, repeating tasks in `tasks_recurrence`.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// An RFC 3339 timestamp, keeping its offset.
fn with_offset(value: &Value) -> DateTime<FixedOffset> {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a timestamp: {value}"));
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("RFC 3339 ({e}): {text}"))
}

// ---------------------------------------------------------------- create and read

#[tokio::test]
async fn create_answers_201_with_the_task_its_etag_and_location() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let before = Utc::now() - Duration::seconds(1);

    let reply = app
        .call(
            &alice,
            Method::POST,
            "/api/tasks",
            Some(json!({
                "title": "File the tax return",
                "description": "Forms are in the blue folder",
                "priority": "high",
                "tags": ["paperwork", "Home"],
                "due": "2030-04-30",
                "remind_at": "2030-04-29T18:00:00Z",
            })),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(reply.header("etag"), Some("\"1\""));
    let task = reply.body.clone();
    let id = id_of(&task);
    assert!(id > 0);
    assert_eq!(
        reply.header("location"),
        Some(format!("/api/tasks/{id}").as_str())
    );
    assert_eq!(task["user_id"], alice.user_id());
    assert_eq!(task["title"], "File the tax return");
    assert_eq!(task["description"], "Forms are in the blue folder");
    assert_eq!(task["completed"], false);
    assert_eq!(task["completed_at"], Value::Null);
    assert_eq!(task["priority"], "high");
    assert_eq!(task["tags"], json!(["Home", "paperwork"]));
    assert_eq!(task["due"], "2030-04-30");
    assert_eq!(task["due_date"], "2030-04-30");
    assert_eq!(
        task["due_at"],
        Value::Null,
        "a whole-day due has no instant"
    );
    assert_eq!(task["overdue"], false);
    assert_eq!(
        instant(&task["remind_at"]),
        "2030-04-29T18:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(task["recurrence"], Value::Null);
    assert_eq!(task["recurrence_text"], Value::Null);
    assert_eq!(task["next_occurrence_id"], Value::Null);
    assert_eq!(task["version"], 1);
    let created = instant(&task["created_at"]);
    assert!(
        created >= before && created <= Utc::now() + Duration::seconds(1),
        "{created}"
    );
    assert_eq!(task["updated_at"], task["created_at"]);

    // GET answers the same task, with the same ETag.
    let got = app
        .call(&alice, Method::GET, &format!("/api/tasks/{id}"), None)
        .await;
    assert_eq!(got.header("etag"), Some("\"1\""));
    assert_eq!(got.expect(StatusCode::OK), task);
}

#[tokio::test]
async fn a_task_with_only_a_title_gets_the_defaults() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "Call mum"})).await;
    for (field, expected) in [
        ("title", json!("Call mum")),
        ("description", Value::Null),
        ("completed", json!(false)),
        ("completed_at", Value::Null),
        ("priority", json!("none")),
        ("tags", json!([])),
        ("due", Value::Null),
        ("due_date", Value::Null),
        ("due_at", Value::Null),
        ("overdue", json!(false)),
        ("remind_at", Value::Null),
        ("recurrence", Value::Null),
        ("recurrence_text", Value::Null),
        ("next_occurrence_id", Value::Null),
        ("version", json!(1)),
    ] {
        assert_eq!(task[field], expected, "{field} in {task}");
    }
}

#[tokio::test]
async fn create_can_start_a_task_completed() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(&alice, json!({"title": "Already done", "completed": true}))
        .await;
    assert_eq!(task["completed"], true);
    let completed_at = instant(&task["completed_at"]);
    assert!((Utc::now() - completed_at).num_seconds().abs() < 60);
}

#[tokio::test]
async fn fields_are_normalised_on_the_way_in() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({
                "title": "  buy \t  oat\n milk  ",
                "description": "",
                "priority": "URGENT",
                "tags": ["#Work", "zeta", "work", "alpha", "ZETA"],
                "recurrence": "rrule:freq=weekly;byday=mo",
            }),
        )
        .await;
    assert_eq!(
        task["title"], "buy oat milk",
        "trimmed, whitespace collapsed"
    );
    assert_eq!(
        task["description"],
        Value::Null,
        "an empty description is none"
    );
    assert_eq!(task["priority"], "urgent");
    assert_eq!(
        task["tags"],
        json!(["alpha", "Work", "zeta"]),
        "'#' stripped, de-duplicated keeping the first spelling, sorted case-insensitively"
    );
    assert_eq!(task["recurrence"], "FREQ=WEEKLY;BYDAY=MO");
    assert_eq!(task["recurrence_text"], "every week on Monday");
}

#[tokio::test]
async fn lengths_are_counted_in_characters_up_to_the_limits() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let title = "é".repeat(200);
    let description = "ü".repeat(1000);
    let long_tag = "ß".repeat(32);
    let mut tags: Vec<String> = (1..20).map(|i| format!("tag{i:02}")).collect();
    tags.push(long_tag.clone());
    let task = app
        .create_task(
            &alice,
            json!({"title": title, "description": description, "tags": tags}),
        )
        .await;
    assert_eq!(task["title"], title.as_str());
    assert_eq!(task["description"], description.as_str());
    assert_eq!(task["tags"].as_array().map(Vec::len), Some(20));
    assert!(task["tags"].as_array().unwrap().contains(&json!(long_tag)));
}

#[tokio::test]
async fn tags_are_per_user_and_reused_case_insensitively() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;

    let first = app
        .create_task(&alice, json!({"title": "one", "tags": ["Work"]}))
        .await;
    let second = app
        .create_task(&alice, json!({"title": "two", "tags": ["WORK", "errand"]}))
        .await;
    assert_eq!(first["tags"], json!(["Work"]));
    assert_eq!(
        second["tags"],
        json!(["errand", "Work"]),
        "the first-used spelling"
    );
    let bobs = app
        .create_task(&bob, json!({"title": "bob's", "tags": ["WORK"]}))
        .await;
    assert_eq!(bobs["tags"], json!(["WORK"]), "Bob's tags are his own");

    let tags = app
        .call(&alice, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        tags,
        json!([{"name": "errand", "tasks": 1}, {"name": "Work", "tasks": 2}])
    );
    let tags = app
        .call(&bob, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(tags, json!([{"name": "WORK", "tasks": 1}]));
}

#[tokio::test]
async fn ids_that_are_not_positive_numbers_or_not_there_are_404() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "real"})).await;
    let missing = id_of(&task) + 1000;
    for id in [
        "abc".to_string(),
        "0".into(),
        "-1".into(),
        "1.5".into(),
        "99999999999999999999".into(),
        missing.to_string(),
    ] {
        app.call(&alice, Method::GET, &format!("/api/tasks/{id}"), None)
            .await
            .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
    }
}

// ---------------------------------------------------------------- validation

#[tokio::test]
async fn every_invalid_field_is_a_422_naming_it() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let twenty_one: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    let cases: Vec<(Value, &str)> = vec![
        (json!({}), "title"),
        (json!({"title": ""}), "title"),
        (json!({"title": "  \t "}), "title"),
        (json!({"title": "x".repeat(201)}), "title"),
        (json!({"title": 5}), "title"),
        (json!({"title": null}), "title"),
        (
            json!({"title": "ok", "description": "x".repeat(1001)}),
            "description",
        ),
        (json!({"title": "ok", "description": 7}), "description"),
        (json!({"title": "ok", "completed": "yes"}), "completed"),
        (json!({"title": "ok", "priority": "critical"}), "priority"),
        (json!({"title": "ok", "priority": 3}), "priority"),
        (json!({"title": "ok", "priority": ""}), "priority"),
        (json!({"title": "ok", "tags": "work"}), "tags"),
        (json!({"title": "ok", "tags": [""]}), "tags"),
        (json!({"title": "ok", "tags": ["#"]}), "tags"),
        (json!({"title": "ok", "tags": ["x".repeat(33)]}), "tags"),
        (json!({"title": "ok", "tags": ["a,b"]}), "tags"),
        (json!({"title": "ok", "tags": [1]}), "tags"),
        (json!({"title": "ok", "tags": twenty_one}), "tags"),
        (json!({"title": "ok", "due": "tomorrow"}), "due"),
        (json!({"title": "ok", "due": "2030-13-01"}), "due"),
        (json!({"title": "ok", "due": "2030-02-30"}), "due"),
        (json!({"title": "ok", "due": "2030-01-01T25:00"}), "due"),
        (json!({"title": "ok", "due": 20300101}), "due"),
        (
            json!({"title": "ok", "remind_at": "2030-01-01"}),
            "remind_at",
        ),
        (json!({"title": "ok", "remind_at": "soon"}), "remind_at"),
        (
            json!({"title": "ok", "recurrence": "garbage"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=HOURLY"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "INTERVAL=2"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=DAILY;COUNT=3;UNTIL=20300101"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=DAILY;COUNT=0"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=DAILY;INTERVAL=0"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=WEEKLY;BYDAY=XX"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=32"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=YEARLY;BYMONTH=13"}),
            "recurrence",
        ),
        (
            json!({"title": "ok", "recurrence": "FREQ=DAILY;BYHOUR=9"}),
            "recurrence",
        ),
        (json!({"title": "ok", "colour": "red"}), "body"),
        (json!(["title", "ok"]), "body"),
    ];
    let mut wrong = Vec::new();
    for (body, field) in cases {
        let reply = app
            .call(&alice, Method::POST, "/api/tasks", Some(body.clone()))
            .await;
        if let Some(got) = reply.refusal_mismatch(field) {
            wrong.push(format!(
                "POST {body}\n  expected 422 naming `{field}`, got {got}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The unknown field is named.
    let reply = app
        .call(
            &alice,
            Method::POST,
            "/api/tasks",
            Some(json!({"title": "ok", "colour": "red"})),
        )
        .await;
    let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
    assert!(
        fields["body"]
            .as_str()
            .unwrap_or_default()
            .contains("colour"),
        "{}",
        reply.body
    );

    // Nothing was created along the way.
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["total"], 0, "{page}");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_400() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "t"})).await;
    let id = id_of(&task);
    for (method, path) in [
        (Method::POST, "/api/tasks".to_string()),
        (Method::PUT, format!("/api/tasks/{id}")),
        (Method::PATCH, format!("/api/tasks/{id}")),
        (Method::PATCH, format!("/api/tasks/{id}/complete")),
        (Method::PATCH, "/api/settings".to_string()),
    ] {
        for body in ["not json", "{", "{\"", "[1, "] {
            let request = app
                .request(method.clone(), &path, Some(&alice))
                .header("content-type", "application/json")
                .body(body);
            let reply = app.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{method} {path} {body:?}: {}",
                reply.body
            );
            reply.expect_error(StatusCode::BAD_REQUEST, "BAD_REQUEST");
        }
    }
    // JSON followed by more is not JSON either.
    for (method, path) in [
        (Method::POST, "/api/tasks".to_string()),
        (Method::PATCH, format!("/api/tasks/{id}")),
    ] {
        let request = app
            .request(method.clone(), &path, Some(&alice))
            .header("content-type", "application/json")
            .body(r#"{"title": "a"} {"title": "b"}"#);
        app.send(request)
            .await
            .expect_error(StatusCode::BAD_REQUEST, "BAD_REQUEST");
    }
    // A JSON body needs the JSON content type.
    let request = app
        .request(Method::POST, "/api/tasks", Some(&alice))
        .header("content-type", "text/plain")
        .body(r#"{"title": "typed"}"#);
    app.send(request)
        .await
        .expect_error(StatusCode::BAD_REQUEST, "BAD_REQUEST");
    assert_eq!(app.get_task(&alice, id).await, task, "nothing changed");
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["total"], 1, "nothing was created");
}

#[tokio::test]
async fn invalid_changes_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({"title": "keep me", "tags": ["a"], "due": "2030-01-01"}),
        )
        .await;
    let id = id_of(&task);
    let path = format!("/api/tasks/{id}");
    let mut wrong = Vec::new();
    let mut check = |what: String, reply: Reply, field: &str| {
        if let Some(got) = reply.refusal_mismatch(field) {
            wrong.push(format!(
                "{what}\n  expected 422 naming `{field}`, got {got}"
            ));
        }
    };
    for (body, field) in [
        (json!({"title": ""}), "title"),
        (json!({"description": "x".repeat(1001)}), "description"),
        (json!({"priority": "soon"}), "priority"),
        (json!({"tags": ["x".repeat(33)]}), "tags"),
        (json!({"due": "someday"}), "due"),
        (json!({"remind_at": "2030-01-01"}), "remind_at"),
        (json!({"recurrence": "FREQ=SECONDLY"}), "recurrence"),
        (json!({"completed": 1}), "completed"),
        (json!({"version": 7}), "body"),
    ] {
        let reply = app
            .call(&alice, Method::PATCH, &path, Some(body.clone()))
            .await;
        check(format!("PATCH {body}"), reply, field);
    }
    // PUT needs a title, and validates like POST.
    for (body, field) in [
        (json!({"priority": "low"}), "title"),
        (json!({"title": "x".repeat(201)}), "title"),
        (json!({"title": "ok", "due": "31/12/2030"}), "due"),
    ] {
        let reply = app
            .call(&alice, Method::PUT, &path, Some(body.clone()))
            .await;
        check(format!("PUT {body}"), reply, field);
    }
    // `{"completed": …}` on /complete must be a boolean, and alone: any
    // other field is unknown there, reported under `body`.
    for (body, field) in [
        (json!({"completed": "yes"}), "completed"),
        (json!({"done": true}), "body"),
        (json!({"title": "x"}), "body"),
    ] {
        let reply = app
            .call(
                &alice,
                Method::PATCH,
                &format!("{path}/complete"),
                Some(body.clone()),
            )
            .await;
        check(format!("PATCH {path}/complete {body}"), reply, field);
    }
    // Likewise on /api/settings.
    let body = json!({"time_zone": "UTC", "due": "2030-01-01"});
    let reply = app
        .call(&alice, Method::PATCH, "/api/settings", Some(body.clone()))
        .await;
    check(format!("PATCH /api/settings {body}"), reply, "body");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(app.get_task(&alice, id).await, task, "nothing changed");
}

// ---------------------------------------------------------------- change

#[tokio::test]
async fn put_replaces_the_given_fields_and_keeps_the_absent_ones() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({
                "title": "draft",
                "description": "notes",
                "priority": "low",
                "tags": ["a", "b"],
                "due": "2030-05-01",
                "remind_at": "2030-04-30T09:00:00Z",
                "recurrence": "FREQ=MONTHLY",
            }),
        )
        .await;
    let id = id_of(&task);

    let reply = app
        .call(
            &alice,
            Method::PUT,
            &format!("/api/tasks/{id}"),
            Some(json!({"title": "final", "priority": "medium", "tags": ["c"]})),
        )
        .await;
    assert_eq!(reply.header("etag"), Some("\"2\""));
    let updated = reply.expect(StatusCode::OK);
    assert_eq!(updated["title"], "final");
    assert_eq!(updated["priority"], "medium");
    assert_eq!(updated["tags"], json!(["c"]));
    for kept in [
        "description",
        "due",
        "remind_at",
        "recurrence",
        "completed",
        "created_at",
    ] {
        assert_eq!(updated[kept], task[kept], "{kept} is kept");
    }
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["next_occurrence"], Value::Null);
    assert!(
        updated.as_object().unwrap().contains_key("next_occurrence"),
        "{updated}"
    );
    assert!(instant(&updated["updated_at"]) >= instant(&task["updated_at"]));

    let mut stored = app.get_task(&alice, id).await;
    stored
        .as_object_mut()
        .unwrap()
        .insert("next_occurrence".into(), Value::Null);
    assert_eq!(stored, updated, "GET agrees with the PUT's answer");
}

#[tokio::test]
async fn patch_changes_only_what_it_names_and_null_clears() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({
                "title": "water plants",
                "description": "the ferns too",
                "priority": "low",
                "tags": ["home"],
                "due": "2030-05-01T08:00:00Z",
                "remind_at": "2030-05-01T07:30:00Z",
                "recurrence": "FREQ=WEEKLY",
            }),
        )
        .await;
    let id = id_of(&task);
    let path = format!("/api/tasks/{id}");

    let reply = app
        .call(
            &alice,
            Method::PATCH,
            &path,
            Some(json!({"priority": "high"})),
        )
        .await;
    assert_eq!(reply.header("etag"), Some("\"2\""));
    let patched = reply.expect(StatusCode::OK);
    assert_eq!(patched["priority"], "high");
    assert_eq!(patched["version"], 2);
    assert_eq!(patched["next_occurrence"], Value::Null);
    for kept in [
        "title",
        "description",
        "tags",
        "due",
        "due_at",
        "remind_at",
        "recurrence",
    ] {
        assert_eq!(patched[kept], task[kept], "{kept} is kept");
    }

    let cleared = app
        .call(
            &alice,
            Method::PATCH,
            &path,
            Some(json!({"description": null, "due": null, "remind_at": null, "recurrence": null, "tags": []})),
        )
        .await
        .expect(StatusCode::OK);
    for field in [
        "description",
        "due",
        "due_date",
        "due_at",
        "remind_at",
        "recurrence",
        "recurrence_text",
    ] {
        assert_eq!(cleared[field], Value::Null, "{field} cleared: {cleared}");
    }
    assert_eq!(cleared["tags"], json!([]));
    assert_eq!(cleared["title"], "water plants");
    assert_eq!(cleared["priority"], "high");
    assert_eq!(cleared["version"], 3);

    let tags = app
        .call(&alice, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(tags, json!([]), "an unused tag disappears");
}

#[tokio::test]
async fn a_patch_that_changes_nothing_keeps_the_version() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({"title": "steady", "priority": "low", "tags": ["x"], "due": "2030-01-01"}),
        )
        .await;
    let path = format!("/api/tasks/{}", id_of(&task));
    for body in [
        json!({}),
        json!({"title": "steady", "priority": "low"}),
        json!({"due": "2030-01-01", "tags": ["x"]}),
        json!({"completed": false, "description": null}),
        // Tags are case-insensitive: "X" is the tag "x" the task has.
        json!({"tags": ["X"]}),
    ] {
        let reply = app
            .call(&alice, Method::PATCH, &path, Some(body.clone()))
            .await;
        assert_eq!(reply.header("etag"), Some("\"1\""), "{body}");
        let same = reply.expect(StatusCode::OK);
        assert_eq!(same["version"], 1, "{body} is a no-op: {same}");
        assert_eq!(same["updated_at"], task["updated_at"], "{body}");
    }
}

#[tokio::test]
async fn delete_answers_204_and_the_task_and_its_unused_tags_are_gone() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let doomed = app
        .create_task(
            &alice,
            json!({"title": "doomed", "tags": ["solo", "shared"]}),
        )
        .await;
    let kept = app
        .create_task(&alice, json!({"title": "kept", "tags": ["Shared"]}))
        .await;
    let path = format!("/api/tasks/{}", id_of(&doomed));

    let reply = app.call(&alice, Method::DELETE, &path, None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(reply.body, Value::Null, "no body");

    app.call(&alice, Method::GET, &path, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
    app.call(&alice, Method::DELETE, &path, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
    let tags = app
        .call(&alice, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        tags,
        json!([{"name": "shared", "tasks": 1}]),
        "`solo` is gone; `shared` keeps its first spelling"
    );
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(ids(&page["items"]), [id_of(&kept)]);
    assert_eq!(page["total"], 1);
}

#[tokio::test]
async fn complete_toggles_without_a_body_and_sets_with_one() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "laundry"})).await;
    let path = format!("/api/tasks/{}/complete", id_of(&task));
    let complete = |body: Option<Value>| app.call(&alice, Method::PATCH, &path, body);

    let reply = complete(None).await;
    assert_eq!(reply.header("etag"), Some("\"2\""));
    let done = reply.expect(StatusCode::OK);
    assert_eq!(done["completed"], true);
    assert_eq!(done["version"], 2);
    assert_eq!(done["next_occurrence"], Value::Null);
    let completed_at = instant(&done["completed_at"]);
    assert!((Utc::now() - completed_at).num_seconds().abs() < 60);

    let reopened = complete(None).await.expect(StatusCode::OK);
    assert_eq!(reopened["completed"], false);
    assert_eq!(reopened["completed_at"], Value::Null);
    assert_eq!(reopened["version"], 3);

    // Setting the state it already has changes nothing.
    let same = complete(Some(json!({"completed": false})))
        .await
        .expect(StatusCode::OK);
    assert_eq!(same["completed"], false);
    assert_eq!(same["version"], 3);

    let done = complete(Some(json!({"completed": true})))
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["completed"], true);
    assert_eq!(done["version"], 4);
    let again = complete(Some(json!({"completed": true})))
        .await
        .expect(StatusCode::OK);
    assert_eq!(again["completed"], true);
    assert_eq!(again["version"], 4, "completing a done task is a no-op");
    assert_eq!(again["completed_at"], done["completed_at"]);

    // PATCH can reopen too.
    let reopened = app
        .call(
            &alice,
            Method::PATCH,
            &format!("/api/tasks/{}", id_of(&task)),
            Some(json!({"completed": false})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(reopened["completed"], false);
    assert_eq!(reopened["completed_at"], Value::Null);
    assert_eq!(reopened["version"], 5);
}

// ---------------------------------------------------------------- If-Match

#[tokio::test]
async fn if_match_accepts_the_usual_forms_and_refuses_a_stale_version() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(&alice, json!({"title": "v", "priority": "none"}))
        .await;
    let id = id_of(&task);
    let path = format!("/api/tasks/{id}");
    let patch = |if_match: &str, priority: &str| {
        app.send(
            app.request(Method::PATCH, &path, Some(&alice))
                .header("if-match", if_match)
                .json(&json!({ "priority": priority })),
        )
    };

    // Each accepted form, matching the current version.
    for (if_match, priority, version) in [
        ("\"1\"", "low", 2),
        ("W/\"2\"", "medium", 3),
        ("3", "high", 4),
        ("*", "urgent", 5),
    ] {
        let reply = patch(if_match, priority).await;
        let body = reply.expect(StatusCode::OK);
        assert_eq!(body["version"], version, "If-Match {if_match}");
        assert_eq!(body["priority"], priority);
    }

    // A stale version on every conditional route: 412, nothing changes.
    let before = app.get_task(&alice, id).await;
    assert_eq!(before["version"], 5);
    let stale = [
        (
            Method::PATCH,
            path.clone(),
            Some(json!({"priority": "none"})),
        ),
        (Method::PUT, path.clone(), Some(json!({"title": "changed"}))),
        (Method::PATCH, format!("{path}/complete"), None),
        (Method::DELETE, path.clone(), None),
    ];
    for (method, route, body) in &stale {
        for if_match in ["\"4\"", "W/\"6\"", "1"] {
            let mut request = app
                .request(method.clone(), route, Some(&alice))
                .header("if-match", if_match);
            if let Some(body) = body {
                request = request.json(body);
            }
            app.send(request)
                .await
                .expect_error(StatusCode::PRECONDITION_FAILED, "VERSION_MISMATCH");
        }
    }
    // Garbage is a 400 on the same routes.
    for (method, route, body) in &stale {
        for if_match in ["abc", "\"v5\"", "\"\""] {
            let mut request = app
                .request(method.clone(), route, Some(&alice))
                .header("if-match", if_match);
            if let Some(body) = body {
                request = request.json(body);
            }
            let reply = app.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{method} {route} If-Match {if_match}: {}",
                reply.body
            );
            reply.expect_error(StatusCode::BAD_REQUEST, "BAD_REQUEST");
        }
    }
    assert_eq!(app.get_task(&alice, id).await, before, "nothing changed");

    // The current version still works, on the last conditional routes.
    let done = app
        .send(
            app.request(Method::PATCH, &format!("{path}/complete"), Some(&alice))
                .header("if-match", "\"5\""),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["version"], 6);
    let reply = app
        .send(
            app.request(Method::DELETE, &path, Some(&alice))
                .header("if-match", "W/\"6\""),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
}

// ---------------------------------------------------------------- who may see what

/// Every route of the API, with a body where it takes one.
fn every_route(task_id: i64, user_id: &str) -> Vec<(Method, String, Option<Value>)> {
    let title = Some(json!({"title": "hijacked"}));
    vec![
        (Method::GET, "/api/tasks".into(), None),
        (Method::POST, "/api/tasks".into(), title.clone()),
        (Method::GET, format!("/api/tasks/{task_id}"), None),
        (Method::PUT, format!("/api/tasks/{task_id}"), title.clone()),
        (
            Method::PATCH,
            format!("/api/tasks/{task_id}"),
            title.clone(),
        ),
        (Method::DELETE, format!("/api/tasks/{task_id}"), None),
        (
            Method::PATCH,
            format!("/api/tasks/{task_id}/complete"),
            None,
        ),
        (Method::GET, "/api/tags".into(), None),
        (Method::GET, "/api/settings".into(), None),
        (
            Method::PATCH,
            "/api/settings".into(),
            Some(json!({"time_zone": "Europe/Berlin"})),
        ),
        (Method::GET, format!("/api/{user_id}/tasks"), None),
        (Method::POST, format!("/api/{user_id}/tasks"), title.clone()),
        (Method::GET, format!("/api/{user_id}/tasks/{task_id}"), None),
        (
            Method::PUT,
            format!("/api/{user_id}/tasks/{task_id}"),
            title.clone(),
        ),
        (
            Method::DELETE,
            format!("/api/{user_id}/tasks/{task_id}"),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/{user_id}/tasks/{task_id}/complete"),
            None,
        ),
    ]
}

#[tokio::test]
async fn every_route_needs_a_valid_token() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "mine"})).await;
    let id = id_of(&task);
    let uid = alice.user_id();
    let mut tampered = alice.jwt.clone();
    tampered.pop();
    tampered.push(if alice.jwt.ends_with('A') { 'B' } else { 'A' });

    for (method, path, body) in every_route(id, &uid) {
        for token in [
            None,
            Some("not-a-jwt"),
            Some(tampered.as_str()),
            Some(alice.session.as_str()),
        ] {
            let mut request = app.request(method.clone(), &path, None);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = &body {
                request = request.json(body);
            }
            let reply = app.send(request).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "{method} {path} with token {token:?}: {}",
                reply.body
            );
            reply.expect_error(StatusCode::UNAUTHORIZED, "UNAUTHORIZED");
        }
    }
    assert_eq!(app.get_task(&alice, id).await, task, "nothing changed");
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["total"], 1, "nothing was created");
}

#[tokio::test]
async fn another_users_task_is_404_on_every_route_and_stays_untouched() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let task = app
        .create_task(
            &alice,
            json!({"title": "alice's secret plan", "tags": ["secret"], "recurrence": "FREQ=DAILY"}),
        )
        .await;
    let id = id_of(&task);
    let bobs = app.create_task(&bob, json!({"title": "bob's"})).await;
    let missing = id.max(id_of(&bobs)) + 1000;
    let bob_uid = bob.user_id();

    // What Bob is told about Alice's task is what he is told about a task
    // that does not exist.
    let routes = |id: i64| {
        vec![
            (Method::GET, format!("/api/tasks/{id}"), None),
            (
                Method::PUT,
                format!("/api/tasks/{id}"),
                Some(json!({"title": "mine now"})),
            ),
            (
                Method::PATCH,
                format!("/api/tasks/{id}"),
                Some(json!({"completed": true})),
            ),
            (Method::PATCH, format!("/api/tasks/{id}/complete"), None),
            (
                Method::PATCH,
                format!("/api/tasks/{id}/complete"),
                Some(json!({"completed": true})),
            ),
            (Method::DELETE, format!("/api/tasks/{id}"), None),
            (Method::GET, format!("/api/{bob_uid}/tasks/{id}"), None),
            (
                Method::PUT,
                format!("/api/{bob_uid}/tasks/{id}"),
                Some(json!({"title": "mine now"})),
            ),
            (
                Method::PATCH,
                format!("/api/{bob_uid}/tasks/{id}/complete"),
                None,
            ),
            (Method::DELETE, format!("/api/{bob_uid}/tasks/{id}"), None),
        ]
    };
    for ((method, path, body), (_, missing_path, _)) in routes(id).into_iter().zip(routes(missing))
    {
        let send = |path: String, if_match: Option<&str>| {
            let mut request = app.request(method.clone(), &path, Some(&bob));
            if let Some(body) = &body {
                request = request.json(body);
            }
            if let Some(if_match) = if_match {
                request = request.header("if-match", if_match);
            }
            app.send(request)
        };
        for if_match in [None, Some("\"1\""), Some("\"9\"")] {
            let theirs = send(path.clone(), if_match).await;
            theirs.expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
            let absent = send(missing_path.clone(), if_match).await;
            absent.expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
            let message = |reply: &Reply, id: i64| {
                reply.body["error"]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .replace(&id.to_string(), "N")
            };
            assert_eq!(
                message(&theirs, id),
                message(&absent, missing),
                "{method} {path}: indistinguishable from a missing task"
            );
        }
    }

    // Alice's task is as it was, and only hers.
    assert_eq!(app.get_task(&alice, id).await, task);
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(
        ids(&page["items"]),
        [id],
        "no occurrence was created for Bob"
    );

    // Bob's list, search and tags never show it.
    for query in [
        vec![],
        vec![("q", "secret")],
        vec![("tag", "secret")],
        vec![("status", "all"), ("due", "today")],
    ] {
        let page = app.list_tasks(&bob, &query).await.expect(StatusCode::OK);
        assert!(!ids(&page["items"]).contains(&id), "{query:?}: {page}");
    }
    let page = app.list_tasks(&bob, &[]).await.expect(StatusCode::OK);
    assert_eq!(ids(&page["items"]), [id_of(&bobs)]);
    assert_eq!(page["total"], 1);
    let course = app
        .call(&bob, Method::GET, &format!("/api/{bob_uid}/tasks"), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(ids(&course), [id_of(&bobs)]);
    let tags = app
        .call(&bob, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(tags, json!([]));
}

#[tokio::test]
async fn course_routes_naming_another_user_are_403() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let task = app.create_task(&alice, json!({"title": "alice's"})).await;
    let id = id_of(&task);
    let alice_uid = alice.user_id();

    let course: Vec<_> = every_route(id, &alice_uid)
        .into_iter()
        .filter(|(_, path, _)| path.starts_with(&format!("/api/{alice_uid}/")))
        .collect();
    assert_eq!(course.len(), 6);
    for (method, path, body) in course {
        let mut request = app.request(method.clone(), &path, Some(&bob));
        if let Some(body) = &body {
            request = request.json(body);
        }
        let reply = app.send(request).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            reply.body
        );
        reply.expect_error(StatusCode::FORBIDDEN, "FORBIDDEN");
    }
    // A made-up user id is no better.
    app.call(&bob, Method::GET, "/api/nobody/tasks", None)
        .await
        .expect_error(StatusCode::FORBIDDEN, "FORBIDDEN");

    assert_eq!(app.get_task(&alice, id).await, task);
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["total"], 1);
    let page = app.list_tasks(&bob, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["total"], 0, "Bob's POST did not land anywhere");
}

// ---------------------------------------------------------------- the course contract

#[tokio::test]
async fn the_course_routes_serve_the_same_tasks() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let uid = alice.user_id();
    let base = format!("/api/{uid}/tasks");

    let reply = app
        .call(
            &alice,
            Method::POST,
            &base,
            Some(json!({"title": "from the course", "description": "d"})),
        )
        .await;
    let created = reply.expect(StatusCode::CREATED);
    assert_eq!(created["user_id"], uid.as_str());
    assert_eq!(created["version"], 1);
    let first = id_of(&created);
    for title in ["second", "third"] {
        app.create_task(&alice, json!({ "title": title })).await;
    }

    // A plain array, newest first; the total and the cursor in headers.
    let reply = app
        .send(
            app.request(Method::GET, &base, Some(&alice))
                .query(&[("limit", "2")]),
        )
        .await;
    assert_eq!(reply.header("x-total-count"), Some("3"));
    let cursor = reply
        .header("x-next-cursor")
        .expect("an X-Next-Cursor while more remain")
        .to_string();
    let page = reply.expect(StatusCode::OK);
    let titles: Vec<&str> = page
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["third", "second"]);
    let reply = app
        .send(
            app.request(Method::GET, &base, Some(&alice))
                .query(&[("limit", "2"), ("cursor", cursor.as_str())]),
        )
        .await;
    assert_eq!(reply.header("x-total-count"), Some("3"));
    assert_eq!(reply.header("x-next-cursor"), None, "the last page");
    assert_eq!(ids(&reply.expect(StatusCode::OK)), [first]);

    // The same filters as /api/tasks.
    let reply = app
        .send(
            app.request(Method::GET, &base, Some(&alice))
                .query(&[("q", "COURSE")]),
        )
        .await;
    assert_eq!(reply.header("x-total-count"), Some("1"));
    assert_eq!(ids(&reply.expect(StatusCode::OK)), [first]);

    let path = format!("{base}/{first}");
    let reply = app.call(&alice, Method::GET, &path, None).await;
    assert_eq!(reply.header("etag"), Some("\"1\""));
    assert_eq!(reply.expect(StatusCode::OK), created);

    let updated = app
        .call(
            &alice,
            Method::PUT,
            &path,
            Some(json!({"title": "renamed"})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(updated["title"], "renamed");
    assert_eq!(updated["description"], "d", "kept");
    assert_eq!(updated["version"], 2);

    let done = app
        .call(&alice, Method::PATCH, &format!("{path}/complete"), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["completed"], true);
    let reopened = app
        .call(&alice, Method::PATCH, &format!("{path}/complete"), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(reopened["completed"], false);

    let reply = app.call(&alice, Method::DELETE, &path, None).await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    app.call(&alice, Method::GET, &format!("/api/tasks/{first}"), None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
    app.call(&alice, Method::GET, &path, None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "NOT_FOUND");
}

// ---------------------------------------------------------------- limits, document

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let app = spawn_app_with(|config| config.max_body_bytes = 4096).await;
    let alice = app.sign_up("alice").await;
    let task = app.create_task(&alice, json!({"title": "small"})).await;
    let id = id_of(&task);
    let huge = json!({"title": "big", "description": "x".repeat(8000)});
    let mut wrong = Vec::new();
    for (method, path) in [
        (Method::POST, "/api/tasks".to_string()),
        (Method::PUT, format!("/api/tasks/{id}")),
        (Method::PATCH, format!("/api/tasks/{id}")),
        (Method::PATCH, format!("/api/tasks/{id}/complete")),
        (Method::PATCH, "/api/settings".to_string()),
        (Method::POST, format!("/api/{}/tasks", alice.user_id())),
    ] {
        let reply = app
            .call(&alice, method.clone(), &path, Some(huge.clone()))
            .await;
        let shaped = reply.status == StatusCode::PAYLOAD_TOO_LARGE
            && reply.body["error"]["code"] == "PAYLOAD_TOO_LARGE"
            && reply.body["error"]["message"].is_string();
        if !shaped {
            wrong.push(format!(
                "{method} {path} (8 KB body)\n  expected 413 PAYLOAD_TOO_LARGE, got {} {}",
                reply.status, reply.body
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(app.get_task(&alice, id).await, task);
}

#[tokio::test]
async fn the_openapi_document_and_docs_page_are_public() {
    let app = spawn_app().await;
    let document = app
        .send(app.request(Method::GET, "/api/openapi.json", None))
        .await
        .expect(StatusCode::OK);
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        document["openapi"]
    );
    let paths = document["paths"].as_object().expect("paths");
    for path in [
        "/api/tasks",
        "/api/tasks/{id}",
        "/api/tasks/{id}/complete",
        "/api/tags",
        "/api/settings",
        "/api/{user_id}/tasks",
        "/api/{user_id}/tasks/{id}",
        "/api/{user_id}/tasks/{id}/complete",
    ] {
        assert!(paths.contains_key(path), "{path} documented");
    }
    for (path, methods) in [
        ("/api/tasks", &["get", "post"][..]),
        ("/api/tasks/{id}", &["get", "put", "patch", "delete"]),
        ("/api/tasks/{id}/complete", &["patch"]),
        ("/api/settings", &["get", "patch"]),
        ("/api/{user_id}/tasks/{id}", &["get", "put", "delete"]),
    ] {
        for method in methods {
            assert!(
                paths[path].get(*method).is_some(),
                "{method} {path} documented"
            );
        }
    }
    let schemes = document["components"]["securitySchemes"]
        .as_object()
        .expect("security schemes");
    assert!(
        schemes.values().any(|s| s["type"] == "http"
            && s["scheme"]
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case("bearer"))),
        "a bearer scheme: {schemes:?}"
    );

    let response = app
        .request(Method::GET, "/api/docs", None)
        .send()
        .await
        .expect("docs");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = response.text().await.unwrap();
    assert!(html.to_ascii_lowercase().contains("<html"), "an HTML page");
}

// ---------------------------------------------------------------- settings and time zones

#[tokio::test]
async fn settings_hold_a_time_zone_per_user() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let bob = app.sign_up("bob").await;
    let settings = app
        .call(&alice, Method::GET, "/api/settings", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(settings, json!({"time_zone": "UTC"}));

    let changed = app
        .call(
            &alice,
            Method::PATCH,
            "/api/settings",
            Some(json!({"time_zone": "europe/berlin"})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(changed, json!({"time_zone": "Europe/Berlin"}), "canonical");
    let settings = app
        .call(&alice, Method::GET, "/api/settings", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(settings, json!({"time_zone": "Europe/Berlin"}));

    for body in [
        json!({"time_zone": "Mars/Olympus_Mons"}),
        json!({"time_zone": ""}),
        json!({"time_zone": 5}),
        json!({}),
    ] {
        let reply = app
            .call(&alice, Method::PATCH, "/api/settings", Some(body.clone()))
            .await;
        let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
        assert!(fields.contains_key("time_zone"), "{body}: {}", reply.body);
    }
    let reply = app
        .call(
            &alice,
            Method::PATCH,
            "/api/settings",
            Some(json!({"time_zone": "UTC", "locale": "de"})),
        )
        .await;
    let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
    assert!(fields.contains_key("body"), "{}", reply.body);

    let settings = app
        .call(&alice, Method::GET, "/api/settings", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        settings["time_zone"], "Europe/Berlin",
        "refusals change nothing"
    );
    let settings = app
        .call(&bob, Method::GET, "/api/settings", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(settings["time_zone"], "UTC", "Bob's zone is his own");
}

#[tokio::test]
async fn a_timed_due_is_shown_in_the_users_zone_and_keeps_its_instant() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    app.set_time_zone(&alice, "Europe/Berlin").await;

    // A local date-time is read in the user's zone.
    let local = app
        .create_task(&alice, json!({"title": "local", "due": "2026-11-24T17:00"}))
        .await;
    assert_eq!(local["due"], "2026-11-24T17:00:00+01:00");
    assert_eq!(local["due_date"], "2026-11-24");
    let instant_at = "2026-11-24T16:00:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(instant(&local["due_at"]), instant_at);

    // Seconds are accepted; summer time has another offset.
    let summer = app
        .create_task(
            &alice,
            json!({"title": "summer", "due": "2026-07-01T09:30:15"}),
        )
        .await;
    assert_eq!(summer["due"], "2026-07-01T09:30:15+02:00");
    assert_eq!(
        instant(&summer["due_at"]),
        "2026-07-01T07:30:15Z".parse::<DateTime<Utc>>().unwrap()
    );

    // An instant with another offset is shown in the user's.
    let elsewhere = app
        .create_task(
            &alice,
            json!({"title": "elsewhere", "due": "2026-07-01T09:00:00-07:00"}),
        )
        .await;
    assert_eq!(elsewhere["due"], "2026-07-01T18:00:00+02:00");
    assert_eq!(elsewhere["due_date"], "2026-07-01");

    // A reminder given locally is read in the zone too.
    let reminded = app
        .create_task(
            &alice,
            json!({"title": "reminded", "due": "2026-11-24", "remind_at": "2026-11-23T20:00"}),
        )
        .await;
    assert_eq!(
        instant(&reminded["remind_at"]),
        "2026-11-23T19:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(reminded["due"], "2026-11-24", "a whole day stays a day");

    // Another zone: the same instant, shown with that zone's offset and day.
    app.set_time_zone(&alice, "Pacific/Kiritimati").await;
    let moved = app.get_task(&alice, id_of(&local)).await;
    assert_eq!(moved["due"], "2026-11-25T06:00:00+14:00");
    assert_eq!(moved["due_date"], "2026-11-25");
    assert_eq!(instant(&moved["due_at"]), instant_at);
    assert_eq!(moved["version"], 1, "a zone change is not a task change");
    let day = app.get_task(&alice, id_of(&reminded)).await;
    assert_eq!(day["due"], "2026-11-24");
    assert_eq!(day["due_date"], "2026-11-24");
    assert_eq!(day["due_at"], Value::Null);

    app.set_time_zone(&alice, "America/New_York").await;
    let moved = app.get_task(&alice, id_of(&local)).await;
    assert_eq!(moved["due"], "2026-11-24T11:00:00-05:00");
    assert_eq!(moved["due_date"], "2026-11-24");

    // UTC users see offset zero.
    app.set_time_zone(&alice, "UTC").await;
    let moved = app.get_task(&alice, id_of(&local)).await;
    let shown = with_offset(&moved["due"]);
    assert_eq!(shown.offset().local_minus_utc(), 0, "{}", moved["due"]);
    assert_eq!(shown.with_timezone(&Utc), instant_at);
}

#[tokio::test]
async fn a_local_due_is_read_in_each_users_own_zone() {
    let app = spawn_app().await;
    let kiri = app.sign_up("kiri").await;
    let pago = app.sign_up("pago").await;
    app.set_time_zone(&kiri, "Pacific/Kiritimati").await;
    app.set_time_zone(&pago, "Pacific/Pago_Pago").await;

    let body = json!({"title": "nine o'clock", "due": "2030-06-15T09:00"});
    let k = app.create_task(&kiri, body.clone()).await;
    let p = app.create_task(&pago, body).await;
    assert_eq!(k["due"], "2030-06-15T09:00:00+14:00");
    assert_eq!(p["due"], "2030-06-15T09:00:00-11:00");
    assert_eq!(k["due_date"], "2030-06-15");
    assert_eq!(p["due_date"], "2030-06-15");
    assert_eq!(
        instant(&k["due_at"]),
        "2030-06-14T19:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(
        instant(&p["due_at"]),
        "2030-06-15T20:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
}

#[tokio::test]
async fn overdue_means_open_and_past_its_day_or_instant() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let zone = midday_zone();
    app.set_time_zone(&alice, zone).await;
    let today = today_in(zone);
    let day = |offset: i64| (today + Duration::days(offset)).to_string();
    let at = |hours: i64| (Utc::now() + Duration::hours(hours)).to_rfc3339();

    let cases = [
        ("yesterday", json!(day(-1)), false, true),
        ("yesterday, done", json!(day(-1)), true, false),
        ("today", json!(day(0)), false, false),
        ("tomorrow", json!(day(1)), false, false),
        ("an hour ago", json!(at(-1)), false, true),
        ("an hour ago, done", json!(at(-1)), true, false),
        ("in an hour", json!(at(1)), false, false),
        ("no due", Value::Null, false, false),
    ];
    for (title, due, completed, overdue) in cases {
        let task = app
            .create_task(
                &alice,
                json!({"title": title, "due": due, "completed": completed}),
            )
            .await;
        assert_eq!(task["overdue"], overdue, "{title}: {task}");
        assert_eq!(
            app.get_task(&alice, id_of(&task)).await["overdue"],
            overdue,
            "{title} on GET"
        );
    }
}
