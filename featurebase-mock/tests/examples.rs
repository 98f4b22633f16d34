//! Every documented success example in the spec has the shape of what the mock answers
//! to the documented request: the same keys (the mock may add only fields the schema
//! declares, for examples the documentation abbreviates), the same JSON types (`null`
//! only where the schema is nullable), arrays compared by their first items.
//!
//! The operations come from walking the spec's `paths`, so a new operation is covered
//! as soon as it is in the spec; one this test cannot drive makes it fail, saying what
//! to add.

use std::collections::BTreeMap;

use featurebase_api::models::{UpsertCompanyRequest, UpsertContactCompany, UpsertContactRequest};
use featurebase_api::runtime::Timestamp;
use featurebase_mock::{MOCK_API_KEY, MockServer};
use serde_json::{Map, Value, json};

/// Operations this test cannot drive from the spec's examples, each with the reason.
/// None so far: keep it that way by giving new operations examples in the spec.
const NOT_DRIVEN: &[(&str, &str)] = &[];

/// The id kinds the API assigns, as opposed to the external ids of the caller's system.
const FEATUREBASE_IDS: [&str; 2] = ["ContactId", "CompanyId"];

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

struct Spec(Value);

impl Spec {
    fn load() -> Self {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/featurebase.yaml");
        let text = std::fs::read_to_string(path).expect("the spec is readable");
        Self(serde_yaml::from_str(&text).expect("the spec is YAML"))
    }

    /// `value`, or what its `$ref` points to.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let pointer = reference.trim_start_matches('#');
                self.resolve(self.0.pointer(pointer).expect("a $ref that resolves"))
            }
            None => value,
        }
    }

    fn operations(&self) -> Vec<Operation<'_>> {
        let paths = self.0["paths"].as_object().expect("paths");
        let per_path = paths.iter().flat_map(|(path, item)| {
            let methods = METHODS.iter();
            methods.filter_map(move |method| {
                let operation = item.get(*method)?;
                let id = operation["operationId"].as_str().expect("an operationId");
                Some(Operation {
                    id,
                    method,
                    path,
                    spec: operation,
                })
            })
        });
        per_path.collect()
    }

    /// The JSON examples of a content map: `example`, or each of `examples`.
    fn examples<'a>(&'a self, content: &'a Value) -> Vec<&'a Value> {
        let Some(json) = content
            .get("content")
            .and_then(|c| c.get("application/json"))
        else {
            return Vec::new();
        };
        if let Some(example) = json.get("example") {
            return vec![example];
        }
        let named = json.get("examples").and_then(Value::as_object);
        let named = named.into_iter().flat_map(|examples| examples.values());
        named
            .map(|example| &self.resolve(example)["value"])
            .collect()
    }
}

struct Operation<'a> {
    id: &'a str,
    method: &'a str,
    path: &'a str,
    spec: &'a Value,
}

/// One request to send, built from the spec's examples.
struct Request {
    path: String,
    body: Option<Value>,
}

/// What the seeded mock holds, by the spec's id kinds (`x-id-type`).
struct Fixture {
    mock: MockServer,
    ids: BTreeMap<&'static str, String>,
}

impl Fixture {
    /// A customer with every field set, linked to two companies with every field set:
    /// its ids differ from the documented ones, so the documented upserts create.
    async fn seed() -> Self {
        let mock = MockServer::start().await;
        let store = mock.store();
        let full = |company_id: &str| {
            let fields = BTreeMap::from([("tier".to_owned(), json!("gold"))]);
            UpsertCompanyRequest::new(company_id, "Fixture Inc")
                .company_size(12)
                .industry("Software")
                .monthly_spend(99)
                .plan("pro")
                .website("https://fixture.example")
                .custom_fields(fields)
                .created_at("2024-01-15T10:30:00Z".parse::<Timestamp>().unwrap())
        };
        let first = store.seed_company(&full("fixture_company_a"));
        store.seed_company(&full("fixture_company_b"));
        let linked = ["fixture_company_a", "fixture_company_b"]
            .map(|id| UpsertContactCompany::new(id, "Fixture Inc"))
            .to_vec();
        let fields = BTreeMap::from([("plan".to_owned(), json!("pro"))]);
        let customer =
            UpsertContactRequest::with_user_id_and_email("fixture_user", "f@example.com")
                .name("Fixture")
                .locale("en")
                .profile_picture("https://fixture.example/me.png")
                .roles(vec!["role_vip".into()])
                .custom_fields(fields)
                .companies(linked);
        let contact = store.seed_contact(&customer);
        let ids = BTreeMap::from([
            ("ContactId", contact.to_string()),
            ("CompanyId", first.to_string()),
            ("UserId", "fixture_user".to_owned()),
            ("ExternalCompanyId", "fixture_company_a".to_owned()),
        ]);
        Self { mock, ids }
    }

