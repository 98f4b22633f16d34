//! Problems found in a spec, each located by a JSON pointer (and a line where known).

use std::fmt;

/// One problem in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the spec is refused for it.
    pub severity: Severity,
    /// JSON pointer into the spec, e.g. `#/paths/~1v2~1contacts/get/parameters/0`.
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// 1-based line and column in the spec text, where known.
    pub location: Option<(usize, usize)>,
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec is refused: no client is generated.
    Error,
    /// Something in the spec was ignored or derived; the client is still generated.
    Warning,
}

/// Every problem found in a refused spec, in document order (by line): at least one
/// error, and the warnings found beside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostic {
    /// An error at `pointer`.
    pub(crate) fn new(pointer: &Pointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            pointer: pointer.to_string(),
            message: message.into(),
            location: None,
        }
    }

    /// A warning at `pointer`.
    pub(crate) fn warning(pointer: &Pointer, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(pointer, message)
        }
    }

    /// A compiler-style line `spec.yaml:12:3: warning: ...` naming the spec file, then
    /// the JSON pointer.
    pub fn render(&self, spec: &str) -> String {
        let place = match self.location {
            Some((line, column)) => format!("{spec}:{line}:{column}"),
            None => spec.to_owned(),
        };
        let (severity, message, pointer) = (self.severity, &self.message, &self.pointer);
        format!("{place}: {severity}: {message}\n  at {pointer}")
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}\n  --> {}",
            self.severity, self.message, self.pointer
        )?;
        if let Some((line, column)) = self.location {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.0 {
            writeln!(f, "{diagnostic}")?;
        }
        write!(f, "{} in the spec", self.count())
    }
}

impl Diagnostics {
    /// "1 problem", "3 problems and 1 warning".
    fn count(&self) -> String {
        let errors = self.of(Severity::Error);
        let warnings = self.of(Severity::Warning);
        let problems = match errors {
            1 => "1 problem".to_owned(),
            count => format!("{count} problems"),
        };
        match warnings {
            0 => problems,
            1 => format!("{problems} and 1 warning"),
            count => format!("{problems} and {count} warnings"),
        }
    }

    fn of(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    /// Compiler-style lines `spec.yaml:12:3: error: ...` naming the spec file.
    pub fn render(&self, spec: &str) -> String {
        let mut out = String::new();
        for diagnostic in &self.0 {
            out.push_str(&diagnostic.render(spec));
            out.push('\n');
        }
        out.push_str(&format!("{} in {spec}", self.count()));
        out
    }
}

impl std::error::Error for Diagnostics {}

/// A JSON pointer under construction (RFC 6901, written as a URI fragment).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pointer(String);

impl Pointer {
    pub(crate) fn root() -> Self {
        Self::default()
    }

    /// This pointer extended by one reference token, escaped.
    pub(crate) fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{token}", self.0))
    }

    /// Parses a local `$ref` such as `#/components/schemas/Contact`.
    pub(crate) fn from_ref(reference: &str) -> Option<Self> {
        reference
            .strip_prefix('#')
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .map(|rest| Self(rest.to_owned()))
    }

    /// The unescaped reference tokens.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_warnings_apart() {
        let at = Pointer::root().join("paths");
        let diagnostics = Diagnostics(vec![
            Diagnostic::new(&at, "broken"),
            Diagnostic::warning(&at, "ignored"),
        ]);
        let expected = "spec.yaml: error: broken\n  at #/paths\n\
                        spec.yaml: warning: ignored\n  at #/paths\n\
                        1 problem and 1 warning in spec.yaml";
        assert_eq!(diagnostics.render("spec.yaml"), expected);
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let pointer = Pointer::root()
            .join("paths")
            .join("/v2/contacts")
            .join("a~b");
        assert_eq!(pointer.to_string(), "#/paths/~1v2~1contacts/a~0b");
        let parsed = Pointer::from_ref(&pointer.to_string()).unwrap();
        assert_eq!(
            parsed.tokens().collect::<Vec<_>>(),
            ["paths", "/v2/contacts", "a~b"]
        );
    }
}
