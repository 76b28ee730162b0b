use super::prelude::*;
use crate::semantic::{Binding, ScopeId};

declare_rule! {
    /// ## What it does
    /// Checks for a function, method or class whose name is already bound
    /// earlier in the same scope (by another definition, an import or an
    /// assignment), outside mutually exclusive branches of an `if` or `try`.
    ///
    /// ## Why is this bad?
    /// The later definition silently replaces the earlier one: the first is
    /// dead code, and usually one of the two was meant to have another name.
    ///
    /// ## Example
    /// ```python
    /// class Invoice:
    ///     def total(self):
    ///         return sum(self.lines)
    ///
    ///     def total(self):
    ///         return sum(self.lines) * (1 + self.tax)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Invoice:
    ///     def subtotal(self):
    ///         return sum(self.lines)
    ///
    ///     def total(self):
    ///         return self.subtotal() * (1 + self.tax)
    /// ```
    ///
    /// Exempt: property setters and deleters (`@x.setter`), `register`
    /// decorations of single-dispatch functions, `typing.overload` stubs,
    /// definitions guarded by `if not name:` or `if name is None:`, and names
    /// matching `dummy-variables-rgx`.
    code: "E0102",
    symbol: "function-redefined",
    category: Error,
    checker: "basic",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION, CLASS_DEFINITION], check),
}

fn check(ctx: &mut Context, definition: Node) {
    let Some(name_node) = definition.child_by_field_id(FIELD_NAME) else { return };
    let name = ctx.text(name_node);
    let Some(frame) = ctx.semantic.scope_of(definition).and_then(|inner| ctx.semantic.scope(inner).parent) else {
        return;
    };
    let frame_data = ctx.semantic.scope(frame);
    // Names declared global or nonlocal live in another scope's locals.
    if frame_data.globals.contains(name) || frame_data.nonlocals.contains(name) {
        return;
    }
    let is_class_frame = frame_data.kind == ScopeKind::Class;
    // astroid gives class bodies implicit `__module__` (which pylint
    // exempts) and `__qualname__` (which it reports, on the class line).
    if is_class_frame && name == "__module__" {
        return;
    }
    let is_class = definition.kind_id() == CLASS_DEFINITION;
    if is_class_frame && name == "__qualname__" {
        if !has_register_decorator(ctx, definition) && !is_overload_stub_definition(ctx, definition) {
            let line = frame_data.node.start_position().row + 1;
            let kind = if is_class { "class" } else { "method" };
            super::too_many_branches::report_on_def(ctx, definition, format!("{kind} already defined line {line}"));
        }
        return;
    }
    let locals = frame_locals(ctx, frame, name);
    let Some(first) = locals.iter().find(|binding| !is_overload_stub(ctx, binding)) else { return };
    // astroid files the public names of a star-imported module in the
    // module's locals at the import's line.
    let star_import = if frame == ScopeId(0) { first_star_import_of(ctx, name) } else { None };
    let (first_node, first_line) = match star_import {
        Some(statement) if statement.start_byte() < first.identifier.start_byte() => (statement, statement.start_position().row),
        _ => (first.identifier, from_line(first)),
    };
    if first_node.id() == name_node.id() || are_exclusive(definition, first_node) {
        return;
    }
    if is_overload_stub_definition(ctx, definition)
        || has_register_decorator(ctx, definition)
        || (!is_class && redefined_by_decorator(ctx, definition, name))
        || guarded_by_own_absence(ctx, definition, name)
        || follows_forward_ref(ctx, &locals, name_node)
        || ctx.settings.dummy_variables.is_match(name)
    {
        return;
    }
    let kind = if is_class {
        "class"
    } else if is_class_frame {
        "method"
    } else {
        "function"
    };
    let line = first_line + 1;
    super::too_many_branches::report_on_def(ctx, definition, format!("{kind} already defined line {line}"));
}

/// The first `from m import *` statement of the module that binds `name`:
/// `m`'s public names, whatever its `__all__` says (astroid's
/// `add_from_names_to_locals`). Modules that cannot be read bind nothing
/// known here.
pub(crate) fn first_star_import_of<'t>(ctx: &Context<'_, 't>, name: &str) -> Option<Node<'t>> {
    use crate::semantic::summary::{public_names, star_import_target};
    // (start byte of the statement, its names), computed once per module.
    let star_imports = ctx.shared("star_import_public_names", |ctx| {
        let Some((path, index)) = ctx.imports else { return Vec::new() };
        let mut found: Vec<(usize, Vec<String>)> = Vec::new();
        syntax::walk(ctx.module.root(), |node| match node.kind_id() {
            IMPORT_FROM_STATEMENT => {
                let names = star_import_target(ctx.source, node)
                    .and_then(|(level, module)| index.import(path, level, &module))
                    .and_then(|module| public_names(index, &module));
                found.extend(names.map(|names| (node.start_byte(), names)));
                false
            }
            FUNCTION_DEFINITION | CLASS_DEFINITION | EXPRESSION_STATEMENT | RETURN_STATEMENT => false,
            _ => true,
        });
        found
    });
    let start = star_imports.iter().find(|(_, names)| names.iter().any(|bound| bound == name))?.0;
    let mut statement = None;
    syntax::walk(ctx.module.root(), |node| {
        if node.kind_id() == IMPORT_FROM_STATEMENT && node.start_byte() == start {
            statement = Some(node);
        }
        statement.is_none() && node.start_byte() <= start && start < node.end_byte().max(start + 1)
    });
    statement
}

