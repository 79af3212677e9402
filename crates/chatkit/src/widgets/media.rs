//! Components that show pictures: Icon and Image.

use serde::{Deserialize, Serialize};

use super::layout::Sizing;
use super::style::{Color, Dimension, IconSize, Radius, Spacing};
use super::wire::widget_component;

widget_component! {
    /// A built-in icon (see [`super::icons`]).
    #[derive(Default)]
    pub struct Icon = "Icon" {
        /// Icon name: a built-in name or a `vendor:`/`lucide:` name.
        pub name: String,
        /// Icon color (a text color token, a primitive token, CSS).
        pub color: Option<Color>,
        /// Icon size.
        pub size: Option<IconSize>,
    }
}

impl Icon {
    /// The icon called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

widget_component! {
    /// An image with sizing and fitting controls.
    #[derive(Default)]
    pub struct Image = "Image" {
        /// Image URL.
        pub src: String,
        /// Alternative text.
        pub alt: Option<String>,
        /// How the image fills its box.
        pub fit: Option<ImageFit>,
        /// Focal point inside the box.
        pub position: Option<ImagePosition>,
        /// Corner radius.
        pub radius: Option<Radius>,
        /// Draw a subtle frame around the image.
        pub frame: Option<bool>,
        /// Reach the container's edges, ignoring its padding.
        pub flush: Option<bool>,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
        /// Outer margin.
        pub margin: Option<Spacing>,
        /// Background color.
        pub background: Option<Color>,
        /// Aspect ratio (number or CSS).
        pub aspect_ratio: Option<Dimension>,
        /// Flex grow/shrink factor.
        pub flex: Option<Dimension>,
    }
}

impl Image {
    /// The image at `src`.
    pub fn new(src: impl Into<String>) -> Self {
        Self {
            src: src.into(),
            ..Self::default()
        }
    }
}

/// How an image fills its box (CSS `object-fit`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageFit {
    /// `cover`
    Cover,
    /// `contain`
    Contain,
    /// `fill`
    Fill,
    /// `scale-down`
    ScaleDown,
    /// `none`
    None,
}

/// Focal point of an image (CSS `object-position`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImagePosition {
    /// `top left`
    #[serde(rename = "top left")]
    TopLeft,
    /// `top`
    #[serde(rename = "top")]
    Top,
    /// `top right`
    #[serde(rename = "top right")]
    TopRight,
    /// `left`
    #[serde(rename = "left")]
    Left,
    /// `center`
    #[serde(rename = "center")]
    Center,
    /// `right`
    #[serde(rename = "right")]
    Right,
    /// `bottom left`
    #[serde(rename = "bottom left")]
    BottomLeft,
    /// `bottom`
    #[serde(rename = "bottom")]
    Bottom,
    /// `bottom right`
    #[serde(rename = "bottom right")]
    BottomRight,
}
