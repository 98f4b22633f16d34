//! Names the generator makes up for a struct (its identity type, the `identity` and `extra`
//! fields, constructors, `with_` and `clear_` methods) must not be names the spec already
//! gives: each clash is an error naming both.

use super::Lowerer;
use crate::diagnostics::{Diagnostic, Pointer};
use crate::ir::{Extra, Field, Struct, TypeKind};
use crate::naming::snake;
use crate::output_names::{EMPTY, EXTRA_FIELD, IDENTITY_FIELD, NEW, clear, with};

/// A name the generator makes up for a struct.
struct MadeUp {
    name: String,
    /// A field, or else a method (which only a field's setter can clash with).
    field: bool,
    what: String,
}

impl Lowerer<'_> {
    pub(super) fn check_derived_names(&mut self) {
        let mut found = Vec::new();
        for (at, def) in self.types.values() {
            let TypeKind::Struct(body) = &def.kind else {
                continue;
            };
            if let Some(identity) = &body.identity
                && let Some((other, _)) = self.types.get(&identity.name)
            {
                let message = format!(
                    "`{}`, the type of this schema's identity, is also the Rust type of `{other}`",
                    identity.name
                );
                found.push(Diagnostic::new(at, message));
            }
            found.extend(field_clashes(body, at));
        }
        self.diagnostics.extend(found);
    }
}

/// The fields of `body` whose names, or whose setters' names, the generator also uses.
fn field_clashes(body: &Struct, at: &Pointer) -> Vec<Diagnostic> {
    let made_up = made_up_names(body);
    let mut found = Vec::new();
    for field in &body.fields {
        // Only an optional field has a setter, a method named after it.
        let clashes =
            |made_up: &&MadeUp| made_up.name == field.name && (made_up.field || !field.required);
        let Some(made_up) = made_up.iter().find(clashes) else {
            continue;
        };
        let at = at.join("properties").join(&field.wire);
        let message = format!(
            "`{}` gives the Rust name `{}`, as does {}",
            field.wire, field.name, made_up.what
        );
        found.push(Diagnostic::new(&at, message));
    }
    found
}

/// Every name the generator may make up for `body`'s fields and methods.
fn made_up_names(body: &Struct) -> Vec<MadeUp> {
    let made_up = |name: &str, field: bool, what: String| MadeUp {
        name: name.to_owned(),
        field,
        what,
    };
    let mut names = vec![
        made_up(NEW, false, format!("the constructor `{NEW}`")),
        made_up(EMPTY, false, format!("the constructor `{EMPTY}`")),
    ];
    if body.identity.is_some() {
        names.push(made_up(
            IDENTITY_FIELD,
            true,
            "the field of the identity".to_owned(),
        ));
    }
    if matches!(body.extra, Extra::Keep(_)) {
        names.push(made_up(
            EXTRA_FIELD,
            true,
            "the field of other properties".to_owned(),
        ));
    }
    for variant in body.identity.iter().flat_map(|identity| &identity.variants) {
        let name = with(&snake(&variant.name));
        names.push(made_up(&name, false, format!("the constructor `{name}`")));
    }
    for field in &body.fields {
        let wire = &field.wire;
        if body.non_empty {
            let name = with(&field.name);
            names.push(made_up(
                &name,
                false,
                format!("the constructor `{name}` for `{wire}`"),
            ));
        }
        if is_clearable(field) {
            let name = clear(&field.name);
            names.push(made_up(
                &name,
                false,
                format!("the method `{name}` that clears `{wire}`"),
            ));
        }
    }
    names
}

/// Whether the field may get a `clear_` method (when the struct is sent).
fn is_clearable(field: &Field) -> bool {
    !field.required && field.nullable
}
