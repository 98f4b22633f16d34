//! When the client retries, how long it waits, and when it gives up.

use std::ops::RangeInclusive;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use featurebase_api::models::{AttachContactRequest, UpsertContactRequest};
use featurebase_api::runtime::{RequestOptions, RetryPolicy};
use wiremock::ResponseTemplate;

use super::*;

const CONTACT: &str = "/v2/contacts/c1";
const COMPANY_CONTACTS: &str = "/v2/companies/co1/contacts";

fn rate_limited() -> ResponseTemplate {
    json_response(
        429,
        envelope_json("rate_limit_error", "rate_limited", "Too many requests", 429),
    )
}

fn ok_contact() -> ResponseTemplate {
    json_response(200, contact("c1"))
}

/// The current Unix time in seconds.
fn unix_now() -> u64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH);
    now.expect("after 1970").as_secs()
}

fn secs(range: RangeInclusive<u64>) -> RangeInclusive<Duration> {
    Duration::from_secs(*range.start())..=Duration::from_secs(*range.end())
}

#[tokio::test]
async fn retry_after_on_429_is_slept_exactly_then_the_retry_succeeds() {
    let h = Harness::start().await;
    let limited = rate_limited().insert_header("Retry-After", "2");
    h.respond("GET", CONTACT, [limited, ok_contact()]).await;

    let contact = bounded(h.client.users().contacts().retrieve("c1")).await;

    assert_eq!(contact.expect("retried to success").id.as_str(), "c1");
    assert_eq!(h.sleeps(), [Duration::from_secs(2)]);
    assert_eq!(h.hits().await, 2);
}

/// Retries a 429 carrying `headers` once; the one delay slept before the retry.
async fn delay_asked_by(headers: &[(&str, String)]) -> Duration {
    let h = Harness::start().await;
    let limited = headers
        .iter()
        .fold(rate_limited(), |response, (name, value)| {
            response.insert_header(*name, value.as_str())
        });
    h.respond("GET", CONTACT, [limited, ok_contact()]).await;

    let contact = bounded(h.client.users().contacts().retrieve("c1")).await;

    assert!(contact.is_ok(), "{headers:?}: {contact:?}");
    assert_eq!(h.hits().await, 2, "{headers:?}");
    match h.sleeps()[..] {
        [delay] => delay,
        ref sleeps => panic!("{headers:?}: slept {sleeps:?}"),
    }
}

#[tokio::test]
async fn the_delay_is_retry_after_else_the_rate_limit_reset_else_the_backoff() {
    let backoff = Duration::from_millis(375)..=Duration::from_millis(500);
    // (headers of the 429, the delay slept before the retry)
    let cases = [
        (vec![("X-RateLimit-Reset", "7")], secs(7..=7)),
        (vec![("Retry-After", "0")], secs(0..=0)),
        (
            vec![("Retry-After", "1"), ("X-RateLimit-Reset", "40")],
            secs(1..=1),
        ),
        (vec![("Retry-After", "soon")], backoff.clone()),
        // A reset no one-minute window explains is ignored, not a zero wait.
        (
            vec![("X-RateLimit-Reset", "18446744073709551615")],
            backoff.clone(),
        ),
        (vec![("X-RateLimit-Reset", "999999999")], backoff.clone()),
        (vec![], backoff),
    ];
    for (headers, expected) in cases {
        let headers: Vec<_> = headers
            .into_iter()
            .map(|(n, v)| (n, v.to_owned()))
            .collect();
        let delay = delay_asked_by(&headers).await;
        assert!(expected.contains(&delay), "{headers:?}: slept {delay:?}");
    }
}

/// An HTTP date in `Retry-After`, or a Unix time in `X-RateLimit-Reset`, counts from now.
/// Both are in whole seconds, so the delay may be up to a second (plus run time) shorter.
#[tokio::test]
async fn a_delay_given_as_a_point_in_time_counts_from_now() {
    for (name, ahead, expected) in [
        ("Retry-After", 30, secs(28..=30)),
        ("Retry-After", -30, secs(0..=0)),
        ("X-RateLimit-Reset", 20, secs(18..=20)),
    ] {
        let at = unix_now().saturating_add_signed(ahead);
        let value = match name {
            "Retry-After" => httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(at)),
            _ => at.to_string(),
        };

        let delay = delay_asked_by(&[(name, value)]).await;

        assert!(expected.contains(&delay), "{name} {ahead}: slept {delay:?}");
    }
}

