//! Per-request settings: `builder.with_options(RequestOptions::new()...)`.

use std::time::Duration;

use super::headers::CustomHeaders;

/// Per-request settings that override the client's: `builder.with_options(..)`.
///
/// ```
/// use std::time::Duration;
/// use featurebase_api::runtime::RequestOptions;
///
/// let options = RequestOptions::new()
///     .max_retries(0)
///     .timeout(Duration::from_secs(5))
///     .deadline(Duration::from_secs(8))
///     .header("X-Sync-Run", "2026-12-03");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    pub max_retries: Option<u32>,
    pub timeout: Option<Duration>,
    pub deadline: Option<Duration>,
    pub(crate) headers: CustomHeaders,
}

impl RequestOptions {
    pub fn new() -> Self {
        Self::default()
    }

    /// Retries after the first attempt, for this request only.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// How long each attempt of this request may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long the whole request may take, every attempt and every wait between retries
    /// included; when it runs out the request fails with [`Error::Timeout`](super::Error::Timeout).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sends header `name` with this request, over a client-wide default of the same name.
    /// An invalid name or value, or a header the client sets itself (`Authorization`,
    /// `Featurebase-Version`, `Content-Type`, `Content-Length`, `Host`), makes the request
    /// fail with [`Error::InvalidRequest`](super::Error::InvalidRequest) before anything is sent.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(name, value);
        self
    }
}
