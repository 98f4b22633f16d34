// Featurebase's contact id is not the external user id of your system.
use featurebase_api::Client;
use featurebase_api::models::Contact;

fn lookup(client: &Client, contact: Contact) {
    let _request = client.users().contacts().by_user_id(contact.id).retrieve();
}

fn main() {}
