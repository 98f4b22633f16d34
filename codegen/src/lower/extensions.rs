//! Reading our `x-` extensions: unknown keys are ignored, known ones are checked.

use indexmap::IndexMap;
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::Pointer;

pub(super) type Extensions = IndexMap<String, Value>;

/// The API version that introduced an operation, parameter or property.
pub(crate) const X_AVAILABLE_SINCE: &str = "x-available-since";
/// A reading chosen where the documentation contradicts itself (listed in `spec/DECISIONS.md`, never in rustdoc).
pub(crate) const X_DOC_CONFLICT: &str = "x-doc-conflict";
/// Rust names for an `enum`'s values, in order.
pub(crate) const X_ENUM_VARNAMES: &str = "x-enum-varnames";
/// An operation that may be retried although its method is not idempotent.
pub(crate) const X_IDEMPOTENT: &str = "x-idempotent";
/// The identifier newtype a string is.
pub(crate) const X_ID_TYPE: &str = "x-id-type";
/// How a list operation pages.
pub(crate) const X_PAGINATION: &str = "x-pagination";
/// An operation's place in the resource tree (`users.contacts.list`).
pub(crate) const X_SDK_PATH: &str = "x-sdk-path";

impl Lowerer<'_> {
    /// The string value of extension `key`, or a located error when it is not a string.
    pub(super) fn ext_str(
        &mut self,
        extensions: &Extensions,
        key: &str,
        at: &Pointer,
    ) -> Option<String> {
        match extensions.get(key)? {
            Value::String(value) if !value.trim().is_empty() => Some(value.clone()),
            _ => self.error(&at.join(key), format!("`{key}` must be a non-empty string")),
        }
    }

    /// `x-enum-varnames` for `count` enum values: `Some(None)` when absent, `None` (reported)
    /// when it does not name every value.
    pub(super) fn ext_varnames(
        &mut self,
        extensions: &Extensions,
        count: usize,
        at: &Pointer,
    ) -> Option<Option<Vec<String>>> {
        match self.ext_strings(extensions, X_ENUM_VARNAMES, at) {
            Some(names) if names.len() == count => Some(Some(names)),
            Some(_) => {
                let message = "`x-enum-varnames` must name every enum value, in order";
                self.error(&at.join(X_ENUM_VARNAMES), message)
            }
            None => Some(None),
        }
    }

    /// `x-available-since`: an API version such as `2026-01-01.nova` (a date and a name).
    pub(super) fn ext_version(&mut self, extensions: &Extensions, at: &Pointer) -> Option<String> {
        let key = X_AVAILABLE_SINCE;
        let version = self.ext_str(extensions, key, at)?;
        if is_version(&version) {
            return Some(version);
        }
        let message = format!("`{version}` is not an API version like `2026-01-01.nova`");
        self.error(&at.join(key), message)
    }

    /// The boolean value of extension `key` (false when absent).
    pub(super) fn ext_bool(&mut self, extensions: &Extensions, key: &str, at: &Pointer) -> bool {
        match extensions.get(key) {
            None => false,
            Some(Value::Bool(value)) => *value,
            Some(_) => self
                .error(&at.join(key), format!("`{key}` must be `true` or `false`"))
                .unwrap_or(false),
        }
    }

    /// The list-of-strings value of extension `key`.
    pub(super) fn ext_strings(
        &mut self,
        extensions: &Extensions,
        key: &str,
        at: &Pointer,
    ) -> Option<Vec<String>> {
        let value = extensions.get(key)?;
        let strings = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        });
        if strings.is_none() {
            return self.error(&at.join(key), format!("`{key}` must be a list of strings"));
        }
        strings
    }
}

/// `YYYY-MM-DD.name`: the client orders versions by their date.
fn is_version(version: &str) -> bool {
    let Some((date, name)) = version.split_once('.') else {
        return false;
    };
    let shaped = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped && !name.is_empty()
}
