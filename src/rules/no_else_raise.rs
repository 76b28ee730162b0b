use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` (or `elif`) that follows an `if` whose body
    /// raises, and for the `else` of a `try` whose every `except` handler
    /// raises.
    ///
    /// ## Why is this bad?
    /// Once the `if` branch has raised, the `else` only adds indentation: the
    /// code after the `if` runs exactly when the condition is false.
    ///
    /// ## Example
    /// ```python
    /// def check(value):
    ///     if value < 0:
    ///         raise ValueError(value)
    ///     else:
    ///         print(value)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def check(value):
    ///     if value < 0:
    ///         raise ValueError(value)
    ///     print(value)
    /// ```
    code: "R1720",
    symbol: "no-else-raise",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT, TRY_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    super::no_else_return::check_superfluous_else(ctx, node, RAISE_STATEMENT, "raise");
}
