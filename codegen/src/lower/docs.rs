//! Rustdoc text gathered from the spec: descriptions, constraints, defaults, notes.

use openapiv3::{Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use super::Lowerer;
use super::extensions::Extensions;
use crate::diagnostics::Pointer;
use crate::ir::Docs;

impl Lowerer<'_> {
    /// Docs of a schema: title, description, constraints and our notes.
    pub(super) fn schema_docs(&mut self, schema: &Schema, at: &Pointer) -> Docs {
        let data = &schema.schema_data;
        let mut docs = Docs {
            summary: data.title.clone(),
            description: data.description.clone(),
            notes: constraints(schema),
        };
        if let Some(default) = &data.default {
            docs.notes.push(format!("Defaults to `{}`.", default));
        }
        if let Some(example) = data.example.as_ref().filter(|e| !e.is_object()) {
            docs.notes.push(format!("Example: `{}`.", example));
        }
        self.extension_notes(&mut docs, &data.extensions, at);
        docs
    }

    /// Adds the note that `x-available-since` carries, and checks `x-doc-conflict`, whose
    /// text goes to the maintainers' `DECISIONS.md` rather than into rustdoc.
    pub(super) fn extension_notes(&mut self, docs: &mut Docs, ext: &Extensions, at: &Pointer) {
        if let Some(version) = self.ext_version(ext, at) {
            docs.notes
                .push(format!("Available since API version `{version}`."));
        }
        self.ext_str(ext, "x-doc-conflict", at);
    }
}

/// Human-readable constraints of a schema, one sentence each.
fn constraints(schema: &Schema) -> Vec<String> {
    let mut notes = Vec::new();
    let SchemaKind::Type(ty) = &schema.schema_kind else {
        return notes;
    };
    match ty {
        Type::String(s) => {
            if let Some(format) = string_format(&s.format) {
                notes.push(format!("Format: `{format}`."));
            }
            bounds(
                &mut notes,
                ("character", "characters"),
                s.min_length,
                s.max_length,
            );
            if let Some(pattern) = &s.pattern {
                notes.push(format!("Must match `{pattern}`."));
            }
        }
        Type::Integer(i) => range(&mut notes, i.minimum, i.maximum),
        Type::Number(n) => range(&mut notes, n.minimum, n.maximum),
        Type::Array(a) => bounds(&mut notes, ("item", "items"), a.min_items, a.max_items),
        Type::Object(o) => bounds(
            &mut notes,
            ("property", "properties"),
            o.min_properties,
            o.max_properties,
        ),
        Type::Boolean(_) => {}
    }
    notes
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => Some(
            match known {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }
            .to_owned(),
        ),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// `unit` is `(singular, plural)`, e.g. `("item", "items")`.
fn bounds(notes: &mut Vec<String>, unit: (&str, &str), min: Option<usize>, max: Option<usize>) {
    let of = |n: usize| if n == 1 { unit.0 } else { unit.1 };
    match (min, max) {
        (Some(min), Some(max)) => notes.push(format!("From {min} to {max} {}.", of(max))),
        (Some(min), None) => notes.push(format!("At least {min} {}.", of(min))),
        (None, Some(max)) => notes.push(format!("At most {max} {}.", of(max))),
        (None, None) => {}
    }
}

fn range<N: std::fmt::Display>(notes: &mut Vec<String>, min: Option<N>, max: Option<N>) {
    match (min, max) {
        (Some(min), Some(max)) => notes.push(format!("Between {min} and {max}.")),
        (Some(min), None) => notes.push(format!("At least {min}.")),
        (None, Some(max)) => notes.push(format!("At most {max}.")),
        (None, None) => {}
    }
}
