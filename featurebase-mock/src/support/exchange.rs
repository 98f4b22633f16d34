//! [`Exchange`]: a request as it arrived; [`Input`]: the same request once the spec
//! allows it, its parameters and body as JSON for the typed request to decode.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use bytes::Bytes;
use featurebase_api::models::ErrorType;
use http::HeaderMap;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::validate::{Invalid, check};
use super::{Location, Operation, Param, Reply, Shape};

/// The largest request body read, as a server in front of the API would allow.
const MAX_BODY: usize = 2 << 20;

/// The API keys a server accepts; without this extension on the router, any non-empty
/// bearer token is accepted.
#[derive(Debug, Clone)]
pub struct ApiKeys(pub Arc<Vec<String>>);

/// A request as it arrived, before it is checked against its operation.
#[derive(Debug)]
pub struct Exchange {
    path: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    keys: Option<ApiKeys>,
    body: Bytes,
}

/// What the typed request of an operation is made from.
pub trait FromInput: Sized {
    fn from_input(input: &Input) -> Result<Self, Reply>;
}

impl<S: Send + Sync> FromRequest<S> for Exchange {
    type Rejection = Reply;

    async fn from_request(request: Request, state: &S) -> Result<Self, Reply> {
        let (mut parts, body) = request.into_parts();
        let path = RawPathParams::from_request_parts(&mut parts, state)
            .await
            .map_err(|rejection| bad_request(rejection.body_text()))?;
        let path = path
            .iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let query = parts.uri.query().unwrap_or_default();
        let query = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let body = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
            let message = format!("the body is larger than {MAX_BODY} bytes");
            Reply::error(
                413,
                ErrorType::InvalidRequestError,
                "body_too_large",
                message,
                None,
            )
        })?;
        Ok(Self {
            path,
            query,
            keys: parts.extensions.get::<ApiKeys>().cloned(),
            headers: parts.headers,
            body,
        })
    }
}

impl Exchange {
    /// The typed request, once the key, every parameter and the body fit `operation`;
    /// otherwise the error reply (401, or 400 naming the parameter or field).
    pub fn accept<R: FromInput>(self, operation: &'static Operation) -> Result<R, Reply> {
        if operation.authenticated && !self.authorized() {
            return Err(Reply::unauthorized());
        }
        let input = self
            .input(operation)
            .map_err(|invalid| Reply::invalid(&invalid))?;
        R::from_input(&input)
    }

    fn authorized(&self) -> bool {
        let header = self
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let token = header.and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        match (token, &self.keys) {
            (None | Some(""), _) => false,
            (Some(token), Some(ApiKeys(keys))) => keys.iter().any(|key| key == token),
            (Some(_), None) => true,
        }
    }

    fn input(self, operation: &Operation) -> Result<Input, Invalid> {
        let unknown = self.query.iter().find(|(name, _)| {
            let known = |param: &&Param| param.location == Location::Query && param.wire == name;
            !operation.params.iter().any(|param| known(&param))
        });
        if let Some((name, _)) = unknown {
            return Err(rule(name, "is not a known parameter"));
        }
        let mut params = BTreeMap::new();
        for param in operation.params {
            let texts = self.texts(param);
            if texts.is_empty() {
                if param.required {
                    return Err(rule(param.wire, "is required"));
                }
                continue;
            }
            let value = from_texts(&texts, param.shape)
                .ok_or_else(|| rule(param.wire, "is given more than once"))?;
            check(&value, param.shape, param.wire)?;
            params.insert(param.wire, value);
        }
        let body = match &operation.body {
            Some(body) => self.body(body)?,
            None => Value::Null,
        };
        Ok(Input { params, body })
    }

    /// The texts a parameter was given: path segment, query values or header values.
    fn texts(&self, param: &Param) -> Vec<String> {
        let matching = |pairs: &[(String, String)]| {
            let found = pairs.iter().filter(|(name, _)| name == param.wire);
            found.map(|(_, value)| value.clone()).collect()
        };
        match param.location {
            Location::Path => matching(&self.path),
            Location::Query => matching(&self.query),
            Location::Header => self
                .headers
                .get_all(param.wire)
                .iter()
                .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                .collect(),
        }
    }

