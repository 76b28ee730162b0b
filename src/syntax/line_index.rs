//! Byte offsets ↔ (line, column) positions.

/// A 0-based line and a 0-based UTF-8 byte column (tree-sitter's and
/// CPython's `col_offset` convention).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Offsets of the start of every line.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (offset, byte) in source.bytes().enumerate() {
            if byte == b'\n' {
                line_starts.push(offset as u32 + 1);
            }
        }
        LineIndex { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset of the start of 0-based `line` (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.min(self.line_starts.len() - 1)] as usize
    }

    pub fn position(&self, offset: usize) -> Position {
        let line = self.line_starts.partition_point(|&start| start as usize <= offset) - 1;
        Position { line: line as u32, column: (offset - self.line_starts[line] as usize) as u32 }
    }

    /// The text of 0-based `line` without its line ending.
    pub fn line_text<'s>(&self, source: &'s str, line: usize) -> &'s str {
        let start = self.line_start(line);
        let end = self.line_starts.get(line + 1).map_or(source.len(), |&e| e as usize);
        source.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}
