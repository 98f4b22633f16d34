// Every generated enum is `#[non_exhaustive]`: a later client may add a value, so even a
// match that names every variant of this version needs a wildcard arm.
use featurebase_api::models::{ContactType, EmailPreferenceSetting, UpsertContactRequestIdentity};

fn response_enum(value: ContactType) -> &'static str {
    match value {
        ContactType::Customer => "customer",
        ContactType::Lead => "lead",
        ContactType::Unknown(_) => "other",
    }
}

fn request_enum(value: EmailPreferenceSetting) -> bool {
    match value {
        EmailPreferenceSetting::Subscribed => true,
        EmailPreferenceSetting::Unsubscribed => false,
    }
}

fn identity_enum(value: &UpsertContactRequestIdentity) -> u8 {
    match value {
        UpsertContactRequestIdentity::UserIdAndEmail { .. } => 2,
        UpsertContactRequestIdentity::UserId { .. } => 1,
        UpsertContactRequestIdentity::Email { .. } => 1,
    }
}

fn main() {}
