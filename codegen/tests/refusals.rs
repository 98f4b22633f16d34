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

/// A case of bytes that are not UTF-8: name, bytes, message, line and column.
type Undecodable = (&'static str, Vec<u8>, &'static str, (usize, usize));

#[test]
fn a_spec_that_is_not_utf8_is_a_located_error() {
    let cases: [Undecodable; 3] = [
        (
            "UTF-16",
            [0xFF, 0xFE, b'o', 0].to_vec(),
            "the spec is UTF-16; save it as UTF-8",
            (1, 1),
        ),
        (
            "Latin-1",
            b"openapi: 3.0.3\ninfo: {title: caf\xe9}\n".to_vec(),
            "the spec is not UTF-8 text",
            (2, 18),
        ),
        (
            "UTF-16 big-endian",
            [0xFE, 0xFF, 0, b'o'].to_vec(),
            "the spec is UTF-16; save it as UTF-8",
            (1, 1),
        ),
    ];
    for (name, bytes, message, location) in cases {
        let Err(Diagnostics(diagnostics)) = featurebase_codegen::decode(bytes) else {
            panic!("{name}: decoded");
        };
        assert_eq!(diagnostics.len(), 1, "{name}");
        assert_eq!(diagnostics[0].message, message, "{name}");
        assert_eq!(diagnostics[0].location, Some(location), "{name}");
        assert_eq!(diagnostics[0].pointer, "#", "{name}");
    }
    let with_bom = format!("\u{feff}{SPEC}").into_bytes();
    let text = featurebase_codegen::decode(with_bom).expect("UTF-8 with a BOM");
    assert!(generate(&text, "spec.yaml").is_ok());
}
