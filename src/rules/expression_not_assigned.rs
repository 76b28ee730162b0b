use super::pointless_statement::{classify, Expression, ExpressionStatement};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for expression statements whose value is dropped although it
    /// calls something inside, without being a call itself:
    /// `x == compute()`, `items.pop() or default`, `[f(x) for x in xs]`.
    ///
    /// ## Why is this bad?
    /// The call has an effect, but the value computed around it is lost:
    /// usually an assignment was meant, or a loop would be clearer.
    ///
    /// ## Example
    /// ```python
    /// result == compute()
    /// [print(item) for item in items]
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// result = compute()
    /// for item in items:
    ///     print(item)
    /// ```
    code: "W0106",
    symbol: "expression-not-assigned",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[EXPRESSION_STATEMENT], check),
}

fn check(ctx: &mut Context, statement: Node) {
    let Some(ExpressionStatement::NotAssigned(expression)) = classify(ctx, statement) else { return };
    let rendered = match expression {
        Expression::Single(node) => as_string(ctx.source, node),
        Expression::BareTuple(elements) => render_tuple(ctx.source, &elements),
    };
    ctx.report(statement, format!("Expression \"{rendered}\" is assigned to nothing"));
}

/// astroid's `as_string()` of an expression: the code regenerated from the
/// tree, with normalised spacing, quotes and number literals, and only the
/// parentheses that precedence needs.
pub(crate) fn as_string(source: &str, node: Node) -> String {
    AsString { source }.render(node)
}

