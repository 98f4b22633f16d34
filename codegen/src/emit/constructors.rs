//! Request structs are built, not written as literals: constructors take the required
//! fields (one constructor per identity alternative, or per field of a struct that must
//! not be empty), and a setter per optional field.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::structs::{allow_deprecated, fields_public, slot_ty};
use super::types::{self, Scope};
use crate::ir::{Extra, Field, Slot, Struct, TypeDef};
use crate::naming::{ident, snake};
use crate::output_names::{EMPTY, EXTRA_FIELD, IDENTITY_FIELD, NEW, clear, with};

/// Whether the struct derives `Default`: a request struct with nothing required.
pub(super) fn has_default(def: &TypeDef, body: &Struct) -> bool {
    def.usage.request
        && body.identity.is_none()
        && !body.non_empty
        && !body.fields.iter().any(is_argument)
}

/// Whether constructors take the field: required, not read-only, and not fixed.
pub(super) fn is_argument(field: &Field) -> bool {
    matches!(field.slot, Slot::Plain | Slot::Nullable)
}

pub(super) fn builder(def: &TypeDef, body: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let constructors = constructors(def, body);
    let public = fields_public(def, body);
    let setters = body
        .fields
        .iter()
        .map(|field| setter(field, field.slot, public));
    let allow = allow_deprecated(body);
    quote! {
        #allow
        impl #name {
            #constructors
            #(#setters)*
        }
    }
}

fn constructors(def: &TypeDef, body: &Struct) -> TokenStream {
    let required: Vec<&Field> = body.fields.iter().filter(|f| is_argument(f)).collect();
    let required_names: Vec<Ident> = required.iter().map(|f| ident(&f.name)).collect();
    let required_args: Vec<TokenStream> = required.iter().map(|f| arg(f)).collect();
    if let Some(identity) = &body.identity {
        let enum_name = ident(&identity.name);
        let new_doc = format!(
            " Builds `{}` from its identity and other required fields.",
            def.name
        );
        let (new, identity_field) = (ident(NEW), ident(IDENTITY_FIELD));
        let constructor = init(
            body,
            &new_doc,
            quote!(#new),
            quote!(#identity_field: #enum_name, #(#required_args),*),
        );
        let each = identity.variants.iter().map(|variant| {
            let name = ident(&with(&snake(&variant.name)));
            let doc = format!(
                " Builds `{}` identified by {}.",
                def.name,
                wires(&variant.fields)
            );
            let variant_name = ident(&variant.name);
            let args = variant.fields.iter().map(arg);
            let inits = variant
                .fields
                .iter()
                .map(|f| types::init(&f.ty, &ident(&f.name)));
            quote! {
                #[doc = #doc]
                pub fn #name(#(#args,)* #(#required_args),*) -> Self {
                    Self::#new(#enum_name::#variant_name { #(#inits),* }, #(#required_names),*)
                }
            }
        });
        return quote!(#constructor #(#each)*);
    }
    if body.non_empty {
        let empty = ident(EMPTY);
        let constructor = init(
            body,
            " Nothing set yet: not to be sent as it is.",
            quote!(#empty),
            quote!(),
        );
        let each = body.fields.iter().map(|field| {
            let setter = ident(&field.name);
            let name = ident(&with(&field.name));
            let doc = format!(
                " Builds `{}` that sets `{}`, so that it is not empty.",
                def.name, field.wire
            );
            let arg = types::arg(&field.ty, Scope::Models);
            quote! {
                #[doc = #doc]
                pub fn #name(#setter: #arg) -> Self {
                    Self::#empty().#setter(#setter)
                }
            }
        });
        return quote!(#constructor #(#each)*);
    }
    let doc = format!(
        " Builds `{}` from its required fields; set the others with the methods below.",
        def.name
    );
    let new = ident(NEW);
    init(body, &doc, quote!(#new), quote!(#(#required_args),*))
}

/// `name: T` for a required field (`Option<T>` when it is nullable).
fn arg(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let ty = match field.slot {
        Slot::Nullable => slot_ty(field, Slot::Nullable),
        _ => types::arg(&field.ty, Scope::Models),
    };
    quote!(#name: #ty)
}

/// The function that writes out every field: required ones from its arguments, the
/// others empty. `empty` is private; the others are public.
fn init(body: &Struct, doc: &str, name: TokenStream, args: TokenStream) -> TokenStream {
    let identity = body.identity.as_ref().map(|_| ident(IDENTITY_FIELD));
    let identity = identity.map(|field| quote!(#field,));
    let inits = body.fields.iter().map(|field| {
        let name = ident(&field.name);
        match field.slot {
            Slot::Plain => types::init(&field.ty, &name),
            Slot::Nullable => quote!(#name),
            Slot::Optional | Slot::ReadOnly => quote!(#name: None),
            Slot::Fixed | Slot::Clearable => quote!(#name: Default::default()),
        }
    });
    let extra = matches!(body.extra, Extra::Keep(_)).then(|| ident(EXTRA_FIELD));
    let extra = extra.map(|field| quote!(#field: Default::default(),));
    let visibility = (name.to_string() != EMPTY).then(|| quote!(pub));
    quote! {
        #[doc = #doc]
        #visibility fn #name(#args) -> Self {
            Self { #identity #(#inits,)* #extra }
        }
    }
}

/// Setters for optional fields: `field(value)`, and `clear_field()` for clearable ones.
/// Their docs link to the field's, or repeat them when the field is private.
fn setter(field: &Field, slot: Slot, public: bool) -> Option<TokenStream> {
    let name = ident(&field.name);
    let docs = if public {
        let doc = format!(" Sets [`{name}`](field@Self::{name}).");
        quote!(#[doc = #doc])
    } else {
        docs::attrs(&field.docs)
    };
    let arg = types::arg(&field.ty, Scope::Models);
    let value = types::convert(&field.ty, &name);
    match slot {
        Slot::Plain | Slot::Fixed | Slot::Nullable | Slot::ReadOnly => None,
        Slot::Optional => Some(quote! {
            #docs
            pub fn #name(mut self, #name: #arg) -> Self {
                self.#name = Some(#value);
                self
            }
        }),
        Slot::Clearable => {
            let clear = ident(&clear(&field.name));
            let clear_doc = format!(" Sends `{}` as `null`, to clear it.", field.wire);
            Some(quote! {
                #docs
                pub fn #name(mut self, #name: #arg) -> Self {
                    self.#name = featurebase_api::runtime::Clearable::Set(#value);
                    self
                }

                #[doc = #clear_doc]
                pub fn #clear(mut self) -> Self {
                    self.#name = featurebase_api::runtime::Clearable::Clear;
                    self
                }
            })
        }
    }
}

fn wires(fields: &[Field]) -> String {
    let wires: Vec<String> = fields.iter().map(|f| format!("`{}`", f.wire)).collect();
    wires.join(" and ")
}
