use super::prelude::*;
use crate::semantic::astroid::frame_of;

declare_rule! {
    /// ## What it does
    /// Checks for `return` statements outside a function: at module level or
    /// directly in a class body.
    ///
    /// ## Why is this bad?
    /// `ast.parse` accepts them, but Python refuses to compile the module:
    /// importing it raises `SyntaxError: 'return' outside function`.
    ///
    /// ## Example
    /// ```python
    /// if not ready:
    ///     return
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if not ready:
    ///     raise SystemExit
    /// ```
    code: "E0104",
    symbol: "return-outside-function",
    category: Error,
    checker: "basic",
    trigger: Trigger::Node(&[RETURN_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    // astroid's `frame()`: the def, lambda, class or module around it
    // (comprehensions are not frames).
    if frame_of(statement).kind_id() != FUNCTION_DEFINITION {
        ctx.report(statement, "Return outside function");
    }
}
