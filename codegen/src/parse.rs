//! Spec text -> `openapiv3::OpenAPI`, with located errors.

use std::panic::{AssertUnwindSafe, catch_unwind};

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Pointer};
use crate::{pinpoint, yaml};

/// The spec file's bytes as text: UTF-8, with or without a byte order mark.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if utf16 {
        let message = "the spec is UTF-16; save it as UTF-8";
        let at_start = Diagnostic {
            location: Some((1, 1)),
            ..Diagnostic::new(&Pointer::root(), message)
        };
        return Err(at_start);
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        // The valid prefix is text, so lines and columns count characters in it.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        Diagnostic {
            location: Some((line, column)),
            ..Diagnostic::new(&Pointer::root(), "the spec is not UTF-8 text")
        }
    })
}

/// The text without the byte order mark that some editors write at the start of a
/// UTF-8 file.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

pub(crate) fn parse(text: &str) -> Result<OpenAPI, Vec<Diagnostic>> {
    let problems = yaml::check(text);
    if !problems.is_empty() {
        return Err(problems);
    }
    let value: Value = serde_yaml::from_str(text).map_err(|error| {
        vec![Diagnostic {
            location: error.location().map(|l| (l.line(), l.column())),
            ..Diagnostic::new(&Pointer::root(), format!("not valid YAML: {error}"))
        }]
    })?;
    let version = value.get("openapi").and_then(Value::as_str);
    if let Some(version) = version.filter(|v| !v.starts_with("3.0.")) {
        let message = format!("OpenAPI version `{version}` is not supported; write 3.0.x");
        return Err(vec![Diagnostic::new(
            &Pointer::root().join("openapi"),
            message,
        )]);
    }
    let mut problems = Vec::new();
    non_finite_numbers(&value, &Pointer::root(), &mut problems);
    relative_paths(&value, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    // openapiv3 is not meant to panic, but a spec is untrusted input: a panic in it
    // becomes a diagnostic, not a crash of `cargo xtask regen` or of a build script.
    let parsed = catch_unwind(AssertUnwindSafe(|| pinpoint::parse(&value)));
    let Ok(parsed) = parsed else {
        let message = "the OpenAPI parser failed on this document";
        return Err(vec![Diagnostic::new(&Pointer::root(), message)]);
    };
    parsed.map_err(|diagnostic| vec![diagnostic])
}

/// `openapiv3` drops the paths that do not start with `/`, with their operations.
fn relative_paths(value: &Value, found: &mut Vec<Diagnostic>) {
    let Some(Value::Mapping(paths)) = value.get("paths") else {
        return;
    };
    for key in paths.keys() {
        let path = key_text(key);
        if !path.starts_with('/') && !path.starts_with("x-") {
            let at = Pointer::root().join("paths").join(&path);
            found.push(Diagnostic::new(
                &at,
                format!("a path starts with `/`: write `/{path}`"),
            ));
        }
    }
}

fn key_text(key: &Value) -> String {
    key.as_str()
        .map_or_else(|| format!("{key:?}"), str::to_owned)
}

/// `.inf` and `.nan` are YAML numbers but not JSON ones (and a schema has no use for them).
fn non_finite_numbers(value: &Value, at: &Pointer, found: &mut Vec<Diagnostic>) {
    match value {
        Value::Number(number) if number.as_f64().is_some_and(|n| !n.is_finite()) => {
            found.push(Diagnostic::new(
                at,
                format!("`{number}` is not a finite number"),
            ));
        }
        Value::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                non_finite_numbers(item, &at.join(index), found);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                non_finite_numbers(item, &at.join(key_text(key)), found);
            }
        }
        Value::Tagged(tagged) => non_finite_numbers(&tagged.value, at, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}
