use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `raise NotImplemented` and `raise NotImplemented(...)`.
    ///
    /// ## Why is this bad?
    /// `NotImplemented` is the value binary special methods return to let
    /// Python try the other operand; it is not an exception. Raising it
    /// raises `TypeError: exceptions must derive from BaseException` instead
    /// of saying that the method is not implemented.
    ///
    /// ## Example
    /// ```python
    /// def area(self):
    ///     raise NotImplemented
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(self):
    ///     raise NotImplementedError
    /// ```
    code: "E0711",
    symbol: "notimplemented-raised",
    category: Error,
    checker: "exceptions",
    trigger: Trigger::Node(&[RAISE_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    // pylint looks at the name as written, whatever it is bound to.
    let Some(raised) = code_children(statement).next().map(strip_parens) else { return };
    let named = match raised.kind_id() {
        CALL => raised.child_by_field_id(FIELD_FUNCTION),
        _ => Some(raised),
    };
    if named.is_some_and(|name| name.kind_id() == IDENTIFIER && ctx.text(name) == "NotImplemented") {
        ctx.report(statement, "NotImplemented raised - should raise NotImplementedError");
    }
}
