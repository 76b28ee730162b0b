use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `if` without `else` whose only statement raises a
    /// variable to a value it was just compared with:
    /// `if value < other: value = other`.
    ///
    /// ## Why is this bad?
    /// `value = max(value, other)` says it in one line and cannot get the
    /// comparison the wrong way round.
    ///
    /// ## Example
    /// ```python
    /// if longest < len(line):
    ///     longest = len(line)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// longest = max(longest, len(line))
    /// ```
    code: "R1731",
    symbol: "consider-using-max-builtin",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    if let Some((MinMax::Max, reduced_to)) = min_max_reduction(ctx, node) {
        let fix = min_max_fix(ctx, node, "max");
        ctx.report(node, format!("Consider using '{reduced_to}' instead of unnecessary if block")).with_fix(|| fix);
    }
}

/// Replaces the `if` statement by `target = max(target, value)` (or `min`),
/// written with the target and value as they are in the source.
pub(crate) fn min_max_fix(ctx: &Context, node: Node, builtin: &str) -> Option<Fix> {
    if ctx.has_comment(node) || !ctx.is_builtin_at(node, builtin) {
        return None;
    }
    let [statement] = syntax::statements_of(node.child_by_field_id(FIELD_CONSEQUENCE)?)[..] else { return None };
    let assignment = code_children(statement).next()?;
    let (target, value) = (assignment.child_by_field_id(FIELD_LEFT)?, assignment.child_by_field_id(FIELD_RIGHT)?);
    // `x = 1, 2` or `x = yield y` would change meaning as an argument.
    if matches!(value.kind_id(), EXPRESSION_LIST | YIELD | ASSIGNMENT | AUGMENTED_ASSIGNMENT) {
        return None;
    }
    let target = ctx.text(target);
    let replacement = format!("{target} = {builtin}({target}, {})", ctx.text(value));
    Some(Fix::replace(format!("Replace with `{replacement}`"), node.byte_range(), replacement))
}

#[derive(PartialEq, Eq)]
pub(crate) enum MinMax {
    Min,
    Max,
}

/// Which builtin an `if a < b: a = b` block reduces to, and the suggested
/// statement, following pylint's `_check_consider_using_min_max_builtin`.
pub(crate) fn min_max_reduction(ctx: &Context, node: Node) -> Option<(MinMax, String)> {
    if node.child_by_field_id(FIELD_ALTERNATIVE).is_some() {
        return None;
    }
    let [statement] = syntax::statements_of(node.child_by_field_id(FIELD_CONSEQUENCE)?)[..] else { return None };
    let test = strip_parens(node.child_by_field_id(FIELD_CONDITION)?);
    if test.kind_id() != COMPARISON_OPERATOR {
        return None;
    }
    let [left, right] = code_children(test).collect::<Vec<_>>()[..] else { return None };
    let [operator] = &super::consider_using_in::comparison_operators(ctx.source, test)[..] else { return None };
    let (left, right) = (strip_parens(left), strip_parens(right));
    if left.kind_id() == SUBSCRIPT || statement.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    let [assignment] = code_children(statement).collect::<Vec<_>>()[..] else { return None };
    if assignment.kind_id() != ASSIGNMENT || assignment.child_by_field_id(FIELD_TYPE).is_some() {
        return None;
    }
    let target = strip_parens(assignment.child_by_field_id(FIELD_LEFT)?);
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    // `a = b = c` has two targets: not the pattern.
    if !matches!(target.kind_id(), IDENTIFIER | ATTRIBUTE) || value.kind_id() == ASSIGNMENT {
        return None;
    }

    let target_name = node_name(ctx, target);
    let body_value = node_name(ctx, value);
    let left_operand = node_name(ctx, left);
    let right_operand = node_name(ctx, right);
    let operator = if left_operand == target_name {
        operator.as_str()
    } else if right_operand == target_name {
        match operator.as_str() {
            "<" => ">=",
            ">" => "<=",
            "<=" => ">",
            ">=" => "<",
            _ => return None,
        }
    } else {
        return None;
    };
    if body_value != right_operand && body_value != left_operand {
        return None;
    }
    match operator {
        "<" | "<=" => Some((MinMax::Max, format!("{target_name} = max({target_name}, {body_value})"))),
        ">" | ">=" => Some((MinMax::Min, format!("{target_name} = min({target_name}, {body_value})"))),
        _ => None,
    }
}

/// pylint's `get_node_name`: a name, `str()` of a constant, else `as_string()`.
fn node_name(ctx: &Context, node: Node) -> String {
    let node = strip_parens(node);
    match node.kind_id() {
        IDENTIFIER => ctx.text(node).to_string(),
        STRING | CONCATENATED_STRING => match super::consider_using_in::string_literal(ctx.source, node) {
            Some(super::consider_using_in::StringLiteral::Text(text)) => text,
            _ => super::consider_using_in::as_string(ctx.source, node),
        },
        _ => super::consider_using_in::as_string(ctx.source, node),
    }
}
