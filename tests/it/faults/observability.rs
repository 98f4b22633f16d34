//! What the client lets users see: rate-limit state, raw responses, tracing, and never
//! the API key.

use std::io;
use std::time::{Duration, SystemTime};

use featurebase_api::models::UpsertContactRequest;
use featurebase_api::runtime::{RateLimit, RequestOptions};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::util::SubscriberInitExt;
use wiremock::matchers::body_partial_json;

use super::*;

const CONTACT: &str = "/v2/contacts/c1";

fn with_rate_limit(response: ResponseTemplate, remaining: u64, reset: &str) -> ResponseTemplate {
    response
        .insert_header("X-RateLimit-Limit", "2000")
        .insert_header("X-RateLimit-Remaining", remaining.to_string())
        .insert_header("X-RateLimit-Reset", reset)
}

fn limit_and_remaining(rate_limit: Option<RateLimit>) -> Option<(Option<u64>, Option<u64>)> {
    rate_limit.map(|r| (r.limit, r.remaining))
}

#[tokio::test]
async fn rate_limit_reflects_the_latest_response_that_carried_the_headers() {
    let h = Harness::configured(|builder| builder.max_retries(0)).await;
    // The end of the current one-minute window, as a Unix time.
    let unix_now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970");
    let reset = unix_now.as_secs() + 45;
    let ok = || json_response(200, contact("c1"));
    let limited = json_response(
        429,
        envelope_json("rate_limit_error", "rate_limited", "Slow down", 429),
    );
    let responses = [
        with_rate_limit(ok(), 1999, &reset.to_string()),
        with_rate_limit(ok(), 1998, &reset.to_string()),
        ok(),
        with_rate_limit(limited, 0, "30"),
    ];
    h.respond("GET", CONTACT, responses).await;
    let observer = h.client.clone();
    assert_eq!(
        h.client.rate_limit(),
        None,
        "nothing before the first response"
    );

    let get = || bounded(h.client.users().contacts().retrieve("c1"));
    get().await.expect("first");
    let first = h.client.rate_limit().expect("first response's headers");
    assert_eq!(
        limit_and_remaining(Some(first)),
        Some((Some(2000), Some(1999)))
    );
    assert_eq!(
        first.reset,
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(reset))
    );

    get().await.expect("second");
    let expected = Some((Some(2000), Some(1998)));
    assert_eq!(limit_and_remaining(h.client.rate_limit()), expected);

    get().await.expect("third, without headers");
    assert_eq!(limit_and_remaining(h.client.rate_limit()), expected, "kept");

    let error = api_error(get().await);
    let exhausted = Some((Some(2000), Some(0)));
    assert_eq!(limit_and_remaining(error.rate_limit), exhausted);
    assert_eq!(
        limit_and_remaining(observer.rate_limit()),
        exhausted,
        "clones share it"
    );
    let resets_in = observer.rate_limit().and_then(|r| r.resets_in());
    let window = Duration::from_secs(28)..=Duration::from_secs(30);
    assert!(
        resets_in.is_some_and(|d| window.contains(&d)),
        "{resets_in:?}"
    );
}

/// (email, status, request id): the server creates the first contact, updates the second.
const UPSERTS: [(&str, u16, &str); 2] = [
    ("new@example.com", 201, "req_new"),
    ("old@example.com", 200, "req_old"),
];

#[tokio::test]
async fn send_with_response_tells_a_created_from_an_updated_upsert() {
    let h = Harness::start().await;
    for (email, status, request_id) in UPSERTS {
        let response = json_response(status, contact(email))
            .insert_header("X-Request-Id", request_id)
            .insert_header("X-RateLimit-Remaining", "1990");
        Mock::given(method("POST"))
            .and(path("/v2/contacts"))
            .and(body_partial_json(json!({"email": email})))
            .respond_with(response)
            .mount(&h.server)
            .await;
    }

    for (email, status, request_id) in UPSERTS {
        let upsert = UpsertContactRequest::with_email(email);
        let response = bounded(
            h.client
                .users()
                .contacts()
                .create_or_update(upsert)
                .send_with_response(),
        )
        .await
        .expect("upserted");

        assert_eq!(response.status, status, "{email}");
        assert_eq!(response.request_id(), Some(request_id), "{email}");
        assert_eq!(response.headers["content-type"], "application/json");
        let rate_limit = response.rate_limit().expect("a rate-limit header");
        assert_eq!(rate_limit.remaining, Some(1990));
        assert_eq!(response.into_value().id.as_str(), email);
    }
    assert_eq!(h.hits().await, 2);
}

