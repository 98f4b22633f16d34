//! Cursor pagination: a cursor is base64url of `{"id": <last id returned>}`, as the
//! documentation's example cursor is, so a page continues after that id even when
//! records were added or deleted in between.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use featurebase_api::models::ErrorType;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Reply;

/// The page size when a request gives no `limit`.
const DEFAULT_LIMIT: usize = 10;

#[derive(Serialize, Deserialize)]
struct Cursor {
    id: String,
}

/// Where a page starts and how long it is.
#[derive(Debug)]
pub(crate) struct PageRequest {
    limit: usize,
    after: Option<String>,
}

impl PageRequest {
    /// `limit` was validated (1..=100) by the router; a cursor this mock did not
    /// write answers 400.
    pub(crate) fn new(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, Reply> {
        let limit = limit.map_or(DEFAULT_LIMIT, |limit| {
            usize::try_from(limit).unwrap_or(DEFAULT_LIMIT)
        });
        let after = cursor.map(decode).transpose()?;
        Ok(Self { limit, after })
    }

    /// The page of `items` (in id order) after the cursor, as a `list` object.
    pub(crate) fn reply<'a>(&self, items: impl Iterator<Item = (&'a str, Value)>) -> Reply {
        let after = self.after.as_deref().unwrap_or_default();
        let mut rest = items.filter(|(id, _)| *id > after).peekable();
        let mut data = Vec::new();
        let mut last = None;
        while data.len() < self.limit {
            let Some((id, item)) = rest.next() else { break };
            data.push(item);
            last = Some(id);
        }
        let next = match (rest.peek(), last) {
            (Some(_), Some(last)) => Some(encode(last)),
            _ => None,
        };
        Reply::json(
            200,
            &json!({"object": "list", "data": data, "nextCursor": next}),
        )
    }
}

fn encode(id: &str) -> String {
    let cursor = serde_json::to_vec(&Cursor { id: id.to_owned() }).expect("a cursor serializes");
    URL_SAFE_NO_PAD.encode(cursor)
}

fn decode(cursor: &str) -> Result<String, Reply> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| malformed())?;
    let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| malformed())?;
    Ok(cursor.id)
}

fn malformed() -> Reply {
    let kind = ErrorType::InvalidRequestError;
    let message = "Validation error: cursor is not a cursor returned by this API";
    Reply::error(400, kind, "validation_error", message, Some("cursor"))
}
