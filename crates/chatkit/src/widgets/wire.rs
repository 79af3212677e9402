//! How widget structs meet the wire: the `type` tag, dropped nulls and
//! props this crate does not model.
//!
//! The SDK writes every component with its `type` first-class, omits every
//! null (recursively, payloads included) and, because parsing falls back to a
//! "dynamic" component, never loses a prop it does not know. The
//! [`widget_component!`] macro gives each component struct exactly that
//! behaviour so the structs themselves stay plain data.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Whether a field is left out of the JSON: `None` is, everything else is
/// written (the SDK keeps empty lists and required values).
pub(crate) trait Absent {
    /// True when the field must not be written.
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl Absent for String {
    fn is_absent(&self) -> bool {
        false
    }
}

impl<T> Absent for Vec<T> {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Reads a component object and removes its `type`, checking it names
/// `expected`. A missing `type` is accepted, as the SDK's models default it.
pub(crate) fn untag<'de, D: Deserializer<'de>>(
    deserializer: D,
    expected: &str,
) -> Result<Map<String, Value>, D::Error> {
    let mut map = Map::<String, Value>::deserialize(deserializer)?;
    // `shift_remove` keeps the other props in their original order.
    match map.shift_remove("type") {
        None => Ok(map),
        Some(Value::String(kind)) if kind == expected => Ok(map),
        Some(Value::String(kind)) => Err(D::Error::custom(format!(
            "expected a {expected} widget, got {kind}"
        ))),
        Some(other) => Err(D::Error::custom(format!(
            "widget `type` must be a string, got {other}"
        ))),
    }
}

/// Serializes a JSON value leaving out every null, at any depth, as the SDK's
/// `_drop_none` does for everything inside a widget.
pub(crate) struct WithoutNulls<'a>(pub(crate) &'a Value);

impl Serialize for WithoutNulls<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => serialize_map_without_nulls(map, serializer),
            Value::Array(items) => serializer.collect_seq(
                items
                    .iter()
                    .filter(|item| !item.is_null())
                    .map(WithoutNulls),
            ),
            other => other.serialize(serializer),
        }
    }
}

/// Serializes a JSON object without its null entries (recursively).
pub(crate) fn serialize_map_without_nulls<S: Serializer>(
    map: &Map<String, Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(
        map.iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| (key, WithoutNulls(value))),
    )
}

/// `serialize_with` for optional free-form JSON such as an action payload.
pub(crate) fn serialize_json_without_nulls<S: Serializer>(
    value: &Option<Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => WithoutNulls(value).serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Defines a widget component: the struct with its `key`, `id` and `extra`
/// props, serde that writes `type` and drops `None`, and `with_key`/`with_id`.
///
/// Every listed field is skipped when absent (see [`Absent`]); `extra` holds
/// unknown props so they survive a round trip. The derive runs with
/// `remote = "Self"` so the hand-written `Deserialize` can check and strip
/// `type` before the derived code sees the map (otherwise `type` would land in
/// `extra` and be written twice). The hand-written `Serialize` puts the props
/// in the SDK's order (see [`super::sdk_order`]); `extra` must stay the last
/// field, as that order relies on it coming last.
macro_rules! widget_component {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $tag:literal {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident : $field_ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(remote = "Self", tag = "type", rename = $tag, rename_all = "camelCase")]
        pub struct $name {
            /// Identity among siblings across updates (like a React `key`).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub key: Option<String>,
            /// Component id; streamed text updates target it.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            $(
                $(#[$field_meta])*
                #[serde(skip_serializing_if = "crate::widgets::wire::Absent::is_absent")]
                pub $field: $field_ty,
            )*
            /// Props this crate does not model, kept so they round-trip; must not
            /// repeat a modelled prop.
            #[serde(flatten, serialize_with = "crate::widgets::wire::serialize_map_without_nulls")]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let order = crate::widgets::sdk_order::SdkOrder::new($tag, &self.extra);
                if self.key.is_none() && self.id.is_none() && !order.box_like() {
                    // The inherent (derived, remote) serializer, which writes
                    // `type` first: already the SDK's order without key/id.
                    return $name::serialize(self, serializer);
                }
                // The value-tree algorithm this replaced, kept for the tests
                // that check the bytes did not change.
                #[cfg(test)]
                if crate::widgets::sdk_order::tests::reference_on() {
                    return crate::widgets::sdk_order::tests::reference(
                        $tag,
                        $name::serialize(self, serde_json::value::Serializer),
                        serializer,
                    );
                }
                // Which props with a fixed place will come: from `key` and `id`
                // alone, or for a box-like component from a keys-only pass of
                // the derive. The real pass then streams everything it can.
                let arriving = match order.known_arrivals(self.key.is_some(), self.id.is_some()) {
                    Some(arriving) => arriving,
                    None => $name::serialize(self, order.probe::<S::Error>())?,
                };
                $name::serialize(self, order.writer(arriving, serializer))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let map = crate::widgets::wire::untag(deserializer, $tag)?;
                $name::deserialize(serde_json::Value::Object(map)).map_err(serde::de::Error::custom)
            }
        }

        impl $name {
            /// Sets the component's `key`.
            pub fn with_key(mut self, key: impl Into<String>) -> Self {
                self.key = Some(key.into());
                self
            }

            /// Sets the component's `id`.
            pub fn with_id(mut self, id: impl Into<String>) -> Self {
                self.id = Some(id.into());
                self
            }
        }
    };
}

pub(crate) use widget_component;
