//! astroid's view of the tree-sitter tree, for the analyses that follow
//! pylint's variables checker (see `flow`): which nodes astroid has
//! (`elif` is an `if` nested in the `else`; a def starts at its first
//! decorator; blocks and clause wrappers are not nodes), their parents,
//! statements, frames and scopes, and the bindings astroid lists in each
//! scope's `locals`.

use super::{BindingKind, ScopeId, SemanticModel};
use crate::syntax::kinds::*;
use crate::syntax::{code_children, node_text, strip_parens, FastHashMap, FastHashSet, Node};

/// A binding as astroid lists it in a scope's `locals`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Def<'t> {
    /// The bound identifier; the import statement; the def or class node.
    pub(crate) node: Node<'t>,
    pub(crate) kind: DefKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DefKind {
    /// astroid's `AssignName`.
    Name(BindingKind),
    /// `import` / `from ... import` (also `*`).
    Import,
    /// A `def` or `class` statement.
    Definition,
    /// `del x` (astroid files its DelName among the locals too).
    Deletion,
}


pub(crate) fn is_if(node: Node) -> bool {
    matches!(node.kind_id(), IF_STATEMENT | ELIF_CLAUSE)
}

pub(crate) fn is_def(node: Node) -> bool {
    matches!(node.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION)
}

pub(crate) fn is_comprehension_kind(kind: u16) -> bool {
    matches!(kind, LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION)
}

pub(crate) fn is_comprehension(node: Node) -> bool {
    is_comprehension_kind(node.kind_id())
}

/// A `try` astroid calls `Try` (one with `except*` is a `TryStar`).
pub(crate) fn is_try(node: Node) -> bool {
    node.kind_id() == TRY_STATEMENT
        && !code_children(node).any(|clause| clause.kind_id() == EXCEPT_CLAUSE && clause.children().any(|c| !c.is_named() && c.kind() == "*"))
}

pub(crate) fn is_star_import(statement: Node) -> bool {
    statement.kind_id() == IMPORT_FROM_STATEMENT && code_children(statement).any(|child| child.kind_id() == WILDCARD_IMPORT)
}

/// Star imports under `if`/`try` at module level (astroid adds their names
/// to the module too).
pub(crate) fn module_nested_star_imports<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    crate::syntax::walk(root, |child| {
        if child.kind_id() == IMPORT_FROM_STATEMENT && child.parent() != Some(root) && is_star_import(child) {
            out.push(child);
        }
        !matches!(child.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION)
    });
    out
}

/// astroid's `locals` of every scope, with what the analyses need alongside.
#[derive(Clone, Default)]
pub(crate) struct Locals<'t> {
    /// Per scope (by `ScopeId`), the bindings of each name in source order.
    pub(crate) locals: Vec<FastHashMap<&'t str, Vec<Def<'t>>>>,
    /// Every `AssignName`-like binding by name, all scopes.
    pub(crate) name_bindings: FastHashMap<&'t str, Vec<Node<'t>>>,
    /// Every name the module reads or binds, as slices of the source.
    pub(crate) names: FastHashSet<&'t str>,
    /// A module-level star import whose names could not be read.
    pub(crate) unknown_star_import: bool,
}