#[tokio::test]
async fn rate_limited_three_times_gives_up_after_the_default_two_retries() {
    let h = Harness::start().await;
    let limited = rate_limited()
        .insert_header("Retry-After", "1")
        .insert_header("X-Request-Id", "req_429")
        .insert_header("X-RateLimit-Limit", "2000")
        .insert_header("X-RateLimit-Remaining", "0");
    h.respond("GET", CONTACT, [limited]).await;

    let result = bounded(h.client.users().contacts().retrieve("c1")).await;

    let error = api_error(result);
    assert_eq!(error.status, 429);
    assert_eq!(error.attempts, 3);
    assert_eq!(error.retry_after, Some(Duration::from_secs(1)));
    assert_eq!(error.request_id.as_deref(), Some("req_429"));
    let rate_limit = error.rate_limit.expect("the 429 carried X-RateLimit-*");
    assert_eq!(
        (rate_limit.limit, rate_limit.remaining),
        (Some(2000), Some(0))
    );
    assert_eq!(
        error.body.as_ref().map(envelope),
        Some(Envelope {
            kind: Some("rate_limit_error"),
            code: Some("rate_limited"),
            message: Some("Too many requests"),
            status: Some(429),
            ..Envelope::default()
        })
    );
    assert!(Error::Api(Box::new(error)).is_rate_limited());
    assert_eq!(h.sleeps(), [Duration::from_secs(1); 2]);
    assert_eq!(h.hits().await, 3);
}

#[tokio::test]
async fn server_errors_on_idempotent_operations_are_retried_with_doubling_backoff() {
    let cases: [(&str, &str, &[u16], &[u64]); 3] = [
        ("GET", CONTACT, &[500, 200], &[500]),
        ("GET", CONTACT, &[502, 503, 200], &[500, 1000]),
        ("DELETE", CONTACT, &[504, 200], &[500]),
    ];
    for (verb, route, statuses, backoffs) in cases {
        let h = Harness::start().await;
        let deleted = json!({"deleted": true, "id": "c1", "object": "contact"});
        let success = if verb == "GET" {
            contact("c1")
        } else {
            deleted
        };
        let responses = statuses.iter().map(|&status| match status {
            200 => json_response(200, success.clone()),
            error => ResponseTemplate::new(error),
        });
        h.respond(verb, route, responses).await;

        let contacts = h.client.users().contacts();
        let result = match verb {
            "GET" => bounded(contacts.retrieve("c1")).await.map(drop),
            _ => bounded(contacts.delete("c1")).await.map(drop),
        };

        assert!(result.is_ok(), "{verb} {statuses:?}: {result:?}");
        assert_eq!(h.hits().await, statuses.len(), "{verb} {statuses:?}");
        assert_backoffs(&h.sleeps(), backoffs);
    }
}

/// `attach` is a POST without `x-idempotent`: a 5xx may have attached the contact, so it
/// is not repeated; 408, 409 and 429 say the server did not act, so they are.
#[tokio::test]
async fn a_non_idempotent_post_is_retried_only_when_the_server_did_not_act() {
    for (status, retried) in [
        (500, false),
        (502, false),
        (503, false),
        (408, true),
        (409, true),
        (429, true),
    ] {
        let h = Harness::start().await;
        let failure = ResponseTemplate::new(status).insert_header("Retry-After", "0");
        h.respond("POST", COMPANY_CONTACTS, [failure, ok_contact()])
            .await;

        let attach = h.client.users().companies().contacts("co1");
        let result = bounded(attach.attach(AttachContactRequest::new("c1"))).await;

        let requests = h.requests().await;
        if retried {
            assert_eq!(result.expect("retried").id.as_str(), "c1", "{status}");
            assert_eq!(requests.len(), 2, "{status}");
            assert_eq!(requests[0].body, requests[1].body, "{status}: same body");
        } else {
            let error = api_error(result);
            assert_eq!((error.status.as_u16(), error.attempts), (status, 1));
            assert_eq!(requests.len(), 1, "{status}");
            assert_eq!(h.sleeps(), [], "{status}");
        }
    }
}

/// `create_or_update` is a POST marked `x-idempotent` (an upsert): safe to repeat.
#[tokio::test]
async fn the_idempotent_upsert_post_is_retried_on_a_server_error() {
    let h = Harness::start().await;
    h.respond(
        "POST",
        "/v2/contacts",
        [ResponseTemplate::new(500), ok_contact()],
    )
    .await;

    let upsert = UpsertContactRequest::with_email("ann@example.com");
    let result = bounded(h.client.users().contacts().create_or_update(upsert)).await;

    assert_eq!(result.expect("retried").id.as_str(), "c1");
    let requests = h.requests().await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(
        requests[1].body_json::<Value>().expect("JSON body"),
        json!({"email": "ann@example.com"})
    );
    assert_backoffs(&h.sleeps(), &[500]);
}

