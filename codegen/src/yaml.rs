//! Checks of the YAML text before it is deserialized, for what deserializing would lose
//! or could not afford: aliases that expand past a size bound (an "alias bomb"), merge
//! keys (`<<`, which the OpenAPI parser would read as an ordinary key and drop), and a key
//! repeated in one mapping in another spelling (`200` and `'200'`: one would be lost).

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostics::{Diagnostic, Pointer};
use crate::locate::Walker;

/// The most the document may stand for once its aliases are expanded (bytes of scalars
/// plus one per node): far above any real API description, far below exhausting memory.
const MAX_EXPANDED: u64 = 32 * 1024 * 1024;

/// Every problem of these kinds. A document that is not valid YAML is left to the
/// parser, which says where.
pub(crate) fn check(text: &str) -> Vec<Diagnostic> {
    let mut checker = Checker::default();
    let mut walker = Walker::default();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { break };
        let (at, is_key) = (walker.slot(), walker.expects_key());
        walker.event(&event, span);
        if let Err(bomb) = checker.event(&event, Node { at, span, is_key }) {
            return vec![bomb];
        }
    }
    checker.problems
}

/// Where an event is: its pointer (for a key, its mapping's), its place in the text, and
/// whether it is a mapping key.
struct Node {
    at: Pointer,
    span: Span,
    is_key: bool,
}

impl Node {
    fn problem(&self, at: &Pointer, message: String) -> Diagnostic {
        Diagnostic {
            location: Some((self.span.start.line(), self.span.start.col() + 1)),
            ..Diagnostic::new(at, message)
        }
    }
}

#[derive(Default)]
struct Checker {
    /// Each open node: its anchor id (0 for none) and its expanded size so far.
    open: Vec<(usize, u64)>,
    /// Each open mapping's keys (`None` for a sequence).
    keys: Vec<Option<BTreeMap<String, ScalarStyle>>>,
    /// The expanded size of each anchored node, by anchor id.
    anchored: BTreeMap<usize, u64>,
    expanded: u64,
    problems: Vec<Diagnostic>,
}

impl Checker {
    /// Takes in one event; an expansion past the bound ends the check.
    fn event(&mut self, event: &Event<'_>, node: Node) -> Result<(), Diagnostic> {
        match event {
            Event::Scalar(text, style, anchor, _) => {
                if node.is_key {
                    self.key(text, *style, &node);
                }
                let size = 1 + text.len() as u64;
                self.anchor(*anchor, size);
                self.grow(size, &node)
            }
            Event::Alias(anchor) => {
                let size = self.anchored.get(anchor).copied().unwrap_or(1);
                self.grow(size, &node)
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                let mapping = matches!(event, Event::MappingStart(..));
                self.open.push((*anchor, 0));
                self.keys.push(mapping.then(BTreeMap::new));
                self.grow(1, &node)
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.keys.pop();
                if let Some((anchor, size)) = self.open.pop() {
                    self.anchor(anchor, size);
                    if let Some((_, parent)) = self.open.last_mut() {
                        *parent += size;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn anchor(&mut self, anchor: usize, size: u64) {
        if anchor != 0 {
            self.anchored.insert(anchor, size);
        }
    }

    /// Adds `size` to the document and to the open node.
    fn grow(&mut self, size: u64, node: &Node) -> Result<(), Diagnostic> {
        self.expanded = self.expanded.saturating_add(size);
        if let Some((_, open)) = self.open.last_mut() {
            *open = open.saturating_add(size);
        }
        if self.expanded <= MAX_EXPANDED {
            return Ok(());
        }
        let message = format!(
            "the document's aliases expand it past {} MiB; write the repeated parts out, \
             or share them with `$ref`",
            MAX_EXPANDED / (1024 * 1024)
        );
        Err(node.problem(&node.at, message))
    }

    fn key(&mut self, text: &str, style: ScalarStyle, node: &Node) {
        let at = node.at.join(text);
        if text == "<<" && style == ScalarStyle::Plain {
            let message = "YAML merge keys (`<<`) are not supported: the OpenAPI parser \
                           would drop the merged keys; write them out, or share a schema \
                           with `$ref`";
            self.problems.push(node.problem(&at, message.to_owned()));
        }
        let Some(Some(keys)) = self.keys.last_mut() else {
            return;
        };
        if let Some(first) = keys.insert(text.to_owned(), style) {
            let plain = |style| style == ScalarStyle::Plain;
            let spelling = match plain(first) == plain(style) {
                true => "",
                false => ", once quoted and once not",
            };
            let message = format!(
                "`{text}` is a key of this mapping twice{spelling}; only one would be kept"
            );
            self.problems.push(node.problem(&at, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keys_and_keys_in_two_spellings_are_found_where_they_are() {
        let text = "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\nresponses:\n  200: {}\n  '200': {}\n";
        let found = check(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].pointer, "#/c/<<");
        assert!(found[0].message.starts_with("YAML merge keys"), "{found:?}");
        assert_eq!(found[0].location, Some((3, 3)));
        assert_eq!(found[1].pointer, "#/responses/200");
        assert_eq!(
            found[1].message,
            "`200` is a key of this mapping twice, once quoted and once not; only one would be kept"
        );
        assert_eq!(found[1].location, Some((7, 3)));
        assert_eq!(check("'<<': literal\nlist: [a, a]\n"), []);
    }

    #[test]
    fn an_alias_bomb_is_refused_before_it_is_expanded() {
        let mut text = format!("a: &a [\"{}\"]\n", "x".repeat(100_000));
        text.push_str(&format!("b: &b [{}]\n", ["*a"; 300].join(",")));
        text.push_str(&format!("c: [{}]\n", ["*b"; 30].join(",")));
        assert!(text.len() < 1024 * 1024);
        let found = check(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("aliases expand it past 32 MiB"),
            "{found:?}"
        );
        assert_eq!(found[0].location.map(|(line, _)| line), Some(3));
        // Aliases that stay small are fine.
        assert_eq!(check("a: &a [1, 2]\nb: [*a, *a, *a]\n"), []);
    }
}
