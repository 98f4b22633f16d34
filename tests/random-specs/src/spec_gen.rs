//! Random valid-looking specs from a seed, full of awkward names: keywords, names close to
//! the output's own, unicode, digits, every case. Deterministic (a xorshift generator), so a
//! build script and a property test can share it. Shared by `build.rs` and
//! `codegen/tests/random_specs.rs`.

/// Names for schemas, properties, operations and resources.
const NAMES: &[&str] = &[
    "type",
    "match",
    "async",
    "gen",
    "self",
    "Item",
    "item_2",
    "Ünïcode",
    "x1",
    "_under",
    "HTTP",
    "camelCase",
    "snake_case",
    "kebab-case",
    "Box2",
    "Optional",
    "Strings",
    "Results",
    "new_item",
    "clear",
    "data",
    "value",
    "Vecs",
    "loop",
    "crate",
    "r#raw",
    "Ok",
    "okay",
    "Étoile",
    "über",
    "ID",
    "id",
    "url",
    "dyn",
    "where",
];

/// A xorshift generator: enough to vary specs, identical on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A spec of one to four schemas and a GET and a POST for each.
pub fn spec(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let count = 1 + rng.below(4);
    let mut names: Vec<String> = Vec::new();
    while names.len() < count {
        let name = format!("{}{}", rng.pick(NAMES), names.len());
        names.push(name);
    }
    let mut schemas = String::new();
    for (index, name) in names.iter().enumerate() {
        schemas.push_str(&schema(&mut rng, name, &names[..index]));
    }
    let mut paths = String::new();
    for (index, name) in names.iter().enumerate() {
        let resource = format!("things{index}");
        paths.push_str(&format!(
            "  /{resource}/{{id}}:
    get:
      operationId: get{index}{op}
      x-sdk-path: {resource}.retrieve
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
        - {{name: {param}, in: query, schema: {{type: integer, minimum: 1}}}}
      responses:
        '200':
          description: OK.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/{name}'}}
  /{resource}:
    post:
      operationId: create{index}{op}
      x-sdk-path: {resource}.create
      requestBody:
        required: true
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/{name}'}}
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/{name}'}}
",
            op = rng.pick(&["", "Item", "Type", "Box", "Result"]),
            param = rng.pick(&["limit", "page", "type_", "max", "gen"]),
        ));
    }
    format!(
        "openapi: 3.0.3
info: {{title: Random {seed}, version: '1'}}
servers:
  - url: https://api.example.com
paths:
{paths}components:
  schemas:
{schemas}"
    )
}

/// An object schema with two to five properties; references go only to earlier schemas,
/// so there is no cycle.
fn schema(rng: &mut Rng, name: &str, earlier: &[String]) -> String {
    let count = 2 + rng.below(4);
    let mut properties = String::new();
    let mut required = Vec::new();
    let mut seen = Vec::new();
    for index in 0..count {
        let property = format!("{}{index}", rng.pick(NAMES));
        if seen.contains(&property) {
            continue;
        }
        seen.push(property.clone());
        let ty = match (rng.below(9), earlier) {
            (0, _) => "{type: string}".to_owned(),
            (1, _) => "{type: integer}".to_owned(),
            (2, _) => "{type: number}".to_owned(),
            (3, _) => "{type: boolean}".to_owned(),
            (4, _) => "{type: string, format: date-time}".to_owned(),
            (5, _) => "{type: array, items: {type: string}}".to_owned(),
            (6, _) => "{type: string, nullable: true}".to_owned(),
            (7, _) => {
                let values: Vec<&str> = (0..2 + rng.below(3)).map(|_| rng.pick(NAMES)).collect();
                let mut values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                values.sort();
                values.dedup();
                format!("{{type: string, enum: [{}]}}", values.join(", "))
            }
            (_, []) => "{type: object, additionalProperties: true}".to_owned(),
            (_, earlier) => {
                let target = &earlier[rng.below(earlier.len())];
                format!("{{$ref: '#/components/schemas/{target}'}}")
            }
        };
        properties.push_str(&format!("        '{property}': {ty}\n"));
        if rng.below(2) == 0 {
            required.push(format!("'{property}'"));
        }
    }
    let required = match required.is_empty() {
        true => String::new(),
        false => format!("      required: [{}]\n", required.join(", ")),
    };
    format!("    '{name}':\n      type: object\n{required}      properties:\n{properties}")
}
