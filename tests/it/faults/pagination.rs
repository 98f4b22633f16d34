//! Cursor pagination: every item once and in order, exactly one request per page, and an
//! end even when the server misbehaves.

use featurebase_api::models::{Contact, ContactTypeFilter};
use futures::{Stream, StreamExt, TryStreamExt};
use wiremock::matchers::{query_param, query_param_is_missing};

use super::*;

/// No test reads more items than this: a stream that would go on forever fails instead.
const AT_MOST: usize = 20;

/// Answers `GET /v2/contacts` with the page of `ids` when the request's cursor is `cursor`.
async fn page(h: &Harness, cursor: Option<&str>, ids: &[&str], next: Option<&str>) {
    let mock = Mock::given(method("GET")).and(path("/v2/contacts"));
    let mock = match cursor {
        Some(cursor) => mock.and(query_param("cursor", cursor)),
        None => mock.and(query_param_is_missing("cursor")),
    };
    mock.respond_with(json_response(200, contact_page(ids, next)))
        .mount(&h.server)
        .await;
}

/// The query strings the server saw, in order.
async fn queries(h: &Harness) -> Vec<String> {
    let requests = h.requests().await;
    let query = |request: &Request| request.url.query().unwrap_or_default().to_owned();
    requests.iter().map(query).collect()
}

/// Reads at most [`AT_MOST`] items; the ids, or the error that ended the stream.
async fn drain(items: impl Stream<Item = Result<Contact, Error>>) -> Vec<Result<String, Error>> {
    let items = bounded(items.take(AT_MOST).collect::<Vec<_>>()).await;
    let id = |contact: Contact| contact.id.as_str().to_owned();
    items.into_iter().map(|item| item.map(id)).collect()
}

#[track_caller]
fn assert_ids(items: Vec<Result<String, Error>>, expected: &[&str]) {
    let ids: Vec<String> = items
        .into_iter()
        .map(|item| item.expect("every page loads"))
        .collect();
    assert_eq!(ids, expected);
}

async fn two_pages() -> Harness {
    let h = Harness::start().await;
    page(&h, None, &["a", "b"], Some("cur_1")).await;
    page(&h, Some("cur_1"), &["c"], None).await;
    h
}

#[tokio::test]
async fn items_streams_every_page_with_one_request_each_keeping_the_query() {
    let h = two_pages().await;
    let list = h.client.users().contacts().list();
    let items = list.limit(2).contact_type(ContactTypeFilter::All).items();

    assert_ids(drain(items).await, &["a", "b", "c"]);
    assert_eq!(
        queries(&h).await,
        [
            "limit=2&contactType=all",
            "limit=2&contactType=all&cursor=cur_1"
        ]
    );
}

/// The stream is `Unpin`: read with `try_next` in a loop, with no `pin!`.
#[tokio::test]
async fn items_read_in_a_loop_without_pinning() -> Result<(), Error> {
    let h = two_pages().await;
    let mut items = h.client.users().contacts().list().limit(2).items();
    let mut ids = Vec::new();
    while let Some(contact) = bounded(items.try_next()).await? {
        ids.push(contact.id.as_str().to_owned());
    }
    assert_eq!(ids, ["a", "b", "c"]);
    let mut pages = bounded(h.client.users().contacts().list().limit(2))
        .await?
        .pages();
    assert_eq!(
        bounded(pages.try_next()).await?.map(|p| p.data.len()),
        Some(2)
    );
    Ok(())
}

#[tokio::test]
async fn a_first_page_streams_itself_and_the_pages_after_it() {
    let h = two_pages().await;
    let first = bounded(h.client.users().contacts().list().limit(2))
        .await
        .expect("first page");
    assert_eq!(h.hits().await, 1, "nothing more is fetched until read");

    assert_ids(drain(first.into_stream()).await, &["a", "b", "c"]);
    assert_eq!(queries(&h).await, ["limit=2", "limit=2&cursor=cur_1"]);
}

