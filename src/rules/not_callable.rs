use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls of values that cannot be called: `None`, numbers,
    /// strings and other literals, and instances of classes of this module
    /// that have no `__call__`.
    ///
    /// The value must be certain, as pylint infers it: a name or attribute
    /// bound, wherever the call can see it, only to such a value (for
    /// `self.attr`, every `self.attr = ...` store of the class and its
    /// bases, else the class attribute; a property's return value). A call
    /// under an `if` that tests the same name or attribute (`if x:`,
    /// `if x is not None:`, `isinstance(x, ...)`) is not checked: pylint
    /// narrows the value there. Imports, parameters and attributes of
    /// classes with bases from other modules are not inferred.
    ///
    /// ## Why is this bad?
    /// The call raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// class Reader:
    ///     _convert = None
    ///
    ///     def read(self, data):
    ///         if data and self.ready:
    ///             return self._convert(data)
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Reader:
    ///     _convert = None
    ///
    ///     def read(self, data):
    ///         if self._convert is not None:
    ///             return self._convert(data)
    ///         return data
    /// ```
    code: "E1102",
    symbol: "not-callable",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
