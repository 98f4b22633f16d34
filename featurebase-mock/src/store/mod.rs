//! [`Featurebase`]: the mock's state, and its answer to each operation.

mod companies;
mod contacts;
mod email_preferences;
mod pages;
mod render;
mod seed;
mod state;

use std::sync::{Mutex, MutexGuard, PoisonError};

use pages::PageRequest;
use state::State;

use crate::{Api, Reply, requests};

/// The mock's contacts and companies, behind the [`Api`] of every documented operation.
///
/// Every operation works on this state under one lock, so each request is atomic.
/// Seed it, or look at it, through [`MockServer::store`](crate::MockServer::store).
#[derive(Debug, Default)]
pub struct Featurebase {
    state: Mutex<State>,
}

impl Featurebase {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `answer` on the state; an `Err` is an error reply.
    fn answer(&self, answer: impl FnOnce(&mut State) -> Result<Reply, Reply>) -> Reply {
        answer(&mut self.state()).unwrap_or_else(|error| error)
    }

    /// Answers with the customer whose external user id is `user_id`.
    fn by_user_id(
        &self,
        user_id: &str,
        answer: impl FnOnce(&mut State, &str) -> Result<Reply, Reply>,
    ) -> Reply {
        self.answer(|state| {
            let id = state.customer_id_by_user_id(user_id)?;
            answer(state, &id)
        })
    }
}

impl Api for Featurebase {
    async fn upsert_contact(&self, request: requests::UpsertContact) -> Reply {
        contacts::upsert_reply(&mut self.state(), &request.body)
    }

    async fn get_contact_by_id(&self, request: requests::GetContactById) -> Reply {
        self.answer(|state| contacts::get(state, request.id.as_str()))
    }

    async fn delete_contact_by_id(&self, request: requests::DeleteContactById) -> Reply {
        self.answer(|state| contacts::delete(state, request.id.as_str()))
    }

    async fn get_contact_by_user_id(&self, request: requests::GetContactByUserId) -> Reply {
        self.by_user_id(request.user_id.as_str(), |state, id| {
            contacts::get(state, id)
        })
    }

    async fn delete_contact_by_user_id(&self, request: requests::DeleteContactByUserId) -> Reply {
        self.by_user_id(request.user_id.as_str(), contacts::delete)
    }

    async fn block_contact_by_id(&self, request: requests::BlockContactById) -> Reply {
        let id = request.id.as_str();
        self.answer(|state| contacts::set_blocked(state, id, true, "blocked"))
    }

    async fn unblock_contact_by_id(&self, request: requests::UnblockContactById) -> Reply {
        let id = request.id.as_str();
        self.answer(|state| contacts::set_blocked(state, id, false, "unblocked"))
    }

    async fn list_contacts(&self, request: requests::ListContacts) -> Reply {
        self.answer(|state| {
            let page = PageRequest::new(request.limit, request.cursor.as_deref())?;
            Ok(contacts::list(state, request.contact_type, &page))
        })
    }

    async fn get_contact_email_preferences_by_id(
        &self,
        request: requests::GetContactEmailPreferencesById,
    ) -> Reply {
        self.answer(|state| email_preferences::get(state, request.id.as_str()))
    }

    async fn update_contact_email_preferences_by_id(
        &self,
        request: requests::UpdateContactEmailPreferencesById,
    ) -> Reply {
        let patch = &request.body.preferences;
        self.answer(|state| email_preferences::update(state, request.id.as_str(), patch))
    }

    async fn get_contact_email_preferences_by_user_id(
        &self,
        request: requests::GetContactEmailPreferencesByUserId,
    ) -> Reply {
        self.by_user_id(request.user_id.as_str(), |state, id| {
            email_preferences::get(state, id)
        })
    }

    async fn update_contact_email_preferences_by_user_id(
        &self,
        request: requests::UpdateContactEmailPreferencesByUserId,
    ) -> Reply {
        let patch = &request.body.preferences;
        self.by_user_id(request.user_id.as_str(), |state, id| {
            email_preferences::update(state, id, patch)
        })
    }

    async fn upsert_company(&self, request: requests::UpsertCompany) -> Reply {
        companies::upsert_reply(&mut self.state(), &request.body)
    }

    async fn get_company_by_id(&self, request: requests::GetCompanyById) -> Reply {
        self.answer(|state| companies::get(state, request.id.as_str()))
    }

    async fn delete_company_by_id(&self, request: requests::DeleteCompanyById) -> Reply {
        self.answer(|state| companies::delete(state, request.id.as_str()))
    }

    async fn delete_company_by_company_id(
        &self,
        request: requests::DeleteCompanyByCompanyId,
    ) -> Reply {
        let company_id = request.company_id.as_str();
        self.answer(|state| companies::delete_by_company_id(state, company_id))
    }

    async fn list_companies(&self, request: requests::ListCompanies) -> Reply {
        self.answer(|state| {
            let page = PageRequest::new(request.limit, request.cursor.as_deref())?;
            Ok(companies::list(state, &page))
        })
    }

    async fn list_company_contacts(&self, request: requests::ListCompanyContacts) -> Reply {
        self.answer(|state| {
            let page = PageRequest::new(request.limit, request.cursor.as_deref())?;
            companies::contacts(state, request.id.as_str(), &page)
        })
    }

    async fn attach_contact_to_company(&self, request: requests::AttachContactToCompany) -> Reply {
        let contact = request.body.contact_id.as_str();
        self.answer(|state| companies::attach(state, request.id.as_str(), contact))
    }

    async fn remove_contact_from_company(
        &self,
        request: requests::RemoveContactFromCompany,
    ) -> Reply {
        let contact = request.contact_id.as_str();
        self.answer(|state| companies::remove(state, request.id.as_str(), contact))
    }
}
