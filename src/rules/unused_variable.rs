use super::prelude::*;
use crate::semantic::{Binding, ScopeId};
use crate::syntax::Position;
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it does
    /// Checks for local variables of a function that are bound but never
    /// read, neither in the function nor in the functions nested in it.
    ///
    /// Not reported: names matching `dummy-variables-rgx` (such as `_` or
    /// `_unused`), names declared `global` or `nonlocal`, names also used as
    /// comprehension variables in the function, decorated nested functions,
    /// and locals of functions that only raise or of abstract methods.
    /// Imports are left to `unused-import`; a variable bound before a
    /// `locals()` call is left to `possibly-unused-variable`.
    ///
    /// ## Why is this bad?
    /// An unused variable is dead code, or a sign of a bug: a result that
    /// was meant to be used, or a typo in a later name.
    ///
    /// ## Example
    /// ```python
    /// def total(prices):
    ///     count = len(prices)
    ///     return sum(prices)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def total(prices):
    ///     return sum(prices)
    /// ```
    code: "W0612",
    symbol: "unused-variable",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    let locals_calls = locals_call_rows(ctx);
    let nested_names = nested_names_by_function(ctx);
    let no_names = NestedNames::default();
    for (scope_id, scope) in ctx.semantic.function_scopes() {
        if skips_unused_checks(ctx, scope.node) {
            continue;
        }
        let nested = nested_names.get(&scope_id).unwrap_or(&no_names);
        let mut unused: Vec<&Binding> = Vec::new();
        for (name, ids) in &scope.bindings {
            let Some(first) = ids.first().map(|id| ctx.semantic.binding(*id)) else { continue };
            if scope.used.contains(name)
                || matches!(first.kind, BindingKind::Parameter | BindingKind::Import)
                || ctx.settings.dummy_variables.is_match(name)
                || scope.globals.contains(name)
                || scope.nonlocals.contains(name)
                || nested.comprehension_targets.contains(name)
            {
                continue;
            }
            if nested.nonlocals.contains(name) && is_assignment_like(first) {
                continue;
            }
            let row = first.identifier.start_position().row;
            if locals_calls.get(&scope_id).is_some_and(|rows| rows.iter().any(|call_row| *call_row > row)) {
                continue; // possibly-unused-variable
            }
            if first.kind == BindingKind::FunctionDef
                && first.identifier.parent().is_some_and(|def| !super::unused_argument::decorators(def).is_empty())
            {
                continue;
            }
            unused.push(first);
        }
        for binding in unused {
            let message = format!("Unused variable '{}'", binding.name);
            report_binding(ctx, binding, message);
        }
    }
}

/// The statements pylint exempts when a nested function declares the name
/// `nonlocal`: plain, annotated, unpacking and `for` assignments.
fn is_assignment_like(binding: &Binding) -> bool {
    binding.unpacked || matches!(binding.kind, BindingKind::Assignment | BindingKind::Annotation | BindingKind::LoopVariable)
}

/// Functions whose locals and arguments pylint does not check: those whose
/// body is a single `raise`, abstract methods and `@overload` stubs.
pub(crate) fn skips_unused_checks(ctx: &Context, function: Node) -> bool {
    let body = body_statements(ctx, function);
    if body.len() == 1 && body[0].kind_id() == RAISE_STATEMENT {
        return true;
    }
    if super::unused_argument::decorated_with(ctx, function, &["overload"]) {
        return true;
    }
    let is_method = ctx
        .semantic
        .scope_of(function)
        .is_some_and(|scope| super::unused_argument::method_class(ctx, scope).is_some());
    is_method && is_abstract(ctx, function, &body)
}

/// astroid's `is_abstract()`: decorated `abstractmethod`/`abstractproperty`,
/// or a body that starts with `pass` or `raise NotImplementedError`, or is empty.
fn is_abstract(ctx: &Context, function: Node, body: &[Node]) -> bool {
    if super::unused_argument::decorated_with(ctx, function, &["abstractmethod", "abstractproperty"]) {
        return true;
    }
    let Some(first) = body.first() else { return true };
    match first.kind_id() {
        RAISE_STATEMENT => {
            let cause = first.child_by_field_id(FIELD_CAUSE);
            code_children(*first).filter(|child| Some(*child) != cause).any(|raised| {
                let mut names_it = false;
                syntax::walk(raised, |node| {
                    if node.kind_id() == IDENTIFIER && ctx.text(node) == "NotImplementedError" {
                        names_it = true;
                    }
                    !names_it
                });
                names_it
            })
        }
        kind => kind == PASS_STATEMENT,
    }
}

