//! Interactive components: Button and the form controls (Input, Textarea,
//! Select, DatePicker, Checkbox, RadioGroup).

use serde::{Deserialize, Serialize};

use super::action::ActionConfig;
use super::style::{
    ButtonIconSize, ControlSize, ControlVariant, Direction, FieldVariant, GutterSize, TextAlign,
};
use super::wire::widget_component;

widget_component! {
    /// A button, usually wired to an action.
    #[derive(Default)]
    pub struct Button = "Button" {
        /// Submit the enclosing form.
        pub submit: Option<bool>,
        /// Button text.
        pub label: Option<String>,
        /// Action fired on click.
        pub on_click_action: Option<ActionConfig>,
        /// Icon before the label (alone: an icon-only button).
        pub icon_start: Option<String>,
        /// Icon after the label.
        pub icon_end: Option<String>,
        /// Style preset.
        pub style: Option<ButtonStyle>,
        /// Size of the icons.
        pub icon_size: Option<ButtonIconSize>,
        /// Button color.
        pub color: Option<ButtonColor>,
        /// Visual variant.
        pub variant: Option<ControlVariant>,
        /// Button size.
        pub size: Option<ControlSize>,
        /// Fully rounded ends.
        pub pill: Option<bool>,
        /// Same width and height.
        pub uniform: Option<bool>,
        /// Take the full available width.
        pub block: Option<bool>,
        /// Disabled.
        pub disabled: Option<bool>,
    }
}

impl Button {
    /// A button reading `label`.
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: Some(label.into()),
            ..Self::default()
        }
    }

    /// Sets the action fired on click.
    pub fn on_click(mut self, action: ActionConfig) -> Self {
        self.on_click_action = Some(action);
        self
    }

    /// Sets the style preset.
    pub fn style(mut self, style: ButtonStyle) -> Self {
        self.style = Some(style);
        self
    }

    /// Sets the button color.
    pub fn color(mut self, color: ButtonColor) -> Self {
        self.color = Some(color);
        self
    }

    /// Sets the visual variant.
    pub fn variant(mut self, variant: ControlVariant) -> Self {
        self.variant = Some(variant);
        self
    }

    /// Sets the button size.
    pub fn size(mut self, size: ControlSize) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the icon shown before the label.
    pub fn icon_start(mut self, icon: impl Into<String>) -> Self {
        self.icon_start = Some(icon.into());
        self
    }

    /// Makes the button submit the enclosing form.
    pub fn submit(mut self) -> Self {
        self.submit = Some(true);
        self
    }

    /// Makes the button take the full available width.
    pub fn block(mut self) -> Self {
        self.block = Some(true);
        self
    }
}

/// Button style preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ButtonStyle {
    /// `primary`
    Primary,
    /// `secondary`
    Secondary,
}

/// Button color token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ButtonColor {
    /// `primary`
    Primary,
    /// `secondary`
    Secondary,
    /// `info`
    Info,
    /// `discovery`
    Discovery,
    /// `success`
    Success,
    /// `caution`
    Caution,
    /// `warning`
    Warning,
    /// `danger`
    Danger,
}

widget_component! {
    /// A single-line text input.
    #[derive(Default)]
    pub struct Input = "Input" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// Native input type.
        pub input_type: Option<InputType>,
        /// Initial value.
        pub default_value: Option<String>,
        /// The field must be filled in.
        pub required: Option<bool>,
        /// Validation regex.
        pub pattern: Option<String>,
        /// Placeholder text.
        pub placeholder: Option<String>,
        /// Allow password-manager and autofill extensions.
        pub allow_autofill_extensions: Option<bool>,
        /// Select the content when mounted.
        pub auto_select: Option<bool>,
        /// Focus when mounted.
        pub auto_focus: Option<bool>,
        /// Disabled.
        pub disabled: Option<bool>,
        /// Visual variant.
        pub variant: Option<FieldVariant>,
        /// Control size.
        pub size: Option<ControlSize>,
        /// Gutter at the edges.
        pub gutter_size: Option<GutterSize>,
        /// Fully rounded ends.
        pub pill: Option<bool>,
    }
}

impl Input {
    /// An input for the field `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Native type of an `Input`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputType {
    /// `number`
    Number,
    /// `email`
    Email,
    /// `text`
    Text,
    /// `password`
    Password,
    /// `tel`
    Tel,
    /// `url`
    Url,
}

widget_component! {
    /// A multi-line text input.
    #[derive(Default)]
    pub struct Textarea = "Textarea" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// Initial value.
        pub default_value: Option<String>,
        /// The field must be filled in.
        pub required: Option<bool>,
        /// Validation regex.
        pub pattern: Option<String>,
        /// Placeholder text.
        pub placeholder: Option<String>,
        /// Select the content when mounted.
        pub auto_select: Option<bool>,
        /// Focus when mounted.
        pub auto_focus: Option<bool>,
        /// Disabled.
        pub disabled: Option<bool>,
        /// Visual variant.
        pub variant: Option<FieldVariant>,
        /// Control size.
        pub size: Option<ControlSize>,
        /// Gutter at the edges.
        pub gutter_size: Option<GutterSize>,
        /// Visible rows initially.
        pub rows: Option<u32>,
        /// Grow and shrink with the content.
        pub auto_resize: Option<bool>,
        /// Rows at most when resizing.
        pub max_rows: Option<u32>,
        /// Allow password-manager and autofill extensions.
        pub allow_autofill_extensions: Option<bool>,
    }
}

