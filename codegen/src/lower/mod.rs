//! Validation and lowering: `openapiv3::OpenAPI` -> [`Api`], collecting every problem.
//!
//! One failure convention throughout: a step that finds a problem reports it (into
//! `diagnostics`) and returns `None`, so that its callers only stop (`?`) and never report
//! it again; a check with nothing to return gives `Option<()>`. The readers of optional
//! extensions (`ext_str`, `ext_strings`) differ: `None` there also means absent, so a
//! malformed value (reported) reads as no value.

mod clashes;
mod compose;
mod cycles;
mod docs;
mod enums;
mod extensions;
mod operations;
mod pagination;
mod refs;
mod resources;
mod schemas;
mod usage;

pub(crate) use extensions::X_DOC_CONFLICT;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Components, OpenAPI};

use crate::diagnostics::{Diagnostic, Pointer, Severity};
use crate::ir::{Api, IdType, Ty, TypeDef};

/// Lowers a parsed spec into the IR (`None` when it has errors), with every problem found.
pub(crate) fn lower(doc: &OpenAPI) -> (Option<Api>, Vec<Diagnostic>) {
    let components = doc.components.clone().unwrap_or_default();
    let mut lowerer = Lowerer {
        doc,
        components: &components,
        diagnostics: Vec::new(),
        types: BTreeMap::new(),
        components_lowered: BTreeMap::new(),
        components_in_progress: BTreeSet::new(),
        depth: 0,
        ids: BTreeMap::new(),
    };
    let base_url = lowerer.base_url();
    lowerer.document_external_docs();
    lowerer.component_schemas();
    let mut operations = lowerer.operations();
    let mut root = lowerer.resources(&operations);
    lowerer.check_direct_cycles();
    lowerer.check_ids_are_not_types();
    lowerer.check_derived_names();
    lowerer.mark_usage(&operations);
    lowerer.decide_slots();
    lowerer.decide_copies(&mut operations, &mut root);
    // A shared component is lowered once per use; report its problems once.
    let mut diagnostics = std::mem::take(&mut lowerer.diagnostics);
    let mut seen = BTreeSet::new();
    diagnostics.retain(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return (None, diagnostics);
    }
    let api = Api {
        title: doc.info.title.clone(),
        description: doc.info.description.as_deref().map(docs::rustdoc_safe),
        version: doc.info.version.clone(),
        base_url,
        ids: lowerer
            .ids
            .into_keys()
            .map(|name| IdType { name })
            .collect(),
        types: lowerer.types.into_values().map(|(_, def)| def).collect(),
        operations,
        root,
    };
    (Some(api), diagnostics)
}

struct Lowerer<'a> {
    doc: &'a OpenAPI,
    components: &'a Components,
    diagnostics: Vec<Diagnostic>,
    /// Named types by Rust name, with the pointer of the schema that defines them.
    types: BTreeMap<String, (Pointer, TypeDef)>,
    /// Component schemas already lowered (`None`: failed, already reported).
    components_lowered: BTreeMap<String, Option<Ty>>,
    /// Component schemas being lowered (a cycle among them is an error: structs, which
    /// would break it, are not lowered where referenced).
    components_in_progress: BTreeSet<String>,
    /// How deeply the schema being lowered is nested in the one that started.
    depth: usize,
    /// The `x-id-type`s, each with the first place that names it.
    ids: BTreeMap<String, Pointer>,
}

impl Lowerer<'_> {
    fn report(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(at, message));
    }

    /// Records a construct that is ignored or derived; the spec is still accepted.
    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::warning(at, message));
    }

    /// Records a problem; returns `None`, the convention for "reported", so callers can write
    /// `return self.error(..)`.
    fn error<T>(&mut self, at: &Pointer, message: impl Into<String>) -> Option<T> {
        self.report(at, message);
        None
    }

    /// An `x-id-type` and a schema may not be the same Rust type.
    fn check_ids_are_not_types(&mut self) {
        let clashes: Vec<_> = (self.ids.iter())
            .filter_map(|(id, at)| Some((id, at, &self.types.get(id)?.0)))
            .map(|(id, at, schema)| {
                let message = format!("`x-id-type: {id}` is also the Rust type of `{schema}`");
                Diagnostic::new(at, message)
            })
            .collect();
        self.diagnostics.extend(clashes);
    }

    /// The first server's URL with its variables at their defaults; empty when the spec
    /// names no absolute URL (the client then needs `.base_url(..)`).
    fn base_url(&self) -> String {
        let Some(server) = self.doc.servers.first() else {
            return String::new();
        };
        let mut url = server.url.clone();
        for (name, variable) in server.variables.iter().flatten() {
            url = url.replace(&format!("{{{name}}}"), &variable.default);
        }
        let absolute = url.starts_with("https://") || url.starts_with("http://");
        if absolute {
            url.trim_end_matches('/').to_owned()
        } else {
            String::new()
        }
    }
}
