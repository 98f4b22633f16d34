//! `Client::builder(api_key)`: base URL, API version, timeouts, retries, headers and the
//! HTTP client.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;
use url::Url;

use super::Error;
use super::headers::CustomHeaders;
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
    deadline: Option<Duration>,
    max_response_bytes: usize,
    retry: RetryPolicy,
    sleep: Sleep,
    headers: CustomHeaders,
    http: Option<reqwest::Client>,
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
            deadline: None,
            max_response_bytes: 32 * 1024 * 1024,
            retry: RetryPolicy::default(),
            sleep: Arc::new(|delay| Box::pin(tokio::time::sleep(delay))),
            headers: CustomHeaders::default(),
            http: None,
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

    /// How long connecting may take (default 10 s). Not used with
    /// [`http_client`](Self::http_client), whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long each request may take in all, every attempt and every wait between
    /// retries included (default: no limit beyond the per-attempt
    /// [`timeout`](Self::timeout)); `RequestOptions::deadline` overrides it per request.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sends header `name` with every request (a request's `RequestOptions::header` of the
    /// same name wins). An invalid name or value, or a header the client sets itself
    /// (`Authorization`, `Featurebase-Version`, `Content-Type`, `Content-Length`, `Host`),
    /// makes [`build`](Self::build) fail.
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Sends requests with this `reqwest::Client`: for a proxy, custom root certificates
    /// or connection-pool settings. The API key, the API version, the per-attempt timeout,
    /// the deadline and retries still come from this builder; redirects and the connect
    /// timeout are the given client's (this builder's own client follows no redirects).
    ///
    /// Either way, the `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` environment variables
    /// are honoured unless the client is built with `no_proxy()`.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
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
        if let Some(problem) = self.headers.problem {
            return Err(Error::InvalidRequest(problem));
        }
        let http = match self.http {
            Some(http) => http,
            None => default_http(self.connect_timeout)?,
        };
        let settings = Settings {
            http,
            base_url,
            authorization,
            api_version: self.api_version,
            timeout: self.timeout,
            deadline: self.deadline,
            max_response_bytes: self.max_response_bytes,
            retry: self.retry,
            sleep: self.sleep,
            headers: self.headers.map,
        };
        Ok(C::from(Transport::new(settings)))
    }
}

/// The client used unless one is given: no redirects, since one would turn a POST into a
/// GET and decode the wrong body.
fn default_http(connect_timeout: Duration) -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .user_agent(concat!("featurebase-api-rust/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|error| invalid(&format!("cannot set up HTTP: {error}")))
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
    if !url.username().is_empty() || url.password().is_some() {
        // Credentials in the URL would be sent as Basic auth beside the API key.
        return Err(invalid(
            "the base URL must not contain a user name or password; the API key is the credential",
        ));
    }
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
            .field("base_url", &redacted(&self.base_url))
            .field("api_version", &self.api_version)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// `url` with any password in it masked, for `Debug`.
fn redacted(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("redacted"));
            parsed.to_string()
        }
        _ => url.to_owned(),
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

    #[test]
    fn a_base_url_with_credentials_is_refused_and_never_printed() {
        for url in [
            "https://user:hunter2@api.example",
            "https://user@api.example",
        ] {
            let error = build(url).expect_err(url);
            assert!(
                error
                    .to_string()
                    .contains("must not contain a user name or password")
            );
            assert!(!error.to_string().contains("hunter2"), "{error}");
        }
        let builder = ClientBuilder::<Transport>::new(
            "key".to_owned(),
            "https://user:hunter2@api.example",
            "v",
        );
        assert!(!format!("{builder:?}").contains("hunter2"), "{builder:?}");
    }

    #[test]
    fn a_refused_default_header_fails_the_build() {
        let builder = ClientBuilder::<Transport>::new("key".to_owned(), "https://a.example", "v");
        let error = builder
            .default_header("Authorization", "Basic eA==")
            .build()
            .expect_err("reserved header");
        assert!(
            error.to_string().contains("set by the client itself"),
            "{error}"
        );
    }
}
