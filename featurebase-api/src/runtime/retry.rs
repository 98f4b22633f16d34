//! When to retry and how long to wait: exponential backoff with jitter, overridden by
//! `Retry-After` and `X-RateLimit-Reset` when the server says.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

/// How a client retries failed requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2; 0 disables retries).
    pub max_retries: u32,
    /// The first backoff (default 500 ms); it doubles on each retry.
    pub initial_backoff: Duration,
    /// The longest backoff (default 8 s).
    pub max_backoff: Duration,
    /// The longest wait the server may ask for with `Retry-After` or `X-RateLimit-Reset`
    /// (default 60 s); asked for longer, the client gives up and returns the error.
    pub max_server_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_server_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// The same policy with another number of retries.
    pub fn with_max_retries(self, max_retries: u32) -> Self {
        Self {
            max_retries,
            ..self
        }
    }

    /// The same policy with other backoff bounds.
    pub fn with_backoff(self, initial: Duration, max: Duration) -> Self {
        Self {
            initial_backoff: initial,
            max_backoff: max,
            ..self
        }
    }

    /// The backoff before retry number `retry` (0-based): doubling, capped, with up to
    /// 25% of jitter taken off so that clients do not retry in lockstep.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let doubled = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry));
        let capped = doubled.min(self.max_backoff);
        capped.mul_f64(1.0 - fastrand::f64() * 0.25)
    }

    /// How long to wait before the next attempt: what the server asked for, else the
    /// backoff; `None` when the server asks for longer than we accept.
    pub(crate) fn delay(&self, retry: u32, server: Option<Duration>) -> Option<Duration> {
        match server {
            Some(asked) if asked > self.max_server_delay => None,
            Some(asked) => Some(asked),
            None => Some(self.backoff(retry)),
        }
    }
}

/// What happened to one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The request could not even be built: trying again cannot help.
    NotSent,
    /// The connection was never made: the server cannot have acted.
    NotConnected,
    /// The request may have reached the server (timeout, connection reset).
    Lost,
    /// The server answered with this status.
    Status(StatusCode),
}

/// Whether an attempt that ended in `outcome` may be repeated. Statuses the server
/// answers without acting (408, 409, 429) are always retried; 5xx and lost requests only
/// for idempotent operations.
pub(crate) fn retryable(outcome: Outcome, idempotent: bool) -> bool {
    match outcome {
        Outcome::NotSent => false,
        Outcome::NotConnected => true,
        Outcome::Lost => idempotent,
        Outcome::Status(status) => match status.as_u16() {
            408 | 409 | 429 => true,
            500..=599 => idempotent,
            _ => false,
        },
    }
}

/// The wait the server asked for before a retry: `Retry-After` on any status, else on a
/// 429 the rate-limit window's end (`X-RateLimit-Reset`, which the API sends on every
/// response, so it says nothing about when a 5xx is worth retrying).
pub(crate) fn server_delay(
    status: StatusCode,
    headers: &HeaderMap,
    now: SystemTime,
) -> Option<Duration> {
    let reset = || {
        let reset = headers
            .get("x-ratelimit-reset")?
            .to_str()
            .ok()?
            .trim()
            .parse::<u64>()
            .ok()?;
        seconds_until(reset, now)
    };
    match retry_after(headers, now) {
        Some(delay) => Some(delay),
        None if status == StatusCode::TOO_MANY_REQUESTS => reset(),
        None => None,
    }
}

/// `Retry-After`, in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    match value.parse::<u64>() {
        Ok(seconds) => Some(Duration::from_secs(seconds)),
        Err(_) => {
            let date = httpdate::parse_http_date(value).ok()?;
            Some(date.duration_since(now).unwrap_or_default())
        }
    }
}

