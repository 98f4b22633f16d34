//! Requests refused before anything is sent, and hostile input that must reach the
//! server intact or not at all.

use featurebase_api::models::FeaturebaseVersion;
use wiremock::matchers::any;

use super::*;

/// A server that answers anything with a contact.
async fn catch_all() -> Harness {
    catch_all_with(|builder| builder).await
}

async fn catch_all_with(
    configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>,
) -> Harness {
    let h = Harness::configured(configure).await;
    Mock::given(any())
        .respond_with(json_response(200, contact("c1")))
        .mount(&h.server)
        .await;
    h
}

/// Each request's method and raw (still percent-encoded) path and query.
async fn targets(h: &Harness) -> Vec<(String, String, Option<String>)> {
    let target = |request: &Request| {
        let url = &request.url;
        let query = url.query().map(str::to_owned);
        (request.method.to_string(), url.path().to_owned(), query)
    };
    h.requests().await.iter().map(target).collect()
}

#[tokio::test]
async fn ids_that_would_change_the_endpoint_are_refused_before_sending() {
    let h = catch_all().await;
    let users = h.client.users();
    for id in ["", ".", ".."] {
        let results = [
            bounded(users.contacts().retrieve(id)).await.map(drop),
            bounded(users.contacts().delete(id)).await.map(drop),
            bounded(users.companies().contacts(id).remove("c1"))
                .await
                .map(drop),
            bounded(users.companies().contacts("co1").remove(id))
                .await
                .map(drop),
            bounded(users.contacts().by_user_id(id).retrieve())
                .await
                .map(drop),
        ];
        let messages: Vec<String> = results.into_iter().map(invalid_request).collect();
        let refused = |name| format!("path parameter `{name}` cannot be empty, `.` or `..`");
        let expected = ["id", "id", "id", "contactId", "userId"].map(refused);
        assert_eq!(messages, expected, "{id:?}");
    }
    assert_eq!(h.hits().await, 0);
}

