//! `users.companies` and `users.companies.contacts`: companies and the contacts attached to them.

use featurebase_api::models::{AttachContactRequest, DeletedCompanyObject, UpsertCompanyRequest};
use featurebase_api::operations::{
    AttachContactToCompany, DeleteCompanyByCompanyId, DeleteCompanyById, GetCompanyById,
    ListCompanies, ListCompanyContacts, RemoveContactFromCompany, UpsertCompany,
};
use featurebase_api::runtime::{Operation, True};
use serde_json::json;

use super::mock::{Expect, MockApi};
use super::spec::{request_examples, success_examples};
use super::{
    ATTACHED_CONTACT_ID, COMPANY_ID, EXTERNAL_COMPANY_ID, NEXT_CURSOR, assert_200_and_201_alike,
    assert_company, assert_contact, assert_contact_page, custom_fields, timestamp,
};

pub(super) const OPERATIONS: &[&Operation] = &[
    &ListCompanies::OPERATION,
    &UpsertCompany::OPERATION,
    &GetCompanyById::OPERATION,
    &DeleteCompanyById::OPERATION,
    &DeleteCompanyByCompanyId::OPERATION,
    &ListCompanyContacts::OPERATION,
    &AttachContactToCompany::OPERATION,
    &RemoveContactFromCompany::OPERATION,
];

#[tokio::test]
async fn list_companies_without_then_with_every_parameter() {
    for example in success_examples(&ListCompanies::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().companies().list();
        let page = api.send(request, Expect::get("/v2/companies")).await;
        let documented = example.body["data"].as_array().expect("documented data");
        assert_eq!(page.data.len(), documented.len());
        for (company, documented) in page.data.iter().zip(documented) {
            assert_company(company, documented);
        }
        assert_eq!(page.data[0].name, "Acme Inc");
        let cursor = page.next_cursor.clone().expect("a next page");
        assert_eq!(cursor, NEXT_CURSOR);

        let request = api
            .client()
            .users()
            .companies()
            .list()
            .limit(50)
            .cursor(&cursor);
        let expected = Expect::get("/v2/companies").query(format!("limit=50&cursor={cursor}"));
        assert_eq!(api.send(request, expected).await, page);
    }
}

#[tokio::test]
async fn upsert_company_sends_each_documented_body() {
    let mut decoded = Vec::new();
    for example in success_examples(&UpsertCompany::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        for (name, body) in request_examples(&UpsertCompany::OPERATION) {
            let request = api
                .client()
                .users()
                .companies()
                .create_or_update(upsert_company_request(&name));
            let expected = Expect::post("/v2/companies").json(body);
            let response = api.send(request.send_with_response(), expected).await;
            assert_eq!(response.status.as_u16(), example.status);
            let company = response.value;
            assert_company(&company, &example.body);
            assert_eq!(company.company_id.as_str(), EXTERNAL_COMPANY_ID);
            assert_eq!(company.company_size, Some(250));
            decoded.push((example.clone(), company));
        }
    }
    assert_200_and_201_alike(&decoded);
}

/// The documented request example `name`, built with the request models.
fn upsert_company_request(name: &str) -> UpsertCompanyRequest {
    let company = UpsertCompanyRequest::new("comp_12345", "Acme Inc");
    match name {
        "endpointDescription" => company
            .monthly_spend(5000)
            .industry("Technology")
            .website("https://acme.com")
            .plan("enterprise")
            .company_size(250)
            .custom_fields(custom_fields(json!({"region": "EMEA", "tier": "gold"}))),
        "sdkReference" => company
            .company_size(250)
            .created_at(timestamp("2024-01-15T10:30:00Z"))
            .industry("Technology")
            .monthly_spend(5000)
            .plan("enterprise")
            .website("https://acme.com"),
        other => panic!("no request model for the documented example `{other}`"),
    }
}

