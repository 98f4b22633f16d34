//! Generates the client into `OUT_DIR` with the library call build scripts use.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    featurebase_codegen::Generator::new()
        .spec("../../spec/featurebase.yaml")
        .spec_name("spec/featurebase.yaml")
        .write_to(out_dir)
        .unwrap_or_else(|error| panic!("{error}"));
}
