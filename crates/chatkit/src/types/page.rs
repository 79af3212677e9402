//! A page of threads or items, as `threads.list` and `items.list` answer.

use serde::{Deserialize, Serialize};

/// One page of a list; `after` is the cursor for the next page when `has_more`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The elements of this page, in the requested order.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Whether more elements follow this page.
    #[serde(default)]
    pub has_more: bool,
    /// The id of the last element when `has_more`, else `None` (omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl<T> Page<T> {
    /// An empty page: `{"data":[],"has_more":false}`.
    pub fn empty() -> Self {
        Page {
            data: Vec::new(),
            has_more: false,
            after: None,
        }
    }

    /// Transforms every element, keeping the cursor.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            data: self.data.into_iter().map(f).collect(),
            has_more: self.has_more,
            after: self.after,
        }
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self::empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_page_keeps_data_and_omits_after() {
        assert_eq!(
            serde_json::to_string(&Page::<u8>::empty()).unwrap(),
            r#"{"data":[],"has_more":false}"#
        );
        let page = Page {
            data: vec![1],
            has_more: true,
            after: Some("x".into()),
        };
        assert_eq!(
            serde_json::to_string(&page).unwrap(),
            r#"{"data":[1],"has_more":true,"after":"x"}"#
        );
        let parsed: Page<u8> = serde_json::from_str("{}").unwrap();
        assert_eq!(parsed, Page::empty());
    }
}
