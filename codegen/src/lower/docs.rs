//! Rustdoc text gathered from the spec: descriptions made safe as rustdoc, constraints,
//! defaults, examples and the version that introduced an item.

use openapiv3::{
    ExternalDocumentation, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::Lowerer;
use super::extensions::Extensions;
use super::extensions::X_DOC_CONFLICT;
use crate::diagnostics::Pointer;
use crate::ir::Docs;

impl Lowerer<'_> {
    /// Docs of a schema: title, description, constraints, default, example and version.
    pub(super) fn schema_docs(&mut self, schema: &Schema, at: &Pointer) -> Docs {
        let data = &schema.schema_data;
        // An example that is the default, or an object, would say nothing a reader needs.
        let example = (data.example != data.default)
            .then_some(data.example.as_ref())
            .flatten()
            .filter(|e| !e.is_object());
        let mut docs = Docs {
            summary: data.title.clone(),
            description: data.description.as_deref().map(rustdoc_safe),
            constraints: constraints(schema),
            default: data.default.as_ref().map(ToString::to_string),
            example: example.map(ToString::to_string),
            since: None,
        };
        self.extension_docs(&mut docs, &data.extensions, at);
        self.external_docs(data.external_docs.as_ref(), at);
        docs
    }

    /// `externalDocs` is not rendered; a warning says so.
    pub(super) fn external_docs(&mut self, docs: Option<&ExternalDocumentation>, at: &Pointer) {
        if docs.is_some() {
            self.warn(&at.join("externalDocs"), "`externalDocs` is ignored");
        }
    }

    /// The `externalDocs` of the document and of its tags.
    pub(super) fn document_external_docs(&mut self) {
        let root = Pointer::root();
        self.external_docs(self.doc.external_docs.as_ref(), &root);
        for (index, tag) in self.doc.tags.iter().enumerate() {
            self.external_docs(tag.external_docs.as_ref(), &root.join("tags").join(index));
        }
    }

    /// Sets the version `x-available-since` gives, and checks `x-doc-conflict`, whose text
    /// goes to the maintainers' `DECISIONS.md` rather than into rustdoc.
    pub(super) fn extension_docs(&mut self, docs: &mut Docs, ext: &Extensions, at: &Pointer) {
        docs.since = self.ext_version(ext, at);
        self.ext_str(ext, X_DOC_CONFLICT, at);
    }
}

/// Spec Markdown as rustdoc that cannot become a doctest: code blocks without a language
/// (or marked as Rust) are fenced as `text`, indented code blocks too, and bare carriage
/// returns are dropped.
pub(super) fn rustdoc_safe(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "");
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let mut indented = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let after_blank = out.last().is_none_or(|last| last.trim().is_empty());
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            out.push(line.to_owned());
        } else if let Some((marker, info)) = fence_start(trimmed) {
            let indent = &line[..line.len() - trimmed.len()];
            let info = if is_rust(info) { "text" } else { info };
            out.push(format!("{indent}{marker}{info}"));
            fence = Some(marker.to_owned());
        } else if is_indented(line) && (indented || after_blank) {
            if !indented {
                out.push("```text".to_owned());
                indented = true;
            }
            let code = line
                .strip_prefix("    ")
                .or_else(|| line.strip_prefix('\t'));
            out.push(code.unwrap_or(line).to_owned());
        } else if indented && line.trim().is_empty() {
            // A blank line inside an indented block does not end it.
            out.push(String::new());
        } else {
            if indented {
                close_indented(&mut out);
                indented = false;
            }
            out.push(line.to_owned());
        }
    }
    if indented {
        close_indented(&mut out);
    }
    out.join("\n")
}

/// The fence characters and the info string of a line that opens a code fence.
fn fence_start(line: &str) -> Option<(&str, &str)> {
    let fence_char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = line.chars().take_while(|c| *c == fence_char).count();
    (length >= 3).then(|| (&line[..length], line[length..].trim()))
}

