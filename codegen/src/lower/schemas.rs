//! Schemas -> types: structs, literals, identifiers, and the primitives (enums in
//! `enums.rs`, `allOf`/`oneOf`/`anyOf` in `compose.rs`).

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, ObjectType, ReferenceOr, Schema, SchemaKind,
    StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::docs::rustdoc_safe;
use super::extensions::X_ID_TYPE;
use super::refs::{MAX_CHAIN, SCHEMAS, component_name, component_pointer};
use crate::diagnostics::Pointer;
use crate::ir::{
    Docs, Extra, Field, Format, Identity, IdentityVariant, Limits, Slot, Struct, Ty, TypeDef,
    TypeKind, Usage,
};
use crate::naming::{camel, is_identifier, snake};
use crate::output_names::{shadowing, shadows_output};

/// How deeply schemas may nest within one another, through `$ref` aliases and inline
/// schemas; a named object (a struct) starts again at the bottom.
const MAX_DEPTH: usize = 32;

/// A schema as it appears in the spec, inline or by reference.
#[derive(Clone, Copy)]
pub(super) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl Lowerer<'_> {
    /// Lowers every component schema, so that unused ones are checked and emitted too.
    pub(super) fn component_schemas(&mut self) {
        let mut names: Vec<&String> = self.components.schemas.keys().collect();
        names.sort();
        for name in names {
            self.lower_component(name, &component_pointer(SCHEMAS, name));
        }
    }

    /// The type of a schema; `hint` names the type if the schema defines one inline.
    pub(super) fn ty(&mut self, schema: SchemaRef<'_>, at: &Pointer, hint: &str) -> Option<Ty> {
        match schema {
            SchemaRef::Inline(schema) => self.nested_ty(schema, at, hint),
            SchemaRef::Ref(reference) => match component_name(reference, SCHEMAS) {
                Some(name) => self.component_schema(&name, &at.join("$ref")),
                None => self.error(
                    &at.join("$ref"),
                    format!("`{reference}` must point into `#/components/schemas`"),
                ),
            },
        }
    }

    /// [`schema_ty`](Self::schema_ty) with the nesting bounded (schemas within schemas,
    /// inline or through `$ref` aliases), so that neither lowering nor the emitted type
    /// recurses without end.
    fn nested_ty(&mut self, schema: &Schema, at: &Pointer, hint: &str) -> Option<Ty> {
        if self.depth == MAX_DEPTH {
            return self.error(
                at,
                format!(
                    "schemas nest more than {MAX_DEPTH} levels deep here (inline or through \
                     `$ref` aliases); name an object on the way to break the nesting"
                ),
            );
        }
        self.depth += 1;
        let ty = self.schema_ty(schema, at, hint);
        self.depth -= 1;
        ty
    }

    /// The schema that `schema` finally names, following references (no diagnostics:
    /// lowering the schema reports what is wrong with them), as far as `resolve` does.
    pub(super) fn target<'s>(&'s self, mut schema: SchemaRef<'s>) -> Option<&'s Schema> {
        for _ in 0..MAX_CHAIN {
            match schema {
                SchemaRef::Inline(found) => return Some(found),
                SchemaRef::Ref(reference) => {
                    let name = component_name(reference, SCHEMAS)?;
                    schema = self.components.schemas.get(&name)?.into();
                }
            }
        }
        None
    }

    /// The type a reference to component schema `name` stands for. A struct is its name,
    /// known up front, and is lowered by `component_schemas` rather than here: so a struct
    /// may contain itself (through a list or map), and a chain of thousands of structs is
    /// not followed on the stack. Any other schema is lowered where first referenced.
    fn component_schema(&mut self, name: &str, at: &Pointer) -> Option<Ty> {
        match self.components.schemas.get(name) {
            Some(schema) if is_struct(schema) => Some(Ty::Named(camel(name))),
            _ => self.lower_component(name, at),
        }
    }

    /// Lowers component schema `name` once; later calls return the same type.
    fn lower_component(&mut self, name: &str, at: &Pointer) -> Option<Ty> {
        if self.components_in_progress.contains(name) {
            return self.error(at, format!("schema `{name}` is an alias of itself"));
        }
        if let Some(done) = self.components_lowered.get(name) {
            return done.clone();
        }
        let Some(schema) = self.components.schemas.get(name) else {
            return self.error(at, format!("`#/components/schemas/{name}` does not exist"));
        };
        let home = component_pointer(SCHEMAS, name);
        self.components_in_progress.insert(name.to_owned());
        let ty = self.ty(schema.into(), &home, &camel(name));
        self.components_in_progress.remove(name);
        self.components_lowered.insert(name.to_owned(), ty.clone());
        ty
    }

    fn schema_ty(&mut self, schema: &Schema, at: &Pointer, hint: &str) -> Option<Ty> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => self.string_ty(schema, string, at, hint),
            SchemaKind::Type(Type::Integer(int)) if int.enumeration.is_empty() => Some(Ty::Integer),
            SchemaKind::Type(Type::Number(num)) if num.enumeration.is_empty() => Some(Ty::Number),
            SchemaKind::Type(Type::Boolean(boolean)) => match boolean.enumeration.as_slice() {
                [] => Some(Ty::Boolean),
                [Some(true)] => Some(Ty::True),
                _ => self.error(at, "a boolean `enum` other than `[true]` is not supported"),
            },
            SchemaKind::Type(Type::Integer(int)) => {
                self.int_enum_ty(schema, &int.enumeration, at, hint)
            }
            SchemaKind::Type(Type::Number(_)) => self.error(
                &at.join("enum"),
                "`enum`s of non-integer numbers are not supported",
            ),
            SchemaKind::Type(Type::Object(object)) => {
                self.object_ty(schema, object, Vec::new(), at, hint)
            }
            SchemaKind::Type(Type::Array(array)) => self.array_ty(array, at, hint),
            SchemaKind::Any(any) if *any == Default::default() => Some(Ty::Json),
            // An object spelled without `type: object`, or with `anyOf`/`allOf` beside its
            // properties (which `openapiv3` cannot type).
            SchemaKind::Any(any) if is_object(any) && !any.all_of.is_empty() => {
                self.all_of_ty(schema, &any.all_of, Some(any), at, hint)
            }
            SchemaKind::Any(any) if is_object(any) => {
                let alternatives = match any.any_of.is_empty() {
                    true => Vec::new(),
                    false => self.alternatives(&any.any_of, &at.join("anyOf"))?,
                };
                let object = ObjectType {
                    properties: any.properties.clone(),
                    required: any.required.clone(),
                    additional_properties: any.additional_properties.clone(),
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                };
                self.object_ty(schema, &object, alternatives, at, hint)
            }
            SchemaKind::Any(any) => self.error(
                at,
                format!(
                    "unsupported schema: `type: {}` with keywords that do not belong to it",
                    any.typ.as_deref().unwrap_or("(none)")
                ),
            ),
            SchemaKind::OneOf { one_of } => self.union_ty(schema, one_of, &at.join("oneOf"), hint),
            SchemaKind::AnyOf { any_of } => self.union_ty(schema, any_of, &at.join("anyOf"), hint),
            // The 3.0 idiom for a nullable or described reference: `allOf: [$ref]`.
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                self.ty((&all_of[0]).into(), &at.join("allOf").join(0), hint)
            }
            SchemaKind::AllOf { all_of } => self.all_of_ty(schema, all_of, None, at, hint),
            SchemaKind::Not { .. } => self.error(&at.join("not"), "`not` is not supported"),
        }
    }

    fn string_ty(
        &mut self,
        schema: &Schema,
        string: &StringType,
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let extensions = &schema.schema_data.extensions;
        if let Some(id) = self.ext_str(extensions, X_ID_TYPE, at) {
            if !is_identifier(&id) || camel(&id) != id {
                return self.error(
                    &at.join(X_ID_TYPE),
                    format!("`{id}` is not an UpperCamelCase Rust type name"),
                );
            }
            let at = at.join(X_ID_TYPE);
            if shadows_output(&id) {
                return self.error(&at, shadowing(&id));
            }
            self.ids.entry(id.clone()).or_insert(at);
            return Some(Ty::Id(id));
        }
        let values: Vec<&String> = string.enumeration.iter().flatten().collect();
        let kind = match values.as_slice() {
            [] if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                return Some(Ty::Timestamp);
            }
            [] => return Some(Ty::String),
            [only] => TypeKind::Literal((*only).clone()),
            _ => TypeKind::Enum(self.variants(&values, extensions, at)?),
        };
        let docs = self.schema_docs(schema, at);
        self.define(at, hint, docs, kind)
    }

    pub(super) fn object_ty(
        &mut self,
        schema: &Schema,
        object: &ObjectType,
        alternatives: Vec<Vec<String>>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let extra = self.extra(object.additional_properties.as_ref(), at, hint)?;
        if object.properties.is_empty() {
            if extra == Extra::Deny && object.min_properties.unwrap_or(0) > 0 {
                return self.error(
                    &at.join("minProperties"),
                    "no value is valid: `minProperties` asks for a property, but there are no \
                     `properties` and `additionalProperties` is `false`",
                );
            }
            if let Extra::Keep(value) = extra {
                return Some(Ty::Map(Box::new(value)));
            }
            if extra == Extra::Ignore {
                return Some(Ty::Map(Box::new(Ty::Json)));
            }
        }
        let mut fields = self.fields(object, at, hint)?;
        let identity = match alternatives.is_empty() {
            true => None,
            false => Some(self.identity(&mut fields, alternatives, at, hint)?),
        };
        let non_empty =
            object.min_properties.unwrap_or(0) > 0 && fields.iter().all(|f| !f.required);
        let docs = self.schema_docs(schema, at);
        let body = Struct {
            fields,
            extra,
            identity,
            non_empty,
        };
        self.define(at, hint, docs, TypeKind::Struct(body))
    }

    /// `anyOf: [{required: [a, b]}, {required: [a]}, ..]`: the alternative required sets.
    fn alternatives(
        &mut self,
        any_of: &[ReferenceOr<Schema>],
        at: &Pointer,
    ) -> Option<Vec<Vec<String>>> {
        let required_only = |schema: &ReferenceOr<Schema>| match schema {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Any(any),
                ..
            }) if !any.required.is_empty()
                && AnySchema {
                    required: Vec::new(),
                    ..any.clone()
                } == AnySchema::default() =>
            {
                Some(any.required.clone())
            }
            _ => None,
        };
        let Some(alternatives) = any_of.iter().map(required_only).collect::<Option<Vec<_>>>()
        else {
            let message = "`anyOf` in an object may only list alternative `required` sets";
            return self.error(at, message);
        };
        let mut seen = BTreeSet::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let mut set = alternative.clone();
            set.sort();
            if !seen.insert(set) {
                return self.error(&at.join(index), "this `required` set is listed twice");
            }
        }
        Some(alternatives)
    }

    /// Moves the fields of the alternatives out of `fields` into an identity enum.
    fn identity(
        &mut self,
        fields: &mut Vec<Field>,
        mut alternatives: Vec<Vec<String>>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Identity> {
        alternatives.sort_by_key(|alternative| std::cmp::Reverse(alternative.len()));
        let mut variants = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let mut variant_fields = Vec::new();
            for wire in alternative {
                let Some(field) = fields.iter().find(|f| f.wire == *wire) else {
                    let message = format!("`{wire}` is not among the properties");
                    return self.error(&at.join("anyOf").join(index).join("required"), message);
                };
                variant_fields.push(Field {
                    required: true,
                    nullable: false,
                    ..field.clone()
                });
            }
            let name = alternative
                .iter()
                .map(|wire| camel(wire))
                .collect::<Vec<_>>()
                .join("And");
            variants.push(IdentityVariant {
                name,
                fields: variant_fields,
            });
        }
        fields.retain(|field| {
            !alternatives
                .iter()
                .flatten()
                .any(|wire| *wire == field.wire)
        });
        Some(Identity {
            name: format!("{hint}Identity"),
            variants,
        })
    }

    fn extra(
        &mut self,
        additional: Option<&AdditionalProperties>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Extra> {
        Some(match additional {
            None => Extra::Ignore,
            Some(AdditionalProperties::Any(false)) => Extra::Deny,
            Some(AdditionalProperties::Any(true)) => Extra::Keep(Ty::Json),
            Some(AdditionalProperties::Schema(schema)) => {
                let at = at.join("additionalProperties");
                Extra::Keep(self.ty(schema.as_ref().into(), &at, &format!("{hint}Value"))?)
            }
        })
    }

    pub(super) fn fields(
        &mut self,
        object: &ObjectType,
        at: &Pointer,
        hint: &str,
    ) -> Option<Vec<Field>> {
        for (index, name) in object.required.iter().enumerate() {
            if !object.properties.contains_key(name) {
                self.report(
                    &at.join("required").join(index),
                    format!("required property `{name}` is not among the properties"),
                );
            }
        }
        let mut fields = Vec::new();
        let mut failed = false;
        for (wire, property) in &object.properties {
            let at = at.join("properties").join(wire);
            match self.field(object, wire, property.into(), &at, hint) {
                Some(field) => fields.push(field),
                None => failed = true,
            }
        }
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        for pair in fields.windows(2) {
            if pair[0].name == pair[1].name {
                let message = format!(
                    "properties `{}` and `{}` both become the Rust field `{}`",
                    pair[0].wire, pair[1].wire, pair[0].name
                );
                self.report(&at.join("properties"), message);
                failed = true;
            }
        }
        (!failed).then_some(fields)
    }

    fn field(
        &mut self,
        object: &ObjectType,
        wire: &str,
        property: SchemaRef<'_>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Field> {
        let name = snake(wire);
        if !is_identifier(&name) {
            return self.error(
                at,
                format!("property `{wire}` does not make a Rust field name"),
            );
        }
        let ty = self.ty(property, at, &format!("{hint}{}", camel(wire)))?;
        let docs = match property {
            SchemaRef::Inline(schema) => self.schema_docs(schema, at),
            // A `$ref` cannot carry a description in 3.0: the referenced schema's serves.
            SchemaRef::Ref(_) => self
                .target(property)
                .map(referenced_docs)
                .unwrap_or_default(),
        };
        let target = self.target(property);
        let data = target
            .map(|schema| schema.schema_data.clone())
            .unwrap_or_default();
        Some(Field {
            name,
            wire: wire.to_owned(),
            ty,
            required: object.required.iter().any(|r| r == wire),
            nullable: data.nullable,
            docs,
            deprecated: data.deprecated,
            read_only: data.read_only,
            write_only: data.write_only,
            // Decided by `decide_slots` once usage is known.
            slot: Slot::Optional,
            limits: target.map(limits).unwrap_or_default(),
        })
    }

    fn array_ty(&mut self, array: &ArrayType, at: &Pointer, hint: &str) -> Option<Ty> {
        let Some(items) = &array.items else {
            return self.error(at, "an array needs `items`");
        };
        let item = self.ty(items.into(), &at.join("items"), &format!("{hint}Item"))?;
        Some(Ty::Array(Box::new(item)))
    }

    /// Registers a named type defined at `at`; a second definition under one name is an error.
    pub(super) fn define(
        &mut self,
        at: &Pointer,
        name: &str,
        docs: Docs,
        kind: TypeKind,
    ) -> Option<Ty> {
        if !is_identifier(name) {
            return self.error(at, format!("`{name}` is not a valid Rust type name"));
        }
        if shadows_output(name) {
            return self.error(at, shadowing(name));
        }
        if let Some((other, _)) = self.types.get(name) {
            if other != at {
                let message =
                    format!("this schema and `{other}` would both be the Rust type `{name}`");
                return self.error(at, message);
            }
        } else {
            let def = TypeDef {
                name: name.to_owned(),
                docs,
                kind,
                usage: Usage::default(),
            };
            self.types.insert(name.to_owned(), (at.clone(), def));
        }
        Some(Ty::Named(name.to_owned()))
    }
}

