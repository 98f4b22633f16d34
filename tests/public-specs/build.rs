//! Generates a client and its mock server, with the library call build scripts use, for
//! every spec that `expectations.yaml` lists as accepted:
//! `OUT_DIR/<spec name>/featurebase_api.rs` and `featurebase_mock.rs`.
//! The names are passed on as `PUBLIC_SPECS_ACCEPTED` so that a test can check that
//! `src/lib.rs` includes each of them.

use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    println!("cargo:rerun-if-changed=expectations.yaml");
    let expectations =
        std::fs::read_to_string("expectations.yaml").expect("tests/public-specs/expectations.yaml");
    let expectations: serde_yaml::Value =
        serde_yaml::from_str(&expectations).expect("expectations.yaml is YAML");
    let mut accepted = Vec::new();
    for entry in expectations["specs"]
        .as_sequence()
        .expect("`specs` is a list")
    {
        if entry["outcome"].as_str() != Some("accepted") {
            continue;
        }
        let spec = entry["spec"].as_str().expect("`spec` is a file name");
        let name = spec.strip_suffix(".yaml").expect("a .yaml spec");
        featurebase_codegen::Generator::new()
            .spec(spec)
            .spec_name(format!("tests/public-specs/{spec}"))
            .mock(true)
            .write_to(Path::new(&out_dir).join(name))
            .unwrap_or_else(|error| panic!("{error}"));
        accepted.push(name.to_owned());
    }
    println!(
        "cargo:rustc-env=PUBLIC_SPECS_ACCEPTED={}",
        accepted.join(",")
    );
}
