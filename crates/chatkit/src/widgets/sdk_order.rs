//! Writes a component's props in the SDK's order straight to the output.
//!
//! pydantic writes a model's fields in MRO order: for Box, Row, Col and Form
//! the `BoxBase` props come first, then `key`, `id` and `type` (the component
//! base model's), then the component's own props; for other components `key`,
//! `id`, `type`, then the rest. The serde derive writes `type`, `key`, `id`,
//! the fields in declaration order and then `extra`.
//!
//! [`SdkOrder`] sits between the derive and the real serializer. It first
//! learns which props with a fixed place ("slots") will come: for a box-like
//! component by running the derive with a key-only [`Probe`], for the others
//! from whether `key` and `id` are set. Then the derive runs with a
//! [`Writer`] that forwards each entry as soon as every slot due before it
//! has been written, and holds back (as a `serde_json::Value`) only the
//! entries that arrive early. Children, the bulk of a widget, stream straight
//! through: in Box/Row/Col/Form they are the first slot, elsewhere they come
//! after every slot. It replaces reordering a `Value` of each component,
//! which copied every subtree once per level above it.

use std::marker::PhantomData;

use serde::ser::{self, Impossible, Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::wire::WithoutNulls;

/// Props with a fixed place, in the order they are written: `BoxBase`'s
/// fields in declaration order (only box-like components have them first),
/// then `key`, `id` and `type`.
const SLOTS: [&str; 24] = [
    "children",
    "align",
    "justify",
    "wrap",
    "flex",
    "gap",
    "height",
    "width",
    "size",
    "minHeight",
    "minWidth",
    "minSize",
    "maxHeight",
    "maxWidth",
    "maxSize",
    "padding",
    "margin",
    "border",
    "radius",
    "background",
    "aspectRatio",
    "key",
    "id",
    "type",
];

/// Index in [`SLOTS`] of `key`, the first slot every component has.
const KEY_SLOT: usize = 21;
/// Index in [`SLOTS`] of `id`.
const ID_SLOT: usize = 22;
/// Index in [`SLOTS`] of `type`.
const TYPE_SLOT: usize = 23;

/// Components whose SDK model inherits `BoxBase` next to the component base.
pub(crate) const BOX_LIKE: &[&str] = &["Box", "Row", "Col", "Form"];

// Slots are tracked as bits of a `u32`.
const _: () = assert!(SLOTS.len() <= 32);

/// The slot of prop `name` in a (box-like or other) component, if it has one.
fn slot_of(box_like: bool, name: &str) -> Option<usize> {
    let first = if box_like { 0 } else { KEY_SLOT };
    SLOTS
        .iter()
        .skip(first)
        .position(|slot| *slot == name)
        .map(|at| first + at)
}

/// The bit of `slot` in a slot set.
fn bit(slot: usize) -> u32 {
    1 << slot
}

/// The error for a second pass of the derive that does not write the props
/// the first one announced: writing on could only put them in the wrong order.
fn changed<E: ser::Error>() -> E {
    E::custom("widget props changed between the key probe and the write")
}

/// How one component is written: its `type`, whether it is box-like, and
/// its `extra` props (a prop repeated there must be written once, see
/// [`OrderedMap`]).
#[derive(Clone, Copy)]
pub(crate) struct SdkOrder<'a> {
    tag: &'static str,
    box_like: bool,
    extra: &'a Map<String, Value>,
}

impl<'a> SdkOrder<'a> {
    /// The order for a component of type `tag` with these `extra` props.
    pub(crate) fn new(tag: &'static str, extra: &'a Map<String, Value>) -> Self {
        Self {
            tag,
            box_like: BOX_LIKE.contains(&tag),
            extra,
        }
    }

    /// Whether the component is a Box, Row, Col or Form.
    pub(crate) fn box_like(&self) -> bool {
        self.box_like
    }

    /// The slots a component that is not box-like writes, known without a
    /// probe: `type`, and `key` and `id` when set (as fields or, against the
    /// rules, in `extra`). `None` for a box-like one: which `BoxBase` props
    /// it sets only the derive knows. Should this ever disagree with the
    /// derive, the writer fails rather than misplace a prop.
    pub(crate) fn known_arrivals(self, key: bool, id: bool) -> Option<Arrivals> {
        if self.box_like {
            return None;
        }
        let mut arriving = bit(TYPE_SLOT);
        if key || extra_prop(self.extra, "key").is_some() {
            arriving |= bit(KEY_SLOT);
        }
        if id || extra_prop(self.extra, "id").is_some() {
            arriving |= bit(ID_SLOT);
        }
        Some(Arrivals(arriving))
    }

