//! A struct that holds itself with no array or map in between would be infinitely large.

use std::collections::{BTreeMap, BTreeSet};

use super::Lowerer;
use crate::ir::{Field, Ty, TypeKind};

impl Lowerer<'_> {
    pub(super) fn check_direct_cycles(&mut self) {
        let candidates = self.cycle_candidates();
        let mut problems = Vec::new();
        for (name, (at, def)) in &self.types {
            let TypeKind::Struct(body) = &def.kind else {
                continue;
            };
            if !candidates.contains(name.as_str()) {
                continue;
            }
            for field in &body.fields {
                let Some(target) = direct_targets(std::slice::from_ref(field)).next() else {
                    continue;
                };
                if self.reaches(target, name) {
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

    /// The types left after repeatedly taking away those that hold no remaining type
    /// directly: only these can be on a cycle. A chain of structs goes link by link, so
    /// checking the rest stays cheap for specs of thousands of types.
    fn cycle_candidates(&self) -> BTreeSet<&str> {
        let mut holds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut held_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, (_, def)) in &self.types {
            let targets: Vec<&str> = match &def.kind {
                TypeKind::Struct(body) => direct_targets(&body.fields).collect(),
                _ => Vec::new(),
            };
            holds.insert(name, targets.len());
            for target in targets {
                held_by.entry(target).or_default().push(name);
            }
        }
        let mut free: Vec<&str> = holds
            .iter()
            .filter(|(_, n)| **n == 0)
            .map(|(k, _)| *k)
            .collect();
        while let Some(name) = free.pop() {
            holds.remove(name);
            for holder in held_by.get(name).into_iter().flatten() {
                if let Some(count) = holds.get_mut(holder) {
                    *count -= 1;
                    if *count == 0 {
                        free.push(holder);
                    }
                }
            }
        }
        holds.into_keys().collect()
    }

    /// Whether struct `from` holds struct `to` directly (through fields, not collections).
    /// A search with its own stack: chains of thousands of structs must not overflow.
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut pending = vec![from];
        while let Some(name) = pending.pop() {
            if name == to {
                return true;
            }
            if !seen.insert(name) {
                continue;
            }
            if let Some((_, def)) = self.types.get(name)
                && let TypeKind::Struct(body) = &def.kind
            {
                pending.extend(direct_targets(&body.fields));
            }
        }
        false
    }
}

fn direct_targets(fields: &[Field]) -> impl Iterator<Item = &str> {
    fields.iter().filter_map(|field| match &field.ty {
        Ty::Named(name) => Some(name.as_str()),
        _ => None,
    })
}
