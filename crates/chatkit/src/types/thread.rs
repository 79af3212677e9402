//! Threads: the metadata the store keeps and the `Thread` the client sees.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Page, ThreadItem};
use crate::timestamp::Timestamp;

/// A thread's lifecycle state; advisory, the server does not enforce it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ThreadStatus {
    /// The composer is enabled.
    #[default]
    Active,
    /// The composer is disabled, with `reason` as its placeholder.
    Locked {
        /// Why the thread is locked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The composer is replaced by a banner showing `reason`.
    Closed {
        /// Why the thread is closed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

/// A thread without its items: what the store saves and loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadMetadata {
    /// The title shown in the history; `None` until the app sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The thread id (`thr_…`).
    pub id: String,
    /// When the thread was created.
    pub created_at: Timestamp,
    /// Active, locked or closed.
    #[serde(default)]
    pub status: ThreadStatus,
    /// Image hosts the client may load from in this thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_image_domains: Option<Vec<String>>,
    /// Server-side data; persisted, never sent to the client.
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

impl ThreadMetadata {
    /// A new active, untitled thread.
    pub fn new(id: impl Into<String>, created_at: Timestamp) -> Self {
        ThreadMetadata {
            title: None,
            id: id.into(),
            created_at,
            status: ThreadStatus::Active,
            allowed_image_domains: None,
            metadata: Map::new(),
        }
    }

    /// The `Thread` sent to the client: these fields without `metadata`
    /// (the SDK always sends `"metadata":{}`), plus `items`.
    pub fn to_response(&self, items: Page<ThreadItem>) -> Thread {
        Thread {
            title: self.title.clone(),
            id: self.id.clone(),
            created_at: self.created_at,
            status: self.status.clone(),
            allowed_image_domains: self.allowed_image_domains.clone(),
            metadata: Map::new(),
            items,
        }
    }
}

/// A thread with a page of its items, as responses and events carry it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    /// The title shown in the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The thread id.
    pub id: String,
    /// When the thread was created.
    pub created_at: Timestamp,
    /// Active, locked or closed.
    #[serde(default)]
    pub status: ThreadStatus,
    /// Image hosts the client may load from in this thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_image_domains: Option<Vec<String>>,
    /// Always empty in what the server sends.
    #[serde(default)]
    pub metadata: Map<String, Value>,
    /// Items: the oldest 20 for `threads.get_by_id`, else an empty page.
    pub items: Page<ThreadItem>,
}

impl Thread {
    /// The thread without its items.
    pub fn metadata(&self) -> ThreadMetadata {
        ThreadMetadata {
            title: self.title.clone(),
            id: self.id.clone(),
            created_at: self.created_at,
            status: self.status.clone(),
            allowed_image_domains: self.allowed_image_domains.clone(),
            metadata: self.metadata.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        let s = |st: &ThreadStatus| serde_json::to_string(st).unwrap();
        assert_eq!(s(&ThreadStatus::Active), r#"{"type":"active"}"#);
        assert_eq!(
            s(&ThreadStatus::Locked { reason: None }),
            r#"{"type":"locked"}"#
        );
        assert_eq!(
            s(&ThreadStatus::Closed {
                reason: Some("done".into())
            }),
            r#"{"type":"closed","reason":"done"}"#
        );
        let parsed: ThreadStatus =
            serde_json::from_str(r#"{"type":"locked","reason":null}"#).unwrap();
        assert_eq!(parsed, ThreadStatus::Locked { reason: None });
        assert!(serde_json::from_str::<ThreadStatus>(r#"{"type":"Active"}"#).is_err());
    }

    #[test]
    fn response_drops_metadata_and_keeps_key_order() {
        let mut meta = ThreadMetadata::new("thr_1", "2025-01-02T03:04:05".parse().unwrap());
        meta.title = Some("T".into());
        meta.metadata.insert("secret".into(), Value::from(1));
        meta.allowed_image_domains = Some(vec!["example.com".into()]);
        let json = serde_json::to_string(&meta.to_response(Page::empty())).unwrap();
        assert_eq!(
            json,
            r#"{"title":"T","id":"thr_1","created_at":"2025-01-02T03:04:05","status":{"type":"active"},"allowed_image_domains":["example.com"],"metadata":{},"items":{"data":[],"has_more":false}}"#
        );
        let stored = serde_json::to_string(&meta).unwrap();
        assert!(stored.contains(r#""metadata":{"secret":1}"#), "{stored}");
        let back: ThreadMetadata = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, meta);
    }
}
