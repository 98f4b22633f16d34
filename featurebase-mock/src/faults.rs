//! Faults to inject, per operation, for the next requests.

use std::collections::BTreeMap;
use std::time::Duration;

use featurebase_api::models::ErrorType;
use http::header::{HeaderName, RETRY_AFTER};

use crate::Reply;

/// What the mock does instead of answering a request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Fault {
    /// 429 `rate_limit_error`, with `Retry-After: 1` and the `X-RateLimit-*` headers
    /// saying the window is spent.
    RateLimited,
    /// This status (e.g. 503) with the `api_error` envelope.
    ServerError(u16),
    /// No answer: the request hangs until the client gives up.
    Timeout,
    /// The normal answer, after this long.
    Delay(Duration),
    /// This reply.
    Reply(Reply),
}

/// Faults waiting for their operation, in the order they were asked for.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    pending: BTreeMap<String, Vec<Fault>>,
}

impl Faults {
    pub(crate) fn push(&mut self, operation: &str, times: usize, fault: Fault) {
        let queue = self.pending.entry(operation.to_owned()).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// The fault for the next request to `operation`, if one waits.
    pub(crate) fn take(&mut self, operation: &str) -> Option<Fault> {
        let queue = self.pending.get_mut(operation)?;
        (!queue.is_empty()).then(|| queue.remove(0))
    }
}

impl Fault {
    /// The reply that stands for this fault, or `None` for the faults that are not one.
    pub(crate) fn reply(&self) -> Option<Reply> {
        match self {
            Self::RateLimited => {
                let limit = HeaderName::from_static("x-ratelimit-limit");
                let remaining = HeaderName::from_static("x-ratelimit-remaining");
                let reset = HeaderName::from_static("x-ratelimit-reset");
                let reset_at = unix_now() + 1;
                let message = "Too many requests, please retry later";
                let reply = Reply::error(
                    429,
                    ErrorType::RateLimitError,
                    "rate_limit_exceeded",
                    message,
                    None,
                );
                Some(
                    reply
                        .with_header(RETRY_AFTER, "1")
                        .with_header(limit, "2000")
                        .with_header(remaining, "0")
                        .with_header(reset, reset_at.to_string()),
                )
            }
            Self::ServerError(status) => Some(Reply::error(
                *status,
                ErrorType::ApiError,
                "internal_error",
                "An unexpected error occurred",
                None,
            )),
            Self::Reply(reply) => Some(reply.clone()),
            Self::Timeout | Self::Delay(_) => None,
        }
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or_default()
}
