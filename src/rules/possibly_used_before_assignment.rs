use super::prelude::*;
use crate::semantic::flow::Verdict;

declare_rule! {
    /// ## What it does
    /// Checks for names read after an `if` (or `match`, `try`, `with`,
    /// loop) that binds them on some paths only: the other branches neither
    /// bind the name nor leave (by `return`, `raise`, `continue`, `break`,
    /// `assert` or a call that never returns such as `sys.exit()`).
    ///
    /// The analysis is pylint's name consumption (see used-before-assignment,
    /// which shares it): only the first read of a name in a scope is
    /// checked, reads inside comprehensions are not, and an `if` test that
    /// is always false makes its body not count. Reads whose verdict
    /// depends on inference this model does not do are not reported.
    ///
    /// ## Why is this bad?
    /// On the paths that skip the binding, the read raises `NameError` or
    /// `UnboundLocalError`.
    ///
    /// ## Example
    /// ```python
    /// def describe(value):
    ///     if value > 0:
    ///         sign = "positive"
    ///     elif value < 0:
    ///         sign = "negative"
    ///     return sign
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def describe(value):
    ///     if value > 0:
    ///         sign = "positive"
    ///     elif value < 0:
    ///         sign = "negative"
    ///     else:
    ///         sign = "zero"
    ///     return sign
    /// ```
    code: "E0606",
    symbol: "possibly-used-before-assignment",
    category: Error,
    checker: "variables",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    for finding in super::used_before_assignment::findings(ctx, Verdict::PossiblyUsedBeforeAssignment) {
        ctx.report_at(finding.start, finding.end, format!("Possibly using variable '{}' before assignment", finding.name));
    }
}
