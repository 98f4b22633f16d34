// Request bodies are `additionalProperties: false`: there is no way to add a field.
use featurebase_api::models::UpsertCompanyRequest;

fn main() {
    let _company = UpsertCompanyRequest::new("comp_12345", "Acme Inc").employees(250);
}
