//! [`MockServer`]: the mock on 127.0.0.1, with a client for it, a request log and faults.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::handler::Handler;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use featurebase_api::Client;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::faults::{Fault, Faults};
use crate::log::{LoggedRequest, RequestLog};
use crate::rate_limit::{self, RateLimiter};
use crate::store::Featurebase;
use crate::support::ApiKeys;
use crate::{Api, OPERATIONS, Reply, router};

/// The key [`MockServer::start`] accepts and gives its [`client`](MockServer::client).
pub const MOCK_API_KEY: &str = "mock-api-key";

/// What the middleware shares with the server's handle.
#[derive(Debug, Default)]
struct Shared {
    faults: Mutex<Faults>,
    log: Mutex<RequestLog>,
}

/// An [`Api`] that implements nothing: every operation answers the reply the spec
/// documents for it (its example), whatever the request, once the request is valid.
#[derive(Debug, Clone, Copy, Default)]
pub struct Documented;

impl Api for Documented {}

/// The mock API, served on 127.0.0.1 until dropped: by default the stateful
/// [`Featurebase`]; any [`Api`] with [`MockServer::start_with`].
#[derive(Debug)]
pub struct MockServer<A = Featurebase> {
    url: String,
    client: Client,
    api: Arc<A>,
    shared: Arc<Shared>,
    /// Stops the server when sent to, or dropped.
    stop: Option<oneshot::Sender<()>>,
}

/// How a [`MockServer`] is to run, before it starts: [`MockServer::builder`].
#[derive(Debug, Clone, Default)]
pub struct MockServerBuilder {
    rate_limit: Option<Arc<RateLimiter>>,
}

impl MockServerBuilder {
    /// Allows `requests` per API key in each fixed `window`, as the API allows 2,000 per
    /// minute: past them, a 429 `rate_limit_error` with `Retry-After`. Every answer then
    /// carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (when
    /// the window ends, in seconds since the Unix epoch). Windows are aligned to the epoch
    /// (a one-minute window starts on the clock's minute); a window that is not a whole
    /// number of seconds resets, as the header says, at the next whole second after it ends.
    ///
    /// # Panics
    ///
    /// When `window` is zero.
    pub fn rate_limit(mut self, requests: u64, window: Duration) -> Self {
        self.rate_limit = Some(Arc::new(RateLimiter::new(requests, window)));
        self
    }

    /// Starts an empty Featurebase; see [`MockServer::start`].
    pub async fn start(self) -> MockServer {
        self.start_with(Featurebase::default()).await
    }

    /// Starts `api`; see [`MockServer::start_with`].
    ///
    /// # Panics
    ///
    /// When no port can be bound; [`try_start_with`](Self::try_start_with) returns the
    /// error instead.
    pub async fn start_with<A: Api>(self, api: A) -> MockServer<A> {
        self.try_start_with(api)
            .await
            .unwrap_or_else(|error| panic!("cannot start the Featurebase mock: {error}"))
    }

    /// Starts `api` on a free port of 127.0.0.1, accepting the key [`MOCK_API_KEY`].
    pub async fn try_start_with<A: Api>(self, api: A) -> std::io::Result<MockServer<A>> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        self.serve(listener, Arc::new(api), Some(MOCK_API_KEY))
            .await
    }

    /// Serves `api` on `listener`; with `key`, only that bearer token is accepted, and
    /// without, any.
    pub async fn serve<A: Api>(
        self,
        listener: TcpListener,
        api: Arc<A>,
        key: Option<&str>,
    ) -> std::io::Result<MockServer<A>> {
        let address: SocketAddr = listener.local_addr()?;
        let url = format!("http://{address}");
        let shared = Arc::new(Shared::default());
        let limit = || middleware::from_fn_with_state(self.rate_limit.clone(), rate_limit::enforce);
        let mut app = router(api.clone())
            .route_layer(middleware::from_fn_with_state(shared.clone(), inject))
            .route_layer(limit())
            .route_layer(middleware::from_fn_with_state(shared.clone(), log))
            .fallback(unknown_route.layer(limit()));
        if let Some(key) = key {
            app = app.layer(axum::Extension(ApiKeys(Arc::new(vec![key.to_owned()]))));
        }
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            // Open connections close once their requests are answered; a request held by
            // `Fault::Timeout` ends with the runtime.
            let shutdown = async {
                let _ = stopped.await;
            };
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await;
        });
        let client = Client::builder(key.unwrap_or(MOCK_API_KEY))
            .base_url(&url)
            // Retries happen at once: tests of retry handling do not wait for backoff.
            .sleep_with(Arc::new(|_| Box::pin(std::future::ready(()))))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(MockServer {
            url,
            client,
            api,
            shared,
            stop: Some(stop),
        })
    }
}

