use super::prelude::*;
use super::assignment_from_no_return::{assignment_statement, called_function_returns, Returns};

declare_rule! {
    /// ## What it does
    /// Checks for assignments of a call's result where every `return` of the
    /// called function is `return None`.
    ///
    /// ## Why is this bad?
    /// The assigned value is always `None`; the function was probably meant
    /// to return something, or the call to be a statement.
    ///
    /// The called function is found as for assignment-from-no-return
    /// (E1111); a bare `return` counts as `return None`.
    ///
    /// ## Example
    /// ```python
    /// def find(items, wanted):
    ///     for item in items:
    ///         print(item)
    ///     return None
    ///
    /// found = find(items, "a")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def find(items, wanted):
    ///     for item in items:
    ///         if item == wanted:
    ///             return item
    ///     return None
    /// ```
    code: "E1128",
    symbol: "assignment-from-none",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Node(&[ASSIGNMENT], check),
}

fn check(ctx: &mut Context, assignment: Node) {
    if called_function_returns(ctx, assignment) == Some(Returns::OnlyNone) {
        ctx.report(assignment_statement(assignment), "Assigning result of a function call, where the function returns None");
    }
}
