//! `true` as a literal type, for fields whose only value is `true`.

use std::fmt;

use serde::de::{Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// The JSON value `true`, and nothing else: `deleted: true` on a deletion result.
/// Decoding `false` (or anything else) fails with a message naming the field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct True;

impl Serialize for True {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

// Checked in the visitor, so that `serde_json` reports a `false` at its own position.
impl<'de> Deserialize<'de> for True {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bool(TrueVisitor)
    }
}

struct TrueVisitor;

impl Visitor<'_> for TrueVisitor {
    type Value = True;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`true`")
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<True, E> {
        match value {
            true => Ok(True),
            false => Err(E::invalid_value(Unexpected::Bool(false), &self)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_true_decodes() {
        assert_eq!(serde_json::from_str::<True>("true").unwrap(), True);
        let error = serde_json::from_str::<True>("false")
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected `true`"), "{error}");
        assert_eq!(serde_json::to_string(&True).unwrap(), "true");
    }
}
