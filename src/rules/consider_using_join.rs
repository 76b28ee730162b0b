use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a loop whose only statement appends the loop variable to a
    /// string that was set to a string literal just before the loop.
    ///
    /// ## Why is this bad?
    /// Repeated `+=` on a string copies it on each turn; `str.join` builds
    /// the result once and says what the loop means.
    ///
    /// ## Example
    /// ```python
    /// result = ""
    /// for word in words:
    ///     result += word
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// result = "".join(words)
    /// ```
    code: "R1713",
    symbol: "consider-using-join",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[AUGMENTED_ASSIGNMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    if node.child_by_field_id(FIELD_OPERATOR).map(|operator| operator.kind()) != Some("+=") {
        return;
    }
    let Some(target) = node.child_by_field_id(FIELD_LEFT).filter(|left| left.kind_id() == IDENTIFIER) else { return };
    let Some(statement) = node.parent().filter(|parent| parent.kind_id() == EXPRESSION_STATEMENT) else { return };
    if code_children(statement).count() != 1 {
        return;
    }
    let Some(for_loop) = owning_for_loop(statement) else { return };
    let Some(body) = for_loop.child_by_field_id(FIELD_BODY) else { return };
    if syntax::statements_of(body).len() != 1 {
        return;
    }
    let Some(loop_variable) = for_loop.child_by_field_id(FIELD_LEFT).filter(|left| left.kind_id() == IDENTIFIER)
    else {
        return;
    };
    let Some(value) = node.child_by_field_id(FIELD_RIGHT) else { return };
    if concatenated_name(ctx, value) != Some(ctx.text(loop_variable)) {
        return;
    }
    let Some(previous) = previous_statement(for_loop) else { return };
    if !initializes_with_string(ctx, previous, ctx.text(target)) {
        return;
    }
    ctx.report(node, "Consider using str.join(sequence) for concatenating strings from an iterable");
}

/// The `for` statement whose body (or `else` body) holds `statement`
/// directly: astroid's `parent` of the augmented assignment.
fn owning_for_loop<'t>(statement: Node<'t>) -> Option<Node<'t>> {
    let block = statement.parent().filter(|parent| parent.kind_id() == BLOCK)?;
    let owner = block.parent()?;
    match owner.kind_id() {
        FOR_STATEMENT => Some(owner),
        ELSE_CLAUSE => owner.parent().filter(|grand| grand.kind_id() == FOR_STATEMENT),
        _ => None,
    }
}

fn previous_statement(statement: Node) -> Option<Node> {
    let mut sibling = statement.prev_named_sibling();
    while let Some(candidate) = sibling {
        if syntax::is_statement_kind(candidate.kind_id()) {
            return Some(candidate);
        }
        sibling = candidate.prev_named_sibling();
    }
    None
}

/// `name = "..."` (possibly among chained targets) as a plain assignment of a
/// `str` constant.
fn initializes_with_string(ctx: &Context, statement: Node, name: &str) -> bool {
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return false;
    }
    let [mut current] = code_children(statement).collect::<Vec<_>>()[..] else { return false };
    let mut assigns_name = false;
    loop {
        if current.kind_id() != ASSIGNMENT || current.child_by_field_id(FIELD_TYPE).is_some() {
            return false;
        }
        if current.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.kind_id() == IDENTIFIER && ctx.text(left) == name) {
            assigns_name = true;
        }
        let Some(value) = current.child_by_field_id(FIELD_RIGHT) else { return false };
        if value.kind_id() == ASSIGNMENT {
            current = value;
            continue;
        }
        return assigns_name && syntax::is_str_constant(ctx.source, strip_parens(value));
    }
}

/// The name a concatenation appends: `name`, or an f-string with exactly one
/// interpolation of `name` (separators allowed, as with pylint's default
/// `suggest-join-with-non-empty-separator=yes`).
fn concatenated_name<'t>(ctx: &Context<'_, 't>, value: Node<'t>) -> Option<&'t str> {
    let value = strip_parens(value);
    match value.kind_id() {
        IDENTIFIER => Some(ctx.text(value)),
        STRING if syntax::string_prefix(ctx.source, value).contains(['f', 'F']) => {
            let interpolations: Vec<Node> =
                code_children(value).filter(|child| child.kind_id() == INTERPOLATION).collect();
            let [interpolation] = interpolations[..] else { return None };
            let expression = interpolation.child_by_field_id(FIELD_EXPRESSION)?;
            (expression.kind_id() == IDENTIFIER).then(|| ctx.text(expression))
        }
        _ => None,
    }
}
