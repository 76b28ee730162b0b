use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for list, set and dict comprehensions that rebuild their
    /// iterable unchanged: `[x for x in items]`, `{k: v for k, v in pairs}`.
    ///
    /// ## Why is this bad?
    /// The `list`, `set` or `dict` constructor says the same thing, faster.
    ///
    /// ## Example
    /// ```python
    /// names = [name for name in registry]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// names = list(registry)
    /// ```
    code: "R1721",
    symbol: "unnecessary-comprehension",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[LIST_COMPREHENSION, SET_COMPREHENSION, DICTIONARY_COMPREHENSION], check),
}

#[derive(PartialEq, Eq)]
enum Names<'t> {
    One(&'t str),
    Many(Vec<&'t str>),
    Nothing,
}

fn check(ctx: &mut Context, node: Node) {
    let clauses: Vec<Node> = code_children(node).filter(|child| child.kind_id() != COMMENT).skip(1).collect();
    let [clause] = clauses[..] else { return };
    if clause.kind_id() != FOR_IN_CLAUSE || syntax::is_async(clause) {
        return;
    }
    let (Some(body), Some(target), Some(iterable)) = (
        node.child_by_field_id(FIELD_BODY),
        clause.child_by_field_id(FIELD_LEFT),
        clause.child_by_field_id(FIELD_RIGHT),
    ) else {
        return;
    };
    let (expressions, targets) = if node.kind_id() == DICTIONARY_COMPREHENSION {
        let (Some(key), Some(value)) = (body.child_by_field_id(FIELD_KEY), body.child_by_field_id(FIELD_VALUE)) else {
            return;
        };
        let (key, value) = (strip_parens(key), strip_parens(value));
        if key.kind_id() != IDENTIFIER || value.kind_id() != IDENTIFIER {
            return;
        }
        let target = strip_parens(target);
        if !matches!(target.kind_id(), PATTERN_LIST | TUPLE_PATTERN | TUPLE) {
            return;
        }
        let elements: Vec<Node> = code_children(target).collect();
        if !elements.iter().all(|element| element.kind_id() == IDENTIFIER) {
            return;
        }
        (
            Names::Many(vec![ctx.text(key), ctx.text(value)]),
            Names::Many(elements.iter().map(|element| ctx.text(*element)).collect()),
        )
    } else {
        let body = strip_parens(body);
        let expressions = match body.kind_id() {
            IDENTIFIER => Names::One(ctx.text(body)),
            TUPLE => {
                let elements: Vec<Node> = code_children(body).collect();
                if !elements.iter().all(|element| strip_parens(*element).kind_id() == IDENTIFIER) {
                    return;
                }
                Names::Many(elements.iter().map(|element| ctx.text(strip_parens(*element))).collect())
            }
            _ => Names::Nothing,
        };
        let target = strip_pattern_parens(target);
        let targets = match target.kind_id() {
            IDENTIFIER => Names::One(ctx.text(target)),
            PATTERN_LIST | TUPLE_PATTERN | TUPLE => Names::Many(
                code_children(target)
                    .filter(|element| element.kind_id() == IDENTIFIER)
                    .map(|element| ctx.text(element))
                    .collect(),
            ),
            _ => Names::Nothing,
        };
        (expressions, targets)
    };
    let is_empty = matches!(&expressions, Names::Nothing) || matches!(&expressions, Names::Many(names) if names.is_empty());
    if is_empty || expressions != targets {
        return;
    }
    let suggestion = suggestion(ctx, node, iterable, |part: Node| super::consider_using_in::as_string(ctx.source, part));
    // `[(a, b) for a, b in x]` makes tuples of whatever `x` yields: only a
    // single name (or a dict's key/value pairs) is a plain copy.
    let plain_copy = matches!(expressions, Names::One(_)) || node.kind_id() == DICTIONARY_COMPREHENSION;
    let fix = plain_copy.then(|| fix(ctx, node, iterable)).flatten();
    ctx.report(node, format!("Unnecessary use of a comprehension, use {suggestion} instead.")).with_fix(|| fix);
}

/// The comprehension becomes the call the message suggests, its iterable as written.
fn fix(ctx: &Context, node: Node, iterable: Node) -> Option<Fix> {
    let constructor = match node.kind_id() {
        DICTIONARY_COMPREHENSION => "dict",
        LIST_COMPREHENSION => "list",
        _ => "set",
    };
    if ctx.has_comment(node) || strip_parens(iterable).kind_id() == YIELD || !ctx.is_builtin_at(node, constructor) {
        return None;
    }
    let replacement = suggestion(ctx, node, iterable, |part: Node| ctx.text(part).to_string());
    Some(Fix::replace(format!("Replace with `{replacement}`"), node.byte_range(), replacement))
}

/// pylint's `_unnecessary_comprehension_suggestion`; its inference of the
/// iterable is followed only where a dict literal makes it certain.
fn suggestion(ctx: &Context, node: Node, iterable: Node, render: impl Fn(Node) -> String) -> String {
    let iterable = strip_parens(iterable);
    if node.kind_id() == DICTIONARY_COMPREHENSION {
        if let Some(receiver) = items_call_receiver(ctx, iterable) {
            if is_dict_literal(ctx, receiver) {
                return format!("dict({})", render(receiver));
            }
        }
        if is_dict_literal(ctx, iterable) {
            return format!("dict({}.keys())", render(iterable));
        }
    }
    let constructor = match node.kind_id() {
        DICTIONARY_COMPREHENSION => "dict",
        LIST_COMPREHENSION => "list",
        _ => "set",
    };
    format!("{constructor}({})", render(iterable))
}

/// `receiver` of `receiver.items()`.
fn items_call_receiver<'t>(ctx: &Context, call: Node<'t>) -> Option<Node<'t>> {
    if call.kind_id() != CALL {
        return None;
    }
    let arguments = call.child_by_field_id(FIELD_ARGUMENTS)?;
    if arguments.kind_id() != ARGUMENT_LIST || code_children(arguments).next().is_some() {
        return None;
    }
    let function = call.child_by_field_id(FIELD_FUNCTION)?;
    if function.kind_id() != ATTRIBUTE || ctx.text(function.child_by_field_id(FIELD_ATTRIBUTE)?) != "items" {
        return None;
    }
    function.child_by_field_id(FIELD_OBJECT).map(strip_parens)
}

