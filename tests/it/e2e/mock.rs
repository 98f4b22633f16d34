//! A wiremock server answering with a documented example, a client pointed at it, and the
//! check of each request the server received.

use std::future::IntoFuture;

use featurebase_api::{Client, Error};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::spec::Example;

/// A mock server on 127.0.0.1 that answers every request with one example, and a client
/// configured for it.
#[derive(Debug)]
pub(super) struct MockApi {
    server: MockServer,
    client: Client,
    /// What the server answers, for failure messages.
    serving: String,
    /// Requests already checked.
    checked: usize,
}

impl MockApi {
    /// Answers every request with the example, with its status.
    pub(super) async fn serving(example: &Example) -> Self {
        Self::answering(example.response(), example.to_string()).await
    }

    /// Answers every request with `response`; `description` names it in failure messages.
    pub(super) async fn answering(response: ResponseTemplate, description: String) -> Self {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&server)
            .await;
        let client = Client::builder("test-key")
            .base_url(server.uri())
            .build()
            .expect("a loopback http base URL is accepted");
        Self {
            server,
            client,
            serving: description,
            checked: 0,
        }
    }

    pub(super) fn client(&self) -> &Client {
        &self.client
    }

    /// The server's base URL, for other clients.
    pub(super) fn uri(&self) -> String {
        self.server.uri()
    }

    /// Sends `request`, checks that the server received exactly `expected`, and returns the
    /// decoded response, failing the test on any error.
    pub(super) async fn send<T>(
        &mut self,
        request: impl IntoFuture<Output = Result<T, Error>>,
        expected: Expect,
    ) -> T {
        self.exchange(request, expected)
            .await
            .unwrap_or_else(|error| panic!("{}: {error:?}", self.serving))
    }

    /// Sends `request`, checks that the server received exactly `expected`, and returns
    /// the client's result.
    pub(super) async fn exchange<T>(
        &mut self,
        request: impl IntoFuture<Output = Result<T, Error>>,
        expected: Expect,
    ) -> Result<T, Error> {
        let result = request.await;
        let received = self.received().await;
        assert_eq!(
            received.len(),
            self.checked + 1,
            "{}: expected one more request, received {received:#?}",
            self.serving
        );
        expected.check(&received[self.checked], &self.serving);
        self.checked += 1;
        result
    }

    /// Every request the server received so far.
    pub(super) async fn received(&self) -> Vec<Request> {
        self.server
            .received_requests()
            .await
            .expect("request recording is on")
    }
}

impl Example {
    /// The example as a JSON response with its status.
    pub(super) fn response(&self) -> ResponseTemplate {
        ResponseTemplate::new(self.status).set_body_raw(self.body.to_string(), "application/json")
    }
}

/// A request as the server must receive it.
#[derive(Debug, Clone)]
#[must_use]
pub(super) struct Expect {
    method: &'static str,
    /// The exact path, percent-encoded as on the wire.
    path: String,
    query: Option<String>,
    /// The `Featurebase-Version` header.
    version: &'static str,
    body: Option<Value>,
}

impl Expect {
    pub(super) fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path)
    }

    pub(super) fn post(path: impl Into<String>) -> Self {
        Self::new("POST", path)
    }

    pub(super) fn patch(path: impl Into<String>) -> Self {
        Self::new("PATCH", path)
    }

    pub(super) fn delete(path: impl Into<String>) -> Self {
        Self::new("DELETE", path)
    }

    /// No query string, no body and the client's default API version, until set below.
    fn new(method: &'static str, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: None,
            version: "2026-01-01.nova",
            body: None,
        }
    }

    /// The exact query string, without the `?`.
    pub(super) fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// The `Featurebase-Version` header, when not the default client's.
    pub(super) fn version(mut self, version: &'static str) -> Self {
        self.version = version;
        self
    }

    /// The JSON body.
    pub(super) fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    fn check(&self, request: &Request, context: &str) {
        let context = format!("{context}: {} {}", self.method, self.path);
        assert_eq!(request.method.as_str(), self.method, "{context}: method");
        assert_eq!(request.url.path(), self.path, "{context}: path");
        assert_eq!(
            request.url.query(),
            self.query.as_deref(),
            "{context}: query"
        );
        let header = |name: &str| single_header(request, name, &context);
        assert_eq!(
            header("authorization").as_deref(),
            Some("Bearer test-key"),
            "{context}"
        );
        assert_eq!(
            header("featurebase-version").as_deref(),
            Some(self.version),
            "{context}"
        );
        assert_eq!(
            header("accept").as_deref(),
            Some("application/json"),
            "{context}"
        );
        match &self.body {
            Some(body) => {
                assert_eq!(
                    header("content-type").as_deref(),
                    Some("application/json"),
                    "{context}"
                );
                let sent: Value = request
                    .body_json()
                    .unwrap_or_else(|error| panic!("{context}: the body is not JSON: {error}"));
                assert_eq!(&sent, body, "{context}: body");
            }
            None => {
                assert_eq!(header("content-type"), None, "{context}");
                assert!(
                    request.body.is_empty(),
                    "{context}: unexpected body {:?}",
                    String::from_utf8_lossy(&request.body)
                );
            }
        }
    }
}

/// The value of a header sent at most once.
fn single_header(request: &Request, name: &str, context: &str) -> Option<String> {
    let values: Vec<_> = request.headers.get_all(name).iter().collect();
    assert!(
        values.len() <= 1,
        "{context}: header `{name}` sent {} times: {values:?}",
        values.len()
    );
    values
        .first()
        .map(|value| value.to_str().expect("a text header").to_owned())
}
