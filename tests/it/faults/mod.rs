//! The fault corpus of the hand-written runtime: every test starts its own server on
//! 127.0.0.1 (a wiremock `MockServer`, or a raw TCP listener for faults below HTTP),
//! injects one fault and asserts the exact outcome: the typed error and its fields, or
//! success after exactly N requests. Retries never wait: the client's sleep is replaced by
//! a recorder, so the asked-for delays are asserted instead of waited out.

mod bodies;
mod bulk;
mod headers;
mod network;
mod observability;
mod pagination;
mod requests;
mod retries;

use std::fmt::Debug;
use std::future::IntoFuture;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use featurebase_api::runtime::{ApiError, ApiErrorBody, ClientBuilder, DecodeError, Sleep};
use featurebase_api::{Client, Error};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The key every test client authenticates with; it must never show up in output.
const API_KEY: &str = "fb_live_sk_7f3a9c1e5b2d4068SECRET";

/// The longest any awaited request may take before the test fails instead of hanging.
const BOUND: Duration = Duration::from_secs(5);

/// Awaits `future`, failing the test if it takes longer than [`BOUND`].
async fn bounded<F: IntoFuture>(future: F) -> F::Output {
    tokio::time::timeout(BOUND, future)
        .await
        .expect("the request did not finish in time")
}

/// The delays the client asked to sleep, recorded instead of waited out.
#[derive(Clone, Default)]
struct Sleeps(Arc<Mutex<Vec<Duration>>>);

impl Sleeps {
    fn recorder(&self) -> Sleep {
        let delays = Arc::clone(&self.0);
        Arc::new(move |delay| {
            lock(&delays).push(delay);
            Box::pin(async {})
        })
    }

