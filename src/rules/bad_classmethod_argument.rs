use super::no_method_argument::{first_argument_problem, function_name, quoted_names, FirstArgumentProblem};
use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks for class methods whose first parameter is not one of the
    /// names of `valid-classmethod-first-arg` (`cls` by default):
    /// `@classmethod` methods, and `__new__`, `__init_subclass__` and
    /// `__class_getitem__`, in classes that are not metaclasses.
    ///
    /// Class methods are recognized by their decorators (`classmethod`,
    /// `abc.abstractclassmethod`) or by `name = classmethod(name)` in the
    /// class; methods with decorators whose effect is unknown, and classes
    /// whose bases cannot be followed, are not reported.
    ///
    /// ## Why is this bad?
    /// A conventional name for the class parameter tells readers at once
    /// that the method receives the class, not an instance.
    ///
    /// ## Example
    /// ```python
    /// class Config:
    ///     @classmethod
    ///     def load(klass, path):
    ///         return klass()
    /// ```
    ///
    /// Use instead:
    /// ```python
    /// class Config:
    ///     @classmethod
    ///     def load(cls, path):
    ///         return cls()
    /// ```
    code: "C0202",
    symbol: "bad-classmethod-argument",
    category: Convention,
    checker: "classes",
    trigger: Trigger::Node(&[FUNCTION_DEFINITION], check),
}

fn check(ctx: &mut Context, function: Node) {
    if first_argument_problem(ctx, function) == Some(FirstArgumentProblem::BadClassmethodArgument) {
        let name = function_name(ctx, function);
        let valid = quoted_names(&ctx.settings.valid_classmethod_first_arg);
        let message = format!("Class method {name} should have {valid} as first argument");
        super::too_many_branches::report_on_def(ctx, function, message);
    }
}
