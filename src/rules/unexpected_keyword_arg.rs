use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls that pass a keyword argument the callee has no
    /// parameter for (and no `**kwargs` to take it).
    ///
    /// The callee must be known for certain, as for no-value-for-parameter
    /// (E1120): a function, lambda, method or class of this module.
    /// Imported callees and builtins are not checked.
    ///
    /// ## Why is this bad?
    /// The call raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// def connect(host, port=80):
    ///     return (host, port)
    ///
    /// connect("example.org", prot=8080)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def connect(host, port=80):
    ///     return (host, port)
    ///
    /// connect("example.org", port=8080)
    /// ```
    code: "E1123",
    symbol: "unexpected-keyword-arg",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
