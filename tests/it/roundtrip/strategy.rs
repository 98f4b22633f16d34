//! Arbitrary JSON for a model, built from the generator's IR: what the spec allows, and
//! what documented responses really send.

use std::ops::RangeInclusive;

use featurebase_api::jiff::Timestamp;
use featurebase_api::jiff::fmt::temporal::DateTimePrinter;
use featurebase_codegen::ir::{Api, Extra, Field, Struct, Ty, TypeDef, TypeKind, UnionVariant};
use proptest::collection::{btree_map, vec};
use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use serde_json::{Map, Value};

/// Below this depth, collections are empty and optional fields absent.
const MAX_DEPTH: usize = 6;

/// Arbitrary JSON for the model named `name`.
pub(super) fn model(api: &Api, name: &str) -> BoxedStrategy<Value> {
    Builder { api }.named(name, 0)
}

struct Builder<'a> {
    api: &'a Api,
}

impl Builder<'_> {
    fn ty(&self, ty: &Ty, depth: usize) -> BoxedStrategy<Value> {
        match ty {
            Ty::String | Ty::Id(_) => any::<String>().prop_map(Value::from).boxed(),
            Ty::Timestamp => timestamp().boxed(),
            Ty::Integer => any::<i64>().prop_map(Value::from).boxed(),
            Ty::Number => number().boxed(),
            Ty::Boolean => any::<bool>().prop_map(Value::from).boxed(),
            Ty::True => Just(Value::Bool(true)).boxed(),
            Ty::Json => scalar().boxed(),
            Ty::Array(item) => vec(self.ty(item, depth + 1), len(depth))
                .prop_map(Value::Array)
                .boxed(),
            Ty::Map(item) => btree_map(any::<String>(), self.ty(item, depth + 1), len(depth))
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed(),
            Ty::Named(name) => self.named(name, depth),
        }
    }

    fn named(&self, name: &str, depth: usize) -> BoxedStrategy<Value> {
        let def = super::type_def(self.api, name);
        match &def.kind {
            TypeKind::Struct(body) => self.object(def, body, depth),
            TypeKind::Enum(variants) => {
                let documented: Vec<String> = variants.iter().map(|v| v.wire.clone()).collect();
                let known = select(documented.clone()).prop_map(Value::String);
                let unknown = any::<String>()
                    .prop_filter("not a documented value", move |s| !documented.contains(s))
                    .prop_map(Value::String);
                open(def, known, unknown)
            }
            TypeKind::IntEnum(variants) => {
                let documented: Vec<i64> = variants.iter().map(|v| v.value).collect();
                let known = select(documented.clone()).prop_map(Value::from);
                let unknown = any::<i64>()
                    .prop_filter("not a documented value", move |v| !documented.contains(v))
                    .prop_map(Value::from);
                open(def, known, unknown)
            }
            TypeKind::Literal(value) => Just(Value::String(value.clone())).boxed(),
            TypeKind::Union(union) => {
                let tag = union.tag.as_deref();
                let variants = union.variants.iter().map(|v| self.variant(tag, v, depth));
                let known = Union::new(variants);
                let Some(tag) = tag else {
                    return known.boxed();
                };
                let (tag, documented) = (tag.to_owned(), tag_values(&union.variants));
                let unknown = (
                    any::<String>()
                        .prop_filter("not a documented tag", move |t| !documented.contains(t)),
                    btree_map(any::<String>(), scalar(), len(depth)),
                )
                    .prop_map(move |(value, mut object)| {
                        object.insert(tag.clone(), Value::String(value));
                        Value::Object(object.into_iter().collect())
                    });
                open(def, known, unknown)
            }
        }
    }

    /// A union variant's value, carrying its tag if the union has one.
    fn variant(
        &self,
        tag: Option<&str>,
        variant: &UnionVariant,
        depth: usize,
    ) -> BoxedStrategy<Value> {
        let value = self.ty(&variant.ty, depth);
        let (Some(tag), Some(tag_value)) = (tag, &variant.tag_value) else {
            return value;
        };
        let (tag, tag_value) = (tag.to_owned(), Value::String(tag_value.clone()));
        value
            .prop_map(move |mut value| {
                if let Value::Object(object) = &mut value {
                    object.insert(tag.clone(), tag_value.clone());
                }
                value
            })
            .boxed()
    }

    /// Every required field, a random subset of the optional ones, one identity variant
    /// and, if the struct keeps them, some properties the schema does not name.
    fn object(&self, def: &TypeDef, body: &Struct, depth: usize) -> BoxedStrategy<Value> {
        assert!(
            depth <= 2 * MAX_DEPTH,
            "`{}` recurses through required fields",
            def.name
        );
        let field = |field: &Field| self.field(def, field, depth);
        let fields: Vec<_> = body.fields.iter().map(&field).collect();
        let identity = match &body.identity {
            None => Just(Vec::new()).boxed(),
            Some(identity) => Union::new(identity.variants.iter().map(|variant| {
                let fields: Vec<_> = variant.fields.iter().map(&field).collect();
                fields.boxed()
            }))
            .boxed(),
        };
        let extra = match &body.extra {
            Extra::Keep(ty) => {
                let named: Vec<String> = super::fields(body).map(|f| f.wire.clone()).collect();
                let key =
                    any::<String>().prop_filter("not a named field", move |k| !named.contains(k));
                vec((key, self.ty(ty, depth + 1)), len(depth)).boxed()
            }
            Extra::Deny | Extra::Ignore => Just(Vec::new()).boxed(),
        };
        let non_empty = body.non_empty;
        (fields, identity, extra)
            .prop_map(|(fields, identity, extra)| {
                let named = fields.into_iter().chain(identity).flatten();
                named.chain(extra).collect::<Map<_, _>>()
            })
            .prop_filter("`minProperties: 1`", move |object| {
                !non_empty || !object.is_empty()
            })
            .prop_map(Value::Object)
            .boxed()
    }

    /// A field's entry, or `None` for leaving it out. Required but nullable fields are
    /// sometimes left out too: documented responses omit them (see the reference notes).
    fn field(
        &self,
        def: &TypeDef,
        field: &Field,
        depth: usize,
    ) -> BoxedStrategy<Option<(String, Value)>> {
        let required = super::required(def, field);
        let may_be_absent =
            !required || field.nullable || super::kept(def, field) == super::Kept::Nothing;
        let mut choices = Vec::new();
        if !may_be_absent || depth < MAX_DEPTH {
            choices.push((2, self.ty(&field.ty, depth + 1).prop_map(Some).boxed()));
            if field.nullable {
                choices.push((1, Just(Some(Value::Null)).boxed()));
            }
        }
        if may_be_absent {
            choices.push((1, Just(None).boxed()));
        }
        let wire = field.wire.clone();
        Union::new_weighted(choices)
            .prop_map(move |value| value.map(|value| (wire.clone(), value)))
            .boxed()
    }
}