/// Whatever it holds, an id is one path segment: `/`, `?` and `#` cannot add segments, a
/// query or a fragment, and `%` cannot smuggle in an encoded dot segment.
#[tokio::test]
async fn every_other_id_is_sent_as_exactly_one_encoded_segment() {
    let cases = [
        ("a/b", "a%2Fb"),
        ("../c2", "..%2Fc2"),
        ("a\\b", "a%5Cb"),
        ("a?limit=1&x=y", "a%3Flimit%3D1%26x%3Dy"),
        ("a#fragment", "a%23fragment"),
        ("100%", "100%25"),
        ("%2e%2e", "%252e%252e"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("nul\0", "nul%00"),
        ("...", "..."),
    ];
    let h = catch_all().await;
    for (id, _) in cases {
        let result = bounded(h.client.users().contacts().retrieve(id)).await;
        assert!(result.is_ok(), "{id:?}: {result:?}");
    }

    let expected: Vec<_> = cases
        .iter()
        .map(|(_, segment)| ("GET".to_owned(), format!("/v2/contacts/{segment}"), None))
        .collect();
    assert_eq!(targets(&h).await, expected);
}

/// Tab, LF and CR are dropped by URL parsing rules, so they must be encoded (or refused),
/// not passed through raw. Today `a<TAB>b` is sent as `/v2/contacts/ab`, `<LF>` as
/// `/v2/contacts/` (the list endpoint), and `.<TAB>.` becomes the dot segment `..`:
/// `GET /v2/`, and removing contact `c1` from company `.<TAB>.` sends
/// `DELETE /v2//contacts/c1`, which a slash-merging proxy routes to "delete contact c1".
#[tokio::test]
async fn ids_with_tabs_or_newlines_stay_in_their_segment() {
    let h = catch_all().await;
    let users = h.client.users();
    for id in ["a\tb", "\n", ".\t.", "\r\n"] {
        let result = bounded(users.contacts().retrieve(id)).await;
        assert!(result.is_ok(), "{id:?}: {result:?}");
    }
    let result = bounded(users.companies().contacts(".\t.").remove("c1")).await;
    assert!(result.is_ok(), "{result:?}");

    let get = |segment: &str| ("GET".to_owned(), format!("/v2/contacts/{segment}"), None);
    let remove = "/v2/companies/.%09./contacts/c1".to_owned();
    assert_eq!(
        targets(&h).await,
        [
            get("a%09b"),
            get("%0A"),
            get(".%09."),
            get("%0D%0A"),
            ("DELETE".to_owned(), remove, None),
        ]
    );
}

#[tokio::test]
async fn parameters_outside_the_spec_limits_are_refused_before_sending() {
    let h = catch_all().await;
    let list = || h.client.users().contacts().list();
    let refused = [
        (list().limit(0), "parameter `limit` is 0, outside [1, 100]"),
        (
            list().limit(101),
            "parameter `limit` is 101, outside [1, 100]",
        ),
        (
            list().limit(-1),
            "parameter `limit` is -1, outside [1, 100]",
        ),
        (
            list().cursor("c".repeat(513)),
            "parameter `cursor` has 513 characters, outside [.., 512]",
        ),
    ];
    for (request, message) in refused {
        assert_eq!(invalid_request(bounded(request).await), message);
    }
    assert_eq!(h.hits().await, 0);

    // The bounds themselves are allowed (the catch-all's contact is not a list: the
    // request was sent, its answer fails to decode).
    for request in [
        list().limit(1),
        list().limit(100),
        list().cursor("c".repeat(512)),
    ] {
        decode_error(bounded(request).await);
    }
    assert_eq!(h.hits().await, 3);
}

#[tokio::test]
async fn plain_http_is_only_accepted_for_loopback_base_urls() {
    let refused = [
        (
            "http://example.com",
            "base URL `http://example.com`: plain http is only allowed for loopback addresses",
        ),
        (
            "http://localhost.example.com:8080",
            "base URL `http://localhost.example.com:8080`: plain http is only allowed for \
             loopback addresses",
        ),
        (
            "http://10.0.0.1",
            "base URL `http://10.0.0.1`: plain http is only allowed for loopback addresses",
        ),
        (
            "ftp://127.0.0.1",
            "base URL `ftp://127.0.0.1` must be an https URL",
        ),
        (
            "do.featurebase.app",
            "base URL `do.featurebase.app`: relative URL without a base",
        ),
    ];
    for (base_url, message) in refused {
        let built = Client::builder(API_KEY).base_url(base_url).build();
        assert_eq!(invalid_request(built), message);
    }
    for base_url in [
        "https://example.com",
        "http://localhost:1",
        "http://[::1]:1",
        "http://127.0.0.1:1",
    ] {
        let built = Client::builder(API_KEY).base_url(base_url).build();
        assert!(built.is_ok(), "{base_url}: {built:?}");
    }

    // And a loopback server is actually reached over plain http.
    let h = catch_all().await;
    assert!(h.server.uri().starts_with("http://127.0.0.1:"));
    bounded(h.client.users().contacts().retrieve("c1"))
        .await
        .expect("reached");
    assert_eq!(h.hits().await, 1);
}

/// The `Featurebase-Version` header values of each request the server saw.
async fn versions_sent(h: &Harness) -> Vec<Vec<String>> {
    let versions = |request: &Request| {
        let values = request.headers.get_all("featurebase-version").iter();
        values
            .map(|v| v.to_str().expect("ASCII").to_owned())
            .collect()
    };
    h.requests().await.iter().map(versions).collect()
}

#[tokio::test]
async fn an_operation_newer_than_the_pinned_version_is_refused_before_sending() {
    let h = catch_all_with(|builder| builder.api_version("2025-12-12.clover")).await;
    let contacts = h.client.users().contacts();

    let message = invalid_request(bounded(contacts.retrieve("c1")).await);
    assert_eq!(
        message,
        "`getContactById` needs API version 2026-01-01.nova or newer; this request is pinned \
         to 2025-12-12.clover"
    );
    let message = invalid_request(bounded(contacts.list()).await);
    assert!(message.starts_with("`listContacts` needs API version 2026-01-01.nova"));
    assert_eq!(h.hits().await, 0);

    // Pinned per request to a version that has it, the operation goes through, with the
    // one version header.
    let retrieve = contacts.retrieve("c1");
    bounded(retrieve.featurebase_version(FeaturebaseVersion::Nova))
        .await
        .expect("sent");
    assert_eq!(versions_sent(&h).await, [["2026-01-01.nova"]]);
}

#[tokio::test]
async fn a_per_request_version_overrides_the_client_version_both_ways() {
    let h = catch_all().await;
    let contacts = h.client.users().contacts();

    let older = contacts
        .retrieve("c1")
        .featurebase_version(FeaturebaseVersion::Clover);
    let message = invalid_request(bounded(older).await);
    assert!(
        message.ends_with("this request is pinned to 2025-12-12.clover"),
        "{message}"
    );
    assert_eq!(h.hits().await, 0);

    bounded(contacts.retrieve("c1")).await.expect("sent");
    let newer = catch_all_with(|builder| builder.api_version("2026-08-19.orbit")).await;
    bounded(newer.client.users().contacts().retrieve("c1"))
        .await
        .expect("a newer version has the operation");

    assert_eq!(versions_sent(&h).await, [[Client::API_VERSION]]);
    assert_eq!(versions_sent(&newer).await, [["2026-08-19.orbit"]]);
}
