//! Seeding the mock and looking at it, from a test.

use featurebase_api::models::{CompanyId, ContactId, UpsertCompanyRequest, UpsertContactRequest};
use serde_json::Value;

use super::render::{self, fields_of};
use super::state::Kind;
use super::{Featurebase, companies, contacts};

impl Featurebase {
    /// Creates or updates a customer exactly as `POST /v2/contacts` would (matched by
    /// `userId`, else `email`; embedded companies created and linked), and returns its id.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use featurebase_api::models::{UpsertContactCompany, UpsertContactRequest};
    /// use featurebase_mock::MockServer;
    ///
    /// let mock = MockServer::start().await;
    /// let company = UpsertContactCompany::new("comp_1", "Acme Inc");
    /// let ada = UpsertContactRequest::with_user_id_and_email("usr_1", "ada@example.com")
    ///     .companies(vec![company]);
    /// let id = mock.store().seed_contact(&ada);
    /// let contact = mock.client().users().contacts().retrieve(&id).await.unwrap();
    /// assert_eq!(contact.companies.unwrap()[0].name, "Acme Inc");
    /// # }
    /// ```
    pub fn seed_contact(&self, contact: &UpsertContactRequest) -> ContactId {
        let upserted = contacts::upsert(&mut self.state(), contact, Kind::Customer);
        ContactId::new(upserted.id)
    }

    /// Creates a lead (an anonymous visitor, which the API cannot create) from the same
    /// fields as an upsert, and returns its id. Leads are never matched by an upsert, so
    /// each call creates one.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use featurebase_api::models::{ContactTypeFilter, UpsertContactRequest};
    /// use featurebase_mock::MockServer;
    ///
    /// let mock = MockServer::start().await;
    /// mock.store().seed_lead(&UpsertContactRequest::with_email("visitor@example.com"));
    /// let contacts = mock.client().users().contacts();
    /// let leads = contacts.list().contact_type(ContactTypeFilter::Lead).await.unwrap();
    /// assert_eq!(leads.data.len(), 1);
    /// assert!(contacts.list().await.unwrap().data.is_empty(), "customers only by default");
    /// # }
    /// ```
    pub fn seed_lead(&self, lead: &UpsertContactRequest) -> ContactId {
        let upserted = contacts::upsert(&mut self.state(), lead, Kind::Lead);
        ContactId::new(upserted.id)
    }

    /// Creates or updates a company exactly as `POST /v2/companies` would, and returns
    /// its Featurebase id.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use featurebase_api::models::UpsertCompanyRequest;
    /// use featurebase_mock::MockServer;
    ///
    /// let mock = MockServer::start().await;
    /// let id = mock.store().seed_company(&UpsertCompanyRequest::new("comp_1", "Acme Inc"));
    /// let company = mock.client().users().companies().retrieve(&id).await.unwrap();
    /// assert_eq!(company.company_id, "comp_1");
    /// # }
    /// ```
    pub fn seed_company(&self, company: &UpsertCompanyRequest) -> CompanyId {
        let mut state = self.state();
        let (id, _) =
            companies::upsert(&mut state, company.company_id.as_str(), fields_of(company));
        CompanyId::new(id)
    }

    /// Every contact (customers and leads), oldest first, as the API shows a `Contact`.
    pub fn contacts(&self) -> Vec<Value> {
        let state = self.state();
        let contacts = state.contacts.values();
        contacts
            .map(|contact| render::contact(&state, contact))
            .collect()
    }

    /// Every company, oldest first, as the API shows a `Company`.
    pub fn companies(&self) -> Vec<Value> {
        let state = self.state();
        let companies = state.companies.values();
        companies
            .map(|company| render::company(&state, company))
            .collect()
    }

    /// Whether the contact is blocked (which a `Contact` does not show); `None` when
    /// there is no such contact.
    pub fn is_blocked(&self, id: &ContactId) -> Option<bool> {
        let state = self.state();
        state
            .contacts
            .get(id.as_str())
            .map(|contact| contact.blocked)
    }
}
