//! A request as generated code describes it: operation metadata plus parameters and body.

use serde::Serialize;
use serde_json::Value;

use super::Error;

/// Static facts about one operation, written by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub id: &'static str,
    pub method: Method,
    /// The path template, e.g. `/v2/contacts/{id}`.
    pub path: &'static str,
    /// Whether repeating the request is harmless (GET, PUT, DELETE and documented upserts).
    pub idempotent: bool,
    /// The first API version that has the operation.
    pub since: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl From<Method> for reqwest::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => Self::GET,
            Method::Post => Self::POST,
            Method::Put => Self::PUT,
            Method::Patch => Self::PATCH,
            Method::Delete => Self::DELETE,
        }
    }
}

/// One request, built by a generated `send()`: parameters are turned into text as they
/// are added; the first problem is kept and reported when the request is sent.
#[derive(Debug)]
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) path_params: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
    pub(crate) problem: Option<Error>,
}

impl Request {
    pub fn new(operation: &'static Operation) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            problem: None,
        }
    }

    /// Fills the `{name}` segment of the path.
    pub fn path(mut self, name: &'static str, value: &impl Serialize) -> Self {
        match self.texts(name, value).as_deref() {
            Some([one]) => self.path_params.push((name, one.clone())),
            Some(_) => self.refuse(format!("path parameter `{name}` must be a single value")),
            None => {}
        }
        self
    }

    /// Adds a query parameter; `None` adds nothing, a list adds one pair per item.
    pub fn query(mut self, name: &'static str, value: &impl Serialize) -> Self {
        for text in self.texts(name, value).unwrap_or_default() {
            self.query.push((name, text));
        }
        self
    }

    /// Sets a header; `None` sets nothing, a list is sent comma-separated.
    pub fn header(mut self, name: &'static str, value: &impl Serialize) -> Self {
        if let Some(texts) = self.texts(name, value).filter(|t| !t.is_empty()) {
            self.headers.push((name, texts.join(",")));
        }
        self
    }

    /// Sets the JSON body; a `None` body sends none.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        match serde_json::to_value(body) {
            Ok(Value::Null) => {}
            Ok(value) => self.body = Some(value.to_string().into_bytes()),
            Err(error) => self.refuse(format!("the body cannot be serialized: {error}")),
        }
        self
    }

    /// The texts a parameter value is sent as, or `None` after recording why it cannot be.
    fn texts(&mut self, name: &str, value: &impl Serialize) -> Option<Vec<String>> {
        let value = match serde_json::to_value(value) {
            Ok(value) => value,
            Err(error) => {
                self.refuse(format!("parameter `{name}` cannot be serialized: {error}"));
                return None;
            }
        };
        let items = match value {
            Value::Null => Vec::new(),
            Value::Array(items) => items,
            scalar => vec![scalar],
        };
        let texts = items
            .into_iter()
            .map(scalar_text)
            .collect::<Option<Vec<_>>>();
        if texts.is_none() {
            self.refuse(format!(
                "parameter `{name}` must be a scalar or a list of scalars"
            ));
        }
        texts
    }

    fn refuse(&mut self, message: String) {
        self.problem.get_or_insert(Error::InvalidRequest(message));
    }
}

fn scalar_text(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}