    fn body(&self, body: &super::Body) -> Result<Value, Invalid> {
        if self.body.is_empty() {
            return match body.required {
                true => Err(whole("is required")),
                false => Ok(Value::Null),
            };
        }
        let media_type = self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let essence = media_type
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default();
        let value = match body.form {
            true if essence.trim() == "application/x-www-form-urlencoded" => {
                form_value(&self.body, body.shape)
            }
            false if essence.trim() == "application/json" => serde_json::from_slice(&self.body)
                .map_err(|error| whole(&format!("is not valid JSON: {error}")))?,
            true => return Err(whole("must be application/x-www-form-urlencoded")),
            false => return Err(whole("must be application/json")),
        };
        check(&value, body.shape, "")?;
        Ok(value)
    }
}

/// A request that fits its operation: parameters and body as JSON values.
#[derive(Debug)]
pub struct Input {
    params: BTreeMap<&'static str, Value>,
    body: Value,
}

impl Input {
    /// Parameter `wire` decoded into its Rust type (`None` for an absent optional one).
    pub fn param<T: DeserializeOwned>(&self, wire: &str) -> Result<T, Reply> {
        let value = self.params.get(wire).cloned().unwrap_or(Value::Null);
        serde_json::from_value(value)
            .map_err(|error| Reply::invalid(&rule(wire, &format!("is not accepted: {error}"))))
    }

    /// The body decoded into its Rust type.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, Reply> {
        serde_json::from_value(self.body.clone())
            .map_err(|error| Reply::invalid(&whole(&format!("is not accepted: {error}"))))
    }
}

fn rule(param: &str, rule: &str) -> Invalid {
    Invalid {
        param: Some(param.to_owned()),
        rule: rule.to_owned(),
    }
}

fn whole(rule: &str) -> Invalid {
    Invalid {
        param: None,
        rule: rule.to_owned(),
    }
}

fn bad_request(message: String) -> Reply {
    Reply::error(
        400,
        ErrorType::InvalidRequestError,
        "invalid_request",
        message,
        None,
    )
}

/// A parameter's texts as the JSON value its shape reads; `None` when a single value
/// was given several times.
fn from_texts(texts: &[String], shape: &Shape) -> Option<Value> {
    match shape {
        Shape::Array(item) => Some(texts.iter().map(|text| scalar(text, item)).collect()),
        _ => match texts {
            [one] => Some(scalar(one, shape)),
            _ => None,
        },
    }
}

/// A text as the JSON scalar its shape reads; a text that does not parse stays a string,
/// for the check to refuse.
fn scalar(text: &str, shape: &Shape) -> Value {
    let parsed = match shape {
        Shape::Integer(_) | Shape::IntEnum(_) => text.parse::<i64>().ok().map(Value::from),
        Shape::Number(_) => text.parse::<serde_json::Number>().ok().map(Value::Number),
        Shape::Boolean | Shape::True => text.parse::<bool>().ok().map(Value::Bool),
        // The first variant the text reads as.
        Shape::OneOf(variants) => variants.iter().find_map(|variant| {
            let value = scalar(text, variant);
            check(&value, variant, "").is_ok().then_some(value)
        }),
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

/// A form body as a JSON object, each field read as its property's shape says.
fn form_value(body: &[u8], shape: &Shape) -> Value {
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in url::form_urlencoded::parse(body).into_owned() {
        fields.entry(name).or_default().push(value);
    }
    let property_shape = |name: &str| match shape {
        Shape::Object(object) => object
            .properties
            .iter()
            .find(|property| property.wire == name)
            .map(|property| property.shape),
        _ => None,
    };
    let object = fields.into_iter().map(|(name, texts)| {
        let value = property_shape(&name).and_then(|shape| from_texts(&texts, shape));
        let value = value.unwrap_or_else(|| Value::String(texts.join(",")));
        (name, value)
    });
    Value::Object(object.collect())
}
