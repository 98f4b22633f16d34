//! Property test over random specs full of awkward names: the generator either refuses a
//! spec with diagnostics that are all located, or gives files that parse as Rust. (The build
//! script compiles a sample of the accepted ones.)

use featurebase_codegen::{Diagnostics, generate};
use featurebase_random_specs::spec_gen;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_specs_are_refused_with_located_errors_or_give_rust(seed in any::<u64>()) {
        let text = spec_gen::spec(seed);
        match generate(&text, "random.yaml") {
            Ok(generated) => {
                for file in generated.output {
                    let parsed = syn::parse_file(&file.contents);
                    prop_assert!(parsed.is_ok(), "{}: {:?}\n{text}", file.path, parsed.err());
                }
            }
            Err(Diagnostics(diagnostics)) => {
                prop_assert!(!diagnostics.is_empty());
                for diagnostic in diagnostics {
                    prop_assert!(diagnostic.pointer.starts_with('#'), "{diagnostic}");
                    prop_assert!(diagnostic.location.is_some(), "unlocated: {diagnostic}\n{text}");
                }
            }
        }
    }
}

/// The random specs exercise the generator, not only its refusals.
#[test]
fn most_random_specs_are_accepted() {
    let accepted = (0..200)
        .filter(|seed| generate(&spec_gen::spec(*seed), "random.yaml").is_ok())
        .count();
    assert!(accepted >= 50, "only {accepted} of 200 accepted");
}
