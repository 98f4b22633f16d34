//! Faults below the API: slow servers, refused and dropped connections, partial and
//! oversized responses.

use std::time::Duration;

use featurebase_api::models::AttachContactRequest;
use featurebase_api::runtime::{RequestOptions, TransportError};

use super::*;

const SHORT: Duration = Duration::from_millis(100);

/// A contact that the server answers only after the client's timeout.
fn slow_contact() -> ResponseTemplate {
    json_response(200, contact("c1")).set_delay(Duration::from_millis(500))
}

/// The two calls network faults are tried on: an idempotent GET (`retrieve`) and a
/// non-idempotent POST (`attach`).
enum Call {
    Get,
    Attach,
}

impl Call {
    async fn send(&self, client: &Client, options: RequestOptions) -> Result<(), Error> {
        match self {
            Self::Get => {
                let request = client.users().contacts().retrieve("c1");
                bounded(request.with_options(options)).await.map(drop)
            }
            Self::Attach => {
                let company = client.users().companies().contacts("co1");
                let request = company.attach(AttachContactRequest::new("c1"));
                bounded(request.with_options(options)).await.map(drop)
            }
        }
    }

    /// Answers this call with `response`.
    async fn mount(&self, h: &Harness, response: ResponseTemplate) {
        let (verb, route) = match self {
            Self::Get => ("GET", "/v2/contacts/c1"),
            Self::Attach => ("POST", "/v2/companies/co1/contacts"),
        };
        h.respond(verb, route, [response]).await;
    }
}

/// The failure of a timed-out or broken request, which must be one.
fn transport_failure(result: Result<(), Error>) -> Box<TransportError> {
    match result {
        Err(Error::Timeout(failure) | Error::Connection(failure)) => failure,
        other => panic!("expected a timeout or connection error, got {other:?}"),
    }
}

fn timeout(result: Result<(), Error>) -> Box<TransportError> {
    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
    transport_failure(result)
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_is_a_timeout() {
    let per_request = RequestOptions::new().timeout(SHORT).max_retries(0);
    let h = Harness::start().await;
    Call::Get.mount(&h, slow_contact()).await;
    let failure = timeout(Call::Get.send(&h.client, per_request).await);
    assert_eq!((failure.operation, failure.attempts), ("getContactById", 1));
    assert!(
        failure.elapsed >= SHORT && !failure.is_deadline(),
        "{failure:?}"
    );
    assert_eq!(h.hits().await, 1);
    let message = failure.to_string();
    assert!(
        message.starts_with("`getContactById` timed out after 1 attempt in "),
        "{message}"
    );

    // The client-wide timeout, too.
    let h = Harness::configured(|builder| builder.timeout(SHORT).max_retries(0)).await;
    Call::Get.mount(&h, slow_contact()).await;
    timeout(Call::Get.send(&h.client, RequestOptions::new()).await);
    assert_eq!(h.hits().await, 1);
}

/// A deadline bounds the whole request: attempts and the waits between them. Without it
/// three 100 ms attempts and two backoffs would take 1.8 s.
#[tokio::test]
async fn a_deadline_bounds_every_attempt_and_wait_together() {
    let slow = json_response(200, contact("c1")).set_delay(Duration::from_secs(3));
    let h = Harness::start().await;
    Call::Get.mount(&h, slow).await;
    let started = std::time::Instant::now();
    let options = RequestOptions::new().deadline(Duration::from_millis(300));
    let failure = timeout(Call::Get.send(&h.client, options).await);
    let took = started.elapsed();
    assert!(failure.is_deadline(), "{failure:?}");
    assert_eq!(
        failure.attempts, 1,
        "the deadline ran out during the first attempt"
    );
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_millis(1500),
        "{took:?}"
    );
    assert!(
        failure.to_string().contains("ran out of time (deadline)"),
        "{failure}"
    );

    // Retries stop when the next wait would outlast the client-wide deadline: the first
    // backoff (at most 500 ms) fits in 800 ms, the second (at least 750 ms) does not.
    let h = Harness::configured(|b| b.deadline(Duration::from_millis(800))).await;
    Call::Get.mount(&h, json_response(503, json!({}))).await;
    let result = Call::Get.send(&h.client, RequestOptions::new()).await;
    assert!(
        matches!(&result, Err(Error::Api(api)) if api.attempts == 2),
        "{result:?}"
    );
    assert_eq!(h.sleeps().len(), 1);
}

#[tokio::test]
async fn transport_errors_keep_their_cause_as_source() {
    let sleeps = Sleeps::default();
    let client = client_builder(&closed_port_url(), &sleeps)
        .build()
        .expect("builds");
    let result = Call::Get.send(&client, RequestOptions::new()).await;
    let Err(error) = result else {
        panic!("a closed port answered")
    };
    let cause = std::error::Error::source(&error).expect("the connection error's cause");
    assert!(!cause.to_string().is_empty());
    assert!(
        error
            .to_string()
            .starts_with("`getContactById` could not connect after 3 attempts in "),
        "{error}"
    );
}