/// The documented values, and for a type that travels in responses sometimes a value
/// added to the API later, which responses must keep.
fn open(
    def: &TypeDef,
    known: impl Strategy<Value = Value> + 'static,
    unknown: impl Strategy<Value = Value> + 'static,
) -> BoxedStrategy<Value> {
    match def.usage.response {
        true => prop_oneof![3 => known, 1 => unknown].boxed(),
        false => known.boxed(),
    }
}

fn tag_values(variants: &[UnionVariant]) -> Vec<String> {
    variants
        .iter()
        .filter_map(|v| v.tag_value.clone())
        .collect()
}

/// How many items an array, or entries a map, gets.
fn len(depth: usize) -> RangeInclusive<usize> {
    if depth < MAX_DEPTH { 0..=3 } else { 0..=0 }
}

/// A finite number that JSON text carries exactly: a whole number, written as an integer
/// as the documentation does, or any float whose shortest form reads back as itself.
fn number() -> impl Strategy<Value = Value> {
    let whole = (-1_000_000_i64..=1_000_000).prop_map(Value::from);
    let float = (POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO)
        .prop_filter("exact through JSON text", |x| {
            let text = serde_json::to_string(x).expect("finite");
            serde_json::from_str::<f64>(&text).is_ok_and(|y| y == *x)
        })
        .prop_map(Value::from);
    prop_oneof![whole, float]
}

/// An RFC 3339 timestamp in UTC, written with 0 to 9 digits of a second's fraction as the
/// documentation does (`2024-01-15T10:30:00Z`, `2025-01-03T21:42:30.181Z`).
fn timestamp() -> impl Strategy<Value = Value> {
    let seconds = Timestamp::MIN.as_second()..=Timestamp::MAX.as_second() - 1;
    (seconds, 0..1_000_000_000_i32, 0..=9_u8).prop_map(|(second, nanosecond, digits)| {
        let unit = 10_i32.pow(u32::from(9 - digits));
        let instant = Timestamp::new(second, nanosecond - nanosecond % unit).expect("in range");
        let printer = DateTimePrinter::new().precision(Some(digits));
        Value::from(printer.timestamp_to_string(&instant))
    })
}

/// Any JSON scalar, as custom field values are.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        number(),
        any::<String>().prop_map(Value::from),
    ]
}
