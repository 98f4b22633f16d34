//! `Number`: a JSON number that is sent and re-encoded in the form it was given.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A JSON number (`type: number` in the spec), kept in the form it was written: `5000`
/// is sent and re-encoded as `5000`, `12.5` as `12.5`, never `5000.0`.
///
/// Build one from an integer (`Number::from(5000)`, or pass the integer where
/// `impl Into<Number>` is taken), from a finite float (`Number::try_from(12.5)?`), or
/// from text (`"12.5".parse::<Number>()?`). Numbers are equal when they are written alike:
/// `5000` and `5000.0` differ, as they do on the wire; compare [`Number::as_f64`] for value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Number(serde_json::Number);

impl Number {
    /// The value as a float (possibly rounded); `None` only for a number too large for one.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.as_f64()
    }

    /// The value as an `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as a `u64`, if it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }
}

macro_rules! from_integer {
    ($($int:ty),*) => {$(
        impl From<$int> for Number {
            fn from(value: $int) -> Self {
                Self(value.into())
            }
        }
    )*};
}

from_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Refuses `NaN` and the infinities, which JSON cannot carry.
impl TryFrom<f64> for Number {
    type Error = InvalidNumber;

    fn try_from(value: f64) -> Result<Self, InvalidNumber> {
        serde_json::Number::from_f64(value)
            .map(Self)
            .ok_or_else(|| InvalidNumber(format!("`{value}` is not a finite number")))
    }
}

/// Parses a JSON number, e.g. `5000`, `-12.5` or `1e3`.
impl FromStr for Number {
    type Err = InvalidNumber;

    fn from_str(text: &str) -> Result<Self, InvalidNumber> {
        text.parse()
            .map(Self)
            .map_err(|_| InvalidNumber(format!("`{text}` is not a JSON number")))
    }
}

/// The number as it is sent: `5000`, `12.5`.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A value that cannot be a [`Number`]: not finite, or not written as a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidNumber(String);

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(number: &Number) -> String {
        serde_json::to_string(number).unwrap()
    }

    #[test]
    fn integers_and_floats_keep_their_form() {
        assert_eq!(encoded(&Number::from(5000)), "5000");
        assert_eq!(encoded(&Number::try_from(12.5).unwrap()), "12.5");
        assert_eq!(encoded(&Number::try_from(5000.0).unwrap()), "5000.0");
        for text in ["5000", "12.5", "5000.0", "-3", "18446744073709551615"] {
            let decoded: Number = serde_json::from_str(text).unwrap();
            assert_eq!(encoded(&decoded), text);
            assert_eq!(text.parse::<Number>().unwrap(), decoded);
            assert_eq!(decoded.to_string(), text);
        }
    }

    #[test]
    fn non_finite_floats_and_non_numbers_are_refused() {
        let error = Number::try_from(f64::NAN).unwrap_err();
        assert_eq!(error.to_string(), "`NaN` is not a finite number");
        assert!(Number::try_from(f64::INFINITY).is_err());
        let error = "12,5".parse::<Number>().unwrap_err();
        assert_eq!(error.to_string(), "`12,5` is not a JSON number");
        assert!(" 12".parse::<Number>().is_err());
        assert!(serde_json::from_str::<Number>("\"12\"").is_err());
    }

    #[test]
    fn accessors_read_the_value() {
        let number = Number::from(250u32);
        assert_eq!(number.as_i64(), Some(250));
        assert_eq!(number.as_u64(), Some(250));
        assert_eq!(number.as_f64(), Some(250.0));
        assert_eq!(Number::try_from(12.5).unwrap().as_i64(), None);
        assert_ne!(Number::from(5000), Number::try_from(5000.0).unwrap());
    }
}
