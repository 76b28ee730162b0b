use super::pointless_statement::{classify, ExpressionStatement};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for string literals used as statements, other than docstrings
    /// and attribute docstrings (a string right after an assignment in a
    /// module, a class or `__init__`).
    ///
    /// ## Why is this bad?
    /// The string is evaluated and thrown away. Comments are the way to
    /// annotate code.
    ///
    /// ## Example
    /// ```python
    /// def area(radius):
    ///     """Area of a circle."""
    ///     "pi times r squared"
    ///     return 3.14159 * radius**2
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(radius):
    ///     """Area of a circle."""
    ///     # pi times r squared
    ///     return 3.14159 * radius**2
    /// ```
    code: "W0105",
    symbol: "pointless-string-statement",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[EXPRESSION_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    if let Some(ExpressionStatement::PointlessString) = classify(ctx, statement) {
        ctx.report(statement, "String statement has no effect");
    }
}
