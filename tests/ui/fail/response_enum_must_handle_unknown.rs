// A response enum keeps values added after this client was generated: matches must handle them.
use featurebase_api::models::{Contact, ContactType};

fn describe(contact: &Contact) -> &'static str {
    match contact.r#type {
        ContactType::Customer => "customer",
        ContactType::Lead => "lead",
    }
}

fn main() {}
