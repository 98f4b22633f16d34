//! Structs: their fields with the serde attributes that give absent/null/present the
//! meaning the spec says, and the enum of alternative required fields.

use proc_macro2::TokenStream;
use quote::quote;

use super::checked;
use super::constructors;
use super::docs;
use super::types::{self, Scope};
use crate::ir::{Extra, Field, Identity, Slot, Struct, TypeDef};
use crate::naming::ident;
use crate::output_names::{EXTRA_FIELD, IDENTITY_FIELD};

pub(super) fn struct_def(def: &TypeDef, body: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let every_field: Vec<&Field> = body.fields.iter().chain(identity_fields(body)).collect();
    let camel_case = uses_camel_case(&every_field);
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let checked = body.decodes_checked();
    let deny =
        (body.extra == Extra::Deny && !checked).then(|| quote!(#[serde(deny_unknown_fields)]));
    let derive_deserialize = (!checked).then(|| quote!(Deserialize,));
    let decoder = checked.then(|| checked::decoder(def, body, camel_case));
    let public = fields_public(def, body);
    let identity = body.identity.as_ref().map(|identity| {
        let (field, ty) = (ident(IDENTITY_FIELD), ident(&identity.name));
        quote! {
            /// The fields that identify it: see the variants.
            #[serde(flatten)]
            pub #field: #ty,
        }
    });
    let fields = body
        .fields
        .iter()
        .map(|field| field_def(field, field.slot, camel_case, public));
    let extra = match &body.extra {
        Extra::Keep(value) => {
            let (field, value) = (ident(EXTRA_FIELD), types::ty(value, Scope::Models));
            Some(quote! {
                /// Properties the schema does not name.
                #[serde(flatten)]
                pub #field: std::collections::BTreeMap<String, #value>,
            })
        }
        Extra::Deny | Extra::Ignore => None,
    };
    let default = constructors::has_default(def, body).then(|| quote!(Default,));
    let builder = def.usage.request.then(|| constructors::builder(def, body));
    let identity_enum = body
        .identity
        .as_ref()
        .map(|identity| identity_def(def, identity, camel_case));
    quote! {
        #[derive(Debug, Clone, #default PartialEq, Serialize, #derive_deserialize)]
        #rename_all
        #deny
        #[non_exhaustive]
        pub struct #name {
            #identity
            #(#fields)*
            #extra
        }
        #decoder
        #builder
        #identity_enum
    }
}

/// A struct that must not be empty hides its fields, so that none can be unset.
pub(super) fn fields_public(def: &TypeDef, body: &Struct) -> bool {
    !body.non_empty || def.usage.response
}

fn identity_fields(body: &Struct) -> impl Iterator<Item = &Field> {
    body.identity
        .iter()
        .flat_map(|identity| identity.variants.iter().flat_map(|v| &v.fields))
}

fn field_def(field: &Field, slot: Slot, camel_case: bool, public: bool) -> TokenStream {
    let docs = docs::attrs(&field.docs);
    let name = ident(&field.name);
    let ty = slot_ty(field, slot);
    let serde = serde_attrs(field, slot, camel_case);
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    let visibility = public.then(|| quote!(pub));
    quote! {
        #docs
        #deprecated
        #serde
        #visibility #name: #ty,
    }
}

/// The field's Rust type for its slot.
pub(super) fn slot_ty(field: &Field, slot: Slot) -> TokenStream {
    let ty = types::ty(&field.ty, Scope::Models);
    match slot {
        Slot::Plain | Slot::Fixed => ty,
        Slot::Nullable | Slot::Optional | Slot::ReadOnly => quote!(Option<#ty>),
        Slot::Clearable => quote!(featurebase_api::runtime::Clearable<#ty>),
    }
}

fn serde_attrs(field: &Field, slot: Slot, camel_case: bool) -> TokenStream {
    let expected = if camel_case {
        serde_camel(&field.name)
    } else {
        field.name.clone()
    };
    let wire = &field.wire;
    let mut attrs = Vec::new();
    if expected != *wire {
        attrs.push(quote!(rename = #wire));
    }
    match slot {
        Slot::Optional => attrs.push(quote!(skip_serializing_if = "Option::is_none")),
        Slot::Clearable => attrs.push(quote! {
            default, skip_serializing_if = "featurebase_api::runtime::Clearable::is_unchanged"
        }),
        Slot::ReadOnly => attrs.push(quote!(default, skip_serializing)),
        Slot::Plain | Slot::Fixed | Slot::Nullable => {}
    }
    if attrs.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#attrs),*)])
    }
}

/// `enum XIdentity { UserIdAndEmail { user_id, email }, UserId { user_id }, Email { email } }`,
/// decoded by trying the variants with the most fields first.
fn identity_def(def: &TypeDef, identity: &Identity, camel_case: bool) -> TokenStream {
    let name = ident(&identity.name);
    let variants = identity.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let fields = variant
            .fields
            .iter()
            .map(|field| field_def(field, Slot::Plain, camel_case, false));
        let wires: Vec<String> = variant
            .fields
            .iter()
            .map(|f| format!("`{}`", f.wire))
            .collect();
        let doc = format!(" Identified by {}.", wires.join(" and "));
        quote!(#[doc = #doc] #variant_name { #(#fields)* },)
    });
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all_fields = "camelCase")]));
    let doc = format!(
        " The alternative sets of required fields of [`{}`].",
        def.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #rename_all
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// Whether `rename_all = "camelCase"` saves at least one explicit rename.
/// Only for ASCII names, as serde's rule is (and it would split a non-ASCII first letter).
fn uses_camel_case(fields: &[&Field]) -> bool {
    fields.iter().all(|f| f.name.is_ascii())
        && fields
            .iter()
            .any(|f| serde_camel(&f.name) == f.wire && f.name != f.wire)
}

/// serde's `rename_all = "camelCase"` of a snake_case field name.
/// `#[allow(deprecated)]` for an impl that names the struct's deprecated fields.
pub(super) fn allow_deprecated(body: &Struct) -> Option<TokenStream> {
    let deprecated = body.fields.iter().any(|field| field.deprecated);
    deprecated.then(|| quote!(#[allow(deprecated)]))
}

pub(super) fn serde_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}
