//! A request as generated code describes it: operation metadata plus parameters and body.

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

use super::{Error, RequestOptions};

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

/// Bounds the spec puts on a parameter, checked before the request is sent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
}

impl Limits {
    pub const NONE: Self = Self {
        minimum: None,
        maximum: None,
        min_length: None,
        max_length: None,
    };
}

/// One request, built by a generated `send()`: parameters are turned into text as they
/// are added; the first problem is kept and reported when the request is sent.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) operation: &'static Operation,
    pub(crate) path_params: Vec<(&'static str, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Bytes>,
    /// The media type of `body`.
    pub(crate) content_type: &'static str,
    pub(crate) options: RequestOptions,
    problem: Option<String>,
}

impl Request {
    pub fn new(operation: &'static Operation, options: RequestOptions) -> Self {
        Self {
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: "application/json",
            options,
            problem: None,
        }
    }

    /// Refuses the request unless `value` (when present) is within `limits`.
    pub fn check(self, name: &str, value: &impl Serialize, limits: Limits) -> Self {
        self.check_limits(name, serde_json::to_value(value), limits)
    }

    // Each public method serializes its argument and hands the result to a method that
    // is not generic, so that it is compiled once rather than once per parameter type.
    fn check_limits(mut self, name: &str, value: Parameter, limits: Limits) -> Self {
        if let Some(problem) = value.ok().and_then(|v| outside(&v, &limits)) {
            self.refuse(format!("parameter `{name}` {problem}"));
        }
        self
    }

    /// The first problem found while building, as the error `send()` returns.
    pub(crate) fn problem(&self) -> Option<Error> {
        let problem = self
            .problem
            .as_ref()
            .or(self.options.headers.problem.as_ref());
        problem.cloned().map(Error::InvalidRequest)
    }

    /// The same request with query parameter `name` set to `value` alone.
    pub(crate) fn with_query(mut self, name: &'static str, value: String) -> Self {
        self.query.retain(|(n, _)| *n != name);
        self.query.push((name, value));
        self
    }

    pub(crate) fn header_value(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name));
        found.map(|(_, value)| value.as_str())
    }

    /// Fills the `{name}` segment of the path.
    pub fn path(self, name: &'static str, value: &impl Serialize) -> Self {
        self.set_path(name, serde_json::to_value(value))
    }

    fn set_path(mut self, name: &'static str, value: Parameter) -> Self {
        match self.texts(name, value).as_deref() {
            Some([one]) => self.path_params.push((name, one.clone())),
            Some(_) => self.refuse(format!("path parameter `{name}` must be a single value")),
            None => {}
        }
        self
    }

    /// Adds a query parameter; `None` adds nothing, a list adds one pair per item.
    pub fn query(self, name: &'static str, value: &impl Serialize) -> Self {
        self.add_query(name, serde_json::to_value(value))
    }

    fn add_query(mut self, name: &'static str, value: Parameter) -> Self {
        for text in self.texts(name, value).unwrap_or_default() {
            self.query.push((name, text));
        }
        self
    }

    /// Sets a header; `None` sets nothing, a list is sent comma-separated.
    pub fn header(self, name: &'static str, value: &impl Serialize) -> Self {
        self.set_header(name, serde_json::to_value(value))
    }

    fn set_header(mut self, name: &'static str, value: Parameter) -> Self {
        let Some(text) = self
            .texts(name, value)
            .filter(|t| !t.is_empty())
            .map(|t| t.join(","))
        else {
            return self;
        };
        if http::HeaderValue::from_str(&text).is_err() {
            self.refuse(format!("header `{name}` cannot hold {text:?}"));
        } else {
            self.headers.push((name, text));
        }
        self
    }

    /// Sets the JSON body; a `None` body sends none.
    pub fn json(self, body: &impl Serialize) -> Self {
        self.set_json(serde_json::to_vec(body))
    }

    fn set_json(mut self, body: serde_json::Result<Vec<u8>>) -> Self {
        match body {
            Ok(bytes) if bytes == b"null" => {}
            Ok(bytes) => self.body = Some(bytes.into()),
            Err(error) => self.refuse(format!("the body cannot be serialized: {error}")),
        }
        self
    }

    /// Sets the body as `application/x-www-form-urlencoded`: each field of `body`, a
    /// struct of scalars or lists of scalars, as `name=value` (a list as the name repeated).
    pub fn form(self, body: &impl Serialize) -> Self {
        self.set_form(serde_json::to_value(body))
    }

    fn set_form(mut self, body: Parameter) -> Self {
        let fields = match body {
            Ok(Value::Object(fields)) => fields,
            Ok(Value::Null) => return self,
            Ok(_) => {
                self.refuse("a form body must be an object".to_owned());
                return self;
            }
            Err(error) => {
                self.refuse(format!("the body cannot be serialized: {error}"));
                return self;
            }
        };
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &fields {
            for text in self.texts(name, Ok(value.clone())).unwrap_or_default() {
                form.append_pair(name, &text);
            }
        }
        self.body = Some(form.finish().into());
        self.content_type = "application/x-www-form-urlencoded";
        self
    }

    /// The texts a parameter value is sent as, or `None` after recording why it cannot be.
    fn texts(&mut self, name: &str, value: Parameter) -> Option<Vec<String>> {
        let value = match value {
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
        self.problem.get_or_insert(message);
    }
}