/// Builds astroid's `locals` from the semantic model: names assigned under
/// `global` go to the module, `del x` counts, and a module-level
/// `from m import *` binds what `star_imported_names` says it does.
pub(crate) fn scope_locals<'t>(
    root: Node<'t>,
    semantic: &SemanticModel<'t>,
    star_imported_names: &dyn Fn(Node<'t>) -> Option<Vec<String>>,
) -> Locals<'t> {
    let mut locals: Vec<FastHashMap<&'t str, Vec<Def<'t>>>> = (0..semantic.scopes.len()).map(|_| FastHashMap::default()).collect();
    let mut name_bindings: FastHashMap<&'t str, Vec<Node<'t>>> = FastHashMap::default();
    for binding in &semantic.bindings {
        let declared_global = semantic.scope(binding.scope).globals.contains(binding.name);
        // astroid files a name assigned under `global` in the module's locals.
        let owner = if declared_global { ScopeId(0) } else { binding.scope };
        let def = match binding.kind {
            BindingKind::Import => Def { node: binding.statement, kind: DefKind::Import },
            BindingKind::FunctionDef | BindingKind::ClassDef => match binding.identifier.parent() {
                Some(definition) => Def { node: definition, kind: DefKind::Definition },
                None => continue,
            },
            kind => {
                name_bindings.entry(binding.name).or_default().push(binding.identifier);
                Def { node: binding.identifier, kind: DefKind::Name(kind) }
            }
        };
        locals[owner.0 as usize].entry(binding.name).or_default().push(def);
    }
    let names: FastHashSet<&'t str> = semantic
        .references
        .iter()
        .map(|reference| reference.name)
        .chain(semantic.bindings.iter().map(|binding| binding.name))
        .collect();
    for reference in &semantic.references {
        if is_del_target(reference.identifier) {
            let declared_global = semantic.scope(reference.scope).globals.contains(reference.name);
            let owner = if declared_global { ScopeId(0) } else { reference.scope };
            locals[owner.0 as usize].entry(reference.name).or_default().push(Def { node: reference.identifier, kind: DefKind::Deletion });
        }
    }
    let mut unknown_star_import = false;
    for statement in code_children(root).chain(module_nested_star_imports(root)) {
        if !is_star_import(statement) {
            continue;
        }
        match star_imported_names(statement) {
            Some(imported) => {
                for name in imported {
                    // The names live as long as the tree's source only
                    // when they are read there; others are never looked up.
                    if let Some(interned) = names.get(name.as_str()).copied() {
                        locals[0].entry(interned).or_default().push(Def { node: statement, kind: DefKind::Import });
                    }
                }
            }
            None => unknown_star_import = true,
        }
    }
    for scope_locals in &mut locals {
        for defs in scope_locals.values_mut() {
            defs.sort_by_key(|def| (def_position(*def), def.node.id()));
            defs.dedup();
        }
    }
    Locals { locals, name_bindings, names, unknown_star_import }
}

/// A name deleted by `del` (astroid's DelName).
pub(crate) fn is_del_target(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            DELETE_STATEMENT => return true,
            EXPRESSION_LIST | TUPLE | LIST | PARENTHESIZED_EXPRESSION => current = parent,
            _ => return false,
        }
    }
    false
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TryPart {
    Body,
    Handlers,
    OrElse,
    Final,
}

/// Which part of a `try` holds `descendant`, and the astroid child there
/// (the statement of the block, or the `except` clause).
pub(crate) fn try_part_of<'t>(try_node: Node<'t>, descendant: Node<'t>) -> Option<(TryPart, Node<'t>)> {
    let child = child_toward(try_node, descendant)?;
    match child.kind_id() {
        BLOCK => Some((TryPart::Body, statement_in_block(child, descendant)?)),
        EXCEPT_CLAUSE => Some((TryPart::Handlers, child)),
        ELSE_CLAUSE => Some((TryPart::OrElse, statement_in_block(syntax_body(child)?, descendant)?)),
        FINALLY_CLAUSE => Some((TryPart::Final, statement_in_block(syntax_body(child)?, descendant)?)),
        _ => None,
    }
}

/// The range astroid gives a node: an `elif` reaches the end of the whole
/// `if` (the rest of the chain is its `else`); a decorated def starts at
/// its first decorator.
pub(crate) fn span(node: Node) -> (usize, usize) {
    match node.kind_id() {
        ELIF_CLAUSE => (node.start_byte(), node.parent().map_or(node.end_byte(), |p| p.end_byte())),
        FUNCTION_DEFINITION | CLASS_DEFINITION => match node.parent() {
            Some(decorated) if decorated.kind_id() == DECORATED_DEFINITION => (decorated.start_byte(), decorated.end_byte()),
            _ => (node.start_byte(), node.end_byte()),
        },
        _ => (node.start_byte(), node.end_byte()),
    }
}

