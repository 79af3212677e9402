//! `GET /api/tasks` over HTTP: every filter, every sort in both directions,
//! keyset pagination (also while tasks are being added), the parameters it
//! refuses, and "today" in the user's own time zone.

use std::collections::{BTreeSet, HashSet};

use chrono::{Duration, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::*;

/// The titles of one page of `GET /api/tasks?query`, as a set, after
/// checking that `total` counts them and nothing is left for another page.
async fn titles(app: &TestApp, user: &TestUser, query: &[(&str, &str)]) -> BTreeSet<String> {
    let page = app.list_tasks(user, query).await;
    assert_eq!(page.status, StatusCode::OK, "{query:?}: {}", page.body);
    let items = page.body["items"].as_array().expect("items");
    assert_eq!(
        page.body["total"].as_u64(),
        Some(items.len() as u64),
        "{query:?}: total counts the matches"
    );
    assert_eq!(page.body["next_cursor"], Value::Null, "{query:?}");
    items
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_string())
        .collect()
}

/// Query pairs, as `GET /api/tasks` takes them (keys may repeat).
type Query<'a> = Vec<(&'a str, &'a str)>;

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| (*t).to_string()).collect()
}

/// Every page of `query`, following `next_cursor` with `limit`: the ids in
/// order. Each page must report the same `total`.
async fn all_pages(
    app: &TestApp,
    user: &TestUser,
    query: &[(&str, &str)],
    limit: usize,
) -> Vec<i64> {
    let limit_text = limit.to_string();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut total = None;
    for _ in 0..100 {
        let mut params: Vec<(&str, &str)> = query.to_vec();
        params.push(("limit", &limit_text));
        if let Some(cursor) = &cursor {
            params.push(("cursor", cursor));
        }
        let page = app.list_tasks(user, &params).await.expect(StatusCode::OK);
        let items = ids(&page["items"]);
        assert!(items.len() <= limit, "{params:?}: at most `limit` items");
        let page_total = page["total"].as_u64().expect("total");
        assert_eq!(*total.get_or_insert(page_total), page_total, "{params:?}");
        seen.extend(items);
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert!(
                    !page["items"].as_array().unwrap().is_empty(),
                    "no cursor after an empty page"
                );
                cursor = Some(next.to_string());
            }
            None => return seen,
        }
    }
    panic!("{query:?}: paging never ends");
}

// ---------------------------------------------------------------- filters

/// A user (in a zone where it is now midday) with ten tasks covering every
/// filter. Returns their zone and the day that is today there.
async fn filter_fixture(app: &TestApp, user: &TestUser) -> (&'static str, NaiveDate) {
    let zone = midday_zone();
    app.set_time_zone(user, zone).await;
    let today = today_in(zone);
    let day = |offset: i64| json!((today + Duration::days(offset)).to_string());
    let at = |hours: i64| json!((Utc::now() + Duration::hours(hours)).to_rfc3339());
    let tasks = [
        json!({"title": "Alpha report", "description": "quarterly numbers", "priority": "high", "tags": ["work", "finance"], "due": day(-3)}),
        json!({"title": "beta groceries", "priority": "low", "tags": ["home"], "due": day(0)}),
        json!({"title": "Gamma call", "priority": "urgent", "tags": ["work", "phone"], "due": day(3)}),
        json!({"title": "delta plan", "priority": "medium", "tags": ["Work"], "due": day(6)}),
        json!({"title": "Epsilon trip", "due": day(7)}),
        json!({"title": "zeta done", "priority": "high", "tags": ["home"], "due": day(-2), "completed": true}),
        json!({"title": "Eta someday"}),
        json!({"title": "theta timed past", "priority": "low", "due": at(-1)}),
        json!({"title": "iota timed later", "due": at(1)}),
        json!({"title": "kappa notes", "description": "Call the BANK", "priority": "medium", "completed": true}),
    ];
    for task in tasks {
        app.create_task(user, task).await;
    }
    (zone, today)
}

