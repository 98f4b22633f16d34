//! Email preferences: customers only, partial and atomic updates, the `all` gate.

use featurebase_api::models::{
    EmailPreferenceSetting::{Subscribed, Unsubscribed},
    EmailPreferences, EmailPreferencesPatch, UpdateEmailPreferencesRequest,
};
use featurebase_mock::MockServer;
use serde_json::json;

use super::{customer, failure, raw, seed_customer};

/// `(status, effectiveStatus)` of all, changelog, commentReplies, postComments, postUpdates.
fn states(preferences: &EmailPreferences) -> Vec<(&str, &str)> {
    let all = [
        &preferences.all,
        &preferences.changelog,
        &preferences.comment_replies,
        &preferences.post_comments,
        &preferences.post_updates,
    ];
    all.iter()
        .map(|state| (state.status.as_str(), state.effective_status.as_str()))
        .collect()
}

const SUB: (&str, &str) = ("subscribed", "subscribed");
const UNSUB: (&str, &str) = ("unsubscribed", "unsubscribed");
/// Stored as subscribed, but gated off by `all`.
const GATED: (&str, &str) = ("subscribed", "unsubscribed");

fn patch(preferences: EmailPreferencesPatch) -> UpdateEmailPreferencesRequest {
    UpdateEmailPreferencesRequest::new(preferences)
}

#[tokio::test]
async fn a_new_customer_is_subscribed_to_everything() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let contacts = mock.client().users().contacts();
    let preferences = contacts.email_preferences(&id).retrieve().await.unwrap();
    assert_eq!(preferences.contact_id, id);
    assert_eq!(preferences.email.as_deref(), Some("usr_1@example.com"));
    assert_eq!(states(&preferences.preferences), [SUB; 5]);
}

#[tokio::test]
async fn an_update_changes_only_the_keys_it_names() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let preferences = mock.client().users().contacts().email_preferences(&id);
    let update = EmailPreferencesPatch::with_post_updates(Unsubscribed);
    preferences.update(patch(update)).await.unwrap();
    let update = EmailPreferencesPatch::with_changelog(Unsubscribed);
    let after = preferences.update(patch(update)).await.unwrap();
    assert_eq!(states(&after.preferences), [SUB, UNSUB, SUB, SUB, UNSUB]);
}

#[tokio::test]
async fn all_unsubscribed_gates_every_effective_status_and_keeps_the_stored_ones() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let preferences = mock.client().users().contacts().email_preferences(&id);
    let update = EmailPreferencesPatch::with_all(Unsubscribed).post_comments(Unsubscribed);
    let gated = preferences.update(patch(update)).await.unwrap();
    assert_eq!(
        states(&gated.preferences),
        [UNSUB, GATED, GATED, UNSUB, GATED]
    );
    let reopened = preferences
        .update(patch(EmailPreferencesPatch::with_all(Subscribed)))
        .await;
    assert_eq!(
        states(&reopened.unwrap().preferences),
        [SUB, SUB, SUB, UNSUB, SUB]
    );
}

#[tokio::test]
async fn an_update_with_one_invalid_preference_changes_nothing() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let path = format!("/v2/contacts/{id}/email-preferences");
    let body = json!({"preferences": {"postUpdates": "unsubscribed", "changelog": "sometimes"}});
    let (status, error) = raw(&mock, reqwest::Method::PATCH, &path, body).await;
    assert_eq!(status, 400, "{error}");
    let empty = json!({"preferences": {}});
    assert_eq!(
        raw(&mock, reqwest::Method::PATCH, &path, empty).await.0,
        400
    );
    let contacts = mock.client().users().contacts();
    let preferences = contacts.email_preferences(&id).retrieve().await.unwrap();
    assert_eq!(states(&preferences.preferences), [SUB; 5]);
}

#[tokio::test]
async fn by_user_id_reads_and_updates_the_same_preferences() {
    let mock = MockServer::start().await;
    let id = seed_customer(&mock, "usr_1");
    let contacts = mock.client().users().contacts();
    let by_user_id = contacts.by_user_id("usr_1").email_preferences();
    let update = EmailPreferencesPatch::with_comment_replies(Unsubscribed);
    let updated = by_user_id.update(patch(update)).await.unwrap();
    assert_eq!(updated.contact_id, id);
    let by_id = contacts.email_preferences(&id).retrieve().await.unwrap();
    assert_eq!(states(&by_id.preferences), [SUB, SUB, UNSUB, SUB, SUB]);
    assert_eq!(by_user_id.retrieve().await.unwrap(), by_id);
}

#[tokio::test]
async fn leads_have_no_email_preferences() {
    let mock = MockServer::start().await;
    let lead = mock
        .store()
        .seed_lead(&customer("usr_lead", "l@example.com"));
    let contacts = mock.client().users().contacts();
    let by_id = contacts.email_preferences(&lead);
    assert_eq!(failure(by_id.retrieve().await).0, 404);
    let update = patch(EmailPreferencesPatch::with_all(Unsubscribed));
    assert_eq!(failure(by_id.update(update.clone()).await).0, 404);
    let by_user_id = contacts.by_user_id("usr_lead").email_preferences();
    assert_eq!(failure(by_user_id.retrieve().await).0, 404);
    assert_eq!(failure(by_user_id.update(update).await).0, 404);
}
