//! The API's rate limit: a number of requests per API key in fixed windows, the
//! `X-RateLimit-*` headers on every answer, and a 429 `rate_limit_error` past the limit.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use featurebase_api::models::ErrorType;
use http::header::{AUTHORIZATION, HeaderName, HeaderValue, RETRY_AFTER};

use crate::Reply;

const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// Counts requests per API key (the `Authorization` header as sent) in fixed windows
/// aligned to the Unix epoch, as one-minute windows are aligned to the clock's minutes.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: u64,
    window: Duration,
    /// Per key: the window it was last counted in (its number since the epoch), and how
    /// many requests that window has had.
    used: Mutex<BTreeMap<Vec<u8>, (u128, u64)>>,
}

/// What the limiter decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Verdict {
    allowed: bool,
    limit: u64,
    remaining: u64,
    /// When the window ends, in whole seconds since the Unix epoch (rounded up).
    reset: u64,
    /// Whole seconds until then, at least one.
    retry_after: u64,
}

impl RateLimiter {
    /// # Panics
    ///
    /// When `window` is zero.
    pub(crate) fn new(limit: u64, window: Duration) -> Self {
        assert!(!window.is_zero(), "a rate-limit window cannot be empty");
        Self {
            limit,
            window,
            used: Mutex::default(),
        }
    }

    /// Counts one request with `key` at `now`, if its window has room.
    fn admit(&self, key: Vec<u8>, now: SystemTime) -> Verdict {
        let now = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        let window = self.window.as_nanos();
        let current = now / window;
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let (counted_in, count) = used.entry(key).or_insert((current, 0));
        if *counted_in != current {
            (*counted_in, *count) = (current, 0);
        }
        let allowed = *count < self.limit;
        *count += u64::from(allowed);
        let ends = (current + 1) * window;
        Verdict {
            allowed,
            limit: self.limit,
            remaining: self.limit - *count,
            reset: seconds_rounded_up(ends),
            retry_after: seconds_rounded_up(ends - now).max(1),
        }
    }
}

fn seconds_rounded_up(nanos: u128) -> u64 {
    u64::try_from(nanos.div_ceil(1_000_000_000)).unwrap_or(u64::MAX)
}

/// The middleware: answers 429 past the limit, and adds the `X-RateLimit-*` headers to
/// every answer that does not carry them already; without a limiter, passes through.
pub(crate) async fn enforce(
    State(limiter): State<Option<Arc<RateLimiter>>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(limiter) = limiter else {
        return next.run(request).await;
    };
    let key = request.headers().get(AUTHORIZATION);
    let key = key.map(|key| key.as_bytes().to_vec()).unwrap_or_default();
    let verdict = limiter.admit(key, SystemTime::now());
    let mut response = match verdict.allowed {
        true => next.run(request).await,
        false => too_many_requests(verdict.retry_after).into_response(),
    };
    let answered = response.headers_mut();
    for (name, value) in headers(verdict.limit, verdict.remaining, verdict.reset) {
        answered.entry(name).or_insert(value);
    }
    response
}

/// The spec's 429: a `rate_limit_error` envelope with `Retry-After` in seconds.
pub(crate) fn too_many_requests(retry_after: u64) -> Reply {
    let message = "Too many requests, please retry later";
    let kind = ErrorType::RateLimitError;
    let reply = Reply::error(429, kind, "rate_limit_exceeded", message, None);
    reply.with_header(RETRY_AFTER, retry_after.to_string())
}

/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (seconds since the Unix epoch).
pub(crate) fn headers(limit: u64, remaining: u64, reset: u64) -> [(HeaderName, HeaderValue); 3] {
    [
        (LIMIT, limit.into()),
        (REMAINING, remaining.into()),
        (RESET, reset.into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: f64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs_f64(seconds)
    }

    #[test]
    fn windows_are_aligned_to_the_epoch_and_counted_per_key() {
        let limiter = RateLimiter::new(2, Duration::from_secs(10));
        let first = limiter.admit(b"a".to_vec(), at(1_000_000_003.5));
        let expected = Verdict {
            allowed: true,
            limit: 2,
            remaining: 1,
            reset: 1_000_000_010,
            retry_after: 7,
        };
        assert_eq!(first, expected);
        let second = limiter.admit(b"a".to_vec(), at(1_000_000_009.9));
        assert_eq!((second.allowed, second.remaining), (true, 0));
        let third = limiter.admit(b"a".to_vec(), at(1_000_000_009.95));
        assert_eq!(
            (third.allowed, third.remaining, third.retry_after),
            (false, 0, 1)
        );
        let other_key = limiter.admit(b"b".to_vec(), at(1_000_000_009.95));
        assert_eq!((other_key.allowed, other_key.remaining), (true, 1));
        let next_window = limiter.admit(b"a".to_vec(), at(1_000_000_010.0));
        assert_eq!(
            (next_window.allowed, next_window.reset),
            (true, 1_000_000_020)
        );
    }

    #[test]
    fn a_window_shorter_than_a_second_resets_at_the_next_whole_second() {
        let limiter = RateLimiter::new(1, Duration::from_millis(250));
        let verdict = limiter.admit(Vec::new(), at(1_000_000_000.3));
        assert_eq!((verdict.reset, verdict.retry_after), (1_000_000_001, 1));
    }
}
