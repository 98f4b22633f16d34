//! The three states of an optional, nullable request field.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

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
}
