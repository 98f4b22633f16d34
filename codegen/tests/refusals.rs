//! Input that the generator must refuse with a located error, or accept without letting
//! it reach the output unescaped.

use featurebase_codegen::{Diagnostics, decisions, generate};

const SPEC: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
servers:
  - url: https://api.example.com
paths:
  /items:
    get:
      operationId: getItem
      responses:
        '200':
          description: OK.
          content:
            application/json:
              schema: {type: string}
";

#[test]
fn a_spec_path_cannot_write_past_the_generated_header() {
    let path = "spec.yaml\npub fn injected() {}\n//";
    let files = generate(SPEC, path).expect("generated").output;
    let decisions = decisions(SPEC, path);
    for file in files.iter().chain([&decisions]) {
        let header = file.contents.lines().next().expect("a header");
        assert!(
            header.contains(r"from spec.yaml\npub fn injected() {}\n//."),
            "{header}"
        );
        assert!(
            !file.contents.contains("\npub fn injected"),
            "{}",
            file.path
        );
    }
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let with_bom = format!("\u{feff}{SPEC}");
    let plain = generate(SPEC, "spec.yaml").expect("generated").output;
    let marked = generate(&with_bom, "spec.yaml").expect("generated").output;
    assert_eq!(marked, plain);
    // Lines and columns are the same as without the mark.
    let broken = with_bom.replace("schema: {type: string}", "schema: {type: strin}");
    let Err(Diagnostics(diagnostics)) = generate(&broken, "spec.yaml") else {
        panic!("accepted");
    };
    assert_eq!(
        diagnostics[0].location,
        Some((14, 15)),
        "{}",
        diagnostics[0]
    );
}
