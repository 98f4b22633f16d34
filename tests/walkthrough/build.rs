//! The README walkthrough: `GET /v2/boards` added to the spec, then the client and its mock
//! generated from it, as `cargo xtask regen` would write them.

#[path = "src/merge.rs"]
mod merge;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for input in ["../../spec/featurebase.yaml", "list-boards.yaml"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let spec = format!("{out_dir}/featurebase.yaml");
    let extended = merge::extended(
        &read("../../spec/featurebase.yaml"),
        &read("list-boards.yaml"),
    );
    std::fs::write(&spec, extended).expect("write the extended spec");
    featurebase_codegen::Generator::new()
        .spec(&spec)
        .spec_name("spec/featurebase.yaml with tests/walkthrough/list-boards.yaml")
        .mock(true)
        .write_to(&out_dir)
        .unwrap_or_else(|error| panic!("{error}"));
}
