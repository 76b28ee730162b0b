use super::prelude::*;
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for names declared `global` in a function or class body that
    /// the body never assigns, redefines or deletes afterwards.
    ///
    /// ## Why is this bad?
    /// `global` is only needed to rebind a module name. Reading it, or
    /// mutating the object it refers to, works without the declaration, which
    /// then only misleads the reader into expecting an assignment.
    ///
    /// ## Example
    /// ```python
    /// REGISTRY = {}
    ///
    /// def register(name, handler):
    ///     global REGISTRY
    ///     REGISTRY[name] = handler
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// REGISTRY = {}
    ///
    /// def register(name, handler):
    ///     REGISTRY[name] = handler
    /// ```
    code: "W0602",
    symbol: "global-variable-not-assigned",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Node(&[GLOBAL_STATEMENT], check),
}

fn check(ctx: &mut Context, global: Node) {
    let Some((scope, line, names)) = super::global_statement::global_in_scope(ctx, global) else { return };
    for name in names {
        if !is_assigned_after(ctx, scope, name, line) {
            ctx.report(global, format!("Using global for '{name}' but no assignment is done"));
        }
    }
}

/// Whether the `global` declaration of `name` on `line` is put to use: the
/// scope rebinds or deletes the name later, or the module binds it by import
/// (which pylint accepts without looking further).
pub(crate) fn is_assigned_after(ctx: &Context, scope: ScopeId, name: &str, line: usize) -> bool {
    imported_by_module(ctx, name)
        || super::global_statement::rebound_after(ctx, scope, name, line)
        || super::global_statement::deleted_after(ctx, scope, name, line)
}

/// Whether the module binds `name` by an import: at its top level, or in
/// any scope that declares it `global` (astroid files those in the
/// module's locals).
pub(crate) fn imported_by_module(ctx: &Context, name: &str) -> bool {
    ctx.semantic.scopes.iter().enumerate().any(|(index, scope)| {
        (index == 0 || scope.globals.contains(name))
            && ctx.semantic.bindings_of(ScopeId(index as u32), name).any(|binding| binding.kind == BindingKind::Import)
    })
}
