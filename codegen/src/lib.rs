//! Generates the typed Featurebase API client from an OpenAPI 3.0 description.
//!
//! The pipeline is `parse` (YAML -> `openapiv3`), `lower` (validate into the [`ir`],
//! collecting every problem) and `emit` (IR -> `quote!` tokens -> `prettyplease`).
//! Those stages do no I/O. [`Generator`] (for build scripts) and [`Plan`] (for
//! `cargo xtask regen`) are the thin layer that reads the spec and writes the files.

mod changelog;
mod decisions;
mod diagnostics;
mod emit;
mod generator;
mod header;
pub mod ir;
mod locate;
mod lower;
mod naming;
mod output_names;
mod parse;
mod pinpoint;
mod write_plan;
mod yaml;

pub use changelog::{Change, SURFACE_FILE, Surface, markdown};
pub use decisions::{DECISIONS_FILE, decisions};
pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use emit::GeneratedFile;
pub use generator::{Error, Generator, MOCK_FILE, SINGLE_FILE};
pub use write_plan::Plan;

/// What the generator made of an accepted spec, with the warnings about what it ignored
/// or derived (in document order).
#[derive(Debug, Clone)]
pub struct Generated<T> {
    /// The generated code (or, from [`lower`], the intermediate representation).
    pub output: T,
    /// Every [`Severity::Warning`], located like an error.
    pub warnings: Vec<Diagnostic>,
}

impl<T> Generated<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Generated<U> {
        Generated {
            output: f(self.output),
            warnings: self.warnings,
        }
    }
}

/// Generates the client modules from the spec text. `spec_path` is only named in the
/// `@generated` header of each file.
pub fn generate(
    spec_text: &str,
    spec_path: &str,
) -> Result<Generated<Vec<GeneratedFile>>, Diagnostics> {
    Ok(lower(spec_text)?.map(|api| files(&api, spec_path)))
}

/// The client modules of an API already lowered with [`lower`].
pub fn files(api: &ir::Api, spec_path: &str) -> Vec<GeneratedFile> {
    header::on_files(spec_path, emit::files(api))
}

/// The mock server's modules for an API already lowered with [`lower`]: the typed
/// requests, the `Api` trait and its router, and the shapes requests are validated against.
/// They use the client's models from `featurebase_api` and the `featurebase_mock` runtime.
pub fn server_files(api: &ir::Api, spec_path: &str) -> Vec<GeneratedFile> {
    header::on_files(spec_path, emit::server_files(api))
}

/// The mock server's modules from the spec text, inline in one file, for a module that
/// sits beside the client's (`pub mod mock { include!(..); }`, with the client's `models`
/// in the parent module).
pub fn server_inline(spec_text: &str, spec_path: &str) -> Result<Generated<String>, Diagnostics> {
    let code = |api| header::prepend(header::SERVER, spec_path, &emit::server_inline_file(&api));
    Ok(lower(spec_text)?.map(code))
}

/// The same code as [`generate`], as inline modules (`pub mod models { .. } ..`) for a macro.
pub fn expand(spec_text: &str) -> Result<Generated<proc_macro2::TokenStream>, Diagnostics> {
    Ok(lower(spec_text)?.map(|api| emit::inline_modules(&api)))
}

/// The same code as [`generate`], formatted as one file of inline modules.
pub fn generate_inline(spec_text: &str, spec_path: &str) -> Result<Generated<String>, Diagnostics> {
    let code = |api| header::prepend(header::GENERATOR, spec_path, &emit::inline_file(&api));
    Ok(lower(spec_text)?.map(code))
}

/// The text of a spec file read as bytes, or a located error when it is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, Diagnostics> {
    parse::decode(bytes).map_err(|diagnostic| Diagnostics(vec![diagnostic]))
}

/// Parses and validates the spec into the intermediate representation. Every problem
/// is located by JSON pointer and, where the node is in the file, by line and column.
pub fn lower(spec_text: &str) -> Result<Generated<ir::Api>, Diagnostics> {
    let spec_text = parse::without_bom(spec_text);
    let parsed = parse::parse(spec_text).map_err(Diagnostics);
    let (lowered, mut diagnostics) = match parsed.map(|doc| lower::lower(&doc)) {
        Ok((api, diagnostics)) => (api, diagnostics),
        Err(Diagnostics(diagnostics)) => (None, diagnostics),
    };
    if !diagnostics.is_empty() {
        locate::Locations::of(spec_text).annotate(&mut diagnostics);
    }
    // Document order; the sort is stable, so problems at one place keep theirs.
    diagnostics.sort_by_key(|d| d.location.unwrap_or((usize::MAX, usize::MAX)));
    match lowered {
        Some(output) => Ok(Generated {
            output,
            warnings: diagnostics,
        }),
        None => Err(Diagnostics(diagnostics)),
    }
}
