use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls that fill one parameter twice: by position and by
    /// keyword.
    ///
    /// The callee must be known for certain, as for no-value-for-parameter
    /// (E1120): a function, lambda, method or class of this module.
    ///
    /// ## Why is this bad?
    /// The call raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// def scale(value, factor=2):
    ///     return value * factor
    ///
    /// scale(3, 4, factor=5)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def scale(value, factor=2):
    ///     return value * factor
    ///
    /// scale(3, factor=5)
    /// ```
    code: "E1124",
    symbol: "redundant-keyword-arg",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
