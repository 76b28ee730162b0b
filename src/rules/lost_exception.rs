use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `return` and `break` statements in the `finally` clause of
    /// a `try` statement.
    ///
    /// ## Why is this bad?
    /// Leaving a `finally` clause with `return` or `break` discards the
    /// exception the `try` was propagating: it disappears without a trace.
    ///
    /// A `return` inside a function defined in the `finally` clause, or a
    /// `break` of a loop inside it, leaves only that function or loop and is
    /// not reported.
    ///
    /// ## Example
    /// ```python
    /// def read(path):
    ///     try:
    ///         return open(path).read()
    ///     finally:
    ///         return ""
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def read(path):
    ///     try:
    ///         return open(path).read()
    ///     except OSError:
    ///         return ""
    /// ```
    code: "W0150",
    symbol: "lost-exception",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[RETURN_STATEMENT, BREAK_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let (keyword, stops_at): (&str, &[u16]) = match statement.kind_id() {
        RETURN_STATEMENT => ("return", &[FUNCTION_DEFINITION]),
        _ => ("break", &[FOR_STATEMENT, WHILE_STATEMENT]),
    };
    let mut current = statement;
    while let Some(parent) = current.parent() {
        if stops_at.contains(&parent.kind_id()) {
            return;
        }
        if parent.kind_id() == FINALLY_CLAUSE && parent.parent().is_some_and(|p| p.kind_id() == TRY_STATEMENT) {
            ctx.report(statement, format!("{keyword} statement in finally block may swallow exception"));
            return;
        }
        current = parent;
    }
}