    /// The fixture's id for a value of an id kind, or the documented `example`. In a
    /// body only Featurebase ids are replaced: external ids there are identities the
    /// caller chooses (an upsert's `userId`), which the documented values serve.
    fn value(
        &self,
        schema: &Value,
        example: Option<&Value>,
        in_body: bool,
    ) -> Result<Value, String> {
        let kind = schema.get("x-id-type").and_then(Value::as_str);
        let kind = kind.filter(|kind| !in_body || FEATUREBASE_IDS.contains(kind));
        match (kind.map(|kind| self.ids.get(kind)), example) {
            (Some(Some(id)), _) => Ok(Value::String(id.clone())),
            (Some(None), _) => Err(format!("a fixture id for `{}`", kind.unwrap_or_default())),
            (None, Some(example)) => Ok(example.clone()),
            (None, None) => Err("an `example`".to_owned()),
        }
    }

    async fn send(&self, method: &str, request: &Request) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let url = format!("{}{}", self.mock.url(), request.path);
        let mut builder = reqwest::Client::new()
            .request(method, url)
            .bearer_auth(MOCK_API_KEY);
        if let Some(body) = &request.body {
            builder = builder.json(body);
        }
        let response = builder.send().await.expect("the mock answers");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// The requests the spec documents for `operation`: its path and required parameters
/// from their examples (ids replaced by the fixture's), once per request-body example.
fn requests(spec: &Spec, fixture: &Fixture, operation: &Operation) -> Result<Vec<Request>, String> {
    let mut path = operation.path.to_owned();
    let mut query = Vec::new();
    let params = operation.spec.get("parameters").and_then(Value::as_array);
    for param in params
        .into_iter()
        .flatten()
        .map(|param| spec.resolve(param))
    {
        let name = param["name"].as_str().unwrap_or_default();
        let place = param["in"].as_str().unwrap_or_default();
        let required = param["required"].as_bool().unwrap_or(false);
        if place == "header" || (place == "query" && !required) {
            continue;
        }
        let schema = spec.resolve(&param["schema"]);
        let example = param.get("example").or_else(|| schema.get("example"));
        let value = fixture
            .value(schema, example, false)
            .map_err(|missing| format!("{missing} for parameter `{name}`"))?;
        let value = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned);
        match place {
            "path" => path = path.replace(&format!("{{{name}}}"), &value),
            _ => query.push(format!("{name}={value}")),
        }
    }
    if !query.is_empty() {
        path = format!("{path}?{}", query.join("&"));
    }
    let Some(body) = operation
        .spec
        .get("requestBody")
        .map(|body| spec.resolve(body))
    else {
        return Ok(vec![Request { path, body: None }]);
    };
    let schema = spec.resolve(&body["content"]["application/json"]["schema"]);
    let examples = spec.examples(body);
    if examples.is_empty() {
        return Err("a request body `example`".to_owned());
    }
    let bodies = examples.into_iter().map(|example| {
        let mut example = example.clone();
        for (key, value) in example.as_object_mut().into_iter().flatten() {
            if let Some(property) = schema["properties"].get(key) {
                *value = fixture.value(spec.resolve(property), Some(value), true)?;
            }
        }
        Ok(Request {
            path: path.clone(),
            body: Some(example),
        })
    });
    bodies.collect()
}

/// The documented success examples of `operation`, by status.
fn documented<'a>(spec: &'a Spec, operation: &Operation<'a>) -> Vec<(u16, &'a Value, &'a Value)> {
    let responses = operation.spec["responses"].as_object().expect("responses");
    let success = responses
        .iter()
        .filter(|(status, _)| status.starts_with('2'));
    let per_status = success.flat_map(|(status, response)| {
        let response = spec.resolve(response);
        let schema = &response["content"]["application/json"]["schema"];
        let status: u16 = status.parse().expect("a numeric status");
        let examples = spec.examples(response).into_iter();
        examples.map(move |example| (status, example, schema))
    });
    per_status.collect()
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The differences in shape between a documented example and the mock's answer.
fn compare(spec: &Spec, at: &str, example: &Value, actual: &Value, schema: &Value) -> Vec<String> {
    let schema = spec.resolve(schema);
    let open_map =
        schema["additionalProperties"] == json!(true) && schema.get("properties").is_none();
    let nullable = schema["nullable"] == json!(true);
    match (example, actual) {
        _ if open_map => Vec::new(),
        (Value::Object(documented), Value::Object(answered)) => {
            compare_objects(spec, at, documented, answered, schema)
        }
        (Value::Array(documented), Value::Array(answered)) => {
            match (documented.first(), answered.first()) {
                (Some(first), Some(answer)) => {
                    compare(spec, &format!("{at}[0]"), first, answer, &schema["items"])
                }
                // An empty list has no item to compare.
                _ => Vec::new(),
            }
        }
        (Value::Null, _) | (_, Value::Null) if nullable => Vec::new(),
        _ if kind(example) == kind(actual) => Vec::new(),
        _ => vec![format!(
            "{at}: documented as {}, the mock answers {}",
            kind(example),
            kind(actual)
        )],
    }
}

