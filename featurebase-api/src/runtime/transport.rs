//! Sending requests: URL building, headers, the response size cap, status and decoding.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderValue, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use super::error::{ApiError, ApiErrorBody, DecodeError, Error};
use super::request::Request;

/// What `ClientBuilder::build` hands to the transport.
pub(crate) struct Settings {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    pub(crate) authorization: HeaderValue,
    pub(crate) api_version: HeaderValue,
    pub(crate) max_response_bytes: usize,
}

/// The configured connection to the API that every generated builder holds.
/// Cloning is cheap: clones share one connection pool.
#[derive(Clone)]
pub struct Transport {
    settings: Arc<Settings>,
}

/// A response read in full.
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
}

const VERSION_HEADER: &str = "Featurebase-Version";

impl Transport {
    pub(crate) fn new(settings: Settings) -> Self {
        Self {
            settings: Arc::new(settings),
        }
    }

    /// Sends `request` and decodes the JSON response body into `T`.
    pub async fn send<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let received = self.execute(request).await?;
        decode(received.status, &received.body)
    }

    /// Sends `request` whose success response has no body.
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        self.execute(request).await.map(drop)
    }

    async fn execute(&self, request: Request) -> Result<Received, Error> {
        if let Some(problem) = request.problem {
            return Err(problem);
        }
        let url = self.url(&request)?;
        let mut builder = self
            .settings
            .http
            .request(request.operation.method.into(), url)
            .header(
                http::header::AUTHORIZATION,
                self.settings.authorization.clone(),
            )
            .header(http::header::ACCEPT, "application/json");
        if !request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case(VERSION_HEADER))
        {
            builder = builder.header(VERSION_HEADER, self.settings.api_version.clone());
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if let Some(body) = request.body {
            builder = builder
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let response = builder.send().await.map_err(transport_error)?;
        let received = self.read(response).await?;
        if received.status.is_success() {
            Ok(received)
        } else {
            Err(api_error(received))
        }
    }

    /// The base URL plus the path with each parameter percent-encoded as one segment.
    fn url(&self, request: &Request) -> Result<Url, Error> {
        let mut url = self.settings.base_url.clone();
        let mut segments = url
            .path_segments_mut()
            .map_err(|()| Error::InvalidRequest("the base URL cannot take a path".to_owned()))?;
        segments.pop_if_empty();
        for segment in request.operation.path.split('/').filter(|s| !s.is_empty()) {
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                segments.push(segment);
                continue;
            };
            let value = request
                .path_params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v);
            match value.map(String::as_str) {
                // These would change which endpoint is called, whatever the encoding.
                Some("" | "." | "..") => {
                    return Err(Error::InvalidRequest(format!(
                        "path parameter `{name}` cannot be empty, `.` or `..`"
                    )));
                }
                Some(value) => segments.push(value),
                None => {
                    return Err(Error::InvalidRequest(format!(
                        "path parameter `{name}` is missing"
                    )));
                }
            };
        }
        drop(segments);
        if !request.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &request.query {
                pairs.append_pair(name, value);
            }
        }
        Ok(url)
    }

    /// Reads the whole body, refusing bodies above the size cap.
    async fn read(&self, mut response: reqwest::Response) -> Result<Received, Error> {
        let limit = self.settings.max_response_bytes;
        let too_large =
            || Error::InvalidRequest(format!("the response body exceeds the {limit}-byte limit"));
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(too_large());
        }
        let status = response.status();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
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
}

fn transport_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Connection(error)
    }
}

fn api_error(received: Received) -> Error {
    let header = |name: &str| received.headers.get(name).and_then(|v| v.to_str().ok());
    let retry_after = header("retry-after")
        .and_then(|value| value.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    Error::Api(Box::new(ApiError {
        status: received.status,
        body: ApiErrorBody::parse(&received.body),
        raw_body: String::from_utf8_lossy(&received.body).into_owned(),
        request_id: header("x-request-id").map(str::to_owned),
        retry_after,
    }))
}

fn decode<T: DeserializeOwned>(status: StatusCode, body: &[u8]) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let excerpt: String = String::from_utf8_lossy(body).chars().take(200).collect();
        Error::Decode(Box::new(DecodeError {
            status,
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
            excerpt,
        }))
    })
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("base_url", &self.settings.base_url.as_str())
            .field("api_version", &self.settings.api_version)
            .field("api_key", &"[redacted]")
            .finish()
    }
}
