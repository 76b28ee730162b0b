use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a bare `raise` that is not inside an `except` clause.
    ///
    /// As pylint does, the `raise` must be in the `except` clause of the
    /// function (or module) it is written in: one in a function defined in
    /// an `except` clause is reported, since the function may be called
    /// when no exception is being handled. A class body in an `except`
    /// clause runs there, so it is not reported. A method named `__exit__`
    /// may re-raise the exception it is handed and is not checked. Whether a
    /// `finally` or a helper called from a handler re-raises correctly at
    /// run time is not inferred.
    ///
    /// ## Why is this bad?
    /// A bare `raise` re-raises the exception being handled; with none, it
    /// raises `RuntimeError: No active exception to reraise`.
    ///
    /// ## Example
    /// ```python
    /// def check(value):
    ///     if value < 0:
    ///         raise
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def check(value):
    ///     if value < 0:
    ///         raise ValueError("value must not be negative")
    /// ```
    code: "E0704",
    symbol: "misplaced-bare-raise",
    category: Error,
    checker: "exceptions",
    trigger: Trigger::Node(&[RAISE_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    if code_children(node).next().is_some() {
        return;
    }
    let mut current = node;
    // The exemption is for `__exit__` as the raise's own scope, not as a
    // function around a class body that holds the raise.
    let mut in_class_body = false;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            EXCEPT_CLAUSE => return,
            CLASS_DEFINITION => {
                in_class_body = true;
                current = parent;
            }
            FUNCTION_DEFINITION => {
                if !in_class_body && is_exit_method(ctx, parent) {
                    return;
                }
                break;
            }
            _ => current = parent,
        }
    }
    ctx.report(node, "The raise statement is not inside an except clause");
}

/// A function named `__exit__` whose definition is in a class body
/// (astroid's `is_method()`: its parent frame is a class).
fn is_exit_method(ctx: &Context, function: Node) -> bool {
    if function.child_by_field_id(FIELD_NAME).is_none_or(|name| ctx.text(name) != "__exit__") {
        return false;
    }
    let mut current = function;
    while let Some(parent) = current.parent() {
        match parent.kind_id() {
            CLASS_DEFINITION => return true,
            FUNCTION_DEFINITION | LAMBDA | MODULE => return false,
            _ => current = parent,
        }
    }
    false
}