    /// A serializer that reads only the keys the derive writes and returns
    /// the slots among them; run the derive with it first.
    pub(crate) fn probe<E: ser::Error>(self) -> Probe<E> {
        Probe {
            box_like: self.box_like,
            error: PhantomData,
        }
    }

    /// A serializer that writes the derive's entries to `serializer` in the
    /// SDK's order, given the slots the probe found.
    pub(crate) fn writer<S: Serializer>(self, arriving: Arrivals, serializer: S) -> Writer<'a, S> {
        Writer {
            order: self,
            arriving: arriving.0,
            inner: serializer,
        }
    }
}

/// The slots a component writes, found by [`Probe`].
pub(crate) struct Arrivals(u32);

/// The key-only first pass: see [`SdkOrder::probe`].
pub(crate) struct Probe<E> {
    box_like: bool,
    error: PhantomData<fn() -> E>,
}

/// The map [`Probe`] hands the derive.
pub(crate) struct ProbeMap<E> {
    box_like: bool,
    arriving: u32,
    error: PhantomData<fn() -> E>,
}

impl<E: ser::Error> ProbeMap<E> {
    fn note<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), E> {
        let box_like = self.box_like;
        if let Some(slot) = with_str::<_, _, E>(key, |name| slot_of(box_like, name))? {
            self.arriving |= bit(slot);
        }
        Ok(())
    }
}

impl<E: ser::Error> SerializeMap for ProbeMap<E> {
    type Ok = Arrivals;
    type Error = E;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), E> {
        self.note(key)
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, _value: &V) -> Result<(), E> {
        // Values, children included, are left for the real pass.
        Ok(())
    }

    fn serialize_entry<K: ?Sized + Serialize, V: ?Sized + Serialize>(
        &mut self,
        key: &K,
        _value: &V,
    ) -> Result<(), E> {
        self.note(key)
    }

    fn end(self) -> Result<Arrivals, E> {
        Ok(Arrivals(self.arriving))
    }
}

/// The writing pass: see [`SdkOrder::writer`].
pub(crate) struct Writer<'a, S> {
    order: SdkOrder<'a>,
    arriving: u32,
    inner: S,
}

/// A prop's value as it will be written: the one given, or (for a prop also
/// in `extra`) the `extra` one.
enum Entry<'v, V: ?Sized> {
    Given(&'v V),
    Extra(WithoutNulls<'v>),
}

impl<V: ?Sized + Serialize> Serialize for Entry<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Given(value) => value.serialize(serializer),
            Entry::Extra(value) => value.serialize(serializer),
        }
    }
}

/// The map [`Writer`] hands the derive: forwards each entry to the real map
/// in the SDK's order.
///
/// Slots are written in [`SLOTS`] order, then every other prop in arrival
/// order. An entry is written when it arrives if every slot due before it is
/// written, else held until then. This is correct for any arrival order; with
/// the derive's (`type`, `key`, `id`, fields, `extra`) only `type`, `key` and
/// `id` are held in box-like components (they are due after `BoxBase`), `type`
/// in the others, plus `padding`..`aspectRatio` when a size prop is set
/// (`BoxProps` declares them before the sizes, `BoxBase` after). A held
/// `type` equal to the component's tag (always, from the derive) is only
/// noted, not copied.
///
/// A prop set both as a field and in `extra` (which `extra` must not do) is
/// written once, where the field comes, with the `extra` value: what the
/// `Value` map this order was first computed from did. That relies on `extra`
/// coming last, as the macro declares it.
pub(crate) struct OrderedMap<'a, M> {
    inner: M,
    order: SdkOrder<'a>,
    /// Slots that will arrive (from the probe).
    arriving: u32,
    /// Slots written.
    written: u32,
    /// Whether `type` arrived before its turn with the component's tag.
    tag_held: bool,
    /// Other slots that arrived before their turn.
    held_slots: Vec<(usize, Value)>,
    /// Other props that arrived before every slot was written, in order.
    held_rest: Vec<(String, Value)>,
    /// `extra` props already written or held.
    extra_seen: Vec<&'a str>,
    /// A key given alone by `serialize_key`, waiting for its value.
    pending_key: Option<String>,
}

