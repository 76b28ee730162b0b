use super::prelude::*;
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for `global` statements in functions and class bodies that
    /// rebind a name the module defines.
    ///
    /// ## Why is this bad?
    /// Module state changed from inside functions makes the code's behaviour
    /// depend on call order and is hard to test; passing values in and
    /// returning results, or keeping state on an object, is clearer.
    ///
    /// ## Example
    /// ```python
    /// COUNTER = 0
    ///
    /// def increment():
    ///     global COUNTER
    ///     COUNTER += 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def increment(counter):
    ///     return counter + 1
    /// ```
    ///
    /// A `global` whose names are never rebound, or are not defined at module
    /// level, gets `global-variable-not-assigned` or
    /// `global-variable-undefined` instead.
    code: "W0603",
    symbol: "global-statement",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Node(&[GLOBAL_STATEMENT], check),
}

/// A `global` statement inside a function or class: the scope it declares
/// in, its line and the names it lists; `None` at module level, where the
/// `global` rules say nothing.
pub(crate) fn global_in_scope<'t>(
    ctx: &Context<'_, 't>,
    global: Node<'t>,
) -> Option<(crate::semantic::ScopeId, usize, Vec<&'t str>)> {
    let scope = ctx.semantic.enclosing_scope(global);
    if ctx.semantic.scope(scope).kind == ScopeKind::Module {
        return None;
    }
    let names = code_children(global).filter(|name| name.kind_id() == IDENTIFIER).map(|name| ctx.text(name));
    Some((scope, global.start_position().row, names.collect()))
}

fn check(ctx: &mut Context, global: Node) {
    let Some((scope, line, names)) = global_in_scope(ctx, global) else { return };
    // pylint reports the statement only when no name gets one of the more
    // specific messages.
    for name in names {
        if !super::global_variable_not_assigned::is_assigned_after(ctx, scope, name, line) {
            return;
        }
        if super::global_variable_undefined::undefined_at_module_level(ctx, name) {
            return;
        }
    }
    ctx.report(global, "Using the global statement");
}

/// Whether the scope binds `name` (assignment, def, class...) on a later line.
pub(crate) fn rebound_after(ctx: &Context, scope: ScopeId, name: &str, line: usize) -> bool {
    ctx.semantic.bindings_of(scope, name).any(|binding| {
        !matches!(binding.kind, BindingKind::Import | BindingKind::Parameter)
            && binding.identifier.start_position().row > line
    })
}

/// Whether `del name` appears on a later line anywhere in the scope's node,
/// nested scopes included, as pylint looks for it.
pub(crate) fn deleted_after(ctx: &Context, scope: ScopeId, name: &str, line: usize) -> bool {
    let mut found = false;
    syntax::walk(ctx.semantic.scope(scope).node, |node| {
        if found {
            return false;
        }
        if node.kind_id() == DELETE_STATEMENT {
            let Some(target) = code_children(node).next() else { return false };
            let targets: Vec<Node> = if target.kind_id() == EXPRESSION_LIST {
                code_children(target).collect()
            } else {
                vec![target]
            };
            found = targets.iter().any(|target| {
                let target = strip_parens(*target);
                target.kind_id() == IDENTIFIER && ctx.text(target) == name && target.start_position().row > line
            });
            return false;
        }
        true
    });
    found
}

/// Whether the module itself binds `name`: at its top level (not through
/// `global` in a function), or with a `def`/`class` directly in its body.
pub(crate) fn defined_by_module(ctx: &Context, name: &str) -> bool {
    ctx.semantic.bindings_of(ScopeId(0), name).any(|binding| match binding.kind {
        BindingKind::FunctionDef | BindingKind::ClassDef => {
            binding.statement.parent().is_some_and(|parent| parent.kind_id() == MODULE)
        }
        _ => true,
    })
}
