use super::chained_comparison::{flattened_values, is_flattened_into_parent, operator_text};
use super::prelude::*;
use super::unnecessary_negation::as_string;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Checks for `or` conditions that call the builtin `isinstance` more
    /// than once on the same object (`isinstance(x, int) or
    /// isinstance(x, float)`), once per such object, listing all the types
    /// it is tested against.
    ///
    /// Objects and types are compared as astroid prints them; conditions
    /// holding an `isinstance` argument this rule cannot print that way are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// `isinstance` accepts a tuple of types: one call says the same and
    /// evaluates the object once.
    ///
    /// ## Example
    /// ```python
    /// if isinstance(value, int) or isinstance(value, float):
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if isinstance(value, (int, float)):
    ///     ...
    /// ```
    code: "R1701",
    symbol: "consider-merging-isinstance",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[BOOLEAN_OPERATOR], check),
}

fn check(ctx: &mut Context, node: Node) {
    if is_flattened_into_parent(ctx, node) || operator_text(ctx, node) != Some("or") {
        return;
    }
    // (object, its types), in the order objects are first met.
    let mut objects: Vec<(String, BTreeSet<String>, usize)> = Vec::new();
    for value in flattened_values(ctx, node) {
        let value = strip_parens(value);
        let Some([object, types]) = isinstance_arguments(ctx, value) else { continue };
        let Some(object) = as_string(ctx, object) else { return };
        let types = strip_parens(types);
        let mut printed = Vec::new();
        if types.kind_id() == TUPLE {
            for element in code_children(types) {
                let Some(text) = as_string(ctx, element) else { return };
                printed.push(text);
            }
        } else {
            let Some(text) = as_string(ctx, types) else { return };
            printed.push(text);
        }
        match objects.iter_mut().find(|(seen, _, _)| *seen == object) {
            Some((_, known, calls)) => {
                known.extend(printed);
                *calls += 1;
            }
            None => objects.push((object, printed.into_iter().collect(), 1)),
        }
    }
    let messages: Vec<String> = objects
        .into_iter()
        .filter(|(_, _, calls)| *calls > 1)
        .map(|(object, types, _)| {
            let types: Vec<String> = types.into_iter().collect();
            format!("Consider merging these isinstance calls to isinstance({object}, ({}))", types.join(", "))
        })
        .collect();
    for message in messages {
        ctx.report(node, message);
    }
}

/// The two positional arguments of a call of the builtin `isinstance`
/// (keyword arguments aside, as astroid's `Call.args`).
fn isinstance_arguments<'t>(ctx: &Context<'_, 't>, call: Node<'t>) -> Option<[Node<'t>; 2]> {
    if call.kind_id() != CALL {
        return None;
    }
    let function = call.child_by_field_id(FIELD_FUNCTION).map(strip_parens)?;
    if function.kind_id() != IDENTIFIER
        || ctx.text(function) != "isinstance"
        || !ctx.is_builtin_at(function, "isinstance")
        || super::unspecified_encoding::star_imports_may_bind(ctx, "isinstance")
    {
        return None;
    }
    let arguments = call.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)?;
    let mut positional =
        code_children(arguments).filter(|argument| !matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT));
    let (Some(object), Some(types), None) = (positional.next(), positional.next(), positional.next()) else { return None };
    Some([object, types])
}