#[tokio::test]
async fn next_page_fetches_once_and_the_last_page_has_no_more() {
    let h = two_pages().await;
    let first = bounded(h.client.users().contacts().list().limit(2))
        .await
        .expect("first page");
    assert!(first.has_more());
    assert_eq!(first.next_cursor.as_deref(), Some("cur_1"));

    let second = bounded(first.next_page())
        .await
        .expect("second page")
        .expect("there is a second page");
    assert!(!second.has_more());
    let ids: Vec<String> = second.data.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids, ["c"]);
    assert!(
        bounded(second.next_page())
            .await
            .expect("no fetch")
            .is_none()
    );

    assert_eq!(queries(&h).await, ["limit=2", "limit=2&cursor=cur_1"]);
}

/// The end of the list: an empty page, a `null` or an empty next cursor.
#[tokio::test]
async fn a_last_page_ends_the_stream_without_another_request() {
    let cases: [(&[&str], Option<&str>); 3] = [(&[], None), (&["a"], None), (&["a"], Some(""))];
    for (ids, next) in cases {
        let h = Harness::start().await;
        let body = json_response(200, contact_page(ids, next));
        h.respond("GET", "/v2/contacts", [body]).await;

        assert_ids(drain(h.client.users().contacts().list().items()).await, ids);
        assert_eq!(h.hits().await, 1, "{ids:?} {next:?}");
    }
}

/// A server that answers a page with the cursor it was asked for.
#[tokio::test]
async fn a_repeated_cursor_ends_the_stream() {
    let h = Harness::start().await;
    page(&h, None, &["a"], Some("cur_1")).await;
    page(&h, Some("cur_1"), &["b"], Some("cur_1")).await;

    assert_ids(
        drain(h.client.users().contacts().list().items()).await,
        &["a", "b"],
    );
    assert_eq!(queries(&h).await, ["", "cursor=cur_1"]);

    // Starting from that cursor, too.
    let h = Harness::start().await;
    page(&h, Some("cur_1"), &["b"], Some("cur_1")).await;
    let list = h.client.users().contacts().list().cursor("cur_1");
    assert_ids(drain(list.items()).await, &["b"]);
    assert_eq!(h.hits().await, 1);
}

/// A server whose cursors go round in a circle: `A`, `B`, then `A` again.
#[tokio::test]
async fn a_cursor_seen_before_ends_the_stream() {
    let h = Harness::start().await;
    page(&h, None, &["a"], Some("A")).await;
    page(&h, Some("A"), &["b"], Some("B")).await;
    page(&h, Some("B"), &["c"], Some("A")).await;

    assert_ids(
        drain(h.client.users().contacts().list().items()).await,
        &["a", "b", "c"],
    );
    assert_eq!(queries(&h).await, ["", "cursor=A", "cursor=B"]);
}

/// A failing page ends the stream with its error, after the items already read.
#[tokio::test]
async fn a_failing_page_ends_the_stream_with_its_error() {
    let h = Harness::start().await;
    page(&h, None, &["a", "b"], Some("expired")).await;
    let invalid = envelope_json("invalid_request_error", "invalid_cursor", "Bad cursor", 400);
    Mock::given(method("GET"))
        .and(query_param("cursor", "expired"))
        .respond_with(json_response(400, invalid))
        .mount(&h.server)
        .await;

    let mut items = drain(h.client.users().contacts().list().items()).await;

    let error = api_error(items.pop().expect("an error last"));
    assert_eq!((error.status.as_u16(), error.attempts), (400, 1));
    assert_eq!(
        error.body.as_ref().and_then(|b| b.code.as_deref()),
        Some("invalid_cursor")
    );
    assert_ids(items, &["a", "b"]);
    assert_eq!(h.hits().await, 2);
}

/// A list that fails at once yields that error alone.
#[tokio::test]
async fn a_failing_first_page_yields_only_its_error() {
    let h = Harness::configured(|builder| builder.max_retries(0)).await;
    h.respond("GET", "/v2/contacts", [ResponseTemplate::new(503)])
        .await;

    let mut items = drain(h.client.users().contacts().list().items()).await;

    let error = api_error(items.pop().expect("one item"));
    assert!(items.is_empty());
    assert_eq!((error.status.as_u16(), error.attempts), (503, 1));
}
