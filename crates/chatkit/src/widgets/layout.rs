//! Layout components: Box, Row, Col, Form, ListViewItem, Divider, Spacer,
//! Transition, and the props they share.

use serde::{Deserialize, Serialize};

use super::WidgetComponent;
use super::action::ActionConfig;
use super::style::{
    Alignment, Border, Color, Dimension, Direction, FlexWrap, Justification, Radius, Spacing,
};
use super::wire::{Absent, widget_component};

/// Width and height props shared by containers, images and charts (px or CSS).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sizing {
    /// Explicit height.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<Dimension>,
    /// Explicit width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<Dimension>,
    /// Width and height at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Dimension>,
    /// Minimum height.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_height: Option<Dimension>,
    /// Minimum width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_width: Option<Dimension>,
    /// Minimum width and height at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_size: Option<Dimension>,
    /// Maximum height.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_height: Option<Dimension>,
    /// Maximum width.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_width: Option<Dimension>,
    /// Maximum width and height at once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_size: Option<Dimension>,
}

impl Absent for Sizing {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Flex-container props shared by Box, Row, Col and Form (their sizes are in
/// a separate [`Sizing`]: serde's `flatten` cannot nest and still leave the
/// unknown props alone).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoxProps {
    /// Child components.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<WidgetComponent>>,
    /// Cross-axis alignment of the children.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub align: Option<Alignment>,
    /// Main-axis distribution of the children.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justify: Option<Justification>,
    /// Wrapping of the children.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrap: Option<FlexWrap>,
    /// Flex grow/shrink factor (number or CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flex: Option<Dimension>,
    /// Gap between the children (spacing units or CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Dimension>,
    /// Inner padding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub padding: Option<Spacing>,
    /// Outer margin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Spacing>,
    /// Border.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub border: Option<Border>,
    /// Corner radius.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius: Option<Radius>,
    /// Background color (`surface`, `surface-secondary`, a primitive token, CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<Color>,
    /// Aspect ratio (number or CSS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<Dimension>,
}

impl Absent for BoxProps {
    fn is_absent(&self) -> bool {
        false
    }
}

widget_component! {
    /// Generic flex container with a direction.
    #[derive(Default)]
    pub struct Box = "Box" {
        /// Container props.
        #[serde(flatten)]
        pub layout: BoxProps,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
        /// Flex direction.
        pub direction: Option<Direction>,
    }
}

widget_component! {
    /// Horizontal flex container.
    #[derive(Default)]
    pub struct Row = "Row" {
        /// Container props.
        #[serde(flatten)]
        pub layout: BoxProps,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
    }
}

widget_component! {
    /// Vertical flex container.
    #[derive(Default)]
    pub struct Col = "Col" {
        /// Container props.
        #[serde(flatten)]
        pub layout: BoxProps,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
    }
}

widget_component! {
    /// A container that submits its fields with `onSubmitAction`.
    #[derive(Default)]
    pub struct Form = "Form" {
        /// Container props.
        #[serde(flatten)]
        pub layout: BoxProps,
        /// Width and height.
        #[serde(flatten)]
        pub sizing: Sizing,
        /// Action fired on submit; the field values are merged into its payload.
        pub on_submit_action: Option<ActionConfig>,
        /// Flex direction.
        pub direction: Option<Direction>,
    }
}

/// Builders shared by the flex containers.
macro_rules! container_builders {
    ($($name:ident),*) => {
        $(
            impl $name {
                /// A container holding `children`.
                pub fn new(children: Vec<WidgetComponent>) -> Self {
                    let mut container = Self::default();
                    container.layout.children = Some(children);
                    container
                }

                /// Sets the gap between the children.
                pub fn gap(mut self, gap: impl Into<Dimension>) -> Self {
                    self.layout.gap = Some(gap.into());
                    self
                }

                /// Sets the inner padding.
                pub fn padding(mut self, padding: impl Into<Spacing>) -> Self {
                    self.layout.padding = Some(padding.into());
                    self
                }

                /// Sets the cross-axis alignment.
                pub fn align(mut self, align: Alignment) -> Self {
                    self.layout.align = Some(align);
                    self
                }

                /// Sets the main-axis distribution.
                pub fn justify(mut self, justify: Justification) -> Self {
                    self.layout.justify = Some(justify);
                    self
                }

                /// Sets width and height at once.
                pub fn size(mut self, size: impl Into<Dimension>) -> Self {
                    self.sizing.size = Some(size.into());
                    self
                }

                /// Sets the background color.
                pub fn background(mut self, background: impl Into<Color>) -> Self {
                    self.layout.background = Some(background.into());
                    self
                }
            }
        )*
    };
}

container_builders!(Box, Row, Col, Form);

impl Box {
    /// Sets the flex direction.
    pub fn direction(mut self, direction: Direction) -> Self {
        self.direction = Some(direction);
        self
    }
}

impl Form {
    /// Sets the action fired on submit.
    pub fn on_submit(mut self, action: ActionConfig) -> Self {
        self.on_submit_action = Some(action);
        self
    }
}

widget_component! {
    /// One row of a `ListView`.
    #[derive(Default)]
    pub struct ListViewItem = "ListViewItem" {
        /// The row's content.
        pub children: Vec<WidgetComponent>,
        /// Action fired when the row is clicked.
        pub on_click_action: Option<ActionConfig>,
        /// Gap between the children.
        pub gap: Option<Dimension>,
        /// Vertical alignment of the content.
        pub align: Option<Alignment>,
    }
}

impl ListViewItem {
    /// A list row holding `children`.
    pub fn new(children: Vec<WidgetComponent>) -> Self {
        Self {
            children,
            ..Self::default()
        }
    }

    /// Sets the action fired when the row is clicked.
    pub fn on_click(mut self, action: ActionConfig) -> Self {
        self.on_click_action = Some(action);
        self
    }

    /// Sets the gap between the children.
    pub fn gap(mut self, gap: impl Into<Dimension>) -> Self {
        self.gap = Some(gap.into());
        self
    }

    /// Sets the vertical alignment of the content.
    pub fn align(mut self, align: Alignment) -> Self {
        self.align = Some(align);
        self
    }
}

widget_component! {
    /// A line separating sections.
    #[derive(Default)]
    pub struct Divider = "Divider" {
        /// Line color (`default`, `subtle`, `strong`, a primitive token, CSS).
        pub color: Option<Color>,
        /// Line thickness (px or CSS).
        pub size: Option<Dimension>,
        /// Space above and below (spacing units or CSS).
        pub spacing: Option<Dimension>,
        /// Reach the container's edges, ignoring its padding.
        pub flush: Option<bool>,
    }
}

impl Divider {
    /// A plain divider.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the divider reach the container's edges.
    pub fn flush(mut self) -> Self {
        self.flush = Some(true);
        self
    }
}

widget_component! {
    /// Flexible space that pushes its siblings apart.
    #[derive(Default)]
    pub struct Spacer = "Spacer" {
        /// Minimum size along the flex direction.
        pub min_size: Option<Dimension>,
    }
}

impl Spacer {
    /// A spacer with no minimum size.
    pub fn new() -> Self {
        Self::default()
    }
}

widget_component! {
    /// Animates layout changes of its single child.
    #[derive(Default)]
    pub struct Transition = "Transition" {
        /// The animated child (`null` is allowed and means none).
        pub children: Option<std::boxed::Box<WidgetComponent>>,
    }
}

impl Transition {
    /// A transition around `child`.
    pub fn new(child: impl Into<WidgetComponent>) -> Self {
        Self {
            children: Some(std::boxed::Box::new(child.into())),
            ..Self::default()
        }
    }
}
