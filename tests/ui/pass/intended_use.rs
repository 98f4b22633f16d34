// The intended use of the guarantees above compiles (and runs without a network).
use featurebase_api::Client;
use featurebase_api::models::{
    AttachContactRequest, Contact, ContactType, EmailPreferenceSetting, EmailPreferencesPatch,
    FeaturebaseVersion, UpdateEmailPreferencesRequest, UpsertCompanyRequest, UpsertContactRequest,
    UpsertContactRequestIdentity,
};
use featurebase_api::runtime::RequestOptions;

fn describe(contact: &Contact) -> String {
    match &contact.r#type {
        ContactType::Customer => "customer".to_owned(),
        ContactType::Lead => "lead".to_owned(),
        ContactType::Unknown(other) => format!("new kind: {other}"),
        _ => "known to a later client".to_owned(),
    }
}

fn main() -> Result<(), featurebase_api::Error> {
    let client = Client::builder("key").base_url("http://127.0.0.1:9").max_retries(1).build()?;

    let by_user = UpsertContactRequest::with_user_id("usr_12345").name("John Doe");
    let by_both = UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com");
    assert!(matches!(by_both.identity, UpsertContactRequestIdentity::UserIdAndEmail { .. }));
    let _upsert = client.users().contacts().create_or_update(by_user);

    let company = UpsertCompanyRequest::new("comp_12345", "Acme Inc").plan("enterprise");
    let _company = client.users().companies().create_or_update(company);

    let patch = EmailPreferencesPatch::with_post_updates(EmailPreferenceSetting::Unsubscribed)
        .changelog(EmailPreferenceSetting::Subscribed);
    let _update = client
        .users()
        .contacts()
        .by_user_id("usr_12345")
        .email_preferences()
        .update(UpdateEmailPreferencesRequest::new(patch));

    let _attach = client
        .users()
        .companies()
        .contacts("507f1f77bcf86cd799439011")
        .attach(AttachContactRequest::new("676f0f6765bdaa7d7d760f88"));

    let _list = client
        .users()
        .contacts()
        .list()
        .limit(50)
        .featurebase_version(FeaturebaseVersion::Nova)
        .with_options(RequestOptions::new().max_retries(0));

    let contact: Contact = serde_json::from_str(
        r#"{"id": "676f0f6765bdaa7d7d760f88", "name": "John", "object": "contact", "type": "visitor"}"#,
    )
    .expect("an unknown contact type still decodes");
    assert_eq!(describe(&contact), "new kind: visitor");
    let _get = client.users().contacts().retrieve(contact.id.clone());
    Ok(())
}