    fn recorded(&self) -> Vec<Duration> {
        lock(&self.0).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A client builder for `base_url` whose retry sleeps go to `sleeps`.
fn client_builder(base_url: &str, sleeps: &Sleeps) -> ClientBuilder<Client> {
    Client::builder(API_KEY)
        .base_url(base_url)
        .sleep_with(sleeps.recorder())
}

/// A fresh mock server and a client pointed at it.
struct Harness {
    server: MockServer,
    client: Client,
    sleeps: Sleeps,
}

impl Harness {
    async fn start() -> Self {
        Self::configured(|builder| builder).await
    }

    /// With the client builder changed by `configure` (retries, limits, version...).
    async fn configured(
        configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>,
    ) -> Self {
        // Not the shared pool: each test has a server of its own, stopped when dropped.
        let server = MockServer::builder().start().await;
        let sleeps = Sleeps::default();
        let client = configure(client_builder(&server.uri(), &sleeps))
            .build()
            .expect("the test client builds");
        Self {
            server,
            client,
            sleeps,
        }
    }

    /// Answers `verb route` with `responses` in turn; the last one answers every later request.
    async fn respond(
        &self,
        verb: &str,
        route: &str,
        responses: impl IntoIterator<Item = ResponseTemplate>,
    ) {
        let mut responses = responses.into_iter().peekable();
        while let Some(response) = responses.next() {
            let mock = Mock::given(method(verb))
                .and(path(route))
                .respond_with(response);
            let mock = match responses.peek() {
                Some(_) => mock.up_to_n_times(1),
                None => mock,
            };
            mock.mount(&self.server).await;
        }
    }

    /// Every request the server has seen, in order.
    async fn requests(&self) -> Vec<Request> {
        self.server
            .received_requests()
            .await
            .expect("request recording is on")
    }

    /// How many requests the server has seen.
    async fn hits(&self) -> usize {
        self.requests().await.len()
    }

    fn sleeps(&self) -> Vec<Duration> {
        self.sleeps.recorded()
    }
}

/// A server below HTTP: it reads each request's head, then answers every connection the
/// same way and closes it. Stopped when dropped.
struct RawServer {
    url: String,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

/// How a [`RawServer`] answers.
#[derive(Clone)]
enum Reply {
    /// These bytes verbatim (a partial response, or nothing), then a normal close.
    Bytes(Vec<u8>),
    /// Nothing: the connection is reset (RST).
    Reset,
}

impl RawServer {
    /// Writes `reply` verbatim and closes.
    async fn start(reply: impl Into<Vec<u8>>) -> Self {
        Self::answering(Reply::Bytes(reply.into())).await
    }

    /// Resets every connection once the request has arrived.
    async fn resetting() -> Self {
        Self::answering(Reply::Reset).await
    }

    async fn answering(reply: Reply) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let url = format!("http://{}", listener.local_addr().expect("has an address"));
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let reply = reply.clone();
                tokio::spawn(async move {
                    read_head(&mut socket).await;
                    // The client may already have given up: a failed write is part of the fault.
                    match reply {
                        Reply::Bytes(bytes) => {
                            let _ = socket.write_all(&bytes).await;
                            let _ = socket.shutdown().await;
                        }
                        Reply::Reset => {
                            let _ = socket.set_zero_linger();
                        }
                    }
                });
            }
        });
        Self {
            url,
            connections,
            task,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// A client for this server whose retry sleeps go to `sleeps`.
    fn client(&self, sleeps: &Sleeps) -> Client {
        client_builder(&self.url, sleeps).build().expect("builds")
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads up to the blank line that ends a request head (or until the client stops).
async fn read_head(socket: &mut tokio::net::TcpStream) {
    let mut head = Vec::new();
    let mut buffer = [0; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
}

/// A port on 127.0.0.1 that nothing listens on (bound, then released).
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let address = listener.local_addr().expect("has an address");
    drop(listener);
    format!("http://{address}")
}

// ---- responses ---------------------------------------------------------------------

/// A minimal contact as the API returns it.
fn contact(id: &str) -> Value {
    json!({"object": "contact", "id": id, "name": format!("Contact {id}"), "type": "customer"})
}

/// A page of contacts with the given ids.
fn contact_page(ids: &[&str], next_cursor: Option<&str>) -> Value {
    let data: Vec<Value> = ids.iter().map(|id| contact(id)).collect();
    json!({"object": "list", "data": data, "nextCursor": next_cursor})
}

fn json_response(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

fn raw_response(status: u16, body: &str, mime: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), mime)
}

/// The documented error envelope.
fn envelope_json(kind: &str, code: &str, message: &str, status: u16) -> Value {
    json!({"error": {"type": kind, "code": code, "message": message, "status": status}})
}

// ---- outcomes ----------------------------------------------------------------------

#[track_caller]
fn api_error<T: Debug>(result: Result<T, Error>) -> ApiError {
    match result {
        Err(Error::Api(error)) => *error,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[track_caller]
fn decode_error<T: Debug>(result: Result<T, Error>) -> DecodeError {
    match result {
        Err(Error::Decode(error)) => *error,
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[track_caller]
fn invalid_request<T: Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::InvalidRequest(message)) => message,
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

/// The fields of an [`ApiErrorBody`] (a non-exhaustive type tests cannot build), to
/// compare whole.
#[derive(Debug, Default, PartialEq, Eq)]
struct Envelope<'a> {
    kind: Option<&'a str>,
    code: Option<&'a str>,
    message: Option<&'a str>,
    param: Option<&'a str>,
    status: Option<u16>,
}

fn envelope(body: &ApiErrorBody) -> Envelope<'_> {
    Envelope {
        kind: body.kind.as_deref(),
        code: body.code.as_deref(),
        message: body.message.as_deref(),
        param: body.param.as_deref(),
        status: body.status,
    }
}

/// Asserts each recorded delay is the default backoff for its retry: `nominal` ms
/// (500, 1000, ...) with at most a quarter of jitter taken off.
#[track_caller]
fn assert_backoffs(recorded: &[Duration], nominal_ms: &[u64]) {
    assert_eq!(recorded.len(), nominal_ms.len(), "delays: {recorded:?}");
    for (delay, &nominal) in recorded.iter().zip(nominal_ms) {
        let range: RangeInclusive<Duration> =
            Duration::from_millis(nominal * 3 / 4)..=Duration::from_millis(nominal);
        assert!(range.contains(delay), "{delay:?} outside {range:?}");
    }
}
