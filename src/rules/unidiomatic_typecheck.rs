use super::prelude::*;
use super::singleton_comparison::comparison_parts;

declare_rule! {
    /// ## What it does
    /// Checks for type checks written as `type(x) == Y`, `type(x) is Y`
    /// (or `!=`, `is not`).
    ///
    /// ## Why is this bad?
    /// `isinstance(x, Y)` is the idiomatic check: it also accepts
    /// subclasses of `Y`, which is almost always what is meant.
    ///
    /// ## Example
    /// ```python
    /// if type(value) == int:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, int):
    ///     ...
    /// ```
    ///
    /// Comparing two types, `type(x) == type(y)`, is allowed unless `y` is a
    /// literal.
    code: "C0123",
    symbol: "unidiomatic-typecheck",
    category: Convention,
    checker: "basic",
    trigger: Trigger::Node(&[COMPARISON_OPERATOR], check),
}

fn check(ctx: &mut Context, comparison: Node) {
    let Some((left, operators)) = comparison_parts(comparison) else { return };
    let Some((operator, right)) = operators.first().copied() else { return };
    if !matches!(operator, "==" | "!=" | "is" | "is not") {
        return;
    }
    let (call, other) = if one_argument_call(left).is_some() {
        (left, right)
    } else if left.kind_id() == IDENTIFIER && one_argument_call(right).is_some() {
        (right, left)
    } else {
        return;
    };
    if !calls_builtin_type(ctx, call) {
        return;
    }
    if let Some(argument) = one_argument_call(other) {
        // `type(x) == type(y)` compares two types; only a literal `y` is a typecheck.
        if calls_builtin_type(ctx, other) && !is_literal(strip_parens(argument)) {
            return;
        }
    }
    let fix = fix(ctx, comparison, call, other, operator);
    ctx.report(comparison, "Use isinstance() rather than type() for a typecheck.").with_fix(|| fix);
}

/// `type(x) == T` / `type(x) is T` → `isinstance(x, T)`, for a class named by
/// a name or dotted name (a tuple would mean "any of", a call is not
/// certainly a class); the negated forms are left alone.
fn fix(ctx: &Context, comparison: Node, call: Node, class: Node, operator: &str) -> Option<Fix> {
    if !matches!(operator, "==" | "is") || ctx.has_comment(comparison) {
        return None;
    }
    if code_children(comparison).count() != 2 || !matches!(class.kind_id(), IDENTIFIER | ATTRIBUTE) {
        return None;
    }
    let argument = one_argument_call(call)?;
    if matches!(argument.kind_id(), LIST_SPLAT | PARENTHESIZED_LIST_SPLAT) || !ctx.is_builtin_at(comparison, "isinstance") {
        return None;
    }
    let replacement = format!("isinstance({}, {})", ctx.text(argument), ctx.text(class));
    Some(Fix::replace(format!("Replace with `{replacement}`"), comparison.byte_range(), replacement))
}

/// The only argument of a call with exactly one positional argument and no keywords.
fn one_argument_call(node: Node) -> Option<Node> {
    if node.kind_id() != CALL {
        return None;
    }
    let arguments = node.child_by_field_id(FIELD_ARGUMENTS)?;
    if arguments.kind_id() != ARGUMENT_LIST {
        return None;
    }
    let mut children = code_children(arguments);
    match (children.next(), children.next()) {
        (Some(only), None) if !matches!(only.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT) => Some(only),
        _ => None,
    }
}

fn calls_builtin_type(ctx: &Context, call: Node) -> bool {
    call.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
        function.kind_id() == IDENTIFIER
            && ctx.text(function) == "type"
            && ctx.semantic.is_builtin(ctx.semantic.enclosing_scope(call), "type")
    })
}

/// Nodes astroid infers to a `Const`, `Dict`, `List` or `Set` literal.
fn is_literal(node: Node) -> bool {
    match node.kind_id() {
        INTEGER | FLOAT | TRUE | FALSE | NONE | ELLIPSIS | LIST | DICTIONARY | SET => true,
        STRING => !code_children(node).any(|child| child.kind_id() == INTERPOLATION),
        CONCATENATED_STRING => code_children(node).all(is_literal),
        UNARY_OPERATOR => node
            .child_by_field_id(FIELD_ARGUMENT)
            .is_some_and(|operand| matches!(strip_parens(operand).kind_id(), INTEGER | FLOAT)),
        _ => false,
    }
}
