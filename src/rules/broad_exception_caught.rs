use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `except Exception:` and `except BaseException:` (also inside
    /// a tuple of types) in handlers that do not re-raise.
    ///
    /// ## Why is this bad?
    /// Catching such a general exception also catches errors you did not
    /// expect, which can hide bugs and make them harder to debug.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     value = int(text)
    /// except Exception:
    ///     value = 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     value = int(text)
    /// except ValueError:
    ///     value = 0
    /// ```
    code: "W0718",
    symbol: "broad-exception-caught",
    category: Warning,
    checker: "exceptions",
    trigger: Trigger::Node(&[EXCEPT_CLAUSE], check),
}

fn check(ctx: &mut Context, handler: Node) {
    let values: Vec<Node> = handler.children_by_field_id(FIELD_VALUE).collect();
    // `except A, B:` (Python 3.14) has several values; pylint cannot parse it.
    let [caught] = values[..] else { return };
    if super::bare_except::body_raises(handler) {
        return;
    }
    let scope = ctx.semantic.enclosing_scope(handler);
    // `except E as name` is one as_pattern whose first child is the type.
    let caught = match caught.kind_id() {
        AS_PATTERN => match code_children(caught).next() {
            Some(expression) => expression,
            None => return,
        },
        _ => caught,
    };
    let stripped = strip_parens(caught);
    let parts: Vec<Node> = if stripped.kind_id() == TUPLE { code_children(stripped).collect() } else { vec![stripped] };
    for part in parts {
        if let Some(name) = overgeneral_builtin(ctx, scope, part) {
            ctx.report(stripped, format!("Catching too general exception {name}"));
        }
    }
}

/// `Exception` or `BaseException` when `node` certainly names the builtin.
pub(crate) fn overgeneral_builtin(ctx: &Context, scope: crate::semantic::ScopeId, node: Node) -> Option<&'static str> {
    let node = strip_parens(node);
    if node.kind_id() != IDENTIFIER {
        return None;
    }
    let name = match ctx.text(node) {
        "Exception" => "Exception",
        "BaseException" => "BaseException",
        _ => return None,
    };
    ctx.semantic.is_builtin(scope, name).then_some(name)
}
