use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `.keys()` called on a dictionary to iterate over it
    /// (`for key in d.keys()`, in a loop or a comprehension) or to test
    /// membership (`key in d.keys()`, also when the call is nested inside
    /// the right operand of `in`).
    ///
    /// Only dictionaries that are certainly dictionaries are considered (as
    /// astroid infers them): displays, `dict(...)`, names bound once to
    /// those, `**kwargs`, and `self` attributes only ever assigned those.
    /// Set operations on the keys (`d.keys() & other`) are left alone.
    ///
    /// ## Why is this bad?
    /// Iterating a dictionary gives its keys, and `key in d` is a hash
    /// lookup; `.keys()` only adds a call (and in Python 2 made a list).
    ///
    /// ## Example
    /// ```python
    /// for name in ages.keys():
    ///     print(name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for name in ages:
    ///     print(name)
    /// ```
    code: "C0201",
    symbol: "consider-iterating-dictionary",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

const MESSAGE: &str = "Consider iterating the dictionary directly instead of calling .keys()";

fn check(ctx: &mut Context, call: Node) {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != ATTRIBUTE {
        return;
    }
    let (Some(object), Some(attribute)) =
        (function.child_by_field_id(FIELD_OBJECT), function.child_by_field_id(FIELD_ATTRIBUTE))
    else {
        return;
    };
    if ctx.text(attribute) != "keys" {
        return;
    }
    let parent = syntax::parent_skipping_parens(call);
    if parent.is_some_and(|parent| is_set_operation(ctx, parent)) {
        return;
    }
    let iterated = parent.is_some_and(|parent| match parent.kind_id() {
        // astroid's `Comprehension` holds the iterable and the `if` conditions.
        FOR_STATEMENT | FOR_IN_CLAUSE => parent.child_by_field_id(FIELD_RIGHT).map(strip_parens) == Some(call),
        IF_CLAUSE => true,
        _ => false,
    });
    if !iterated && !is_membership_operand(ctx, call) {
        return;
    }
    if is_dictionary(ctx, call, strip_parens(object)) {
        ctx.report(call, MESSAGE);
    }
}

/// `d.keys() & other` (or `|`, `^`): the keys view is used as a set.
fn is_set_operation(ctx: &Context, parent: Node) -> bool {
    parent.kind_id() == BINARY_OPERATOR
        && parent
            .child_by_field_id(FIELD_OPERATOR)
            .is_some_and(|operator| matches!(ctx.text(operator), "&" | "|" | "^"))
}

/// Whether the nearest comparison around `call` has an `in` or `not in`
/// whose right operand is, or contains, `call`.
fn is_membership_operand(ctx: &Context, call: Node) -> bool {
    let mut current = call.parent();
    while let Some(node) = current {
        if node.kind_id() == COMPARISON_OPERATOR {
            let children: Vec<Node> = node.children().filter(|child| child.kind_id() != COMMENT).collect();
            return children.windows(2).any(|pair| {
                let [operator, operand] = pair else { return false };
                !operator.is_named()
                    && matches!(ctx.text(*operator).split_whitespace().collect::<Vec<_>>()[..], ["in"] | ["not", "in"])
                    && operand.start_byte() <= call.start_byte()
                    && call.end_byte() <= operand.end_byte()
            });
        }
        if syntax::is_statement_kind(node.kind_id()) {
            return false;
        }
        current = node.parent();
    }
    false
}

/// Whether `object` certainly infers to a dict: a display, `dict(...)`, or
/// a name or attribute the dict-items rule knows to be one.
fn is_dictionary(ctx: &Context, call: Node, object: Node) -> bool {
    match object.kind_id() {
        DICTIONARY => true,
        CALL => object.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
            function.kind_id() == IDENTIFIER && ctx.text(function) == "dict" && ctx.is_builtin_at(function, "dict")
        }),
        IDENTIFIER | ATTRIBUTE => super::consider_using_dict_items::is_certainly_dict(ctx, call, object, false),
        _ => false,
    }
}
