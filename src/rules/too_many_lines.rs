use super::prelude::*;
use crate::syntax::pragmas::Pragmas;
use crate::syntax::Position;

declare_rule! {
    /// ## What it does
    /// Checks for modules longer than `max-module-lines` (1000 by default),
    /// counting every line as `wc -l` does: code, comments and blank lines.
    ///
    /// ## Why is this bad?
    /// A very long module usually holds several concerns; it is hard to
    /// navigate, review and test. Splitting it into modules by responsibility
    /// keeps each one understandable.
    ///
    /// ## Example
    /// ```python
    /// # orders.py, 2400 lines: models, parsing, pricing and reports
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// # orders/models.py, orders/parsing.py, orders/pricing.py, orders/reports.py
    /// ```
    ///
    /// The message goes on line 1, or on the line of a pragma that names it.
    code: "C0302",
    symbol: "too-many-lines",
    category: Convention,
    checker: "format",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    // tokenize's ENDMARKER sits on the line after the last one, newline at
    // the end of the file or not; pylint subtracts one from its line.
    let line_count = ctx.source.lines().count();
    let limit = ctx.settings.max_module_lines;
    if line_count <= limit {
        return;
    }
    let line = pragma_line(ctx).unwrap_or(0);
    let position = Position { line, column: 0 };
    ctx.report_at(position, position, format!("Too many lines in module ({line_count}/{limit})"));
}

/// The line of the last pragma that names the message by id, else by symbol
/// (pylint's `_pragma_lineno`, keyed by the name as written).
fn pragma_line(ctx: &Context) -> Option<u32> {
    let pragmas = Pragmas::collect(ctx.module);
    let last_naming = |name: &str| {
        pragmas.pragmas.iter().rev().find(|pragma| pragma.names.iter().any(|written| written == name)).map(|p| p.line)
    };
    last_naming(ctx.rule.code).or_else(|| last_naming(ctx.rule.symbol))
}