/// `X-RateLimit-Reset` as a wait from `now`: it is a Unix time, or seconds from now for
/// values too small to be one. `None` for a reset more than a day away, which no
/// one-minute window explains (a broken or hostile header): callers then do without it.
pub(crate) fn seconds_until(reset: u64, now: SystemTime) -> Option<Duration> {
    const YEAR_2001: u64 = 1_000_000_000;
    const DAY: Duration = Duration::from_secs(24 * 60 * 60);
    let wait = if reset < YEAR_2001 {
        Duration::from_secs(reset)
    } else {
        let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(reset))?;
        at.duration_since(now).unwrap_or_default()
    };
    (wait <= DAY).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOO_MANY: StatusCode = StatusCode::TOO_MANY_REQUESTS;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (http::HeaderName::from_static(k), v.parse().unwrap()))
            .collect()
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered_down_by_at_most_a_quarter() {
        let policy = RetryPolicy::default();
        for _ in 0..100 {
            let first = policy.backoff(0);
            assert!(first <= Duration::from_millis(500) && first >= Duration::from_millis(375));
            let third = policy.backoff(2);
            assert!(third <= Duration::from_secs(2) && third >= Duration::from_millis(1500));
            let late = policy.backoff(30);
            assert!(late <= Duration::from_secs(8) && late >= Duration::from_secs(6));
        }
    }

    #[test]
    fn which_outcomes_are_retried() {
        let status = |code| Outcome::Status(StatusCode::from_u16(code).unwrap());
        for code in [408, 409, 429] {
            assert!(retryable(status(code), false), "{code}");
        }
        for code in [500, 502, 503, 504] {
            assert!(retryable(status(code), true), "{code}");
            assert!(!retryable(status(code), false), "{code} may have acted");
        }
        for code in [400, 401, 403, 404, 422] {
            assert!(!retryable(status(code), true), "{code}");
        }
        assert!(retryable(Outcome::NotConnected, false));
        assert!(retryable(Outcome::Lost, true));
        assert!(!retryable(Outcome::Lost, false));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        assert_eq!(
            server_delay(TOO_MANY, &headers(&[("retry-after", "7")]), now),
            Some(Duration::from_secs(7))
        );
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            server_delay(TOO_MANY, &headers(&[("retry-after", &date)]), now),
            Some(Duration::from_secs(30))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(
            server_delay(TOO_MANY, &headers(&[("retry-after", &past)]), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            server_delay(TOO_MANY, &headers(&[("retry-after", "soon")]), now),
            None
        );
    }

    #[test]
    fn rate_limit_reset_as_unix_time_or_seconds() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        let reset = headers(&[("x-ratelimit-reset", "1784000012")]);
        assert_eq!(
            server_delay(TOO_MANY, &reset, now),
            Some(Duration::from_secs(12))
        );
        let unavailable = StatusCode::SERVICE_UNAVAILABLE;
        assert_eq!(
            server_delay(unavailable, &reset, now),
            None,
            "only a 429 waits for the window"
        );
        let reset = headers(&[("x-ratelimit-reset", "3")]);
        assert_eq!(
            server_delay(TOO_MANY, &reset, now),
            Some(Duration::from_secs(3))
        );
        let both = headers(&[("retry-after", "1"), ("x-ratelimit-reset", "1784000012")]);
        assert_eq!(
            server_delay(TOO_MANY, &both, now),
            Some(Duration::from_secs(1)),
            "Retry-After wins"
        );
    }

    #[test]
    fn absurd_reset_times_are_ignored() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        assert_eq!(seconds_until(u64::MAX, now), None);
        assert_eq!(seconds_until(999_999_999, now), None, "31 years from now");
        assert_eq!(seconds_until(1_784_000_000 + 2 * 86_400, now), None);
        assert_eq!(
            seconds_until(1_784_000_060, now),
            Some(Duration::from_secs(60))
        );
        let reset = headers(&[("x-ratelimit-reset", "18446744073709551615")]);
        assert_eq!(server_delay(TOO_MANY, &reset, now), None);
    }

    #[test]
    fn the_server_may_not_ask_for_too_long() {
        let policy = RetryPolicy::default();
        assert_eq!(
            policy.delay(0, Some(Duration::from_secs(60))),
            Some(Duration::from_secs(60))
        );
        assert_eq!(policy.delay(0, Some(Duration::from_secs(61))), None);
    }
}
