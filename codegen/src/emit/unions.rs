//! Integer enums and unions (`oneOf`/`anyOf`): serde cannot derive their decoding, so
//! they get small hand-shaped `Deserialize` impls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::{self, Scope};
use crate::ir::{IntVariant, TypeDef, Union};
use crate::naming::ident;

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
