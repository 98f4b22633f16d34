//! `Generator`: the generator as a build script calls it, reading the spec from a file
//! and writing the client into `OUT_DIR`.
//!
//! ```no_run
//! // build.rs
//! let out_dir = std::env::var("OUT_DIR").unwrap();
//! featurebase_codegen::Generator::new()
//!     .spec("spec/featurebase.yaml")
//!     .write_to(out_dir)
//!     .unwrap_or_else(|error| panic!("{error}"));
//! // src/lib.rs: pub mod api { include!(concat!(env!("OUT_DIR"), "/featurebase_api.rs")); }
//! ```
//!
//! The doc examples of the generated request builders call `featurebase_api::Client`, as
//! in the `featurebase-api` crate; a crate that includes a client for another spec sets
//! `doctest = false` in its `[lib]` section.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::write_plan::Plan;
use crate::{Diagnostic, Diagnostics, Generated, GeneratedFile};

/// The file `write_to` writes: every module inline, to be `include!`d.
pub const SINGLE_FILE: &str = "featurebase_api.rs";

/// The file `write_to` also writes when asked for the [`mock`](Generator::mock): the mock
/// server's modules inline, to be `include!`d in a module beside the client's
/// (`pub mod mock { include!(..); }`).
pub const MOCK_FILE: &str = "featurebase_mock.rs";

/// Reads a spec and writes the generated client.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    spec: PathBuf,
    spec_name: Option<String>,
    mock: bool,
}

/// Why generating from a file failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Spec {
        spec: String,
        diagnostics: Diagnostics,
    },
}

impl Generator {
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec to read.
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.spec = path.into();
        self
    }

    /// How the `@generated` header names the spec (default: the path as given).
    pub fn spec_name(mut self, name: impl Into<String>) -> Self {
        self.spec_name = Some(name.into());
        self
    }

    /// Also write the mock server ([`MOCK_FILE`]), for a crate that depends on
    /// `featurebase-mock`.
    pub fn mock(mut self, mock: bool) -> Self {
        self.mock = mock;
        self
    }

    /// The client as separate modules (`mod.rs`, `models.rs`, ...), as `cargo xtask regen`
    /// checks them in.
    pub fn files(&self) -> Result<Generated<Vec<GeneratedFile>>, Error> {
        let text = self.read()?;
        crate::generate(&text, &self.name()).map_err(|diagnostics| self.spec_error(diagnostics))
    }

    /// The client as one file of inline modules, the same code as [`files`](Self::files).
    pub fn single_file(&self) -> Result<Generated<GeneratedFile>, Error> {
        let text = self.read()?;
        let generated = crate::generate_inline(&text, &self.name())
            .map_err(|diagnostics| self.spec_error(diagnostics))?;
        Ok(generated.map(|contents| GeneratedFile {
            path: SINGLE_FILE.to_owned(),
            contents,
        }))
    }

    /// Writes [`single_file`](Self::single_file) into `out_dir` if it changed, and returns
    /// the spec's warnings. In a build script it also prints the warnings for Cargo to show
    /// and tells Cargo to run the script again when the spec changes.
    pub fn write_to(&self, out_dir: impl AsRef<Path>) -> Result<Vec<Diagnostic>, Error> {
        let in_build_script = std::env::var_os("CARGO_CFG_TARGET_OS").is_some();
        if in_build_script {
            println!("cargo:rerun-if-changed={}", self.spec.display());
        }
        let out_dir = out_dir.as_ref();
        let Generated { output, warnings } = self.single_file()?;
        let io = |source| Error::Io {
            path: out_dir.to_path_buf(),
            source,
        };
        let mut files = vec![output];
        if self.mock {
            let text = self.read()?;
            let server = crate::server_inline(&text, &self.name())
                .map_err(|diagnostics| self.spec_error(diagnostics))?;
            files.push(GeneratedFile {
                path: MOCK_FILE.to_owned(),
                contents: server.output,
            });
        }
        Plan::new(out_dir, &files)
            .and_then(|plan| plan.apply(out_dir))
            .map_err(io)?;
        if in_build_script {
            for warning in &warnings {
                for line in warning.render(&self.name()).lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        Ok(warnings)
    }

    fn read(&self) -> Result<String, Error> {
        let bytes = std::fs::read(&self.spec).map_err(|source| Error::Io {
            path: self.spec.clone(),
            source,
        })?;
        crate::decode(bytes).map_err(|diagnostics| self.spec_error(diagnostics))
    }

    fn name(&self) -> String {
        self.spec_name
            .clone()
            .unwrap_or_else(|| self.spec.display().to_string())
    }

    fn spec_error(&self, diagnostics: Diagnostics) -> Error {
        Error::Spec {
            spec: self.name(),
            diagnostics,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::Spec { spec, diagnostics } => f.write_str(&diagnostics.render(spec)),
        }
    }
}

impl std::error::Error for Error {}
