//! Bulk sync against the rate limit: `bulk_upsert` of 10,000 contacts against a local axum
//! server on 127.0.0.1 that enforces the API's "2,000 requests per minute" in fixed windows
//! scaled to 6 s. Every response carries `X-RateLimit-Limit`, `-Remaining` and `-Reset`
//! (seconds until the window ends, rounded up); a request over the limit gets the spec's 429,
//! a `rate_limit_error` envelope with `Retry-After`. The server keeps what it is sent, and the
//! contacts are listed back through the client to count those lost.
//!
//! `cargo bench -p featurebase-tests --bench bulk`
//!
//! The achieved rate is requests accepted per window of the sync's wall time plus one
//! window: fixed windows let a client spend a whole window's allowance at once when it
//! starts, so a sync at the allowed rate does N requests in N / limit - 1 windows and a bit.

#[path = "support/server.rs"]
mod server;
// Shared by the benchmarks; this one needs only part of it.
#[allow(dead_code)]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::routing::get;
use featurebase_api::Client;
use featurebase_api::models::UpsertContactRequest;
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

/// The server's limit: requests per window, the window, and how much faster than the API's
/// one-minute windows it runs.
#[derive(Clone, Copy)]
struct Limit {
    requests: u64,
    window: Duration,
}

impl Limit {
    fn scale(&self) -> f64 {
        60.0 / self.window.as_secs_f64()
    }
}

/// The fixed window the server is in, from its first request.
struct Window {
    started: Option<Instant>,
    used: u64,
}

/// What the server knows: the window, the contacts by email, and how many 429s it sent.
struct State {
    limit: Limit,
    /// The spec's documented contact, which new contacts are made from.
    example: Value,
    window: Window,
    contacts: BTreeMap<String, Value>,
    limited: u64,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

impl State {
    /// Counts one request against the window: whether it is allowed, and the headers to
    /// answer with.
    fn admit(&mut self, now: Instant) -> (bool, HeaderMap) {
        let window = self.limit.window;
        let started = *self.window.started.get_or_insert(now);
        let elapsed = now.duration_since(started);
        if elapsed >= window {
            let windows = elapsed.as_nanos() / window.as_nanos();
            let start = started + window * u32::try_from(windows).expect("few windows");
            self.window = Window {
                started: Some(start),
                used: 0,
            };
        }
        let allowed = self.window.used < self.limit.requests;
        if allowed {
            self.window.used += 1;
        } else {
            self.limited += 1;
        }
        let ends = self.window.started.expect("started") + window;
        let reset = (ends - now).as_secs_f64().ceil().max(1.0) as u64;
        let remaining = self.limit.requests - self.window.used;
        let mut headers = HeaderMap::new();
        let number = |n: u64| HeaderValue::from(n);
        headers.insert("x-ratelimit-limit", number(self.limit.requests));
        headers.insert("x-ratelimit-remaining", number(remaining));
        headers.insert("x-ratelimit-reset", number(reset));
        if !allowed {
            headers.insert(RETRY_AFTER, number(reset));
        }
        (allowed, headers)
    }

    /// Creates or updates the contact with the body's email: 201 or 200, and the contact.
    fn upsert(&mut self, body: &[u8]) -> (StatusCode, Value) {
        let body: Value = serde_json::from_slice(body).expect("a JSON body");
        let email = body["email"].as_str().expect("an email").to_owned();
        let created = !self.contacts.contains_key(&email);
        let id = format!("{:024x}", self.contacts.len());
        let contact = self.contacts.entry(email.clone()).or_insert_with(|| {
            let mut contact = self.example.clone();
            contact["id"] = Value::String(id);
            contact["email"] = Value::String(email);
            contact
        });
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        (status, contact.clone())
    }

