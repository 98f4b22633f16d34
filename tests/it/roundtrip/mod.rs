//! Property test of the models' JSON round trip: for every struct (and union) model of a
//! spec, arbitrary JSON built from the generator's IR ([`strategy`]) decodes, re-encodes to
//! the same JSON, and that encoding decodes again to an equal value.
//!
//! "The same" allows for what a model does not keep, by the spec's rules ([`kept`]): a
//! `null` where the model reads `null` and absence alike, and `readOnly` fields, which are
//! received but never sent. Besides `spec/featurebase.yaml`, the generator's composition
//! golden is tested too, for the features the Featurebase spec does not use yet.
//! `PROPTEST_CASES` sets the number of cases per model (default 64).

pub(crate) mod models;
mod strategy;

use std::collections::BTreeMap;

use featurebase_codegen::ir::{Api, Extra, Field, Struct, Ty, TypeDef, TypeKind, Union};
use proptest::prop_assert;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value};

use models::Model;

const DEFAULT_CASES: u32 = 64;

/// A spec, and its generated models by name.
struct Suite {
    spec_path: &'static str,
    spec: &'static str,
    models: &'static [Model],
}

const SUITES: [Suite; 2] = [
    Suite {
        spec_path: "spec/featurebase.yaml",
        spec: include_str!("../../../spec/featurebase.yaml"),
        models: models::FEATUREBASE,
    },
    Suite {
        spec_path: "tests/golden/composition/spec.yaml",
        spec: include_str!("../../golden/composition/spec.yaml"),
        models: models::COMPOSITION,
    },
];

impl Suite {
    fn api(&self) -> Api {
        featurebase_codegen::lower(self.spec)
            .unwrap_or_else(|diagnostics| {
                panic!("{} does not lower: {diagnostics}", self.spec_path)
            })
            .output
    }
}

/// What to add for the round trip to test every struct and union model of `api`, if anything.
fn model_gaps(api: &Api, models: &[Model]) -> Option<String> {
    let in_ir: BTreeMap<String, String> = api
        .types
        .iter()
        .filter(|def| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)))
        .map(|def| (def.name.clone(), "a model".to_owned()))
        .collect();
    let tested = models.iter().map(|model| model.name.to_owned()).collect();
    crate::coverage::gaps(
        "model",
        &in_ir,
        &tested,
        "add it to the list of `by_name!` in tests/it/roundtrip/models.rs",
    )
}

#[test]
fn every_struct_and_union_model_is_tested() {
    for suite in &SUITES {
        if let Some(gaps) = model_gaps(&suite.api(), suite.models) {
            panic!("{}: {gaps}", suite.spec_path);
        }
    }
}

/// A maintainer who follows the README's walkthrough is told exactly what to add.
#[test]
fn a_model_added_to_the_spec_is_named_with_what_to_add() {
    let spec = crate::coverage::walkthrough_spec();
    let api = featurebase_codegen::lower(&spec)
        .expect("the walkthrough spec lowers")
        .output;
    let gaps = model_gaps(&api, models::FEATUREBASE).expect("Board has no test yet");
    let how = "has no test: add it to the list of `by_name!` in tests/it/roundtrip/models.rs";
    assert_eq!(
        gaps,
        format!(
            "the tests do not cover every model of the spec:\n  - `Board` (a model) {how}\n  \
             - `BoardList` (a model) {how}"
        )
    );
}

#[test]
fn every_model_survives_a_json_round_trip() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    for suite in &SUITES {
        let api = suite.api();
        for model in suite.models {
            let mut runner = TestRunner::new(Config {
                cases,
                failure_persistence: None,
                ..Config::default()
            });
            let result = runner.run(&strategy::model(&api, model.name), |json| {
                round_trip(&api, model, &json)
            });
            if let Err(failure) = result {
                panic!("{} ({}): {failure}", model.name, suite.spec_path);
            }
        }
    }
}

