use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a name assigned to itself, as in `x = x` or `a, b = a, c`.
    ///
    /// ## Why is this bad?
    /// The assignment does nothing; it is usually a typo for another name.
    ///
    /// ## Example
    /// ```python
    /// def configure(timeout):
    ///     timeout = timeout
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def configure(timeout):
    ///     self.timeout = timeout
    /// ```
    ///
    /// In a class body `x = x` is allowed: it exposes a module-level name
    /// as a class attribute.
    code: "W0127",
    symbol: "self-assigning-variable",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[ASSIGNMENT], check),
}

fn check(ctx: &mut Context, assignment: Node) {
    // The inner links of a chain `a = b = c` are handled from the outermost.
    if assignment.child_by_field_id(FIELD_RIGHT).is_some_and(|right| right.kind_id() != ASSIGNMENT)
        && assignment.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.kind_id() == ATTRIBUTE || left.kind_id() == SUBSCRIPT)
    {
        return;
    }
    let Some((mut targets, value)) = assign_targets(assignment) else { return };
    if let Some(first) = targets.first() {
        if matches!(first.kind_id(), PATTERN_LIST | TUPLE_PATTERN) {
            if targets.len() != 1 {
                return;
            }
            targets = code_children(*first).collect();
            if targets.len() == 1 {
                return;
            }
        }
    }
    let value = strip_parens(value);
    let values: Vec<Node> = match value.kind_id() {
        IDENTIFIER => {
            if targets.len() != 1 {
                return;
            }
            vec![value]
        }
        EXPRESSION_LIST | TUPLE => {
            let elements: Vec<Node> = code_children(value).collect();
            if targets.len() != elements.len() || elements.len() == 1 {
                return;
            }
            elements
        }
        _ => return,
    };
    let mut in_class_body = None;
    for (target, value) in targets.iter().zip(values) {
        let target = strip_parens(*target);
        if target.kind_id() == IDENTIFIER && value.kind_id() == IDENTIFIER && ctx.text(target) == ctx.text(value) {
            // A class body assigning a name binds it there: pylint always skips it.
            let class_body = *in_class_body.get_or_insert_with(|| {
                ctx.semantic.scope(ctx.semantic.enclosing_scope(assignment)).kind == ScopeKind::Class
            });
            if class_body {
                return;
            }
            let name = ctx.text(target);
            ctx.report(target, format!("Assigning the same variable '{name}' to itself"));
        }
    }
}

/// The targets (in source order) and the value of a plain assignment statement
/// `a = b = value`, as astroid's `Assign`; `None` for annotated assignments
/// and for the inner links of a chain.
pub(crate) fn assign_targets<'t>(assignment: Node<'t>) -> Option<(Vec<Node<'t>>, Node<'t>)> {
    if assignment.parent()?.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    let mut targets = Vec::new();
    let mut current = assignment;
    loop {
        if current.child_by_field_id(FIELD_TYPE).is_some() {
            return None;
        }
        targets.push(current.child_by_field_id(FIELD_LEFT)?);
        let right = current.child_by_field_id(FIELD_RIGHT)?;
        if right.kind_id() == ASSIGNMENT {
            current = right;
        } else {
            return Some((targets, right));
        }
    }
}
