//! Message content: what a user sends (text, tags, inference options) and what
//! the assistant writes (text with annotations citing sources).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One part of a user message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum UserMessageContent {
    /// Plain text.
    #[serde(rename = "input_text")]
    InputText {
        /// The text typed.
        text: String,
    },
    /// An entity tag picked in the composer (`@Bob`).
    #[serde(rename = "input_tag")]
    InputTag {
        /// The entity id.
        id: String,
        /// The text shown for the tag.
        text: String,
        /// App data attached to the entity.
        data: Map<String, Value>,
        /// The group the entity was listed under.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
        /// Whether the tag is clickable.
        #[serde(default)]
        interactive: bool,
    },
}

impl UserMessageContent {
    /// A text part.
    pub fn text(text: impl Into<String>) -> Self {
        UserMessageContent::InputText { text: text.into() }
    }

    /// The text of this part (a tag's display text).
    pub fn as_text(&self) -> &str {
        match self {
            UserMessageContent::InputText { text } | UserMessageContent::InputTag { text, .. } => {
                text
            }
        }
    }
}

/// Model and tool choices made in the composer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferenceOptions {
    /// A tool the user explicitly picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_choice: Option<ToolChoice>,
    /// A model the user explicitly picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// A composer tool the user selected, by its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolChoice {
    /// The tool id from the client's `composer.tools`.
    pub id: String,
}

/// One text part of an assistant message: `{"annotations":[],"text":"…","type":"output_text"}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct AssistantMessageContent {
    /// Citations placed in the text.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// The text (markdown).
    pub text: String,
}
wire_serialize!(
    AssistantMessageContent,
    [annotations, text],
    "output_text",
    []
);

impl AssistantMessageContent {
    /// A text part without annotations.
    pub fn text(text: impl Into<String>) -> Self {
        AssistantMessageContent {
            annotations: Vec::new(),
            text: text.into(),
        }
    }
}

/// A citation in assistant text: `{"type":"annotation","source":…,"index"?:…}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Annotation {
    /// What is cited.
    pub source: Source,
    /// Where in the text the citation marker goes.
    #[serde(default)]
    pub index: Option<usize>,
}
wire_serialize!(Annotation, [], "annotation", [source, index = opt]);

tagged_union! {
    /// Something an annotation or task cites.
    pub enum Source ("source") {
        /// A web page.
        Url(UrlSource) = "url",
        /// A file.
        File(FileSource) = "file",
        /// An app entity (opens a preview or calls the client back).
        Entity(EntitySource) = "entity",
    }
}

/// A cited web page.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct UrlSource {
    /// The title shown.
    pub title: String,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// A display timestamp (free text).
    #[serde(default)]
    pub timestamp: Option<String>,
    /// Sources with the same group are shown together.
    #[serde(default)]
    pub group: Option<String>,
    /// The page address.
    pub url: String,
    /// Who published it.
    #[serde(default)]
    pub attribution: Option<String>,
}
wire_serialize!(
    UrlSource,
    [title, description = opt, timestamp = opt, group = opt],
    "url",
    [url, attribution = opt]
);

/// A cited file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FileSource {
    /// The title shown.
    pub title: String,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// A display timestamp (free text).
    #[serde(default)]
    pub timestamp: Option<String>,
    /// Sources with the same group are shown together.
    #[serde(default)]
    pub group: Option<String>,
    /// The file name.
    pub filename: String,
}
wire_serialize!(
    FileSource,
    [title, description = opt, timestamp = opt, group = opt],
    "file",
    [filename]
);

/// A cited app entity.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EntitySource {
    /// The title shown.
    pub title: String,
    /// A longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// A display timestamp (free text).
    #[serde(default)]
    pub timestamp: Option<String>,
    /// Sources with the same group are shown together.
    #[serde(default)]
    pub group: Option<String>,
    /// The entity id.
    pub id: String,
    /// An icon name.
    #[serde(default)]
    pub icon: Option<String>,
    /// Label next to the icon in the hover header.
    #[serde(default)]
    pub label: Option<String>,
    /// Label for the inline annotation (the icon when absent).
    #[serde(default)]
    pub inline_label: Option<String>,
    /// Whether client entity callbacks are wired for it.
    #[serde(default)]
    pub interactive: bool,
    /// Data passed to client entity callbacks.
    #[serde(default)]
    pub data: Map<String, Value>,
    /// Deprecated and ignored by the client (`"lazy"`); kept so it round-trips.
    #[serde(default)]
    pub preview: Option<String>,
}
wire_serialize!(
    EntitySource,
    [title, description = opt, timestamp = opt, group = opt],
    "entity",
    [
        id,
        icon = opt,
        label = opt,
        inline_label = opt,
        interactive,
        data,
        preview = opt
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + serde::de::DeserializeOwned>(json: &str) {
        let value: T = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
    }

    #[test]
    fn assistant_content_key_order() {
        round_trip::<AssistantMessageContent>(
            r#"{"annotations":[],"text":"hi","type":"output_text"}"#,
        );
        let parsed: AssistantMessageContent = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert_eq!(parsed, AssistantMessageContent::text("x"));
    }

    #[test]
    fn annotations_and_sources() {
        round_trip::<Annotation>(
            r#"{"type":"annotation","source":{"title":"Docs","type":"url","url":"https://x.dev/a"},"index":3}"#,
        );
        round_trip::<Annotation>(
            r#"{"type":"annotation","source":{"title":"F","group":"g","type":"file","filename":"a.pdf"}}"#,
        );
        round_trip::<Source>(
            r#"{"title":"Bob","description":"d","type":"entity","id":"u1","icon":"user","inline_label":"B","interactive":true,"data":{"k":1}}"#,
        );
        let entity: Source =
            serde_json::from_str(r#"{"type":"entity","title":"Bob","id":"u1","preview":"lazy"}"#)
                .unwrap();
        assert_eq!(
            serde_json::to_string(&entity).unwrap(),
            r#"{"title":"Bob","type":"entity","id":"u1","interactive":false,"data":{},"preview":"lazy"}"#
        );
    }

    #[test]
    fn unknown_source_type_is_named() {
        let err = serde_json::from_str::<Source>(r#"{"type":"book","title":"x"}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(r#"unknown source type "book"; expected one of url, file, entity"#),
            "{err}"
        );
        let err = serde_json::from_str::<Source>(r#"{"title":"x"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `type`"), "{err}");
        let err =
            serde_json::from_str::<Source>(r#"{"type":"url","title":"x","url":5}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("url: invalid type: integer `5`, expected a string"),
            "{err}"
        );
    }

    #[test]
    fn user_content() {
        round_trip::<UserMessageContent>(r#"{"type":"input_text","text":"hi"}"#);
        round_trip::<UserMessageContent>(
            r#"{"type":"input_tag","id":"x","text":"Bob","data":{"k":"v"},"group":"People","interactive":true}"#,
        );
        let tag: UserMessageContent = serde_json::from_str(
            r#"{"type":"input_tag","id":"x","text":"Bob","data":{},"group":null}"#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&tag).unwrap(),
            r#"{"type":"input_tag","id":"x","text":"Bob","data":{},"interactive":false}"#
        );
    }

    #[test]
    fn inference_options_omit_nulls() {
        round_trip::<InferenceOptions>("{}");
        round_trip::<InferenceOptions>(r#"{"tool_choice":{"id":"search"},"model":"gpt"}"#);
        let parsed: InferenceOptions =
            serde_json::from_str(r#"{"tool_choice":null,"model":null}"#).unwrap();
        assert_eq!(parsed, InferenceOptions::default());
    }
}
