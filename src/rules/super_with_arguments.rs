use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `super(ThisClass, self)` in a class, where Python 3's
    /// argument-less `super()` means the same.
    ///
    /// ## Why is this bad?
    /// Repeating the class name is noise, and it goes stale silently when the
    /// class is renamed or the method moved to another class.
    ///
    /// ## Example
    /// ```python
    /// class Child(Base):
    ///     def __init__(self):
    ///         super(Child, self).__init__()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Child(Base):
    ///     def __init__(self):
    ///         super().__init__()
    /// ```
    code: "R1725",
    symbol: "super-with-arguments",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, call: Node) {
    let Some(function) = call.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != IDENTIFIER || ctx.text(function) != "super" {
        return;
    }
    let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS) else { return };
    if arguments.kind_id() != ARGUMENT_LIST {
        return;
    }
    let positional: Vec<Node> =
        code_children(arguments)
        .filter(|argument| !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
        .collect();
    let [class_name, instance] = positional.as_slice() else { return };
    if class_name.kind_id() != IDENTIFIER || instance.kind_id() != IDENTIFIER || ctx.text(*instance) != "self" {
        return;
    }
    let Some(class) = enclosing_class(call) else { return };
    if class.child_by_field_id(FIELD_NAME).is_some_and(|name| ctx.text(name) == ctx.text(*class_name)) {
        ctx.report(call, "Consider using Python 3 style super() without arguments");
    }
}

/// The innermost class whose body holds `node`, through any functions in
/// between (pylint's `node_frame_class`).
fn enclosing_class<'t>(node: Node<'t>) -> Option<Node<'t>> {
    let mut inner = node;
    let mut current = node.parent();
    while let Some(candidate) = current {
        if candidate.kind_id() == CLASS_DEFINITION && candidate.child_by_field_id(FIELD_BODY) == Some(inner) {
            return Some(candidate);
        }
        inner = candidate;
        current = candidate.parent();
    }
    None
}
