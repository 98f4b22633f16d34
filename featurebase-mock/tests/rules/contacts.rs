//! Contacts: the upsert's identity rules, lookups, deletes, block and the type filter.

use std::collections::BTreeMap;

use featurebase_api::models::{ContactType, ContactTypeFilter, UpsertContactRequest};
use serde_json::json;

use super::{company_names, customer, customer_and_lead, embedded, failure, seed_customer};
use featurebase_mock::MockServer;

#[tokio::test]
async fn an_upsert_creates_with_201_then_updates_the_same_contact_with_200() {
    let mock = MockServer::start().await;
    let contacts = mock.client().users().contacts();
    let created = contacts
        .create_or_update(customer("usr_1", "ada@example.com").name("Ada"))
        .send_with_response()
        .await
        .unwrap();
    let updated = contacts
        .create_or_update(customer("usr_1", "ada@example.com").name("Ada L."))
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(
        (created.status.as_u16(), updated.status.as_u16()),
        (201, 200)
    );
    assert_eq!(created.value.id, updated.value.id);
    assert_eq!(updated.value.name, "Ada L.");
    assert_eq!(created.value.r#type, ContactType::Customer);
    assert_eq!(mock.store().contacts().len(), 1);
}

#[tokio::test]
async fn an_update_replaces_the_fields_given_and_keeps_the_others() {
    let mock = MockServer::start().await;
    let contacts = mock.client().users().contacts();
    let first = customer("usr_1", "ada@example.com")
        .name("Ada")
        .locale("fr")
        .roles(vec!["role_vip".into()]);
    contacts.create_or_update(first).await.unwrap();
    let second = UpsertContactRequest::with_user_id("usr_1").name("Ada L.");
    let contact = contacts.create_or_update(second).await.unwrap();
    assert_eq!(contact.name, "Ada L.");
    assert_eq!(contact.locale.as_deref(), Some("fr"));
    assert_eq!(contact.roles, Some(vec!["role_vip".to_owned()]));
    assert_eq!(contact.email.as_deref(), Some("ada@example.com"));
}

#[tokio::test]
async fn user_id_takes_precedence_over_email_to_find_the_contact() {
    let mock = MockServer::start().await;
    let by_user_id = seed_customer(&mock, "usr_1");
    let by_email = mock
        .store()
        .seed_contact(&UpsertContactRequest::with_email("b@example.com"));
    let contacts = mock.client().users().contacts();
    let response = contacts
        .create_or_update(customer("usr_1", "b@example.com"))
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.value.id, by_user_id);
    assert_eq!(response.value.email.as_deref(), Some("b@example.com"));
    let untouched = contacts.retrieve(&by_email).await.unwrap();
    assert_eq!(untouched.user_id, None);
}

#[tokio::test]
async fn email_identifies_the_contact_when_no_user_id_is_given() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let contacts = mock.client().users().contacts();
    let update = UpsertContactRequest::with_email("USR_1@example.com").name("Found");
    let response = contacts
        .create_or_update(update)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!((response.status.as_u16(), &response.value.id), (200, &id));
    assert_eq!(response.value.name, "Found");
}

#[tokio::test]
async fn a_new_user_id_with_a_known_email_of_an_identified_contact_creates_a_contact() {
    let mock = MockServer::start().await;
    let first = seed_customer(&mock, "usr_1");
    let contacts = mock.client().users().contacts();
    let other = customer("usr_2", "usr_1@example.com");
    let response = contacts
        .create_or_update(other)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status.as_u16(), 201);
    assert_ne!(response.value.id, first);
}

