//! `Client::builder(api_key)`: base URL, API version, timeouts, retries.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use url::Url;

use super::Error;
use super::retry::RetryPolicy;
use super::transport::{Settings, Sleep, Transport};

/// Configures a client; `build()` checks the settings and returns the client.
/// `C` is the generated `Client` type.
///
/// ```no_run
/// use std::time::Duration;
///
/// use featurebase_api::Client;
///
/// # fn run() -> Result<(), featurebase_api::Error> {
/// let client = Client::builder(std::env::var("FEATUREBASE_API_KEY").expect("set"))
///     .api_version("2026-01-01.nova")
///     .timeout(Duration::from_secs(10))
///     .max_retries(5)
///     .build()?;
/// # Ok(()) }
/// ```
#[must_use = "a builder does nothing until `.build()`"]
pub struct ClientBuilder<C> {
    api_key: String,
    base_url: String,
    api_version: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    sleep: Sleep,
    client: PhantomData<fn() -> C>,
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// Called by the generated `Client::builder` with the spec's defaults.
    #[doc(hidden)]
    pub fn new(api_key: String, base_url: &str, api_version: &str) -> Self {
        Self {
            api_key,
            base_url: base_url.to_owned(),
            api_version: api_version.to_owned(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            max_response_bytes: 32 * 1024 * 1024,
            retry: RetryPolicy::default(),
            sleep: Arc::new(|delay| Box::pin(tokio::time::sleep(delay))),
            client: PhantomData,
        }
    }

    /// Retries after the first attempt (default 2); see [`retry_policy`](Self::retry_policy).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry = self.retry.with_max_retries(max_retries);
        self
    }

    /// How failed requests are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Replaces how the client waits between retries (default `tokio::time::sleep`),
    /// e.g. to record the delays in a test instead of waiting them out.
    pub fn sleep_with(mut self, sleep: Sleep) -> Self {
        self.sleep = sleep;
        self
    }

    /// Where requests go (default: the spec's first server, `https://do.featurebase.app`).
    /// Plain `http://` is only accepted for loopback addresses, for tests.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The `Featurebase-Version` header sent with every request (default: the spec's version).
    pub fn api_version(mut self, api_version: impl Into<String>) -> Self {
        self.api_version = api_version.into();
        self
    }

    /// How long each attempt of a request may take, reading the response included
    /// (default 60 s); retries start their own clock.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest response body accepted (default 32 MiB); larger ones fail instead of
    /// exhausting memory.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Checks the settings and returns the client.
    pub fn build(self) -> Result<C, Error> {
        if self.api_key.trim().is_empty() {
            return Err(invalid("the API key is empty"));
        }
        let base_url = checked_base_url(&self.base_url)?;
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", self.api_key))
            .map_err(|_| invalid("the API key contains characters not allowed in a header"))?;
        authorization.set_sensitive(true);
        if HeaderValue::from_str(&self.api_version).is_err() {
            return Err(invalid(
                "the API version contains characters not allowed in a header",
            ));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("featurebase-api-rust/", env!("CARGO_PKG_VERSION")))
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            // A redirect would turn a POST into a GET and decode the wrong body.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| invalid(&format!("cannot set up HTTP: {error}")))?;
        let settings = Settings {
            http,
            base_url,
            authorization,
            api_version: self.api_version,
            max_response_bytes: self.max_response_bytes,
            retry: self.retry,
            sleep: self.sleep,
        };
        Ok(C::from(Transport::new(settings)))
    }
}

fn invalid(message: &str) -> Error {
    Error::InvalidRequest(message.to_owned())
}

fn checked_base_url(text: &str) -> Result<Url, Error> {
    if text.is_empty() {
        return Err(invalid(
            "the spec names no absolute server URL: set one with `.base_url(..)`",
        ));
    }
    let url = Url::parse(text).map_err(|error| invalid(&format!("base URL `{text}`: {error}")))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(domain)) => domain == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(invalid(&format!(
            "base URL `{text}`: plain http is only allowed for loopback addresses"
        ))),
        _ => Err(invalid(&format!("base URL `{text}` must be an https URL"))),
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &"[redacted]")
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(base_url: &str) -> Result<Transport, Error> {
        ClientBuilder::<Transport>::new("key".to_owned(), base_url, "2026-01-01.nova").build()
    }

    #[test]
    fn an_empty_api_key_is_refused() {
        let builder = ClientBuilder::<Transport>::new(" ".to_owned(), "https://a.example", "v");
        let error = builder.build().expect_err("empty key");
        assert_eq!(error.to_string(), "invalid request: the API key is empty");
    }

    #[test]
    fn a_spec_without_an_absolute_server_needs_a_base_url() {
        let error = build("").expect_err("no default base URL");
        assert!(
            error.to_string().contains("set one with `.base_url(..)`"),
            "{error}"
        );
        assert!(build("https://do.featurebase.app").is_ok());
    }
}
