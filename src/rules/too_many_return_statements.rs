use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more `return` statements than
    /// `max-returns` (6 by default). Returns of nested functions count for
    /// those functions only.
    ///
    /// ## Why is this bad?
    /// Many exit points make it hard to see what a function gives back and
    /// when.
    ///
    /// ## Example
    /// ```python
    /// def weekday(number):
    ///     if number == 0:
    ///         return "Monday"
    ///     if number == 1:
    ///         return "Tuesday"
    ///     # ... five more returns ...
    ///     return None
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    ///
    /// def weekday(number):
    ///     return WEEKDAYS[number] if 0 <= number < 7 else None
    /// ```
    code: "R0911",
    symbol: "too-many-return-statements",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let Some(body) = function.child_by_field_id(FIELD_BODY) else { return };
    let mut returns = 0;
    super::too_many_branches::walk_statements(body, false, |node| {
        if node.kind_id() == RETURN_STATEMENT {
            returns += 1;
        }
    });
    let max = ctx.settings.max_returns;
    if returns > max {
        super::too_many_branches::report_on_def(ctx, function, format!("Too many return statements ({returns}/{max})"));
    }
}
