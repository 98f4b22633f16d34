//! The server side of an API, for the mock: the typed request of each operation
//! (`requests`), and the [`Api`] trait with the router that validates requests against the
//! spec and calls it (`server`).

use proc_macro2::TokenStream;
use quote::quote;

use super::shapes::{self, static_name};
use super::types::{self, Scope};
use crate::ir::{Api, Location, Operation};
use crate::naming::ident;
use crate::output_names::{
    SERVER_OPERATIONS, SERVER_ROUTER, SERVER_TRAIT, server_handler, server_method,
};

/// The modules of the server, in file order, each with its token stream.
pub(super) fn modules(api: &Api) -> [(&'static str, TokenStream); 4] {
    [
        ("operations", shapes::operations_module(api)),
        ("requests", requests_module(api)),
        ("server", server_module(api)),
        ("shapes", shapes::shapes_module(api)),
    ]
}

/// What the server's root module says besides its submodules: where the models come from
/// (`models`, a path to the client's module), and what users reach for.
pub(super) fn root(api: &Api, models: TokenStream) -> TokenStream {
    let models = uses_models(api).then(|| quote!(use #models;));
    let [api_trait, operations, router] = server_names();
    quote! {
        #models
        pub use server::{#api_trait, #operations, #router};
    }
}

fn uses_models(api: &Api) -> bool {
    api.operations
        .iter()
        .any(|operation| shapes::operation_tys(operation).any(types::mentions_model))
}

fn requests_module(api: &Api) -> TokenStream {
    let requests = api.operations.iter().map(request);
    let models = uses_models(api).then(|| {
        quote!(
            use super::models;
        )
    });
    quote! {
        //! The typed request of each operation, as the server receives it once it is valid.
        use featurebase_mock::support as sv;
        #models
        #(#requests)*
    }
}

fn request(operation: &Operation) -> TokenStream {
    let name = ident(&operation.name);
    let doc = summary_line(operation);
    let param_fields = operation.params.iter().map(|param| {
        let field = ident(&param.name);
        let ty = types::ty(&param.ty, Scope::Sibling);
        let ty = if param.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        let location = match param.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        let doc = format!(" The `{}` {location} parameter.", param.wire);
        quote!(#[doc = #doc] pub #field: #ty,)
    });
    let body_field = operation.body.as_ref().map(|body| {
        let ty = types::ty(&body.ty, Scope::Sibling);
        let ty = if body.required {
            ty
        } else {
            quote!(Option<#ty>)
        };
        quote!(
            /// The request body.
            pub body: #ty,
        )
    });
    let param_values = operation.params.iter().map(|param| {
        let field = ident(&param.name);
        let wire = &param.wire;
        quote!(#field: input.param(#wire)?,)
    });
    let body_value = operation
        .body
        .as_ref()
        .map(|_| quote!(body: input.body()?,));
    let takes_input = !operation.params.is_empty() || operation.body.is_some();
    let input = if takes_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct #name {
            #(#param_fields)*
            #body_field
        }

        impl sv::FromInput for #name {
            fn from_input(#input: &sv::Input) -> Result<Self, sv::Reply> {
                Ok(Self {
                    #(#param_values)*
                    #body_value
                })
            }
        }
    }
}

fn server_module(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(trait_method);
    let handlers = api.operations.iter().map(handler);
    let all = api.operations.iter().map(|operation| {
        let name = static_name(&operation.name);
        quote!(&operations::#name)
    });
    let routes = routes(api);
    let count = api.operations.len();
    let [api_trait, operations_table, router] = server_names();
    quote! {
        //! Implement [`Api`] and serve it with [`router`]. Every method answers its
        //! operation's documented reply until it is implemented; the router validates each
        //! request against the spec first, answering errors in the API's envelope.
        use std::sync::Arc;
        use axum::extract::State;
        use featurebase_mock::support as sv;
        use super::{operations, requests};

        /// One method per operation, each given a request that the spec allows.
        pub trait #api_trait: Send + Sync + 'static {
            #(#methods)*
        }

        /// Every operation, as the spec describes it.
        pub static #operations_table: [&sv::Operation; #count] = [#(#all),*];

        /// The routes of every operation, calling `api`.
        pub fn #router<S: #api_trait>(api: Arc<S>) -> axum::Router {
            axum::Router::new()
                #(#routes)*
                .with_state(api)
        }

        #(#handlers)*
    }
}

/// The trait, the table of operations and the router.
fn server_names() -> [proc_macro2::Ident; 3] {
    [SERVER_TRAIT, SERVER_OPERATIONS, SERVER_ROUTER].map(ident)
}

fn summary_line(operation: &Operation) -> String {
    let route = format!("`{} {}`", operation.method.as_str(), operation.path);
    match &operation.docs.summary {
        Some(summary) => format!(" {route}: {}.", summary.trim_end_matches('.')),
        None => format!(" {route}."),
    }
}

fn trait_method(operation: &Operation) -> TokenStream {
    let method = ident(&server_method(&operation.name));
    let name = ident(&operation.name);
    let descriptor = static_name(&operation.name);
    let doc = summary_line(operation);
    quote! {
        #[doc = #doc]
        fn #method(
            &self,
            _request: requests::#name,
        ) -> impl std::future::Future<Output = sv::Reply> + Send {
            std::future::ready(sv::Reply::documented(&operations::#descriptor))
        }
    }
}

fn handler(operation: &Operation) -> TokenStream {
    let method = ident(&server_method(&operation.name));
    let handler = handler_name(operation);
    let descriptor = static_name(&operation.name);
    let api_trait = ident(SERVER_TRAIT);
    quote! {
        async fn #handler<S: #api_trait>(State(api): State<Arc<S>>, exchange: sv::Exchange) -> sv::Reply {
            match exchange.accept(&operations::#descriptor) {
                Ok(request) => api.#method(request).await,
                Err(reply) => reply,
            }
        }
    }
}

fn handler_name(operation: &Operation) -> proc_macro2::Ident {
    ident(&server_handler(&operation.name))
}

/// `.route(path, get(..).post(..))` for each path, in path order.
fn routes(api: &Api) -> Vec<TokenStream> {
    let mut paths: Vec<&str> = api.operations.iter().map(|op| op.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .into_iter()
        .map(|path| {
            let mut on_path: Vec<&Operation> =
                api.operations.iter().filter(|op| op.path == path).collect();
            on_path.sort_by_key(|op| op.method);
            let mut methods = on_path.iter().map(|operation| {
                let handler = handler_name(operation);
                let method = ident(&operation.method.as_str().to_lowercase());
                (method, handler)
            });
            let (first, handler) = methods.next().expect("a path has an operation");
            let rest = methods.map(|(method, handler)| quote!(.#method(#handler::<S>)));
            quote!(.route(#path, axum::routing::#first(#handler::<S>) #(#rest)*))
        })
        .collect()
}