/// A parameter or body serialized as JSON, or why it could not be.
type Parameter = serde_json::Result<Value>;

fn scalar_text(value: Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Why `value` breaks `limits`, if it does.
fn outside(value: &Value, limits: &Limits) -> Option<String> {
    fn beyond<N: PartialOrd>(value: N, min: Option<N>, max: Option<N>) -> bool {
        min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max)
    }
    if let Some(number) = value
        .as_f64()
        .filter(|n| beyond(*n, limits.minimum, limits.maximum))
    {
        return Some(format!(
            "is {number}, outside {}",
            range(limits.minimum, limits.maximum)
        ));
    }
    let length = value.as_str().map(|text| text.chars().count());
    let length = length.filter(|length| beyond(*length, limits.min_length, limits.max_length))?;
    Some(format!(
        "has {length} characters, outside {}",
        range(limits.min_length, limits.max_length)
    ))
}

fn range<N: std::fmt::Display>(min: Option<N>, max: Option<N>) -> String {
    let show = |bound: Option<N>| bound.map_or_else(|| "..".to_owned(), |b| b.to_string());
    format!("[{}, {}]", show(min), show(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: Operation = Operation {
        id: "op",
        method: Method::Get,
        path: "/x",
        idempotent: true,
        since: None,
    };

    fn limits() -> Limits {
        Limits {
            minimum: Some(1.0),
            maximum: Some(100.0),
            max_length: Some(3),
            ..Limits::NONE
        }
    }

    #[test]
    fn limits_are_checked_before_sending() {
        let ok = Request::new(&OP, RequestOptions::new()).check("limit", &Some(100), limits());
        assert!(ok.problem().is_none());
        let absent =
            Request::new(&OP, RequestOptions::new()).check("limit", &None::<i64>, limits());
        assert!(absent.problem().is_none());
        let low = Request::new(&OP, RequestOptions::new()).check("limit", &Some(0), limits());
        let message = low.problem().unwrap().to_string();
        assert_eq!(
            message,
            "invalid request: parameter `limit` is 0, outside [1, 100]"
        );
        let long = Request::new(&OP, RequestOptions::new()).check("cursor", &"abcd", limits());
        assert!(
            long.problem()
                .unwrap()
                .to_string()
                .contains("has 4 characters, outside [.., 3]")
        );
    }

    #[test]
    fn lists_become_repeated_query_pairs_and_none_is_left_out() {
        let request = Request::new(&OP, RequestOptions::new())
            .query("tag", &Some(vec!["a", "b"]))
            .query("cursor", &None::<String>)
            .header("X-Flag", &true);
        assert_eq!(
            request.query,
            [("tag", "a".to_owned()), ("tag", "b".to_owned())]
        );
        assert_eq!(request.header_value("x-flag"), Some("true"));
        let nested =
            Request::new(&OP, RequestOptions::new()).query("q", &serde_json::json!({"a": 1}));
        assert!(nested.problem().is_some());
        let broken = Request::new(&OP, RequestOptions::new()).header("X-Note", &"a\nb");
        assert_eq!(
            broken.problem().map(|p| p.to_string()),
            Some(r#"invalid request: header `X-Note` cannot hold "a\nb""#.to_owned())
        );
    }
}
