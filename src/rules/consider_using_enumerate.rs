use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `for i in range(len(seq)):` loops whose body indexes the
    /// same sequence with the loop variable (`seq[i]`).
    ///
    /// ## Why is this bad?
    /// `enumerate` gives the index and the element together, which is
    /// shorter, clearer and works for any iterable.
    ///
    /// ## Example
    /// ```python
    /// for i in range(len(names)):
    ///     print(i, names[i])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// for i, name in enumerate(names):
    ///     print(i, name)
    /// ```
    code: "C0200",
    symbol: "consider-using-enumerate",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[FOR_STATEMENT], check),
}

fn check(ctx: &mut Context, for_statement: Node) {
    let Some(iterable) = for_statement.child_by_field_id(FIELD_RIGHT).map(strip_parens) else { return };
    let scope = ctx.semantic.enclosing_scope(for_statement);
    let Some(arguments) = builtin_call_arguments(ctx, scope, iterable, "range") else { return };
    match arguments.as_slice() {
        [_] => {}
        [start, _] if is_constant_zero(ctx, *start) => {}
        _ => return,
    }
    let Some(last) = arguments.last().map(|argument| strip_parens(*argument)) else { return };
    let Some(len_arguments) = builtin_call_arguments(ctx, scope, last, "len") else { return };
    let [sequence] = len_arguments[..] else { return };
    let sequence = strip_parens(sequence);
    if !matches!(sequence.kind_id(), IDENTIFIER | ATTRIBUTE) {
        return;
    }
    if sequence.kind_id() == IDENTIFIER && ctx.text(sequence) == "self" && enclosing_function_name(ctx, scope) == Some("__iter__") {
        return;
    }
    let Some(target) = for_statement.child_by_field_id(FIELD_LEFT).filter(|target| target.kind_id() == IDENTIFIER) else {
        return;
    };
    let Some(body) = for_statement.child_by_field_id(FIELD_BODY) else { return };
    let wanted = (ctx.text(target), sequence.kind_id(), last_name(ctx, sequence));
    let mut found = false;
    syntax::walk(body, |node| {
        if found || is_scope_node(node.kind_id()) {
            return false;
        }
        if node.kind_id() == SUBSCRIPT && indexes(ctx, node, wanted) {
            found = true;
        }
        true
    });
    if found {
        ctx.report(for_statement, "Consider using enumerate instead of iterating with range and len");
    }
}

/// Whether `subscript` is `seq[i]` with the wanted index name, the same kind
/// of sequence expression, and the same name (the attribute name for `a.seq`).
fn indexes(ctx: &Context, subscript: Node, (index, kind, name): (&str, u16, &str)) -> bool {
    let Some(value) = subscript.child_by_field_id(FIELD_VALUE) else { return false };
    if value.kind_id() != kind || last_name(ctx, value) != name {
        return false;
    }
    let slices: Vec<Node> = subscript.children_by_field_id(FIELD_SUBSCRIPT).collect();
    matches!(slices[..], [slice] if strip_parens(slice).kind_id() == IDENTIFIER && ctx.text(strip_parens(slice)) == index)
}

/// The name itself, or the attribute name of `a.b`.
fn last_name<'t>(ctx: &Context<'_, 't>, node: Node<'t>) -> &'t str {
    match node.kind_id() {
        ATTRIBUTE => node.child_by_field_id(FIELD_ATTRIBUTE).map(|attribute| ctx.text(attribute)).unwrap_or(""),
        _ => ctx.text(node),
    }
}

/// Nodes that open a scope of their own (astroid's `scope()`).
pub(crate) fn is_scope_node(kind: u16) -> bool {
    matches!(
        kind,
        FUNCTION_DEFINITION
            | CLASS_DEFINITION
            | LAMBDA
            | LIST_COMPREHENSION
            | SET_COMPREHENSION
            | DICTIONARY_COMPREHENSION
            | GENERATOR_EXPRESSION
    )
}

/// The positional arguments of `name(...)` when `name` is the builtin.
fn builtin_call_arguments<'t>(
    ctx: &Context<'_, 't>,
    scope: crate::semantic::ScopeId,
    call: Node<'t>,
    name: &str,
) -> Option<Vec<Node<'t>>> {
    if call.kind_id() != CALL {
        return None;
    }
    let function = call.child_by_field_id(FIELD_FUNCTION)?;
    if function.kind_id() != IDENTIFIER || ctx.text(function) != name || !ctx.semantic.is_builtin(scope, name) {
        return None;
    }
    let arguments = call.child_by_field_id(FIELD_ARGUMENTS)?;
    if arguments.kind_id() != ARGUMENT_LIST {
        return None; // a generator argument: `f(x for x in y)`
    }
    Some(code_children(arguments).filter(|argument| argument.kind_id() != KEYWORD_ARGUMENT && argument.kind_id() != DICTIONARY_SPLAT).collect())
}

fn is_constant_zero(ctx: &Context, node: Node) -> bool {
    let node = strip_parens(node);
    match node.kind_id() {
        INTEGER => ctx.text(node).replace('_', "").trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b").chars().all(|c| c == '0'),
        FALSE => true,
        _ => false,
    }
}

fn enclosing_function_name<'t>(ctx: &Context<'_, 't>, scope: crate::semantic::ScopeId) -> Option<&'t str> {
    let node = ctx.semantic.scope(scope).node;
    (node.kind_id() == FUNCTION_DEFINITION)
        .then(|| node.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)))
        .flatten()
}
