//! Client overhead: the generated client against hand-written `reqwest` calls doing the
//! same exchange, both against one local HTTP server (axum on 127.0.0.1) started here.
//!
//! `cargo bench -p featurebase-tests --bench client`
//!
//! Cases: `GET /v2/contacts/{id}` answering the spec's documented contact example, the
//! `POST /v2/contacts` upsert with a JSON body answering the same contact, and
//! `GET /v2/contacts?limit=N` answering a page of 1 and of 100 such contacts; the 1-item page
//! also 200 requests at a time with 50 in flight. The baseline uses one shared
//! `reqwest::Client` (same timeouts as the generated client's defaults), the same headers
//! (bearer auth, `Featurebase-Version`, `Accept`, `Content-Type`), a `format!`ted URL, a
//! status check, and `serde_json` into the same generated model types. The two clients
//! alternate request by request (round by round under concurrency), after a warm-up, so that
//! both see the same machine state; each figure is a median, and the ratio is ours / baseline
//! measured in this run.

#[path = "support/server.rs"]
mod server;
mod support;

use std::future::Future;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};

use axum::Router;
use axum::body::Bytes;
use axum::http::Uri;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use featurebase_api::Client;
use featurebase_api::models::{Contact, ContactList, UpsertContactRequest};

const API_KEY: &str = "bench-key";
const API_VERSION: &str = "2026-01-01.nova";
const CONTACT_ID: &str = "676f0f6765bdaa7d7d760f88";
const WARM_UP: usize = 200;
/// Under concurrency: requests per round, and how many of them in flight at a time.
const REQUESTS: usize = 200;
const IN_FLIGHT: usize = 50;

/// What the server answers: a contact, and list pages of 1 and 100 contacts.
struct Bodies {
    contact: Bytes,
    one: Bytes,
    hundred: Bytes,
}

/// Starts the server; returns its base URL.
fn start_server(bodies: Bodies) -> String {
    let json = |body: Bytes| ([(CONTENT_TYPE, "application/json")], body);
    let Bodies {
        contact,
        one,
        hundred,
    } = bodies;
    let upserted = contact.clone();
    let app = Router::new()
        .route(
            "/v2/contacts/{id}",
            get(move || {
                let body = contact.clone();
                async move { json(body) }
            }),
        )
        .route(
            "/v2/contacts",
            get(move |uri: Uri| {
                let body = match uri.query() {
                    Some("limit=1") => one.clone(),
                    Some("limit=100") => hundred.clone(),
                    other => panic!("unexpected query {other:?}"),
                };
                async move { json(body) }
            })
            .post(move |request: Bytes| {
                let body = upserted.clone();
                async move {
                    assert!(!request.is_empty(), "the upsert has a body");
                    json(body)
                }
            }),
        );
    server::serve(app)
}

/// The hand-written client: one `reqwest::Client`, the headers every request needs.
struct Baseline {
    http: reqwest::Client,
    base: String,
}

impl Baseline {
    fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("reqwest client");
        Self {
            http,
            base: base.to_owned(),
        }
    }

    fn request(&self, method: reqwest::Method, url: String) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .bearer_auth(API_KEY)
            .header("Featurebase-Version", API_VERSION)
            .header(reqwest::header::ACCEPT, "application/json")
    }

    async fn decode<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
        let response = request.send().await.expect("sent");
        assert!(response.status().is_success(), "{}", response.status());
        let body = response.bytes().await.expect("body");
        serde_json::from_slice(&body).expect("decoded")
    }

    async fn retrieve(&self, id: &str) -> Contact {
        let url = format!("{}/v2/contacts/{id}", self.base);
        Self::decode(self.request(reqwest::Method::GET, url)).await
    }

    async fn upsert(&self, body: &UpsertContactRequest) -> Contact {
        let url = format!("{}/v2/contacts", self.base);
        let body = serde_json::to_vec(body).expect("encoded");
        let request = self
            .request(reqwest::Method::POST, url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        Self::decode(request).await
    }

    async fn list(&self, limit: i64) -> ContactList {
        let url = format!("{}/v2/contacts?limit={limit}", self.base);
        Self::decode(self.request(reqwest::Method::GET, url)).await
    }
}

fn upsert_body() -> UpsertContactRequest {
    UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com")
        .name("John Doe")
        .subscribed_to_changelog(true)
}