/// A timed-out request may have reached the server: repeated only when idempotent.
#[tokio::test]
async fn a_timeout_is_retried_only_for_idempotent_operations() {
    for (call, hits, backoffs) in [(Call::Get, 3, &[500, 1000][..]), (Call::Attach, 1, &[])] {
        let h = Harness::start().await;
        call.mount(&h, slow_contact()).await;

        let result = call
            .send(&h.client, RequestOptions::new().timeout(SHORT))
            .await;

        let failure = timeout(result);
        assert_eq!(failure.attempts, hits as u32);
        assert_eq!(h.hits().await, hits);
        assert_backoffs(&h.sleeps(), backoffs);
    }
}

/// Nothing listens: the request was never sent, so even a POST is retried.
#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    for call in [Call::Get, Call::Attach] {
        let sleeps = Sleeps::default();
        let client = client_builder(&closed_port_url(), &sleeps)
            .build()
            .expect("builds");

        let result = call.send(&client, RequestOptions::new()).await;

        assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
        let failure = transport_failure(result);
        assert!(failure.is_connect(), "{failure:?}");
        assert_eq!(failure.attempts, 3);
        assert_backoffs(&sleeps.recorded(), &[500, 1000]);
    }
}

/// The server reads the request and hangs up without answering, politely (FIN) or not
/// (RST): the request may have been acted on, so only the idempotent GET is retried.
#[tokio::test]
async fn a_connection_dropped_after_the_request_is_a_connection_error() {
    for reset in [false, true] {
        for (call, connections, backoffs) in
            [(Call::Get, 3, &[500, 1000][..]), (Call::Attach, 1, &[])]
        {
            let server = match reset {
                true => RawServer::resetting().await,
                false => RawServer::start(Vec::new()).await,
            };
            let sleeps = Sleeps::default();

            let result = call
                .send(&server.client(&sleeps), RequestOptions::new())
                .await;

            assert!(matches!(result, Err(Error::Connection(_))), "{result:?}");
            let failure = transport_failure(result);
            assert!(!failure.is_connect(), "reset {reset}: {failure:?}");
            assert_eq!(server.connections(), connections, "reset {reset}");
            assert_backoffs(&sleeps.recorded(), backoffs);
        }
    }
}

#[tokio::test]
async fn a_partial_http_response_is_a_connection_error() {
    let cut_in_the_status_line = "HTTP/1.1 20";
    let cut_in_the_headers = "HTTP/1.1 200 OK\r\nContent-Type: appl";
    let cut_in_the_body = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                           Content-Length: 100\r\n\r\n{\"object\":\"contact\"";
    for reply in [cut_in_the_status_line, cut_in_the_headers, cut_in_the_body] {
        let server = RawServer::start(reply).await;
        let client = server.client(&Sleeps::default());

        let result = Call::Get.send(&client, RequestOptions::new()).await;

        assert!(
            matches!(result, Err(Error::Connection(_))),
            "{reply:?}: {result:?}"
        );
        assert_eq!(server.connections(), 3, "{reply:?}");
    }
}

/// A contact whose JSON is exactly `len` bytes long.
fn contact_body_of(len: usize) -> String {
    let body = |name: &str| contact("c1").to_string().replace("Contact c1", name);
    let padding = len - body("").len();
    let body = body(&"x".repeat(padding));
    assert_eq!(body.len(), len);
    body
}

#[tokio::test]
async fn a_body_above_max_response_bytes_is_refused() {
    for (len, accepted) in [(1024, true), (1025, false), (2048, false)] {
        let h = Harness::configured(|builder| builder.max_response_bytes(1024)).await;
        let body = raw_response(200, &contact_body_of(len), "application/json");
        h.respond("GET", "/v2/contacts/c1", [body]).await;

        let result = bounded(h.client.users().contacts().retrieve("c1")).await;

        if accepted {
            assert!(result.is_ok(), "{len} bytes: {result:?}");
        } else {
            assert!(
                matches!(result, Err(Error::ResponseTooLarge { limit: 1024 })),
                "{len} bytes: {result:?}"
            );
        }
        assert_eq!(h.hits().await, 1, "{len} bytes");
    }
}

/// Without a `Content-Length` the limit is enforced while the chunks arrive.
#[tokio::test]
async fn a_chunked_body_above_max_response_bytes_is_refused() {
    let chunk = format!("400\r\n{}\r\n", "x".repeat(1024));
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
         \r\n{chunk}{chunk}0\r\n\r\n"
    );
    let server = RawServer::start(reply).await;
    let sleeps = Sleeps::default();
    let client = client_builder(&server.url, &sleeps)
        .max_response_bytes(1024)
        .build()
        .expect("builds");

    let result = bounded(client.users().contacts().retrieve("c1")).await;

    assert!(
        matches!(result, Err(Error::ResponseTooLarge { limit: 1024 })),
        "{result:?}"
    );
    assert_eq!(server.connections(), 1);
    assert_eq!(sleeps.recorded(), []);
}
