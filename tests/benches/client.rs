//! Client overhead: the generated client against hand-written `reqwest` calls doing the
//! same exchange, both against one local HTTP server (axum on 127.0.0.1) started here.
//!
//! `cargo bench -p featurebase-tests --bench client`
//!
//! Cases: (a) `GET /v2/contacts/{id}` answering the spec's documented contact example,
//! (b) `POST /v2/contacts` (upsert) with a JSON body, answering the same contact, (c)
//! `GET /v2/contacts?limit=100` answering a list of 100 such contacts. The baseline uses one
//! shared `reqwest::Client` (same timeouts as the generated client's defaults), the same
//! headers (bearer auth, `Featurebase-Version`, `Accept`, `Content-Type`), a `format!`ted URL,
//! a status check, and `serde_json` into the same generated model types. Requests are
//! sequential and the two clients alternate request by request, after a warm-up, so that
//! both see the same machine state; the ratio is ours / baseline, measured in this run.

use std::future::Future;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use featurebase_api::Client;
use featurebase_api::models::{Contact, ContactList, UpsertContactRequest};
use serde_json::Value;

const API_KEY: &str = "bench-key";
const API_VERSION: &str = "2026-01-01.nova";
const CONTACT_ID: &str = "676f0f6765bdaa7d7d760f88";
const WARM_UP: usize = 200;

/// The documented example of `GET /v2/contacts/{id}`, from the spec.
fn contact_example() -> Value {
    let spec = include_str!("../../spec/featurebase.yaml");
    let spec: Value = serde_yaml::from_str(spec).expect("the spec is YAML");
    spec["paths"]["/v2/contacts/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["example"]
        .clone()
}

/// A list page of `count` copies of the example contact, each with its own id.
fn contact_list(contact: &Value, count: usize) -> Value {
    let data: Vec<Value> = (0..count)
        .map(|index| {
            let mut contact = contact.clone();
            contact["id"] = Value::String(format!("676f0f6765bdaa7d7d76{index:04x}"));
            contact
        })
        .collect();
    serde_json::json!({"object": "list", "data": data, "nextCursor": null})
}

/// Starts the server on its own thread and runtime; returns its base URL.
fn start_server(contact: Bytes, list: Bytes) -> String {
    let json = |body: Bytes| ([(CONTENT_TYPE, "application/json")], body);
    let (one, upserted) = (contact.clone(), contact);
    let app = Router::new()
        .route(
            "/v2/contacts/{id}",
            get(move || {
                let body = one.clone();
                async move { json(body) }
            }),
        )
        .route(
            "/v2/contacts",
            get(move || {
                let body = list.clone();
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
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, app).await.expect("server");
        });
    });
    format!("http://{address}")
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

    async fn list(&self, limit: u32) -> ContactList {
        let url = format!("{}/v2/contacts?limit={limit}", self.base);
        Self::decode(self.request(reqwest::Method::GET, url)).await
    }
}

fn upsert_body() -> UpsertContactRequest {
    UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com")
        .name("John Doe")
        .subscribed_to_changelog(true)
}

/// Microseconds per request.
struct Timings(Vec<f64>);

impl Timings {
    fn mean(&self) -> f64 {
        self.0.iter().sum::<f64>() / self.0.len() as f64
    }

    fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let middle = sorted.len() / 2;
        if sorted.len().is_multiple_of(2) {
            (sorted[middle - 1] + sorted[middle]) / 2.0
        } else {
            sorted[middle]
        }
    }
}

async fn time<F: Future>(future: F) -> f64 {
    let started = Instant::now();
    std::hint::black_box(future.await);
    started.elapsed().as_secs_f64() * 1e6
}

/// Warms both up, then alternates them for `n` requests each.
async fn measure<B, O, FB, FO>(n: usize, mut baseline: B, mut ours: O) -> (Timings, Timings)
where
    B: FnMut() -> FB,
    O: FnMut() -> FO,
    FB: Future,
    FO: Future,
{
    for _ in 0..WARM_UP {
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
    (Timings(base), Timings(own))
}

fn report(case: &str, n: usize, (base, ours): (Timings, Timings)) {
    println!(
        "{case:<34} {n:>6} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>7.3} {:>7.3}",
        base.mean(),
        base.median(),
        ours.mean(),
        ours.median(),
        ours.mean() / base.mean(),
        ours.median() / base.median(),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this with no such flag,
    // where a short run is enough to show that it works.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let scale = if quick { 50 } else { 1 };

    let contact = contact_example();
    let list = contact_list(&contact, 100);
    let base_url = start_server(
        serde_json::to_vec(&contact).expect("contact").into(),
        serde_json::to_vec(&list).expect("list").into(),
    );
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
        let ours = contacts.list().limit(100).await.expect("list");
        assert_eq!(ours.data, baseline.list(100).await.data);
        assert_eq!(ours.data.len(), 100);

        println!(
            "client overhead, µs per request (sequential, {WARM_UP} warm-up requests each; ratio = ours / baseline)"
        );
        println!(
            "{:<34} {:>6} {:>9} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "case", "n", "base mean", "base med", "ours mean", "ours med", "x mean", "x med"
        );
        let n = 10_000 / scale;
        let timings = measure(
            n,
            || baseline.retrieve(CONTACT_ID),
            || async { contacts.retrieve(CONTACT_ID).await.expect("retrieve") },
        )
        .await;
        report("(a) GET /v2/contacts/{id}", n, timings);

        let timings = measure(
            n,
            || async { baseline.upsert(&upsert_body()).await },
            || async {
                contacts
                    .create_or_update(upsert_body())
                    .await
                    .expect("upsert")
            },
        )
        .await;
        report("(b) POST /v2/contacts (upsert)", n, timings);

        let n = 4_000 / scale;
        let timings = measure(
            n,
            || baseline.list(100),
            || async { contacts.list().limit(100).await.expect("list") },
        )
        .await;
        report("(c) GET /v2/contacts?limit=100", n, timings);
    });
}
