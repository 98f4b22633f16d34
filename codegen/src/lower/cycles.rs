//! A struct that holds itself with no array or map in between would be infinitely large.

use std::collections::BTreeSet;

use super::Lowerer;
use crate::ir::{Field, Ty, TypeKind};

impl Lowerer<'_> {
    pub(super) fn check_direct_cycles(&mut self) {
        let mut problems = Vec::new();
        for (name, (at, def)) in &self.types {
            let TypeKind::Struct(body) = &def.kind else {
                continue;
            };
            for field in &body.fields {
                let Some(target) = direct_targets(std::slice::from_ref(field)).next() else {
                    continue;
                };
                if self.reaches(target, name, &mut BTreeSet::new()) {
                    let message = format!(
                        "`{}` holds `{name}` itself with no array or map in between, which a Rust struct cannot",
                        field.wire
                    );
                    problems.push((at.join("properties").join(&field.wire), message));
                }
            }
        }
        for (at, message) in problems {
            self.report(&at, message);
        }
    }

    /// Whether struct `from` holds struct `to` directly (through fields, not collections).
    fn reaches(&self, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        if from == to {
            return true;
        }
        if !seen.insert(from.to_owned()) {
            return false;
        }
        let Some((_, def)) = self.types.get(from) else {
            return false;
        };
        let TypeKind::Struct(body) = &def.kind else {
            return false;
        };
        direct_targets(&body.fields).any(|next| self.reaches(next, to, seen))
    }
}

fn direct_targets(fields: &[Field]) -> impl Iterator<Item = &str> {
    fields.iter().filter_map(|field| match &field.ty {
        Ty::Named(name) => Some(name.as_str()),
        _ => None,
    })
}
