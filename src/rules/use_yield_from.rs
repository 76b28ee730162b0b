use super::prelude::*;
use crate::semantic::astroid::frame_of;

declare_rule! {
    /// ## What it does
    /// Checks for a `for` loop whose body only yields the loop variable.
    ///
    /// ## Why is this bad?
    /// `yield from iterable` says the same in one line, is faster, and also
    /// passes `send()` and `throw()` through to a sub-generator.
    ///
    /// Async loops and async generators are left alone: `yield from` is not
    /// allowed there.
    ///
    /// ## Example
    /// ```python
    /// def lines(paths):
    ///     for path in paths:
    ///         yield path
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def lines(paths):
    ///     yield from paths
    /// ```
    code: "R1737",
    symbol: "use-yield-from",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[YIELD], check),
}

fn check(ctx: &mut Context, expression: Node) {
    // `yield name` as a statement of its own (its value unused) ...
    let Some(statement) = expression.parent().filter(|p| p.kind_id() == EXPRESSION_STATEMENT) else { return };
    // `yield from name` is a `yield` node too; pylint visits only plain yields.
    if expression.children().any(|child| child.kind_id() == KW_FROM) {
        return;
    }
    let Some(yielded) = code_children(expression).next().map(strip_parens) else { return };
    if yielded.kind_id() != IDENTIFIER || code_children(statement).count() != 1 {
        return;
    }
    // ... directly in a `for` loop (its body or its `else`, as pylint's
    // pattern has it) whose body is that one statement ...
    let Some(clause) = statement.parent().and_then(|block| block.parent()) else { return };
    let loop_node = match clause.kind_id() {
        FOR_STATEMENT => clause,
        ELSE_CLAUSE => match clause.parent() {
            Some(parent) if parent.kind_id() == FOR_STATEMENT => parent,
            _ => return,
        },
        _ => return,
    };
    let Some(body) = loop_node.child_by_field_id(FIELD_BODY) else { return };
    if code_children(body).filter(|child| child.kind_id() != COMMENT).count() != 1 {
        return;
    }
    // ... whose target is that name.
    let target = loop_node.child_by_field_id(FIELD_LEFT);
    if !target.is_some_and(|target| target.kind_id() == IDENTIFIER && ctx.text(target) == ctx.text(yielded)) {
        return;
    }
    if syntax::is_async(loop_node) || syntax::is_async(frame_of(expression)) {
        return;
    }
    ctx.report(loop_node, "Use 'yield from' directly instead of yielding each element one by one");
}
