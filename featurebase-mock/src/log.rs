//! The log of the requests a mock answered.

use bytes::Bytes;
use http::request::Parts;
use http::{HeaderMap, Method};

/// One request as the mock received it, and the status it answered.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LoggedRequest {
    pub method: Method,
    /// The path, e.g. `/v2/contacts/507f1f77bcf86cd799439011`.
    pub path: String,
    /// The query string, without `?` (empty when there is none).
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The `operationId` of the route it matched.
    pub operation: Option<String>,
    /// The status the mock answered.
    pub status: u16,
}

impl LoggedRequest {
    pub(crate) fn new(parts: &Parts, operation: Option<String>, body: Bytes) -> Self {
        Self {
            method: parts.method.clone(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            headers: parts.headers.clone(),
            body,
            operation,
            status: 0,
        }
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A header's value, when it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Vec<LoggedRequest>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, entry: LoggedRequest) {
        self.entries.push(entry);
    }

    pub(crate) fn entries(&self) -> &[LoggedRequest] {
        &self.entries
    }
}
