use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls that pass a keyword argument named like a
    /// positional-only parameter of a function that also takes `**kwargs`:
    /// the keyword does not fill the parameter, it lands in `**kwargs`.
    ///
    /// The callee must be known for certain, as for no-value-for-parameter
    /// (E1120): a function, lambda, method or class of this module. Keys of
    /// a literal `**{...}` count as keywords. Imported callees and builtins
    /// are not checked.
    ///
    /// ## Why is this bad?
    /// The call reads as if it gave the positional-only parameter a value,
    /// but the parameter keeps its default (or the call fails for want of
    /// it) while the value silently goes to `**kwargs`.
    ///
    /// ## Example
    /// ```python
    /// def send(sender=None, /, **kwargs):
    ///     return sender, kwargs
    ///
    /// send(sender="me", weak=True)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def send(sender=None, /, **kwargs):
    ///     return sender, kwargs
    ///
    /// send("me", weak=True)
    /// ```
    code: "W1117",
    symbol: "kwarg-superseded-by-positional-arg",
    category: Warning,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
