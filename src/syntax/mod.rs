//! The syntax layer: tree-sitter parsing, node kinds, positions, pragma
//! comments and pylint's statement count.
//!
//! Architecture invariant: nothing here does IO or knows about rules, LSP or
//! models. Parsing never fails: a tree always comes back, and syntax errors are
//! data (`ParsedModule::syntax_error`).

pub mod kinds;
mod line_index;
mod hashing;
pub mod pragmas;
mod statements;
mod syntax_error;
mod tree;

pub use line_index::{LineIndex, Position};
pub use hashing::{FastHashMap, FastHashSet, NodeMap};
pub use statements::{count_statements, docstring_node, is_docstring_statement, is_str_constant};
pub use syntax_error::SyntaxError;
pub use tree::{Children, Node, SyntaxTree};

use std::cell::RefCell;
use tree_sitter::{Parser, Tree};

/// A parsed Python file: the source, its tree and a line index.
pub struct ParsedModule {
    pub source: String,
    /// tree-sitter's tree, kept for incremental re-parsing.
    pub tree: Tree,
    /// The same tree, flattened for fast navigation: what everything reads
    /// (shared: the language server keeps it to re-flatten after edits).
    pub syntax: std::sync::Arc<SyntaxTree>,
    pub line_index: LineIndex,
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(new_parser());
}

fn new_parser() -> Parser {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_python::LANGUAGE.into())
        .expect("tree-sitter-python ABI matches the tree-sitter runtime");
    parser
}

/// tree-sitter's parse alone; `old_tree` (already `edit`ed) makes it incremental.
pub fn parse_tree(source: &str, old_tree: Option<&Tree>) -> Tree {
    PARSER.with(|parser| {
        parser
            .borrow_mut()
            .parse(source.as_bytes(), old_tree)
            // Only fails on cancellation or timeout, neither of which we set.
            .expect("tree-sitter parse without timeout")
    })
}

impl ParsedModule {
    /// Parses `source`; `old_tree` (already `edit`ed) makes it incremental.
    pub fn parse(source: String, old_tree: Option<&Tree>) -> ParsedModule {
        let tree = parse_tree(&source, old_tree);
        ParsedModule::from_tree(source, tree)
    }

    /// Wraps a tree-sitter tree of `source` (flattening it).
    pub fn from_tree(source: String, tree: Tree) -> ParsedModule {
        let syntax = std::sync::Arc::new(SyntaxTree::new(&tree));
        let line_index = LineIndex::new(&source);
        ParsedModule { source, tree, syntax, line_index }
    }

    pub fn root(&self) -> Node<'_> {
        self.syntax.root()
    }

    /// The source text of `node`.
    pub fn text(&self, node: Node) -> &str {
        node_text(&self.source, node)
    }

    /// The first place where CPython would refuse this file, if any.
    pub fn syntax_error(&self) -> Option<SyntaxError> {
        syntax_error::find(self)
    }
}

/// The source text of `node` (empty if the range is not valid UTF-8 boundaries).
pub fn node_text<'s>(source: &'s str, node: Node) -> &'s str {
    source.get(node.byte_range()).unwrap_or("")
}

/// Strips any number of enclosing parentheses: `((x))` → `x`.
/// What `value.attr`, `value[...]`, `value(...)` and chains of them read
/// from: the innermost `value` (parentheses skipped), or `None` when a part
/// is missing. An expression that is none of those is its own root.
pub fn read_chain_root(expression: Node) -> Option<Node> {
    let mut root = expression;
    loop {
        let inner = match root.kind_id() {
            kinds::ATTRIBUTE => root.child_by_field_id(kinds::FIELD_OBJECT),
            kinds::SUBSCRIPT => root.child_by_field_id(kinds::FIELD_VALUE),
            kinds::CALL => root.child_by_field_id(kinds::FIELD_FUNCTION),
            _ => return Some(root),
        };
        root = strip_parens(inner?);
    }
}

pub fn strip_parens(mut node: Node) -> Node {
    while node.kind_id() == kinds::PARENTHESIZED_EXPRESSION {
        match node.named_child(0) {
            Some(inner) if inner.kind_id() != kinds::COMMENT => node = inner,
            _ => break,
        }
    }
    node
}

