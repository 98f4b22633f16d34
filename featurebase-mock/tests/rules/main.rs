//! The documented semantics of the 20 operations, one test per rule, through the
//! generated client against the mock.

mod companies;
mod contacts;
mod email_preferences;
mod pagination;
mod records;

use featurebase_api::models::{
    Contact, ContactId, UpsertCompanyRequest, UpsertContactCompany, UpsertContactRequest,
};
use featurebase_api::runtime::Error;
use featurebase_mock::{MOCK_API_KEY, MockServer};
use serde_json::Value;

/// A customer identified by both `userId` and `email`.
fn customer(user_id: &str, email: &str) -> UpsertContactRequest {
    UpsertContactRequest::with_user_id_and_email(user_id, email)
}

/// A company embedded in a contact upsert.
fn embedded(company_id: &str, name: &str) -> UpsertContactCompany {
    UpsertContactCompany::new(company_id, name)
}

fn company(company_id: &str, name: &str) -> UpsertCompanyRequest {
    UpsertCompanyRequest::new(company_id, name)
}

fn seed_customer(mock: &MockServer, user_id: &str) -> ContactId {
    let email = format!("{user_id}@example.com");
    mock.store().seed_contact(&customer(user_id, &email))
}

/// The names of the contact's companies, in the order they were linked.
fn company_names(contact: &Contact) -> Vec<&str> {
    let companies = contact.companies.iter().flatten();
    companies.map(|company| company.name.as_str()).collect()
}

/// A customer (`usr_1`) and a lead, seeded.
fn customer_and_lead(mock: &MockServer) -> [ContactId; 2] {
    let lead = UpsertContactRequest::with_email("lead@example.com");
    [seed_customer(mock, "usr_1"), mock.store().seed_lead(&lead)]
}

/// The status and envelope code of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, String) {
    let error = result.expect_err("the call fails");
    let status = error
        .status()
        .map(|status| status.as_u16())
        .unwrap_or_default();
    (status, error.code().unwrap_or_default().to_owned())
}

/// A request the typed client would refuse to build, sent as JSON.
async fn raw(mock: &MockServer, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    let url = format!("{}{path}", mock.url());
    let request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(MOCK_API_KEY);
    let request = if body.is_null() {
        request
    } else {
        request.json(&body)
    };
    let response = request.send().await.expect("the mock answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}
