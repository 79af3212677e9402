//! Widgets: the typed component tree a widget thread item carries, serialized
//! exactly as openai-chatkit 1.6.5 writes it.
//!
//! * Every component writes its `type`, omits every unset (`None`) prop and
//!   every null nested in free-form JSON (payloads, unknown props).
//! * Parsing is as permissive as the SDK's: a component of an unknown type
//!   (the JS-only `Table`, say), or a known type whose props do not fit its
//!   model, is kept as a [`DynamicComponent`], and props this crate does not
//!   model are kept in each struct's `extra`, so a tree round-trips.
//! * Only `Card`, `ListView` and `Basic` may be a [`WidgetRoot`].
//! * [`WidgetTemplate`] builds a root from a `.widget` file (Jinja + data), as
//!   the SDK's `WidgetTemplate` does.
//! * Numbers are written back as read ([`Dimension`]); the Python SDK
//!   would write an int in a float-typed prop as `2.0`, the same number to a
//!   JSON reader.
//!
//! ```
//! use chatkit::widgets::{ActionConfig, Badge, Button, Card, Row, Text, Title, WidgetRoot};
//!
//! let card = Card::new(vec![
//!     Title::new("Buy milk").into(),
//!     Row::new(vec![
//!         Badge::new("today").into(),
//!         Button::new("Done")
//!             .on_click(ActionConfig::server("task.complete", serde_json::json!({"id": 1})))
//!             .into(),
//!     ])
//!     .into(),
//! ]);
//! let json = serde_json::to_value(WidgetRoot::from(card)).unwrap();
//! assert_eq!(json["type"], "Card");
//! ```

mod action;
mod chart;
mod controls;
pub mod icons;
mod layout;
mod media;
mod roots;
mod sdk_order;
mod style;
mod template;
mod text;
mod wire;

#[cfg(test)]
mod tests;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use action::{ActionConfig, ActionHandler, LoadingBehavior};
pub use chart::{AreaSeries, BarSeries, Chart, CurveType, LineSeries, Series, XAxis, XAxisConfig};
pub use controls::{
    Button, ButtonColor, ButtonStyle, Checkbox, DatePicker, Input, InputType, RadioGroup,
    RadioOption, Select, SelectOption, Side, Textarea,
};
pub use icons::is_valid_icon;
pub use layout::{
    Box, BoxProps, Col, Divider, Form, ListViewItem, Row, Sizing, Spacer, Transition,
};
pub use media::{Icon, Image, ImageFit, ImagePosition};
pub use roots::{Basic, Card, CardAction, ListView};
pub use style::*;
pub use template::{TemplateError, WidgetTemplate};
pub use text::{
    Badge, BadgeColor, BadgeVariant, Caption, Editable, EditableProps, Label, Markdown, Text, Title,
};

/// A widget a thread item can hold: a `Card`, a `ListView` or a `Basic` root.
// Unboxed on purpose: one root per item, and `WidgetRoot::Card(card)` reads best.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetRoot {
    /// A bordered container.
    Card(Card),
    /// A list of rows.
    ListView(ListView),
    /// A frameless layout root.
    Basic(Basic),
}

impl WidgetRoot {
    /// The root's `type`: `Card`, `ListView` or `Basic`.
    pub fn type_name(&self) -> &'static str {
        match self {
            WidgetRoot::Card(_) => "Card",
            WidgetRoot::ListView(_) => "ListView",
            WidgetRoot::Basic(_) => "Basic",
        }
    }
}

impl Serialize for WidgetRoot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            WidgetRoot::Card(card) => card.serialize(serializer),
            WidgetRoot::ListView(list) => list.serialize(serializer),
            WidgetRoot::Basic(basic) => basic.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for WidgetRoot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        let kind = type_of(&map).map_err(D::Error::custom)?.to_owned();
        let value = Value::Object(map);
        let root = match kind.as_str() {
            "Card" => <Card as Deserialize>::deserialize(value).map(WidgetRoot::Card),
            "ListView" => <ListView as Deserialize>::deserialize(value).map(WidgetRoot::ListView),
            "Basic" => <Basic as Deserialize>::deserialize(value).map(WidgetRoot::Basic),
            other => {
                return Err(D::Error::custom(format!(
                    "widget root must be Card, ListView or Basic, got {other}"
                )));
            }
        };
        root.map_err(|error| D::Error::custom(format!("invalid {kind} widget: {error}")))
    }
}

impl From<Card> for WidgetRoot {
    fn from(card: Card) -> Self {
        WidgetRoot::Card(card)
    }
}

impl From<ListView> for WidgetRoot {
    fn from(list: ListView) -> Self {
        WidgetRoot::ListView(list)
    }
}

impl From<Basic> for WidgetRoot {
    fn from(basic: Basic) -> Self {
        WidgetRoot::Basic(basic)
    }
}

/// The `type` of a component object, which must be a string.
fn type_of(map: &Map<String, Value>) -> Result<&str, String> {
    match map.get("type") {
        Some(Value::String(kind)) => Ok(kind),
        Some(other) => Err(format!("widget `type` must be a string, got {other}")),
        None => Err("widget has no `type`".to_owned()),
    }
}

