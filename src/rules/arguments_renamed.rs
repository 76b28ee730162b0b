use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a method that overrides an inherited one and gives a
    /// positional parameter another name.
    ///
    /// ## Why is this bad?
    /// Callers that pass the argument by keyword, using the name the base
    /// class declares, get a `TypeError` from instances of the subclass.
    ///
    /// Parameters whose names match `dummy-variables-rgx` (`_`, `_ignored`,
    /// `unused_...`) on either side are not compared, nor are those of
    /// special methods, constructors and private methods; see
    /// arguments-differ (W0221) for how the overridden method is found.
    ///
    /// ## Example
    /// ```python
    /// class Shape:
    ///     def scale(self, factor):
    ///         ...
    ///
    /// class Square(Shape):
    ///     def scale(self, ratio):
    ///         ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Square(Shape):
    ///     def scale(self, factor):
    ///         ...
    /// ```
    code: "W0237",
    symbol: "arguments-renamed",
    category: Warning,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    for (code, message) in super::arguments_differ::signature_differences(ctx, function) {
        if code == RULE.code {
            ctx.report(function, message);
        }
    }
}
