use super::prelude::*;
use crate::semantic::ScopeId;

declare_rule! {
    /// ## What it does
    /// Checks for comparisons of a sequence with an empty literal, such as
    /// `items == []`, `pairs != ()` or `table == {}`.
    ///
    /// Only reported where the compared value is certainly a collection or a
    /// string: a name bound once to a display, a string literal, or a call of
    /// `list`/`tuple`/`dict`/`set`/`frozenset`.
    ///
    /// ## Why is this bad?
    /// Empty collections are falsey, so the truth value says the same thing
    /// more directly (and without building a new empty object).
    ///
    /// ## Example
    /// ```python
    /// evens = [n for n in numbers if n % 2 == 0]
    /// if evens == []:
    ///     return None
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// evens = [n for n in numbers if n % 2 == 0]
    /// if not evens:
    ///     return None
    /// ```
    code: "C1803",
    symbol: "use-implicit-booleaness-not-comparison",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[COMPARISON_OPERATOR], check),
}

fn check(ctx: &mut Context, comparison: Node) {
    let operands: Vec<Node> = code_children(comparison).collect();
    let [left, right] = operands[..] else { return };
    let operators: Vec<Node> = comparison.children_by_field_id(FIELD_OPERATORS).collect();
    let [operator] = operators[..] else { return };
    let operator = ctx.text(operator);
    let (left_empty, right_empty) = (empty_literal(left), empty_literal(right));
    let (target, literal) = match (left_empty, right_empty) {
        (None, Some(literal)) => (left, literal),
        (Some(literal), None) => (right, literal),
        _ => return,
    };
    if !matches!(operator, "==" | "!=" | ">=" | ">" | "<=" | "<") {
        return;
    }
    let target = strip_parens(target);
    if target.kind_id() != IDENTIFIER {
        return;
    }
    let Some(value_kind) = sized_value_kind(ctx, target) else { return };
    let name = ctx.text(target);
    let collection = match literal {
        "list" => "[]",
        "tuple" => "()",
        _ => "{}",
    };
    let suggestion = if operator == "!=" {
        if in_boolean_context(ctx, comparison) {
            name.to_string()
        } else {
            format!("bool({name})")
        }
    } else {
        format!("not {name}")
    };
    // Only `==`/`!=` against an empty literal of the name's own type mean
    // exactly the truth test (`s == []` is never true for a string).
    let fix = (matches!(operator, "==" | "!=") && value_kind == literal && !ctx.has_comment(comparison))
        .then(|| Fix::replace(format!("Replace with `{suggestion}`"), comparison.byte_range(), suggestion.clone()));
    ctx.report(
        comparison,
        format!(
            "\"{name} {operator} {collection}\" can be simplified to \"{suggestion}\", if it is strictly a sequence, as an empty {literal} is falsey"
        ),
    )
    .with_fix(|| fix);
}

/// `[]`, `()` or `{}`: the kind of empty literal, named as pylint names it.
fn empty_literal(node: Node) -> Option<&'static str> {
    let kind = match node.kind_id() {
        LIST => "list",
        TUPLE => "tuple",
        DICTIONARY => "dict",
        _ => return None,
    };
    code_children(node).next().is_none().then_some(kind)
}

/// When astroid infers the name to one value that is a collection or a
/// string (values without `__bool__`, or subclasses of the builtin
/// collections): that value's type (`list`, `tuple`, `dict`, `set`,
/// `frozenset`, `str`).
fn sized_value_kind(ctx: &Context, name_node: Node) -> Option<&'static str> {
    let name = ctx.text(name_node);
    let scope = ctx.semantic.enclosing_scope(name_node);
    let defining = ctx.semantic.resolve(scope, name)?;
    if defining == ScopeId(0) && ctx.semantic.function_scopes().any(|(_, function)| function.globals.contains(name)) {
        return None;
    }
    let mut bindings = ctx.semantic.bindings_of(defining, name);
    let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
    if only.kind != BindingKind::Assignment || only.unpacked {
        return None;
    }
    let assignment = only.identifier.parent().filter(|parent| parent.kind_id() == ASSIGNMENT)?;
    if assignment.child_by_field_id(FIELD_LEFT) != Some(only.identifier) {
        return None;
    }
    let value = assignment.child_by_field_id(FIELD_RIGHT).map(strip_parens)?;
    match value.kind_id() {
        LIST => Some("list"),
        TUPLE => Some("tuple"),
        DICTIONARY => Some("dict"),
        SET => Some("set"),
        STRING => (!syntax::string_prefix(ctx.source, value).contains(['f', 'F'])).then_some("str"),
        CALL => {
            let function = value.child_by_field_id(FIELD_FUNCTION)?;
            if function.kind_id() != IDENTIFIER || !ctx.semantic.is_builtin(ctx.semantic.enclosing_scope(assignment), ctx.text(function)) {
                return None;
            }
            ["list", "tuple", "dict", "set", "frozenset"].into_iter().find(|callee| *callee == ctx.text(function))
        }
        _ => None,
    }
}

/// pylint's `_in_boolean_context`: the comparison's truth value is what is used.
fn in_boolean_context(ctx: &Context, comparison: Node) -> bool {
    let mut current = comparison;
    while let Some(parent) = current.parent() {
        let is_current = |field: &str| parent.child_by_field_name(field) == Some(current);
        match parent.kind_id() {
            PARENTHESIZED_EXPRESSION => {}
            BOOLEAN_OPERATOR => {}
            IF_STATEMENT | ELIF_CLAUSE | WHILE_STATEMENT => return is_current("condition"),
            ASSERT_STATEMENT => return code_children(parent).next() == Some(current),
            CONDITIONAL_EXPRESSION => return code_children(parent).nth(1) == Some(current),
            NOT_OPERATOR => return is_current("argument"),
            IF_CLAUSE => return true,
            GENERATOR_EXPRESSION => {
                return is_current("body")
                    && parent.parent().is_some_and(|call| {
                        call.kind_id() == CALL
                            && call.child_by_field_id(FIELD_ARGUMENTS) == Some(parent)
                            && is_call_of(ctx, call, &["all", "any"])
                    })
            }
            LAMBDA => {
                return is_current("body")
                    && parent.parent()
                        .filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)
                        .and_then(|arguments| arguments.parent())
                        .is_some_and(|call| is_call_of(ctx, call, &["filter"]))
            }
            ARGUMENT_LIST => {
                return parent.parent().is_some_and(|call| is_call_of(ctx, call, &["bool"]));
            }
            _ => return false,
        }
        current = parent;
    }
    false
}

fn is_call_of(ctx: &Context, call: Node, names: &[&str]) -> bool {
    call.kind_id() == CALL
        && call
            .child_by_field_id(FIELD_FUNCTION)
            .is_some_and(|function| function.kind_id() == IDENTIFIER && names.contains(&ctx.text(function)))
}