/// Any component that can appear inside a widget.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetComponent {
    /// Plain text.
    Text(Text),
    /// Headline text.
    Title(Title),
    /// Supporting text.
    Caption(Caption),
    /// Markdown.
    Markdown(Markdown),
    /// A badge.
    Badge(Badge),
    /// A button.
    Button(Button),
    /// A separating line.
    Divider(Divider),
    /// Flexible space.
    Spacer(Spacer),
    /// An icon.
    Icon(Icon),
    /// An image.
    Image(Image),
    /// A flex container with a direction.
    Box(Box),
    /// A horizontal container.
    Row(Row),
    /// A vertical container.
    Col(Col),
    /// A form container.
    Form(Form),
    /// A text input.
    Input(Input),
    /// A multi-line text input.
    Textarea(Textarea),
    /// A dropdown.
    Select(Select),
    /// A date picker.
    DatePicker(DatePicker),
    /// A checkbox.
    Checkbox(Checkbox),
    /// Radio buttons.
    RadioGroup(RadioGroup),
    /// A form label.
    Label(Label),
    /// An animated wrapper.
    Transition(Transition),
    /// A chart.
    Chart(Chart),
    /// A `ListView` row.
    ListViewItem(ListViewItem),
    /// Any other component (or one whose props do not fit its model), kept as JSON.
    Dynamic(DynamicComponent),
}

/// Generates the per-variant plumbing of [`WidgetComponent`]: `type_name`,
/// `Serialize`, typed parsing with the dynamic fallback, and `From` impls.
macro_rules! component_variants {
    ($($variant:ident),* $(,)?) => {
        impl WidgetComponent {
            /// The component's `type`.
            pub fn type_name(&self) -> &str {
                match self {
                    $(WidgetComponent::$variant(_) => stringify!($variant),)*
                    WidgetComponent::Dynamic(dynamic) => dynamic.type_name(),
                }
            }

            /// Parses a component object: typed when its `type` is known and its
            /// props fit, dynamic otherwise (as the SDK does).
            fn from_map(map: Map<String, Value>) -> Result<Self, String> {
                let kind = type_of(&map)?;
                let parsed = match kind {
                    $(stringify!($variant) => <$variant as Deserialize>::deserialize(Value::Object(map.clone()))
                        .map(WidgetComponent::$variant),)*
                    _ => return Ok(WidgetComponent::Dynamic(DynamicComponent { props: map })),
                };
                Ok(parsed.unwrap_or_else(|error| {
                    tracing::debug!(%error, "widget component kept as dynamic");
                    WidgetComponent::Dynamic(DynamicComponent { props: map })
                }))
            }
        }

        impl Serialize for WidgetComponent {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(WidgetComponent::$variant(component) => component.serialize(serializer),)*
                    WidgetComponent::Dynamic(dynamic) => dynamic.serialize(serializer),
                }
            }
        }

        $(
            impl From<$variant> for WidgetComponent {
                fn from(component: $variant) -> Self {
                    WidgetComponent::$variant(component)
                }
            }
        )*
    };
}

component_variants!(
    Text,
    Title,
    Caption,
    Markdown,
    Badge,
    Button,
    Divider,
    Spacer,
    Icon,
    Image,
    Box,
    Row,
    Col,
    Form,
    Input,
    Textarea,
    Select,
    DatePicker,
    Checkbox,
    RadioGroup,
    Label,
    Transition,
    Chart,
    ListViewItem,
);

impl<'de> Deserialize<'de> for WidgetComponent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        WidgetComponent::from_map(map).map_err(D::Error::custom)
    }
}

impl From<DynamicComponent> for WidgetComponent {
    fn from(dynamic: DynamicComponent) -> Self {
        WidgetComponent::Dynamic(dynamic)
    }
}

/// A component kept as a JSON object (with its `type`): one this crate does
/// not model, such as chatkit-js's `Table`, or one whose props do not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicComponent {
    // Always holds a string `type`; nothing else is checked.
    props: Map<String, Value>,
}

impl DynamicComponent {
    /// A component of type `kind` with no other props.
    pub fn new(kind: impl Into<String>) -> Self {
        let mut props = Map::new();
        props.insert("type".to_owned(), Value::String(kind.into()));
        Self { props }
    }

    /// Wraps a JSON object; it must have a string `type`.
    pub fn from_map(props: Map<String, Value>) -> Result<Self, String> {
        type_of(&props)?;
        Ok(Self { props })
    }

    /// Sets a prop (`type` cannot be changed this way and is ignored).
    pub fn with(mut self, prop: impl Into<String>, value: impl Into<Value>) -> Self {
        let prop = prop.into();
        if prop != "type" {
            self.props.insert(prop, value.into());
        }
        self
    }

    /// The component's `type`.
    pub fn type_name(&self) -> &str {
        type_of(&self.props).unwrap_or_default()
    }

    /// All props, `type` included.
    pub fn props(&self) -> &Map<String, Value> {
        &self.props
    }

    /// The JSON object, `type` included.
    pub fn into_map(self) -> Map<String, Value> {
        self.props
    }
}

impl Serialize for DynamicComponent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        wire::serialize_map_without_nulls(&self.props, serializer)
    }
}

impl<'de> Deserialize<'de> for DynamicComponent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Map::<String, Value>::deserialize(deserializer)?;
        DynamicComponent::from_map(map).map_err(D::Error::custom)
    }
}
