//! Enums: string `enum`s (the variants of [`TypeKind::Enum`]) and integer `enum`s, named
//! from their values or by `x-enum-varnames`.

use std::collections::BTreeSet;

use openapiv3::Schema;

use super::Lowerer;
use super::extensions::Extensions;
use crate::diagnostics::Pointer;
use crate::ir::{IntVariant, Ty, TypeKind, Variant};
use crate::naming::{camel, is_identifier};

impl Lowerer<'_> {
    /// The variants of a string `enum`.
    pub(super) fn variants(
        &mut self,
        values: &[&String],
        extensions: &Extensions,
        at: &Pointer,
    ) -> Option<Vec<Variant>> {
        let names = self.ext_varnames(extensions, values.len(), at)?;
        let names = names.unwrap_or_else(|| values.iter().map(|value| camel(value)).collect());
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for (index, (name, wire)) in names.into_iter().zip(values).enumerate() {
            let at = at.join("enum").join(index);
            if !is_identifier(&name) || name == "Unknown" {
                return self.error(
                    &at,
                    format!("`{wire}` does not make a Rust variant name (`{name}`); name it with `x-enum-varnames`"),
                );
            }
            if !seen.insert(name.clone()) {
                return self.error(
                    &at,
                    format!("`{wire}` gives the variant name `{name}` twice; name it with `x-enum-varnames`"),
                );
            }
            variants.push(Variant {
                name,
                wire: (*wire).clone(),
            });
        }
        Some(variants)
    }

    /// `type: integer` with an `enum`.
    pub(super) fn int_enum_ty(
        &mut self,
        schema: &Schema,
        values: &[Option<i64>],
        at: &Pointer,
        hint: &str,
    ) -> Option<Ty> {
        let values: Vec<i64> = values.iter().flatten().copied().collect();
        let extensions = &schema.schema_data.extensions;
        let names = self.ext_varnames(extensions, values.len(), at)?;
        let names = names.unwrap_or_else(|| {
            values
                .iter()
                .map(|value| int_variant_name(*value))
                .collect()
        });
        let mut variants: Vec<IntVariant> = Vec::new();
        for (index, (name, value)) in names.into_iter().zip(values).enumerate() {
            if !is_identifier(&name) || name == "Unknown" || variants.iter().any(|v| v.name == name)
            {
                return self.error(
                    &at.join("enum").join(index),
                    format!("`{name}` cannot be the variant name of `{value}`"),
                );
            }
            variants.push(IntVariant { name, value });
        }
        let docs = self.schema_docs(schema, at);
        self.define(at, hint, docs, TypeKind::IntEnum(variants))
    }
}

/// `V1`, or `Minus1` for `-1`.
fn int_variant_name(value: i64) -> String {
    if value < 0 {
        format!("Minus{}", value.unsigned_abs())
    } else {
        format!("V{value}")
    }
}
