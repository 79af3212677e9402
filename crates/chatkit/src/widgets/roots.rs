//! The widgets a thread item can hold at its root: Card, ListView, Basic.

use serde::{Deserialize, Serialize};

use super::WidgetComponent;
use super::action::ActionConfig;
use super::layout::ListViewItem;
use super::style::{
    Alignment, CardSize, Color, Dimension, Direction, Justification, ListLimit, Spacing, Theme,
    WidgetStatus,
};
use super::wire::widget_component;

widget_component! {
    /// A bordered container, optionally a form with confirm/cancel buttons.
    #[derive(Default)]
    pub struct Card = "Card" {
        /// Treat the card as a form: confirm/cancel collect its fields.
        pub as_form: Option<bool>,
        /// The card's content.
        pub children: Vec<WidgetComponent>,
        /// Background color (`surface`, `surface-secondary`, a primitive token, CSS).
        pub background: Option<Color>,
        /// Card width.
        pub size: Option<CardSize>,
        /// Inner padding.
        pub padding: Option<Spacing>,
        /// Status header above the card.
        pub status: Option<WidgetStatus>,
        /// Collapse the body after the main action completed.
        pub collapsed: Option<bool>,
        /// Confirm button in the footer.
        pub confirm: Option<CardAction>,
        /// Cancel button in the footer.
        pub cancel: Option<CardAction>,
        /// Force a light or dark theme.
        pub theme: Option<Theme>,
    }
}

impl Card {
    /// A card holding `children`.
    pub fn new(children: Vec<WidgetComponent>) -> Self {
        Self {
            children,
            ..Self::default()
        }
    }

    /// Sets the status header.
    pub fn status(mut self, status: WidgetStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the card width.
    pub fn size(mut self, size: CardSize) -> Self {
        self.size = Some(size);
        self
    }

    /// Makes the card a form whose confirm/cancel collect its fields.
    pub fn as_form(mut self) -> Self {
        self.as_form = Some(true);
        self
    }

    /// Adds a confirm button firing `action`.
    pub fn confirm(mut self, label: impl Into<String>, action: ActionConfig) -> Self {
        self.confirm = Some(CardAction::new(label, action));
        self
    }

    /// Adds a cancel button firing `action`.
    pub fn cancel(mut self, label: impl Into<String>, action: ActionConfig) -> Self {
        self.cancel = Some(CardAction::new(label, action));
        self
    }

    /// Collapses the body (after the main action completed).
    pub fn collapsed(mut self, collapsed: bool) -> Self {
        self.collapsed = Some(collapsed);
        self
    }
}

/// A confirm or cancel button in a card's footer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardAction {
    /// Button label.
    pub label: String,
    /// Action the button fires.
    pub action: ActionConfig,
}

impl CardAction {
    /// A footer button reading `label` that fires `action`.
    pub fn new(label: impl Into<String>, action: ActionConfig) -> Self {
        Self {
            label: label.into(),
            action,
        }
    }
}

widget_component! {
    /// A list of rows with an optional "Show more" limit.
    #[derive(Default)]
    pub struct ListView = "ListView" {
        /// The rows.
        pub children: Vec<ListViewItem>,
        /// Rows shown before "Show more".
        pub limit: Option<ListLimit>,
        /// Status header above the list.
        pub status: Option<WidgetStatus>,
        /// Force a light or dark theme.
        pub theme: Option<Theme>,
    }
}

impl ListView {
    /// A list of `items`.
    pub fn new(items: Vec<ListViewItem>) -> Self {
        Self {
            children: items,
            ..Self::default()
        }
    }

    /// Sets the status header.
    pub fn status(mut self, status: WidgetStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets how many rows show before "Show more".
    pub fn limit(mut self, limit: ListLimit) -> Self {
        self.limit = Some(limit);
        self
    }
}

widget_component! {
    /// A frameless layout root (entity previews; in threads since chatkit-js 1.7).
    ///
    /// The SDK models it as a dynamic component, so any other prop is kept in
    /// `extra`. Nested roots (allowed here by the JS client) parse as
    /// [`WidgetComponent::Dynamic`].
    #[derive(Default)]
    pub struct Basic = "Basic" {
        /// The content.
        pub children: Option<Vec<WidgetComponent>>,
        /// Force a light or dark theme.
        pub theme: Option<Theme>,
        /// Flex direction.
        pub direction: Option<Direction>,
        /// Gap between the children.
        pub gap: Option<Dimension>,
        /// Inner padding.
        pub padding: Option<Spacing>,
        /// Cross-axis alignment.
        pub align: Option<Alignment>,
        /// Main-axis distribution.
        pub justify: Option<Justification>,
    }
}

impl Basic {
    /// A basic root holding `children`.
    pub fn new(children: Vec<WidgetComponent>) -> Self {
        Self {
            children: Some(children),
            ..Self::default()
        }
    }
}
