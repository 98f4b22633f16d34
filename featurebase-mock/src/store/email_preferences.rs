//! A customer's email preferences: a stored status per key, and the `all` gate over them.

use featurebase_api::models::EmailPreferencesPatch;
use serde_json::{Map, Value, json};

use super::render::fields_of;
use super::state::{ContactRecord, State};
use crate::Reply;

/// The preference keys, `all` (the delivery gate) first.
const KEYS: [&str; 5] = [
    "all",
    "changelog",
    "commentReplies",
    "postComments",
    "postUpdates",
];

/// The stored status of each of [`KEYS`]: `true` for `subscribed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Preferences([bool; KEYS.len()]);

impl Default for Preferences {
    /// A new contact is subscribed to everything.
    fn default() -> Self {
        Self([true; KEYS.len()])
    }
}

impl Preferences {
    /// The preferences with `patch` (validated by the router) applied.
    fn patched(self, patch: &Map<String, Value>) -> Self {
        let mut next = self;
        for (key, value) in patch {
            if let Some(index) = KEYS.iter().position(|known| known == key) {
                next.0[index] = value == "subscribed";
            }
        }
        next
    }

    fn render(self) -> Value {
        let gate = self.0[0];
        let states = KEYS.iter().zip(self.0).map(|(key, stored)| {
            let state = json!({
                "status": status(stored),
                "effectiveStatus": status(stored && gate),
            });
            ((*key).to_owned(), state)
        });
        Value::Object(states.collect())
    }
}

pub(crate) fn get(state: &State, id: &str) -> Result<Reply, Reply> {
    let contact = state.customer(id)?;
    Ok(Reply::json(200, &render(contact)))
}

pub(crate) fn update(
    state: &mut State,
    id: &str,
    patch: &EmailPreferencesPatch,
) -> Result<Reply, Reply> {
    state.customer(id)?;
    let contact = state.contact_mut(id)?;
    contact.preferences = contact.preferences.patched(&fields_of(patch));
    Ok(Reply::json(200, &render(contact)))
}

fn render(contact: &ContactRecord) -> Value {
    json!({
        "object": "contact_email_preferences",
        "contactId": contact.id,
        "userId": contact.user_id,
        "email": contact.email,
        "preferences": contact.preferences.render(),
    })
}

fn status(subscribed: bool) -> &'static str {
    if subscribed {
        "subscribed"
    } else {
        "unsubscribed"
    }
}