/// astroid's `outer.parent_of(inner)` (strict).
pub(crate) fn contains_node(outer: Node, inner: Node) -> bool {
    if outer == inner {
        return false;
    }
    let (outer_start, outer_end) = span(outer);
    let (inner_start, inner_end) = span(inner);
    if !(outer_start <= inner_start && inner_end <= outer_end) {
        return false;
    }
    // Same range: an expression statement and its expression, say.
    (outer_start, outer_end) != (inner_start, inner_end) || is_ancestor_in_tree(outer, inner)
}

pub(crate) fn is_ancestor_in_tree(outer: Node, inner: Node) -> bool {
    let mut current = inner.parent();
    while let Some(node) = current {
        if node == outer {
            return true;
        }
        current = node.parent();
    }
    false
}

pub(crate) fn contains_or_is(outer: Node, inner: Node) -> bool {
    outer == inner || contains_node(outer, inner)
}

/// astroid's `node_ancestors()`, innermost first, over the nodes astroid
/// has (blocks and clause wrappers skipped; `elif`s nested). Lazy: most
/// callers stop at the first match (the frame, the nearest `if`), and the
/// flow analyses ask for every read.
pub(crate) fn ancestors(node: Node) -> Ancestors {
    Ancestors { child: node, pending: Vec::new() }
}

pub(crate) struct Ancestors<'t> {
    child: Node<'t>,
    /// Ancestors found but not yet returned, outermost first (the `elif`s
    /// before a clause, then their `if`).
    pending: Vec<Node<'t>>,
}

impl<'t> Iterator for Ancestors<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if let Some(node) = self.pending.pop() {
            return Some(node);
        }
        loop {
            let child = self.child;
            let parent = child.parent()?;
            self.child = parent;
            match parent.kind_id() {
                BLOCK | ELSE_CLAUSE | FINALLY_CLAUSE | WITH_CLAUSE | WITH_ITEM | PARENTHESIZED_EXPRESSION => {}
                DECORATED_DEFINITION => {
                    if child.kind_id() == DECORATOR {
                        if let Some(definition) = parent.child_by_field_id(FIELD_DEFINITION) {
                            return Some(definition);
                        }
                    }
                }
                IF_STATEMENT => {
                    if matches!(child.kind_id(), ELIF_CLAUSE | ELSE_CLAUSE) {
                        // Each `elif` is nested in the previous one's `orelse`:
                        // the nearest earlier `elif` comes first, the `if` last.
                        self.pending.push(parent);
                        self.pending.extend(
                            code_children(parent)
                                .filter(|clause| clause.kind_id() == ELIF_CLAUSE && clause.start_byte() < child.start_byte()),
                        );
                        return self.pending.pop();
                    }
                    return Some(parent);
                }
                _ => return Some(parent),
            }
        }
    }
}

/// The astroid parent of a statement (or of a scope node).
pub(crate) fn astroid_parent(node: Node) -> Option<Node> {
    ancestors(node).next()
}

/// The astroid parent of an expression (parentheses and `type` wrappers skipped).
pub(crate) fn astroid_parent_of_expression(node: Node) -> Option<Node> {
    let mut parent = node.parent()?;
    while matches!(parent.kind_id(), PARENTHESIZED_EXPRESSION | TYPE) {
        parent = parent.parent()?;
    }
    Some(parent)
}

/// The read is directly a parameter default or annotation (its astroid
/// parent is `Arguments`).
pub(crate) fn is_direct_argument_child(node: Node) -> bool {
    let Some(parent) = astroid_parent_of_expression(node) else { return false };
    match parent.kind_id() {
        DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER => {
            parent.child_by_field_id(FIELD_VALUE).map(strip_parens) == Some(node)
                || parent.child_by_field_id(FIELD_TYPE).is_some_and(|t| contains_node(t, node))
        }
        TYPED_PARAMETER => parent.child_by_field_id(FIELD_TYPE).is_some_and(|t| contains_node(t, node)),
        _ => false,
    }
}

