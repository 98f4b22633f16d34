// A company's id is not a contact's id.
use featurebase_api::Client;
use featurebase_api::models::Company;

fn lookup(client: &Client, company: Company) {
    let _request = client.users().contacts().retrieve(company.id);
}

fn main() {}
