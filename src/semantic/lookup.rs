//! astroid's name lookup (`LookupMixIn.lookup` and `_filter_stmts`): the
//! bindings of a name that may reach a read, and pylint's use of it in
//! undefined-loop-variable (`_loopvar_name`), which asks whether the only
//! binding reaching a read is the target of a `for` loop the read follows.
//!
//! The lookup starts in the read's scope and keeps, in source order, the
//! bindings up to the read's line; a later binding in the same block hides
//! the earlier ones unless they are in exclusive branches (`if`/`else`,
//! `try`/`except`) or the later one is a loop target (the loop may not run).
//! When nothing is kept, the enclosing scopes are searched, classes skipped.

use super::astroid::*;
use super::{ScopeId, ScopeKind, SemanticModel};
use crate::syntax::kinds::*;
use crate::syntax::{node_text, Node};


/// What a binding gives the name, for inferring it.
#[derive(Clone, Copy, Debug)]
pub enum BindingValue<'t> {
    /// `name = value` (a single target).
    Value(Node<'t>),
    /// A parameter, with its default value.
    Parameter { default: Option<Node<'t>> },
    /// An import.
    Import,
    /// Anything else (loop targets, unpacking, `with`, handlers, defs...).
    Other,
}

/// A binding that reaches a read, with what inference needs of it.
#[derive(Clone, Copy, Debug)]
pub enum Reaching<'t> {
    /// `name = value` (a single target, chains included).
    Value(Node<'t>),
    /// A parameter: its identifier and default value.
    Parameter { identifier: Node<'t>, default: Option<Node<'t>> },
    /// A `def` or `class` statement (the definition node).
    Definition(Node<'t>),
    /// An import statement.
    Import(Node<'t>),
    /// Anything else (loop targets, unpacking, `with`, handlers, `:=`...).
    Other,
}

/// Name lookups over one module, as astroid does them.
pub struct NameLookup<'a, 't> {
    source: &'t str,
    semantic: &'a SemanticModel<'t>,
    locals: std::borrow::Cow<'a, Locals<'t>>,
}

impl<'a, 't> NameLookup<'a, 't> {
    pub fn new(source: &'t str, semantic: &'a SemanticModel<'t>) -> Self {
        // Star-imported names are module-level bindings that are never loop targets.
        NameLookup { source, semantic, locals: semantic.astroid_locals() }
    }

    /// The reads of the module in astroid's walk order.
    pub fn reads(&self) -> std::borrow::Cow<'a, [Node<'t>]> {
        self.semantic.reads_in_walk_order()
    }

    /// pylint's `_loopvar_name` up to where it looks at the loop: the `for`
    /// statement whose target is the only binding reaching `read` (from
    /// another statement), if any.
    pub fn loop_of_only_binding(&self, read: Node<'t>) -> Option<Node<'t>> {
        Lookup { source: self.source, semantic: self.semantic, locals: &self.locals }.loop_of_only_binding(read)
    }

    /// The scope astroid's lookup finds `read`'s name in and the node of the
    /// first binding it keeps there: the bound identifier, the import
    /// statement or the def (`None`: nothing found, or not modelled).
    pub fn first_binding(&self, read: Node<'t>) -> Option<(ScopeId, Node<'t>)> {
        let lookup = Lookup { source: self.source, semantic: self.semantic, locals: &self.locals };
        let (scope, defs) = lookup.lookup_with_scope(read, node_text(self.source, read))??;
        Some((scope, defs.first()?.node))
    }

    /// The bindings astroid's lookup finds for `read`, first to last, with
    /// definitions and parameters told apart (`None`: not modelled).
    pub fn reaching(&self, read: Node<'t>) -> Option<Vec<Reaching<'t>>> {
        let lookup = Lookup { source: self.source, semantic: self.semantic, locals: &self.locals };
        let defs = lookup.lookup(read, node_text(self.source, read))?;
        Some(defs.into_iter().map(reaching_of).collect())
    }

    /// Whether the module has a star import whose names are not known here
    /// (they are not among the bindings a lookup sees).
    pub fn has_star_import(&self) -> bool {
        self.locals.unknown_star_import
    }

    /// The bindings astroid's lookup finds for `read`, first to last
    /// (`None`: not modelled).
    pub fn reaching_values(&self, read: Node<'t>) -> Option<Vec<BindingValue<'t>>> {
        let lookup = Lookup { source: self.source, semantic: self.semantic, locals: &self.locals };
        let defs = lookup.lookup(read, node_text(self.source, read))?;
        Some(defs.into_iter().map(binding_value).collect())
    }
}

fn reaching_of(def: Def) -> Reaching {
    match def.kind {
        DefKind::Definition => Reaching::Definition(def.node),
        DefKind::Import => Reaching::Import(def.node),
        DefKind::Name(super::BindingKind::Parameter) => match binding_value(def) {
            BindingValue::Parameter { default } => Reaching::Parameter { identifier: def.node, default },
            _ => Reaching::Other,
        },
        DefKind::Name(super::BindingKind::Assignment) => match binding_value(def) {
            BindingValue::Value(value) => Reaching::Value(value),
            _ => Reaching::Other,
        },
        _ => Reaching::Other,
    }
}

fn binding_value(def: Def) -> BindingValue {
    use super::BindingKind::*;
    match def.kind {
        DefKind::Import => BindingValue::Import,
        DefKind::Name(Assignment) | DefKind::Name(NamedExpression) => {
            let Some(parent) = def.node.parent() else { return BindingValue::Other };
            match parent.kind_id() {
                ASSIGNMENT if parent.child_by_field_id(FIELD_LEFT) == Some(def.node) => {
                    let mut value = parent.child_by_field_id(FIELD_RIGHT);
                    while let Some(inner) = value.filter(|v| v.kind_id() == ASSIGNMENT) {
                        value = inner.child_by_field_id(FIELD_RIGHT);
                    }
                    value.map_or(BindingValue::Other, BindingValue::Value)
                }
                NAMED_EXPRESSION => parent.child_by_field_id(FIELD_VALUE).map_or(BindingValue::Other, BindingValue::Value),
                _ => BindingValue::Other,
            }
        }
        DefKind::Name(Parameter) => {
            let default = def
                .node
                .parent()
                .filter(|parameter| matches!(parameter.kind_id(), DEFAULT_PARAMETER | TYPED_DEFAULT_PARAMETER))
                .and_then(|parameter| parameter.child_by_field_id(FIELD_VALUE));
            BindingValue::Parameter { default }
        }
        _ => BindingValue::Other,
    }
}

struct Lookup<'a, 't> {
    source: &'t str,
    semantic: &'a SemanticModel<'t>,
    locals: &'a Locals<'t>,
}

/// What `assign_type()` of a binding is, as `_filter_stmts` uses it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum AssignType {
    /// A statement that assigns (`=`, `+=`, annotated, `with`, `except`,
    /// `del`, `match`), or the parameters of a def.
    Assigning,
    /// A `for` loop: it may not run.
    Loop,
    /// A comprehension's `for`.
    Comprehension,
    /// `:=`.
    NamedExpression,
    /// An import, `def` or `class`: its own assign type.
    Statement,
}

impl<'a, 't> Lookup<'a, 't> {
    fn loop_of_only_binding(&self, read: Node<'t>) -> Option<Node<'t>> {
        let name = node_text(self.source, read);
        let astmts = self.lookup(read, name)?;
        let read_scope = scope_node_of(read);
        // A function or lambda defined where the binding is: it is defined
        // only if the loop ran.
        if matches!(read_scope.kind_id(), FUNCTION_DEFINITION | LAMBDA)
            && astmts.iter().any(|def| contains_node(def_scope(*def), read_scope))
        {
            return None;
        }
        let first = *astmts.first()?;
        let skip_first = is_statement_def(first) || contains_node(def_statement(first), read);
        let mut kept: Vec<Def<'t>> = if skip_first { Vec::new() } else { vec![first] };
        for pair in astmts.windows(2) {
            let previous_statement = def_statement(pair[0]);
            let current = pair[1];
            if contains_node(previous_statement, current.node) && !in_else_branch(previous_statement, current.node) {
                continue;
            }
            kept.push(current);
        }
        let [only] = kept[..] else { return None };
        let DefKind::Name(super::BindingKind::LoopVariable) = only.kind else { return None };
        let loop_node = def_statement(only);
        (loop_node.kind_id() == FOR_STATEMENT && loop_node != statement_of(read)).then_some(loop_node)
    }

    /// `node.lookup(name)[1]`; `None` where this model does not follow
    /// astroid (reads in a def's header, a comprehension's first iterable).
    fn lookup(&self, read: Node<'t>, name: &'t str) -> Option<Vec<Def<'t>>> {
        Some(self.lookup_with_scope(read, name)?.map(|(_, defs)| defs).unwrap_or_default())
    }

    /// `node.lookup(name)`: the scope the bindings were found in and the
    /// bindings; `Some(None)` when nothing is found.
    fn lookup_with_scope(&self, read: Node<'t>, name: &'t str) -> Option<Option<(ScopeId, Vec<Def<'t>>)>> {
        if statement_of(read) == frame_of(read) && frame_of(read).kind_id() != MODULE {
            return None;
        }
        let mut scope = Some(self.semantic.enclosing_scope(read));
        while let Some(id) = scope {
            if let Some(defs) = self.locals.locals[id.0 as usize].get(name) {
                let scope_node = self.semantic.scope(id).node;
                let filtered = self.filter_stmts(read, defs, scope_node);
                if !filtered.is_empty() {
                    return Some(Some((id, filtered)));
                }
            }
            // Enclosing class bodies are not searched.
            let mut parent = self.semantic.scope(id).parent;
            while let Some(candidate) = parent {
                if self.semantic.scope(candidate).kind != ScopeKind::Class {
                    break;
                }
                parent = self.semantic.scope(candidate).parent;
            }
            scope = parent;
        }
        Some(None)
    }

    /// astroid's `_filter_stmts`.
    fn filter_stmts(&self, read: Node<'t>, defs: &[Def<'t>], frame: Node<'t>) -> Vec<Def<'t>> {
        let my_frame = frame_of(read);
        let my_statement = statement_of(read);
        let my_line = if my_frame == frame { from_line(my_statement) } else { 0 };
        let mut statements: Vec<(Def<'t>, Node<'t>)> = defs.iter().map(|def| (*def, def_statement(*def))).collect();
        if statements.len() > 1 && statements.iter().all(|(_, statement)| statement.kind_id() == EXCEPT_CLAUSE) {
            statements.retain(|(_, statement)| contains_node(*statement, read));
        }
        let mut kept: Vec<Def<'t>> = Vec::new();
        let mut kept_parents: Vec<Option<Node<'t>>> = Vec::new();
        for (def, statement) in statements {
            if my_line > 0 && from_line(statement) > my_line {
                break;
            }
            if my_statement == statement && in_decorator(read) {
                continue;
            }
            if def.kind == DefKind::Definition && def.node.kind_id() == CLASS_DEFINITION && is_base_of(read, def.node) {
                break;
            }
            let (assign_node, assign_type) = assign_type_of(def);
            // `_get_filtered_stmts`: the read is in the binding statement.
            match assign_type {
                AssignType::Statement => {
                    if def.node == my_statement {
                        kept = vec![def];
                        break;
                    }
                }
                AssignType::Comprehension => {
                    if statement_of(assign_node) == my_statement {
                        kept = vec![def];
                        break;
                    }
                }
                _ => {
                    if assign_node == my_statement {
                        break;
                    }
                    if statement_of(assign_node) == my_statement {
                        kept = vec![def];
                        break;
                    }
                }
            }
            let mut optional = matches!(assign_type, AssignType::Loop | AssignType::Comprehension | AssignType::NamedExpression);
            if optional && contains_node(assign_node, read) {
                // Inside the loop: the loop's binding hides the earlier ones.
                kept = vec![def];
                kept_parents = vec![astroid_parent(statement)];
                continue;
            }
            if assign_type == AssignType::NamedExpression {
                let if_parent = ancestors(assign_node).into_iter().find(|a| is_if(*a));
                match if_parent {
                    Some(if_node) if ancestors(if_node).into_iter().any(|a| is_if(a)) => {
                        optional = false;
                        kept.push(def);
                        kept_parents.push(astroid_parent(statement));
                    }
                    _ => {
                        kept = vec![def];
                        kept_parents = vec![astroid_parent(statement)];
                    }
                }
            }
            if let Some(index) = kept_parents.iter().position(|parent| *parent == astroid_parent(statement)) {
                let (earlier_assign, _) = assign_type_of(kept[index]);
                if contains_node(earlier_assign, assign_node) {
                    continue;
                }
                if !(optional || are_exclusive(kept[index].node, def.node)) {
                    kept.remove(index);
                    kept_parents.remove(index);
                }
            }
            if are_exclusive(read, def.node) {
                continue;
            }
            match def.kind {
                DefKind::Name(_) => {
                    if statement.kind_id() == EXCEPT_CLAUSE {
                        if contains_node(statement, read) {
                            kept.clear();
                            kept_parents.clear();
                        } else {
                            continue;
                        }
                    } else if !optional && astroid_parent(statement) == astroid_parent(my_statement) {
                        kept.clear();
                        kept_parents.clear();
                    }
                }
                DefKind::Deletion => {
                    kept.clear();
                    kept_parents.clear();
                    continue;
                }
                DefKind::Import | DefKind::Definition => {}
            }
            kept.push(def);
            let parameter = def.kind == DefKind::Name(super::BindingKind::Parameter);
            kept_parents.push(if parameter { Some(statement) } else { astroid_parent(statement) });
        }
        kept
    }
}

/// The node whose `assign_type()` a binding has, and its kind.
fn assign_type_of(def: Def) -> (Node, AssignType) {
    match def.kind {
        DefKind::Import | DefKind::Definition => (def.node, AssignType::Statement),
        DefKind::Deletion => (def_statement(def), AssignType::Assigning),
        DefKind::Name(kind) => {
            use super::BindingKind::*;
            match kind {
                LoopVariable => (def_statement(def), AssignType::Loop),
                ComprehensionVariable => {
                    let clause = ancestors(def.node).into_iter().find(|a| a.kind_id() == FOR_IN_CLAUSE);
                    (clause.unwrap_or(def.node), AssignType::Comprehension)
                }
                NamedExpression => (def.node.parent().unwrap_or(def.node), AssignType::NamedExpression),
                Parameter => {
                    let parameters = ancestors(def.node).into_iter().find(|a| matches!(a.kind_id(), PARAMETERS | LAMBDA_PARAMETERS));
                    (parameters.unwrap_or(def.node), AssignType::Assigning)
                }
                _ => (def_statement(def), AssignType::Assigning),
            }
        }
    }
}

/// astroid's `is_statement` for a binding node: imports, defs and classes.
fn is_statement_def(def: Def) -> bool {
    matches!(def.kind, DefKind::Import | DefKind::Definition)
}

/// `scope()` of a binding node (a def is its own scope).
fn def_scope(def: Def) -> Node {
    match def.kind {
        DefKind::Definition => def.node,
        _ => scope_node_of(def.node),
    }
}

/// Whether `node` is in one of the `else` statements of `statement`
/// (`utils.in_for_else_branch`, which pylint also applies to `if` and `try`).
fn in_else_branch(statement: Node, node: Node) -> bool {
    let orelse = match statement.kind_id() {
        FOR_STATEMENT | WHILE_STATEMENT => loop_orelse(statement),
        IF_STATEMENT | ELIF_CLAUSE => if_orelse(statement),
        TRY_STATEMENT => try_orelse(statement),
        _ => Vec::new(),
    };
    orelse.iter().any(|else_statement| *else_statement == node || contains_node(*else_statement, node))
}

fn in_decorator(node: Node) -> bool {
    let mut current = node;
    while let Some(parent) = current.parent() {
        if parent.kind_id() == DECORATOR {
            return true;
        }
        if crate::syntax::is_statement_kind(parent.kind_id()) {
            return false;
        }
        current = parent;
    }
    false
}

/// `ClassDef.has_base(read)`: the read is one of the class's bases.
fn is_base_of(read: Node, class: Node) -> bool {
    class
        .child_by_field_id(FIELD_SUPERCLASSES)
        .is_some_and(|bases| crate::syntax::code_children(bases).any(|base| base == read))
}

/// Which field of an astroid `if` holds `descendant`.
#[derive(PartialEq, Eq)]
enum IfField {
    Test,
    Body,
    OrElse,
}

fn if_field(if_node: Node, descendant: Node) -> IfField {
    let within = |field| if_node.child_by_field_id(field).is_some_and(|child| child == descendant || contains_node(child, descendant));
    if within(FIELD_CONDITION) {
        IfField::Test
    } else if within(FIELD_CONSEQUENCE) {
        IfField::Body
    } else {
        IfField::OrElse
    }
}

/// astroid's `are_exclusive(a, b)` (no exceptions given): at their first
/// common ancestor they are in different branches of an `if`, or in a
/// `try` body (or `else`) and one of its handlers, or in two handlers.
fn are_exclusive(first: Node, second: Node) -> bool {
    let first_ancestors = ancestors(first).collect::<Vec<_>>();
    let mut previous = second;
    for node in ancestors(second) {
        if let Some(index) = first_ancestors.iter().position(|a| *a == node) {
            let child_of_first = if index == 0 { first } else { first_ancestors[index - 1] };
            if is_if(node) {
                let (a, b) = (if_field(node, child_of_first), if_field(node, previous));
                if a == IfField::Test || b == IfField::Test {
                    return false;
                }
                return a != b;
            }
            if is_try(node) {
                let (Some((part1, node1)), Some((part2, node2))) = (try_part_of(node, child_of_first), try_part_of(node, previous)) else {
                    return false;
                };
                if part1 != part2 {
                    // A handler without exceptions to match catches everything here.
                    return matches!(
                        (part1, part2),
                        (TryPart::Body, TryPart::Handlers)
                            | (TryPart::Handlers, TryPart::Body)
                            | (TryPart::OrElse, TryPart::Handlers)
                            | (TryPart::Handlers, TryPart::OrElse)
                    );
                }
                return part1 == TryPart::Handlers && node1 != node2;
            }
            return false;
        }
        previous = node;
    }
    false
}
