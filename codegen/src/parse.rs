//! Spec text -> `openapiv3::OpenAPI`, with located errors.

use std::panic::{AssertUnwindSafe, catch_unwind};

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Pointer};
use crate::{pinpoint, yaml};

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
    let mut infinite = Vec::new();
    non_finite_numbers(&value, &Pointer::root(), &mut infinite);
    if !infinite.is_empty() {
        return Err(infinite);
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
                let key = key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_owned);
                non_finite_numbers(item, &at.join(key), found);
            }
        }
        Value::Tagged(tagged) => non_finite_numbers(&tagged.value, at, found),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}