pub(crate) fn is_parameter_default(node: Node) -> bool {
    astroid_parent_of_expression(node).is_some_and(|parent| {
        matches!(parent.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER)
            && parent.child_by_field_id(FIELD_VALUE).map(strip_parens) == Some(node)
    })
}

/// astroid's `statement()`: the node itself when it is a statement, else
/// the nearest statement around it (`elif` and `except` clauses count).
pub(crate) fn statement_of(node: Node) -> Node {
    let mut current = node;
    loop {
        let kind = current.kind_id();
        if kind == DECORATED_DEFINITION {
            return current.child_by_field_id(FIELD_DEFINITION).unwrap_or(current);
        }
        if crate::syntax::is_statement_kind(kind) || matches!(kind, ELIF_CLAUSE | EXCEPT_CLAUSE) {
            return current;
        }
        match current.parent() {
            Some(parent) => current = parent,
            None => return current,
        }
    }
}

/// The statement a binding belongs to.
pub(crate) fn def_statement(def: Def) -> Node {
    match def.kind {
        DefKind::Name(_) => statement_of(def.node),
        DefKind::Deletion => statement_of(def.node),
        DefKind::Import | DefKind::Definition => def.node,
    }
}

/// astroid's `stmt.scope()` for a statement: a def is its own scope;
/// otherwise the def, class or module around it.
pub(crate) fn scope_of_statement(statement: Node) -> Node {
    frame_of(statement)
}

/// astroid's `frame()`: the node itself for a def, class, lambda or
/// module, else the nearest one around it (a def's decorators and
/// parameters are in the def).
pub(crate) fn frame_of(node: Node) -> Node {
    if matches!(node.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) {
        return node;
    }
    for ancestor in ancestors(node) {
        if matches!(ancestor.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) {
            return ancestor;
        }
    }
    node
}

/// astroid's `scope()` of an expression: as `frame_of`, comprehensions included.
pub(crate) fn scope_node_of(node: Node) -> Node {
    for ancestor in ancestors(node) {
        if matches!(ancestor.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) || is_comprehension(ancestor) {
            return ancestor;
        }
    }
    node
}

/// `scope()` where a scope node is its own scope.
pub(crate) fn scope_node_of_inclusive(node: Node) -> Node {
    if matches!(node.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE) || is_comprehension(node) {
        node
    } else {
        scope_node_of(node)
    }
}

pub(crate) fn enclosing_function(node: Node) -> Option<Node> {
    ancestors(node).into_iter().find(|a| a.kind_id() == FUNCTION_DEFINITION)
}

pub(crate) fn start_line(node: Node) -> usize {
    node.start_position().row + 1
}

/// astroid's `lineno` (a decorated def starts at its first decorator).
pub(crate) fn astroid_line(node: Node) -> usize {
    match node.kind_id() {
        FUNCTION_DEFINITION | CLASS_DEFINITION => match node.parent() {
            Some(decorated) if decorated.kind_id() == DECORATED_DEFINITION => start_line(decorated),
            _ => start_line(node),
        },
        MODULE => 0,
        _ => start_line(node),
    }
}

/// astroid's `fromlineno` (a decorated def's is the `def` line).
pub(crate) fn from_line(node: Node) -> usize {
    start_line(node)
}

pub(crate) fn def_line(def: Def) -> usize {
    astroid_line(def.node)
}

pub(crate) fn def_position(def: Def) -> usize {
    span(def.node).0
}

/// `_is_before`: `first` starts before `second`.
pub(crate) fn is_before(first: Node, second: Node) -> bool {
    let a = first.start_position();
    let b = second.start_position();
    (a.row, a.column) < (b.row, b.column)
}

