use super::prelude::*;
use crate::semantic::astroid::frame_of;

declare_rule! {
    /// ## What it does
    /// Checks for `yield` and `yield from` outside a function or lambda: at
    /// module level or directly in a class body.
    ///
    /// ## Why is this bad?
    /// `ast.parse` accepts them, but Python refuses to compile the module:
    /// importing it raises `SyntaxError: 'yield' outside function`.
    ///
    /// ## Example
    /// ```python
    /// for row in rows:
    ///     yield row
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def each_row(rows):
    ///     for row in rows:
    ///         yield row
    /// ```
    code: "E0105",
    symbol: "yield-outside-function",
    category: Error,
    checker: "basic",
    trigger: Trigger::Node(&[YIELD], check),
}

fn check(ctx: &mut Context, expression: Node) {
    if !matches!(frame_of(expression).kind_id(), FUNCTION_DEFINITION | LAMBDA) {
        ctx.report(expression, "Yield outside function");
    }
}
