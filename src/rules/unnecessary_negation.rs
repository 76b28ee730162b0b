use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for `not not x` and for `not` applied to a single comparison
    /// that has an opposite operator (`not a > b`, `not a in b`).
    ///
    /// As in pylint, a negated comparison is reported only when both sides
    /// infer to one value that is not `None`, a set or a dict view (sets
    /// are not totally ordered): literals, and names whose reaching
    /// assignment or parameter default is a literal. `not a == b` inside
    /// `__ne__` is left alone. The message quotes the code as astroid
    /// prints it; expressions this rule cannot print that way (operators
    /// other than comparisons, escaped strings, ...) are not reported.
    ///
    /// ## Why is this bad?
    /// A double negation is the value itself, and a negated comparison
    /// reads better with the opposite operator.
    ///
    /// ## Example
    /// ```python
    /// if not count > 0:
    ///     ...
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if count <= 0:
    ///     ...
    /// ```
    code: "C0117",
    symbol: "unnecessary-negation",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[NOT_OPERATOR], check),
}

/// pylint's table of opposite operators (both directions).
const OPPOSITES: &[(&str, &str)] =
    &[("<", ">="), ("<=", ">"), ("==", "!="), ("in", "not in"), ("is", "is not")];

fn opposite(operator: &str) -> Option<&'static str> {
    OPPOSITES.iter().find_map(|&(one, other)| {
        if operator == one {
            Some(other)
        } else if operator == other {
            Some(one)
        } else {
            None
        }
    })
}

fn check(ctx: &mut Context, node: Node) {
    let Some(operand) = node.child_by_field_id(FIELD_ARGUMENT).map(strip_parens) else { return };
    let suggestion = match operand.kind_id() {
        NOT_OPERATOR => {
            let Some(inner) = operand.child_by_field_id(FIELD_ARGUMENT) else { return };
            let Some(inner) = as_string(ctx, inner) else { return };
            inner
        }
        COMPARISON_OPERATOR => {
            let Some((left, operator, right)) = single_comparison(ctx, operand) else { return };
            let Some(reversed) = opposite(&operator) else { return };
            if operator == "==" && in_method_named(ctx, node, "__ne__") {
                return;
            }
            if !infers_to_one_ordered_value(ctx, left, 0) || !infers_to_one_ordered_value(ctx, right, 0) {
                return;
            }
            let (Some(left), Some(right)) = (as_string(ctx, left), as_string(ctx, right)) else { return };
            format!("{left} {reversed} {right}")
        }
        _ => return,
    };
    let Some(whole) = as_string(ctx, node) else { return };
    ctx.report(node, format!("Consider changing \"{whole}\" to \"{suggestion}\""));
}

/// `left op right` with one operator (its words joined by one space).
fn single_comparison<'t>(ctx: &Context<'_, 't>, comparison: Node<'t>) -> Option<(Node<'t>, String, Node<'t>)> {
    let mut operands = code_children(comparison);
    let (Some(left), Some(right), None) = (operands.next(), operands.next(), operands.next()) else { return None };
    let operator = comparison.children().find(|child| !child.is_named())?;
    Some((left, ctx.text(operator).split_whitespace().collect::<Vec<_>>().join(" "), right))
}

/// Whether the frame of `node` (nearest function, lambda or class) is a
/// function called `name`.
fn in_method_named(ctx: &Context, node: Node, name: &str) -> bool {
    let mut current = node.parent();
    while let Some(ancestor) = current {
        match ancestor.kind_id() {
            FUNCTION_DEFINITION => {
                return ancestor.child_by_field_id(FIELD_NAME).is_some_and(|function| ctx.text(function) == name);
            }
            LAMBDA | CLASS_DEFINITION => return false,
            _ => current = ancestor.parent(),
        }
    }
    false
}