#[tokio::test]
async fn every_filter_selects_what_it_says() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let (zone, today) = filter_fixture(&app, &alice).await;
    let day = |offset: i64| (today + Duration::days(offset)).to_string();
    let all = [
        "Alpha report",
        "beta groceries",
        "Gamma call",
        "delta plan",
        "Epsilon trip",
        "zeta done",
        "Eta someday",
        "theta timed past",
        "iota timed later",
        "kappa notes",
    ];
    let (t_minus_3, t, t_plus_6, t_plus_7) = (day(-3), day(0), day(6), day(7));

    let cases: Vec<(Query, Vec<&str>)> = vec![
        (vec![], all.to_vec()),
        (vec![("status", "all")], all.to_vec()),
        (
            vec![("status", "pending")],
            all.iter()
                .copied()
                .filter(|t| *t != "zeta done" && *t != "kappa notes")
                .collect(),
        ),
        (
            vec![("status", "completed")],
            vec!["zeta done", "kappa notes"],
        ),
        (
            vec![("priority", "high")],
            vec!["Alpha report", "zeta done"],
        ),
        (
            vec![("priority", "high"), ("priority", "low")],
            vec![
                "Alpha report",
                "zeta done",
                "beta groceries",
                "theta timed past",
            ],
        ),
        (
            vec![("priority", "high,low")],
            vec![
                "Alpha report",
                "zeta done",
                "beta groceries",
                "theta timed past",
            ],
        ),
        (
            vec![("priority", "urgent,none")],
            vec![
                "Gamma call",
                "Epsilon trip",
                "Eta someday",
                "iota timed later",
            ],
        ),
        (
            vec![("tag", "work")],
            vec!["Alpha report", "Gamma call", "delta plan"],
        ),
        (
            vec![("tag", "WORK")],
            vec!["Alpha report", "Gamma call", "delta plan"],
        ),
        (vec![("tag", "work"), ("tag", "phone")], vec!["Gamma call"]),
        (vec![("tag", "home"), ("tag", "phone")], vec![]),
        (vec![("tag", "nowhere")], vec![]),
        (vec![("q", "call")], vec!["Gamma call", "kappa notes"]),
        (vec![("q", "BANK")], vec!["kappa notes"]),
        (vec![("q", "Quarterly")], vec!["Alpha report"]),
        (
            vec![("q", "timed")],
            vec!["theta timed past", "iota timed later"],
        ),
        (vec![("q", "xyzzy")], vec![]),
        // Each search word begins a word of the title or description, in
        // any order; the middle of a word is not a match.
        (vec![("q", "groc")], vec!["beta groceries"]),
        (vec![("q", "ceries")], vec![]),
        (vec![("q", "bank call")], vec!["kappa notes"]),
        (vec![("q", "numbers, QUART!")], vec!["Alpha report"]),
        (vec![("q", "call xyzzy")], vec![]),
        (
            vec![("due", "today")],
            vec!["beta groceries", "theta timed past", "iota timed later"],
        ),
        (
            vec![("due", "overdue")],
            vec!["Alpha report", "theta timed past"],
        ),
        (
            vec![("due", "week")],
            vec![
                "beta groceries",
                "Gamma call",
                "delta plan",
                "theta timed past",
                "iota timed later",
            ],
        ),
        (vec![("due", "none")], vec!["Eta someday", "kappa notes"]),
        (vec![("due_before", &t)], vec!["Alpha report", "zeta done"]),
        (
            vec![("due_after", &t)],
            vec!["Gamma call", "delta plan", "Epsilon trip"],
        ),
        (
            vec![("due_after", &t_minus_3), ("due_before", &t_plus_6)],
            vec![
                "zeta done",
                "beta groceries",
                "theta timed past",
                "iota timed later",
                "Gamma call",
            ],
        ),
        (vec![("due_before", &t_minus_3)], vec![]),
        (vec![("due_after", &t_plus_7)], vec![]),
        // Filters combine.
        (
            vec![("status", "pending"), ("priority", "high")],
            vec!["Alpha report"],
        ),
        (
            vec![("status", "pending"), ("tag", "home")],
            vec!["beta groceries"],
        ),
        (
            vec![("q", "ga"), ("tag", "work"), ("priority", "urgent")],
            vec!["Gamma call"],
        ),
        (
            vec![("due", "week"), ("priority", "none")],
            vec!["iota timed later"],
        ),
        (vec![("status", "completed"), ("due", "overdue")], vec![]),
        (
            vec![("status", "completed"), ("due", "none")],
            vec!["kappa notes"],
        ),
        // Unknown parameters are ignored.
        (vec![("colour", "red"), ("_", "12345")], all.to_vec()),
    ];
    let everything = app
        .list_tasks(&alice, &[("limit", "200")])
        .await
        .expect(StatusCode::OK);
    let title_of: std::collections::HashMap<i64, String> = everything["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|t| {
            (
                t["id"].as_i64().unwrap(),
                t["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut wrong = Vec::new();
    for (query, expected) in cases {
        let got = titles(&app, &alice, &query).await;
        if got != set(&expected) {
            wrong.push(format!(
                "{query:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
        // Page by page too: a small page makes a tag or a search word a
        // large share of what a page needs, so the listing walks its order
        // instead of joining from the set (see task_sql::plan).
        let paged: BTreeSet<String> = all_pages(&app, &alice, &query, 1)
            .await
            .into_iter()
            .map(|id| title_of[&id].clone())
            .collect();
        if paged != set(&expected) {
            wrong.push(format!(
                "{query:?} by pages of 1\n  expected {expected:?}\n  got      {paged:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The overdue flag agrees with the filter.
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    let flagged: BTreeSet<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["overdue"] == true)
        .map(|t| t["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(flagged, set(&["Alpha report", "theta timed past"]));
    assert_eq!(today, today_in(zone), "still the same day");
}

#[tokio::test]
async fn bad_parameters_are_all_reported_at_once() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    app.create_task(&alice, json!({"title": "one"})).await;

    let reply = app
        .list_tasks(
            &alice,
            &[
                ("status", "done"),
                ("priority", "critical"),
                ("due", "later"),
                ("due_before", "2030-02-30"),
                ("due_after", "tomorrow"),
                ("sort", "colour"),
                ("order", "up"),
                ("limit", "0"),
            ],
        )
        .await;
    let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
    let named: BTreeSet<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        named,
        BTreeSet::from([
            "status",
            "priority",
            "due",
            "due_before",
            "due_after",
            "sort",
            "order",
            "limit"
        ]),
        "{}",
        reply.body
    );

    for (key, value) in [
        ("limit", "201"),
        ("limit", "ten"),
        ("limit", "-1"),
        ("priority", "high,bogus"),
        ("due_before", "2030/01/01"),
        ("cursor", "garbage"),
        ("cursor", "eyJub3QiOiJvdXJzIn0"),
    ] {
        let reply = app.list_tasks(&alice, &[(key, value)]).await;
        let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
        assert!(fields.contains_key(key), "{key}={value}: {}", reply.body);
    }
    // The limits themselves are fine.
    for limit in ["1", "200"] {
        let page = app
            .list_tasks(&alice, &[("limit", limit)])
            .await
            .expect(StatusCode::OK);
        assert_eq!(page["total"], 1, "limit={limit}");
    }
}

// ---------------------------------------------------------------- sorting

/// Seven tasks (a…g, created in that order) whose orders differ by every
/// sort key; three are edited afterwards, in the order c, a, f.
async fn sort_fixture(app: &TestApp, user: &TestUser) -> Vec<(char, i64)> {
    let tasks = [
        (
            'a',
            json!({"title": "banana", "priority": "medium", "due": "2030-01-05"}),
        ),
        ('b', json!({"title": "Apple", "priority": "high"})),
        (
            'c',
            json!({"title": "cherry", "due": "2030-01-03T10:00:00Z"}),
        ),
        (
            'd',
            json!({"title": "apple", "priority": "high", "due": "2030-01-05"}),
        ),
        ('e', json!({"title": "Date", "priority": "urgent"})),
        (
            'f',
            json!({"title": "elder", "priority": "low", "due": "2030-01-01"}),
        ),
        (
            'g',
            json!({"title": "Fig", "priority": "high", "due": "2030-02-01T08:00:00+01:00"}),
        ),
    ];
    let mut made = Vec::new();
    for (letter, body) in tasks {
        made.push((letter, id_of(&app.create_task(user, body).await)));
    }
    for letter in ['c', 'a', 'f'] {
        // Timestamps must differ for `updated` to have one right answer.
        tokio::time::sleep(std::time::Duration::from_millis(15)).await;
        let id = made.iter().find(|(l, _)| *l == letter).unwrap().1;
        app.call(
            user,
            Method::PATCH,
            &format!("/api/tasks/{id}"),
            Some(json!({"description": format!("edited {letter}")})),
        )
        .await
        .expect(StatusCode::OK);
    }
    made
}

fn letters(made: &[(char, i64)], ids: &[i64]) -> String {
    ids.iter()
        .map(|id| {
            made.iter()
                .find(|(_, i)| i == id)
                .map_or('?', |(letter, _)| *letter)
        })
        .collect()
}

#[tokio::test]
async fn every_sort_in_both_directions_and_its_default() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let made = sort_fixture(&app, &alice).await;

    let cases = [
        // Ties (apple/Apple, two tasks due 2030-01-05, three high ones, the
        // undated ones) are broken by id in the same direction.
        ("created", "asc", "abcdefg"),
        ("created", "desc", "gfedcba"),
        ("updated", "asc", "bdegcaf"),
        ("updated", "desc", "facgedb"),
        ("due", "asc", "fcadgbe"),
        ("due", "desc", "ebgdacf"),
        ("priority", "asc", "cfabdge"),
        ("priority", "desc", "egdbafc"),
        ("title", "asc", "bdacefg"),
        ("title", "desc", "gfecadb"),
    ];
    for (sort, order, expected) in cases {
        let query = [("sort", sort), ("order", order)];
        let page = app.list_tasks(&alice, &query).await.expect(StatusCode::OK);
        assert_eq!(
            letters(&made, &ids(&page["items"])),
            expected,
            "sort={sort}&order={order}"
        );
        // Page by page, the same order.
        for limit in [1, 3] {
            let paged = all_pages(&app, &alice, &query, limit).await;
            assert_eq!(
                letters(&made, &paged),
                expected,
                "sort={sort}&order={order}, {limit} per page"
            );
        }
    }

    // Defaults: created desc; desc for updated and priority, asc for due and title.
    for (query, expected) in [
        (vec![], "gfedcba"),
        (vec![("order", "asc")], "abcdefg"),
        (vec![("sort", "created")], "gfedcba"),
        (vec![("sort", "updated")], "facgedb"),
        (vec![("sort", "priority")], "egdbafc"),
        (vec![("sort", "due")], "fcadgbe"),
        (vec![("sort", "title")], "bdacefg"),
    ] {
        let page = app.list_tasks(&alice, &query).await.expect(StatusCode::OK);
        assert_eq!(letters(&made, &ids(&page["items"])), expected, "{query:?}");
    }

    // Sorting and filtering together, paged.
    let query = [("sort", "title"), ("priority", "high")];
    assert_eq!(
        letters(&made, &all_pages(&app, &alice, &query, 2).await),
        "bdg"
    );
}

#[tokio::test]
async fn a_cursor_only_continues_the_listing_it_came_from() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    sort_fixture(&app, &alice).await;
    let page = app
        .list_tasks(
            &alice,
            &[("sort", "title"), ("order", "asc"), ("limit", "2")],
        )
        .await
        .expect(StatusCode::OK);
    let cursor = page["next_cursor"]
        .as_str()
        .expect("more pages")
        .to_string();

    for query in [
        vec![("sort", "due")],
        vec![("sort", "title"), ("order", "desc")],
        vec![],
        vec![("sort", "created"), ("order", "asc")],
    ] {
        let mut params = query.clone();
        params.push(("cursor", &cursor));
        let reply = app.list_tasks(&alice, &params).await;
        let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
        assert!(fields.contains_key("cursor"), "{query:?}: {}", reply.body);
    }
    // A damaged cursor is refused too.
    let mut damaged = cursor.clone();
    damaged.truncate(cursor.len() / 2);
    let reply = app
        .list_tasks(&alice, &[("sort", "title"), ("cursor", &damaged)])
        .await;
    let fields = reply.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_FAILED");
    assert!(fields.contains_key("cursor"), "{}", reply.body);

    // With its own sort and order it continues (asc is title's default).
    let next = app
        .list_tasks(
            &alice,
            &[("sort", "title"), ("limit", "2"), ("cursor", &cursor)],
        )
        .await
        .expect(StatusCode::OK);
    let titles: Vec<&str> = next["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["banana", "cherry"]);
}

// ---------------------------------------------------------------- pagination

#[tokio::test]
async fn paging_while_tasks_are_added_never_repeats_or_skips() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let priorities = ["none", "low", "medium", "high", "urgent"];
    let body = |label: String, i: usize| {
        let due = if i.is_multiple_of(3) {
            Value::Null
        } else {
            json!(format!("2030-01-{:02}", 1 + i % 7))
        };
        json!({"title": label, "priority": priorities[i % 5], "due": due})
    };
    for i in 0..25 {
        app.create_task(&alice, body(format!("task {i:02}"), i))
            .await;
    }

    let mut added = 0;
    for (sort, order) in [
        ("created", "desc"),
        ("created", "asc"),
        ("updated", "desc"),
        ("title", "asc"),
        ("due", "asc"),
        ("due", "desc"),
        ("priority", "desc"),
        ("priority", "asc"),
    ] {
        // The tasks that exist when paging starts, in this listing's order.
        let before = app
            .list_tasks(
                &alice,
                &[("sort", sort), ("order", order), ("limit", "200")],
            )
            .await
            .expect(StatusCode::OK);
        let existing = ids(&before["items"]);
        let count = existing.len();
        assert_eq!(before["total"], count);

        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut params = vec![("sort", sort), ("order", order), ("limit", "10")];
            if let Some(cursor) = &cursor {
                params.push(("cursor", cursor));
            }
            let page = app.list_tasks(&alice, &params).await.expect(StatusCode::OK);
            assert_eq!(
                page["total"],
                count + 2 * pages,
                "{sort} {order} page {pages}: total counts the tasks added meanwhile"
            );
            seen.extend(ids(&page["items"]));
            pages += 1;
            assert!(pages < 20, "{sort} {order}: paging never ends");
            // Two new tasks between pages: one sorting early, one late.
            for (label, i) in [("a new", added), ("zz new", added + 1)] {
                app.create_task(&alice, body(format!("{label} {added:03}"), i))
                    .await;
            }
            added += 2;
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => break,
            }
        }

        let unique: HashSet<i64> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "{sort} {order}: no task twice");
        let old_seen: Vec<i64> = seen
            .iter()
            .copied()
            .filter(|id| existing.contains(id))
            .collect();
        assert_eq!(
            old_seen, existing,
            "{sort} {order}: every task that existed seen once, in order"
        );
    }

    // The default page size is 50.
    let total = 25 + added;
    let page = app.list_tasks(&alice, &[]).await.expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().map(Vec::len), Some(50));
    assert_eq!(page["total"], total);
    assert!(page["next_cursor"].is_string());
    let everything = app
        .list_tasks(&alice, &[("limit", "200")])
        .await
        .expect(StatusCode::OK);
    assert_eq!(everything["items"].as_array().map(Vec::len), Some(total));
    assert_eq!(everything["next_cursor"], Value::Null);
}

// ---------------------------------------------------------------- the user's day

#[tokio::test]
async fn due_today_is_the_users_own_day() {
    let app = spawn_app().await;
    let kiri = app.sign_up("kiri").await;
    let pago = app.sign_up("pago").await;
    // 25 hours apart: their days always differ.
    let (kiritimati, pago_pago) = ("Pacific/Kiritimati", "Pacific/Pago_Pago");
    app.set_time_zone(&kiri, kiritimati).await;
    app.set_time_zone(&pago, pago_pago).await;
    let utc_today = Utc::now().date_naive();
    for user in [&kiri, &pago] {
        // One task per day that could be "today" somewhere, titled by its day.
        for offset in -2..=2 {
            let day = (utc_today + Duration::days(offset)).to_string();
            app.create_task(user, json!({"title": day, "due": day}))
                .await;
        }
    }

    let mut answers = Vec::new();
    for (user, zone) in [(&kiri, kiritimati), (&pago, pago_pago)] {
        let before = today_in(zone);
        let got = titles(&app, user, &[("due", "today")]).await;
        let after = today_in(zone);
        assert!(
            got == set(&[&before.to_string()]) || got == set(&[&after.to_string()]),
            "{zone}: today is {before}, got {got:?}"
        );
        answers.push(got);
    }
    assert_ne!(answers[0], answers[1], "the two users' todays differ");

    // Moving Kiri to Pago Pago moves her today with it.
    app.set_time_zone(&kiri, pago_pago).await;
    let before = today_in(pago_pago);
    let got = titles(&app, &kiri, &[("due", "today")]).await;
    let after = today_in(pago_pago);
    assert!(
        got == set(&[&before.to_string()]) || got == set(&[&after.to_string()]),
        "after the move, today is {before}, got {got:?}"
    );
}

#[tokio::test]
async fn a_zone_change_moves_timed_tasks_between_days_in_every_filter() {
    let app = spawn_app().await;
    let alice = app.sign_up("alice").await;
    let (kiritimati, pago_pago) = ("Pacific/Kiritimati", "Pacific/Pago_Pago");

    app.set_time_zone(&alice, "UTC").await;
    app.create_task(
        &alice,
        json!({"title": "timed", "due": "2030-01-01T20:00:00Z"}),
    )
    .await;
    app.create_task(&alice, json!({"title": "whole day", "due": "2030-01-01"}))
        .await;
    assert_eq!(
        titles(&app, &alice, &[("due_before", "2030-01-02")]).await,
        set(&["timed", "whole day"])
    );
    assert_eq!(
        titles(&app, &alice, &[("due_after", "2030-01-01")]).await,
        set(&[])
    );

    // 20:00 UTC is 10:00 the next day in Kiritimati.
    app.set_time_zone(&alice, kiritimati).await;
    assert_eq!(
        titles(&app, &alice, &[("due_before", "2030-01-02")]).await,
        set(&["whole day"])
    );
    assert_eq!(
        titles(&app, &alice, &[("due_after", "2030-01-01")]).await,
        set(&["timed"])
    );
    let page = app
        .list_tasks(&alice, &[("sort", "due"), ("order", "desc")])
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["items"][0]["title"], "timed");
    assert_eq!(page["items"][0]["due_date"], "2030-01-02");

    // A task due now, entered in Pago Pago, is due today in Kiritimati too
    // (it is one instant; Kiritimati's day is a day or two later).
    // (Each check is skipped in the unlikely case that midnight passes in
    // that zone while the test runs.)
    app.set_time_zone(&alice, pago_pago).await;
    let now = Utc::now();
    let day_in = |zone: &str| {
        let tz: chrono_tz::Tz = zone.parse().expect("zone");
        now.with_timezone(&tz).date_naive()
    };
    app.create_task(&alice, json!({"title": "now", "due": now.to_rfc3339()}))
        .await;
    for zone in [pago_pago, kiritimati] {
        app.set_time_zone(&alice, zone).await;
        let got = titles(&app, &alice, &[("due", "today")]).await;
        if today_in(zone) == day_in(zone) {
            assert_eq!(got, set(&["now"]), "due=today in {zone}");
        }
        let got = titles(&app, &alice, &[("due", "week")]).await;
        if today_in(zone) == day_in(zone) {
            assert_eq!(got, set(&["now"]), "due=week in {zone}");
        }
    }
}