#[tokio::test]
async fn get_company_by_id() {
    for example in success_examples(&GetCompanyById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().companies().retrieve(COMPANY_ID);
        let expected = Expect::get(format!("/v2/companies/{COMPANY_ID}"));
        let company = api.send(request, expected).await;
        assert_company(&company, &example.body);
        assert_eq!(company.id.as_str(), COMPANY_ID);
        assert_eq!(company.linked_users, Some(15));
    }
}

#[tokio::test]
async fn delete_company_by_id() {
    for example in success_examples(&DeleteCompanyById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().companies().delete(COMPANY_ID);
        let expected = Expect::delete(format!("/v2/companies/{COMPANY_ID}"));
        let deleted = api.send(request, expected).await;
        assert_eq!(deleted.id.as_str(), "507f1f77bcf86cd799439011");
        assert_eq!(deleted.object, DeletedCompanyObject::Company);
        assert_eq!(deleted.deleted, True);
    }
}

#[tokio::test]
async fn delete_company_by_company_id() {
    for example in success_examples(&DeleteCompanyByCompanyId::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api
            .client()
            .users()
            .companies()
            .delete_by_company_id(EXTERNAL_COMPANY_ID);
        let expected = Expect::delete(format!("/v2/companies/by-company-id/{EXTERNAL_COMPANY_ID}"));
        let deleted = api.send(request, expected).await;
        // The Featurebase ID of the company, not the external one in the path.
        assert_eq!(deleted.id.as_str(), "507f1f77bcf86cd799439011");
        assert_eq!(deleted.object, DeletedCompanyObject::Company);
        assert_eq!(deleted.deleted, True);
    }
}

#[tokio::test]
async fn list_company_contacts_without_then_with_every_parameter() {
    let path = format!("/v2/companies/{COMPANY_ID}/contacts");
    for example in success_examples(&ListCompanyContacts::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api.client().users().companies().contacts(COMPANY_ID).list();
        let page = api.send(request, Expect::get(&path)).await;
        assert_contact_page(&page, &example.body);
        assert_eq!(page.data[0].id.as_str(), "676f0f6765bdaa7d7d760f88");
        let cursor = page.next_cursor.clone().expect("a next page");
        assert_eq!(cursor, NEXT_CURSOR);

        let request = api
            .client()
            .users()
            .companies()
            .contacts(COMPANY_ID)
            .list()
            .limit(50)
            .cursor(&cursor);
        let expected = Expect::get(&path).query(format!("limit=50&cursor={cursor}"));
        assert_eq!(api.send(request, expected).await, page);
    }
}

#[tokio::test]
async fn attach_contact_to_company() {
    for example in success_examples(&AttachContactToCompany::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        for (_, body) in request_examples(&AttachContactToCompany::OPERATION) {
            let request = api
                .client()
                .users()
                .companies()
                .contacts(COMPANY_ID)
                .attach(AttachContactRequest::new(ATTACHED_CONTACT_ID));
            let expected = Expect::post(format!("/v2/companies/{COMPANY_ID}/contacts")).json(body);
            let contact = api.send(request, expected).await;
            // Also checks that the companies documented with only `object`, `id`, `companyId`
            // and `name` decode, their other fields as `None`.
            assert_contact(&contact, &example.body);
            let companies = contact.companies.expect("the contact's companies");
            assert_eq!(companies[0].company_id.as_str(), EXTERNAL_COMPANY_ID);
        }
    }
}

#[tokio::test]
async fn remove_contact_from_company() {
    for example in success_examples(&RemoveContactFromCompany::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api
            .client()
            .users()
            .companies()
            .contacts(COMPANY_ID)
            .remove(ATTACHED_CONTACT_ID);
        let expected = Expect::delete(format!(
            "/v2/companies/{COMPANY_ID}/contacts/{ATTACHED_CONTACT_ID}"
        ));
        let contact = api.send(request, expected).await;
        assert_contact(&contact, &example.body);
    }
}
