//! The `models` module: identifier newtypes, structs, enums and literals.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{self, Scope};
use crate::ir::{Api, Extra, Field, IdType, Struct, Ty, TypeDef, TypeKind, Variant};
use crate::naming::{camel, ident, is_identifier};

pub(super) fn module(api: &Api) -> TokenStream {
    let ids = api.ids.iter().map(id_type);
    let types = api.types.iter().map(|def| type_def(api, def));
    quote! {
        //! Request and response types.
        use serde::{Deserialize, Serialize};
        #(#ids)*
        #(#types)*
    }
}

fn id_type(id: &IdType) -> TokenStream {
    let name = ident(&id.name);
    let doc = format!(
        " A `{}`: its own type, so it cannot be passed where another kind of id is expected.",
        id.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct #name(String);

        impl #name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

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
        TypeKind::Struct(body) => struct_def(api, def, body),
        TypeKind::Enum(variants) => enum_def(def, variants),
        TypeKind::Literal(value) => literal_def(def, value),
    };
    quote!(#docs #body)
}

fn struct_def(api: &Api, def: &TypeDef, body: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let camel_case = body
        .fields
        .iter()
        .any(|f| serde_camel(&f.name) == f.wire && f.name != f.wire);
    let rename_all = camel_case.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let deny = (body.extra == Extra::Deny).then(|| quote!(#[serde(deny_unknown_fields)]));
    let fields = body.fields.iter().map(|field| field_def(field, camel_case));
    let extra = match &body.extra {
        Extra::Keep(value) => {
            let value = types::ty(value, Scope::Models);
            Some(quote! {
                /// Properties the schema does not name.
                #[serde(flatten)]
                pub extra: std::collections::BTreeMap<String, #value>,
            })
        }
        Extra::Deny | Extra::Ignore => None,
    };
    let builder = def.usage.request.then(|| builder(api, def, body));
    // `new()` without arguments wants a `Default` beside it.
    let all_optional = body
        .fields
        .iter()
        .all(|f| !f.required || is_fixed(api, &f.ty));
    let default = (def.usage.request && all_optional).then(|| quote!(Default,));
    quote! {
        #[derive(Debug, Clone, #default PartialEq, Serialize, Deserialize)]
        #rename_all
        #deny
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #builder
    }
}

fn field_def(field: &Field, camel_case: bool) -> TokenStream {
    let docs = docs::attrs(&field.docs);
    let name = ident(&field.name);
    let ty = field_ty(field);
    let expected = if camel_case {
        serde_camel(&field.name)
    } else {
        field.name.clone()
    };
    let wire = &field.wire;
    let rename = (expected != *wire).then(|| quote!(rename = #wire));
    let skip = (!field.required).then(|| quote!(skip_serializing_if = "Option::is_none"));
    let serde = match (rename, skip) {
        (None, None) => quote!(),
        (Some(attr), None) | (None, Some(attr)) => quote!(#[serde(#attr)]),
        (Some(rename), Some(skip)) => quote!(#[serde(#rename, #skip)]),
    };
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #docs
        #deprecated
        #serde
        pub #name: #ty,
    }
}

/// `T`, or `Option<T>` when the field may be absent or null.
fn field_ty(field: &Field) -> TokenStream {
    let ty = types::ty(&field.ty, Scope::Models);
    if field.required && !field.nullable {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// `new` with the required fields, and a setter per optional field.
fn builder(api: &Api, def: &TypeDef, body: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = body
        .fields
        .iter()
        .filter(|f| f.required && !is_fixed(api, &f.ty))
        .collect();
    let args = required.iter().map(|field| {
        let name = ident(&field.name);
        let ty = if field.nullable {
            field_ty(field)
        } else {
            types::arg(&field.ty, Scope::Models)
        };
        quote!(#name: #ty)
    });
    let inits = body.fields.iter().map(|field| {
        let name = ident(&field.name);
        if required.iter().any(|r| r.name == field.name) {
            if field.nullable {
                quote!(#name)
            } else {
                types::init(&field.ty, &name)
            }
        } else if field.required {
            quote!(#name: Default::default())
        } else {
            quote!(#name: None)
        }
    });
    let extra = matches!(body.extra, Extra::Keep(_)).then(|| quote!(extra: Default::default(),));
    let setters = body.fields.iter().filter(|f| !f.required).map(setter);
    let doc = format!(
        " A `{}` with its required fields; set the others with the methods below.",
        def.name
    );
    let allow = body
        .fields
        .iter()
        .any(|f| f.deprecated)
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl #name {
            #[doc = #doc]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #extra }
            }
            #(#setters)*
        }
    }
}

/// Fields whose only value is known: literals and `true`. `new` fills them in.
fn is_fixed(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::True => true,
        Ty::Named(name) => api
            .types
            .iter()
            .any(|def| def.name == *name && matches!(def.kind, TypeKind::Literal(_))),
        _ => false,
    }
}

fn setter(field: &Field) -> TokenStream {
    let docs = docs::attrs(&field.docs);
    let name = ident(&field.name);
    let arg = types::arg(&field.ty, Scope::Models);
    let value = types::convert(&field.ty, &name);
    quote! {
        #docs
        pub fn #name(mut self, #name: #arg) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

fn enum_def(def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let name = ident(&def.name);
    let open = def.usage.response;
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

fn literal_def(def: &TypeDef, value: &str) -> TokenStream {
    let name = ident(&def.name);
    let variant = camel(value);
    let variant = ident(if is_identifier(&variant) {
        &variant
    } else {
        "Value"
    });
    let doc = format!(" Always `\"{value}\"`; any other value fails to decode.");
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum #name {
            #[default]
            #[serde(rename = #value)]
            #variant,
        }
    }
}

/// serde's `rename_all = "camelCase"` of a snake_case field name.
fn serde_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.trim_start_matches("r#").chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
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
        apply: |name| name.to_lowercase(),
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
        apply: |name| snake_words(name).to_uppercase(),
    },
    CaseRule {
        attribute: Some("UPPERCASE"),
        apply: |name| name.to_uppercase(),
    },
];

/// The rule that names the most variants right, so that few need their own `rename`.
fn enum_case_rule(variants: &[Variant]) -> &'static CaseRule {
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
        out.extend(c.to_lowercase());
    }
    out
}
