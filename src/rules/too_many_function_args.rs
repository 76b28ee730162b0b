use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for calls that pass more positional arguments than the
    /// callee has positional parameters (and no `*args` to take the rest).
    /// `self` and `cls` count as passed when the method is bound.
    ///
    /// Only callees known for certain are checked: functions, lambdas and
    /// methods of this module, and classes of this module (their `__new__`
    /// or `__init__`). Imported callees, builtins, classes with a metaclass,
    /// a decorator or a base from another module, and calls with `*`
    /// operands that are not literals are not checked.
    ///
    /// ## Why is this bad?
    /// The call raises `TypeError` when it runs.
    ///
    /// ## Example
    /// ```python
    /// def greet(name):
    ///     print("hello", name)
    ///
    /// greet("ada", "lovelace")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// def greet(name):
    ///     print("hello", name)
    ///
    /// greet("ada lovelace")
    /// ```
    code: "E1121",
    symbol: "too-many-function-args",
    category: Error,
    checker: "typecheck",
    trigger: Trigger::Module(check),
}

fn check(ctx: &mut Context) {
    super::no_value_for_parameter::report_typecheck(ctx, RULE.code);
}
