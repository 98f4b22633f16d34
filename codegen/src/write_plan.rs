//! Bringing a directory up to date with generated files: only the files that changed
//! are written, each atomically; generated files no longer produced are removed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::GeneratedFile;
use crate::header::MARKER;

/// What it takes to bring a directory up to date.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Files that are missing or differ.
    pub writes: Vec<&'a GeneratedFile>,
    /// Generated files (by their `@generated` header) the spec no longer produces.
    pub removals: Vec<PathBuf>,
}

impl<'a> Plan<'a> {
    /// Compares `files` with what `out` holds.
    pub fn new(out: &Path, files: &'a [GeneratedFile]) -> io::Result<Self> {
        let writes = files
            .iter()
            .filter(|file| {
                fs::read_to_string(out.join(&file.path)).ok().as_deref() != Some(&file.contents)
            })
            .collect();
        let mut removals = Vec::new();
        if out.is_dir() {
            for entry in fs::read_dir(out)? {
                let path = entry?.path();
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
        Ok(Self { writes, removals })
    }

    /// Whether the directory is already up to date.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
    }

    /// Writes and removes what the plan says.
    pub fn apply(&self, out: &Path) -> io::Result<()> {
        fs::create_dir_all(out)?;
        for file in &self.writes {
            write_atomically(&out.join(&file.path), &file.contents)?;
        }
        for path in &self.removals {
            fs::remove_file(path)?;
        }
        Ok(())
    }
}

fn is_generated(path: &Path) -> bool {
    let text = fs::read_to_string(path).unwrap_or_default();
    let first = text.lines().next().unwrap_or_default();
    first.starts_with(MARKER.0) && first.ends_with(MARKER.1)
}

/// Writes a sibling temporary file, syncs it, then renames it over `path`, so that a
/// crash leaves either the old file or the new one, never half of one.
fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let temp = path.with_extension(format!("rs.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
