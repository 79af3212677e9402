//! `ActionConfig`: what a widget asks the client to do when it is used.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who handles an action: the server (`threads.custom_action`) or the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionHandler {
    /// Sent to the server as a custom action.
    #[default]
    Server,
    /// Delivered to the client's `widgets.onAction`.
    Client,
}

/// Which part of the widget shows a loading state while the action runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadingBehavior {
    /// The client picks (`self` for buttons, `none` for selects, `container` for cards).
    #[default]
    Auto,
    /// No loading state.
    None,
    /// The control that fired the action.
    #[serde(rename = "self")]
    Itself,
    /// The whole widget.
    Container,
}

/// An action a widget fires, written with every default spelled out as the
/// SDK does: `{"type":…,"payload":…,"handler":"server","loadingBehavior":"auto","streaming":true}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionConfig {
    /// App-defined action type, e.g. `task.complete` (`type` on the wire).
    #[serde(rename = "type")]
    pub kind: String,
    /// Free-form data sent back with the action; nulls inside are dropped.
    #[serde(
        default,
        skip_serializing_if = "payload_is_absent",
        serialize_with = "crate::widgets::wire::serialize_json_without_nulls"
    )]
    pub payload: Option<Value>,
    /// Who handles the action.
    #[serde(default)]
    pub handler: ActionHandler,
    /// Which part of the widget shows loading.
    #[serde(default)]
    pub loading_behavior: LoadingBehavior,
    /// Server actions: stream the response (`threads.custom_action`) or not
    /// (`threads.sync_custom_action`).
    #[serde(default = "streaming_default")]
    pub streaming: bool,
}

fn payload_is_absent(payload: &Option<Value>) -> bool {
    matches!(payload, None | Some(Value::Null))
}

fn streaming_default() -> bool {
    true
}

impl ActionConfig {
    /// A streaming server action with the given type and optional payload.
    pub fn server(kind: impl Into<String>, payload: impl Into<Option<Value>>) -> Self {
        Self {
            kind: kind.into(),
            payload: payload.into(),
            handler: ActionHandler::Server,
            loading_behavior: LoadingBehavior::Auto,
            streaming: true,
        }
    }

    /// An action handled by the page (`widgets.onAction`) instead of the server.
    pub fn client(kind: impl Into<String>, payload: impl Into<Option<Value>>) -> Self {
        Self {
            handler: ActionHandler::Client,
            ..Self::server(kind, payload)
        }
    }

    /// Sets whether the server answers with a stream (`false` = sync action).
    pub fn streaming(mut self, streaming: bool) -> Self {
        self.streaming = streaming;
        self
    }

    /// Sets which part of the widget shows loading.
    pub fn loading(mut self, loading_behavior: LoadingBehavior) -> Self {
        self.loading_behavior = loading_behavior;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_are_written() {
        let action = ActionConfig::server("task.complete", json!({"id": 1}));
        assert_eq!(
            serde_json::to_string(&action).unwrap(),
            r#"{"type":"task.complete","payload":{"id":1},"handler":"server","loadingBehavior":"auto","streaming":true}"#
        );
    }

    #[test]
    fn missing_payload_is_omitted_and_defaults_are_filled() {
        let action: ActionConfig = serde_json::from_str(r#"{"type":"x","payload":null}"#).unwrap();
        assert_eq!(action, ActionConfig::server("x", None));
        assert_eq!(
            serde_json::to_string(&action).unwrap(),
            r#"{"type":"x","handler":"server","loadingBehavior":"auto","streaming":true}"#
        );
    }

    #[test]
    fn nulls_inside_the_payload_are_dropped() {
        let action = ActionConfig::server("x", json!({"a": null, "b": [1, null, {"c": null}]}));
        assert_eq!(
            serde_json::to_value(&action).unwrap()["payload"],
            json!({"b": [1, {}]})
        );
    }

    #[test]
    fn every_setting_round_trips() {
        let text = r#"{"type":"t","handler":"client","loadingBehavior":"self","streaming":false}"#;
        let action: ActionConfig = serde_json::from_str(text).unwrap();
        assert_eq!(action.handler, ActionHandler::Client);
        assert_eq!(action.loading_behavior, LoadingBehavior::Itself);
        assert_eq!(serde_json::to_string(&action).unwrap(), text);
    }
}
