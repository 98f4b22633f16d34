// The identity is an enum of the allowed combinations; "none" is not one of them.
use featurebase_api::models::UpsertContactRequest;

fn main() {
    let mut contact = UpsertContactRequest::with_email("john@example.com");
    contact.identity = None;
}
