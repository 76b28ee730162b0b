use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls whose positional arguments are names of the callee's
    /// parameters, all of them, but in another order.
    ///
    /// The callee must be known for certain, as for no-value-for-parameter
    /// (E1120): a function, lambda, method or class of this module.
    ///
    /// ## Why is this bad?
    /// Passing `height, width` to `def area(width, height)` is almost always
    /// a mistake that no error reveals.
    ///
    /// ## Example
    /// ```python
    /// def area(width, height):
    ///     return width * height
    ///
    /// def room(width, height):
    ///     return area(height, width)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(width, height):
    ///     return width * height
    ///
    /// def room(width, height):
    ///     return area(width, height)
    /// ```
    code: "W1114",
    symbol: "arguments-out-of-order",
    category: Warning,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
