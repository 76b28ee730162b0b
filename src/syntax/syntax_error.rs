//! Finding the place where CPython would reject a file.
//!
//! tree-sitter recovers from errors; CPython does not. pylint reports such a
//! file as E0001 (syntax-error) with no statements. We take the first ERROR or
//! MISSING node, and the Python 2 statements tree-sitter-python still accepts.

use super::kinds::{EXEC_STATEMENT, PRINT_STATEMENT};
use super::{ParsedModule, Position};
use crate::syntax::Node;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub message: String,
}

pub(super) fn find(module: &ParsedModule) -> Option<SyntaxError> {
    let root = module.root();
    let mut first: Option<Node> = None;
    let has_error = root.has_error();
    super::walk(root, |node| {
        if first.is_some() {
            return false;
        }
        // `print >> f, x` (tree-sitter's Python 2 "chevron") is also a valid
        // Python 3 expression; other print/exec statements are not.
        let python2 = match node.kind_id() {
            PRINT_STATEMENT => !super::code_children(node).any(|child| child.kind() == "chevron"),
            EXEC_STATEMENT => true,
            _ => false,
        };
        if node.is_error() || node.is_missing() || python2 {
            first = Some(node);
            return false;
        }
        // Python 2 statements are simple statements: only statement containers
        // can hold them, so expressions are skipped unless an error hides there.
        (has_error && node.has_error()) || holds_statements(node.kind_id())
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

fn holds_statements(kind: u16) -> bool {
    use super::kinds::*;
    matches!(
        kind,
        MODULE | BLOCK | IF_STATEMENT | ELIF_CLAUSE | ELSE_CLAUSE | FOR_STATEMENT | WHILE_STATEMENT
            | TRY_STATEMENT | EXCEPT_CLAUSE | FINALLY_CLAUSE | WITH_STATEMENT | FUNCTION_DEFINITION
            | CLASS_DEFINITION | DECORATED_DEFINITION | MATCH_STATEMENT | CASE_CLAUSE
    )
}
