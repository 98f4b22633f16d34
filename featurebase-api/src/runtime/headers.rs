//! Headers users add: client-wide defaults and per-request ones.

use http::{HeaderMap, HeaderName, HeaderValue};

/// Headers the client sets itself: a custom value would break authentication, the
/// pinned API version or the body's framing, so none can be set by accident.
const RESERVED: [(&str, &str); 5] = [
    (
        "authorization",
        "the API key is given to `Client::new` or `Client::builder`",
    ),
    (
        "featurebase-version",
        "set it with `ClientBuilder::api_version` or a request's `featurebase_version`",
    ),
    ("content-type", "the client sends JSON bodies"),
    ("content-length", "the client frames the body"),
    ("host", "it comes from the base URL"),
];

/// Headers added by the user, or the first one that was refused and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CustomHeaders {
    pub(crate) map: HeaderMap,
    pub(crate) problem: Option<String>,
}

impl CustomHeaders {
    /// Sets `name` to `value`, replacing an earlier value, or records why it cannot be.
    pub(crate) fn insert(&mut self, name: &str, value: &str) {
        match checked(name, value) {
            Ok((name, value)) => {
                self.map.insert(name, value);
            }
            Err(problem) => {
                self.problem.get_or_insert(problem);
            }
        }
    }
}

/// A valid header name and value that the client does not set itself. Values are
/// marked sensitive, so `Debug` never prints them (they may hold credentials).
fn checked(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    if let Some((_, why)) = RESERVED.iter().find(|(n, _)| *n == header.as_str()) {
        return Err(format!(
            "header `{name}` is set by the client itself: {why}"
        ));
    }
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| format!("header `{name}` cannot hold {value:?}"))?;
    value.set_sensitive(true);
    Ok((header, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(name: &str, value: &str) -> Option<String> {
        let mut headers = CustomHeaders::default();
        headers.insert(name, value);
        headers.problem
    }

    #[test]
    fn valid_headers_are_kept_and_later_values_replace_earlier_ones() {
        let mut headers = CustomHeaders::default();
        headers.insert("X-Team", "growth");
        headers.insert("x-team", "sales");
        assert_eq!(headers.problem, None);
        assert_eq!(headers.map.len(), 1);
        assert_eq!(headers.map["x-team"], "sales");
        assert!(!format!("{headers:?}").contains("sales"), "{headers:?}");
    }

    #[test]
    fn invalid_and_reserved_headers_are_refused() {
        assert_eq!(
            problem("X Team", "a").as_deref(),
            Some("`X Team` is not a valid header name")
        );
        assert_eq!(
            problem("X-Team", "a\r\nb").as_deref(),
            Some(r#"header `X-Team` cannot hold "a\r\nb""#)
        );
        for name in [
            "Authorization",
            "featurebase-version",
            "Content-Type",
            "Host",
        ] {
            let problem = problem(name, "x").expect(name);
            assert!(problem.contains("is set by the client itself"), "{problem}");
        }
    }
}