fn render_tuple(source: &str, elements: &[Node]) -> String {
    let renderer = AsString { source };
    let parts: Vec<String> = elements.iter().map(|element| renderer.render(*element)).collect();
    if parts.len() == 1 {
        format!("({}, )", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

struct AsString<'s> {
    source: &'s str,
}

/// astroid's `OP_PRECEDENCE`; atoms bind tightest.
const PRECEDENCE_ATOM: u8 = 16;

impl<'s> AsString<'s> {
    fn text(&self, node: Node) -> &'s str {
        syntax::node_text(self.source, node)
    }

    fn operator(&self, node: Node) -> &'s str {
        node.child_by_field_id(FIELD_OPERATOR).map(|op| self.text(op)).unwrap_or("")
    }

    fn precedence(&self, node: Node) -> u8 {
        let node = strip_parens(node);
        match node.kind_id() {
            LAMBDA => 0,
            CONDITIONAL_EXPRESSION => 1,
            BOOLEAN_OPERATOR => match self.operator(node) {
                "or" => 2,
                _ => 3,
            },
            NOT_OPERATOR => 4,
            NAMED_EXPRESSION => 5,
            COMPARISON_OPERATOR => 6,
            BINARY_OPERATOR => match self.operator(node) {
                "|" => 7,
                "^" => 8,
                "&" => 9,
                "<<" | ">>" => 10,
                "+" | "-" => 11,
                "**" => 14,
                _ => 12,
            },
            UNARY_OPERATOR => 13,
            AWAIT => 15,
            _ => PRECEDENCE_ATOM,
        }
    }

    fn left_associative(&self, node: Node) -> bool {
        match node.kind_id() {
            BINARY_OPERATOR => self.operator(node) != "**",
            CONDITIONAL_EXPRESSION => false,
            _ => true,
        }
    }

    fn wrapped(&self, parent: Node, child: Node, is_left: bool) -> String {
        let child = strip_parens(child);
        let parent_precedence = self.precedence(parent);
        let child_precedence = self.precedence(child);
        let wrap = parent_precedence > child_precedence
            || (parent_precedence == child_precedence && is_left != self.left_associative(parent));
        if wrap {
            format!("({})", self.render(child))
        } else {
            self.render(child)
        }
    }

    fn render(&self, node: Node) -> String {
        let node = strip_parens(node);
        let children: Vec<Node> = code_children(node).collect();
        match node.kind_id() {
            IDENTIFIER => self.text(node).to_string(),
            TRUE => "True".into(),
            FALSE => "False".into(),
            NONE => "None".into(),
            ELLIPSIS => "...".into(),
            INTEGER => integer_repr(self.text(node)),
            FLOAT => float_literal_repr(self.text(node)),
            STRING | CONCATENATED_STRING => self.string(node),
            ATTRIBUTE => {
                let (Some(object), Some(attribute)) =
                    (node.child_by_field_id(FIELD_OBJECT), node.child_by_field_id(FIELD_ATTRIBUTE))
                else {
                    return self.fallback(node);
                };
                let mut left = self.wrapped(node, object, true);
                if !left.is_empty() && left.bytes().all(|byte| byte.is_ascii_digit()) {
                    left = format!("({left})");
                }
                format!("{left}.{}", self.text(attribute))
            }
            CALL => {
                let (Some(function), Some(arguments)) =
                    (node.child_by_field_id(FIELD_FUNCTION), node.child_by_field_id(FIELD_ARGUMENTS))
                else {
                    return self.fallback(node);
                };
                let function = self.wrapped(node, function, true);
                if arguments.kind_id() == GENERATOR_EXPRESSION {
                    return format!("{function}({})", self.render(arguments));
                }
                let mut positional = Vec::new();
                let mut keywords = Vec::new();
                for argument in code_children(arguments) {
                    match argument.kind_id() {
                        KEYWORD_ARGUMENT | DICTIONARY_SPLAT => keywords.push(self.render(argument)),
                        _ => positional.push(self.render(argument)),
                    }
                }
                positional.extend(keywords);
                format!("{function}({})", positional.join(", "))
            }
            KEYWORD_ARGUMENT => match (node.child_by_field_id(FIELD_NAME), node.child_by_field_id(FIELD_VALUE)) {
                (Some(name), Some(value)) => format!("{}={}", self.text(name), self.render(value)),
                _ => self.fallback(node),
            },
            LIST_SPLAT | PARENTHESIZED_LIST_SPLAT => match children.first() {
                Some(value) => format!("*{}", self.render(*value)),
                None => self.fallback(node),
            },
            DICTIONARY_SPLAT => match children.first() {
                Some(value) => format!("**{}", self.render(*value)),
                None => self.fallback(node),
            },
            SUBSCRIPT => {
                let Some(value) = node.child_by_field_id(FIELD_VALUE) else { return self.fallback(node) };
                let indices: Vec<Node> = node.children_by_field_id(FIELD_SUBSCRIPT).collect();
                let index = match indices.as_slice() {
                    [single] => {
                        let single = strip_parens(*single);
                        if single.kind_id() == TUPLE && code_children(single).next().is_some() {
                            let rendered = self.render(single);
                            rendered[1..rendered.len() - 1].to_string()
                        } else {
                            self.render(single)
                        }
                    }
                    many => {
                        let parts: Vec<String> = many.iter().map(|index| self.render(*index)).collect();
                        if parts.len() == 1 {
                            format!("{}, ", parts[0])
                        } else {
                            parts.join(", ")
                        }
                    }
                };
                format!("{}[{index}]", self.wrapped(node, value, true))
            }
            SLICE => self.slice(node),
            BINARY_OPERATOR => {
                let (Some(left), Some(right)) = (node.child_by_field_id(FIELD_LEFT), node.child_by_field_id(FIELD_RIGHT))
                else {
                    return self.fallback(node);
                };
                let operator = self.operator(node);
                let left = self.wrapped(node, left, true);
                let right = self.wrapped(node, right, false);
                if operator == "**" {
                    format!("{left}**{right}")
                } else {
                    format!("{left} {operator} {right}")
                }
            }
            BOOLEAN_OPERATOR => {
                let (Some(left), Some(right)) = (node.child_by_field_id(FIELD_LEFT), node.child_by_field_id(FIELD_RIGHT))
                else {
                    return self.fallback(node);
                };
                format!("{} {} {}", self.wrapped(node, left, true), self.operator(node), self.wrapped(node, right, true))
            }
            NOT_OPERATOR => match node.child_by_field_id(FIELD_ARGUMENT) {
                Some(operand) => format!("not {}", self.wrapped(node, operand, true)),
                None => self.fallback(node),
            },
            UNARY_OPERATOR => match node.child_by_field_id(FIELD_ARGUMENT) {
                Some(operand) => format!("{}{}", self.operator(node), self.wrapped(node, operand, true)),
                None => self.fallback(node),
            },
            COMPARISON_OPERATOR => {
                let mut out = String::new();
                let mut first = true;
                for child in node.children() {
                    if child.kind_id() == COMMENT {
                        continue;
                    }
                    if child.is_named() {
                        if first {
                            out.push_str(&self.wrapped(node, child, true));
                            first = false;
                        } else {
                            out.push(' ');
                            out.push_str(&self.wrapped(node, child, false));
                        }
                    } else {
                        out.push(' ');
                        out.push_str(child.kind());
                    }
                }
                out
            }
            CONDITIONAL_EXPRESSION => match children.as_slice() {
                [body, test, orelse] => format!(
                    "{} if {} else {}",
                    self.wrapped(node, *body, true),
                    self.wrapped(node, *test, true),
                    self.wrapped(node, *orelse, false)
                ),
                _ => self.fallback(node),
            },
            NAMED_EXPRESSION => match (node.child_by_field_id(FIELD_NAME), node.child_by_field_id(FIELD_VALUE)) {
                (Some(name), Some(value)) => {
                    let inner = format!("{} := {}", self.render(name), self.render(value));
                    if syntax::parent_skipping_parens(node).is_some_and(|parent| parent.kind_id() == COMPARISON_OPERATOR) {
                        inner
                    } else {
                        format!("({inner})")
                    }
                }
                _ => self.fallback(node),
            },
            AWAIT => match children.first() {
                Some(value) => format!("await {}", self.render(*value)),
                None => self.fallback(node),
            },
            LAMBDA => {
                let body = node.child_by_field_id(FIELD_BODY).map(|body| self.render(body)).unwrap_or_default();
                match node.child_by_field_id(FIELD_PARAMETERS) {
                    Some(parameters) => {
                        let parts: Vec<String> = code_children(parameters).map(|p| self.parameter(p)).collect();
                        format!("lambda {}: {body}", parts.join(", "))
                    }
                    None => format!("lambda: {body}"),
                }
            }
            TUPLE | EXPRESSION_LIST | PATTERN_LIST | TUPLE_PATTERN => {
                let parts: Vec<String> = children.iter().map(|child| self.render(*child)).collect();
                if parts.len() == 1 {
                    format!("({}, )", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            LIST | LIST_PATTERN => format!("[{}]", self.joined(&children)),
            SET => format!("{{{}}}", self.joined(&children)),
            DICTIONARY => format!("{{{}}}", self.joined(&children)),
            PAIR => match (node.child_by_field_id(FIELD_KEY), node.child_by_field_id(FIELD_VALUE)) {
                (Some(key), Some(value)) => format!("{}: {}", self.render(key), self.render(value)),
                _ => self.fallback(node),
            },
            LIST_COMPREHENSION => format!("[{}]", self.comprehension(&children)),
            SET_COMPREHENSION | DICTIONARY_COMPREHENSION => format!("{{{}}}", self.comprehension(&children)),
            GENERATOR_EXPRESSION => format!("({})", self.comprehension(&children)),
            _ => self.fallback(node),
        }
    }

    fn joined(&self, nodes: &[Node]) -> String {
        nodes.iter().map(|node| self.render(*node)).collect::<Vec<_>>().join(", ")
    }

    fn comprehension(&self, children: &[Node]) -> String {
        let mut parts = Vec::new();
        for child in children {
            match child.kind_id() {
                FOR_IN_CLAUSE => {
                    let is_async = child.child(0).is_some_and(|first| first.kind_id() == KW_ASYNC);
                    let target = child.child_by_field_id(FIELD_LEFT).map(|left| self.render(left)).unwrap_or_default();
                    let iterables: Vec<Node> = child
                        .children_by_field_id(FIELD_RIGHT)
                        .filter(|right| right.is_named() && right.kind_id() != COMMENT)
                        .collect();
                    let iterable = match iterables.as_slice() {
                        [single] => self.render(*single),
                        many => format!("({})", self.joined(many)),
                    };
                    let prefix = if is_async { "async " } else { "" };
                    parts.push(format!("{prefix}for {target} in {iterable}"));
                }
                IF_CLAUSE => {
                    let condition = code_children(*child).next().map(|test| self.render(test)).unwrap_or_default();
                    let attach = parts.len() > 1;
                    match parts.last_mut() {
                        Some(last) if attach => last.push_str(&format!(" if {condition}")),
                        _ => parts.push(format!("if {condition}")),
                    }
                }
                _ => parts.push(self.render(*child)),
            }
        }
        parts.join(" ")
    }

    fn parameter(&self, parameter: Node) -> String {
        match parameter.kind_id() {
            DEFAULT_PARAMETER => match (parameter.child_by_field_id(FIELD_NAME), parameter.child_by_field_id(FIELD_VALUE)) {
                (Some(name), Some(value)) => format!("{}={}", self.text(name), self.render(value)),
                _ => self.fallback(parameter),
            },
            _ => self.text(parameter).to_string(),
        }
    }

    fn slice(&self, node: Node) -> String {
        let mut parts = [String::new(), String::new(), String::new()];
        let mut position = 0;
        for child in node.children() {
            if child.kind_id() == COLON {
                position = (position + 1).min(2);
            } else if child.is_named() && child.kind_id() != COMMENT {
                parts[position] = self.render(child);
            }
        }
        let [lower, upper, step] = parts;
        if step.is_empty() {
            format!("{lower}:{upper}")
        } else {
            format!("{lower}:{upper}:{step}")
        }
    }

    /// Source text with runs of whitespace collapsed: for nodes astroid
    /// renders in ways not modelled here.
    fn fallback(&self, node: Node) -> String {
        self.text(node).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn string(&self, node: Node) -> String {
        let parts: Vec<Node> = match node.kind_id() {
            CONCATENATED_STRING => code_children(node).filter(|part| part.kind_id() == STRING).collect(),
            _ => vec![node],
        };
        let prefixes: Vec<String> =
            parts.iter().map(|part| syntax::string_prefix(self.source, *part).to_ascii_lowercase()).collect();
        if prefixes.iter().any(|prefix| prefix.contains('f')) {
            return self.joined_string(&parts, &prefixes).unwrap_or_else(|| self.fallback(node));
        }
        let is_bytes = prefixes.iter().any(|prefix| prefix.contains('b'));
        let mut value = Vec::new();
        for (part, prefix) in parts.iter().zip(&prefixes) {
            let Some(body) = string_body(self.source, *part) else { return self.fallback(node) };
            let Some(decoded) = decode(body, prefix.contains('r'), is_bytes) else { return self.fallback(node) };
            value.extend(decoded);
        }
        if is_bytes {
            bytes_repr(&value)
        } else {
            let text: String = value.into_iter().filter_map(char::from_u32).collect();
            str_repr(&text)
        }
    }

    fn joined_string(&self, parts: &[Node], prefixes: &[String]) -> Option<String> {
        let mut out = String::new();
        for (part, prefix) in parts.iter().zip(prefixes) {
            let is_fstring = prefix.contains('f');
            let raw = prefix.contains('r');
            let pieces: Vec<Node> = part.children().collect();
            if !is_fstring {
                let decoded = decode(string_body(self.source, *part)?, raw, false)?;
                out.push_str(&literal_piece(&decoded));
                continue;
            }
            for piece in pieces {
                match piece.kind_id() {
                    STRING_CONTENT => {
                        let text = self.text(piece).replace("{{", "{").replace("}}", "}");
                        out.push_str(&literal_piece(&decode(&text, raw, false)?));
                    }
                    INTERPOLATION => out.push_str(&self.interpolation(piece)?),
                    _ => {}
                }
            }
        }
        let quote = ["'", "\"", "\"\"\"", "'''"].into_iter().find(|quote| !out.contains(quote)).unwrap_or("'''");
        Some(format!("f{quote}{out}{quote}"))
    }

    fn interpolation(&self, node: Node) -> Option<String> {
        let expression = node.child_by_field_id(FIELD_EXPRESSION)?;
        // `{x=}` expands to literal text plus a repr: not modelled.
        if node.children().any(|child| !child.is_named() && self.text(child) == "=") {
            return None;
        }
        let mut result = self.render(expression);
        if let Some(conversion) = node.child_by_field_id(FIELD_TYPE_CONVERSION) {
            result.push_str(self.text(conversion));
        }
        if let Some(spec) = node.child_by_field_id(FIELD_FORMAT_SPECIFIER) {
            result.push(':');
            result.push_str(self.text(spec).trim_start_matches(':'));
        }
        Some(format!("{{{result}}}"))
    }
}

/// A literal part of an f-string as astroid renders it: the repr without
/// quotes, braces doubled.
fn literal_piece(value: &[u32]) -> String {
    let text: String = value.iter().filter_map(|code| char::from_u32(*code)).collect();
    let repr = str_repr(&text);
    repr[1..repr.len() - 1].replace('{', "{{").replace('}', "}}")
}

/// The text between the quotes of a string literal.
fn string_body<'s>(source: &'s str, string: Node) -> Option<&'s str> {
    let text = syntax::node_text(source, string);
    let prefix_len = syntax::string_prefix(source, string).len();
    let rest = text.get(prefix_len..)?;
    let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") { 3 } else { 1 };
    rest.get(quote..rest.len().checked_sub(quote)?)
}

/// Decodes a literal body to code points (bytes for `b''`); `None` for
/// escapes not modelled (`\N{...}`).
fn decode(body: &str, raw: bool, is_bytes: bool) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let push_char = |out: &mut Vec<u32>, ch: char| {
        if is_bytes {
            let mut buffer = [0u8; 4];
            out.extend(ch.encode_utf8(&mut buffer).bytes().map(u32::from));
        } else {
            out.push(ch as u32);
        }
    };
    let mut chars = body.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            push_char(&mut out, ch);
            continue;
        }
        let Some(&next) = chars.peek() else {
            out.push('\\' as u32);
            continue;
        };
        if raw {
            out.push('\\' as u32);
            continue;
        }
        chars.next();
        let simple = match next {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(simple) = simple {
            if let Some(ch) = simple {
                out.push(ch as u32);
            }
            continue;
        }
        match next {
            '0'..='7' => {
                let mut value = next.to_digit(8)?;
                for _ in 0..2 {
                    match chars.peek().and_then(|digit| digit.to_digit(8)) {
                        Some(digit) => {
                            value = value * 8 + digit;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(value);
            }
            'x' | 'u' | 'U' if next == 'x' || !is_bytes => {
                let width = match next {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut value = 0u32;
                for _ in 0..width {
                    value = value.checked_mul(16)? + chars.next()?.to_digit(16)?;
                }
                out.push(value);
            }
            'N' if !is_bytes => return None,
            other => {
                out.push('\\' as u32);
                push_char(&mut out, other);
            }
        }
    }
    Some(out)
}

/// Python's `repr()` of a `str`.
pub(crate) fn str_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if ch == quote => {
                out.push('\\');
                out.push(ch);
            }
            _ if !is_printable(ch) => {
                let code = ch as u32;
                if code < 0x100 {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code < 0x10000 {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
            _ => out.push(ch),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for single characters.
fn is_printable(ch: char) -> bool {
    let code = ch as u32;
    !(code < 0x20
        || (0x7f..=0xa0).contains(&code)
        || code == 0xad
        || (0x2000..=0x200f).contains(&code)
        || (0x2028..=0x202f).contains(&code)
        || (0x205f..=0x206f).contains(&code)
        || code == 0x3000
        || code == 0xfeff
        || (0xd800..=0xf8ff).contains(&code)
        || (0xfff0..=0xfffb).contains(&code))
}

fn bytes_repr(value: &[u32]) -> String {
    let has_single = value.contains(&('\'' as u32));
    let has_double = value.contains(&('"' as u32));
    let quote = if has_single && !has_double { b'"' } else { b'\'' };
    let mut out = String::from("b");
    out.push(quote as char);
    for &code in value {
        let byte = (code & 0xff) as u8;
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if byte == quote => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// `repr()` of an integer literal (decimal); the literal text when too large.
fn integer_repr(text: &str) -> String {
    let clean: String = text.chars().filter(|ch| *ch != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(imaginary) = lower.strip_suffix('j') {
        return imaginary_repr(imaginary).unwrap_or_else(|| clean.clone());
    }
    let parsed = if let Some(hex) = lower.strip_prefix("0x") {
        u128::from_str_radix(hex, 16).ok()
    } else if let Some(octal) = lower.strip_prefix("0o") {
        u128::from_str_radix(octal, 8).ok()
    } else if let Some(binary) = lower.strip_prefix("0b") {
        u128::from_str_radix(binary, 2).ok()
    } else {
        lower.parse::<u128>().ok()
    };
    parsed.map(|value| value.to_string()).unwrap_or(clean)
}

fn float_literal_repr(text: &str) -> String {
    let clean: String = text.chars().filter(|ch| *ch != '_').collect::<String>().to_ascii_lowercase();
    if let Some(imaginary) = clean.strip_suffix('j') {
        return imaginary_repr(imaginary).unwrap_or(clean.clone());
    }
    clean.parse::<f64>().map(float_repr).unwrap_or(clean)
}

/// `repr(1.5j)` is `1.5j`, `repr(2j)` is `2j`.
fn imaginary_repr(text: &str) -> Option<String> {
    let value: f64 = text.parse().ok()?;
    let repr = float_repr(value);
    Some(format!("{}j", repr.strip_suffix(".0").unwrap_or(&repr)))
}

/// Python's `repr()` of a float: shortest round-trip digits, scientific
/// notation below 1e-4 and from 1e16 on.
pub(crate) fn float_repr(value: f64) -> String {
    if value.is_infinite() {
        return if value > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if value.is_nan() {
        return "nan".into();
    }
    if value == 0.0 {
        return if value.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let scientific = format!("{value:e}");
    let Some((mantissa, exponent)) = scientific.split_once('e') else { return scientific };
    let Ok(exponent) = exponent.parse::<i32>() else { return scientific };
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{body}")
    } else {
        let fraction = if digits.len() > 1 { format!("{}.{}", &digits[..1], &digits[1..]) } else { digits.clone() };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{fraction}e{exponent_sign}{:02}", exponent.abs())
    }
}
