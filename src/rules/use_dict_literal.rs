use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `dict()` called with no positional argument: empty, or
    /// with keyword arguments only.
    ///
    /// ## Why is this bad?
    /// A dict display (`{}` or `{"key": value}`) is faster, as it needs no
    /// name lookup and no call, and allows keys that are not identifiers.
    ///
    /// ## Example
    /// ```python
    /// options = dict(verbose=True, retries=3)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// options = {"verbose": True, "retries": 3}
    /// ```
    code: "R1735",
    symbol: "use-dict-literal",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[CALL], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return };
    if function.kind_id() != IDENTIFIER || ctx.text(function) != "dict" {
        return;
    }
    let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS).filter(|a| a.kind_id() == ARGUMENT_LIST) else {
        return;
    };
    if !super::consider_using_dict_comprehension::positional_arguments(node).is_empty() {
        return;
    }
    if !ctx.semantic.is_builtin(ctx.semantic.enclosing_scope(node), "dict") {
        return;
    }
    let render = |part| super::consider_using_in::as_string(ctx.source, part);
    let mut elements = Vec::new();
    let mut splats = Vec::new();
    for argument in code_children(arguments) {
        match argument.kind_id() {
            KEYWORD_ARGUMENT => {
                let (Some(name), Some(value)) =
                    (argument.child_by_field_id(FIELD_NAME), argument.child_by_field_id(FIELD_VALUE))
                else {
                    return;
                };
                elements.push(format!("\"{}\": {}", ctx.text(name), render(value)));
            }
            DICTIONARY_SPLAT => splats.push(render(argument)),
            _ => {}
        }
    }
    elements.extend(splats);
    let fix = fix(ctx, node, arguments);
    ctx.report(node, format!("Consider using '{}' instead of a call to 'dict'.", truncated_suggestion(&elements)))
        .with_fix(|| fix);
}

/// `dict()` → `{}`, `dict(a=1, **b)` → `{"a": 1, **b}`: the arguments in
/// their written order (later keys win in both), values as written.
fn fix(ctx: &Context, call: Node, arguments: Node) -> Option<Fix> {
    if ctx.has_comment(call) {
        return None;
    }
    let mut elements = Vec::new();
    for argument in code_children(arguments) {
        match argument.kind_id() {
            KEYWORD_ARGUMENT => {
                let name = ctx.text(argument.child_by_field_id(FIELD_NAME)?);
                elements.push(format!("\"{name}\": {}", ctx.text(argument.child_by_field_id(FIELD_VALUE)?)));
            }
            DICTIONARY_SPLAT => elements.push(ctx.text(argument).to_string()),
            _ => return None,
        }
    }
    let replacement = format!("{{{}}}", elements.join(", "));
    let title = if elements.is_empty() { "Replace with `{}`".to_string() } else { "Replace with a dict literal".to_string() };
    Some(Fix::replace(title, call.byte_range(), replacement))
}

/// pylint's `truncated_dict_suggestion`: elements until the text passes 64
/// characters, then `, ... `.
fn truncated_suggestion(elements: &[String]) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for element in elements {
        if !kept.is_empty() && kept.join(", ").len() >= 64 {
            break;
        }
        kept.push(element);
    }
    let suggestion = kept.join(", ");
    let ellipsis = if suggestion.len() > 64 { ", ... " } else { "" };
    format!("{{{suggestion}{ellipsis}}}")
}
