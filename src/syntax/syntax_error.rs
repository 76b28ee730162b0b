//! Finding the place where CPython would reject a file.
//!
//! tree-sitter recovers from errors; CPython does not. pylint reports such a
//! file as E0001 (syntax-error) with no statements. We take the first ERROR or
//! MISSING node, and the Python 2 statements tree-sitter-python still accepts.

use super::kinds::{EXEC_STATEMENT, PRINT_STATEMENT};
use super::{ParsedModule, Position};
use tree_sitter::Node;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub message: String,
}

pub(super) fn find(module: &ParsedModule) -> Option<SyntaxError> {
    let root = module.root();
    let mut first: Option<Node> = None;
    super::walk(root, |node| {
        if first.is_some() {
            return false;
        }
        let python2 = matches!(node.kind_id(), PRINT_STATEMENT | EXEC_STATEMENT);
        if node.is_error() || node.is_missing() || python2 {
            first = Some(node);
            return false;
        }
        node.has_error() || node.kind_id() == PRINT_STATEMENT || node.child_count() > 0
    });
    let node = first?;
    let start = node.start_position();
    // CPython's messages vary ("expected ':'", "'(' was never closed", ...);
    // its generic one is kept, and its 1-based offset becomes pylint's column.
    Some(SyntaxError {
        position: Position { line: start.row as u32, column: start.column as u32 + 1 },
        message: "invalid syntax".to_string(),
    })
}
