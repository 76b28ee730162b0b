use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for f-strings that interpolate nothing.
    ///
    /// ## Why is this bad?
    /// The `f` prefix does nothing there; it usually means the placeholders
    /// were forgotten, or it makes readers look for them in vain.
    ///
    /// ## Example
    /// ```python
    /// print(f"Hello, world")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// print("Hello, world")
    /// ```
    code: "W1309",
    symbol: "f-string-without-interpolation",
    category: Warning,
    checker: "string",
    trigger: Trigger::Node(&[STRING, CONCATENATED_STRING], check),
}

fn check(ctx: &mut Context, node: Node) {
    // The parts of an implicit concatenation make one f-string in Python's AST.
    let parts: Vec<Node> = match node.kind_id() {
        CONCATENATED_STRING => code_children(node).filter(|part| part.kind_id() == STRING).collect(),
        _ if node.parent().is_some_and(|parent| parent.kind_id() == CONCATENATED_STRING) => return,
        _ => vec![node],
    };
    let mut is_fstring = false;
    for part in &parts {
        let prefix = syntax::string_prefix(ctx.source, *part).to_ascii_lowercase();
        if prefix.contains('t') {
            return;
        }
        is_fstring |= prefix.contains('f');
        if code_children(*part).any(|child| child.kind_id() == INTERPOLATION) {
            return;
        }
    }
    if !is_fstring {
        return;
    }
    // An f-string that is itself the value of a replacement field is exempt.
    if syntax::parent_skipping_parens(node).is_some_and(|parent| parent.kind_id() == INTERPOLATION) {
        return;
    }
    let fix = fix(ctx, &parts);
    ctx.report(node, "Using an f-string that does not have any interpolated variables").with_fix(|| fix);
}

/// Drops the `f` of every part's prefix; the doubled braces an f-string needs
/// (`{{`, `}}`) become single ones, so the string's value stays the same.
fn fix(ctx: &Context, parts: &[Node]) -> Option<Fix> {
    let mut edits = Vec::new();
    for part in parts {
        let prefix = syntax::string_prefix(ctx.source, *part);
        if !prefix.contains(['f', 'F']) {
            continue;
        }
        let body = ctx.text(*part).get(prefix.len()..)?;
        let prefix: String = prefix.chars().filter(|ch| !matches!(ch, 'f' | 'F')).collect();
        let body = body.replace("{{", "{").replace("}}", "}");
        edits.push(Edit::replace(part.byte_range(), format!("{prefix}{body}")));
    }
    (!edits.is_empty()).then(|| Fix::new("Remove the `f` prefix", edits))
}
