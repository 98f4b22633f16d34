//! `MockServer::builder().rate_limit(..)`: the API's fixed-window limit per API key, its
//! headers on every answer, and its 429.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use featurebase_mock::{Documented, MOCK_API_KEY, MockServer};
use serde_json::{Value, json};
use tokio::net::TcpListener;

const WINDOW: Duration = Duration::from_secs(1);

/// What the mock answered: status, the headers asked about, and the body.
#[derive(Debug)]
struct Answer {
    status: u16,
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<u64>,
    retry_after: Option<u64>,
    body: Value,
}

async fn get(url: &str, path: &str, key: &str) -> Answer {
    let response = reqwest::Client::new()
        .get(format!("{url}{path}"))
        .bearer_auth(key)
        .send()
        .await
        .expect("the mock answers");
    let number = |name: &str| {
        let value = response.headers().get(name)?.to_str().ok()?;
        Some(value.parse::<u64>().expect("a number"))
    };
    Answer {
        status: response.status().as_u16(),
        limit: number("x-ratelimit-limit"),
        remaining: number("x-ratelimit-remaining"),
        reset: number("x-ratelimit-reset"),
        retry_after: number("retry-after"),
        body: response.json().await.unwrap_or(Value::Null),
    }
}

fn unix_now() -> Duration {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap()
}

/// Waits until just after a window starts (windows are aligned to the Unix epoch), so
/// that a test's few requests fall in one window; returns when that window ends, in
/// seconds since the epoch.
async fn window_start() -> u64 {
    let now = unix_now();
    let next = now.as_secs() + 1;
    let wait = Duration::from_secs(next) - now + Duration::from_millis(20);
    tokio::time::sleep(wait).await;
    next + WINDOW.as_secs()
}

async fn limited(requests: u64) -> MockServer {
    MockServer::builder()
        .rate_limit(requests, WINDOW)
        .start()
        .await
}

#[tokio::test]
async fn every_answer_carries_the_limit_what_is_left_and_when_the_window_ends() {
    let mock = limited(10).await;
    let ends = window_start().await;
    let url = mock.url();
    let answers = [
        get(url, "/v2/contacts", MOCK_API_KEY).await,
        get(url, "/v2/contacts?limit=101", MOCK_API_KEY).await,
        get(url, "/v2/contacts", "another-key").await,
        get(url, "/v2/no-such-route", MOCK_API_KEY).await,
    ];
    let seen: Vec<_> = answers
        .iter()
        .map(|a| (a.status, a.limit, a.remaining, a.reset, a.retry_after))
        .collect();
    let header = |status, remaining| (status, Some(10), Some(remaining), Some(ends), None);
    // The other key has its own count; the unknown route counts against the mock's key.
    let expected = [
        header(200, 9),
        header(400, 8),
        header(401, 9),
        header(404, 7),
    ];
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn past_the_limit_the_answer_is_429_with_retry_after_and_it_is_logged() {
    let mock = limited(2).await;
    let ends = window_start().await;
    for _ in 0..2 {
        assert_eq!(
            get(mock.url(), "/v2/contacts", MOCK_API_KEY).await.status,
            200
        );
    }
    let over = get(mock.url(), "/v2/contacts", MOCK_API_KEY).await;
    assert_eq!(
        (over.status, over.remaining, over.reset),
        (429, Some(0), Some(ends))
    );
    assert_eq!(over.retry_after, Some(1));
    let envelope = json!({"error": {
        "type": "rate_limit_error",
        "code": "rate_limit_exceeded",
        "message": "Too many requests, please retry later",
        "param": null,
        "status": 429
    }});
    assert_eq!(over.body, envelope);
    let statuses: Vec<u16> = mock
        .requests_to("listContacts")
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 200, 429]);
}

#[tokio::test]
async fn a_new_window_allows_the_limit_again() {
    let mock = limited(1).await;
    let ends = window_start().await;
    assert_eq!(
        get(mock.url(), "/v2/contacts", MOCK_API_KEY).await.status,
        200
    );
    let over = get(mock.url(), "/v2/contacts", MOCK_API_KEY).await;
    assert_eq!(over.status, 429);
    tokio::time::sleep(Duration::from_secs(ends) - unix_now()).await;
    let next = get(mock.url(), "/v2/contacts", MOCK_API_KEY).await;
    let seen = (next.status, next.remaining, next.reset);
    assert_eq!(seen, (200, Some(0), Some(ends + WINDOW.as_secs())));
}

#[tokio::test]
async fn without_a_rate_limit_there_are_no_rate_limit_headers() {
    let mock = MockServer::start().await;
    let answers = [
        get(mock.url(), "/v2/contacts", MOCK_API_KEY).await,
        get(mock.url(), "/v2/no-such-route", MOCK_API_KEY).await,
    ];
    for answer in answers {
        let headers = (answer.limit, answer.remaining, answer.reset);
        assert_eq!(headers, (None, None, None), "{answer:?}");
    }
}

#[tokio::test]
async fn a_served_mock_with_a_limit_counts_each_key_apart() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mock = MockServer::builder()
        .rate_limit(1, WINDOW)
        .serve(listener, Arc::new(Documented), None)
        .await
        .unwrap();
    window_start().await;
    let first = get(mock.url(), "/v2/contacts", "key-a").await;
    let again = get(mock.url(), "/v2/contacts", "key-a").await;
    let other = get(mock.url(), "/v2/contacts", "key-b").await;
    let statuses = [first.status, again.status, other.status];
    assert_eq!(statuses, [200, 429, 200]);
}
