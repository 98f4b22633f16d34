//! Unions (`oneOf`/`anyOf`): serde cannot derive their decoding when tagged, so those
//! get small hand-shaped `Serialize` and `Deserialize` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{self, Scope};
use crate::ir::{TypeDef, Union};
use crate::naming::ident;

/// A union: untagged (the first alternative that decodes wins), or selected by the
/// discriminator property; a response-side tagged union keeps unknown tags as JSON.
pub(super) fn union_def(def: &TypeDef, union: &Union) -> TokenStream {
    let name = ident(&def.name);
    let variants = union.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = types::ty(&variant.ty, Scope::Models);
        let doc = match (&union.tag, &variant.tag_value) {
            (Some(tag), Some(value)) => Some(format!(" `{tag}: \"{value}\"`")),
            _ => None,
        };
        let doc = doc.map(|doc| quote!(#[doc = #doc]));
        quote!(#doc #variant_name(#ty),)
    });
    let Some(tag) = &union.tag else {
        return quote! {
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[serde(untagged)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        };
    };
    let open = def.is_open();
    let unknown = open.then(|| {
        quote!(/// A variant this version of the client does not know, as received.
        Unknown(serde_json::Value),)
    });
    let arms = union.variants.iter().filter_map(|variant| {
        let variant_name = ident(&variant.name);
        let value = variant.tag_value.as_ref()?;
        Some(quote!(#value => serde_json::from_value(value).map(Self::#variant_name),))
    });
    let tagged = union.variants.iter().filter_map(|variant| {
        let variant_name = ident(&variant.name);
        let value = variant.tag_value.as_ref()?;
        Some(quote!(Self::#variant_name(variant) => (#value, serde_json::to_value(variant)),))
    });
    let unknown_arm =
        open.then(|| quote!(Self::Unknown(value) => return value.serialize(serializer),));
    let names: Vec<&String> = union
        .variants
        .iter()
        .filter_map(|v| v.tag_value.as_ref())
        .collect();
    let other = if open {
        quote!(_ => Ok(Self::Unknown(value)),)
    } else {
        quote!(other => Err(serde::de::Error::unknown_variant(other, &[#(#names),*])),)
    };
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown
        }

        /// Sends the variant with its discriminator set, whatever the inner value holds.
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let (tag, value) = match self {
                    #(#tagged)*
                    #unknown_arm
                };
                let mut value = value.map_err(serde::ser::Error::custom)?;
                if let Some(object) = value.as_object_mut() {
                    object.insert(#tag.to_owned(), tag.into());
                }
                value.serialize(serializer)
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#tag).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
                let decoded: Result<Self, serde_json::Error> = match tag.as_str() {
                    #(#arms)*
                    #other
                };
                decoded.map_err(serde::de::Error::custom)
            }
        }
    }
}
