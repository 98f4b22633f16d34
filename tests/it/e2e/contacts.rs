//! `users.contacts`: listing, upserting, retrieving, deleting, blocking and unblocking contacts.

use featurebase_api::models::{
    BlockedContactObject, ContactTypeFilter, DeletedContactObject, UnblockedContactObject,
    UpsertContactCompany, UpsertContactRequest,
};
use featurebase_api::operations::{
    BlockContactById, DeleteContactById, DeleteContactByUserId, GetContactById, GetContactByUserId,
    ListContacts, UnblockContactById, UpsertContact,
};
use featurebase_api::runtime::{Operation, True};
use serde_json::json;

use super::mock::{Expect, MockApi};
use super::spec::{request_examples, success_examples};
use super::{
    CONTACT_ID, NEXT_CURSOR, USER_ID, assert_200_and_201_alike, assert_contact,
    assert_contact_page, custom_fields, timestamp,
};

pub(super) const OPERATIONS: &[&Operation] = &[
    &ListContacts::OPERATION,
    &UpsertContact::OPERATION,
    &GetContactById::OPERATION,
    &DeleteContactById::OPERATION,
    &BlockContactById::OPERATION,
    &UnblockContactById::OPERATION,
    &GetContactByUserId::OPERATION,
    &DeleteContactByUserId::OPERATION,
];

#[tokio::test]
async fn list_contacts_without_then_with_every_parameter() {
    for example in success_examples(&ListContacts::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().list();
        let page = api.send(request, Expect::get("/v2/contacts")).await;
        assert_contact_page(&page, &example.body);
        assert_eq!(page.data[0].name, "John Steezy");
        let cursor = page.next_cursor.clone().expect("a next page");
        assert_eq!(cursor, NEXT_CURSOR);

        for (contact_type, wire) in [
            (ContactTypeFilter::Customer, "customer"),
            (ContactTypeFilter::Lead, "lead"),
            (ContactTypeFilter::All, "all"),
        ] {
            let request = api
                .client()
                .users()
                .contacts()
                .list()
                .limit(50)
                .contact_type(contact_type)
                .cursor(&cursor);
            let expected = Expect::get("/v2/contacts")
                .query(format!("limit=50&cursor={cursor}&contactType={wire}"));
            assert_eq!(api.send(request, expected).await, page);
        }
    }
}

#[tokio::test]
async fn upsert_contact_sends_each_documented_body() {
    let mut decoded = Vec::new();
    for example in success_examples(&UpsertContact::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        for (name, body) in request_examples(&UpsertContact::OPERATION) {
            let request = api
                .client()
                .users()
                .contacts()
                .create_or_update(upsert_contact_request(&name));
            let expected = Expect::post("/v2/contacts").json(body);
            let response = api.send(request.send_with_response(), expected).await;
            assert_eq!(response.status.as_u16(), example.status);
            assert_contact(&response.value, &example.body);
            decoded.push((example.clone(), response.value));
        }
    }
    assert_200_and_201_alike(&decoded);
}

#[tokio::test]
async fn upsert_contact_identified_by_email_or_user_id_alone() {
    let example = &success_examples(&UpsertContact::OPERATION)[0];
    let mut api = MockApi::serving(example).await;
    for (body, sent) in [
        (
            UpsertContactRequest::with_email("john@example.com"),
            json!({"email": "john@example.com"}),
        ),
        (
            UpsertContactRequest::with_user_id("usr_12345").name("John Doe"),
            json!({"userId": "usr_12345", "name": "John Doe"}),
        ),
    ] {
        let request = api.client().users().contacts().create_or_update(body);
        api.send(request, Expect::post("/v2/contacts").json(sent))
            .await;
    }
}

