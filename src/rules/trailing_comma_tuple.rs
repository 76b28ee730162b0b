use super::prelude::*;
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for a comma that ends a logical line (only a comment may
    /// follow it) in a statement that assigns or returns: one where an
    /// earlier token of the logical line contains `=` or is `return` or
    /// `yield`, as pylint's token scan has it (`x = 1,`, `return value,`).
    ///
    /// Like pylint, this looks at tokens only: any `=` counts, also in a
    /// keyword argument, a comparison, a string or a comment line just above.
    ///
    /// ## Why is this bad?
    /// The trailing comma silently makes the value a one-element tuple,
    /// which is rarely intended and easy to miss.
    ///
    /// ## Example
    /// ```python
    /// timeout = 30,
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// timeout = 30
    /// ```
    code: "R1707",
    symbol: "trailing-comma-tuple",
    category: Refactor,
    checker: "refactoring",
    trigger: Trigger::Module(check),
}

const MESSAGE: &str = "Disallow trailing comma tuple";

/// A token as Python's tokenizer sees it, rebuilt from the tree's leaves
/// (a string, f-strings included, is one token).
struct Leaf<'t> {
    node: Node<'t>,
    text: &'t str,
    is_comment: bool,
    /// Bracket depth before this token.
    depth: usize,
}

fn check(ctx: &mut Context) {
    let leaves = leaves(ctx);
    let mut logical_line_start = 0;
    let mut line_has_code = false;
    let mut reports = Vec::new();
    for (index, leaf) in leaves.iter().enumerate() {
        let next = leaves.get(index + 1);
        let line_ends_after = next.is_none_or(|next| breaks_line(ctx.source, leaf.node.end_byte(), next.node.start_byte()));
        if !leaf.is_comment {
            line_has_code = true;
        }
        if leaf.text == "," && leaf.depth == 0 && ends_logical_line(ctx, &leaves, index) {
            let row = leaf.node.start_position().row as u32;
            let assigns_or_returns = leaves[logical_line_start..index]
                .iter()
                .any(|before| before.text.contains('=') || matches!(before.text, "return" | "yield"));
            if assigns_or_returns {
                reports.push(row);
            }
        }
        // Python ends a logical line (NEWLINE) at a line break outside
        // brackets after code; a comment-only line gives NL and the next
        // logical line starts after it.
        let depth_after = next.map_or(0, |next| next.depth);
        if line_ends_after && depth_after == 0 && line_has_code {
            logical_line_start = index + 1;
            line_has_code = false;
        }
    }
    for row in reports {
        let at = Position { line: row, column: 0 };
        ctx.report_at(at, at, MESSAGE);
    }
}

/// Whether only a comment, then the end of the logical line, follows the
/// comma at `index` on its line (a backslash continues the line; a break
/// inside brackets is no NEWLINE).
fn ends_logical_line(ctx: &Context, leaves: &[Leaf], index: usize) -> bool {
    let comma = &leaves[index];
    let mut last = comma;
    let mut rest = leaves[index + 1..].iter();
    let mut following = rest.next();
    if let Some(comment) = following.filter(|next| {
        next.is_comment && next.node.start_position().row == comma.node.start_position().row
    }) {
        last = comment;
        following = rest.next();
    }
    following.is_none_or(|next| breaks_line(ctx.source, last.node.end_byte(), next.node.start_byte()))
}

/// The tree's leaves in source order, with strings as single tokens and the
/// bracket depth before each.
fn leaves<'t>(ctx: &Context<'_, 't>) -> Vec<Leaf<'t>> {
    let mut leaves = Vec::new();
    let mut depth: usize = 0;
    syntax::walk(ctx.module.root(), |node| {
        let is_string = node.kind_id() == STRING;
        if is_string || (node.child_count() == 0 && node.end_byte() > node.start_byte() && node.kind_id() != LINE_CONTINUATION) {
            let text = ctx.text(node);
            leaves.push(Leaf { node, text, is_comment: node.kind_id() == COMMENT, depth });
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth = depth.saturating_sub(1),
                _ => {}
            }
            return !is_string;
        }
        true
    });
    leaves
}

/// Whether the text between two tokens ends a physical line (a backslash
/// continuation does not).
fn breaks_line(source: &str, from: usize, to: usize) -> bool {
    let mut rest = source.get(from..to).unwrap_or("");
    while let Some(index) = rest.find('\n') {
        if !rest[..index].trim_end_matches('\r').ends_with('\\') {
            return true;
        }
        rest = &rest[index + 1..];
    }
    false
}
