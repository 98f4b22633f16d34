//! Public example specs (`tests/public-specs/*.yaml`: the OpenAPI Initiative's 3.0 examples
//! and a few other well-known documents, without our `x-` extensions) are each accepted or
//! rejected exactly as `tests/public-specs/expectations.yaml` says, with every diagnostic
//! located, and the generator never panics on them, nor on broken copies of them.
//!
//! When an expectation fails, the test prints what the generator said, in the format of
//! `expectations.yaml`, to review and paste.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use featurebase_codegen::{Diagnostic, Diagnostics, Generated, GeneratedFile, Severity};
use serde_yaml::{Mapping, Value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/public-specs")
}

/// The specs in the directory, by file name, sorted.
fn spec_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/public-specs")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".yaml") && name != "expectations.yaml")
        .collect();
    names.sort();
    names
}

/// One entry of `expectations.yaml`: the warnings of an accepted spec, or the
/// diagnostics of a rejected one.
#[derive(Debug, PartialEq)]
enum Expected {
    Accepted(Vec<Diagnostic>),
    Rejected(Vec<Diagnostic>),
}

fn expectations() -> Vec<(String, Expected)> {
    let text = std::fs::read_to_string(dir().join("expectations.yaml")).expect("expectations");
    let doc: Value = serde_yaml::from_str(&text).expect("expectations.yaml is YAML");
    let entries = doc["specs"].as_sequence().expect("`specs` is a list");
    entries.iter().map(expectation).collect()
}

fn expectation(entry: &Value) -> (String, Expected) {
    let spec = text(&entry["spec"], "spec");
    let expected = match entry["outcome"].as_str() {
        Some("accepted") => {
            let warnings = entry["warnings"].as_sequence().map(Vec::as_slice);
            Expected::Accepted(
                warnings
                    .unwrap_or_default()
                    .iter()
                    .map(diagnostic)
                    .collect(),
            )
        }
        Some("rejected") => {
            assert!(
                entry["reason"]
                    .as_str()
                    .is_some_and(|r| !r.trim().is_empty()),
                "{spec}: a rejected spec says why, in `reason`"
            );
            let diagnostics = entry["diagnostics"]
                .as_sequence()
                .unwrap_or_else(|| panic!("{spec}: a rejected spec lists its `diagnostics`"));
            Expected::Rejected(diagnostics.iter().map(diagnostic).collect())
        }
        other => panic!("{spec}: outcome {other:?} is neither `accepted` nor `rejected`"),
    };
    (spec, expected)
}

fn text(value: &Value, what: &str) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("`{what}` is a string in {value:?}"))
        .to_owned()
}

fn number(value: &Value, what: &str) -> usize {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("`{what}` is a number in {value:?}")) as usize
}

/// A diagnostic of `expectations.yaml`: an error unless it says `severity: warning`.
fn diagnostic(d: &Value) -> Diagnostic {
    Diagnostic {
        severity: match d["severity"].as_str() {
            Some("warning") => Severity::Warning,
            _ => Severity::Error,
        },
        message: text(&d["message"], "message"),
        pointer: text(&d["at"], "at"),
        location: Some((number(&d["line"], "line"), number(&d["column"], "column"))),
    }
}

/// `diagnostic`'s inverse.
fn diagnostic_yaml(d: &Diagnostic) -> Value {
    let mut item = Mapping::new();
    if d.severity == Severity::Warning {
        item.insert("severity".into(), "warning".into());
    }
    item.insert("message".into(), d.message.clone().into());
    item.insert("at".into(), d.pointer.clone().into());
    let (line, column) = d.location.unwrap_or_default();
    item.insert("line".into(), (line as u64).into());
    item.insert("column".into(), (column as u64).into());
    Value::Mapping(item)
}

/// Runs the generator, turning a panic into a test failure that names the spec.
fn generate(text: &str, name: &str) -> Result<Generated<Vec<GeneratedFile>>, Diagnostics> {
    let spec_name = format!("tests/public-specs/{name}");
    catch_unwind(AssertUnwindSafe(|| {
        featurebase_codegen::generate(text, &spec_name)
    }))
    .unwrap_or_else(|_| panic!("{name}: the generator panicked"))
}

fn outcome(name: &str) -> Expected {
    let text = std::fs::read_to_string(dir().join(name)).expect("spec");
    match generate(&text, name) {
        Ok(generated) => {
            assert!(
                !generated.output.is_empty(),
                "{name}: accepted but no files"
            );
            Expected::Accepted(generated.warnings)
        }
        Err(Diagnostics(diagnostics)) => Expected::Rejected(diagnostics),
    }
}

/// `outcome` as an entry of `expectations.yaml`.
fn as_yaml(name: &str, outcome: &Expected) -> String {
    let mut entry = Mapping::new();
    entry.insert("spec".into(), name.into());
    match outcome {
        Expected::Accepted(warnings) => {
            entry.insert("outcome".into(), "accepted".into());
            if !warnings.is_empty() {
                let list = warnings.iter().map(diagnostic_yaml).collect();
                entry.insert("warnings".into(), Value::Sequence(list));
            }
        }
        Expected::Rejected(diagnostics) => {
            entry.insert("outcome".into(), "rejected".into());
            entry.insert("reason".into(), "...".into());
            let list = diagnostics.iter().map(diagnostic_yaml).collect();
            entry.insert("diagnostics".into(), Value::Sequence(list));
        }
    }
    serde_yaml::to_string(&Value::Sequence(vec![Value::Mapping(entry)])).expect("YAML")
}

