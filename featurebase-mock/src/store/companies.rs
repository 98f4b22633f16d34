//! Companies: upsert (alone or embedded in a contact upsert), deletes, list, and the
//! links between companies and contacts.

use featurebase_api::models::{ErrorType, UpsertCompanyRequest, UpsertContactCompany};
use serde_json::{Map, Value, json};

use super::contacts::rendered;
use super::pages::PageRequest;
use super::render::{self, fields_of};
use super::state::{CompanyRecord, Kind, State, normalized, not_found, now};
use crate::Reply;

/// Creates or updates the company of external id `companyId`; 201 when created.
pub(crate) fn upsert_reply(state: &mut State, body: &UpsertCompanyRequest) -> Reply {
    let (id, created) = upsert(state, body.company_id.as_str(), fields_of(body));
    let company = render::company(state, &state.companies[&id]);
    Reply::json(if created { 201 } else { 200 }, &company)
}

/// The company a contact upsert names by its external `id`, created or updated.
pub(crate) fn upsert_embedded(state: &mut State, company: &UpsertContactCompany) -> String {
    let mut fields = fields_of(company);
    fields.remove("companyHash");
    upsert(state, company.id.as_str(), fields).0
}

/// The internal id of the company, and whether it was created. `fields` are by wire
/// name; those given replace the stored ones, the others are kept.
pub(crate) fn upsert(
    state: &mut State,
    company_id: &str,
    mut fields: Map<String, Value>,
) -> (String, bool) {
    let found = state
        .company_by_external_id(company_id)
        .map(|c| c.id.clone());
    let created = found.is_none();
    let id = found.unwrap_or_else(|| create(state, company_id));
    let company = state.companies.get_mut(&id).expect("found or just created");
    for key in ["id", "companyId"] {
        fields.remove(key);
    }
    if let Some(Value::String(name)) = fields.remove("name") {
        company.name = name;
    }
    if let Some(created_at) = fields.remove("createdAt").as_ref().and_then(normalized) {
        company.created_at = created_at;
    }
    company.fields.extend(fields);
    company.updated_at = now();
    (id, created)
}

pub(crate) fn get(state: &State, id: &str) -> Result<Reply, Reply> {
    let company = state.company(id)?;
    Ok(Reply::json(200, &render::company(state, company)))
}

/// Deletes the company and unlinks it from every contact.
pub(crate) fn delete(state: &mut State, id: &str) -> Result<Reply, Reply> {
    state
        .companies
        .remove(id)
        .ok_or_else(|| not_found("Company", "id"))?;
    for contact in state.contacts.values_mut() {
        contact.companies.retain(|linked| linked != id);
    }
    let deleted = json!({"id": id, "object": "company", "deleted": true});
    Ok(Reply::json(200, &deleted))
}

pub(crate) fn delete_by_company_id(state: &mut State, company_id: &str) -> Result<Reply, Reply> {
    let found = state.company_by_external_id(company_id);
    let id = found.map(|company| company.id.clone());
    let id = id.ok_or_else(|| not_found("Company", "companyId"))?;
    delete(state, &id)
}

pub(crate) fn list(state: &State, page: &PageRequest) -> Reply {
    let companies = state.companies.values();
    page.reply(companies.map(|company| (company.id.as_str(), render::company(state, company))))
}

/// The customers linked to the company.
pub(crate) fn contacts(state: &State, id: &str, page: &PageRequest) -> Result<Reply, Reply> {
    state.company(id)?;
    let contacts = state.contacts.values().filter(|contact| {
        contact.kind == Kind::Customer && contact.companies.iter().any(|linked| linked == id)
    });
    let rendered = contacts.map(|contact| (contact.id.as_str(), render::contact(state, contact)));
    Ok(page.reply(rendered))
}

/// Links the contact to the company (a no-op when already linked); the updated contact.
pub(crate) fn attach(state: &mut State, id: &str, contact: &str) -> Result<Reply, Reply> {
    state.company(id)?;
    state.contact(contact).map_err(|_| contact_not_found())?;
    link(state, id, contact);
    Ok(Reply::json(200, &rendered(state, contact)))
}

/// Unlinks the contact from the company; 400 when it was not linked.
pub(crate) fn remove(state: &mut State, id: &str, contact: &str) -> Result<Reply, Reply> {
    state.company(id)?;
    let record = state
        .contact_mut(contact)
        .map_err(|_| contact_not_found())?;
    let before = record.companies.len();
    record.companies.retain(|linked| linked != id);
    if record.companies.len() == before {
        return Err(not_attached());
    }
    state.touch_company(id);
    Ok(Reply::json(200, &rendered(state, contact)))
}

pub(crate) fn link(state: &mut State, company: &str, contact: &str) {
    let Some(record) = state.contacts.get_mut(contact) else {
        return;
    };
    if !record.companies.iter().any(|linked| linked == company) {
        record.companies.push(company.to_owned());
        state.touch_company(company);
    }
}

fn create(state: &mut State, company_id: &str) -> String {
    let id = state.next_id();
    let stamp = now();
    let company = CompanyRecord {
        id: id.clone(),
        company_id: company_id.to_owned(),
        name: String::new(),
        fields: Map::new(),
        created_at: stamp.clone(),
        updated_at: stamp,
    };
    state.companies.insert(id.clone(), company);
    id
}

fn contact_not_found() -> Reply {
    not_found("Contact", "contactId")
}

fn not_attached() -> Reply {
    let kind = ErrorType::InvalidRequestError;
    let message = "Contact is not attached to this company";
    Reply::error(
        400,
        kind,
        "contact_not_attached",
        message,
        Some("contactId"),
    )
}
