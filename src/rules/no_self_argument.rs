use super::no_method_argument::{first_argument_problem, function_name, FirstArgumentProblem};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for methods whose first parameter is not named `self`: plain
    /// methods (not static or class methods) of a class that is not a
    /// metaclass, with at least one parameter (`*args` and `**kwargs`
    /// count; a method taking only them is reported too).
    ///
    /// Static and class methods are recognized as for `no-method-argument`;
    /// methods with decorators whose effect is unknown, and classes whose
    /// bases cannot be followed (they might be metaclasses), are not
    /// reported.
    ///
    /// ## Why is this bad?
    /// `self` for the instance is a convention so common that any other
    /// name suggests a mistake: a missing `@staticmethod` or
    /// `@classmethod`, or a forgotten parameter.
    ///
    /// ## Example
    /// ```python
    /// class Greeter:
    ///     def greet(this):
    ///         print("hello")
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Greeter:
    ///     def greet(self):
    ///         print("hello")
    /// ```
    code: "E0213",
    symbol: "no-self-argument",
    category: Error,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    if first_argument_problem(ctx, function) == Some(FirstArgumentProblem::NotSelf) {
        let name = function_name(ctx, function);
        let message = format!("Method '{name}' should have \"self\" as first argument");
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}
