//! Problems found in a spec, each located by a JSON pointer (and a line where known).

use std::fmt;

/// One problem in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer into the spec, e.g. `#/paths/~1v2~1contacts/get/parameters/0`.
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// 1-based line and column in the spec text, where known.
    pub location: Option<(usize, usize)>,
}

/// Every problem found in a spec, in document order (by line). Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostic {
    pub(crate) fn new(pointer: &Pointer, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.to_string(),
            message: message.into(),
            location: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}\n  --> {}", self.message, self.pointer)?;
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
    /// "1 problem", "3 problems".
    fn count(&self) -> String {
        match self.0.len() {
            1 => "1 problem".to_owned(),
            count => format!("{count} problems"),
        }
    }

    /// Compiler-style lines `spec.yaml:12:3: error: ...` naming the spec file.
    pub fn render(&self, spec: &str) -> String {
        let mut out = String::new();
        for diagnostic in &self.0 {
            let place = match diagnostic.location {
                Some((line, column)) => format!("{spec}:{line}:{column}"),
                None => spec.to_owned(),
            };
            out.push_str(&format!(
                "{place}: error: {}\n  at {}\n",
                diagnostic.message, diagnostic.pointer
            ));
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
