//! The `operations` module: one request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{self, Scope};
use crate::ir::{Api, Location, Method, Operation, Param};
use crate::naming::ident;

pub(super) fn module(api: &Api) -> TokenStream {
    let builders = api.operations.iter().map(builder);
    quote! {
        //! Request builders, one per operation. Reach them through the resource tree from
        //! [`Client`](super::Client), set optional parameters, then `.await` them.
        use featurebase_api::runtime as rt;
        use super::models;
        #(#builders)*
    }
}

/// The builder's required inputs, in `new`'s argument order: path, query and header
/// parameters that are required, then the body.
pub(super) fn required_params(operation: &Operation) -> impl Iterator<Item = &Param> {
    operation.params.iter().filter(|p| p.required)
}

fn builder(operation: &Operation) -> TokenStream {
    let name = ident(&operation.name);
    let docs = docs::attrs(&operation.docs);
    let sends = sends_line(operation);
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
        #[doc = ""]
        #[doc = #sends]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
        pub struct #name {
            transport: rt::Transport,
            #(#fields)*
            #body_field
        }

        impl #name {
            #metadata
            #constructor
            #(#setters)*
            #body_setter
            #send
        }

        impl std::future::IntoFuture for #name {
            type Output = Result<#output, rt::Error>;
            type IntoFuture = rt::BoxFuture<#output>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

pub(super) fn sends_line(operation: &Operation) -> String {
    format!(
        " Sends `{} {}`.",
        method_name(operation.method),
        operation.path
    )
}

fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Patch => "PATCH",
        Method::Delete => "DELETE",
    }
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
    match &operation.response {
        Some(ty) => types::ty(ty, Scope::Sibling),
        None => quote!(()),
    }
}

fn metadata(operation: &Operation) -> TokenStream {
    let id = &operation.id;
    let method = ident(match operation.method {
        Method::Get => "Get",
        Method::Post => "Post",
        Method::Put => "Put",
        Method::Patch => "Patch",
        Method::Delete => "Delete",
    });
    let path = &operation.path;
    let idempotent = operation.idempotent;
    let since = match &operation.since {
        Some(version) => quote!(Some(#version)),
        None => quote!(None),
    };
    quote! {
        /// What the runtime needs to know to send and retry this operation.
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
            Self { transport, #(#inits,)* #body_init }
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
        quote!(.#method(#wire, &self.#name))
    });
    let body = operation.body.as_ref().map(|_| quote!(.json(&self.body)));
    let send = if operation.response.is_some() {
        quote!(send)
    } else {
        quote!(send_empty)
    };
    quote! {
        /// Sends the request and decodes the response.
        pub async fn send(self) -> Result<#output, rt::Error> {
            let request = rt::Request::new(&Self::OPERATION)
                #(#parts)*
                #body;
            self.transport.#send(request).await
        }
    }
}