/// `send()` returns a future: nothing goes out until it is polled, and a dropped one
/// sends nothing; spawned on its own task it sends once.
#[tokio::test]
async fn a_sent_request_goes_out_when_first_polled() {
    let h = Harness::start().await;
    h.respond(
        "GET",
        "/v2/contacts/c1",
        [json_response(200, contact("c1"))],
    )
    .await;
    let contacts = h.client.users().contacts();

    drop(contacts.retrieve("c1").send());
    let pending = contacts.retrieve("c1").send_with_response();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(
        h.hits().await,
        0,
        "nothing is sent before the future is polled"
    );

    let response = bounded(tokio::spawn(pending)).await.expect("the task ran");
    assert_eq!(response.expect("retrieved").into_value().id.as_str(), "c1");
    assert_eq!(h.hits().await, 1);
}

/// Asserts `text` does not contain the API key (nor its distinctive tail).
#[track_caller]
fn assert_no_key(what: &str, text: &str) {
    assert!(!text.contains(API_KEY), "{what} shows the API key: {text}");
    assert!(
        !text.contains("SECRET"),
        "{what} shows part of the API key: {text}"
    );
}

/// One error of each kind, all from a client that holds the key.
async fn one_error_of_each_kind() -> Vec<Error> {
    let h = Harness::configured(|builder| builder.max_retries(0).max_response_bytes(64)).await;
    let legacy = r#"{"success": false, "message": "Invalid API Key"}"#;
    let cases = [
        (
            "/v2/contacts/unauthorized",
            raw_response(401, legacy, "application/json"),
        ),
        (
            "/v2/contacts/garbled",
            raw_response(200, "{\"object\":", "application/json"),
        ),
        (
            "/v2/contacts/huge",
            raw_response(200, &"x".repeat(100), "application/json"),
        ),
        (
            "/v2/contacts/slow",
            json_response(200, contact("c1")).set_delay(Duration::from_millis(300)),
        ),
    ];
    for (route, response) in cases {
        h.respond("GET", route, [response]).await;
    }
    let contacts = h.client.users().contacts();
    let short = RequestOptions::new().timeout(Duration::from_millis(50));
    let refused = client_builder(&closed_port_url(), &Sleeps::default())
        .max_retries(0)
        .build()
        .expect("builds");
    let results = [
        bounded(contacts.retrieve("unauthorized")).await,
        bounded(contacts.retrieve("garbled")).await,
        bounded(contacts.retrieve("huge")).await,
        bounded(contacts.retrieve("slow").with_options(short)).await,
        bounded(refused.users().contacts().retrieve("c1")).await,
        bounded(contacts.retrieve("..")).await,
    ];
    let authorizations: Vec<_> = h
        .requests()
        .await
        .iter()
        .map(|request| {
            request.headers["authorization"]
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let sent = format!("Bearer {API_KEY}");
    assert_eq!(authorizations, [sent.as_str(); 4], "the key is sent");

    let mut errors: Vec<Error> = results.into_iter().map(|r| r.expect_err("fails")).collect();
    let bad_key = Client::builder(format!("{API_KEY}\n")).build();
    errors.push(bad_key.expect_err("a key with a newline is refused"));
    errors
}

#[tokio::test]
async fn the_api_key_never_shows_in_debug_output_or_errors() {
    let sleeps = Sleeps::default();
    let builder = client_builder("http://127.0.0.1:1", &sleeps);
    assert_no_key("the builder", &format!("{builder:?}"));
    let client = builder.build().expect("builds");
    assert_no_key("the client", &format!("{client:?} {client:#?}"));
    assert_no_key("a resource", &format!("{:?}", client.users().contacts()));
    assert_no_key(
        "a request",
        &format!("{:?}", client.users().contacts().retrieve("c1")),
    );

    let errors = one_error_of_each_kind().await;
    let kinds: Vec<&str> = errors
        .iter()
        .map(|error| match error {
            Error::Api(_) => "api",
            Error::Decode(_) => "decode",
            Error::ResponseTooLarge { .. } => "too large",
            Error::Timeout(_) => "timeout",
            Error::Connection(_) => "connection",
            Error::InvalidRequest(_) => "invalid",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "api",
            "decode",
            "too large",
            "timeout",
            "connection",
            "invalid",
            "invalid"
        ]
    );
    for error in &errors {
        let mut shown = format!("{error} {error:?} {error:#?}");
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            shown.push_str(&format!(" {cause} {cause:?}"));
            source = cause.source();
        }
        assert_no_key(&format!("{error:?}"), &shown);
    }
}

/// A redirect is not followed (a 303 would turn a POST into a GET and decode the wrong
/// body), so the key never reaches another origin: the 3xx comes back as an API error.
#[tokio::test]
async fn a_redirect_is_not_followed_and_the_key_stays_home() {
    let elsewhere = Harness::start().await;
    elsewhere
        .respond("GET", CONTACT, [json_response(200, contact("c1"))])
        .await;
    let h = Harness::start().await;
    let location = format!("{}{CONTACT}", elsewhere.server.uri());
    let redirect = ResponseTemplate::new(307).insert_header("Location", location);
    h.respond("GET", CONTACT, [redirect]).await;

    let error = bounded(h.client.users().contacts().retrieve("c1"))
        .await
        .expect_err("not followed");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(elsewhere.requests().await.is_empty());
    assert_eq!(
        h.requests().await[0].headers["authorization"],
        format!("Bearer {API_KEY}")
    );
}

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        lock(&self.0).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&lock(&self.0)).into_owned()
    }
}