/// astroid's `frame.locals[name]` without the bare annotations (`x: T` and
/// `x: T = v`, which pylint leaves out as type stubs), in source order. A
/// module's locals also hold what functions assign under `global`.
fn frame_locals<'t>(ctx: &Context<'_, 't>, frame: ScopeId, name: &str) -> Vec<Binding<'t>> {
    let mut locals = astroid_frame_locals(ctx, frame, name);
    locals.retain(|binding| !is_annotation_target(binding));
    locals
}

/// astroid's `frame.locals[name]`, in its order: the frame's bindings and,
/// for the module, those of functions that declare the name `global`.
pub(crate) fn astroid_frame_locals<'t>(ctx: &Context<'_, 't>, frame: ScopeId, name: &str) -> Vec<Binding<'t>> {
    let mut locals: Vec<Binding> = ctx.semantic.bindings_of(frame, name).cloned().collect();
    if frame == ScopeId(0) {
        for (index, scope) in ctx.semantic.scopes.iter().enumerate().skip(1) {
            if !scope.globals.is_empty() && scope.globals.contains(name) {
                locals.extend(ctx.semantic.bindings_of(ScopeId(index as u32), name).cloned());
            }
        }
    }
    locals.sort_by_key(astroid_locals_order);
    locals
}

/// Where astroid files a binding in its frame's locals: a `def` or `class`
/// only once its body is built, so a `global` assignment inside its own
/// body comes first (`def f(): global f; f = g` redefines the function).
fn astroid_locals_order(binding: &Binding) -> usize {
    match binding.kind {
        BindingKind::FunctionDef | BindingKind::ClassDef => {
            binding.identifier.parent().map_or(binding.identifier.start_byte(), |definition| definition.end_byte())
        }
        _ => binding.identifier.start_byte(),
    }
}

fn is_annotation_target(binding: &Binding) -> bool {
    if binding.kind == BindingKind::Annotation {
        return true;
    }
    binding.identifier.parent().is_some_and(|parent| {
        parent.kind_id() == ASSIGNMENT
            && parent.child_by_field_id(FIELD_TYPE).is_some()
            && parent.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.id() == binding.identifier.id())
    })
}

/// The line astroid gives a binding (`fromlineno`), 0-based: a decorated
/// definition counts one line per decorator line from the first decorator
/// (so comments between decorators shift it), an import its statement's
/// first line, anything else the bound name's line.
fn from_line(binding: &Binding) -> usize {
    match binding.kind {
        BindingKind::FunctionDef | BindingKind::ClassDef => {
            let definition = binding.identifier.parent().unwrap_or(binding.identifier);
            let decorators = super::unused_argument::decorators(definition);
            match definition.parent().filter(|_| !decorators.is_empty()) {
                Some(decorated) => {
                    let first = decorated.start_position().row;
                    first
                        + code_children(decorated)
                            .filter(|child| child.kind_id() == DECORATOR)
                            .map(|decorator| decorator.end_position().row - decorator.start_position().row + 1)
                            .sum::<usize>()
                }
                None => definition.start_position().row,
            }
        }
        BindingKind::Import => binding.statement.start_position().row,
        _ => binding.identifier.start_position().row,
    }
}

fn is_overload_stub(ctx: &Context, binding: &Binding) -> bool {
    binding.kind == BindingKind::FunctionDef
        && binding.identifier.parent().is_some_and(|definition| is_overload_stub_definition(ctx, definition))
}

fn is_overload_stub_definition(ctx: &Context, definition: Node) -> bool {
    definition.kind_id() == FUNCTION_DEFINITION && super::unused_argument::decorated_with(ctx, definition, &["overload"])
}

/// `@name.register` or `@name.register(...)`: pylint exempts registrations
/// on single-dispatch functions and methods, which only inference can tell
/// apart from other `register` decorators.
fn has_register_decorator(ctx: &Context, definition: Node) -> bool {
    super::unused_argument::decorators(definition).into_iter().any(|decorator| {
        let callee = if decorator.kind_id() == CALL {
            decorator.child_by_field_id(FIELD_FUNCTION).unwrap_or(decorator)
        } else {
            decorator
        };
        callee.kind_id() == ATTRIBUTE
            && callee.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|attribute| ctx.text(attribute) == "register")
    })
}

