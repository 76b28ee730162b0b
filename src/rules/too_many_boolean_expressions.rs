use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `if` and `elif` conditions that combine more operands with
    /// `and`/`or` than `max-bool-expr` (5 by default). Operands of nested
    /// `and`/`or` count one by one; a `not (...)` counts as one.
    ///
    /// ## Why is this bad?
    /// A long boolean condition is hard to read and easy to get wrong.
    ///
    /// ## Example
    /// ```python
    /// if user and user.active and not user.banned and user.email and user.verified and user.age >= 18:
    ///     grant_access(user)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def may_enter(user):
    ///     return user and user.active and not user.banned and user.verified
    ///
    /// if may_enter(user) and user.email and user.age >= 18:
    ///     grant_access(user)
    /// ```
    code: "R0916",
    symbol: "too-many-boolean-expressions",
    category: Refactor,
    checker: "design",
    trigger: Trigger::Node(&[IF_STATEMENT, ELIF_CLAUSE], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let Some(condition) = statement.child_by_field_id(FIELD_CONDITION) else { return };
    let condition = strip_parens(condition);
    if condition.kind_id() != BOOLEAN_OPERATOR {
        return;
    }
    let operands = count_operands(condition);
    let max = ctx.settings.max_bool_expr;
    if operands > max {
        ctx.report(condition, format!("Too many boolean expressions in if statement ({operands}/{max})"));
    }
}

/// Leaves of a tree of `and`/`or` operators, parentheses ignored.
fn count_operands(operator: Node) -> usize {
    let mut count = 0;
    let mut stack = vec![operator];
    while let Some(node) = stack.pop() {
        for side in ["left", "right"] {
            match node.child_by_field_name(side).map(strip_parens) {
                Some(operand) if operand.kind_id() == BOOLEAN_OPERATOR => stack.push(operand),
                Some(_) => count += 1,
                None => {}
            }
        }
    }
    count
}