/// Every documented key answered, every answered key documented or declared, and the
/// values alike.
fn compare_objects(
    spec: &Spec,
    at: &str,
    documented: &Map<String, Value>,
    answered: &Map<String, Value>,
    schema: &Value,
) -> Vec<String> {
    let absent = documented.keys().filter(|key| !answered.contains_key(*key));
    let mut problems: Vec<String> = absent
        .map(|key| format!("{at}.{key}: documented, absent from the mock's answer"))
        .collect();
    let declared = |key: &String| schema["properties"].get(key).is_some();
    let invented = answered
        .keys()
        .filter(|key| !documented.contains_key(*key) && !declared(key));
    problems.extend(
        invented.map(|key| format!("{at}.{key}: answered by the mock, not declared by the spec")),
    );
    for (key, value) in documented {
        if let Some(answer) = answered.get(key) {
            let property = &schema["properties"][key];
            problems.extend(compare(
                spec,
                &format!("{at}.{key}"),
                value,
                answer,
                property,
            ));
        }
    }
    problems
}

/// The mock's answers to each documented request, sent twice on a fresh fixture; or
/// what the spec lacks to build the requests.
async fn answers(spec: &Spec, operation: &Operation<'_>) -> Result<Vec<(u16, Value)>, String> {
    let probe = Fixture::seed().await;
    let mut answers = Vec::new();
    for request in &requests(spec, &probe, operation)? {
        let fixture = Fixture::seed().await;
        assert_eq!(fixture.ids, probe.ids, "seeding is deterministic");
        for _ in 0..2 {
            answers.push(fixture.send(operation.method, request).await);
        }
    }
    Ok(answers)
}

/// The problems with one operation: each documented example against every answer of
/// its status, the request sent twice on a fresh fixture (so an upsert answers both
/// its 201 and its 200).
async fn check(spec: &Spec, operation: &Operation<'_>) -> Vec<String> {
    let answers = match answers(spec, operation).await {
        Ok(answers) => answers,
        Err(missing) => {
            let id = operation.id;
            return vec![format!(
                "{id}: cannot be driven from the spec; add {missing} to the spec (or a fixture \
                 in tests/examples.rs), or list `{id}` in NOT_DRIVEN with the reason"
            )];
        }
    };
    let examples = documented(spec, operation);
    let mut problems = Vec::new();
    for (status, example, schema) in examples {
        let matching: Vec<&Value> = answers
            .iter()
            .filter(|(s, _)| *s == status)
            .map(|(_, body)| body)
            .collect();
        if matching.is_empty() {
            let seen: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
            problems.push(format!(
                "{}: documents {status}, the mock answered {seen:?}",
                operation.id
            ));
        }
        for answer in matching {
            let at = format!("{} {status}", operation.id);
            problems.extend(compare(spec, &at, example, answer, schema));
        }
    }
    problems
}

#[tokio::test]
async fn every_documented_success_example_has_the_shape_of_the_mocks_answer() {
    let spec = Spec::load();
    let operations = spec.operations();
    for (id, reason) in NOT_DRIVEN {
        assert!(
            operations.iter().any(|operation| operation.id == *id),
            "NOT_DRIVEN lists `{id}` ({reason}), which the spec no longer has"
        );
    }
    let mut problems = Vec::new();
    let driven = operations
        .iter()
        .filter(|op| !NOT_DRIVEN.iter().any(|(id, _)| *id == op.id));
    let mut checked = 0;
    for operation in driven {
        problems.extend(check(&spec, operation).await);
        checked += documented(&spec, operation).len();
    }
    assert!(checked > 0, "the spec documents no success example");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
