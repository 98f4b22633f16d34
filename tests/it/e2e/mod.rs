//! End-to-end tests of the generated client against a local wiremock server.
//!
//! Every operation is called through the resource tree (`client.users().contacts()...`) of a
//! client built with `Client::builder("test-key").base_url(server.uri())`. The server answers
//! with each success example the spec documents for the operation; the test then checks the
//! request the server received (method, exact path, query string, headers, JSON body) and a few
//! fields of the decoded response. `every_operation_of_the_spec_is_exercised` keeps the tests
//! in step with the spec.

mod companies;
mod contacts;
mod email_preferences;
mod mock;
mod spec;
mod transport;

use std::collections::BTreeMap;
use std::fmt;

use featurebase_api::models::{
    Company, CompanyObject, Contact, ContactObject, ContactType, UserId,
};
use featurebase_api::runtime::{Method, Operation, Page, Timestamp};
use serde_json::{Value, json};

use self::spec::Example;

// Path parameters: the examples the spec gives for them, all different so a swap shows.
const CONTACT_ID: &str = "676f0f6765bdaa7d7d760f88";
const USER_ID: &str = "usr_12345";
const COMPANY_ID: &str = "507f1f77bcf86cd799439011";
const EXTERNAL_COMPANY_ID: &str = "comp_12345";
const ATTACHED_CONTACT_ID: &str = "507f1f77bcf86cd799439012";

/// The `nextCursor` of every documented page.
const NEXT_CURSOR: &str = "eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9";

/// The operations the modules exercise, each with its own test(s).
fn exercised() -> impl Iterator<Item = &'static Operation> {
    [
        contacts::OPERATIONS,
        email_preferences::OPERATIONS,
        companies::OPERATIONS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Every operation of `spec` by id, with its method and path.
fn documented_operations(spec: &Value) -> BTreeMap<String, String> {
    let operations = spec::operations_of(spec).into_iter();
    let placed =
        |op: spec::SpecOperation<'_>| (op.id.to_owned(), format!("{} {}", op.method, op.path));
    operations.map(placed).collect()
}

/// What to add for the tests to exercise every operation of `spec`, if anything.
fn coverage_gaps(spec: &Value) -> Option<String> {
    let tested = exercised()
        .map(|operation| operation.id.to_owned())
        .collect();
    crate::coverage::gaps(
        "operation",
        &documented_operations(spec),
        &tested,
        "call it through the client in a module of tests/it/e2e/ (as contacts.rs does) and \
         list its `OPERATION` in that module's `OPERATIONS`",
    )
}

#[test]
fn every_operation_of_the_spec_is_exercised() {
    if let Some(gaps) = coverage_gaps(spec::document()) {
        panic!("{gaps}");
    }
    let operations = spec::operations();

    // The generated metadata the tests rely on agrees with the spec.
    for operation in exercised() {
        let documented = operations
            .iter()
            .find(|documented| documented.id == operation.id)
            .expect("compared above");
        let method = match operation.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        };
        assert_eq!(
            (method, operation.path),
            (documented.method.as_str(), documented.path),
            "{}",
            operation.id
        );
    }
}

/// A maintainer who follows the README's walkthrough is told exactly what to add.
#[test]
fn an_operation_added_to_the_spec_is_named_with_what_to_add() {
    let spec: Value =
        serde_yaml::from_str(&crate::coverage::walkthrough_spec()).expect("the walkthrough spec");
    let gaps = coverage_gaps(&spec).expect("listBoards has no test yet");
    assert_eq!(
        gaps,
        "the tests do not cover every operation of the spec:\n  - `listBoards` (GET /v2/boards) \
         has no test: call it through the client in a module of tests/it/e2e/ (as contacts.rs \
         does) and list its `OPERATION` in that module's `OPERATIONS`"
    );
}

/// Checks a decoded page of contacts against the documented JSON it was decoded from.
/// (Its `object: list` is checked while decoding, and not kept.)
fn assert_contact_page(page: &Page<Contact>, documented: &Value) {
    assert_eq!(
        page.next_cursor.as_deref(),
        documented["nextCursor"].as_str()
    );
    let contacts = documented["data"].as_array().expect("documented data");
    assert_eq!(page.data.len(), contacts.len());
    for (contact, documented) in page.data.iter().zip(contacts) {
        assert_contact(contact, documented);
    }
}

/// Checks a decoded contact against the documented JSON it was decoded from.
fn assert_contact(contact: &Contact, documented: &Value) {
    assert_eq!(contact.id.as_str(), documented["id"]);
    assert_eq!(contact.name, documented["name"]);
    assert_eq!(contact.object, ContactObject::Contact);
    assert_eq!(
        contact.r#type,
        ContactType::Customer,
        "documented contacts are customers"
    );
    assert_eq!(contact.email.as_deref(), documented["email"].as_str());
    assert_eq!(
        contact.user_id.as_ref().map(UserId::as_str),
        documented["userId"].as_str()
    );
    assert_eq!(
        contact.custom_fields.as_ref().map(|fields| json!(fields)),
        documented.get("customFields").cloned()
    );
    let companies = contact.companies.as_deref().unwrap_or_default();
    let documented_companies = documented["companies"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    assert_eq!(companies.len(), documented_companies.len());
    for (company, documented) in companies.iter().zip(documented_companies) {
        assert_company(company, documented);
    }
}

/// Checks a decoded company against the documented JSON it was decoded from; fields the
/// documentation leaves out decode as `None`.
fn assert_company(company: &Company, documented: &Value) {
    assert_eq!(company.id.as_str(), documented["id"]);
    assert_eq!(company.company_id.as_str(), documented["companyId"]);
    assert_eq!(company.name, documented["name"]);
    assert_eq!(company.object, CompanyObject::Company);
    assert_eq!(company.plan.as_deref(), documented["plan"].as_str());
    assert_eq!(company.linked_users, documented["linkedUsers"].as_i64());
    assert_eq!(json!(company.monthly_spend), documented["monthlySpend"]);
    assert_eq!(json!(company.updated_at), documented["updatedAt"]);
    assert_eq!(
        company.custom_fields.as_ref().map(|fields| json!(fields)),
        documented.get("customFields").cloned()
    );
}

/// Upserts answer 200 (updated) or 201 (created) with the same schema and, in the spec, the
/// same examples: both statuses decode into the same type and the same values.
fn assert_200_and_201_alike<T: PartialEq + fmt::Debug>(decoded: &[(Example, T)]) {
    let with_status = |status| {
        decoded
            .iter()
            .filter(|(example, _)| example.status == status)
            .map(|(example, value)| (example.name.as_str(), value))
            .collect::<Vec<_>>()
    };
    let updated = with_status(200);
    assert!(!updated.is_empty(), "no 200 example");
    assert_eq!(updated, with_status(201));
}

/// A `customFields` map, written as a JSON object.
fn custom_fields(object: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(object).expect("a JSON object")
}

/// A documented timestamp.
fn timestamp(text: &str) -> Timestamp {
    text.parse().expect("a timestamp")
}
