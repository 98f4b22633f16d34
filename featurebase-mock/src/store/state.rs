//! The records the mock keeps, and the lookups every operation shares.

use std::collections::BTreeMap;

use featurebase_api::models::ErrorType;
use jiff::fmt::temporal::DateTimePrinter;
use serde_json::{Map, Value};

use super::email_preferences::Preferences;
use crate::Reply;

/// Whether a contact is a customer or a lead, as `Contact.type` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Customer,
    Lead,
}

impl Kind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Lead => "lead",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ContactRecord {
    pub(crate) id: String,
    pub(crate) kind: Kind,
    pub(crate) user_id: Option<String>,
    pub(crate) email: Option<String>,
    /// The other fields as last given, by their wire names (`locale`, `roles`, ...).
    pub(crate) fields: Map<String, Value>,
    /// Internal ids of the linked companies, in the order they were linked.
    pub(crate) companies: Vec<String>,
    pub(crate) blocked: bool,
    pub(crate) preferences: Preferences,
    pub(crate) last_activity: String,
}

#[derive(Debug, Clone)]
pub(crate) struct CompanyRecord {
    pub(crate) id: String,
    pub(crate) company_id: String,
    pub(crate) name: String,
    /// The other fields as last given, by their wire names (`plan`, `website`, ...).
    pub(crate) fields: Map<String, Value>,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
}

/// Every contact and company, each map ordered by id, which is the order of creation.
#[derive(Debug, Default)]
pub(crate) struct State {
    last_id: u64,
    pub(crate) contacts: BTreeMap<String, ContactRecord>,
    pub(crate) companies: BTreeMap<String, CompanyRecord>,
}

impl State {
    /// A new 24-hex-digit id, ObjectId-like: from a counter, so runs are reproducible
    /// and ids sort in creation order.
    pub(crate) fn next_id(&mut self) -> String {
        self.last_id += 1;
        format!("{:024x}", self.last_id)
    }

    pub(crate) fn contact(&self, id: &str) -> Result<&ContactRecord, Reply> {
        self.contacts
            .get(id)
            .ok_or_else(|| not_found("Contact", "id"))
    }

    pub(crate) fn contact_mut(&mut self, id: &str) -> Result<&mut ContactRecord, Reply> {
        self.contacts
            .get_mut(id)
            .ok_or_else(|| not_found("Contact", "id"))
    }

    /// The customer whose external user id is `user_id`; leads are never found.
    pub(crate) fn customer_id_by_user_id(&self, user_id: &str) -> Result<String, Reply> {
        let found = self.contacts.values().find(|contact| {
            contact.kind == Kind::Customer && contact.user_id.as_deref() == Some(user_id)
        });
        found
            .map(|contact| contact.id.clone())
            .ok_or_else(|| not_found("Contact", "userId"))
    }

    /// The customer by its Featurebase id; a lead answers 404 like a missing contact.
    pub(crate) fn customer(&self, id: &str) -> Result<&ContactRecord, Reply> {
        match self.contact(id)? {
            contact if contact.kind == Kind::Customer => Ok(contact),
            _ => Err(not_found("Contact", "id")),
        }
    }

    pub(crate) fn company(&self, id: &str) -> Result<&CompanyRecord, Reply> {
        self.companies
            .get(id)
            .ok_or_else(|| not_found("Company", "id"))
    }

    pub(crate) fn company_by_external_id(&self, company_id: &str) -> Option<&CompanyRecord> {
        let mut companies = self.companies.values();
        companies.find(|company| company.company_id == company_id)
    }

    /// How many contacts the company is linked to.
    pub(crate) fn linked_users(&self, company: &str) -> usize {
        let contacts = self.contacts.values();
        contacts
            .filter(|contact| contact.companies.iter().any(|id| id == company))
            .count()
    }

    pub(crate) fn touch_company(&mut self, id: &str) {
        if let Some(company) = self.companies.get_mut(id) {
            company.updated_at = now();
        }
    }
}

/// 404 `resource_not_found` for a `what` that does not exist, naming the parameter.
pub(crate) fn not_found(what: &str, param: &str) -> Reply {
    let kind = ErrorType::InvalidRequestError;
    let message = format!("{what} not found");
    Reply::error(404, kind, "resource_not_found", message, Some(param))
}

/// The current time as the API writes it: RFC 3339 in UTC with milliseconds.
pub(crate) fn now() -> String {
    timestamp(jiff::Timestamp::now())
}

pub(crate) fn timestamp(instant: jiff::Timestamp) -> String {
    DateTimePrinter::new()
        .precision(Some(3))
        .timestamp_to_string(&instant)
}

/// A date-time given in a request (already validated), written as the API writes it.
pub(crate) fn normalized(value: &Value) -> Option<String> {
    let instant: jiff::Timestamp = value.as_str()?.parse().ok()?;
    Some(timestamp(instant))
}