#[tokio::test]
async fn retries_are_set_per_client_and_overridden_per_request() {
    // (client max_retries, request max_retries, attempts, nominal backoffs)
    let cases = [
        (None, None, 3, &[500, 1000][..]),
        (None, Some(0), 1, &[]),
        (Some(5), None, 6, &[500, 1000, 2000, 4000, 8000]),
        (Some(0), Some(1), 2, &[500]),
        (Some(5), Some(0), 1, &[]),
    ];
    for (per_client, per_request, attempts, backoffs) in cases {
        let h = Harness::configured(|builder| match per_client {
            Some(retries) => builder.max_retries(retries),
            None => builder,
        })
        .await;
        h.respond("GET", CONTACT, [ResponseTemplate::new(500)])
            .await;

        let mut retrieve = h.client.users().contacts().retrieve("c1");
        if let Some(retries) = per_request {
            retrieve = retrieve.with_options(RequestOptions::new().max_retries(retries));
        }
        let error = api_error(bounded(retrieve).await);

        let case = format!("client {per_client:?}, request {per_request:?}");
        assert_eq!(
            (error.status.as_u16(), error.attempts),
            (500, attempts),
            "{case}"
        );
        assert_eq!(h.hits().await, attempts as usize, "{case}");
        assert_backoffs(&h.sleeps(), backoffs);
    }
}

/// Asked to wait longer than `max_server_delay` (default 60 s), the client returns the
/// error at once with the delay the server asked for.
#[tokio::test]
async fn a_server_delay_beyond_the_policy_is_not_waited_for() {
    let mut strict = RetryPolicy::default();
    strict.max_server_delay = Duration::from_secs(5);
    // (policy, headers of the 429, retried, expected retry_after)
    let cases = [
        (
            RetryPolicy::default(),
            ("Retry-After", "3600"),
            false,
            Some(3600),
        ),
        (
            RetryPolicy::default(),
            ("Retry-After", "61"),
            false,
            Some(61),
        ),
        (RetryPolicy::default(), ("Retry-After", "60"), true, None),
        (
            RetryPolicy::default(),
            ("X-RateLimit-Reset", "3600"),
            false,
            None,
        ),
        (strict, ("Retry-After", "6"), false, Some(6)),
    ];
    for (policy, (name, value), retried, retry_after) in cases {
        let h = Harness::configured(|builder| builder.retry_policy(policy)).await;
        let limited = rate_limited().insert_header(name, value);
        h.respond("GET", CONTACT, [limited, ok_contact()]).await;

        let result = bounded(h.client.users().contacts().retrieve("c1")).await;

        let case = format!("{name}: {value}, {policy:?}");
        if retried {
            assert!(result.is_ok(), "{case}: {result:?}");
            assert_eq!(h.sleeps(), [Duration::from_secs(60)], "{case}");
            assert_eq!(h.hits().await, 2, "{case}");
        } else {
            let error = api_error(result);
            assert_eq!((error.status.as_u16(), error.attempts), (429, 1), "{case}");
            let expected = retry_after.map(Duration::from_secs);
            assert_eq!(error.retry_after, expected, "{case}");
            assert_eq!(h.sleeps(), [], "{case}");
            assert_eq!(h.hits().await, 1, "{case}");
        }
    }
}

/// Every live response carries `X-RateLimit-Reset` (the end of the current one-minute
/// window). On a 503 with most of the quota left, that is not a request to wait: the
/// retry should use the backoff, not sleep until the window resets.
#[tokio::test]
async fn a_rate_limit_reset_on_a_server_error_does_not_replace_the_backoff() {
    let h = Harness::start().await;
    let unavailable = ResponseTemplate::new(503)
        .insert_header("X-RateLimit-Limit", "2000")
        .insert_header("X-RateLimit-Remaining", "1500")
        .insert_header("X-RateLimit-Reset", (unix_now() + 40).to_string());
    h.respond("GET", CONTACT, [unavailable, ok_contact()]).await;

    let result = bounded(h.client.users().contacts().retrieve("c1")).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(h.hits().await, 2);
    assert_backoffs(&h.sleeps(), &[500]);
}
