//! The `X-RateLimit-*` headers. The API allows 2,000 requests per minute per API key and
//! 3,000 per minute per workspace, in one-minute windows.

use std::time::{Duration, SystemTime};

use http::HeaderMap;

use super::retry::seconds_until;

/// The rate-limit state the API reported with a response.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// Requests allowed in the current window (`X-RateLimit-Limit`).
    pub limit: Option<u64>,
    /// Requests left in the current window (`X-RateLimit-Remaining`).
    pub remaining: Option<u64>,
    /// When the window resets (`X-RateLimit-Reset`).
    pub reset: Option<SystemTime>,
}

impl RateLimit {
    /// The values of a response's headers; `None` when it carries none of them.
    pub(crate) fn from_headers(headers: &HeaderMap, now: SystemTime) -> Option<Self> {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
        let reset = number("x-ratelimit-reset")
            .and_then(|reset| seconds_until(reset, now))
            .and_then(|wait| now.checked_add(wait));
        let limit = Self {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset,
        };
        (limit
            != Self {
                limit: None,
                remaining: None,
                reset: None,
            })
        .then_some(limit)
    }

    /// Time left until the window resets, if known.
    pub fn resets_in(&self) -> Option<Duration> {
        self.reset?.duration_since(SystemTime::now()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        let mut headers = HeaderMap::new();
        assert_eq!(RateLimit::from_headers(&headers, now), None);
        headers.insert("x-ratelimit-limit", "2000".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "1999".parse().unwrap());
        headers.insert("x-ratelimit-reset", "1784000060".parse().unwrap());
        let limit = RateLimit::from_headers(&headers, now).unwrap();
        assert_eq!(limit.limit, Some(2000));
        assert_eq!(limit.remaining, Some(1999));
        assert_eq!(limit.reset, Some(now + Duration::from_secs(60)));
    }
}