/// pylint's `node_type` gives one value, and it is not a set, a frozenset
/// or a dict view: `None` and unknown values end the check.
fn infers_to_one_ordered_value(ctx: &Context, node: Node, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let node = strip_parens(node);
    match node.kind_id() {
        INTEGER | FLOAT | TRUE | FALSE | LIST | TUPLE | DICTIONARY => true,
        STRING | CONCATENATED_STRING => !has_interpolation(node),
        UNARY_OPERATOR => node
            .child_by_field_id(FIELD_ARGUMENT)
            .is_some_and(|operand| matches!(strip_parens(operand).kind_id(), INTEGER | FLOAT)),
        IDENTIFIER => super::use_implicit_booleaness_not_len::reaching_value(ctx, node)
            .is_some_and(|value| infers_to_one_ordered_value(ctx, value, depth + 1)),
        // A call of a builtin class astroid has no brain for (or one that
        // falls back to an instance): an instance of that class.
        CALL => node.child_by_field_id(FIELD_FUNCTION).is_some_and(|function| {
            function.kind_id() == IDENTIFIER
                && matches!(ctx.text(function), "map" | "filter" | "zip" | "enumerate" | "reversed" | "range")
                && ctx.is_builtin_at(function, ctx.text(function))
        }),
        _ => false,
    }
}

fn has_interpolation(node: Node) -> bool {
    let mut found = false;
    syntax::walk(node, |child| {
        found |= child.kind_id() == INTERPOLATION;
        !found
    });
    found
}

