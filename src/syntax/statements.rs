//! pylint's statement count and docstring detection.
//!
//! pylint counts the astroid nodes whose `is_statement` is true while it walks
//! the module. Docstrings are not statements (astroid moves them to
//! `doc_node`); `elif` is a nested `If` and counts; each `except` clause is an
//! `ExceptHandler` and counts; `else`/`finally` clauses, decorators, match
//! cases and everything inside expressions do not.

use super::kinds::*;
use super::{code_children, node_text};
use crate::syntax::Node;

/// Number of statements in the tree, as pylint's `stats.statement`.
pub fn count_statements(source: &str, root: Node) -> usize {
    let mut count = 0;
    // Docstrings are found from their owners on the way down, because
    // `Node::parent` costs O(depth) in tree-sitter.
    let mut docstring = docstring_node(source, root).map(|node| node.id());
    super::walk(root, |node| {
        let kind = node.kind_id();
        match kind {
            EXPRESSION_STATEMENT => {
                if docstring != Some(node.id()) {
                    count += 1;
                }
                // Expressions hold no statements (lambdas have none either).
                false
            }
            kind if super::is_simple_statement_kind(kind) => {
                count += 1;
                false
            }
            FUNCTION_DEFINITION | CLASS_DEFINITION => {
                count += 1;
                docstring = docstring_node(source, node).map(|node| node.id());
                true
            }
            IF_STATEMENT | ELIF_CLAUSE | FOR_STATEMENT | WHILE_STATEMENT | TRY_STATEMENT
            | EXCEPT_CLAUSE | WITH_STATEMENT | MATCH_STATEMENT => {
                count += 1;
                true
            }
            _ => true,
        }
    });
    count
}

/// Whether `statement` (an `expression_statement`) is the docstring of its
/// module, class or function.
pub fn is_docstring_statement(source: &str, statement: Node) -> bool {
    let Some(container) = statement.parent() else { return false };
    let owner_ok = match container.kind_id() {
        MODULE => true,
        BLOCK => container.parent().is_some_and(|owner| {
            matches!(owner.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION)
        }),
        _ => false,
    };
    owner_ok
        && code_children(container).next().is_some_and(|first| first.id() == statement.id())
        && is_plain_string_statement(source, statement)
}

/// The docstring statement of a module, class or function definition, if any.
pub fn docstring_node<'t>(source: &str, owner: Node<'t>) -> Option<Node<'t>> {
    let container = if owner.kind_id() == MODULE { owner } else { owner.child_by_field_id(FIELD_BODY)? };
    let first = code_children(container).next()?;
    (first.kind_id() == EXPRESSION_STATEMENT && is_plain_string_statement(source, first))
        .then_some(first)
}

/// `Expr(Constant(str))`: one string (or implicit concatenation), no f-string, no bytes.
pub(crate) fn is_plain_string_statement(source: &str, statement: Node) -> bool {
    let mut children = code_children(statement);
    let (Some(expr), None) = (children.next(), children.next()) else { return false };
    is_str_constant(source, expr) && !node_text(source, expr).is_empty()
}

/// A `str` constant for astroid: a string or implicit concatenation of
/// strings, none of them f-, t- or bytes literals.
pub fn is_str_constant(source: &str, expression: Node) -> bool {
    let mut parts = match expression.kind_id() {
        STRING => vec![expression],
        CONCATENATED_STRING => code_children(expression).collect(),
        _ => return false,
    };
    parts.retain(|part| part.kind_id() != COMMENT);
    parts.iter().all(|part| {
        let prefix = super::string_prefix(source, *part).to_ascii_lowercase();
        part.kind_id() == STRING && !prefix.contains(['f', 'b', 't'])
    })
}
