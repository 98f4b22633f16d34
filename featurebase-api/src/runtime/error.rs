//! The one error type of the client, and the tolerant parsing of error bodies.

use std::time::Duration;

use http::StatusCode;
use serde_json::Value;

use super::RateLimit;
use super::retry::{Outcome, retryable};

/// Everything that can go wrong with a request.
///
/// ```no_run
/// use featurebase_api::Error;
///
/// # async fn run(client: featurebase_api::Client) -> Result<(), Error> {
/// match client.users().contacts().retrieve("676f0f6765bdaa7d7d760f88").await {
///     Ok(contact) => println!("{}", contact.name),
///     Err(error) if error.is_not_found() => println!("no such contact"),
///     Err(error) if error.is_rate_limited() => eprintln!("retried, still limited: {error}"),
///     Err(Error::Api(api)) => eprintln!("{} {:?}: {}", api.status, api.body, api.raw_body),
///     Err(other) => return Err(other),
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-success status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request did not complete in time: an attempt outlasted its timeout, or the
    /// request outlasted its deadline.
    #[error(transparent)]
    Timeout(Box<TransportError>),
    /// The request could not be sent or the response not received; the cause is its
    /// [`source()`](std::error::Error::source).
    #[error(transparent)]
    Connection(Box<TransportError>),
    /// A success response whose body is not what the spec describes.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The response body was larger than the client accepts (`max_response_bytes`).
    #[error("the response body exceeds the limit of {limit} bytes")]
    ResponseTooLarge { limit: usize },
    /// The request was refused before it was sent (bad parameter, bad configuration,
    /// an operation the pinned API version does not have).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

/// A request that failed below HTTP (a timeout or a connection error): which operation,
/// how many attempts were made and how long they took. The cause, when there is one, is
/// its [`source()`](std::error::Error::source).
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// The spec's `operationId`, e.g. `getContact`.
    pub operation: &'static str,
    /// How many attempts were made, retries included.
    pub attempts: u32,
    /// From the first attempt to the failure, waits between retries included.
    pub elapsed: Duration,
    kind: Failure,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// How a request failed below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// An attempt outlasted its timeout.
    Timeout,
    /// The request outlasted its deadline.
    Deadline,
    /// The connection could not be made.
    Connect,
    /// The connection broke after the request may have been sent.
    Lost,
}

impl TransportError {
    pub(crate) fn new(
        operation: &'static str,
        kind: Failure,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self {
            operation,
            attempts: 0,
            elapsed: Duration::ZERO,
            kind,
            source,
        }
    }

    /// Whether the connection could not be made at all, so the server cannot have seen
    /// the request.
    pub fn is_connect(&self) -> bool {
        self.kind == Failure::Connect
    }

    /// Whether the request's overall deadline ran out (rather than one attempt's timeout).
    pub fn is_deadline(&self) -> bool {
        self.kind == Failure::Deadline
    }
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.kind {
            Failure::Timeout => "timed out",
            Failure::Deadline => "ran out of time (deadline)",
            Failure::Connect => "could not connect",
            Failure::Lost => "lost the connection",
        };
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(
            f,
            "`{}` {what} after {} attempt{plural} in {:?}",
            self.operation, self.attempts, self.elapsed
        )
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as _)
    }
}

/// A non-success response: its status, the parsed error envelope when there is one,
/// and always the raw body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    pub status: StatusCode,
    /// The error envelope, or what could be read of a body in another shape.
    pub body: Option<ApiErrorBody>,
    /// The response body as received (lossily decoded as UTF-8).
    pub raw_body: String,
    /// The `x-request-id` response header, if any.
    pub request_id: Option<String>,
    /// How long the server asked us to wait (`Retry-After`), if it said.
    pub retry_after: Option<Duration>,
    /// The `X-RateLimit-*` headers of the response, if any.
    pub rate_limit: Option<RateLimit>,
    /// How many attempts were made, retries included.
    pub attempts: u32,
}

/// The documented error envelope `{"error": {"type", "code", "message", "param", "status"}}`,
/// every field optional because live responses differ from the documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// `authentication_error`, `invalid_request_error`, ...
    pub kind: Option<String>,
    /// A machine-readable code such as `resource_not_found`.
    pub code: Option<String>,
    pub message: Option<String>,
    /// The parameter the error is about.
    pub param: Option<String>,
    pub status: Option<u16>,
}