#[tokio::test]
async fn embedded_companies_are_created_or_updated_by_their_id_and_linked() {
    let mock = MockServer::start().await;
    let contacts = mock.client().users().contacts();
    let acme = embedded("comp_1", "Acme").plan("pro");
    contacts
        .create_or_update(customer("usr_1", "a@example.com").companies(vec![acme]))
        .await
        .unwrap();
    let renamed = embedded("comp_1", "Acme Inc");
    let second = contacts
        .create_or_update(customer("usr_2", "b@example.com").companies(vec![renamed]))
        .await
        .unwrap();
    let companies = mock.store().companies();
    assert_eq!(companies.len(), 1, "{companies:?}");
    let linked = &second.companies.unwrap()[0];
    assert_eq!(linked.company_id, "comp_1");
    assert_eq!(linked.name, "Acme Inc");
    assert_eq!(
        linked.plan.as_deref(),
        Some("pro"),
        "fields not given are kept"
    );
    assert_eq!(linked.linked_users, Some(2));
}

#[tokio::test]
async fn an_unknown_contact_id_is_404_resource_not_found() {
    let mock = MockServer::start().await;
    let contacts = mock.client().users().contacts();
    let missing = contacts.retrieve("0000000000000000000000ff").await;
    assert_eq!(failure(missing), (404, "resource_not_found".into()));
}

#[tokio::test]
async fn by_user_id_finds_customers_and_answers_404_for_leads() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let lead = mock
        .store()
        .seed_lead(&customer("usr_lead", "lead@example.com"));
    let contacts = mock.client().users().contacts();
    let found = contacts.by_user_id("usr_1").retrieve().await.unwrap();
    assert_eq!(found.id, id);
    let as_lead = contacts.by_user_id("usr_lead").retrieve().await;
    assert_eq!(failure(as_lead), (404, "resource_not_found".into()));
    let deleted = contacts.by_user_id("usr_lead").delete().await;
    assert_eq!(failure(deleted).0, 404);
    let lead = contacts.retrieve(&lead).await.unwrap();
    assert_eq!(
        lead.r#type,
        ContactType::Lead,
        "by id, leads are found and kept"
    );
}

#[tokio::test]
async fn delete_by_id_removes_customers_and_leads() {
    let mock = MockServer::start().await;
    let [customer, lead] = customer_and_lead(&mock);
    let contacts = mock.client().users().contacts();
    for id in [&customer, &lead] {
        let deleted = contacts.delete(id).await.unwrap();
        assert_eq!(&deleted.id, id);
        assert_eq!(failure(contacts.retrieve(id).await).0, 404);
    }
    assert_eq!(failure(contacts.delete(&customer).await).0, 404);
}

#[tokio::test]
async fn delete_by_user_id_removes_the_customer_and_names_its_featurebase_id() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let contacts = mock.client().users().contacts();
    let deleted = contacts.by_user_id("usr_1").delete().await.unwrap();
    assert_eq!(deleted.id, id);
    assert!(mock.store().contacts().is_empty());
}

#[tokio::test]
async fn block_and_unblock_set_the_flag_for_customers_and_leads() {
    let mock = MockServer::start().await;
    let [customer, lead] = customer_and_lead(&mock);
    let contacts = mock.client().users().contacts();
    for id in [&customer, &lead] {
        assert_eq!(contacts.block(id).await.unwrap().id, *id);
        assert_eq!(mock.store().is_blocked(id), Some(true));
        assert_eq!(contacts.unblock(id).await.unwrap().id, *id);
        assert_eq!(mock.store().is_blocked(id), Some(false));
    }
    let missing = contacts.block("0000000000000000000000ff").await;
    assert_eq!(failure(missing).0, 404);
}

