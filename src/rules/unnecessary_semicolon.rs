use super::prelude::*;
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for a statement ended by a semicolon with nothing after it on
    /// the line (a comment aside).
    ///
    /// ## Why is this bad?
    /// Python does not need semicolons to end statements; a trailing one is
    /// noise, usually a habit from C-like languages.
    ///
    /// ## Example
    /// ```python
    /// total = 0;
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// total = 0
    /// ```
    code: "W0301",
    symbol: "unnecessary-semicolon",
    category: Warning,
    checker: "format",
    trigger: Trigger::Node(&[SEMICOLON], check),
}

fn check(ctx: &mut Context, semicolon: Node) {
    let rest_of_line = ctx.source[semicolon.end_byte()..].split(['\n', '\r']).next().unwrap_or("");
    let rest = rest_of_line.trim_start_matches([' ', '\t', '\x0c']);
    if !(rest.is_empty() || rest.starts_with('#')) {
        return;
    }
    let line = semicolon.start_position().row as u32;
    let fix = fix(ctx.source, semicolon);
    ctx.report_at(Position { line, column: 0 }, Position { line, column: 0 }, "Unnecessary semicolon").with_fix(|| fix);
}

/// Deletes the semicolon and the spaces before it.
fn fix(source: &str, semicolon: Node) -> Option<Fix> {
    let start = source[..semicolon.start_byte()].trim_end_matches([' ', '\t']).len();
    // A `;` right after a line continuation (`x = 1 \` + newline + `;`) keeps the break.
    if source[..start].ends_with(['\\', '\n', '\r']) {
        return None;
    }
    Some(Fix::new("Remove the semicolon", vec![Edit::delete(start..semicolon.end_byte())]))
}
