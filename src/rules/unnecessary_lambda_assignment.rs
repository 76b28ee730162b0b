use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a lambda expression assigned to a name.
    ///
    /// ## Why is this bad?
    /// A `def` gives the function a real name (for tracebacks and repr),
    /// room for a docstring and annotations, and is what PEP 8 asks for.
    ///
    /// ## Example
    /// ```python
    /// square = lambda x: x * x
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def square(x):
    ///     return x * x
    /// ```
    code: "C3001",
    symbol: "unnecessary-lambda-assignment",
    category: Convention,
    checker: "lambda-expressions",
    trigger: Trigger::Node(&[ASSIGNMENT, NAMED_EXPRESSION], check),
}

const MESSAGE: &str = "Lambda expression assigned to a variable. Define a function using the \"def\" keyword instead.";

fn check(ctx: &mut Context, node: Node) {
    if node.kind_id() == NAMED_EXPRESSION {
        let (Some(name), Some(value)) = (node.child_by_field_id(FIELD_NAME), node.child_by_field_id(FIELD_VALUE)) else {
            return;
        };
        let value = strip_parens(value);
        if name.kind_id() == IDENTIFIER && value.kind_id() == LAMBDA {
            ctx.report(value, MESSAGE);
        }
        return;
    }
    let Some((targets, value)) = super::self_assigning_variable::assign_targets(node) else { return };
    let Some(first) = targets.first().map(|target| strip_parens(*target)) else { return };
    let value = strip_parens(value);
    if first.kind_id() == IDENTIFIER {
        if value.kind_id() == LAMBDA {
            ctx.report(value, MESSAGE);
        }
        return;
    }
    if !matches!(first.kind_id(), PATTERN_LIST | TUPLE_PATTERN) || !matches!(value.kind_id(), EXPRESSION_LIST | TUPLE | LIST) {
        return;
    }
    // Stops at the first element without a partner, as pylint does.
    for (target, element) in code_children(first).zip(code_children(value)) {
        let element = strip_parens(element);
        if strip_parens(target).kind_id() == IDENTIFIER && element.kind_id() == LAMBDA {
            ctx.report(element, MESSAGE);
        }
    }
}
