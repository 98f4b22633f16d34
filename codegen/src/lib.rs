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
pub mod ir;
mod locate;
mod lower;
mod naming;
mod output;
mod parse;
mod yaml;

pub use changelog::{Change, SURFACE_FILE, Surface, markdown};
pub use decisions::{DECISIONS_FILE, decisions};
pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::GeneratedFile;
pub use generator::{Error, Generator, SINGLE_FILE};
pub use output::Plan;

/// Generates the client modules from the spec text. `spec_path` is only named in the
/// `@generated` header of each file.
pub fn generate(spec_text: &str, spec_path: &str) -> Result<Vec<GeneratedFile>, Diagnostics> {
    Ok(files(&lower(spec_text)?, spec_path))
}

/// The client modules of an API already lowered with [`lower`].
pub fn files(api: &ir::Api, spec_path: &str) -> Vec<GeneratedFile> {
    emit::files(api, spec_path)
}

/// The same code as [`generate`], as inline modules (`pub mod models { .. } ..`) for a macro.
pub fn expand(spec_text: &str) -> Result<proc_macro2::TokenStream, Diagnostics> {
    let api = lower(spec_text)?;
    Ok(emit::inline_modules(&api))
}

/// The same code as [`generate`], formatted as one file of inline modules.
pub fn generate_inline(spec_text: &str, spec_path: &str) -> Result<String, Diagnostics> {
    let api = lower(spec_text)?;
    Ok(emit::inline_file(&api, spec_path))
}

/// Parses and validates the spec into the intermediate representation. Every problem
/// is located by JSON pointer and, where the node is in the file, by line and column.
pub fn lower(spec_text: &str) -> Result<ir::Api, Diagnostics> {
    let lowered = parse::parse(spec_text)
        .map_err(Diagnostics)
        .and_then(|doc| lower::lower(&doc));
    lowered.map_err(|Diagnostics(mut diagnostics)| {
        locate::Locations::of(spec_text).annotate(&mut diagnostics);
        // Document order; the sort is stable, so problems at one place keep theirs.
        diagnostics.sort_by_key(|d| d.location.unwrap_or((usize::MAX, usize::MAX)));
        Diagnostics(diagnostics)
    })
}
