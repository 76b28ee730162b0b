use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `except:` clauses that name no exception type, unless the
    /// handler re-raises.
    ///
    /// ## Why is this bad?
    /// A bare `except:` also catches `SystemExit` and `KeyboardInterrupt`,
    /// which makes the program hard to interrupt and hides unrelated errors.
    /// It is equivalent to `except BaseException:`.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     connect()
    /// except:
    ///     log("failed")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     connect()
    /// except ConnectionError:
    ///     log("failed")
    /// ```
    code: "W0702",
    symbol: "bare-except",
    category: Warning,
    checker: "exceptions",
    trigger: Trigger::Node(&[EXCEPT_CLAUSE], check),
}

fn check(ctx: &mut Context, handler: Node) {
    if handler.child_by_field_id(FIELD_VALUE).is_some() || body_raises(handler) {
        return;
    }
    ctx.report(handler, "No exception type(s) specified");
}

/// Whether one of the top-level statements of an except clause's body is a
/// `raise` (pylint lets such handlers catch anything).
pub(crate) fn body_raises(handler: Node) -> bool {
    syntax::body_of(handler)
        .is_some_and(|body| syntax::statements_of(body).iter().any(|s| s.kind_id() == RAISE_STATEMENT))
}
