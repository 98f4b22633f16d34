//! Companies: the upsert by `companyId`, deletes that unlink, attach and remove.

use featurebase_api::models::{AttachContactRequest, ContactType, UpsertContactRequest};
use featurebase_api::runtime::Timestamp;
use featurebase_mock::MockServer;

use super::{company, company_names, customer, embedded, failure, seed_customer};

#[tokio::test]
async fn a_company_upsert_is_keyed_by_company_id_201_then_200() {
    let mock = MockServer::start().await;
    let companies = mock.client().users().companies();
    let created_at: Timestamp = "2024-01-15T10:30:00Z".parse().unwrap();
    let first = company("comp_1", "Acme")
        .created_at(created_at)
        .industry("Tech")
        .website("https://acme.com");
    let second = company("comp_1", "Acme Inc").monthly_spend(500);
    let mut statuses = Vec::new();
    let mut answers = Vec::new();
    for body in [first, second] {
        let response = companies.create_or_update(body).send_with_response();
        let response = response.await.unwrap();
        statuses.push(response.status.as_u16());
        answers.push(response.value);
    }
    assert_eq!(statuses, [201, 200]);
    let [created, updated] = <[_; 2]>::try_from(answers).unwrap();
    assert_eq!(created.id, updated.id);
    assert_eq!(updated.name, "Acme Inc");
    assert_eq!(updated.industry.as_deref(), Some("Tech"), "kept");
    assert_eq!(updated.monthly_spend.and_then(|n| n.as_i64()), Some(500));
    assert_eq!(updated.linked_users, Some(0));
    assert_eq!(updated.created_at, Some(created_at), "the createdAt given");
    let fetched = companies.retrieve(&created.id).await.unwrap();
    assert_eq!(fetched.name, "Acme Inc");
}

#[tokio::test]
async fn attach_is_additive_and_counts_linked_users_once() {
    let mock = MockServer::start().await;
    let first = customer("usr_1", "a@example.com").companies(vec![embedded("comp_1", "One")]);
    let contact = mock.store().seed_contact(&first);
    let two = mock.store().seed_company(&company("comp_2", "Two"));
    let companies = mock.client().users().companies();
    let attach = || {
        companies
            .contacts(&two)
            .attach(AttachContactRequest::new(&contact))
    };
    let attached = attach().await.unwrap();
    assert_eq!(company_names(&attached), ["One", "Two"]);
    attach().await.unwrap();
    let two = companies.retrieve(&two).await.unwrap();
    assert_eq!(two.linked_users, Some(1));
}

#[tokio::test]
async fn attach_and_remove_answer_404_for_a_missing_company_or_contact() {
    let mock = MockServer::start().await;
    let contact = seed_customer(&mock, "usr_1");
    let company = mock.store().seed_company(&company("comp_1", "One"));
    let missing = "0000000000000000000000ff";
    let companies = mock.client().users().companies();
    let no_company = companies
        .contacts(missing)
        .attach(AttachContactRequest::new(&contact));
    assert_eq!(failure(no_company.await).0, 404);
    let no_contact = companies
        .contacts(&company)
        .attach(AttachContactRequest::new(missing));
    assert_eq!(failure(no_contact.await).0, 404);
    assert_eq!(
        failure(companies.contacts(missing).remove(&contact).await).0,
        404
    );
    assert_eq!(
        failure(companies.contacts(&company).remove(missing).await).0,
        404
    );
}

#[tokio::test]
async fn remove_unlinks_and_decrements_then_refuses_a_contact_not_attached() {
    let mock = MockServer::start().await;
    let upsert = customer("usr_1", "a@example.com").companies(vec![embedded("comp_1", "One")]);
    let contact = mock.store().seed_contact(&upsert);
    let companies = mock.client().users().companies();
    let id = companies.list().await.unwrap().data[0].id.clone();
    let removed = companies.contacts(&id).remove(&contact).await.unwrap();
    assert_eq!(removed.companies, Some(vec![]));
    assert_eq!(companies.retrieve(&id).await.unwrap().linked_users, Some(0));
    let again = companies.contacts(&id).remove(&contact).await;
    assert_eq!(failure(again), (400, "contact_not_attached".into()));
}

#[tokio::test]
async fn deleting_a_company_unlinks_it_from_its_contacts() {
    let mock = MockServer::start().await;
    let both = vec![embedded("comp_1", "One"), embedded("comp_2", "Two")];
    let contact = mock
        .store()
        .seed_contact(&customer("usr_1", "a@example.com").companies(both));
    let companies = mock.client().users().companies();
    let one = companies.list().await.unwrap().data[0].id.clone();
    assert_eq!(companies.delete(&one).await.unwrap().id, one);
    assert_eq!(failure(companies.retrieve(&one).await).0, 404);
    let deleted = companies.delete_by_company_id("comp_2").await.unwrap();
    let contacts = mock.client().users().contacts();
    assert_eq!(
        contacts.retrieve(&contact).await.unwrap().companies,
        Some(vec![])
    );
    assert_eq!(failure(companies.retrieve(&deleted.id).await).0, 404);
    assert_eq!(
        failure(companies.delete_by_company_id("comp_2").await).0,
        404
    );
}

#[tokio::test]
async fn a_company_lists_its_customers_only() {
    let mock = MockServer::start().await;
    let acme = || vec![embedded("comp_1", "Acme")];
    let customer_id = mock
        .store()
        .seed_contact(&customer("usr_1", "a@example.com").companies(acme()));
    let lead = UpsertContactRequest::with_email("l@example.com").companies(acme());
    mock.store().seed_lead(&lead);
    seed_customer(&mock, "usr_unlinked");
    let companies = mock.client().users().companies();
    let id = companies.list().await.unwrap().data[0].id.clone();
    let listed = companies.contacts(&id).list().await.unwrap();
    let ids: Vec<_> = listed.data.iter().map(|contact| &contact.id).collect();
    assert_eq!(ids, [&customer_id]);
    let company = companies.retrieve(&id).await.unwrap();
    assert_eq!(company.linked_users, Some(2), "the lead is counted");
    let missing = companies.contacts("0000000000000000000000ff").list().await;
    assert_eq!(failure(missing).0, 404);
}

#[tokio::test]
async fn attach_accepts_a_lead() {
    let mock = MockServer::start().await;
    let lead = mock
        .store()
        .seed_lead(&UpsertContactRequest::with_email("l@example.com"));
    let id = mock.store().seed_company(&company("comp_1", "One"));
    let companies = mock.client().users().companies();
    let attached = companies
        .contacts(&id)
        .attach(AttachContactRequest::new(&lead))
        .await;
    let attached = attached.unwrap();
    assert_eq!(attached.r#type, ContactType::Lead);
    assert_eq!(attached.companies.map(|linked| linked.len()), Some(1));
}
