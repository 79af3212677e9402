//! Cursor paging shared by both backends (protocol section 2.4).
//!
//! Rows are ordered by `seq`, their insertion order: unlike `created_at`, it
//! cannot tie. A page query asks for `limit + 1` rows strictly past a `seq`
//! bound; the extra row only tells whether there is more.

use chatkit::StoreError;
use chatkit::store::Order;
use chatkit::types::Page;
use serde::de::DeserializeOwned;

use super::json;

/// The `seq` bound to page from when there is no cursor: before the first
/// row ascending, past the last one descending.
pub(super) fn start(order: Order) -> i64 {
    match order {
        Order::Asc => 0,
        Order::Desc => i64::MAX,
    }
}

/// The `LIMIT` of a page query: one more than the page, to learn `has_more`.
pub(super) fn probe_limit(limit: usize) -> i64 {
    i64::try_from(limit)
        .unwrap_or(i64::MAX - 1)
        .saturating_add(1)
}

/// Builds the page from up to `limit + 1` `(id, data)` rows in page order.
/// `what` names the kind of row for the logs when one does not decode.
pub(super) fn page<T: DeserializeOwned>(
    mut rows: Vec<(String, String)>,
    limit: usize,
    what: &str,
) -> Result<Page<T>, StoreError> {
    let has_more = rows.len() > limit;
    rows.truncate(limit);
    let after = if has_more {
        rows.last().map(|(id, _)| id.clone())
    } else {
        None
    };
    let data = rows
        .iter()
        .map(|(id, data)| json::decode(data, &format!("{what} {id}")))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        data,
        has_more,
        after,
    })
}
