//! Line and column of every node of the spec's YAML, by JSON pointer, so that
//! diagnostics can say where in the file a problem is.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, Span};

use crate::diagnostics::{Diagnostic, Pointer};

/// 1-based line and column of each node (for a mapping entry: of its key).
pub(crate) struct Locations(BTreeMap<String, (usize, usize)>);

impl Locations {
    /// Reads the positions of `text`; a document that does not parse yields none.
    pub(crate) fn of(text: &str) -> Self {
        let mut walker = Walker::default();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            walker.event(&event, span);
        }
        Self(walker.found)
    }

    /// The line of the node at `pointer`, if it is in the file.
    pub(crate) fn line(&self, pointer: &str) -> Option<usize> {
        self.0.get(pointer).map(|&(line, _)| line)
    }

    /// Sets the location of each diagnostic that lacks one: its node's, or the nearest
    /// enclosing node's when the node itself is not in the file.
    pub(crate) fn annotate(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
            let mut pointer = diagnostic.pointer.as_str();
            diagnostic.location = loop {
                if let Some(found) = self.0.get(pointer) {
                    break Some(*found);
                }
                match pointer.rsplit_once('/') {
                    Some((parent, _)) => pointer = parent,
                    None => break None,
                }
            };
        }
    }
}

/// Where the walk is inside a mapping or a sequence.
enum Frame {
    /// A mapping; the key whose value comes next, if any.
    Map(Option<String>),
    /// A sequence; the index of the next item.
    Seq(usize),
}

/// Follows the events of a document, knowing the pointer of the node that comes next.
#[derive(Default)]
pub(crate) struct Walker {
    /// The pointer of each open container, outermost first.
    open: Vec<Pointer>,
    frames: Vec<Frame>,
    found: BTreeMap<String, (usize, usize)>,
}

impl Walker {
    pub(crate) fn event(&mut self, event: &Event<'_>, span: Span) {
        match event {
            Event::Scalar(text, ..) => match self.frames.last_mut() {
                Some(Frame::Map(key @ None)) => {
                    *key = Some(text.to_string());
                    let pointer = self.slot();
                    self.record(&pointer, span);
                }
                _ => {
                    let pointer = self.slot();
                    self.record(&pointer, span);
                    self.advance();
                }
            },
            Event::Alias(_) => {
                let pointer = self.slot();
                self.record(&pointer, span);
                self.advance();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = self.slot();
                self.record(&pointer, span);
                self.open.push(pointer);
                let frame = if matches!(event, Event::MappingStart(..)) {
                    Frame::Map(None)
                } else {
                    Frame::Seq(0)
                };
                self.frames.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.open.pop();
                self.advance();
            }
            _ => {}
        }
    }

    /// Whether the next scalar is a mapping key.
    pub(crate) fn expects_key(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Map(None)))
    }

    /// The pointer of the value that comes next (for a mapping key: of its mapping).
    pub(crate) fn slot(&self) -> Pointer {
        let parent = self.open.last().cloned().unwrap_or_else(Pointer::root);
        match self.frames.last() {
            Some(Frame::Map(Some(key))) => parent.join(key),
            Some(Frame::Seq(index)) => parent.join(index),
            Some(Frame::Map(None)) | None => parent,
        }
    }

    /// After a value: the mapping awaits its next key, the sequence its next item.
    fn advance(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Map(key)) => *key = None,
            Some(Frame::Seq(index)) => *index += 1,
            None => {}
        }
    }

    fn record(&mut self, pointer: &Pointer, span: Span) {
        let at = (span.start.line(), span.start.col() + 1);
        self.found.entry(pointer.to_string()).or_insert(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(text: &str, pointer: &str) -> Option<(usize, usize)> {
        let mut diagnostics = [Diagnostic {
            pointer: pointer.into(),
            ..Diagnostic::new(&Pointer::root(), "")
        }];
        Locations::of(text).annotate(&mut diagnostics);
        diagnostics[0].location
    }

    #[test]
    fn finds_keys_items_and_nearest_parents() {
        let text = "openapi: 3.0.3\npaths:\n  /v2/x:\n    get:\n      parameters:\n        - name: a\n        - $ref: '#/p'\n";
        assert_eq!(located(text, "#/openapi"), Some((1, 1)));
        assert_eq!(located(text, "#/paths/~1v2~1x/get"), Some((4, 5)));
        assert_eq!(
            located(text, "#/paths/~1v2~1x/get/parameters/1/$ref"),
            Some((7, 11))
        );
        assert_eq!(located(text, "#/paths/~1v2~1x/get/responses"), Some((4, 5)));
        assert_eq!(located(text, "#/nowhere"), Some((1, 1)));
    }
}
