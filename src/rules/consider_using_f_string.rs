use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for string literals formatted with `%` or `.format()` where
    /// an f-string would do: pylint leaves out formats that are invalid,
    /// use braces with `%`, pass arguments whose source holds a backslash,
    /// or unpack lists and dicts of several items.
    ///
    /// ## Why is this bad?
    /// An f-string puts each value where it appears in the text, which is
    /// shorter, easier to read and faster.
    ///
    /// ## Example
    /// ```python
    /// greeting = "Hello %s, you are %d" % (name, age)
    /// farewell = "Bye {}".format(name)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// greeting = f"Hello {name}, you are {age}"
    /// farewell = f"Bye {name}"
    /// ```
    code: "C0209",
    symbol: "consider-using-f-string",
    category: Convention,
    checker: "refactoring",
    trigger: Trigger::Node(&[STRING, CONCATENATED_STRING], check),
}

const MESSAGE: &str = "Formatting a regular string which could be an f-string";

fn check(ctx: &mut Context, node: Node) {
    if node.parent().is_some_and(|parent| parent.kind_id() == CONCATENATED_STRING) {
        return;
    }
    let Some(parent) = syntax::parent_skipping_parens(node) else { return };
    // Most strings are neither formatted nor `%`-interpolated: decode only those.
    if !matches!(parent.kind_id(), ATTRIBUTE | BINARY_OPERATOR) {
        return;
    }
    let Some(value) = text_value(ctx.source, node) else { return };
    match parent.kind_id() {
        ATTRIBUTE => {
            let is_format = parent.child_by_field_id(FIELD_ATTRIBUTE).is_some_and(|name| ctx.text(name) == "format");
            // pylint only asks that the grandparent be a call: the call of
            // the method, or a call that gets the bound method as argument.
            let call = match parent.parent() {
                Some(call) if call.kind_id() == CALL => call,
                Some(arguments) if arguments.kind_id() == ARGUMENT_LIST => match arguments.parent() {
                    Some(call) if call.kind_id() == CALL => call,
                    _ => return,
                },
                _ => return,
            };
            if is_format && format_call_qualifies(ctx, &value, call) {
                ctx.report(node, MESSAGE);
            }
        }
        BINARY_OPERATOR => {
            let is_modulo = parent.child_by_field_id(FIELD_OPERATOR).is_some_and(|operator| operator.kind() == "%");
            if is_modulo && percent_format_qualifies(ctx, parent) {
                ctx.report(node, MESSAGE);
            }
        }
        _ => {}
    }
}

/// `"...".format(...)`: a valid format whose arguments an f-string could hold.
fn format_call_qualifies(ctx: &Context, format: &str, call: Node) -> bool {
    let Some(field_keys) = format_field_keys(format) else { return false };
    let Some(arguments) = call.child_by_field_id(FIELD_ARGUMENTS) else { return false };
    if arguments.kind_id() == GENERATOR_EXPRESSION {
        return !shows_backslash(ctx, arguments);
    }
    let all: Vec<Node> = code_children(arguments).collect();
    let (keywords, positional): (Vec<Node>, Vec<Node>) =
        all.into_iter().partition(|argument| matches!(argument.kind_id(), KEYWORD_ARGUMENT | DICTIONARY_SPLAT));
    if !positional.is_empty() {
        for argument in positional {
            if argument.kind_id() == LIST_SPLAT {
                let unpacked = argument.named_child(0).and_then(|value| inferred_literal(ctx, value));
                if unpacked.is_some_and(|literal| literal.kind_id() == LIST && code_children(literal).count() > 1) {
                    return false;
                }
            }
            if shows_backslash(ctx, argument) {
                return false;
            }
        }
        return true;
    }
    for keyword in keywords {
        let (name, value) = match keyword.kind_id() {
            KEYWORD_ARGUMENT => {
                (keyword.child_by_field_id(FIELD_NAME).map(|name| ctx.text(name)), keyword.child_by_field_id(FIELD_VALUE))
            }
            _ => (None, keyword.named_child(0)),
        };
        if let Some(name) = name {
            if field_keys.iter().filter(|key| *key == name).count() > 1 {
                return false;
            }
        }
        let value = value.and_then(|value| inferred_literal(ctx, value));
        if value.is_some_and(|dict| dict.kind_id() == DICTIONARY && code_children(dict).count() > 1)
            && field_keys.len() > 1
        {
            return false;
        }
    }
    true
}