/// A dict display, or a name whose only binding assigns one.
fn is_dict_literal(ctx: &Context, node: Node) -> bool {
    match node.kind_id() {
        DICTIONARY => true,
        IDENTIFIER => {
            let scope = ctx.semantic.enclosing_scope(node);
            let Some(defining) = ctx.semantic.resolve(scope, ctx.text(node)) else { return false };
            let mut bindings = ctx.semantic.bindings_of(defining, ctx.text(node));
            let (Some(binding), None) = (bindings.next(), bindings.next()) else { return false };
            binding.kind == BindingKind::Assignment
                && !binding.unpacked
                && binding.identifier.parent().is_some_and(|assignment| {
                    assignment.kind_id() == ASSIGNMENT
                        && assignment.child_by_field_id(FIELD_TYPE).is_none()
                        && assignment.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.id() == binding.identifier.id())
                        && assignment
                            .child_by_field_id(FIELD_RIGHT)
                            .is_some_and(|value| strip_parens(value).kind_id() == DICTIONARY)
                })
        }
        _ => false,
    }
}

/// `(x)` as a loop target is the name `x`; tree-sitter makes it a
/// one-element tuple pattern without the comma.
fn strip_pattern_parens(target: Node) -> Node {
    let target = strip_parens(target);
    if target.kind_id() != TUPLE_PATTERN {
        return target;
    }
    let has_comma = target.children().any(|child| child.kind_id() == COMMA);
    match code_children(target).collect::<Vec<_>>()[..] {
        [only] if !has_comma => strip_pattern_parens(only),
        _ => target,
    }
}
