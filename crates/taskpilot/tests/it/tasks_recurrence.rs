//! Repeating tasks over HTTP: completing one creates its next occurrence
//! (once), following the rule until COUNT or UNTIL runs out, never in the
//! past, with the reminder moved along.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// The first `weekday` on or after `day`.
fn on_or_after(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// `PATCH /api/tasks/{id}/complete` with `{"completed": true}`: the reply.
async fn complete(app: &TestApp, user: &TestUser, id: i64) -> Value {
    app.call(
        user,
        Method::PATCH,
        &format!("/api/tasks/{id}/complete"),
        Some(json!({"completed": true})),
    )
    .await
    .expect(StatusCode::OK)
}

/// Create a task, then complete each occurrence in turn until none
/// follows: the due of every occurrence, the first included.
async fn series(app: &TestApp, user: &TestUser, body: Value, at_most: usize) -> Vec<Value> {
    let mut task = app.create_task(user, body).await;
    let mut dues = vec![task["due"].clone()];
    for _ in 0..at_most {
        let done = complete(app, user, id_of(&task)).await;
        assert_eq!(done["completed"], true);
        match &done["next_occurrence"] {
            Value::Null => {
                assert_eq!(done["next_occurrence_id"], Value::Null, "{done}");
                return dues;
            }
            next => {
                assert_eq!(done["next_occurrence_id"], next["id"]);
                dues.push(next["due"].clone());
                task = next.clone();
            }
        }
    }
    dues
}

#[tokio::test]
async fn a_repeating_task_without_a_due_starts_on_its_first_occurrence() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let zone = midday_zone();
    app.set_time_zone(&alice, zone).await;
    let today = today_in(zone);
    let tomorrow = today + Duration::days(1);
    let tomorrows_byday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        [tomorrow.weekday().num_days_from_monday() as usize];

    for (rule, expected) in [
        ("FREQ=WEEKLY;BYDAY=MO", on_or_after(today, Weekday::Mon)),
        ("FREQ=DAILY", today),
        (
            format!("FREQ=WEEKLY;BYDAY={tomorrows_byday}").as_str(),
            tomorrow,
        ),
        (
            format!("FREQ=MONTHLY;BYMONTHDAY={}", today.day()).as_str(),
            today,
        ),
    ] {
        let task = app
            .create_task(&alice, json!({"title": rule, "recurrence": rule}))
            .await;
        assert_eq!(task["due"], expected.to_string(), "{rule}: {task}");
        assert_eq!(task["due_date"], expected.to_string(), "{rule}");
        assert_eq!(task["due_at"], Value::Null, "{rule}: a whole day");
    }
    assert_eq!(today, today_in(zone), "still the same day");
}

#[tokio::test]
async fn completing_a_repeating_task_creates_its_next_occurrence() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let zone = midday_zone();
    app.set_time_zone(&alice, zone).await;
    let today = today_in(zone);
    let monday = on_or_after(today, Weekday::Mon);

    let task = app
        .create_task(
            &alice,
            json!({
                "title": "Water the plants",
                "priority": "high",
                "tags": ["home", "Garden"],
                "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=MO",
            }),
        )
        .await;
    assert_eq!(task["recurrence"], "FREQ=WEEKLY;BYDAY=MO");
    assert_eq!(task["recurrence_text"], "every week on Monday");
    assert_eq!(task["due"], monday.to_string());
    let id = id_of(&task);

    let reply = app
        .call(
            &alice,
            Method::PATCH,
            &format!("/api/tasks/{id}/complete"),
            None,
        )
        .await;
    assert_eq!(reply.header("etag"), Some("\"2\""));
    let done = reply.expect(StatusCode::OK);
    assert_eq!(done["completed"], true);
    assert_eq!(done["version"], 2);
    let next = &done["next_occurrence"];
    assert!(next.is_object(), "a next occurrence: {done}");
    let next_id = id_of(next);
    assert_ne!(next_id, id);
    assert_eq!(done["next_occurrence_id"], next_id);
    assert_eq!(next["title"], "Water the plants");
    assert_eq!(next["priority"], "high");
    assert_eq!(next["tags"], json!(["Garden", "home"]));
    assert_eq!(next["recurrence"], "FREQ=WEEKLY;BYDAY=MO");
    assert_eq!(next["recurrence_text"], "every week on Monday");
    assert_eq!(next["due"], (monday + Duration::days(7)).to_string());
    assert_eq!(next["completed"], false);
    assert_eq!(next["completed_at"], Value::Null);
    assert_eq!(next["next_occurrence_id"], Value::Null);
    assert_eq!(next["version"], 1);
    assert_eq!(next["user_id"], alice.user_id());

    // Both are stored as the reply said.
    let stored = app.get_task(&alice, id).await;
    assert_eq!(stored["next_occurrence_id"], next_id);
    assert_eq!(stored["completed"], true);
    assert_eq!(&app.get_task(&alice, next_id).await, next);
    let pending = app
        .list_tasks(&alice, &[("status", "pending")])
        .await
        .expect(StatusCode::OK);
    assert_eq!(ids(&pending["items"]), [next_id]);
    let tags = app
        .call(&alice, Method::GET, "/api/tags", None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        tags,
        json!([{"name": "Garden", "tasks": 2}, {"name": "home", "tasks": 2}])
    );
}

