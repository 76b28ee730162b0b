use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` (or `elif`) that follows an `if` whose body
    /// continues with the next iteration of the loop.
    ///
    /// ## Why is this bad?
    /// Once the `if` branch has moved on to the next iteration, the `else`
    /// only adds indentation: the code after the `if` runs exactly when the
    /// condition is false.
    ///
    /// ## Example
    /// ```python
    /// for item in items:
    ///     if item is None:
    ///         continue
    ///     else:
    ///         process(item)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for item in items:
    ///     if item is None:
    ///         continue
    ///     process(item)
    /// ```
    code: "R1724",
    symbol: "no-else-continue",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    super::no_else_return::check_superfluous_else(ctx, node, CONTINUE_STATEMENT, "continue");
}
