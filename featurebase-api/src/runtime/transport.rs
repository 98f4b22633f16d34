//! Sending requests: URL building, headers, retries, the response size cap, status and
//! decoding. One tracing span per request.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

use super::clock::Clock;
use super::error::{ApiError, ApiErrorBody, DecodeError, Error, Failure, TransportError};
use super::json_path;
use super::pagination::{Fetch, Page};
use super::pending::Pending;
use super::request::Request;
use super::retry::{Outcome, RetryPolicy, retry_after, retryable, server_delay};
use super::{BoxFuture, RateLimit, Response, version};

/// Waits between retries; tests replace it to observe the delays without waiting.
pub type Sleep = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// What `ClientBuilder::build` hands to the transport.
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) authorization: HeaderValue,
    pub(crate) api_version: String,
    /// Per attempt, unless the request's options say otherwise.
    pub(crate) timeout: Duration,
    /// Per request, retries included, unless the request's options say otherwise.
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry: RetryPolicy,
    pub(crate) sleep: Sleep,
    /// Sent with every request (`ClientBuilder::default_header`).
    pub(crate) headers: HeaderMap,
}

/// The configured connection to the API that every generated builder holds.
/// Cloning is cheap: clones share one connection pool and the rate-limit state.
#[derive(Clone)]
pub struct Transport {
    settings: Arc<Settings>,
    rate_limit: Arc<Mutex<Option<RateLimit>>>,
}

/// A response read in full.
pub(crate) struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Received {
    fn into_response<T>(self, value: T) -> Response<T> {
        Response {
            status: self.status,
            headers: self.headers,
            value,
        }
    }
}

const VERSION_HEADER: &str = "Featurebase-Version";

