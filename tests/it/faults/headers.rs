//! Headers and the HTTP client users shape: client-wide defaults, per-request headers,
//! the headers only the client sets, and a `reqwest::Client` of the user's own.

use featurebase_api::http::{HeaderMap, StatusCode};
use featurebase_api::runtime::RequestOptions;
use wiremock::matchers::any;

use super::*;

/// Every value the server saw for header `name`, per request.
async fn header_values(h: &Harness, name: &str) -> Vec<Vec<String>> {
    let values = |request: &Request| {
        let values = request.headers.get_all(name).iter();
        values
            .map(|v| v.to_str().expect("ASCII").to_owned())
            .collect()
    };
    h.requests().await.iter().map(values).collect()
}

async fn answering_any(h: &Harness) {
    Mock::given(any())
        .respond_with(json_response(200, contact("c1")))
        .mount(&h.server)
        .await;
}

#[tokio::test]
async fn default_headers_and_per_request_headers_reach_the_server() {
    let h = Harness::configured(|builder| {
        builder
            .default_header("X-Team", "growth")
            .default_header("X-Sync-Run", "nightly")
    })
    .await;
    answering_any(&h).await;
    let contacts = h.client.users().contacts();

    let response = bounded(contacts.retrieve("c1").send_with_response())
        .await
        .expect("sent");
    assert_eq!(response.status, StatusCode::OK);
    let options = RequestOptions::new().header("x-sync-run", "manual");
    bounded(contacts.retrieve("c1").with_options(options))
        .await
        .expect("sent");

    assert_eq!(header_values(&h, "x-team").await, [["growth"], ["growth"]]);
    assert_eq!(
        header_values(&h, "x-sync-run").await,
        [["nightly"], ["manual"]],
        "a per-request header replaces the default of the same name"
    );
    let bearer = format!("Bearer {API_KEY}");
    assert_eq!(
        header_values(&h, "authorization").await,
        [[bearer.as_str()], [bearer.as_str()]]
    );
    let version = [Client::API_VERSION];
    assert_eq!(
        header_values(&h, "featurebase-version").await,
        [version, version]
    );
}

#[tokio::test]
async fn headers_the_client_sets_or_cannot_send_are_refused_before_sending() {
    let h = Harness::start().await;
    answering_any(&h).await;
    let cases = [
        (
            "Authorization",
            "Bearer someone-else",
            "set by the client itself",
        ),
        (
            "featurebase-version",
            "2025-12-12.clover",
            "set by the client itself",
        ),
        ("Content-Type", "text/plain", "set by the client itself"),
        ("X Team", "growth", "`X Team` is not a valid header name"),
        ("X-Team", "a\nb", r#"header `X-Team` cannot hold "a\nb""#),
    ];
    for (name, value, problem) in cases {
        let options = RequestOptions::new().header(name, value);
        let request = h.client.users().contacts().retrieve("c1");
        let message = invalid_request(bounded(request.with_options(options)).await);
        assert!(message.contains(problem), "{name}: {message}");
    }
    assert_eq!(h.hits().await, 0);

    let refused = Client::builder(API_KEY).default_header("Authorization", "Basic eA==");
    let error = refused.build().expect_err("a reserved default header");
    assert!(
        error.to_string().contains("set by the client itself"),
        "{error}"
    );
}

/// A `reqwest::Client` of the user's own (for a proxy, say) sends every request, with the
/// key, version, timeouts and retries still the builder's.
#[tokio::test]
async fn requests_go_through_the_users_own_http_client() {
    let mut tagged = HeaderMap::new();
    tagged.insert("x-proxy-tag", "p1".parse().expect("a header value"));
    let own = reqwest::Client::builder()
        .default_headers(tagged)
        .build()
        .expect("a client");
    let h = Harness::configured(|builder| builder.http_client(own).max_retries(0)).await;
    Mock::given(any())
        .respond_with(json_response(200, contact("c1")).set_delay(Duration::from_millis(400)))
        .mount(&h.server)
        .await;

    let contacts = h.client.users().contacts();
    bounded(contacts.retrieve("c1")).await.expect("sent");
    let short = RequestOptions::new().timeout(Duration::from_millis(100));
    let result = bounded(contacts.retrieve("c1").with_options(short)).await;

    assert!(matches!(result, Err(Error::Timeout(_))), "{result:?}");
    assert_eq!(header_values(&h, "x-proxy-tag").await, [["p1"], ["p1"]]);
    let bearer = format!("Bearer {API_KEY}");
    assert_eq!(
        header_values(&h, "authorization").await,
        [[bearer.as_str()], [bearer.as_str()]]
    );
}
