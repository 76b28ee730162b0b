use super::prelude::*;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Checks for a chain of `==` comparisons joined by `or` (or of `!=`
    /// comparisons joined by `and`) that all compare one variable.
    ///
    /// ## Why is this bad?
    /// A membership test says the same thing in one comparison, is shorter
    /// and faster, and lists the accepted values in one place.
    ///
    /// ## Example
    /// ```python
    /// if color == "red" or color == "blue":
    ///     paint(color)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// if color in {"red", "blue"}:
    ///     paint(color)
    /// ```
    code: "R1714",
    symbol: "consider-using-in",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[BOOLEAN_OPERATOR], check),
}

fn check(ctx: &mut Context, node: Node) {
    let Some(operator) = boolean_operator_of(node) else { return };
    // astroid flattens `a or b or c` into one node: only its top is checked.
    if let Some(parent) = node.parent() {
        if parent.kind_id() == BOOLEAN_OPERATOR
            && boolean_operator_of(parent) == Some(operator)
            && parent.child_by_field_id(FIELD_LEFT).is_some_and(|left| left.id() == node.id())
        {
            return;
        }
    }
    let wanted = if operator == "or" { "==" } else { "!=" };
    let mut comparisons = Vec::new();
    for value in flattened_operands(node, operator) {
        let value = strip_parens(value);
        if value.kind_id() != COMPARISON_OPERATOR {
            return;
        }
        let operands: Vec<Node> = code_children(value).collect();
        let operators = comparison_operators(ctx.source, value);
        if operands.len() != 2 || operators.len() != 1 {
            return;
        }
        if operands.iter().any(|operand| strip_parens(*operand).kind_id() == CALL) {
            return;
        }
        if operators[0] != wanted {
            return;
        }
        comparisons.push([operands[0], operands[1]]);
    }
    if comparisons.len() < 2 {
        return;
    }

    let mut common: Option<BTreeSet<String>> = None;
    let mut values: Vec<String> = Vec::new();
    // The operand as written for each rendered value, for the fix.
    let mut written: Vec<Node> = Vec::new();
    for operands in comparisons {
        let mut variables = BTreeSet::new();
        for operand in operands {
            let comparable = strip_parens(operand);
            let rendered = as_string(ctx.source, comparable);
            if matches!(comparable.kind_id(), IDENTIFIER | ATTRIBUTE) {
                variables.insert(rendered.clone());
            }
            if !values.contains(&rendered) {
                values.push(rendered);
                written.push(operand);
            }
        }
        common = Some(match common {
            None => variables,
            Some(previous) => previous.intersection(&variables).cloned().collect(),
        });
    }
    let Some(variable) = common.and_then(|set| set.into_iter().next()) else { return };
    let mut variable_written = None;
    if let Some(position) = values.iter().position(|value| *value == variable) {
        values.remove(position);
        variable_written = Some(written.remove(position));
    }
    let values_string = if values.len() == 1 { format!("{},", values[0]) } else { values.join(", ") };
    let maybe_not = if operator == "or" { "" } else { "not " };
    let fix = variable_written.and_then(|variable| fix(ctx, node, variable, &written, maybe_not));
    ctx.report(
        node,
        format!(
            "Consider merging these comparisons with 'in' by using '{variable} {maybe_not}in ({values_string})'. Use a set instead if elements are hashable."
        ),
    )
    .with_fix(|| fix);
}

/// The whole `or`/`and` becomes `x in (a, b)` / `x not in (a, b)`, from the
/// operands as written.
fn fix(ctx: &Context, node: Node, variable: Node, values: &[Node], maybe_not: &str) -> Option<Fix> {
    if ctx.has_comment(node) || values.is_empty() {
        return None;
    }
    let values: Vec<&str> = values.iter().map(|value| ctx.text(*value)).collect();
    let values = if values.len() == 1 { format!("{},", values[0]) } else { values.join(", ") };
    let replacement = format!("{} {maybe_not}in ({values})", ctx.text(variable));
    Some(Fix::replace(format!("Replace with `{replacement}`"), node.byte_range(), replacement))
}

