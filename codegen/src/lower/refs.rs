//! `$ref` resolution for parameters, request bodies and responses.

use indexmap::IndexMap;
use openapiv3::ReferenceOr;

use super::Lowerer;
use crate::diagnostics::Pointer;

/// How many `$ref`s may be chained before we call it a cycle.
pub(super) const MAX_CHAIN: usize = 32;

impl Lowerer<'_> {
    /// Follows `item` through `#/components/{section}/...` references to the object it names.
    /// Returns the object and the pointer it lives at (which names the component, if any).
    pub(super) fn resolve<'b, T>(
        &mut self,
        item: &'b ReferenceOr<T>,
        at: &Pointer,
        section: &str,
        components: &'b IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(&'b T, Pointer)> {
        let mut current = item;
        let mut location = at.clone();
        for _ in 0..MAX_CHAIN {
            let reference = match current {
                ReferenceOr::Item(found) => return Some((found, location)),
                ReferenceOr::Reference { reference } => reference,
            };
            let ref_at = location.join("$ref");
            let Some(name) = component_name(reference, section) else {
                return self.error(
                    &ref_at,
                    format!("`{reference}` must point into `#/components/{section}`"),
                );
            };
            let Some(next) = components.get(&name) else {
                return self.error(&ref_at, format!("`{reference}` points to nothing"));
            };
            current = next;
            location = component_pointer(section, &name);
        }
        self.error(&at.join("$ref"), "`$ref`s form a cycle")
    }
}

const COMPONENTS: &str = "components";

/// The sections of `components` that references point into.
pub(super) const SCHEMAS: &str = "schemas";
pub(super) const PARAMETERS: &str = "parameters";
pub(super) const REQUEST_BODIES: &str = "requestBodies";
pub(super) const RESPONSES: &str = "responses";

/// `#/components/schemas/Contact` -> `Contact`, if the reference points into `section`.
pub(super) fn component_name(reference: &str, section: &str) -> Option<String> {
    let (found, name) = component_of(&Pointer::from_ref(reference)?)?;
    (found == section).then_some(name)
}

/// The section and name of a pointer to a component: `#/components/schemas/Contact` ->
/// `("schemas", "Contact")`.
pub(super) fn component_of(pointer: &Pointer) -> Option<(String, String)> {
    let tokens: Vec<String> = pointer.tokens().collect();
    match <[String; 3]>::try_from(tokens) {
        Ok([components, section, name]) if components == COMPONENTS => Some((section, name)),
        _ => None,
    }
}

pub(super) fn component_pointer(section: &str, name: &str) -> Pointer {
    Pointer::root().join(COMPONENTS).join(section).join(name)
}
