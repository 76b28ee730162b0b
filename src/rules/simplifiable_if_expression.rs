use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for conditional expressions that only choose between `True`
    /// and `False`.
    ///
    /// ## Why is this bad?
    /// `True if test else False` is `bool(test)` (or just `test` when it is
    /// already a comparison), and `False if test else True` is `not test`.
    ///
    /// ## Example
    /// ```python
    /// is_adult = True if age >= 18 else False
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// is_adult = age >= 18
    /// ```
    code: "R1719",
    symbol: "simplifiable-if-expression",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CONDITIONAL_EXPRESSION], check),
}

fn check(ctx: &mut Context, node: Node) {
    let [body, test, orelse] = code_children(node).collect::<Vec<_>>()[..] else { return };
    let (Some(body_value), Some(orelse_value)) = (bool_constant(body), bool_constant(orelse)) else { return };
    let test_reduced_to = if strip_parens(test).kind_id() == COMPARISON_OPERATOR { "test" } else { "bool(test)" };
    let reduced_to = match (body_value, orelse_value) {
        (true, false) => format!("'{test_reduced_to}'"),
        (false, true) => "'not test'".to_string(),
        _ => return,
    };
    ctx.report(node, format!("The if expression can be replaced with {reduced_to}"));
}

/// `Some(value)` when the expression is the constant `True` or `False`.
pub(crate) fn bool_constant(node: Node) -> Option<bool> {
    match strip_parens(node).kind_id() {
        TRUE => Some(true),
        FALSE => Some(false),
        _ => None,
    }
}