#[tokio::test]
async fn contact_type_lists_customers_by_default_and_leads_or_all_on_request() {
    let mock = MockServer::start().await;
    seed_customer(&mock, "usr_1");
    seed_customer(&mock, "usr_2");
    mock.store()
        .seed_lead(&UpsertContactRequest::with_email("l@example.com"));
    let contacts = mock.client().users().contacts();
    let count = |page: featurebase_api::runtime::Page<featurebase_api::models::Contact>| {
        page.data
            .iter()
            .map(|c| c.r#type.clone())
            .collect::<Vec<_>>()
    };
    let default = count(contacts.list().await.unwrap());
    assert_eq!(default, [ContactType::Customer, ContactType::Customer]);
    let leads = count(
        contacts
            .list()
            .contact_type(ContactTypeFilter::Lead)
            .await
            .unwrap(),
    );
    assert_eq!(leads, [ContactType::Lead]);
    let all = contacts
        .list()
        .contact_type(ContactTypeFilter::All)
        .await
        .unwrap();
    assert_eq!(all.data.len(), 3);
}

#[tokio::test]
async fn a_new_user_id_with_the_email_of_a_customer_without_one_identifies_it() {
    let mock = MockServer::start().await;
    let id = mock
        .store()
        .seed_contact(&UpsertContactRequest::with_email("a@example.com"));
    let contacts = mock.client().users().contacts();
    let upsert = contacts.create_or_update(customer("usr_1", "a@example.com"));
    let response = upsert.send_with_response().await.unwrap();
    assert_eq!((response.status.as_u16(), &response.value.id), (200, &id));
    let found = contacts.by_user_id("usr_1").retrieve().await.unwrap();
    assert_eq!(found.id, id);
}

#[tokio::test]
async fn an_upsert_never_updates_a_lead() {
    let mock = MockServer::start().await;
    let lead = mock
        .store()
        .seed_lead(&UpsertContactRequest::with_email("l@example.com"));
    let contacts = mock.client().users().contacts();
    let upsert = UpsertContactRequest::with_email("l@example.com").name("Customer");
    let response = contacts
        .create_or_update(upsert)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(response.value.r#type, ContactType::Customer);
    let lead = contacts.retrieve(&lead).await.unwrap();
    assert_eq!((lead.r#type, lead.name.as_str()), (ContactType::Lead, "l"));
}

#[tokio::test]
async fn custom_fields_given_replace_the_stored_ones_as_a_whole() {
    let mock = MockServer::start().await;
    let fields = |pairs: &[(&str, &str)]| {
        let pairs = pairs.iter().map(|(k, v)| ((*k).to_owned(), json!(v)));
        pairs.collect::<BTreeMap<_, _>>()
    };
    let first = customer("usr_1", "a@example.com").custom_fields(fields(&[("plan", "pro")]));
    mock.store().seed_contact(&first);
    let second =
        UpsertContactRequest::with_user_id("usr_1").custom_fields(fields(&[("seats", "3")]));
    let contacts = mock.client().users().contacts();
    let contact = contacts.create_or_update(second).await.unwrap();
    assert_eq!(contact.custom_fields, Some(fields(&[("seats", "3")])));
}

#[tokio::test]
async fn embedded_companies_are_added_to_the_contacts_existing_links() {
    let mock = MockServer::start().await;
    let first = customer("usr_1", "a@example.com").companies(vec![embedded("comp_1", "One")]);
    mock.store().seed_contact(&first);
    let second =
        UpsertContactRequest::with_user_id("usr_1").companies(vec![embedded("comp_2", "Two")]);
    let contacts = mock.client().users().contacts();
    let contact = contacts.create_or_update(second).await.unwrap();
    assert_eq!(company_names(&contact), ["One", "Two"]);
}

#[tokio::test]
async fn a_contact_never_named_is_named_after_its_email_else_its_user_id() {
    let mock = MockServer::start().await;
    let contacts = mock.client().users().contacts();
    let by_email = UpsertContactRequest::with_email("ada.l@example.com");
    assert_eq!(
        contacts.create_or_update(by_email).await.unwrap().name,
        "ada.l"
    );
    let by_user_id = UpsertContactRequest::with_user_id("usr_7");
    let contact = contacts.create_or_update(by_user_id).await.unwrap();
    assert_eq!((contact.name.as_str(), contact.email), ("usr_7", None));
}