const BASELINE: &str = "hand-written reqwest into the same models";

async fn time<F: Future>(future: F) -> f64 {
    let started = Instant::now();
    std::hint::black_box(future.await);
    started.elapsed().as_secs_f64() * 1e6
}

/// Warms both up for `warm_up` rounds, then alternates them for `n` rounds each; the median
/// round of each, in microseconds, baseline first.
async fn measure<B, O, FB, FO>(
    (warm_up, n): (usize, usize),
    mut baseline: B,
    mut ours: O,
) -> (f64, f64)
where
    B: FnMut() -> FB,
    O: FnMut() -> FO,
    FB: Future,
    FO: Future,
{
    for _ in 0..warm_up {
        baseline().await;
        ours().await;
    }
    let (mut base, mut own) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for round in 0..n {
        // Alternate which goes first, so neither always follows the other.
        if round.is_multiple_of(2) {
            base.push(time(baseline()).await);
            own.push(time(ours()).await);
        } else {
            own.push(time(ours()).await);
            base.push(time(baseline()).await);
        }
    }
    (support::median(&base), support::median(&own))
}

/// Runs `call` `REQUESTS` times, `IN_FLIGHT` at a time.
async fn concurrently<F: Future>(call: impl Fn() -> F) {
    stream::iter(0..REQUESTS)
        .map(|_| call())
        .buffer_unordered(IN_FLIGHT)
        .for_each(|_| async {})
        .await;
}

fn report(case: &str, (base, ours): (f64, f64)) {
    support::figure(&format!("per call, {case}"), ours, "µs", base, BASELINE);
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no such flag,
    // where a short run is enough to show that it works.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let scale = if quick { 50 } else { 1 };

    let contact = support::contact_example();
    let body = |value: &serde_json::Value| Bytes::from(serde_json::to_vec(value).expect("JSON"));
    let base_url = start_server(Bodies {
        contact: body(&contact),
        one: body(&support::contact_page(&contact, 1)),
        hundred: body(&support::contact_page(&contact, 100)),
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let baseline = Baseline::new(&base_url);
    let client = Client::builder(API_KEY)
        .base_url(&base_url)
        .build()
        .expect("client");
    let contacts = client.users().contacts();

    runtime.block_on(async {
        // Both clients send what the server expects and decode the same values.
        let ours = contacts.retrieve(CONTACT_ID).await.expect("retrieve");
        assert_eq!(ours, baseline.retrieve(CONTACT_ID).await);
        assert_eq!(ours.name, "John Steezy");
        let ours = contacts.create_or_update(upsert_body()).await.expect("upsert");
        assert_eq!(ours, baseline.upsert(&upsert_body()).await);
        for limit in [1, 100] {
            let ours = contacts.list().limit(limit).await.expect("list");
            assert_eq!(ours.data, baseline.list(limit).await.data);
            assert_eq!(ours.data.len(), limit as usize);
        }

        println!(
            "client overhead: median µs per request, sequential after {WARM_UP} warm-up requests each, the two clients alternating"
        );
        let sequential = (WARM_UP, 10_000 / scale);
        let timings = measure(
            sequential,
            || baseline.retrieve(CONTACT_ID),
            || async { contacts.retrieve(CONTACT_ID).await.expect("retrieve") },
        )
        .await;
        report("GET /v2/contacts/{id}", timings);
        let timings = measure(
            sequential,
            || async { baseline.upsert(&upsert_body()).await },
            || async {
                let request = contacts.create_or_update(upsert_body());
                request.await.expect("upsert")
            },
        )
        .await;
        report("POST /v2/contacts (upsert)", timings);
        for (limit, n) in [(1, 10_000), (100, 4_000)] {
            let timings = measure(
                (WARM_UP, n / scale),
                || baseline.list(limit),
                || async { contacts.list().limit(limit).await.expect("list") },
            )
            .await;
            report(&format!("{limit}-item page"), timings);
        }

        let (base, ours) = measure(
            (5, 200 / scale),
            || concurrently(|| baseline.list(1)),
            || concurrently(|| async { contacts.list().limit(1).await.expect("list") }),
        )
        .await;
        support::figure(
            &format!("per call, {REQUESTS} requests {IN_FLIGHT} in flight, 1-item page"),
            ours / 1000.0,
            &format!("ms per {REQUESTS} requests"),
            base / 1000.0,
            BASELINE,
        );
    });
}
