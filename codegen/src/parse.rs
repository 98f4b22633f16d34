//! Spec text -> `openapiv3::OpenAPI`, with located errors.

use openapiv3::OpenAPI;
use serde_path_to_error::Segment;

use crate::diagnostics::{Diagnostic, Pointer};

pub(crate) fn parse(text: &str) -> Result<OpenAPI, Diagnostic> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| Diagnostic {
        pointer: Pointer::root().to_string(),
        message: format!("not valid YAML: {error}"),
        location: error.location().map(|l| (l.line(), l.column())),
    })?;
    let version = value.get("openapi").and_then(|v| v.as_str());
    if let Some(version) = version.filter(|v| !v.starts_with("3.0.")) {
        let message = format!("OpenAPI version `{version}` is not supported; write 3.0.x");
        return Err(Diagnostic::new(&Pointer::root().join("openapi"), message));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut pointer = Pointer::root();
        for segment in error.path().iter() {
            pointer = match segment {
                Segment::Seq { index } => pointer.join(index),
                Segment::Map { key } => pointer.join(key),
                Segment::Enum { variant } => pointer.join(variant),
                Segment::Unknown => break,
            };
        }
        let message = format!("not an OpenAPI 3.0 document: {}", error.inner());
        Diagnostic::new(&pointer, message)
    })
}
