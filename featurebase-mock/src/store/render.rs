//! Records as the API answers them: the spec's `Contact` and `Company` objects.

use serde_json::{Map, Value, json};

use super::state::{CompanyRecord, ContactRecord, State};

/// The organization every mock contact belongs to.
pub(crate) const ORGANIZATION_ID: &str = "000000000000000000000000";

/// The `Contact` fields an upsert may set that a contact shows as given; the others it
/// takes (`phone`, `userHash`, `createdAt`) are kept but not part of `Contact`.
const SHOWN_CONTACT_FIELDS: [&str; 5] = [
    "customFields",
    "locale",
    "profilePicture",
    "roles",
    "subscribedToChangelog",
];

/// The `Company` fields an upsert may set, shown as given (`null` until given).
const SHOWN_COMPANY_FIELDS: [&str; 6] = [
    "companySize",
    "customFields",
    "industry",
    "monthlySpend",
    "plan",
    "website",
];

pub(crate) fn contact(state: &State, record: &ContactRecord) -> Value {
    let companies = record.companies.iter();
    let companies: Vec<Value> = companies
        .filter_map(|id| state.companies.get(id))
        .map(|found| company(state, found))
        .collect();
    let mut object = json!({
        "object": "contact",
        "id": record.id,
        "type": record.kind.as_str(),
        "name": contact_name(record),
        "email": record.email,
        "companies": companies,
        "commentsCreated": 0,
        "postsCreated": 0,
        "customFields": {},
        "description": "",
        "lastActivity": record.last_activity,
        "locale": "en",
        "manuallyOptedOutFromChangelog": false,
        "organizationId": ORGANIZATION_ID,
        "profilePicture": null,
        "roles": [],
        "subscribedToChangelog": true,
        "verified": false,
    });
    let map = as_map(&mut object);
    if let Some(user_id) = &record.user_id {
        map.insert("userId".into(), user_id.as_str().into());
    }
    overlay(map, &record.fields, &SHOWN_CONTACT_FIELDS);
    object
}

pub(crate) fn company(state: &State, record: &CompanyRecord) -> Value {
    let mut object = json!({
        "object": "company",
        "id": record.id,
        "companyId": record.company_id,
        "name": record.name,
        "companySize": null,
        "customFields": {},
        "industry": null,
        "monthlySpend": null,
        "plan": null,
        "website": null,
        "linkedUsers": state.linked_users(&record.id),
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
        "lastActivity": record.updated_at,
    });
    overlay(as_map(&mut object), &record.fields, &SHOWN_COMPANY_FIELDS);
    object
}

/// A contact's name: as given, else the part of its email before `@`, else its user id.
fn contact_name(record: &ContactRecord) -> String {
    if let Some(Value::String(name)) = record.fields.get("name") {
        return name.clone();
    }
    let email = record
        .email
        .as_deref()
        .and_then(|email| email.split('@').next());
    email
        .or(record.user_id.as_deref())
        .unwrap_or_default()
        .to_owned()
}

fn overlay(object: &mut Map<String, Value>, fields: &Map<String, Value>, shown: &[&str]) {
    for key in shown {
        if let Some(value) = fields.get(*key) {
            object.insert((*key).to_owned(), value.clone());
        }
    }
}

fn as_map(value: &mut Value) -> &mut Map<String, Value> {
    value.as_object_mut().expect("built as an object")
}

/// The fields of a request body, by wire name.
pub(crate) fn fields_of(body: &impl serde::Serialize) -> Map<String, Value> {
    match serde_json::to_value(body) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}
