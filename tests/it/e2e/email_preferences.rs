//! `users.contacts.email_preferences` and `users.contacts.by_user_id.email_preferences`.

use featurebase_api::models::{
    ContactEmailPreferences, ContactEmailPreferencesObject, EmailPreferenceSetting,
    EmailPreferenceStatus, EmailPreferencesPatch, UpdateEmailPreferencesRequest, UserId,
};
use featurebase_api::operations::{
    GetContactEmailPreferencesById, GetContactEmailPreferencesByUserId,
    UpdateContactEmailPreferencesById, UpdateContactEmailPreferencesByUserId,
};
use featurebase_api::runtime::Operation;
use serde_json::Value;

use super::mock::{Expect, MockApi};
use super::spec::{request_examples, success_examples};
use super::{CONTACT_ID, USER_ID};

pub(super) const OPERATIONS: &[&Operation] = &[
    &GetContactEmailPreferencesById::OPERATION,
    &GetContactEmailPreferencesByUserId::OPERATION,
    &UpdateContactEmailPreferencesById::OPERATION,
    &UpdateContactEmailPreferencesByUserId::OPERATION,
];

#[tokio::test]
async fn get_email_preferences_by_id() {
    for example in success_examples(&GetContactEmailPreferencesById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api
            .client()
            .users()
            .contacts()
            .email_preferences(CONTACT_ID)
            .retrieve();
        let expected = Expect::get(format!("/v2/contacts/{CONTACT_ID}/email-preferences"));
        let preferences = api.send(request, expected).await;
        assert_preferences(&preferences, &example.body);
        assert_all_gate_closed(&preferences);
    }
}

#[tokio::test]
async fn get_email_preferences_by_user_id() {
    for example in success_examples(&GetContactEmailPreferencesByUserId::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        let request = api
            .client()
            .users()
            .contacts()
            .by_user_id(USER_ID)
            .email_preferences()
            .retrieve();
        let expected = Expect::get(format!(
            "/v2/contacts/by-user-id/{USER_ID}/email-preferences"
        ));
        let preferences = api.send(request, expected).await;
        assert_preferences(&preferences, &example.body);
        assert_all_gate_closed(&preferences);
    }
}

#[tokio::test]
async fn update_email_preferences_by_id_sends_each_documented_body() {
    for example in success_examples(&UpdateContactEmailPreferencesById::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        for (name, body) in request_examples(&UpdateContactEmailPreferencesById::OPERATION) {
            let request = api
                .client()
                .users()
                .contacts()
                .email_preferences(CONTACT_ID)
                .update(update_request(&name));
            let expected =
                Expect::patch(format!("/v2/contacts/{CONTACT_ID}/email-preferences")).json(body);
            let preferences = api.send(request, expected).await;
            assert_preferences(&preferences, &example.body);
        }
    }
}

#[tokio::test]
async fn update_email_preferences_by_user_id_sends_each_documented_body() {
    for example in success_examples(&UpdateContactEmailPreferencesByUserId::OPERATION) {
        let mut api = MockApi::serving(&example).await;
        for (name, body) in request_examples(&UpdateContactEmailPreferencesByUserId::OPERATION) {
            let request = api
                .client()
                .users()
                .contacts()
                .by_user_id(USER_ID)
                .email_preferences()
                .update(update_request(&name));
            let expected = Expect::patch(format!(
                "/v2/contacts/by-user-id/{USER_ID}/email-preferences"
            ))
            .json(body);
            let preferences = api.send(request, expected).await;
            assert_preferences(&preferences, &example.body);
        }
    }
}

/// The documented request example `name`, built with the request models.
fn update_request(name: &str) -> UpdateEmailPreferencesRequest {
    use EmailPreferenceSetting::{Subscribed, Unsubscribed};
    let preferences = match name {
        "partialUpdate" => {
            EmailPreferencesPatch::with_post_updates(Unsubscribed).changelog(Subscribed)
        }
        "fullPreferenceCenterSubmit" => EmailPreferencesPatch::with_all(Subscribed)
            .post_updates(Subscribed)
            .post_comments(Unsubscribed)
            .comment_replies(Unsubscribed)
            .changelog(Unsubscribed),
        other => panic!("no request model for the documented example `{other}`"),
    };
    UpdateEmailPreferencesRequest::new(preferences)
}

/// The documented GET example: `all` unsubscribed overrides the subscribed categories.
fn assert_all_gate_closed(decoded: &ContactEmailPreferences) {
    let preferences = &decoded.preferences;
    assert_eq!(preferences.all.status, EmailPreferenceStatus::Unsubscribed);
    assert_eq!(
        preferences.changelog.status,
        EmailPreferenceStatus::Subscribed
    );
    assert_eq!(
        preferences.changelog.effective_status,
        EmailPreferenceStatus::Unsubscribed
    );
}

/// Checks decoded preferences against the documented JSON they were decoded from.
fn assert_preferences(decoded: &ContactEmailPreferences, documented: &Value) {
    assert_eq!(decoded.contact_id.as_str(), documented["contactId"]);
    assert_eq!(
        decoded.object,
        ContactEmailPreferencesObject::ContactEmailPreferences
    );
    assert_eq!(decoded.email.as_deref(), documented["email"].as_str());
    assert_eq!(
        decoded.user_id.as_ref().map(UserId::as_str),
        documented["userId"].as_str()
    );
    let preferences = &decoded.preferences;
    for (key, state) in [
        ("all", &preferences.all),
        ("changelog", &preferences.changelog),
        ("commentReplies", &preferences.comment_replies),
        ("postComments", &preferences.post_comments),
        ("postUpdates", &preferences.post_updates),
    ] {
        let documented = &documented["preferences"][key];
        assert_eq!(state.status, status(&documented["status"]), "{key}");
        assert_eq!(
            state.effective_status,
            status(&documented["effectiveStatus"]),
            "{key}"
        );
    }
}

/// The variant a documented status must decode to (a known one, not `Unknown`).
fn status(documented: &Value) -> EmailPreferenceStatus {
    match documented.as_str() {
        Some("subscribed") => EmailPreferenceStatus::Subscribed,
        Some("unsubscribed") => EmailPreferenceStatus::Unsubscribed,
        other => panic!("not a documented status: {other:?}"),
    }
}
