//! Golden-file tests of the generator: each `golden/<fixture>/spec.yaml` must generate
//! exactly the files under `golden/<fixture>/expected/`. Re-bless after an intended change
//! with `UPDATE_EXPECT=1 cargo test -p featurebase-tests --test it golden`.

use std::path::Path;

use expect_test::expect_file;

const FIXTURES: &[&str] = &["petstore", "shapes", "naming"];

#[test]
fn fixtures_generate_their_expected_files() {
    for fixture in FIXTURES {
        let spec_path = format!("tests/golden/{fixture}/spec.yaml");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let spec = std::fs::read_to_string(root.join(&spec_path)).expect("fixture spec");
        let files = featurebase_codegen::generate(&spec, &spec_path)
            .unwrap_or_else(|diagnostics| panic!("{fixture}: {diagnostics}"));
        for file in files {
            // Relative to this source file, as expect_file! wants.
            expect_file![format!("../golden/{fixture}/expected/{}", file.path)]
                .assert_eq(&file.contents);
        }
    }
}

#[test]
fn generation_is_deterministic_whatever_the_map_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = std::fs::read_to_string(root.join("spec/featurebase.yaml")).expect("spec");
    let reordered = reverse_maps(&spec);
    assert_ne!(spec, reordered);
    let first = featurebase_codegen::generate(&spec, "spec.yaml").expect("generates");
    let second = featurebase_codegen::generate(&reordered, "spec.yaml").expect("generates");
    assert_eq!(first, second);
}

/// The same YAML document with every mapping's keys in reverse order.
fn reverse_maps(yaml: &str) -> String {
    fn reverse(value: serde_yaml::Value) -> serde_yaml::Value {
        match value {
            serde_yaml::Value::Mapping(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.reverse();
                serde_yaml::Value::Mapping(
                    entries.into_iter().map(|(k, v)| (k, reverse(v))).collect(),
                )
            }
            serde_yaml::Value::Sequence(items) => {
                serde_yaml::Value::Sequence(items.into_iter().map(reverse).collect())
            }
            other => other,
        }
    }
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("yaml");
    serde_yaml::to_string(&reverse(value)).expect("yaml")
}