impl<'a, M: SerializeMap> OrderedMap<'a, M> {
    fn entry<K, V>(&mut self, key: &K, value: &V) -> Result<(), M::Error>
    where
        K: ?Sized + Serialize,
        V: ?Sized + Serialize,
    {
        let SdkOrder {
            box_like, extra, ..
        } = self.order;
        let (slot, in_extra) = with_str::<_, _, M::Error>(key, |name| {
            (slot_of(box_like, name), extra_prop(extra, name))
        })?;
        let value = match in_extra {
            None => Entry::Given(value),
            Some((name, extra_value)) => {
                if self.extra_seen.contains(&name) {
                    // Its first arrival already carried the `extra` value.
                    return Ok(());
                }
                self.extra_seen.push(name);
                Entry::Extra(WithoutNulls(extra_value))
            }
        };
        match slot {
            Some(slot) => self.slot_entry(slot, key, &value),
            None => self.rest_entry(key, &value),
        }
    }

    fn slot_entry<K, V>(&mut self, slot: usize, key: &K, value: &V) -> Result<(), M::Error>
    where
        K: ?Sized + Serialize,
        V: ?Sized + Serialize,
    {
        let bit = bit(slot);
        let already = self.written & bit != 0
            || (slot == TYPE_SLOT && self.tag_held)
            || self.held_slots.iter().any(|(s, _)| *s == slot);
        if self.arriving & bit == 0 || already {
            return Err(changed());
        }
        if self.arriving & !self.written & (bit - 1) == 0 {
            self.inner.serialize_entry(key, value)?;
            self.written |= bit;
            self.flush()
        } else if slot == TYPE_SLOT && self.is_tag(value) {
            self.tag_held = true;
            Ok(())
        } else {
            let held = serde_json::to_value(value).map_err(ser::Error::custom)?;
            self.held_slots.push((slot, held));
            Ok(())
        }
    }

    /// Whether `value` is the string the component's tag is.
    fn is_tag<V: ?Sized + Serialize>(&self, value: &V) -> bool {
        let tag = self.order.tag;
        // Anything but a string is refused, so is not the tag.
        matches!(
            with_str::<_, _, M::Error>(value, |text| text == tag),
            Ok(true)
        )
    }

    fn rest_entry<K, V>(&mut self, key: &K, value: &V) -> Result<(), M::Error>
    where
        K: ?Sized + Serialize,
        V: ?Sized + Serialize,
    {
        if self.arriving & !self.written == 0 {
            return self.inner.serialize_entry(key, value);
        }
        let name = with_str::<_, _, M::Error>(key, str::to_owned)?;
        let held = serde_json::to_value(value).map_err(ser::Error::custom)?;
        self.held_rest.push((name, held));
        Ok(())
    }

    /// Writes the held slots that are now due, in order, and once every slot
    /// is written the held other props.
    fn flush(&mut self) -> Result<(), M::Error> {
        loop {
            let due = self.arriving & !self.written;
            if due == 0 {
                break;
            }
            let next = due.trailing_zeros() as usize;
            let name = SLOTS.get(next).ok_or_else(changed)?;
            if next == TYPE_SLOT && self.tag_held {
                self.tag_held = false;
                self.inner.serialize_entry(name, self.order.tag)?;
            } else if let Some(at) = self.held_slots.iter().position(|(slot, _)| *slot == next) {
                let (_, value) = self.held_slots.swap_remove(at);
                self.inner.serialize_entry(name, &value)?;
            } else {
                // Not arrived yet: everything after it waits.
                return Ok(());
            }
            self.written |= bit(next);
        }
        if !self.held_rest.is_empty() {
            for (name, value) in self.held_rest.drain(..) {
                self.inner.serialize_entry(&name, &value)?;
            }
        }
        Ok(())
    }
}

impl<M: SerializeMap> SerializeMap for OrderedMap<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<K: ?Sized + Serialize>(&mut self, key: &K) -> Result<(), M::Error> {
        // The derive writes whole entries; this is only for completeness.
        self.pending_key = Some(with_str::<_, _, M::Error>(key, str::to_owned)?);
        Ok(())
    }

    fn serialize_value<V: ?Sized + Serialize>(&mut self, value: &V) -> Result<(), M::Error> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| ser::Error::custom("map value without a key"))?;
        self.entry(&key, value)
    }

    fn serialize_entry<K: ?Sized + Serialize, V: ?Sized + Serialize>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), M::Error> {
        self.entry(key, value)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        self.flush()?;
        if self.pending_key.is_some() {
            return Err(ser::Error::custom("map key without a value"));
        }
        if self.arriving & !self.written != 0 {
            return Err(changed());
        }
        self.inner.end()
    }
}

