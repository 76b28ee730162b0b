use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for functions and methods with more positional parameters
    /// than `max-positional-arguments` (5 by default). The `self`/`cls` of a
    /// method and names matching `ignored-argument-names` do not count.
    ///
    /// ## Why is this bad?
    /// Callers must remember the order of many positional arguments; a
    /// mistake silently passes values to the wrong parameters.
    ///
    /// ## Example
    /// ```python
    /// def draw(x, y, width, height, color, border):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def draw(x, y, width, height, *, color, border):
    ///     ...
    /// ```
    code: "R0917",
    symbol: "too-many-positional-arguments",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    let signature = super::too_many_arguments::Signature::of(ctx, function);
    let count = signature.positional - signature.ignored_positional;
    let max = ctx.settings.max_positional_arguments;
    if signature.has_arguments() && count > max {
        super::too_many_branches::report_on_def(
            ctx,
            function,
            format!("Too many positional arguments ({count}/{max})"),
        );
    }
}
