use super::prelude::*;
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` clause on a `for` or `while` loop that has no
    /// `break` leaving it.
    ///
    /// A `break` counts when it leaves this loop: one in a nested loop's body
    /// leaves the nested loop instead, one in a nested loop's `else` leaves
    /// the loop around it. Like pylint, a `break` in the loop's own `else`
    /// also counts, and `break`s in nested functions and classes do not.
    /// `async for` loops are not checked (pylint has no visitor for them).
    ///
    /// ## Why is this bad?
    /// A loop's `else` runs whenever the loop ends without `break`; with no
    /// `break` it always runs, so the `else` only adds indentation and
    /// suggests a control flow that does not exist.
    ///
    /// ## Example
    /// ```python
    /// for item in items:
    ///     print(item)
    /// else:
    ///     print("done")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for item in items:
    ///     print(item)
    /// print("done")
    /// ```
    code: "W0120",
    symbol: "useless-else-on-loop",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[FOR_STATEMENT, WHILE_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(alternative) = node.child_by_field_id(FIELD_ALTERNATIVE) else { return };
    let Some(first) = syntax::body_of(alternative).and_then(|block| syntax::statements_of(block).into_iter().next()) else {
        return;
    };
    // astroid's `AsyncFor` has its own visit method, which pylint does not define.
    if syntax::is_async(node) || loop_exits_early(node) {
        return;
    }
    // The `else` keyword has no node in astroid: pylint reports the line
    // before the first statement of the `else` (a decorated def starts at
    // its first decorator), with the loop's column and end.
    let first_line = first.start_position().row as u32;
    let start = node.start_position();
    let end = node.end_position();
    ctx.report_at(
        Position { line: first_line.saturating_sub(1), column: start.column as u32 },
        Position { line: end.row as u32, column: end.column as u32 },
        "Else clause on loop without a break statement, remove the else and de-indent all the code inside it",
    );
}

/// pylint's `_loop_exits_early`: some `break` under `loop` (not in a nested
/// function or class) belongs to `loop` or to a loop around it.
fn loop_exits_early(loop_node: Node) -> bool {
    let mut found = false;
    syntax::walk(loop_node, |child| {
        if found {
            return false;
        }
        match child.kind_id() {
            FUNCTION_DEFINITION | CLASS_DEFINITION => false,
            BREAK_STATEMENT => {
                found = !breaks_nested_loop(child, loop_node);
                false
            }
            _ => true,
        }
    });
    found
}

/// Whether the loop a `break` leaves (`_get_break_loop_node`: the nearest
/// loop whose body, not `else`, holds it) is a loop nested in `outer`.
fn breaks_nested_loop(break_node: Node, outer: Node) -> bool {
    let mut child = break_node;
    while let Some(parent) = child.parent() {
        if parent == outer {
            return false;
        }
        if matches!(parent.kind_id(), FOR_STATEMENT | WHILE_STATEMENT)
            && parent.child_by_field_id(FIELD_ALTERNATIVE) != Some(child)
        {
            return true;
        }
        child = parent;
    }
    false
}
