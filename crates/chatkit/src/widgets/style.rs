//! Value types shared by widget props: colors, lengths, spacing, borders,
//! status headers and the closed token sets (sizes, weights, alignment).
//!
//! Numbers are kept as [`serde_json::Number`], so a prop reads back exactly as
//! it was written (`2` stays `2`; the Python SDK would write `2.0` for
//! float-typed props, which JavaScript reads as the same number).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};

/// A color: a token (`secondary`, `surface`, `red-100`), a CSS color, or one
/// color per theme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Color {
    /// A color token or CSS color string.
    Token(String),
    /// Separate colors for light and dark themes.
    Theme(ThemeColor),
}

/// A color per theme: `{"light": …, "dark": …}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeColor {
    /// Color used in the light theme.
    pub light: String,
    /// Color used in the dark theme.
    pub dark: String,
}

impl From<&str> for Color {
    fn from(token: &str) -> Self {
        Color::Token(token.to_owned())
    }
}

impl From<String> for Color {
    fn from(token: String) -> Self {
        Color::Token(token)
    }
}

/// A length or count: a number (px, spacing units, flex factor) or a CSS string.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Dimension {
    /// A number, written back exactly as read.
    Number(Number),
    /// A CSS value such as `"50%"` or `"auto"`.
    Css(String),
}

impl Dimension {
    /// A fractional number (e.g. an aspect ratio); `None` for NaN or infinity.
    pub fn from_f64(number: f64) -> Option<Self> {
        Number::from_f64(number).map(Dimension::Number)
    }
}

/// Implements `From<integer>` for number-or-string props.
macro_rules! from_integers {
    ($target:ty => $($int:ty),*) => {
        $(
            impl From<$int> for $target {
                fn from(number: $int) -> Self {
                    Dimension::Number(Number::from(number)).into()
                }
            }
        )*
    };
}

from_integers!(Dimension => i32, u32, i64, u64);
from_integers!(Spacing => i32, u32, i64, u64);

impl From<&str> for Dimension {
    fn from(css: &str) -> Self {
        Dimension::Css(css.to_owned())
    }
}

impl From<String> for Dimension {
    fn from(css: String) -> Self {
        Dimension::Css(css)
    }
}

/// Padding or margin: one value for every side, or per side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Spacing {
    /// The same spacing on every side (spacing units or CSS).
    Uniform(Dimension),
    /// Spacing per side (boxed: rarely used, and it would triple the size).
    Sides(Box<SpacingSides>),
}

impl From<Dimension> for Spacing {
    fn from(value: Dimension) -> Self {
        Spacing::Uniform(value)
    }
}

impl From<&str> for Spacing {
    fn from(css: &str) -> Self {
        Spacing::Uniform(css.into())
    }
}

impl From<BorderEdges> for Border {
    fn from(edges: BorderEdges) -> Self {
        Border::Edges(Box::new(edges))
    }
}

impl From<BorderLine> for Border {
    fn from(line: BorderLine) -> Self {
        Border::Line(line)
    }
}

impl From<u32> for Border {
    fn from(width: u32) -> Self {
        Border::Width(width)
    }
}

impl From<SpacingSides> for Spacing {
    fn from(sides: SpacingSides) -> Self {
        Spacing::Sides(Box::new(sides))
    }
}

/// Spacing per side; `x`/`y` set both horizontal/vertical sides.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SpacingSides {
    /// Top spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<Dimension>,
    /// Right spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<Dimension>,
    /// Bottom spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom: Option<Dimension>,
    /// Left spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<Dimension>,
    /// Left and right spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<Dimension>,
    /// Top and bottom spacing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<Dimension>,
}

/// A container border: a width in px, one line for every edge, or per edge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Border {
    /// Border width in px on every edge.
    Width(u32),
    /// One border line on every edge.
    Line(BorderLine),
    /// Borders per edge (boxed: rarely used, and it would quadruple the size).
    Edges(Box<BorderEdges>),
}

/// One edge's border: a width in px or a full line description.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BorderEdge {
    /// Border width in px.
    Width(u32),
    /// Width, color and style.
    Line(BorderLine),
}

/// A border line: `{size, color?, style?}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BorderLine {
    /// Thickness in px.
    pub size: u32,
    /// Border color (`default`, `subtle`, `strong`, a primitive token or CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// Line style.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<BorderStyle>,
}

/// Borders per edge; `x`/`y` set both horizontal/vertical edges.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BorderEdges {
    /// Top border.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top: Option<BorderEdge>,
    /// Right border.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<BorderEdge>,
    /// Bottom border.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom: Option<BorderEdge>,
    /// Left border.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<BorderEdge>,
    /// Left and right borders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<BorderEdge>,
    /// Top and bottom borders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub y: Option<BorderEdge>,
}

/// CSS border line style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BorderStyle {
    /// `solid`
    Solid,
    /// `dashed`
    Dashed,
    /// `dotted`
    Dotted,
    /// `double`
    Double,
    /// `groove`
    Groove,
    /// `ridge`
    Ridge,
    /// `inset`
    Inset,
    /// `outset`
    Outset,
}