    /// The page of contacts that `query` (`limit`, and `cursor`: an offset) asks for.
    fn page(&self, query: Option<&str>) -> Value {
        let pairs: BTreeMap<&str, &str> = query
            .unwrap_or_default()
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        let number = |name: &str, default: usize| {
            pairs
                .get(name)
                .map_or(default, |n| n.parse().expect("a number"))
        };
        let (limit, offset) = (number("limit", 10), number("cursor", 0));
        let data: Vec<&Value> = self.contacts.values().skip(offset).take(limit).collect();
        let next = (offset + limit < self.contacts.len()).then(|| (offset + limit).to_string());
        json!({"object": "list", "data": data, "nextCursor": next})
    }
}

/// The spec's documented 429 body.
fn rate_limited() -> Value {
    json!({"error": {
        "type": "rate_limit_error",
        "code": "rate_limit_exceeded",
        "message": "Too many requests, please retry later",
        "param": null,
        "status": 429
    }})
}

/// Answers `answer()` if the window allows the request, a 429 otherwise; with the
/// rate-limit headers either way.
fn limited(
    state: &Shared,
    answer: impl FnOnce(&mut State) -> (StatusCode, Value),
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut state = lock(state);
    let (allowed, mut headers) = state.admit(Instant::now());
    let (status, body) = if allowed {
        answer(&mut state)
    } else {
        (StatusCode::TOO_MANY_REQUESTS, rate_limited())
    };
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let body = serde_json::to_vec(&body).expect("JSON");
    (status, headers, body)
}

/// Starts the server; returns its base URL.
fn start_server(state: Shared) -> String {
    let (listing, upserting) = (Arc::clone(&state), state);
    let app = Router::new().route(
        "/v2/contacts",
        get(move |uri: Uri| async move {
            limited(&listing, |state| (StatusCode::OK, state.page(uri.query())))
        })
        .post(move |body: Bytes| async move { limited(&upserting, |state| state.upsert(&body)) }),
    );
    server::serve(app)
}

/// What the sync did, by its results.
struct Sync {
    wall: Duration,
    failed: usize,
}

async fn sync(client: &Client, emails: &[String]) -> Sync {
    let items: Vec<UpsertContactRequest> = emails
        .iter()
        .map(|email| UpsertContactRequest::with_email(email.as_str()))
        .collect();
    let started = Instant::now();
    let results: Vec<_> = client.users().contacts().bulk_upsert(items).collect().await;
    let wall = started.elapsed();
    assert_eq!(results.len(), emails.len(), "one result per item");
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    Sync { wall, failed }
}

/// How many of `emails` the server does not list.
async fn lost(client: &Client, emails: &[String]) -> usize {
    let listed: BTreeSet<String> = client
        .users()
        .contacts()
        .list()
        .limit(100)
        .items()
        .map_ok(|contact| contact.email.unwrap_or_default())
        .try_collect()
        .await
        .expect("the contacts list back");
    emails
        .iter()
        .filter(|email| !listed.contains(*email))
        .count()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs a short sync instead.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let (count, limit) = if quick {
        (
            300,
            Limit {
                requests: 100,
                window: Duration::from_secs(2),
            },
        )
    } else {
        (
            10_000,
            Limit {
                requests: 2_000,
                window: Duration::from_secs(6),
            },
        )
    };
    let state = Arc::new(Mutex::new(State {
        limit,
        example: support::contact_example(),
        window: Window {
            started: None,
            used: 0,
        },
        contacts: BTreeMap::new(),
        limited: 0,
    }));
    let base_url = start_server(Arc::clone(&state));
    let client = Client::builder("bench-key")
        .base_url(&base_url)
        .build()
        .expect("client");
    let emails: Vec<String> = (0..count).map(|i| format!("user{i}@example.com")).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let (window, requests) = (limit.window.as_secs_f64(), limit.requests);
    println!(
        "bulk sync: {count} contacts through `bulk_upsert`, the server allowing {requests} requests per {window} s window (the API's per minute, {}x faster)",
        limit.scale()
    );
    let sync = runtime.block_on(sync(&client, &emails));
    let limited = lock(&state).limited;
    let lost = runtime.block_on(lost(&client, &emails));
    report(count, limit, &sync, limited, lost);
}

fn report(count: usize, limit: Limit, sync: &Sync, limited: u64, lost: usize) {
    let (window, requests) = (limit.window.as_secs_f64(), limit.requests as f64);
    let count = count as f64;
    let per_window = count * window / (sync.wall.as_secs_f64() + window);
    let allowed = format!("the allowed {requests} per {window} s window");
    support::figure(
        "bulk sync, achieved rate",
        per_window,
        &format!("requests per {window} s window"),
        requests,
        &allowed,
    );
    support::figure(
        "bulk sync, 429s received",
        limited as f64,
        "responses",
        count,
        "contacts sent",
    );
    support::figure(
        "bulk sync, contacts lost",
        lost as f64,
        "contacts",
        count,
        "contacts sent",
    );
    support::figure(
        "bulk sync, items failed",
        sync.failed as f64,
        "items",
        count,
        "contacts sent",
    );
    let least = ((count / requests).ceil() - 1.0) * window;
    support::figure(
        "bulk sync, wall time",
        sync.wall.as_secs_f64(),
        "s",
        least,
        "the least at the allowed rate",
    );
}
