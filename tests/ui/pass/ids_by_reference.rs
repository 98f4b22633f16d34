// Ids received in one response are passed to the next request by reference, with no
// `.clone()`, and compare with string slices.
use featurebase_api::Client;
use featurebase_api::models::{AttachContactRequest, Company, Contact};

fn main() -> Result<(), featurebase_api::Error> {
    let client = Client::builder("key").base_url("http://127.0.0.1:9").build()?;
    let company: Company = serde_json::from_str(include_str!(
        "../../fixtures/examples/get_company_by_id.response.prose.json"
    ))
    .expect("the documented company decodes");
    let contact: Contact = serde_json::from_str(
        r#"{"id": "676f0f6765bdaa7d7d760f88", "name": "John", "object": "contact", "type": "customer"}"#,
    )
    .expect("a contact decodes");

    let _attach = client
        .users()
        .companies()
        .contacts(&company.id)
        .attach(AttachContactRequest::new(&contact.id));
    let _retrieve = client.users().contacts().retrieve(&contact.id);

    assert!(contact.id == "676f0f6765bdaa7d7d760f88");
    assert!(company.id == *"507f1f77bcf86cd799439011");
    assert!(company.company_id == "comp_12345");
    Ok(())
}
