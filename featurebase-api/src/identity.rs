//! Identity verification: the `userHash` that proves a contact upsert comes from your
//! backend, computed with your workspace's identity-verification secret.
//!
//! ```
//! use featurebase_api::identity::user_hash;
//! use featurebase_api::models::UpsertContactRequest;
//!
//! let secret = "your-identity-verification-secret"; // from the Featurebase dashboard
//! let contact = UpsertContactRequest::with_user_id("usr_12345").name("John Doe");
//! let contact = contact.clone().user_hash(user_hash(secret, &contact.identity));
//! assert_eq!(contact.user_hash.as_deref().map(str::len), Some(64));
//! ```

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::models::UpsertContactRequestIdentity;

/// The lowercase hex HMAC-SHA256 of the contact's `userId` under `secret`, or of its
/// email when it has no `userId` (the user id wins when it has both).
pub fn user_hash(secret: impl AsRef<[u8]>, identity: &UpsertContactRequestIdentity) -> String {
    let signed = match identity {
        UpsertContactRequestIdentity::UserIdAndEmail { user_id, .. }
        | UpsertContactRequestIdentity::UserId { user_id } => user_id.as_str(),
        UpsertContactRequestIdentity::Email { email } => email.as_str(),
    };
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_ref()).expect("any key length");
    mac.update(signed.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::UserId;

    /// Computed independently with Python:
    /// `hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()`.
    const VECTORS: [(&str, &str, &str); 4] = [
        (
            "fb_idv_secret_1",
            "usr_12345",
            "93c639f18d44b9ed7ca04005b622f33802234ce7bf17e49c135378c7f8176d72",
        ),
        (
            "fb_idv_secret_1",
            "john@example.com",
            "ddb8f92cb50f168c9d1bf7a7d499b0d756f3e82c5fee817de2d629f395477190",
        ),
        (
            "",
            "usr_12345",
            "aaa44dfc7de4adec164892f861f2afad933d73ac44da429f518363b65e26ec85",
        ),
        (
            "s3cr3t",
            "ünïcødé@example.com",
            "e5fe74af73c51680a846f114a11a3c551228b2d43c0987b427fb21a5ddbc2468",
        ),
    ];

    #[test]
    fn the_user_id_is_signed_and_wins_over_the_email() {
        let (secret, user_id, expected) = VECTORS[0];
        let user_id = UserId::from(user_id);
        let alone = UpsertContactRequestIdentity::UserId {
            user_id: user_id.clone(),
        };
        let both = UpsertContactRequestIdentity::UserIdAndEmail {
            user_id,
            email: "john@example.com".to_owned(),
        };
        assert_eq!(user_hash(secret, &alone), expected);
        assert_eq!(user_hash(secret.as_bytes(), &both), expected);
    }

    #[test]
    fn the_email_is_signed_when_there_is_no_user_id() {
        for (secret, message, expected) in &VECTORS[1..] {
            let identity = match message.contains('@') {
                true => UpsertContactRequestIdentity::Email {
                    email: (*message).to_owned(),
                },
                false => UpsertContactRequestIdentity::UserId {
                    user_id: UserId::from(*message),
                },
            };
            assert_eq!(user_hash(secret, &identity), *expected, "{message}");
        }
    }
}
