//! The `models` module: identifier newtypes, structs, enums and literals.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::enums;
use super::structs;
use super::unions;
use crate::ir::{Api, IdType, TypeDef, TypeKind};
use crate::naming::{camel, ident, is_identifier};

pub(super) fn module(api: &Api) -> TokenStream {
    let ids = api.ids.iter().map(id_type);
    let types = api.types.iter().map(type_def);
    let empty = api.ids.is_empty() && api.types.is_empty();
    let serde = (!empty).then(|| {
        quote!(
            use serde::{Deserialize, Serialize};
        )
    });
    quote! {
        //! Request and response types.
        #serde
        #(#ids)*
        #(#types)*
    }
}

fn id_type(id: &IdType) -> TokenStream {
    let name = ident(&id.name);
    let doc = format!(
        " Identifier of kind `{}`: a type of its own, so that it cannot be passed where another kind of id is expected.",
        id.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(String);

        impl #name {
            /// Wraps an id received or stored elsewhere.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for #name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for #name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        /// Lets an id held elsewhere be passed by reference, without `.clone()`.
        impl From<&#name> for #name {
            fn from(id: &#name) -> Self {
                id.clone()
            }
        }

        impl PartialEq<str> for #name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for #name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let docs = docs::attrs(&def.docs);
    let body = match &def.kind {
        TypeKind::Struct(body) => structs::struct_def(def, body),
        TypeKind::Enum(variants) => enums::enum_def(def, variants),
        TypeKind::Literal(value) => literal_def(def, value),
        TypeKind::IntEnum(variants) => enums::int_enum_def(def, variants),
        TypeKind::Union(union) => unions::union_def(def, union),
    };
    quote!(#docs #body)
}

fn has_docs(def: &TypeDef) -> bool {
    !def.docs.is_empty()
}

fn literal_def(def: &TypeDef, value: &str) -> TokenStream {
    let name = ident(&def.name);
    let variant = camel(value);
    let variant = ident(if is_identifier(&variant) {
        &variant
    } else {
        "Value"
    });
    let doc = format!(" Always `\"{value}\"`; any other value fails to decode.");
    let separator = has_docs(def).then(|| quote!(#[doc = ""]));
    quote! {
        #separator
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum #name {
            #[default]
            #[serde(rename = #value)]
            #variant,
        }
    }
}
