//! An open document: its text, version, line index and tree-sitter tree,
//! kept together and updated together by incremental edits.

use crate::syntax::{self, LineIndex, ParsedModule, SyntaxTree};
use std::sync::Arc;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};
use tree_sitter::{InputEdit, Point, Tree};

/// How LSP positions count characters within a line (negotiated at initialize).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    fn width(self, character: char) -> usize {
        match self {
            Encoding::Utf8 => character.len_utf8(),
            Encoding::Utf16 => character.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

#[derive(Clone)]
pub struct Document {
    pub text: String,
    pub version: i32,
    pub line_index: LineIndex,
    /// The current tree, already edited for every applied change and re-parsed
    /// incrementally from the previous one.
    pub tree: Tree,
    /// `tree` flattened; after a single-range edit it is re-flattened from
    /// the previous one (`SyntaxTree::reflatten`).
    pub syntax: Arc<SyntaxTree>,
}

impl Document {
    pub fn new(text: String, version: i32) -> Document {
        let tree = syntax::parse_tree(&text, None);
        let line_index = LineIndex::new(&text);
        let syntax = Arc::new(SyntaxTree::new(&tree));
        Document { text, version, line_index, tree, syntax }
    }

    /// Applies `didChange` content changes in order, then re-parses once,
    /// incrementally. A change whose range lies outside the text is refused
    /// (the document is left as it was before the whole notification).
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        encoding: Encoding,
    ) -> Result<(), String> {
        let mut text = self.text.clone();
        let mut line_index = self.line_index.clone();
        let mut tree = self.tree.clone();
        let mut incremental = true;
        let mut edits = Vec::new();
        for change in changes {
            match change.range {
                None => {
                    text = change.text.clone();
                    incremental = false;
                }
                Some(range) => {
                    let start = offset_in(&text, &line_index, range.start, encoding)
                        .ok_or_else(|| format!("change starts outside the document: {:?}", range.start))?;
                    let end = offset_in(&text, &line_index, range.end, encoding)
                        .ok_or_else(|| format!("change ends outside the document: {:?}", range.end))?;
                    if end < start {
                        return Err(format!("change range is reversed: {range:?}"));
                    }
                    let start_point = point(&text, &line_index, start);
                    let old_end_point = point(&text, &line_index, end);
                    text.replace_range(start..end, &change.text);
                    let new_end = start + change.text.len();
                    line_index = LineIndex::new(&text);
                    if incremental {
                        let edit = InputEdit {
                            start_byte: start,
                            old_end_byte: end,
                            new_end_byte: new_end,
                            start_position: start_point,
                            old_end_position: old_end_point,
                            new_end_position: point(&text, &line_index, new_end),
                        };
                        tree.edit(&edit);
                        edits.push(edit);
                    }
                }
            }
        }
        if !incremental {
            line_index = LineIndex::new(&text);
        }
        let new_tree = syntax::parse_tree(&text, incremental.then_some(&tree));
        self.syntax = Arc::new(match edits.as_slice() {
            [edit] if incremental => self.syntax.reflatten(&tree, &new_tree, edit),
            _ => SyntaxTree::new(&new_tree),
        });
        self.tree = new_tree;
        self.text = text;
        self.line_index = line_index;
        self.version = version;
        Ok(())
    }

    /// A snapshot to lint: the text and tree, flattened.
    pub fn module(&self) -> ParsedModule {
        self.clone().into_module()
    }

    /// [`Document::module`] for a copy the caller owns already (no second copy of the text).
    pub fn into_module(self) -> ParsedModule {
        ParsedModule { source: self.text, tree: self.tree, syntax: self.syntax, line_index: self.line_index }
    }

    /// The byte offset of an LSP position (`None` past the end of a line or the text).
    pub fn offset(&self, position: Position, encoding: Encoding) -> Option<usize> {
        offset_in(&self.text, &self.line_index, position, encoding)
    }

    /// The LSP position of a line and byte column (pyqual's own positions).
    pub fn position(&self, line: u32, byte_column: u32, encoding: Encoding) -> Position {
        let line_text = self.line_text(line as usize);
        let column = byte_column as usize;
        let character = match encoding {
            Encoding::Utf8 => column,
            _ => line_text.get(..column.min(line_text.len())).map_or(column, |before| {
                before.chars().map(|c| encoding.width(c)).sum()
            }),
        };
        Position { line, character: character as u32 }
    }

    pub fn position_of_offset(&self, offset: usize, encoding: Encoding) -> Position {
        let position = self.line_index.position(offset);
        self.position(position.line, position.column, encoding)
    }

    pub fn range_of_offsets(&self, start: usize, end: usize, encoding: Encoding) -> Range {
        Range { start: self.position_of_offset(start, encoding), end: self.position_of_offset(end, encoding) }
    }

    /// Line `line` without its line break ("" past the end).
    pub fn line_text(&self, line: usize) -> &str {
        if line >= self.line_index.line_count() {
            return "";
        }
        self.line_index.line_text(&self.text, line).trim_end_matches(['\n', '\r'])
    }
}

