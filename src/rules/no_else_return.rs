use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for an `else` (or `elif`) that follows an `if` whose body
    /// returns, and for the `else` of a `try` whose every `except` handler
    /// returns.
    ///
    /// ## Why is this bad?
    /// Once the `if` branch has returned, the `else` adds a level of
    /// indentation and nothing else: the code after the `if` only runs when
    /// the condition is false anyway.
    ///
    /// ## Example
    /// ```python
    /// def sign(x):
    ///     if x < 0:
    ///         return -1
    ///     else:
    ///         return 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def sign(x):
    ///     if x < 0:
    ///         return -1
    ///     return 1
    /// ```
    ///
    /// Only the first branch is looked at: an `if` whose body returns is
    /// reported even when a later `elif` does not.
    code: "R1705",
    symbol: "no-else-return",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Node(&[IF_STATEMENT, TRY_STATEMENT], check),
}

fn check(ctx: &mut Context, node: Node) {
    check_superfluous_else(ctx, node, RETURN_STATEMENT, "return");
}

/// pylint's `_check_superfluous_else`, shared by no-else-return/raise/break/continue:
/// an `if` whose body holds a `jump_kind` statement directly, or a `try` whose
/// every handler does, followed by `else`/`elif`.
pub(crate) fn check_superfluous_else(ctx: &mut Context, node: Node, jump_kind: u16, jump_word: &str) {
    let alternative = match node.kind_id() {
        IF_STATEMENT => {
            let Some(alternative) = node.child_by_field_id(FIELD_ALTERNATIVE) else { return };
            let holds_jump = node
                .child_by_field_id(FIELD_CONSEQUENCE)
                .is_some_and(|body| block_holds(body, jump_kind));
            if !holds_jump {
                return;
            }
            alternative
        }
        TRY_STATEMENT => {
            // pylint visits `try` for these messages only when one of these two
            // is enabled.
            if !ctx.is_enabled(&super::no_else_return::RULE)
                && !ctx.is_enabled(&super::too_many_nested_blocks::RULE)
            {
                return;
            }
            let Some(else_clause) = try_else_without_finally(node) else { return };
            let every_handler_jumps = code_children(node)
                .filter(|child| child.kind_id() == EXCEPT_CLAUSE)
                .all(|handler| syntax::body_of(handler).is_some_and(|body| block_holds(body, jump_kind)));
            if !every_handler_jumps {
                return;
            }
            else_clause
        }
        _ => return,
    };
    let message = if alternative.kind_id() == ELIF_CLAUSE {
        format!("Unnecessary \"elif\" after \"{jump_word}\", replace only that \"elif\" with \"if\"")
    } else {
        format!("Unnecessary \"else\" after \"{jump_word}\", remove the \"else\" and de-indent the code inside it")
    };
    let fix = remove_else(ctx, alternative);
    ctx.report(node, message).with_fix(|| fix);
}

/// The fix of the four no-else messages: an `elif` becomes `if`; an `else:`
/// line is dropped and its body de-indented one level. None where that is not
/// certainly right: tabs in the indentation, a comment on the `else:` line or
/// comment lines at the body's depth after its end (tree-sitter leaves them
/// out of the block; they would stay behind, indented).
pub(crate) fn remove_else(ctx: &Context, alternative: Node) -> Option<Fix> {
    let source = ctx.source;
    let keyword = alternative.start_byte();
    let else_line = line_start(source, keyword);
    let indent = &source[else_line..keyword];
    if !indent.bytes().all(|byte| byte == b' ') {
        return None;
    }
    if alternative.kind_id() == ELIF_CLAUSE {
        return Some(Fix::replace("Replace `elif` with `if`", keyword..keyword + "elif".len(), "if"));
    }
    let body = syntax::body_of(alternative)?;
    let header = source.get(keyword + "else".len()..body.start_byte())?;
    // A comment on the `else:` line has no place once the line is gone;
    // comment lines between it and the body move with the body.
    let else_line_rest = header.split('\n').next().unwrap_or(header);
    if else_line_rest.contains('#') || !header.trim_start().starts_with(':') {
        return None;
    }
    let title = "Remove the `else` and de-indent its body";
    if !header.contains('\n') {
        // `else: statement` on one line.
        return Some(Fix::new(title, vec![Edit::delete(keyword..body.start_byte())]));
    }
    // The block may begin with a comment; its first statement sets the depth.
    let first_statement = code_children(body).next()?;
    let first_line = line_start(source, first_statement.start_byte());
    let body_indent = &source[first_line..first_statement.start_byte()];
    if !body_indent.bytes().all(|byte| byte == b' ') || body_indent.len() <= indent.len() {
        return None;
    }
    let amount = body_indent.len() - indent.len();
    let end = source[body.end_byte()..].find('\n').map_or(source.len(), |at| body.end_byte() + at + 1);
    if comment_follows_at_depth(source, end, body_indent.len()) {
        return None;
    }
    // Lines that begin inside a multi-line string keep their text.
    let mut strings = Vec::new();
    body.walk_preorder(|node| {
        if node.kind_id() == STRING {
            strings.push(node.byte_range());
            return false;
        }
        true
    });
    let after_header = else_line + source[else_line..].find('\n')? + 1;
    let mut fixed = String::with_capacity(end - after_header);
    let mut offset = after_header;
    for line in source[after_header..end].split_inclusive('\n') {
        let inside_string = strings.iter().any(|range| range.start < offset && offset < range.end);
        if inside_string {
            fixed.push_str(line);
        } else {
            let spaces = line.bytes().take(amount).take_while(|byte| *byte == b' ').count();
            if spaces < amount && line[spaces..].starts_with(['\t', '\x0c']) {
                return None;
            }
            fixed.push_str(&line[spaces..]);
        }
        offset += line.len();
    }
    Some(Fix::replace(title, else_line..end, fixed))
}

/// The offset where the line holding `offset` starts.
pub(crate) fn line_start(source: &str, offset: usize) -> usize {
    source[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// Whether comment lines indented at least `depth` follow `offset` (before
/// the next line of code): comments that belong to the block that ends there.
fn comment_follows_at_depth(source: &str, offset: usize, depth: usize) -> bool {
    for line in source[offset..].lines() {
        let code = line.trim_start();
        if code.is_empty() {
            continue;
        }
        return code.starts_with('#') && line.len() - code.len() >= depth;
    }
    false
}

/// The `else` of a plain `try` (astroid's `Try`) that has no `finally`;
/// `except*` makes it a `TryStar`, which pylint does not look at.
fn try_else_without_finally(node: Node) -> Option<Node> {
    let mut else_clause = None;
    for child in code_children(node) {
        match child.kind_id() {
            FINALLY_CLAUSE => return None,
            EXCEPT_CLAUSE if is_except_star(child) => return None,
            ELSE_CLAUSE => else_clause = Some(child),
            _ => {}
        }
    }
    else_clause
}

/// `except* E:`.
pub(crate) fn is_except_star(handler: Node) -> bool {
    handler.child(1).is_some_and(|token| !token.is_named() && token.kind() == "*")
}

fn block_holds(block: Node, kind: u16) -> bool {
    code_children(block).any(|statement| statement.kind_id() == kind)
}
