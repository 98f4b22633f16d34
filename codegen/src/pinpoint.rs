//! Where a document that `openapiv3` refuses goes wrong. Its untagged enums (`$ref` or
//! item, the kinds of schema) report only that no variant matched, at the enum's parent
//! (`#/paths`); this walks down from the root to the deepest node that still does not
//! deserialize as what belongs there, and asks that node why.

use openapiv3::{
    Components, Header, MediaType, OpenAPI, Operation, Parameter, PathItem, Paths, ReferenceOr,
    RequestBody, Response, Responses, Schema, Type,
};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;
use serde_yaml::Value;

use crate::diagnostics::{Diagnostic, Pointer};

/// The kinds of node the walk knows the place of.
#[derive(Clone, Copy)]
enum Node {
    Document,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Header,
    MediaType,
    Schema,
    Components,
}

/// Where a node's children are.
enum Children {
    /// The value of a key.
    At(&'static str, Node),
    /// Every entry of the mapping or sequence under a key.
    EachAt(&'static str, Node),
    /// Every entry of the node itself, a mapping.
    Each(Node),
}

/// A node that did not deserialize: where in it, and why.
struct Failure {
    within: Vec<String>,
    message: String,
}

/// The document, or the diagnostic for the deepest node that `openapiv3` refuses.
pub(crate) fn parse(document: &Value) -> Result<OpenAPI, Diagnostic> {
    let (mut node, mut value, mut at) = (Node::Document, document, Pointer::root());
    let mut failure = match serde_path_to_error::deserialize(document) {
        Ok(parsed) => return Ok(parsed),
        Err(error) => Failure::from(error),
    };
    'descend: loop {
        for (tokens, child, child_value) in node.children(value) {
            if let Some(child_failure) = child.failure(child_value) {
                at = tokens.into_iter().fold(at, |at, token| at.join(token));
                (node, value, failure) = (child, child_value, child_failure);
                continue 'descend;
            }
        }
        break;
    }
    let at = failure
        .within
        .into_iter()
        .fold(at, |at, token| at.join(token));
    let message = format!(
        "not an OpenAPI 3.0 document: expected {} here: {}",
        node.expected(),
        failure.message
    );
    Err(Diagnostic::new(&at, message))
}

impl Node {
    fn expected(self) -> &'static str {
        match self {
            Self::Document => "an OpenAPI document",
            Self::Paths => "a mapping of paths",
            Self::PathItem => "a path item",
            Self::Operation => "an operation",
            Self::Parameter => "a parameter or a `$ref`",
            Self::RequestBody => "a request body or a `$ref`",
            Self::Responses => "a mapping of statuses to responses",
            Self::Response => "a response or a `$ref`",
            Self::Header => "a header or a `$ref`",
            Self::MediaType => "a media type object",
            Self::Schema => "a schema or a `$ref`",
            Self::Components => "a components object",
        }
    }

