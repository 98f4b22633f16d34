//! [`MockServer`]: the mock on 127.0.0.1, with a client for it, a request log and faults.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use featurebase_api::Client;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::faults::{Fault, Faults};
use crate::log::{LoggedRequest, RequestLog};
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

impl MockServer {
    /// Starts an empty Featurebase on a free port of 127.0.0.1.
    ///
    /// # Panics
    ///
    /// When no port can be bound; [`MockServer::try_start_with`] returns the error instead.
    pub async fn start() -> Self {
        Self::start_with(Featurebase::default()).await
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
        Self::try_start_with(api)
            .await
            .unwrap_or_else(|error| panic!("cannot start the Featurebase mock: {error}"))
    }

    /// Starts `api` on a free port of 127.0.0.1, accepting the key [`MOCK_API_KEY`].
    pub async fn try_start_with(api: A) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        Self::serve(listener, Arc::new(api), Some(MOCK_API_KEY)).await
    }

    /// Serves `api` on `listener`; with `key`, only that bearer token is accepted, and
    /// without, any.
    pub async fn serve(
        listener: TcpListener,
        api: Arc<A>,
        key: Option<&str>,
    ) -> std::io::Result<Self> {
        let address: SocketAddr = listener.local_addr()?;
        let url = format!("http://{address}");
        let shared = Arc::new(Shared::default());
        let mut app = router(api.clone())
            .route_layer(middleware::from_fn_with_state(shared.clone(), intercept))
            .fallback(unknown_route);
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
        Ok(Self {
            url,
            client,
            api,
            shared,
            stop: Some(stop),
        })
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

/// Logs each request to a route, and answers with its fault when one waits.
async fn intercept(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let operation = operation_of(&request);
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut entry = LoggedRequest::new(&parts, operation.map(str::to_owned), body.clone());
    let fault = operation.and_then(|id| lock(&shared.faults).take(id));
    let response = match fault.as_ref().map(|fault| (fault, fault.reply())) {
        Some((_, Some(reply))) => reply.into_response(),
        Some((Fault::Timeout, None)) => std::future::pending().await,
        Some((Fault::Delay(delay), None)) => {
            tokio::time::sleep(*delay).await;
            next.run(Request::from_parts(parts, body.into())).await
        }
        _ => next.run(Request::from_parts(parts, body.into())).await,
    };
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
