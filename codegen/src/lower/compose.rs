//! Composed schemas: `allOf` (merged into one struct), `oneOf`/`anyOf` (a union, tagged by
//! a discriminator or tried in order).

use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{AnySchema, ObjectType, ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::refs::{SCHEMAS, component_name};
use super::schemas::SchemaRef;
use crate::diagnostics::Pointer;
use crate::ir::{Extra, Struct, Ty, TypeKind, Union, UnionVariant};
use crate::naming::camel;

/// One object of an `allOf`, with where it is and the name its inline types take.
struct Part {
    object: ObjectType,
    at: Pointer,
    hint: String,
}

impl Lowerer<'_> {
    /// `allOf` of objects (and references to objects): one struct with every property.
    pub(super) fn all_of_ty(
        &mut self,
        schema: &Schema,
        parts: &[ReferenceOr<Schema>],
        own: Option<&AnySchema>,
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let mut objects = Vec::new();
        if let Some(own) = own {
            objects.push(Part {
                object: own_object(own),
                at: at.clone(),
                hint: hint.to_owned(),
            });
        }
        self.collect_all_of(parts, at, hint, 0, &mut objects)?;
        let mut fields = Vec::new();
        let mut required = BTreeSet::new();
        for part in &objects {
            let own_required = part
                .object
                .required
                .iter()
                .filter(|r| part.object.properties.contains_key(*r));
            let object = ObjectType {
                required: own_required.cloned().collect(),
                ..part.object.clone()
            };
            for field in self.fields(&object, &part.at, &part.hint)? {
                fields.retain(|f: &crate::ir::Field| f.wire != field.wire);
                fields.push(field);
            }
            required.extend(
                part.object
                    .required
                    .iter()
                    .map(|r| (r.clone(), part.at.clone())),
            );
        }
        for (name, part_at) in &required {
            match fields.iter_mut().find(|f| f.wire == *name) {
                Some(field) => field.required = true,
                None => self.report(
                    &part_at.join("required"),
                    format!("required property `{name}` is in no part of the `allOf`"),
                ),
            }
        }
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        let deny = own.and_then(|own| own.additional_properties.as_ref());
        let extra = if matches!(deny, Some(openapiv3::AdditionalProperties::Any(false))) {
            Extra::Deny
        } else {
            Extra::Ignore
        };
        let docs = self.schema_docs(schema, at);
        let body = Struct {
            fields,
            extra,
            identity: None,
            non_empty: false,
        };
        self.define(at, hint, docs, TypeKind::Struct(body))
    }

    /// Flattens one `allOf` part (following references and nested `allOf`s) into objects.
    fn collect_parts(
        &mut self,
        part: SchemaRef<'_>,
        at: &Pointer,
        hint: &str,
        depth: usize,
        out: &mut Vec<Part>,
    ) -> Option<()> {
        if depth > 16 {
            return self.error(at, "`allOf` parts refer to each other in a cycle");
        }
        let (schema, at, hint) = match part {
            SchemaRef::Inline(schema) => (schema, at.clone(), hint.to_owned()),
            SchemaRef::Ref(reference) => {
                let Some(name) = component_name(reference, SCHEMAS) else {
                    return self.error(
                        &at.join("$ref"),
                        format!("`{reference}` must point into `#/components/schemas`"),
                    );
                };
                let Some(ReferenceOr::Item(schema)) = self.components.schemas.get(&name) else {
                    return self.error(
                        &at.join("$ref"),
                        format!("`{reference}` does not point to a schema"),
                    );
                };
                (
                    schema,
                    super::refs::component_pointer(SCHEMAS, &name),
                    camel(&name),
                )
            }
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => out.push(Part {
                object: object.clone(),
                at,
                hint,
            }),
            SchemaKind::AllOf { all_of } => {
                self.collect_all_of(all_of, &at, &hint, depth + 1, out)?
            }
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                let own = Part {
                    object: own_object(any),
                    at: at.clone(),
                    hint: hint.clone(),
                };
                out.push(own);
                self.collect_all_of(&any.all_of, &at, &hint, depth + 1, out)?;
            }
            _ => return self.error(&at, "every part of an `allOf` must be an object"),
        }
        Some(())
    }

    /// [`collect_parts`](Self::collect_parts) of each schema of an `allOf` at `at`.
    fn collect_all_of(
        &mut self,
        all_of: &[ReferenceOr<Schema>],
        at: &Pointer,
        hint: &str,
        depth: usize,
        out: &mut Vec<Part>,
    ) -> Option<()> {
        for (index, part) in all_of.iter().enumerate() {
            self.collect_parts(part.into(), &at.join("allOf").join(index), hint, depth, out)?;
        }
        Some(())
    }

    /// `oneOf`/`anyOf`: an enum of the alternatives, selected by the discriminator when
    /// there is one, else by trying each in order.
    pub(super) fn union_ty(
        &mut self,
        schema: &Schema,
        alternatives: &[ReferenceOr<Schema>],
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let alt_at = at.join(index);
            let ty = self.ty(
                alternative.into(),
                &alt_at,
                &format!("{hint}Variant{}", index + 1),
            )?;
            let reference = match alternative {
                ReferenceOr::Reference { reference } => Some(reference.as_str()),
                ReferenceOr::Item(_) => None,
            };
            let name = variant_name(&ty, reference);
            if variants.iter().any(|v| v.name == name) {
                return self.error(
                    &alt_at,
                    format!("two alternatives would both be the variant `{name}`"),
                );
            }
            let tag_value = match discriminator {
                Some(discriminator) => {
                    Some(self.tag_value(&discriminator.mapping, reference, &ty, &alt_at)?)
                }
                None => None,
            };
            variants.push(UnionVariant {
                name,
                ty,
                tag_value,
            });
        }
        let tag = discriminator.map(|d| d.property_name.clone());
        let docs = self.schema_docs(schema, &at.clone());
        self.define(at, hint, docs, TypeKind::Union(Union { tag, variants }))
    }

    /// The discriminator value of an alternative: its `mapping` entry, else its schema name.
    fn tag_value(
        &mut self,
        mapping: &IndexMap<String, String>,
        reference: Option<&str>,
        ty: &Ty,
        at: &Pointer,
    ) -> Option<String> {
        let is_struct = matches!(ty, Ty::Named(name) if self.types.get(name).is_some_and(|(_, def)| matches!(def.kind, TypeKind::Struct(_))));
        let Some(reference) = reference.filter(|_| is_struct) else {
            return self.error(
                at,
                "with a discriminator, every alternative must be a `$ref` to an object",
            );
        };
        let mapped = mapping.iter().find(|(_, target)| {
            *target == reference
                || component_name(reference, SCHEMAS).as_deref() == Some(target.as_str())
        });
        match mapped {
            Some((value, _)) => Some(value.clone()),
            None => component_name(reference, SCHEMAS),
        }
    }
}

/// The object part of a schema that has `allOf` and properties of its own.
fn own_object(any: &AnySchema) -> ObjectType {
    ObjectType {
        properties: any.properties.clone(),
        required: any.required.clone(),
        additional_properties: None,
        min_properties: any.min_properties,
        max_properties: any.max_properties,
    }
}

/// A union variant's name: the referenced schema's, else the type's.
fn variant_name(ty: &Ty, reference: Option<&str>) -> String {
    if let Some(name) = reference.and_then(|r| component_name(r, SCHEMAS)) {
        return camel(&name);
    }
    match ty {
        Ty::Named(name) | Ty::Id(name) => name.clone(),
        Ty::String => "String".to_owned(),
        Ty::Timestamp => "Timestamp".to_owned(),
        Ty::Integer => "Integer".to_owned(),
        Ty::Number => "Number".to_owned(),
        Ty::Boolean => "Boolean".to_owned(),
        Ty::True => "True".to_owned(),
        Ty::Json => "Json".to_owned(),
        Ty::Array(_) => "List".to_owned(),
        Ty::Map(_) => "Map".to_owned(),
    }
}
