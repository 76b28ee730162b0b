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
        let fix = fix(ctx, container, pass);
        ctx.report(pass, "Unnecessary pass statement").with_fix(|| fix);
    }
}

/// Deletes the line of a `pass` that is alone on it (no other statement, no
/// comment). Of a block of nothing but `pass`es, the first one stays, so
/// applying every fix never empties the block.
fn fix(ctx: &Context, container: Node, pass: Node) -> Option<Fix> {
    let source = ctx.source;
    let line_start = super::no_else_return::line_start(source, pass.start_byte());
    let line_end = source[pass.end_byte()..].find('\n').map_or(source.len(), |at| pass.end_byte() + at + 1);
    let before = &source[line_start..pass.start_byte()];
    let after = &source[pass.end_byte()..line_end];
    if !before.trim().is_empty() || !after.trim().is_empty() {
        return None;
    }
    let statements = syntax::statements_of(container);
    let another_stays = statements.iter().any(|statement| statement.kind_id() != PASS_STATEMENT);
    let earlier_pass = statements.iter().any(|statement| statement.start_byte() < pass.start_byte());
    if !another_stays && !earlier_pass {
        return None;
    }
    Some(Fix::new("Remove the `pass`", vec![Edit::delete(line_start..line_end)]))
}
