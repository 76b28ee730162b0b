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
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    let name = ctx.text(function);
    if function.kind_id() != IDENTIFIER || !matches!(name, "sum" | "max" | "min" | "list" | "tuple") {
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
    ctx.report(node, format!("Consider using a generator instead '{name}({inside})'"));
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
