use super::expression_not_assigned::as_string;
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `raise NewError(...)` inside an `except` handler without a
    /// `from` clause.
    ///
    /// ## Why is this bad?
    /// A new exception raised while handling another one is usually a
    /// friendlier wrapping of it. `raise ... from err` records that link
    /// explicitly, and the traceback then reads "The above exception was the
    /// direct cause" instead of suggesting a second failure in the handler.
    ///
    /// ## Example
    /// ```python
    /// try:
    ///     port = int(text)
    /// except ValueError:
    ///     raise ConfigError(f"bad port {text!r}")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// try:
    ///     port = int(text)
    /// except ValueError as exc:
    ///     raise ConfigError(f"bad port {text!r}") from exc
    /// ```
    code: "W0707",
    symbol: "raise-missing-from",
    category: Warning,
    checker: "exceptions",
    trigger: Trigger::Node(&[RAISE_STATEMENT], check),
}

fn check(ctx: &mut Context, raise: Node) {
    if raise.child_by_field_id(FIELD_CAUSE).is_some() {
        return;
    }
    let Some(exception) = code_children(raise).next() else { return };
    if exception.kind_id() == EXPRESSION_LIST {
        return;
    }
    let Some(handler) = enclosing_handler(raise) else { return };
    let (caught, name) = handler_parts(handler);
    let raised = format!("raise {}", as_string(ctx.source, exception));
    match name {
        None => {
            let class_of_old_error = match caught.map(strip_parens) {
                Some(caught) if matches!(caught.kind_id(), IDENTIFIER | TUPLE) => as_string(ctx.source, caught),
                _ => "Exception".to_string(),
            };
            let message = format!(
                "Consider explicitly re-raising using 'except {class_of_old_error} as exc' and '{raised} from exc'"
            );
            ctx.report(raise, message);
        }
        Some(name) => {
            let name = ctx.text(name);
            // Only `raise SomeError(...)` and `raise SomeError` are surely a
            // new exception; anything else may be the caught one in disguise.
            let exception = strip_parens(exception);
            let is_new_exception = match exception.kind_id() {
                CALL => exception.child_by_field_id(FIELD_FUNCTION).is_some_and(|f| f.kind_id() == IDENTIFIER),
                IDENTIFIER => ctx.text(exception) != name,
                _ => false,
            };
            if is_new_exception {
                ctx.report(raise, format!("Consider explicitly re-raising using '{raised} from {name}'"));
            }
        }
    }
}

/// The `except` clause the statement runs in, not looking past the function
/// or class that holds it (a def inside a handler does not run there).
fn enclosing_handler<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(candidate) = current {
        match candidate.kind_id() {
            EXCEPT_CLAUSE => return Some(candidate),
            FUNCTION_DEFINITION | CLASS_DEFINITION | LAMBDA | MODULE => return None,
            _ => current = candidate.parent(),
        }
    }
    None
}

/// The caught type and the `as` name of an `except` clause.
pub(crate) fn handler_parts(handler: Node) -> (Option<Node>, Option<Node>) {
    let Some(value) = handler.child_by_field_id(FIELD_VALUE) else {
        return (None, handler.child_by_field_id(FIELD_ALIAS));
    };
    if value.kind_id() == AS_PATTERN {
        let caught = code_children(value).next();
        let name = value
            .child_by_field_id(FIELD_ALIAS)
            .map(|alias| code_children(alias).next().unwrap_or(alias));
        return (caught, name);
    }
    (Some(value), handler.child_by_field_id(FIELD_ALIAS))
}
