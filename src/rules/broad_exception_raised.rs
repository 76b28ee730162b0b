use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `raise Exception(...)` and `raise BaseException(...)`.
    ///
    /// ## Why is this bad?
    /// Raising such a general exception forces callers to catch it
    /// generically too, with `except Exception:`, which then also catches
    /// errors they did not expect.
    ///
    /// ## Example
    /// ```python
    /// if port < 0:
    ///     raise Exception("negative port")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if port < 0:
    ///     raise ValueError("negative port")
    /// ```
    code: "W0719",
    symbol: "broad-exception-raised",
    category: Warning,
    checker: "exceptions",
    trigger: Trigger::Node(&[RAISE_STATEMENT], check),
}

fn check(ctx: &mut Context, raise: Node) {
    // The raised expression is the first child that is not the `from` cause.
    let cause = raise.child_by_field_id(FIELD_CAUSE);
    let Some(raised) = code_children(raise).find(|child| Some(*child) != cause) else { return };
    let raised = strip_parens(raised);
    let class = if raised.kind_id() == CALL {
        match raised.child_by_field_id(FIELD_FUNCTION) {
            Some(function) => function,
            None => return,
        }
    } else {
        raised
    };
    let scope = ctx.semantic.enclosing_scope(raise);
    if let Some(name) = super::broad_exception_caught::overgeneral_builtin(ctx, scope, class) {
        ctx.report(raise, format!("Raising too general exception: {name}"));
    }
}