#[test]
fn every_public_spec_has_one_expectation() {
    let listed: Vec<String> = expectations().into_iter().map(|(spec, _)| spec).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), listed.len(), "a spec is listed twice");
    assert_eq!(
        sorted,
        spec_files(),
        "expectations.yaml and the directory differ"
    );
    assert!(listed.len() >= 8, "the corpus has {} specs", listed.len());
}

#[test]
fn public_specs_are_accepted_or_rejected_as_expected() {
    let mut failures = Vec::new();
    for (name, expected) in expectations() {
        let actual = outcome(&name);
        let (Expected::Accepted(diagnostics) | Expected::Rejected(diagnostics)) = &actual;
        for diagnostic in diagnostics {
            assert!(diagnostic.pointer.starts_with('#'), "{name}: {diagnostic}");
            assert!(
                diagnostic.location.is_some(),
                "{name}: no line for {diagnostic}"
            );
        }
        if actual != expected {
            failures.push(format!(
                "{name}: expected\n{}\ngot\n{}",
                as_yaml(&name, &expected),
                as_yaml(&name, &actual)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Replaces the one occurrence of `from` in `text`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` occurs once");
    text.replacen(from, to, 1)
}

/// A diagnostic as written in a test: message, pointer, line, column.
type Located = (&'static str, &'static str, usize, usize);

/// Defects introduced into an accepted spec: each is rejected with located diagnostics
/// (message, pointer, line, column), never a panic.
#[test]
fn defects_in_a_public_spec_are_located() {
    let name = "petstore.yaml";
    let text = std::fs::read_to_string(dir().join(name)).expect("spec");
    let cases: [(&str, String, &[Located]); 5] = [
        (
            "duplicate YAML key",
            edit(
                &text,
                "  title: Swagger Petstore\n",
                "  title: Swagger Petstore\n  title: Again\n",
            ),
            &[(
                "`title` is a key of this mapping twice; only one would be kept",
                "#/info/title",
                10,
                3,
            )],
        ),
        (
            "dangling schema $ref",
            edit(
                &text,
                "$ref: \"#/components/schemas/Pets\"",
                "$ref: \"#/components/schemas/Pest\"",
            ),
            &[(
                "`#/components/schemas/Pest` does not exist",
                "#/paths/~1pets/get/responses/200/content/application~1json/schema/$ref",
                41,
                17,
            )],
        ),
        (
            "operationId taken",
            edit(&text, "operationId: showPetById", "operationId: listPets"),
            &[
                (
                    "`pets.list_pets` is already taken in the resource tree (by `listPets`)",
                    "#/paths/~1pets~1{petId}/get/x-sdk-path",
                    69,
                    5,
                ),
                (
                    "operationId `listPets` gives the Rust name `ListPets`, as does the operation at `#/paths/~1pets/get`",
                    "#/paths/~1pets~1{petId}/get/operationId",
                    71,
                    7,
                ),
            ],
        ),
        (
            "path parameter renamed in the path only",
            edit(&text, "  /pets/{petId}:\n", "  /pets/{id}:\n"),
            &[
                (
                    "path parameter `{id}` has no `in: path` parameter",
                    "#/paths/~1pets~1{id}/get",
                    69,
                    5,
                ),
                (
                    "path parameter `petId` does not appear in `/pets/{id}`",
                    "#/paths/~1pets~1{id}/get/parameters/0",
                    75,
                    11,
                ),
            ],
        ),
        (
            "non-JSON response",
            edit(
                &text,
                "request\n          content:\n            application/json:",
                "request\n          content:\n            text/plain:",
            ),
            &[(
                "media type `text/plain` is not supported; use `application/json`",
                "#/paths/~1pets~1{petId}/get/responses/200/content/text~1plain",
                85,
                13,
            )],
        ),
    ];
    for (defect, broken, expected) in cases {
        let Err(Diagnostics(diagnostics)) = generate(&broken, name) else {
            panic!("{defect}: accepted");
        };
        let expected: Vec<Diagnostic> = expected
            .iter()
            .map(|&(message, pointer, line, column)| Diagnostic {
                severity: Severity::Error,
                message: message.to_owned(),
                pointer: pointer.to_owned(),
                location: Some((line, column)),
            })
            .collect();
        assert_eq!(diagnostics, expected, "{defect}");
    }
}

/// Every public spec cut short after every fourth line (a prefix of a YAML document is
/// often a valid but incomplete one) answers with code or diagnostics, never a panic.
#[test]
fn truncated_public_specs_never_panic() {
    for name in spec_files() {
        let text = std::fs::read_to_string(dir().join(&name)).expect("spec");
        let mut end = 0;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            end += line.len();
            if index % 4 != 0 {
                continue;
            }
            if let Err(Diagnostics(diagnostics)) = generate(&text[..end], &name) {
                assert!(!diagnostics.is_empty(), "{name} cut at byte {end}");
            }
        }
    }
}
