//! Reading our `x-` extensions: unknown keys are ignored, known ones are checked.

use indexmap::IndexMap;
use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::Pointer;

pub(super) type Extensions = IndexMap<String, Value>;

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
