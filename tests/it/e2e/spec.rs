//! The documented examples of `spec/featurebase.yaml`, read with `serde_yaml`, so that every
//! operation is driven by the spec's own examples rather than by copies of them.

use std::fmt;
use std::sync::LazyLock;

use featurebase_api::runtime::Operation;
use serde_json::Value;

static SPEC: LazyLock<Value> = LazyLock::new(|| {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/featurebase.yaml"
    ));
    serde_yaml::from_str(text).expect("spec/featurebase.yaml is valid YAML")
});

/// The whole spec, as JSON.
pub(super) fn document() -> &'static Value {
    &SPEC
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of a spec.
#[derive(Debug, Clone)]
pub(super) struct SpecOperation<'a> {
    pub(super) id: &'a str,
    /// Upper case, as on the wire: `GET`, `POST`, ...
    pub(super) method: String,
    /// The path template, e.g. `/v2/contacts/{id}`.
    pub(super) path: &'a str,
    object: &'a Value,
}

/// Every operation of the spec.
pub(super) fn operations() -> Vec<SpecOperation<'static>> {
    operations_of(&SPEC)
}

/// Every operation of `spec`.
pub(super) fn operations_of(spec: &Value) -> Vec<SpecOperation<'_>> {
    let paths = spec["paths"].as_object().expect("the spec has paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |method| {
                let object = item.get(*method)?;
                Some(SpecOperation {
                    id: object["operationId"]
                        .as_str()
                        .expect("every operation has an id"),
                    method: method.to_ascii_uppercase(),
                    path,
                    object,
                })
            })
        })
        .collect()
}

fn operation(id: &str) -> SpecOperation<'static> {
    operations()
        .into_iter()
        .find(|operation| operation.id == id)
        .unwrap_or_else(|| panic!("the spec has no operation `{id}`"))
}

/// A documented JSON response: what a mock server answers.
#[derive(Debug, Clone)]
pub(super) struct Example {
    pub(super) operation_id: &'static str,
    pub(super) status: u16,
    /// The key under `examples`, or `example` for a lone `example`.
    pub(super) name: String,
    pub(super) body: Value,
}

impl fmt::Display for Example {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            operation_id,
            status,
            name,
            ..
        } = self;
        write!(f, "{operation_id} {status} `{name}`")
    }
}

/// Every documented success (2xx) response example of `operation`, by status.
pub(super) fn success_examples(operation: &Operation) -> Vec<Example> {
    let spec = self::operation(operation.id);
    let mut statuses: Vec<u16> = spec.object["responses"]
        .as_object()
        .expect("the operation has responses")
        .keys()
        .filter_map(|status| status.parse().ok())
        .filter(|status| (200..300).contains(status))
        .collect();
    statuses.sort_unstable();
    let examples: Vec<Example> = statuses
        .into_iter()
        .flat_map(|status| response_examples(operation, status))
        .collect();
    assert!(
        !examples.is_empty(),
        "{}: the spec documents no success example",
        operation.id
    );
    examples
}

/// The documented examples of the `status` response of `operation` (`$ref`s resolved).
pub(super) fn response_examples(operation: &Operation, status: u16) -> Vec<Example> {
    let spec = self::operation(operation.id);
    let response = resolve(&spec.object["responses"][status.to_string()]);
    json_examples(response)
        .into_iter()
        .map(|(name, body)| Example {
            operation_id: spec.id,
            status,
            name,
            body,
        })
        .collect()
}

/// The documented request bodies of `operation`, by example name.
pub(super) fn request_examples(operation: &Operation) -> Vec<(String, Value)> {
    let request_body = resolve(&self::operation(operation.id).object["requestBody"]);
    let examples = json_examples(request_body);
    assert!(
        !examples.is_empty(),
        "{}: the spec documents no request body example",
        operation.id
    );
    examples
}

/// The `example`, or each named `examples.<name>.value`, of an object's `application/json` content.
fn json_examples(object: &Value) -> Vec<(String, Value)> {
    let content = resolve(&object["content"]["application/json"]);
    if let Some(example) = content.get("example") {
        return vec![("example".to_owned(), example.clone())];
    }
    content
        .get("examples")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, example)| (name.clone(), resolve(example)["value"].clone()))
        .collect()
}

/// Follows local `$ref`s (`#/components/...`) to what they point at.
fn resolve(mut value: &Value) -> &Value {
    while let Some(reference) = value.get("$ref").and_then(Value::as_str) {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local references are supported: {reference}"));
        value = SPEC
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling reference {reference}"));
    }
    value
}
