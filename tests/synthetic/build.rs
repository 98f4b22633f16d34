//! Generates the client for the synthetic spec into `OUT_DIR`.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    featurebase_codegen::Generator::new()
        .spec("spec.yaml")
        .spec_name("tests/synthetic/spec.yaml")
        .write_to(out_dir)
        .unwrap_or_else(|error| panic!("{error}"));
}
