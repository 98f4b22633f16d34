//! The bad-spec corpus: every `tests/diagnostics/*.yaml` is rejected, with every problem
//! listed by JSON pointer and line, as recorded in the `.txt` beside it. None panics.
//! Re-bless after an intended change with
//! `UPDATE_EXPECT=1 cargo test -p featurebase-codegen --test diagnostics`.

use std::path::{Path, PathBuf};

use expect_test::expect_file;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/diagnostics");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn every_broken_spec_is_rejected_with_located_problems() {
    let specs = corpus();
    assert!(specs.len() >= 30, "the corpus has {} specs", specs.len());
    for spec in specs {
        let text = std::fs::read_to_string(&spec).expect("spec");
        let name = spec
            .file_stem()
            .expect("name")
            .to_string_lossy()
            .into_owned();
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
