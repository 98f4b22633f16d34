//! `Timestamp`: a `format: date-time` value, sent in the API's documented form.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use jiff::fmt::temporal::DateTimePrinter;
use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time (`format: date-time` in the spec), built on [`jiff::Timestamp`].
///
/// Sent in UTC as the API documents it, with milliseconds: `2025-01-01T12:00:00.000Z`
/// (with more digits only for a value that has them). A value that was decoded or
/// parsed is sent again with as many fraction digits as it was written with, so that
/// `2024-01-15T10:30:00Z` re-encodes unchanged. Values compare by the instant alone.
///
/// ```
/// use featurebase_api::runtime::Timestamp;
///
/// let at: Timestamp = "2025-01-01T13:00:00+01:00".parse()?;
/// assert_eq!(at.to_string(), "2025-01-01T12:00:00Z");
/// let epoch = Timestamp::from(featurebase_api::jiff::Timestamp::UNIX_EPOCH);
/// assert_eq!(epoch.to_string(), "1970-01-01T00:00:00.000Z");
/// # Ok::<(), featurebase_api::runtime::InvalidTimestamp>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Timestamp {
    instant: jiff::Timestamp,
    /// Digits of the second's fraction to send; `None` for as many as the value needs.
    digits: Option<u8>,
}

impl Timestamp {
    /// The instant, to compute with.
    pub fn instant(self) -> jiff::Timestamp {
        self.instant
    }
}

/// Sent with milliseconds, or with every digit the value needs beyond them.
impl From<jiff::Timestamp> for Timestamp {
    fn from(instant: jiff::Timestamp) -> Self {
        let whole_milliseconds = instant.subsec_nanosecond() % 1_000_000 == 0;
        Self {
            instant,
            digits: whole_milliseconds.then_some(3),
        }
    }
}

impl From<Timestamp> for jiff::Timestamp {
    fn from(timestamp: Timestamp) -> Self {
        timestamp.instant
    }
}

/// Parses an RFC 3339 date and time with an offset, e.g. `2025-01-01T12:00:00.000Z`.
impl FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(text: &str) -> Result<Self, InvalidTimestamp> {
        let instant = text
            .parse()
            .map_err(|error| InvalidTimestamp(format!("`{text}` is not a timestamp: {error}")))?;
        Ok(Self {
            instant,
            digits: Some(fraction_digits(text)),
        })
    }
}

/// How many digits of a second's fraction `text` is written with (`.181` is 3).
fn fraction_digits(text: &str) -> u8 {
    let Some(start) = text.find(['.', ',']) else {
        return 0;
    };
    let digits = text[start + 1..].bytes().take_while(u8::is_ascii_digit);
    // jiff refuses more than 9 digits, so this always fits.
    digits.count().try_into().unwrap_or(u8::MAX)
}

/// The timestamp as it is sent, in UTC: `2025-01-01T12:00:00.000Z`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let printer = DateTimePrinter::new().precision(self.digits);
        f.write_str(&printer.timestamp_to_string(&self.instant))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

// Parsed in the visitor rather than after `String::deserialize`, so that `serde_json`
// reports a bad timestamp at the string's position, which names the field.
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TimestampVisitor)
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Timestamp, E> {
        text.parse().map_err(E::custom)
    }
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.instant == other.instant
    }
}

impl Eq for Timestamp {}

impl Hash for Timestamp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

/// Text that is not a [`Timestamp`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidTimestamp(String);

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn decoded_values_re_encode_as_written_in_utc() {
        for text in [
            "2025-01-01T12:00:00.000Z",
            "2025-01-03T21:42:30.181Z",
            "2024-01-15T10:30:00Z",
            "2024-01-15T10:30:00.123456789Z",
        ] {
            let decoded: Timestamp = serde_json::from_str(&format!("\"{text}\"")).unwrap();
            assert_eq!(serde_json::to_value(decoded).unwrap(), text);
        }
        assert_eq!(
            parsed("2025-01-01T13:00:00.5+01:00").to_string(),
            "2025-01-01T12:00:00.5Z"
        );
    }

    #[test]
    fn built_values_are_sent_with_milliseconds() {
        let at = |second, nanosecond| {
            Timestamp::from(jiff::Timestamp::new(second, nanosecond).unwrap()).to_string()
        };
        assert_eq!(at(1_735_732_800, 0), "2025-01-01T12:00:00.000Z");
        assert_eq!(at(1_735_732_800, 181_000_000), "2025-01-01T12:00:00.181Z");
        assert_eq!(at(1_735_732_800, 181_500_000), "2025-01-01T12:00:00.1815Z");
    }

    #[test]
    fn values_compare_by_instant() {
        assert_eq!(
            parsed("2024-01-15T10:30:00Z"),
            parsed("2024-01-15T11:30:00.000+01:00")
        );
        assert!(parsed("2024-01-15T10:30:00Z") < parsed("2024-01-15T10:30:00.001Z"));
        let instant = parsed("2024-01-15T10:30:00Z").instant();
        assert_eq!(instant, jiff::Timestamp::new(1_705_314_600, 0).unwrap());
    }

    #[test]
    fn text_without_an_offset_or_a_time_is_refused() {
        for text in ["2024-01-15T10:30:00", "2024-01-15", "yesterday", ""] {
            let error = text.parse::<Timestamp>().unwrap_err().to_string();
            assert!(
                error.starts_with(&format!("`{text}` is not a timestamp: ")),
                "{error}"
            );
        }
        let error = serde_json::from_str::<Timestamp>("\"2024-01-15\"").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`2024-01-15` is not a timestamp"),
            "{error}"
        );
    }
}
