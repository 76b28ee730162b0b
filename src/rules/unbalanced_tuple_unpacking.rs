use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for assignments that unpack a literal tuple, list or set into
    /// a different number of targets, the literal written there or bound to
    /// the name or attribute unpacked.
    ///
    /// Targets with a starred name are not checked; values from calls,
    /// imports and parameters are not inferred.
    ///
    /// ## Why is this bad?
    /// The assignment raises `ValueError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// SIZE = (640, 480)
    ///
    /// def area():
    ///     width, height, depth = SIZE
    ///     return width * height * depth
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// SIZE = (640, 480)
    ///
    /// def area():
    ///     width, height = SIZE
    ///     return width * height
    /// ```
    code: "W0632",
    symbol: "unbalanced-tuple-unpacking",
    category: Warning,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
