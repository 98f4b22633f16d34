//! The JSON path (`data[3].companies[0].name`) of the place a `serde_json` error points
//! at, found by scanning the body's bytes once: one small walker for every response type,
//! instead of decoding a failing body a second time to track where it failed.
//!
//! The path names what was being read when the error's position was reached: the value
//! of a key (`name`), an array item (`data[1]`), the object or array just closed (a missing
//! field is reported at its closing brace, so its path is the object's), `?` for a key not
//! yet read, and `.` for the whole body (a top-level error, bytes after the value).
//! `serde_json` places an error that a type raises after its value was read (rather than
//! in its visitor) after that value, or past the closing brace when the value is the last
//! of its object: the path is then the object's.

/// The path of the position `line`/`column` of a `serde_json` error in `body`.
pub(crate) fn path_at(body: &[u8], line: usize, column: usize) -> String {
    let mut walker = Walker::default();
    for &byte in &body[..offset(body, line, column)] {
        if !walker.step(byte) {
            break;
        }
    }
    walker.path()
}

/// The number of bytes read when `serde_json` stopped: its lines count from 1, its
/// columns count the bytes read on that line.
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        _ => body
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(body.len(), |(index, _)| index + 1),
    };
    (start + column).min(body.len())
}

#[derive(Default)]
struct Walker {
    frames: Vec<Frame>,
    string: Option<Text>,
    /// The top-level value is complete: what follows is trailing bytes.
    done: bool,
}

enum Frame {
    Object(Key),
    /// The current item's index, and whether that item has started.
    Array(usize, bool),
}

enum Key {
    /// After `{` or `,`: the key is not read yet.
    Expected,
    /// Inside the key's string: its raw bytes so far.
    Reading(Vec<u8>),
    /// The key read; its value comes or is being read.
    Read(String),
}

/// The string being scanned: whether it is a key, and whether a `\` escapes the next byte.
struct Text {
    key: bool,
    escaped: bool,
}

