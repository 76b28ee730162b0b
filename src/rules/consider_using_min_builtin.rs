use super::consider_using_max_builtin::{min_max_fix, min_max_reduction, MinMax};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `if` without `else` whose only statement lowers a
    /// variable to a value it was just compared with:
    /// `if value > other: value = other`.
    ///
    /// ## Why is this bad?
    /// `value = min(value, other)` says it in one line and cannot get the
    /// comparison the wrong way round.
    ///
    /// ## Example
    /// ```python
    /// if timeout > limit:
    ///     timeout = limit
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// timeout = min(timeout, limit)
    /// ```
    code: "R1730",
    symbol: "consider-using-min-builtin",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    if let Some((MinMax::Min, reduced_to)) = min_max_reduction(ctx, node) {
        let fix = min_max_fix(ctx, node, "min");
        ctx.report(node, format!("Consider using '{reduced_to}' instead of unnecessary if block")).with_fix(|| fix);
    }
}