/// `"..." % value`: a left operand that is a string without braces and a
/// right operand that is neither shown with a backslash nor a list or dict
/// of several items.
fn percent_format_qualifies(ctx: &Context, operation: Node) -> bool {
    let (Some(left), Some(right)) = (operation.child_by_field_id(FIELD_LEFT), operation.child_by_field_id(FIELD_RIGHT))
    else {
        return false;
    };
    if shows_backslash(ctx, right) {
        return false;
    }
    let Some(left_value) = text_value(ctx.source, strip_parens(left)) else { return false };
    if left_value.contains(['{', '}']) {
        return false;
    }
    let several = inferred_literal(ctx, right)
        .is_some_and(|literal| matches!(literal.kind_id(), LIST | DICTIONARY) && code_children(literal).count() > 1);
    !several
}

/// The literal an expression certainly evaluates to: itself, or the value
/// of the assignment that reaches a name.
fn inferred_literal<'t>(ctx: &Context<'_, 't>, expression: Node<'t>) -> Option<Node<'t>> {
    let expression = strip_parens(expression);
    if expression.kind_id() != IDENTIFIER {
        return Some(expression);
    }
    let scope = ctx.semantic.enclosing_scope(expression);
    let binding = super::dangerous_default_value::reaching_assignment(ctx, scope, expression, ctx.text(expression))?;
    super::dangerous_default_value::assigned_value(binding).map(strip_parens)
}

/// Whether astroid's `as_string` of the expression holds a backslash: string
/// literals whose `repr` escapes something, or whose source escapes what
/// cannot be decoded here.
fn shows_backslash(ctx: &Context, expression: Node) -> bool {
    let mut found = false;
    syntax::walk(expression, |node| {
        if found {
            return false;
        }
        if matches!(node.kind_id(), STRING | CONCATENATED_STRING) {
            found = match super::consider_using_in::string_literal(ctx.source, node) {
                Some(literal) => literal.repr().contains('\\'),
                None => ctx.text(node).contains('\\'),
            };
            return false;
        }
        true
    });
    found
}

/// The value of a plain `str` literal (implicit concatenations included),
/// close enough to find braces and format fields: escapes this cannot
/// decode are kept as written, except `\N{...}` which is dropped.
fn text_value(source: &str, node: Node) -> Option<String> {
    let parts: Vec<Node> = match node.kind_id() {
        CONCATENATED_STRING => code_children(node).collect(),
        STRING => vec![node],
        _ => return None,
    };
    let mut value = String::new();
    for part in parts {
        if part.kind_id() != STRING {
            return None;
        }
        let prefix = syntax::string_prefix(source, part).to_ascii_lowercase();
        if prefix.contains(['f', 't', 'b']) {
            return None;
        }
        match super::consider_using_in::string_literal(source, part) {
            Some(super::consider_using_in::StringLiteral::Text(text)) => value.push_str(&text),
            Some(super::consider_using_in::StringLiteral::Bytes(_)) => return None,
            None => value.push_str(&without_named_escapes(&string_content(source, part)?)),
        }
    }
    Some(value)
}

/// The text between a string's quotes.
fn string_content(source: &str, string: Node) -> Option<String> {
    let raw = syntax::node_text(source, string);
    let start = string.child(0)?.byte_range().len();
    let end = string.child(string.child_count().checked_sub(1)?)?.byte_range().len();
    raw.get(start..raw.len().checked_sub(end)?).map(str::to_string)
}

