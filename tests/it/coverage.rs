//! The tests that must cover everything a spec has (every operation, every model) say
//! exactly what to add when the spec grows, and are tried on the README's walkthrough.

use std::collections::{BTreeMap, BTreeSet};

/// What is missing from `tested` (of `documented`, each with a description of where it is)
/// and what is tested but no longer documented, as one message; `None` when they agree.
pub(crate) fn gaps(
    what: &str,
    documented: &BTreeMap<String, String>,
    tested: &BTreeSet<String>,
    how_to_add: &str,
) -> Option<String> {
    let missing: Vec<String> = documented
        .iter()
        .filter(|(name, _)| !tested.contains(*name))
        .map(|(name, place)| format!("  - `{name}` ({place}) has no test: {how_to_add}"))
        .collect();
    let gone: Vec<String> = tested
        .iter()
        .filter(|name| !documented.contains_key(*name))
        .map(|name| format!("  - `{name}` is tested but no longer in the spec: remove its test"))
        .collect();
    if missing.is_empty() && gone.is_empty() {
        return None;
    }
    let lines = [missing, gone].concat().join("\n");
    Some(format!(
        "the tests do not cover every {what} of the spec:\n{lines}"
    ))
}

/// `spec/featurebase.yaml` with the README's "Extending the spec" walkthrough applied
/// (`GET /v2/boards`, from `tests/walkthrough/list-boards.yaml`).
pub(crate) fn walkthrough_spec() -> String {
    let spec = include_str!("../../spec/featurebase.yaml");
    let addition = include_str!("../walkthrough/list-boards.yaml");
    let mut doc: serde_yaml::Value = serde_yaml::from_str(spec).expect("the spec is YAML");
    let addition: serde_yaml::Value = serde_yaml::from_str(addition).expect("YAML");
    let merge = |target: &mut serde_yaml::Value, source: &serde_yaml::Value| {
        let target = target.as_mapping_mut().expect("a mapping");
        target.extend(source.as_mapping().expect("a mapping").clone());
    };
    merge(&mut doc["paths"], &addition["paths"]);
    for (section, entries) in addition["components"].as_mapping().expect("components") {
        merge(&mut doc["components"][section], entries);
    }
    serde_yaml::to_string(&doc).expect("YAML")
}
