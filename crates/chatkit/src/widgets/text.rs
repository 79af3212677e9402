//! Components that show text: Text, Title, Caption, Markdown, Label, Badge.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::style::{Color, CompactSize, Dimension, FontWeight, TextAlign, TextSize, TitleSize};
use super::wire::widget_component;

widget_component! {
    /// Plain text with typography controls; can stream and be edited inline.
    #[derive(Default)]
    pub struct Text = "Text" {
        /// The text.
        pub value: String,
        /// Animate incremental updates while the value streams.
        pub streaming: Option<bool>,
        /// Italic style.
        pub italic: Option<bool>,
        /// Line-through decoration.
        pub line_through: Option<bool>,
        /// Text color (`prose`, `primary`, `secondary`, `success`, a primitive token, CSS).
        pub color: Option<Color>,
        /// Font weight.
        pub weight: Option<FontWeight>,
        /// Width of the text container (px or CSS).
        pub width: Option<Dimension>,
        /// Text size.
        pub size: Option<TextSize>,
        /// Horizontal alignment.
        pub text_align: Option<TextAlign>,
        /// Truncate overflow with an ellipsis.
        pub truncate: Option<bool>,
        /// Lines of space reserved at least.
        pub min_lines: Option<u32>,
        /// Lines shown at most (line clamp).
        pub max_lines: Option<u32>,
        /// Inline editing: off (`false`) or a form field.
        pub editable: Option<Editable>,
    }
}

impl Text {
    /// Text showing `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            ..Self::default()
        }
    }

    /// Marks the text as streaming (animated incremental updates).
    pub fn streaming(mut self, streaming: bool) -> Self {
        self.streaming = Some(streaming);
        self
    }

    /// Sets the text color.
    pub fn color(mut self, color: impl Into<Color>) -> Self {
        self.color = Some(color.into());
        self
    }

    /// Sets the text size.
    pub fn size(mut self, size: TextSize) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the font weight.
    pub fn weight(mut self, weight: FontWeight) -> Self {
        self.weight = Some(weight);
        self
    }

    /// Draws a line through the text.
    pub fn line_through(mut self, line_through: bool) -> Self {
        self.line_through = Some(line_through);
        self
    }
}

/// A text's `editable` prop: `false`, or the form field it edits.
#[derive(Clone, Debug, PartialEq)]
pub enum Editable {
    /// Not editable (`false`).
    Off,
    /// Editable as the given form field.
    Field(EditableProps),
}

impl Serialize for Editable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Editable::Off => serializer.serialize_bool(false),
            Editable::Field(props) => props.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Editable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Bool(false) => Ok(Editable::Off),
            value @ Value::Object(_) => EditableProps::deserialize(value)
                .map(Editable::Field)
                .map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "`editable` must be false or an object, got {other}"
            ))),
        }
    }
}

/// The form field an editable text becomes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditableProps {
    /// Field name used when the form is submitted.
    pub name: String,
    /// Focus the input when it appears.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_focus: Option<bool>,
    /// Select all text on focus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_select: Option<bool>,
    /// Native autocomplete hint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_complete: Option<String>,
    /// Allow password-manager and autofill extensions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_autofill_extensions: Option<bool>,
    /// Validation regex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Placeholder text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// The field must be filled in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

widget_component! {
    /// Prominent headline text.
    #[derive(Default)]
    pub struct Title = "Title" {
        /// The text.
        pub value: String,
        /// Text color.
        pub color: Option<Color>,
        /// Font weight.
        pub weight: Option<FontWeight>,
        /// Title size.
        pub size: Option<TitleSize>,
        /// Horizontal alignment.
        pub text_align: Option<TextAlign>,
        /// Truncate overflow with an ellipsis.
        pub truncate: Option<bool>,
        /// Lines shown at most.
        pub max_lines: Option<u32>,
    }
}

impl Title {
    /// A title showing `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            ..Self::default()
        }
    }

    /// Sets the title size.
    pub fn size(mut self, size: TitleSize) -> Self {
        self.size = Some(size);
        self
    }
}

widget_component! {
    /// Small supporting text.
    #[derive(Default)]
    pub struct Caption = "Caption" {
        /// The text.
        pub value: String,
        /// Text color.
        pub color: Option<Color>,
        /// Font weight.
        pub weight: Option<FontWeight>,
        /// Caption size.
        pub size: Option<CompactSize>,
        /// Horizontal alignment.
        pub text_align: Option<TextAlign>,
        /// Truncate overflow with an ellipsis.
        pub truncate: Option<bool>,
        /// Lines shown at most.
        pub max_lines: Option<u32>,
    }
}

impl Caption {
    /// A caption showing `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            ..Self::default()
        }
    }

    /// Sets the caption color.
    pub fn color(mut self, color: impl Into<Color>) -> Self {
        self.color = Some(color.into());
        self
    }
}

widget_component! {
    /// Markdown content, optionally streamed.
    #[derive(Default)]
    pub struct Markdown = "Markdown" {
        /// Markdown source.
        pub value: String,
        /// Animate incremental updates while the value streams.
        pub streaming: Option<bool>,
    }
}

impl Markdown {
    /// Markdown rendering `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            ..Self::default()
        }
    }

    /// Marks the markdown as streaming.
    pub fn streaming(mut self, streaming: bool) -> Self {
        self.streaming = Some(streaming);
        self
    }
}

widget_component! {
    /// A form label for a named field.
    #[derive(Default)]
    pub struct Label = "Label" {
        /// The label text.
        pub value: String,
        /// Name of the field the label describes.
        pub field_name: String,
        /// Text size.
        pub size: Option<TextSize>,
        /// Font weight.
        pub weight: Option<FontWeight>,
        /// Horizontal alignment.
        pub text_align: Option<TextAlign>,
        /// Text color.
        pub color: Option<Color>,
    }
}

impl Label {
    /// A label `value` for the field named `field_name`.
    pub fn new(value: impl Into<String>, field_name: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            field_name: field_name.into(),
            ..Self::default()
        }
    }
}

widget_component! {
    /// A small status or category badge.
    #[derive(Default)]
    pub struct Badge = "Badge" {
        /// The badge text.
        pub label: String,
        /// Badge color.
        pub color: Option<BadgeColor>,
        /// Visual style.
        pub variant: Option<BadgeVariant>,
        /// Badge size.
        pub size: Option<CompactSize>,
        /// Fully rounded ends.
        pub pill: Option<bool>,
    }
}

impl Badge {
    /// A badge reading `label`.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            ..Self::default()
        }
    }

    /// Sets the badge color.
    pub fn color(mut self, color: BadgeColor) -> Self {
        self.color = Some(color);
        self
    }

    /// Sets the visual style.
    pub fn variant(mut self, variant: BadgeVariant) -> Self {
        self.variant = Some(variant);
        self
    }
}

/// Badge color token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BadgeColor {
    /// `secondary`
    Secondary,
    /// `success`
    Success,
    /// `danger`
    Danger,
    /// `warning`
    Warning,
    /// `info`
    Info,
    /// `discovery`
    Discovery,
}

/// Badge style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BadgeVariant {
    /// `solid`
    Solid,
    /// `soft`
    Soft,
    /// `outline`
    Outline,
}
