//! Generates a client for each of the first random specs the generator accepts, into
//! `OUT_DIR`, as one module each (`all.rs` lists them): compiling this crate compiles them.

#[path = "src/spec_gen.rs"]
#[allow(unreachable_pub)]
mod spec_gen;

use std::fmt::Write as _;

/// How many accepted specs are compiled.
const SAMPLE: usize = 12;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo:rerun-if-changed=src/spec_gen.rs");
    let mut index = String::new();
    let mut accepted = 0;
    for seed in 0..1000 {
        if accepted == SAMPLE {
            break;
        }
        let text = spec_gen::spec(seed);
        let Ok(generated) = featurebase_codegen::generate_inline(&text, "random.yaml") else {
            continue;
        };
        let file = format!("{out_dir}/seed_{seed}.rs");
        std::fs::write(&file, generated.output).expect("write");
        writeln!(
            index,
            "/// The client of random spec {seed}.\n#[rustfmt::skip]\npub mod seed_{seed} {{ include!(concat!(env!(\"OUT_DIR\"), \"/seed_{seed}.rs\")); }}"
        )
        .expect("a String");
        accepted += 1;
    }
    assert_eq!(accepted, SAMPLE, "too few random specs are accepted");
    std::fs::write(format!("{out_dir}/all.rs"), index).expect("write");
}
