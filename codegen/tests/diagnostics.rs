//! The bad-spec corpus: every `tests/diagnostics/*.yaml` is rejected, with every problem
//! listed by JSON pointer and line, as recorded in the `.txt` beside it. None panics.
//! Every `tests/diagnostics/warnings/*.yaml` is accepted with the located warnings its
//! `.txt` records. Re-bless after an intended change with
//! `UPDATE_EXPECT=1 cargo test -p featurebase-codegen --test diagnostics`.

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use featurebase_codegen::Severity;

/// The specs of `tests/<dir>`, sorted, by path and name.
fn corpus(dir: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(dir);
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
        .into_iter()
        .map(|spec| {
            let name = spec
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (spec, name)
        })
        .collect()
}

#[test]
fn every_broken_spec_is_rejected_with_located_problems() {
    let specs = corpus("diagnostics");
    assert!(specs.len() >= 30, "the corpus has {} specs", specs.len());
    for (spec, name) in specs {
        let text = std::fs::read_to_string(&spec).expect("spec");
        let outcome =
            std::panic::catch_unwind(|| featurebase_codegen::generate(&text, "spec.yaml"));
        let diagnostics = match outcome {
            Ok(Err(diagnostics)) => diagnostics,
            Ok(Ok(_)) => panic!("{name}: a broken spec was accepted"),
            Err(_) => panic!("{name}: the generator panicked"),
        };
        for diagnostic in &diagnostics.0 {
            assert!(diagnostic.pointer.starts_with('#'), "{name}: {diagnostic}");
            assert!(
                diagnostic.location.is_some(),
                "{name}: no line for {diagnostic}"
            );
        }
        expect_file![format!("../../tests/diagnostics/{name}.txt")]
            .assert_eq(&format!("{diagnostics}\n"));
    }
}

#[test]
fn documentation_only_constructs_are_located_warnings() {
    let specs = corpus("diagnostics/warnings");
    assert!(!specs.is_empty(), "the warnings corpus is empty");
    for (spec, name) in specs {
        let text = std::fs::read_to_string(&spec).expect("spec");
        let generated = featurebase_codegen::generate(&text, "spec.yaml")
            .unwrap_or_else(|diagnostics| panic!("{name}: refused:\n{diagnostics}"));
        assert!(!generated.warnings.is_empty(), "{name}: no warning");
        let mut rendered = String::new();
        for warning in &generated.warnings {
            assert_eq!(warning.severity, Severity::Warning, "{name}: {warning}");
            rendered.push_str(&warning.render("spec.yaml"));
            rendered.push('\n');
        }
        expect_file![format!("../../tests/diagnostics/warnings/{name}.txt")].assert_eq(&rendered);
    }
}