#[tokio::test]
async fn reopening_and_completing_again_does_not_make_a_second_occurrence() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let task = app
        .create_task(
            &alice,
            json!({"title": "Pay rent", "due": "2030-01-01", "recurrence": "FREQ=MONTHLY"}),
        )
        .await;
    let id = id_of(&task);
    let path = format!("/api/tasks/{id}/complete");

    let first = app
        .call(&alice, Method::PATCH, &path, None)
        .await
        .expect(StatusCode::OK);
    let next_id = id_of(&first["next_occurrence"]);
    assert_eq!(first["next_occurrence"]["due"], "2030-02-01");

    let reopened = app
        .call(&alice, Method::PATCH, &path, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(reopened["completed"], false);
    assert_eq!(reopened["next_occurrence"], Value::Null);
    let again = app
        .call(&alice, Method::PATCH, &path, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(again["completed"], true);
    assert_eq!(
        again["next_occurrence"],
        Value::Null,
        "none created: {again}"
    );
    assert_eq!(again["next_occurrence_id"], next_id, "still the first one");
    // Through PATCH as well.
    app.call(
        &alice,
        Method::PATCH,
        &format!("/api/tasks/{id}"),
        Some(json!({"completed": false})),
    )
    .await
    .expect(StatusCode::OK);
    let patched = app
        .call(
            &alice,
            Method::PATCH,
            &format!("/api/tasks/{id}"),
            Some(json!({"completed": true})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(patched["next_occurrence"], Value::Null);

    let all = app
        .list_tasks(&alice, &[("q", "pay rent")])
        .await
        .expect(StatusCode::OK);
    assert_eq!(all["total"], 2, "the task and one occurrence: {all}");

    // Once that occurrence is deleted, completing again makes a new one.
    let reply = app
        .call(
            &alice,
            Method::DELETE,
            &format!("/api/tasks/{next_id}"),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    app.call(&alice, Method::PATCH, &path, None)
        .await
        .expect(StatusCode::OK);
    let renewed = app
        .call(&alice, Method::PATCH, &path, None)
        .await
        .expect(StatusCode::OK);
    let replacement = &renewed["next_occurrence"];
    assert!(replacement.is_object(), "{renewed}");
    assert_ne!(id_of(replacement), next_id);
    assert_eq!(replacement["due"], "2030-02-01");
    assert_eq!(renewed["next_occurrence_id"], replacement["id"]);
}

#[tokio::test]
async fn completing_through_patch_and_the_course_route_also_creates_the_next() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let uid = alice.user_id();
    let body =
        json!({"title": "Stand-up", "due": "2030-01-07", "recurrence": "FREQ=WEEKLY;BYDAY=MO"});

    let a = app.create_task(&alice, body.clone()).await;
    let done = app
        .call(
            &alice,
            Method::PATCH,
            &format!("/api/tasks/{}", id_of(&a)),
            Some(json!({"completed": true})),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["next_occurrence"]["due"], "2030-01-14", "{done}");
    assert_eq!(done["next_occurrence_id"], done["next_occurrence"]["id"]);

    let b = app.create_task(&alice, body).await;
    let done = app
        .call(
            &alice,
            Method::PATCH,
            &format!("/api/{uid}/tasks/{}/complete", id_of(&b)),
            None,
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["next_occurrence"]["due"], "2030-01-14", "{done}");

    // Completing a task that is not repeating creates nothing.
    let plain = app
        .create_task(&alice, json!({"title": "once", "due": "2030-01-07"}))
        .await;
    let done = complete(&app, &alice, id_of(&plain)).await;
    assert_eq!(done["next_occurrence"], Value::Null);
    assert_eq!(done["next_occurrence_id"], Value::Null);
}

#[tokio::test]
async fn a_series_ends_when_count_or_until_runs_out() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let zone = midday_zone();
    app.set_time_zone(&alice, zone).await;
    let today = today_in(zone);
    let day = |offset: i64| json!((today + Duration::days(offset)).to_string());

    let daily = series(
        &app,
        &alice,
        json!({"title": "daily", "due": day(0), "recurrence": "FREQ=DAILY;COUNT=3"}),
        5,
    )
    .await;
    assert_eq!(daily, [day(0), day(1), day(2)], "three occurrences");

    let weekly = series(
        &app,
        &alice,
        json!({"title": "weekly", "due": "2030-01-01", "recurrence": "FREQ=WEEKLY;UNTIL=20300115"}),
        5,
    )
    .await;
    assert_eq!(
        weekly,
        [
            json!("2030-01-01"),
            json!("2030-01-08"),
            json!("2030-01-15")
        ],
        "UNTIL is inclusive"
    );

    // Months without a 31st are skipped, as RFC 5545 says.
    let monthly = series(
        &app,
        &alice,
        json!({"title": "monthly", "due": "2030-01-31", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3"}),
        5,
    )
    .await;
    assert_eq!(
        monthly,
        [
            json!("2030-01-31"),
            json!("2030-03-31"),
            json!("2030-05-31")
        ]
    );

    let once = series(
        &app,
        &alice,
        json!({"title": "once", "due": "2030-06-01", "recurrence": "FREQ=YEARLY;COUNT=1"}),
        5,
    )
    .await;
    assert_eq!(once, [json!("2030-06-01")]);

    // Each occurrence carries the rule.
    let page = app
        .list_tasks(&alice, &[("q", "daily")])
        .await
        .expect(StatusCode::OK);
    for task in page["items"].as_array().unwrap() {
        assert_eq!(task["recurrence"], "FREQ=DAILY;COUNT=3");
    }
    assert_eq!(page["total"], 3);
}

#[tokio::test]
async fn the_next_occurrence_follows_each_kind_of_rule() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let mut wrong = Vec::new();
    for (rule, due, expected) in [
        ("FREQ=DAILY", "2030-01-01", "2030-01-02"),
        ("FREQ=DAILY;INTERVAL=2", "2030-01-01", "2030-01-03"),
        ("FREQ=WEEKLY", "2030-01-01", "2030-01-08"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "2030-01-07", "2030-01-09"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "2030-01-11", "2030-01-14"),
        (
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            "2030-01-01",
            "2030-01-15",
        ),
        ("FREQ=MONTHLY", "2030-01-15", "2030-02-15"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", "2030-01-15", "2030-02-01"),
        ("FREQ=MONTHLY;INTERVAL=3", "2030-01-15", "2030-04-15"),
        ("FREQ=YEARLY", "2030-03-10", "2031-03-10"),
        (
            "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1",
            "2030-06-01",
            "2031-06-01",
        ),
        ("FREQ=YEARLY;BYMONTH=1,7", "2030-01-10", "2030-07-10"),
    ] {
        let reply = app
            .call(
                &alice,
                Method::POST,
                "/api/tasks",
                Some(json!({"title": rule, "due": due, "recurrence": rule})),
            )
            .await;
        if reply.status != StatusCode::CREATED {
            wrong.push(format!("{rule}: refused: {} {}", reply.status, reply.body));
            continue;
        }
        let task = reply.body;
        assert_eq!(task["due"], due, "{rule}: the given due is kept");
        assert!(task["recurrence_text"].is_string(), "{rule}: {task}");
        let done = complete(&app, &alice, id_of(&task)).await;
        if done["next_occurrence"]["due"] != expected {
            wrong.push(format!(
                "{rule} due {due}: expected next {expected}, got {}",
                done["next_occurrence"]
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn rule_text_is_stored_canonically() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    for (given, canonical) in [
        ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("rrule:freq=weekly;byday=mo", "FREQ=WEEKLY;BYDAY=MO"),
        ("RRULE:FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO"),
        ("byday=mo;freq=weekly", "FREQ=WEEKLY;BYDAY=MO"),
    ] {
        let task = app
            .create_task(
                &alice,
                json!({"title": "t", "due": "2030-01-07", "recurrence": given}),
            )
            .await;
        assert_eq!(task["recurrence"], canonical, "{given}");
        assert_eq!(task["recurrence_text"], "every week on Monday", "{given}");
    }
}

#[tokio::test]
async fn an_overdue_series_resumes_today_not_in_the_past() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let zone = midday_zone();
    app.set_time_zone(&alice, zone).await;
    let today = today_in(zone);

    let daily = app
        .create_task(
            &alice,
            json!({"title": "daily", "due": (today - Duration::days(5)).to_string(), "recurrence": "FREQ=DAILY"}),
        )
        .await;
    assert_eq!(daily["overdue"], true);
    let done = complete(&app, &alice, id_of(&daily)).await;
    assert_eq!(done["next_occurrence"]["due"], today.to_string(), "{done}");
    assert_eq!(done["next_occurrence"]["overdue"], false);

    // A weekly Monday task three weeks behind: the next Monday from today.
    let long_ago = on_or_after(today - Duration::days(27), Weekday::Mon);
    let weekly = app
        .create_task(
            &alice,
            json!({"title": "weekly", "due": long_ago.to_string(), "recurrence": "FREQ=WEEKLY;BYDAY=MO"}),
        )
        .await;
    let done = complete(&app, &alice, id_of(&weekly)).await;
    let expected = on_or_after(today, Weekday::Mon).max(long_ago + Duration::days(7));
    assert_eq!(
        done["next_occurrence"]["due"],
        expected.to_string(),
        "{done}"
    );
    assert_eq!(today, today_in(zone), "still the same day");
}

#[tokio::test]
async fn the_reminder_moves_with_the_due() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;

    let timed = app
        .create_task(
            &alice,
            json!({
                "title": "timed",
                "due": "2030-01-07T09:00:00Z",
                "remind_at": "2030-01-07T08:30:00Z",
                "recurrence": "FREQ=WEEKLY",
            }),
        )
        .await;
    let next = complete(&app, &alice, id_of(&timed)).await["next_occurrence"].clone();
    assert_eq!(
        instant(&next["due_at"]),
        "2030-01-14T09:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(
        instant(&next["remind_at"]),
        "2030-01-14T08:30:00Z".parse::<DateTime<Utc>>().unwrap()
    );

    let whole_day = app
        .create_task(
            &alice,
            json!({
                "title": "whole day",
                "due": "2030-01-07",
                "remind_at": "2030-01-06T18:00:00Z",
                "recurrence": "FREQ=DAILY;INTERVAL=3",
            }),
        )
        .await;
    let next = complete(&app, &alice, id_of(&whole_day)).await["next_occurrence"].clone();
    assert_eq!(next["due"], "2030-01-10");
    assert_eq!(
        instant(&next["remind_at"]),
        "2030-01-09T18:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );

    // Without a reminder, the occurrence has none either.
    let plain = app
        .create_task(
            &alice,
            json!({"title": "plain", "due": "2030-01-07", "recurrence": "FREQ=DAILY"}),
        )
        .await;
    let next = complete(&app, &alice, id_of(&plain)).await["next_occurrence"].clone();
    assert_eq!(next["remind_at"], Value::Null);
}

#[tokio::test]
async fn a_timed_occurrence_keeps_its_local_time_across_a_clock_change() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    app.set_time_zone(&alice, "Europe/Berlin").await;
    // Berlin moves to summer time on Sunday 2030-03-31.
    let task = app
        .create_task(
            &alice,
            json!({"title": "gym", "due": "2030-03-25T09:00", "recurrence": "FREQ=WEEKLY;BYDAY=MO"}),
        )
        .await;
    assert_eq!(task["due"], "2030-03-25T09:00:00+01:00");
    let next = complete(&app, &alice, id_of(&task)).await["next_occurrence"].clone();
    assert_eq!(next["due"], "2030-04-01T09:00:00+02:00", "{next}");
    assert_eq!(
        instant(&next["due_at"]),
        "2030-04-01T07:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
}
