use super::expression_not_assigned::as_string;
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `==` and `!=` comparisons with `None`, `True` or `False`.
    ///
    /// ## Why is this bad?
    /// Singletons are compared by identity (`is`, `is not`); `==` can be
    /// overridden and hides whether a truth test was meant. For `True` and
    /// `False` the truth test itself (`if x:`) is usually what is wanted.
    ///
    /// ## Example
    /// ```python
    /// if value == None:
    ///     ...
    /// if flag == True:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if value is None:
    ///     ...
    /// if flag:
    ///     ...
    /// ```
    code: "C0121",
    symbol: "singleton-comparison",
    category: Convention,
    checker: "basic",
    trigger: Trigger::Node(&[COMPARISON_OPERATOR], check),
}

fn check(ctx: &mut Context, comparison: Node) {
    let Some((left, operators)) = comparison_parts(comparison) else { return };
    let [(operator, right)] = operators.as_slice() else { return };
    let checking_for_absence = match *operator {
        "==" => false,
        "!=" => true,
        _ => return,
    };
    let (singleton, other) = if let Some(singleton) = singleton_value(left) {
        (singleton, *right)
    } else if let Some(singleton) = singleton_value(*right) {
        (singleton, left)
    } else {
        return;
    };
    let left_text = as_string(ctx.source, left);
    let right_text = as_string(ctx.source, *right);
    let identity = if checking_for_absence {
        format!("'{left_text} is not {right_text}'")
    } else {
        format!("'{left_text} is {right_text}'")
    };
    let suggestion = if singleton == "None" {
        identity
    } else {
        let checking_truthiness = (singleton == "True") != checking_for_absence;
        let other_text = as_string(ctx.source, other);
        let truth_test = if checking_truthiness { other_text } else { format!("not {other_text}") };
        let truth_test = if !is_test_condition(ctx, comparison) && checking_truthiness {
            format!("'bool({truth_test})'")
        } else {
            format!("'{truth_test}'")
        };
        let phrase = if checking_truthiness { "truthiness" } else { "falsiness" };
        format!("{identity} if checking for the singleton value {singleton}, or {truth_test} if testing for {phrase}")
    };
    let whole = as_string(ctx.source, comparison);
    let fix = fix(ctx, comparison, singleton, checking_for_absence);
    ctx.report(comparison, format!("Comparison '{whole}' should be {suggestion}")).with_fix(|| fix);
}

/// `x == None` → `x is None` (`!=` → `is not`); against `True`/`False`, the
/// truth test the message offers (`x`, `not x`, `bool(x)` outside a test).
fn fix(ctx: &Context, comparison: Node, singleton: &str, checking_for_absence: bool) -> Option<Fix> {
    if ctx.has_comment(comparison) {
        return None;
    }
    // The operands as written, parentheses kept.
    let [left, right] = code_children(comparison).collect::<Vec<_>>()[..] else { return None };
    let replacement = if singleton == "None" {
        let operator = if checking_for_absence { "is not" } else { "is" };
        format!("{} {operator} {}", ctx.text(left), ctx.text(right))
    } else {
        let other = if singleton_value(strip_parens(left)).is_some() { right } else { left };
        let other = ctx.text(other);
        let checking_truthiness = (singleton == "True") != checking_for_absence;
        if !checking_truthiness {
            format!("not {other}")
        } else if is_test_condition(ctx, comparison) {
            other.to_string()
        } else if ctx.is_builtin_at(comparison, "bool") {
            format!("bool({other})")
        } else {
            return None;
        }
    };
    let title = format!("Replace with `{replacement}`");
    Some(Fix::replace(title, comparison.byte_range(), replacement))
}

/// The left operand and the (operator, operand) pairs of a comparison chain,
/// parentheses around operands stripped.
pub(crate) fn comparison_parts<'t>(comparison: Node<'t>) -> Option<(Node<'t>, Vec<(&'t str, Node<'t>)>)> {
    let mut left = None;
    let mut operators = Vec::new();
    let mut pending_operator = None;
    for child in comparison.children() {
        if child.kind_id() == COMMENT {
            continue;
        }
        if child.is_named() {
            let operand = strip_parens(child);
            match (left, pending_operator.take()) {
                (None, _) => left = Some(operand),
                (Some(_), Some(operator)) => operators.push((operator, operand)),
                (Some(_), None) => return None,
            }
        } else {
            pending_operator = Some(child.kind());
        }
    }
    Some((left?, operators))
}

fn singleton_value(node: Node) -> Option<&'static str> {
    match node.kind_id() {
        TRUE => Some("True"),
        FALSE => Some("False"),
        NONE => Some("None"),
        _ => None,
    }
}

/// pylint's `is_test_condition`: the comparison is the test of an `if`,
/// `elif`, `while`, `assert` or conditional expression, a comprehension
/// filter, or the argument of `bool()`.
fn is_test_condition(ctx: &Context, comparison: Node) -> bool {
    let mut node = comparison;
    while let Some(parent) = node.parent().filter(|parent| parent.kind_id() == PARENTHESIZED_EXPRESSION) {
        node = parent;
    }
    let Some(parent) = node.parent() else { return false };
    let is_node = |candidate: Option<Node>| candidate.is_some_and(|candidate| candidate.id() == node.id());
    match parent.kind_id() {
        IF_STATEMENT | ELIF_CLAUSE | WHILE_STATEMENT => is_node(parent.child_by_field_id(FIELD_CONDITION)),
        ASSERT_STATEMENT => is_node(code_children(parent).next()),
        CONDITIONAL_EXPRESSION => is_node(code_children(parent).nth(1)),
        IF_CLAUSE => true,
        ARGUMENT_LIST => parent.parent().is_some_and(|call| {
            call.kind_id() == CALL
                && call
                    .child_by_field_id(FIELD_FUNCTION)
                    .is_some_and(|function| function.kind_id() == IDENTIFIER && ctx.text(function) == "bool")
        }),
        _ => false,
    }
}