/// The tree-sitter child of `ancestor` on the way to `descendant`.
pub(crate) fn child_toward<'t>(ancestor: Node<'t>, descendant: Node<'t>) -> Option<Node<'t>> {
    let mut current = descendant;
    while let Some(parent) = current.parent() {
        if parent == ancestor {
            return Some(current);
        }
        current = parent;
    }
    None
}

/// The top-level statement of `block` that is or holds `descendant`.
pub(crate) fn statement_in_block<'t>(block: Node<'t>, descendant: Node<'t>) -> Option<Node<'t>> {
    let child = child_toward(block, descendant)?;
    Some(crate::syntax::undecorated(child))
}

pub(crate) fn syntax_body(clause: Node) -> Option<Node> {
    crate::syntax::body_of(clause)
}

/// The statements of a block, as astroid lists them (decorated defs unwrapped).
pub(crate) fn block_statements(block: Option<Node>) -> Vec<Node> {
    match block {
        Some(block) => crate::syntax::statements_of(block).into_iter().map(crate::syntax::undecorated).collect(),
        None => Vec::new(),
    }
}

pub(crate) fn if_body(node: Node) -> Vec<Node> {
    block_statements(node.child_by_field_id(FIELD_CONSEQUENCE))
}

/// An `if`'s `orelse`: the next `elif` (as a nested `if`), or the `else`
/// statements.
pub(crate) fn if_orelse(node: Node) -> Vec<Node> {
    let if_statement = if node.kind_id() == ELIF_CLAUSE { node.parent() } else { Some(node) };
    let Some(if_statement) = if_statement else { return Vec::new() };
    let next = code_children(if_statement)
        .filter(|clause| matches!(clause.kind_id(), ELIF_CLAUSE | ELSE_CLAUSE))
        .find(|clause| clause.start_byte() > node.start_byte());
    match next {
        Some(elif) if elif.kind_id() == ELIF_CLAUSE => vec![elif],
        Some(else_clause) => block_statements(syntax_body(else_clause)),
        None => Vec::new(),
    }
}

/// Preorder walk of an astroid `if` (an `elif` with the rest of its chain).
pub(crate) fn walk_if<'t>(node: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    if node.kind_id() == IF_STATEMENT {
        crate::syntax::walk(node, visit);
        return;
    }
    let Some(if_statement) = node.parent() else { return };
    for clause in code_children(if_statement).filter(|clause| clause.start_byte() >= node.start_byte()) {
        crate::syntax::walk(clause, &mut visit);
    }
}

pub(crate) fn except_clauses(try_node: Node) -> Vec<Node> {
    code_children(try_node).filter(|clause| clause.kind_id() == EXCEPT_CLAUSE).collect()
}

pub(crate) fn try_body(try_node: Node) -> Vec<Node> {
    block_statements(try_node.child_by_field_id(FIELD_BODY))
}

pub(crate) fn try_orelse(try_node: Node) -> Vec<Node> {
    let clause = code_children(try_node).find(|clause| clause.kind_id() == ELSE_CLAUSE);
    block_statements(clause.and_then(syntax_body))
}

pub(crate) fn try_finalbody_clause(try_node: Node) -> Option<Node> {
    code_children(try_node).find(|clause| clause.kind_id() == FINALLY_CLAUSE)
}

pub(crate) fn try_finalbody(try_node: Node) -> Vec<Node> {
    block_statements(try_finalbody_clause(try_node).and_then(syntax_body))
}

pub(crate) fn loop_body(loop_node: Node) -> Vec<Node> {
    block_statements(loop_node.child_by_field_id(FIELD_BODY))
}

pub(crate) fn loop_orelse(loop_node: Node) -> Vec<Node> {
    block_statements(loop_node.child_by_field_id(FIELD_ALTERNATIVE).and_then(syntax_body))
}

pub(crate) fn match_cases(match_node: Node) -> Vec<Node> {
    match match_node.child_by_field_id(FIELD_BODY) {
        Some(block) => code_children(block).filter(|c| c.kind_id() == CASE_CLAUSE).collect(),
        None => Vec::new(),
    }
}