impl MockServer {
    /// Starts an empty Featurebase on a free port of 127.0.0.1, with no rate limit.
    ///
    /// # Panics
    ///
    /// When no port can be bound; [`MockServer::try_start_with`] returns the error instead.
    pub async fn start() -> Self {
        Self::start_with(Featurebase::default()).await
    }

    /// A mock to configure before it starts, e.g. with a rate limit:
    /// `MockServer::builder().rate_limit(2000, Duration::from_secs(60)).start().await`.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The mock's state, to seed it or to look at it.
    pub fn store(&self) -> &Featurebase {
        &self.api
    }
}

impl MockServer<Documented> {
    /// Starts a mock whose every operation answers its documented example.
    pub async fn documented() -> Self {
        Self::start_with(Documented).await
    }
}

impl<A: Api> MockServer<A> {
    /// Starts `api` on a free port of 127.0.0.1, accepting the key [`MOCK_API_KEY`].
    ///
    /// # Panics
    ///
    /// When no port can be bound; [`MockServer::try_start_with`] returns the error instead.
    pub async fn start_with(api: A) -> Self {
        MockServerBuilder::default().start_with(api).await
    }

    /// Starts `api` on a free port of 127.0.0.1, accepting the key [`MOCK_API_KEY`].
    pub async fn try_start_with(api: A) -> std::io::Result<Self> {
        MockServerBuilder::default().try_start_with(api).await
    }

    /// Serves `api` on `listener`; with `key`, only that bearer token is accepted, and
    /// without, any.
    pub async fn serve(
        listener: TcpListener,
        api: Arc<A>,
        key: Option<&str>,
    ) -> std::io::Result<Self> {
        MockServerBuilder::default().serve(listener, api, key).await
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client for this mock. It retries without waiting between attempts, so tests
    /// of retry handling run at once.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The [`Api`] it serves.
    pub fn api(&self) -> &A {
        &self.api
    }

    /// Every request the mock answered so far, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).entries().to_vec()
    }

    /// The requests so far to one operation (by `operationId`, e.g. `upsertContact`).
    pub fn requests_to(&self, operation: &str) -> Vec<LoggedRequest> {
        let log = lock(&self.shared.log);
        let entries = log.entries().iter();
        let matching = entries.filter(|request| request.operation.as_deref() == Some(operation));
        matching.cloned().collect()
    }

    /// The next `times` requests to `operation` (its `operationId`) meet `fault`.
    ///
    /// # Panics
    ///
    /// When the spec has no operation of that id.
    pub fn fail_next(&self, operation: &str, times: usize, fault: Fault) {
        assert!(
            OPERATIONS.iter().any(|known| known.id == operation),
            "the spec has no operation `{operation}`"
        );
        lock(&self.shared.faults).push(operation, times, fault);
    }
}

impl<A> Drop for MockServer<A> {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Logs each request to a route with the status it was answered.
async fn log(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let operation = operation_of(&request).map(str::to_owned);
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut entry = LoggedRequest::new(&parts, operation, body.clone());
    let response = next.run(Request::from_parts(parts, body.into())).await;
    entry.status = response.status().as_u16();
    tracing::info!(
        method = %entry.method,
        path = %entry.path,
        operation = entry.operation.as_deref().unwrap_or("-"),
        status = entry.status,
        "featurebase-mock request"
    );
    lock(&shared.log).push(entry);
    response
}

/// Answers with the request's fault when one waits for its operation.
async fn inject(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let fault = operation_of(&request).and_then(|id| lock(&shared.faults).take(id));
    match fault.as_ref().map(|fault| (fault, fault.reply())) {
        Some((_, Some(reply))) => reply.into_response(),
        Some((Fault::Timeout, None)) => std::future::pending().await,
        Some((Fault::Delay(delay), None)) => {
            tokio::time::sleep(*delay).await;
            next.run(request).await
        }
        _ => next.run(request).await,
    }
}

/// The `operationId` of the route a request matched.
fn operation_of(request: &Request) -> Option<&'static str> {
    let path = request.extensions().get::<MatchedPath>()?.as_str();
    let found = OPERATIONS
        .iter()
        .find(|operation| operation.path == path && operation.method == request.method());
    found.map(|operation| operation.id)
}

async fn unknown_route(request: Request) -> Reply {
    let message = format!(
        "Unknown route: {} {}",
        request.method(),
        request.uri().path()
    );
    Reply::not_found(message)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
