use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `if`/`else` whose two branches only return (or assign
    /// to the same names) `True` in the `if` branch and a boolean constant in
    /// the `else` branch.
    ///
    /// ## Why is this bad?
    /// The whole statement is `return bool(test)` (or `var = bool(test)`);
    /// four lines say what one expression says.
    ///
    /// ## Example
    /// ```python
    /// def is_even(number):
    ///     if number % 2 == 0:
    ///         return True
    ///     else:
    ///         return False
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def is_even(number):
    ///     return number % 2 == 0
    /// ```
    code: "R1703",
    symbol: "simplifiable-if-statement",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    let alternatives: Vec<Node> = node.children_by_field_id(FIELD_ALTERNATIVE).collect();
    let [else_clause] = alternatives[..] else { return };
    if else_clause.kind_id() != ELSE_CLAUSE {
        return;
    }
    let (Some(first_branch), Some(else_branch)) = (
        node.child_by_field_id(FIELD_CONSEQUENCE).and_then(only_statement),
        syntax::body_of(else_clause).and_then(only_statement),
    ) else {
        return;
    };
    let (first_value, else_value, reduced_to) = if first_branch.kind_id() == RETURN_STATEMENT {
        if else_branch.kind_id() != RETURN_STATEMENT {
            return;
        }
        (code_children(first_branch).next(), code_children(else_branch).next(), "'return bool(test)'")
    } else {
        let (Some((first_targets, first_value)), Some((else_targets, else_value))) =
            (plain_assignment(ctx, first_branch), plain_assignment(ctx, else_branch))
        else {
            return;
        };
        let (mut first_names, mut else_names) = (first_targets, else_targets);
        if first_names.is_empty() || else_names.is_empty() {
            return;
        }
        first_names.sort_unstable();
        else_names.sort_unstable();
        if first_names != else_names {
            return;
        }
        (Some(first_value), Some(else_value), "'var = bool(test)'")
    };
    let bool_of = |value: Option<Node>| value.and_then(super::simplifiable_if_expression::bool_constant);
    // `if test: x = False else: x = True` would read worse as `not test`.
    if bool_of(first_value) != Some(true) || bool_of(else_value).is_none() {
        return;
    }
    let fix = (bool_of(else_value) == Some(false)).then(|| fix(ctx, node, first_branch, else_branch)).flatten();
    ctx.report(node, format!("The if statement can be replaced with {reduced_to}")).with_fix(|| fix);
}

/// `if test: return True else: return False` → `return bool(test)`; the
/// assignment form → `x = bool(test)` when both branches assign the same
/// plain names. `not test` is already a bool and keeps its form.
fn fix(ctx: &Context, node: Node, first_branch: Node, else_branch: Node) -> Option<Fix> {
    if ctx.has_comment(node) {
        return None;
    }
    let test = node.child_by_field_id(FIELD_CONDITION)?;
    let value = if strip_parens(test).kind_id() == NOT_OPERATOR {
        ctx.text(test).to_string()
    } else if ctx.is_builtin_at(node, "bool") {
        format!("bool({})", ctx.text(test))
    } else {
        return None;
    };
    let targets = |statement: Node| -> Option<Vec<&str>> {
        let mut names = Vec::new();
        let mut current = code_children(statement).next()?;
        while current.kind_id() == ASSIGNMENT {
            let target = current.child_by_field_id(FIELD_LEFT)?;
            if target.kind_id() != IDENTIFIER {
                return None;
            }
            names.push(ctx.text(target));
            current = current.child_by_field_id(FIELD_RIGHT)?;
        }
        Some(names)
    };
    let replacement = if first_branch.kind_id() == RETURN_STATEMENT {
        format!("return {value}")
    } else {
        let names = targets(first_branch)?;
        let (mut sorted, mut else_names) = (names.clone(), targets(else_branch)?);
        sorted.sort_unstable();
        else_names.sort_unstable();
        if names.is_empty() || sorted != else_names {
            return None;
        }
        format!("{} = {value}", names.join(" = "))
    };
    Some(Fix::replace(format!("Replace with `{replacement}`"), node.byte_range(), replacement))
}

/// The single statement of a block (astroid's `body=[statement]`).
fn only_statement(block: Node) -> Option<Node> {
    let statements = syntax::statements_of(block);
    match statements[..] {
        [statement] => Some(statement),
        _ => None,
    }
}

/// For an `x = y = value` statement: the plain names it assigns and the value.
fn plain_assignment<'t>(ctx: &Context<'_, 't>, statement: Node<'t>) -> Option<(Vec<&'t str>, Node<'t>)> {
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    let [assignment] = code_children(statement).collect::<Vec<_>>()[..] else { return None };
    let mut names = Vec::new();
    let mut current = assignment;
    loop {
        if current.kind_id() != ASSIGNMENT || current.child_by_field_id(FIELD_TYPE).is_some() {
            return None;
        }
        let target = current.child_by_field_id(FIELD_LEFT)?;
        if target.kind_id() == IDENTIFIER {
            names.push(ctx.text(target));
        }
        let value = current.child_by_field_id(FIELD_RIGHT)?;
        if value.kind_id() == ASSIGNMENT {
            current = value;
        } else {
            return Some((names, value));
        }
    }
}
