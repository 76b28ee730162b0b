use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `if key in d: value = d[key]` (optionally with
    /// `else: value = default`), where `d` is certainly a dictionary.
    ///
    /// As in pylint, the condition is any comparison whose left operand is
    /// the key and whose first right operand is the dictionary (the
    /// operator is not looked at), the body is that one assignment, and an
    /// `else` must assign the same name and nothing else. `elif` branches
    /// are checked like `if` statements. Dictionaries are recognized as for
    /// `consider-using-dict-items`.
    ///
    /// ## Why is this bad?
    /// `value = d.get(key, default)` does the same in one expression, with
    /// one lookup.
    ///
    /// ## Example
    /// ```python
    /// if name in ages:
    ///     age = ages[name]
    /// else:
    ///     age = 0
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// age = ages.get(name, 0)
    /// ```
    code: "R1715",
    symbol: "consider-using-get",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT, ELIF_CLAUSE], check),
}

const MESSAGE: &str =
    "Consider using dict.get for getting values from a dict if a key is present or a default if not";

/// The `else` part of astroid's `If` for an `if` or `elif` branch.
enum OrElse<'t> {
    Nothing,
    /// An `elif` follows: astroid's `orelse` is another `If`.
    Elif,
    Else(Node<'t>),
}

fn check(ctx: &mut Context, node: Node) {
    let (Some(condition), Some(body)) = (node.child_by_field_id(FIELD_CONDITION), node.child_by_field_id(FIELD_CONSEQUENCE))
    else {
        return;
    };
    let Some(target) = dict_get_block(ctx, node, strip_parens(condition), body) else { return };
    let report = match or_else(node) {
        Some(OrElse::Nothing) => true,
        Some(OrElse::Elif) | None => false,
        Some(OrElse::Else(block)) => {
            single_assignment(block).is_some_and(|(other, _)| other.kind_id() == IDENTIFIER && ctx.text(other) == target)
        }
    };
    if report {
        ctx.report(node, MESSAGE);
    }
}

/// pylint's `_is_dict_get_block`: the assigned name when the branch is
/// `if key <op> d: name = d[key]` with `d` a dict.
fn dict_get_block<'t>(ctx: &Context<'_, 't>, at: Node<'t>, condition: Node<'t>, body: Node<'t>) -> Option<&'t str> {
    if condition.kind_id() != COMPARISON_OPERATOR {
        return None;
    }
    let mut operands = code_children(condition);
    let (key, dictionary) = (operands.next()?, operands.next()?);
    let (target, value) = single_assignment(body)?;
    if target.kind_id() != IDENTIFIER || value.kind_id() != SUBSCRIPT {
        return None;
    }
    let subscripted = value.child_by_field_id(FIELD_VALUE)?;
    let mut slices = value.children_by_field_id(FIELD_SUBSCRIPT);
    let (Some(slice), None) = (slices.next(), slices.next()) else { return None };
    if !same_name_or_constant(ctx, subscripted, dictionary) || !same_name_or_constant(ctx, slice, key) {
        return None;
    }
    let dictionary = strip_parens(dictionary);
    (dictionary.kind_id() == IDENTIFIER && super::consider_using_dict_items::is_certainly_dict(ctx, at, dictionary, false))
        .then(|| ctx.text(target))
}

/// The target and value of a block holding exactly one `target = value`
/// (one target, no annotation).
fn single_assignment(block: Node) -> Option<(Node, Node)> {
    let mut statements = code_children(block);
    let (Some(statement), None) = (statements.next(), statements.next()) else { return None };
    if statement.kind_id() != EXPRESSION_STATEMENT {
        return None;
    }
    let mut expressions = code_children(statement);
    let (Some(assignment), None) = (expressions.next(), expressions.next()) else { return None };
    if assignment.kind_id() != ASSIGNMENT || assignment.child_by_field_id(FIELD_TYPE).is_some() {
        return None;
    }
    let value = assignment.child_by_field_id(FIELD_RIGHT)?;
    if value.kind_id() == ASSIGNMENT {
        return None;
    }
    Some((assignment.child_by_field_id(FIELD_LEFT)?, strip_parens(value)))
}

/// pylint's `_type_and_name_are_equal`: two names with the same name, or
/// two constants with the same value (strings and integers compared here).
fn same_name_or_constant(ctx: &Context, first: Node, second: Node) -> bool {
    let (first, second) = (strip_parens(first), strip_parens(second));
    match (first.kind_id(), second.kind_id()) {
        (IDENTIFIER, IDENTIFIER) => ctx.text(first) == ctx.text(second),
        (INTEGER, INTEGER) => ctx.text(first) == ctx.text(second),
        (STRING, STRING) => matches!((plain_string(ctx, first), plain_string(ctx, second)), (Some(a), Some(b)) if a == b),
        _ => false,
    }
}

/// A string literal's value when it has no prefix and no escapes.
fn plain_string<'t>(ctx: &Context<'_, 't>, node: Node<'t>) -> Option<&'t str> {
    if !syntax::string_prefix(ctx.source, node).is_empty() {
        return None;
    }
    let mut content = "";
    for child in code_children(node) {
        match child.kind_id() {
            STRING_START | STRING_END => {}
            STRING_CONTENT if content.is_empty() && code_children(child).next().is_none() => content = ctx.text(child),
            _ => return None,
        }
    }
    Some(content)
}

/// What follows an `if` or `elif` branch, as astroid's `orelse`.
fn or_else(node: Node) -> Option<OrElse> {
    let next = if node.kind_id() == IF_STATEMENT {
        node.children_by_field_id(FIELD_ALTERNATIVE).next()
    } else {
        // The alternatives after this `elif` in its `if` statement.
        let mut sibling = node.next_named_sibling();
        while sibling.is_some_and(|next| next.kind_id() == COMMENT) {
            sibling = sibling.and_then(|next| next.next_named_sibling());
        }
        sibling
    };
    Some(match next {
        None => OrElse::Nothing,
        Some(next) if next.kind_id() == ELIF_CLAUSE => OrElse::Elif,
        Some(next) if next.kind_id() == ELSE_CLAUSE => OrElse::Else(next.child_by_field_id(FIELD_BODY)?),
        Some(_) => return None,
    })
}
