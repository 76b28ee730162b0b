use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `any()` and `all()` called on a list comprehension.
    ///
    /// ## Why is this bad?
    /// The list is built completely before `any` or `all` looks at it; a
    /// generator expression lets them stop at the first element that
    /// decides, without building a list at all.
    ///
    /// ## Example
    /// ```python
    /// if any([line.startswith("#") for line in lines]):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if any(line.startswith("#") for line in lines):
    ///     ...
    /// ```
    code: "R1729",
    symbol: "use-a-generator",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    super::consider_using_generator::check_call(ctx, node, &["any", "all"], "Use a generator instead");
}
