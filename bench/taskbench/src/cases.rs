//! The listings timed: each a `GET /api/tasks` query, kept as the product's
//! own [`ListParams`] so the in-process and HTTP runs ask exactly the same.

use taskpilot::tasks::ListParams;

/// Pages followed before a deep case's timed page.
pub const DEEP_PAGES: u32 = 20;

/// One listing to time.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its number in the issue's list ("1" … "11").
    pub key: &'static str,
    pub label: &'static str,
    pub params: ListParams,
    /// Pages to follow (by `next_cursor`) before the timed one.
    pub skip_pages: u32,
    /// Whether the report always shows its plans (cases over the target
    /// are explained too).
    pub explain: bool,
}

/// The issue's cases, for a user whose tags include `tag`, searching `word`.
pub fn all(tag: &str, word: &str) -> Vec<Case> {
    let text = |s: &str| Some(s.to_owned());
    let pending_by_due = ListParams {
        status: text("pending"),
        sort: text("due"),
        ..ListParams::default()
    };
    let case = |key, label, params, explain| Case {
        key,
        label,
        params,
        skip_pages: 0,
        explain,
    };
    vec![
        case("1", "default listing", ListParams::default(), false),
        case("2", "pending by due", pending_by_due.clone(), true),
        case(
            "3",
            "completed by updated",
            ListParams {
                status: text("completed"),
                sort: text("updated"),
                ..ListParams::default()
            },
            false,
        ),
        case(
            "4",
            "high priority by created",
            ListParams {
                priority: vec!["high".to_owned()],
                sort: text("created"),
                ..ListParams::default()
            },
            true,
        ),
        case(
            "5",
            "one tag by due",
            ListParams {
                tag: vec![tag.to_owned()],
                sort: text("due"),
                ..ListParams::default()
            },
            true,
        ),
        case(
            "6",
            "overdue by due",
            ListParams {
                due: text("overdue"),
                sort: text("due"),
                ..ListParams::default()
            },
            true,
        ),
        case(
            "7",
            "due this week",
            ListParams {
                due: text("week"),
                ..ListParams::default()
            },
            false,
        ),
        case(
            "8",
            "text search",
            ListParams {
                q: text(word),
                ..ListParams::default()
            },
            false,
        ),
        case(
            "9",
            "by title",
            ListParams {
                sort: text("title"),
                ..ListParams::default()
            },
            false,
        ),
        Case {
            skip_pages: DEEP_PAGES,
            ..case("10", "page 21, default", ListParams::default(), false)
        },
        Case {
            skip_pages: DEEP_PAGES,
            ..case("11", "page 21, pending by due", pending_by_due, false)
        },
    ]
}

/// The query parameters `params` stands for, in the order the API documents them.
pub fn pairs(params: &ListParams) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    let mut one = |name: &'static str, value: &Option<String>| {
        if let Some(value) = value {
            pairs.push((name, value.clone()));
        }
    };
    one("status", &params.status);
    one("q", &params.q);
    one("due", &params.due);
    one("due_before", &params.due_before);
    one("due_after", &params.due_after);
    one("sort", &params.sort);
    one("order", &params.order);
    one("cursor", &params.cursor);
    pairs.extend(params.priority.iter().map(|p| ("priority", p.clone())));
    pairs.extend(params.tag.iter().map(|t| ("tag", t.clone())));
    if let Some(limit) = params.limit {
        pairs.push(("limit", limit.to_string()));
    }
    pairs
}

/// `params` as a readable query string (not URL-encoded; no cursor).
pub fn describe(params: &ListParams) -> String {
    let shown: Vec<String> = pairs(params)
        .into_iter()
        .filter(|(name, _)| *name != "cursor")
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if shown.is_empty() {
        "(none)".to_owned()
    } else {
        shown.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_issue_case_is_there_once() {
        let cases = all("work", "invoice");
        let keys: Vec<&str> = cases.iter().map(|c| c.key).collect();
        assert_eq!(
            keys,
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]
        );
        assert_eq!(describe(&cases[4].params), "sort=due&tag=work");
        assert_eq!(describe(&cases[0].params), "(none)");
    }
}
