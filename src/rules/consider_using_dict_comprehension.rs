use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `dict()` called on a list comprehension of pairs.
    ///
    /// ## Why is this bad?
    /// A dict comprehension builds the dictionary directly, without the
    /// transient list, and reads better.
    ///
    /// ## Example
    /// ```python
    /// squares = dict([(n, n * n) for n in numbers])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// squares = {n: n * n for n in numbers}
    /// ```
    code: "R1717",
    symbol: "consider-using-dict-comprehension",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != IDENTIFIER || ctx.text(function) != "dict" {
        return;
    }
    let Some(comprehension) = positional_arguments(node).first().map(|first| strip_parens(*first)) else { return };
    if comprehension.kind_id() != LIST_COMPREHENSION {
        return;
    }
    let Some(element) = comprehension.child_by_field_id(FIELD_BODY).map(strip_parens) else { return };
    if matches!(element.kind_id(), CALL | LIST_SPLAT) {
        return;
    }
    if is_conditional_of_distinct_pairs(ctx, element) {
        return;
    }
    ctx.report(node, "Consider using a dictionary comprehension");
}

/// astroid's `Call.args`: the positional and `*` arguments, in order.
pub(crate) fn positional_arguments(call: Node) -> Vec<Node> {
    match call.child_by_field_id(FIELD_ARGUMENTS) {
        Some(arguments) if arguments.kind_id() == ARGUMENT_LIST => code_children(arguments)
            .filter(|argument| !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
            .collect(),
        // `f(x for x in y)`: the generator is the one positional argument.
        Some(generator) => vec![generator],
        None => Vec::new(),
    }
}

/// `(k1, v1) if test else (k2, v2)` with both keys and both values
/// different: not expressible as one key/value comprehension (pylint #5588).
fn is_conditional_of_distinct_pairs(ctx: &Context, element: Node) -> bool {
    if element.kind_id() != CONDITIONAL_EXPRESSION {
        return false;
    }
    let [body, _, orelse] = code_children(element).collect::<Vec<_>>()[..] else { return false };
    let pair = |node: Node| -> Option<(String, String)> {
        let node = strip_parens(node);
        if !matches!(node.kind_id(), TUPLE | LIST) {
            return None;
        }
        let [key, value] = code_children(node).collect::<Vec<_>>()[..] else { return None };
        let render = |part| super::consider_using_in::as_string(ctx.source, part);
        Some((render(key), render(value)))
    };
    match (pair(body), pair(orelse)) {
        (Some((key1, value1)), Some((key2, value2))) => key1 != key2 && value1 != value2,
        _ => false,
    }
}
