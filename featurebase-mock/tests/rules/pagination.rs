//! Cursor pagination: `limit` (default 10), opaque cursors, `nextCursor` null at the end.

use std::collections::BTreeSet;

use featurebase_api::models::{Contact, ContactId};
use featurebase_api::runtime::Page;
use featurebase_mock::MockServer;
use futures::TryStreamExt;

use super::{company, raw, seed_customer};

async fn seeded(count: usize) -> (MockServer, Vec<ContactId>) {
    let mock = MockServer::start().await;
    let ids = (0..count)
        .map(|n| seed_customer(&mock, &format!("usr_{n:02}")))
        .collect();
    (mock, ids)
}

fn ids(page: &Page<Contact>) -> Vec<ContactId> {
    page.data.iter().map(|contact| contact.id.clone()).collect()
}

#[tokio::test]
async fn three_pages_of_25_with_limit_10_cover_every_contact_once_in_order() {
    let (mock, all) = seeded(25).await;
    let contacts = mock.client().users().contacts();
    let mut page = contacts.list().limit(10).await.unwrap();
    let mut sizes = vec![(page.data.len(), page.has_more())];
    let mut seen = ids(&page);
    while let Some(next) = page.next_page().await.unwrap() {
        sizes.push((next.data.len(), next.has_more()));
        seen.extend(ids(&next));
        page = next;
    }
    assert_eq!(sizes, [(10, true), (10, true), (5, false)]);
    assert_eq!(page.next_cursor, None);
    assert_eq!(seen, all);
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>().len(),
        25,
        "no duplicates"
    );
}

#[tokio::test]
async fn a_cursor_round_trips_through_the_client_and_the_wire() {
    let (mock, all) = seeded(12).await;
    let contacts = mock.client().users().contacts();
    let first = contacts.list().limit(5).await.unwrap();
    let cursor = first.next_cursor.clone().expect("more pages");
    let second = contacts
        .list()
        .limit(5)
        .cursor(cursor.clone())
        .await
        .unwrap();
    assert_eq!(ids(&second), all[5..10]);
    let path = format!("/v2/contacts?limit=5&cursor={cursor}");
    let (status, body) = raw(&mock, reqwest::Method::GET, &path, serde_json::Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(body["data"][0]["id"], all[5].as_str());
}

#[tokio::test]
async fn a_page_continues_after_its_cursor_when_contacts_were_deleted() {
    let (mock, all) = seeded(6).await;
    let contacts = mock.client().users().contacts();
    let first = contacts.list().limit(3).await.unwrap();
    contacts.delete(&all[2]).await.unwrap();
    contacts.delete(&all[3]).await.unwrap();
    let next = first.next_page().await.unwrap().expect("a next page");
    assert_eq!(ids(&next), all[4..]);
}

#[tokio::test]
async fn the_default_limit_is_10() {
    let (mock, _) = seeded(11).await;
    let page = mock.client().users().contacts().list().await.unwrap();
    assert_eq!((page.data.len(), page.has_more()), (10, true));
}

#[tokio::test]
async fn a_malformed_cursor_is_400_naming_the_cursor() {
    let (mock, _) = seeded(1).await;
    for cursor in ["not-base64!", "bm90IGpzb24"] {
        let path = format!("/v2/contacts?cursor={cursor}");
        let (status, body) = raw(&mock, reqwest::Method::GET, &path, serde_json::Value::Null).await;
        assert_eq!(status, 400, "{cursor}: {body}");
        assert_eq!(body["error"]["param"], "cursor");
    }
}

#[tokio::test]
async fn the_documented_example_cursor_continues_after_its_id_an_empty_page() {
    let (mock, _) = seeded(3).await;
    let documented = "eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9";
    let page = mock
        .client()
        .users()
        .contacts()
        .list()
        .cursor(documented)
        .await
        .unwrap();
    assert!(page.data.is_empty() && !page.has_more());
}

#[tokio::test]
async fn the_stream_yields_every_contact_of_every_page() {
    let (mock, all) = seeded(23).await;
    let contacts = mock.client().users().contacts();
    let streamed: Vec<Contact> = contacts
        .list()
        .limit(7)
        .items()
        .try_collect()
        .await
        .unwrap();
    let streamed: Vec<ContactId> = streamed.into_iter().map(|contact| contact.id).collect();
    assert_eq!(streamed, all);
}

#[tokio::test]
async fn companies_and_a_companys_contacts_page_alike() {
    let mock = MockServer::start().await;
    for n in 0..3 {
        mock.store()
            .seed_company(&company(&format!("comp_{n}"), "Acme"));
    }
    let companies = mock.client().users().companies();
    let first = companies.list().limit(2).await.unwrap();
    let rest = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(
        (first.data.len(), rest.data.len(), rest.has_more()),
        (2, 1, false)
    );
    let id = &first.data[0].id;
    let contacts = mock.client().users().contacts();
    for n in 0..3 {
        let contact = seed_customer(&mock, &format!("usr_{n}"));
        let attach = featurebase_api::models::AttachContactRequest::new(&contact);
        companies.contacts(id).attach(attach).await.unwrap();
    }
    let linked: Vec<Contact> = companies
        .contacts(id)
        .list()
        .limit(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(linked.len(), 3);
    assert_eq!(contacts.list().await.unwrap().data.len(), 3);
}
