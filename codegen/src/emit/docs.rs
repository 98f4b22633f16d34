//! Rustdoc attributes from [`Docs`].

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Docs;

/// `#[doc = ".."]` lines: the summary, the description, then each fact as a paragraph.
pub(super) fn attrs(docs: &Docs) -> TokenStream {
    let facts = [
        docs.default.as_ref().map(|v| format!("Defaults to `{v}`.")),
        docs.example.as_ref().map(|v| format!("Example: `{v}`.")),
        docs.since
            .as_ref()
            .map(|v| format!("Available since API version `{v}`.")),
    ];
    let paragraphs: Vec<&str> = docs
        .summary
        .iter()
        .chain(&docs.description)
        .chain(&docs.constraints)
        .map(String::as_str)
        .chain(facts.iter().flatten().map(String::as_str))
        .collect();
    lines(paragraphs)
}

/// Doc attributes for paragraphs of text, separated by blank lines.
pub(super) fn lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(
            paragraph
                .lines()
                .map(|line| format!(" {}", line.trim_end())),
        );
    }
    let lines = lines
        .iter()
        .map(|line| if line.trim().is_empty() { "" } else { line });
    quote!(#(#[doc = #lines])*)
}
