//! Bulk upserts against a server that enforces a rate limit in short windows and sends
//! the `X-RateLimit-*` headers: every item arrives, paced to the limit, with few 429s.

use std::collections::BTreeSet;
use std::time::Instant;

use featurebase_api::models::UpsertContactRequest;
use featurebase_api::runtime::Upserted;
use futures::StreamExt;
use wiremock::Respond;

use super::*;

/// Requests allowed per window, and the window.
const LIMIT: u64 = 25;
const WINDOW: Duration = Duration::from_secs(1);

/// Counts requests per window; past the limit it answers 429, like the API.
struct RateLimited {
    state: Mutex<(Instant, u64)>,
    limited: Arc<AtomicUsize>,
}

impl Respond for RateLimited {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = lock(&self.state);
        let now = Instant::now();
        if now.duration_since(state.0) >= WINDOW {
            *state = (now, 0);
        }
        state.1 += 1;
        let reset = WINDOW
            .saturating_sub(now.duration_since(state.0))
            .as_secs_f64()
            .ceil();
        let remaining = LIMIT.saturating_sub(state.1);
        let response = if state.1 > LIMIT {
            self.limited.fetch_add(1, Ordering::SeqCst);
            json_response(
                429,
                json!({"error": {"type": "rate_limit_error", "message": "Slow down"}}),
            )
        } else {
            // Contacts whose email starts with "new" are created, the others updated.
            let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
            let email = body["email"].as_str().expect("an email");
            let status = if email.starts_with("new") { 201 } else { 200 };
            json_response(status, contact(email))
        };
        response
            .insert_header("X-RateLimit-Limit", LIMIT.to_string().as_str())
            .insert_header("X-RateLimit-Remaining", remaining.to_string().as_str())
            .insert_header(
                "X-RateLimit-Reset",
                (reset as u64).max(1).to_string().as_str(),
            )
    }
}

#[tokio::test]
async fn a_bulk_upsert_keeps_to_the_rate_limit_and_drops_nothing() {
    let limited = Arc::new(AtomicUsize::new(0));
    let h = Harness::start().await;
    let responder = RateLimited {
        state: Mutex::new((Instant::now(), 0)),
        limited: Arc::clone(&limited),
    };
    Mock::given(method("POST"))
        .and(path("/v2/contacts"))
        .respond_with(responder)
        .mount(&h.server)
        .await;
    let emails: Vec<String> = (0..70)
        .map(|i| format!("{}{i}@example.com", if i % 2 == 0 { "new" } else { "old" }))
        .collect();
    let items: Vec<UpsertContactRequest> = emails
        .iter()
        .map(|e| UpsertContactRequest::with_email(e.as_str()))
        .collect();

    let started = Instant::now();
    let results: Vec<_> = tokio::time::timeout(
        Duration::from_secs(20),
        h.client
            .users()
            .contacts()
            .bulk_upsert_with(items, 6)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("the sync finishes");
    let took = started.elapsed();

    let indexes: BTreeSet<usize> = results.iter().map(|r| r.index).collect();
    assert_eq!(indexes, (0..70).collect(), "one result per item");
    for result in &results {
        let email = &emails[result.index];
        let (created, contact) = match &result.outcome {
            Ok(Upserted::Created(contact)) => (true, contact),
            Ok(Upserted::Updated(contact)) => (false, contact),
            other => panic!("{email}: {other:?}"),
        };
        assert_eq!(created, email.starts_with("new"), "{email}");
        assert_eq!(contact.id.as_str(), email);
        let input = UpsertContactRequest::with_email(email.as_str());
        assert_eq!(result.input.identity, input.identity);
    }
    // 70 requests at 25 per window need at least three windows.
    assert!(took >= WINDOW * 2, "{took:?}");
    let limited = limited.load(Ordering::SeqCst);
    assert!(limited <= 6, "{limited} responses were 429");
}

/// The mock answers every third of the next `count` upserts 60 ms after it counted it.
fn answer_every_third_late(mock: &featurebase_mock::MockServer, count: usize) {
    for item in 0..count {
        let late = Duration::from_millis(if item % 3 == 0 { 60 } else { 0 });
        mock.fail_next("upsertContact", 1, featurebase_mock::Fault::Delay(late));
    }
}

/// Against the rate-limited mock, with every third upsert answered late: a late answer
/// carries what was left when the mock counted it, more than the answers that overtook
/// it say. The pacer keeps the lowest count of the window, so the sync meets no 429.
#[tokio::test]
async fn answers_out_of_order_do_not_raise_what_is_left_of_a_window() {
    const ITEMS: usize = 60;
    let mock = featurebase_mock::MockServer::builder()
        .rate_limit(LIMIT, WINDOW)
        .start()
        .await;
    answer_every_third_late(&mock, ITEMS);
    let items = (0..ITEMS).map(|i| UpsertContactRequest::with_email(format!("u{i}@example.com")));
    let sync = mock.client().users().contacts().bulk_upsert_with(items, 6);
    let results: Vec<_> = tokio::time::timeout(Duration::from_secs(20), sync.collect::<Vec<_>>())
        .await
        .expect("the sync finishes");

    assert_eq!(results.len(), ITEMS);
    assert!(results.iter().all(|result| result.outcome.is_ok()));
    let statuses: Vec<u16> = mock
        .requests_to("upsertContact")
        .iter()
        .map(|request| request.status)
        .collect();
    let limited = statuses.iter().filter(|status| **status == 429).count();
    assert_eq!(limited, 0, "{statuses:?}");
}

/// When what is left of a window may already be taken by the requests in flight, the
/// pacer waits for their answers rather than for the next window: a sync of exactly two
/// windows' allowance ends early in the second window, though answers arrive out of order
/// (so that some in flight were counted before the answers that overtook them).
#[tokio::test]
async fn the_last_requests_of_a_window_are_not_left_unused() {
    const ITEMS: u64 = 2 * LIMIT;
    let mock = featurebase_mock::MockServer::builder()
        .rate_limit(LIMIT, WINDOW)
        .start()
        .await;
    // The mock's windows are aligned to the Unix epoch: start as one starts.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    tokio::time::sleep(Duration::from_secs(now.as_secs() + 1) - now).await;
    answer_every_third_late(&mock, ITEMS as usize);
    let items = (0..ITEMS).map(|i| UpsertContactRequest::with_email(format!("u{i}@example.com")));

    let started = Instant::now();
    let sync = mock.client().users().contacts().bulk_upsert_with(items, 6);
    let results: Vec<_> = tokio::time::timeout(Duration::from_secs(10), sync.collect::<Vec<_>>())
        .await
        .expect("the sync finishes");
    let took = started.elapsed();

    assert!(results.iter().all(|result| result.outcome.is_ok()));
    let upserts = mock.requests_to("upsertContact");
    assert_eq!(upserts.len() as u64, ITEMS, "no request was refused");
    assert!(took < WINDOW + WINDOW / 2, "{took:?}");
}
