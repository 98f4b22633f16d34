//! Rust names for spec names: case conversion with `heck` and keyword escaping.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords that cannot be raw identifiers, so they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// `userId` -> `user_id`; `self` -> `self_`.
pub(crate) fn snake(name: &str) -> String {
    escape(name.to_snake_case())
}

/// `ContactType` -> `CONTACT_TYPE`, for statics.
pub(crate) fn shouty(name: &str) -> String {
    escape(name.to_shouty_snake_case())
}

/// `contact_type` -> `ContactType`; `self` -> `Self_`.
pub(crate) fn camel(name: &str) -> String {
    escape(name.to_upper_camel_case())
}

/// Keywords that cannot be raw identifiers get a trailing underscore; the others
/// stay as they are and become raw identifiers (`r#type`) in [`ident`].
fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        name + "_"
    } else {
        name
    }
}

/// Whether `name` is usable as a Rust identifier once made raw where needed
/// (`self`, `Self`, `crate`, `super` and `_` cannot be).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || unicode_ident::is_xid_start(c))
        && chars.all(unicode_ident::is_xid_continue)
        && !NOT_RAW.contains(&name)
}

/// Keywords of edition 2024 that `syn` takes for identifiers.
const EDITION_2024: &[&str] = &["gen"];

/// The identifier for a name from [`snake`] or [`camel`], raw (`r#type`) when it is a keyword.
pub(crate) fn ident(name: &str) -> Ident {
    match syn::parse_str::<Ident>(name) {
        Ok(ident) if !EDITION_2024.contains(&name) => ident,
        _ => Ident::new_raw(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident(&snake("type")).to_string(), "r#type");
        assert_eq!(ident(&snake("self")).to_string(), "self_");
        assert_eq!(ident(&camel("self")).to_string(), "Self_");
        assert_eq!(ident(&snake("name")).to_string(), "name");
        assert_eq!(
            ident(&snake("gen")).to_string(),
            "r#gen",
            "reserved in edition 2024"
        );
        assert_eq!(ident(&snake("try")).to_string(), "r#try");
    }

    #[test]
    fn cases() {
        assert_eq!(snake("userId"), "user_id");
        assert_eq!(snake("byUserID"), "by_user_id");
        assert_eq!(
            camel("contact_email_preferences"),
            "ContactEmailPreferences"
        );
        assert!(!is_identifier("2026-01-01"));
        assert!(!is_identifier("Self"));
        assert!(
            !is_identifier("\u{345}x"),
            "alphabetic, but not an identifier start"
        );
        assert!(is_identifier("été"));
        assert!(is_identifier("Nova"));
    }
}
