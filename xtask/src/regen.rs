//! `regen`: spec -> generated files, written only when changed, atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use featurebase_codegen::GeneratedFile;

use crate::{Options, workspace_root};

/// Every generated file starts with this, so stale ones can be recognised.
const MARKER: &str = "// @generated";

pub(crate) fn run(options: &Options) -> ExitCode {
    match regen(options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn regen(options: &Options) -> Result<ExitCode, String> {
    let spec_name = display_path(&options.spec);
    let text = fs::read_to_string(&options.spec)
        .map_err(|error| format!("cannot read {spec_name}: {error}"))?;
    let files = match featurebase_codegen::generate(&text, &spec_name) {
        Ok(files) => files,
        Err(diagnostics) => {
            for diagnostic in &diagnostics.0 {
                let place = match diagnostic.location {
                    Some((line, column)) => format!("{spec_name}:{line}:{column}"),
                    None => spec_name.clone(),
                };
                eprintln!(
                    "{place}: error: {}\n  at {}",
                    diagnostic.message, diagnostic.pointer
                );
            }
            eprintln!(
                "{} problem(s) in {spec_name}; nothing was written",
                diagnostics.0.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let changes = changes(&options.out, &files)?;
    if options.check {
        return Ok(report_check(&changes));
    }
    apply(&options.out, &changes)?;
    println!(
        "regen: {} file(s) written, {} removed, {} unchanged in {}",
        changes.writes.len(),
        changes.removals.len(),
        files.len() - changes.writes.len(),
        display_path(&options.out)
    );
    Ok(ExitCode::SUCCESS)
}

/// What it takes to bring the output directory up to date.
struct Changes<'a> {
    writes: Vec<&'a GeneratedFile>,
    /// Generated files the spec no longer produces.
    removals: Vec<PathBuf>,
}

fn changes<'a>(out: &Path, files: &'a [GeneratedFile]) -> Result<Changes<'a>, String> {
    let writes = files
        .iter()
        .filter(|file| {
            fs::read_to_string(out.join(&file.path)).ok().as_deref() != Some(&file.contents)
        })
        .collect();
    let mut removals = Vec::new();
    if let Ok(entries) = fs::read_dir(out) {
        for entry in entries {
            let path = entry.map_err(|error| error.to_string())?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let ours = files.iter().any(|file| file.path == name);
            if !ours && name.ends_with(".rs") && is_generated(&path) {
                removals.push(path);
            }
        }
    }
    removals.sort();
    Ok(Changes { writes, removals })
}

fn is_generated(path: &Path) -> bool {
    fs::read_to_string(path).is_ok_and(|text| text.starts_with(MARKER))
}

fn report_check(changes: &Changes<'_>) -> ExitCode {
    if changes.writes.is_empty() && changes.removals.is_empty() {
        println!("regen --check: generated code is up to date");
        return ExitCode::SUCCESS;
    }
    for file in &changes.writes {
        eprintln!("stale: {}", file.path);
    }
    for path in &changes.removals {
        eprintln!("stale (no longer generated): {}", display_path(path));
    }
    eprintln!("generated code is out of date: run `cargo xtask regen`");
    ExitCode::FAILURE
}

fn apply(out: &Path, changes: &Changes<'_>) -> Result<(), String> {
    fs::create_dir_all(out).map_err(|error| format!("cannot create {}: {error}", out.display()))?;
    for file in &changes.writes {
        write_atomically(&out.join(&file.path), &file.contents)?;
    }
    for path in &changes.removals {
        fs::remove_file(path)
            .map_err(|error| format!("cannot remove {}: {error}", path.display()))?;
    }
    Ok(())
}

/// Writes a sibling temporary file, syncs it, then renames it over `path`, so a crash
/// leaves either the old file or the new one, never half of one.
fn write_atomically(path: &Path, contents: &str) -> Result<(), String> {
    let temp = path.with_extension(format!("rs.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    result.map_err(|error| {
        let _ = fs::remove_file(&temp);
        format!("cannot write {}: {error}", path.display())
    })
}

/// `path` relative to the workspace when it is inside it, for messages and headers.
fn display_path(path: &Path) -> String {
    let root = workspace_root();
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = fs::canonicalize(&root).unwrap_or(root);
    absolute
        .strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}
