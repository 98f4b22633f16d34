//! `cargo xtask regen`, the `generate!` macro's expansion and a build script all produce
//! the same code from the same spec.

use std::path::Path;

use featurebase_build_example::api::{Client, models::UpsertCompanyRequest};

/// Each top-level module of a file of inline modules, pretty-printed.
fn inline_modules(file: syn::File) -> Vec<(String, String)> {
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => {
                let (_, items) = module.content?;
                let attrs = module.attrs;
                let file: syn::File = syn::parse_quote!(#(#attrs)* #(#items)*);
                Some((module.ident.to_string(), prettyplease::unparse(&file)))
            }
            _ => None,
        })
        .collect()
}

/// The modules `cargo xtask regen` checked in, pretty-printed.
fn checked_in(names: &[String]) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../featurebase-api/src/generated");
    names
        .iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(dir.join(format!("{name}.rs"))).expect("checked-in file");
            (
                name.clone(),
                prettyplease::unparse(&syn::parse_file(&text).expect("parses")),
            )
        })
        .collect()
}

#[test]
fn build_script_macro_and_xtask_agree() {
    let from_build_script =
        inline_modules(syn::parse_file(featurebase_build_example::GENERATED).expect("parses"));
    let names: Vec<String> = from_build_script
        .iter()
        .map(|(name, _)| name.clone())
        .collect();
    assert_eq!(names, ["models", "operations", "resources"]);

    let spec = include_str!("../../../spec/featurebase.yaml");
    let expansion = featurebase_codegen::expand(spec)
        .expect("the spec is valid")
        .output;
    let from_macro = inline_modules(syn::parse2(expansion).expect("parses"));

    assert_eq!(from_build_script, checked_in(&names));
    assert_eq!(from_macro, from_build_script);
}

#[test]
fn the_generated_client_is_usable() -> Result<(), featurebase_api::Error> {
    let client = Client::builder("key")
        .base_url("http://127.0.0.1:9")
        .build()?;
    let body = UpsertCompanyRequest::new("comp_12345", "Acme Inc");
    let _request = client.users().companies().create_or_update(body);
    Ok(())
}