/// The bounds and checkable format of a scalar schema.
pub(super) fn limits(schema: &Schema) -> Limits {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(int)) => Limits {
            minimum: int.minimum.map(|min| min as f64),
            maximum: int.maximum.map(|max| max as f64),
            ..Limits::default()
        },
        SchemaKind::Type(Type::Number(number)) => Limits {
            minimum: number.minimum,
            maximum: number.maximum,
            ..Limits::default()
        },
        SchemaKind::Type(Type::String(string)) => Limits {
            min_length: string.min_length,
            max_length: string.max_length,
            format: match &string.format {
                VariantOrUnknownOrEmpty::Unknown(format) if format == "email" => {
                    Some(Format::Email)
                }
                VariantOrUnknownOrEmpty::Unknown(format) if format == "uri" => Some(Format::Uri),
                _ => None,
            },
            ..Limits::default()
        },
        _ => Limits::default(),
    }
}

fn is_struct(schema: &ReferenceOr<Schema>) -> bool {
    matches!(
        schema,
        ReferenceOr::Item(Schema { schema_kind: SchemaKind::Type(Type::Object(object)), .. })
            if !object.properties.is_empty()
    )
}

/// Only object keywords (properties, `required`, `additionalProperties`, `anyOf`
/// alternatives, `allOf` parts), with `type: object` or no type at all.
fn is_object(any: &AnySchema) -> bool {
    let others = AnySchema {
        typ: None,
        properties: Default::default(),
        required: Vec::new(),
        additional_properties: None,
        min_properties: None,
        max_properties: None,
        any_of: Vec::new(),
        all_of: Vec::new(),
        ..any.clone()
    };
    matches!(any.typ.as_deref(), None | Some("object")) && others == AnySchema::default()
}

/// The title and description of a referenced schema, to document what refers to it.
pub(super) fn referenced_docs(schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    Docs {
        summary: data.title.clone(),
        description: data.description.as_deref().map(rustdoc_safe),
        ..Docs::default()
    }
}