/// Everything the client traces (at every level) while it retries a GET twice.
#[tokio::test]
async fn tracing_shows_one_span_per_request_and_one_warning_per_retry_without_the_key() {
    // tracing-core caches per call site whether anyone listens. With a single live
    // dispatcher it asks the default of whichever thread reaches the call site first,
    // possibly another test's, which has none. A second live dispatcher makes it ask
    // every dispatcher, this test's included.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .finish();
    // For this test's thread only; the single-threaded test runtime polls the client here.
    let _guard = subscriber.set_default();

    let h = Harness::start().await;
    let failure = ResponseTemplate::new(500);
    h.respond(
        "GET",
        CONTACT,
        [failure.clone(), failure, json_response(200, contact("c1"))],
    )
    .await;
    bounded(h.client.users().contacts().retrieve("c1"))
        .await
        .expect("succeeds on the third attempt");

    let output = captured.text();
    assert_no_key("the tracing output", &output);
    let lines: Vec<&str> = output.lines().collect();
    let closes: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(" close "))
        .collect();
    assert_eq!(closes.len(), 1, "one span: {output}");
    for field in [
        "featurebase.request{",
        "method=Get",
        "path=\"/v2/contacts/{id}\"",
        "operation=\"getContactById\"",
        "status=200",
        "attempts=3",
    ] {
        assert!(
            closes[0].contains(field),
            "`{field}` missing from {}",
            closes[0]
        );
    }
    let warnings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("WARN"))
        .collect();
    assert_eq!(warnings.len(), 2, "one warning per retry: {output}");
    for (attempt, warning) in warnings.iter().enumerate() {
        assert!(warning.contains("retrying"), "{warning}");
        assert!(
            warning.contains(&format!("attempt={}", attempt + 1)),
            "{warning}"
        );
        assert!(warning.contains("outcome=Status(500)"), "{warning}");
        assert!(
            warning.contains("operation=\"getContactById\""),
            "in the span: {warning}"
        );
    }
}
