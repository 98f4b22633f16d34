//! What every operation shares: the version header, error responses, parameter encoding.

use featurebase_api::models::{ContactTypeFilter, FeaturebaseVersion};
use featurebase_api::operations::{
    GetContactById, GetContactByUserId, ListCompanies, ListContacts,
};
use featurebase_api::{Client, Error};

use super::mock::{Expect, MockApi};
use super::spec::{response_examples, success_examples};
use super::{CONTACT_ID, NEXT_CURSOR, assert_contact};

#[tokio::test]
async fn featurebase_version_can_be_set_per_request() {
    let example = &success_examples(&GetContactById::OPERATION)[0];
    let mut api = MockApi::serving(example).await;
    // A client pinned to a newer version than the spec's, so that the override shows.
    let pinned = Client::builder("test-key")
        .base_url(api.uri())
        .api_version("2026-08-19.orbit")
        .build()
        .expect("a valid configuration");
    let path = format!("/v2/contacts/{CONTACT_ID}");

    let request = pinned
        .users()
        .contacts()
        .retrieve(CONTACT_ID)
        .featurebase_version(FeaturebaseVersion::Nova);
    let expected = Expect::get(&path).version("2026-01-01.nova");
    let contact = api.send(request, expected).await;
    assert_contact(&contact, &example.body);

    // The override is for that request only.
    let request = pinned.users().contacts().retrieve(CONTACT_ID);
    let expected = Expect::get(&path).version("2026-08-19.orbit");
    api.send(request, expected).await;
}

/// Every operation is documented as new in `2026-01-01.nova`, so the client refuses to send
/// one pinned to the older `2025-12-12.clover`, which the version enum still offers.
#[tokio::test]
async fn clover_is_refused_before_sending() {
    let example = &success_examples(&GetContactById::OPERATION)[0];
    let api = MockApi::serving(example).await;
    let error = api
        .client()
        .users()
        .contacts()
        .retrieve(CONTACT_ID)
        .featurebase_version(FeaturebaseVersion::Clover)
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, Error::InvalidRequest(message) if message.contains("2025-12-12.clover")),
        "{error:?}"
    );
    assert!(api.received().await.is_empty());
}

#[tokio::test]
async fn next_page_repeats_the_query_with_the_next_cursor() {
    let example = &success_examples(&ListContacts::OPERATION)[0];
    let mut api = MockApi::serving(example).await;
    let request = api
        .client()
        .users()
        .contacts()
        .list()
        .limit(50)
        .contact_type(ContactTypeFilter::Lead);
    let expected = Expect::get("/v2/contacts").query("limit=50&contactType=lead");
    let first = api.send(request, expected).await;
    assert!(first.has_more());

    let expected = Expect::get("/v2/contacts")
        .query(format!("limit=50&contactType=lead&cursor={NEXT_CURSOR}"));
    let second = api.send(first.next_page(), expected).await;
    let second = second.expect("a second page");
    assert_eq!(second, first);
    // The mock answers the cursor it was asked for again: the client stops there.
    assert!(!second.has_more());
    assert!(second.next_page().await.expect("no request").is_none());
    assert_eq!(api.received().await.len(), 2);
}

#[tokio::test]
async fn documented_not_found_is_an_api_error() {
    let examples = response_examples(&GetContactById::OPERATION, 404);
    let [example] = examples.as_slice() else {
        panic!("expected one documented 404, found {examples:?}");
    };
    let response = example.response().insert_header("x-request-id", "req_123");
    let mut api = MockApi::answering(response, example.to_string()).await;

    let request = api.client().users().contacts().retrieve(CONTACT_ID);
    let expected = Expect::get(format!("/v2/contacts/{CONTACT_ID}"));
    let error = api
        .exchange(request, expected)
        .await
        .expect_err("a 404 is an error");

    assert!(error.is_not_found());
    assert_eq!(error.code(), Some("resource_not_found"));
    let Error::Api(failure) = &error else {
        panic!("not an API error: {error:?}");
    };
    assert_eq!(failure.status.as_u16(), 404);
    assert_eq!(failure.raw_body, example.body.to_string());
    assert_eq!(failure.request_id.as_deref(), Some("req_123"));
    assert_eq!(failure.attempts, 1, "a 404 is not retried");
    let envelope = failure.body.as_ref().expect("the envelope is parsed");
    assert_eq!(envelope.code.as_deref(), Some("resource_not_found"));
    assert_eq!(envelope.kind.as_deref(), Some("invalid_request_error"));
    assert_eq!(envelope.message.as_deref(), Some("Post not found"));
    assert_eq!(envelope.param.as_deref(), Some("id"));
    assert_eq!(envelope.status, Some(404));
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment() {
    let example = &success_examples(&GetContactByUserId::OPERATION)[0];
    let mut api = MockApi::serving(example).await;
    for (user_id, on_the_wire) in [
        ("a/b c?d#e", "a%2Fb%20c%3Fd%23e"),
        ("100%ü", "100%25%C3%BC"),
        ("..a", "..a"),
    ] {
        let request = api
            .client()
            .users()
            .contacts()
            .by_user_id(user_id)
            .retrieve();
        let expected = Expect::get(format!("/v2/contacts/by-user-id/{on_the_wire}"));
        api.send(request, expected).await;
    }
}

#[tokio::test]
async fn query_values_are_percent_encoded() {
    let example = &success_examples(&ListCompanies::OPERATION)[0];
    let mut api = MockApi::serving(example).await;
    let request = api
        .client()
        .users()
        .companies()
        .list()
        .cursor("a+b/c=d&e f");
    let expected = Expect::get("/v2/companies").query("cursor=a%2Bb%2Fc%3Dd%26e+f");
    api.send(request, expected).await;
}

#[tokio::test]
async fn path_parameters_that_would_change_the_endpoint_are_refused_unsent() {
    let example = &success_examples(&GetContactById::OPERATION)[0];
    let api = MockApi::serving(example).await;
    for id in ["", ".", ".."] {
        let error = api
            .client()
            .users()
            .contacts()
            .retrieve(id)
            .await
            .expect_err("refused");
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{id:?}: {error:?}"
        );
    }
    assert!(api.received().await.is_empty());
}
