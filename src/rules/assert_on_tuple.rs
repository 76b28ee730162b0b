use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `assert` statements whose condition is a non-empty tuple.
    ///
    /// ## Why is this bad?
    /// A non-empty tuple is always true, so the assertion can never fail.
    /// It is usually `assert (condition, "message")`, meant as
    /// `assert condition, "message"`.
    ///
    /// ## Example
    /// ```python
    /// assert (count > 0, "count must be positive")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// assert count > 0, "count must be positive"
    /// ```
    code: "W0199",
    symbol: "assert-on-tuple",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[ASSERT_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let Some(test) = code_children(statement).next().map(strip_parens) else { return };
    if test.kind_id() == TUPLE && code_children(test).next().is_some() {
        ctx.report(statement, "Assert called on a populated tuple. Did you mean 'assert x,y'?");
    }
}
