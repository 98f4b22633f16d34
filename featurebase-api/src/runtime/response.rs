//! Raw access: the status and headers of a response alongside its decoded value.

use http::{HeaderMap, StatusCode};

use super::RateLimit;

/// A decoded response with its HTTP status and headers, from a builder's
/// `send_with_response()`: e.g. to tell a 201 (created) from a 200 (updated) upsert.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub value: T,
}

impl<T> Response<T> {
    /// The `x-request-id` header, to quote to Featurebase support.
    pub fn request_id(&self) -> Option<&str> {
        self.headers.get("x-request-id")?.to_str().ok()
    }

    /// The rate-limit headers of this response.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        RateLimit::from_headers(&self.headers, std::time::SystemTime::now())
    }

    pub fn into_value(self) -> T {
        self.value
    }
}
