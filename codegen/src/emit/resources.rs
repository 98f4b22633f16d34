//! The `resources` module: the `Client` and the resource tree below it.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::operations::{required_params, sends_line};
use super::types::{self, Scope};
use crate::ir::{Api, Location, Param, Resource, ResourceMethod};
use crate::naming::ident;
use crate::output_names::{BUILDER, CLIENT, NEW, RATE_LIMIT};

pub(super) fn module(api: &Api) -> TokenStream {
    let client = client(api);
    // Resource methods take the required parameters and bodies.
    let uses_models = api.operations.iter().any(|operation| {
        let body = operation
            .body
            .iter()
            .filter(|body| body.required)
            .map(|body| &body.ty);
        let params = required_params(operation).map(|param| &param.ty);
        body.chain(params).any(types::mentions_model)
    });
    let imports = if uses_models {
        quote!(
            use super::{models, operations};
        )
    } else {
        quote!(
            use super::operations;
        )
    };
    let mut resources = Vec::new();
    for child in &api.root.children {
        resource(api, child, &[], &mut resources);
    }
    quote! {
        //! The resource tree: the [`Client`] and the resources below it, whose methods
        //! create the request builders of [`operations`](super::operations).
        use featurebase_api::runtime as rt;
        #imports
        #client
        #(#resources)*
    }
}

fn client(api: &Api) -> TokenStream {
    let title = format!(
        " A client for the {} (version `{}`).",
        api.title, api.version
    );
    let description = docs::lines(api.description.as_deref());
    let version = &api.version;
    let base_url = &api.base_url;
    let items = items(api, &api.root, &[]);
    let client = ident(CLIENT);
    let (new, builder, rate_limit) = (ident(NEW), ident(BUILDER), ident(RATE_LIMIT));
    quote! {
        #[doc = #title]
        #[doc = ""]
        #description
        #[doc = ""]
        /// # Example
        ///
        /// ```no_run
        /// # fn run() -> Result<(), featurebase_api::Error> {
        /// let api_key = std::env::var("FEATUREBASE_API_KEY").expect("FEATUREBASE_API_KEY is set");
        /// let client = featurebase_api::Client::new(api_key)?;
        /// # Ok(()) }
        /// ```
        ///
        /// [`Client::builder`] changes the base URL, API version, timeouts and retries.
        #[derive(Debug, Clone)]
        pub struct #client {
            transport: rt::Transport,
        }

        impl #client {
            /// The API version the spec describes, sent as the `Featurebase-Version` header
            /// unless the builder sets another.
            pub const API_VERSION: &'static str = #version;
            /// The default base URL: the spec's first server.
            pub const BASE_URL: &'static str = #base_url;

            /// A client with the default settings that authenticates with `api_key`.
            pub fn #new(api_key: impl Into<String>) -> Result<Self, rt::Error> {
                Self::#builder(api_key).build()
            }

            /// A builder to change the base URL, API version, timeouts and retries.
            pub fn #builder(api_key: impl Into<String>) -> rt::ClientBuilder<Self> {
                rt::ClientBuilder::new(api_key.into(), Self::BASE_URL, Self::API_VERSION)
            }

            /// The `X-RateLimit-*` values of the latest response that carried them.
            pub fn #rate_limit(&self) -> Option<rt::RateLimit> {
                self.transport.rate_limit()
            }

            #items
        }

        impl From<rt::Transport> for #client {
            fn from(transport: rt::Transport) -> Self {
                Self { transport }
            }
        }
    }
}

/// Emits `resource`'s struct and impl, then its children's.
fn resource(api: &Api, node: &Resource, outer: &[Param], out: &mut Vec<TokenStream>) {
    let bound: Vec<Param> = outer.iter().chain(&node.params).cloned().collect();
    let name = ident(&node.type_name);
    let doc = format!(" Operations under `{}`.", node.path);
    let fields = bound.iter().map(|param| {
        let field = ident(&param.name);
        let ty = types::ty(&param.ty, Scope::Sibling);
        quote!(#field: #ty,)
    });
    let items = items(api, node, &bound);
    out.push(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #name {
            transport: rt::Transport,
            #(#fields)*
        }

        impl #name {
            #items
        }
    });
    for child in &node.children {
        resource(api, child, &bound, out);
    }
}

/// Accessors for the children of `resource`, then its operations.
fn items(api: &Api, resource: &Resource, bound: &[Param]) -> TokenStream {
    let children = resource.children.iter().map(|child| accessor(child, bound));
    let methods = resource
        .methods
        .iter()
        .map(|method| operation_method(api, method, bound));
    quote!(#(#children)* #(#methods)*)
}

fn accessor(child: &Resource, bound: &[Param]) -> TokenStream {
    let method = ident(&child.name);
    let ty = ident(&child.type_name);
    let doc = format!(" The `{}` resource.", child.path);
    let args = child.params.iter().map(|param| {
        let name = ident(&param.name);
        let ty = types::arg(&param.ty, Scope::Sibling);
        quote!(#name: #ty)
    });
    let inherited = bound.iter().map(|param| {
        let name = ident(&param.name);
        let value = types::copied(param, quote!(self.#name));
        quote!(#name: #value)
    });
    let own = child
        .params
        .iter()
        .map(|param| types::init(&param.ty, &ident(&param.name)));
    quote! {
        #[doc = #doc]
        pub fn #method(&self, #(#args),*) -> #ty {
            #ty {
                transport: self.transport.clone(),
                #(#inherited,)*
                #(#own,)*
            }
        }
    }
}

fn operation_method(api: &Api, method: &ResourceMethod, bound: &[Param]) -> TokenStream {
    let operation = &api.operations[method.operation];
    let name = ident(&method.name);
    let builder = ident(&operation.name);
    // The summary, else the description's first line, then where the details are.
    let description = operation
        .docs
        .description
        .as_deref()
        .and_then(|d| d.lines().next());
    let summary = docs::lines(operation.docs.summary.as_deref().or(description));
    let sends = format!(
        "{} See [`{}`](operations::{}).",
        sends_line(operation),
        operation.name,
        operation.name
    );
    let is_bound = |param: &Param| {
        param.location == Location::Path && bound.iter().any(|b| b.wire == param.wire)
    };
    let args = required_params(operation)
        .filter(|p| !is_bound(p))
        .map(|param| {
            let name = ident(&param.name);
            let ty = types::arg(&param.ty, Scope::Sibling);
            quote!(#name: #ty)
        });
    let body_arg = operation.body.as_ref().filter(|b| b.required).map(|body| {
        let ty = types::ty(&body.ty, Scope::Sibling);
        quote!(body: #ty)
    });
    let values = required_params(operation).map(|param| {
        let name = ident(&param.name);
        if is_bound(param) {
            types::copied(param, quote!(self.#name))
        } else {
            types::convert(&param.ty, &name)
        }
    });
    let body_value = operation
        .body
        .as_ref()
        .filter(|b| b.required)
        .map(|_| quote!(body));
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #summary
        #[doc = ""]
        #[doc = #sends]
        #deprecated
        pub fn #name(&self, #(#args,)* #body_arg) -> operations::#builder {
            operations::#builder::new(self.transport.clone(), #(#values,)* #body_value)
        }
    }
}
