//! `generate!("path/to/spec.yaml")` expands to the client modules that
//! `cargo xtask regen` writes for that spec (`models`, `operations`, `resources`
//! and `pub use resources::Client`). The path is relative to the crate's
//! `Cargo.toml`. The expansion needs `featurebase-api`, `serde` and `serde_json`
//! as dependencies of the calling crate. Its doc examples call `featurebase_api::Client`,
//! so a crate expanding another spec sets `doctest = false` in its `[lib]` section.

use std::path::PathBuf;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    expand(input.into(), manifest_dir.unwrap_or_default()).into()
}

/// The macro's expansion, given the directory that relative spec paths start from.
fn expand(input: TokenStream, base: PathBuf) -> TokenStream {
    let path = match syn::parse2::<LitStr>(input) {
        Ok(path) => path,
        Err(error) => return error.to_compile_error(),
    };
    let full = base.join(path.value());
    let bytes = match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(error) => {
            let message = format!("cannot read {}: {error}", full.display());
            return syn::Error::new(path.span(), message).to_compile_error();
        }
    };
    let generated =
        featurebase_codegen::decode(bytes).and_then(|text| featurebase_codegen::expand(&text));
    let modules = match generated {
        Ok(generated) => generated.output,
        Err(diagnostics) => {
            let message = diagnostics.render(&full.display().to_string());
            return syn::Error::new(path.span(), message).to_compile_error();
        }
    };
    // Recompile when the spec changes.
    let tracked = full.display().to_string();
    let tracked = LitStr::new(&tracked, Span::call_site());
    quote! {
        const _: &str = include_str!(#tracked);
        #modules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The macro expands to the very code that `cargo xtask regen` checked in.
    #[test]
    fn expansion_matches_the_checked_in_files() {
        let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let expansion = expand(quote!("spec/featurebase.yaml"), workspace.clone());
        let file: syn::File = syn::parse2(expansion).expect("the expansion parses");
        let generated = workspace.join("featurebase-api/src/generated");
        let mut modules = 0;
        for item in &file.items {
            let syn::Item::Mod(module) = item else {
                continue;
            };
            let (_, items) = module.content.clone().expect("inline module");
            let attrs = &module.attrs;
            let expanded = syn::parse2(quote!(#(#attrs)* #(#items)*)).expect("module parses");
            let expanded = prettyplease::unparse(&expanded);
            let path = generated.join(format!("{}.rs", module.ident));
            let checked_in = std::fs::read_to_string(&path).expect("generated file exists");
            let checked_in = syn::parse_file(&checked_in).expect("generated file parses");
            let checked_in = prettyplease::unparse(&checked_in);
            assert_eq!(
                expanded,
                checked_in,
                "{} differs from the expansion",
                path.display()
            );
            modules += 1;
        }
        assert_eq!(modules, 3);
    }

    #[test]
    fn a_spec_that_is_not_utf8_is_a_located_compile_error() {
        let dir = std::env::temp_dir().join(format!("fb-macro-latin1-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("latin1.yaml"), b"openapi: 3.0.3\n# caf\xe9\n").expect("write");
        let expansion = expand(quote!("latin1.yaml"), dir).to_string();
        let error = "latin1.yaml:2:6: error: the spec is not UTF-8 text";
        assert!(expansion.contains(error), "{expansion}");
    }

    #[test]
    fn a_bad_spec_is_a_compile_error_naming_every_problem() {
        let dir = std::env::temp_dir().join(format!("fb-macro-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /x:\n    get:\n      responses: {}\n  /y:\n    get:\n      operationId: getY\n      responses: {}\n";
        std::fs::write(dir.join("bad.yaml"), spec).expect("write spec");
        let expansion = expand(quote!("bad.yaml"), dir).to_string();
        assert!(expansion.contains("compile_error"), "{expansion}");
        let first =
            "bad.yaml:5:5: warning: no `operationId`: named `get_x` after the method and path";
        let second = "bad.yaml:10:7: error: an operation needs at least one response";
        assert!(expansion.contains(first), "{expansion}");
        assert!(expansion.contains(second), "{expansion}");
    }
}
