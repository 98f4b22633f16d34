//! Property tests of parse -> lower: whatever the input, the generator answers with code
//! or with diagnostics, and never panics.

use proptest::prelude::*;
use serde_json::Value;

const SPEC: &str = include_str!("../../spec/featurebase.yaml");

/// Words that steer random documents into the generator's code paths.
const WORDS: &[&str] = &[
    "openapi",
    "3.0.3",
    "info",
    "title",
    "version",
    "servers",
    "url",
    "https://a.example",
    "paths",
    "/a",
    "/a/{id}",
    "get",
    "post",
    "delete",
    "operationId",
    "parameters",
    "name",
    "in",
    "path",
    "query",
    "header",
    "required",
    "schema",
    "type",
    "object",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "properties",
    "items",
    "$ref",
    "#/components/schemas/A",
    "#/components/parameters/P",
    "components",
    "schemas",
    "A",
    "B",
    "enum",
    "nullable",
    "allOf",
    "oneOf",
    "anyOf",
    "additionalProperties",
    "responses",
    "200",
    "201",
    "content",
    "application/json",
    "requestBody",
    "x-sdk-path",
    "a.b.c",
    "x-id-type",
    "AId",
    "x-pagination",
    "x-enum-varnames",
    "minProperties",
    "format",
    "date-time",
];

fn word() -> impl Strategy<Value = String> {
    proptest::sample::select(WORDS).prop_map(str::to_owned)
}

/// Arbitrary JSON documents built from the words above.
fn document() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        word().prop_map(Value::String),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..300).prop_map(Value::from),
        Just(Value::Null),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(word(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON value, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| pointers(v, format!("{at}/{}", escape(k)), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| pointers(v, format!("{at}/{i}"), out)),
        _ => {}
    }
}

/// The real spec with one node removed or replaced.
fn mutated_spec() -> impl Strategy<Value = Value> {
    let spec: Value = serde_yaml::from_str(SPEC).expect("the spec parses");
    let mut all = Vec::new();
    pointers(&spec, String::new(), &mut all);
    let replacement = prop_oneof![document(), Just(Value::Null), Just(serde_json::json!({}))];
    (proptest::sample::select(all), replacement, any::<bool>()).prop_map(
        move |(at, new, remove)| {
            let mut spec = spec.clone();
            let (parent, key) = at.rsplit_once('/').unwrap_or(("", ""));
            match spec.pointer_mut(parent) {
                Some(Value::Object(map)) if remove => {
                    map.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                _ => {
                    if let Some(node) = spec.pointer_mut(&at) {
                        *node = new;
                    }
                }
            }
            spec
        },
    )
}

fn generates_or_reports(text: &str) {
    if let Err(diagnostics) = featurebase_codegen::generate(text, "fuzz.yaml") {
        assert!(!diagnostics.0.is_empty());
        assert!(diagnostics.0.iter().all(|d| d.pointer.starts_with('#')));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_documents_never_panic(document in document()) {
        generates_or_reports(&serde_json::to_string(&document).expect("json"));
        generates_or_reports(&serde_yaml::to_string(&document).expect("yaml"));
    }

    #[test]
    fn mutations_of_the_real_spec_never_panic(spec in mutated_spec()) {
        generates_or_reports(&serde_yaml::to_string(&spec).expect("yaml"));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        generates_or_reports(&text);
    }
}
