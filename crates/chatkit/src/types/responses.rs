//! JSON bodies of non-streaming responses that are not threads, pages or attachments.

use serde::{Deserialize, Serialize};

use super::ThreadItem;

/// The answer to `threads.sync_custom_action`: `{"updated_item": …}` or `{}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncCustomActionResponse {
    /// The item the client should replace, if any (not persisted by the driver).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_item: Option<ThreadItem>,
}

/// The answer to `input.transcribe`: `{"text": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptionResult {
    /// The transcribed text.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_response_is_empty_without_item() {
        assert_eq!(
            serde_json::to_string(&SyncCustomActionResponse::default()).unwrap(),
            "{}"
        );
        let json = r#"{"updated_item":{"id":"e","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"end_of_turn"}}"#;
        let parsed: SyncCustomActionResponse = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
        assert_eq!(
            serde_json::to_string(&TranscriptionResult { text: "ok".into() }).unwrap(),
            r#"{"text":"ok"}"#
        );
    }
}