fn without_named_escapes(content: &str) -> String {
    let mut out = String::new();
    let mut rest = content;
    while let Some(index) = rest.find("\\N{") {
        out.push_str(&rest[..index]);
        rest = &rest[index + 3..];
        match rest.find('}') {
            Some(close) => {
                out.push('?');
                rest = &rest[close + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The keys (the part before any `.`/`[`) of the named and explicitly
/// numbered fields, nested format specs included, as pylint's
/// `parse_format_method_string` lists them; `None` when Python would
/// reject the format string.
fn format_field_keys(format: &str) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    collect_field_keys(format, &mut keys)?;
    Some(keys)
}

fn collect_field_keys(format: &str, keys: &mut Vec<String>) -> Option<()> {
    for field in parse_format(format)? {
        let name = field.name;
        let is_number = !name.is_empty() && name.chars().all(|c| c.is_ascii_digit());
        if !name.is_empty() && !is_number {
            keys.push(split_field_name(&name)?);
        }
        if !field.spec.is_empty() {
            collect_field_keys(&field.spec, keys)?;
        }
    }
    Some(())
}

struct Field {
    name: String,
    spec: String,
}

/// The replacement fields of a format string, following CPython's
/// `MarkupIterator`; `None` where it raises `ValueError`.
fn parse_format(format: &str) -> Option<Vec<Field>> {
    let chars: Vec<char> = format.chars().collect();
    let mut fields = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        if c != '{' && c != '}' {
            continue;
        }
        let next = chars.get(index).copied();
        if next == Some(c) {
            index += 1;
            continue;
        }
        if c == '}' || next.is_none() {
            return None;
        }
        let (field, end) = parse_field(&chars, index)?;
        fields.push(field);
        index = end;
    }
    Some(fields)
}

/// One field after its `{`: the name up to `}`, `:` or `!` (skipping
/// `[...]`), a conversion, then a spec with balanced braces.
fn parse_field(chars: &[char], mut index: usize) -> Option<(Field, usize)> {
    let name_start = index;
    let mut terminator = None;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        match c {
            '{' => return None,
            '[' => {
                while index < chars.len() && chars[index] != ']' {
                    index += 1;
                }
            }
            '}' | ':' | '!' => {
                terminator = Some(c);
                break;
            }
            _ => {}
        }
    }
    let name_end = if terminator.is_some() { index - 1 } else { index };
    let name: String = chars[name_start..name_end].iter().collect();
    match terminator {
        Some('}') => return Some((Field { name, spec: String::new() }, index)),
        None => return None,
        _ => {}
    }
    if terminator == Some('!') {
        // The conversion character, then `}` or `:`.
        if index >= chars.len() {
            return None;
        }
        index += 1;
        if index < chars.len() {
            let c = chars[index];
            index += 1;
            if c == '}' {
                return Some((Field { name, spec: String::new() }, index));
            }
            if c != ':' {
                return None;
            }
        }
    }
    let spec_start = index;
    let mut depth = 1;
    while index < chars.len() {
        let c = chars[index];
        index += 1;
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    let spec = chars[spec_start..index - 1].iter().collect();
                    return Some((Field { name, spec }, index));
                }
            }
            _ => {}
        }
    }
    None
}

/// The key of a field name (`a` of `a.b[0]`), checking the rest as
/// `_string.formatter_field_name_split` does.
fn split_field_name(name: &str) -> Option<String> {
    let key_end = name.find(['.', '[']).unwrap_or(name.len());
    let key = name[..key_end].to_string();
    let mut rest = &name[key_end..];
    while let Some(first) = rest.chars().next() {
        rest = &rest[1..];
        let part = match first {
            '.' => {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let part = &rest[..end];
                rest = &rest[end..];
                part
            }
            '[' => {
                let end = rest.find(']')?;
                let part = &rest[..end];
                rest = &rest[end + 1..];
                part
            }
            _ => return None,
        };
        if part.is_empty() {
            return None;
        }
    }
    Some(key)
}
