//! Field types the spec needs beyond `Option`: `true` as a literal, and the three
//! states of an optional, nullable request field.

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

/// An optional, nullable field of a request: left out (the server leaves the value
/// unchanged), sent as `null` (the server clears it), or sent with a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Clearable<T> {
    #[default]
    Unchanged,
    Clear,
    Set(T),
}

impl<T> Clearable<T> {
    /// For `skip_serializing_if`: unchanged fields are left out of the body.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Self::Unchanged)
    }

    /// The value, if one is set.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Self::Set(value) => Some(value),
            Self::Unchanged | Self::Clear => None,
        }
    }
}

impl<T: Serialize> Serialize for Clearable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Set(value) => value.serialize(serializer),
            Self::Unchanged | Self::Clear => serializer.serialize_none(),
        }
    }
}

/// `null` reads as [`Clearable::Clear`]; an absent field (with `#[serde(default)]`) as
/// [`Clearable::Unchanged`].
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Clearable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Self::Set(value),
            None => Self::Clear,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Clearable::is_unchanged")]
        note: Clearable<String>,
    }

    #[test]
    fn clearable_tells_absent_from_null() {
        let cases = [
            (r#"{}"#, Clearable::Unchanged),
            (r#"{"note":null}"#, Clearable::Clear),
            (r#"{"note":"hi"}"#, Clearable::Set("hi".to_owned())),
        ];
        for (json, note) in cases {
            let patch: Patch = serde_json::from_str(json).unwrap();
            assert_eq!(patch, Patch { note: note.clone() });
            assert_eq!(serde_json::to_string(&patch).unwrap(), json);
        }
    }

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