/// astroid's `as_string` for the expressions this rule can print exactly:
/// names, attributes, calls, subscripts, decimal integers, plain strings,
/// `True` / `False` / `None`, comparisons, `not`, and unary and binary
/// arithmetic on operands that need no parentheses.
pub(super) fn as_string(ctx: &Context, node: Node) -> Option<String> {
    let node = strip_parens(node);
    match node.kind_id() {
        IDENTIFIER | TRUE | FALSE | NONE => Some(ctx.text(node).to_string()),
        INTEGER => {
            let text = ctx.text(node);
            (text.chars().all(|c| c.is_ascii_digit()) && (text == "0" || !text.starts_with('0'))).then(|| text.to_string())
        }
        STRING => plain_string_repr(ctx, node),
        ATTRIBUTE => {
            let object = node.child_by_field_id(FIELD_OBJECT)?;
            let attribute = node.child_by_field_id(FIELD_ATTRIBUTE)?;
            Some(format!("{}.{}", atom(ctx, object)?, ctx.text(attribute)))
        }
        CALL => {
            let function = node.child_by_field_id(FIELD_FUNCTION)?;
            let arguments = node.child_by_field_id(FIELD_ARGUMENTS).filter(|arguments| arguments.kind_id() == ARGUMENT_LIST)?;
            let mut printed = Vec::new();
            let mut seen_keyword = false;
            for argument in code_children(arguments) {
                // astroid prints positional arguments before keywords.
                let is_keyword = matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT);
                if seen_keyword && !is_keyword {
                    return None;
                }
                seen_keyword |= is_keyword;
                printed.push(match argument.kind_id() {
                    KEYWORD_ARGUMENT => format!(
                        "{}={}",
                        ctx.text(argument.child_by_field_id(FIELD_NAME)?),
                        as_string(ctx, argument.child_by_field_id(FIELD_VALUE)?)?
                    ),
                    LIST_SPLAT => format!("*{}", as_string(ctx, code_children(argument).next()?)?),
                    DICTIONARY_SPLAT => format!("**{}", as_string(ctx, code_children(argument).next()?)?),
                    _ => as_string(ctx, argument)?,
                });
            }
            Some(format!("{}({})", atom(ctx, function)?, printed.join(", ")))
        }
        SUBSCRIPT => {
            let value = node.child_by_field_id(FIELD_VALUE)?;
            let mut slices = node.children_by_field_id(FIELD_SUBSCRIPT);
            let (Some(slice), None) = (slices.next(), slices.next()) else { return None };
            Some(format!("{}[{}]", atom(ctx, value)?, as_string(ctx, slice)?))
        }
        COMPARISON_OPERATOR => {
            // Operands and operators alternate: `a < b <= c`.
            let mut printed = Vec::new();
            for child in node.children().filter(|child| child.kind_id() != COMMENT) {
                if child.is_named() {
                    printed.push(operand(ctx, child)?);
                } else {
                    printed.push(ctx.text(child).split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Some(printed.join(" "))
        }
        UNARY_OPERATOR => {
            let operator = ctx.text(node.child_by_field_id(FIELD_OPERATOR)?);
            let argument = node.child_by_field_id(FIELD_ARGUMENT)?;
            Some(format!("{operator}{}", arithmetic_operand(ctx, argument)?))
        }
        BINARY_OPERATOR => {
            let operator = ctx.text(node.child_by_field_id(FIELD_OPERATOR)?);
            let (left, right) = (node.child_by_field_id(FIELD_LEFT)?, node.child_by_field_id(FIELD_RIGHT)?);
            Some(format!("{} {operator} {}", arithmetic_operand(ctx, left)?, arithmetic_operand(ctx, right)?))
        }
        NOT_OPERATOR => {
            let argument = node.child_by_field_id(FIELD_ARGUMENT)?;
            Some(format!("not {}", as_string(ctx, argument)?))
        }
        BOOLEAN_OPERATOR => {
            let operator = ctx.text(node.child_by_field_id(FIELD_OPERATOR)?);
            let (left, right) = (node.child_by_field_id(FIELD_LEFT)?, node.child_by_field_id(FIELD_RIGHT)?);
            Some(format!("{} {operator} {}", arithmetic_operand(ctx, left)?, arithmetic_operand(ctx, right)?))
        }
        CONDITIONAL_EXPRESSION => {
            let mut parts = code_children(node);
            let (Some(body), Some(test), Some(orelse), None) = (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let body = arithmetic_operand(ctx, body)?;
            let test = arithmetic_operand(ctx, test)?;
            Some(format!("{body} if {test} else {}", arithmetic_operand(ctx, orelse)?))
        }
        LIST | SET | TUPLE => {
            let elements: Option<Vec<String>> = code_children(node).map(|element| as_string(ctx, element)).collect();
            let elements = elements?.join(", ");
            Some(match node.kind_id() {
                LIST => format!("[{elements}]"),
                SET => format!("{{{elements}}}"),
                // astroid prints a one-element tuple as `(x, )`.
                _ if code_children(node).count() == 1 => format!("({elements}, )"),
                _ => format!("({elements})"),
            })
        }
        DICTIONARY => {
            let mut pairs = Vec::new();
            for pair in code_children(node) {
                if pair.kind_id() != PAIR {
                    return None;
                }
                let key = as_string(ctx, pair.child_by_field_id(FIELD_KEY)?)?;
                pairs.push(format!("{key}: {}", as_string(ctx, pair.child_by_field_id(FIELD_VALUE)?)?));
            }
            Some(format!("{{{}}}", pairs.join(", ")))
        }
        // astroid always parenthesizes `:=`.
        NAMED_EXPRESSION => {
            let name = ctx.text(node.child_by_field_id(FIELD_NAME)?);
            Some(format!("({name} := {})", arithmetic_operand(ctx, node.child_by_field_id(FIELD_VALUE)?)?))
        }
        _ => None,
    }
}

/// An expression printed where only an atom or primary fits (before `.`,
/// `(` or `[`, or as an operand of an operator): the kinds that need no
/// parentheses there.
fn atom(ctx: &Context, node: Node) -> Option<String> {
    match strip_parens(node).kind_id() {
        IDENTIFIER | ATTRIBUTE | CALL | SUBSCRIPT | STRING | TRUE | FALSE | NONE => as_string(ctx, node),
        _ => None,
    }
}

/// An operand of a unary or binary arithmetic operator that needs no
/// parentheses: an atom or an integer.
fn arithmetic_operand(ctx: &Context, node: Node) -> Option<String> {
    match strip_parens(node).kind_id() {
        INTEGER => as_string(ctx, node),
        _ => atom(ctx, node),
    }
}

/// A comparison operand: anything printed above but a comparison or `not`
/// (which astroid would parenthesize).
fn operand(ctx: &Context, node: Node) -> Option<String> {
    match strip_parens(node).kind_id() {
        // astroid drops the parentheses of `:=` in a comparison.
        COMPARISON_OPERATOR | NOT_OPERATOR | BOOLEAN_OPERATOR | CONDITIONAL_EXPRESSION | NAMED_EXPRESSION | LAMBDA => None,
        _ => as_string(ctx, node),
    }
}

/// `repr()` of a string literal without prefix or escapes whose content
/// holds no quote: `'content'`.
fn plain_string_repr(ctx: &Context, node: Node) -> Option<String> {
    if !syntax::string_prefix(ctx.source, node).is_empty() {
        return None;
    }
    let mut content = String::new();
    for child in code_children(node) {
        match child.kind_id() {
            STRING_START | STRING_END => {}
            STRING_CONTENT if code_children(child).next().is_none() => content.push_str(ctx.text(child)),
            _ => return None,
        }
    }
    let printable = content.chars().all(|c| !c.is_control() && c.is_ascii() && c != '\'' && c != '"' && c != '\\');
    printable.then(|| format!("'{content}'"))
}