impl Transport {
    pub(crate) fn new(settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
            rate_limit: Arc::default(),
        }
    }

    /// The `X-RateLimit-*` values of the latest response that carried them.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self
            .rate_limit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The `Featurebase-Version` this transport sends unless a request sets another.
    pub fn api_version(&self) -> &str {
        &self.settings.api_version
    }

    #[doc(hidden)]
    /// Sends `request` and decodes the JSON response body into `T`.
    pub fn send_with_response<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Pending<Response<T>> {
        Pending::new(self.exchange(request), |received| {
            let value = decode(received.status, &received.body)?;
            Ok(received.into_response(value))
        })
    }

    #[doc(hidden)]
    /// Sends `request` whose success response has no body.
    pub fn send_empty(&self, request: Request) -> Pending<Response<()>> {
        Pending::new(self.exchange(request), |received| {
            Ok(received.into_response(()))
        })
    }

    #[doc(hidden)]
    /// Sends a list request; the page can fetch the next one by setting query
    /// parameter `cursor` to the next cursor that `split` takes from the envelope.
    pub fn send_page<E, T>(
        &self,
        request: Request,
        cursor: &'static str,
        split: fn(E) -> (Vec<T>, Option<String>),
    ) -> Pending<Response<Page<T>>>
    where
        E: DeserializeOwned + 'static,
        T: Send + 'static,
    {
        let transport = self.clone();
        let exchange = self.exchange(request.clone());
        Pending::new(exchange, move |received| {
            let envelope = decode::<E>(received.status, &received.body)?;
            let (data, next_cursor) = split(envelope);
            let current = request.query.iter().find(|(name, _)| *name == cursor);
            let current = current.map(|(_, value)| value.clone());
            let fetch: Fetch<T> = Arc::new(move |next: String| {
                let next = request.clone().with_query(cursor, next);
                Box::pin(transport.send_page(next, cursor, split).into_value())
            });
            Ok(received.into_response(Page::new(data, next_cursor, current, fetch)))
        })
    }

    /// The exchange for `request`, the same future type for every operation.
    fn exchange(&self, request: Request) -> BoxFuture<Received> {
        let transport = self.clone();
        Box::pin(async move { transport.execute(&request).await })
    }

    /// Sends with retries, inside one span that records the outcome.
    async fn execute(&self, request: &Request) -> Result<Received, Error> {
        let operation = request.operation;
        let span = tracing::info_span!(
            "featurebase.request",
            method = ?operation.method,
            path = operation.path,
            operation = operation.id,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let (result, attempts) = self.with_retries(request).await;
            let span = tracing::Span::current();
            span.record("attempts", attempts);
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            if let Some(status) = result
                .as_ref()
                .map(|r| Some(r.status))
                .unwrap_or_else(Error::status)
            {
                span.record("status", status.as_u16());
            }
            result
        }
        .instrument(span)
        .await
    }

    /// Attempts `request` until it succeeds, fails for good, runs out of retries or
    /// reaches its deadline. Returns the result and the number of attempts made.
    async fn with_retries(&self, request: &Request) -> (Result<Received, Error>, u32) {
        let url = match self.prepare(request) {
            Ok(url) => url,
            Err(error) => return (Err(error), 0),
        };
        let policy = match request.options.max_retries {
            Some(max_retries) => self.settings.retry.with_max_retries(max_retries),
            None => self.settings.retry,
        };
        let mut clock = Clock::start(request.options.deadline.or(self.settings.deadline));
        let mut attempts = 0;
        loop {
            attempts += 1;
            let (result, outcome, server) = match self.attempt(request, url.clone(), &clock).await {
                Ok(received) if received.status.is_success() => return (Ok(received), attempts),
                Ok(received) => {
                    let (status, delay) = (
                        received.status,
                        server_delay(received.status, &received.headers, SystemTime::now()),
                    );
                    (
                        Err(self.api_error(received, attempts)),
                        Outcome::Status(status),
                        delay,
                    )
                }
                Err((error, outcome)) => (Err(clock.note(error, attempts)), outcome, None),
            };
            let retry = attempts - 1;
            let delay = (retry < policy.max_retries
                && retryable(outcome, request.operation.idempotent))
            .then(|| policy.delay(retry, server))
            .flatten()
            .filter(|delay| clock.allows(*delay));
            let Some(delay) = delay else {
                return (result, attempts);
            };
            tracing::warn!(attempt = attempts, delay_ms = delay.as_millis() as u64, outcome = ?outcome, "retrying");
            (self.settings.sleep)(delay).await;
            clock.waited(delay);
        }
    }

    /// Checks what can be checked before anything is sent; the URL to send to.
    fn prepare(&self, request: &Request) -> Result<Url, Error> {
        if let Some(problem) = request.problem() {
            return Err(problem);
        }
        let pinned = request
            .header_value(VERSION_HEADER)
            .unwrap_or(&self.settings.api_version);
        match request.operation.since {
            Some(since) if !version::has_operation(pinned, since) => {
                Err(Error::InvalidRequest(format!(
                    "`{}` needs API version {since} or newer; this request is pinned to {pinned}",
                    request.operation.id
                )))
            }
            _ => self.url(request),
        }
    }

    /// One attempt: the response, or the error with what it means for retrying.
    async fn attempt(
        &self,
        request: &Request,
        url: Url,
        clock: &Clock,
    ) -> Result<Received, (Error, Outcome)> {
        let per_attempt = request.options.timeout.unwrap_or(self.settings.timeout);
        let (timeout, failure) = clock.attempt_timeout(per_attempt);
        let operation = request.operation.id;
        if timeout.is_zero() {
            let error = TransportError::new(operation, Failure::Deadline, None);
            return Err((Error::Timeout(Box::new(error)), Outcome::NotSent));
        }
        let mut builder = self
            .settings
            .http
            .request(request.operation.method.into(), url)
            .headers(self.headers(request))
            .timeout(timeout);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder
            .send()
            .await
            .map_err(|error| transport_error(operation, failure, error))?;
        self.read(response, operation, failure).await
    }

    /// Every header of an attempt. Later sources win: `Accept`, the client's defaults,
    /// the request's options, the operation's header parameters, then what only the
    /// client sets (authentication, the API version, the body's type).
    fn headers(&self, request: &Request) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.extend(self.settings.headers.clone());
        headers.extend(request.options.headers.map.clone());
        for (name, value) in &request.headers {
            // Both were checked when the request was built.
            if let (Ok(name), Ok(value)) =
                (HeaderName::try_from(*name), HeaderValue::try_from(value))
            {
                headers.insert(name, value);
            }
        }
        headers.insert(AUTHORIZATION, self.settings.authorization.clone());
        if !headers.contains_key(VERSION_HEADER) {
            let version = HeaderValue::try_from(&self.settings.api_version);
            // Checked by `ClientBuilder::build`.
            if let Ok(version) = version {
                headers.insert(VERSION_HEADER, version);
            }
        }
        if request.body.is_some() {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(request.content_type));
        }
        headers
    }

    /// The base URL plus the path with each parameter percent-encoded as one segment.
    fn url(&self, request: &Request) -> Result<Url, Error> {
        let mut url = self.settings.base_url.clone();
        if url.cannot_be_a_base() {
            return Err(Error::InvalidRequest(
                "the base URL cannot take a path".to_owned(),
            ));
        }
        let mut path = url.path().trim_end_matches('/').to_owned();
        for segment in request.operation.path.split('/').filter(|s| !s.is_empty()) {
            path.push('/');
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => path.extend(utf8_percent_encode(path_param(request, name)?, SEGMENT)),
                // The spec's own text (`by-user-id`, `x:batch`) goes as written.
                None => path.push_str(segment),
            }
        }
        url.set_path(&path);
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        Ok(url)
    }

    /// Reads the whole body, refusing bodies above the size cap.
    async fn read(
        &self,
        mut response: reqwest::Response,
        operation: &'static str,
        failure: Failure,
    ) -> Result<Received, (Error, Outcome)> {
        let limit = self.settings.max_response_bytes;
        let status = response.status();
        let too_large = || (Error::ResponseTooLarge { limit }, Outcome::Status(status));
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(too_large());
        }
        let headers = std::mem::take(response.headers_mut());
        self.note_rate_limit(&headers);
        let mut body = Vec::new();
        let broken = |error| transport_error(operation, failure, error);
        while let Some(chunk) = response.chunk().await.map_err(broken)? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Received {
            status,
            headers,
            body: body.into(),
        })
    }

    fn note_rate_limit(&self, headers: &HeaderMap) {
        if let Some(limit) = RateLimit::from_headers(headers, SystemTime::now()) {
            *self
                .rate_limit
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(limit);
        }
    }

    fn api_error(&self, received: Received, attempts: u32) -> Error {
        let now = SystemTime::now();
        let header = |name: &str| received.headers.get(name).and_then(|v| v.to_str().ok());
        let retry_after = retry_after(&received.headers, now);
        Error::Api(Box::new(ApiError {
            status: received.status,
            body: ApiErrorBody::parse(&received.body),
            raw_body: String::from_utf8_lossy(&received.body).into_owned(),
            request_id: header("x-request-id").map(str::to_owned),
            retry_after,
            rate_limit: RateLimit::from_headers(&received.headers, now),
            attempts,
        }))
    }
}

