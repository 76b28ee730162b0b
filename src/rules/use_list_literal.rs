use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `list()` called without arguments.
    ///
    /// ## Why is this bad?
    /// The literal `[]` is shorter and faster: it needs no name lookup and
    /// no call.
    ///
    /// ## Example
    /// ```python
    /// pending = list()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// pending = []
    /// ```
    code: "R1734",
    symbol: "use-list-literal",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != IDENTIFIER || ctx.text(function) != "list" {
        return;
    }
    let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS) else { return };
    if arguments.kind_id() != ARGUMENT_LIST || code_children(arguments).next().is_some() {
        return;
    }
    if !ctx.semantic.is_builtin(ctx.semantic.enclosing_scope(node), "list") {
        return;
    }
    let fix = (!ctx.has_comment(node)).then(|| Fix::replace("Replace with `[]`", node.byte_range(), "[]"));
    ctx.report(node, "Consider using [] instead of list()").with_fix(|| fix);
}