    fn children_at(self) -> &'static [Children] {
        use Children::{At, Each, EachAt};
        match self {
            Self::Document => &[At("paths", Self::Paths), At("components", Self::Components)],
            Self::Paths => &[Each(Self::PathItem)],
            Self::PathItem => &[
                EachAt("parameters", Self::Parameter),
                At("get", Self::Operation),
                At("put", Self::Operation),
                At("post", Self::Operation),
                At("delete", Self::Operation),
                At("options", Self::Operation),
                At("head", Self::Operation),
                At("patch", Self::Operation),
                At("trace", Self::Operation),
            ],
            Self::Operation => &[
                EachAt("parameters", Self::Parameter),
                At("requestBody", Self::RequestBody),
                At("responses", Self::Responses),
            ],
            Self::Parameter | Self::Header | Self::MediaType => &[At("schema", Self::Schema)],
            Self::RequestBody => &[EachAt("content", Self::MediaType)],
            Self::Responses => &[Each(Self::Response)],
            Self::Response => &[
                EachAt("headers", Self::Header),
                EachAt("content", Self::MediaType),
            ],
            Self::Schema => &[
                EachAt("properties", Self::Schema),
                At("items", Self::Schema),
                At("additionalProperties", Self::Schema),
                EachAt("allOf", Self::Schema),
                EachAt("oneOf", Self::Schema),
                EachAt("anyOf", Self::Schema),
                At("not", Self::Schema),
            ],
            Self::Components => &[
                EachAt("schemas", Self::Schema),
                EachAt("parameters", Self::Parameter),
                EachAt("requestBodies", Self::RequestBody),
                EachAt("responses", Self::Response),
                EachAt("headers", Self::Header),
            ],
        }
    }

    /// The child nodes of `value`, each with the reference tokens that lead to it.
    fn children(self, value: &Value) -> Vec<(Vec<String>, Node, &Value)> {
        let mut found = Vec::new();
        for children in self.children_at() {
            match *children {
                Children::At(key, node) => {
                    if let Some(child) = value.get(key) {
                        found.push((vec![key.to_owned()], node, child));
                    }
                }
                Children::EachAt(key, node) => {
                    for (token, child) in value.get(key).map(entries).unwrap_or_default() {
                        found.push((vec![key.to_owned(), token], node, child));
                    }
                }
                Children::Each(node) => {
                    // Beside the paths or statuses, `x-` keys are extensions: any value.
                    let entries = entries(value).into_iter();
                    for (token, child) in entries.filter(|(token, _)| !token.starts_with("x-")) {
                        found.push((vec![token], node, child));
                    }
                }
            }
        }
        found
    }

    /// Why `value` does not deserialize as this node, if it does not.
    fn failure(self, value: &Value) -> Option<Failure> {
        match self {
            Self::Document => failure::<OpenAPI>(value),
            Self::Paths => failure::<Paths>(value),
            Self::PathItem => failure_or_ref::<PathItem>(value),
            Self::Operation => failure::<Operation>(value),
            Self::Parameter => failure_or_ref::<Parameter>(value),
            Self::RequestBody => failure_or_ref::<RequestBody>(value),
            Self::Responses => failure::<Responses>(value),
            Self::Response => failure_or_ref::<Response>(value),
            Self::Header => failure_or_ref::<Header>(value),
            Self::MediaType => failure::<MediaType>(value),
            Self::Schema => schema_failure(value),
            Self::Components => failure::<Components>(value),
        }
    }
}

/// A schema's failure, told by the kind its `type` names where there is one (the kinds
/// are an untagged enum, whose own error says only that none matched).
fn schema_failure(value: &Value) -> Option<Failure> {
    // `additionalProperties: true`, in a schema's place.
    if value.is_bool() {
        return None;
    }
    let failure = failure_or_ref::<Schema>(value)?;
    let typed = value.get("type").is_some() && value.get("$ref").is_none();
    Some(
        typed
            .then(|| self::failure::<Type>(value))
            .flatten()
            .unwrap_or(failure),
    )
}

/// `T`'s own error where the value is not a `$ref` (the `$ref`-or-`T` enum would only
/// say that neither matched).
fn failure_or_ref<T: DeserializeOwned>(value: &Value) -> Option<Failure> {
    match value.get("$ref") {
        Some(_) => failure::<ReferenceOr<T>>(value),
        None => failure::<T>(value),
    }
}

fn failure<T: DeserializeOwned>(value: &Value) -> Option<Failure> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    Some(Failure::from(error))
}

impl From<serde_path_to_error::Error<serde_yaml::Error>> for Failure {
    fn from(error: serde_path_to_error::Error<serde_yaml::Error>) -> Self {
        let within = error
            .path()
            .iter()
            .map_while(|segment| match segment {
                Segment::Seq { index } => Some(index.to_string()),
                Segment::Map { key } => Some(key.clone()),
                Segment::Enum { variant } => Some(variant.clone()),
                Segment::Unknown => None,
            })
            .collect();
        Self {
            within,
            message: error.into_inner().to_string(),
        }
    }
}

/// The entries of a mapping (by key) or a sequence (by index).
fn entries(value: &Value) -> Vec<(String, &Value)> {
    match value {
        Value::Mapping(map) => map.iter().map(|(key, child)| (token(key), child)).collect(),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(index, child)| (index.to_string(), child))
            .collect(),
        _ => Vec::new(),
    }
}

/// A mapping key as a reference token: `200` as written, not as YAML would print it.
fn token(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        other => format!("{other:?}"),
    }
}