/// `@name.setter` and the like: a property redefined through its decorator.
fn redefined_by_decorator(ctx: &Context, definition: Node, name: &str) -> bool {
    super::unused_argument::decorators(definition).into_iter().any(|decorator| {
        decorator.kind_id() == ATTRIBUTE
            && decorator
                .child_by_field_id(FIELD_OBJECT)
                .is_some_and(|object| object.kind_id() == IDENTIFIER && ctx.text(object) == name)
    })
}

/// A definition directly under `if not name:` or `if name is None:` (astroid's
/// `If` holding it: its own branch, or the last test of the chain for `else`).
fn guarded_by_own_absence(ctx: &Context, definition: Node, name: &str) -> bool {
    let statement = definition.parent().filter(|parent| parent.kind_id() == DECORATED_DEFINITION).unwrap_or(definition);
    let Some(block) = statement.parent().filter(|parent| parent.kind_id() == BLOCK) else { return false };
    let Some(owner) = block.parent() else { return false };
    let test = match owner.kind_id() {
        IF_STATEMENT | ELIF_CLAUSE => owner.child_by_field_id(FIELD_CONDITION),
        ELSE_CLAUSE => owner.parent().filter(|statement| statement.kind_id() == IF_STATEMENT).and_then(|statement| {
            code_children(statement)
                .filter(|clause| clause.kind_id() == ELIF_CLAUSE)
                .last()
                .unwrap_or(statement)
                .child_by_field_id(FIELD_CONDITION)
        }),
        _ => None,
    };
    let Some(test) = test.map(strip_parens) else { return false };
    let is_name = |node: Node| {
        let node = strip_parens(node);
        node.kind_id() == IDENTIFIER && ctx.text(node) == name
    };
    match test.kind_id() {
        NOT_OPERATOR => test.child_by_field_id(FIELD_ARGUMENT).is_some_and(is_name),
        COMPARISON_OPERATOR => match super::singleton_comparison::comparison_parts(test) {
            Some((left, rest)) => {
                rest.len() == 1
                    && rest[0].0 == "is"
                    && is_name(left)
                    && strip_parens(rest[0].1).kind_id() == NONE
            }
            None => false,
        },
        _ => false,
    }
}

/// An earlier `name = ForwardRef(...)`: pylint lets a class follow its
/// forward reference.
fn follows_forward_ref(ctx: &Context, locals: &[Binding], name_node: Node) -> bool {
    locals.iter().take_while(|binding| binding.identifier.id() != name_node.id()).any(|binding| {
        let Some(assignment) = binding.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT) else {
            return false;
        };
        assignment.child_by_field_id(FIELD_RIGHT).is_some_and(|value| {
            value.kind_id() == CALL
                && value.child_by_field_id(FIELD_FUNCTION).is_some_and(|callee| {
                    let text = ctx.text(callee);
                    text == "ForwardRef" || text.ends_with(".ForwardRef")
                })
        })
    })
}

/// `node` and its ancestors, the root first.
fn ancestors<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut chain = vec![node];
    let mut current = node;
    while let Some(parent) = current.parent() {
        chain.push(parent);
        current = parent;
    }
    chain.reverse();
    chain
}

/// astroid's `are_exclusive`: whether two nodes sit in branches of their
/// nearest common `if` or `try` that never both run (if/elif/else bodies;
/// try body or else against a handler; two handlers).
pub(crate) fn are_exclusive<'t>(first: Node<'t>, second: Node<'t>) -> bool {
    let (first_chain, second_chain) = (ancestors(first), ancestors(second));
    let common = first_chain.iter().zip(&second_chain).take_while(|(a, b)| a.id() == b.id()).count();
    if common == 0 || common >= first_chain.len() || common >= second_chain.len() {
        return false;
    }
    let mut ancestor_index = common - 1;
    // A block is a list in astroid, not a node: the common node is its owner.
    while first_chain[ancestor_index].kind_id() == BLOCK && ancestor_index > 0 {
        ancestor_index -= 1;
    }
    let ancestor = first_chain[ancestor_index];
    let (first_child, second_child) = (first_chain[ancestor_index + 1], second_chain[ancestor_index + 1]);
    let (first_inner, second_inner) = (first_chain.get(ancestor_index + 2), second_chain.get(ancestor_index + 2));
    match ancestor.kind_id() {
        IF_STATEMENT => {
            // The earlier of the two clauses decides: its test runs before
            // the later one, its body excludes it.
            let (earlier, inner) = if first_child.start_byte() <= second_child.start_byte() {
                (first_child, first_inner)
            } else {
                (second_child, second_inner)
            };
            match earlier.kind_id() {
                BLOCK => true,
                ELIF_CLAUSE => inner.is_some_and(|inner| inner.kind_id() == BLOCK),
                _ => false,
            }
        }
        TRY_STATEMENT => {
            let is_handler = |node: Node| node.kind_id() == EXCEPT_CLAUSE;
            let is_body_or_else = |node: Node| matches!(node.kind_id(), BLOCK | ELSE_CLAUSE);
            (is_handler(first_child) && (is_handler(second_child) || is_body_or_else(second_child)))
                || (is_handler(second_child) && is_body_or_else(first_child))
        }
        _ => false,
    }
}
