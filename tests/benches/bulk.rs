//! Bulk sync against the rate limit: `bulk_upsert` of 10,000 contacts against the embedded
//! mock (`featurebase-mock`), which enforces the API's "2,000 requests per minute" in fixed
//! windows scaled to 6 s (`MockServer::builder().rate_limit(2000, 6 s)`). Every response
//! carries `X-RateLimit-Limit`, `-Remaining` and `-Reset`; a request over the limit gets the
//! spec's 429, a `rate_limit_error` envelope with `Retry-After`. The mock keeps the
//! contacts, and they are listed back through the client to count those lost.
//!
//! `cargo bench -p featurebase-tests --bench bulk`
//!
//! The sync starts as a window starts (the mock's windows are aligned to the Unix epoch).
//! The achieved rate is the requests per window of the sync's wall time plus one window:
//! fixed windows let a client spend a whole window's allowance at once when it starts, so
//! a sync at the allowed rate does N requests in N / limit - 1 windows and a bit.

// Shared by the benchmarks; this one needs only part of it.
#[allow(dead_code)]
mod support;

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use featurebase_api::Client;
use featurebase_api::models::UpsertContactRequest;
use featurebase_mock::{MOCK_API_KEY, MockServer};
use futures::{StreamExt, TryStreamExt};
use tokio::runtime::Runtime;

/// The mock's limit: requests per window, and the window.
#[derive(Clone, Copy)]
struct Limit {
    requests: u64,
    window: Duration,
}

impl Limit {
    /// How much faster than the API's one-minute windows.
    fn scale(&self) -> f64 {
        60.0 / self.window.as_secs_f64()
    }

    /// Sleeps until the next window starts.
    async fn next_window(&self) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("after 1970");
        let window = self.window.as_nanos();
        let next = (now.as_nanos() / window + 1) * window;
        let wait = u64::try_from(next - now.as_nanos()).expect("less than a window");
        tokio::time::sleep(Duration::from_nanos(wait)).await;
    }
}

/// What the sync did, by its results.
struct Sync {
    wall: Duration,
    failed: usize,
}

async fn sync(client: &Client, limit: Limit, emails: &[String]) -> Sync {
    let items: Vec<UpsertContactRequest> = emails
        .iter()
        .map(|email| UpsertContactRequest::with_email(email.as_str()))
        .collect();
    limit.next_window().await;
    let started = Instant::now();
    let results: Vec<_> = client.users().contacts().bulk_upsert(items).collect().await;
    let wall = started.elapsed();
    assert_eq!(results.len(), emails.len(), "one result per item");
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    Sync { wall, failed }
}

/// How many of `emails` the mock does not list, in a window of its own.
async fn lost(client: &Client, limit: Limit, emails: &[String]) -> usize {
    limit.next_window().await;
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

fn runtime(threads: usize) -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("a runtime")
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs a short sync instead.
    let quick = !std::env::args().any(|arg| arg == "--bench");
    let (count, requests, window) = match quick {
        true => (300, 100, 2),
        false => (10_000, 2_000, 6),
    };
    let limit = Limit {
        requests,
        window: Duration::from_secs(window),
    };
    // The mock runs on its own thread, so that the client's runtime measures only the client.
    let server = runtime(1);
    let mock = server.block_on(
        MockServer::builder()
            .rate_limit(requests, limit.window)
            .start(),
    );
    // Not the mock's own client, which retries without waiting.
    let client = Client::builder(MOCK_API_KEY)
        .base_url(mock.url())
        .build()
        .expect("client");
    let emails: Vec<String> = (0..count).map(|i| format!("user{i}@example.com")).collect();
    let runtime = runtime(2);
    println!(
        "bulk sync: {count} contacts through `bulk_upsert`, the mock allowing {requests} requests per {window} s window (the API's per minute, {}x faster)",
        limit.scale()
    );
    let sync = runtime.block_on(sync(&client, limit, &emails));
    let upserts = mock.requests_to("upsertContact");
    let limited = upserts.iter().filter(|r| r.status == 429).count();
    let lost = runtime.block_on(lost(&client, limit, &emails));
    report(count, limit, &sync, limited, lost);
}

fn report(count: usize, limit: Limit, sync: &Sync, limited: usize, lost: usize) {
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
