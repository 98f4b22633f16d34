//! Generates a client and its mock server for each of the first random specs the generator
//! accepts, into `OUT_DIR`, as one module each (`all.rs` lists them): compiling this crate
//! compiles them.

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
        let server = featurebase_codegen::server_inline(&text, "random.yaml")
            .expect("a spec the client generates from gives a server too");
        std::fs::write(format!("{out_dir}/seed_{seed}.rs"), generated.output).expect("write");
        std::fs::write(format!("{out_dir}/seed_{seed}_mock.rs"), server.output).expect("write");
        writeln!(
            index,
            "/// The client and mock server of random spec {seed}.\n#[rustfmt::skip]\npub mod seed_{seed} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/seed_{seed}.rs\"));\n    pub mod mock {{ include!(concat!(env!(\"OUT_DIR\"), \"/seed_{seed}_mock.rs\")); }}\n}}"
        )
        .expect("a String");
        accepted += 1;
    }
    assert_eq!(accepted, SAMPLE, "too few random specs are accepted");
    std::fs::write(format!("{out_dir}/all.rs"), index).expect("write");
}
