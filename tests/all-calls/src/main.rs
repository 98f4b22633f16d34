//! Calls each of the 20 operations once, through the resource tree, with the spec's
//! documented values: the code a user of every operation compiles. `cargo xtask
//! bench-compile` times its clean release build; running it needs a server at
//! `FEATUREBASE_BASE_URL`.

use featurebase_api::{Client, Error, models};

fn main() -> Result<(), Error> {
    let base_url = std::env::var("FEATUREBASE_BASE_URL").unwrap_or_default();
    let client = Client::builder("key").base_url(base_url).build()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::InvalidRequest(error.to_string()))?;
    runtime.block_on(call_all(&client))
}

async fn call_all(client: &Client) -> Result<(), Error> {
    let contact = client
        .users()
        .companies()
        .contacts("507f1f77bcf86cd799439011")
        .attach(models::AttachContactRequest::new(
            "507f1f77bcf86cd799439012",
        ))
        .await?;
    println!("{contact:?}");
    let blocked_contact = client
        .users()
        .contacts()
        .block("676f0f6765bdaa7d7d760f88")
        .await?;
    println!("{blocked_contact:?}");
    let deleted_company = client
        .users()
        .companies()
        .delete_by_company_id("comp_12345")
        .await?;
    println!("{deleted_company:?}");
    let deleted_company = client
        .users()
        .companies()
        .delete("507f1f77bcf86cd799439011")
        .await?;
    println!("{deleted_company:?}");
    let deleted_contact = client
        .users()
        .contacts()
        .delete("676f0f6765bdaa7d7d760f88")
        .await?;
    println!("{deleted_contact:?}");
    let deleted_contact = client
        .users()
        .contacts()
        .by_user_id("usr_12345")
        .delete()
        .await?;
    println!("{deleted_contact:?}");
    let company = client
        .users()
        .companies()
        .retrieve("507f1f77bcf86cd799439011")
        .await?;
    println!("{company:?}");
    let contact = client
        .users()
        .contacts()
        .retrieve("676f0f6765bdaa7d7d760f88")
        .await?;
    println!("{contact:?}");
    let contact = client
        .users()
        .contacts()
        .by_user_id("usr_12345")
        .retrieve()
        .await?;
    println!("{contact:?}");
    let contact_email_preferences = client
        .users()
        .contacts()
        .email_preferences("676f0f6765bdaa7d7d760f88")
        .retrieve()
        .await?;
    println!("{contact_email_preferences:?}");
    let contact_email_preferences = client
        .users()
        .contacts()
        .by_user_id("usr_12345")
        .email_preferences()
        .retrieve()
        .await?;
    println!("{contact_email_preferences:?}");
    let page = client
        .users()
        .companies()
        .list()
        .limit(10)
        .cursor("eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9")
        .await?;
    println!("{page:?}");
    let page = client
        .users()
        .companies()
        .contacts("507f1f77bcf86cd799439011")
        .list()
        .limit(10)
        .cursor("eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9")
        .await?;
    println!("{page:?}");
    let page = client
        .users()
        .contacts()
        .list()
        .limit(10)
        .cursor("eyJpZCI6IjUwN2YxZjc3YmNmODZjZDc5OTQzOTAxMSJ9")
        .await?;
    println!("{page:?}");
    let contact = client
        .users()
        .companies()
        .contacts("507f1f77bcf86cd799439011")
        .remove("507f1f77bcf86cd799439012")
        .await?;
    println!("{contact:?}");
    let unblocked_contact = client
        .users()
        .contacts()
        .unblock("676f0f6765bdaa7d7d760f88")
        .await?;
    println!("{unblocked_contact:?}");
    let contact_email_preferences = client
        .users()
        .contacts()
        .email_preferences("676f0f6765bdaa7d7d760f88")
        .update(models::UpdateEmailPreferencesRequest::new(
            models::EmailPreferencesPatch::with_all(models::EmailPreferenceSetting::Subscribed)
                .changelog(models::EmailPreferenceSetting::Unsubscribed)
                .comment_replies(models::EmailPreferenceSetting::Unsubscribed)
                .post_comments(models::EmailPreferenceSetting::Unsubscribed)
                .post_updates(models::EmailPreferenceSetting::Subscribed),
        ))
        .await?;
    println!("{contact_email_preferences:?}");
    let contact_email_preferences = client
        .users()
        .contacts()
        .by_user_id("usr_12345")
        .email_preferences()
        .update(models::UpdateEmailPreferencesRequest::new(
            models::EmailPreferencesPatch::with_all(models::EmailPreferenceSetting::Subscribed)
                .changelog(models::EmailPreferenceSetting::Unsubscribed)
                .comment_replies(models::EmailPreferenceSetting::Unsubscribed)
                .post_comments(models::EmailPreferenceSetting::Unsubscribed)
                .post_updates(models::EmailPreferenceSetting::Subscribed),
        ))
        .await?;
    println!("{contact_email_preferences:?}");
    let company = client
        .users()
        .companies()
        .create_or_update(
            models::UpsertCompanyRequest::new("comp_12345", "Acme Inc")
                .company_size(250)
                .custom_fields(std::collections::BTreeMap::from([
                    ("region".to_owned(), serde_json::json!("EMEA")),
                    ("tier".to_owned(), serde_json::json!("gold")),
                ]))
                .industry("Technology")
                .monthly_spend(5000)
                .plan("enterprise")
                .website("https://acme.com"),
        )
        .await?;
    println!("{company:?}");
    let contact = client
        .users()
        .contacts()
        .create_or_update(
            models::UpsertContactRequest::with_user_id_and_email("usr_12345", "john@example.com")
                .companies(vec![
                    models::UpsertContactCompany::new("company_123", "Acme Inc")
                        .monthly_spend(500)
                        .plan("enterprise"),
                ])
                .custom_fields(std::collections::BTreeMap::from([
                    ("plan".to_owned(), serde_json::json!("pro")),
                    ("signupSource".to_owned(), serde_json::json!("website")),
                ]))
                .name("John Doe")
                .subscribed_to_changelog(true),
        )
        .await?;
    println!("{contact:?}");
    Ok(())
}
