//! Every JSON example of the API documentation decodes into its model, and re-encodes
//! without losing a documented field.
//!
//! The fixtures in `tests/fixtures/examples/` are extracted from the documentation by
//! `extract.py` there. `manifest.json` names each one's model, its sources, and the
//! differences the comparison must tolerate, as `<kind>: <path>` (`companies[0].industry`):
//! - `extra-field`: a documented field the model does not have, so re-encoding drops it;
//! - `absent-nullable`: a required but nullable field the example leaves out, which
//!   re-encodes as `null`;
//! - `null-omitted`: a field the example sets to `null` that re-encodes as absent (an
//!   optional field of a response, where both mean "no value").
//!
//! Every listed tolerance must occur, so the list cannot go stale. An example that does not
//! decode at all is a bug in the spec or the generator, or one the spec records as invalid
//! (`x-doc-conflict`): its entry carries `known_failure`, and the test checks that it still
//! fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use featurebase_codegen::ir::Ty;
use serde::Deserialize;
use serde_json::Value;

use crate::roundtrip::models;

const MIN_FIXTURES: usize = 20;

#[derive(Debug, Deserialize)]
struct Manifest {
    fixtures: Vec<Fixture>,
}

#[derive(Debug, Deserialize)]
struct Fixture {
    file: String,
    #[serde(rename = "type")]
    model: String,
    role: Role,
    sources: Vec<Source>,
    tolerances: Vec<String>,
    known_failure: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Request,
    Response,
}

#[derive(Debug, Deserialize)]
struct Source {
    /// The `operationId`; `None` for the error envelope, which every operation may answer.
    operation: Option<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(dir().join("manifest.json")).expect("manifest.json");
    serde_json::from_str(&text).expect("a valid manifest")
}

#[test]
fn every_example_reencodes_without_losing_a_field() {
    let problems: Vec<String> = manifest()
        .fixtures
        .iter()
        .flat_map(|fixture| {
            let text = std::fs::read_to_string(dir().join(&fixture.file)).expect("fixture");
            check(fixture, &text)
                .into_iter()
                .map(|problem| format!("{} ({}): {problem}", fixture.file, fixture.model))
        })
        .collect();
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

fn check(fixture: &Fixture, text: &str) -> Vec<String> {
    let original: Value = serde_json::from_str(text).expect("fixtures are valid JSON");
    match (
        (models::featurebase_model(&fixture.model).reencode)(text),
        &fixture.known_failure,
    ) {
        (Ok(encoded), None) => differences(&original, &encoded, &fixture.tolerances),
        (Ok(_), Some(reason)) => vec![format!(
            "decodes now, but is marked `known_failure: {reason}`: remove the mark"
        )],
        (Err(error), None) => vec![format!("does not decode: {error}")],
        (Err(_), Some(_)) => Vec::new(),
    }
}

/// How re-encoding changed the example, beyond what `tolerances` allow.
fn differences(original: &Value, encoded: &Value, tolerances: &[String]) -> Vec<String> {
    let (before, after) = (leaves(original), leaves(encoded));
    let mut tolerated = Tolerances::parse(tolerances);
    let mut problems = Vec::new();
    for (path, value) in &before {
        match after.get(path) {
            Some(again) if value == again => {}
            Some(again) => problems.push(format!("{path}: {value} re-encodes as {again}")),
            None if value.is_null() && tolerated.allow("null-omitted", path) => {}
            None if tolerated.allow("extra-field", path) => {}
            None => problems.push(format!("{path}: {value} is lost (`extra-field`?)")),
        }
    }
    for (path, value) in after.iter().filter(|(path, _)| !before.contains_key(*path)) {
        if !value.is_null() {
            problems.push(format!("{path}: {value} is added"));
        } else if !tolerated.allow("absent-nullable", path) {
            problems.push(format!("{path}: null is added (`absent-nullable`?)"));
        }
    }
    problems.extend(
        tolerated
            .unused()
            .map(|tolerance| format!("tolerance `{tolerance}` does not occur: remove it")),
    );
    problems
}

/// The leaves of a JSON document by path (`companies[0].industry`); empty arrays and
/// objects are leaves too, so that losing one shows.
fn leaves(value: &Value) -> BTreeMap<String, &Value> {
    fn walk<'a>(path: String, value: &'a Value, out: &mut BTreeMap<String, &'a Value>) {
        match value {
            Value::Object(entries) if !entries.is_empty() => {
                for (key, value) in entries {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(path, value, out);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                for (index, item) in items.iter().enumerate() {
                    walk(format!("{path}[{index}]"), item, out);
                }
            }
            leaf => {
                out.insert(path, leaf);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(String::new(), value, &mut out);
    out
}

/// A fixture's tolerances, `<kind>: <path>`, and which of them were needed.
struct Tolerances<'a> {
    listed: Vec<(&'a str, &'a str, bool)>,
}

impl<'a> Tolerances<'a> {
    const KINDS: [&'static str; 3] = ["extra-field", "absent-nullable", "null-omitted"];

    fn parse(tolerances: &'a [String]) -> Self {
        let listed = tolerances
            .iter()
            .map(|tolerance| {
                let (kind, path) = tolerance
                    .split_once(": ")
                    .filter(|(kind, _)| Self::KINDS.contains(kind))
                    .unwrap_or_else(|| panic!("`{tolerance}` is not `<kind>: <path>`"));
                (kind, path, false)
            })
            .collect();
        Self { listed }
    }

    /// Whether a tolerance of `kind` covers `path` (itself, or a field inside it).
    fn allow(&mut self, kind: &str, path: &str) -> bool {
        let covering = self.listed.iter_mut().find(|(k, listed, _)| {
            *k == kind
                && path
                    .strip_prefix(*listed)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        });
        covering.map(|(_, _, used)| *used = true).is_some()
    }

    fn unused(&self) -> impl Iterator<Item = String> {
        self.listed
            .iter()
            .filter(|(_, _, used)| !used)
            .map(|(kind, path, _)| format!("{kind}: {path}"))
    }
}

#[test]
fn the_manifest_lists_every_fixture() {
    let listed: BTreeSet<String> = manifest().fixtures.into_iter().map(|f| f.file).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir())
        .expect("fixture directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json") && name != "manifest.json")
        .collect();
    assert_eq!(listed, on_disk);
    assert!(
        listed.len() >= MIN_FIXTURES,
        "only {} fixtures",
        listed.len()
    );
}

#[test]
fn each_example_is_decoded_as_its_operations_model() {
    let api = featurebase_codegen::lower(include_str!("../../spec/featurebase.yaml"))
        .unwrap_or_else(|diagnostics| panic!("the spec does not lower: {diagnostics}"))
        .output;
    for fixture in manifest().fixtures {
        for operation in fixture
            .sources
            .iter()
            .filter_map(|s| s.operation.as_deref())
        {
            let op = api.operations.iter().find(|op| op.id == operation);
            let op = op.unwrap_or_else(|| panic!("{}: no operation `{operation}`", fixture.file));
            let ty = match fixture.role {
                Role::Request => op.body.as_ref().map(|body| &body.ty),
                Role::Response => op.response.as_ref(),
            };
            let expected = Ty::Named(fixture.model.clone());
            assert_eq!(ty, Some(&expected), "{}: {operation}", fixture.file);
        }
    }
}
