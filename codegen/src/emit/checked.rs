//! Decoding that is as strict as building, where serde's derive cannot be: the struct's
//! wire fields are decoded into a private struct (refusing unknown fields, which
//! `deny_unknown_fields` cannot do next to a flattened identity), then checked.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::structs::{allow_deprecated, serde_camel, slot_ty};
use super::types::{self, Scope};
use crate::ir::{Extra, Field, Identity, Slot, Struct, TypeDef};
use crate::naming::ident;
use crate::output_names::{EXTRA_FIELD, IDENTITY_FIELD};

/// The private wire struct and the `Deserialize` impl that checks it.
pub(super) fn decoder(def: &TypeDef, body: &Struct, camel_case: bool) -> TokenStream {
    let name = ident(&def.name);
    let wire = format_ident!("{}Fields", def.name);
    let identity_fields = body.identity.iter().flat_map(identity_fields).map(|field| {
        let ty = types::ty(&field.ty, Scope::Models);
        wire_field(field, quote!(Option<#ty>), None, camel_case)
    });
    let fields = body.fields.iter().map(|field| {
        let slot = field.slot;
        let default = matches!(slot, Slot::Clearable | Slot::ReadOnly).then(|| quote!(default));
        wire_field(field, slot_ty(field, slot), default, camel_case)
    });
    let extra = match &body.extra {
        Extra::Keep(value) => {
            let (field, value) = (ident(EXTRA_FIELD), types::ty(value, Scope::Models));
            Some(quote!(#[serde(flatten)] #field: std::collections::BTreeMap<String, #value>,))
        }
        Extra::Deny | Extra::Ignore => None,
    };
    let rename_all = camel_case.then(|| quote!(rename_all = "camelCase"));
    let deny = (body.extra == Extra::Deny).then(|| quote!(deny_unknown_fields));
    let container = [rename_all, deny].into_iter().flatten().collect::<Vec<_>>();
    let container = (!container.is_empty()).then(|| quote!(#[serde(#(#container),*)]));
    let doc = format!(
        " The wire form of [`{}`], checked before it is one.",
        def.name
    );
    let check = check(body);
    let moves = body.fields.iter().map(|field| {
        let name = ident(&field.name);
        quote!(#name: fields.#name,)
    });
    // The identity check binds a local of the field's name.
    let identity = body.identity.as_ref().map(|_| ident(IDENTITY_FIELD));
    let identity = identity.map(|field| quote!(#field,));
    let extra_move = matches!(body.extra, Extra::Keep(_)).then(|| ident(EXTRA_FIELD));
    let extra_move = extra_move.map(|field| quote!(#field: fields.#field,));
    let allow = allow_deprecated(body);
    quote! {
        #[doc = #doc]
        #[derive(Deserialize)]
        #container
        struct #wire {
            #(#identity_fields)*
            #(#fields)*
            #extra
        }

        #allow
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let fields = #wire::deserialize(deserializer)?;
                #check
                Ok(Self { #identity #(#moves)* #extra_move })
            }
        }
    }
}

/// `name: T,` with the rename the struct's case rule does not cover.
fn wire_field(
    field: &Field,
    ty: TokenStream,
    default: Option<TokenStream>,
    camel_case: bool,
) -> TokenStream {
    let name = ident(&field.name);
    let expected = if camel_case {
        serde_camel(&field.name)
    } else {
        field.name.clone()
    };
    let wire = &field.wire;
    let rename = (expected != *wire).then(|| quote!(rename = #wire));
    let attrs: Vec<TokenStream> = rename.into_iter().chain(default).collect();
    let attrs = (!attrs.is_empty()).then(|| quote!(#[serde(#(#attrs),*)]));
    quote!(#attrs #name: #ty,)
}

/// The statements that refuse what cannot be built: the identity chosen from the fields
/// present (exactly one alternative's), or an empty struct that must not be.
fn check(body: &Struct) -> TokenStream {
    match &body.identity {
        Some(identity) => identity_check(identity),
        None => non_empty_check(body),
    }
}

fn identity_check(identity: &Identity) -> TokenStream {
    let enum_name = ident(&identity.name);
    let all: Vec<&Field> = identity_fields(identity).collect();
    let scrutinee = all.iter().map(|field| {
        let name = ident(&field.name);
        quote!(fields.#name)
    });
    let arms = identity.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let patterns = all.iter().map(|field| {
            let name = ident(&field.name);
            match variant.fields.iter().any(|f| f.name == field.name) {
                true => quote!(Some(#name)),
                false => quote!(None),
            }
        });
        let pattern = tuple(patterns);
        let names = variant.fields.iter().map(|f| ident(&f.name));
        quote!(#pattern => #enum_name::#variant_name { #(#names),* },)
    });
    let sets: Vec<String> = identity
        .variants
        .iter()
        .map(|variant| wires(&variant.fields, " and "))
        .collect();
    let message = format!("expected the identifying fields {}", sets.join(", or "));
    let scrutinee = tuple(scrutinee);
    let identity = ident(IDENTITY_FIELD);
    quote! {
        let #identity = match #scrutinee {
            #(#arms)*
            _ => return Err(serde::de::Error::custom(#message)),
        };
    }
}

fn non_empty_check(body: &Struct) -> TokenStream {
    let unset = body.fields.iter().map(|field| {
        let name = ident(&field.name);
        match field.slot {
            Slot::Clearable => quote!(fields.#name.is_unchanged()),
            _ => quote!(fields.#name.is_none()),
        }
    });
    let message = format!("expected at least one of {}", wires(&body.fields, ", "));
    quote! {
        if #(#unset)&&* {
            return Err(serde::de::Error::custom(#message));
        }
    }
}

/// `(a, b)`, or `a` alone.
fn tuple(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items: Vec<TokenStream> = items.collect();
    match items.as_slice() {
        [one] => one.clone(),
        _ => quote!((#(#items),*)),
    }
}

/// Every field of the alternatives, once each, in the order they first appear.
fn identity_fields(identity: &Identity) -> impl Iterator<Item = &Field> {
    let mut seen = Vec::new();
    identity
        .variants
        .iter()
        .flat_map(|variant| &variant.fields)
        .filter(move |field| {
            let new = !seen.contains(&field.name);
            if new {
                seen.push(field.name.clone());
            }
            new
        })
}

fn wires<'a>(fields: impl IntoIterator<Item = &'a Field>, separator: &str) -> String {
    let wires: Vec<String> = fields
        .into_iter()
        .map(|f| format!("`{}`", f.wire))
        .collect();
    wires.join(separator)
}