/// The exception type of an `except` clause (`None`: bare).
pub(crate) fn except_type(handler: Node) -> Option<Node> {
    let first = code_children(handler).find(|child| child.kind_id() != BLOCK)?;
    if first.kind_id() == AS_PATTERN {
        return code_children(first).next();
    }
    Some(first)
}

/// The `as` name of an `except` clause.
pub(crate) fn except_alias(handler: Node) -> Option<Node> {
    if let Some(alias) = handler.child_by_field_id(FIELD_ALIAS) {
        return Some(code_children(alias).next().unwrap_or(alias)).filter(|n| n.kind_id() == IDENTIFIER);
    }
    let pattern = code_children(handler).find(|child| child.kind_id() == AS_PATTERN)?;
    let target = pattern.child_by_field_id(FIELD_ALIAS)?;
    code_children(target).next().filter(|n| n.kind_id() == IDENTIFIER)
}

/// `with` items as (context expression, target).
pub(crate) fn with_items(with_statement: Node) -> Vec<(Node, Option<Node>)> {
    let Some(clause) = code_children(with_statement).find(|c| c.kind_id() == WITH_CLAUSE) else { return Vec::new() };
    code_children(clause)
        .filter(|item| item.kind_id() == WITH_ITEM)
        .filter_map(|item| {
            let value = item.child_by_field_id(FIELD_VALUE)?;
            if value.kind_id() == AS_PATTERN {
                let expression = code_children(value).next()?;
                let target = value.child_by_field_id(FIELD_ALIAS).and_then(|alias| code_children(alias).next());
                Some((expression, target))
            } else {
                Some((value, None))
            }
        })
        .collect()
}

/// The assignment of an expression statement that is `a = ...` (not annotated, not augmented).
pub(crate) fn plain_assignment(statement: Node) -> Option<Node> {
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    code_children(statement)
        .next()
        .filter(|child| child.kind_id() == ASSIGNMENT && child.child_by_field_id(FIELD_TYPE).is_none())
}

/// The targets of an assignment chain `a = b = value`, outermost first.
pub(crate) fn assignment_targets(assignment: Node) -> Vec<Node> {
    let mut targets = Vec::new();
    let mut current = Some(assignment);
    while let Some(node) = current.filter(|n| n.kind_id() == ASSIGNMENT) {
        if let Some(left) = node.child_by_field_id(FIELD_LEFT) {
            targets.push(left);
        }
        current = node.child_by_field_id(FIELD_RIGHT);
    }
    targets
}

pub(crate) fn is_annotated_assignment(statement: Node) -> bool {
    statement.kind_id() == EXPRESSION_STATEMENT
        && code_children(statement)
            .next()
            .is_some_and(|child| child.kind_id() == ASSIGNMENT && child.child_by_field_id(FIELD_TYPE).is_some())
}

pub(crate) fn defstmt_has_no_value(statement: Node) -> bool {
    code_children(statement).next().is_some_and(|child| child.child_by_field_id(FIELD_RIGHT).is_none())
}

/// The call of an expression statement that is just a call.
pub(crate) fn expression_statement_call(statement: Node) -> Option<Node> {
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    let mut children = code_children(statement);
    let (Some(expression), None) = (children.next(), children.next()) else { return None };
    Some(strip_parens(expression)).filter(|e| e.kind_id() == CALL)
}

/// pylint's `NODES_WITH_VALUE_ATTR` (Assign, AnnAssign, AugAssign, Expr,
/// Return, Match, TypeAlias).
pub(crate) fn has_value_attribute(statement: Node) -> bool {
    matches!(statement.kind_id(), EXPRESSION_STATEMENT | RETURN_STATEMENT | MATCH_STATEMENT | TYPE_ALIAS_STATEMENT)
}

