use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls to `exit()` or `quit()`.
    ///
    /// ## Why is this bad?
    /// Those two are added by the `site` module for the interactive shell and
    /// are missing when Python runs with `-S` or is embedded; `sys.exit` is
    /// always there.
    ///
    /// ## Example
    /// ```python
    /// if not args:
    ///     exit(1)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import sys
    ///
    /// if not args:
    ///     sys.exit(1)
    /// ```
    code: "R1722",
    symbol: "consider-using-sys-exit",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != IDENTIFIER || !matches!(ctx.text(function), "exit" | "quit") {
        return;
    }
    // `from sys import exit` in this scope or the module exempts both names,
    // as in pylint (which only looks at the first binding of `exit`).
    let scope = ctx.semantic.enclosing_scope(node);
    let exit_is_imported = |scope| {
        ctx.semantic.bindings_of(scope, "exit").next().is_some_and(|binding| binding.kind == BindingKind::Import)
    };
    if exit_is_imported(scope) || exit_is_imported(crate::semantic::ScopeId(0)) {
        return;
    }
    ctx.report(node, "Consider using 'sys.exit' instead");
}
