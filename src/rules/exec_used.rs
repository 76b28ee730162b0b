use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls of the builtin `exec`.
    ///
    /// ## Why is this bad?
    /// `exec` runs arbitrary code: on untrusted input it is a security hole,
    /// and code built from strings escapes linters, type checkers and
    /// readers alike.
    ///
    /// ## Example
    /// ```python
    /// exec(f"result = {expression}")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// import ast
    ///
    /// result = ast.literal_eval(expression)
    /// ```
    code: "W0122",
    symbol: "exec-used",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, call: Node) {
    if super::eval_used::is_builtin_call_in_frame(ctx, call, "exec") {
        ctx.report(call, "Use of exec");
    }
}