/// `_maybe_used_and_assigned_at_once`: the statement may bind and read the
/// name itself (a conditional expression, a `match` guard).
pub(crate) fn maybe_used_and_assigned_at_once(statement: Node) -> bool {
    match statement.kind_id() {
        MATCH_STATEMENT => match_cases(statement).iter().any(|case| case.child_by_field_id(FIELD_GUARD).is_some()),
        TYPE_ALIAS_STATEMENT => true,
        _ => {
            let value = match statement.kind_id() {
                EXPRESSION_STATEMENT => code_children(statement).next().map(|expression| {
                    if expression.kind_id() == ASSIGNMENT || expression.kind_id() == AUGMENTED_ASSIGNMENT {
                        let mut value = expression.child_by_field_id(FIELD_RIGHT);
                        while let Some(inner) = value.filter(|v| v.kind_id() == ASSIGNMENT) {
                            value = inner.child_by_field_id(FIELD_RIGHT);
                        }
                        value
                    } else {
                        Some(expression)
                    }
                }),
                RETURN_STATEMENT => Some(code_children(statement).next()),
                _ => None,
            };
            match value.flatten().map(strip_parens) {
                Some(value) => value_used_and_assigned_at_once(value),
                None => false,
            }
        }
    }
}

pub(crate) fn value_used_and_assigned_at_once(value: Node) -> bool {
    match value.kind_id() {
        CONDITIONAL_EXPRESSION => true,
        TUPLE | LIST | SET | EXPRESSION_LIST => code_children(value).any(|element| {
            let element = strip_parens(element);
            element.kind_id() == CONDITIONAL_EXPRESSION
        }),
        LAMBDA => value.child_by_field_id(FIELD_BODY).is_some_and(|body| strip_parens(body).kind_id() == CONDITIONAL_EXPRESSION),
        DICTIONARY => code_children(value).any(|pair| {
            pair.kind_id() == PAIR
                && code_children(pair).any(|part| strip_parens(part).kind_id() == CONDITIONAL_EXPRESSION)
        }),
        CALL => {
            let mut found = false;
            crate::syntax::walk(value, |child| {
                if found {
                    return false;
                }
                if child.kind_id() == CALL {
                    let arguments_hold = child.child_by_field_id(FIELD_ARGUMENTS).is_some_and(|arguments| {
                        code_children(arguments).any(|argument| {
                            let argument = if argument.kind_id() == KEYWORD_ARGUMENT {
                                argument.child_by_field_id(FIELD_VALUE).unwrap_or(argument)
                            } else {
                                argument
                            };
                            strip_parens(argument).kind_id() == CONDITIONAL_EXPRESSION
                        })
                    });
                    let receiver_holds = child
                        .child_by_field_id(FIELD_FUNCTION)
                        .filter(|f| f.kind_id() == ATTRIBUTE)
                        .and_then(|f| f.child_by_field_id(FIELD_OBJECT))
                        .is_some_and(|object| strip_parens(object).kind_id() == CONDITIONAL_EXPRESSION);
                    found = arguments_hold || receiver_holds;
                }
                true
            });
            found
        }
        _ => false,
    }
}

/// The children astroid's `get_children()` yields that can matter to the
/// recursive search: statements, `except` clauses and `case` clauses.
pub(crate) fn astroid_children(node: Node) -> Vec<Node> {
    match node.kind_id() {
        IF_STATEMENT | ELIF_CLAUSE => {
            let mut children = if_body(node);
            children.extend(if_orelse(node));
            children
        }
        FOR_STATEMENT | WHILE_STATEMENT => {
            let mut children = loop_body(node);
            children.extend(loop_orelse(node));
            children
        }
        TRY_STATEMENT => {
            let mut children = try_body(node);
            children.extend(except_clauses(node));
            children.extend(try_orelse(node));
            children.extend(try_finalbody(node));
            children
        }
        EXCEPT_CLAUSE | CASE_CLAUSE => block_statements(syntax_body(node)),
        WITH_STATEMENT | FUNCTION_DEFINITION | CLASS_DEFINITION => block_statements(node.child_by_field_id(FIELD_BODY)),
        MATCH_STATEMENT => match_cases(node),
        _ => Vec::new(),
    }
}

