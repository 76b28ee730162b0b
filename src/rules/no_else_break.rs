use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` (or `elif`) that follows an `if` whose body
    /// breaks out of the loop.
    ///
    /// ## Why is this bad?
    /// Once the `if` branch has left the loop, the `else` only adds
    /// indentation: the code after the `if` runs exactly when the condition is
    /// false.
    ///
    /// ## Example
    /// ```python
    /// for item in items:
    ///     if item is None:
    ///         break
    ///     else:
    ///         process(item)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for item in items:
    ///     if item is None:
    ///         break
    ///     process(item)
    /// ```
    code: "R1723",
    symbol: "no-else-break",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    super::no_else_return::check_superfluous_else(ctx, node, BREAK_STATEMENT, "break");
}
