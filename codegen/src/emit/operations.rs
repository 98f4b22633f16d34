//! The `operations` module: one request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{self, Scope};
use super::{docs, examples};
use crate::ir::{Api, Location, Operation, Param};
use crate::naming::ident;

pub(super) fn module(api: &Api) -> TokenStream {
    let routes = examples::routes(api);
    let builders = (0..api.operations.len()).map(|index| builder(api, index, &routes));
    let uses_models = api.operations.iter().any(|operation| {
        let body = operation.body.iter().map(|body| &body.ty);
        let params = operation.params.iter().map(|param| &param.ty);
        let types = body.chain(params).chain(&operation.response);
        types.into_iter().any(types::mentions_model)
    });
    let models = uses_models.then(|| {
        quote!(
            use super::models;
        )
    });
    quote! {
        //! Request builders, one per operation. Reach them through the resource tree from
        //! [`Client`](super::Client), set optional parameters, then `.await` them.
        use featurebase_api::runtime as rt;
        #models
        #(#builders)*
    }
}

/// The builder's required inputs, in `new`'s argument order: path, query and header
/// parameters that are required, then the body.
pub(super) fn required_params(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|p| p.required)
}

fn builder(api: &Api, index: usize, routes: &[Option<examples::Route<'_>>]) -> TokenStream {
    let operation = &api.operations[index];
    let name = ident(&operation.name);
    let docs = docs::attrs(&operation.docs);
    let has_docs = !docs.is_empty();
    let separator = has_docs.then(|| quote!(#[doc = ""]));
    let sends = sends_line(operation);
    let responses = responses_doc(operation);
    let example = examples::doc(api, index, routes[index].as_ref()).map(|lines| {
        let lines = lines.iter().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        });
        quote!(#[doc = ""] #(#[doc = #lines])*)
    });
    // Deprecation is marked on the resource method that creates the builder.
    let fields = operation.params.iter().map(|param| {
        let field = ident(&param.name);
        let ty = param_ty(param);
        quote!(#field: #ty,)
    });
    let body_field = operation.body.as_ref().map(|body| {
        let ty = types::ty(&body.ty, Scope::Sibling);
        if body.required {
            quote!(body: #ty,)
        } else {
            quote!(body: Option<#ty>,)
        }
    });
    let output = output(operation);
    let constructor = constructor(operation);
    let setters = operation.params.iter().filter(|p| !p.required).map(setter);
    let body_setter = operation.body.as_ref().filter(|b| !b.required).map(|body| {
        let ty = types::ty(&body.ty, Scope::Sibling);
        quote! {
            /// Sets the request body.
            pub fn body(mut self, body: #ty) -> Self {
                self.body = Some(body);
                self
            }
        }
    });
    let metadata = metadata(operation);
    let send = send(operation);
    quote! {
        #docs
        #separator
        #[doc = #sends]
        #responses
        #example
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
        pub struct #name {
            transport: rt::Transport,
            options: rt::RequestOptions,
            #(#fields)*
            #body_field
        }

        // The spec decides how deeply the response types nest; `Pending<Response<..>>`
        // adds two levels that clippy would count against a user's crate.
        #[allow(clippy::type_complexity)]
        impl #name {
            #metadata
            #constructor
            #(#setters)*
            #body_setter

            /// Overrides the client's retries and timeout for this request.
            pub fn with_options(mut self, options: rt::RequestOptions) -> Self {
                self.options = options;
                self
            }

            #send
        }

        impl std::future::IntoFuture for #name {
            type Output = Result<#output, rt::Error>;
            type IntoFuture = rt::Pending<#output>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

/// A `# Responses` section listing the documented statuses.
fn responses_doc(operation: &Operation) -> TokenStream {
    let lines = operation.statuses.iter().map(|status| {
        let description = status.description.lines().next().unwrap_or_default().trim();
        format!(" - `{}`: {description}", status.code)
    });
    let heading = (!operation.statuses.is_empty())
        .then(|| quote!(#[doc = ""] #[doc = " # Responses"] #[doc = ""]));
    quote!(#heading #(#[doc = #lines])*)
}

pub(super) fn sends_line(operation: &Operation) -> String {
    format!(" Sends `{} {}`.", operation.method.as_str(), operation.path)
}

fn param_ty(param: &Param) -> TokenStream {
    let ty = types::ty(&param.ty, Scope::Sibling);
    if param.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

fn output(operation: &Operation) -> TokenStream {
    match (&operation.pagination, &operation.response) {
        (Some(pagination), _) => {
            let item = types::ty(&pagination.item, Scope::Sibling);
            quote!(rt::Page<#item>)
        }
        (None, Some(ty)) => types::ty(ty, Scope::Sibling),
        (None, None) => quote!(()),
    }
}

fn metadata(operation: &Operation) -> TokenStream {
    let id = &operation.id;
    // `rt::Method`'s variants are named like ours: `Get`, `Post`, ...
    let method = ident(&format!("{:?}", operation.method));
    let path = &operation.path;
    let idempotent = operation.idempotent;
    let since = match &operation.since {
        Some(version) => quote!(Some(#version)),
        None => quote!(None),
    };
    quote! {
        /// What the runtime needs to know to send and retry this operation; not part of
        /// the stable API.
        #[doc(hidden)]
        pub const OPERATION: rt::Operation = rt::Operation {
            id: #id,
            method: rt::Method::#method,
            path: #path,
            idempotent: #idempotent,
            since: #since,
        };
    }
}

fn constructor(operation: &Operation) -> TokenStream {
    let args = required_params(operation).map(|param| {
        let name = ident(&param.name);
        let ty = types::ty(&param.ty, Scope::Sibling);
        quote!(#name: #ty)
    });
    let body_arg = operation.body.as_ref().filter(|b| b.required).map(|body| {
        let ty = types::ty(&body.ty, Scope::Sibling);
        quote!(body: #ty)
    });
    let inits = operation.params.iter().map(|param| {
        let name = ident(&param.name);
        if param.required {
            quote!(#name)
        } else {
            quote!(#name: None)
        }
    });
    let body_init = operation.body.as_ref().map(|body| {
        if body.required {
            quote!(body)
        } else {
            quote!(body: None)
        }
    });
    quote! {
        pub(crate) fn new(transport: rt::Transport, #(#args,)* #body_arg) -> Self {
            Self { transport, options: rt::RequestOptions::default(), #(#inits,)* #body_init }
        }
    }
}

fn setter(param: &Param) -> TokenStream {
    let docs = docs::attrs(&param.docs);
    let name = ident(&param.name);
    let arg = types::arg(&param.ty, Scope::Sibling);
    let value = types::convert(&param.ty, &name);
    quote! {
        #docs
        pub fn #name(mut self, #name: #arg) -> Self {
            self.#name = Some(#value);
            self
        }
    }
}

fn send(operation: &Operation) -> TokenStream {
    let output = output(operation);
    let parts = operation.params.iter().map(|param| {
        let name = ident(&param.name);
        let wire = &param.wire;
        let method = ident(match param.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        });
        let check = check(param);
        quote!(.#method(#wire, &self.#name) #check)
    });
    let body = operation.body.as_ref().map(|body| match body.form {
        true => quote!(.form(&self.body)),
        false => quote!(.json(&self.body)),
    });
    let call = match (&operation.pagination, &operation.response) {
        (Some(pagination), Some(envelope)) => {
            let envelope = types::ty(envelope, Scope::Sibling);
            let cursor = &pagination.cursor;
            let items = ident(&pagination.items.name);
            let items = if pagination.items.is_option() {
                quote!(page.#items.unwrap_or_default())
            } else {
                quote!(page.#items)
            };
            let next = ident(&pagination.next.name);
            let next = if pagination.next.is_option() {
                quote!(page.#next)
            } else {
                quote!(Some(page.#next))
            };
            quote!(send_page(request, #cursor, |page: #envelope| (#items, #next)))
        }
        (None, Some(_)) => quote!(send_with_response(request)),
        (_, None) => quote!(send_empty(request)),
    };
    let items = operation.pagination.as_ref().map(|pagination| {
        let item = types::ty(&pagination.item, Scope::Sibling);
        quote! {
            /// Every item across all pages, each page fetched as the stream reaches it.
            pub fn items(self) -> rt::Items<#item> {
                rt::Page::items(self.send())
            }
        }
    });
    quote! {
        /// Sends the request and decodes the response.
        pub fn send(self) -> rt::Pending<#output> {
            self.send_with_response().into_value()
        }

        /// Sends the request; the decoded response comes with its status and headers.
        pub fn send_with_response(self) -> rt::Pending<rt::Response<#output>> {
            let request = rt::Request::new(&Self::OPERATION, self.options)
                #(#parts)*
                #body;
            self.transport.#call
        }

        #items
    }
}

/// `.check(..)` for a parameter with bounds, else nothing.
fn check(param: &Param) -> Option<TokenStream> {
    let limits = param.limits;
    if !limits.has_bounds() {
        return None;
    }
    let float = |bound: Option<f64>| bound.map(proc_macro2::Literal::f64_unsuffixed);
    let length = |bound: Option<usize>| bound.map(proc_macro2::Literal::usize_unsuffixed);
    let bounds = [
        ("minimum", float(limits.minimum)),
        ("maximum", float(limits.maximum)),
        ("min_length", length(limits.min_length)),
        ("max_length", length(limits.max_length)),
    ];
    let set = bounds.into_iter().filter_map(|(field, value)| {
        let field = ident(field);
        value.map(|value| quote!(#field: Some(#value),))
    });
    let (name, wire) = (ident(&param.name), &param.wire);
    Some(quote!(.check(#wire, &self.#name, rt::Limits { #(#set)* ..rt::Limits::NONE })))
}