fn boolean_operator_of(node: Node) -> Option<&'static str> {
    match node.child_by_field_id(FIELD_OPERATOR)?.kind() {
        "or" => Some("or"),
        "and" => Some("and"),
        _ => None,
    }
}

/// The operands of `a or b or c` as astroid sees them: one level of
/// unparenthesized same-operator nesting is one list.
pub(crate) fn flattened_operands<'t>(node: Node<'t>, operator: &str) -> Vec<Node<'t>> {
    let mut operands = Vec::new();
    let mut current = node;
    let mut rights = Vec::new();
    loop {
        if let Some(right) = current.child_by_field_id(FIELD_RIGHT) {
            rights.push(right);
        }
        match current.child_by_field_id(FIELD_LEFT) {
            Some(left) if left.kind_id() == BOOLEAN_OPERATOR && boolean_operator_of(left) == Some(operator) => {
                current = left;
            }
            Some(left) => {
                operands.push(left);
                break;
            }
            None => break,
        }
    }
    operands.extend(rights.into_iter().rev());
    operands
}

/// The operators of a comparison, normalized (`not  in` → `not in`).
pub(crate) fn comparison_operators(source: &str, comparison: Node) -> Vec<String> {
    comparison
        .children_by_field_id(FIELD_OPERATORS)
        .map(|operator| syntax::node_text(source, operator).split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// astroid's `as_string()` of an expression: the code re-rendered from the
/// tree (normalized spacing, `repr` of constants, only needed parentheses).
/// Constructs it does not know are rendered as their whitespace-collapsed
/// source.
pub(crate) fn as_string(source: &str, node: Node) -> String {
    let node = strip_parens(node);
    let text = || collapse_whitespace(syntax::node_text(source, node));
    let render = |child: Node| as_string(source, child);
    let children: Vec<Node> = code_children(node).collect();
    match node.kind_id() {
        IDENTIFIER | TRUE | FALSE | NONE | ELLIPSIS => syntax::node_text(source, node).to_string(),
        INTEGER => render_integer(syntax::node_text(source, node)).unwrap_or_else(text),
        FLOAT => render_float(syntax::node_text(source, node)).unwrap_or_else(text),
        STRING | CONCATENATED_STRING => string_literal(source, node)
            .map(|literal| literal.repr())
            .or_else(|| render_fstring(source, node))
            .unwrap_or_else(text),
        ATTRIBUTE => {
            let (Some(object), Some(attribute)) =
                (node.child_by_field_id(FIELD_OBJECT), node.child_by_field_id(FIELD_ATTRIBUTE))
            else {
                return text();
            };
            let object_text = render(object);
            let object_text = if precedence(strip_parens(object)) < ATOM || strip_parens(object).kind_id() == INTEGER {
                format!("({object_text})")
            } else {
                object_text
            };
            format!("{object_text}.{}", syntax::node_text(source, attribute))
        }
        CALL => {
            let Some(function) = node.child_by_field_id(FIELD_FUNCTION) else { return text() };
            let function_text = wrap_below(source, function, ATOM);
            let Some(arguments) = node.child_by_field_id(FIELD_ARGUMENTS) else { return text() };
            if arguments.kind_id() == GENERATOR_EXPRESSION {
                return format!("{function_text}({})", render(arguments));
            }
            format!("{function_text}({})", render_arguments(source, arguments).join(", "))
        }
        SUBSCRIPT => {
            let Some(value) = node.child_by_field_id(FIELD_VALUE) else { return text() };
            let indices: Vec<String> =
                node.children_by_field_id(FIELD_SUBSCRIPT).map(render).collect();
            format!("{}[{}]", wrap_below(source, value, ATOM), indices.join(", "))
        }
        SLICE => {
            let mut rendered = String::new();
            for child in node.children() {
                if child.kind_id() == COLON {
                    rendered.push(':');
                } else if child.is_named() && child.kind_id() != COMMENT {
                    rendered.push_str(&render(child));
                }
            }
            rendered
        }
        LIST => format!("[{}]", children.iter().map(|child| render(*child)).collect::<Vec<_>>().join(", ")),
        SET => format!("{{{}}}", children.iter().map(|child| render(*child)).collect::<Vec<_>>().join(", ")),
        DICTIONARY => format!("{{{}}}", children.iter().map(|child| render(*child)).collect::<Vec<_>>().join(", ")),
        TUPLE | EXPRESSION_LIST | PATTERN_LIST | TUPLE_PATTERN => {
            let items: Vec<String> = children.iter().map(|child| render(*child)).collect();
            if items.len() == 1 {
                format!("({}, )", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        PAIR => match (node.child_by_field_id(FIELD_KEY), node.child_by_field_id(FIELD_VALUE)) {
            (Some(key), Some(value)) => format!("{}: {}", render(key), render(value)),
            _ => text(),
        },
        LIST_SPLAT | PARENTHESIZED_LIST_SPLAT => match children.first() {
            Some(inner) => format!("*{}", render(*inner)),
            None => text(),
        },
        DICTIONARY_SPLAT => match children.first() {
            Some(inner) => format!("**{}", render(*inner)),
            None => text(),
        },
        KEYWORD_ARGUMENT => match (node.child_by_field_id(FIELD_NAME), node.child_by_field_id(FIELD_VALUE)) {
            (Some(name), Some(value)) => format!("{}={}", syntax::node_text(source, name), render(value)),
            _ => text(),
        },
        LIST_COMPREHENSION | SET_COMPREHENSION | DICTIONARY_COMPREHENSION | GENERATOR_EXPRESSION => {
            let (open, close) = match node.kind_id() {
                LIST_COMPREHENSION => ("[", "]"),
                GENERATOR_EXPRESSION => ("(", ")"),
                _ => ("{", "}"),
            };
            let mut parts = Vec::new();
            for child in children {
                match child.kind_id() {
                    FOR_IN_CLAUSE => {
                        let (Some(target), Some(iterable)) =
                            (child.child_by_field_id(FIELD_LEFT), child.child_by_field_id(FIELD_RIGHT))
                        else {
                            return text();
                        };
                        let prefix = if syntax::is_async(child) { "async " } else { "" };
                        parts.push(format!("{prefix}for {} in {}", render(target), render(iterable)));
                    }
                    IF_CLAUSE => match code_children(child).next() {
                        Some(condition) => parts.push(format!("if {}", render(condition))),
                        None => return text(),
                    },
                    _ => parts.push(render(child)),
                }
            }
            format!("{open}{}{close}", parts.join(" "))
        }
        CONDITIONAL_EXPRESSION => match children[..] {
            [body, test, orelse] => format!(
                "{} if {} else {}",
                wrap_at_or_below(source, body, TERNARY),
                wrap_at_or_below(source, test, TERNARY),
                wrap_below(source, orelse, TERNARY)
            ),
            _ => text(),
        },
        NOT_OPERATOR => match node.child_by_field_id(FIELD_ARGUMENT) {
            Some(argument) => format!("not {}", wrap_below(source, argument, NOT)),
            None => text(),
        },
        UNARY_OPERATOR => match (node.child_by_field_id(FIELD_OPERATOR), node.child_by_field_id(FIELD_ARGUMENT)) {
            (Some(operator), Some(argument)) => {
                format!("{}{}", syntax::node_text(source, operator), wrap_below(source, argument, UNARY))
            }
            _ => text(),
        },
        AWAIT => match children.first() {
            Some(inner) => format!("await {}", wrap_below(source, *inner, AWAIT_PRECEDENCE)),
            None => text(),
        },
        BINARY_OPERATOR => {
            let (Some(left), Some(operator), Some(right)) = (
                node.child_by_field_id(FIELD_LEFT),
                node.child_by_field_id(FIELD_OPERATOR),
                node.child_by_field_id(FIELD_RIGHT),
            ) else {
                return text();
            };
            let operator_text = syntax::node_text(source, operator);
            let own = precedence(node);
            if operator_text == "**" {
                let right_text = match strip_parens(right).kind_id() {
                    UNARY_OPERATOR => format!("({})", render(right)),
                    _ => wrap_below(source, right, own),
                };
                format!("{}**{}", wrap_at_or_below(source, left, own), right_text)
            } else {
                format!(
                    "{} {operator_text} {}",
                    wrap_below(source, left, own),
                    wrap_at_or_below(source, right, own)
                )
            }
        }
        BOOLEAN_OPERATOR => {
            let Some(operator) = boolean_operator_of(node) else { return text() };
            let own = precedence(node);
            flattened_operands(node, operator)
                .into_iter()
                .map(|operand| wrap_at_or_below(source, operand, own))
                .collect::<Vec<_>>()
                .join(&format!(" {operator} "))
        }
        COMPARISON_OPERATOR => {
            let operators = comparison_operators(source, node);
            if operators.len() + 1 != children.len() {
                return text();
            }
            let mut rendered = wrap_at_or_below(source, children[0], COMPARE);
            for (operator, operand) in operators.iter().zip(&children[1..]) {
                rendered.push_str(&format!(" {operator} {}", wrap_at_or_below(source, *operand, COMPARE)));
            }
            rendered
        }
        _ => text(),
    }
}

/// A simple f-string as astroid prints it: single-quoted, its
/// interpolated expressions re-rendered.
fn render_fstring(source: &str, node: Node) -> Option<String> {
    if node.kind_id() != STRING || !syntax::string_prefix(source, node).eq_ignore_ascii_case("f") {
        return None;
    }
    let mut rendered = String::from("f'");
    for child in code_children(node) {
        match child.kind_id() {
            STRING_START | STRING_END => {}
            STRING_CONTENT => {
                let content = syntax::node_text(source, child);
                if content.contains(['\\', '\'', '\n']) {
                    return None;
                }
                rendered.push_str(content);
            }
            INTERPOLATION => {
                let expression = child.child_by_field_id(FIELD_EXPRESSION)?;
                let whole = syntax::node_text(source, child);
                let tail = whole.get(expression.end_byte() - child.start_byte()..)?;
                if tail.contains(['\'', '{']) {
                    return None;
                }
                rendered.push('{');
                rendered.push_str(&as_string(source, expression));
                rendered.push_str(tail.trim_start());
            }
            _ => return None,
        }
    }
    rendered.push('\'');
    Some(rendered)
}

fn render_arguments(source: &str, arguments: Node) -> Vec<String> {
    let mut positional = Vec::new();
    let mut keywords = Vec::new();
    for argument in code_children(arguments) {
        let rendered = as_string(source, argument);
        if matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT) {
            keywords.push(rendered);
        } else {
            positional.push(rendered);
        }
    }
    positional.extend(keywords);
    positional
}

// astroid's operator precedence, lowest first.
const LAMBDA_PRECEDENCE: u8 = 0;
const TERNARY: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const COMPARE: u8 = 5;
const UNARY: u8 = 12;
const POWER: u8 = 13;
const AWAIT_PRECEDENCE: u8 = 14;
const ATOM: u8 = 15;

fn precedence(node: Node) -> u8 {
    match node.kind_id() {
        LAMBDA => LAMBDA_PRECEDENCE,
        NAMED_EXPRESSION => LAMBDA_PRECEDENCE,
        CONDITIONAL_EXPRESSION => TERNARY,
        BOOLEAN_OPERATOR => match boolean_operator_of(node) {
            Some("and") => AND,
            _ => OR,
        },
        NOT_OPERATOR => NOT,
        COMPARISON_OPERATOR => COMPARE,
        BINARY_OPERATOR => match node.child_by_field_id(FIELD_OPERATOR).map(|operator| operator.kind()) {
            Some("|") => 6,
            Some("^") => 7,
            Some("&") => 8,
            Some("<<" | ">>") => 9,
            Some("+" | "-") => 10,
            Some("**") => POWER,
            _ => 11,
        },
        UNARY_OPERATOR => UNARY,
        AWAIT => AWAIT_PRECEDENCE,
        _ => ATOM,
    }
}

/// Renders `child`, parenthesized when it binds less tightly than `parent`.
fn wrap_below(source: &str, child: Node, parent: u8) -> String {
    let rendered = as_string(source, child);
    if precedence(strip_parens(child)) < parent {
        format!("({rendered})")
    } else {
        rendered
    }
}

/// Renders `child`, parenthesized unless it binds more tightly than `parent`
/// (the operand on the side where equal precedence needs parentheses).
fn wrap_at_or_below(source: &str, child: Node, parent: u8) -> String {
    let stripped = strip_parens(child);
    let rendered = as_string(source, child);
    // Equal precedence only needs parentheses when the source had them.
    if precedence(stripped) < parent || (precedence(stripped) == parent && stripped.id() != child.id()) {
        format!("({rendered})")
    } else {
        rendered
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render_integer(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    let value = if let Some(hex) = lower.strip_prefix("0x") {
        u128::from_str_radix(hex, 16).ok()?
    } else if let Some(octal) = lower.strip_prefix("0o") {
        u128::from_str_radix(octal, 8).ok()?
    } else if let Some(binary) = lower.strip_prefix("0b") {
        u128::from_str_radix(binary, 2).ok()?
    } else if lower.ends_with(['j', 'l']) {
        return None;
    } else {
        lower.parse::<u128>().ok()?
    };
    Some(value.to_string())
}

fn render_float(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| *c != '_').collect();
    if digits.ends_with(['j', 'J']) {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    if !value.is_finite() || value == 0.0 || !(1e-4..1e16).contains(&value.abs()) {
        return None;
    }
    let rendered = format!("{value:?}");
    if rendered.contains('e') {
        return None;
    }
    Some(rendered)
}

/// The value of a string literal without interpolations.
pub(crate) enum StringLiteral {
    Text(String),
    Bytes(Vec<u8>),
}

impl StringLiteral {
    /// Python's `repr` of the value.
    pub(crate) fn repr(&self) -> String {
        match self {
            StringLiteral::Text(value) => quote(value.chars(), ""),
            StringLiteral::Bytes(value) => quote(value.iter().map(|byte| *byte as char), "b"),
        }
    }
}

fn quote(chars: impl Iterator<Item = char> + Clone, prefix: &str) -> String {
    let has_single = chars.clone().any(|c| c == '\'');
    let has_double = chars.clone().any(|c| c == '"');
    let delimiter = if has_single && !has_double { '"' } else { '\'' };
    let bytes = prefix == "b";
    let mut out = format!("{prefix}{delimiter}");
    for c in chars {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == delimiter => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f || (bytes && c as u32 > 0x7f) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(delimiter);
    out
}

/// The value of a plain (non-f) string literal or implicit concatenation of
/// them; `None` for f-strings, mixed kinds and escapes this does not decode.
pub(crate) fn string_literal(source: &str, node: Node) -> Option<StringLiteral> {
    let node = strip_parens(node);
    let parts: Vec<Node> = if node.kind_id() == CONCATENATED_STRING {
        code_children(node).collect()
    } else if node.kind_id() == STRING {
        vec![node]
    } else {
        return None;
    };
    let mut text = String::new();
    let mut bytes: Option<bool> = None;
    for part in parts {
        if part.kind_id() != STRING {
            return None;
        }
        let prefix = syntax::string_prefix(source, part).to_ascii_lowercase();
        if prefix.contains('f') || prefix.contains('t') {
            return None;
        }
        let is_bytes = prefix.contains('b');
        if bytes.is_some_and(|previous| previous != is_bytes) {
            return None;
        }
        bytes = Some(is_bytes);
        let raw = syntax::node_text(source, part);
        let start = part.child(0).map(|token| token.byte_range().len())?;
        let end = part.child(part.child_count().checked_sub(1)?).map(|token| token.byte_range().len())?;
        let content = raw.get(start..raw.len().checked_sub(end)?)?;
        if prefix.contains('r') {
            text.push_str(content);
        } else {
            text.push_str(&unescape(content)?);
        }
    }
    Some(match bytes {
        Some(true) => StringLiteral::Bytes(text.chars().map(|c| c as u32 as u8).collect()),
        _ => StringLiteral::Text(text),
    })
}

fn unescape(content: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = content.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}
