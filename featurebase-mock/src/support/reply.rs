//! [`Reply`]: what a handler answers, and the API's error envelope.

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use featurebase_api::models::ErrorType;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};
use serde::Serialize;
use serde_json::json;

use super::{Invalid, Operation};

/// An HTTP reply: status, headers and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
}

impl Reply {
    /// `value` as a JSON body.
    pub fn json(status: u16, value: &impl Serialize) -> Self {
        let body = serde_json::to_vec(value).expect("a JSON value serializes");
        Self::raw(status, Bytes::from(body)).with_header(CONTENT_TYPE, "application/json")
    }

    /// A status with no body.
    pub fn empty(status: u16) -> Self {
        Self::raw(status, Bytes::new())
    }

    /// The reply the spec documents for `operation`: its first success status with its
    /// example; 501 when the spec documents none.
    pub fn documented(operation: &Operation) -> Self {
        match &operation.example {
            Some(example) => match example.body {
                Some(body) => Self::raw(example.status, Bytes::from_static(body.as_bytes()))
                    .with_header(CONTENT_TYPE, "application/json"),
                None => Self::empty(example.status),
            },
            None => Self::error(
                501,
                ErrorType::ApiError,
                "not_implemented",
                format!(
                    "`{}` is not implemented and the spec documents no example reply",
                    operation.id
                ),
                None,
            ),
        }
    }

    /// The API's error envelope: `{"error": {"type", "code", "message", "param", "status"}}`.
    pub fn error(
        status: u16,
        kind: ErrorType,
        code: &str,
        message: impl Into<String>,
        param: Option<&str>,
    ) -> Self {
        let envelope = json!({
            "error": {
                "type": kind,
                "code": code,
                "message": message.into(),
                "param": param,
                "status": status,
            }
        });
        Self::json(status, &envelope)
    }

    /// 400 `validation_error` for a request that does not fit the spec.
    pub fn invalid(invalid: &Invalid) -> Self {
        let message = invalid.message();
        let param = invalid.param.as_deref();
        Self::error(
            400,
            ErrorType::InvalidRequestError,
            "validation_error",
            message,
            param,
        )
    }

    /// 404 `resource_not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        let kind = ErrorType::InvalidRequestError;
        Self::error(404, kind, "resource_not_found", message, None)
    }

    /// 401 `invalid_api_key`.
    pub fn unauthorized() -> Self {
        let kind = ErrorType::AuthenticationError;
        Self::error(401, kind, "invalid_api_key", "Invalid API Key", None)
    }

    /// The reply with one more header; a value that is not a valid header is left out.
    pub fn with_header(mut self, name: HeaderName, value: impl AsRef<str>) -> Self {
        if let Ok(value) = HeaderValue::from_str(value.as_ref()) {
            self.headers.retain(|(existing, _)| *existing != name);
            self.headers.push((name, value));
        }
        self
    }

    /// The body as JSON, when it is JSON.
    pub fn json_body(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    fn raw(status: u16, body: Bytes) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: Vec::new(),
            body,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let headers: HeaderMap = self.headers.into_iter().collect();
        (self.status, headers, self.body).into_response()
    }
}
