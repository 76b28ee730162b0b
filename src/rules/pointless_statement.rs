use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for expression statements that compute a value and drop it,
    /// without calling anything: `x == 1`, `obj.attr`, `[a, b]`.
    ///
    /// ## Why is this bad?
    /// Such a statement has no effect; it is usually a mistyped assignment
    /// (`x == 1` for `x = 1`) or a forgotten call.
    ///
    /// ## Example
    /// ```python
    /// def reset(counter):
    ///     counter.value == 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def reset(counter):
    ///     counter.value = 0
    /// ```
    ///
    /// `...`, `yield`, `await` and the only statement of a `try` body are
    /// allowed.
    code: "W0104",
    symbol: "pointless-statement",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[EXPRESSION_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    if let Some(ExpressionStatement::Pointless) = classify(ctx, statement) {
        ctx.report(statement, "Statement seems to have no effect");
    }
}

/// How pylint's `visit_expr` judges an expression statement.
pub(crate) enum ExpressionStatement<'t> {
    /// A string constant that is not a docstring nor an attribute docstring.
    PointlessString,
    /// A value without any call in it.
    Pointless,
    /// A value that calls something somewhere inside, but is not itself a call.
    NotAssigned(Expression<'t>),
}

/// The expression of a statement: one node, or the elements of a bare tuple.
pub(crate) enum Expression<'t> {
    Single(Node<'t>),
    BareTuple(Vec<Node<'t>>),
}

pub(crate) fn classify<'t>(ctx: &Context, statement: Node<'t>) -> Option<ExpressionStatement<'t>> {
    let children: Vec<Node<'t>> = code_children(statement).collect();
    let expression = match children.as_slice() {
        [] => return None,
        [single] => {
            if matches!(single.kind_id(), ASSIGNMENT | AUGMENTED_ASSIGNMENT) {
                return None;
            }
            Expression::Single(strip_parens(*single))
        }
        _ => Expression::BareTuple(children.clone()),
    };
    if let Expression::Single(value) = expression {
        if syntax::is_str_constant(ctx.source, value) {
            if ctx.is_docstring(statement) || is_attribute_docstring(ctx, statement) {
                return None;
            }
            return Some(ExpressionStatement::PointlessString);
        }
        if matches!(value.kind_id(), CALL | YIELD | AWAIT | ELLIPSIS | NAMED_EXPRESSION) {
            return None;
        }
    }
    if is_only_statement_of_try_body(statement) {
        return None;
    }
    if children.iter().any(|child| contains_call(*child)) {
        Some(ExpressionStatement::NotAssigned(expression))
    } else {
        Some(ExpressionStatement::Pointless)
    }
}

/// PEP 257 attribute docstrings: a string right after an assignment in a
/// module, a class or an `__init__`.
fn is_attribute_docstring(ctx: &Context, statement: Node) -> bool {
    let scope = ctx.semantic.scope(ctx.semantic.enclosing_scope(statement));
    let allowed_scope = match scope.kind {
        ScopeKind::Module | ScopeKind::Class => true,
        ScopeKind::Function => scope
            .node
            .child_by_field_id(FIELD_NAME)
            .is_some_and(|name| ctx.text(name) == "__init__"),
        _ => false,
    };
    if !allowed_scope {
        return false;
    }
    let mut sibling = statement.prev_named_sibling();
    while let Some(previous) = sibling {
        if previous.kind_id() == COMMENT {
            sibling = previous.prev_named_sibling();
            continue;
        }
        if !syntax::is_statement_kind(previous.kind_id()) {
            return false;
        }
        return match previous.kind_id() {
            TYPE_ALIAS_STATEMENT => true,
            EXPRESSION_STATEMENT => {
                let mut parts = code_children(previous);
                matches!((parts.next(), parts.next()), (Some(first), None) if first.kind_id() == ASSIGNMENT)
            }
            _ => false,
        };
    }
    false
}

fn is_only_statement_of_try_body<'t>(statement: Node<'t>) -> bool {
    let Some(block) = statement.parent() else { return false };
    let owner_is_try_body = block
        .parent()
        .and_then(|owner| (owner.kind_id() == TRY_STATEMENT).then(|| owner.child_by_field_id(FIELD_BODY)))
        .flatten()
        .is_some_and(|body| body.id() == block.id());
    owner_is_try_body && syntax::statements_of(block).len() == 1
}

fn contains_call(node: Node) -> bool {
    let mut found = false;
    syntax::walk(node, |child| {
        found |= child.kind_id() == CALL;
        !found
    });
    found
}