/// The bindings of an import statement as (dotted name, alias).
pub(crate) fn import_names(source: &str, statement: Node) -> Vec<(String, Option<String>)> {
    let module_name = statement.child_by_field_id(FIELD_MODULE_NAME);
    let mut names = Vec::new();
    for child in code_children(statement) {
        if Some(child) == module_name {
            continue;
        }
        match child.kind_id() {
            DOTTED_NAME => names.push((normalized_text(source, child), None)),
            ALIASED_IMPORT => {
                let full = child.child_by_field_id(FIELD_NAME).map(|n| normalized_text(source, n)).unwrap_or_default();
                let alias = child.child_by_field_id(FIELD_ALIAS).map(|n| node_text(source, n).to_string());
                names.push((full, alias));
            }
            _ => {}
        }
    }
    names
}

/// The text of an expression without whitespace, comments or line
/// continuations (a stand-in for astroid's `as_string()` when comparing).
pub(crate) fn normalized_text(source: &str, node: Node) -> String {
    let mut out = String::new();
    let mut last_end = None;
    crate::syntax::walk(node, |child| {
        if child.kind_id() == COMMENT {
            return false;
        }
        if child.child_count() == 0 || child.kind_id() == STRING {
            if let Some(end) = last_end {
                if child.start_byte() < end {
                    return false;
                }
            }
            out.push_str(node_text(source, child));
            last_end = Some(child.end_byte());
            return false;
        }
        true
    });
    out
}

/// The statement before `statement` in its block.
pub(crate) fn previous_statement(statement: Node) -> Option<Node> {
    let node = match statement.parent() {
        Some(decorated) if decorated.kind_id() == DECORATED_DEFINITION => decorated,
        _ => statement,
    };
    let mut previous = node.prev_named_sibling();
    while let Some(candidate) = previous {
        if crate::syntax::is_statement_kind(candidate.kind_id()) {
            return Some(crate::syntax::undecorated(candidate));
        }
        if candidate.kind_id() != COMMENT {
            return None;
        }
        previous = candidate.prev_named_sibling();
    }
    None
}

/// `is_node_in_type_annotation_context`.
pub(crate) fn in_type_annotation_context(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            ASSIGNMENT if parent.child_by_field_id(FIELD_TYPE) == Some(current) => return true,
            TYPED_PARAMETER | TYPED_DEFAULT_PARAMETER if parent.child_by_field_id(FIELD_TYPE) == Some(current) => return true,
            FUNCTION_DEFINITION if parent.child_by_field_id(FIELD_RETURN_TYPE) == Some(current) => return true,
            MODULE => return false,
            _ => current = parent,
        }
    }
    false
}

/// `is_node_in_pep695_type_context`: in a `type` alias or type parameters.
pub(crate) fn in_pep695_type_context(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if matches!(parent.kind_id(), TYPE_ALIAS_STATEMENT | TYPE_PARAMETER) {
            return true;
        }
        current = parent;
    }
    false
}

/// `_is_variable_annotation_in_function`.
pub(crate) fn is_variable_annotation_in_function(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.kind_id() == ASSIGNMENT && parent.child_by_field_id(FIELD_TYPE).is_some() {
            return parent.child_by_field_id(FIELD_TYPE) == Some(current) && enclosing_function(parent).is_some();
        }
        current = parent;
    }
    false
}

/// Module attributes every module has (`Module.scope_attrs`).
pub(crate) fn is_module_scope_attribute(name: &str) -> bool {
    matches!(name, "__name__" | "__doc__" | "__file__" | "__path__" | "__package__")
}

/// Names astroid's builtins module has.
pub(crate) fn is_astroid_builtin(name: &str) -> bool {
    crate::semantic::is_builtin_name(name)
        || matches!(
            name,
            "generator" | "async_generator" | "getset_descriptor" | "member_descriptor" | "NoneType" | "NotImplementedType"
                | "function" | "method" | "builtin_function_or_method" | "module" | "traceback"
        )
}