fn offset_in(text: &str, line_index: &LineIndex, position: Position, encoding: Encoding) -> Option<usize> {
    let line = position.line as usize;
    // The line after a final newline is a line of its own (empty) in the index.
    if line >= line_index.line_count() {
        return None;
    }
    let start = line_index.line_start(line);
    let line_text = line_index.line_text(text, line);
    let content = line_text.trim_end_matches(['\n', '\r']);
    let wanted = position.character as usize;
    let mut counted = 0;
    for (byte, character) in content.char_indices() {
        if counted >= wanted {
            return Some(start + byte);
        }
        counted += encoding.width(character);
    }
    // At or past the end of the line: clamp to the line end, as LSP asks.
    Some(start + content.len())
}

fn point(text: &str, line_index: &LineIndex, offset: usize) -> Point {
    let position = line_index.position(offset.min(text.len()));
    Point { row: position.line as usize, column: position.column as usize }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(start.0, start.1), end: Position::new(end.0, end.1) }),
            range_length: None,
            text: text.to_string(),
        }
    }

    /// After every edit the incrementally re-parsed tree equals a fresh parse,
    /// with multi-byte characters before the edits (UTF-16 positions).
    #[test]
    fn incremental_edits_match_a_fresh_parse() {
        let mut document = Document::new("s = '日本😀'\ndef f(a):\n    return a\n".into(), 1);
        let edits = [
            change((0, 9), (0, 9), "x"),        // after the emoji (2 UTF-16 units)
            change((2, 12), (2, 12), "b"),      // inside a name: re-flattened from the old tree
            change((2, 12), (2, 13), ""),
            change((2, 11), (2, 12), "a + 1"),  // replace `a`
            change((1, 0), (1, 0), "@decorator\n"),
            change((1, 0), (2, 0), ""),         // delete the decorator line again
            change((0, 0), (0, 0), "import os\n"),
        ];
        let mut expected = document.text.clone();
        for (version, edit) in edits.iter().enumerate() {
            let range = edit.range.unwrap();
            let start = document.offset(range.start, Encoding::Utf16).unwrap();
            let end = document.offset(range.end, Encoding::Utf16).unwrap();
            expected.replace_range(start..end, &edit.text);
            document.apply_changes(std::slice::from_ref(edit), version as i32 + 2, Encoding::Utf16).unwrap();
            assert_eq!(document.text, expected);
            let fresh = syntax::parse_tree(&expected, None);
            assert_eq!(document.tree.root_node().to_sexp(), fresh.root_node().to_sexp(), "after edit {version}");
            assert!(*document.syntax == SyntaxTree::new(&fresh), "flattened tree after edit {version}");
        }
        assert!(document.text.contains("'日本😀x'"), "{}", document.text);
        assert!(document.text.contains("return a + 1"), "{}", document.text);
    }

    #[test]
    fn positions_convert_between_encodings() {
        let document = Document::new("x = '😀é'  # c\n".into(), 1);
        let hash = document.text.find('#').unwrap();
        assert_eq!(document.position_of_offset(hash, Encoding::Utf8).character, hash as u32);
        assert_eq!(document.position_of_offset(hash, Encoding::Utf16).character, 11);
        assert_eq!(document.position_of_offset(hash, Encoding::Utf32).character, 10);
        assert_eq!(document.offset(Position::new(0, 11), Encoding::Utf16), Some(hash));
        // Past the end of a line clamps to the line end; past the last line is refused.
        assert_eq!(document.offset(Position::new(0, 99), Encoding::Utf16), Some(document.text.len() - 1));
        assert_eq!(document.offset(Position::new(1, 0), Encoding::Utf16), Some(document.text.len()));
        assert_eq!(document.offset(Position::new(5, 0), Encoding::Utf16), None);
    }

    #[test]
    fn a_bad_range_leaves_the_document_untouched() {
        let mut document = Document::new("a = 1\n".into(), 1);
        let result = document.apply_changes(&[change((0, 0), (0, 1), "b"), change((9, 0), (9, 1), "c")], 2, Encoding::Utf16);
        assert!(result.is_err());
        assert_eq!((document.text.as_str(), document.version), ("a = 1\n", 1));
    }
}