/// Named children that are not comments.
pub fn code_children<'t>(node: Node<'t>) -> impl Iterator<Item = Node<'t>> + Clone + 't {
    node.children().filter(|child| child.is_named() && child.kind_id() != kinds::COMMENT)
}

/// Whether `node` is a function or class body / module: a place that holds statements.
pub fn is_statement_container(kind: u16) -> bool {
    kind == kinds::BLOCK || kind == kinds::MODULE
}

/// Whether `kind` is a simple statement other than an expression statement
/// (the grammar's `_simple_statement` set less `expression_statement`).
pub fn is_simple_statement_kind(kind: u16) -> bool {
    use kinds::*;
    matches!(
        kind,
        PASS_STATEMENT
            | BREAK_STATEMENT
            | CONTINUE_STATEMENT
            | RETURN_STATEMENT
            | RAISE_STATEMENT
            | GLOBAL_STATEMENT
            | NONLOCAL_STATEMENT
            | IMPORT_STATEMENT
            | IMPORT_FROM_STATEMENT
            | FUTURE_IMPORT_STATEMENT
            | ASSERT_STATEMENT
            | DELETE_STATEMENT
            | PRINT_STATEMENT
            | EXEC_STATEMENT
            | TYPE_ALIAS_STATEMENT
    )
}

/// Whether `kind` is a statement node (simple or compound).
pub fn is_statement_kind(kind: u16) -> bool {
    use kinds::*;
    is_simple_statement_kind(kind)
        || matches!(
            kind,
            EXPRESSION_STATEMENT
                | IF_STATEMENT
                | FOR_STATEMENT
                | WHILE_STATEMENT
                | TRY_STATEMENT
                | WITH_STATEMENT
                | FUNCTION_DEFINITION
                | CLASS_DEFINITION
                | DECORATED_DEFINITION
                | MATCH_STATEMENT
        )
}

/// The statements of a block or module, comments skipped.
pub fn statements_of<'t>(container: Node<'t>) -> Vec<Node<'t>> {
    code_children(container).filter(|n| is_statement_kind(n.kind_id())).collect()
}

/// The body block of a compound statement or clause (`body`, `consequence`, or
/// the block child of else/except/finally/case clauses).
pub fn body_of(node: Node) -> Option<Node> {
    node.child_by_field_id(kinds::FIELD_BODY)
        .or_else(|| node.child_by_field_id(kinds::FIELD_CONSEQUENCE))
        .or_else(|| code_children(node).find(|child| child.kind_id() == kinds::BLOCK))
}

/// Unwraps a decorated definition to the function or class it decorates.
pub fn undecorated(node: Node) -> Node {
    if node.kind_id() == kinds::DECORATED_DEFINITION {
        node.child_by_field_id(kinds::FIELD_DEFINITION).unwrap_or(node)
    } else {
        node
    }
}

/// Whether a function definition is `async def`.
pub fn is_async(node: Node) -> bool {
    node.child(0).is_some_and(|first| first.kind_id() == kinds::KW_ASYNC)
}

/// Whether the string node is an f-string (its prefix contains `f` or `F`).
pub fn string_prefix<'s>(source: &'s str, string: Node) -> &'s str {
    let Some(start) = string.child(0) else { return "" };
    let text = node_text(source, start);
    text.trim_end_matches(['\'', '"'])
}

/// The parent, skipping parentheses.
pub fn parent_skipping_parens(node: Node) -> Option<Node> {
    let mut parent = node.parent()?;
    while parent.kind_id() == kinds::PARENTHESIZED_EXPRESSION {
        parent = parent.parent()?;
    }
    Some(parent)
}

/// Preorder walk over every node, calling `visit` and descending when it returns true.
pub fn walk<'t>(root: Node<'t>, visit: impl FnMut(Node<'t>) -> bool) {
    root.walk_preorder(visit)
}

/// Every node of `kind` in `root`'s subtree, in preorder (collected first,
/// so that a rule may report while going through them).
pub fn nodes_of_kind(root: Node<'_>, kind: u16) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    walk(root, |node| {
        if node.kind_id() == kind {
            found.push(node);
        }
        true
    });
    found
}
