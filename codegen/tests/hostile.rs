//! Specs built to exhaust the generator: long chains of structs and of aliases. Each is
//! generated or refused with located diagnostics, on a test thread's small stack, never
//! an abort.

use featurebase_codegen::{Diagnostics, generate};

/// A spec whose one operation returns `S0`, and `schemas` as its components.
fn spec(schemas: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: T, version: '1'}}
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
              schema: {{$ref: '#/components/schemas/S0'}}
components:
  schemas:
{schemas}"
    )
}

/// `S0` holds `S1` ... holds `S{n-1}`, as struct fields or as array items.
fn chain(n: usize, link: &str) -> String {
    let mut schemas = String::new();
    for i in 0..n - 1 {
        let next = format!("{{$ref: '#/components/schemas/S{}'}}", i + 1);
        let body = match link {
            "struct" => format!("type: object\n      properties:\n        next: {next}"),
            _ => format!("type: array\n      items: {next}"),
        };
        schemas.push_str(&format!("    S{i}:\n      {body}\n"));
    }
    schemas.push_str(&format!(
        "    S{}:\n      type: object\n      properties:\n        x: {{type: string}}\n",
        n - 1
    ));
    spec(&schemas)
}

#[test]
fn a_chain_of_five_thousand_structs_is_generated() {
    let files = generate(&chain(5000, "struct"), "chain.yaml")
        .expect("generated")
        .output;
    let models = files
        .iter()
        .find(|f| f.path == "models.rs")
        .expect("models");
    assert!(
        models.contents.contains("pub struct S4999 {"),
        "the last link"
    );
    assert!(models.contents.contains("pub next: Option<S4999>,"));
}

#[test]
fn a_chain_of_array_aliases_is_refused_where_it_gets_too_deep() {
    for n in [200, 2000] {
        let Err(Diagnostics(diagnostics)) = generate(&chain(n, "array"), "chain.yaml") else {
            panic!("{n}: accepted");
        };
        let first = &diagnostics[0];
        assert!(
            first
                .message
                .starts_with("schemas nest more than 32 levels deep here"),
            "{first}"
        );
        assert_eq!(first.pointer, "#/components/schemas/S32", "{n}");
        assert!(first.location.is_some(), "{first}");
    }
    // Within the bound, the nested lists are generated.
    let files = generate(&chain(30, "array"), "chain.yaml")
        .expect("30 levels")
        .output;
    let operations = files
        .iter()
        .find(|f| f.path == "operations.rs")
        .expect("operations");
    let code: String = operations.contents.split_whitespace().collect();
    let nested = format!("{}models::S29>", "Vec<".repeat(29));
    assert!(
        code.contains(&nested),
        "aliases are inlined as nested lists"
    );
}