/// An `extra` prop named `name` that is written (not null), with its key
/// borrowed from `extra`.
fn extra_prop<'a>(extra: &'a Map<String, Value>, name: &str) -> Option<(&'a str, &'a Value)> {
    if extra.is_empty() {
        return None;
    }
    extra
        .get_key_value(name)
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| (key.as_str(), value))
}

/// Serializes `item` (a map key, or a value that should be a string) and
/// hands the string to `read` without copying it; anything else is an error.
fn with_str<T, R, E>(item: &T, read: impl FnOnce(&str) -> R) -> Result<R, E>
where
    T: ?Sized + Serialize,
    E: ser::Error,
{
    item.serialize(StrOnly {
        read,
        marker: PhantomData,
    })
}

/// The serializer behind [`with_str`]: accepts only strings, as widget props
/// are named by strings.
struct StrOnly<F, R, E> {
    read: F,
    marker: PhantomData<fn() -> (R, E)>,
}

/// The error for anything but a map where a component is written.
fn not_a_map<E: ser::Error>() -> E {
    E::custom("a widget component is written as a map")
}

/// The error for a map key that is not a string.
fn not_a_string<E: ser::Error>() -> E {
    E::custom("a widget prop name must be a string")
}

/// The `Serializer` methods none of the serializers here accept: all but
/// `serialize_str`, `serialize_newtype_struct` and `serialize_map`.
macro_rules! refuse {
    ($error:ident) => {
        type SerializeSeq = Impossible<Self::Ok, Self::Error>;
        type SerializeTuple = Impossible<Self::Ok, Self::Error>;
        type SerializeTupleStruct = Impossible<Self::Ok, Self::Error>;
        type SerializeTupleVariant = Impossible<Self::Ok, Self::Error>;
        type SerializeStruct = Impossible<Self::Ok, Self::Error>;
        type SerializeStructVariant = Impossible<Self::Ok, Self::Error>;

        fn serialize_bool(self, _: bool) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_i8(self, _: i8) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_i16(self, _: i16) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_i32(self, _: i32) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_i64(self, _: i64) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_u8(self, _: u8) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_u16(self, _: u16) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_u32(self, _: u32) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_u64(self, _: u64) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_f32(self, _: f32) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_f64(self, _: f64) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_char(self, _: char) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_none(self) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_unit(self) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, Self::Error> {
            Err($error())
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
            Err($error())
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
            Err($error())
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Self::Error> {
            Err($error())
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            Err($error())
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Self::Error> {
            Err($error())
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            Err($error())
        }
    };
}

impl<F, R, E> Serializer for StrOnly<F, R, E>
where
    F: FnOnce(&str) -> R,
    E: ser::Error,
{
    type Ok = R;
    type Error = E;
    type SerializeMap = Impossible<R, E>;

    refuse!(not_a_string);

    fn serialize_str(self, name: &str) -> Result<R, E> {
        Ok((self.read)(name))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        name: &T,
    ) -> Result<R, E> {
        name.serialize(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Impossible<R, E>, E> {
        Err(not_a_string())
    }
}

impl<E: ser::Error> Serializer for Probe<E> {
    type Ok = Arrivals;
    type Error = E;
    type SerializeMap = ProbeMap<E>;

    refuse!(not_a_map);

    fn serialize_str(self, _: &str) -> Result<Arrivals, E> {
        Err(not_a_map())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Arrivals, E> {
        Err(not_a_map())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<ProbeMap<E>, E> {
        Ok(ProbeMap {
            box_like: self.box_like,
            arriving: 0,
            error: PhantomData,
        })
    }
}

impl<'a, S: Serializer> Serializer for Writer<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeMap = OrderedMap<'a, S::SerializeMap>;

    refuse!(not_a_map);

    fn serialize_str(self, _: &str) -> Result<S::Ok, S::Error> {
        Err(not_a_map())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_a_map())
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(OrderedMap {
            inner: self.inner.serialize_map(len)?,
            order: self.order,
            arriving: self.arriving,
            written: 0,
            tag_held: false,
            held_slots: Vec::new(),
            held_rest: Vec::new(),
            extra_seen: Vec::new(),
            pending_key: None,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! The bytes must not change: the widget tests compare this module's output
    //! with the algorithm it replaced (serialize to a `Value`, reorder the
    //! keys, write the `Value`), run at every level of the tree as before.

    use std::cell::{Cell, RefCell};

    use serde::ser::{self, Serialize, SerializeMap, Serializer};
    use serde_json::{Map, Value, json};

    use super::{BOX_LIKE, KEY_SLOT, SLOTS, SdkOrder, slot_of};
    use crate::widgets::*;

    thread_local! {
        /// Whether components on this thread serialize the old way.
        static REFERENCE: Cell<bool> = const { Cell::new(false) };
    }

    /// Whether the component being serialized must use [`reference`].
    pub(crate) fn reference_on() -> bool {
        REFERENCE.with(Cell::get)
    }

    /// The old algorithm's last step: the component's derived output as a
    /// `Value`, reordered, then written.
    pub(crate) fn reference<S: Serializer>(
        tag: &str,
        derived: Result<Value, serde_json::Error>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let value = derived.map_err(ser::Error::custom)?;
        sdk_key_order(tag, value).serialize(serializer)
    }

    /// The old `BOX_BASE_ORDER`, verbatim.
    const BOX_BASE_ORDER: &[&str] = &[
        "children",
        "align",
        "justify",
        "wrap",
        "flex",
        "gap",
        "height",
        "width",
        "size",
        "minHeight",
        "minWidth",
        "minSize",
        "maxHeight",
        "maxWidth",
        "maxSize",
        "padding",
        "margin",
        "border",
        "radius",
        "background",
        "aspectRatio",
    ];

    /// The old `sdk_key_order`, verbatim.
    fn sdk_key_order(tag: &str, value: Value) -> Value {
        let Value::Object(mut map) = value else {
            return value;
        };
        let mut ordered = Map::with_capacity(map.len());
        let leading: &[&str] = if BOX_LIKE.contains(&tag) {
            BOX_BASE_ORDER
        } else {
            &[]
        };
        for field in leading.iter().chain(&["key", "id", "type"]) {
            if let Some(v) = map.shift_remove(*field) {
                ordered.insert((*field).to_string(), v);
            }
        }
        ordered.extend(map);
        Value::Object(ordered)
    }

    /// Turns the old algorithm on for this thread until dropped.
    struct ReferenceOn;

    impl ReferenceOn {
        fn new() -> Self {
            REFERENCE.with(|on| on.set(true));
            ReferenceOn
        }
    }

    impl Drop for ReferenceOn {
        fn drop(&mut self) {
            REFERENCE.with(|on| on.set(false));
        }
    }

    /// Checks `widget` serializes exactly as the old algorithm did, as text
    /// and as a `Value` (whose key order is checked too: `Map`'s `==` ignores it).
    fn assert_same_as_before<T: Serialize>(widget: &T) -> String {
        let text = serde_json::to_string(widget).unwrap();
        let value = serde_json::to_value(widget).unwrap();
        let (old_text, old_value) = {
            let _on = ReferenceOn::new();
            (
                serde_json::to_string(widget).unwrap(),
                serde_json::to_value(widget).unwrap(),
            )
        };
        assert_eq!(text, old_text);
        assert_eq!(value, old_value);
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            serde_json::to_string(&old_value).unwrap()
        );
        text
    }

    /// `extra` props from a JSON object literal.
    fn props(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    /// A card with a form, keyed and id'd components at every level, and
    /// `extra` props, some named like `BoxBase` props or `key`.
    fn form_card() -> WidgetRoot {
        let mut title = Input::new("title");
        title.id = Some("title_input".to_owned());
        let mut due = DatePicker::new("due");
        due.key = Some("due".to_owned());
        let mut fields = Col::new(vec![
            Label::new("Title", "title").into(),
            title.into(),
            due.into(),
            Select::new(
                "priority",
                vec![
                    SelectOption::new("1", "Low"),
                    SelectOption::new("4", "Urgent"),
                ],
            )
            .into(),
        ])
        .gap(2)
        .with_key("fields");
        // Unset `BoxBase` props set through `extra`: the SDK order moves them.
        fields.extra =
            props(json!({"zIndex": 2, "maxWidth": "40rem", "height": 300, "flex": null}));
        let mut form = Form::new(vec![
            fields.into(),
            Row::new(vec![
                Spacer::new().into(),
                Button::new("Save")
                    .submit()
                    .style(ButtonStyle::Primary)
                    .into(),
            ])
            .justify(Justification::End)
            .into(),
        ])
        .gap(3)
        .padding(json_spacing())
        .on_submit(ActionConfig::server(
            "task.save",
            json!({"id": 7, "none": null}),
        ))
        .with_id("task_form");
        form.direction = Some(Direction::Col);
        form.sizing.height = Some(Dimension::from(480));
        form.sizing.min_width = Some("20rem".into());
        form.layout.radius = Some(Radius::Lg);
        form.layout.aspect_ratio = Dimension::from_f64(1.5);
        form.extra = props(json!({"aria": {"label": "Edit", "hidden": null}, "align": "center"}));

        let mut boxed = Box::new(vec![
            Icon::new("check").into(),
            Transition::new(Badge::new("moving").with_key("b"))
                .with_key("t")
                .into(),
            DynamicComponent::new("Table")
                .with("rows", json!([{"a": 1, "b": null}]))
                .into(),
        ])
        .direction(Direction::Row)
        .background("surface-secondary");
        boxed.sizing.size = Some(Dimension::from(40));
        boxed.layout.margin = Some(Spacing::from(2));
        boxed.extra = props(json!({"key": "from-extra", "future": [1, null, {"x": null}]}));

        let mut badge = Badge::new("draft").with_id("status_badge");
        badge.extra = props(json!({"gap": 1, "key": "k", "tooltip": "Not saved"}));
        let mut text = Text::new("Editing").streaming(true);
        text.extra = props(json!({"children": "not a box prop here", "id": "from-extra"}));

        let mut card = Card::new(vec![
            Row::new(vec![badge.into(), text.into()])
                .with_key("head")
                .into(),
            form.into(),
            boxed.into(),
            Divider::new().flush().with_id("divider").into(),
        ])
        .status(WidgetStatus::with_icon("Edit task", "write"))
        .confirm("Save", ActionConfig::server("task.save", None))
        .with_id("card");
        card.extra = props(json!({"padding": 4, "gap": 2, "unknown": true}));
        card.into()
    }

    /// Per-side padding.
    fn json_spacing() -> Spacing {
        serde_json::from_value(json!({"top": 1, "x": 2})).unwrap()
    }

    /// A list with keyed rows whose layouts set props out of the derive's order.
    fn keyed_list() -> WidgetRoot {
        let items = (0..4).map(|n| {
            let mut row = Row::new(vec![
                Badge::new(format!("#{n}"))
                    .with_id(format!("badge_{n}"))
                    .into(),
                Col::new(vec![
                    Text::new(format!("Row {n}"))
                        .with_key(format!("text_{n}"))
                        .into(),
                    Caption::new("caption").into(),
                ])
                .padding(1)
                .into(),
                Button::new("Open")
                    .on_click(ActionConfig::client("open", json!({"n": n})))
                    .with_id(format!("open_{n}"))
                    .with_key(format!("open_{n}"))
                    .into(),
            ])
            .gap(2)
            .padding(3)
            .align(Alignment::Center)
            .with_key(format!("row_{n}"));
            // A size after `padding`: `BoxProps` declares the sizes last.
            if n % 2 == 0 {
                row.sizing.height = Some(Dimension::from(44));
                row.sizing.max_size = Some("100%".into());
                row.layout.border = Some(Border::Width(1));
            }
            let mut item = ListViewItem::new(vec![row.into()])
                .gap(1)
                .align(Alignment::Start)
                .with_key(format!("item_{n}"));
            item.extra = props(json!({"children": null, "selected": n == 1}));
            item
        });
        let mut view = ListView::new(items.collect()).limit(ListLimit::Count(3));
        view.key = Some("list".to_owned());
        view.extra = props(json!({"gap": 3}));
        view.into()
    }

    #[test]
    fn slots_are_found_by_name() {
        for (slot, name) in SLOTS.iter().enumerate() {
            assert_eq!(slot_of(true, name), Some(slot));
            assert_eq!(slot_of(false, name), (slot >= KEY_SLOT).then_some(slot));
        }
        assert_eq!(slot_of(true, "label"), None);
        for tag in BOX_LIKE {
            assert!(SdkOrder::new(tag, &Map::new()).box_like());
        }
        assert!(!SdkOrder::new("ListViewItem", &Map::new()).box_like());
    }

    #[test]
    fn nested_widgets_serialize_as_before() {
        assert_same_as_before(&task_list(25));
        let text = assert_same_as_before(&keyed_list());
        assert!(text.starts_with(r#"{"key":"list","type":"ListView","children":[{"key":"item_0","type":"ListViewItem","children":[{"children":[{"id":"badge_0","type":"Badge""#), "{text}");
        let text = assert_same_as_before(&form_card());
        // `extra`'s `height` and `maxWidth` land among the `BoxBase` props.
        assert!(
            text.contains(r#"{"children":[{"type":"Label","value":"Title","fieldName":"title"},"#),
            "{text}"
        );
        assert!(text.contains(r#"],"gap":2,"height":300,"maxWidth":"40rem","key":"fields","type":"Col","zIndex":2}"#), "{text}");
    }

    #[test]
    fn every_component_kind_serializes_as_before() {
        use crate::widgets::tests::{
            SDK_BASIC_ROOT, SDK_CARD_NO_DATA, SDK_CARD_WITH_DATA, sdk_list_view,
        };
        let list = sdk_list_view(&[("blue", "Blue line"), ("red", "Red line")]);
        for sdk in [SDK_BASIC_ROOT, SDK_CARD_NO_DATA, SDK_CARD_WITH_DATA, &list] {
            let root: WidgetRoot = serde_json::from_str(sdk).unwrap();
            assert_same_as_before(&root);
        }
        let WidgetRoot::Card(card) = form_card() else {
            panic!("not a card")
        };
        for child in &card.children {
            assert_same_as_before(child);
        }
        assert_same_as_before(&card);
    }

    #[test]
    fn props_repeated_in_extra_are_written_once_as_before() {
        // Not something `extra` may hold, but written as the old algorithm
        // did in box-like and keyed components: where the field goes, with
        // the `extra` value.
        let mut row = Row::new(vec![Text::new("a").into()]).gap(2);
        row.extra = props(json!({"gap": 9, "children": [], "padding": 1, "type": "Col"}));
        let mut item = ListViewItem::new(vec![row.into()]).gap(1).with_key("i");
        item.extra = props(json!({"gap": 5, "key": "other", "id": "x"}));
        let mut badge = Badge::new("b").with_id("b");
        badge.extra = props(json!({"label": "c", "id": null}));
        let list = WidgetRoot::from(ListView::new(vec![
            item,
            ListViewItem::new(vec![badge.into()]).with_id("j"),
        ]));
        let text = assert_same_as_before(&list);
        assert!(
            text.contains(r#"{"children":[],"gap":9,"padding":1,"type":"Col"}"#),
            "{text}"
        );
    }

    /// A map written with its entries in the given order.
    struct Entries(Vec<(String, Value)>);

    impl Serialize for Entries {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            for (key, value) in &self.0 {
                map.serialize_entry(key, value)?;
            }
            map.end()
        }
    }

    /// `entries` written through [`SdkOrder`].
    fn in_sdk_order<T: Serialize>(
        tag: &'static str,
        entries: &T,
    ) -> Result<String, serde_json::Error> {
        let extra = Map::new();
        let order = SdkOrder::new(tag, &extra);
        let arriving = entries.serialize(order.probe::<serde_json::Error>())?;
        let mut out = Vec::new();
        entries.serialize(order.writer(arriving, &mut serde_json::Serializer::new(&mut out)))?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn any_arrival_order_gives_the_sdk_order() {
        let names = [
            "type",
            "key",
            "id",
            "children",
            "align",
            "gap",
            "height",
            "width",
            "padding",
            "margin",
            "aspectRatio",
            "minSize",
            "label",
            "onClickAction",
            "direction",
            "zeta",
            "alpha",
        ];
        // A fixed pseudo-random sequence (an LCG) of subsets and orders.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            seed >> 33
        };
        for round in 0..500 {
            let mut entries: Vec<(String, Value)> = names
                .iter()
                .filter(|_| next() % 3 != 0)
                .map(|name| (name.to_string(), json!({"of": name, "n": [round, null]})))
                .collect();
            // `type` holding the tag, as from the derive, or something else.
            let tagged = round % 2 == 0;
            for i in (1..entries.len()).rev() {
                let j = usize::try_from(next()).unwrap() % (i + 1);
                entries.swap(i, j);
            }
            for tag in ["Row", "Badge"] {
                let mut entries = Entries(entries.clone());
                for (name, value) in &mut entries.0 {
                    if name == "type" && tagged {
                        *value = json!(tag);
                    }
                }
                let expected = sdk_key_order(tag, serde_json::to_value(&entries).unwrap());
                assert_eq!(
                    in_sdk_order(tag, &entries).unwrap(),
                    serde_json::to_string(&expected).unwrap(),
                    "{tag}: {:?}",
                    entries.0.iter().map(|(k, _)| k).collect::<Vec<_>>()
                );
            }
        }
    }

    /// Writes `first` on its first serialization and `then` on the others.
    struct Fickle {
        calls: RefCell<u32>,
        first: Vec<&'static str>,
        then: Vec<&'static str>,
    }

    impl Serialize for Fickle {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let calls = self.calls.replace_with(|calls| *calls + 1);
            let keys = if calls == 0 { &self.first } else { &self.then };
            let mut map = serializer.serialize_map(None)?;
            for key in keys {
                map.serialize_entry(key, &1)?;
            }
            map.end()
        }
    }

    #[test]
    fn props_that_change_between_the_passes_are_an_error_not_a_wrong_order() {
        for (first, then) in [
            (vec!["type", "gap"], vec!["type"]),
            (vec!["type"], vec!["type", "gap"]),
            (vec!["type", "padding"], vec!["type", "padding", "padding"]),
        ] {
            let fickle = Fickle {
                calls: RefCell::new(0),
                first,
                then,
            };
            let error = in_sdk_order("Row", &fickle).unwrap_err();
            assert!(
                error.to_string().contains("widget props changed"),
                "{error}"
            );
        }
        let not_a_map = in_sdk_order("Badge", &json!([1])).unwrap_err();
        assert!(
            not_a_map.to_string().contains("written as a map"),
            "{not_a_map}"
        );
        let number_key =
            in_sdk_order("Badge", &std::collections::BTreeMap::from([(1, 2)])).unwrap_err();
        assert!(
            number_key.to_string().contains("must be a string"),
            "{number_key}"
        );
    }

    /// A 25-row task list shaped like taskpilot's `task_list` widget.
    pub(super) fn task_list(rows: u64) -> WidgetRoot {
        let mut refresh = Button::new("Refresh")
            .on_click(ActionConfig::server(
                "tasks.refresh",
                json!({"list": {"title": "Tasks"}}),
            ))
            .style(ButtonStyle::Secondary)
            .size(ControlSize::Sm);
        refresh.id = Some("tasks_refresh_button".to_owned());
        let mut title = Title::new("Tasks").size(TitleSize::Sm);
        title.id = Some("tasks_title".to_owned());
        let mut count = Badge::new(rows.to_string()).color(BadgeColor::Info);
        count.id = Some("tasks_count_badge".to_owned());
        let header = ListViewItem::new(vec![
            Row::new(vec![
                title.into(),
                count.into(),
                Spacer::new().into(),
                refresh.into(),
            ])
            .gap(2)
            .into(),
        ]);
        let mut items = vec![header];
        items.extend((1..=rows).map(|id| {
            let done = id % 3 == 0;
            let mut checkbox = Checkbox::new(format!("task_{id}_done"));
            checkbox.default_checked = Some(done);
            checkbox.on_change_action = Some(ActionConfig::server(
                "task.toggle",
                json!({"id": id, "done": !done}),
            ));
            checkbox.id = Some(format!("task_{id}_status_checkbox"));
            let mut title = Text::new(format!("Task number {id}: buy milk")).line_through(done);
            title.id = Some(format!("task_{id}_title_text"));
            let details: Vec<WidgetComponent> = vec![
                Caption::new(format!("#{id}")).into(),
                Badge::new("high").color(BadgeColor::Warning).into(),
                Caption::new("due tomorrow").color("secondary").into(),
                Badge::new("#home").color(BadgeColor::Secondary).into(),
            ];
            let mut status = Button::new("Complete")
                .on_click(ActionConfig::server("task.complete", json!({"id": id})))
                .icon_start("check")
                .size(ControlSize::Sm)
                .style(ButtonStyle::Primary);
            status.id = Some(format!("task_{id}_status_button"));
            let mut delete = Button::new("Delete")
                .on_click(ActionConfig::server("task.delete", json!({"id": id})))
                .color(ButtonColor::Danger)
                .style(ButtonStyle::Secondary)
                .size(ControlSize::Sm);
            delete.id = Some(format!("task_{id}_delete_button"));
            let mut item = ListViewItem::new(vec![
                Row::new(vec![
                    checkbox.into(),
                    Col::new(vec![title.into(), Row::new(details).gap(2).into()]).into(),
                    Spacer::new().into(),
                    status.into(),
                    delete.into(),
                ])
                .gap(2)
                .into(),
            ]);
            item.id = Some(format!("task_{id}_item"));
            item
        }));
        let mut view = ListView::new(items);
        view.id = Some("tasks_list".to_owned());
        view.into()
    }
}
