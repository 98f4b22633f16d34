//! Enums: string enums (serde-derived, with the `rename_all` rule that saves the most
//! renames) and integer enums (a small hand-shaped `Deserialize`). A response-side enum
//! keeps unknown values in `Unknown`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{IntVariant, TypeDef, Variant};
use crate::naming::ident;

/// A string enum; an open one keeps unknown values in `Unknown(String)`.
pub(super) fn enum_def(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let open = def.is_open();
    let copy = def.is_copy().then(|| quote!(Copy,));
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

/// An integer enum; a response-side one keeps unknown values in `Unknown(i64)`.
pub(super) fn int_enum_def(def: &TypeDef, variants: &[IntVariant]) -> TokenStream {
    let name = ident(&def.name);
    let open = def.is_open();
    let declared = variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = format!(" `{}`", variant.value);
        quote!(#[doc = #doc] #variant_name,)
    });
    let unknown = open.then(|| {
        quote!(/// A value this version of the client does not know.
        Unknown(i64),)
    });
    let to_value = variants.iter().map(|variant| {
        let (variant_name, value) = (ident(&variant.name), Literal::i64_unsuffixed(variant.value));
        quote!(Self::#variant_name => #value,)
    });
    let from_value = variants.iter().map(|variant| {
        let (variant_name, value) = (ident(&variant.name), Literal::i64_unsuffixed(variant.value));
        quote!(#value => Self::#variant_name,)
    });
    let unknown_value = open.then(|| quote!(Self::Unknown(value) => *value,));
    let values: Vec<String> = variants.iter().map(|v| v.value.to_string()).collect();
    let expected = format!("one of {}", values.join(", "));
    let other = if open {
        quote!(other => Self::Unknown(other),)
    } else {
        quote! {
            other => {
                let unexpected = serde::de::Unexpected::Signed(other);
                return Err(serde::de::Error::invalid_value(unexpected, &#expected));
            }
        }
    };
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#declared)*
            #unknown
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    #(#to_value)*
                    #unknown_value
                }
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(match i64::deserialize(deserializer)? {
                    #(#from_value)*
                    #other
                })
            }
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
