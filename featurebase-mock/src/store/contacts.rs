//! Contacts: upsert, lookups, deletes, block and list.

use featurebase_api::models::{
    ContactTypeFilter, UpsertContactRequest, UpsertContactRequestIdentity,
};
use serde_json::{Value, json};

use super::companies;
use super::pages::PageRequest;
use super::render::{self, fields_of};
use super::state::{ContactRecord, Kind, State, not_found, now};
use crate::Reply;

/// What an upsert did: the contact's id, and whether it was created.
pub(crate) struct Upserted {
    pub(crate) id: String,
    pub(crate) created: bool,
}

/// Creates or updates a contact of `kind` from an upsert body: see [`find_customer`].
/// Leads are never matched, so seeding a lead always creates one.
pub(crate) fn upsert(state: &mut State, body: &UpsertContactRequest, kind: Kind) -> Upserted {
    let (user_id, email) = identity(&body.identity);
    let found = match kind {
        Kind::Customer => find_customer(state, user_id, email),
        Kind::Lead => None,
    };
    let created = found.is_none();
    let id = found.unwrap_or_else(|| create(state, kind));
    let mut fields = fields_of(body);
    for key in ["userId", "email", "companies"] {
        fields.remove(key);
    }
    let contact = state.contacts.get_mut(&id).expect("found or just created");
    if let Some(user_id) = user_id {
        contact.user_id = Some(user_id.to_owned());
    }
    if let Some(email) = email {
        contact.email = Some(email.to_owned());
    }
    contact.fields.extend(fields);
    contact.last_activity = now();
    for company in body.companies.iter().flatten() {
        let company = companies::upsert_embedded(state, company);
        companies::link(state, &company, &id);
    }
    Upserted { id, created }
}

pub(crate) fn upsert_reply(state: &mut State, body: &UpsertContactRequest) -> Reply {
    let upserted = upsert(state, body, Kind::Customer);
    let status = if upserted.created { 201 } else { 200 };
    Reply::json(status, &rendered(state, &upserted.id))
}

pub(crate) fn get(state: &State, id: &str) -> Result<Reply, Reply> {
    let contact = state.contact(id)?;
    Ok(Reply::json(200, &render::contact(state, contact)))
}

pub(crate) fn delete(state: &mut State, id: &str) -> Result<Reply, Reply> {
    state
        .contacts
        .remove(id)
        .ok_or_else(|| not_found("Contact", "id"))?;
    let deleted = json!({"id": id, "object": "contact", "deleted": true});
    Ok(Reply::json(200, &deleted))
}

/// Sets whether the contact is blocked; answers `{"id", "object", <flag>: true}`.
pub(crate) fn set_blocked(
    state: &mut State,
    id: &str,
    blocked: bool,
    flag: &str,
) -> Result<Reply, Reply> {
    state.contact_mut(id)?.blocked = blocked;
    let mut answer = json!({"id": id, "object": "contact"});
    answer[flag] = true.into();
    Ok(Reply::json(200, &answer))
}

pub(crate) fn list(state: &State, filter: Option<ContactTypeFilter>, page: &PageRequest) -> Reply {
    let wanted = |contact: &&ContactRecord| match filter.unwrap_or(ContactTypeFilter::Customer) {
        ContactTypeFilter::Lead => contact.kind == Kind::Lead,
        ContactTypeFilter::All => true,
        _ => contact.kind == Kind::Customer,
    };
    let contacts = state.contacts.values().filter(wanted);
    page.reply(contacts.map(|contact| (contact.id.as_str(), render::contact(state, contact))))
}

pub(crate) fn rendered(state: &State, id: &str) -> Value {
    let contact = &state.contacts[id];
    render::contact(state, contact)
}

fn identity(identity: &UpsertContactRequestIdentity) -> (Option<&str>, Option<&str>) {
    match identity {
        UpsertContactRequestIdentity::UserIdAndEmail { user_id, email } => {
            (Some(user_id.as_str()), Some(email.as_str()))
        }
        UpsertContactRequestIdentity::UserId { user_id } => (Some(user_id.as_str()), None),
        UpsertContactRequestIdentity::Email { email } => (None, Some(email.as_str())),
        _ => (None, None),
    }
}

/// The customer an upsert updates: by `userId`, else by `email` (ignoring case) among
/// customers without a user id; without a `userId`, by `email` among all customers.
fn find_customer(state: &State, user_id: Option<&str>, email: Option<&str>) -> Option<String> {
    let customers = || state.contacts.values().filter(|c| c.kind == Kind::Customer);
    let has_email = |contact: &&ContactRecord| {
        let known = contact.email.as_deref();
        email.is_some_and(|email| known.is_some_and(|known| known.eq_ignore_ascii_case(email)))
    };
    let found = match user_id {
        Some(user_id) => customers()
            .find(|contact| contact.user_id.as_deref() == Some(user_id))
            .or_else(|| customers().find(|c| c.user_id.is_none() && has_email(c))),
        None => customers().find(has_email),
    };
    found.map(|contact| contact.id.clone())
}

fn create(state: &mut State, kind: Kind) -> String {
    let id = state.next_id();
    let contact = ContactRecord {
        id: id.clone(),
        kind,
        user_id: None,
        email: None,
        fields: Default::default(),
        companies: Vec::new(),
        blocked: false,
        preferences: Default::default(),
        last_activity: now(),
    };
    state.contacts.insert(id.clone(), contact);
    id
}
