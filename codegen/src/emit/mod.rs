//! IR -> Rust code: one token stream per module, formatted with `prettyplease`.

mod checked;
mod constructors;
mod docs;
mod enums;
mod examples;
mod layout;
mod models;
mod operations;
mod resources;
mod server;
mod shapes;
mod structs;
mod types;
mod unions;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::Api;

/// One generated file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name, e.g. `models.rs`.
    pub path: String,
    pub contents: String,
}

/// The modules every API gets, in file order.
fn modules(api: &Api) -> [(&'static str, TokenStream); 3] {
    [
        ("models", models::module(api)),
        ("operations", operations::module(api)),
        ("resources", resources::module(api)),
    ]
}

/// The modules inline, formatted as one file (for `include!` from a build script).
pub(crate) fn inline_file(api: &Api) -> String {
    format(inline_modules(api))
}

/// `mod.rs` and one file per module, formatted, without the `@generated` header.
pub(crate) fn files(api: &Api) -> Vec<GeneratedFile> {
    let modules = modules(api);
    let root = root(declarations(&modules));
    formatted_files(root, modules)
}

/// `pub mod name;` for each module, as a `mod.rs` declares its files.
fn declarations(modules: &[(&'static str, TokenStream)]) -> impl Iterator<Item = TokenStream> {
    modules.iter().map(|(name, _)| {
        let name = format_ident!("{name}");
        quote!(pub mod #name;)
    })
}

/// `pub mod name { .. }` for each module, inline.
fn inline(
    modules: impl IntoIterator<Item = (&'static str, TokenStream)>,
) -> impl Iterator<Item = TokenStream> {
    modules.into_iter().map(|(name, tokens)| {
        let name = format_ident!("{name}");
        quote!(pub mod #name { #tokens })
    })
}

/// `mod.rs` from `root`, then a file per module, formatted.
fn formatted_files(
    root: TokenStream,
    modules: impl IntoIterator<Item = (&'static str, TokenStream)>,
) -> Vec<GeneratedFile> {
    std::iter::once(("mod", root))
        .chain(modules)
        .map(|(name, tokens)| GeneratedFile {
            path: format!("{name}.rs"),
            contents: format(tokens),
        })
        .collect()
}

/// The server's `mod.rs` and one file per module, for a crate beside the client's
/// (`featurebase_api`), without the `@generated` header.
pub(crate) fn server_files(api: &Api) -> Vec<GeneratedFile> {
    let modules = server::modules(api);
    let declarations = declarations(&modules);
    let root = server::root(api, quote!(featurebase_api::models));
    let root = quote!(#(#declarations)* #root);
    formatted_files(root, modules)
}

/// The server's modules inline, formatted as one file to `include!` in a module beside the
/// client's `models` (e.g. `pub mod mock { include!(..); }` next to the client's modules).
pub(crate) fn server_inline_file(api: &Api) -> String {
    let modules = inline(server::modules(api));
    let root = server::root(api, quote!(super::models));
    format(quote!(#(#modules)* #root))
}

/// The same modules inline (`pub mod models { .. }`), for the proc macro.
pub(crate) fn inline_modules(api: &Api) -> TokenStream {
    root(inline(modules(api)))
}

fn root(modules: impl Iterator<Item = TokenStream>) -> TokenStream {
    let client = format_ident!("{}", crate::output_names::CLIENT);
    quote! {
        #(#modules)*
        pub use resources::#client;
    }
}

/// Formats a module. The emitters only build valid syntax, so a failure here is a bug.
fn format(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => layout::space_items(&prettyplease::unparse(&file)),
        Err(error) => panic!("the generator emitted invalid Rust: {error}"),
    }
}
