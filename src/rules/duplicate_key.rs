use super::prelude::*;
use super::used_before_assignment::parse_integer;
use crate::semantic::summary::{dotted_parts, plain_string};

declare_rule! {
    /// ## What it does
    /// Checks for dictionary displays that give the same constant key (or
    /// the same dotted name, like an enum member) more than once.
    ///
    /// ## Why is this bad?
    /// Only the last value is kept; the earlier ones are silently lost,
    /// which is rarely what was meant.
    ///
    /// Keys are compared as Python compares them (`1` and `True` are the
    /// same key). Keys this rule cannot evaluate with certainty (floats,
    /// bytes, strings with escapes or implicit concatenation, calls) are
    /// not compared.
    ///
    /// ## Example
    /// ```python
    /// limits = {"cpu": 2, "memory": 512, "cpu": 4}
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// limits = {"cpu": 4, "memory": 512}
    /// ```
    code: "W0109",
    symbol: "duplicate-key",
    category: Warning,
    checker: "basic",
    trigger: Trigger::Node(&[DICTIONARY], check),
}

/// A key as Python compares it.
#[derive(PartialEq, Eq)]
enum Key {
    Str(String),
    Int(i128),
    None,
    /// astroid compares attribute keys by their source (`as_string()`).
    Dotted(String),
}

fn check(ctx: &mut Context, dictionary: Node) {
    let mut seen: Vec<Key> = Vec::new();
    let mut reports = Vec::new();
    for pair in code_children(dictionary).filter(|child| child.kind_id() == PAIR) {
        let Some(key) = pair.child_by_field_id(FIELD_KEY).map(strip_parens) else { continue };
        let Some((key, shown)) = evaluate(ctx, key) else { continue };
        if seen.contains(&key) {
            reports.push(shown);
        } else {
            seen.push(key);
        }
    }
    for shown in reports {
        ctx.report(dictionary, format!("Duplicate key {shown} in dictionary"));
    }
}

/// The key and its `repr()`; `None` when it is not modelled.
fn evaluate(ctx: &Context, key: Node) -> Option<(Key, String)> {
    match key.kind_id() {
        STRING => {
            let text = plain_string(ctx.source, key)?;
            let shown = python_repr(text)?;
            Some((Key::Str(text.to_string()), shown))
        }
        INTEGER => {
            let value = parse_integer(ctx.text(key))?;
            Some((Key::Int(value), value.to_string()))
        }
        TRUE => Some((Key::Int(1), "True".to_string())),
        FALSE => Some((Key::Int(0), "False".to_string())),
        // pylint passes the key as the message's arguments, and `None` as
        // arguments means "no formatting": the message keeps its `%r`.
        NONE => Some((Key::None, "%r".to_string())),
        ATTRIBUTE => {
            let dotted = dotted_parts(ctx.source, key)?.join(".");
            let shown = python_repr(&dotted)?;
            Some((Key::Dotted(dotted), shown))
        }
        _ => None,
    }
}

/// Python's `repr()` of a string of printable ASCII characters.
pub(crate) fn python_repr(text: &str) -> Option<String> {
    if !text.bytes().all(|byte| (0x20..0x7f).contains(&byte)) || text.contains('\\') {
        return None;
    }
    Some(if text.contains('\'') && !text.contains('"') {
        format!("\"{text}\"")
    } else {
        format!("'{}'", text.replace('\'', "\\'"))
    })
}
