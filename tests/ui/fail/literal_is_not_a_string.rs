// `object` is typed: there is no string to compare (and no wrong value to hold).
use featurebase_api::models::Contact;

fn is_contact(contact: &Contact) -> bool {
    contact.object == "contact"
}

fn main() {}