impl Textarea {
    /// A textarea for the field `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

widget_component! {
    /// A dropdown choice.
    #[derive(Default)]
    pub struct Select = "Select" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// The choices.
        pub options: Vec<SelectOption>,
        /// Action fired when the value changes.
        pub on_change_action: Option<ActionConfig>,
        /// Placeholder shown when nothing is selected.
        pub placeholder: Option<String>,
        /// Initially selected value.
        pub default_value: Option<String>,
        /// Visual variant.
        pub variant: Option<ControlVariant>,
        /// Control size.
        pub size: Option<ControlSize>,
        /// Fully rounded ends.
        pub pill: Option<bool>,
        /// Take the full available width.
        pub block: Option<bool>,
        /// Offer a control that clears the value.
        pub clearable: Option<bool>,
        /// Disabled.
        pub disabled: Option<bool>,
        /// Offer a search box (default: when there are more than 15 options).
        pub searchable: Option<bool>,
    }
}

impl Select {
    /// A select for the field `name` offering `options`.
    pub fn new(name: impl Into<String>, options: Vec<SelectOption>) -> Self {
        Self {
            name: name.into(),
            options,
            ..Self::default()
        }
    }

    /// Sets the action fired when the value changes.
    pub fn on_change(mut self, action: ActionConfig) -> Self {
        self.on_change_action = Some(action);
        self
    }

    /// Sets the initially selected value.
    pub fn default_value(mut self, value: impl Into<String>) -> Self {
        self.default_value = Some(value.into());
        self
    }
}

/// One choice of a `Select`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelectOption {
    /// Value submitted with the form.
    pub value: String,
    /// Text shown.
    pub label: String,
    /// The option cannot be chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// Secondary text under the label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl SelectOption {
    /// An option submitting `value`, shown as `label`.
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            ..Self::default()
        }
    }
}

widget_component! {
    /// A date picker; dates are ISO 8601 strings kept as written.
    #[derive(Default)]
    pub struct DatePicker = "DatePicker" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// Action fired when the date changes.
        pub on_change_action: Option<ActionConfig>,
        /// Placeholder shown when no date is chosen.
        pub placeholder: Option<String>,
        /// Initial date.
        pub default_value: Option<String>,
        /// Earliest selectable date.
        pub min: Option<String>,
        /// Latest selectable date.
        pub max: Option<String>,
        /// Visual variant.
        pub variant: Option<ControlVariant>,
        /// Control size.
        pub size: Option<ControlSize>,
        /// Side the calendar opens on.
        pub side: Option<Side>,
        /// Alignment of the calendar against the control.
        pub align: Option<TextAlign>,
        /// Fully rounded ends.
        pub pill: Option<bool>,
        /// Take the full available width.
        pub block: Option<bool>,
        /// Offer a control that clears the value.
        pub clearable: Option<bool>,
        /// Disabled.
        pub disabled: Option<bool>,
    }
}

impl DatePicker {
    /// A date picker for the field `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

/// Side a popover opens on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// `top`
    Top,
    /// `bottom`
    Bottom,
    /// `left`
    Left,
    /// `right`
    Right,
}

widget_component! {
    /// A checkbox.
    #[derive(Default)]
    pub struct Checkbox = "Checkbox" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// Text next to the box.
        pub label: Option<String>,
        /// Initially checked.
        pub default_checked: Option<bool>,
        /// Action fired when the box is toggled.
        pub on_change_action: Option<ActionConfig>,
        /// Disabled.
        pub disabled: Option<bool>,
        /// Must be checked to submit.
        pub required: Option<bool>,
    }
}

impl Checkbox {
    /// A checkbox for the field `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

widget_component! {
    /// A group of radio buttons.
    #[derive(Default)]
    pub struct RadioGroup = "RadioGroup" {
        /// Field name used when the form is submitted.
        pub name: String,
        /// The choices.
        pub options: Option<Vec<RadioOption>>,
        /// Accessible label (defaults to `name`).
        pub aria_label: Option<String>,
        /// Action fired when the choice changes.
        pub on_change_action: Option<ActionConfig>,
        /// Initially chosen value.
        pub default_value: Option<String>,
        /// Layout direction of the choices.
        pub direction: Option<Direction>,
        /// Disabled.
        pub disabled: Option<bool>,
        /// A choice is needed to submit.
        pub required: Option<bool>,
    }
}

impl RadioGroup {
    /// A radio group for the field `name` offering `options`.
    pub fn new(name: impl Into<String>, options: Vec<RadioOption>) -> Self {
        Self {
            name: name.into(),
            options: Some(options),
            ..Self::default()
        }
    }
}

/// One choice of a `RadioGroup`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RadioOption {
    /// Text shown.
    pub label: String,
    /// Value submitted with the form.
    pub value: String,
    /// The option cannot be chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

impl RadioOption {
    /// An option shown as `label`, submitting `value`.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
            disabled: None,
        }
    }
}
