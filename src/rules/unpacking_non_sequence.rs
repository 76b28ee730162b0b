use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for assignments that unpack a value that is not a sequence:
    /// `None`, a boolean or an integer, written there or bound to the name
    /// or attribute unpacked.
    ///
    /// The value must be certain, as pylint infers it; imports, parameters
    /// and call results are not inferred.
    ///
    /// ## Why is this bad?
    /// The assignment raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// DEFAULT = None
    ///
    /// def bounds():
    ///     low, high = DEFAULT
    ///     return low, high
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// DEFAULT = (0, 1)
    ///
    /// def bounds():
    ///     low, high = DEFAULT
    ///     return low, high
    /// ```
    code: "E0633",
    symbol: "unpacking-non-sequence",
    category: Error,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