/// Whether rustdoc would compile a code block with this info string.
fn is_rust(info: &str) -> bool {
    const RUSTDOC: [&str; 6] = [
        "rust",
        "ignore",
        "no_run",
        "should_panic",
        "compile_fail",
        "edition2024",
    ];
    info.split([',', ' '])
        .filter(|t| !t.is_empty())
        .all(|t| RUSTDOC.contains(&t))
}

fn is_indented(line: &str) -> bool {
    !line.trim().is_empty() && (line.starts_with("    ") || line.starts_with('\t'))
}

/// Ends an indented block turned into a fence, before the blank lines that ended it.
fn close_indented(out: &mut Vec<String>) {
    let blanks = out.iter().rev().take_while(|l| l.trim().is_empty()).count();
    out.insert(out.len() - blanks, "```".to_owned());
}

/// Human-readable constraints of a schema, one sentence each.
fn constraints(schema: &Schema) -> Vec<String> {
    let mut notes = Vec::new();
    let SchemaKind::Type(ty) = &schema.schema_kind else {
        return notes;
    };
    match ty {
        Type::String(s) => {
            if let Some(format) = string_format(&s.format) {
                notes.push(format!("Format: `{format}`."));
            }
            bounds(
                &mut notes,
                ("character", "characters"),
                s.min_length,
                s.max_length,
            );
            if let Some(pattern) = &s.pattern {
                notes.push(format!("Must match `{pattern}`."));
            }
        }
        Type::Integer(i) => range(&mut notes, i.minimum, i.maximum),
        Type::Number(n) => range(&mut notes, n.minimum, n.maximum),
        Type::Array(a) => bounds(&mut notes, ("item", "items"), a.min_items, a.max_items),
        Type::Object(o) => bounds(
            &mut notes,
            ("property", "properties"),
            o.min_properties,
            o.max_properties,
        ),
        Type::Boolean(_) => {}
    }
    notes
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(known) => Some(
            match known {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }
            .to_owned(),
        ),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// `unit` is `(singular, plural)`, e.g. `("item", "items")`.
fn bounds(notes: &mut Vec<String>, unit: (&str, &str), min: Option<usize>, max: Option<usize>) {
    let of = |n: usize| if n == 1 { unit.0 } else { unit.1 };
    match (min, max) {
        (Some(min), Some(max)) => notes.push(format!("From {min} to {max} {}.", of(max))),
        (Some(min), None) => notes.push(format!("At least {min} {}.", of(min))),
        (None, Some(max)) => notes.push(format!("At most {max} {}.", of(max))),
        (None, None) => {}
    }
}

fn range<N: std::fmt::Display>(notes: &mut Vec<String>, min: Option<N>, max: Option<N>) {
    match (min, max) {
        (Some(min), Some(max)) => notes.push(format!("Between {min} and {max}.")),
        (Some(min), None) => notes.push(format!("At least {min}.")),
        (None, Some(max)) => notes.push(format!("At most {max}.")),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::rustdoc_safe;

    #[test]
    fn code_blocks_that_rustdoc_would_compile_become_text() {
        let spec = "Call it:\r\n\r\n```\r\nlet x = 1;\r\n```\r\n\r\n```rust,no_run\nf();\n```\n";
        assert_eq!(
            rustdoc_safe(spec),
            "Call it:\n\n```text\nlet x = 1;\n```\n\n```text\nf();\n```"
        );
    }

    #[test]
    fn code_blocks_in_other_languages_are_kept() {
        let spec = "```json\n{\"a\": 1}\n```\n  ~~~sh\n  curl\n  ~~~";
        assert_eq!(rustdoc_safe(spec), spec);
    }

    #[test]
    fn indented_code_blocks_are_fenced_but_list_continuations_are_not() {
        let spec =
            "Example:\n\n    let x = 1;\n\n    x\n\nAfter.\n- item\n    continued\nA bare\rreturn.";
        assert_eq!(
            rustdoc_safe(spec),
            "Example:\n\n```text\nlet x = 1;\n\nx\n```\n\nAfter.\n- item\n    continued\nA barereturn."
        );
    }
}
