use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for a list comprehension passed as the only positional argument
    /// of `sum`, `max`, `min`, `list` or `tuple`.
    ///
    /// ## Why is this bad?
    /// These consume an iterable: a generator expression feeds them without
    /// building the whole list in memory first.
    ///
    /// ## Example
    /// ```python
    /// total = sum([item.price for item in basket])
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// total = sum(item.price for item in basket)
    /// ```
    code: "R1728",
    symbol: "consider-using-generator",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    check_call(ctx, node, &["sum", "max", "min", "list", "tuple"], "Consider using a generator instead");
}

/// pylint's `_check_consider_using_generator` for calls of the builtins
/// `names` (R1728 has some, R1729 `any` and `all`): a list comprehension
/// as the only positional argument, reported as `{message} 'name(...)'`.
pub(crate) fn check_call(ctx: &mut Context, node: Node, names: &[&str], message: &str) {
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    let name = ctx.text(function);
    if function.kind_id() != IDENTIFIER || !names.contains(&name) {
        return;
    }
    let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS).filter(|a| a.kind_id() == ARGUMENT_LIST) else {
        return;
    };
    let [comprehension] = super::consider_using_dict_comprehension::positional_arguments(node)[..] else { return };
    let comprehension = strip_parens(comprehension);
    if comprehension.kind_id() != LIST_COMPREHENSION || is_asynchronous(comprehension) {
        return;
    }
    let rendered = super::consider_using_in::as_string(ctx.source, comprehension);
    let mut inside = rendered.get(1..rendered.len().saturating_sub(1)).unwrap_or_default().to_string();
    let keywords: Vec<String> = code_children(arguments)
        .filter(|argument| matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT))
        .map(|argument| super::consider_using_in::as_string(ctx.source, argument))
        .collect();
    if !keywords.is_empty() {
        inside = format!("({inside}), {}", keywords.join(", "));
    }
    let fix = fix(ctx, arguments, comprehension);
    ctx.report(node, format!("{message} '{name}({inside})'")).with_fix(|| fix);
}

/// Drops the brackets (`sum([x for x in y])` → `sum(x for x in y)`); where the
/// generator would not be the call's only argument, they become parentheses.
fn fix(ctx: &Context, arguments: Node, comprehension: Node) -> Option<Fix> {
    let (start, end) = (comprehension.start_byte(), comprehension.end_byte());
    if ctx.source.get(start..start + 1) != Some("[") || ctx.source.get(end - 1..end) != Some("]") {
        return None;
    }
    let sole_argument = arguments.named_child_count() == 1
        && arguments.named_child(0).is_some_and(|only| only.id() == comprehension.id())
        && !arguments.children().any(|child| child.kind_id() == COMMA);
    let (open, close) = if sole_argument { ("", "") } else { ("(", ")") };
    Some(Fix::new(
        "Use a generator expression",
        vec![Edit::replace(start..start + 1, open), Edit::replace(end - 1..end, close)],
    ))
}

/// Whether the comprehension would become an asynchronous generator: it
/// uses `async for`, or awaits anywhere but in its outermost iterable.
fn is_asynchronous(comprehension: Node) -> bool {
    let clauses: Vec<Node> =
        code_children(comprehension).filter(|child| child.kind_id() == FOR_IN_CLAUSE).collect();
    if clauses.iter().any(|clause| syntax::is_async(*clause)) {
        return true;
    }
    let outermost = clauses.first().and_then(|clause| clause.child_by_field_id(FIELD_RIGHT));
    let mut awaits = false;
    syntax::walk(comprehension, |child| {
        if outermost.is_some_and(|iterable| iterable.id() == child.id()) {
            return false;
        }
        if child.kind_id() == AWAIT {
            awaits = true;
        }
        !awaits
    });
    awaits
}
