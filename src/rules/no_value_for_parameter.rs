use super::prelude::*;
use crate::semantic::typecheck;

declare_rule! {
    /// ## What it does
    /// Checks for calls that leave a parameter without a value: a
    /// parameter without a default that neither a positional nor a keyword
    /// argument fills.
    ///
    /// The callee must be known for certain: a function, lambda or method
    /// of this module (a method through `self`, `cls` or its class), or a
    /// class of this module (its `__new__`, or else its `__init__`, along
    /// bases of this module). Imported callees, builtins, classes with a
    /// metaclass, a class decorator or a base from another module, and
    /// calls with `*`/`**` operands that are not literals are not checked.
    /// As in pylint, a method read from its class (`Class.method(...)`)
    /// is unbound: its `self` must be passed.
    ///
    /// ## Why is this bad?
    /// The call raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// def area(width, height):
    ///     return width * height
    ///
    /// area(3)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def area(width, height):
    ///     return width * height
    ///
    /// area(3, 4)
    /// ```
    code: "E1120",
    symbol: "no-value-for-parameter",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    report_typecheck(ctx, RULE.code);
}

/// Reports the findings of `code` from the typecheck pass, which runs once
/// per module for all the rules it serves (see `semantic::typecheck`).
pub(crate) fn report_typecheck(ctx: &mut Context, code: &str) {
    let findings = ctx.shared("typecheck", |ctx| {
        let enabled = |code: &str| super::ALL.iter().any(|rule| rule.code == code && ctx.is_enabled(rule));
        typecheck::analyze(ctx.source, ctx.module.root(), ctx.semantic, &enabled)
    });
    for finding in findings.iter().filter(|finding| finding.code == code) {
        ctx.report_at(finding.start, finding.end, finding.message.clone());
    }
}
