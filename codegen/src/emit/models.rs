//! The `models` module: identifier newtypes, structs, enums and literals.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::structs;
use super::unions;
use crate::ir::{Api, IdType, TypeDef, TypeKind, Variant};
use crate::naming::{camel, ident, is_identifier};

pub(super) fn module(api: &Api) -> TokenStream {
    let ids = api.ids.iter().map(id_type);
    let types = api.types.iter().map(|def| type_def(api, def));
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

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = docs::attrs(&def.docs);
    let body = match &def.kind {
        TypeKind::Struct(body) => structs::struct_def(api, def, body),
        TypeKind::Enum(variants) => enum_def(def, variants),
        TypeKind::Literal(value) => literal_def(def, value),
        TypeKind::IntEnum(variants) => unions::int_enum_def(def, variants),
        TypeKind::Union(union) => unions::union_def(def, union),
    };
    quote!(#docs #body)
}

fn enum_def(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let open = def.is_open();
    let copy = (!open).then(|| quote!(Copy,));
    let rule = enum_case_rule(variants);
    let rename_all = rule
        .attribute
        .map(|rule| quote!(#[serde(rename_all = #rule)]));
    let declared = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        let renamed = (rule.apply)(&variant.name) != variant.wire;
        let rename = renamed.then(|| quote!(#[serde(rename = #wire)]));
        let doc = format!(" `{wire}`");
        quote!(#[doc = #doc] #rename #variant_name,)
    });
    let unknown = open.then(|| {
        quote! {
            /// A value this version of the client does not know.
            #[serde(untagged)]
            Unknown(String),
        }
    });
    let arms = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let wire = &variant.wire;
        quote!(Self::#variant_name => #wire,)
    });
    let unknown_arm = open.then(|| quote!(Self::Unknown(value) => value,));
    quote! {
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash, Serialize, Deserialize)]
        #rename_all
        #[non_exhaustive]
        pub enum #name {
            #(#declared)*
            #unknown
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    #unknown_arm
                }
            }
        }
    }
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
/// One of serde's `rename_all` rules for enum variants.
struct CaseRule {
    /// `None` for variant names as they are.
    attribute: Option<&'static str>,
    apply: fn(&str) -> String,
}

const CASE_RULES: &[CaseRule] = &[
    CaseRule {
        attribute: None,
        apply: |name| name.to_owned(),
    },
    CaseRule {
        attribute: Some("lowercase"),
        apply: |name| name.to_ascii_lowercase(),
    },
    CaseRule {
        attribute: Some("snake_case"),
        apply: snake_words,
    },
    CaseRule {
        attribute: Some("kebab-case"),
        apply: |name| snake_words(name).replace('_', "-"),
    },
    CaseRule {
        attribute: Some("SCREAMING_SNAKE_CASE"),
        apply: |name| snake_words(name).to_ascii_uppercase(),
    },
    CaseRule {
        attribute: Some("UPPERCASE"),
        apply: |name| name.to_ascii_uppercase(),
    },
];

/// The rule that names the most variants right, so that few need their own `rename`.
/// Only for ASCII names: serde's rules change ASCII letters only (and may split a
/// non-ASCII one), so other names get explicit renames.
fn enum_case_rule(variants: &[Variant]) -> &'static CaseRule {
    if !variants.iter().all(|v| v.name.is_ascii()) {
        return &CASE_RULES[0];
    }
    let hits = |rule: &CaseRule| {
        variants
            .iter()
            .filter(|v| (rule.apply)(&v.name) == v.wire)
            .count()
    };
    let mut best = &CASE_RULES[0];
    for rule in &CASE_RULES[1..] {
        if hits(rule) > hits(best) {
            best = rule;
        }
    }
    best
}

/// serde's `snake_case` of a PascalCase variant name.
fn snake_words(name: &str) -> String {
    let mut out = String::new();
    for (index, c) in name.char_indices() {
        if index > 0 && c.is_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