/// Everything but the unreserved characters of RFC 3986 is percent-encoded in a path
/// segment: `/`, `?`, `#`, `%`, spaces, control characters and non-ASCII included.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The value of path parameter `name`, refused when it would change which endpoint is
/// called whatever the encoding (empty, `.` or `..`).
fn path_param<'r>(request: &'r Request, name: &str) -> Result<&'r str, Error> {
    let value = request
        .path_params
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str());
    match value {
        Some("" | "." | "..") => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` cannot be empty, `.` or `..`"
        ))),
        Some(value) => Ok(value),
        None => Err(Error::InvalidRequest(format!(
            "path parameter `{name}` is missing"
        ))),
    }
}

/// A failed exchange: whether the server cannot have seen it, or may have. `timeout` says
/// what a timeout means: the attempt's own, or the request's deadline.
fn transport_error(
    operation: &'static str,
    timeout: Failure,
    error: reqwest::Error,
) -> (Error, Outcome) {
    if error.is_builder() {
        return (Error::InvalidRequest(error.to_string()), Outcome::NotSent);
    }
    let (failure, outcome) = match (error.is_timeout(), error.is_connect()) {
        (true, false) => (timeout, Outcome::Lost),
        (true, true) => (timeout, Outcome::NotConnected),
        (false, true) => (Failure::Connect, Outcome::NotConnected),
        (false, false) => (Failure::Lost, Outcome::Lost),
    };
    let failed = Box::new(TransportError::new(
        operation,
        failure,
        Some(Box::new(error)),
    ));
    let error = match failure {
        Failure::Timeout | Failure::Deadline => Error::Timeout(failed),
        Failure::Connect | Failure::Lost => Error::Connection(failed),
    };
    (error, outcome)
}

/// Decodes a success body, which must be one JSON value (trailing bytes are an error).
fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|error| decode_error(status, body, &error))
}

/// Where and why a success body failed to decode; the same code for every type.
fn decode_error(status: StatusCode, body: &[u8], error: &serde_json::Error) -> Error {
    let start = &body[..body.len().min(800)];
    let excerpt: String = String::from_utf8_lossy(start).chars().take(200).collect();
    Error::Decode(Box::new(DecodeError {
        status,
        path: json_path::path_at(body, error.line(), error.column()),
        message: error.to_string(),
        excerpt,
    }))
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.settings.base_url.as_str())
            .field("api_version", &self.settings.api_version)
            .field("api_key", &"[redacted]")
            .field("retry", &self.settings.retry)
            .finish()
    }
}
