use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports a file that CPython cannot parse (or decode). Nothing else is
    /// checked in such a file and it counts no statements, so its score is 0.
    ///
    /// ## Why is this bad?
    /// The module cannot be imported or run at all.
    ///
    /// ## Example
    /// ```python
    /// def f(:
    ///     return 1
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def f():
    ///     return 1
    /// ```
    code: "E0001",
    symbol: "syntax-error",
    category: Error,
    checker: "main",
    // Detected by the syntax layer before any rule runs; see `checker`.
    trigger: Trigger::Module(|_| {}),
}
