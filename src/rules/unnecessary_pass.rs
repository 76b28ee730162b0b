use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a `pass` statement in a block that has other statements,
    /// or that is the only statement of a function or class with a docstring.
    ///
    /// ## Why is this bad?
    /// Such a `pass` does nothing: the block is not empty without it.
    ///
    /// ## Example
    /// ```python
    /// def stop():
    ///     """Stop the engine."""
    ///     pass
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def stop():
    ///     """Stop the engine."""
    /// ```
    code: "W0107",
    symbol: "unnecessary-pass",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[PASS_STATEMENT], check),
}

fn check(ctx: &mut Context, pass: Node) {
    let Some(container) = pass.parent() else { return };
    if !syntax::is_statement_container(container.kind_id()) {
        return;
    }
    // astroid keeps a docstring out of the body it counts.
    let mut has_docstring = false;
    let mut statements = 0;
    for statement in syntax::statements_of(container) {
        if statement.kind_id() == EXPRESSION_STATEMENT && ctx.is_docstring(statement) {
            has_docstring = true;
        } else {
            statements += 1;
        }
    }
    let in_definition = container.parent()
        .is_some_and(|owner| matches!(owner.kind_id(), FUNCTION_DEFINITION | CLASS_DEFINITION));
    if statements > 1 || (in_definition && has_docstring) {
        ctx.report(pass, "Unnecessary pass statement");
    }
}