/// The statements of a function body, without its docstring.
pub(crate) fn body_statements<'t>(ctx: &Context<'_, 't>, function: Node<'t>) -> Vec<Node<'t>> {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return Vec::new() };
    let mut statements = syntax::statements_of(body);
    if statements.first().is_some_and(|first| {
        first.kind_id() == EXPRESSION_STATEMENT && ctx.is_docstring(*first)
    }) {
        statements.remove(0);
    }
    statements
}

/// Names declared or bound anywhere inside a function, nested scopes included.
#[derive(Default)]
pub(crate) struct NestedNames<'t> {
    pub nonlocals: HashSet<&'t str>,
    pub comprehension_targets: HashSet<&'t str>,
}

/// For every function scope, the names declared `nonlocal` and the
/// comprehension variables anywhere inside it (nested scopes included).
pub(crate) fn nested_names_by_function<'t>(ctx: &Context<'_, 't>) -> HashMap<ScopeId, NestedNames<'t>> {
    let mut by_function: HashMap<ScopeId, NestedNames<'t>> = HashMap::new();
    for (index, scope) in ctx.semantic.scopes.iter().enumerate() {
        let comprehension_targets: Vec<&'t str> = if scope.kind == ScopeKind::Comprehension {
            scope
                .bindings
                .iter()
                .filter(|(_, ids)| ids.iter().any(|id| ctx.semantic.binding(*id).kind == BindingKind::ComprehensionVariable))
                .map(|(name, _)| *name)
                .collect()
        } else {
            Vec::new()
        };
        if scope.nonlocals.is_empty() && comprehension_targets.is_empty() {
            continue;
        }
        let mut ancestor = Some(ScopeId(index as u32));
        while let Some(id) = ancestor {
            let candidate = ctx.semantic.scope(id);
            if candidate.kind == ScopeKind::Function {
                let names = by_function.entry(id).or_default();
                names.nonlocals.extend(scope.nonlocals.iter().copied());
                names.comprehension_targets.extend(comprehension_targets.iter().copied());
            }
            ancestor = candidate.parent;
        }
    }
    by_function
}

/// For each function, the rows of its `locals()` calls (lambdas and
/// comprehensions included, nested functions and classes not).
fn locals_call_rows(ctx: &Context) -> HashMap<ScopeId, Vec<usize>> {
    let mut rows: HashMap<ScopeId, Vec<usize>> = HashMap::new();
    for reference in &ctx.semantic.references {
        if reference.name != "locals" || reference.resolved.is_some() {
            continue;
        }
        let is_called = reference.identifier.parent().is_some_and(|parent| {
            parent.kind_id() == CALL && parent.child_by_field_id(FIELD_FUNCTION) == Some(reference.identifier)
        });
        if !is_called {
            continue;
        }
        let mut scope = reference.scope;
        loop {
            let current = ctx.semantic.scope(scope);
            match current.kind {
                ScopeKind::Lambda | ScopeKind::Comprehension => match current.parent {
                    Some(parent) => scope = parent,
                    None => break,
                },
                ScopeKind::Function => {
                    rows.entry(scope).or_default().push(reference.identifier.start_position().row);
                    break;
                }
                ScopeKind::Module | ScopeKind::Class => break,
            }
        }
    }
    rows
}

/// Reports on the node astroid gives the binding: the `except` clause for
/// its name, the `def`/`class` line for definitions, the import statement,
/// the `def` line (column 0) for `*args`/`**kwargs`, else the name itself.
pub(crate) fn report_binding(ctx: &mut Context, binding: &Binding, message: String) {
    match binding.kind {
        BindingKind::ExceptHandler => {
            ctx.report(binding.statement, message);
        }
        BindingKind::FunctionDef | BindingKind::ClassDef => {
            let definition = binding.identifier.parent().unwrap_or(binding.identifier);
            ctx.report(definition, message);
        }
        BindingKind::Import => {
            ctx.report(binding.statement, message);
        }
        BindingKind::Parameter if is_variadic(binding.statement) => {
            // astroid has no node for `*args`/`**kwargs`: pylint reports on the
            // `Arguments` node, which starts at the first parameter's line.
            let first_parameter = binding.statement.parent().and_then(|parameters| code_children(parameters).next());
            let row = first_parameter.unwrap_or(binding.statement).start_position().row as u32;
            let end = binding.statement.end_position();
            ctx.report_at(
                Position { line: row, column: 0 },
                Position { line: end.row as u32, column: end.column as u32 },
                message,
            );
        }
        _ => {
            ctx.report(binding.identifier, message);
        }
    }
}

/// `*args` or `**kwargs`, annotated or not.
fn is_variadic(parameter: Node) -> bool {
    match parameter.kind_id() {
        LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN => true,
        TYPED_PARAMETER => code_children(parameter)
            .next()
            .is_some_and(|first| matches!(first.kind_id(), LIST_SPLAT_PATTERN | DICTIONARY_SPLAT_PATTERN)),
        _ => false,
    }
}