/// The status header above a card or list: text plus a favicon or an icon.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WidgetStatus {
    /// Status text.
    pub text: String,
    /// URL of a favicon shown before the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    /// Draw a frame around the favicon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame: Option<bool>,
    /// Icon shown before the text (see [`super::icons`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
}

impl WidgetStatus {
    /// A status with an icon.
    pub fn with_icon(text: impl Into<String>, icon: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            icon: Some(icon.into()),
            ..Self::default()
        }
    }

    /// A status with a favicon URL.
    pub fn with_favicon(text: impl Into<String>, favicon: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            favicon: Some(favicon.into()),
            ..Self::default()
        }
    }
}

/// How many list items show before "Show more": a count or `"auto"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListLimit {
    /// Show this many items.
    Count(u32),
    /// Let the client decide (`"auto"`).
    Auto,
}

impl Serialize for ListLimit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ListLimit::Count(count) => serializer.serialize_u32(*count),
            ListLimit::Auto => serializer.serialize_str("auto"),
        }
    }
}

impl<'de> Deserialize<'de> for ListLimit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(text) if text == "auto" => Ok(ListLimit::Auto),
            Value::Number(number) => number
                .as_u64()
                .and_then(|count| u32::try_from(count).ok())
                .map(ListLimit::Count)
                .ok_or_else(|| D::Error::custom(format!("invalid list limit {number}"))),
            other => Err(D::Error::custom(format!(
                "list limit must be a count or \"auto\", got {other}"
            ))),
        }
    }
}

/// Defines a closed set of string tokens as a fieldless enum.
macro_rules! tokens {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $(#[$variant_meta])*
                #[serde(rename = $wire)]
                $variant,
            )*
        }
    };
}

tokens! {
    /// Force a light or dark theme for a subtree.
    pub enum Theme { Light = "light", Dark = "dark" }
}

tokens! {
    /// Flex direction.
    pub enum Direction { Row = "row", Col = "col" }
}

tokens! {
    /// Font weight.
    pub enum FontWeight { Normal = "normal", Medium = "medium", Semibold = "semibold", Bold = "bold" }
}

tokens! {
    /// Horizontal text alignment (also a date picker's popover alignment).
    pub enum TextAlign { Start = "start", Center = "center", End = "end" }
}

tokens! {
    /// Body text size.
    pub enum TextSize { Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl" }
}

tokens! {
    /// Title text size.
    pub enum TitleSize {
        Sm = "sm", Md = "md", Lg = "lg", Xl = "xl",
        TwoXl = "2xl", ThreeXl = "3xl", FourXl = "4xl", FiveXl = "5xl",
    }
}

tokens! {
    /// The three-step size scale of captions and badges.
    pub enum CompactSize { Sm = "sm", Md = "md", Lg = "lg" }
}

tokens! {
    /// Card width.
    pub enum CardSize { Sm = "sm", Md = "md", Lg = "lg", Full = "full" }
}

tokens! {
    /// Icon size.
    pub enum IconSize {
        Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", TwoXl = "2xl", ThreeXl = "3xl",
    }
}

tokens! {
    /// Size of the icons inside a button.
    pub enum ButtonIconSize { Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", TwoXl = "2xl" }
}

tokens! {
    /// Size of buttons and form controls.
    pub enum ControlSize {
        ThreeXs = "3xs", TwoXs = "2xs", Xs = "xs", Sm = "sm", Md = "md",
        Lg = "lg", Xl = "xl", TwoXl = "2xl", ThreeXl = "3xl",
    }
}

tokens! {
    /// Gutter at the edges of an input; overrides the one from `size`.
    pub enum GutterSize { TwoXs = "2xs", Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl" }
}

tokens! {
    /// Visual variant of buttons, selects and date pickers.
    pub enum ControlVariant { Solid = "solid", Soft = "soft", Outline = "outline", Ghost = "ghost" }
}

tokens! {
    /// Visual variant of text inputs and textareas.
    pub enum FieldVariant { Soft = "soft", Outline = "outline" }
}

tokens! {
    /// Flexbox cross-axis alignment.
    pub enum Alignment {
        Start = "start", Center = "center", End = "end", Baseline = "baseline", Stretch = "stretch",
    }
}

tokens! {
    /// Flexbox main-axis distribution.
    pub enum Justification {
        Start = "start", Center = "center", End = "end", Between = "between",
        Around = "around", Evenly = "evenly", Stretch = "stretch",
    }
}

tokens! {
    /// Flex wrapping.
    pub enum FlexWrap { NoWrap = "nowrap", Wrap = "wrap", WrapReverse = "wrap-reverse" }
}

tokens! {
    /// Corner radius.
    pub enum Radius {
        TwoXs = "2xs", Xs = "xs", Sm = "sm", Md = "md", Lg = "lg", Xl = "xl", TwoXl = "2xl",
        ThreeXl = "3xl", FourXl = "4xl", Full = "full", HundredPercent = "100%", None = "none",
    }
}
