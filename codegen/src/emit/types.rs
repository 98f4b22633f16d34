//! Rust type syntax for [`Ty`].

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{Param, Ty};
use crate::naming::ident;

/// Where a type is written: inside `models`, or in a sibling module that imports `models`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Models,
    Sibling,
}

pub(super) fn ty(ty: &Ty, scope: Scope) -> TokenStream {
    let model = |name: &str| {
        let name = ident(name);
        match scope {
            Scope::Models => quote!(#name),
            Scope::Sibling => quote!(models::#name),
        }
    };
    match ty {
        Ty::String => quote!(String),
        Ty::Timestamp => quote!(featurebase_api::runtime::Timestamp),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(featurebase_api::runtime::Number),
        Ty::Boolean => quote!(bool),
        Ty::Json => quote!(serde_json::Value),
        Ty::True => quote!(featurebase_api::runtime::True),
        Ty::Array(item) => {
            let item = self::ty(item, scope);
            quote!(Vec<#item>)
        }
        Ty::Map(value) => {
            let value = self::ty(value, scope);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        Ty::Named(name) | Ty::Id(name) => model(name),
    }
}

/// An argument type: `impl Into<T>` where that saves callers a conversion.
pub(super) fn arg(ty: &Ty, scope: Scope) -> TokenStream {
    let written = self::ty(ty, scope);
    if into_friendly(ty) {
        quote!(impl Into<#written>)
    } else {
        written
    }
}

/// `name: value`, where the value turns argument `name` into the field's type
/// (shorthand `name` when no conversion is needed).
pub(super) fn init(ty: &Ty, name: &Ident) -> TokenStream {
    if into_friendly(ty) {
        quote!(#name: #name.into())
    } else {
        quote!(#name)
    }
}

/// The expression that turns argument `name` into the field's type.
pub(super) fn convert(ty: &Ty, name: &Ident) -> TokenStream {
    if into_friendly(ty) {
        quote!(#name.into())
    } else {
        quote!(#name)
    }
}

/// A copy of parameter `place`: `.clone()` unless its type is `Copy`.
pub(super) fn copied(param: &Param, place: TokenStream) -> TokenStream {
    if param.copy {
        place
    } else {
        quote!(#place.clone())
    }
}

/// Whether writing `ty` outside `models` names the `models` module.
pub(super) fn mentions_model(ty: &Ty) -> bool {
    match ty {
        Ty::Named(_) | Ty::Id(_) => true,
        Ty::Array(item) | Ty::Map(item) => mentions_model(item),
        Ty::String
        | Ty::Timestamp
        | Ty::Integer
        | Ty::Number
        | Ty::Boolean
        | Ty::Json
        | Ty::True => false,
    }
}

fn into_friendly(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::Timestamp | Ty::Number | Ty::Id(_))
}