fn round_trip(api: &Api, model: &Model, json: &Value) -> Result<(), TestCaseError> {
    let fail = |what: &'static str| {
        move |error: serde_json::Error| TestCaseError::fail(format!("{what}: {error}"))
    };
    let encoded = (model.reencode)(&json.to_string()).map_err(fail("does not decode"))?;
    let ty = Ty::Named(model.name.to_owned());
    let kept = normalize(api, &ty, json);
    prop_assert!(
        kept == normalize(api, &ty, &encoded),
        "{json}\nre-encodes as\n{encoded}"
    );
    let same = (model.decode_equal)(&encoded.to_string(), &kept.to_string())
        .map_err(fail("does not decode again"))?;
    prop_assert!(
        same,
        "{json}\nre-encodes as {encoded}, which decodes to another value"
    );
    Ok(())
}

/// What a model keeps of a field it decodes.
#[derive(Debug, PartialEq, Eq)]
enum Kept {
    Exactly,
    /// The value, but `null` and absence alike.
    NullAsAbsent,
    /// Nothing: a `readOnly` field of a type that is also sent is never sent.
    Nothing,
}

fn kept(def: &TypeDef, field: &Field) -> Kept {
    if field.read_only && def.usage.request {
        return Kept::Nothing;
    }
    // An optional nullable request field tells "leave unchanged" (absent) from "clear" (null).
    let clearable = !required(def, field) && def.usage.request;
    match field.nullable && !clearable {
        true => Kept::NullAsAbsent,
        false => Kept::Exactly,
    }
}

/// Whether a field must be present: `writeOnly` fields never come back in responses.
fn required(def: &TypeDef, field: &Field) -> bool {
    field.required && !(field.write_only && def.usage.response)
}

/// `value` as its model keeps it: without the fields whose value it does not keep, and
/// without the `null`s of fields where it reads `null` and absence alike.
fn normalize(api: &Api, ty: &Ty, value: &Value) -> Value {
    match (ty, value) {
        (Ty::Array(item), Value::Array(items)) => {
            Value::Array(items.iter().map(|v| normalize(api, item, v)).collect())
        }
        (Ty::Map(item), Value::Object(entries)) => Value::Object(
            entries
                .iter()
                .map(|(key, v)| (key.clone(), normalize(api, item, v)))
                .collect(),
        ),
        (Ty::Named(name), _) => {
            let def = type_def(api, name);
            match &def.kind {
                TypeKind::Struct(body) => normalize_struct(api, def, body, value),
                TypeKind::Union(union) => normalize_union(api, union, value),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) | TypeKind::Literal(_) => value.clone(),
            }
        }
        _ => value.clone(),
    }
}

fn normalize_struct(api: &Api, def: &TypeDef, body: &Struct, value: &Value) -> Value {
    let Value::Object(entries) = value else {
        return value.clone();
    };
    let mut normalized = Map::new();
    for (key, v) in entries {
        let ty = match fields(body).find(|field| field.wire == *key) {
            Some(field) => match kept(def, field) {
                Kept::Nothing => continue,
                Kept::NullAsAbsent if v.is_null() => continue,
                Kept::NullAsAbsent | Kept::Exactly => &field.ty,
            },
            None => match &body.extra {
                Extra::Keep(extra) => extra,
                Extra::Deny | Extra::Ignore => &Ty::Json,
            },
        };
        normalized.insert(key.clone(), normalize(api, ty, v));
    }
    Value::Object(normalized)
}

fn normalize_union(api: &Api, union: &Union, value: &Value) -> Value {
    match &union.tag {
        Some(tag) => {
            let tag = value.get(tag).and_then(Value::as_str);
            let variant = union
                .variants
                .iter()
                .find(|variant| variant.tag_value.is_some() && variant.tag_value.as_deref() == tag);
            // An unknown variant is kept as received.
            variant.map_or_else(
                || value.clone(),
                |variant| normalize(api, &variant.ty, value),
            )
        }
        // The first variant that decodes it wins: allow for what any of them keeps.
        None => union.variants.iter().fold(value.clone(), |value, variant| {
            normalize(api, &variant.ty, &value)
        }),
    }
}

fn type_def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|def| def.name == name)
        .unwrap_or_else(|| panic!("no type named `{name}` in the IR"))
}

/// A struct's fields, including those of its identity variants.
fn fields(body: &Struct) -> impl Iterator<Item = &Field> {
    let identity = body.identity.iter().flat_map(|identity| &identity.variants);
    body.fields
        .iter()
        .chain(identity.flat_map(|variant| &variant.fields))
}
