use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `nonlocal` names that no enclosing function binds.
    ///
    /// ## Why is this bad?
    /// `nonlocal x` makes assignments to `x` go to the nearest enclosing
    /// function's `x`; when there is none, Python refuses to compile the
    /// module (`SyntaxError: no binding for nonlocal 'x' found`).
    ///
    /// As pylint does, the enclosing scopes are searched outward, classes
    /// included; the module's names do not count.
    ///
    /// ## Example
    /// ```python
    /// def counter():
    ///     def increment():
    ///         nonlocal count
    ///         count += 1
    ///     return increment
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def counter():
    ///     count = 0
    ///     def increment():
    ///         nonlocal count
    ///         count += 1
    ///     return increment
    /// ```
    code: "E0117",
    symbol: "nonlocal-without-binding",
    category: Error,
    checker: "basic",
    trigger: Trigger::Node(&[NONLOCAL_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let declared_in = ctx.semantic.enclosing_scope(statement);
    for identifier in code_children(statement).filter(|child| child.kind_id() == IDENTIFIER) {
        let name = ctx.text(identifier);
        if !bound_outside(ctx, declared_in, name) {
            ctx.report(statement, format!("nonlocal name {name} found without binding"));
        }
    }
}

/// pylint's `_check_nonlocal_without_binding`: some class or function
/// around the declaring scope has `name` in its astroid locals (names it
/// binds, less those it declares `global`, which astroid files in the module).
fn bound_outside(ctx: &Context, declared_in: crate::semantic::ScopeId, name: &str) -> bool {
    let mut current = declared_in;
    loop {
        let scope = ctx.semantic.scope(current);
        let Some(parent) = scope.parent else { return false };
        if !matches!(scope.kind, ScopeKind::Class | ScopeKind::Function) {
            return false;
        }
        let binds = scope.bindings.contains_key(name) && !scope.globals.contains(name);
        if current != declared_in && binds {
            return true;
        }
        current = parent;
    }
}
