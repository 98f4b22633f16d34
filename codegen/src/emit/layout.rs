//! Blank lines between items, which `prettyplease` leaves out.

/// How an item (not a statement) can start.
const ITEM_STARTS: &[&str] = &[
    "///",
    "#[",
    "pub ",
    "pub(",
    "impl ",
    "impl<",
    "fn ",
    "async fn ",
    "const ",
    "static ",
    "type ",
    "struct ",
    "enum ",
    "mod ",
    "use ",
];

/// Puts a blank line after every item that ends a block (`}`) before a sibling item,
/// after a run of `use`s, and after the inner docs of a module.
pub(super) fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous: Option<&str> = None;
    for line in code.lines() {
        if previous.is_some_and(|previous| needs_gap(previous, line)) {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_gap(previous: &str, line: &str) -> bool {
    let (before, after) = (previous.trim_start(), line.trim_start());
    let same_depth = indent(previous) == indent(line);
    let starts_item = ITEM_STARTS.iter().any(|start| after.starts_with(start));
    let one_line_item = ["pub struct ", "pub static "]
        .iter()
        .any(|start| before.starts_with(start));
    let ends_block =
        matches!(before, "}" | "};" | ");") || (one_line_item && before.ends_with(';'));
    let ends_uses = before.starts_with("use ") && !after.starts_with("use ");
    let ends_inner_docs = before.starts_with("//!") && !after.starts_with("//!");
    same_depth && starts_item && (ends_block || ends_uses) || ends_inner_docs
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn separates_items_but_not_statements() {
        let code = "//! Docs.\nuse a;\nuse b;\npub struct A;\nimpl A {\n    fn f() {\n        if x {\n        }\n        let y = 1;\n    }\n    fn g() {}\n}\n/// B\nstruct B;\n";
        let expected = "//! Docs.\n\nuse a;\nuse b;\n\npub struct A;\n\nimpl A {\n    fn f() {\n        if x {\n        }\n        let y = 1;\n    }\n\n    fn g() {}\n}\n\n/// B\nstruct B;\n";
        assert_eq!(space_items(code), expected);
        let statics = "pub static A: S = S(\n    1,\n);\n/// B\npub static B: S = S(2);\npub static C: S = S(3);\n";
        let expected = "pub static A: S = S(\n    1,\n);\n\n/// B\npub static B: S = S(2);\n\npub static C: S = S(3);\n";
        assert_eq!(space_items(statics), expected);
    }
}
