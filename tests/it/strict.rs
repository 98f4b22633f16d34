//! Decoding is as strict as building: JSON for a request model that its constructors and
//! setters could not produce fails to decode, with a message saying why.

use featurebase_api::models::{
    EmailPreferenceSetting, EmailPreferencesPatch, UpdateEmailPreferencesRequest,
    UpsertCompanyRequest, UpsertContactRequest,
};
use serde::de::DeserializeOwned;

fn refusal<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    match serde_json::from_str::<T>(json) {
        Ok(value) => panic!("{json} decodes as {value:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn an_empty_email_preferences_patch_does_not_decode() {
    let expected = "expected at least one of `all`, `changelog`, `commentReplies`, \
                    `postComments`, `postUpdates`";
    assert_eq!(
        refusal::<UpdateEmailPreferencesRequest>(r#"{"preferences": {}}"#),
        format!("{expected} at line 1 column 19")
    );
    assert_eq!(refusal::<EmailPreferencesPatch>("{}"), expected);
    let patch: EmailPreferencesPatch = serde_json::from_str(r#"{"changelog": "subscribed"}"#)
        .expect("a patch that sets a field decodes");
    assert_eq!(
        patch,
        EmailPreferencesPatch::with_changelog(EmailPreferenceSetting::Subscribed)
    );
}

#[test]
fn request_models_refuse_unknown_fields_identity_or_not() {
    let contact = refusal::<UpsertContactRequest>(r#"{"userId": "u1", "bogus": 1}"#);
    assert!(
        contact.starts_with("unknown field `bogus`, expected one of `userId`, `email`"),
        "{contact}"
    );
    let company =
        refusal::<UpsertCompanyRequest>(r#"{"companyId": "c1", "name": "Acme", "bogus": 1}"#);
    assert!(
        company.starts_with("unknown field `bogus`, expected one of "),
        "{company}"
    );
}

#[test]
fn a_contact_upsert_decodes_only_with_an_identity() {
    assert_eq!(
        refusal::<UpsertContactRequest>(r#"{"name": "Ann"}"#),
        "expected the identifying fields `userId` and `email`, or `userId`, or `email`"
    );
    let cases = [
        (
            r#"{"userId": "u1", "email": "a@b.c"}"#,
            UpsertContactRequest::with_user_id_and_email("u1", "a@b.c"),
        ),
        (
            r#"{"userId": "u1"}"#,
            UpsertContactRequest::with_user_id("u1"),
        ),
        (
            r#"{"email": "a@b.c", "name": "Ann"}"#,
            UpsertContactRequest::with_email("a@b.c").name("Ann"),
        ),
    ];
    for (json, built) in cases {
        let decoded: UpsertContactRequest = serde_json::from_str(json).expect(json);
        assert_eq!(decoded, built, "{json}");
    }
}