/// A success response whose body did not decode into the expected type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode the {status} response at `{path}`: {message} (body starts: {excerpt})")]
#[non_exhaustive]
pub struct DecodeError {
    pub status: StatusCode,
    /// Where in the JSON it failed, e.g. `data[0].object`.
    pub path: String,
    pub message: String,
    /// The first bytes of the body.
    pub excerpt: String,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        let body = self.body.as_ref();
        if let Some(kind) = body.and_then(|b| b.kind.as_deref()) {
            write!(f, " ({kind})")?;
        }
        if let Some(message) = body.and_then(|b| b.message.as_deref()) {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl ApiError {
    /// The raw body decoded into a type of your choice, e.g. the generated
    /// `models::ErrorResponse`; `None` when it does not decode.
    pub fn body_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(&self.raw_body).ok()
    }
}

impl ApiErrorBody {
    /// Reads the documented envelope `{"error": {..}}`, or the flat shapes the live API
    /// also sends (`{"success": false, "message": ..}`, `{"code": 400, "message": ..}`).
    /// `None` for any other body: not JSON (HTML from a gateway, empty, ...), or a JSON
    /// object of another kind (say, a contact).
    pub(crate) fn parse(raw: &[u8]) -> Option<Self> {
        /// The only keys of a flat error body.
        const FLAT: [&str; 6] = ["type", "code", "message", "param", "status", "success"];
        let value: Value = serde_json::from_slice(raw).ok()?;
        let object = value.as_object()?;
        let fields = match object.get("error") {
            Some(Value::Object(fields)) => fields,
            _ if object.contains_key("message")
                && object.keys().all(|k| FLAT.contains(&k.as_str())) =>
            {
                object
            }
            _ => return None,
        };
        let body = Self {
            kind: text(fields.get("type")),
            code: text(fields.get("code")),
            message: text(fields.get("message")),
            param: text(fields.get("param")),
            status: fields
                .get("status")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok()),
        };
        (body != Self::default()).then_some(body)
    }
}

/// A string, or a number written as one; `None` for null and other shapes.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

impl Error {
    /// The HTTP status, for API errors.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            _ => None,
        }
    }

    /// The error code of the envelope (`resource_not_found`, ...), when the API sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.body.as_ref()?.code.as_deref(),
            _ => None,
        }
    }

    /// A 404 from the API.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// A 429 from the API.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether trying again later may succeed: timeouts, connection errors, 408, 409,
    /// 429 and 5xx. (The client has already retried those it safely could.)
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(error) => retryable(Outcome::Status(error.status), true),
            Self::Timeout(_) | Self::Connection(_) => true,
            Self::Decode(_) | Self::ResponseTooLarge { .. } | Self::InvalidRequest(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_envelope() {
        let raw = br#"{"error":{"type":"invalid_request_error","code":"resource_not_found","message":"Post not found","param":"id","status":404}}"#;
        let body = ApiErrorBody::parse(raw).unwrap();
        assert_eq!(body.kind.as_deref(), Some("invalid_request_error"));
        assert_eq!(body.code.as_deref(), Some("resource_not_found"));
        assert_eq!(body.param.as_deref(), Some("id"));
        assert_eq!(body.status, Some(404));
    }

    #[test]
    fn legacy_shapes() {
        let body =
            ApiErrorBody::parse(br#"{"success":false,"message":"Invalid API Key"}"#).unwrap();
        assert_eq!(body.message.as_deref(), Some("Invalid API Key"));
        let body = ApiErrorBody::parse(br#"{"code":400,"message":"Validation error: x"}"#).unwrap();
        assert_eq!(body.code.as_deref(), Some("400"));
        assert_eq!(body.status, None);
    }

    #[test]
    fn non_json_bodies_have_no_envelope() {
        assert_eq!(ApiErrorBody::parse(b"<html>502 Bad Gateway</html>"), None);
        assert_eq!(ApiErrorBody::parse(b""), None);
        assert_eq!(ApiErrorBody::parse(b"[1,2]"), None);
    }

    #[test]
    fn json_objects_of_other_shapes_have_no_envelope() {
        let contact = br#"{"object":"contact","id":"c1","name":"Jane","message":"hi"}"#;
        assert_eq!(ApiErrorBody::parse(contact), None);
        assert_eq!(ApiErrorBody::parse(br#"{"error":"nope"}"#), None);
        assert_eq!(ApiErrorBody::parse(br#"{"status":500}"#), None);
    }
}