impl Walker {
    /// Consumes one byte; `false` once the top-level value is complete.
    fn step(&mut self, byte: u8) -> bool {
        if let Some(text) = &mut self.string {
            let key = text.key;
            let closing = !text.escaped && byte == b'"';
            text.escaped = !text.escaped && byte == b'\\';
            if closing {
                self.string = None;
            }
            if key {
                self.key_byte(byte, closing);
            }
            return true;
        }
        if self.done {
            return false;
        }
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            b',' => self.next_item(),
            b'}' | b']' => {
                self.frames.pop();
                self.done = self.frames.is_empty();
            }
            b'"' => {
                let key = self.start_key();
                if !key {
                    self.start_value();
                }
                self.string = Some(Text {
                    key,
                    escaped: false,
                });
            }
            b'{' => {
                self.start_value();
                self.frames.push(Frame::Object(Key::Expected));
            }
            b'[' => {
                self.start_value();
                self.frames.push(Frame::Array(0, false));
            }
            _ => self.start_value(),
        }
        true
    }

    /// A string starts where a key is expected: it is that key.
    fn start_key(&mut self) -> bool {
        match self.frames.last_mut() {
            Some(Frame::Object(key @ Key::Expected)) => {
                *key = Key::Reading(Vec::new());
                true
            }
            _ => false,
        }
    }

    /// A value starts: in an array, the current item has begun.
    fn start_value(&mut self) {
        if let Some(Frame::Array(_, started)) = self.frames.last_mut() {
            *started = true;
        }
    }

    fn next_item(&mut self) {
        match self.frames.last_mut() {
            Some(Frame::Object(key)) => *key = Key::Expected,
            Some(Frame::Array(index, started)) => {
                *index += 1;
                *started = false;
            }
            None => {}
        }
    }

    fn key_byte(&mut self, byte: u8, closing: bool) {
        let Some(Frame::Object(key)) = self.frames.last_mut() else {
            return;
        };
        let Key::Reading(raw) = key else {
            return;
        };
        if !closing {
            raw.push(byte);
            return;
        }
        let mut quoted = Vec::with_capacity(raw.len() + 2);
        quoted.push(b'"');
        quoted.append(raw);
        quoted.push(b'"');
        // A key with a broken escape is still named, as written.
        let text = serde_json::from_slice::<String>(&quoted)
            .unwrap_or_else(|_| String::from_utf8_lossy(&quoted[1..quoted.len() - 1]).into());
        *key = Key::Read(text);
    }

    fn path(&self) -> String {
        let mut path = String::new();
        for frame in &self.frames {
            match frame {
                Frame::Array(_, false) => break,
                Frame::Array(index, true) => path.push_str(&format!("[{index}]")),
                Frame::Object(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    match key {
                        Key::Read(name) => path.push_str(name),
                        Key::Expected | Key::Reading(_) => path.push('?'),
                    }
                }
            }
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Company {
        name: String,
        size: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Contact {
        name: String,
        companies: Vec<Company>,
        tags: Option<Vec<Vec<bool>>>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct List {
        data: Vec<Contact>,
    }

    /// The path `path_at` finds for the error decoding `body` into `T`, checked against
    /// the path `serde_path_to_error` tracks while decoding it again.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> String {
        let error = serde_json::from_str::<T>(body).expect_err(body);
        let path = path_at(body.as_bytes(), error.line(), error.column());
        let mut deserializer = serde_json::Deserializer::from_str(body);
        let tracked = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(_) => ".".to_owned(),
            Err(error) => error.path().to_string(),
        };
        assert_eq!(path, tracked, "{body}");
        path
    }

    #[test]
    fn a_wrong_type_is_at_its_key_or_index() {
        let cases = [
            (r#"{"data":[{"name":1,"companies":[]}]}"#, "data[0].name"),
            (
                r#"{"data":[{"name":"a","companies":[]},{"name":"b","companies":[{"name":"c","size":"big"}]}]}"#,
                "data[1].companies[0].size",
            ),
            (
                r#"{"data":[{"name":"a","companies":[],"tags":[[true],[false,1]]}]}"#,
                "data[0].tags[1][1]",
            ),
            (r#"{"data":{}}"#, "data"),
            (
                r#"{"data":[{"name":"a","companies":{}}]}"#,
                "data[0].companies",
            ),
        ];
        for (body, path) in cases {
            assert_eq!(path_of::<List>(body), path, "{body}");
        }
    }

    #[test]
    fn a_missing_field_is_at_the_object_it_is_missing_from() {
        let cases = [
            (r#"{}"#, "."),
            (r#"{"data":[{"companies":[]}]}"#, "data[0]"),
            (
                "{\n  \"data\": [\n    {\"name\": \"a\", \"companies\": [{\"size\": 1}]}\n  ]\n}",
                "data[0].companies[0]",
            ),
        ];
        for (body, path) in cases {
            assert_eq!(path_of::<List>(body), path, "{body}");
        }
    }

    #[test]
    fn an_unknown_field_is_at_its_key() {
        let body = r#"{"data":[{"name":"a","companies":[{"name":"c","sise":1}]}]}"#;
        assert_eq!(path_of::<List>(body), "data[0].companies[0].sise");
    }

    #[test]
    fn escaped_quotes_and_brackets_in_strings_are_text() {
        let body = r#"{"data":[{"name":"a \"[{\" ]} \\","companies":[],"tags":[[1]]}]}"#;
        assert_eq!(path_of::<List>(body), "data[0].tags[0][0]");
        let key = r#"{"data":[{"name":"a","companies":[{"name":"c","a\"b]":1}]}]}"#;
        assert_eq!(path_of::<List>(key), r#"data[0].companies[0].a"b]"#);
    }

    #[test]
    fn unicode_is_counted_in_bytes_as_serde_json_counts_it() {
        let body = r#"{"data":[{"name":"émile 東京 🦀","companies":[{"name":"ß","size":-1}]}]}"#;
        assert_eq!(path_of::<List>(body), "data[0].companies[0].size");
        let key = r#"{"data":[{"name":"a","companies":[{"name":"c","größe":1}]}]}"#;
        assert_eq!(path_of::<List>(key), "data[0].companies[0].größe");
        let escaped = r#"{"data":[{"name":"a","companies":[{"name":"c","\u00e9\n":1}]}]}"#;
        assert_eq!(path_of::<List>(escaped), "data[0].companies[0].é\n");
    }

    #[test]
    fn trailing_bytes_and_top_level_errors_are_the_whole_body() {
        let cases = [
            r#"{"data":[]} xx"#,
            r#"{"data":[]}{"data":[{"name":1}]}"#,
            r#""contacts""#,
            "42",
            "<html>",
            "",
        ];
        for body in cases {
            assert_eq!(path_of::<List>(body), ".", "{body}");
        }
    }

    #[test]
    fn a_truncated_body_is_at_what_was_being_read() {
        let cases = [
            (r#"{"data":[{"name":"a","comp"#, "data[0].?"),
            (
                r#"{"data":[{"name":"a","companies":[{"name":"c"#,
                "data[0].companies[0].name",
            ),
            (r#"{"data":[{"name":"a","companies":[],"#, "data[0].?"),
            (r#"{"data":["#, "data"),
            (r#"{"data":[{"name":"a","companies":[]},"#, "data"),
            (r#"{"data":[{"#, "data[0].?"),
        ];
        for (body, path) in cases {
            assert_eq!(path_of::<List>(body), path, "{body}");
        }
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Deleted {
        id: String,
        deleted: crate::runtime::True,
        at: Option<crate::runtime::Timestamp>,
    }

    /// `serde_json` places an error raised after a value was read at the end of its
    /// object when it is the last field; the runtime's types check in their visitors.
    #[test]
    fn the_runtimes_own_types_fail_at_their_value_even_when_last() {
        let cases = [
            (r#"{"id":"c1","deleted":false}"#, "deleted"),
            (r#"{"id":"c1","deleted":true,"at":"yesterday"}"#, "at"),
            (r#"{"id":"c1","at":"yesterday","deleted":true}"#, "at"),
        ];
        for (body, path) in cases {
            assert_eq!(path_of::<Deleted>(body), path, "{body}");
        }
    }

    #[test]
    fn a_top_level_array_starts_with_its_index() {
        let body = r#"[{"name":"a","companies":[]},{"name":2,"companies":[]}]"#;
        assert_eq!(path_of::<Vec<Contact>>(body), "[1].name");
    }

    #[test]
    fn positions_past_the_body_or_before_it_are_safe() {
        let body = br#"{"a":[1"#;
        assert_eq!(path_at(body, 9, 99), "a[0]");
        assert_eq!(path_at(body, 1, 99), "a[0]");
        assert_eq!(path_at(body, 0, 0), ".");
        assert_eq!(path_at(br#"{"a":[1]}"#, 1, 9), ".");
    }
}