/// The documented request example `name`, built with the request models.
fn upsert_contact_request(name: &str) -> UpsertContactRequest {
    match name {
        "endpointDescription" => {
            UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com")
                .name("John Doe")
                .companies(vec![
                    UpsertContactCompany::new("company_123", "Acme Inc")
                        .monthly_spend(500)
                        .plan("enterprise"),
                ])
                .custom_fields(custom_fields(
                    json!({"plan": "pro", "signupSource": "website"}),
                ))
                .subscribed_to_changelog(true)
        }
        "sdkReference" => {
            UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com")
                .created_at(timestamp("2024-01-15T10:30:00Z"))
                .locale("en")
                .name("John Doe")
                .phone("+1234567890")
                .profile_picture("https://example.com/avatar.png")
                .roles(vec!["role_vip".to_owned(), "role_beta".to_owned()])
                .subscribed_to_changelog(true)
                .user_hash("a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6")
        }
        other => panic!("no request model for the documented example `{other}`"),
    }
}

#[tokio::test]
async fn get_contact_by_id() {
    for example in success_examples(&GetContactById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().retrieve(CONTACT_ID);
        let expected = Expect::get(format!("/v2/contacts/{CONTACT_ID}"));
        let contact = api.send(request, expected).await;
        assert_contact(&contact, &example.body);
        assert_eq!(contact.id.as_str(), "676f0f6765bdaa7d7d760f88");
        assert_eq!(contact.locale.as_deref(), Some("en"));
    }
}

#[tokio::test]
async fn delete_contact_by_id() {
    for example in success_examples(&DeleteContactById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().delete(CONTACT_ID);
        let expected = Expect::delete(format!("/v2/contacts/{CONTACT_ID}"));
        let deleted = api.send(request, expected).await;
        assert_eq!(deleted.id.as_str(), example.body["id"]);
        assert_eq!(deleted.object, DeletedContactObject::Contact);
        assert_eq!(deleted.deleted, True);
    }
}

#[tokio::test]
async fn block_contact_sends_no_body() {
    for example in success_examples(&BlockContactById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().block(CONTACT_ID);
        let expected = Expect::post(format!("/v2/contacts/{CONTACT_ID}/block"));
        let blocked = api.send(request, expected).await;
        assert_eq!(blocked.id.as_str(), "507f1f77bcf86cd799439011");
        assert_eq!(blocked.object, BlockedContactObject::Contact);
        assert_eq!(blocked.blocked, True);
    }
}

#[tokio::test]
async fn unblock_contact_sends_no_body() {
    for example in success_examples(&UnblockContactById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().unblock(CONTACT_ID);
        let expected = Expect::post(format!("/v2/contacts/{CONTACT_ID}/unblock"));
        let unblocked = api.send(request, expected).await;
        assert_eq!(unblocked.id.as_str(), "507f1f77bcf86cd799439011");
        assert_eq!(unblocked.object, UnblockedContactObject::Contact);
        assert_eq!(unblocked.unblocked, True);
    }
}

#[tokio::test]
async fn get_contact_by_user_id() {
    for example in success_examples(&GetContactByUserId::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api
            .client()
            .users()
            .contacts()
            .by_user_id(USER_ID)
            .retrieve();
        let expected = Expect::get(format!("/v2/contacts/by-user-id/{USER_ID}"));
        let contact = api.send(request, expected).await;
        assert_contact(&contact, &example.body);
        assert_eq!(
            contact.user_id.as_ref().map(|id| id.as_str()),
            Some("676f0f673dbb299c8a4f3057")
        );
    }
}

#[tokio::test]
async fn delete_contact_by_user_id() {
    for example in success_examples(&DeleteContactByUserId::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().contacts().by_user_id(USER_ID).delete();
        let expected = Expect::delete(format!("/v2/contacts/by-user-id/{USER_ID}"));
        let deleted = api.send(request, expected).await;
        assert_eq!(deleted.id.as_str(), example.body["id"]);
        assert_eq!(deleted.object, DeletedContactObject::Contact);
        assert_eq!(deleted.deleted, True);
    }
}
